"""Render a typst template in templates/ to PDF bytes: the one entry point every document goes through.

The data reaches the template as JSON in `sys.inputs.data`; binary files (photos, QR SVGs) are written
next to a copy of the templates in a temporary project root and named in the data, so a template reads
them with `image(file(data.photo))` from _common.typ. That costs about a millisecond; passing a photo
inside the JSON as an array of byte values costs 15-25 ms because typst parses every number.
"""

import json
import logging
import re
import tempfile
import threading
from collections.abc import Iterator, Mapping
from functools import cache
from pathlib import Path
from typing import Any

import typst

from .fonts import font_set, uncovered_characters

logger = logging.getLogger(__name__)

TEMPLATES_DIR = Path(__file__).resolve().parent / "templates"
FILES_DIR = "files"  # under the temporary root; _common.typ's file() knows this name
_NAME = re.compile(r"^[a-z][a-z0-9_]*$")
_FILE_NAME = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_.-]*$")
# Warnings that mean a glyph would be drawn with the wrong font or as an empty box.
_FONT_WARNING = re.compile(r"font|glyph", re.IGNORECASE)

# One compiler per process (typst keeps its parsed fonts and layout caches in it); compiles are
# serialised because the binding's compiler is a single mutable world.
_lock = threading.Lock()


class DocumentError(RuntimeError):
    """A template failed to compile, or compiled with a font problem: no PDF is returned."""


@cache
def _compiler(dirs: tuple[str, ...]) -> typst.Compiler:
    return typst.Compiler(font_paths=font_set().fonts, ignore_system_fonts=True)


def template_path(template: str) -> Path:
    if not _NAME.match(template):
        raise ValueError(f"bad template name: {template!r}")
    path = TEMPLATES_DIR / f"{template}.typ"
    if not path.is_file():
        raise ValueError(f"no template {template!r} in {TEMPLATES_DIR}")
    return path


def _strings(value: Any) -> Iterator[str]:
    if isinstance(value, str):
        yield value
    elif isinstance(value, Mapping):
        for item in value.values():
            yield from _strings(item)
    elif isinstance(value, list | tuple):
        for item in value:
            yield from _strings(item)


def render_pdf(
    template: str, data: Mapping[str, Any], *, files: Mapping[str, bytes] | None = None
) -> bytes:
    """Compile templates/<template>.typ with `data` (JSON-serialisable) to an A4 PDF.

    `files` maps plain names ("photo.jpg", "qr.svg") to their bytes; the data names them and the
    template loads them with `file(name)`. Raises DocumentError on a compile error or a font warning.
    """
    source = template_path(template).read_bytes()
    fonts = font_set()  # raises ImproperlyConfigured before anything is compiled
    # typst draws a character no font has as an empty box without a warning: refuse instead.
    missing = uncovered_characters(_strings(data))
    if missing:
        raise DocumentError(
            f"字体中没有这些字符，无法生成 PDF：{' '.join(missing)}"
            f" / no configured font has these characters: {' '.join(f'U+{ord(c):04X}' for c in missing)}"
        )
    payload = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    with tempfile.TemporaryDirectory(prefix="zhicheng-doc-") as tmp:
        root = Path(tmp)
        # Includes (_common.typ) resolve inside the project root, so the templates travel with the files.
        for include in TEMPLATES_DIR.glob("*.typ"):
            (root / include.name).write_bytes(include.read_bytes())
        if files:
            (root / FILES_DIR).mkdir()
            for name, content in files.items():
                if not _FILE_NAME.match(name) or ".." in name:
                    raise ValueError(f"bad file name: {name!r}")
                (root / FILES_DIR / name).write_bytes(content)
        with _lock:
            compiler = _compiler(fonts.dirs)
            try:
                pdf, warnings = compiler.compile_with_warnings(
                    input=source,
                    root=str(root),
                    format="pdf",
                    sys_inputs={"data": payload},
                    pdf_tags=False,  # tags add nothing to a printed form and make poppler warn
                )
            except typst.TypstError as error:
                raise DocumentError(
                    f"{template}.typ: {error.message}\n{error.diagnostic}"
                ) from error
    for warning in warnings:
        if _FONT_WARNING.search(warning.message):
            raise DocumentError(f"{template}.typ: {warning.message}")
        logger.warning("%s.typ: %s", template, warning.message)
    if not isinstance(pdf, bytes):
        raise DocumentError(f"{template}.typ: typst returned no PDF")
    return pdf
