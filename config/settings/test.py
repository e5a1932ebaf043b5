"""The test suite: SQLite unless DATABASE_URL names PostgreSQL; fast hashing."""

from .base import *  # noqa: F403

DEBUG = False
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
ALLOWED_HOSTS = ["testserver", "127.0.0.1", "localhost"]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = True

if DATABASES["default"]["ENGINE"].endswith("sqlite3"):  # noqa: F405
    # A file, not Django's default in-memory test database: with an in-memory database the live
    # server's threads share one connection, so a page's request and the browser's next request
    # (favicon, htmx) interleave statements inside one transaction. A file gives each thread its
    # own connection, as production has. The process id keeps concurrent runs apart.
    import tempfile

    DATABASES["default"]["TEST"] = {  # noqa: F405
        "NAME": str(Path(tempfile.gettempdir()) / f"zhicheng-test-{os.getpid()}.sqlite3")  # noqa: F405
    }

CERTIFICATE_CREATE_MISSING_KEYS = True
# Test keys live apart from the demo's (var/ is not in the repository); an issuer named
# "国密测试发证机关" signs with SM2/SM3 so that both profiles are exercised end to end.
CERTIFICATE_ISSUERS = {
    "*": {**CERTIFICATE_ISSUERS["*"], "key_dir": str(VAR_DIR / "keys" / "test")},  # noqa: F405
    "国密测试发证机关": {
        "credit_code": "11340000MB0000001Q",
        "key_dir": str(VAR_DIR / "keys" / "test-sm2"),  # noqa: F405
        "profile": "sm2-sm3",
    },
}
