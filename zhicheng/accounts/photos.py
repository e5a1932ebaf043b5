"""The person's ID photo (上传照片, manual 五(一)): a two-inch portrait, re-encoded by the server.

The writes here (`user_set_photo`, `user_delete_photo`) are services like those of services.py,
which re-exports them; they stay beside the image checks they depend on.
"""

import io
import uuid

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.http import HttpRequest
from django.utils import timezone
from PIL import Image, ImageOps

from zhicheng.audit.models import AuditEvent
from zhicheng.audit.services import audit_record
from zhicheng.core import uploads

from .models import User

# 两寸证件照: 35 mm x 49 mm, i.e. 413 x 579 pixels at 300 dpi.
PHOTO_SIZE = (413, 579)
PHOTO_MAX_BYTES = 10 * uploads.MB
PHOTO_MIN_SIDE = 100


def photo_normalize(data: bytes) -> bytes:
    """Any accepted image -> a 413 x 579 JPEG without metadata, centre-cropped to 5:7 if needed."""
    clean = uploads.reencode_image(data, max_side=2400)
    with Image.open(io.BytesIO(clean)) as image:
        if min(image.size) < PHOTO_MIN_SIDE:
            raise ValidationError(
                f"照片太小，宽和高至少需要 {PHOTO_MIN_SIDE} 像素", code="too_small"
            )
        fitted = ImageOps.fit(image.convert("RGB"), PHOTO_SIZE, Image.Resampling.LANCZOS)
        out = io.BytesIO()
        fitted.save(out, "JPEG", quality=92, optimize=True)
        return out.getvalue()


def user_set_photo(*, user: User, upload: UploadedFile, request: HttpRequest | None = None) -> User:
    """Store a new photo; the old file is removed once the change is committed."""
    if not user.is_person:
        raise ValidationError("只有个人账号可以上传证件照")
    content = photo_normalize(uploads.read_upload(upload, max_bytes=PHOTO_MAX_BYTES))
    new_name = ""
    try:
        with transaction.atomic():
            user = User.objects.select_for_update().get(pk=user.pk)
            old_name = user.photo.name
            user.photo.save(f"{uuid.uuid4().hex}.jpg", ContentFile(content), save=False)
            new_name = user.photo.name
            user.photo_updated_at = timezone.now()
            user.save(update_fields=["photo", "photo_updated_at"])
            audit_record(
                kind=AuditEvent.Kind.PHOTO_CHANGED,
                request=request,
                user=user,
                detail={"action": "upload"},
            )
            if old_name:
                storage = user.photo.storage
                transaction.on_commit(lambda: storage.delete(old_name))
    except Exception:
        if new_name:  # the row was not saved: do not leave its file behind
            user.photo.storage.delete(new_name)
        raise
    return user


def user_delete_photo(*, user: User, request: HttpRequest | None = None) -> User:
    with transaction.atomic():
        user = User.objects.select_for_update().get(pk=user.pk)
        old_name = user.photo.name
        if not old_name:
            raise ValidationError("当前没有照片")
        storage = user.photo.storage
        user.photo = ""  # type: ignore[assignment]
        user.photo_updated_at = timezone.now()
        user.save(update_fields=["photo", "photo_updated_at"])
        audit_record(
            kind=AuditEvent.Kind.PHOTO_CHANGED,
            request=request,
            user=user,
            detail={"action": "delete"},
        )
        transaction.on_commit(lambda: storage.delete(old_name))
    return user
