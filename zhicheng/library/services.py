"""Writes to the library. Every state change: lock the row, check ALLOWED, save, event row."""

import datetime
from collections.abc import Iterable
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from zhicheng.audit.models import AuditEvent
from zhicheng.audit.services import audit_record
from zhicheng.core.attachments import (
    attachment_files_delete,
    attachment_rename,
    attachment_store,
)
from zhicheng.core.uploads import CheckedFile
from zhicheng.orgs.models import Organization
from zhicheng.orgs.services import require_approved_unit

from . import transitions
from .kinds import SPECS
from .models import Entry, EntryAttachment, EntryEvent

S = Entry.Status
MAX_ATTACHMENTS = 10
MAX_OPINION = 500
EARLIEST_YEAR = 1950
NOT_EDITABLE_MESSAGE = "该业绩已提交审核或已审核通过，不能修改"


# --- Rules on the fields ---------------------------------------------------------------------


def entry_clean(entry: Entry, *, today: datetime.date | None = None) -> None:
    """The rules every entry of a kind must meet, as {field: message} (shown next to the field)."""
    today = today or timezone.localdate()
    spec = SPECS[entry.kind]
    names = set(spec.field_names)
    errors: dict[str, str] = {}
    for field in spec.fields:
        value = getattr(entry, field.name)
        if field.required and (value is None or value == "") and field.name != "is_representative":
            errors[field.name] = f"请填写{field.label}"
    start, end = entry.start_date, entry.end_date
    if "start_date" in names and start and start > today:
        errors.setdefault("start_date", f"{spec.labels['start_date']}不能晚于今天")
    if "end_date" in names and end:
        if start and end < start:
            errors.setdefault(
                "end_date", f"{spec.labels['end_date']}不能早于{spec.labels['start_date']}"
            )
        elif end > today and not spec.end_may_be_future:
            errors.setdefault("end_date", f"{spec.labels['end_date']}不能晚于今天")
    if "date" in names and entry.date and entry.date > today:
        errors.setdefault("date", f"{spec.labels['date']}不能晚于今天")
    if "year" in names and entry.year is not None and not EARLIEST_YEAR <= entry.year <= today.year:
        errors.setdefault("year", f"年度应在 {EARLIEST_YEAR} 至 {today.year} 之间")
    if "rank" in names and entry.rank is not None and entry.rank < 1:
        errors.setdefault("rank", "本人排名应为正整数")
    hours = (entry.public_hours or 0) + (entry.professional_hours or 0)
    if entry.kind == Entry.Kind.TRAINING and hours == 0 and not errors:
        errors["public_hours"] = "公需科目学时与专业科目学时不能都为 0"
    if errors:
        raise ValidationError(errors)


def entry_used_by(entry: Entry) -> list[str]:
    """Labels of the applications that use this entry (empty: none does).

    No application imports entries yet; the applications app extends this when it does, and every
    delete goes through it.
    """
    return []


# --- Writing entries -------------------------------------------------------------------------


def _assign(entry: Entry, data: dict[str, Any]) -> None:
    allowed = set(SPECS[entry.kind].field_names)
    unknown = set(data) - allowed
    if unknown:
        raise ValidationError(f"该类别没有这些字段：{'、'.join(sorted(unknown))}")
    for name, value in data.items():
        setattr(entry, name, value)


def _event(
    entry: Entry,
    *,
    actor: Any,
    from_status: str,
    to_status: str,
    opinion: str = "",
    organization: Organization | None = None,
) -> EntryEvent:
    audit_record(
        kind=AuditEvent.Kind.LIBRARY_ENTRY,
        user=actor,
        detail={
            "entry": entry.pk,
            "from": from_status,
            "to": to_status,
            "unit": organization.pk if organization else None,
        },
    )
    return EntryEvent.objects.create(
        entry=entry,
        actor=actor,
        organization=organization,
        from_status=from_status,
        to_status=to_status,
        opinion=opinion,
    )


def _check_transition(entry: Entry, target: str, message: str) -> None:
    if target not in transitions.ALLOWED.get(entry.status, set()):
        raise ValidationError(message, code="transition")


def _lock(entry: Entry) -> Entry:
    return Entry.objects.select_for_update().get(pk=entry.pk)


