"""Who may act for which organization. One condition per line; views only call these."""

from typing import Any

from django.core.exceptions import PermissionDenied
from django.http import Http404

from . import selectors
from .models import Organization, UnitBinding


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
    if not selectors.is_unit_admin(user=user, unit=unit):
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
    for authority in selectors.reviewing_hr_departments(user=user):
        if authority.pk == org_id:
            return authority
    raise Http404("没有找到该机构")


def access_registration(user: Any, authority_id: int, unit_id: int) -> Organization:
    authority = access_registration_authority(user, authority_id)
    unit = Organization.objects.filter(pk=unit_id, registration_authority=authority).first()
    if unit is None:
        raise Http404("没有找到该注册申请")
    return unit
