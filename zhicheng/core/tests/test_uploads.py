"""Upload checks and the shared attachment mechanism: the attacks an upload form must refuse."""

import io
import zlib
from typing import Any

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from zhicheng.core.attachments import content_disposition, download_name
from zhicheng.core.uploads import MB, check_document, display_name, sniff


def png(width: int = 40, height: int = 30) -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (width, height), "teal").save(out, "PNG")
    return out.getvalue()


def pdf() -> bytes:
    from pypdf import PdfWriter

    writer = PdfWriter()
    writer.add_blank_page(width=100, height=100)
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def upload(name: str, data: bytes, content_type: str = "application/octet-stream") -> Any:
    return SimpleUploadedFile(name, data, content_type=content_type)


def check(name: str, data: bytes, **kwargs: Any) -> Any:
    return check_document(upload(name, data), max_bytes=kwargs.pop("max_bytes", 10 * MB), **kwargs)


def test_a_real_png_jpeg_and_pdf_pass() -> None:
    assert check("a.png", png()).content_type == "image/png"
    out = io.BytesIO()
    Image.new("RGB", (10, 10)).save(out, "JPEG")
    assert check("b.jpg", out.getvalue()).content_type == "image/jpeg"
    assert check("c.pdf", pdf()).content_type == "application/pdf"


def test_the_type_comes_from_the_bytes_not_the_name() -> None:
    checked = check("scan.pdf", png())
    assert checked.kind == "png" and checked.extension == ".png"


def test_a_polyglot_png_with_html_appended_is_re_encoded_without_it() -> None:
    payload = b"<html><script>alert(document.cookie)</script></html>"
    checked = check("polyglot.png", png() + payload)
    assert b"<script" not in checked.content
    assert checked.content.startswith(b"\x89PNG")


def test_html_disguised_inside_a_png_text_chunk_is_dropped() -> None:
    from PIL import PngImagePlugin

    info = PngImagePlugin.PngInfo()
    info.add_text("Comment", "<script>alert(1)</script>")
    out = io.BytesIO()
    Image.new("RGB", (20, 20)).save(out, "PNG", pnginfo=info)
    checked = check("x.png", out.getvalue())
    assert b"<script" not in checked.content


def test_an_svg_with_script_is_refused() -> None:
    svg = b'<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>'
    with pytest.raises(ValidationError) as caught:
        check(
            "photo.png",
            svg,
        )
    assert caught.value.code == "bad_type"


def test_html_renamed_pdf_is_refused() -> None:
    with pytest.raises(ValidationError) as caught:
        check(
            "certificate.pdf",
            b"<!DOCTYPE html><html><body>hi</body></html>",
        )
    assert caught.value.code == "bad_type"


def test_a_pdf_header_on_garbage_is_refused() -> None:
    with pytest.raises(ValidationError) as caught:
        check("x.pdf", b"%PDF-1.7\n<html><script>alert(1)</script></html>")
    assert caught.value.code == "broken_pdf"


def test_folders_in_the_name_are_dropped() -> None:
    checked = check("../../etc/passwd.png", png())
    assert checked.display_name == "passwd.png"
    assert display_name("..\\..\\windows\\evil.pdf") == "evil.pdf"
    assert display_name("..") == "附件"
    assert display_name("a\x00b\nc.png") == "abc.png"


def test_an_oversize_file_is_refused_before_it_is_read() -> None:
    with pytest.raises(ValidationError) as caught:
        check("big.pdf", b"%PDF-" + b"0" * (1 * MB), max_bytes=1 * MB)
    assert caught.value.code == "too_large"


def test_an_empty_file_is_refused() -> None:
    with pytest.raises(ValidationError) as caught:
        check("empty.pdf", b"")
    assert caught.value.code == "empty"


def _png_chunk(kind: bytes, body: bytes) -> bytes:
    return len(body).to_bytes(4, "big") + kind + body + zlib.crc32(kind + body).to_bytes(4, "big")


