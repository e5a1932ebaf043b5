"""Reads of applications, each with a fixed number of queries (select_related / prefetch)."""

from dataclasses import dataclass, field
from typing import Any

from django.db.models import Prefetch, QuerySet
from django.urls import reverse
from django.utils import timezone

from zhicheng.library.models import Entry
from zhicheng.plans.models import PerformanceCategory, ReviewPlan

from .models import (
    Application,
    ApplicationAttachment,
    ApplicationEvent,
    CurrentTitle,
    ImportedEntry,
    Section,
)

S = Application.Status
# Every state but 已删除: under review, decided, approved all stay on the person's record.
ACTIVE = tuple(status for status in S if status != S.DELETED)
# Still being decided: its imported entries stay locked in the library until the result is final.
IN_PROGRESS = (S.DRAFT, S.SUBMITTED, S.QUALIFYING, S.AWAITING, S.PASSED, S.PUBLICITY)


# --- Hooks of lower apps ------------------------------------------------------------------------


def plan_has_applications(plan: ReviewPlan) -> bool:
    """plans.hooks.plan_in_use: any application (deleted ones too: they were made under its rules)."""
    return Application.objects.filter(plan_id=plan.pk).exists()


def apply_start_url(plan: ReviewPlan) -> str:
    """plans.hooks.apply_start_url: 马上申报 leads to 申报职称选择."""
    return reverse("applications:choose", kwargs={"plan_id": plan.pk})


def entry_used_by(entry: Entry) -> list[str]:
    """library.hooks.entry_used_by: the active applications that imported the entry."""
    applications = (
        Application.objects.filter(imports__entry_id=entry.pk, status__in=IN_PROGRESS)
        .distinct()
        .order_by("pk")
    )
    return [application.label for application in applications]


# --- The applicant's pages ----------------------------------------------------------------------


def _listed(queryset: QuerySet[Application]) -> QuerySet[Application]:
    return queryset.select_related("plan", "plan__committee", "specialty", "standard")


def current_applications(*, person: Any, today_year: int | None = None) -> list[Application]:
    """当前申报记录: the person's applications of this plan year and later (not deleted)."""
    year = today_year or timezone.localdate().year
    queryset = Application.objects.filter(person=person, status__in=ACTIVE, year__gte=year)
    events = Prefetch(
        "events", queryset=ApplicationEvent.objects.select_related("actor", "organization")
    )
    return list(_listed(queryset).prefetch_related(events).order_by("-year", "-created_at"))


def history_applications(*, person: Any, today_year: int | None = None) -> QuerySet[Application]:
    """我的历史记录: earlier years' applications (not deleted), newest first."""
    year = today_year or timezone.localdate().year
    queryset = Application.objects.filter(person=person, status__in=ACTIVE, year__lt=year)
    return _listed(queryset).order_by("-year", "-created_at")


def last_application(*, person: Any, before_year: int) -> Application | None:
    """The person's most recent earlier application: its 基本信息 and 现有职称 prefill a new one."""
    return (
        Application.objects.filter(person=person, year__lt=before_year)
        .exclude(status=S.DELETED)
        .prefetch_related("titles__appointments")
        .order_by("-year", "-created_at")
        .first()
    )


def active_application_in_year(*, person: Any, year: int) -> Application | None:
    return (
        Application.objects.filter(person=person, year=year, status__in=ACTIVE)
        .select_related("plan")
        .first()
    )


@dataclass
class CategoryBlock:
    category: PerformanceCategory
    imports: list[ImportedEntry] = field(default_factory=list)


@dataclass
class ApplicationData:
    """Everything on the form and the overviews, read at once (a constant number of queries)."""

    application: Application
    titles: list[CurrentTitle]
    sections: dict[str, list[ImportedEntry]]
    categories: list[CategoryBlock]
    slots: list[Any]
    attachments: dict[int, list[ApplicationAttachment]]
    entries: dict[int, Entry]
    exam: bool

    @property
    def imports(self) -> list[ImportedEntry]:
        found = [item for items in self.sections.values() for item in items]
        return found + [item for block in self.categories for item in block.imports]

    @property
    def slot_rows(self) -> list[tuple[Any, list[ApplicationAttachment]]]:
        return [(slot, self.attachments.get(slot.pk, [])) for slot in self.slots]

    @property
    def all_attachments(self) -> list[ApplicationAttachment]:
        return [a for slot in self.slots for a in self.attachments.get(slot.pk, [])]


def application_data(application: Application) -> ApplicationData:
    """The application with its titles, imports, slots and files (about ten queries, whatever
    the number of entries)."""
    titles = list(
        CurrentTitle.objects.filter(application=application).prefetch_related(
            "appointments", "documents"
        )
    )
    imports = list(ImportedEntry.objects.filter(application=application).order_by("position", "pk"))
    entries = {
        entry.pk: entry
        for entry in Entry.objects.filter(
            pk__in=[item.entry_id for item in imports if item.entry_id]
        ).only("pk", "person_id", "status", "kind")
    }
    sections: dict[str, list[ImportedEntry]] = {
        value: [] for value in Section.values if value != Section.PERFORMANCE
    }
    by_category: dict[int, list[ImportedEntry]] = {}
    for item in imports:
        if item.section == Section.PERFORMANCE and item.category_id:
            by_category.setdefault(item.category_id, []).append(item)
        elif item.section in sections:
            sections[item.section].append(item)
    categories = [
        CategoryBlock(category, by_category.get(category.pk, []))
        for category in PerformanceCategory.objects.filter(standard_id=application.standard_id)
    ]
    exam = application.specialty.exam_required
    slots = [slot for slot in application.plan.slots.all() if exam or not slot.exam_only]
    attachments: dict[int, list[ApplicationAttachment]] = {}
    for attachment in ApplicationAttachment.objects.filter(application=application).select_related(
        "slot"
    ):
        attachments.setdefault(attachment.slot_id, []).append(attachment)
    return ApplicationData(
        application=application,
        titles=titles,
        sections=sections,
        categories=categories,
        slots=slots,
        attachments=attachments,
        entries=entries,
        exam=exam,
    )


def importable_entries(
    *, application: Application, kinds: list[str]
) -> tuple[list[Entry], set[int]]:
    """The person's approved entries of `kinds`, and which of them this application already has."""
    entries = list(
        Entry.objects.filter(
            person_id=application.person_id, kind__in=kinds, status=Entry.Status.APPROVED
        ).order_by("kind", "-start_date", "-year", "-date", "-pk")
    )
    used = set(
        ImportedEntry.objects.filter(application=application, entry__isnull=False).values_list(
            "entry_id", flat=True
        )
    )
    return entries, used  # type: ignore[return-value]


def home_summary(*, person: Any) -> dict[str, Any]:
    """个人首页 · 我的申报情况: the current applications (with state) and how many in all."""
    current = current_applications(person=person)
    total = Application.objects.filter(person=person, status__in=ACTIVE).count()
    return {"current": current, "total": total}
