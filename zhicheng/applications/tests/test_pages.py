"""The pages through HTTP: the manual's flow, forged ids, the completeness panel, query counts."""

from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from zhicheng.applications import services
from zhicheng.applications.models import Application, ImportedEntry, Section
from zhicheng.library.models import Entry
from zhicheng.library.tests.factories import pdf_bytes, png_bytes

from .factories import K, World, approved_entry, complete, start, upload, world

pytestmark = pytest.mark.django_db


@pytest.fixture
def w(cast: Any) -> World:
    return world(cast)


@pytest.fixture
def client_of(w: World) -> Client:
    client = Client()
    client.force_login(w.person)
    return client


def section(application: Application, name: str) -> str:
    return reverse("applications:section", args=[application.pk, name])


def test_the_menu_leads_to_the_page_with_its_three_tabs(w: World, client_of: Client) -> None:
    page = client_of.get(reverse("applications:index")).content.decode()
    assert "当前申报记录" in page and "我的历史记录" in page and "评审计划" in page
    assert reverse("applications:index") in client_of.get(reverse("portal:home")).content.decode()
    plans = client_of.get(reverse("applications:index") + "?tab=plans").content.decode()
    assert w.plan.name in plans


def test_apply_now_leads_to_the_choice_then_the_pledge_then_the_form(
    w: World, client_of: Client
) -> None:
    response = client_of.post(reverse("plans:apply_start", args=[w.plan.pk]))
    assert response.url == reverse("applications:choose", args=[w.plan.pk])
    page = client_of.get(response.url).content.decode()
    for word in (
        "申报形式",
        "常规申报",
        "破格申报",
        "申报专业",
        "申报职称",
        "评审标准",
        "确认无误",
    ):
        assert word in page
    assert "转评申报" not in page  # the plan does not allow it
    data = {
        "apply_form": "regular",
        "specialty": w.exam.pk,
        "title": "高级工程师",
        "standard": w.standard.pk,
    }
    refused = client_of.post(response.url, data)
    assert refused.status_code == 400 and "确认无误" in refused.content.decode()
    response = client_of.post(response.url, {**data, "confirmed": "on"})
    application = Application.objects.get()
    assert response.url == reverse("applications:pledge", args=[application.pk])
    # The form is not reachable before the pledge.
    assert client_of.get(section(application, "basic")).url == response.url
    page = client_of.get(response.url).content.decode()
    assert "诚信承诺书" in page and "我已阅读并承诺" in page and "同意并继续" in page
    assert "点击下载承诺书模板" in page
    pdf = client_of.get(reverse("applications:pledge_template", args=[application.pk]))
    assert pdf["Content-Type"] == "application/pdf" and pdf.content.startswith(b"%PDF")
    assert client_of.post(response.url, {}).status_code == 400
    response = client_of.post(response.url, {"agreed": "on"})
    assert response.url == section(application, "basic")
    page = client_of.get(response.url).content.decode()
    for word in ("申报情况", "修改专业", "个人信息", "专业信息", "现有职称情况", "完整性"):
        assert word in page


def test_every_section_renders_and_the_panel_links_to_what_is_missing(
    w: World, client_of: Client
) -> None:
    application = start(w, apply_form="exceptional")
    for name in (
        "basic",
        "work",
        "education",
        "training",
        "appraisal",
        "attachments",
        "exceptional",
        "performance",
        "files",
        "overview",
        "check",
    ):
        response = client_of.get(section(application, name))
        assert response.status_code == 200, name
    assert client_of.get(section(application, "transfer")).status_code == 404
    page = client_of.get(section(application, "work")).content.decode()
    assert section(application, "attachments") in page and "附件上传" in page
    check = client_of.get(section(application, "check")).content.decode()
    assert "不符合" in check and "提交审核" in check


def test_import_dialog_save_and_the_entry_is_not_offered_again(w: World, client_of: Client) -> None:
    application = start(w)
    entry = approved_entry(w.person, w.unit, K.WORK)
    draft = approved_entry(w.person, w.unit, K.WORK, organization="草稿单位")
    Entry.objects.filter(pk=draft.pk).update(status=Entry.Status.DRAFT)
    dialog = client_of.get(section(application, "work") + "?import=1").content.decode()
    assert "导入工作经历" in dialog and "合肥市第一中学" in dialog and "草稿单位" not in dialog
    url = reverse("applications:import", args=[application.pk, "work"])
    client_of.post(url, {"entries": [entry.pk]})
    client_of.post(url, {"entries": [entry.pk]})  # double click
    assert ImportedEntry.objects.filter(application=application).count() == 1
    dialog = client_of.get(section(application, "work") + "?import=1").content.decode()
    assert "已导入" in dialog


