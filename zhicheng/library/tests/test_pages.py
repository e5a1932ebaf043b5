"""The library's pages through HTTP: applicant flow, attachments, unit isolation, import, query counts."""

import io
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.template.loader import render_to_string
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from openpyxl import Workbook, load_workbook

from zhicheng.core.tests.factories import PersonFactory
from zhicheng.library.models import Entry, EntryAttachment
from zhicheng.library.selectors import library_stats
from zhicheng.library.tests.factories import (
    AttachmentFactory,
    EntryFactory,
    SubmittedEntryFactory,
    bind,
    pdf_bytes,
    png_bytes,
)
from zhicheng.orgs.services import UNIT_REQUIRED_MESSAGE

S = Entry.Status


def login(user: Any) -> Client:
    client = Client()
    client.force_login(user)
    return client


EDUCATION_FORM = {
    "start_date": "2004-09-01",
    "end_date": "2008-07-01",
    "school": "安徽大学",
    "major": "数学与应用数学",
    "education_level": "bachelor",
    "degree": "bachelor",
    "schooling_years": "4",
    "study_mode": "full_time",
    "number": "1035712008050001",
}


# --- Applicant ---------------------------------------------------------------------------------


def test_an_applicant_adds_an_entry_and_sees_it_by_kind(cast: Any) -> None:
    client = login(cast.applicant)
    response = client.post(reverse("library:create", args=["education"]), EDUCATION_FORM)
    entry = Entry.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("library:detail", args=[entry.pk])
    page = client.get(reverse("library:index") + "?kind=education").content.decode()
    assert "安徽大学 · 数学与应用数学" in page and "草稿" in page


def test_errors_are_shown_next_to_their_field_in_chinese(cast: Any) -> None:
    client = login(cast.applicant)
    data = {**EDUCATION_FORM, "end_date": "2003-01-01", "school": ""}
    response = client.post(reverse("library:create", args=["education"]), data)
    page = response.content.decode()
    assert response.status_code == 200
    assert "请填写院校" in page
    assert not Entry.objects.exists()
    # The date rule of the service, next to its field.
    data = {**EDUCATION_FORM, "end_date": "2003-01-01"}
    page = client.post(reverse("library:create", args=["education"]), data).content.decode()
    assert '<p class="field-error">毕业时间不能早于入学时间</p>' in page


def test_without_an_approved_unit_the_submit_button_is_disabled_with_the_reason(cast: Any) -> None:
    client = login(cast.applicant)
    EntryFactory(person=cast.applicant)
    page = client.get(reverse("library:index")).content.decode()
    assert UNIT_REQUIRED_MESSAGE in page
    assert "disabled" in page


def test_submit_ticked_entries_then_they_are_read_only(cast: Any) -> None:
    bind(cast.applicant, cast.unit)
    entries = [EntryFactory(person=cast.applicant) for _ in range(2)]
    client = login(cast.applicant)
    response = client.post(reverse("library:submit"), {"entries": [e.pk for e in entries]})
    assert response.status_code == 302
    assert set(Entry.objects.values_list("status", flat=True)) == {S.SUBMITTED}
    edit = client.get(reverse("library:edit", args=[entries[0].pk]))
    assert edit.status_code == 302
    # Submitting again (a double click) changes nothing and says why.
    client.post(reverse("library:submit"), {"entries": [entries[0].pk]})
    assert entries[0].events.count() == 1


def test_the_page_says_which_application_uses_an_entry(cast: Any) -> None:
    from zhicheng.library import hooks

    def used_by(e: Entry) -> list[str]:
        return ["2025年度 中级 职称申报"]

    entry = EntryFactory(person=cast.applicant, status=S.APPROVED, unit=cast.unit)
    with hooks.entry_used_by.registered(used_by):
        client = login(cast.applicant)
        page = client.get(reverse("library:detail", args=[entry.pk])).content.decode()
        assert "该业绩已被职称申报使用（2025年度 中级 职称申报），不能删除" in page
        client.post(reverse("library:delete", args=[entry.pk]))
    assert Entry.objects.filter(pk=entry.pk).exists()


def test_the_returned_entrys_opinion_is_shown(cast: Any) -> None:
    entry = EntryFactory(
        person=cast.applicant, status=S.RETURNED, unit=cast.unit, opinion="请补充学位证书"
    )
    client = login(cast.applicant)
    assert "请补充学位证书" in client.get(reverse("library:index")).content.decode()
    assert (
        "请补充学位证书" in client.get(reverse("library:detail", args=[entry.pk])).content.decode()
    )
    assert library_stats(person=cast.applicant).returned == 1


