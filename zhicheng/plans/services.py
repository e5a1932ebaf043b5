"""Writes to 评审计划 and 评审标准, and the one rule on who may apply to a plan now.

Every write checks its rules here (views only validate input and authorise). Once applications use
a plan (`plan_is_in_use`), a change that would invalidate them is refused with the reason; changes
that only loosen a rule (a later deadline, a higher maximum, an optional slot) stay possible.
While a plan is 已发布, every write ends by re-running the publish checks (`_keep_published_complete`)
so that a published plan never loses what publishing required.

Lock order, so that two writers never wait on each other in a circle: 评审标准 rows first, then plan
rows (by pk). Every configuration write appends a PLAN_CONFIGURED audit event saying what changed.
"""

from collections.abc import Iterable
from datetime import datetime
from typing import Any

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.files.storage import Storage
from django.db import IntegrityError, transaction
from django.db.models import Max, Model
from django.utils import timezone

from zhicheng.audit.models import AuditEvent
from zhicheng.audit.services import audit_record
from zhicheng.core.titles import Level, series_names, title_names_at
from zhicheng.core.uploads import JPEG, MB, PDF, PNG, check_document
from zhicheng.core.workflow import lock, transition
from zhicheng.integrity.selectors import active_ban
from zhicheng.orgs.models import Organization
from zhicheng.orgs.services import require_approved_unit

from . import hooks, transitions
from .models import (
    ApplyForm,
    AttachmentSlot,
    EntryKind,
    EvaluationStandard,
    PerformanceCategory,
    PlanEvent,
    PlanFile,
    PlanSpecialty,
    ReviewPlan,
)

PLAN_FILE_MAX_BYTES = 20 * MB
IN_USE = "已有人员申报该计划"
CLOSED_MESSAGE = "该评审计划已关闭，不能再修改"
STALE_MESSAGE = "计划已被他人修改，请刷新后重试"
DUPLICATE_PLAN_NAME = "本单位该年度已有同名评审计划"
DUPLICATE_STANDARD_NAME = "本单位已有同名评审标准"


def plan_is_in_use(plan: ReviewPlan) -> bool:
    """True once any application depends on the plan's configuration (`hooks.plan_in_use`).

    Ask with the plan row locked (`select_for_update`); application creation locks the same row,
    so the answer cannot be stale by the time a change is saved.
    """
    return hooks.plan_in_use.any(plan)


def standard_is_in_use(standard: EvaluationStandard) -> bool:
    return any(plan_is_in_use(plan) for plan in standard.plans.all())


# ---------------------------------------------------------------------------------------------
# Who may apply


def plan_apply_blockers(*, person: Any, plan: ReviewPlan, now: datetime) -> list[str]:
    """Why `person` may not apply to `plan` at `now` (manual 四(二)1 and 注意); empty if they may.

    The one place that decides 马上申报: the plan page shows these reasons, and the applications
    app calls this again when an application is started.
    """
    reasons: list[str] = []
    if plan.status != ReviewPlan.Status.PUBLISHED:
        reasons.append("该评审计划未发布或已关闭，不能申报")
    elif now < plan.starts_at:
        start = timezone.localtime(plan.starts_at)
        reasons.append(f"申报尚未开始，开始时间为 {start:%Y-%m-%d %H:%M}")
    elif now > plan.ends_at:
        end = timezone.localtime(plan.ends_at)
        reasons.append(f"申报已截止，截止时间为 {end:%Y-%m-%d %H:%M}")
    if not getattr(person, "is_person", False):
        reasons.append("只有个人账号可以申报职称")
        return reasons
    try:
        require_approved_unit(person=person)
    except ValidationError as error:
        reasons.extend(error.messages)
    ban = active_ban(person=person, on=timezone.localdate(now))
    if ban is not None:
        # ends_on is itself a banned day (active_ban), so say "until", not "before".
        last = ban.ends_on
        reasons.append(
            f"您在诚信档案中存在记录，禁止申报期至{last.year}年{last.month}月{last.day}日"
            f"（{ban.reason}）"
        )
    return reasons


# ---------------------------------------------------------------------------------------------
# Shared helpers: audit of configuration changes, the published-plan guard, locks


