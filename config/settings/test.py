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
