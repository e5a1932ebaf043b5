"""开始检测 (manual 四(二)7): every condition an application must meet before 提交审核.

One function, `application_checks`, feeds the 开始检测 page, the live completeness panel on every
section of the form, and `services.application_submit` (which refuses while any check fails).
It reads from `selectors.application_data` plus the unit, the ban and the window, so its cost does
not grow with the number of imported entries.
"""

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from django.utils import timezone

from zhicheng.library.models import Entry
from zhicheng.orgs.selectors import person_unit
from zhicheng.plans.services import plan_apply_blockers

from .models import Application, ImportedEntry, Section
from .selectors import ApplicationData, application_data
from .series_fields import fields_for

APPRAISAL_CHOICE_MISSING = "请为每条年度考核选择考核结果“合格”或“不合格”"
QUALIFIED_MISSING = "请至少勾选一条“合格学历”"


@dataclass(frozen=True)
class Check:
    """One line of 开始检测: 符合 / 不符合, what to do, and the section to go to."""

    key: str
    label: str
    ok: bool
    advice: str = ""
    section: str = "basic"

    @property
    def verdict(self) -> str:
        return "符合" if self.ok else "不符合"


def _check(key: str, label: str, problems: list[str], section: str) -> Check:
    return Check(key, label, not problems, "；".join(problems), section)


def _basic(data: ApplicationData) -> list[str]:
    application = data.application
    problems = []
    if not application.photo:
        problems.append("请上传证件照（近期免冠正面彩色证件照）")
    info = application.professional_info or {}
    missing = [
        f.label
        for f in fields_for(application.plan.series)
        if f.required and not str(info.get(f.name, "")).strip()
    ]
    if missing:
        problems.append(f"请填写{'、'.join(missing)}（不具有的必填项填“无”）")
    if application.work_years is None:
        problems.append("请填写工作年限")
    if application.professional_years is None:
        problems.append("请填写专业年限")
    for name, label in (
        ("political_status", "政治面貌"),
        ("ethnicity", "民族"),
        ("phone", "手机号码"),
    ):
        if not getattr(application, name):
            problems.append(f"请填写{label}")
    return problems


def _appointments(data: ApplicationData, unit: Any) -> list[str]:
    if unit is None or not unit.is_public_institution:
        return []
    if not data.titles:
        return ["事业单位人员须填写现有职称情况及其评聘情况"]
    lacking = [t.name for t in data.titles if not t.appointments.all()]
    if lacking:
        return [f"请为现有职称“{'、'.join(lacking)}”新增评聘情况（按聘用文件准确填写聘用日期）"]
    return []


def _education(items: list[ImportedEntry]) -> list[str]:
    return [] if any(item.qualified for item in items) else [QUALIFIED_MISSING]


def _appraisal(items: list[ImportedEntry]) -> list[str]:
    missing = [item.period or item.summary for item in items if not item.appraisal_choice]
    return [f"{APPRAISAL_CHOICE_MISSING}（{'、'.join(missing)}）"] if missing else []


def _slots(data: ApplicationData) -> list[str]:
    missing = [
        slot.name for slot in data.slots if slot.required and not data.attachments.get(slot.pk)
    ]
    return [f"请上传{'、'.join(missing)}"] if missing else []


def _categories(data: ApplicationData) -> list[Check]:
    checks = []
    for block in data.categories:
        category, count = block.category, len(block.imports)
        problems = []
        if count < category.min_items:
            problems.append(f"至少导入{category.min_items}项，现有{count}项")
        if count > category.max_items:
            problems.append(f"最多导入{category.max_items}项，现有{count}项，请移除多余的")
        checks.append(
            _check(
                f"category-{category.pk}", f"申报业绩 · {category.name}", problems, "performance"
            )
        )
    return checks


def _apply_form(application: Application) -> Check | None:
    if application.is_exceptional:
        problems = []
        if not application.exceptional_conditions.strip():
            problems.append("请填写符合的破格条件")
        if not application.exceptional_evidence.strip():
            problems.append("请填写破格依据")
        return _check("exceptional", "破格申报信息", problems, "exceptional")
    if application.is_transfer:
        problems = []
        for name, label in (
            ("transfer_current_title", "现有职称（转评前）"),
            ("transfer_original_series", "原职称系列"),
            ("transfer_reason", "转评理由"),
        ):
            if not getattr(application, name).strip():
                problems.append(f"请填写{label}")
        return _check("transfer", "转评申报信息", problems, "transfer")
    return None


def _imports_still_valid(data: ApplicationData) -> list[str]:
    person_id = data.application.person_id
    stale = []
    for item in data.imports:
        entry = data.entries.get(item.entry_id) if item.entry_id else None
        if entry is None or entry.person_id != person_id or entry.status != Entry.Status.APPROVED:
            stale.append(item.summary)
    if stale:
        return [f"以下导入的业绩已不是本人审核通过的业绩，请移除：{'、'.join(stale)}"]
    return []


def application_checks(
    application: Application,
    *,
    data: ApplicationData | None = None,
    now: datetime | None = None,
) -> list[Check]:
    """Every check, in the order of the form. `data` may be passed when the caller has it."""
    data = data or application_data(application)
    now = now or timezone.now()
    person = application.person
    unit = person_unit(person=person)
    sections = data.sections
    checks = [
        _check("basic", "基本信息（个人信息、专业信息、证件照）", _basic(data), "basic"),
        _check(
            "appointments",
            "现有职称评聘情况（事业单位人员必填）",
            _appointments(data, unit),
            "basic",
        ),
        _check(
            "education", "学历教育 · 合格学历", _education(sections[Section.EDUCATION]), "education"
        ),
        _check(
            "appraisal", "年度考核 · 考核结果", _appraisal(sections[Section.APPRAISAL]), "appraisal"
        ),
        _check("attachments", "附件上传（必须上传的附件）", _slots(data), "attachments"),
    ]
    form_check = _apply_form(application)
    if form_check is not None:
        checks.append(form_check)
    checks.extend(_categories(data))
    checks.append(
        _check(
            "imports", "导入的业绩仍为本人审核通过的业绩", _imports_still_valid(data), "performance"
        )
    )
    # Unit, 诚信档案 and the window: the same rule that decides 马上申报.
    blockers = plan_apply_blockers(person=person, plan=application.plan, now=now)
    checks.append(_check("eligibility", "工作单位、诚信档案与申报时间", blockers, "index"))
    return checks


def failing(checks: list[Check]) -> list[Check]:
    return [check for check in checks if not check.ok]
