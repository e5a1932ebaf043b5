"""Who may act for which organization. One condition per line; views only call these."""

from typing import Any

from django.core.exceptions import PermissionDenied
from django.http import Http404

from . import selectors
from .models import Membership, Organization, UnitBinding, UnitJoinRequest

# --- Predicates: the one place that says who may do what. Views, services, menus and portal
# tiles ask these; selectors only read.


def is_unit_admin(user: Any, unit: Organization) -> bool:
    """单位管理员: the membership, never the credit code alone (every sub-account carries it)."""
    return selectors.membership_exists(
        user=user, organization=unit, role=Membership.Role.UNIT_ADMIN
    )


def can_act_for_unit(user: Any, unit: Organization) -> bool:
    """Whether `user` manages the people of `unit` (its 单位管理员, a bound 经办人, or at a county
    HR department its 审核人)."""
    return any(acting.pk == unit.pk for acting in selectors.acting_units(user=user))


def can_manage_clerks(user: Any, unit: Organization) -> bool:
    """经办人管理: the unit's 单位管理员, who is a legal account."""
    return bool(user.is_authenticated and user.is_legal and is_unit_admin(user, unit))


def can_ask_to_join(user: Any, unit: Organization | None) -> bool:
    """申请成为单位管理员: another legal account with a registered unit's credit code."""
    return bool(
        user.is_authenticated
        and user.is_legal
        and unit is not None
        and unit.is_active
        and not is_unit_admin(user, unit)
    )


def reviewing_hr_departments(user: Any) -> list[Organization]:
    """The active HR departments for which this staff user approves unit registrations: a
    审核人 membership there. A 单位管理员 membership at an HR department grants nothing here."""
    if not user.is_authenticated or not user.is_staff_account:
        return []
    return selectors.hr_departments_with_reviewer(user=user)


def can_open_unit_home(user: Any) -> bool:
    """单位工作台: a legal person (to register its unit), or whoever manages a unit's people.

    The page and the menu ask this one question, so the menu never offers a page that refuses.
    """
    return bool(user.is_authenticated and (user.is_legal or selectors.acting_units(user=user)))


def access_acting_unit(user: Any, org_id: int) -> Organization:
    """The unit `org_id`, if `user` manages its people; otherwise 404 (no hint that it exists)."""
    for unit in selectors.acting_units(user=user):
        if unit.pk == org_id:
            return unit
    raise Http404("没有找到该单位")


def access_unit_admin(user: Any, org_id: int) -> Organization:
    """Only the unit's 单位管理员 (a legal account with that membership) names and removes clerks."""
    unit = access_acting_unit(user, org_id)
    if not user.is_legal:
        raise PermissionDenied("只有单位法人账号可以管理经办人")
    if not can_manage_clerks(user, unit):
        raise PermissionDenied("只有本单位的单位管理员可以管理经办人")
    return unit


def access_staff_binding(user: Any, org_id: int, binding_id: int) -> UnitBinding:
    """An approved binding to a unit the user manages (本单位人员 → 解除绑定)."""
    unit = access_acting_unit(user, org_id)
    binding = (
        UnitBinding.objects.filter(pk=binding_id, unit=unit, status=UnitBinding.Status.APPROVED)
        .select_related("person", "unit")
        .first()
    )
    if binding is None:
        raise Http404("没有找到该人员")
    return binding


def access_binding_for_unit(user: Any, org_id: int, binding_id: int) -> UnitBinding:
    unit = access_acting_unit(user, org_id)
    binding = UnitBinding.objects.filter(pk=binding_id, unit=unit).select_related("person").first()
    if binding is None:
        raise Http404("没有找到该申请")
    return binding


def access_own_binding(user: Any, binding_id: int) -> UnitBinding:
    binding = UnitBinding.objects.filter(pk=binding_id, person=user).first()
    if binding is None:
        raise Http404("没有找到该申请")
    return binding


def access_registration_authority(user: Any, org_id: int) -> Organization:
    for authority in reviewing_hr_departments(user):
        if authority.pk == org_id:
            return authority
    raise Http404("没有找到该机构")


def access_registration(user: Any, authority_id: int, unit_id: int) -> Organization:
    authority = access_registration_authority(user, authority_id)
    unit = Organization.objects.filter(pk=unit_id, registration_authority=authority).first()
    if unit is None:
        raise Http404("没有找到该注册申请")
    return unit


def access_join_request(user: Any, org_id: int, join_id: int) -> UnitJoinRequest:
    """A join request to a unit this user administers (its 单位管理员 only)."""
    unit = access_unit_admin(user, org_id)
    join = UnitJoinRequest.objects.filter(pk=join_id, unit=unit).select_related("user").first()
    if join is None:
        raise Http404("没有找到该申请")
    return join


def access_handover_unit(user: Any, authority_id: int, unit_id: int) -> Organization:
    """A unit registered with this HR department (its reviewer only)."""
    authority = access_registration_authority(user, authority_id)
    unit = Organization.objects.filter(
        pk=unit_id, registration_authority=authority, kind=Organization.Kind.UNIT
    ).first()
    if unit is None:
        raise Http404("没有找到该单位")
    return unit