def test_forged_ids_are_404(cast: Any, w: World, client_of: Client) -> None:
    mine = start(w)
    other_world = world(cast, person=cast.applicant2)
    theirs = complete(other_world, start(other_world))
    their_entry = approved_entry(cast.applicant2, w.unit, K.WORK)
    their_item = theirs.imports.first()
    their_file = theirs.attachments.first()
    assert their_item is not None and their_file is not None
    for url in (
        section(theirs, "basic"),
        reverse("applications:attachment", args=[their_file.pk]),
        reverse("applications:photo_image", args=[theirs.pk]),
        reverse("applications:item_file", args=[mine.pk, their_item.pk, 1]),
        reverse("applications:choose", args=[999999]),
    ):
        assert client_of.get(url).status_code == 404, url
    for url, data in (
        (reverse("applications:import", args=[mine.pk, "work"]), {"entries": [their_entry.pk]}),
        (reverse("applications:item_remove", args=[mine.pk, their_item.pk]), {}),
        (reverse("applications:attachment_rename", args=[their_file.pk]), {"display_name": "x"}),
        (reverse("applications:submit", args=[theirs.pk]), {}),
        (reverse("applications:delete", args=[theirs.pk]), {}),
    ):
        assert client_of.post(url, data).status_code == 404, url
    other_slot = other_world.plan.slots.first()
    assert other_slot is not None
    upload_url = reverse("applications:attachment_upload", args=[mine.pk, other_slot.pk])
    file = SimpleUploadedFile("a.png", png_bytes(), "image/png")
    assert client_of.post(upload_url, {"file": file}).status_code == 404


def test_a_change_of_specialty_to_another_plans_is_refused_with_the_reason(
    cast: Any, w: World, client_of: Client
) -> None:
    application = start(w)
    other = world(cast, person=cast.applicant2)
    response = client_of.post(
        reverse("applications:specialty_change", args=[application.pk]),
        {"specialty": other.plain.pk, "title": "高级工程师"},
        follow=True,
    )
    assert "同一个职称评审计划" in response.content.decode()


def test_clamped_professional_years_are_announced(w: World, client_of: Client) -> None:
    application = start(w)
    response = client_of.post(
        reverse("applications:basic_save", args=[application.pk]),
        {"work_years": 5, "professional_years": 9},
        follow=True,
    )
    assert "已自动调整为工作年限" in response.content.decode()
    application.refresh_from_db()
    assert application.professional_years == 5


def test_submit_through_the_page_and_the_record_shows_the_flow(w: World, client_of: Client) -> None:
    application = complete(w, start(w))
    response = client_of.post(reverse("applications:submit", args=[application.pk]), follow=True)
    page = response.content.decode()
    assert "已提交审核" in page and "已提交" in page and "流程" in page and "提交审核" in page
    application.refresh_from_db()
    assert application.status == "submitted"
    # Nothing editable afterwards: no 填报, no 删除; an edit is refused with the reason.
    assert "填报</a>" not in page
    response = client_of.post(
        reverse("applications:basic_save", args=[application.pk]), {"phone": "13900000000"}
    )
    assert response.status_code == 400 and "已提交审核" in response.content.decode()


def test_uploading_renaming_and_viewing_an_attachment(w: World, client_of: Client) -> None:
    application = start(w)
    url = reverse("applications:attachment_upload", args=[application.pk, w.pledge_slot.pk])
    client_of.post(url, {"file": SimpleUploadedFile("scan.pdf", pdf_bytes(), "application/pdf")})
    attachment = application.attachments.get()
    client_of.post(
        reverse("applications:attachment_rename", args=[attachment.pk]),
        {"display_name": "职称申报承诺书"},
    )
    attachment.refresh_from_db()
    assert attachment.display_name == "职称申报承诺书"
    response = client_of.get(reverse("applications:attachment", args=[attachment.pk]))
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    page = client_of.get(section(application, "files")).content.decode()
    assert "附件一览表" in page and "查看附件" in page


