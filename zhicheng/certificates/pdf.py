"""A certificate row → its PDF (rendered by documents) → signed with the issuer's key."""

import io
from pathlib import Path

import segno
from django.conf import settings

from zhicheng.core.identity import mask_id_number
from zhicheng.documents.certificate_interim import CertificateData, certificate_pdf

from .issuers import issuer_key, issuer_settings
from .models import Certificate
from .signing import sign_pdf


def chinese_date(value: object) -> str:
    return f"{value.year}年{value.month}月{value.day}日"  # type: ignore[attr-defined]


def qr_svg(url: str) -> bytes:
    out = io.BytesIO()
    segno.make(url, error="m").save(out, kind="svg", scale=4, border=2)
    return out.getvalue()


def _seal(path: Path | str | None) -> bytes | None:
    if not path:
        return None
    file = Path(path)
    return file.read_bytes() if file.is_file() else None


def committee_seal(certificate: Certificate) -> bytes | None:
    return _seal(settings.CERTIFICATE_COMMITTEE_SEALS.get(certificate.committee_name))


def issuer_seal(certificate: Certificate) -> bytes | None:
    return _seal(issuer_settings(certificate.issuer).seal)


def is_sealed(certificate: Certificate) -> bool:
    """Both seals drawn: otherwise it is one of the 批量下载 files stamped offline (五(二)2 注)."""
    return committee_seal(certificate) is not None and issuer_seal(certificate) is not None


def certificate_data(certificate: Certificate) -> CertificateData:
    from .services import photo_bytes, verification_url

    c = certificate
    return CertificateData(
        number=c.number,
        license_id=c.license_id,
        fields=[
            ("姓名", c.holder_name),
            ("性别", c.sex),
            ("出生日期", chinese_date(c.birth_date)),
            ("身份证号", mask_id_number(c.holder_id_number)),
            ("工作单位", c.unit_name),
            ("系列", c.series),
            ("专业", c.specialty),
            ("资格名称", c.qualification),
            ("级别", c.level),
            ("取得方式", c.get_method_display()),
            ("评审通过时间", chinese_date(c.passed_on)),
            ("核准文号", c.approval_number),
        ],
        committee_name=c.committee_name,
        issuer_name=c.issuer_name,
        issued_on=chinese_date(c.issued_on),
        qr_svg=qr_svg(verification_url(c)),
        photo=photo_bytes(c),
        committee_seal=committee_seal(c),
        issuer_seal=issuer_seal(c),
    )


def certificate_signed_pdf(certificate: Certificate) -> tuple[bytes, str]:
    """(signed PDF bytes, signature profile)."""
    key = issuer_key(certificate.issuer)
    unsigned = certificate_pdf(certificate_data(certificate))
    return sign_pdf(unsigned, key=key, reason=f"电子职称证书 {certificate.number}"), key.profile
