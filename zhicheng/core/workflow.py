"""One recipe for every state change (STYLE habit 2, DESIGN §4).

    with transaction.atomic():
        binding = lock(UnitBinding, pk=binding_id)          # select_for_update
        transition(
            binding,
            to=UnitBinding.Status.APPROVED,
            allowed=transitions.BINDING_ALLOWED,
            event_model=UnitBindingEvent,
            subject="binding",
            actor=actor,
            organization=unit,
            opinion=opinion,
            refused=f"该申请当前状态为“{binding.get_status_display()}”，不能再审核",
            fields={"decided_by": actor, "decided_at": now},
            audit_kind=AuditEvent.Kind.BINDING_DECIDED,
            audit_detail={"binding": binding.pk},
        )

`transition` checks the edge against the app's `transitions.ALLOWED`, saves the status and the
named fields with `update_fields`, appends the event row and, when asked, the audit row — all in
the caller's transaction, which must hold the row's lock.
"""

from __future__ import annotations

from collections.abc import Mapping, Set
from typing import Any, TypeVar

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models, transaction

from zhicheng.audit.services import audit_record

OPINION_MAX_LENGTH = 500

M = TypeVar("M", bound=models.Model)
E = TypeVar("E", bound=models.Model)  # an event model: StateEvent or one with its columns


class StateEvent(models.Model):
    """One step of a state graph: who, for which organization, from, to, opinion, when.

    Concrete event models add the foreign key to their subject (`binding`, `entry`, `plan`, …).
    """

    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name="操作人", on_delete=models.PROTECT, related_name="+"
    )
    # The organization the actor acted for (a unit, a department, an organizer); empty when a
    # person acts for themselves.
    organization = models.ForeignKey(
        "orgs.Organization",
        verbose_name="操作机构",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    from_status = models.CharField("原状态", max_length=20, blank=True)
    to_status = models.CharField("新状态", max_length=20)
    opinion = models.CharField("意见", max_length=OPINION_MAX_LENGTH, blank=True)
    created_at = models.DateTimeField("时间", auto_now_add=True)

    class Meta:
        abstract = True
        ordering = ["created_at", "pk"]


def clean_opinion(
    opinion: str | None,
    *,
    required: bool,
    missing: str = "请填写意见",
    label: str = "意见",
    field: str = "opinion",
) -> str:
    """The stripped opinion. Refusing or returning needs one; none is longer than 500 characters."""
    text = (opinion or "").strip()
    if required and not text:
        raise ValidationError({field: missing})
    if len(text) > OPINION_MAX_LENGTH:
        raise ValidationError({field: f"{label}不能超过{OPINION_MAX_LENGTH}字"})
    return text


def lock(model: type[M], **lookup: Any) -> M:
    """The row, locked until the end of the current transaction (raises DoesNotExist)."""
    return model._default_manager.select_for_update().get(**lookup)


def check_transition(
    allowed: Mapping[str, Set[str]], current: str, target: str, *, refused: str
) -> None:
    """Raise `refused` (a ValidationError, code "transition") unless current → target is an edge."""
    if target not in allowed.get(current, set()):
        raise ValidationError(refused, code="transition")


def transition(
    obj: M,
    *,
    to: str,
    allowed: Mapping[str, Set[str]],
    event_model: type[E],
    subject: str,
    actor: Any,
    organization: Any = None,
    opinion: str = "",
    refused: str = "当前状态下不能进行此操作",
    fields: Mapping[str, Any] | None = None,
    status_field: str = "status",
    event_fields: Mapping[str, Any] | None = None,
    audit_kind: str | None = None,
    audit_detail: Mapping[str, Any] | None = None,
) -> E:
    """Move a locked row along one edge of its graph and record the step; returns the event row.

    `opinion` is stored as given: validate it with `clean_opinion` first where the rule needs one.
    `fields` are saved along with the status; `event_fields` are extra columns of the event row.
    """
    if not transaction.get_connection().in_atomic_block:
        raise RuntimeError("transition() must run inside the transaction that locked the row")
    current = getattr(obj, status_field)
    check_transition(allowed, current, to, refused=refused)
    setattr(obj, status_field, to)
    for name, value in (fields or {}).items():
        setattr(obj, name, value)
    obj.save(update_fields=[status_field, *(fields or {})])
    event = event_model._default_manager.create(
        **{subject: obj},
        actor=actor,
        organization=organization,
        from_status=current,
        to_status=to,
        opinion=opinion,
        **(event_fields or {}),
    )
    if audit_kind:
        audit_record(
            kind=audit_kind,
            user=actor,
            detail={"from": current, "to": to, **(audit_detail or {})},
        )
    return event
