"""Which columns each kind of entry uses, under which label, and which are required.

The forms, the detail pages, the spreadsheet templates and (later) the 专业技术资格评审表 all read
this one table, so a kind's fields are named once.
"""

from dataclasses import dataclass
from typing import Any

from .models import Entry

K = Entry.Kind


@dataclass(frozen=True)
class Field:
    name: str
    label: str
    required: bool = True


@dataclass(frozen=True)
class KindSpec:
    kind: str
    fields: tuple[Field, ...]
    # The columns that make up the one-line summary shown in lists.
    summary: tuple[str, ...]
    # May the end date lie in the future (a course or project still running)?
    end_may_be_future: bool = False

    @property
    def field_names(self) -> list[str]:
        return [f.name for f in self.fields]

    @property
    def labels(self) -> dict[str, str]:
        return {f.name: f.label for f in self.fields}


def _f(name: str, label: str, required: bool = True) -> Field:
    return Field(name, label, required)


SPECS: dict[str, KindSpec] = {
    K.WORK: KindSpec(
        K.WORK,
        (
            _f("start_date", "开始时间"),
            _f("end_date", "结束时间", False),
            _f("organization", "单位"),
            _f("position", "岗位/从事专业技术工作"),
            _f("post", "职务", False),
            _f("witness", "证明人", False),
        ),
        summary=("organization", "position"),
    ),
    K.EDUCATION: KindSpec(
        K.EDUCATION,
        (
            _f("start_date", "入学时间"),
            _f("end_date", "毕业时间"),
            _f("school", "院校"),
            _f("major", "专业"),
            _f("education_level", "学历"),
            _f("degree", "学位"),
            _f("schooling_years", "学制（年）"),
            _f("study_mode", "学习形式"),
            _f("number", "证书编号", False),
        ),
        summary=("school", "major"),
        end_may_be_future=True,
    ),
    K.TRAINING: KindSpec(
        K.TRAINING,
        (
            _f("year", "年度"),
            _f("public_hours", "公需科目学时"),
            _f("professional_hours", "专业科目学时"),
            _f("organization", "培训机构"),
        ),
        summary=("year", "organization"),
    ),
    K.APPRAISAL: KindSpec(
        K.APPRAISAL,
        (
            _f("year", "年度"),
            _f("appraisal_result", "考核结果"),
            _f("organization", "考核单位"),
        ),
        summary=("year", "appraisal_result"),
    ),
    K.PAPER: KindSpec(
        K.PAPER,
        (
            _f("title", "题目"),
            _f("journal", "刊物"),
            _f("issn_cn", "ISSN/CN"),
            _f("date", "发表时间"),
            _f("volume_issue", "卷期"),
            _f("rank", "本人排名"),
            _f("indexed_in", "收录情况", False),
            _f("is_representative", "是否代表作", False),
        ),
        summary=("title", "journal"),
    ),
    K.BOOK: KindSpec(
        K.BOOK,
        (
            _f("title", "书名"),
            _f("publisher", "出版社"),
            _f("isbn", "ISBN"),
            _f("date", "出版时间"),
            _f("role", "本人角色"),
            _f("words", "本人撰写字数（万字）"),
        ),
        summary=("title", "publisher"),
    ),
    K.PROJECT: KindSpec(
        K.PROJECT,
        (
            _f("title", "名称"),
            _f("number", "编号", False),
            _f("source", "来源"),
            _f("level", "级别"),
            _f("role", "本人角色"),
            _f("funding", "经费（万元）", False),
            _f("start_date", "开始时间"),
            _f("end_date", "结束时间", False),
            _f("completion", "结题情况"),
        ),
        summary=("title", "level"),
        end_may_be_future=True,
    ),
    K.AWARD: KindSpec(
        K.AWARD,
        (
            _f("title", "名称"),
            _f("level", "级别"),
            _f("grade", "等次"),
            _f("organization", "授奖单位"),
            _f("rank", "本人排名"),
            _f("date", "获奖时间"),
        ),
        summary=("title", "grade"),
    ),
    K.PATENT: KindSpec(
        K.PATENT,
        (
            _f("title", "名称"),
            _f("number", "专利号"),
            _f("patent_type", "类型"),
            _f("date", "授权日期"),
            _f("rank", "本人排名"),
        ),
        summary=("title", "patent_type"),
    ),
    K.STANDARD: KindSpec(
        K.STANDARD,
        (
            _f("title", "名称"),
            _f("number", "编号"),
            _f("standard_type", "类别"),
            _f("date", "发布日期"),
            _f("rank", "本人排名"),
        ),
        summary=("title", "standard_type"),
    ),
    K.TEACHING: KindSpec(
        K.TEACHING,
        (
            _f("title", "成果名称"),
            _f("level", "级别"),
            _f("grade", "等次", False),
            _f("organization", "授予单位", False),
            _f("rank", "本人排名", False),
            _f("date", "时间"),
            _f("description", "内容简介", False),
        ),
        summary=("title", "level"),
    ),
    K.RURAL: KindSpec(
        K.RURAL,
        (
            _f("start_date", "开始时间"),
            _f("end_date", "结束时间", False),  # blank: 至今
            _f("school", "学校"),
            _f("region", "地区"),
        ),
        summary=("school", "region"),
    ),
    K.OTHER: KindSpec(
        K.OTHER,
        (
            _f("title", "名称"),
            _f("date", "时间", False),
            _f("description", "内容"),
        ),
        summary=("title",),
    ),
}