def test_another_person_cannot_see_my_entry_or_file(cast: Any) -> None:
    attachment = AttachmentFactory(entry=EntryFactory(person=cast.applicant))
    client = login(cast.applicant2)
    assert client.get(reverse("library:detail", args=[attachment.entry_id])).status_code == 404
    assert client.get(reverse("library:attachment", args=[attachment.pk])).status_code == 404
    assert client.post(reverse("library:delete", args=[attachment.entry_id])).status_code == 404
    assert (
        client.post(reverse("library:attachment_delete", args=[attachment.pk])).status_code == 404
    )


# --- Attachments -------------------------------------------------------------------------------


def _upload(client: Client, entry: Entry, name: str, data: bytes) -> Any:
    return client.post(
        reverse("library:attachment_upload", args=[entry.pk]),
        {"file": SimpleUploadedFile(name, data, content_type="application/pdf")},
    )


def test_an_upload_is_stored_under_a_server_name_and_served_safely(cast: Any) -> None:
    entry = EntryFactory(person=cast.applicant, with_attachment=False)
    client = login(cast.applicant)
    response = _upload(client, entry, "../../毕业证书.png", png_bytes())
    assert response.status_code == 302
    attachment = EntryAttachment.objects.get()
    assert attachment.display_name == "毕业证书.png"
    assert attachment.file.name.startswith("library/") and "毕业" not in attachment.file.name
    assert len(attachment.sha256) == 64 and attachment.size > 0
    served = client.get(reverse("library:attachment", args=[attachment.pk]))
    assert served.status_code == 200
    assert served["Content-Type"] == "image/png"
    assert served["X-Content-Type-Options"] == "nosniff"
    assert served["Content-Disposition"].startswith("inline;")
    assert "filename*=UTF-8''" in served["Content-Disposition"]
    download = client.get(reverse("library:attachment", args=[attachment.pk]) + "?download=1")
    assert download["Content-Disposition"].startswith("attachment;")


def test_html_renamed_pdf_is_refused_next_to_the_field(cast: Any) -> None:
    entry = EntryFactory(person=cast.applicant, with_attachment=False)
    client = login(cast.applicant)
    response = _upload(client, entry, "证书.pdf", b"<html><script>alert(1)</script></html>")
    assert response.status_code == 400
    assert "只能上传 PDF、JPG、PNG 格式的文件" in response.content.decode()
    assert not EntryAttachment.objects.exists()


def test_the_owner_renames_a_file(cast: Any) -> None:
    attachment = AttachmentFactory(entry=EntryFactory(person=cast.applicant))
    client = login(cast.applicant)
    client.post(
        reverse("library:attachment_rename", args=[attachment.pk]),
        {"display_name": "../学位证.png"},
    )
    attachment.refresh_from_db()
    assert attachment.display_name == "学位证.png"


def test_deleting_an_entry_removes_its_files_after_commit(
    cast: Any, django_capture_on_commit_callbacks: Any
) -> None:
    attachment = AttachmentFactory(entry=EntryFactory(person=cast.applicant))
    storage, name = attachment.file.storage, attachment.file.name
    assert storage.exists(name)
    with django_capture_on_commit_callbacks(execute=True):
        login(cast.applicant).post(reverse("library:delete", args=[attachment.entry_id]))
    assert not storage.exists(name)


def test_a_pdf_is_served_as_a_pdf(cast: Any) -> None:
    entry = EntryFactory(person=cast.applicant, with_attachment=False)
    client = login(cast.applicant)
    _upload(client, entry, "scan.jpg", pdf_bytes())
    attachment = EntryAttachment.objects.get()
    assert attachment.content_type == "application/pdf" and attachment.file.name.endswith(".pdf")
    served = client.get(reverse("library:attachment", args=[attachment.pk]))
    assert served["Content-Type"] == "application/pdf"
    # Saved under its shown name it must open as what it is: the extension follows the bytes.
    assert 'filename="scan.pdf"' in served["Content-Disposition"]
    assert attachment.display_name == "scan.jpg"


