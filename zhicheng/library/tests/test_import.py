"""批量导入 against hostile and careless files: bounded reading, parse errors, Excel's numbers, repeats."""

import io
import re
import time
import zipfile
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse
from openpyxl import load_workbook

from zhicheng.library import spreadsheets
from zhicheng.library.models import Entry, EntryImport
from zhicheng.library.tests.factories import EntryFactory


def login(user: Any) -> Client:
    client = Client()
    client.force_login(user)
    return client


def _template(client: Client, kind: str) -> Any:
    return load_workbook(io.BytesIO(client.get(reverse("library:template", args=[kind])).content))


def _sheet(client: Client, kind: str, rows: list[list[Any]]) -> bytes:
    book = _template(client, kind)
    for n, row in enumerate(rows, start=2):
        for col, value in enumerate(row, start=1):
            book.worksheets[0].cell(row=n, column=col, value=value)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def _import(client: Client, kind: str, data: bytes, name: str = "导入.xlsx") -> Any:
    return client.post(
        reverse("library:import", args=[kind]), {"file": SimpleUploadedFile(name, data)}
    )


def _rewrite_sheet(data: bytes, change: Any, *, stored: bool = False) -> bytes:
    """The same workbook with its first sheet's XML changed by `change`."""
    source = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    method = zipfile.ZIP_STORED if stored else zipfile.ZIP_DEFLATED
    with zipfile.ZipFile(out, "w", method) as target:
        for info in source.infolist():
            content = source.read(info.filename)
            if info.filename == "xl/worksheets/sheet1.xml":
                content = change(content.decode()).encode()
            target.writestr(info.filename, content)
    return out.getvalue()


def _far_cell(row: int, column: str = "XFD") -> Any:
    def change(xml: str) -> str:
        cell = f'<row r="{row}"><c r="{column}{row}" t="inlineStr"><is><t>x</t></is></c></row>'
        xml = re.sub(r'<dimension ref="[^"]*"/>', f'<dimension ref="A1:{column}{row}"/>', xml)
        return xml.replace("</sheetData>", cell + "</sheetData>")

    return change


@pytest.mark.parametrize("row", [20_000, 1_048_576])
def test_a_small_file_claiming_a_huge_sheet_is_read_quickly(row: int, cast: Any) -> None:
    client = login(cast.applicant)
    data = _rewrite_sheet(_sheet(client, "appraisal", [[2021, "优秀", "合肥一中"]]), _far_cell(row))
    assert len(data) < 20_000
    started = time.perf_counter()
    response = _import(client, "appraisal", data)
    # Reading a million declared rows takes minutes; the guard answers in well under a second on an
    # idle machine. 10 s leaves room for a loaded CI machine without letting the attack through.
    assert time.perf_counter() - started < 10
    # The far cell lies outside the template's columns: ignored, and the real row is imported.
    assert response.status_code == 302
    assert Entry.objects.count() == 1


def test_data_far_below_the_last_row_is_refused(cast: Any) -> None:
    client = login(cast.applicant)
    data = _rewrite_sheet(
        _sheet(client, "appraisal", [[2021, "优秀", "合肥一中"]]), _far_cell(1_048_576, "A")
    )
    started = time.perf_counter()
    response = _import(client, "appraisal", data)
    # Reading a million declared rows takes minutes; the guard answers in well under a second on an
    # idle machine. 10 s leaves room for a loaded CI machine without letting the attack through.
    assert time.perf_counter() - started < 10
    assert response.status_code == 400
    assert "第 1048576 行仍有数据" in response.content.decode()
    assert not Entry.objects.exists()


def test_more_rows_than_allowed_are_refused(cast: Any) -> None:
    client = login(cast.applicant)
    rows = [[2021, "优秀", f"单位{n}"] for n in range(spreadsheets.MAX_ROWS + 1)]
    response = _import(client, "appraisal", _sheet(client, "appraisal", rows))
    assert response.status_code == 400
    assert f"每次最多导入 {spreadsheets.MAX_ROWS} 行" in response.content.decode()


def test_a_broken_date_cell_is_a_chinese_error_not_a_500(cast: Any) -> None:
    client = login(cast.applicant)

    def bad_date(xml: str) -> str:
        cell = '<row r="2"><c r="A2" t="d"><v>not-a-date</v></c></row>'
        return xml.replace("</sheetData>", cell + "</sheetData>")

    data = _rewrite_sheet(_sheet(client, "appraisal", []), bad_date)
    response = _import(client, "appraisal", data)
    assert response.status_code == 400
    assert spreadsheets.UNREADABLE_MESSAGE in response.content.decode()


