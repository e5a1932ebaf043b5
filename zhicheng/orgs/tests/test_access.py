"""The predicates of orgs.access: who may act for which organization, asked by views, services
and the portal alike."""

from typing import Any

import pytest
from django.core.exceptions import ValidationError
from django.test import Client
from django.urls import reverse

from zhicheng.core.tests import factories as f
from zhicheng.orgs import access, services
from zhicheng.orgs.models import Membership, Organization, UnitBinding

pytestmark = pytest.mark.django_db


def hr_of(cast: Any) -> Organization:
    return cast.hr_reviewer.memberships.get().organization


def test_registrations_are_reviewed_by_reviewers_of_active_hr_departments_only(
    cast: Any,
) -> None:
    hr = hr_of(cast)
    assert access.reviewing_hr_departments(cast.hr_reviewer) == [hr]
    # A 单位管理员 membership at an HR department is not a 审核人 one.
    admin_there = f.UserFactory()
    f.MembershipFactory(user=admin_there, organization=hr, role=Membership.Role.UNIT_ADMIN)
    assert access.reviewing_hr_departments(admin_there) == []
    # Nor does a department that is not active review anything.
    closed = f.HrDepartmentFactory(status=Organization.Status.PENDING)
    reviewer_there = f.UserFactory()
    f.MembershipFactory(user=reviewer_there, organization=closed, role=Membership.Role.REVIEWER)
    assert access.reviewing_hr_departments(reviewer_there) == []


def test_a_unit_admin_membership_at_an_hr_department_opens_no_registration_page(
    cast: Any,
) -> None:
    hr = hr_of(cast)
    admin_there = f.UserFactory()
    f.MembershipFactory(user=admin_there, organization=hr, role=Membership.Role.UNIT_ADMIN)
    client = Client()
    client.force_login(admin_there)
    assert client.get(reverse("orgs:registrations", args=[hr.pk])).status_code == 404


def test_a_clerk_cannot_remove_clerks_even_by_calling_the_service(cast: Any) -> None:
    clerk = cast.role("clerk")
    colleague = f.PersonFactory()
    UnitBinding.objects.create(
        person=colleague, unit=cast.unit, statement="入职", status=UnitBinding.Status.APPROVED
    )
    membership = Membership.objects.create(
        user=colleague, organization=cast.unit, role=Membership.Role.CLERK
    )
    assert access.can_act_for_unit(clerk, cast.unit)
    assert not access.can_manage_clerks(clerk, cast.unit)
    with pytest.raises(ValidationError, match="单位管理员"):
        services.clerk_remove(unit=cast.unit, actor=clerk, membership_id=membership.pk)
    with pytest.raises(ValidationError, match="单位管理员"):
        services.clerk_add(
            unit=cast.unit, actor=clerk, name=colleague.name, id_number=colleague.id_number
        )
    assert Membership.objects.filter(pk=membership.pk).exists()