def _changes(instance: Model, values: dict[str, Any]) -> dict[str, list[Any]]:
    """{field: [old, new]} for the fields whose value differs, for the audit detail."""
    changed: dict[str, list[Any]] = {}
    for field, new in values.items():
        old = getattr(instance, field)
        if old != new:
            changed[field] = [_plain(old), _plain(new)]
    return changed


def _plain(value: Any) -> Any:
    if value is None or isinstance(value, (bool, int, str, list)):
        return value
    if isinstance(value, datetime):
        return value.isoformat()
    if isinstance(value, Model):
        return value.pk
    return str(value)


def _audit_configured(*, actor: Any, action: str, **detail: Any) -> None:
    audit_record(
        kind=AuditEvent.Kind.PLAN_CONFIGURED, user=actor, detail={"action": action, **detail}
    )


def _keep_published_complete(plans: Iterable[ReviewPlan]) -> None:
    """Refuse (roll back) a write that leaves a published plan short of what publishing required.

    Runs at the end of every write service, after the write: the publish checks without the
    deadline one (a published plan's deadline may pass; it may even be moved earlier while no one
    has applied).
    """
    messages: list[str] = []
    for plan in plans:
        if plan.status != ReviewPlan.Status.PUBLISHED:
            continue
        for problem in plan_publish_problems(plan=plan, now=None):
            messages.append(f"计划“{plan.name}”已发布，修改后将不符合发布条件：{problem}")
    if messages:
        raise ValidationError(messages, code="would_be_incomplete")


def _lock_plans_using(standard: EvaluationStandard) -> list[ReviewPlan]:
    """The plans using `standard`, locked (after the standard itself: see the lock order)."""
    return list(
        ReviewPlan.objects.select_for_update(of=("self",)).filter(standards=standard).order_by("pk")
    )


def _lock_standard(pk: int) -> tuple[EvaluationStandard, list[ReviewPlan]]:
    standard = EvaluationStandard.objects.select_for_update().get(pk=pk)
    return standard, _lock_plans_using(standard)


def _delete_stored_files(storage: Storage, names: list[str]) -> None:
    for name in names:
        storage.delete(name)


# ---------------------------------------------------------------------------------------------
# Plans


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


