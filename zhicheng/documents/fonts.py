"""The CJK fonts every document is set in, found once per process.

Without a CJK font typst draws Chinese as empty boxes and still writes a PDF, so a missing font is a
configuration error (raised here, and reported by the `documents` system check), never a fallback.
"""

import struct
import threading
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import BinaryIO

import typst
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured

# Debian's fonts-noto-cjk; elsewhere point ZHICHENG_FONT_DIRS at the folders holding the .ttc/.otf files.
DEFAULT_FONT_DIRS = ("/usr/share/fonts/opentype/noto",)
SERIF = "Noto Serif CJK SC"  # body text (宋体 in the paper forms)
SANS = "Noto Sans CJK SC"  # titles and headings (黑体)
REQUIRED_FAMILIES = (SERIF, SANS)


@dataclass(frozen=True)
class FontSet:
    dirs: tuple[str, ...]
    fonts: typst.Fonts


def font_dirs() -> tuple[str, ...]:
    configured: Sequence[str] | str = getattr(settings, "ZHICHENG_FONT_DIRS", DEFAULT_FONT_DIRS)
    if isinstance(configured, str):
        configured = [part for part in configured.split(":") if part]
    return tuple(str(Path(d)) for d in configured)


def missing_font_message(dirs: Sequence[str], missing: Sequence[str]) -> str:
    return (
        f"生成 PDF 所需的中文字体缺失：{'、'.join(missing)}（查找目录：{'、'.join(dirs) or '无'}）。"
        "请安装 fonts-noto-cjk（apt-get install fonts-noto-cjk），或把 ZHICHENG_FONT_DIRS 设为字体所在目录。"
        f" / The CJK fonts needed for PDF documents are missing: {', '.join(missing)} "
        f"(searched: {', '.join(dirs) or 'nothing'}). Install Debian's fonts-noto-cjk or set "
        "ZHICHENG_FONT_DIRS to the folders that hold them."
    )


def scan(dirs: Sequence[str]) -> FontSet:
    """The fonts in `dirs` (no system or typst-embedded fonts); raises when a required family is absent."""
    existing = [d for d in dirs if Path(d).is_dir()]
    fonts = typst.Fonts(
        include_system_fonts=False, include_embedded_fonts=False, font_paths=existing
    )
    families = set(fonts.families())
    missing = [family for family in REQUIRED_FAMILIES if family not in families]
    if missing:
        raise ImproperlyConfigured(missing_font_message(dirs, missing))
    return FontSet(dirs=tuple(dirs), fonts=fonts)


@cache
def _scan_cached(dirs: tuple[str, ...]) -> FontSet:
    return scan(dirs)


def font_set() -> FontSet:
    """The process's fonts, scanned on first use (about 0.1 s) and kept per configured folder list."""
    return _scan_cached(font_dirs())


def _cmap_offset(font: BinaryIO, index: int) -> int | None:
    """Where the cmap table of face `index` (of a .ttc; 0 for a lone .ttf/.otf) starts."""
    font.seek(0)
    head = font.read(12 + 4 * (index + 1))
    offset = struct.unpack_from(">I", head, 12 + 4 * index)[0] if head[:4] == b"ttcf" else 0
    font.seek(offset + 4)
    (num_tables,) = struct.unpack(">H", font.read(2))
    font.seek(offset + 12)
    directory = font.read(16 * num_tables)
    for i in range(num_tables):
        tag, _checksum, table_offset, _length = struct.unpack_from(">4sIII", directory, 16 * i)
        if tag == b"cmap":
            return int(table_offset)
    return None


def _cmap_codepoints(font: BinaryIO, cmap: int) -> set[int]:
    """The code points a cmap table maps to glyphs (its Unicode format 12 or format 4 subtable)."""
    font.seek(cmap)
    header = font.read(4)
    (num_subtables,) = struct.unpack_from(">H", header, 2)
    records = font.read(8 * num_subtables)
    subtables: dict[int, int] = {}
    for i in range(num_subtables):
        platform, encoding, sub_offset = struct.unpack_from(">HHI", records, 8 * i)
        if (platform, encoding) in ((3, 10), (0, 4), (0, 6), (3, 1), (0, 3)):
            font.seek(cmap + sub_offset)
            (fmt,) = struct.unpack(">H", font.read(2))
            subtables.setdefault(fmt, cmap + sub_offset)
    points: set[int] = set()
    if 12 in subtables:
        font.seek(subtables[12] + 12)
        (groups,) = struct.unpack(">I", font.read(4))
        for first, last, _glyph in struct.iter_unpack(">III", font.read(12 * groups)):
            points.update(range(first, last + 1))
    elif 4 in subtables:
        font.seek(subtables[4] + 6)
        (seg_x2,) = struct.unpack(">H", font.read(2))
        font.seek(subtables[4] + 14)
        arrays = font.read(2 * seg_x2 + 2)
        ends = struct.unpack_from(f">{seg_x2 // 2}H", arrays, 0)
        starts = struct.unpack_from(f">{seg_x2 // 2}H", arrays, seg_x2 + 2)
        for first, last in zip(starts, ends, strict=True):
            if first != 0xFFFF:
                points.update(range(first, last + 1))
    return points


class Coverage:
    """Which characters the configured fonts can draw; typst falls back across all of them.

    Reading a cmap costs about 18 ms per face and a Noto .ttc has ten faces, so the faces of the
    families the templates use are read first and the others only for a character those lack.
    """

    def __init__(self, fonts: typst.Fonts) -> None:
        faces = [(info.path, info.index, info.family) for info in fonts.fonts() if info.path]
        faces.sort(key=lambda face: face[2] not in REQUIRED_FAMILIES)
        self._pending: list[tuple[str, int]] = [(path, index) for path, index, _ in faces]
        self._tables: list[set[int]] = []
        self._lock = threading.Lock()
        while self._pending and len(self._tables) < 2 * len(REQUIRED_FAMILIES):
            self._load_next()

    def _load_next(self) -> None:
        path, index = self._pending.pop(0)
        with open(path, "rb") as font:
            cmap = _cmap_offset(font, index)
            self._tables.append(_cmap_codepoints(font, cmap) if cmap is not None else set())

    def covers(self, char: str) -> bool:
        point = ord(char)
        if any(point in table for table in self._tables):
            return True
        with self._lock:
            while self._pending:
                self._load_next()
                if point in self._tables[-1]:
                    return True
        return False


@cache
def _coverage(dirs: tuple[str, ...]) -> Coverage:
    return Coverage(_scan_cached(dirs).fonts)


def uncovered_characters(texts: Iterable[str]) -> list[str]:
    """Characters no configured font has, in order of first appearance (line breaks and tabs pass)."""
    coverage = _coverage(font_dirs())
    missing: dict[str, None] = {}
    for text in texts:
        for char in text:
            if char not in "\n\r\t" and char not in missing and not coverage.covers(char):
                missing[char] = None
    return list(missing)
