"""上传照片: the server re-encodes to a two-inch portrait and refuses what is not a sound image."""

import io
import struct
import zlib
from pathlib import Path
from typing import Any

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse
from PIL import Image

from zhicheng.accounts import photos
from zhicheng.accounts.models import User
from zhicheng.core.tests.db_faults import refused_inserts

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def media(settings: Any, tmp_path: Path) -> Path:
    settings.MEDIA_ROOT = tmp_path
    return tmp_path


def jpeg(size: tuple[int, int] = (600, 800), exif: bool = False) -> bytes:
    image = Image.new("RGB", size, (200, 120, 80))
    out = io.BytesIO()
    if exif:
        data = Image.Exif()
        data[0x010F] = "SecretCamera"  # Make
        data[0x8825] = {2: (31.0, 49.0, 0.0)}  # GPSInfo: latitude
        image.save(out, "JPEG", exif=data)
    else:
        image.save(out, "JPEG")
    return out.getvalue()


def png_bomb(width: int = 30000, height: int = 30000) -> bytes:
    """A tiny PNG whose header claims 900 megapixels: the decompression-bomb shape."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        return (
            struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))
        )

    header = struct.pack(">IIBBBBB", width, height, 8, 0, 0, 0, 0)
    body = zlib.compress(b"\x00" * 1024)
    return (
        b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", body) + chunk(b"IEND", b"")
    )


def upload(data: bytes, name: str = "photo.jpg") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, data, content_type="image/jpeg")


def test_the_photo_becomes_a_two_inch_jpeg_without_exif(cast: Any) -> None:
    user = photos.user_set_photo(user=cast.applicant, upload=upload(jpeg((1000, 1000), exif=True)))
    with user.photo.open("rb") as stored, Image.open(stored) as image:
        assert image.format == "JPEG"
        assert image.size == photos.PHOTO_SIZE
        assert not image.getexif()
    assert user.photo.name.startswith("photos/") and "photo" not in Path(user.photo.name).stem


def test_the_old_file_goes_after_commit(
    cast: Any, media: Path, django_capture_on_commit_callbacks: Any
) -> None:
    with django_capture_on_commit_callbacks(execute=True):
        first = photos.user_set_photo(user=cast.applicant, upload=upload(jpeg())).photo.name
    with django_capture_on_commit_callbacks(execute=True):
        photos.user_set_photo(user=cast.applicant, upload=upload(jpeg()))
    assert not (media / first).exists()
    with django_capture_on_commit_callbacks(execute=True):
        current = User.objects.get(pk=cast.applicant.pk).photo.name
        photos.user_delete_photo(user=cast.applicant)
    assert not (media / current).exists()
    assert not User.objects.get(pk=cast.applicant.pk).photo


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF", "JPG 或 PNG"),
        (b"<html><script>alert(1)</script></html>", "JPG 或 PNG"),
        (jpeg()[: len(jpeg()) // 2], "损坏或不完整"),
        # 49 megapixels: below Pillow's own bomb limit, so our limit is what refuses it.
        (png_bomb(7000, 7000), "像素过大"),
        (b"", "空"),
    ],
    ids=["pdf-renamed-jpg", "html-renamed-jpg", "truncated-jpeg", "decompression-bomb", "empty"],
)
def test_it_refuses_what_is_not_a_sound_image(
    cast: Any, media: Path, data: bytes, message: str
) -> None:
    with pytest.raises(ValidationError) as error:
        photos.user_set_photo(user=cast.applicant, upload=upload(data))
    assert message in " ".join(error.value.messages)
    assert not User.objects.get(pk=cast.applicant.pk).photo
    assert not any(media.rglob("*.*"))


def test_it_refuses_a_30_mb_file_before_reading_it_all(cast: Any) -> None:
    read: list[int] = []

    class CountingUpload(SimpleUploadedFile):
        def read(self, *args: Any, **kwargs: Any) -> bytes:
            data = super().read(*args, **kwargs)
            read.append(len(data))
            return data

    big = CountingUpload("big.jpg", b"\xff\xd8\xff" + b"\0" * (30 * 1024 * 1024))
    big.size = None  # a stream of unknown length: the limit must hold while reading
    with pytest.raises(ValidationError, match="不能超过 10 MB"):
        photos.user_set_photo(user=cast.applicant, upload=big)
    assert sum(read) <= 10 * 1024 * 1024 + 1


def test_it_refuses_a_tiny_picture(cast: Any) -> None:
    with pytest.raises(ValidationError, match="照片太小"):
        photos.user_set_photo(user=cast.applicant, upload=upload(jpeg((40, 60))))


def test_only_persons_have_photos(cast: Any) -> None:
    with pytest.raises(ValidationError):
        photos.user_set_photo(user=cast.outsider, upload=upload(jpeg()))


def test_the_page_uploads_and_serves_the_photo_to_its_owner_only(cast: Any) -> None:
    client = Client()
    client.force_login(cast.applicant)
    response = client.post(reverse("accounts:photo"), {"photo": upload(jpeg(), "我的照片.png")})
    assert response.status_code == 302
    image = client.get(reverse("accounts:photo_image"))
    assert image["Content-Type"] == "image/jpeg"
    assert image["X-Content-Type-Options"] == "nosniff"
    assert b"".join(image.streaming_content).startswith(b"\xff\xd8\xff")
    other = Client()
    other.force_login(cast.applicant2)
    assert other.get(reverse("accounts:photo_image")).status_code == 404


def test_the_page_shows_a_chinese_error_and_stores_nothing(cast: Any) -> None:
    client = Client()
    client.force_login(cast.applicant)
    response = client.post(
        reverse("accounts:photo"), {"photo": upload(b"<svg onload=alert(1)>", "x.jpg")}
    )
    assert response.status_code == 400
    assert "只能上传 JPG 或 PNG 格式的图片" in response.content.decode()
    assert not User.objects.get(pk=cast.applicant.pk).photo


def test_a_photo_whose_row_cannot_be_saved_leaves_no_file(cast: Any, media: Path) -> None:
    # The database refuses the audit row written with the photo (the audit store is down).
    with refused_inserts("audit_auditevent"), pytest.raises(RuntimeError):
        photos.user_set_photo(user=cast.applicant, upload=upload(jpeg()))
    assert not any(media.rglob("*.*"))
    assert not User.objects.get(pk=cast.applicant.pk).photo


def test_a_huge_request_is_refused_before_it_is_read(cast: Any, settings: Any) -> None:
    settings.MAX_REQUEST_BYTES = 1024 * 1024
    client = Client()
    client.force_login(cast.applicant)
    big = jpeg((3000, 3000)) + b"\0" * (2 * 1024 * 1024)
    response = client.post(reverse("accounts:photo"), {"photo": upload(big)})
    assert response.status_code == 413
    assert "不能超过 1 MB" in response.content.decode()
    assert not User.objects.get(pk=cast.applicant.pk).photo