@transaction.atomic
def entry_create(*, person: Any, kind: str, data: dict[str, Any], actor: Any) -> Entry:
    """A new draft of `kind` for `person` (the person writes their own library)."""
    if kind not in SPECS:
        raise ValidationError("未知的业绩类别")
    if not person.is_person or actor.pk != person.pk:
        raise ValidationError("只能录入本人的业绩")
    entry = Entry(person=person, kind=kind, status=S.DRAFT)
    _assign(entry, data)
    entry_clean(entry)
    entry.save()
    return entry


@transaction.atomic
def entries_import(
    *, person: Any, kind: str, rows: list[dict[str, Any]], actor: Any
) -> list[Entry]:
    """批量导入: create every row as a draft, or none of them (one failing row undoes all)."""
    if not rows:
        raise ValidationError("表格中没有可导入的数据")
    return [entry_create(person=person, kind=kind, data=row, actor=actor) for row in rows]


@transaction.atomic
def entry_update(*, entry: Entry, data: dict[str, Any], actor: Any) -> Entry:
    """Change a draft or a returned entry. A returned entry becomes a draft again (已退回 → 草稿)."""
    entry = _lock(entry)
    if actor.pk != entry.person_id:
        raise ValidationError("只能修改本人的业绩")
    if not entry.is_editable:
        raise ValidationError(NOT_EDITABLE_MESSAGE, code="not_editable")
    _assign(entry, data)
    entry_clean(entry)
    previous = entry.status
    update_fields = [*data.keys(), "updated_at"]
    if previous == S.RETURNED:
        _check_transition(entry, S.DRAFT, NOT_EDITABLE_MESSAGE)
        entry.status = S.DRAFT
        update_fields.append("status")
    entry.save(update_fields=update_fields)
    if previous != entry.status:
        _event(
            entry,
            actor=actor,
            from_status=previous,
            to_status=entry.status,
            opinion="修改后转为草稿",
        )
    return entry


@transaction.atomic
def entry_delete(*, entry: Entry, actor: Any) -> None:
    """Delete an entry that is not waiting for review and that no application uses."""
    entry = _lock(entry)
    if actor.pk != entry.person_id:
        raise ValidationError("只能删除本人的业绩")
    if entry.status == S.SUBMITTED:
        raise ValidationError("该业绩正在单位审核中，不能删除", code="submitted")
    used_by = entry_used_by(entry)
    if used_by:
        raise ValidationError(
            f"该业绩已被职称申报使用（{'、'.join(used_by)}），不能删除", code="in_use"
        )
    attachments = list(entry.attachments.all())
    names = [a.file.name for a in attachments]
    storage = attachments[0].file.storage if attachments else None
    entry.delete()
    if storage is not None:
        attachment_files_delete(names, storage=storage)


@transaction.atomic
def entries_submit(*, person: Any, entry_ids: Iterable[int], actor: Any) -> list[Entry]:
    """提交审核: send one or many drafts (or returned entries) to the person's approved unit.

    All or nothing. An entry already waiting (a double click) is refused with a clear message.
    """
    if actor.pk != person.pk:
        raise ValidationError("只能提交本人的业绩")
    unit = require_approved_unit(person=person)
    ids = sorted(set(entry_ids))
    if not ids:
        raise ValidationError("请选择要提交的业绩", code="empty")
    entries = list(
        Entry.objects.select_for_update().filter(pk__in=ids, person=person).order_by("pk")
    )
    if len(entries) != len(ids):
        raise ValidationError("所选业绩不存在", code="missing")
    now = timezone.now()
    for entry in entries:
        _check_transition(
            entry,
            S.SUBMITTED,
            f"“{entry}”当前状态为{entry.get_status_display()}，不能提交审核",
        )
        try:
            entry_clean(entry)
        except ValidationError as error:
            raise ValidationError(f"“{entry}”信息不完整，请先修改后再提交") from error
    for entry in entries:
        previous = entry.status
        entry.status = S.SUBMITTED
        entry.unit = unit
        entry.submitted_at = now
        entry.save(update_fields=["status", "unit", "submitted_at", "updated_at"])
        _event(entry, actor=actor, from_status=previous, to_status=S.SUBMITTED, organization=unit)
    return entries


def entry_submit(*, entry: Entry, actor: Any) -> Entry:
    return entries_submit(person=entry.person, entry_ids=[entry.pk], actor=actor)[0]


