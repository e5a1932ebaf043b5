"""The binding pages through HTTP: unit isolation, forged posts, double submits, clear messages."""

from typing import Any

import pytest
from django.test import Client
from django.urls import reverse

from zhicheng.core.tests import factories as f
from zhicheng.orgs import services
from zhicheng.orgs.models import Membership, Organization, UnitBinding

pytestmark = pytest.mark.django_db


def client_for(user: Any) -> Client:
    client = Client()
    client.force_login(user)
    return client


@pytest.fixture
def pending(cast: Any) -> UnitBinding:
    return services.binding_request(
        person=cast.applicant, unit_id=cast.unit.pk, statement="入职三年"
    )


def test_the_applicant_submits_a_binding_request(cast: Any) -> None:
    response = client_for(cast.applicant).post(
        reverse("orgs:binding_change"),
        {
            "is_freelancer": "no",
            "unit": cast.unit.pk,
            "unit_label": cast.unit.name,
            "statement": "入职",
        },
    )
    assert response.status_code == 302
    assert UnitBinding.objects.get(person=cast.applicant).status == "pending"


def test_a_double_clicked_submit_makes_one_request(cast: Any) -> None:
    client = client_for(cast.applicant)
    data = {"is_freelancer": "no", "unit": cast.unit.pk, "statement": "入职"}
    client.post(reverse("orgs:binding_change"), data)
    response = client.post(reverse("orgs:binding_change"), data)
    assert response.status_code == 400
    assert "待审核" in response.content.decode()
    assert UnitBinding.objects.filter(person=cast.applicant).count() == 1


def test_an_unknown_unit_gets_a_chinese_error_next_to_the_field(cast: Any) -> None:
    response = client_for(cast.applicant).post(
        reverse("orgs:binding_change"), {"is_freelancer": "no", "unit": 987654, "statement": "入职"}
    )
    assert response.status_code == 400
    assert "请点击“选择单位”" in response.content.decode()
    assert not UnitBinding.objects.exists()


def test_the_search_fragment_finds_units_by_part_of_the_name(cast: Any) -> None:
    response = client_for(cast.applicant).get(reverse("orgs:unit_search"), {"q": "测试学"})
    body = response.content.decode()
    assert cast.unit.name in body and "选择" in body
    assert cast.other_unit.name not in body
    response = client_for(cast.applicant).get(reverse("orgs:unit_search"), {"q": "不存在的单位"})
    assert "未查询到匹配的单位" in response.content.decode()


def test_the_unit_sees_and_approves_its_request(cast: Any, pending: UnitBinding) -> None:
    client = client_for(cast.unit_admin)
    page = client.get(reverse("orgs:binding_requests", args=[cast.unit.pk])).content.decode()
    assert cast.applicant.name in page
    assert cast.applicant.id_number not in page  # masked for the unit
    assert cast.applicant.id_number[:4] + "**********" in page
    response = client.post(
        reverse("orgs:binding_decide", args=[cast.unit.pk, pending.pk]), {"decision": "approve"}
    )
    assert response.status_code == 302
    pending.refresh_from_db()
    assert pending.status == "approved"
    staff = client.get(reverse("orgs:unit_staff", args=[cast.unit.pk])).content.decode()
    assert cast.applicant.name in staff


def test_another_unit_cannot_see_or_decide_the_request(cast: Any, pending: UnitBinding) -> None:
    other = client_for(cast.other_unit_admin)
    assert other.get(reverse("orgs:binding_requests", args=[cast.unit.pk])).status_code == 404
    # A forged post: its own unit in the URL, someone else's request id.
    response = other.post(
        reverse("orgs:binding_decide", args=[cast.other_unit.pk, pending.pk]),
        {"decision": "approve"},
    )
    assert response.status_code == 404
    response = other.post(
        reverse("orgs:binding_decide", args=[cast.unit.pk, pending.pk]), {"decision": "approve"}
    )
    assert response.status_code == 404
    pending.refresh_from_db()
    assert pending.status == "pending"
    own = other.get(reverse("orgs:binding_requests", args=[cast.other_unit.pk])).content.decode()
    assert cast.applicant.name not in own


