"""专业技术资格评审表 (导出评审表): the form the applicant prints and takes to every office to be stamped.

The data is plain: the applications and reviews apps fill these classes from their models; nothing
here reads the database. Every list section is a `Section` (column headers + rows of strings), so a
plan's own performance categories need no change here.
"""

from collections.abc import Sequence
from dataclasses import asdict, dataclass, field
from typing import Any

from .render import render_pdf

EDUCATION_COLUMNS = ("起止时间", "毕业院校", "所学专业", "学历", "学位", "合格学历")
WORK_COLUMNS = ("起止时间", "工作单位", "从事专业技术工作", "职务/岗位")
CONTINUING_EDUCATION_COLUMNS = ("起止时间", "培训内容", "组织单位", "学时")
ASSESSMENT_COLUMNS = ("年度", "考核单位", "考核结果")
ACHIEVEMENT_COLUMNS = ("时间", "业绩名称", "本人作用/排名", "级别/来源", "备注")
PUBLICATION_COLUMNS = ("时间", "论文/著作名称", "刊物/出版社", "刊号/书号", "本人排名")


@dataclass(frozen=True)
class Field:
    """One label and its value in 基本情况; `wide` ones take a whole line below the photo rows."""

    label: str
    value: str = ""
    wide: bool = False


@dataclass(frozen=True)
class Section:
    """A titled table: `rows` are lists of cell strings, one per column; `widths` relative (optional)."""

    title: str
    columns: Sequence[str]
    rows: Sequence[Sequence[str]] = ()
    widths: Sequence[float] | None = None
    empty: str = "无"

    def __post_init__(self) -> None:
        for number, row in enumerate(self.rows, start=1):
            if len(row) != len(self.columns):
                raise ValueError(
                    f"{self.title}: row {number} has {len(row)} cells for {len(self.columns)} columns"
                )
        if self.widths is not None and len(self.widths) != len(self.columns):
            raise ValueError(
                f"{self.title}: {len(self.widths)} widths for {len(self.columns)} columns"
            )


@dataclass(frozen=True)
class Publicity:
    """公示 of the unit's recommendation; blanks print as lines to fill in by hand."""

    start: str = ""
    end: str = ""
    place: str = ""
    result: str = ""


@dataclass(frozen=True)
class Vote:
    """The committee's vote once recorded (人社部令第40号: 2/3 present, 2/3 of those present in favour)."""

    members: int | None = None
    present: int | None = None
    yes: int | None = None
    no: int | None = None
    abstain: int | None = None
    result: str = ""  # 通过 / 未通过


@dataclass(frozen=True)
class OfficeOpinion:
    """One office's box: its opinion, then signature, seal and date lines (printed empty if not given)."""

    office: str
    opinion: str = ""
    signer: str = "负责人（签字）"
    date: str = ""
    publicity: Publicity | None = None
    vote: Vote | None = None


def default_opinions() -> list[OfficeOpinion]:
    """The four offices that stamp the form, in order, all blank (the manual's 此表仍由线下提交审核)."""
    return [
        OfficeOpinion("单位推荐意见", publicity=Publicity()),
        OfficeOpinion("主管部门意见"),
        OfficeOpinion("人社部门意见"),
        OfficeOpinion("评委会意见", signer="评委会主任（签字）", vote=Vote()),
    ]


@dataclass(frozen=True)
class ReviewFormData:
    name: str
    unit: str
    specialty: str
    title: str  # 申报资格（职称）
    level: str  # 评审级别
    filled_on: str  # 填表日期, as printed: 2026年5月20日
    series: str = ""  # 职称系列
    basic: Sequence[Field] = ()
    photo: bytes | None = None  # JPEG or PNG
    education: Section = field(default_factory=lambda: Section("学历", EDUCATION_COLUMNS))
    work: Section = field(default_factory=lambda: Section("工作经历", WORK_COLUMNS))
    continuing_education: Section = field(
        default_factory=lambda: Section("继续教育", CONTINUING_EDUCATION_COLUMNS)
    )
    assessments: Section = field(default_factory=lambda: Section("年度考核", ASSESSMENT_COLUMNS))
    achievements: Sequence[
        Section
    ] = ()  # 业绩成果, one Section per category of the plan's standard
    publications: Section = field(default_factory=lambda: Section("论文著作", PUBLICATION_COLUMNS))
    opinions: Sequence[OfficeOpinion] = field(default_factory=default_opinions)
    issuer_line: str = ""  # e.g. 安徽省人力资源和社会保障厅制, under the cover title


def _image_name(photo: bytes) -> str:
    if photo.startswith(b"\xff\xd8"):
        return "photo.jpg"
    if photo.startswith(b"\x89PNG"):
        return "photo.png"
    raise ValueError("the photo must be a JPEG or PNG image")


def _count(value: int | None) -> str:
    return "" if value is None else str(value)


def review_form_payload(data: ReviewFormData) -> tuple[dict[str, Any], dict[str, bytes]]:
    """The JSON the template reads and the files it loads (split out so tests can look at it)."""
    files = {}
    payload = asdict(data)
    payload.pop("photo")
    if data.photo:
        name = _image_name(data.photo)
        files[name] = data.photo
        payload["photo"] = name
    else:
        payload["photo"] = None
    for opinion in payload["opinions"]:
        if opinion["vote"] is not None:
            opinion["vote"] = {
                key: value if key == "result" else _count(value)
                for key, value in opinion["vote"].items()
            }
    return payload, files


def review_form_pdf(data: ReviewFormData) -> bytes:
    """The 专业技术资格评审表 as A4 PDF: cover, 基本情况 with photo, every section, the offices' boxes."""
    payload, files = review_form_payload(data)
    return render_pdf("review_form", payload, files=files)
