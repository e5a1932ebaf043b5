"""Issuing and generating certificates: numbers, identifiers, idempotence, the photo rule."""

from typing import Any

import pytest
from django.core.exceptions import ValidationError
from django_tasks_db.models import DBTaskResult

from zhicheng.certificates import identifiers, services
from zhicheng.certificates.issuers import trust_roots
from zhicheng.certificates.models import Certificate, NumberSequence
from zhicheng.certificates.signing import verify_pdf
from zhicheng.certificates.tests.factories import details_for, issue, issuer_org, photo_jpeg

pytestmark = pytest.mark.django_db
C = Certificate.Status


def test_it_issues_a_signed_certificate_with_a_checked_number_and_identifier(cast: Any) -> None:
    certificate = issue(cast)
    assert certificate.status == C.VALID
    number = identifiers.parse_certificate_number(certificate.number)
    assert (number.province_code, number.level_code, number.sequence) == ("340000", "2", 1)
    parsed = identifiers.parse_license_identifier(certificate.license_id)
    assert parsed.version == 1 and parsed.type_code == "11100000000013338W011"
    pdf = services.pdf_bytes(certificate)
    result = verify_pdf(pdf, trust_roots=trust_roots())
    assert result.ok, result.reason
    assert certificate.signature_profile == "ecdsa-p256"
    assert [e.to_status for e in certificate.events.all()] == [C.GENERATING, C.VALID]


def test_sm2_issuer_signs_with_sm2_and_the_platform_verifies_it(cast: Any) -> None:
    certificate = issue(cast, issuer=issuer_org(cast, name="国密测试发证机关"))
    assert certificate.signature_profile == "sm2-sm3"
    pdf = services.pdf_bytes(certificate)
    assert verify_pdf(pdf, trust_roots=trust_roots()).ok
    assert "11340000MB0000001Q" in certificate.license_id


def test_generation_enqueues_a_task_and_running_it_twice_generates_once(cast: Any) -> None:
    certificate = issue(cast, generate=False)
    assert certificate.status == C.GENERATING
    assert DBTaskResult.objects.filter(id=certificate.task_id).exists()
    assert services.certificate_generate(certificate_id=certificate.pk) is True
    first = Certificate.objects.get(pk=certificate.pk)
    assert services.certificate_generate(certificate_id=certificate.pk) is False
    again = Certificate.objects.get(pk=certificate.pk)
    assert (again.pdf.name, again.pdf_sha256) == (first.pdf.name, first.pdf_sha256)
    assert again.events.filter(to_status=C.VALID).count() == 1


def test_issuing_one_source_twice_returns_the_first_certificate(cast: Any) -> None:
    item = services.IssueItem(
        details=details_for(cast.applicant),
        source_key="result:42",
        holder=cast.applicant,
        photo=photo_jpeg(),
    )
    first = services.certificate_issue(item=item, issuer=issuer_org(cast), actor=cast.issuer)
    second = services.certificate_issue(item=item, issuer=issuer_org(cast), actor=cast.issuer)
    assert first.pk == second.pk
    assert Certificate.objects.filter(source_key="result:42").count() == 1


def test_numbers_are_never_reused_even_after_a_revocation(cast: Any) -> None:
    first = issue(cast)
    services.certificate_revoke(certificate=first, reason="弄虚作假", actor=cast.issuer)
    second = issue(cast)
    assert identifiers.parse_certificate_number(second.number).sequence == 2
    assert NumberSequence.objects.get(key__startswith="number:").last_value == 2


def test_a_holder_without_a_photo_waits_and_generation_starts_with_the_upload(cast: Any) -> None:
    certificate = issue(cast, photo=False)
    assert certificate.status == C.AWAITING_PHOTO and not certificate.task_id
    services.certificate_attach_photo(
        certificate=certificate, photo=photo_jpeg(), actor=cast.applicant
    )
    certificate.refresh_from_db()
    assert certificate.status == C.GENERATING and certificate.task_id
    services.certificate_generate(certificate_id=certificate.pk)
    certificate.refresh_from_db()
    assert certificate.status == C.VALID
    with pytest.raises(ValidationError):
        services.certificate_attach_photo(
            certificate=certificate, photo=photo_jpeg(), actor=cast.applicant
        )


def test_revoking_needs_a_reason_and_records_the_date(cast: Any) -> None:
    certificate = issue(cast)
    with pytest.raises(ValidationError):
        services.certificate_revoke(certificate=certificate, reason=" ", actor=cast.issuer)
    services.certificate_revoke(certificate=certificate, reason="材料造假", actor=cast.issuer)
    certificate.refresh_from_db()
    assert (
        certificate.status == C.REVOKED
        and certificate.revoked_at
        and certificate.revoke_reason == "材料造假"
    )
    with pytest.raises(ValidationError):
        services.certificate_revoke(certificate=certificate, reason="again", actor=cast.issuer)


def test_a_changed_byte_fails_both_the_file_check_and_the_signature(cast: Any) -> None:
    for issuer in (issuer_org(cast), issuer_org(cast, name="国密测试发证机关")):
        certificate = issue(cast, issuer=issuer)
        pdf = bytearray(services.pdf_bytes(certificate))
        assert services.certificate_check_file(certificate=certificate, pdf_bytes=bytes(pdf)).ok
        middle = len(pdf) // 3
        pdf[middle] = (pdf[middle] + 1) % 256
        check = services.certificate_check_file(certificate=certificate, pdf_bytes=bytes(pdf))
        assert not check.is_issued_file and not check.signature_ok