@transaction.atomic
def entry_decide(
    *, entry: Entry, unit: Organization, approve: bool, opinion: str, actor: Any
) -> Entry:
    """The unit approves (已通过) or returns (已退回, with an opinion) an entry waiting for it."""
    entry = _lock(entry)
    if entry.unit_id != unit.pk:
        raise ValidationError("该业绩不属于本单位审核", code="wrong_unit")
    if entry.person_id == actor.pk:  # a clerk (经办人) may not approve their own achievements
        raise ValidationError("不能审核本人的业绩", code="own_entry")
    opinion = opinion.strip()
    if len(opinion) > MAX_OPINION:
        raise ValidationError({"opinion": f"审核意见不能超过 {MAX_OPINION} 字"})
    if not approve and not opinion:
        raise ValidationError({"opinion": "退回时请填写审核意见"})
    target = S.APPROVED if approve else S.RETURNED
    _check_transition(entry, target, f"该业绩当前状态为{entry.get_status_display()}，不能审核")
    previous = entry.status
    entry.status = target
    entry.opinion = opinion
    entry.decided_at = timezone.now()
    entry.save(update_fields=["status", "opinion", "decided_at", "updated_at"])
    _event(
        entry,
        actor=actor,
        from_status=previous,
        to_status=target,
        opinion=opinion,
        organization=unit,
    )
    return entry


@transaction.atomic
def entries_approve(
    *, unit: Organization, entry_ids: Iterable[int], opinion: str = "", actor: Any
) -> list[Entry]:
    """Approve many entries at once (all or nothing)."""
    ids = sorted(set(entry_ids))
    if not ids:
        raise ValidationError("请选择要审核的业绩", code="empty")
    entries = list(Entry.objects.filter(pk__in=ids, unit=unit).order_by("pk"))
    if len(entries) != len(ids):
        raise ValidationError("所选业绩不存在", code="missing")
    return [
        entry_decide(entry=entry, unit=unit, approve=True, opinion=opinion, actor=actor)
        for entry in entries
    ]


# --- Attachments ------------------------------------------------------------------------------


@transaction.atomic
def entry_attachment_add(*, entry: Entry, checked: CheckedFile, actor: Any) -> EntryAttachment:
    """Attach a checked file (see zhicheng.core.uploads.check_document) to an editable entry."""
    entry = _lock(entry)
    if actor.pk != entry.person_id:
        raise ValidationError("只能为本人的业绩上传附件")
    if not entry.is_editable:
        raise ValidationError(NOT_EDITABLE_MESSAGE, code="not_editable")
    if entry.attachments.count() >= MAX_ATTACHMENTS:
        raise ValidationError({"file": f"每条业绩最多上传 {MAX_ATTACHMENTS} 个附件"})
    return attachment_store(model=EntryAttachment, checked=checked, actor=actor, entry=entry)


@transaction.atomic
def entry_attachment_rename(
    *, attachment: EntryAttachment, name: str, actor: Any
) -> EntryAttachment:
    entry = _lock(attachment.entry)
    if actor.pk != entry.person_id:
        raise ValidationError("只能修改本人的附件")
    if not entry.is_editable:
        raise ValidationError(NOT_EDITABLE_MESSAGE, code="not_editable")
    attachment_rename(attachment=attachment, name=name)
    return attachment


@transaction.atomic
def entry_attachment_delete(*, attachment: EntryAttachment, actor: Any) -> None:
    entry = _lock(attachment.entry)
    if actor.pk != entry.person_id:
        raise ValidationError("只能删除本人的附件")
    if not entry.is_editable:
        raise ValidationError(NOT_EDITABLE_MESSAGE, code="not_editable")
    name, storage = attachment.file.name, attachment.file.storage
    attachment.delete()
    attachment_files_delete([name], storage=storage)


@transaction.atomic
def entries_return_on_unit_change(
    *, person: Any, old_unit: Organization, actor: Any, reason: str
) -> int:
    """When a person leaves a unit (变更单位 approved, or 解除绑定), entries still waiting for that
    unit go back to the person (已退回, with the reason): they are resubmitted to the new unit.

    Called by zhicheng.orgs.services inside the binding's transaction.
    """
    waiting = list(
        Entry.objects.select_for_update()
        .filter(person=person, unit=old_unit, status=S.SUBMITTED)
        .order_by("pk")
    )
    now = timezone.now()
    for entry in waiting:
        _check_transition(entry, S.RETURNED, "业绩状态已变化")
        entry.status = S.RETURNED
        entry.opinion = reason
        entry.decided_at = now
        entry.save(update_fields=["status", "opinion", "decided_at", "updated_at"])
        _event(
            entry,
            actor=actor,
            from_status=S.SUBMITTED,
            to_status=S.RETURNED,
            opinion=reason,
            organization=old_unit,
        )
    return len(waiting)
