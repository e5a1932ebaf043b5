"""Small helpers for the read-only 申报一览表 of the review pages."""

from typing import Any

from django import template
from django.urls import reverse

from zhicheng.applications.models import Section
from zhicheng.applications.series_fields import fields_for

register = template.Library()


@register.filter
def professional_info(application: Any) -> list[tuple[str, str]]:
    info = application.professional_info or {}
    return [(f.label, str(info.get(f.name, ""))) for f in fields_for(application.plan.series)]


@register.filter
def sections(data: Any) -> list[tuple[str, list[Any]]]:
    return [(Section(key).label, items) for key, items in data.sections.items()]


@register.filter
def slot_files(data: Any, slot: Any) -> list[Any]:
    return list(data.attachments.get(slot.pk, []))


@register.filter
def with_urls(attachments: list[Any], desk: Any) -> list[tuple[str, str, bool, bool]]:
    """(name, url, is_image, is_pdf) for the reviewer's file view."""
    return [
        (
            a.display_name,
            reverse("reviews:attachment", args=[desk.organization.pk, a.application_id, a.pk]),
            a.is_image,
            a.is_pdf,
        )
        for a in attachments
    ]


@register.filter
def arrangement_cells(row: dict[str, Any]) -> list[tuple[str, str, bool, Any]]:
    """(kind, label, needed, current arrangement) for the 面试 and 笔试 columns."""
    return [
        ("interview", "面试", row["needs_interview"], row["interview"]),
        ("exam", "笔试", row["needs_exam"], row["exam"]),
    ]


@register.filter
def plan_title(plan: Any) -> str:
    """The plan's name, with its year in front unless the name starts with it."""
    return plan.name if plan.name.startswith(str(plan.year)) else f"{plan.year}年度 {plan.name}"
