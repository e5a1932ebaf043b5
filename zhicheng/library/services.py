"""Writes to the library. Every state change: lock the row, check ALLOWED, save, event row."""

import datetime
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from django.contrib.auth import get_user_model
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
from zhicheng.core.workflow import check_transition, clean_opinion, lock, transition
from zhicheng.orgs.models import Organization, UnitBinding
from zhicheng.orgs.services import unit_required_message

from . import hooks, transitions
from .kinds import DUPLICATE_KEYS, NON_NEGATIVE, SPECS, entry_summary
from .models import Entry, EntryAttachment, EntryEvent, EntryImport

EntryStatus = Entry.Status
MAX_ATTACHMENTS = 10
EARLIEST_YEAR = 1950
# Nobody's professional record starts before they are 14 (the legal working age is 16; 14 leaves
# room for 中专 entered young). Without a birth date the floor is EARLIEST_YEAR.
YEARS_BEFORE_RECORDS = 14
NOT_EDITABLE_MESSAGE = "该业绩已提交审核或已审核通过，不能修改"
LEFT_UNIT_MESSAGE = "该人员已不在本单位，不能审核其业绩"
# A course or project still running gives its planned end: at most this many years ahead.
YEARS_PLANNED_AHEAD = 10
REIMPORT_WINDOW = datetime.timedelta(minutes=10)


# --- Rules on the fields ---------------------------------------------------------------------


def earliest_date(person: Any) -> datetime.date:
    """The earliest plausible date of a person's entries: 14 years after birth, or 1950-01-01."""
    birth = getattr(person, "birth_date", None) if person is not None else None
    if birth is None:
        return datetime.date(EARLIEST_YEAR, 1, 1)
    year = birth.year + YEARS_BEFORE_RECORDS
    try:
        floor = birth.replace(year=year)
    except ValueError:  # born on 29 February
        floor = datetime.date(year, 3, 1)
    return max(floor, datetime.date(EARLIEST_YEAR, 1, 1))


def entry_clean(entry: Entry, *, today: datetime.date | None = None) -> None:
    """The rules every entry of a kind must meet, as {field: message} (shown next to the field)."""
    today = today or timezone.localdate()
    spec = SPECS[entry.kind]
    names = set(spec.field_names)
    labels = spec.labels
    person = entry.person if entry.person_id else None
    floor = earliest_date(person)
    errors: dict[str, str] = {}
    for field_ in spec.fields:
        value = getattr(entry, field_.name)
        if (
            field_.required
            and (value is None or value == "")
            and field_.name != "is_representative"
        ):
            errors[field_.name] = f"请填写{field_.label}"
    for name in ("start_date", "end_date", "date"):
        value = getattr(entry, name)
        if name in names and value and value < floor:
            errors.setdefault(name, f"{labels[name]}不能早于 {floor:%Y-%m-%d}")
    start, end = entry.start_date, entry.end_date
    if "start_date" in names and start and start > today:
        errors.setdefault("start_date", f"{labels['start_date']}不能晚于今天")
    if "end_date" in names and end:
        if start and end < start:
            errors.setdefault("end_date", f"{labels['end_date']}不能早于{labels['start_date']}")
        elif end > today and not _end_may_be_future(entry):
            errors.setdefault("end_date", f"{labels['end_date']}不能晚于今天")
        elif end.year > today.year + YEARS_PLANNED_AHEAD:
            errors.setdefault(
                "end_date",
                f"{labels['end_date']}不能晚于 {today.year + YEARS_PLANNED_AHEAD} 年",
            )
    if "date" in names and entry.date and entry.date > today:
        errors.setdefault("date", f"{labels['date']}不能晚于今天")
    if "year" in names and entry.year is not None:
        first = max(EARLIEST_YEAR, floor.year)
        if not first <= entry.year <= today.year:
            errors.setdefault("year", f"年度应在 {first} 至 {today.year} 之间")
    if "rank" in names and entry.rank is not None and entry.rank < 1:
        errors.setdefault("rank", "本人排名应为正整数")
    for name in NON_NEGATIVE:
        value = getattr(entry, name)
        if name in names and value is not None and value < 0:
            errors.setdefault(name, f"{labels[name]}不能小于 0")
    if entry.kind == Entry.Kind.PROJECT and entry.completion == Entry.Completion.DONE and not end:
        errors.setdefault("end_date", "已结题的项目请填写结束时间")
    hours = (entry.public_hours or 0) + (entry.professional_hours or 0)
    if entry.kind == Entry.Kind.TRAINING and hours == 0 and not errors:
        errors["public_hours"] = "公需科目学时与专业科目学时不能都为 0"
    if errors:
        raise ValidationError(errors)


