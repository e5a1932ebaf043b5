"""Checking uploaded files: the type comes from the bytes, images are re-encoded, PDFs are parsed.

One place for every upload of the platform (photos, library attachments, application attachments,
补换证 material). Each check raises ValidationError with a Chinese message and stores nothing.
"""

import io
import warnings
from dataclasses import dataclass
from typing import Any

from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from PIL import Image, ImageOps

MB = 1024 * 1024
# Beyond this many pixels an image is treated as a decompression bomb, whatever its file size.
# 25 Mpx is a 600 dpi A4 scan with room to spare; decoded as RGBA it is still 100 MB, so the bound
# is what keeps one upload's peak memory in check (Pillow's own warning comes only at ~89 Mpx).
MAX_IMAGE_PIXELS = 25_000_000

PDF = "pdf"
JPEG = "jpeg"
PNG = "png"
CONTENT_TYPES = {PDF: "application/pdf", JPEG: "image/jpeg", PNG: "image/png"}
EXTENSIONS = {PDF: ".pdf", JPEG: ".jpg", PNG: ".png"}
KIND_LABELS = {PDF: "PDF", JPEG: "JPG", PNG: "PNG"}


@dataclass(frozen=True)
class CheckedFile:
    """A file that passed the checks: the bytes to store, their type and the name to show."""

    content: bytes
    kind: str
    display_name: str

    @property
    def content_type(self) -> str:
        return CONTENT_TYPES[self.kind]

    @property
    def extension(self) -> str:
        return EXTENSIONS[self.kind]


def sniff(head: bytes) -> str | None:
    """The file type by its magic bytes, or None for anything we do not accept."""
    if head.startswith(b"%PDF-"):
        return PDF
    if head.startswith(b"\xff\xd8\xff"):
        return JPEG
    if head.startswith(b"\x89PNG\r\n\x1a\n"):
        return PNG
    return None


def read_upload(upload: UploadedFile, *, max_bytes: int) -> bytes:
    """The whole upload, refused when larger than max_bytes (without reading it all first)."""
    if upload.size is not None and upload.size > max_bytes:
        raise ValidationError(f"文件不能超过 {max_bytes // MB} MB", code="too_large")
    data = upload.read(max_bytes + 1)
    if len(data) > max_bytes:
        raise ValidationError(f"文件不能超过 {max_bytes // MB} MB", code="too_large")
    if not data:
        raise ValidationError("文件是空的，请重新选择", code="empty")
    return data


def display_name(name: str) -> str:
    """The original file name as a harmless display label: no folders, no control characters."""
    name = name.replace("\\", "/").rsplit("/", 1)[-1]
    name = "".join(ch for ch in name if ch.isprintable()).strip().strip(".")
    return name[:120] or "附件"


def reencode_image(data: bytes, *, max_side: int, kind: str = JPEG) -> bytes:
    """Decode and re-encode an image: EXIF and anything appended are dropped, the size is bounded.

    Refuses non-images, truncated files and decompression bombs with a Chinese message.
    """
    if sniff(data[:16]) not in (JPEG, PNG):
        raise ValidationError("只能上传 JPG 或 PNG 格式的图片", code="not_image")
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            with Image.open(io.BytesIO(data)) as probe:
                width, height = probe.size
                if width * height > MAX_IMAGE_PIXELS:
                    raise ValidationError("图片像素过大，请缩小后再上传", code="too_many_pixels")
                probe.verify()
            with Image.open(io.BytesIO(data)) as opened:
                if opened.format == "JPEG":
                    # Let the JPEG decoder scale down by 1/2, 1/4 or 1/8 while decoding, so a large
                    # photo is never held in memory at full size.
                    opened.draft("RGB", (max_side, max_side))
                opened.load()
                image: Image.Image = opened
                ImageOps.exif_transpose(image, in_place=True)
                image.thumbnail((max_side, max_side))
                image = image.convert("RGB") if kind == JPEG else image.convert("RGBA")
                out = io.BytesIO()
                if kind == JPEG:
                    image.save(out, "JPEG", quality=90, optimize=True)
                else:
                    image.save(out, "PNG", optimize=True)
                return out.getvalue()
    except ValidationError:
        raise
    except (Image.DecompressionBombError, Image.DecompressionBombWarning) as error:
        raise ValidationError("图片像素过大，请缩小后再上传", code="too_many_pixels") from error
    except (OSError, SyntaxError, ValueError) as error:
        raise ValidationError("图片文件已损坏或不完整，请重新选择", code="broken_image") from error


