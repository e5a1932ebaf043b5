"""Unit registration (法人登录) and its approval by the county HR department; clerks."""

from typing import Any

import pytest
from django.core.exceptions import ValidationError

from zhicheng.core.tests import factories as f
from zhicheng.orgs import selectors, services, transitions
from zhicheng.orgs.models import Membership, Organization, OrganizationEvent, UnitBinding

pytestmark = pytest.mark.django_db


@pytest.fixture
def legal(db: Any) -> Any:
    return f.LegalPersonFactory(unit_name="新注册科技有限公司", phone="13900000001")


@pytest.fixture
def hr(cast: Any) -> Organization:
    return cast.hr_reviewer.memberships.get().organization


def register(legal: Any, hr: Organization, **extra: Any) -> Organization:
    fields = {
        "legal_user": legal,
        "authority": hr,
        "department": None,
        "is_public_institution": False,
        "contact_name": "王经理",
        "contact_phone": "13900000001",
        "address": "合肥市蜀山区",
    }
    fields.update(extra)
    return services.unit_register(**fields)


def test_registration_takes_name_and_code_from_the_sso(legal: Any, hr: Organization) -> None:
    unit = register(legal, hr)
    assert (unit.name, unit.credit_code) == ("新注册科技有限公司", legal.credit_code)
    assert unit.status == Organization.Status.PENDING
    assert unit.parent == hr and unit.registration_authority == hr
    assert selectors.unit_for_credit_code(credit_code=legal.credit_code) is None
    assert selectors.acting_units(user=legal) == []


def test_a_department_becomes_the_next_review_level(
    cast: Any, legal: Any, hr: Organization
) -> None:
    department = cast.unit.parent
    unit = register(legal, hr, department=department, is_public_institution=True)
    assert unit.parent == department
    assert unit.registration_authority == hr


def test_approval_makes_the_legal_person_unit_admin(
    cast: Any, legal: Any, hr: Organization
) -> None:
    unit = register(legal, hr)
    services.unit_registration_decide(
        unit=unit, authority=hr, actor=cast.hr_reviewer, approve=True, opinion=""
    )
    unit.refresh_from_db()
    assert unit.status == Organization.Status.ACTIVE
    assert Membership.objects.filter(user=legal, organization=unit, role="unit_admin").exists()
    assert selectors.acting_units(user=legal) == [unit]
    assert [e.to_status for e in OrganizationEvent.objects.filter(unit=unit)] == [
        "pending",
        "active",
    ]


def test_a_rejected_registration_can_be_corrected_and_resubmitted(
    cast: Any, legal: Any, hr: Organization
) -> None:
    unit = register(legal, hr)
    with pytest.raises(ValidationError):
        services.unit_registration_decide(
            unit=unit, authority=hr, actor=cast.hr_reviewer, approve=False, opinion=""
        )
    services.unit_registration_decide(
        unit=unit, authority=hr, actor=cast.hr_reviewer, approve=False, opinion="联系电话有误"
    )
    unit.refresh_from_db()
    assert (unit.status, unit.registration_opinion) == ("rejected", "联系电话有误")
    again = register(legal, hr, contact_phone="13900000002")
    assert again.pk == unit.pk
    assert (again.status, again.contact_phone, again.registration_opinion) == (
        "pending",
        "13900000002",
        "",
    )


def test_it_refuses_a_second_registration(legal: Any, hr: Organization) -> None:
    register(legal, hr)
    with pytest.raises(ValidationError, match="等待"):
        register(legal, hr)
    assert Organization.objects.filter(credit_code=legal.credit_code).count() == 1


def test_a_registered_unit_cannot_register_again(cast: Any) -> None:
    hr = cast.hr_reviewer.memberships.get().organization
    with pytest.raises(ValidationError, match="已完成注册"):
        register(cast.unit_admin, hr)


def test_the_authority_must_be_a_county_hr_department(cast: Any, legal: Any) -> None:
    city = f.HrDepartmentFactory(level=Organization.Level.CITY)
    with pytest.raises(ValidationError) as error:
        register(legal, city)
    assert "authority" in error.value.message_dict
    with pytest.raises(ValidationError):
        register(legal, cast.other_unit)


def test_the_contact_phone_is_checked(legal: Any, hr: Organization) -> None:
    with pytest.raises(ValidationError) as error:
        register(legal, hr, contact_phone="12345")
    assert "contact_phone" in error.value.message_dict
    assert not Organization.objects.filter(credit_code=legal.credit_code).exists()


def test_only_legal_persons_register(cast: Any, hr: Organization) -> None:
    with pytest.raises(ValidationError):
        register(cast.applicant, hr)


def test_another_hr_department_cannot_decide(cast: Any, legal: Any, hr: Organization) -> None:
    unit = register(legal, hr)
    other_hr = f.HrDepartmentFactory()
    with pytest.raises(ValidationError, match="不由本机构审核"):
        services.unit_registration_decide(
            unit=unit, authority=other_hr, actor=cast.hr_reviewer, approve=True, opinion=""
        )