def _end_may_be_future(entry: Entry) -> bool:
    """A course or project still running may give its planned end — unless it is already over:
    a 已结题 project, or a degree whose certificate number is given."""
    if not SPECS[entry.kind].end_may_be_future:
        return False
    if entry.kind == Entry.Kind.PROJECT:
        return entry.completion != Entry.Completion.DONE
    if entry.kind == Entry.Kind.EDUCATION:
        return not entry.number
    return True


def _check_unique(entry: Entry) -> None:
    """One 年度考核 per person and year (also a database constraint)."""
    if entry.kind != Entry.Kind.APPRAISAL or entry.year is None:
        return
    others = Entry.objects.filter(person_id=entry.person_id, kind=entry.kind, year=entry.year)
    if others.exclude(pk=entry.pk).exists():
        raise ValidationError({"year": f"已有 {entry.year} 年度的年度考核，不能重复录入"})


def entry_used_by(entry: Entry) -> list[str]:
    """Labels of the applications that use this entry (empty: none does); see `hooks.entry_used_by`."""
    return [label for labels in hooks.entry_used_by.call(entry) for label in labels]


# --- Writing entries -------------------------------------------------------------------------


def _assign(entry: Entry, data: dict[str, Any]) -> None:
    allowed = set(SPECS[entry.kind].field_names)
    unknown = set(data) - allowed
    if unknown:
        raise ValidationError(f"该类别没有这些字段：{'、'.join(sorted(unknown))}")
    for name, value in data.items():
        setattr(entry, name, value)


def _transition(
    entry: Entry,
    *,
    to: str,
    actor: Any,
    refused: str,
    opinion: str = "",
    organization: Organization | None = None,
    fields: dict[str, Any] | None = None,
) -> EntryEvent:
    """The one recipe (core.workflow): check the table, save, event row, audit row."""
    return transition(
        entry,
        to=to,
        allowed=transitions.ALLOWED,
        event_model=EntryEvent,
        subject="entry",
        actor=actor,
        organization=organization,
        opinion=opinion,
        refused=refused,
        fields={**(fields or {}), "updated_at": timezone.now()},
        audit_kind=AuditEvent.Kind.LIBRARY_ENTRY,
        audit_detail={"entry": entry.pk, "unit": organization.pk if organization else None},
    )


def _snapshot(entry: Entry) -> dict[str, Any]:
    return {
        "entry": entry.pk,
        "person": entry.person_id,
        "kind": entry.kind,
        "status": entry.status,
        "summary": entry_summary(entry),
    }


def _audit_change(entry: Entry, *, actor: Any, action: str, **detail: Any) -> None:
    """Deleting an entry and changing its files leave no event row (no status changes), so they
    are written to the audit log with what was there."""
    audit_record(
        kind=AuditEvent.Kind.LIBRARY_ENTRY,
        user=actor,
        detail={**_snapshot(entry), "action": action, **detail},
    )


def _back_to_draft(entry: Entry, *, actor: Any, opinion: str) -> None:
    """A returned entry that its person changes becomes a draft again (已退回 → 草稿)."""
    if entry.status != EntryStatus.RETURNED:
        return
    _transition(
        entry, to=EntryStatus.DRAFT, actor=actor, refused=NOT_EDITABLE_MESSAGE, opinion=opinion
    )


def _lock(entry: Entry) -> Entry:
    return lock(Entry, pk=entry.pk)


def _lock_binding(person_id: int) -> UnitBinding | None:
    """The person's approved binding, locked: 解除绑定 and 变更单位 lock the same row before they
    return waiting entries, so a submission or a decision cannot slip in between."""
    return (
        UnitBinding.objects.select_for_update(of=("self",))
        .select_related("unit")
        .filter(person_id=person_id, status=UnitBinding.Status.APPROVED)
        .first()
    )


