"""Issue 9.2 (rest): another legal account with a unit's credit code asks to join; the unit's
单位管理员 approves or refuses; a unit without an administrator is handed over by its
registration authority."""

from typing import Any

import pytest
from django.core.exceptions import ValidationError
from django.test import Client
from django.urls import reverse

from zhicheng.audit.models import AuditEvent
from zhicheng.core.tests import factories as f
from zhicheng.orgs import access, selectors, services
from zhicheng.orgs.models import Membership, OrganizationEvent, UnitJoinRequest

pytestmark = pytest.mark.django_db


def client_for(user: Any) -> Client:
    client = Client()
    client.force_login(user)
    return client


def same_code_as(unit: Any) -> Any:
    return f.LegalPersonFactory(unit_name=unit.name, credit_code=unit.credit_code)


def _hr(cast: Any) -> Any:
    return cast.hr_reviewer.memberships.get().organization


def _admin_audits(action: str) -> int:
    return AuditEvent.objects.filter(
        kind=AuditEvent.Kind.UNIT_ADMIN_CHANGED, detail__action=action
    ).count()


def test_another_legal_account_asks_to_join_and_the_unit_admin_approves(cast: Any) -> None:
    other = same_code_as(cast.unit)
    page = client_for(other).get(reverse("portal:unit_home")).content.decode()
    assert "您的账号不是本单位的单位管理员" in page and "申请成为单位管理员" in page

    response = client_for(other).post(reverse("orgs:unit_join"), {"statement": "人事部门负责人"})
    assert response.status_code == 302
    join = UnitJoinRequest.objects.get(unit=cast.unit, user=other)
    assert join.status == UnitJoinRequest.Status.PENDING
    assert _admin_audits("join_requested") == 1
    assert (
        "正在等待本单位的单位管理员审核"
        in client_for(other).get(reverse("portal:unit_home")).content.decode()
    )
    assert selectors.acting_units(user=other) == []

    admin = client_for(cast.unit_admin)
    clerks_page = admin.get(reverse("orgs:unit_clerks", args=[cast.unit.pk])).content.decode()
    assert "单位管理员加入申请" in clerks_page and other.name in clerks_page
    events_before = OrganizationEvent.objects.filter(unit=cast.unit).count()
    url = reverse("orgs:join_decide", args=[cast.unit.pk, join.pk])
    assert admin.post(url, {"decision": "approve"}).status_code == 302

    join.refresh_from_db()
    assert join.status == UnitJoinRequest.Status.APPROVED and join.decided_by == cast.unit_admin
    assert selectors.acting_units(user=other) == [cast.unit]
    assert access.is_unit_admin(other, cast.unit)
    assert OrganizationEvent.objects.filter(unit=cast.unit).count() == events_before + 1
    assert _admin_audits("join_approved") == 1


def test_the_unit_admin_refuses_with_an_opinion(cast: Any) -> None:
    other = same_code_as(cast.unit)
    join = services.unit_join_request(legal_user=other)
    with pytest.raises(ValidationError):
        services.unit_join_decide(join=join, actor=cast.unit_admin, approve=False, opinion="")
    services.unit_join_decide(
        join=join, actor=cast.unit_admin, approve=False, opinion="不是本单位人员"
    )
    assert not Membership.objects.filter(user=other).exists()
    assert _admin_audits("join_rejected") == 1
    page = client_for(other).get(reverse("portal:unit_home")).content.decode()
    assert "您的申请未获同意：不是本单位人员" in page
    # Asking again is possible after a refusal; a second pending request is not.
    services.unit_join_request(legal_user=other)
    with pytest.raises(ValidationError, match="正在等待"):
        services.unit_join_request(legal_user=other)


def test_only_the_units_admin_decides(cast: Any) -> None:
    join = services.unit_join_request(legal_user=same_code_as(cast.unit))
    url = reverse("orgs:join_decide", args=[cast.unit.pk, join.pk])
    assert client_for(cast.role("clerk")).post(url, {"decision": "approve"}).status_code == 403
    assert client_for(cast.other_unit_admin).post(url, {"decision": "approve"}).status_code == 404
    other_url = reverse("orgs:join_decide", args=[cast.other_unit.pk, join.pk])
    assert (
        client_for(cast.other_unit_admin).post(other_url, {"decision": "approve"}).status_code
        == 404
    )
    join.refresh_from_db()
    assert join.status == UnitJoinRequest.Status.PENDING


def test_an_admin_cannot_ask_to_join_and_nobody_joins_an_unregistered_unit(cast: Any) -> None:
    with pytest.raises(ValidationError, match="已是本单位的单位管理员"):
        services.unit_join_request(legal_user=cast.unit_admin)
    with pytest.raises(ValidationError, match="尚未在本系统注册"):
        services.unit_join_request(legal_user=f.LegalPersonFactory(unit_name="未注册公司"))


def test_a_unit_whose_admin_is_gone_is_handed_over_by_its_registration_authority(
    cast: Any,
) -> None:
    hr = _hr(cast)
    unit = f.OrganizationFactory(name="管理员离职的公司", registration_authority=hr)
    gone = same_code_as(unit)
    f.MembershipFactory(user=gone, organization=unit, role=Membership.Role.UNIT_ADMIN)
    successor = same_code_as(unit)
    services.unit_join_request(legal_user=successor, statement="新任法定代表人")
    reviewer = client_for(cast.hr_reviewer)
    page_url = reverse("orgs:handovers", args=[hr.pk])
    assert [item["unit"] for item in selectors.units_without_admin(authority=hr)] == []

    gone.is_active = False
    gone.save(update_fields=["is_active"])
    page = reviewer.get(page_url).content.decode()
    assert "管理员离职的公司" in page and "（已申请加入）" in page
    url = reverse("orgs:handover", args=[hr.pk, unit.pk])
    stranger = f.LegalPersonFactory(unit_name="别的公司")
    reviewer.post(url, {"legal_user": stranger.pk})
    assert not access.is_unit_admin(stranger, unit)
    assert reviewer.post(url, {"legal_user": successor.pk, "opinion": "核实"}).status_code == 302

    assert selectors.acting_units(user=successor) == [unit]
    assert _admin_audits("handover") == 1
    assert OrganizationEvent.objects.filter(
        unit=unit, organization=hr, actor=cast.hr_reviewer
    ).exists()
    assert UnitJoinRequest.objects.get(user=successor).status == UnitJoinRequest.Status.APPROVED
    assert [item["unit"] for item in selectors.units_without_admin(authority=hr)] == []


def test_a_unit_with_an_admin_is_not_handed_over_and_other_authorities_see_nothing(
    cast: Any,
) -> None:
    hr = _hr(cast)
    unit = f.OrganizationFactory(name="有管理员的公司", registration_authority=hr)
    f.MembershipFactory(user=same_code_as(unit), organization=unit, role=Membership.Role.UNIT_ADMIN)
    with pytest.raises(ValidationError, match="仍有单位管理员"):
        services.unit_admin_handover(
            unit=unit, authority=hr, legal_user=same_code_as(unit), actor=cast.hr_reviewer
        )
    url = reverse("orgs:handover", args=[hr.pk, unit.pk])
    assert client_for(cast.dept_reviewer).post(url, {"legal_user": "1"}).status_code == 404