# Amounts that cannot be negative (学制, 经费, 字数).
NON_NEGATIVE = ("schooling_years", "funding", "words")

# Kinds whose blank end date means 至今 (still there).
OPEN_ENDED = (K.WORK, K.RURAL)

# Identifiers written with digits that are not numbers: Excel would turn 103591200805000123 into
# 1.03591E+17 and lose the last digits, so the template keeps them as text and the import refuses
# numeric cells.
IDENTIFIER_FIELDS = ("number", "isbn", "issn_cn")

# The columns that say two entries of a kind are the same achievement (批量导入 reports such rows).
DUPLICATE_KEYS: dict[str, tuple[str, ...]] = {
    K.APPRAISAL: ("year",),
    K.TRAINING: ("year",),
    K.EDUCATION: ("number",),
    K.PATENT: ("number",),
    K.STANDARD: ("number",),
    K.PAPER: ("title", "date"),
    K.BOOK: ("title", "date"),
    K.AWARD: ("title", "date"),
    K.TEACHING: ("title", "date"),
    K.PROJECT: ("title", "start_date"),
    K.WORK: ("organization", "start_date"),
    K.RURAL: ("school", "start_date"),
    K.OTHER: ("title", "date"),
}


def spec_for(kind: str) -> KindSpec:
    return SPECS[kind]


def display_value(entry: Entry, name: str) -> Any:
    """A column's value as shown to people: choice labels, 是/否, dates as written."""
    value = getattr(entry, name)
    if value is None or value == "":
        return ""
    field = Entry._meta.get_field(name)
    if getattr(field, "choices", None):
        return getattr(entry, f"get_{name}_display")()
    if isinstance(value, bool):
        return "是" if value else "否"
    return value


def entry_facts(entry: Entry) -> list[tuple[str, Any]]:
    """(label, value) for each column of the entry's kind, in the manual's order."""
    facts = []
    for f in SPECS[entry.kind].fields:
        value = display_value(entry, f.name)
        if f.name == "end_date" and value == "" and entry.kind in OPEN_ENDED:
            value = "至今"
        facts.append((f.label, value))
    return facts


def entry_summary(entry: Entry) -> str:
    parts = [str(display_value(entry, name)) for name in SPECS[entry.kind].summary]
    return " · ".join(p for p in parts if p) or "—"


def entry_period(entry: Entry) -> str:
    """起止时间, 年度 or the kind's one date, for the list's time column."""
    if entry.start_date:
        end = f"至 {entry.end_date:%Y-%m}" if entry.end_date else "至今"
        return f"{entry.start_date:%Y-%m} {end}"
    if entry.year:
        return f"{entry.year} 年度"
    if entry.date:
        return entry.date.strftime("%Y-%m-%d")
    return ""
