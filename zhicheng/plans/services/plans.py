"""评审计划 themselves: create, edit, publish, close, delete."""

from collections.abc import Iterable
from datetime import datetime
from typing import Any

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone

from zhicheng.audit.models import AuditEvent
from zhicheng.audit.services import audit_record
from zhicheng.core.titles import Level, series_names, title_names_at
from zhicheng.core.workflow import lock, transition
from zhicheng.orgs.models import Organization

from .. import transitions
from ..models import ApplyForm, EvaluationStandard, PlanEvent, PlanFile, ReviewPlan
from .guard import (
    CLOSED_MESSAGE,
    IN_USE,
    changed_fields,
    delete_stored_files,
    keep_published_complete,
    lock_standards,
    plan_is_in_use,
    plan_publish_problems,
)

STALE_MESSAGE = "计划已被他人修改，请刷新后重试"
DUPLICATE_PLAN_NAME = "本单位该年度已有同名评审计划"


def _check_plan_fields(
    *,
    organizer: Organization,
    committee: Organization,
    series: str,
    level: str,
    starts_at: datetime,
    ends_at: datetime,
    apply_forms: list[str],
    standards: Iterable[EvaluationStandard],
) -> dict[str, str]:
    errors: dict[str, str] = {}
    if committee.kind != Organization.Kind.COMMITTEE or committee.parent_id != organizer.pk:
        errors["committee"] = "请选择本单位组建的评委会"
    if series not in series_names():
        errors["series"] = "请选择职称系列"
    if level not in Level.values:
        errors["level"] = "请选择评审级别"
    if ends_at <= starts_at:
        errors["ends_at"] = "申报截止时间须晚于开始时间"
    if not apply_forms or any(form not in ApplyForm.values for form in apply_forms):
        errors["apply_forms"] = "请至少选择一种申报形式"
    for standard in standards:
        if standard.organizer_id != organizer.pk:
            errors["standards"] = f"评审标准“{standard.name}”不属于本单位"
        elif standard.series != series or standard.level != level:
            errors["standards"] = (
                f"评审标准“{standard.name}”适用于{standard.series}·{standard.get_level_display()}，"
                "与计划的职称系列或评审级别不符"
            )
    return errors


def _plan_name_taken(*, organizer: Organization, year: int, name: str, exclude_pk: int = 0) -> bool:
    same = ReviewPlan.objects.filter(organizer=organizer, year=year, name=name)
    return same.exclude(pk=exclude_pk).exists()


@transaction.atomic
def plan_create(
    *,
    actor: Any,
    committee: Organization,
    year: int,
    name: str,
    series: str,
    level: str,
    plan_type: str,
    starts_at: datetime,
    ends_at: datetime,
    scope: str,
    content: str,
    has_interview: bool,
    apply_forms: list[str],
    standards: Iterable[EvaluationStandard] = (),
) -> ReviewPlan:
    """A new plan in 草稿, for `committee` and its organizer (the committee's parent)."""
    organizer = committee.parent
    if organizer is None or organizer.kind != Organization.Kind.ORGANIZER:
        raise ValidationError({"committee": "该评委会没有组建单位"})
    standards = list(standards)
    name = name.strip()
    errors = _check_plan_fields(
        organizer=organizer,
        committee=committee,
        series=series,
        level=level,
        starts_at=starts_at,
        ends_at=ends_at,
        apply_forms=apply_forms,
        standards=standards,
    )
    if _plan_name_taken(organizer=organizer, year=year, name=name):
        errors["name"] = DUPLICATE_PLAN_NAME
    if errors:
        raise ValidationError(errors)
    lock_standards(standards)
    try:
        # A savepoint: a double-clicked 保存 loses the race on the unique constraint, and the
        # transaction must stay usable to say so (PostgreSQL aborts it otherwise).
        with transaction.atomic():
            plan = ReviewPlan.objects.create(
                organizer=organizer,
                committee=committee,
                year=year,
                name=name,
                series=series,
                level=level,
                plan_type=plan_type,
                starts_at=starts_at,
                ends_at=ends_at,
                scope=scope,
                content=content,
                has_interview=has_interview,
                allow_regular=ApplyForm.REGULAR in apply_forms,
                allow_exceptional=ApplyForm.EXCEPTIONAL in apply_forms,
                allow_transfer=ApplyForm.TRANSFER in apply_forms,
                created_by=actor,
            )
    except IntegrityError:
        if _plan_name_taken(organizer=organizer, year=year, name=name):
            raise ValidationError({"name": DUPLICATE_PLAN_NAME}) from None
        raise
    plan.standards.set(standards)
    # The graph's first row (no edge to check).
    PlanEvent.objects.create(
        plan=plan, actor=actor, organization=organizer, from_status="", to_status=plan.status
    )
    audit_record(
        kind=AuditEvent.Kind.PLAN_CREATED, user=actor, detail={"plan": plan.pk, "name": plan.name}
    )
    return plan