def test_persons_and_staff_cannot_decide(cast: Any, pending: UnitBinding) -> None:
    url = reverse("orgs:binding_decide", args=[cast.unit.pk, pending.pk])
    for user in (cast.applicant, cast.applicant2, cast.dept_reviewer, cast.organizer, cast.admin):
        assert client_for(user).post(url, {"decision": "approve"}).status_code == 404
    pending.refresh_from_db()
    assert pending.status == "pending"


def test_a_rejection_without_reason_is_refused_with_a_message(
    cast: Any, pending: UnitBinding
) -> None:
    client = client_for(cast.unit_admin)
    response = client.post(
        reverse("orgs:binding_decide", args=[cast.unit.pk, pending.pk]),
        {"decision": "reject", "opinion": ""},
        follow=True,
    )
    assert "驳回时请填写驳回理由" in response.content.decode()
    pending.refresh_from_db()
    assert pending.status == "pending"


def test_a_clerk_acts_for_the_unit_with_a_personal_login(cast: Any, pending: UnitBinding) -> None:
    UnitBinding.objects.create(
        person=cast.applicant2, unit=cast.unit, statement="x", status=UnitBinding.Status.APPROVED
    )
    f.MembershipFactory(user=cast.applicant2, organization=cast.unit, role=Membership.Role.CLERK)
    clerk = client_for(cast.applicant2)
    assert clerk.get(reverse("portal:unit_home")).status_code == 200
    response = clerk.post(
        reverse("orgs:binding_decide", args=[cast.unit.pk, pending.pk]), {"decision": "approve"}
    )
    assert response.status_code == 302
    # ... but only the legal person names clerks.
    assert clerk.get(reverse("orgs:unit_clerks", args=[cast.unit.pk])).status_code == 403


def test_the_person_withdraws_only_their_own_request(cast: Any, pending: UnitBinding) -> None:
    url = reverse("orgs:binding_withdraw", args=[pending.pk])
    assert client_for(cast.applicant2).post(url).status_code == 404
    assert client_for(cast.applicant).post(url).status_code == 302
    pending.refresh_from_db()
    assert pending.status == "withdrawn"


def test_legal_person_of_an_unregistered_unit_registers_it(cast: Any) -> None:
    legal = f.LegalPersonFactory(unit_name="新单位")
    client = client_for(legal)
    home = client.get(reverse("portal:unit_home")).content.decode()
    assert "本单位尚未在本系统注册" in home and "单位注册" in home
    hr = cast.hr_reviewer.memberships.get().organization
    response = client.post(
        reverse("orgs:unit_register"),
        {
            "authority": hr.pk,
            "department": "",
            "is_public_institution": "no",
            "contact_name": "王经理",
            "contact_phone": "13900000009",
        },
    )
    assert response.status_code == 302
    unit = Organization.objects.get(credit_code=legal.credit_code)
    assert unit.status == "pending"
    assert "等待" in client.get(reverse("portal:unit_home")).content.decode()
    reviewer = client_for(cast.hr_reviewer)
    assert "新单位" in reviewer.get(reverse("orgs:registrations", args=[hr.pk])).content.decode()
    reviewer.post(
        reverse("orgs:registration_decide", args=[hr.pk, unit.pk]), {"decision": "approve"}
    )
    unit.refresh_from_db()
    assert unit.status == "active"
    assert "待审核绑定申请" in client.get(reverse("portal:unit_home")).content.decode()


def test_another_hr_department_cannot_decide_a_registration(cast: Any) -> None:
    legal = f.LegalPersonFactory(unit_name="新单位")
    hr = cast.hr_reviewer.memberships.get().organization
    unit = services.unit_register(
        legal_user=legal,
        authority=hr,
        department=None,
        is_public_institution=False,
        contact_name="王",
        contact_phone="13900000009",
        address="",
    )
    other_hr = f.HrDepartmentFactory()
    other_reviewer = f.UserFactory()
    f.MembershipFactory(user=other_reviewer, organization=other_hr, role=Membership.Role.REVIEWER)
    client = client_for(other_reviewer)
    assert client.get(reverse("orgs:registrations", args=[hr.pk])).status_code == 404
    response = client.post(
        reverse("orgs:registration_decide", args=[other_hr.pk, unit.pk]), {"decision": "approve"}
    )
    assert response.status_code == 404
    unit.refresh_from_db()
    assert unit.status == "pending"


