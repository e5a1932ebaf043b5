"""A certificate row → its data → the PDF (rendered by documents) → signed with the issuer's key."""

from django.conf import settings

from zhicheng.core.identity import mask_id_number
from zhicheng.documents.certificate import CertificateData, Seal, certificate_pdf

from .issuers import issuer_key, issuer_settings
from .models import Certificate
from .signing import sign_pdf

TITLE = "专业技术资格证书"


def chinese_date(value: object) -> str:
    return f"{value.year}年{value.month}月{value.day}日"  # type: ignore[attr-defined]


def committee_seal(certificate: Certificate) -> Seal | None:
    """The 评委会's seal where one is configured (CERTIFICATE_COMMITTEE_SEALS: name → label)."""
    label = settings.CERTIFICATE_COMMITTEE_SEALS.get(certificate.committee_name)
    if label is None:
        return None
    return Seal(organization=certificate.committee_name[:24], label=label)


def issuer_seal(certificate: Certificate) -> Seal | None:
    """The 发证机关's seal where its settings give one (CERTIFICATE_ISSUERS[...]["seal"])."""
    label = issuer_settings(certificate.issuer).seal
    if not label:
        return None
    return Seal(organization=certificate.issuer_name[:24], label=label)


def is_sealed(certificate: Certificate) -> bool:
    """Both seals drawn; otherwise it is one of the 批量下载 files stamped offline (五(二)2 注)."""
    return committee_seal(certificate) is not None and issuer_seal(certificate) is not None


def certificate_data(certificate: Certificate) -> CertificateData:
    from .services import photo_bytes, verification_url

    c = certificate
    return CertificateData(
        title=TITLE,
        certificate_number=c.number,
        ecert_id=c.license_id,
        verify_url=verification_url(c),
        name=c.holder_name,
        sex=c.sex,
        birth_date=chinese_date(c.birth_date),
        id_number_masked=mask_id_number(c.holder_id_number),
        unit=c.unit_name,
        series=c.series,
        specialty=c.specialty,
        qualification=c.qualification,
        level=c.level,
        acquired_by=c.get_method_display(),
        committee=c.committee_name,
        passed_on=chinese_date(c.passed_on),
        approval_number=c.approval_number,
        issuer=c.issuer_name,
        issued_on=chinese_date(c.issued_on),
        photo=photo_bytes(c),
        committee_seal=committee_seal(c),
        issuer_seal=issuer_seal(c),
    )


def certificate_signed_pdf(certificate: Certificate) -> tuple[bytes, str]:
    """(signed PDF bytes, signature profile)."""
    key = issuer_key(certificate.issuer)
    unsigned = certificate_pdf(certificate_data(certificate))
    return sign_pdf(unsigned, key=key, reason=f"电子职称证书 {certificate.number}"), key.profile