# Changing these would invalidate applications made under the plan.
FROZEN_WHEN_IN_USE = {
    "committee": "评委会",
    "year": "年度",
    "series": "职称系列",
    "level": "评审级别",
    "plan_type": "计划类型",
    "starts_at": "申报开始时间",
    "has_interview": "有无面试",
}


@transaction.atomic
def plan_update(
    *,
    plan: ReviewPlan,
    actor: Any,
    committee: Organization,
    year: int,
    name: str,
    series: str,
    level: str,
    plan_type: str,
    starts_at: datetime,
    ends_at: datetime,
    scope: str,
    content: str,
    has_interview: bool,
    apply_forms: list[str],
    standards: Iterable[EvaluationStandard] = (),
    version: str | None = None,
) -> ReviewPlan:
    """Edit a draft or published plan; once in use, only changes that keep applications valid.

    `version` is the plan's `version` when the form was shown: if the plan changed since, the
    save is refused rather than silently overwriting the other change. None skips the check
    (services calling services).
    """
    standards = list(standards)
    lock_standards(standards)
    plan = ReviewPlan.objects.select_for_update().get(pk=plan.pk)
    if version is not None and plan.version != version:
        raise ValidationError(STALE_MESSAGE, code="stale")
    if plan.status == ReviewPlan.Status.CLOSED:
        raise ValidationError(CLOSED_MESSAGE)
    errors = _check_plan_fields(
        organizer=plan.organizer,
        committee=committee,
        series=series,
        level=level,
        starts_at=starts_at,
        ends_at=ends_at,
        apply_forms=apply_forms,
        standards=standards,
    )
    name = name.strip()
    if _plan_name_taken(organizer=plan.organizer, year=year, name=name, exclude_pk=plan.pk):
        errors["name"] = DUPLICATE_PLAN_NAME
    new_values = {
        "committee": committee,
        "year": year,
        "series": series,
        "level": level,
        "plan_type": plan_type,
        "starts_at": starts_at,
        "has_interview": has_interview,
    }
    old_standards = set(plan.standards.all())
    if plan_is_in_use(plan):
        for field, label in FROZEN_WHEN_IN_USE.items():
            if getattr(plan, field) != new_values[field]:
                errors[field] = f"{IN_USE}，不能修改{label}（会使已提交的申报失效）"
        if ends_at < plan.ends_at and "ends_at" not in errors:
            errors["ends_at"] = f"{IN_USE}，不能提前申报截止时间"
        removed_forms = set(plan.apply_forms) - set(apply_forms)
        if removed_forms:
            labels = "、".join(ApplyForm(form).label for form in sorted(removed_forms))
            errors["apply_forms"] = f"{IN_USE}，不能取消申报形式：{labels}"
        removed = old_standards - set(standards)
        if removed:
            names = "、".join(standard.name for standard in removed)
            errors["standards"] = f"{IN_USE}，不能移除评审标准：{names}"
    if (series, level) != (plan.series, plan.level) and "level" not in errors:
        allowed = set(title_names_at(series, level))
        for specialty in plan.specialties.all():
            if not set(specialty.titles) <= allowed:
                errors["level"] = (
                    f"可评审专业“{specialty.name}”中的职称与新的职称系列或评审级别不符，请先修改该专业"
                )
                break
    if errors:
        raise ValidationError(errors)
    changes = changed_fields(
        plan,
        {
            **new_values,
            "name": name,
            "ends_at": ends_at,
            "scope": scope,
            "content": content,
            "apply_forms": [form for form in ApplyForm.values if form in apply_forms],
        },
    )
    if old_standards != set(standards):
        changes["standards"] = [
            sorted(standard.pk for standard in old_standards),
            sorted(standard.pk for standard in standards),
        ]
    for field, value in new_values.items():
        setattr(plan, field, value)
    plan.name = name
    plan.ends_at = ends_at
    plan.scope = scope
    plan.content = content
    plan.allow_regular = ApplyForm.REGULAR in apply_forms
    plan.allow_exceptional = ApplyForm.EXCEPTIONAL in apply_forms
    plan.allow_transfer = ApplyForm.TRANSFER in apply_forms
    plan.save()
    plan.standards.set(standards)
    keep_published_complete([plan])
    audit_record(
        kind=AuditEvent.Kind.PLAN_UPDATED,
        user=actor,
        detail={"plan": plan.pk, "name": plan.name, "changes": changes},
    )
    return plan