def test_a_corrupt_archive_member_is_a_chinese_error_not_a_500(cast: Any) -> None:
    client = login(cast.applicant)
    data = _rewrite_sheet(
        _sheet(client, "appraisal", [[2021, "优秀", "合肥一中"]]), str, stored=True
    )
    # Flip one byte inside the stored sheet: the zip's CRC check fails while the sheet is read.
    at = data.index(b"<sheetData>") + 3
    corrupt = data[:at] + bytes([data[at] ^ 0x01]) + data[at + 1 :]
    response = _import(client, "appraisal", corrupt)
    assert response.status_code == 400
    assert spreadsheets.UNREADABLE_MESSAGE in response.content.decode()


# --- Identifiers as text -------------------------------------------------------------------------


def test_identifier_columns_of_the_template_are_text(cast: Any) -> None:
    client = login(cast.applicant)
    for kind, label in [("education", "证书编号"), ("patent", "专利号"), ("book", "ISBN")]:
        sheet = _template(client, kind).worksheets[0]
        header = [str(c.value).rstrip("*") for c in sheet[1]]
        column = header.index(label) + 1
        assert sheet.cell(row=2, column=column).number_format == "@"
        assert sheet.cell(row=spreadsheets.MAX_ROWS + 1, column=column).number_format == "@"


def test_a_number_typed_into_an_identifier_column_is_refused(cast: Any) -> None:
    client = login(cast.applicant)
    row = ["发明一种教具", 202010000000, "发明", "2021-03-03", 1]
    response = _import(client, "patent", _sheet(client, "patent", [row]))
    page = response.content.decode()
    assert response.status_code == 400
    assert "<td>第 2 行</td><td>专利号</td>" in page
    assert spreadsheets.TEXT_FORMAT_MESSAGE in page
    # As text it goes in unchanged.
    row[1] = "ZL202010000000.1"
    assert _import(client, "patent", _sheet(client, "patent", [row])).status_code == 302
    assert Entry.objects.get().number == "ZL202010000000.1"


# --- Repeats -------------------------------------------------------------------------------------


def test_the_same_file_twice_is_refused(cast: Any) -> None:
    client = login(cast.applicant)
    data = _sheet(client, "training", [[2022, 30, 60, "继续教育网络园"]])
    assert _import(client, "training", data).status_code == 302
    again = _import(client, "training", data)
    assert again.status_code == 400
    assert "请勿重复导入" in again.content.decode()
    assert Entry.objects.count() == 1
    assert EntryImport.objects.get().rows == 1


def test_rows_repeating_existing_entries_or_each_other_are_reported(cast: Any) -> None:
    EntryFactory(
        person=cast.applicant,
        kind=Entry.Kind.APPRAISAL,
        year=2021,
        appraisal_result="pass",
        organization="合肥一中",
    )
    client = login(cast.applicant)
    rows = [[2021, "优秀", "合肥一中"], [2022, "合格", "合肥一中"], [2022, "优秀", "合肥一中"]]
    response = _import(client, "appraisal", _sheet(client, "appraisal", rows))
    page = response.content.decode()
    assert response.status_code == 400
    assert "第 2 行与业绩库中已有的年度考核重复（年度 2021）" in page
    assert "第 4 行与第 3 行重复（年度 2022）" in page
    assert Entry.objects.count() == 1


def test_a_patent_number_already_in_the_library_is_reported(cast: Any) -> None:
    EntryFactory(
        person=cast.applicant,
        kind=Entry.Kind.PATENT,
        title="一种教具",
        number="ZL202010000000.1",
        patent_type="utility",
    )
    client = login(cast.applicant)
    row = ["一种教具（改进）", "zl202010000000.1", "实用新型", "2021-03-03", 1]
    response = _import(client, "patent", _sheet(client, "patent", [row]))
    assert "与业绩库中已有的专利重复（专利号 zl202010000000.1）" in response.content.decode()


# --- 是/否 columns -------------------------------------------------------------------------------


def test_a_yes_no_column_refuses_anything_but_yes_or_no(cast: Any) -> None:
    client = login(cast.applicant)
    row = ["中学数学教学", "ISSN 1002-4646", "2021-05-01", "2021(5)", 1, ""]
    rows = [["论文一", *row, "也许"], ["论文二", *row, "是"], ["论文三", *row, "否"]]
    response = _import(client, "paper", _sheet(client, "paper", rows))
    page = response.content.decode()
    assert response.status_code == 400
    assert '<td>第 2 行</td><td>是否代表作</td><td class="wrap">请填写“是”或“否”</td>' in page
    assert "第 3 行" not in page and "第 4 行" not in page
    assert not Entry.objects.exists()
    # Without the row that says 也许 the others go in, with their 是 and 否.
    assert _import(client, "paper", _sheet(client, "paper", rows[1:])).status_code == 302
    assert sorted(Entry.objects.values_list("is_representative", flat=True)) == [False, True]
