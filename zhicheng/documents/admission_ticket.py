"""准考证 (打印准考证): one ticket per A4 page, for the written exam or the interview.

One per page rather than two: the 考生须知 of a provincial exam run to eight or ten notes, and a
ticket the candidate cuts out is easily lost; a full page with the notes is what the organisers print.
"""

from collections.abc import Sequence
from dataclasses import asdict, dataclass

from .parts import photo_files, qr_svg
from .render import render_pdf


@dataclass(frozen=True)
class ExamSession:
    """One 科目 of the exam or interview, with its time, place and seat."""

    subject: str
    time: str
    place: str
    seat: str = ""


@dataclass(frozen=True)
class AdmissionTicketData:
    title: str  # e.g. 2026年度 工程系列高级职称评审 笔试准考证
    name: str
    id_number_masked: str  # printed as given
    ticket_number: str  # 准考证号
    specialty: str  # 申报专业
    title_applied: str  # 申报职称
    sessions: Sequence[ExamSession]
    organizer: str  # 评委会组建单位, printed at the foot with （盖章）
    verify_url: str  # encoded in the QR code
    notes: Sequence[str] = ()  # 考生须知
    photo: bytes | None = None
    issued_on: str = ""

    def __post_init__(self) -> None:
        if not self.sessions:
            raise ValueError("an admission ticket needs at least one 科目")


def admission_ticket_pdf(data: AdmissionTicketData) -> bytes:
    payload = asdict(data)
    files = photo_files(data.photo, payload)
    files["qr.svg"] = qr_svg(data.verify_url)
    payload["qr"] = "qr.svg"
    return render_pdf("admission_ticket", payload, files=files)
