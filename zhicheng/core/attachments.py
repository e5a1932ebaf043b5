"""The platform's one attachment mechanism: checked bytes, server-made names, access-checked serving.

An app that stores files (library entries, applications, 补换证) subclasses `StoredFile` with a
foreign key to its owner row, calls `attachment_store` with a `CheckedFile` from
`zhicheng.core.uploads.check_document`, and serves it with `attachment_response` from a view that
has already checked access. Files go through Django's storage API (`STORAGES["default"]`), so an
S3-compatible backend replaces the local folder by settings alone; nothing here touches the disk.
"""

import hashlib
import os
import uuid
from typing import Any, TypeVar
from urllib.parse import quote

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import models, transaction
from django.http import FileResponse, Http404
from django.utils import timezone

from .uploads import EXTENSIONS, CheckedFile, display_name

DEFAULT_MAX_BYTES = 10 * 1024 * 1024


def attachment_path(instance: "StoredFile", filename: str) -> str:
    """A server-made storage name: `<app>/<yyyy>/<mm>/<uuid>.<ext>` — never the uploader's name."""
    now = timezone.now()
    ext = EXTENSIONS.get(instance.kind, "")
    folder = instance._meta.app_label
    return f"{folder}/{now:%Y/%m}/{uuid.uuid4().hex}{ext}"


class StoredFile(models.Model):
    """Abstract attachment: the stored bytes and what we know of them.

    `display_name` is the uploader's file name, cleaned; it is only ever shown, never used as a path.
    """

    file = models.FileField("文件", upload_to=attachment_path, max_length=200)
    display_name = models.CharField("文件名", max_length=120)
    kind = models.CharField("类型", max_length=8)
    content_type = models.CharField("内容类型", max_length=40)
    size = models.PositiveIntegerField("大小（字节）")
    sha256 = models.CharField("SHA-256", max_length=64)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name="上传人", on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField("上传时间", auto_now_add=True)

    class Meta:
        abstract = True

    def __str__(self) -> str:
        return self.display_name

    @property
    def is_image(self) -> bool:
        return self.content_type.startswith("image/")

    @property
    def is_pdf(self) -> bool:
        return self.content_type == "application/pdf"


F = TypeVar("F", bound=StoredFile)


def attachment_store(*, model: type[F], checked: CheckedFile, actor: Any, **owner: Any) -> F:
    """Save checked bytes under a new server-made name and create the row (owner fields in **owner).

    If the row cannot be saved the stored file is removed again. (A later rollback of the caller's
    transaction can leave an unreferenced file behind; it is never served, as serving goes by row.)
    """
    attachment = model(
        display_name=checked.display_name,
        kind=checked.kind,
        content_type=checked.content_type,
        size=len(checked.content),
        sha256=hashlib.sha256(checked.content).hexdigest(),
        uploaded_by=actor,
        **owner,
    )
    attachment.file.save(f"upload{checked.extension}", ContentFile(checked.content), save=False)
    try:
        attachment.save()
    except Exception:
        attachment.file.storage.delete(attachment.file.name)
        raise
    return attachment


def attachment_rename(*, attachment: StoredFile, name: str) -> StoredFile:
    """Change the name shown for a file (the stored name never changes)."""
    cleaned = display_name(name)
    if not name.strip():
        raise ValidationError({"display_name": "请填写文件名"})
    attachment.display_name = cleaned
    attachment.save(update_fields=["display_name"])
    return attachment


def attachment_files_delete(names: list[str], *, storage: Any) -> None:
    """Remove stored files once the rows that pointed at them are gone for good (after commit)."""

    def remove() -> None:
        for name in names:
            storage.delete(name)

    transaction.on_commit(remove)


def content_disposition(disposition: str, name: str) -> str:
    """`inline`/`attachment` with an ASCII fallback and the real name in RFC 5987 `filename*`."""
    fallback = "".join(ch if 32 <= ord(ch) < 127 and ch not in '"\\;' else "_" for ch in name)
    return f"{disposition}; filename=\"{fallback}\"; filename*=UTF-8''{quote(name, safe='')}"


def download_name(name: str, kind: str) -> str:
    """The shown name with the extension of the type actually stored.

    The display name is the uploader's: `scan.jpg` may hold a PDF. Saved under that name the file
    would open in the wrong program (or not at all), so the extension always follows the bytes.
    """
    stem, _ = os.path.splitext(name)
    return f"{stem.strip() or '附件'}{EXTENSIONS.get(kind, '')}"


def attachment_response(attachment: StoredFile, *, download: bool = False) -> FileResponse:
    """The file with its stored type, a safe Content-Disposition and nosniff.

    Call only after access has been checked. The bytes were checked and re-encoded on the way in,
    and a restrictive CSP stops anything in them from running if opened as a page. A row whose
    stored file has gone (a restore without the media folder) is a 404, not a 500.
    """
    try:
        handle = attachment.file.storage.open(attachment.file.name, "rb")
    except FileNotFoundError:
        raise Http404("附件文件不存在") from None
    response = FileResponse(handle, content_type=attachment.content_type)
    response["Content-Length"] = str(attachment.size)
    disposition = "attachment" if download else "inline"
    name = download_name(attachment.display_name, attachment.kind)
    response["Content-Disposition"] = content_disposition(disposition, name)
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "private, no-store"
    response["Cross-Origin-Resource-Policy"] = "same-origin"
    return response
