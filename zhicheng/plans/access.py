"""Who may see or change which plan. One condition per line; views only call these.

An organizer (计划管理员) acts only on its own organization's plans and standards: anything else is
404, with no hint that it exists. Applicants see published (and closed) plans only.
"""

from collections.abc import Callable
from functools import wraps
from typing import Any

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse

from . import selectors
from .models import (
    AttachmentSlot,
    EvaluationStandard,
    PerformanceCategory,
    PlanFile,
    PlanSpecialty,
    ReviewPlan,
)

View = Callable[..., HttpResponse]
VISIBLE_TO_APPLICANTS = (ReviewPlan.Status.PUBLISHED, ReviewPlan.Status.CLOSED)


def is_organizer(user: Any) -> bool:
    """计划管理员 of at least one active 评委会组建单位 (a staff account). The menu, the 工作台 and
    every organizer page ask this one question."""
    return bool(selectors.organizer_orgs(user=user))


def organizer_required(view: View) -> View:
    """Staff who are 计划管理员 of at least one 评委会组建单位."""

    @login_required
    @wraps(view)
    def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        if not is_organizer(request.user):
            raise PermissionDenied("您的账号无权访问此页面")
        return view(request, *args, **kwargs)

    return wrapper


def _organizer_ids(user: Any) -> list[int]:
    return [org.pk for org in selectors.organizer_orgs(user=user)]


def access_organizer_plan(user: Any, plan_id: int) -> ReviewPlan:
    plan = (
        ReviewPlan.objects.filter(pk=plan_id, organizer_id__in=_organizer_ids(user))
        .select_related("organizer", "committee")
        .first()
    )
    if plan is None:
        raise Http404("没有找到该评审计划")
    return plan


def access_organizer_specialty(user: Any, specialty_id: int) -> PlanSpecialty:
    specialty = (
        PlanSpecialty.objects.filter(pk=specialty_id, plan__organizer_id__in=_organizer_ids(user))
        .select_related("plan")
        .first()
    )
    if specialty is None:
        raise Http404("没有找到该专业")
    return specialty


def access_organizer_slot(user: Any, slot_id: int) -> AttachmentSlot:
    slot = (
        AttachmentSlot.objects.filter(pk=slot_id, plan__organizer_id__in=_organizer_ids(user))
        .select_related("plan")
        .first()
    )
    if slot is None:
        raise Http404("没有找到该附件项")
    return slot


def access_organizer_file(user: Any, file_id: int) -> PlanFile:
    plan_file = (
        PlanFile.objects.filter(pk=file_id, plan__organizer_id__in=_organizer_ids(user))
        .select_related("plan")
        .first()
    )
    if plan_file is None:
        raise Http404("没有找到该文件")
    return plan_file


def access_organizer_standard(user: Any, standard_id: int) -> EvaluationStandard:
    standard = (
        EvaluationStandard.objects.filter(pk=standard_id, organizer_id__in=_organizer_ids(user))
        .select_related("organizer")
        .first()
    )
    if standard is None:
        raise Http404("没有找到该评审标准")
    return standard


def access_organizer_category(user: Any, category_id: int) -> PerformanceCategory:
    category = (
        PerformanceCategory.objects.filter(
            pk=category_id, standard__organizer_id__in=_organizer_ids(user)
        )
        .select_related("standard")
        .first()
    )
    if category is None:
        raise Http404("没有找到该类别")
    return category


def access_applicant_plan(user: Any, plan_id: int) -> ReviewPlan:
    """The plan page of 职称申报: persons only, published or closed plans only."""
    if not user.is_person:
        raise PermissionDenied("您的账号无权访问此页面")
    plan = selectors.plan_with_details(plan_id=plan_id)
    if plan is None or plan.status not in VISIBLE_TO_APPLICANTS:
        raise Http404("没有找到该评审计划")
    return plan


def access_plan_file(user: Any, file_id: int) -> PlanFile:
    """A downloadable file: applicants for visible plans, organizers for their own plans."""
    plan_file = PlanFile.objects.filter(pk=file_id).select_related("plan").first()
    if plan_file is None:
        raise Http404("没有找到该文件")
    if user.is_person and plan_file.plan.status in VISIBLE_TO_APPLICANTS:
        return plan_file
    if plan_file.plan.organizer_id in _organizer_ids(user):
        return plan_file
    raise Http404("没有找到该文件")
