"""What the applicant submitted, frozen at each 提交审核, and what changed since the last one.

The snapshot is plain JSON (labels and strings), so the diff never depends on later changes of
the library, the plan or the application.
"""

from dataclasses import dataclass, field
from typing import Any

from zhicheng.applications.models import Application
from zhicheng.applications.selectors import application_data
from zhicheng.applications.series_fields import fields_for

BASIC_FIELDS = (
    ("apply_form", "申报形式"),
    ("specialty", "申报专业"),
    ("title", "申报职称"),
    ("political_status", "政治面貌"),
    ("ethnicity", "民族"),
    ("phone", "手机号码"),
    ("email", "电子邮箱"),
    ("work_years", "工作年限"),
    ("professional_years", "专业年限"),
    ("exceptional_conditions", "符合的破格条件"),
    ("exceptional_evidence", "破格依据"),
    ("transfer_current_title", "现有职称（转评前）"),
    ("transfer_original_series", "原职称系列"),
    ("transfer_reason", "转评理由"),
)


def _text(value: Any) -> str:
    return "" if value is None else str(value)


def application_snapshot(application: Application) -> dict[str, Any]:
    data = application_data(application)
    fields: dict[str, str] = {}
    for name, label in BASIC_FIELDS:
        if name == "apply_form":
            value = application.get_apply_form_display()
        elif name == "specialty":
            value = application.specialty.name
        else:
            value = _text(getattr(application, name))
        fields[label] = value
    info = application.professional_info or {}
    for series_field in fields_for(application.plan.series):
        fields[series_field.label] = _text(info.get(series_field.name))
    fields["证件照"] = application.photo.name.rsplit("/", 1)[-1] if application.photo else ""
    for number, title in enumerate(data.titles, start=1):
        appointments = "；".join(
            f"{a.unit} {a.post} {a.starts_on:%Y-%m-%d}起 {a.document_number}"
            for a in title.appointments.all()
        )
        fields[f"现有职称{number}"] = (
            f"{title.name}（{title.specialty}）{title.obtained_on:%Y-%m-%d} "
            f"{title.certificate_number}" + (f"；评聘：{appointments}" if appointments else "")
        )
    entries: dict[str, dict[str, Any]] = {}
    for item in data.imports:
        where = item.category.name if item.category else item.get_section_display()
        mark = ""
        if item.qualified:
            mark = "合格学历"
        elif item.appraisal_choice:
            mark = item.get_appraisal_choice_display()
        key = f"{item.entry_id or 'x' + str(item.pk)}"
        entries[key] = {
            "where": where,
            "summary": item.summary,
            "period": item.period,
            "facts": [list(pair) for pair in item.facts],
            "mark": mark,
            "files": sorted(f.get("name", "") for f in item.files),
        }
    attachments: dict[str, dict[str, str]] = {}
    for attachment in data.all_attachments:
        attachments[f"{attachment.slot_id}:{attachment.sha256}"] = {
            "slot": attachment.slot.name,
            "name": attachment.display_name,
        }
    return {"fields": fields, "entries": entries, "attachments": attachments}


@dataclass
class Diff:
    fields: list[tuple[str, str, str]] = field(default_factory=list)  # label, before, after
    entries_added: list[dict[str, Any]] = field(default_factory=list)
    entries_removed: list[dict[str, Any]] = field(default_factory=list)
    entries_changed: list[tuple[dict[str, Any], list[str]]] = field(default_factory=list)
    attachments_added: list[dict[str, str]] = field(default_factory=list)
    attachments_removed: list[dict[str, str]] = field(default_factory=list)

    @property
    def empty(self) -> bool:
        return not (
            self.fields
            or self.entries_added
            or self.entries_removed
            or self.entries_changed
            or self.attachments_added
            or self.attachments_removed
        )


def snapshot_diff(before: dict[str, Any], after: dict[str, Any]) -> Diff:
    diff = Diff()
    old_fields, new_fields = before.get("fields", {}), after.get("fields", {})
    for label in [*old_fields, *(k for k in new_fields if k not in old_fields)]:
        old, new = old_fields.get(label, ""), new_fields.get(label, "")
        if old != new:
            diff.fields.append((label, old, new))
    old_entries, new_entries = before.get("entries", {}), after.get("entries", {})
    for key, entry in new_entries.items():
        if key not in old_entries:
            diff.entries_added.append(entry)
            continue
        old = old_entries[key]
        changed = [
            label
            for name, label in (
                ("where", "位置"),
                ("summary", "内容"),
                ("period", "时间"),
                ("facts", "详细信息"),
                ("mark", "合格学历/考核结果"),
                ("files", "附件"),
            )
            if old.get(name) != entry.get(name)
        ]
        if changed:
            diff.entries_changed.append((entry, changed))
    diff.entries_removed = [e for k, e in old_entries.items() if k not in new_entries]
    old_files, new_files = before.get("attachments", {}), after.get("attachments", {})
    diff.attachments_added = [a for k, a in new_files.items() if k not in old_files]
    diff.attachments_removed = [a for k, a in old_files.items() if k not in new_files]
    return diff
