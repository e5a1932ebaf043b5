"""The `idp` site: a local stand-in for 安徽政务服务网, the provincial SSO (an OpenID provider).

It is deliberately standalone — it does not import config.settings.base or anything from the
platform — and runs as its own process with its own database and cookies, like the real SSO:

    DJANGO_SETTINGS_MODULE=config.settings.idp python manage.py runserver 127.0.0.1:8001 --noreload
"""

import contextlib
import json
import os
import tempfile
from pathlib import Path
from typing import Any

import dj_database_url

BASE_DIR = Path(__file__).resolve().parent.parent.parent
VAR_DIR = Path(os.environ.get("ZHICHENG_VAR_DIR", BASE_DIR / "var"))
VAR_DIR.mkdir(parents=True, exist_ok=True)

SECRET_KEY = os.environ.get("IDP_SECRET_KEY", "dev-only-not-secret-idp-standin")
DEBUG = os.environ.get("IDP_DEBUG") == "1"
ALLOWED_HOSTS = os.environ.get("IDP_ALLOWED_HOSTS", "127.0.0.1,localhost,testserver").split(",")

INSTALLED_APPS = [
    # First, so its Chinese oauth2_provider/*.html templates replace the toolkit's English ones.
    "zhicheng.idp",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "oauth2_provider",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "zhicheng.idp.middleware.ContentSecurityPolicyMiddleware",
]

ROOT_URLCONF = "config.idp_urls"
WSGI_APPLICATION = "config.idp_wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
            ],
        },
    }
]


def database_config(url: str | None) -> dict[str, Any]:
    """SQLite in the var dir by default; PostgreSQL (test DB test_idp) when the URL says so."""
    if url:
        config: dict[str, Any] = dict(dj_database_url.parse(url, conn_max_age=60))
        if config["ENGINE"].endswith("postgresql"):
            config.setdefault("TEST", {})["NAME"] = "test_idp"
        return config
    return {
        "ENGINE": "django.db.backends.sqlite3",
        "NAME": VAR_DIR / "idp.sqlite3",
        "OPTIONS": {
            "init_command": "PRAGMA journal_mode=WAL; PRAGMA busy_timeout=5000;",
            "transaction_mode": "IMMEDIATE",
        },
    }


DATABASES = {"default": database_config(os.environ.get("IDP_DATABASE_URL"))}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
AUTH_USER_MODEL = "idp.Account"

AUTH_PASSWORD_VALIDATORS = [
    {
        "NAME": "zhicheng.idp.validators.MinimumLengthValidator",
        "OPTIONS": {"min_length": 8},
    },
    {"NAME": "zhicheng.idp.validators.CharacterClassValidator"},
]

LANGUAGE_CODE = "zh-hans"
TIME_ZONE = "Asia/Shanghai"
USE_I18N = True
USE_TZ = True

# runserver does not serve static files with DEBUG off; WhiteNoise does, straight from the app
# directories (finders), so the stand-in needs no collectstatic step and no STATIC_ROOT.
STATIC_URL = "/static/"
WHITENOISE_USE_FINDERS = True

# The platform runs on the same host with zc_session / zc_csrftoken. Cookies do not separate by
# port, so distinct names are what keeps the two logins apart.
SESSION_COOKIE_NAME = "idp_session"
CSRF_COOKIE_NAME = "idp_csrftoken"
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
SESSION_COOKIE_AGE = 8 * 60 * 60

LOGIN_URL = "/login/"
LOGIN_REDIRECT_URL = "/"
LOGOUT_REDIRECT_URL = "/login/"

# Login lockout (zhicheng.idp.lockout): 5 failures within 15 minutes lock the 账号 for 15 minutes.
IDP_LOCKOUT_MAX_FAILURES = 5
IDP_LOCKOUT_WINDOW_SECONDS = 15 * 60
IDP_LOCKOUT_SECONDS = 15 * 60

X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"


def oidc_rsa_private_key(path: Path) -> str:
    """The PEM signing key for ID tokens; created (2048-bit, mode 0600) on first use.

    Several processes may start at once (runserver, a test run, a management command), so the
    key is written to a temporary file and hard-linked into place: the link either wins or
    fails because another process won, and nobody ever reads a half-written file.
    """
    if not path.exists():
        from cryptography.hazmat.primitives import serialization
        from cryptography.hazmat.primitives.asymmetric import rsa

        key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
        pem = key.private_bytes(
            serialization.Encoding.PEM,
            serialization.PrivateFormat.PKCS8,
            serialization.NoEncryption(),
        )
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp_name = tempfile.mkstemp(dir=path.parent, prefix=".idp-key-")  # mode 0600
        try:
            with os.fdopen(fd, "wb") as tmp:
                tmp.write(pem)
            with contextlib.suppress(FileExistsError):  # another process won the race
                os.link(tmp_name, path)
        finally:
            os.unlink(tmp_name)
    return path.read_text()


IDP_RSA_KEY_FILE = Path(os.environ.get("IDP_RSA_KEY_FILE", VAR_DIR / "idp-oidc-rsa.pem"))

