"""批量导入: an Excel template per kind, and reading a filled one back row by row.

Reading checks every row with the same form and the same rules as the entry page, and reports each
problem by row number and column name; the service imports nothing unless every row passed.
"""

import datetime
import hashlib
import io
import zipfile
from dataclasses import dataclass, field
from typing import Any

from django.core.exceptions import ValidationError
from django.db import models
from openpyxl import Workbook, load_workbook
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation

from .forms import entry_form_class, form_data
from .kinds import IDENTIFIER_FIELDS, SPECS, Field
from .models import Entry

MAX_ROWS = 500
# Blank rows a person may leave between entries; data further down than this is refused unread.
ROW_SLACK = 50
LAST_ROW = 1 + MAX_ROWS + ROW_SLACK
# Columns a header row may have (the kind's own plus a few the person added, e.g. 备注).
MAX_HEADER_COLUMNS = 40
TEXT_FORMAT_MESSAGE = "请将该列设置为文本格式后重新填写"
UNREADABLE_MESSAGE = "无法读取该 Excel 文件，请使用下载的模板填写"
YES_NO_MESSAGE = "请填写“是”或“否”"
# What a 是/否 column accepts (Excel's own TRUE/FALSE cells read as True/False); anything else is refused.
YES = ("是", "Y", "y", "1", "TRUE", "True")
NO = ("否", "N", "n", "0", "FALSE", "False", "")
# A .xlsx is a zip: refuse archives that would unpack to far more than any filled template.
MAX_UNPACKED_BYTES = 50 * 1024 * 1024
XLSX_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


@dataclass
class CellError:
    row: int
    column: str
    message: str


@dataclass
class ParsedSheet:
    rows: list[dict[str, Any]] = field(default_factory=list)
    errors: list[CellError] = field(default_factory=list)
    # The spreadsheet row of each of `rows`, for messages about them.
    row_numbers: list[int] = field(default_factory=list)
    sha256: str = ""


def _header(f: Field) -> str:
    return f"{f.label}*" if f.required and f.name != "is_representative" else f.label


def _choices(name: str) -> list[tuple[str, str]]:
    model_field = Entry._meta.get_field(name)
    if name == "is_representative":
        return [("是", "是"), ("否", "否")]
    return [(str(v), str(label)) for v, label in (getattr(model_field, "choices", None) or [])]


def _is_yes_no(name: str) -> bool:
    return isinstance(Entry._meta.get_field(name), models.BooleanField)


def _yes_no_text(value: Any) -> str:
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return "" if value is None else str(value).strip()


def _is_date(name: str) -> bool:
    return isinstance(Entry._meta.get_field(name), models.DateField)


def sheet_title(kind: str) -> str:
    return str(Entry.Kind(kind).label).replace("/", "、")


def template_workbook(kind: str) -> bytes:
    """The template for one kind: a header row (* = required), lists for choices, an instruction sheet."""
    spec = SPECS[kind]
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = sheet_title(kind)
    header_fill = PatternFill("solid", fgColor="DDEBF7")
    for col, f in enumerate(spec.fields, start=1):
        cell = sheet.cell(row=1, column=col, value=_header(f))
        cell.font = Font(bold=True)
        cell.fill = header_fill
        cell.alignment = Alignment(horizontal="center")
        letter = get_column_letter(col)
        sheet.column_dimensions[letter].width = max(14, len(f.label) * 2 + 4)
        choices = _choices(f.name)
        if choices:
            labels = ",".join(label for _, label in choices)
            validation = DataValidation(type="list", formula1=f'"{labels}"', allow_blank=True)
            validation.error = "请从列表中选择"
            sheet.add_data_validation(validation)
            validation.add(f"{letter}2:{letter}{MAX_ROWS + 1}")
        if _is_date(f.name):
            for row in range(2, MAX_ROWS + 2):
                sheet.cell(row=row, column=col).number_format = "yyyy-mm-dd"
        if f.name in IDENTIFIER_FIELDS:
            # Text, so that Excel keeps 18-digit certificate numbers and leading zeros as typed.
            for row in range(2, MAX_ROWS + 2):
                sheet.cell(row=row, column=col).number_format = "@"
    sheet.freeze_panes = "A2"
    notes = book.create_sheet("填写说明")
    lines = [
        f"个人业绩库批量导入模板 · {Entry.Kind(kind).label}",
        "1. 在第一个工作表中从第 2 行起每行填写一条业绩，不要修改第 1 行的列名。",
        "2. 列名带 * 的为必填项。",
        "3. 日期填写为 YYYY-MM-DD（如 2020-09-01）；年度填写四位数字。",
        "   证书编号、专利号、ISBN 等编号列为文本格式，请勿改为数字格式（长数字会被 Excel 改写）。",
        "4. 有下拉列表的列请从列表中选择。",
        f"5. 每次最多导入 {MAX_ROWS} 行；任一行有误时全部不导入，请按提示修改后重新上传。",
        "6. 导入后的业绩为草稿，请在业绩库中补充附件后提交审核。",
    ]
    for n, line in enumerate(lines, start=1):
        notes.cell(row=n, column=1, value=line)
    notes.column_dimensions["A"].width = 90
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def _cell_to_form(name: str, value: Any) -> Any:
    """A cell's value as the entry form expects it (choice labels become codes)."""
    if value is None:
        return ""
    if isinstance(value, datetime.datetime):
        value = value.date()
    if isinstance(value, datetime.date):
        return value.isoformat()
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    text = str(value).strip()
    if _is_yes_no(name):
        return "on" if text in YES else ""
    choices = _choices(name)
    if choices:
        for code, label in choices:
            if text in (label, code):
                return code
    return text