def _lock_standards(standards: list[EvaluationStandard]) -> None:
    """Lock the standards a plan is given, so that no category write empties one meanwhile."""
    pks = sorted({standard.pk for standard in standards})
    if pks:
        list(EvaluationStandard.objects.select_for_update().filter(pk__in=pks).order_by("pk"))


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
    _lock_standards(standards)
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
    _lock_standards(standards)
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
    changes = _changes(
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
    _keep_published_complete([plan])
    audit_record(
        kind=AuditEvent.Kind.PLAN_UPDATED,
        user=actor,
        detail={"plan": plan.pk, "name": plan.name, "changes": changes},
    )
    return plan


def plan_publish_problems(*, plan: ReviewPlan, now: datetime | None) -> list[str]:
    """What is still missing before the plan can be published (shown on the organizer's page).

    With `now` None the deadline is not checked: that is the test a published plan must keep
    passing after every change (`_keep_published_complete`).
    """
    problems: list[str] = []
    if now is not None and plan.ends_at <= now:
        problems.append("申报截止时间已过，请先修改申报起止日期")
    specialties = list(plan.specialties.all())
    if not specialties:
        problems.append("请至少设置一个可评审专业")
    standards = list(plan.standards.prefetch_related("categories"))
    if not standards:
        problems.append("请至少选择一个评审标准")
    for standard in standards:
        if not standard.categories.all():
            problems.append(f"评审标准“{standard.name}”尚未设置申报业绩类别")
    slots = list(plan.slots.all())
    if not slots:
        problems.append("请至少设置一个附件项")
    exam_specialties = [s.name for s in specialties if s.exam_required]
    if exam_specialties and not any(slot.exam_only and slot.required for slot in slots):
        problems.append(
            f"{'、'.join(exam_specialties)}需要笔试，请设置一个“仅笔试专业”且必须上传的附件项"
            "（如笔试申请表）"
        )
    return problems


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
    transaction.on_commit(lambda: _delete_stored_files(storage, names))


def _lock_open_plan(plan: ReviewPlan) -> ReviewPlan:
    plan = ReviewPlan.objects.select_for_update().get(pk=plan.pk)
    if plan.status == ReviewPlan.Status.CLOSED:
        raise ValidationError(CLOSED_MESSAGE)
    return plan


def _next_position(queryset: Any) -> int:
    return (queryset.aggregate(top=Max("position"))["top"] or 0) + 1


# ---------------------------------------------------------------------------------------------
# 可评审专业


def _check_specialty(
    *, plan: ReviewPlan, name: str, titles: list[str], exclude_pk: int = 0
) -> dict[str, str]:
    errors: dict[str, str] = {}
    allowed = title_names_at(plan.series, plan.level)
    if not titles:
        errors["titles"] = "请至少选择一个可申报职称"
    elif not set(titles) <= set(allowed):
        errors["titles"] = (
            f"{plan.series}{plan.get_level_display()}的职称只有：{'、'.join(allowed) or '无'}"
        )
    duplicate = plan.specialties.filter(name=name).exclude(pk=exclude_pk)
    if duplicate.exists():
        errors["name"] = "该计划已有同名专业"
    return errors


@transaction.atomic
def specialty_create(
    *, plan: ReviewPlan, actor: Any, name: str, titles: list[str], exam_required: bool
) -> PlanSpecialty:
    plan = _lock_open_plan(plan)
    name = name.strip()
    errors = _check_specialty(plan=plan, name=name, titles=titles)
    if plan_is_in_use(plan) and exam_required:
        errors["exam_required"] = f"{IN_USE}，新增的专业不能要求笔试"
    if errors:
        raise ValidationError(errors)
    specialty = PlanSpecialty.objects.create(
        plan=plan,
        name=name,
        titles=titles,
        exam_required=exam_required,
        position=_next_position(plan.specialties),
    )
    _keep_published_complete([plan])
    _audit_configured(
        actor=actor,
        action="specialty_create",
        plan=plan.pk,
        specialty=specialty.pk,
        values={"name": name, "titles": titles, "exam_required": exam_required},
    )
    return specialty


@transaction.atomic
def specialty_update(
    *, specialty: PlanSpecialty, actor: Any, name: str, titles: list[str], exam_required: bool
) -> PlanSpecialty:
    plan = _lock_open_plan(specialty.plan)
    specialty = PlanSpecialty.objects.get(pk=specialty.pk)
    name = name.strip()
    errors = _check_specialty(plan=plan, name=name, titles=titles, exclude_pk=specialty.pk)
    if plan_is_in_use(plan):
        if name != specialty.name:
            errors["name"] = f"{IN_USE}，不能修改专业名称"
        removed = [title for title in specialty.titles if title not in titles]
        if removed:
            errors["titles"] = f"{IN_USE}，不能移除可申报职称：{'、'.join(removed)}"
        if exam_required != specialty.exam_required:
            errors["exam_required"] = f"{IN_USE}，不能修改是否需要笔试"
    if errors:
        raise ValidationError(errors)
    changes = _changes(specialty, {"name": name, "titles": titles, "exam_required": exam_required})
    specialty.name = name
    specialty.titles = titles
    specialty.exam_required = exam_required
    specialty.save(update_fields=["name", "titles", "exam_required"])
    _keep_published_complete([plan])
    _audit_configured(
        actor=actor,
        action="specialty_update",
        plan=plan.pk,
        specialty=specialty.pk,
        changes=changes,
    )
    return specialty


@transaction.atomic
def specialty_delete(*, specialty: PlanSpecialty, actor: Any) -> None:
    plan = _lock_open_plan(specialty.plan)
    if plan_is_in_use(plan):
        raise ValidationError(f"{IN_USE}，不能删除可评审专业")
    specialty = PlanSpecialty.objects.get(pk=specialty.pk)
    pk, name = specialty.pk, specialty.name
    PlanSpecialty.objects.filter(pk=pk).delete()
    _keep_published_complete([plan])
    _audit_configured(actor=actor, action="specialty_delete", plan=plan.pk, specialty=pk, name=name)


# ---------------------------------------------------------------------------------------------
# 附件项


def _exam_rule_needs(slot: AttachmentSlot, plan: ReviewPlan) -> bool:
    """True if `slot` is the plan's only required 仅笔试专业 slot while exam specialties exist."""
    if not (slot.exam_only and slot.required):
        return False
    if not plan.specialties.filter(exam_required=True).exists():
        return False
    others = plan.slots.filter(exam_only=True, required=True).exclude(pk=slot.pk)
    return not others.exists()


@transaction.atomic
def slot_create(
    *, plan: ReviewPlan, actor: Any, name: str, required: bool, exam_only: bool, note: str
) -> AttachmentSlot:
    plan = _lock_open_plan(plan)
    name = name.strip()
    errors: dict[str, str] = {}
    if plan.slots.filter(name=name).exists():
        errors["name"] = "该计划已有同名附件项"
    if plan_is_in_use(plan) and required:
        errors["required"] = f"{IN_USE}，新增的附件项只能设为非必须上传"
    if errors:
        raise ValidationError(errors)
    slot = AttachmentSlot.objects.create(
        plan=plan,
        name=name,
        required=required,
        exam_only=exam_only,
        note=note,
        position=_next_position(plan.slots),
    )
    _keep_published_complete([plan])
    _audit_configured(
        actor=actor,
        action="slot_create",
        plan=plan.pk,
        slot=slot.pk,
        values={"name": name, "required": required, "exam_only": exam_only, "note": note},
    )
    return slot


@transaction.atomic
def slot_update(
    *, slot: AttachmentSlot, actor: Any, name: str, required: bool, exam_only: bool, note: str
) -> AttachmentSlot:
    plan = _lock_open_plan(slot.plan)
    slot = AttachmentSlot.objects.get(pk=slot.pk)
    name = name.strip()
    errors: dict[str, str] = {}
    if plan.slots.filter(name=name).exclude(pk=slot.pk).exists():
        errors["name"] = "该计划已有同名附件项"
    if plan_is_in_use(plan):
        if name != slot.name and "name" not in errors:
            errors["name"] = f"{IN_USE}，不能修改附件名称"
        if required and not slot.required:
            errors["required"] = f"{IN_USE}，不能把附件项改为必须上传"
        elif not required and _exam_rule_needs(slot, plan):
            errors["required"] = f"{IN_USE}，需要笔试的专业须保留一个“仅笔试专业”且必须上传的附件项"
        if exam_only != slot.exam_only:
            errors["exam_only"] = f"{IN_USE}，不能修改附件项的适用范围"
    if errors:
        raise ValidationError(errors)
    changes = _changes(
        slot, {"name": name, "required": required, "exam_only": exam_only, "note": note}
    )
    slot.name = name
    slot.required = required
    slot.exam_only = exam_only
    slot.note = note
    slot.save(update_fields=["name", "required", "exam_only", "note"])
    _keep_published_complete([plan])
    _audit_configured(
        actor=actor, action="slot_update", plan=plan.pk, slot=slot.pk, changes=changes
    )
    return slot


@transaction.atomic
def slot_delete(*, slot: AttachmentSlot, actor: Any) -> None:
    plan = _lock_open_plan(slot.plan)
    if plan_is_in_use(plan):
        raise ValidationError(f"{IN_USE}，不能删除附件项（已上传的附件会丢失）")
    slot = AttachmentSlot.objects.get(pk=slot.pk)
    pk, name = slot.pk, slot.name
    AttachmentSlot.objects.filter(pk=pk).delete()
    _keep_published_complete([plan])
    _audit_configured(actor=actor, action="slot_delete", plan=plan.pk, slot=pk, name=name)


# ---------------------------------------------------------------------------------------------
# Files to download


@transaction.atomic
def plan_file_add(*, plan: ReviewPlan, actor: Any, upload: Any) -> PlanFile:
    """A file for applicants to download; checked by its bytes (PDF, JPG or PNG).

    The bytes are stored before the row; if saving the row fails, they are removed again. (A
    rollback of an enclosing transaction after this returns is not seen here: Django has no
    rollback hook.)
    """
    plan = _lock_open_plan(plan)
    checked = check_document(upload, max_bytes=PLAN_FILE_MAX_BYTES, allowed=(PDF, JPEG, PNG))
    plan_file = PlanFile(
        plan=plan,
        display_name=checked.display_name,
        content_type=checked.content_type,
        extension=checked.extension,
        size=len(checked.content),
        uploaded_by=actor,
    )
    plan_file.file.save("upload", ContentFile(checked.content), save=False)
    try:
        with transaction.atomic():
            plan_file.save()
            _audit_configured(
                actor=actor,
                action="file_add",
                plan=plan.pk,
                file=plan_file.pk,
                name=plan_file.display_name,
                size=plan_file.size,
            )
    except BaseException:
        plan_file.file.delete(save=False)
        raise
    return plan_file


@transaction.atomic
def plan_file_delete(*, plan_file: PlanFile, actor: Any) -> None:
    plan = _lock_open_plan(plan_file.plan)
    plan_file = PlanFile.objects.get(pk=plan_file.pk)
    storage, name = plan_file.file.storage, plan_file.file.name
    pk, display_name = plan_file.pk, plan_file.display_name
    PlanFile.objects.filter(pk=pk).delete()
    _audit_configured(actor=actor, action="file_delete", plan=plan.pk, file=pk, name=display_name)
    # The stored bytes go only once the row is gone for good.
    transaction.on_commit(lambda: _delete_stored_files(storage, [name]))


# ---------------------------------------------------------------------------------------------
# 评审标准 and their performance categories


def _check_standard(*, series: str, level: str) -> dict[str, str]:
    errors: dict[str, str] = {}
    if series not in series_names():
        errors["series"] = "请选择职称系列"
    if level not in Level.values:
        errors["level"] = "请选择评审级别"
    return errors


def _standard_name_taken(*, organizer: Organization, name: str, exclude_pk: int = 0) -> bool:
    same = EvaluationStandard.objects.filter(organizer=organizer, name=name)
    return same.exclude(pk=exclude_pk).exists()


@transaction.atomic
def standard_create(
    *, organizer: Organization, actor: Any, series: str, level: str, name: str
) -> EvaluationStandard:
    name = name.strip()
    errors = _check_standard(series=series, level=level)
    if _standard_name_taken(organizer=organizer, name=name):
        errors["name"] = DUPLICATE_STANDARD_NAME
    if errors:
        raise ValidationError(errors)
    try:
        with transaction.atomic():  # a savepoint: see plan_create
            standard = EvaluationStandard.objects.create(
                organizer=organizer, series=series, level=level, name=name
            )
    except IntegrityError:
        if _standard_name_taken(organizer=organizer, name=name):
            raise ValidationError({"name": DUPLICATE_STANDARD_NAME}) from None
        raise
    _audit_configured(
        actor=actor,
        action="standard_create",
        standard=standard.pk,
        organizer=organizer.pk,
        values={"name": name, "series": series, "level": level},
    )
    return standard


@transaction.atomic
def standard_update(
    *, standard: EvaluationStandard, actor: Any, series: str, level: str, name: str
) -> EvaluationStandard:
    standard, plans = _lock_standard(standard.pk)
    name = name.strip()
    errors = _check_standard(series=series, level=level)
    if _standard_name_taken(organizer=standard.organizer, name=name, exclude_pk=standard.pk):
        errors["name"] = DUPLICATE_STANDARD_NAME
    if (series, level) != (standard.series, standard.level) and plans:
        errors["level"] = "该评审标准已被评审计划选用，不能修改职称系列或评审级别"
    if errors:
        raise ValidationError(errors)
    changes = _changes(standard, {"series": series, "level": level, "name": name})
    standard.series = series
    standard.level = level
    standard.name = name
    standard.save(update_fields=["series", "level", "name", "updated_at"])
    _keep_published_complete(plans)
    _audit_configured(actor=actor, action="standard_update", standard=standard.pk, changes=changes)
    return standard


@transaction.atomic
def standard_delete(*, standard: EvaluationStandard, actor: Any) -> None:
    standard, plans = _lock_standard(standard.pk)
    if plans:
        raise ValidationError("该评审标准已被评审计划选用，不能删除")
    pk, name = standard.pk, standard.name
    standard.delete()
    _audit_configured(actor=actor, action="standard_delete", standard=pk, name=name)


def _check_category(
    *,
    standard: EvaluationStandard,
    name: str,
    allowed_kinds: list[str],
    min_items: int,
    max_items: int,
    exclude_pk: int = 0,
) -> dict[str, str]:
    errors: dict[str, str] = {}
    if standard.categories.filter(name=name).exclude(pk=exclude_pk).exists():
        errors["name"] = "该评审标准已有同名类别"
    if not allowed_kinds:
        errors["allowed_kinds"] = "请至少选择一种可导入的业绩类型"
    elif any(kind not in EntryKind.values for kind in allowed_kinds):
        errors["allowed_kinds"] = "业绩类型不正确"
    if max_items < 1:
        errors["max_items"] = "最多项数至少为 1"
    elif min_items > max_items:
        errors["max_items"] = "最多项数不能小于最少项数"
    return errors


@transaction.atomic
def category_create(
    *,
    standard: EvaluationStandard,
    actor: Any,
    name: str,
    hint: str,
    allowed_kinds: list[str],
    min_items: int,
    max_items: int,
) -> PerformanceCategory:
    standard, plans = _lock_standard(standard.pk)
    name = name.strip()
    errors = _check_category(
        standard=standard,
        name=name,
        allowed_kinds=allowed_kinds,
        min_items=min_items,
        max_items=max_items,
    )
    if min_items > 0 and any(plan_is_in_use(plan) for plan in plans):
        errors["min_items"] = f"{IN_USE}，新增的类别最少项数只能为 0"
    if errors:
        raise ValidationError(errors)
    category = PerformanceCategory.objects.create(
        standard=standard,
        name=name,
        hint=hint,
        allowed_kinds=allowed_kinds,
        min_items=min_items,
        max_items=max_items,
        position=_next_position(standard.categories),
    )
    _keep_published_complete(plans)
    _audit_configured(
        actor=actor,
        action="category_create",
        standard=standard.pk,
        category=category.pk,
        values={
            "name": name,
            "hint": hint,
            "allowed_kinds": allowed_kinds,
            "min_items": min_items,
            "max_items": max_items,
        },
    )
    return category


@transaction.atomic
def category_update(
    *,
    category: PerformanceCategory,
    actor: Any,
    name: str,
    hint: str,
    allowed_kinds: list[str],
    min_items: int,
    max_items: int,
) -> PerformanceCategory:
    standard, plans = _lock_standard(category.standard_id)
    category = PerformanceCategory.objects.get(pk=category.pk)
    name = name.strip()
    errors = _check_category(
        standard=standard,
        name=name,
        allowed_kinds=allowed_kinds,
        min_items=min_items,
        max_items=max_items,
        exclude_pk=category.pk,
    )
    if any(plan_is_in_use(plan) for plan in plans):
        # Loosening keeps every application valid; tightening would not.
        if name != category.name and "name" not in errors:
            errors["name"] = f"{IN_USE}，不能修改类别名称"
        if min_items > category.min_items:
            errors["min_items"] = f"{IN_USE}，不能提高最少项数（原为 {category.min_items}）"
        if max_items < category.max_items:
            errors["max_items"] = f"{IN_USE}，不能降低最多项数（原为 {category.max_items}）"
        removed = [kind for kind in category.allowed_kinds if kind not in allowed_kinds]
        if removed:
            labels = "、".join(EntryKind(kind).label for kind in removed)
            errors["allowed_kinds"] = f"{IN_USE}，不能取消可导入的业绩类型：{labels}"
    if errors:
        raise ValidationError(errors)
    values = {
        "name": name,
        "hint": hint,
        "allowed_kinds": allowed_kinds,
        "min_items": min_items,
        "max_items": max_items,
    }
    changes = _changes(category, values)
    for field, value in values.items():
        setattr(category, field, value)
    category.save(update_fields=list(values))
    _keep_published_complete(plans)
    _audit_configured(
        actor=actor,
        action="category_update",
        standard=standard.pk,
        category=category.pk,
        changes=changes,
    )
    return category


@transaction.atomic
def category_delete(*, category: PerformanceCategory, actor: Any) -> None:
    standard, plans = _lock_standard(category.standard_id)
    if any(plan_is_in_use(plan) for plan in plans):
        raise ValidationError(f"{IN_USE}，不能删除申报业绩类别")
    category = PerformanceCategory.objects.get(pk=category.pk)
    pk, name = category.pk, category.name
    PerformanceCategory.objects.filter(pk=pk).delete()
    _keep_published_complete(plans)
    _audit_configured(
        actor=actor, action="category_delete", standard=standard.pk, category=pk, name=name
    )