def _transition(
    plan: ReviewPlan, *, to: str, actor: Any, kind: str, opinion: str = ""
) -> ReviewPlan:
    """The one recipe (core.workflow): lock, check the table, save, event row; then the audit."""
    plan = lock(ReviewPlan, pk=plan.pk)
    now = timezone.now()
    fields: dict[str, Any] = {"updated_at": now}
    if to == ReviewPlan.Status.PUBLISHED:
        fields["published_at"] = now
    if to == ReviewPlan.Status.CLOSED:
        fields["closed_at"] = now
    transition(
        plan,
        to=to,
        allowed=transitions.ALLOWED,
        event_model=PlanEvent,
        subject="plan",
        actor=actor,
        organization=plan.organizer,
        opinion=opinion,
        refused=(
            f"计划当前为“{plan.get_status_display()}”，不能变为“{ReviewPlan.Status(to).label}”"
        ),
        fields=fields,
    )
    audit_record(kind=kind, user=actor, detail={"plan": plan.pk, "name": plan.name})
    return plan


@transaction.atomic
def plan_publish(*, plan: ReviewPlan, actor: Any, now: datetime | None = None) -> ReviewPlan:
    """发布: only a complete plan (specialties, standards with categories, slots, future deadline)."""
    locked = lock(ReviewPlan, pk=plan.pk)
    if locked.status == ReviewPlan.Status.DRAFT:
        problems = plan_publish_problems(plan=locked, now=now or timezone.now())
        if problems:
            raise ValidationError(problems, code="incomplete")
    return _transition(
        locked, to=ReviewPlan.Status.PUBLISHED, actor=actor, kind=AuditEvent.Kind.PLAN_PUBLISHED
    )


CLOSE_OPINION_MAX = 500


@transaction.atomic
def plan_close(*, plan: ReviewPlan, actor: Any, opinion: str = "") -> ReviewPlan:
    """关闭: the plan leaves the applicant list; applications already made carry on."""
    opinion = opinion.strip()
    if len(opinion) > CLOSE_OPINION_MAX:
        # Refused, not cut short: a plan closed without its 关闭说明 loses what the organizer wrote.
        raise ValidationError({"opinion": f"关闭说明不能超过{CLOSE_OPINION_MAX}字"})
    return _transition(
        plan,
        to=ReviewPlan.Status.CLOSED,
        actor=actor,
        kind=AuditEvent.Kind.PLAN_CLOSED,
        opinion=opinion,
    )


@transaction.atomic
def plan_delete(*, plan: ReviewPlan, actor: Any) -> None:
    """Only a draft is deleted; a published plan is closed instead."""
    plan = ReviewPlan.objects.select_for_update().get(pk=plan.pk)
    if plan.status != ReviewPlan.Status.DRAFT:
        raise ValidationError("只能删除草稿状态的计划；已发布的计划请关闭")
    if plan_is_in_use(plan):
        raise ValidationError(f"{IN_USE}，不能删除")
    audit_record(
        kind=AuditEvent.Kind.PLAN_DELETED, user=actor, detail={"plan": plan.pk, "name": plan.name}
    )
    storage = PlanFile._meta.get_field("file").storage
    names = [name for name in plan.files.values_list("file", flat=True) if name]
    plan.delete()
    # The stored bytes go only once the rows are gone for good: a rollback keeps both.
    transaction.on_commit(lambda: delete_stored_files(storage, names))