def check_pdf(data: bytes) -> bytes:
    """A PDF that really parses, with at least one page. PDFs are kept byte for byte."""
    from pypdf import PdfReader
    from pypdf.errors import PdfReadError

    if sniff(data[:16]) != PDF:
        raise ValidationError("文件不是 PDF 格式", code="not_pdf")
    try:
        reader = PdfReader(io.BytesIO(data), strict=False)
        if reader.is_encrypted:
            raise ValidationError("不能上传加密的 PDF 文件", code="encrypted_pdf")
        if len(reader.pages) < 1:
            raise ValidationError("PDF 文件没有页面", code="empty_pdf")
        reason = pdf_active_content(reader)
    except ValidationError:
        raise
    except (PdfReadError, OSError, ValueError, KeyError, TypeError) as error:
        raise ValidationError("PDF 文件已损坏或不完整，请重新选择", code="broken_pdf") from error
    if reason is not None:
        raise ValidationError(
            f"PDF 文件{reason}，审核人员打开时可能被执行，出于安全原因不能上传。"
            "请用“打印”→“另存为 PDF”生成一份不含这些内容的文件后再上传",
            code="active_pdf",
        )
    return data


# What a PDF may carry that acts by itself when a reviewer opens it (issue 9.4), by the key that
# introduces it: the reason, in Chinese.
ACTIVE_KEYS = {
    "/JS": "含有脚本（JavaScript）",
    "/JavaScript": "含有脚本（JavaScript）",
    "/AA": "含有自动执行的动作（/AA）",
    "/Launch": "含有启动外部程序的动作（/Launch）",
    "/EmbeddedFiles": "含有嵌入的附件文件（/EmbeddedFiles）",
    "/EmbeddedFile": "含有嵌入的附件文件（/EmbeddedFiles）",
    "/RichMedia": "含有多媒体内容（/RichMedia）",
    "/XFA": "含有 XFA 动态表单",
}
ACTIVE_ACTIONS = {
    "/JavaScript": "含有脚本（JavaScript）",
    "/Launch": "含有启动外部程序的动作（/Launch）",
    "/RichMediaExecute": "含有多媒体内容（/RichMedia）",
}
ACTIVE_SUBTYPES = {
    "/RichMedia": "含有多媒体内容（/RichMedia）",
    "/FileAttachment": "含有嵌入的附件文件",
}
# Objects visited at most: a normal scan has a few thousand; a file built to exhaust us is refused.
MAX_PDF_OBJECTS = 200_000


def pdf_active_content(reader: "Any") -> str | None:
    """Why this PDF is refused (JavaScript, /OpenAction with JavaScript, /AA, /Launch,
    /EmbeddedFiles, /RichMedia, XFA), or None. Walks every object reachable from the trailer, so
    an action hidden in a page annotation, an outline item or an object stream is found too;
    pypdf decodes names, so `/J#61vaScript` is `/JavaScript` here."""
    from pypdf.generic import ArrayObject, DictionaryObject, IndirectObject

    seen: set[tuple[int, int]] = set()
    stack: list[Any] = [reader.trailer]
    visited = 0
    while stack:
        node = stack.pop()
        if isinstance(node, IndirectObject):
            key = (node.idnum, node.generation)
            if key in seen:
                continue
            seen.add(key)
            node = node.get_object()
        visited += 1
        if visited > MAX_PDF_OBJECTS:
            return "结构过于复杂"
        if isinstance(node, DictionaryObject):
            for name in node:
                if name in ACTIVE_KEYS:
                    return ACTIVE_KEYS[name]
            action = node.get("/S")
            if action in ACTIVE_ACTIONS:
                return ACTIVE_ACTIONS[action]
            subtype = node.get("/Subtype")
            if node.get("/Type") == "/Annot" and subtype in ACTIVE_SUBTYPES:
                return ACTIVE_SUBTYPES[subtype]
            stack.extend(node.values())
        elif isinstance(node, ArrayObject):
            stack.extend(node)
    return None


def check_document(
    upload: UploadedFile,
    *,
    max_bytes: int,
    allowed: tuple[str, ...] = (PDF, JPEG, PNG),
    image_side: int = 3000,
) -> CheckedFile:
    """An attachment (PDF, JPG or PNG by its bytes, not its name): PDFs parsed, images re-encoded."""
    data = read_upload(upload, max_bytes=max_bytes)
    kind = sniff(data[:16])
    if kind is None or kind not in allowed:
        names = "、".join(KIND_LABELS[k] for k in allowed)
        raise ValidationError(
            f"只能上传 {names} 格式的文件（按文件内容识别，而非扩展名）", code="bad_type"
        )
    if kind == PDF:
        content = check_pdf(data)
    else:
        content = reencode_image(data, max_side=image_side, kind=kind)
    return CheckedFile(content=content, kind=kind, display_name=display_name(upload.name or ""))
