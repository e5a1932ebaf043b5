"""专业技术资格评审表 (导出评审表): the form the applicant prints and takes to every office to be stamped.

The data is plain: the applications and reviews apps fill these classes from their models; nothing
here reads the database. Every list section is a `Section` (column headers + rows of strings), so a
plan's own performance categories need no change here.
"""

from collections.abc import Sequence
from dataclasses import asdict, dataclass, field
from typing import Any

from .parts import Field, OfficeOpinion, Publicity, Section, Vote, opinions_payload, photo_files
from .render import render_pdf

__all__ = [
    "Field",
    "OfficeOpinion",
    "Publicity",
    "ReviewFormData",
    "Section",
    "Vote",
    "review_form_pdf",
]

EDUCATION_COLUMNS = ("起止时间", "毕业院校", "所学专业", "学历", "学位", "合格学历")
WORK_COLUMNS = ("起止时间", "工作单位", "从事专业技术工作", "职务/岗位")
CONTINUING_EDUCATION_COLUMNS = ("起止时间", "培训内容", "组织单位", "学时")
ASSESSMENT_COLUMNS = ("年度", "考核单位", "考核结果")
ACHIEVEMENT_COLUMNS = ("时间", "业绩名称", "本人作用/排名", "级别/来源", "备注")
PUBLICATION_COLUMNS = ("时间", "论文/著作名称", "刊物/出版社", "刊号/书号", "本人排名")


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


def review_form_payload(data: ReviewFormData) -> tuple[dict[str, Any], dict[str, bytes]]:
    """The JSON the template reads and the files it loads (split out so tests can look at it)."""
    payload = asdict(data)
    files = photo_files(data.photo, payload)
    opinions_payload(payload["opinions"])
    return payload, files


def review_form_pdf(data: ReviewFormData) -> bytes:
    """The 专业技术资格评审表 as A4 PDF: cover, 基本情况 with photo, every section, the offices' boxes."""
    payload, files = review_form_payload(data)
    return render_pdf("review_form", payload, files=files)
