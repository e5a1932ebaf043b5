"""电子职称证书 — an interim template, replaced by the documents team's ``certificate`` template.

Takes data, never queries (DESIGN §3): the certificates app gathers the fields and the files.
"""

from dataclasses import dataclass, field

from .render import render_pdf


@dataclass(frozen=True)
class CertificateData:
    number: str
    license_id: str
    fields: list[tuple[str, str]]  # label, value — in the order printed
    committee_name: str
    issuer_name: str
    issued_on: str  # as printed, e.g. 2026年12月3日
    qr_svg: bytes
    photo: bytes | None = None  # JPEG
    committee_seal: bytes | None = None  # PNG
    issuer_seal: bytes | None = None  # PNG
    title: str = "专业技术资格证书"
    note: str = "本证书为电子证书，与纸质证书具有同等效力；真伪请扫描二维码核验。"
    extra: dict[str, str] = field(default_factory=dict)


def certificate_pdf(data: CertificateData) -> bytes:
    files: dict[str, bytes] = {"qr.svg": data.qr_svg}
    if data.photo:
        files["photo.jpg"] = data.photo
    if data.committee_seal:
        files["committee_seal.png"] = data.committee_seal
    if data.issuer_seal:
        files["issuer_seal.png"] = data.issuer_seal
    return render_pdf(
        "certificate_interim",
        {
            "title": data.title,
            "number": data.number,
            "license_id": data.license_id,
            "fields": [list(pair) for pair in data.fields],
            "committee_name": data.committee_name,
            "issuer_name": data.issuer_name,
            "issued_on": data.issued_on,
            "note": data.note,
            "qr": "qr.svg",
            "photo": "photo.jpg" if data.photo else None,
            "committee_seal": "committee_seal.png" if data.committee_seal else None,
            "issuer_seal": "issuer_seal.png" if data.issuer_seal else None,
        },
        files=files,
    )
