"""The review route from the organization tree: with and without 主管部门, freelancers, 中级/副高级."""

from typing import Any

import pytest
from django.core.exceptions import ValidationError

from zhicheng.core.tests.factories import HrDepartmentFactory, OrganizationFactory
from zhicheng.core.titles import Level
from zhicheng.orgs.models import Organization
from zhicheng.plans.tests.factories import OrganizerFactory
from zhicheng.reviews.route import DEFAULT_TOP_HR_LEVEL, review_route

pytestmark = pytest.mark.django_db
L = Organization.Level


@pytest.fixture
def tree() -> dict[str, Any]:
    province = HrDepartmentFactory(name="省人社厅", level=L.PROVINCE)
    city = HrDepartmentFactory(name="市人社局", level=L.CITY, parent=province)
    county = HrDepartmentFactory(name="区人社局", level=L.COUNTY, parent=city)
    department = OrganizationFactory(
        name="市教育局", kind=Organization.Kind.DEPARTMENT, credit_code=None, parent=city
    )
    school = OrganizationFactory(name="第一中学", parent=department)
    firm = OrganizationFactory(name="设计公司", parent=county)
    return {
        "province": province,
        "city": city,
        "county": county,
        "department": department,
        "school": school,
        "firm": firm,
        "organizer": OrganizerFactory(name="省教育厅"),
    }


def _names(route: list[Any]) -> list[tuple[str, str]]:
    return [(node.organization.name, node.label) for node in route]


def test_a_unit_with_a_department_goes_through_it_to_the_city_for_an_intermediate_plan(
    tree: dict[str, Any],
) -> None:
    route = review_route(
        unit=tree["school"],
        organizer=tree["organizer"],
        top_hr_level=DEFAULT_TOP_HR_LEVEL[Level.INTERMEDIATE],
    )
    assert _names(route) == [
        ("第一中学", "单位审核"),
        ("市教育局", "主管部门审核"),
        ("市人社局", "人社部门审核"),
        ("省教育厅", "资格审查"),
    ]


def test_a_deputy_senior_plan_goes_up_to_the_province(tree: dict[str, Any]) -> None:
    route = review_route(
        unit=tree["school"],
        organizer=tree["organizer"],
        top_hr_level=DEFAULT_TOP_HR_LEVEL[Level.DEPUTY_SENIOR],
    )
    assert [n.organization.name for n in route] == [
        "第一中学",
        "市教育局",
        "市人社局",
        "省人社厅",
        "省教育厅",
    ]


def test_a_unit_without_a_department_goes_through_its_county_then_the_city(
    tree: dict[str, Any],
) -> None:
    route = review_route(unit=tree["firm"], organizer=tree["organizer"], top_hr_level=L.CITY)
    assert _names(route) == [
        ("设计公司", "单位审核"),
        ("区人社局", "人社部门审核"),
        ("市人社局", "人社部门审核"),
        ("省教育厅", "资格审查"),
    ]


def test_a_freelancers_county_hr_department_is_their_unit_and_not_visited_twice(
    tree: dict[str, Any],
) -> None:
    city_route = review_route(unit=tree["county"], organizer=tree["organizer"], top_hr_level=L.CITY)
    assert _names(city_route) == [
        ("区人社局", "单位审核"),
        ("市人社局", "人社部门审核"),
        ("省教育厅", "资格审查"),
    ]
    county_route = review_route(
        unit=tree["county"], organizer=tree["organizer"], top_hr_level=L.COUNTY
    )
    assert _names(county_route) == [("区人社局", "单位审核"), ("省教育厅", "资格审查")]


def test_a_chain_that_stops_short_is_refused_with_a_message_for_the_applicant(
    tree: dict[str, Any],
) -> None:
    orphan = OrganizationFactory(name="孤立单位", parent=None)
    with pytest.raises(ValidationError, match="孤立单位.*没有上级审核机构"):
        review_route(unit=orphan, organizer=tree["organizer"], top_hr_level=L.CITY)


def test_a_chain_that_skips_the_required_level_is_refused(tree: dict[str, Any]) -> None:
    skipping = OrganizationFactory(name="直属单位", parent=tree["province"])
    with pytest.raises(ValidationError, match="跳过了市级人社部门"):
        review_route(unit=skipping, organizer=tree["organizer"], top_hr_level=L.CITY)


def test_a_loop_in_the_tree_is_refused(tree: dict[str, Any]) -> None:
    a = OrganizationFactory(name="甲", kind=Organization.Kind.DEPARTMENT, credit_code=None)
    b = OrganizationFactory(
        name="乙", kind=Organization.Kind.DEPARTMENT, credit_code=None, parent=a
    )
    a.parent = b
    a.save(update_fields=["parent"])
    unit = OrganizationFactory(name="丙", parent=a)
    with pytest.raises(ValidationError, match="循环"):
        review_route(unit=unit, organizer=tree["organizer"], top_hr_level=L.CITY)
