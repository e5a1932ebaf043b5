"""破格审批表: for a 破格申报, the applicant's details, the conditions of exception met with the
evidence for each, and the four offices' boxes (the review form's layout, shared in _common.typ)."""

from collections.abc import Sequence
from dataclasses import asdict, dataclass, field

from .parts import Field, OfficeOpinion, opinions_payload, photo_files
from .render import render_pdf


@dataclass(frozen=True)
class ExceptionalCondition:
    """A 破格条件 of the plan's standard, and what the applicant offers as proof of it."""

    condition: str
    evidence: str


def exceptional_opinions() -> list[OfficeOpinion]:
    return [
        OfficeOpinion("单位意见"),
        OfficeOpinion("主管部门意见"),
        OfficeOpinion("人社部门意见"),
        OfficeOpinion("评委会组建单位意见"),
    ]


@dataclass(frozen=True)
class ExceptionalApprovalData:
    name: str
    unit: str
    specialty: str  # 申报专业
    current_title: str  # 现职称 (with the year obtained, as printed)
    title_applied: str  # 申报职称
    conditions: Sequence[ExceptionalCondition]
    basic: Sequence[Field] = ()  # further 基本情况 fields (sex, birth, education, years …)
    photo: bytes | None = None
    reason: str = ""  # 破格申报理由 / 主要业绩, free text
    opinions: Sequence[OfficeOpinion] = field(default_factory=exceptional_opinions)
    title: str = "专业技术资格破格申报审批表"
    filled_on: str = ""

    def __post_init__(self) -> None:
        if not self.conditions:
            raise ValueError("a 破格 application meets at least one condition")


def exceptional_approval_pdf(data: ExceptionalApprovalData) -> bytes:
    payload = asdict(data)
    files = photo_files(data.photo, payload)
    opinions_payload(payload["opinions"])
    payload["fields"] = [
        asdict(f)
        for f in (
            Field("姓名", data.name),
            *data.basic,
            Field("现职称", data.current_title),
            Field("申报职称", data.title_applied),
            Field("申报专业", data.specialty),
            Field("工作单位", data.unit, wide=True),
        )
    ]
    return render_pdf("exceptional_approval", payload, files=files)