def _check_zip(data: bytes) -> None:
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            if sum(info.file_size for info in archive.infolist()) > MAX_UNPACKED_BYTES:
                raise ValidationError("Excel 文件内容过大")
    except zipfile.BadZipFile as error:
        raise ValidationError(UNREADABLE_MESSAGE) from error


def _is_blank(values: tuple[Any, ...]) -> bool:
    return all(v is None or str(v).strip() == "" for v in values)


def _read_cells(data: bytes) -> tuple[list[str], list[tuple[int, tuple[Any, ...]]]]:
    """The header and the non-blank data rows (number, values), read with fixed bounds.

    In read-only mode openpyxl fills gaps with blank rows as wide as the sheet says it is, so a
    5 KB file with one cell at XFD1048576 would make a million rows of 16,384 cells: rows and
    columns are bounded here, and data below LAST_ROW is refused rather than read.
    """
    book = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    try:
        sheet = book.worksheets[0]
        # The declared size is only a claim of the file; never let it decide how much we read.
        sheet.reset_dimensions()  # type: ignore[union-attr]
        first = next(sheet.iter_rows(max_row=1, max_col=MAX_HEADER_COLUMNS, values_only=True), ())
        header = [str(v).strip().rstrip("*") if v is not None else "" for v in first]
        while header and not header[-1]:
            header.pop()
        width = max(len(header), 1)
        rows = []
        for number, values in enumerate(
            sheet.iter_rows(min_row=2, max_row=LAST_ROW, max_col=width, values_only=True),
            start=2,
        ):
            if not _is_blank(values):
                rows.append((number, values))
        beyond = sheet.iter_rows(min_row=LAST_ROW + 1, max_col=width, values_only=True)
        for number, values in enumerate(beyond, start=LAST_ROW + 1):
            if not _is_blank(values):
                raise ValidationError(
                    f"第 {number} 行仍有数据：每次最多导入 {MAX_ROWS} 行，"
                    f"数据请从第 2 行起连续填写，不超过第 {LAST_ROW} 行"
                )
        return header, rows
    finally:
        book.close()


def read_rows(kind: str, upload: Any, *, person: Any = None) -> ParsedSheet:
    """Every data row of a filled template, checked; problems by row and column."""
    spec = SPECS[kind]
    data = upload.read()
    _check_zip(data)
    try:
        header, rows = _read_cells(data)
    except ValidationError:
        raise
    except Exception as error:  # openpyxl, zipfile and the XML parser raise many kinds of errors
        raise ValidationError(UNREADABLE_MESSAGE) from error
    by_label = {f.label: f for f in spec.fields}
    missing = [f.label for f in spec.fields if f.label not in header]
    if missing:
        raise ValidationError(
            f"表头与“{Entry.Kind(kind).label}”模板不一致，缺少列：{'、'.join(missing)}"
        )
    if len(rows) > MAX_ROWS:
        raise ValidationError(f"每次最多导入 {MAX_ROWS} 行")
    columns = [(i, by_label[label]) for i, label in enumerate(header) if label in by_label]
    form_class = entry_form_class(kind)
    parsed = ParsedSheet(sha256=hashlib.sha256(data).hexdigest())
    for number, values in rows:
        cells = {f.name: values[i] if i < len(values) else None for i, f in columns}
        numeric = [
            name
            for name, value in cells.items()
            if name in IDENTIFIER_FIELDS and isinstance(value, int | float)
        ]
        for name in numeric:
            parsed.errors.append(CellError(number, spec.labels[name], TEXT_FORMAT_MESSAGE))
        neither = [
            name
            for name, value in cells.items()
            if _is_yes_no(name) and _yes_no_text(value) not in YES + NO
        ]
        for name in neither:
            parsed.errors.append(CellError(number, spec.labels[name], YES_NO_MESSAGE))
        if numeric or neither:
            continue
        form_input = {name: _cell_to_form(name, value) for name, value in cells.items()}
        form = form_class(data=form_input, person=person)
        if not form.is_valid():
            for name, messages in form.errors.items():
                label = spec.labels.get(name, "")
                for message in messages:
                    parsed.errors.append(CellError(number, label, str(message)))
            continue
        # The form already applied the service's rules (entry_clean); the import applies them again.
        parsed.rows.append(form_data(form))
        parsed.row_numbers.append(number)
    if not parsed.rows and not parsed.errors:
        raise ValidationError("表格中没有可导入的数据")
    return parsed
