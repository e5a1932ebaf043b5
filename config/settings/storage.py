"""Where uploads live: the local folder (MEDIA_ROOT) by default, S3-compatible object storage
(any vendor: AWS, MinIO, 阿里云 OSS, 华为云 OBS…) when AWS_STORAGE_BUCKET_NAME is set.

Uploads are personal data and never served from a public URL: the platform reads them back
through the storage API in views that check who asks, so the bucket stays private.
"""

from collections.abc import Mapping
from typing import Any

STATICFILES = {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"}


def default_storage_config(environ: Mapping[str, str]) -> dict[str, Any]:
    bucket = environ.get("AWS_STORAGE_BUCKET_NAME", "")
    if not bucket:
        return {"BACKEND": "django.core.files.storage.FileSystemStorage"}
    options: dict[str, Any] = {
        "bucket_name": bucket,
        "endpoint_url": environ.get("AWS_S3_ENDPOINT_URL") or None,
        "region_name": environ.get("AWS_S3_REGION_NAME") or None,
        # Access keys: boto3's own chain (AWS_ACCESS_KEY_ID / AWS_SECRET_ACCESS_KEY, an instance
        # role, ~/.aws); passed on only when given here, so a role keeps working.
        "access_key": environ.get("AWS_ACCESS_KEY_ID") or None,
        "secret_key": environ.get("AWS_SECRET_ACCESS_KEY") or None,
        # MinIO and most on-premises stores want path-style addressing.
        "addressing_style": environ.get("AWS_S3_ADDRESSING_STYLE") or None,
        "location": environ.get("AWS_LOCATION", ""),
        "signature_version": "s3v4",
        "default_acl": "private",
        # Two uploads of 证件照.jpg must not overwrite each other (as on disk: a suffix is added).
        "file_overwrite": False,
        "querystring_auth": True,
    }
    return {
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {key: value for key, value in options.items() if value is not None},
    }


def storages_config(environ: Mapping[str, str]) -> dict[str, Any]:
    return {"default": default_storage_config(environ), "staticfiles": STATICFILES}