def test_files_may_be_shown_by_the_browsers_pdf_viewer_in_our_own_frames(cast: Any) -> None:
    entry = SubmittedEntryFactory(person=cast.applicant, unit=cast.unit)
    attachment = AttachmentFactory(entry=entry)
    for client, url in [
        (login(cast.applicant), reverse("library:attachment", args=[attachment.pk])),
        (
            login(cast.unit_admin),
            reverse("library:unit_attachment", args=[cast.unit.pk, attachment.pk]),
        ),
    ]:
        policy = client.get(url)["Content-Security-Policy"]
        assert "object-src 'self'" in policy and "frame-ancestors 'self'" in policy
    # Every other page keeps the site policy.
    page = login(cast.applicant).get(reverse("library:detail", args=[entry.pk]))
    assert "object-src 'none'" in page["Content-Security-Policy"]


def test_a_missing_stored_file_is_a_404(cast: Any) -> None:
    attachment = AttachmentFactory(entry=EntryFactory(person=cast.applicant))
    attachment.file.storage.delete(attachment.file.name)
    served = login(cast.applicant).get(reverse("library:attachment", args=[attachment.pk]))
    assert served.status_code == 404


def test_the_person_withdraws_an_entry_from_its_page(cast: Any) -> None:
    entry = SubmittedEntryFactory(person=cast.applicant, unit=cast.unit)
    client = login(cast.applicant)
    assert "撤回" in client.get(reverse("library:detail", args=[entry.pk])).content.decode()
    client.post(reverse("library:withdraw", args=[entry.pk]))
    entry.refresh_from_db()
    assert entry.status == S.DRAFT
    assert (
        login(cast.applicant2).post(reverse("library:withdraw", args=[entry.pk])).status_code == 404
    )


@pytest.mark.parametrize("value", ["99999999999999999999999", "-1", "0", str(2**31)])
def test_absurd_entry_ids_are_refused_not_a_500(value: str, cast: Any) -> None:
    bind(cast.applicant, cast.unit)
    applicant, unit = login(cast.applicant), login(cast.unit_admin)
    response = applicant.post(reverse("library:submit"), {"entries": [value]}, follow=True)
    assert response.status_code == 200 and "所选业绩不存在" in response.content.decode()
    url = reverse("library:unit_approve_many", args=[cast.unit.pk])
    response = unit.post(url, {"entries": [value]}, follow=True)
    assert response.status_code == 200 and "所选业绩不存在" in response.content.decode()


# --- Unit ------------------------------------------------------------------------------------


def test_the_unit_reviews_its_queue(cast: Any) -> None:
    entry = SubmittedEntryFactory(person=cast.applicant, unit=cast.unit)
    AttachmentFactory(entry=entry)
    client = login(cast.unit_admin)
    queue = client.get(reverse("library:unit_queue", args=[cast.unit.pk])).content.decode()
    assert cast.applicant.name in queue and "合肥工业大学" in queue
    page = client.get(reverse("library:unit_entry", args=[cast.unit.pk, entry.pk])).content.decode()
    assert "viewer__image" in page
    response = client.post(
        reverse("library:unit_entry", args=[cast.unit.pk, entry.pk]), {"decision": "return"}
    )
    assert response.status_code == 400 and "退回时请填写审核意见" in response.content.decode()
    client.post(
        reverse("library:unit_entry", args=[cast.unit.pk, entry.pk]),
        {"decision": "return", "opinion": "缺少学位证书"},
    )
    entry.refresh_from_db()
    assert entry.status == S.RETURNED and entry.opinion == "缺少学位证书"


def test_the_queue_filters_by_kind_person_and_status(cast: Any) -> None:
    SubmittedEntryFactory(person=cast.applicant, unit=cast.unit)
    SubmittedEntryFactory(
        person=cast.applicant2, unit=cast.unit, kind=Entry.Kind.OTHER, title="其他业绩甲"
    )
    client = login(cast.unit_admin)
    url = reverse("library:unit_queue", args=[cast.unit.pk])
    assert "其他业绩甲" not in client.get(url + "?kind=education").content.decode()
    assert "其他业绩甲" in client.get(url + "?kind=other").content.decode()
    assert "其他业绩甲" not in client.get(url + "?status=approved").content.decode()
    by_person = client.get(url + f"?status=&person={cast.applicant2.id_number}").content.decode()
    assert "其他业绩甲" in by_person and "合肥工业大学" not in by_person