def test_registration_graph_edges(cast: Any, legal: Any, hr: Organization) -> None:
    reached = set()

    def step(action: Any) -> None:
        before = Organization.objects.get(credit_code=legal.credit_code).status
        action()
        after = Organization.objects.get(credit_code=legal.credit_code).status
        reached.add((before, after))

    unit = register(legal, hr)

    def decide(approve: bool, opinion: str = "") -> Any:
        return lambda: services.unit_registration_decide(
            unit=unit, authority=hr, actor=cast.hr_reviewer, approve=approve, opinion=opinion
        )

    step(decide(False, "补充材料"))
    step(lambda: register(legal, hr))
    step(decide(True))
    allowed = {(s, d) for s, ds in transitions.REGISTRATION_ALLOWED.items() for d in ds}
    assert reached == allowed
    with pytest.raises(ValidationError):
        services.unit_registration_decide(
            unit=unit, authority=hr, actor=cast.hr_reviewer, approve=False, opinion="x"
        )


def employ(person: Any, unit: Any, admin: Any) -> None:
    binding = services.binding_request(person=person, unit_id=unit.pk, statement="入职")
    services.binding_decide(binding=binding, unit=unit, actor=admin, approve=True, opinion="")


def test_a_clerk_must_work_at_the_unit(cast: Any) -> None:
    with pytest.raises(ValidationError, match="已绑定本单位的个人账号"):
        services.clerk_add(
            unit=cast.unit,
            actor=cast.unit_admin,
            name=cast.applicant2.name,
            id_number=cast.applicant2.id_number,
        )


def test_the_clerk_form_does_not_tell_whether_an_id_number_has_an_account(cast: Any) -> None:
    """Issue 9.8: "尚未绑定本单位" vs "没有找到…" told a unit who has an account."""

    def message(name: str, id_number: str) -> list[str]:
        with pytest.raises(ValidationError) as caught:
            services.clerk_add(
                unit=cast.unit, actor=cast.unit_admin, name=name, id_number=id_number
            )
        return caught.value.messages

    unbound = message(cast.applicant2.name, cast.applicant2.id_number)
    unknown = message("无此人", f.PersonFactory.build().id_number)
    assert unbound == unknown


def test_a_clerk_whose_binding_ended_no_longer_acts_for_the_unit(cast: Any) -> None:
    """Issue 9.7: a clerk membership that outlived its binding (the race) grants nothing."""
    employ(cast.applicant2, cast.unit, cast.unit_admin)
    Membership.objects.create(user=cast.applicant2, organization=cast.unit, role="clerk")
    assert selectors.acting_units(user=cast.applicant2) == [cast.unit]
    UnitBinding.objects.filter(person=cast.applicant2).update(status="ended")
    assert selectors.acting_units(user=cast.applicant2) == []


def test_a_clerk_who_leaves_the_unit_stops_being_clerk(cast: Any) -> None:
    employ(cast.applicant2, cast.unit, cast.unit_admin)
    services.clerk_add(
        unit=cast.unit,
        actor=cast.unit_admin,
        name=cast.applicant2.name,
        id_number=cast.applicant2.id_number,
    )
    binding = selectors.person_binding(person=cast.applicant2)
    services.binding_end(binding=binding, unit=cast.unit, actor=cast.unit_admin, opinion="已调离")
    assert selectors.acting_units(user=cast.applicant2) == []
    assert selectors.person_unit(person=cast.applicant2) is None


def test_a_clerk_is_found_by_name_and_id_number(cast: Any) -> None:
    employ(cast.applicant2, cast.unit, cast.unit_admin)
    membership = services.clerk_add(
        unit=cast.unit,
        actor=cast.unit_admin,
        name=cast.applicant2.name,
        id_number=cast.applicant2.id_number,
    )
    assert membership.role == Membership.Role.CLERK
    assert selectors.acting_units(user=cast.applicant2) == [cast.unit]
    with pytest.raises(ValidationError, match="已是本单位经办人"):
        services.clerk_add(
            unit=cast.unit,
            actor=cast.unit_admin,
            name=cast.applicant2.name,
            id_number=cast.applicant2.id_number,
        )
    services.clerk_remove(unit=cast.unit, actor=cast.unit_admin, membership_id=membership.pk)
    assert selectors.acting_units(user=cast.applicant2) == []


def test_a_clerk_needs_a_matching_name(cast: Any) -> None:
    with pytest.raises(ValidationError, match="姓名与身份证号一致"):
        services.clerk_add(
            unit=cast.unit, actor=cast.unit_admin, name="别人", id_number=cast.applicant2.id_number
        )
    with pytest.raises(ValidationError):
        services.clerk_add(unit=cast.unit, actor=cast.unit_admin, name="张伟", id_number="123")


def test_a_unit_cannot_remove_another_units_clerk(cast: Any) -> None:
    employ(cast.applicant2, cast.unit, cast.unit_admin)
    membership = services.clerk_add(
        unit=cast.unit,
        actor=cast.unit_admin,
        name=cast.applicant2.name,
        id_number=cast.applicant2.id_number,
    )
    with pytest.raises(ValidationError):
        services.clerk_remove(
            unit=cast.other_unit, actor=cast.other_unit_admin, membership_id=membership.pk
        )
    assert Membership.objects.filter(pk=membership.pk).exists()


def test_each_registration_event_names_the_organization_that_acted(
    cast: Any, legal: Any, hr: Organization
) -> None:
    unit = register(legal, hr)
    services.unit_registration_decide(
        unit=unit, authority=hr, actor=cast.hr_reviewer, approve=False, opinion="材料不全"
    )
    register(legal, hr)
    events = OrganizationEvent.objects.filter(unit=unit)
    assert [(e.to_status, e.organization, e.actor) for e in events] == [
        ("pending", unit, legal),
        ("rejected", hr, cast.hr_reviewer),
        ("pending", unit, legal),
    ]
