"""Issue 9.4: PDFs that act by themselves when a reviewer opens them are refused, saying why;
through the upload pages too (library attachments and plan files)."""

import io
from collections.abc import Callable
from typing import Any

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse
from pypdf import PdfWriter
from pypdf.generic import (
    ArrayObject,
    DictionaryObject,
    NameObject,
    NumberObject,
    TextStringObject,
)

from zhicheng.core.uploads import MB, check_document


def _pdf(change: Callable[[PdfWriter], None] | None = None) -> bytes:
    writer = PdfWriter()
    writer.add_blank_page(width=200, height=200)
    if change is not None:
        change(writer)
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def _js_action(code: str = "app.alert(1)") -> DictionaryObject:
    return DictionaryObject(
        {
            NameObject("/Type"): NameObject("/Action"),
            NameObject("/S"): NameObject("/JavaScript"),
            NameObject("/JS"): TextStringObject(code),
        }
    )


def _open_action_js(writer: PdfWriter) -> None:
    writer._root_object[NameObject("/OpenAction")] = writer._add_object(_js_action())


def _names_js(writer: PdfWriter) -> None:
    # The document-level /Names /JavaScript tree (what pypdf's former add_js wrote).
    tree = DictionaryObject(
        {
            NameObject("/Names"): ArrayObject(
                [TextStringObject("init"), writer._add_object(_js_action())]
            )
        }
    )
    writer._root_object[NameObject("/Names")] = DictionaryObject(
        {NameObject("/JavaScript"): writer._add_object(tree)}
    )


def _page_aa(writer: PdfWriter) -> None:
    page = writer.pages[0]
    page[NameObject("/AA")] = DictionaryObject({NameObject("/O"): _js_action()})


def _launch_annotation(writer: PdfWriter) -> None:
    launch = DictionaryObject(
        {
            NameObject("/S"): NameObject("/Launch"),
            NameObject("/F"): TextStringObject("calc.exe"),
        }
    )
    annotation = DictionaryObject(
        {
            NameObject("/Type"): NameObject("/Annot"),
            NameObject("/Subtype"): NameObject("/Link"),
            NameObject("/Rect"): ArrayObject([NumberObject(0)] * 4),
            NameObject("/A"): launch,
        }
    )
    writer.pages[0][NameObject("/Annots")] = ArrayObject([writer._add_object(annotation)])


def _embedded_file(writer: PdfWriter) -> None:
    writer.add_attachment("payload.exe", b"MZ\x90\x00")


def _rich_media(writer: PdfWriter) -> None:
    annotation = DictionaryObject(
        {
            NameObject("/Type"): NameObject("/Annot"),
            NameObject("/Subtype"): NameObject("/RichMedia"),
            NameObject("/Rect"): ArrayObject([NumberObject(0)] * 4),
        }
    )
    writer.pages[0][NameObject("/Annots")] = ArrayObject([writer._add_object(annotation)])


def _xfa(writer: PdfWriter) -> None:
    writer._root_object[NameObject("/AcroForm")] = DictionaryObject(
        {
            NameObject("/Fields"): ArrayObject(),
            NameObject("/XFA"): TextStringObject("<xdp:xdp/>"),
        }
    )


ATTACKS = {
    "open_action_js": (_open_action_js, "JavaScript"),
    "document_js": (_names_js, "JavaScript"),
    "page_aa": (_page_aa, "/AA"),
    "launch": (_launch_annotation, "/Launch"),
    "embedded_file": (_embedded_file, "嵌入的附件"),
    "rich_media": (_rich_media, "RichMedia"),
    "xfa": (_xfa, "XFA"),
}


def _check(data: bytes) -> Any:
    upload = SimpleUploadedFile("材料.pdf", data, "application/pdf")
    return check_document(upload, max_bytes=10 * MB)


@pytest.mark.parametrize("attack", sorted(ATTACKS))
def test_a_pdf_with_active_content_is_refused_saying_why(attack: str) -> None:
    change, why = ATTACKS[attack]
    with pytest.raises(ValidationError) as raised:
        _check(_pdf(change))
    message = raised.value.messages[0]
    assert raised.value.code == "active_pdf"
    assert why in message and "出于安全原因不能上传" in message


def test_a_hex_escaped_name_does_not_hide_javascript() -> None:
    data = _pdf(_open_action_js).replace(b"/JavaScript", b"/J#61vaScript")
    with pytest.raises(ValidationError, match="JavaScript"):
        _check(data)


def test_a_plain_pdf_and_an_open_action_that_only_shows_page_one_pass() -> None:
    assert _check(_pdf()).kind == "pdf"

    def fit_page(writer: PdfWriter) -> None:
        writer._root_object[NameObject("/OpenAction")] = ArrayObject(
            [writer.pages[0].indirect_reference, NameObject("/Fit")]
        )

    assert _check(_pdf(fit_page)).kind == "pdf"


def _client(user: Any) -> Client:
    client = Client()
    client.force_login(user)
    return client


@pytest.mark.django_db
@pytest.mark.parametrize("attack", ["open_action_js", "launch", "embedded_file", "xfa"])
def test_the_attachment_page_refuses_it_and_stores_nothing(cast: Any, attack: str) -> None:
    from zhicheng.library.models import EntryAttachment
    from zhicheng.library.tests.factories import EntryFactory

    entry = EntryFactory(person=cast.applicant, with_attachment=False)
    upload = SimpleUploadedFile("材料.pdf", _pdf(ATTACKS[attack][0]), "application/pdf")
    response = _client(cast.applicant).post(
        reverse("library:attachment_upload", args=[entry.pk]), {"file": upload}, follow=True
    )
    assert "出于安全原因不能上传" in response.content.decode()
    assert not EntryAttachment.objects.filter(entry=entry).exists()


@pytest.mark.django_db
@pytest.mark.parametrize("attack", ["open_action_js", "rich_media", "page_aa"])
def test_the_plan_file_page_refuses_it_and_stores_nothing(cast: Any, attack: str) -> None:
    from zhicheng.plans.models import PlanFile
    from zhicheng.plans.tests.factories import CommitteeFactory, published_plan

    organizer = cast.organizer.memberships.get().organization
    plan = published_plan(committee=CommitteeFactory(parent=organizer))
    upload = SimpleUploadedFile("模板.pdf", _pdf(ATTACKS[attack][0]), "application/pdf")
    response = _client(cast.organizer).post(
        reverse("plans:file_upload", kwargs={"plan_id": plan.pk}), {"file": upload}
    )
    assert "出于安全原因不能上传" in response.content.decode()
    assert not PlanFile.objects.filter(plan=plan).exists()
