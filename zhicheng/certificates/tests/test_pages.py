"""我的职称, verification, share links, 补换证 both cases, the legacy import — through HTTP."""

import datetime
import io
import json
from typing import Any

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from openpyxl import Workbook

from zhicheng.certificates import exports, services
from zhicheng.certificates.models import Certificate, ReplacementRequest, Verification
from zhicheng.certificates.tests.factories import issue, issuer_org, photo_jpeg, submit_replacement

pytestmark = pytest.mark.django_db
C = Certificate.Status
R = ReplacementRequest.Status


def client_for(user: Any) -> Client:
    client = Client()
    client.force_login(user)
    return client


def test_a_person_cannot_see_another_persons_certificate(cast: Any) -> None:
    certificate = issue(cast)
    other = client_for(cast.applicant2)
    for name in (
        "certificates:detail",
        "certificates:pdf",
        "certificates:download",
        "certificates:status",
    ):
        assert other.get(reverse(name, args=[certificate.pk])).status_code == 404
    assert certificate.number not in other.get(reverse("certificates:mine")).content.decode()
    assert (
        certificate.number
        in client_for(cast.applicant).get(reverse("certificates:mine")).content.decode()
    )


def test_generating_status_polls_itself_and_the_list_shows_download_when_valid(cast: Any) -> None:
    certificate = issue(cast, generate=False)
    page = client_for(cast.applicant).get(reverse("certificates:mine")).content.decode()
    assert "生成中" in page and 'hx-trigger="every 1s"' in page
    services.certificate_generate(certificate_id=certificate.pk)
    cell = (
        client_for(cast.applicant)
        .get(reverse("certificates:status", args=[certificate.pk]))
        .content.decode()
    )
    assert "下载" in cell and "hx-trigger" not in cell


def test_pdf_previews_inline_and_downloads_as_attachment(cast: Any) -> None:
    certificate = issue(cast)
    client = client_for(cast.applicant)
    inline = client.get(reverse("certificates:pdf", args=[certificate.pk]))
    assert inline["Content-Type"] == "application/pdf" and inline["Content-Disposition"].startswith(
        "inline"
    )
    download = client.get(reverse("certificates:pdf", args=[certificate.pk]) + "?download=1")
    assert download["Content-Disposition"].startswith("attachment")


@pytest.mark.parametrize("state", ["valid", "replaced", "revoked"])
def test_the_public_page_never_shows_the_full_id_number(cast: Any, state: str) -> None:
    certificate = issue(cast)
    if state == "revoked":
        services.certificate_revoke(certificate=certificate, reason="弄虚作假", actor=cast.issuer)
    if state == "replaced":
        request = submit_replacement(cast, certificate, unit_name="新单位")
        for _ in range(3):
            services.replacement_decide(
                request=request, approve=True, opinion="同意", actor=cast.issuer
            )
        request.refresh_from_db()
        services.certificate_generate(certificate_id=request.new_certificate_id)
    page = Client().get(reverse("certificates:verify", args=[certificate.number])).content.decode()
    assert cast.applicant.id_number not in page
    assert {"valid": "有效", "replaced": "已换发", "revoked": "已撤销"}[state] in page
    if state == "replaced":
        request.refresh_from_db()
        assert request.new_certificate.number in page
    if state == "revoked":
        assert "弄虚作假" in page
    assert Verification.objects.filter(certificate=certificate, channel="page").count() == 1


