"""Production: PostgreSQL, HTTPS only, TOTP for every staff account. Secrets come from the environment."""

import os

from .base import *  # noqa: F403
from .base import DATABASES, database_config
from .storage import storages_config

DEBUG = False
SECRET_KEY = os.environ["SECRET_KEY"]
DATABASES["default"] = database_config(os.environ["DATABASE_URL"])
ALLOWED_HOSTS = os.environ["ALLOWED_HOSTS"].split(",")
CSRF_TRUSTED_ORIGINS = [f"https://{host}" for host in ALLOWED_HOSTS]

REQUIRE_STAFF_MFA = True
SSO_IS_LOCAL_STANDIN = os.environ.get("SSO_IS_LOCAL_STANDIN", "0") == "1"

SECURE_SSL_REDIRECT = True
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_HSTS_SECONDS = 31536000
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_HSTS_PRELOAD = True
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True
CSRF_COOKIE_HTTPONLY = True

# Uploads on disk (MEDIA_ROOT) or, with AWS_STORAGE_BUCKET_NAME, in S3-compatible object storage.
STORAGES = storages_config(os.environ)
