"""Issue 9.2: acting for a unit needs a membership; a legal account's credit code alone gives
nothing (every sub-account of an enterprise at the SSO carries it)."""

from typing import Any

import pytest
from django.apps import apps as django_apps
from django.test import Client
from django.urls import reverse

from zhicheng.audit.models import AuditEvent
from zhicheng.core.tests import factories as f
from zhicheng.orgs import selectors, services
from zhicheng.orgs.models import Membership, Organization, OrganizationEvent
from zhicheng.orgs.tests.test_registration import register

pytestmark = pytest.mark.django_db


def same_code_as(unit: Organization) -> Any:
    """Anyone may register a 法人 account with a unit's credit code at the stand-in SSO."""
    return f.LegalPersonFactory(unit_name=unit.name, credit_code=unit.credit_code)


def test_a_legal_account_with_a_units_credit_code_does_not_act_for_it(cast: Any) -> None:
    intruder = same_code_as(cast.unit)
    assert selectors.acting_units(user=intruder) == []
    client = Client()
    client.force_login(intruder)
    unit_id = cast.unit.pk
    for url in (
        f"/units/{unit_id}/staff/",
        f"/units/{unit_id}/requests/",
        f"/units/{unit_id}/clerks/",
        reverse("library:unit_queue", args=[unit_id]),
    ):
        assert client.get(url).status_code == 404, url
    assert client.post(f"/units/{unit_id}/requests/approve/", {"binding": "1"}).status_code == 404
    page = client.get(reverse("portal:unit_home")).content.decode()
    assert "您的账号不是本单位的单位管理员" in page
    assert not Membership.objects.filter(user=intruder).exists()


def test_approval_makes_only_the_registrant_unit_admin(cast: Any) -> None:
    hr = cast.hr_reviewer.memberships.get().organization
    registrant = f.LegalPersonFactory(unit_name="新注册科技有限公司")
    other = f.LegalPersonFactory(unit_name="新注册科技有限公司", credit_code=registrant.credit_code)
    unit = register(registrant, hr)
    services.unit_registration_decide(
        unit=unit, authority=hr, actor=cast.hr_reviewer, approve=True, opinion=""
    )
    assert selectors.acting_units(user=registrant) == [unit]
    assert selectors.acting_units(user=other) == []
    assert not services.unit_admin_claim_first(legal_user=other)


def test_a_unit_the_administrator_created_gets_its_first_legal_account_as_admin(
    cast: Any,
) -> None:
    unit = f.OrganizationFactory(name="管理员录入的学校")
    first, second = same_code_as(unit), same_code_as(unit)
    client = Client()
    client.force_login(first)
    client.get(reverse("portal:unit_home"))
    assert selectors.acting_units(user=first) == [unit]
    assert AuditEvent.objects.filter(kind=AuditEvent.Kind.UNIT_ADMIN_CHANGED).exists()
    # The claim is made once: after it, nobody claims the unit by the code again.
    Membership.objects.filter(user=first).delete()
    assert not services.unit_admin_claim_first(legal_user=second)
    assert selectors.acting_units(user=second) == []


def test_the_migration_keeps_a_single_legal_account_and_picks_the_registrant_of_several(
    cast: Any,
) -> None:
    from importlib import import_module

    migration = import_module("zhicheng.orgs.migrations.0003_unit_admin_by_membership")
    lonely = f.OrganizationFactory(name="只有一个法人账号的单位")
    only = same_code_as(lonely)
    crowded = f.OrganizationFactory(name="多个法人账号的单位")
    early, registrant = same_code_as(crowded), same_code_as(crowded)
    OrganizationEvent.objects.create(
        unit=crowded, organization=crowded, actor=registrant, from_status="", to_status="pending"
    )
    for legal in (early, registrant):  # the old approval made every legal account admin
        Membership.objects.create(user=legal, organization=crowded, role="unit_admin")
    migration.unit_admins_by_membership(django_apps, None)
    assert selectors.acting_units(user=only) == [lonely]
    assert selectors.acting_units(user=registrant) == [crowded]
    assert selectors.acting_units(user=early) == []
    # The cast's unit admins already had theirs: nothing changes for them.
    assert selectors.acting_units(user=cast.unit_admin) == [cast.unit]