def _png_bomb(width: int, height: int, color_type: int = 0) -> bytes:
    """A tiny PNG that declares width x height pixels (only its first rows are really there)."""
    header = width.to_bytes(4, "big") + height.to_bytes(4, "big") + bytes([8, color_type, 0, 0, 0])
    channels = {0: 1, 2: 3, 6: 4}[color_type]
    row = b"\x00" + b"\x00" * (width * channels)
    compressor = zlib.compressobj(9)
    data = compressor.compress(row * 10) + compressor.flush()
    return (
        b"\x89PNG\r\n\x1a\n"
        + _png_chunk(b"IHDR", header)
        + _png_chunk(b"IDAT", data)
        + _png_chunk(b"IEND", b"")
    )


@pytest.mark.parametrize(
    ("width", "height", "color_type"),
    [
        # Above our limit but below Pillow's own warning threshold (~89 Mpx): only our check stops it.
        (7000, 7000, 0),
        # The reviewer's case: 6300 x 6300 RGBA, 160 MB once decoded, from a file of a few KB.
        (6300, 6300, 6),
    ],
)
def test_a_decompression_bomb_is_refused(width: int, height: int, color_type: int) -> None:
    from PIL import Image as PILImage

    from zhicheng.core.uploads import MAX_IMAGE_PIXELS

    assert MAX_IMAGE_PIXELS < width * height < (PILImage.MAX_IMAGE_PIXELS or 0)
    bomb = _png_bomb(width, height, color_type)
    assert len(bomb) < 200_000
    with pytest.raises(ValidationError) as caught:
        check("bomb.png", bomb)
    assert caught.value.code == "too_many_pixels"


def test_a_large_jpeg_is_scaled_down_while_decoding() -> None:
    out = io.BytesIO()
    Image.new("RGB", (4800, 3600), "white").save(out, "JPEG", quality=50)
    checked = check("photo.jpg", out.getvalue(), image_side=1200)
    with Image.open(io.BytesIO(checked.content)) as result:
        assert max(result.size) == 1200


def test_the_exif_orientation_is_applied() -> None:
    exif = Image.Exif()
    exif[0x0112] = 6  # rotated 90° clockwise
    out = io.BytesIO()
    Image.new("RGB", (60, 20), "white").save(out, "JPEG", exif=exif)
    checked = check("rotated.jpg", out.getvalue())
    with Image.open(io.BytesIO(checked.content)) as result:
        assert result.size == (20, 60)
        assert not result.getexif().get(0x0112)


def test_an_encrypted_pdf_is_refused() -> None:
    from pypdf import PdfWriter

    writer = PdfWriter()
    writer.add_blank_page(width=100, height=100)
    writer.encrypt("secret")
    out = io.BytesIO()
    writer.write(out)
    with pytest.raises(ValidationError) as caught:
        check("locked.pdf", out.getvalue())
    assert caught.value.code == "encrypted_pdf"


def test_allowed_kinds_can_be_narrowed() -> None:
    with pytest.raises(ValidationError):
        check("a.pdf", pdf(), allowed=("jpeg", "png"))


def test_sniff_knows_only_three_types() -> None:
    assert sniff(b"GIF89a") is None
    assert sniff(b"<?xml") is None
    assert sniff(b"PK\x03\x04") is None


def test_the_download_name_carries_the_stored_types_extension() -> None:
    assert download_name("scan.jpg", "pdf") == "scan.pdf"
    assert download_name("毕业证书", "png") == "毕业证书.png"
    assert download_name("a.b.PDF", "jpeg") == "a.b.jpg"


def test_content_disposition_carries_the_chinese_name_safely() -> None:
    header = content_disposition("inline", '毕业证书 "扫描".pdf')
    assert header.startswith('inline; filename="')
    assert "filename*=UTF-8''%E6%AF%95" in header
    assert '"扫描"' not in header