def test_unit_pages_run_a_constant_number_of_queries(
    cast: Any, django_assert_max_num_queries: Any
) -> None:
    def fill(n: int) -> None:
        for _ in range(n):
            person = f.PersonFactory()
            services.binding_request(person=person, unit_id=cast.unit.pk, statement="入职")

    client = client_for(cast.unit_admin)
    url = reverse("orgs:binding_requests", args=[cast.unit.pk])
    fill(3)
    client.get(url)
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as few:
        client.get(url)
    fill(30)
    with CaptureQueriesContext(connection) as many:
        client.get(url)
    assert len(many) == len(few)


def test_batch_approval_and_unbinding_through_the_pages(cast: Any) -> None:
    first = services.binding_request(person=cast.applicant, unit_id=cast.unit.pk, statement="a")
    second = services.binding_request(person=cast.applicant2, unit_id=cast.unit.pk, statement="b")
    other = client_for(cast.other_unit_admin)
    url = reverse("orgs:bindings_approve", args=[cast.unit.pk])
    assert other.post(url, {"binding": [first.pk, second.pk]}).status_code == 404
    own = reverse("orgs:bindings_approve", args=[cast.other_unit.pk])
    response = other.post(own, {"binding": [first.pk]}, follow=True)
    assert "所选申请不存在" in response.content.decode()
    client = client_for(cast.unit_admin)
    response = client.post(url, {"binding": [first.pk, second.pk]}, follow=True)
    assert "已通过2条绑定申请" in response.content.decode()
    first.refresh_from_db()
    end = reverse("orgs:binding_end", args=[cast.unit.pk, first.pk])
    assert other.post(end, {"opinion": "x"}).status_code == 404
    response = client.post(end, {"opinion": ""}, follow=True)
    assert "请填写解除绑定的原因" in response.content.decode()
    client.post(end, {"opinion": "已调离"})
    first.refresh_from_db()
    assert first.status == "ended"
    staff = client.get(reverse("orgs:unit_staff", args=[cast.unit.pk])).content.decode()
    assert cast.applicant2.name in staff


def test_another_legal_person_cannot_manage_clerks(cast: Any) -> None:
    # A legal person of another unit who is also given a clerk role at this unit.
    f.MembershipFactory(
        user=cast.other_unit_admin, organization=cast.unit, role=Membership.Role.CLERK
    )
    client = client_for(cast.other_unit_admin)
    # A clerk role without a binding to the unit grants nothing (issue 9.7).
    assert client.get(reverse("orgs:binding_requests", args=[cast.unit.pk])).status_code == 404
    assert client.get(reverse("orgs:unit_clerks", args=[cast.unit.pk])).status_code == 404


def test_the_registration_form_suggests_the_authority_from_the_credit_code(cast: Any) -> None:
    legal: Any = f.LegalPersonFactory(unit_name="新单位")
    hr = f.HrDepartmentFactory(region_code=legal.credit_code[2:8])
    page = client_for(legal).get(reverse("orgs:unit_register")).content.decode()
    assert f'value="{hr.pk}" selected' in page


def test_the_admin_shows_bindings_read_only(cast: Any) -> None:
    binding = services.binding_request(person=cast.applicant, unit_id=cast.unit.pk, statement="x")
    client = client_for(cast.admin)
    assert client.get(reverse("admin:orgs_unitbinding_changelist")).status_code == 200
    url = reverse("admin:orgs_unitbinding_change", args=[binding.pk])
    page = client.get(url)
    assert page.status_code == 200 and 'name="_save"' not in page.content.decode()
    assert client.post(url, {"status": "approved"}).status_code == 403
    binding.refresh_from_db()
    assert binding.status == "pending"
