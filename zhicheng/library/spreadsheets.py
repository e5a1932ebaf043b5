"""批量导入: an Excel template per kind, and reading a filled one back row by row.

Reading checks every row with the same form and the same rules as the entry page, and reports each
problem by row number and column name; the service imports nothing unless every row passed.
"""

import datetime
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
from .kinds import SPECS, Field
from .models import Entry

MAX_ROWS = 500
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


def _header(f: Field) -> str:
    return f"{f.label}*" if f.required and f.name != "is_representative" else f.label


def _choices(name: str) -> list[tuple[str, str]]:
    model_field = Entry._meta.get_field(name)
    if name == "is_representative":
        return [("是", "是"), ("否", "否")]
    return [(str(v), str(label)) for v, label in (getattr(model_field, "choices", None) or [])]


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
            for row in range(2, 52):
                sheet.cell(row=row, column=col).number_format = "yyyy-mm-dd"
    sheet.freeze_panes = "A2"
    notes = book.create_sheet("填写说明")
    lines = [
        f"个人业绩库批量导入模板 · {Entry.Kind(kind).label}",
        "1. 在第一个工作表中从第 2 行起每行填写一条业绩，不要修改第 1 行的列名。",
        "2. 列名带 * 的为必填项。",
        "3. 日期填写为 YYYY-MM-DD（如 2020-09-01）；年度填写四位数字。",
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
    if name == "is_representative":
        return "on" if text in ("是", "Y", "y", "1", "TRUE", "True") else ""
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
        raise ValidationError("无法读取该 Excel 文件，请使用下载的模板填写") from error


def read_rows(kind: str, upload: Any) -> ParsedSheet:
    """Every data row of a filled template, checked; problems by row and column."""
    spec = SPECS[kind]
    data = upload.read()
    _check_zip(data)
    try:
        book = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except Exception as error:  # openpyxl raises many kinds of errors on foreign files
        raise ValidationError("无法读取该 Excel 文件，请使用下载的模板填写") from error
    sheet = book.worksheets[0]
    rows = sheet.iter_rows(values_only=True)
    header = [str(v).strip().rstrip("*") if v is not None else "" for v in next(rows, ())]
    by_label = {f.label: f for f in spec.fields}
    missing = [f.label for f in spec.fields if f.label not in header]
    if missing:
        raise ValidationError(
            f"表头与“{Entry.Kind(kind).label}”模板不一致，缺少列：{'、'.join(missing)}"
        )
    columns = [(i, by_label[label]) for i, label in enumerate(header) if label in by_label]
    form_class = entry_form_class(kind)
    parsed = ParsedSheet()
    for number, values in enumerate(rows, start=2):
        if values is None or all(v is None or str(v).strip() == "" for v in values):
            continue
        if len(parsed.rows) + len({e.row for e in parsed.errors}) >= MAX_ROWS:
            raise ValidationError(f"每次最多导入 {MAX_ROWS} 行")
        form_input = {
            f.name: _cell_to_form(f.name, values[i] if i < len(values) else None)
            for i, f in columns
        }
        form = form_class(data=form_input)
        if not form.is_valid():
            for name, messages in form.errors.items():
                label = spec.labels.get(name, "")
                for message in messages:
                    parsed.errors.append(CellError(number, label, str(message)))
            continue
        # The form already applied the service's rules (entry_clean); the import applies them again.
        parsed.rows.append(form_data(form))
    book.close()
    if not parsed.rows and not parsed.errors:
        raise ValidationError("表格中没有可导入的数据")
    return parsed