def test_the_queue_serves_the_oldest_waiting_first_and_tells_namesakes_apart(cast: Any) -> None:
    import datetime

    from django.utils import timezone

    from zhicheng.core.identity import mask_id_number

    now = timezone.now()
    namesake = PersonFactory(name=cast.applicant.name)
    newer = SubmittedEntryFactory(person=cast.applicant, unit=cast.unit, submitted_at=now)
    older = SubmittedEntryFactory(
        person=namesake,
        unit=cast.unit,
        kind=Entry.Kind.OTHER,
        title="较早提交",
        submitted_at=now - datetime.timedelta(days=3),
    )
    page = login(cast.unit_admin).get(reverse("library:unit_queue", args=[cast.unit.pk]))
    html = page.content.decode()
    assert [row["entry"].pk for row in page.context["rows"]] == [older.pk, newer.pk]
    assert mask_id_number(cast.applicant.id_number) in html
    assert mask_id_number(namesake.id_number) in html
    assert cast.applicant.id_number not in html
    assert "data-select-all" in html


def test_after_a_decision_the_queue_keeps_its_filters_and_page(cast: Any) -> None:
    from urllib.parse import quote

    entries = [SubmittedEntryFactory(person=cast.applicant, unit=cast.unit) for _ in range(2)]
    client = login(cast.unit_admin)
    queue = reverse("library:unit_queue", args=[cast.unit.pk])
    here = f"{queue}?kind=education&person={quote(cast.applicant.name)}&page=1"
    html = client.get(here).content.decode()
    entry_url = reverse("library:unit_entry", args=[cast.unit.pk, entries[0].pk])
    assert f"{entry_url}?next=" in html
    response = client.post(entry_url, {"decision": "approve", "next": here})
    assert response["Location"] == here
    response = client.post(
        reverse("library:unit_approve_many", args=[cast.unit.pk]),
        {"entries": [entries[1].pk], "next": here},
    )
    assert response["Location"] == here
    # Anything but this unit's queue goes back to the plain queue.
    for evil in [
        "https://evil.example/",
        "//evil.example/x",
        "/library/",
        f"/units/{cast.other_unit.pk}/library/",
    ]:
        entry = SubmittedEntryFactory(person=cast.applicant, unit=cast.unit)
        url = reverse("library:unit_entry", args=[cast.unit.pk, entry.pk])
        response = client.post(url, {"decision": "approve", "next": evil})
        assert response["Location"] == queue, evil


def test_a_bulk_approval_reports_entries_decided_meanwhile(cast: Any) -> None:
    waiting = SubmittedEntryFactory(person=cast.applicant, unit=cast.unit)
    decided = SubmittedEntryFactory(person=cast.applicant, unit=cast.unit, status=S.APPROVED)
    response = login(cast.unit_admin).post(
        reverse("library:unit_approve_many", args=[cast.unit.pk]),
        {"entries": [waiting.pk, decided.pk]},
        follow=True,
    )
    html = response.content.decode()
    assert "已审核通过 1 条业绩" in html
    assert f"以下 1 条已被审核或撤回，已跳过：{cast.applicant.name} · 学历教育" in html


def test_the_unit_approves_many_at_once(cast: Any) -> None:
    entries = [SubmittedEntryFactory(person=cast.applicant, unit=cast.unit) for _ in range(3)]
    client = login(cast.unit_admin)
    client.post(
        reverse("library:unit_approve_many", args=[cast.unit.pk]),
        {"entries": [e.pk for e in entries]},
    )
    assert set(Entry.objects.values_list("status", flat=True)) == {S.APPROVED}


def test_unit_isolation(cast: Any) -> None:
    """Unit X (other_unit) cannot list, view, download or decide unit Y's (unit) entries."""
    entry = SubmittedEntryFactory(person=cast.applicant, unit=cast.unit)
    attachment = AttachmentFactory(entry=entry)
    other = login(cast.other_unit_admin)
    mine, theirs = cast.other_unit.pk, cast.unit.pk
    # Through the other unit's own pages: the entry is simply not there.
    assert (
        cast.applicant.name
        not in other.get(reverse("library:unit_queue", args=[mine])).content.decode()
    )
    assert other.get(reverse("library:unit_entry", args=[mine, entry.pk])).status_code == 404
    assert (
        other.get(reverse("library:unit_attachment", args=[mine, attachment.pk])).status_code == 404
    )
    decided = other.post(
        reverse("library:unit_entry", args=[mine, entry.pk]), {"decision": "approve"}
    )
    assert decided.status_code == 404
    other.post(reverse("library:unit_approve_many", args=[mine]), {"entries": [entry.pk]})
    # Through unit Y's addresses: not theirs to open.
    assert other.get(reverse("library:unit_queue", args=[theirs])).status_code == 404
    assert other.get(reverse("library:unit_entry", args=[theirs, entry.pk])).status_code == 404
    assert (
        other.get(reverse("library:unit_attachment", args=[theirs, attachment.pk])).status_code
        == 404
    )
    assert (
        other.post(
            reverse("library:unit_entry", args=[theirs, entry.pk]), {"decision": "approve"}
        ).status_code
        == 404
    )
    assert (
        other.post(
            reverse("library:unit_approve_many", args=[theirs]), {"entries": [entry.pk]}
        ).status_code
        == 404
    )
    entry.refresh_from_db()
    assert entry.status == S.SUBMITTED and not entry.events.exists()


