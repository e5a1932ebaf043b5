"""Pieces several documents share: label/value fields, titled tables, the offices' opinion boxes,
and the files a template loads (photos, QR codes). Plain data; the templates' side is _common.typ."""

from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

import segno


@dataclass(frozen=True)
class Field:
    """One label and its value in 基本情况; `wide` ones take a whole line below the photo rows."""

    label: str
    value: str = ""
    wide: bool = False


@dataclass(frozen=True)
class Section:
    """A titled table: `rows` are lists of cell strings, one per column; `widths` relative (optional)."""

    title: str
    columns: Sequence[str]
    rows: Sequence[Sequence[str]] = ()
    widths: Sequence[float] | None = None
    empty: str = "无"

    def __post_init__(self) -> None:
        for number, row in enumerate(self.rows, start=1):
            if len(row) != len(self.columns):
                raise ValueError(
                    f"{self.title}: row {number} has {len(row)} cells for {len(self.columns)} columns"
                )
        if self.widths is not None and len(self.widths) != len(self.columns):
            raise ValueError(
                f"{self.title}: {len(self.widths)} widths for {len(self.columns)} columns"
            )


@dataclass(frozen=True)
class Publicity:
    """公示 of the unit's recommendation; blanks print as lines to fill in by hand."""

    start: str = ""
    end: str = ""
    place: str = ""
    result: str = ""


@dataclass(frozen=True)
class Vote:
    """The committee's vote once recorded (人社部令第40号: 2/3 present, 2/3 of those present in favour)."""

    members: int | None = None
    present: int | None = None
    yes: int | None = None
    no: int | None = None
    abstain: int | None = None
    result: str = ""  # 通过 / 未通过


@dataclass(frozen=True)
class OfficeOpinion:
    """One office's box: its opinion, then signature, seal and date lines (printed empty if not given)."""

    office: str
    opinion: str = ""
    signer: str = "负责人（签字）"
    date: str = ""
    publicity: Publicity | None = None
    vote: Vote | None = None


def image_name(photo: bytes) -> str:
    if photo.startswith(b"\xff\xd8"):
        return "photo.jpg"
    if photo.startswith(b"\x89PNG"):
        return "photo.png"
    raise ValueError("the photo must be a JPEG or PNG image")


def _count(value: int | None) -> str:
    return "" if value is None else str(value)


def opinions_payload(opinions: list[dict[str, Any]]) -> None:
    """Vote counts print as strings (an unknown count as a blank line); changes asdict() output in place."""
    for opinion in opinions:
        if opinion["vote"] is not None:
            opinion["vote"] = {
                key: value if key == "result" else _count(value)
                for key, value in opinion["vote"].items()
            }


@lru_cache(maxsize=512)
def qr_svg(content: str) -> bytes:
    """A QR code (segno, error correction M) as a one-path SVG without quiet zone: the template leaves
    the white space. Cached: segno's mask selection is pure Python (~6 ms), and a certificate's
    verification URL is rendered again for every copy."""
    if not content:
        raise ValueError("a QR code needs something to encode")
    matrix = segno.make(content, error="m", micro=False).matrix
    size = len(matrix)
    path = []
    for y, row in enumerate(matrix):
        x = 0
        while x < size:
            if row[x]:
                start = x
                while x < size and row[x]:
                    x += 1
                path.append(f"M{start} {y}h{x - start}v1h{start - x}z")
            else:
                x += 1
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {size} {size}" '
        f'shape-rendering="crispEdges"><path fill="#000" d="{"".join(path)}"/></svg>'
    ).encode()


def photo_files(
    photo: bytes | None, payload: dict[str, Any], key: str = "photo"
) -> dict[str, bytes]:
    """Replace payload[key] (the bytes asdict() copied) by the file name the template loads."""
    payload.pop(key, None)
    if not photo:
        payload[key] = None
        return {}
    name = image_name(photo)
    payload[key] = name
    return {name: photo}