@transaction.atomic
def entry_create(*, person: Any, kind: str, data: dict[str, Any], actor: Any) -> Entry:
    """A new draft of `kind` for `person` (the person writes their own library)."""
    if kind not in SPECS:
        raise ValidationError("未知的业绩类别")
    if not person.is_person or actor.pk != person.pk:
        raise ValidationError("只能录入本人的业绩")
    entry = Entry(person=person, kind=kind, status=EntryStatus.DRAFT)
    _assign(entry, data)
    entry_clean(entry)
    _check_unique(entry)
    entry.save()
    return entry


def _duplicate_key(kind: str, values: Any) -> tuple[Any, ...] | None:
    """The entry's key columns (DUPLICATE_KEYS), or None when one of them is blank."""
    names = DUPLICATE_KEYS.get(kind, ())
    key = tuple(
        (values.get(n) if isinstance(values, dict) else getattr(values, n, None)) for n in names
    )
    if not key or any(v is None or v == "" for v in key):
        return None
    return tuple(v.strip().upper() if isinstance(v, str) else v for v in key)


def import_duplicates(
    *, person: Any, kind: str, rows: list[dict[str, Any]], row_numbers: list[int] | None = None
) -> list[str]:
    """Rows that repeat an entry the person already has, or an earlier row of the same sheet."""
    numbers = row_numbers or list(range(1, len(rows) + 1))
    names = DUPLICATE_KEYS.get(kind, ())
    labels = SPECS[kind].labels
    existing = {
        _duplicate_key(kind, entry)
        for entry in Entry.objects.filter(person=person, kind=kind).only(*names, "kind")
    }
    seen: dict[tuple[Any, ...], int] = {}
    problems = []
    for number, row in zip(numbers, rows, strict=True):
        key = _duplicate_key(kind, row)
        if key is None:
            continue
        what = "，".join(f"{labels[n]} {row[n]}" for n in names)
        if key in existing:
            problems.append(f"第 {number} 行与业绩库中已有的{Entry.Kind(kind).label}重复（{what}）")
        elif key in seen:
            problems.append(f"第 {number} 行与第 {seen[key]} 行重复（{what}）")
        else:
            seen[key] = number
    return problems


@transaction.atomic
def entries_import(
    *,
    person: Any,
    kind: str,
    rows: list[dict[str, Any]],
    actor: Any,
    sha256: str = "",
    row_numbers: list[int] | None = None,
) -> list[Entry]:
    """批量导入: create every row as a draft, or none of them (one failing row undoes all).

    The same file (by SHA-256) imported again within REIMPORT_WINDOW is refused, and rows that
    repeat an existing entry on its key columns (DUPLICATE_KEYS) are reported, not created.
    """
    if not rows:
        raise ValidationError("表格中没有可导入的数据")
    if actor.pk != person.pk:
        raise ValidationError("只能录入本人的业绩")
    # Serialise one person's imports: a double click sends the same file twice at once.
    get_user_model().objects.select_for_update().filter(pk=person.pk).first()
    if sha256:
        recent = EntryImport.objects.filter(
            person=person,
            kind=kind,
            sha256=sha256,
            created_at__gte=timezone.now() - REIMPORT_WINDOW,
        ).first()
        if recent is not None:
            at = timezone.localtime(recent.created_at)
            raise ValidationError(
                f"该文件已于 {at:%H:%M} 导入（{recent.rows} 条），请勿重复导入", code="reimport"
            )
    duplicates = import_duplicates(person=person, kind=kind, rows=rows, row_numbers=row_numbers)
    if duplicates:
        raise ValidationError(duplicates, code="duplicate")
    entries = [entry_create(person=person, kind=kind, data=row, actor=actor) for row in rows]
    if sha256:
        EntryImport.objects.create(person=person, kind=kind, sha256=sha256, rows=len(entries))
    return entries


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
    _check_unique(entry)
    entry.save(update_fields=[*data.keys(), "updated_at"])
    _back_to_draft(entry, actor=actor, opinion="修改后转为草稿")
    return entry