def test_a_former_employees_entries_and_files_are_hidden_from_the_old_unit(cast: Any) -> None:
    """After 解除绑定 the old unit can no longer list, view, download or decide them."""
    from zhicheng.orgs.models import UnitBinding
    from zhicheng.orgs.services import binding_end

    approved = SubmittedEntryFactory(person=cast.applicant, unit=cast.unit, status=S.APPROVED)
    waiting = SubmittedEntryFactory(person=cast.applicant, unit=cast.unit)
    files = [AttachmentFactory(entry=approved), AttachmentFactory(entry=waiting)]
    unit = login(cast.unit_admin)
    queue = reverse("library:unit_queue", args=[cast.unit.pk])
    assert cast.applicant.name in unit.get(queue + "?status=").content.decode()
    binding = UnitBinding.objects.get(person=cast.applicant, status=UnitBinding.Status.APPROVED)
    binding_end(binding=binding, unit=cast.unit, actor=cast.unit_admin, opinion="已离职")

    page = unit.get(queue + "?status=").content.decode()
    assert cast.applicant.name not in page and "没有符合条件的业绩" in page
    for entry, attachment in zip([approved, waiting], files, strict=True):
        url = reverse("library:unit_entry", args=[cast.unit.pk, entry.pk])
        assert unit.get(url).status_code == 404
        assert unit.post(url, {"decision": "approve"}).status_code == 404
        file_url = reverse("library:unit_attachment", args=[cast.unit.pk, attachment.pk])
        assert unit.get(file_url).status_code == 404
    unit.post(reverse("library:unit_approve_many", args=[cast.unit.pk]), {"entries": [waiting.pk]})
    waiting.refresh_from_db()
    assert waiting.status == S.RETURNED  # returned by 解除绑定, not approved afterwards
    # The history stays, and the person still has everything.
    assert waiting.events.filter(organization=cast.unit).exists()
    applicant = login(cast.applicant)
    assert applicant.get(reverse("library:attachment", args=[files[0].pk])).status_code == 200


def test_a_unit_does_not_see_drafts(cast: Any) -> None:
    entry = EntryFactory(person=cast.applicant, unit=cast.unit, status=S.DRAFT)
    client = login(cast.unit_admin)
    assert (
        client.get(reverse("library:unit_entry", args=[cast.unit.pk, entry.pk])).status_code == 404
    )


# --- Constant query counts ---------------------------------------------------------------------


def _queries(client: Client, url: str) -> int:
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    return len(captured)


def _fill(cast: Any, n: int) -> None:
    kinds = [Entry.Kind.EDUCATION, Entry.Kind.OTHER]
    people = [cast.applicant, *(PersonFactory() for _ in range(4))]
    for person in people:
        bind(person, cast.unit)
    existing = Entry.objects.count()
    entries = [
        Entry(
            person=people[i % len(people)],
            kind=kinds[i % 2],
            status=[S.SUBMITTED, S.APPROVED, S.RETURNED][i % 3],
            unit=cast.unit,
            title=f"业绩{i}",
            school="学校",
            major="专业",
        )
        for i in range(existing, n)
    ]
    Entry.objects.bulk_create(entries)
    for entry in Entry.objects.filter(person=cast.applicant)[:3]:
        if not entry.attachments.exists():
            AttachmentFactory(entry=entry)


def test_the_library_page_and_the_unit_queue_run_a_constant_number_of_queries(cast: Any) -> None:
    bind(cast.applicant, cast.unit)
    applicant, unit = login(cast.applicant), login(cast.unit_admin)
    pages = [
        (applicant, reverse("library:index")),
        (applicant, reverse("library:index") + "?kind=education"),
        (unit, reverse("library:unit_queue", args=[cast.unit.pk]) + "?status="),
        (unit, reverse("library:unit_queue", args=[cast.unit.pk]) + "?status=submitted&kind=other"),
    ]
    _fill(cast, 5)
    small = [_queries(client, url) for client, url in pages]
    _fill(cast, 500)
    large = [_queries(client, url) for client, url in pages]
    assert small == large


