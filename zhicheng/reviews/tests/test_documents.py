"""The review's papers from real data: text checked with pypdf, page counts, nothing cut off.

Set REVIEWS_PDF_DIR to keep the files (to turn them into PNGs and look at them)."""

import os
import time
from io import BytesIO
from pathlib import Path
from typing import Any

import pytest
from django.utils import timezone
from openpyxl import load_workbook
from pypdf import PdfReader

from zhicheng.applications.models import ImportedEntry, Section
from zhicheng.reviews import documents, services
from zhicheng.reviews.models import Publicity
from zhicheng.reviews.tests.factories import chain, past_period, submitted, through_route

pytestmark = pytest.mark.django_db


def _keep(name: str, content: bytes) -> None:
    folder = os.environ.get("REVIEWS_PDF_DIR")
    if folder:
        Path(folder).mkdir(parents=True, exist_ok=True)
        (Path(folder) / name).write_bytes(content)


def _text(content: bytes) -> tuple[str, int]:
    reader = PdfReader(BytesIO(content))
    return "\n".join(page.extract_text() for page in reader.pages), len(reader.pages)


@pytest.fixture
def voted(cast: Any) -> Any:
    c = chain(cast)
    application = through_route(c, submitted(c))
    meeting = services.meeting_create(
        plan=c.world.plan, held_on=timezone.localdate(), place="评审会议室", members=15,
        applications=[application], actor=cast.organizer,
    )  # fmt: skip
    services.vote_record(
        meeting=meeting, application=application, present=12, yes=10, no=1, abstain=1,
        actor=cast.organizer,
    )  # fmt: skip
    application.refresh_from_db()
    return c, application


def test_the_review_form_carries_every_office_and_the_vote(voted: Any) -> None:
    c, application = voted
    response = documents.review_form_response(application)
    _keep("review_form.pdf", response.content)
    text, pages = _text(response.content)
    for expected in (
        application.person.name, "测试学校", "单位公示栏", "公示期内无异议", "测试主管部门：通过",
        "测试市人社局：通过", "第 1 页", f"共 {pages} 页", "同意 10 票",
    ):  # fmt: skip
        assert expected.replace(" ", "") in text.replace(" ", ""), expected
    assert 3 <= pages <= 8


def test_a_200_entry_application_is_not_cut_off_and_renders_fast(voted: Any) -> None:
    c, application = voted
    template = ImportedEntry.objects.filter(application=application, section=Section.PERFORMANCE)
    first = template.first()
    assert first is not None
    ImportedEntry.objects.bulk_create(
        ImportedEntry(
            application=application, section=Section.PERFORMANCE, category=first.category,
            entry=None, kind=first.kind, position=100 + n,
            summary=f"业绩条目{n:03d} 一个很长的名称" + "用于检验换行" * 5,
            period="2020-01", facts=first.facts, files=[],
        )
        for n in range(200)
    )  # fmt: skip
    documents.review_form_response(application)  # warm
    started = time.perf_counter()
    response = documents.review_form_response(application)
    elapsed = time.perf_counter() - started
    _keep("review_form_200.pdf", response.content)
    text, pages = _text(response.content)
    compact = text.replace(" ", "").replace("\n", "")
    for n in (0, 99, 199):
        assert f"业绩条目{n:03d}" in compact
    assert pages > 8
    print(f"review form, 200 entries: {pages} pages, {elapsed * 1000:.0f} ms")


def test_the_publicity_list_pdf_and_spreadsheet(voted: Any) -> None:
    c, application = voted
    publicity = Publicity.objects.get(kind=Publicity.Kind.UNIT)
    pdf = documents.publicity_list_response(publicity, fmt="pdf").content
    _keep("publicity_list.pdf", pdf)
    text, _ = _text(pdf)
    assert application.person.name in text and "公示" in text
    xlsx = documents.publicity_list_response(publicity, fmt="xlsx").content
    sheet = load_workbook(BytesIO(xlsx)).active
    assert sheet is not None
    values = [cell.value for row in sheet.iter_rows() for cell in row]
    assert application.person.name in values


def test_the_result_publicity_and_the_summary(voted: Any) -> None:
    c, application = voted
    start, end = past_period()
    publicity = services.result_publicity_record(
        organizer=c.organizer_org, plan=c.world.plan, applications=[application],
        starts_on=start, ends_on=end, place="https://example.cn/gs", actor=c.cast.organizer,
    )  # fmt: skip
    _keep("result_publicity.pdf", documents.publicity_list_response(publicity, fmt="pdf").content)
    pdf = documents.application_summary_response(application, fmt="pdf").content
    _keep("summary.pdf", pdf)
    text, _ = _text(pdf)
    assert "职称申报信息" in text.replace(" ", "") and application.person.name in text
    xlsx = documents.application_summary_response(application, fmt="xlsx").content
    assert len(load_workbook(BytesIO(xlsx)).sheetnames) >= 5


def test_exceptional_and_transfer_forms(cast: Any) -> None:
    from zhicheng.applications import services as application_services
    from zhicheng.applications.tests import factories as af

    c = chain(cast)
    c.world.plan.allow_transfer = True
    c.world.plan.save()
    application = af.start(c.world, apply_form="exceptional")
    application = application_services.application_extra_save(
        application=application,
        data={
            "exceptional_conditions": "获省部级科技进步二等奖以上\n主持完成重大工程",
            "exceptional_evidence": "见附件",
        },
        actor=application.person,
    )
    pdf = documents.exceptional_approval_response(application).content
    _keep("exceptional.pdf", pdf)
    text, _ = _text(pdf)
    assert "获省部级科技进步二等奖以上" in text.replace(" ", "").replace("\n", "")
