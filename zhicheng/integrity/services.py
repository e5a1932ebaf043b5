"""Writes to 诚信档案: the only code that records a ban or ends one early (STYLE habit 1).

Lock order, as in applications: the person's row first, then the record. 马上申报 locks the
person's row too, so a ban recorded while the person is applying is either seen by that
application's checks or recorded after it — never half of each. 提交审核 checks the ban again.

Errors are keyed by the form's field names (id_number, name, reason, document_number,
starts_on, ends_on, end_reason), so that they appear next to the field.
"""

from datetime import date, datetime
from typing import Any

from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from zhicheng.audit.models import AuditEvent
from zhicheng.audit.services import audit_record
from zhicheng.core.identity import parse_id_number
from zhicheng.core.workflow import clean_opinion, lock, transition

from . import transitions
from .models import IntegrityRecord, IntegrityRecordEvent

S = IntegrityRecord.Status
REASON_MAX_LENGTH = IntegrityRecord._meta.get_field("reason").max_length or 500
DOCUMENT_MAX_LENGTH = IntegrityRecord._meta.get_field("document_number").max_length or 100
# Plausible dates: a decision is recorded within a few years of being taken, and bans for
# 职称 fraud run for years, not decades (人社部令第40号: three years).
PAST_START_YEARS = 5
FUTURE_START_YEARS = 1
MAX_BAN_YEARS = 10


def _years_from(day: date, years: int) -> date:
    try:
        return day.replace(year=day.year + years)
    except ValueError:  # 29 February
        return day.replace(year=day.year + years, day=28)


def _check_period(starts_on: date, ends_on: date, today: date) -> None:
    errors: dict[str, str] = {}
    earliest, latest = _years_from(today, -PAST_START_YEARS), _years_from(today, FUTURE_START_YEARS)
    if not earliest <= starts_on <= latest:
        errors["starts_on"] = (
            f"开始日期应在{earliest:%Y-%m-%d}至{latest:%Y-%m-%d}之间"
            f"（不早于{PAST_START_YEARS}年前，不晚于{FUTURE_START_YEARS}年后）"
        )
    if ends_on < starts_on:
        errors["ends_on"] = "截止日期不能早于开始日期"
    elif ends_on > _years_from(starts_on, MAX_BAN_YEARS):
        errors["ends_on"] = f"禁止申报期不能超过{MAX_BAN_YEARS}年"
    elif ends_on < today:
        errors["ends_on"] = "截止日期已过：已到期的禁止申报期无需记录"
    if errors:
        raise ValidationError(errors)


def _required_text(value: str, *, field: str, label: str, max_length: int) -> str:
    text = (value or "").strip()
    if not text:
        raise ValidationError({field: f"请填写{label}"})
    if len(text) > max_length:
        raise ValidationError({field: f"{label}不能超过{max_length}字"})
    return text


def _find_person(id_number: str, name: str) -> Any:
    """The applicant with this 身份证号, whose name must be the one typed (a typo in the number
    must not bar someone else)."""
    try:
        number = parse_id_number(id_number).number
    except ValidationError as error:
        raise ValidationError({"id_number": error.messages}) from None
    person = (
        get_user_model()
        .objects.filter(kind=get_user_model().Kind.PERSON, id_number=number)  # type: ignore[attr-defined]
        .first()
    )
    if person is None:
        raise ValidationError(
            {"id_number": "平台中没有该身份证号的申报人（本人须至少登录过一次平台）"}
        )
    if person.name != (name or "").strip():
        raise ValidationError({"name": "姓名与身份证号不一致，请核对"})
    return person


def _audit(record: IntegrityRecord, action: str, actor: Any, **extra: Any) -> None:
    audit_record(
        kind=AuditEvent.Kind.INTEGRITY_RECORD,
        user=actor,
        detail={
            "action": action,
            "record": record.pk,
            "person": record.person_id,
            "reason": record.reason,
            "document_number": record.document_number,
            "starts_on": record.starts_on.isoformat(),
            "ends_on": record.ends_on.isoformat(),
            "hr_department": record.hr_department_id,
            **extra,
        },
    )


@transaction.atomic
def integrity_record_create(
    *,
    department: Any,
    id_number: str,
    name: str,
    reason: str,
    document_number: str,
    starts_on: date,
    ends_on: date,
    actor: Any,
    today: date | None = None,
) -> IntegrityRecord:
    """新增: bar the person with this 身份证号 from applying from `starts_on` to `ends_on`
    (both days included), on the decision `document_number` of `department`."""
    today = today or timezone.localdate()
    reason = _required_text(reason, field="reason", label="失信情形", max_length=REASON_MAX_LENGTH)
    document_number = _required_text(
        document_number,
        field="document_number",
        label="处理决定文号",
        max_length=DOCUMENT_MAX_LENGTH,
    )
    _check_period(starts_on, ends_on, today)
    person = _find_person(id_number, name)
    person = lock(get_user_model(), pk=person.pk)
    if IntegrityRecord.objects.filter(
        person=person, document_number=document_number, status=S.ACTIVE
    ).exists():
        raise ValidationError({"document_number": "该申报人按此文号的记录已存在"})
    record = IntegrityRecord.objects.create(
        person=person,
        reason=reason,
        document_number=document_number,
        starts_on=starts_on,
        ends_on=ends_on,
        hr_department=department,
        recorded_by=actor,
    )
    IntegrityRecordEvent.objects.create(
        record=record,
        actor=actor,
        organization=department,
        from_status="",
        to_status=S.ACTIVE,
        opinion=reason,
    )
    _audit(record, "created", actor)
    return record


@transaction.atomic
def integrity_record_end(
    *,
    record: IntegrityRecord,
    department: Any,
    reason: str,
    actor: Any,
    now: datetime | None = None,
) -> IntegrityRecord:
    """提前解除: the ban stops holding now; the reason (≤ 500 characters) is required.

    Only the department that made the record ends it (access.py finds the record through it).
    A second click finds it ended and is refused by the state graph.
    """
    if record.hr_department_id != department.pk:
        raise ValidationError("只能解除本部门记录的诚信档案")
    text = clean_opinion(
        reason, required=True, missing="请填写解除原因", label="解除原因", field="end_reason"
    )
    now = now or timezone.now()
    lock(get_user_model(), pk=record.person_id)
    locked = lock(IntegrityRecord, pk=record.pk)
    if locked.status == S.ACTIVE and locked.ends_on < timezone.localdate(now):
        raise ValidationError("该记录的禁止申报期已到期，无需解除")
    transition(
        locked,
        to=S.ENDED,
        allowed=transitions.ALLOWED,
        event_model=IntegrityRecordEvent,
        subject="record",
        actor=actor,
        organization=department,
        opinion=text,
        refused=f"该记录当前状态为“{locked.get_status_display()}”，不能再解除",
        fields={"ended_at": now, "ended_by": actor, "end_reason": text},
    )
    _audit(locked, "ended", actor, end_reason=text)
    return locked