OAUTH2_PROVIDER = {
    "OIDC_ENABLED": True,
    "OIDC_RSA_PRIVATE_KEY": oidc_rsa_private_key(IDP_RSA_KEY_FILE),
    # An empty IDP_ISSUER makes the toolkit derive the issuer from the request (useful when the
    # port is only known at run time, e.g. a live test server).
    "OIDC_ISS_ENDPOINT": os.environ.get("IDP_ISSUER", "http://127.0.0.1:8001/o"),
    "OAUTH2_VALIDATOR_CLASS": "zhicheng.idp.oidc.IdpOAuth2Validator",
    "SCOPES": {
        "openid": "OpenID Connect 身份认证",
        "profile": "姓名、身份证号、账号类型、单位信息",
        "phone": "手机号码",
    },
    "DEFAULT_SCOPES": ["openid"],
    "ACCESS_TOKEN_EXPIRE_SECONDS": 600,
    "ID_TOKEN_EXPIRE_SECONDS": 600,
    "PKCE_REQUIRED": True,
    # Only the code flow is offered (the client is registered for it); say so in discovery.
    "OIDC_RESPONSE_TYPES_SUPPORTED": ["code"],
    "OIDC_TOKEN_ENDPOINT_AUTH_METHODS_SUPPORTED": ["client_secret_post", "client_secret_basic"],
    # The relying party may end the SSO session too (end_session_endpoint); the user confirms.
    "OIDC_RP_INITIATED_LOGOUT_ENABLED": True,
    "OIDC_RP_INITIATED_LOGOUT_STRICT_REDIRECT_URIS": True,
    # `prompt=create` sends a new user straight to the registration page.
    "OIDC_RP_INITIATED_REGISTRATION_ENABLED": True,
    "OIDC_RP_INITIATED_REGISTRATION_URL": "/register/",
    # RFC 9700 (OAuth 2.0 Security BCP): adopt every compliant behaviour now rather than at
    # django-oauth-toolkit 4.0. The platform (allauth) uses the code flow with S256 PKCE, sends
    # the access token in the Authorization header and ignores the RFC 9207 `iss` parameter.
    "COMPLIANT_BCP_RFC9700_IMPLICIT_GRANT": True,
    "COMPLIANT_BCP_RFC9700_PASSWORD_GRANT": True,
    "COMPLIANT_BCP_RFC9700_PKCE_METHOD": True,
    "COMPLIANT_BCP_RFC9700_ACCESS_TOKEN_TRANSPORT": True,
    "COMPLIANT_BCP_RFC9700_AUTHZ_RESPONSE_ISS": True,
    "COMPLIANT_BCP_RFC9700_TOKEN_STORAGE": True,
    "COMPLIANT_BCP_RFC9700_REFRESH_TOKEN": True,
    "REFRESH_TOKEN_REUSE_PROTECTION": True,
    "COMPLIANT_BCP_RFC9700_REDIRECT_URI_MATCHING": True,
    "COMPLIANT_BCP_RFC9700_PKCE_REQUIRED": True,
    # Plain-http redirect URIs stay allowed: the stand-in and the platform talk over loopback
    # (http://127.0.0.1, any port per RFC 8252). The gate is left False so this is the warning
    # W008 rather than an error, and the warning is silenced below for that reason.
    "COMPLIANT_BCP_RFC9700_REDIRECT_URI_SCHEME": False,
}
SILENCED_SYSTEM_CHECKS = ["oauth2_provider.W008"]

# Real SSOs name their claims differently. To try the platform's claim settings (SSO_CLAIMS,
# SSO_ACCOUNT_TYPES) the stand-in can speak another dialect: JSON maps of our claim name to the
# one sent, and of account kind to the value sent, e.g. IDP_CLAIM_NAMES='{"id_number": "idcard"}'
# IDP_ACCOUNT_TYPE_VALUES='{"person": "1", "legal": "2"}'.
IDP_CLAIM_NAMES: dict[str, str] = json.loads(os.environ.get("IDP_CLAIM_NAMES") or "{}")
IDP_ACCOUNT_TYPE_VALUES: dict[str, str] = json.loads(
    os.environ.get("IDP_ACCOUNT_TYPE_VALUES") or "{}"
)

# Served over plain http on loopback by default. IDP_HTTPS=1 (behind a TLS-terminating proxy,
# e.g. a shared staging stand-in) turns on secure cookies and HSTS and refuses http redirect URIs.
if os.environ.get("IDP_HTTPS") == "1":
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SECURE_SSL_REDIRECT = True
    SECURE_HSTS_SECONDS = 31536000
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    CSRF_TRUSTED_ORIGINS = [f"https://{host}" for host in ALLOWED_HOSTS]
    OAUTH2_PROVIDER["ALLOWED_REDIRECT_URI_SCHEMES"] = ["https"]
    OAUTH2_PROVIDER["COMPLIANT_BCP_RFC9700_REDIRECT_URI_SCHEME"] = True
    # A stand-in on a shared staging host must not pin HSTS onto sibling subdomains or the
    # browsers' preload list.
    SILENCED_SYSTEM_CHECKS = ["security.W005", "security.W021"]

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": "WARNING"},
}