def _fill(w: World, application: Application, n: int) -> None:
    """n imported entries spread over the sections and categories, and some files."""
    kinds = [K.WORK, K.TRAINING]
    for i in range(n):
        kind = kinds[i % 2]
        over = {"organization": f"单位{i}"} if kind == K.WORK else {"year": 1990 + i % 35}
        if kind == K.TRAINING:
            over["organization"] = f"机构{i}"
        entry = approved_entry(w.person, w.unit, kind, **over)
        ImportedEntry.objects.create(
            application=application,
            section=Section.WORK if kind == K.WORK else Section.TRAINING,
            entry=entry,
            kind=kind,
            position=i + 1,
            summary=f"第{i}条",
            facts=[["单位", f"单位{i}"]],
            files=[{"id": 1, "name": "证明.png", "is_image": True}],
        )


@pytest.mark.parametrize("name", ["overview", "work", "performance", "check", "files", "basic"])
def test_pages_take_the_same_number_of_queries_at_5_and_200_entries(cast: Any, name: str) -> None:
    counts = []
    for n, person in ((5, cast.applicant), (200, cast.applicant2)):
        w = world(cast, person=person)
        application = complete(w, start(w))
        _fill(w, application, n)
        for _ in range(3):
            services.application_attachment_add(
                application=application, slot=w.pledge_slot, checked=upload(), actor=w.person
            )
        client = Client()
        client.force_login(w.person)
        client.get(section(application, name))  # warm caches (sessions, content types)
        with CaptureQueriesContext(connection) as queries:
            assert client.get(section(application, name)).status_code == 200
        counts.append(len(queries))
    assert counts[0] == counts[1], counts


def test_the_home_summary_lists_the_current_application(w: World) -> None:
    start(w)
    client = Client()
    client.force_login(w.person)
    html = client.get(reverse("portal:home")).content.decode()
    assert "我的申报情况" in html and "填报中" in html and "累计申报 1 次" in html
    assert "暂无申报记录" not in html  # the portal's empty module gave way to ours


def test_the_photo_page_tells_the_browser_the_size_limit_of_the_original(
    w: World, client_of: Client
) -> None:
    # The cropped picture sent on 提交 is always small: only the browser sees the original's size.
    application = start(w)
    page = client_of.get(reverse("applications:photo", args=[application.pk])).content.decode()
    assert f'data-max-bytes="{10 * 1024 * 1024}"' in page


def test_parts_of_another_application_are_404_under_ones_own(
    cast: Any, w: World, client_of: Client
) -> None:
    """Every id in a URL is looked up within the application before it: another person's title,
    评聘情况, document, imported entry or attachment is a 404 under one's own application, for a
    bare POST too (no form is read before the look-up)."""
    mine = complete(w, start(w))
    other_world = world(cast, person=cast.applicant2)
    theirs = complete(other_world, start(other_world))
    their_title = theirs.titles.get()
    services.title_document_add(
        title=their_title, checked=upload("证书.png"), actor=cast.applicant2
    )
    their_appointment = their_title.appointments.get()
    their_document = their_title.documents.get()
    their_item = theirs.imports.order_by("pk").first()
    their_file = theirs.attachments.order_by("pk").first()
    assert their_item is not None and their_file is not None
    a = mine.pk
    for url in (
        reverse("applications:title_document", args=[a, their_document.pk]),
        reverse("applications:item_file", args=[a, their_item.pk, their_item.files[0]["id"]]),
        reverse("applications:attachment", args=[their_file.pk]),
    ):
        assert client_of.get(url).status_code == 404, url
    for url in (
        reverse("applications:title_edit", args=[a, their_title.pk]),
        reverse("applications:title_delete", args=[a, their_title.pk]),
        reverse("applications:title_move", args=[a, their_title.pk]),
        reverse("applications:appointment_add", args=[a, their_title.pk]),
        reverse("applications:appointment_delete", args=[a, their_appointment.pk]),
        reverse("applications:title_document_upload", args=[a, their_title.pk]),
        reverse("applications:title_document_delete", args=[a, their_document.pk]),
        reverse("applications:item_move", args=[a, their_item.pk]),
        reverse("applications:item_mark", args=[a, their_item.pk]),
        reverse("applications:attachment_delete", args=[their_file.pk]),
        reverse("applications:basic_save", args=[theirs.pk]),
        reverse("applications:extra_save", args=[theirs.pk]),
        reverse("applications:photo", args=[theirs.pk]),
    ):
        assert client_of.post(url).status_code == 404, url
    assert theirs.titles.count() == 1 and their_title.documents.count() == 1
    assert their_title.appointments.count() == 1 and theirs.attachments.count() >= 1
