"""Writes to organizations and bindings. Every state change: lock, check, save, event row."""

from typing import Any

from django.core.exceptions import ValidationError

from . import selectors
from .models import Organization

UNIT_REQUIRED_MESSAGE = "您尚未绑定工作单位或工作单位尚未审核通过，请先在“个人中心”绑定工作单位"


def require_approved_unit(*, person: Any) -> Organization:
    """Manual 一, 注: without an approved unit, entries cannot be submitted and no application made."""
    unit = selectors.person_unit(person=person)
    if unit is None:
        raise ValidationError(UNIT_REQUIRED_MESSAGE, code="unit_required")
    return unit