# --- 个人首页 hooks ----------------------------------------------------------------------------


def test_stats_count_per_kind_and_status_and_render_as_bars(cast: Any) -> None:
    EntryFactory(person=cast.applicant)
    EntryFactory(person=cast.applicant, status=S.APPROVED, unit=cast.unit)
    EntryFactory(
        person=cast.applicant, kind=Entry.Kind.OTHER, title="x", status=S.RETURNED, unit=cast.unit
    )
    EntryFactory(person=cast.applicant2)
    stats = library_stats(person=cast.applicant)
    assert stats.total == 3
    education = next(k for k in stats.kinds if k.kind == "education")
    assert education.total == 2 and education.by_status == {"draft": 1, "approved": 1}
    assert education.width == 100
    html = render_to_string("library/_stats.html", {"stats": stats})
    assert "学历教育" in html and "w-100" in html and "w-50" in html and "style=" not in html


# --- Spreadsheet import ------------------------------------------------------------------------


def _sheet(kind: str, rows: list[list[Any]], client: Client) -> bytes:
    template = client.get(reverse("library:template", args=[kind]))
    assert template.status_code == 200
    book = load_workbook(io.BytesIO(template.content))
    sheet = book.worksheets[0]
    for row in rows:
        sheet.append(row)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def _import(client: Client, kind: str, data: bytes) -> Any:
    return client.post(
        reverse("library:import", args=[kind]),
        {"file": SimpleUploadedFile("导入.xlsx", data)},
    )


def test_a_template_per_kind_lists_its_columns(cast: Any) -> None:
    client = login(cast.applicant)
    response = client.get(reverse("library:template", args=["appraisal"]))
    assert "attachment;" in response["Content-Disposition"]
    header = [c.value for c in load_workbook(io.BytesIO(response.content)).worksheets[0][1]]
    assert header == ["年度*", "考核结果*", "考核单位*"]


def test_import_creates_every_row_as_a_draft(cast: Any) -> None:
    client = login(cast.applicant)
    data = _sheet("appraisal", [[2021, "优秀", "合肥一中"], [2022, "合格", "合肥一中"]], client)
    response = _import(client, "appraisal", data)
    assert response.status_code == 302
    assert list(
        Entry.objects.order_by("year").values_list("year", "appraisal_result", "status")
    ) == [
        (2021, "excellent", S.DRAFT),
        (2022, "pass", S.DRAFT),
    ]


def test_import_reports_errors_by_row_and_column_and_imports_nothing(cast: Any) -> None:
    client = login(cast.applicant)
    rows = [
        [2021, "优秀", "合肥一中"],
        [2099, "很好", ""],
        [None, None, None],
        ["abc", "合格", "x"],
    ]
    response = _import(client, "appraisal", _sheet("appraisal", rows, client))
    page = response.content.decode()
    assert response.status_code == 400
    assert not Entry.objects.exists()
    assert "<td>第 3 行</td><td>考核结果</td>" in page
    assert "<td>第 3 行</td><td>考核单位</td>" in page
    assert "<td>第 5 行</td><td>年度</td>" in page


def test_import_checks_the_service_rules_too(cast: Any) -> None:
    client = login(cast.applicant)
    rows = [["2010-01-01", "2009-01-01", "学校", "地区"]]
    response = _import(client, "rural", _sheet("rural", rows, client))
    assert "结束时间不能早于开始时间" in response.content.decode()
    assert not Entry.objects.exists()


def test_import_refuses_a_foreign_file(cast: Any) -> None:
    client = login(cast.applicant)
    response = _import(client, "appraisal", b"<html>not a sheet</html>")
    assert "请上传由模板填写的 .xlsx 文件" in response.content.decode()
    book = Workbook()
    book.active.append(["别的", "列"])  # type: ignore[union-attr]
    out = io.BytesIO()
    book.save(out)
    response = _import(client, "appraisal", out.getvalue())
    assert "表头与“年度考核”模板不一致" in response.content.decode()


@pytest.mark.parametrize("kind", [k.value for k in Entry.Kind])
def test_every_kind_has_a_form_and_a_template(kind: str, cast: Any) -> None:
    client = login(cast.applicant)
    assert client.get(reverse("library:create", args=[kind])).status_code == 200
    assert client.get(reverse("library:template", args=[kind])).status_code == 200
