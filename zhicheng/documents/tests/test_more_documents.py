"""准考证, 破格审批表, 转评申报表, 公示, 导出申报信息, the certificate and the SVG charts."""

import io
import re
from dataclasses import replace

import pytest
from openpyxl import load_workbook
from pypdf import PdfReader

from zhicheng.documents.admission_ticket import admission_ticket_pdf
from zhicheng.documents.application_summary import (
    application_summary_pdf,
    application_summary_xlsx,
)
from zhicheng.documents.certificate import Seal, certificate_pdf
from zhicheng.documents.charts import bar_chart_svg, stacked_bar_chart_svg
from zhicheng.documents.exceptional_approval import exceptional_approval_pdf
from zhicheng.documents.parts import qr_svg
from zhicheng.documents.publicity_list import publicity_list_pdf, publicity_list_xlsx
from zhicheng.documents.samples import (
    LONG_REASON,
    SAMPLE_ECERT_ID,
    SAMPLE_VERIFY_URL,
    publicity_row,
    sample_admission_ticket,
    sample_application_summary,
    sample_certificate,
    sample_exceptional_approval,
    sample_photo,
    sample_publicity_list,
    sample_transfer_application,
)
from zhicheng.documents.transfer_application import transfer_application_pdf

from .test_documents import appears_in_pieces, normalised, page_texts


def contains(text: str, value: str) -> bool:
    value = normalised(value)
    return not value or value in text or appears_in_pieces(value, text)


def assert_footers(pages: list[str]) -> None:
    for number, page in enumerate(pages, start=1):
        assert f"第{number}页共{len(pages)}页" in normalised(page)


def assert_inside_pages(pdf: bytes) -> None:
    for page in PdfReader(io.BytesIO(pdf)).pages:
        width, height = float(page.mediabox.width), float(page.mediabox.height)
        outside: list[str] = []

        def visit(text, cm, tm, font, size, outside=outside, width=width, height=height):
            x = tm[4] * cm[0] + tm[5] * cm[2] + cm[4]
            y = tm[4] * cm[1] + tm[5] * cm[3] + cm[5]
            if text.strip() and not (0 <= x <= width and 0 <= y <= height):
                outside.append(text)

        page.extract_text(visitor_text=visit)
        assert outside == []


def test_the_admission_ticket_is_one_page_with_every_field_photo_and_qr():
    data = sample_admission_ticket(photo=sample_photo())
    pdf = admission_ticket_pdf(data)
    pages = page_texts(pdf)
    assert len(pages) == 1
    text = normalised(pages[0])
    for value in (
        data.title,
        data.name,
        data.id_number_masked,
        data.ticket_number,
        data.specialty,
        data.title_applied,
        data.organizer,
        "考生须知",
        *data.notes,
    ):
        assert contains(text, value), value
    for session in data.sessions:
        for value in (session.subject, session.time, session.place, session.seat):
            assert contains(text, value), value
    assert "第1页共1页" in text
    assert len(PdfReader(io.BytesIO(pdf)).pages[0].images) == 1  # the photo; the QR is vector
    assert_inside_pages(pdf)


def test_the_exceptional_approval_lists_conditions_evidence_and_the_four_offices():
    data = sample_exceptional_approval(photo=sample_photo(), conditions=12)
    pdf = exceptional_approval_pdf(data)
    pages = page_texts(pdf)
    assert len(pages) >= 2
    assert_footers(pages)
    text = normalised("".join(pages))
    for value in (data.name, data.unit, data.current_title, data.title_applied, data.title):
        assert contains(text, value), value
    for condition in data.conditions:
        assert contains(text, condition.condition) and contains(text, condition.evidence)
    assert contains(text, LONG_REASON)
    for office in ("单位意见", "主管部门意见", "人社部门意见", "评委会组建单位意见"):
        assert contains(text, office), office
    assert text.count("（盖章）") == 4
    assert_inside_pages(pdf)


def test_the_transfer_application_has_the_held_and_the_target_title():
    data = sample_transfer_application(photo=sample_photo(), rows=40)
    pdf = transfer_application_pdf(data)
    pages = page_texts(pdf)
    assert_footers(pages)
    text = normalised("".join(pages))
    held = data.held
    for value in (
        held.series,
        held.name,
        held.level,
        held.obtained_on,
        held.certificate_number,
        held.issuer,
        data.original_series,
        data.target_series,
        data.target_specialty,
        data.target_title,
        data.reason,
        data.work_summary,
    ):
        assert contains(text, value), value
    for row in data.work_since.rows:
        for cell in row:
            assert contains(text, cell), cell
    work_pages = [p for p in pages if "薪酬体系改革" in p]
    assert len(work_pages) > 1 and all("主要业绩" in p for p in work_pages)
    assert_inside_pages(pdf)


@pytest.fixture(scope="module")
def publicity_300():
    data = sample_publicity_list(rows=300)
    return data, page_texts(publicity_list_pdf(data))