def test_uploading_the_issued_pdf_says_so_and_a_changed_one_is_refused(cast: Any) -> None:
    certificate = issue(cast)
    url = reverse("certificates:verify", args=[certificate.number])
    good = services.pdf_bytes(certificate)
    response = Client().post(url, {"file": SimpleUploadedFile("c.pdf", good)})
    assert "文件与签发的证书一致，电子签名有效" in response.content.decode()
    bad = bytearray(good)
    bad[len(bad) // 2] ^= 1
    response = Client().post(url, {"file": SimpleUploadedFile("c.pdf", bytes(bad))})
    assert "不是该证书签发的文件" in response.content.decode()


def test_the_json_endpoint_by_number_or_identifier_is_rate_limited(
    cast: Any, settings: Any
) -> None:
    settings.CERTIFICATE_API_RATE_PER_MINUTE = 3
    certificate = issue(cast)
    client = Client()
    by_number = client.get(reverse("certificates:api_verify", args=[certificate.number])).json()
    by_id = client.get(reverse("certificates:api_verify", args=[certificate.license_id])).json()
    assert by_number["status"] == by_id["status"] == "valid"
    assert cast.applicant.id_number not in json.dumps(by_number, ensure_ascii=False)
    client.get(reverse("certificates:api_verify", args=["340000202604200000150"]))
    assert (
        client.get(reverse("certificates:api_verify", args=[certificate.number])).status_code == 429
    )
    schema = client.get(reverse("certificates:api_schema")).json()
    assert "/api/certificates/{key}" in schema["paths"]


def test_the_holder_sees_how_often_it_was_verified(cast: Any) -> None:
    certificate = issue(cast)
    for _ in range(2):
        Client().get(reverse("certificates:verify", args=[certificate.number]))
    page = (
        client_for(cast.applicant)
        .get(reverse("certificates:detail", args=[certificate.pk]))
        .content.decode()
    )
    assert 'data-testid="verification-count">2<' in page and "扫码查看" in page


def test_share_links_show_the_full_details_until_they_expire(cast: Any) -> None:
    certificate = issue(cast)
    link = services.share_link_create(
        certificate=certificate, purpose="入职核验", days=7, actor=cast.applicant
    )
    url = reverse("certificates:shared", args=[link.token])
    page = Client().get(url)
    assert page.status_code == 200 and cast.applicant.id_number in page.content.decode()
    link.expires_at = timezone.now() - datetime.timedelta(seconds=1)
    link.save()
    expired = Client().get(url)
    assert expired.status_code == 410 and cast.applicant.id_number not in expired.content.decode()


def test_replacement_case_two_walks_the_route_and_replaces_the_old_certificate(cast: Any) -> None:
    old = issue(cast)
    request = submit_replacement(cast, old, unit_name="合肥市第一中学")
    assert request.upper_id == cast.unit.parent_id
    statuses = []
    for _ in range(3):
        services.replacement_decide(
            request=request, approve=True, opinion="同意", actor=cast.issuer
        )
        request.refresh_from_db()
        statuses.append(request.status)
    assert statuses == [R.UPPER, R.ISSUER, R.APPROVED]
    new = request.new_certificate
    assert new.status == C.GENERATING  # the old photo serves
    services.certificate_generate(certificate_id=new.pk)
    old.refresh_from_db()
    new.refresh_from_db()
    assert (old.status, new.status, new.unit_name) == (C.REPLACED, C.VALID, "合肥市第一中学")
    assert new.license_serial == old.license_serial and new.license_version == 2
    page = (
        client_for(cast.applicant)
        .get(reverse("certificates:replacement", args=[request.pk]))
        .content.decode()
    )
    assert "发证机关审核" in page and "下载" in page


def test_replacement_case_one_needs_a_photo_after_approval(cast: Any) -> None:
    request = submit_replacement(cast)
    with pytest.raises(ValidationError):
        services.replacement_decide(request=request, approve=False, opinion=" ", actor=cast.issuer)
    for _ in range(3):
        services.replacement_decide(request=request, approve=True, opinion="", actor=cast.issuer)
    request.refresh_from_db()
    assert request.new_certificate.status == C.AWAITING_PHOTO
    services.certificate_attach_photo(
        certificate=request.new_certificate, photo=photo_jpeg(), actor=cast.applicant
    )
    assert Certificate.objects.get(pk=request.new_certificate_id).status == C.GENERATING


def test_a_rejected_replacement_stops_with_the_opinion(cast: Any) -> None:
    request = submit_replacement(cast, issue(cast))
    services.replacement_decide(
        request=request, approve=False, opinion="材料不全", actor=cast.unit_admin
    )
    request.refresh_from_db()
    assert request.status == R.REJECTED and request.new_certificate is None
    assert request.events.last().opinion == "材料不全"


def _sheet(rows: list[list[str]]) -> SimpleUploadedFile:
    book = Workbook()
    sheet = book.active
    sheet.append([label for _, label in exports.COLUMNS])
    for row in rows:
        sheet.append(row)
    out = io.BytesIO()
    book.save(out)
    return SimpleUploadedFile("legacy.xlsx", out.getvalue())


def _row(cast: Any, **changes: str) -> list[str]:
    row = {
        "holder_name": cast.applicant2.name,
        "holder_id_number": cast.applicant2.id_number,
        "unit_name": "测试学校",
        "series": "中小学教师",
        "specialty": "语文",
        "qualification": "一级教师",
        "level": "中级",
        "method": "评审",
        "committee_name": "安徽省中小学教师中级职称评审委员会",
        "passed_on": "2015-11-20",
        "approval_number": "皖职改〔2015〕3号",
        "issued_on": "2015-12-01",
        "old_number": "皖2015000123",
    }
    row.update(changes)
    return [row[name] for name, _ in exports.COLUMNS]


def test_the_legacy_import_imports_nothing_when_a_row_fails_and_waits_for_photos(cast: Any) -> None:
    issuer = issuer_org(cast)
    client = client_for(cast.issuer)
    url = reverse("certificates:issuer_import", args=[issuer.pk])
    bad = client.post(
        url, {"file": _sheet([_row(cast), _row(cast, holder_id_number="123", level="高级")])}
    )
    assert bad.status_code == 400 and Certificate.objects.count() == 0
    text = bad.content.decode()
    assert "第 3 行“身份证号”" in text and "第 3 行“级别”" in text
    good = client.post(url, {"file": _sheet([_row(cast)])})
    assert good.status_code == 302
    certificate = Certificate.objects.get()
    assert (
        certificate.status == C.AWAITING_PHOTO and certificate.source == Certificate.Source.LEGACY
    )
    mine = client_for(cast.applicant2).get(reverse("certificates:mine")).content.decode()
    assert "待上传照片" in mine and reverse("certificates:photo", args=[certificate.pk]) in mine


def test_issuer_exports_json_and_xlsx_with_the_identifier(cast: Any) -> None:
    certificate = issue(cast)
    client = client_for(cast.issuer)
    issuer = issuer_org(cast)
    data = client.get(reverse("certificates:issuer_export", args=[issuer.pk, "json"])).json()
    assert data["certificates"][0]["license_id"] == certificate.license_id
    xlsx = client.get(reverse("certificates:issuer_export", args=[issuer.pk, "xlsx"]))
    assert xlsx.status_code == 200 and xlsx.content[:2] == b"PK"


def test_the_photo_page_tells_the_browser_the_size_limit_of_the_original(cast: Any) -> None:
    # The cropped picture sent on 提交 is always small: only the browser sees the original's size.
    certificate = issue(cast, photo=False)
    url = reverse("certificates:photo", args=[certificate.pk])
    page = client_for(cast.applicant).get(url).content.decode()
    assert f'data-max-bytes="{10 * 1024 * 1024}"' in page


def test_another_issuer_and_another_unit_get_404_at_their_own_desks(cast: Any) -> None:
    """A 发证审核人 of another 人社部门 and another unit's admin, each at their own organization's
    pages, get 404 on this issuer's certificate and batch and on this unit's 补换证 request —
    a bare POST and a decision too — and nothing changes."""
    from zhicheng.certificates.models import GenerationBatch

    certificate = issue(cast)
    replacement = submit_replacement(cast, certificate)
    batch = exports.batch_zip_start(issuer=issuer_org(cast), actor=cast.issuer)
    issuer2 = cast.role("issuer2")
    own = issuer2.memberships.get().organization
    client = client_for(issuer2)
    for name, args in (
        ("certificates:issuer_detail", [own.pk, certificate.pk]),
        ("certificates:issuer_pdf", [own.pk, certificate.pk]),
        ("certificates:issuer_batch", [own.pk, batch.pk]),
        ("certificates:issuer_batch_file", [own.pk, batch.pk]),
    ):
        assert client.get(reverse(name, args=args)).status_code == 404, name
    revoke = reverse("certificates:issuer_revoke", args=[own.pk, certificate.pk])
    assert client.post(revoke, {"reason": "伪造"}).status_code == 404
    assert GenerationBatch.objects.filter(issuer=own).count() == 0
    other_unit = client_for(cast.other_unit_admin)
    detail = reverse("certificates:review_detail", args=[cast.other_unit.pk, replacement.pk])
    assert other_unit.get(detail).status_code == 404
    assert other_unit.post(detail).status_code == 404
    assert other_unit.post(detail, {"decision": "approve", "opinion": "同意"}).status_code == 404
    file_id = replacement.attachments.first().pk
    url = reverse("certificates:review_file", args=[cast.other_unit.pk, replacement.pk, file_id])
    assert other_unit.get(url).status_code == 404
    certificate.refresh_from_db()
    replacement.refresh_from_db()
    assert certificate.status == C.VALID and replacement.status == R.UNIT


def test_another_person_gets_404_on_a_persons_share_link_and_replacement(cast: Any) -> None:
    certificate = issue(cast)
    link = services.share_link_create(
        certificate=certificate, purpose="入职核验", days=7, actor=cast.applicant
    )
    replacement = submit_replacement(cast, certificate)
    other = client_for(cast.applicant2)
    file_id = replacement.attachments.first().pk
    for name, args in (
        ("certificates:replacement", [replacement.pk]),
        ("certificates:replacement_file", [replacement.pk, file_id]),
        ("certificates:replacement_for", [certificate.pk]),
        ("certificates:photo", [certificate.pk]),
    ):
        assert other.get(reverse(name, args=args)).status_code == 404, name
    for name, args in (
        ("certificates:share_revoke", [link.pk]),
        ("certificates:share_create", [certificate.pk]),
        ("certificates:replacement_for", [certificate.pk]),
    ):
        assert other.post(reverse(name, args=args)).status_code == 404, name
    link.refresh_from_db()
    assert link.revoked_at is None and certificate.share_links.count() == 1
