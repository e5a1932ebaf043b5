"""Reads of 诚信档案."""

from datetime import date
from typing import Any

from django.db.models import Count, Q, QuerySet

from .models import IntegrityRecord, IntegrityRecordEvent

S = IntegrityRecord.Status


def active_ban(*, person: Any, on: date) -> IntegrityRecord | None:
    """The 诚信档案 record barring `person` from applying on `on` (the one ending last), or None.

    A record ended early (提前解除) bars nothing, whatever its dates.
    """
    return (
        IntegrityRecord.objects.filter(
            person=person, status=S.ACTIVE, starts_on__lte=on, ends_on__gte=on
        )
        .order_by("-ends_on", "-pk")
        .first()
    )


def _state_filter(state: str, on: date) -> Q:
    return {
        "in_force": Q(status=S.ACTIVE, starts_on__lte=on, ends_on__gte=on),
        "upcoming": Q(status=S.ACTIVE, starts_on__gt=on),
        "expired": Q(status=S.ACTIVE, ends_on__lt=on),
        "ended": Q(status=S.ENDED),
    }[state]


def records_for_department(
    *, department: Any, on: date, query: str = "", state: str = ""
) -> QuerySet[IntegrityRecord]:
    """The records `department` made, newest ban first; `query` is a name or the start of an ID
    number (six digits or more, as in the review queues), `state` a key of models.STATES."""
    records = IntegrityRecord.objects.filter(hr_department=department).select_related("person")
    if state:
        records = records.filter(_state_filter(state, on))
    query = query.strip()
    if query:
        if len(query) >= 6 and query[:6].isdigit():
            records = records.filter(person__id_number__startswith=query.upper())
        else:
            records = records.filter(person__name__contains=query)
    return records


def in_force_counts(*, departments: list[Any], on: date) -> dict[int, int]:
    """Per department: its bans in force on `on` (one query for all)."""
    rows = (
        IntegrityRecord.objects.filter(hr_department__in=departments)
        .values("hr_department")
        .annotate(n=Count("pk", filter=_state_filter("in_force", on)))
    )
    return {row["hr_department"]: row["n"] for row in rows}


def record_events(*, record: IntegrityRecord) -> QuerySet[IntegrityRecordEvent]:
    return record.events.select_related("actor", "organization").order_by("created_at", "pk")
