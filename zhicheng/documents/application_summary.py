"""导出申报信息: the application as the 申报一览表 shows it, section by section, each a list of
label/value fields and tables; as a PDF and as a workbook with one sheet per section.

Generic on purpose: the applications app decides which sections a plan has (基本信息, 现有职称情况,
学历教育 … 申报业绩 categories, 附件一览) and fills them; this module only lays them out.
"""

from collections.abc import Sequence
from dataclasses import asdict, dataclass

from openpyxl import Workbook
from openpyxl.styles import Font

from .parts import Field, Section, photo_files
from .render import render_pdf
from .sheets import (
    HEADER_FILL,
    HEADER_FONT,
    WRAP,
    apply_widths,
    display_width,
    sheet_title,
    workbook_bytes,
    write_table,
)


@dataclass(frozen=True)
class SummarySection:
    title: str
    fields: Sequence[Field] = ()  # label/value pairs, two to a row (wide ones a whole row)
    tables: Sequence[Section] = ()  # each with its own title (may be empty for a single table)
    note: str = ""


@dataclass(frozen=True)
class ApplicationSummaryData:
    title: str  # e.g. 职称申报信息
    sections: Sequence[SummarySection]
    subtitle: str = ""  # e.g. the plan's name
    exported_at: str = ""  # 导出时间
    photo: bytes | None = None  # shown beside the first section's fields


def application_summary_pdf(data: ApplicationSummaryData) -> bytes:
    payload = asdict(data)
    files = photo_files(data.photo, payload)
    return render_pdf("application_summary", payload, files=files)


def application_summary_xlsx(data: ApplicationSummaryData) -> bytes:
    """One sheet per section: its fields as label/value rows, then each table under its title."""
    book = Workbook()
    default = book.active
    if default is not None:
        book.remove(default)
    taken: set[str] = set()
    for section in data.sections:
        sheet = book.create_sheet(sheet_title(section.title, taken))
        widths: dict[int, int] = {}
        row = 1
        for f in section.fields:
            label = sheet.cell(row=row, column=1, value=f.label)
            label.font, label.fill = HEADER_FONT, HEADER_FILL
            value = sheet.cell(row=row, column=2, value=f.value)
            value.data_type, value.number_format, value.alignment = "s", "@", WRAP
            widths[0] = max(widths.get(0, 0), display_width(f.label))
            widths[1] = max(widths.get(1, 0), min(display_width(f.value), 60))
            row += 1
        for table in section.tables:
            row += 1 if row > 1 else 0
            if table.title:
                sheet.cell(row=row, column=1, value=table.title).font = Font(bold=True, size=12)
                row += 1
            row = write_table(sheet, table.columns, table.rows, first_row=row, widths=widths)
            if not table.rows:
                sheet.cell(row=row, column=1, value=table.empty)
                row += 1
        if section.note:
            sheet.cell(row=row + 1, column=1, value=section.note)
        if not section.fields and len(section.tables) == 1:
            sheet.freeze_panes = "A3" if section.tables[0].title else "A2"
        apply_widths(sheet, widths)
    if not book.worksheets:
        book.create_sheet("申报信息")
    return workbook_bytes(book)
