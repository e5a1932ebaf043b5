"""诚信档案 through HTTP: the HR department's list, 新增, the record page, 提前解除, isolation."""

from datetime import timedelta
from typing import Any

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from zhicheng.core.tests.factories import HrDepartmentFactory, MembershipFactory, PersonFactory
from zhicheng.integrity.models import IntegrityRecord
from zhicheng.orgs.models import Membership, Organization

from .test_services import make

pytestmark = pytest.mark.django_db


def client_for(user: Any) -> Client:
    client = Client()
    client.force_login(user)
    return client


def hr_of(cast: Any) -> Any:
    return cast.hr_reviewer.memberships.get().organization


def test_the_list_masks_id_numbers_searches_and_filters(cast: Any) -> None:
    today = timezone.localdate()
    in_force = make(cast)
    upcoming = make(cast, cast.applicant2, starts_on=today + timedelta(days=30))
    ended = make(cast, PersonFactory(name="赵六"))
    ended.status, ended.ended_at, ended.ended_by, ended.end_reason = (
        IntegrityRecord.Status.ENDED,
        timezone.now(),
        cast.hr_reviewer,
        "复核撤销",
    )
    ended.save()
    client = client_for(cast.hr_reviewer)
    url = reverse("integrity:records", args=[hr_of(cast).pk])
    page = client.get(url).content.decode()
    number = cast.applicant.id_number
    assert number not in page and f"{number[:4]}**********{number[-4:]}" in page
    assert page.count('data-state="') == 3
    assert 'data-state="upcoming"' in page and 'data-state="ended"' in page

    def listed(**params: str) -> set[int]:
        response = client.get(url, params)
        return {record.pk for record in response.context["page"]}

    assert listed(state="in_force") == {in_force.pk}
    assert listed(state="upcoming") == {upcoming.pk}
    assert listed(state="ended") == {ended.pk}
    assert listed(state="expired") == set()
    assert listed(q="赵六") == {ended.pk}
    assert listed(q=number) == {in_force.pk}
    assert listed(q=number[:6]) == {in_force.pk, upcoming.pk, ended.pk}  # a prefix
    # A state that is not one of ours is ignored, not an error.
    assert listed(state="nonsense") == {in_force.pk, upcoming.pk, ended.pk}


def test_the_list_is_paged(cast: Any) -> None:
    for _ in range(21):
        make(cast, PersonFactory())
    client = client_for(cast.hr_reviewer)
    url = reverse("integrity:records", args=[hr_of(cast).pk])
    assert len(client.get(url).context["page"]) == 20
    second = client.get(url, {"page": "2"}).context["page"]
    assert len(second) == 1 and second.number == 2


def test_a_record_is_added_through_the_form_and_errors_stay_next_to_the_fields(
    cast: Any,
) -> None:
    client = client_for(cast.hr_reviewer)
    url = reverse("integrity:record_create", args=[hr_of(cast).pk])
    today = timezone.localdate()
    data = {
        "id_number": cast.applicant.id_number,
        "name": "别人",
        "reason": "伪造论文",
        "document_number": "测人社〔2026〕3号",
        "starts_on": today.isoformat(),
        "ends_on": (today + timedelta(days=365)).isoformat(),
    }
    response = client.post(url, data)
    assert response.status_code == 400
    assert "姓名与身份证号不一致" in response.context["form"].errors["name"][0]
    response = client.post(url, {**data, "name": cast.applicant.name})
    record = IntegrityRecord.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("integrity:record", args=[hr_of(cast).pk, record.pk])
    page = client.get(response["Location"]).content.decode()
    assert "伪造论文" in page and "测人社〔2026〕3号" in page and "提前解除" in page


def test_ending_early_from_the_record_page(cast: Any) -> None:
    record = make(cast)
    client = client_for(cast.hr_reviewer)
    end = reverse("integrity:record_end", args=[hr_of(cast).pk, record.pk])
    response = client.post(end, {"end_reason": ""})
    assert response.status_code == 400
    assert "请填写解除原因" in response.context["form"].errors["end_reason"][0]
    response = client.post(end, {"end_reason": "行政复议撤销原决定"}, follow=True)
    page = response.content.decode()
    assert "已提前解除" in page and "行政复议撤销原决定" in page
    assert 'action="' + end not in page  # no second 提前解除 form
    record.refresh_from_db()
    assert record.status == IntegrityRecord.Status.ENDED


def test_another_hr_department_neither_sees_nor_ends_the_records(cast: Any) -> None:
    record = make(cast)
    other_department = HrDepartmentFactory()
    other = MembershipFactory(organization=other_department, role=Membership.Role.REVIEWER).user
    client = client_for(other)
    own = hr_of(cast).pk
    for url in (
        reverse("integrity:records", args=[own]),
        reverse("integrity:record_create", args=[own]),
        reverse("integrity:record", args=[own, record.pk]),
    ):
        assert client.get(url).status_code == 404, url
    end = reverse("integrity:record_end", args=[own, record.pk])
    assert client.post(end, {"end_reason": "越权"}).status_code == 404
    # Through its own department's URLs the record does not exist either.
    assert (
        client.get(reverse("integrity:record", args=[other_department.pk, record.pk])).status_code
        == 404
    )
    assert (
        client.post(
            reverse("integrity:record_end", args=[other_department.pk, record.pk]),
            {"end_reason": "越权"},
        ).status_code
        == 404
    )
    listed = client.get(reverse("integrity:records", args=[other_department.pk])).context["page"]
    assert list(listed) == []
    record.refresh_from_db()
    assert record.status == IntegrityRecord.Status.ACTIVE


def test_a_reviewer_of_a_department_no_longer_active_is_refused(cast: Any) -> None:
    Organization.objects.filter(pk=hr_of(cast).pk).update(status=Organization.Status.PENDING)
    client = client_for(cast.hr_reviewer)
    assert client.get(reverse("integrity:records", args=[hr_of(cast).pk])).status_code == 404


def test_the_workbench_and_the_menu_lead_to_the_records(cast: Any) -> None:
    make(cast)
    page = client_for(cast.hr_reviewer).get(reverse("portal:staff_home")).content.decode()
    url = reverse("integrity:records", args=[hr_of(cast).pk])
    assert f'href="{url}">诚信档案<' in page.replace("\n", "") or f'href="{url}"' in page
    assert "生效中的禁止申报" in page
    issuer_page = client_for(cast.issuer).get(reverse("portal:staff_home")).content.decode()
    assert url not in issuer_page


def test_the_person_sees_the_reason_at_apply_now(cast: Any) -> None:
    """马上申报 on a plan's page is refused with the ban's reason and last day (plans' check)."""
    from zhicheng.applications.tests.factories import world

    w = world(cast)
    make(cast, w.person, reason="职称申报材料造假")
    page = client_for(w.person).get(reverse("plans:applicant_detail", args=[w.plan.pk]))
    text = page.content.decode()
    assert "诚信档案" in text and "职称申报材料造假" in text


def test_the_list_runs_the_same_queries_for_3_and_20_records(
    cast: Any, django_assert_max_num_queries: Any
) -> None:
    client = client_for(cast.hr_reviewer)
    url = reverse("integrity:records", args=[hr_of(cast).pk])
    for _ in range(3):
        make(cast, PersonFactory())
    with CaptureQueriesContext(connection) as few:
        client.get(url)
    for _ in range(17):
        make(cast, PersonFactory())
    with django_assert_max_num_queries(len(few.captured_queries)):
        client.get(url)
