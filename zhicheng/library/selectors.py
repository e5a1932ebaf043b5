"""Reads of the library, each a fixed number of queries whatever the number of entries."""

from dataclasses import dataclass, field
from typing import Any

from django.db.models import Count, Exists, OuterRef, Prefetch, Q, QuerySet, Subquery, Value
from django.db.models.functions import Coalesce, ExtractYear

from zhicheng.orgs.models import Organization, UnitBinding

from .models import Entry, EntryAttachment, EntryEvent

EntryStatus = Entry.Status
STATUS_ORDER = [
    EntryStatus.DRAFT,
    EntryStatus.SUBMITTED,
    EntryStatus.RETURNED,
    EntryStatus.APPROVED,
]


@dataclass
class KindCount:
    kind: str
    label: str
    total: int = 0
    by_status: dict[str, int] = field(default_factory=dict)
    # The bar's length as a multiple of 5 % of the largest kind (CSS classes, no inline styles).
    width: int = 0

    @property
    def statuses(self) -> list[tuple[str, str, int]]:
        return [(s.value, s.label, self.by_status.get(s, 0)) for s in STATUS_ORDER]


@dataclass
class LibraryStats:
    kinds: list[KindCount]
    total: int
    by_status: dict[str, int]

    @property
    def statuses(self) -> list[tuple[str, str, int]]:
        return [(s.value, s.label, self.by_status.get(s, 0)) for s in STATUS_ORDER]

    @property
    def kinds_with_entries(self) -> list[KindCount]:
        return [k for k in self.kinds if k.total]

    @property
    def returned(self) -> int:
        """待处理事项: entries the unit returned to the person."""
        return self.by_status.get(EntryStatus.RETURNED, 0)


def library_stats(*, person: Any) -> LibraryStats:
    """个人首页 业绩统计: counts per kind and status (one query)."""
    rows = (
        Entry.objects.filter(person=person)
        .values("kind", "status")
        .annotate(n=Count("pk"))
        .order_by()
    )
    kinds = {k.value: KindCount(kind=k.value, label=k.label) for k in Entry.Kind}
    by_status: dict[str, int] = {}
    for row in rows:
        count = kinds[row["kind"]]
        count.by_status[row["status"]] = row["n"]
        count.total += row["n"]
        by_status[row["status"]] = by_status.get(row["status"], 0) + row["n"]
    largest = max((k.total for k in kinds.values()), default=0)
    for count in kinds.values():
        if largest and count.total:
            count.width = max(5, round(count.total * 20 / largest) * 5)
    return LibraryStats(
        kinds=list(kinds.values()), total=sum(by_status.values()), by_status=by_status
    )


def _with_attachments(entries: QuerySet[Entry]) -> QuerySet[Entry]:
    return entries.prefetch_related(
        Prefetch("attachments", queryset=EntryAttachment.objects.order_by("created_at", "pk"))
    )


def person_entries(*, person: Any, kind: str = "", status: str = "") -> QuerySet[Entry]:
    """The library page: the person's entries with their attachments (two queries)."""
    entries = Entry.objects.filter(person=person).select_related("unit")
    if kind:
        entries = entries.filter(kind=kind)
    if status:
        entries = entries.filter(status=status)
    # Newest first by the entry's own time: its year (年度 entries have only that), then its date.
    year = Coalesce(ExtractYear("date"), ExtractYear("start_date"), "year")
    when = Coalesce("date", "start_date")
    return _with_attachments(entries).order_by(
        year.desc(nulls_last=True), when.desc(nulls_last=True), "-created_at", "-pk"
    )


def person_entry(*, person: Any, entry_id: int) -> Entry | None:
    return (
        _with_attachments(Entry.objects.filter(pk=entry_id, person=person))
        .select_related("unit")
        .prefetch_related(
            Prefetch("events", queryset=EntryEvent.objects.select_related("actor", "organization"))
        )
        .first()
    )


def _attachment_count() -> Coalesce:
    # A correlated subquery rather than JOIN + GROUP BY: it runs only for the rows of the page.
    counts = (
        EntryAttachment.objects.filter(entry=OuterRef("pk"))
        .order_by()
        .values("entry")
        .annotate(n=Count("pk"))
        .values("n")[:1]
    )
    return Coalesce(Subquery(counts), Value(0))


def _still_bound() -> Exists:
    """The entry's person is bound to the entry's unit right now (an approved binding).

    A unit reviews its current staff: once a person has changed unit or been unbound, their
    entries and files are no longer the old unit's to see (the event history stays)."""
    return Exists(
        UnitBinding.objects.filter(
            person=OuterRef("person"), unit=OuterRef("unit"), status=UnitBinding.Status.APPROVED
        )
    )


def unit_entries(*, unit: Organization) -> QuerySet[Entry]:
    """Every entry a unit may see: submitted to it (never drafts), by someone it still employs."""
    return Entry.objects.filter(_still_bound(), unit=unit).exclude(status=EntryStatus.DRAFT)


def unit_queue(
    *, unit: Organization, kind: str = "", status: str = "", person_query: str = ""
) -> QuerySet[Entry]:
    """The unit's queue, filterable. Waiting entries oldest first (first come, first served);
    decided ones newest first.

    `unit=` scopes it to entries submitted to this unit, and `_still_bound` to its current staff.
    """
    entries = (
        unit_entries(unit=unit)
        .select_related("person")
        .annotate(attachment_count=_attachment_count())
    )
    if kind:
        entries = entries.filter(kind=kind)
    if status:
        entries = entries.filter(status=status)
    person_query = person_query.strip()
    if person_query:
        entries = entries.filter(
            Q(person__name__contains=person_query) | Q(person__id_number=person_query.upper())
        )
    if status == EntryStatus.SUBMITTED:
        return entries.order_by("submitted_at", "pk")
    return entries.order_by("-submitted_at", "-pk")


def unit_queue_counts(*, unit: Organization) -> dict[str, int]:
    rows = unit_entries(unit=unit).values("status").annotate(n=Count("pk")).order_by()
    return {row["status"]: row["n"] for row in rows}


def unit_entry(*, unit: Organization, entry_id: int) -> Entry | None:
    return (
        _with_attachments(unit_entries(unit=unit).filter(pk=entry_id))
        .select_related("person", "unit")
        .prefetch_related(
            Prefetch("events", queryset=EntryEvent.objects.select_related("actor", "organization"))
        )
        .first()
    )


def unit_attachment(*, unit: Organization, attachment_id: int) -> EntryAttachment | None:
    entries = unit_entries(unit=unit)
    return (
        EntryAttachment.objects.filter(pk=attachment_id, entry__in=entries)
        .select_related("entry")
        .first()
    )


def unit_pending_counts(*, unit_ids: list[int]) -> dict[int, int]:
    """Entries waiting for each unit's review (单位工作台 业绩审核), in one query."""
    rows = (
        Entry.objects.filter(_still_bound(), unit_id__in=unit_ids, status=Entry.Status.SUBMITTED)
        .values_list("unit_id")
        .annotate(n=Count("pk"))
    )
    return {unit_id: n for unit_id, n in rows}
