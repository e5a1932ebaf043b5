"""Reads of plans and standards, with their joins done here."""

from datetime import datetime
from typing import Any

from django.db.models import Prefetch, QuerySet

from zhicheng.orgs.models import Membership, Organization

from .models import EvaluationStandard, PerformanceCategory, ReviewPlan


def organizer_orgs(*, user: Any) -> list[Organization]:
    """The 评委会组建单位 for which `user` is 计划管理员."""
    if not user.is_authenticated or not user.is_staff_account:
        return []
    memberships = Membership.objects.filter(
        user=user,
        role=Membership.Role.ORGANIZER,
        organization__kind=Organization.Kind.ORGANIZER,
        organization__status=Organization.Status.ACTIVE,
    ).select_related("organization")
    # A fixed order: the first is the default where one must be picked.
    memberships = memberships.order_by("organization__name", "organization__pk")
    return [membership.organization for membership in memberships]


def committees_for_organizers(*, organizers: list[Organization]) -> QuerySet[Organization]:
    return Organization.objects.filter(
        kind=Organization.Kind.COMMITTEE, parent__in=organizers
    ).order_by("name")


def plan_search(
    *,
    statuses: tuple[str, ...] = (ReviewPlan.Status.PUBLISHED,),
    name: str = "",
    year: int | None = None,
    level: str = "",
    plan_type: str = "",
    organizers: list[Organization] | None = None,
) -> QuerySet[ReviewPlan]:
    """评审计划 search (manual 四(一)(3)): by 计划名称, 年度, 评审级别, 计划类型."""
    plans = ReviewPlan.objects.filter(status__in=statuses).select_related("committee")
    if organizers is not None:
        plans = plans.filter(organizer__in=organizers)
    if name:
        plans = plans.filter(name__contains=name)
    if year is not None:
        plans = plans.filter(year=year)
    if level:
        plans = plans.filter(level=level)
    if plan_type:
        plans = plans.filter(plan_type=plan_type)
    return plans.order_by("-year", "-starts_at", "-id")


def plans_latest_open(*, now: datetime, limit: int = 5) -> list[ReviewPlan]:
    """个人首页 最新计划信息: published plans whose 申报 window is open now, newest first."""
    return list(
        ReviewPlan.objects.filter(
            status=ReviewPlan.Status.PUBLISHED, starts_at__lte=now, ends_at__gte=now
        )
        .select_related("committee")
        .order_by("-starts_at", "-id")[:limit]
    )


def plan_with_details(*, plan_id: int) -> ReviewPlan | None:
    """A plan with everything its page shows, in a fixed number of queries."""
    categories = PerformanceCategory.objects.order_by("position", "pk")
    return (
        ReviewPlan.objects.filter(pk=plan_id)
        .select_related("committee", "organizer")
        .prefetch_related(
            "specialties",
            "slots",
            "files",
            Prefetch(
                "standards",
                queryset=EvaluationStandard.objects.prefetch_related(
                    Prefetch("categories", queryset=categories)
                ),
            ),
        )
        .first()
    )


def standards_for_organizers(*, organizers: list[Organization]) -> QuerySet[EvaluationStandard]:
    return (
        EvaluationStandard.objects.filter(organizer__in=organizers)
        .select_related("organizer")
        .prefetch_related("categories")
        .order_by("series", "level", "name")
    )
