"""公示 lists (关于……的公示): intro, the table of people across pages, the period, where objections
go, the issuing office and date; and the same table as a spreadsheet."""

from collections.abc import Sequence
from dataclasses import asdict, dataclass

from openpyxl import Workbook
from openpyxl.styles import Font

from .parts import Section
from .render import render_pdf
from .sheets import apply_widths, sheet_title, workbook_bytes, write_table

PUBLICITY_COLUMNS = ("序号", "姓名", "工作单位", "申报专业", "申报职称", "申报形式", "备注")
PUBLICITY_WIDTHS = (0.7, 1.1, 3.2, 1.5, 1.5, 1.1, 1.2)
OBJECTION_NOTE = (
    "公示期间，任何单位和个人对公示对象有异议的，可通过电话、信函或电子邮件向我单位反映。"
    "反映情况应实事求是，并提供真实姓名和联系方式；匿名或内容不具体的反映不予受理。"
)


@dataclass(frozen=True)
class ObjectionContact:
    """Where objections go during the 公示."""

    person: str  # 联系人
    phone: str  # 联系电话
    address: str = ""  # 通信地址
    email: str = ""  # 电子邮箱


@dataclass(frozen=True)
class PublicityListData:
    title: str  # 关于……的公示
    intro: str
    table: Section  # columns given by the data (PUBLICITY_COLUMNS the usual ones)
    start: str  # 公示期 起
    end: str  # 止
    contact: ObjectionContact
    issuer: str  # 发布单位
    issued_on: str
    text_columns: Sequence[
        str
    ] = ()  # spreadsheet columns kept as text besides those named …号/代码
    landscape: bool = False
    objection_note: str = OBJECTION_NOTE


def publicity_list_pdf(data: PublicityListData) -> bytes:
    return render_pdf("publicity_list", asdict(data))


def publicity_list_xlsx(data: PublicityListData) -> bytes:
    """One sheet: the title in A1, the header row frozen below it, then the rows, IDs as text."""
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = sheet_title(data.table.title or "公示名单", set())
    sheet.cell(row=1, column=1, value=data.title).font = Font(bold=True, size=14)
    widths: dict[int, int] = {}
    write_table(
        sheet,
        data.table.columns,
        data.table.rows,
        first_row=2,
        text_columns=data.text_columns,
        widths=widths,
    )
    sheet.freeze_panes = "A3"
    last = sheet.cell(row=2, column=len(data.table.columns)).column_letter
    sheet.auto_filter.ref = f"A2:{last}{len(data.table.rows) + 2}"
    apply_widths(sheet, widths)
    sheet.print_title_rows = "2:2"
    return workbook_bytes(book)
