"""转评申报表: converting a title held in one series into the corresponding title of another series
(转评申报): the title held, the target series and title, the reason, the work since, the offices' boxes."""

from collections.abc import Sequence
from dataclasses import asdict, dataclass, field

from .parts import Field, OfficeOpinion, Section, opinions_payload, photo_files
from .render import render_pdf

WORK_SINCE_COLUMNS = ("起止时间", "工作单位", "从事专业技术工作", "主要业绩")


@dataclass(frozen=True)
class HeldTitle:
    """The title being converted, as its certificate states it."""

    series: str  # 系列
    name: str  # 职称名称, e.g. 工程师
    level: str  # 级别, e.g. 中级
    obtained_on: str  # 取得时间
    certificate_number: str  # 证书编号
    issuer: str = ""  # 发证机关 / 评委会


def transfer_opinions() -> list[OfficeOpinion]:
    return [
        OfficeOpinion("单位意见"),
        OfficeOpinion("主管部门意见"),
        OfficeOpinion("人社部门意见"),
        OfficeOpinion("评委会组建单位意见"),
    ]


@dataclass(frozen=True)
class TransferApplicationData:
    name: str
    unit: str
    held: HeldTitle
    original_series: str  # the series the applicant works in now (often held.series)
    target_series: str
    target_specialty: str
    target_title: str
    target_level: str
    reason: str  # 转评理由
    work_since: Section = field(
        default_factory=lambda: Section("取得现职称以来的工作情况", WORK_SINCE_COLUMNS)
    )
    work_summary: str = ""  # free text under the table
    basic: Sequence[Field] = ()
    photo: bytes | None = None
    opinions: Sequence[OfficeOpinion] = field(default_factory=transfer_opinions)
    title: str = "专业技术人员转评申报表"
    filled_on: str = ""


def transfer_application_pdf(data: TransferApplicationData) -> bytes:
    payload = asdict(data)
    files = photo_files(data.photo, payload)
    opinions_payload(payload["opinions"])
    payload["fields"] = [
        asdict(f)
        for f in (Field("姓名", data.name), *data.basic, Field("工作单位", data.unit, wide=True))
    ]
    return render_pdf("transfer_application", payload, files=files)
