"""What every write to a plan's configuration shares: the rule that a plan in use is frozen, the
publish checks a published plan must keep passing, the locks, and `configuration_write`, the one
recipe (lock, check, write, keep published plans complete, audit) those writes follow.

Lock order, so that two writers never wait on each other in a circle: 评审标准 rows first, then plan
rows (by pk).
"""

from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from django.core.exceptions import ValidationError
from django.core.files.storage import Storage
from django.db import transaction
from django.db.models import Max, Model

from zhicheng.audit.models import AuditEvent
from zhicheng.audit.services import audit_record

from .. import hooks
from ..models import EvaluationStandard, ReviewPlan

IN_USE = "已有人员申报该计划"
CLOSED_MESSAGE = "该评审计划已关闭，不能再修改"


def plan_is_in_use(plan: ReviewPlan) -> bool:
    """True once any application depends on the plan's configuration (`hooks.plan_in_use`).

    Ask with the plan row locked (`select_for_update`); application creation locks the same row,
    so the answer cannot be stale by the time a change is saved.
    """
    return hooks.plan_in_use.any(plan)


def standard_is_in_use(standard: EvaluationStandard) -> bool:
    return any(plan_is_in_use(plan) for plan in standard.plans.all())


def plan_publish_problems(*, plan: ReviewPlan, now: datetime | None) -> list[str]:
    """What is still missing before the plan can be published (shown on the organizer's page).

    With `now` None the deadline is not checked: that is the test a published plan must keep
    passing after every change (`keep_published_complete`).
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


def keep_published_complete(plans: Iterable[ReviewPlan]) -> None:
    """Refuse (roll back) a write that leaves a published plan short of what publishing required.

    Runs at the end of every write, after the write: the publish checks without the deadline one
    (a published plan's deadline may pass; it may even be moved earlier while no one has applied).
    """
    messages: list[str] = []
    for plan in plans:
        if plan.status != ReviewPlan.Status.PUBLISHED:
            continue
        for problem in plan_publish_problems(plan=plan, now=None):
            messages.append(f"计划“{plan.name}”已发布，修改后将不符合发布条件：{problem}")
    if messages:
        raise ValidationError(messages, code="would_be_incomplete")


def changed_fields(instance: Model, values: dict[str, Any]) -> dict[str, list[Any]]:
    """{field: [old, new]} for the fields whose value differs, for the audit detail."""
    changed: dict[str, list[Any]] = {}
    for name, new in values.items():
        old = getattr(instance, name)
        if old != new:
            changed[name] = [_plain(old), _plain(new)]
    return changed


def _plain(value: Any) -> Any:
    if value is None or isinstance(value, (bool, int, str, list)):
        return value
    if isinstance(value, datetime):
        return value.isoformat()
    if isinstance(value, Model):
        return value.pk
    return str(value)


def audit_configured(*, actor: Any, action: str, **detail: Any) -> None:
    audit_record(
        kind=AuditEvent.Kind.PLAN_CONFIGURED, user=actor, detail={"action": action, **detail}
    )


def lock_open_plan(plan: ReviewPlan) -> ReviewPlan:
    plan = ReviewPlan.objects.select_for_update().get(pk=plan.pk)
    if plan.status == ReviewPlan.Status.CLOSED:
        raise ValidationError(CLOSED_MESSAGE)
    return plan


def lock_standard(pk: int) -> tuple[EvaluationStandard, list[ReviewPlan]]:
    """The standard, then the plans using it, locked in that order (see the lock order)."""
    standard = EvaluationStandard.objects.select_for_update().get(pk=pk)
    plans = list(
        ReviewPlan.objects.select_for_update(of=("self",)).filter(standards=standard).order_by("pk")
    )
    return standard, plans


def lock_standards(standards: list[EvaluationStandard]) -> None:
    """Lock the standards a plan is given, so that no category write empties one meanwhile."""
    pks = sorted({standard.pk for standard in standards})
    if pks:
        list(EvaluationStandard.objects.select_for_update().filter(pk__in=pks).order_by("pk"))


def next_position(queryset: Any) -> int:
    return (queryset.aggregate(top=Max("position"))["top"] or 0) + 1


def delete_stored_files(storage: Storage, names: list[str]) -> None:
    for name in names:
        storage.delete(name)


@dataclass
class ConfigurationWrite:
    """One write in progress: the locked plans it may affect, and what the audit will say."""

    actor: Any
    action: str
    plans: list[ReviewPlan]
    standard: EvaluationStandard | None = None
    detail: dict[str, Any] | None = None
    _in_use: bool | None = field(default=None, init=False, repr=False)

    @property
    def plan(self) -> ReviewPlan:
        (plan,) = self.plans
        return plan

    @property
    def in_use(self) -> bool:
        """Whether any of the locked plans has applications (asked once, rows locked)."""
        if self._in_use is None:
            self._in_use = any(plan_is_in_use(plan) for plan in self.plans)
        return self._in_use

    def audit(self, **detail: Any) -> None:
        """What changed, for the PLAN_CONFIGURED event written when the block ends."""
        self.detail = detail


@contextmanager
def _configuration_write(write: ConfigurationWrite) -> Iterator[ConfigurationWrite]:
    yield write
    # Reached only when the block raised nothing: the guard, then the audit, both inside the
    # transaction, so a write that breaks a published plan leaves no trace.
    keep_published_complete(write.plans)
    if write.detail is None:
        raise RuntimeError(f"{write.action}: a configuration write must say what it changed")
    audit_configured(actor=write.actor, action=write.action, **write.detail)


@contextmanager
def plan_configuration_write(
    plan: ReviewPlan, *, actor: Any, action: str
) -> Iterator[ConfigurationWrite]:
    """Lock an open (not 已关闭) plan; on leaving, keep it complete if published and audit."""
    with transaction.atomic():
        write = ConfigurationWrite(actor=actor, action=action, plans=[lock_open_plan(plan)])
        with _configuration_write(write):
            yield write


@contextmanager
def standard_configuration_write(
    standard_pk: int, *, actor: Any, action: str
) -> Iterator[ConfigurationWrite]:
    """Lock a standard and the plans using it; on leaving, keep those complete and audit."""
    with transaction.atomic():
        standard, plans = lock_standard(standard_pk)
        write = ConfigurationWrite(actor=actor, action=action, plans=plans, standard=standard)
        with _configuration_write(write):
            yield write
