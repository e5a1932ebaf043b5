"""Spreadsheets (openpyxl) beside the PDFs: the same tables, for offices that sort and filter them."""

import io
import re
from collections.abc import Iterable, Sequence

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

HEADER_FONT = Font(bold=True)
HEADER_FILL = PatternFill("solid", fgColor="EBEBEB")
WRAP = Alignment(wrap_text=True, vertical="top")
_SHEET_FORBIDDEN = re.compile(r"[\[\]:*?/\\]")
# Columns whose values are identifiers: stored and formatted as text, so Excel keeps the leading
# zeros and the 18 digits of a 身份证号 instead of turning them into 3.40104E+17.
ID_COLUMN = re.compile(r"号|代码|编码|电话|手机")


def display_width(text: str) -> int:
    """Width in Excel's character units: a CJK character counts two."""
    return sum(2 if ord(c) > 0x2E7F else 1 for c in text)


def sheet_title(title: str, taken: set[str]) -> str:
    """A valid, unique sheet name (at most 31 characters, none of []:*?/\\)."""
    base = _SHEET_FORBIDDEN.sub("_", title).strip("'") or "Sheet"
    name, n = base[:31], 2
    while name.lower() in taken:
        suffix = f"({n})"
        name, n = base[: 31 - len(suffix)] + suffix, n + 1
    taken.add(name.lower())
    return name


def write_table(
    sheet: Worksheet,
    columns: Sequence[str],
    rows: Iterable[Sequence[str]],
    *,
    first_row: int = 1,
    text_columns: Iterable[str] = (),
    widths: dict[int, int] | None = None,
) -> int:
    """Header at `first_row`, then the rows, every cell a string; returns the next free row.

    `widths` (column index → width) is updated with the widest cell seen, capped at 60.
    """
    widths = {} if widths is None else widths
    text = {i for i, c in enumerate(columns) if c in set(text_columns) or ID_COLUMN.search(c)}
    for i, label in enumerate(columns):
        cell = sheet.cell(row=first_row, column=i + 1, value=label)
        cell.font, cell.fill = HEADER_FONT, HEADER_FILL
        widths[i] = max(widths.get(i, 0), display_width(label))
    row_number = first_row
    for row_number, row in enumerate(rows, start=first_row + 1):  # noqa: B007 (used after the loop)
        for i, value in enumerate(row):
            cell = sheet.cell(row=row_number, column=i + 1, value=str(value))
            cell.data_type = "s"
            cell.alignment = WRAP
            if i in text:
                cell.number_format = "@"
            widths[i] = max(widths.get(i, 0), min(display_width(str(value)), 60))
    return row_number + 1


def apply_widths(sheet: Worksheet, widths: dict[int, int]) -> None:
    for i, width in widths.items():
        sheet.column_dimensions[get_column_letter(i + 1)].width = max(width + 2, 6)


def workbook_bytes(book: Workbook) -> bytes:
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()
