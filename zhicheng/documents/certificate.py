"""电子职称证书: the certificate as one A4 page, with photo, QR code and, where configured, the seals.

The seals are drawn by the template (a red ring, the organisation's name along the arc, a star):
a visible signature stamp from pyHanko would cost ~600 ms. The PDF is signed afterwards by the
certificates app; nothing here reserves a signature field.
"""

import re
from collections.abc import Sequence
from dataclasses import asdict, dataclass
from typing import Any

from .parts import photo_files, qr_svg
from .render import render_pdf

_COLOUR = re.compile(r"^#[0-9a-fA-F]{6}$")
SEAL_RED = "#d7261e"


@dataclass(frozen=True)
class Seal:
    """A round seal: `organization` is set along the top of the ring, `label` (e.g. 职称评审专用章)
    straight across below the star."""

    organization: str
    label: str = ""
    color: str = SEAL_RED

    def __post_init__(self) -> None:
        if not self.organization.strip():
            raise ValueError("a seal needs the organisation's name")
        if len(self.organization) > 24:
            raise ValueError(f"a seal's name has at most 24 characters: {self.organization!r}")
        if not _COLOUR.match(self.color):
            raise ValueError(f"a seal's colour is #rrggbb: {self.color!r}")


@dataclass(frozen=True)
class CertificateData:
    title: str  # 专业技术资格证书 / 职称证书
    certificate_number: str  # 证书编号
    ecert_id: str  # 电子证照标识, 1.2.156.3005.2.…
    verify_url: str  # encoded in the QR code and printed beneath it
    name: str
    sex: str
    birth_date: str
    id_number_masked: str  # as given: the caller decides what is masked
    unit: str  # 工作单位
    series: str  # 系列
    specialty: str  # 专业
    qualification: str  # 资格名称, e.g. 高级工程师
    level: str  # 级别, e.g. 副高级
    acquired_by: str  # 取得方式: 评审 / 考试 / 认定 / 转评 …
    committee: str  # 评委会
    passed_on: str  # 评审通过时间
    approval_number: str  # 核准文号
    issuer: str  # 发证机关
    issued_on: str  # 发证日期
    photo: bytes | None = None
    committee_seal: Seal | None = None
    issuer_seal: Seal | None = None
    statement: str = ""  # an optional sentence above the fields


# (label, attribute, whole line?) in the order they are printed.
CERTIFICATE_FIELDS: Sequence[tuple[str, str, bool]] = (
    ("姓名", "name", False),
    ("性别", "sex", False),
    ("出生日期", "birth_date", False),
    ("身份证号", "id_number_masked", False),
    ("工作单位", "unit", True),
    ("系列", "series", False),
    ("专业", "specialty", False),
    ("资格名称", "qualification", False),
    ("级别", "level", False),
    ("取得方式", "acquired_by", False),
    ("评审通过时间", "passed_on", False),
    ("核准文号", "approval_number", False),
    ("发证日期", "issued_on", False),
    ("评委会", "committee", True),
    ("发证机关", "issuer", True),
)


def certificate_payload(data: CertificateData) -> tuple[dict[str, Any], dict[str, bytes]]:
    payload = asdict(data)
    files = photo_files(data.photo, payload)
    files["qr.svg"] = qr_svg(data.verify_url)
    payload["qr"] = "qr.svg"
    payload["fields"] = [
        {"label": label, "value": getattr(data, attribute), "wide": wide}
        for label, attribute, wide in CERTIFICATE_FIELDS
    ]
    return payload, files


def certificate_pdf(data: CertificateData) -> bytes:
    """The certificate as a one-page A4 PDF, unsigned."""
    payload, files = certificate_payload(data)
    return render_pdf("certificate", payload, files=files)