@transaction.atomic
def entry_delete(*, entry: Entry, actor: Any) -> None:
    """Delete an entry that is not waiting for review and that no application uses."""
    entry = _lock(entry)
    if actor.pk != entry.person_id:
        raise ValidationError("只能删除本人的业绩")
    if entry.status == EntryStatus.SUBMITTED:
        raise ValidationError("该业绩正在单位审核中，不能删除", code="submitted")
    used_by = entry_used_by(entry)
    if used_by:
        raise ValidationError(
            f"该业绩已被职称申报使用（{'、'.join(used_by)}），不能删除", code="in_use"
        )
    attachments = list(entry.attachments.all())
    names = [a.file.name for a in attachments]
    storage = attachments[0].file.storage if attachments else None
    _audit_change(
        entry,
        actor=actor,
        action="delete",
        attachments=[{"name": a.display_name, "sha256": a.sha256} for a in attachments],
    )
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
    binding = _lock_binding(person.pk)
    if binding is None:
        raise ValidationError(unit_required_message(person=person), code="unit_required")
    unit = binding.unit
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
        check_transition(
            transitions.ALLOWED,
            entry.status,
            EntryStatus.SUBMITTED,
            refused=f"“{entry}”当前状态为{entry.get_status_display()}，不能提交审核",
        )
        if not entry.attachments.exists():
            raise ValidationError(
                f"“{entry}”还没有附件：请先上传证明材料（PDF、JPG 或 PNG），再提交审核",
                code="no_attachment",
            )
        try:
            entry_clean(entry)
        except ValidationError as error:
            labels = SPECS[entry.kind].labels
            fields = "、".join(labels.get(name, name) for name in error.message_dict)
            raise ValidationError(
                f"“{entry}”信息不完整或有误（{fields}），请先修改后再提交", code="incomplete"
            ) from error
    for entry in entries:
        _transition(
            entry,
            to=EntryStatus.SUBMITTED,
            actor=actor,
            refused=f"“{entry}”当前状态为{entry.get_status_display()}，不能提交审核",
            organization=unit,
            fields={"unit": unit, "submitted_at": now},
        )
    return entries


def entry_submit(*, entry: Entry, actor: Any) -> Entry:
    return entries_submit(person=entry.person, entry_ids=[entry.pk], actor=actor)[0]


@transaction.atomic
def entry_withdraw(*, entry: Entry, actor: Any) -> Entry:
    """撤回: the person takes an entry still waiting for the unit back as a draft (待审核 → 草稿)."""
    entry = _lock(entry)
    if actor.pk != entry.person_id:
        raise ValidationError("只能撤回本人的业绩")
    refused = f"该业绩当前状态为{entry.get_status_display()}，不能撤回"
    # 已退回 → 草稿 is an edge too, but it is taken by changing the entry, not by 撤回.
    if entry.status != EntryStatus.SUBMITTED:
        raise ValidationError(refused, code="transition")
    _transition(
        entry,
        to=EntryStatus.DRAFT,
        actor=actor,
        refused=refused,
        opinion="本人撤回",
        organization=entry.unit,
    )
    return entry


@transaction.atomic
def entry_decide(
    *, entry: Entry, unit: Organization, approve: bool, opinion: str, actor: Any
) -> Entry:
    """The unit approves (已通过) or returns (已退回, with an opinion) an entry waiting for it.

    Only while the person still belongs to the unit: the binding is locked first (the order
    解除绑定 locks in), so a binding ending at the same moment waits for the decision or wins.
    """
    binding = _lock_binding(entry.person_id)
    entry = _lock(entry)
    if entry.unit_id != unit.pk:
        raise ValidationError("该业绩不属于本单位审核", code="wrong_unit")
    if binding is None or binding.unit_id != unit.pk:
        raise ValidationError(LEFT_UNIT_MESSAGE, code="left_unit")
    if entry.person_id == actor.pk:  # a clerk (经办人) may not approve their own achievements
        raise ValidationError("不能审核本人的业绩", code="own_entry")
    opinion = clean_opinion(
        opinion, required=not approve, missing="退回时请填写审核意见", label="审核意见"
    )
    _transition(
        entry,
        to=EntryStatus.APPROVED if approve else EntryStatus.RETURNED,
        actor=actor,
        refused=f"该业绩当前状态为{entry.get_status_display()}，不能审核",
        opinion=opinion,
        organization=unit,
        fields={"opinion": opinion, "decided_at": timezone.now()},
    )
    return entry