def test_a_300_row_publicity_list_repeats_its_header_and_keeps_every_row(publicity_300):
    data, pages = publicity_300
    assert len(pages) > 5
    assert_footers(pages)
    for page in pages[:-1]:
        assert "申报形式" in page and "工作单位" in page
    text = normalised("".join(pages))
    for number in range(1, 301):
        for cell in publicity_row(number):
            assert contains(text, cell), (number, cell)
    c = data.contact
    for value in (
        data.title,
        data.intro,
        data.start,
        data.end,
        c.person,
        c.phone,
        c.address,
        c.email,
    ):
        assert contains(text, value), value
    assert contains(text, data.issuer) and contains(text, data.issued_on)


def test_the_publicity_workbook_has_the_table_frozen_header_and_text_ids():
    data = sample_publicity_list(rows=20)
    columns = (*data.table.columns, "身份证号")
    rows = [[*row, "34010419850315123X"] for row in data.table.rows]
    data = replace(data, table=replace(data.table, columns=columns, rows=rows, widths=None))
    sheet = load_workbook(io.BytesIO(publicity_list_xlsx(data))).active
    assert sheet["A1"].value == data.title
    assert [c.value for c in sheet[2]] == list(columns)
    assert sheet.freeze_panes == "A3"
    assert sheet.max_row == 22
    id_cell = sheet.cell(row=3, column=len(columns))
    assert id_cell.value == "34010419850315123X" and id_cell.number_format == "@"
    assert sheet["A3"].value == "1" and sheet["A3"].data_type == "s"
    assert sheet.column_dimensions["C"].width > sheet.column_dimensions["A"].width


def test_the_application_summary_has_every_section_and_a_sheet_for_each():
    data = sample_application_summary(photo=sample_photo(), achievements=40)
    pages = page_texts(application_summary_pdf(data))
    assert_footers(pages)
    text = normalised("".join(pages))
    for section in data.sections:
        assert contains(text, section.title), section.title
        for f in section.fields:
            assert contains(text, f.label) and contains(text, f.value), f
        for table in section.tables:
            for row in table.rows:
                for cell in row:
                    assert contains(text, cell), cell
    book = load_workbook(io.BytesIO(application_summary_xlsx(data)))
    assert book.sheetnames == [s.title for s in data.sections]
    basic = book["基本信息"]
    assert [basic.cell(row=1, column=c).value for c in (1, 2)] == ["姓名", "张三"]
    values = {cell.value for row in book["申报业绩"].iter_rows() for cell in row}
    assert "业绩第40项：年产40万吨精细化工装置工艺优化与安全改造项目（技术负责）" in values


def test_the_certificate_is_one_page_with_every_field_and_the_long_identifier_wrapped():
    data = sample_certificate(photo=sample_photo())
    pdf = certificate_pdf(data)
    pages = page_texts(pdf)
    assert len(pages) == 1
    text = normalised(pages[0])
    for value in (
        data.title,
        data.name,
        data.sex,
        data.birth_date,
        data.id_number_masked,
        data.unit,
        data.series,
        data.specialty,
        data.qualification,
        data.level,
        data.acquired_by,
        data.committee,
        data.passed_on,
        data.approval_number,
        data.issuer,
        data.issued_on,
        data.certificate_number,
        SAMPLE_ECERT_ID,
        SAMPLE_VERIFY_URL,
    ):
        assert contains(text, value), value
    assert_inside_pages(pdf)
    assert "第1页" not in text  # a certificate has no page footer


def test_seals_are_drawn_only_when_configured():
    with_seals = normalised(page_texts(certificate_pdf(sample_certificate()))[0])
    without = normalised(page_texts(certificate_pdf(sample_certificate(seals=False)))[0])
    assert "评审专用章" in with_seals and "职称专用章" in with_seals
    assert "评审专用章" not in without and "职称专用章" not in without
    with pytest.raises(ValueError):
        Seal("某单位", color="red")


def test_qr_codes_are_one_path_svgs():
    svg = qr_svg(SAMPLE_VERIFY_URL).decode()
    assert svg.startswith("<svg") and svg.count("<path") == 1
    with pytest.raises(ValueError):
        qr_svg("")


def bar_widths(svg: str) -> list[float]:
    return [float(w) for w in re.findall(r'class="bar"[^>]*width="([\d.]+)"', svg)]


def test_bar_chart_labels_are_escaped_and_accessible():
    svg = bar_chart_svg([("<script>alert(1)</script>", 3), ("单位审核", 4)], title="按环节 & 状态")
    assert "<script>" not in svg
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in svg
    assert 'role="img"' in svg and "<title" in svg and "按环节 &amp; 状态" in svg


def test_bar_lengths_are_proportional_to_the_counts():
    widths = bar_widths(bar_chart_svg([("甲", 40), ("乙", 10), ("丙", 0), ("丁", 20)], title="t"))
    assert widths[1] == pytest.approx(widths[0] / 4) and widths[2] == 0
    assert widths[3] == pytest.approx(widths[0] / 2)
    stacked = bar_widths(
        stacked_bar_chart_svg([("甲", [30, 10]), ("乙", [5, 5])], title="t", legend=["a", "b"])
    )
    assert stacked[0] == pytest.approx(3 * stacked[1])
    assert stacked[2] + stacked[3] == pytest.approx((stacked[0] + stacked[1]) / 4)
    with pytest.raises(ValueError):
        bar_chart_svg([("甲", -1)], title="t")
