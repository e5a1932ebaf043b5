"""Reads of 诚信档案."""

from datetime import date
from typing import Any

from .models import IntegrityRecord


def active_ban(*, person: Any, on: date) -> IntegrityRecord | None:
    """The 诚信档案 record barring `person` from applying on `on` (the one ending last), or None."""
    return (
        IntegrityRecord.objects.filter(person=person, starts_on__lte=on, ends_on__gte=on)
        .order_by("-ends_on", "-pk")
        .first()
    )