@dataclass
class BulkApproval:
    approved: list[Entry] = field(default_factory=list)
    # Ticked entries that were no longer waiting (a colleague decided them meanwhile).
    skipped: list[Entry] = field(default_factory=list)


def entry_label(entry: Entry) -> str:
    """Whose entry and which, for messages about one of many: 张三 · 学历教育 · 安徽大学 · 数学."""
    return f"{entry.person.name} · {entry}"


@transaction.atomic
def entries_approve(
    *, unit: Organization, entry_ids: Iterable[int], opinion: str = "", actor: Any
) -> BulkApproval:
    """Approve many entries at once. Entries no longer waiting are skipped and reported; any
    other refusal undoes the whole batch and names the entry."""
    ids = sorted(set(entry_ids))
    if not ids:
        raise ValidationError("请选择要审核的业绩", code="empty")
    entries = list(
        Entry.objects.filter(pk__in=ids, unit=unit).select_related("person").order_by("pk")
    )
    if len(entries) != len(ids):
        raise ValidationError("所选业绩不存在", code="missing")
    result = BulkApproval()
    for entry in entries:
        if entry.status != EntryStatus.SUBMITTED:
            result.skipped.append(entry)
            continue
        try:
            decided = entry_decide(
                entry=entry, unit=unit, approve=True, opinion=opinion, actor=actor
            )
        except ValidationError as error:
            raise ValidationError(
                f"{entry_label(entry)}：{'；'.join(error.messages)}", code=error.code
            ) from error
        result.approved.append(decided)
    return result


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
    attachment = attachment_store(model=EntryAttachment, checked=checked, actor=actor, entry=entry)
    _audit_change(
        entry,
        actor=actor,
        action="attachment_add",
        attachment=attachment.pk,
        name=attachment.display_name,
        sha256=attachment.sha256,
    )
    _back_to_draft(entry, actor=actor, opinion="修改附件后转为草稿")
    return attachment


@transaction.atomic
def entry_attachment_rename(
    *, attachment: EntryAttachment, name: str, actor: Any
) -> EntryAttachment:
    entry = _lock(attachment.entry)
    if actor.pk != entry.person_id:
        raise ValidationError("只能修改本人的附件")
    if not entry.is_editable:
        raise ValidationError(NOT_EDITABLE_MESSAGE, code="not_editable")
    before = attachment.display_name
    attachment_rename(attachment=attachment, name=name)
    _audit_change(
        entry,
        actor=actor,
        action="attachment_rename",
        attachment=attachment.pk,
        before=before,
        after=attachment.display_name,
    )
    _back_to_draft(entry, actor=actor, opinion="修改附件后转为草稿")
    return attachment


@transaction.atomic
def entry_attachment_delete(*, attachment: EntryAttachment, actor: Any) -> None:
    entry = _lock(attachment.entry)
    if actor.pk != entry.person_id:
        raise ValidationError("只能删除本人的附件")
    if not entry.is_editable:
        raise ValidationError(NOT_EDITABLE_MESSAGE, code="not_editable")
    name, storage = attachment.file.name, attachment.file.storage
    _audit_change(
        entry,
        actor=actor,
        action="attachment_delete",
        attachment=attachment.pk,
        name=attachment.display_name,
        sha256=attachment.sha256,
    )
    attachment.delete()
    attachment_files_delete([name], storage=storage)
    _back_to_draft(entry, actor=actor, opinion="修改附件后转为草稿")


@transaction.atomic
def entries_return_on_unit_change(
    *, person: Any, old_unit: Organization, actor: Any, reason: str
) -> int:
    """When a person leaves a unit (变更单位 approved, or 解除绑定), entries still waiting for that
    unit go back to the person (已退回, with the reason): they are resubmitted to the new unit.

    Registered on `zhicheng.orgs.hooks.binding_ended`: runs inside the binding's transaction.
    """
    waiting = list(
        Entry.objects.select_for_update()
        .filter(person=person, unit=old_unit, status=EntryStatus.SUBMITTED)
        .order_by("pk")
    )
    now = timezone.now()
    for entry in waiting:
        _transition(
            entry,
            to=EntryStatus.RETURNED,
            actor=actor,
            refused="业绩状态已变化",
            opinion=reason,
            organization=old_unit,
            fields={"opinion": reason, "decided_at": now},
        )
    return len(waiting)
