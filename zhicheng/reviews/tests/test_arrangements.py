"""面试 / 笔试 arrangements, the spreadsheet import, 免面试, and the 准考证."""

import datetime
from io import BytesIO
from typing import Any

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from openpyxl import Workbook
from pypdf import PdfReader

from zhicheng.core.uploads import check_document
from zhicheng.library.tests.factories import pdf_bytes
from zhicheng.reviews import services
from zhicheng.reviews.models import Arrangement, Exemption
from zhicheng.reviews.tests.factories import chain, submitted

pytestmark = pytest.mark.django_db


def evidence() -> Any:
    upload = SimpleUploadedFile("获奖证书.pdf", pdf_bytes(), "application/pdf")
    return check_document(upload, max_bytes=10 * 1024 * 1024)


@pytest.fixture
def c(cast: Any) -> Any:
    c = chain(cast)
    c.world.plan.has_interview = True
    c.world.plan.save(update_fields=["has_interview"])
    return c


def test_an_interview_is_set_and_the_ticket_prints_with_it(c: Any) -> None:
    application = submitted(c)
    when = timezone.make_aware(datetime.datetime(2026, 12, 20, 9, 0))
    services.arrangement_set(
        application=application, kind="interview", starts_at=when, place="省人社厅 3 楼面试室",
        seat="A-07", actor=c.cast.organizer,
    )  # fmt: skip
    with pytest.raises(ValidationError, match="无需笔试"):
        services.arrangement_set(
            application=application, kind="exam", starts_at=when, place="考场",
            seat="", actor=c.cast.organizer,
        )  # fmt: skip
    client = Client()
    client.force_login(application.person)
    record = client.get(reverse("applications:index")).content.decode()

    assert "打印准考证" in record and "免面试" in record
    response = client.get(reverse("reviews:mine_ticket", args=[application.pk]))
    text = "".join(p.extract_text() for p in PdfReader(BytesIO(response.content)).pages)
    compact = text.replace(" ", "").replace("\n", "").replace("\u200b", "")
    assert "准考证" in compact and "A-07" in compact and "3楼面试室" in compact


def _sheet(rows: list[list[Any]]) -> bytes:
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.append(["身份证号", "类型", "时间", "地点", "座位号"])
    for row in rows:
        sheet.append(row)
    buffer = BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def test_arrangements_from_a_spreadsheet_all_or_nothing(c: Any) -> None:
    first = submitted(c)
    client = Client()
    client.force_login(c.cast.organizer)
    url = reverse("reviews:arrangements", args=[c.organizer_org.pk])
    bad = _sheet([[first.person.id_number, "面试", "2026-12-20 09:00", "面试室", "1"],
                  ["110105199001011234", "面试", "明天", "", ""]])  # fmt: skip
    response = client.post(
        url,
        {"action": "import", "plan": c.world.plan.pk, "file": SimpleUploadedFile("a.xlsx", bad)},
        follow=True,
    )
    page = response.content.decode()
    assert "第3行：身份证号不是本计划待评审的申报人" in page and "第3行：时间应为" in page
    assert not Arrangement.objects.exists()
    good = _sheet(
        [[first.person.id_number, "面试", datetime.datetime(2026, 12, 20, 9), "面试室", "1"]]
    )
    client.post(
        url,
        {"action": "import", "plan": c.world.plan.pk, "file": SimpleUploadedFile("a.xlsx", good)},
    )
    assert Arrangement.objects.get(application=first).place == "面试室"


def test_exemption_asked_and_granted_removes_the_interview(c: Any) -> None:
    application = submitted(c)
    services.arrangement_set(
        application=application, kind="interview", starts_at=timezone.now(), place="面试室",
        seat="", actor=c.cast.organizer,
    )  # fmt: skip
    client = Client()
    client.force_login(application.person)
    url = reverse("reviews:mine_exemption", args=[application.pk])
    response = client.post(
        url,
        {
            "reason": "已获省级以上奖项，符合免面试条件",
            "evidence": SimpleUploadedFile("证书.pdf", pdf_bytes(), "application/pdf"),
        },
    )
    assert response.status_code == 302
    exemption = Exemption.objects.get(application=application)
    assert exemption.evidence.count() == 1
    with pytest.raises(ValidationError, match="不同意时请填写意见"):
        services.exemption_decide(
            exemption=exemption, approve=False, opinion="", actor=c.cast.organizer
        )
    services.exemption_decide(
        exemption=exemption, approve=True, opinion="同意", actor=c.cast.organizer
    )
    assert not Arrangement.objects.filter(application=application, kind="interview").exists()
    assert "同意免面试" in client.get(url).content.decode()
