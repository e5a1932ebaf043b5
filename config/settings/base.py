"""Settings shared by every environment of the platform (not the idp stand-in: see idp.py)."""

import os
from pathlib import Path
from typing import Any

import dj_database_url
from csp.constants import NONCE

BASE_DIR = Path(__file__).resolve().parent.parent.parent
VAR_DIR = Path(os.environ.get("ZHICHENG_VAR_DIR", BASE_DIR / "var"))
VAR_DIR.mkdir(parents=True, exist_ok=True)  # the embedded SQLite database lives here

SECRET_KEY = os.environ.get("SECRET_KEY", "dev-only-not-secret-zhicheng")
DEBUG = False
ALLOWED_HOSTS = os.environ.get("ALLOWED_HOSTS", "127.0.0.1,localhost").split(",")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "allauth",
    "allauth.account",
    "allauth.socialaccount",
    "allauth.socialaccount.providers.openid_connect",
    "allauth.mfa",
    "csp",
    "django_htmx",
    "template_partials",
    "zhicheng.core",
    "zhicheng.audit",
    "zhicheng.accounts",
    "zhicheng.orgs",
    "zhicheng.plans",
    "zhicheng.library",
    "zhicheng.integrity",
    "zhicheng.reviews",
    "zhicheng.applications",
    "zhicheng.documents",
    "zhicheng.certificates",
    "zhicheng.portal",
    "zhicheng.demo",
    "django_tasks",
    "zhicheng.core.tasks_app.TasksDatabaseConfig",  # django_tasks_db, named in Chinese
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "zhicheng.core.middleware.RequestSizeLimitMiddleware",
    "zhicheng.audit.services.AuditRequestMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "zhicheng.accounts.middleware.IdleTimeoutMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    "zhicheng.core.middleware.MethodNotAllowedPageMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "allauth.account.middleware.AccountMiddleware",
    "zhicheng.accounts.middleware.AccountPagesMiddleware",
    "zhicheng.accounts.middleware.StaffMfaRequiredMiddleware",
    "zhicheng.accounts.middleware.FirstLoginMiddleware",
    "zhicheng.accounts.middleware.SsoUnavailableMiddleware",
]

ROOT_URLCONF = "config.urls"
WSGI_APPLICATION = "config.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "csp.context_processors.nonce",
                "zhicheng.core.context_processors.site",
            ],
        },
    }
]


def database_config(url: str | None) -> dict[str, Any]:
    """SQLite (WAL, immediate transactions) by default; PostgreSQL when DATABASE_URL says so."""
    if url:
        config: dict[str, Any] = dict(dj_database_url.parse(url, conn_max_age=60))
        if config["ENGINE"].endswith("postgresql"):
            # Concurrent runs against one cluster each name their own test database.
            config.setdefault("TEST", {})["NAME"] = os.environ.get(
                "ZHICHENG_TEST_DB", "test_zhicheng"
            )
        return config
    return {
        "ENGINE": "django.db.backends.sqlite3",
        "NAME": VAR_DIR / "zhicheng.sqlite3",
        "OPTIONS": {
            "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA busy_timeout=5000;",
            "transaction_mode": "IMMEDIATE",
        },
    }


DATABASES = {"default": database_config(os.environ.get("DATABASE_URL"))}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
AUTH_USER_MODEL = "accounts.User"

AUTHENTICATION_BACKENDS = [
    "django.contrib.auth.backends.ModelBackend",
    "allauth.account.auth_backends.AuthenticationBackend",
]

# Passwords of staff accounts: at least 8 characters from 3 of the 4 character classes.
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "zhicheng.core.passwords.MinimumLengthValidator",
        "OPTIONS": {"min_length": 8},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "zhicheng.core.passwords.CharacterClassValidator"},
]

LANGUAGE_CODE = "zh-hans"
# The platform's own words for allauth's pages (locale/zh_Hans/LC_MESSAGES/django.po).
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Asia/Shanghai"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = VAR_DIR / "static"
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(os.environ.get("ZHICHENG_MEDIA_ROOT", VAR_DIR / "media"))

# Sessions end after 30 idle minutes: IdleTimeoutMiddleware ends them, says why and records it.
# The cookie (and the stored session) outlive that, so that the browser still sends the stale
# session for the server to see; a cookie expiring at the same moment would end it without a word.
SESSION_COOKIE_NAME = "zc_session"
CSRF_COOKIE_NAME = "zc_csrftoken"
IDLE_TIMEOUT_SECONDS = 30 * 60
SESSION_COOKIE_AGE = 12 * 60 * 60
SESSION_SAVE_EVERY_REQUEST = True
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"

LOGIN_URL = "/login/"
LOGIN_REDIRECT_URL = "/"
LOGOUT_REDIRECT_URL = "/login/"

# Login lockout: 5 failures within 15 minutes lock the account name for 15 minutes.
LOCKOUT_MAX_FAILURES = 5
LOCKOUT_WINDOW_SECONDS = 15 * 60
LOCKOUT_SECONDS = 15 * 60

# --- allauth: staff log in with a local account (+ TOTP); everyone else through the provincial SSO.
ACCOUNT_ADAPTER = "zhicheng.accounts.adapters.AccountAdapter"
SOCIALACCOUNT_ADAPTER = "zhicheng.accounts.adapters.SocialAccountAdapter"
ACCOUNT_LOGIN_METHODS = {"username"}
ACCOUNT_SIGNUP_FIELDS = ["username*", "password1*", "password2*"]
ACCOUNT_EMAIL_VERIFICATION = "none"
ACCOUNT_LOGOUT_ON_GET = False
ACCOUNT_SESSION_REMEMBER = False
ACCOUNT_LOGIN_BY_CODE_ENABLED = False
# Our own lockout (accounts.lockout) replaces allauth's cache-based login_failed limit.
ACCOUNT_RATE_LIMITS = {"login_failed": None}
SOCIALACCOUNT_AUTO_SIGNUP = True
SOCIALACCOUNT_EMAIL_REQUIRED = False
SOCIALACCOUNT_QUERY_EMAIL = False
SOCIALACCOUNT_STORE_TOKENS = False
SOCIALACCOUNT_LOGIN_ON_GET = False
MFA_SUPPORTED_TYPES = ["totp", "recovery_codes"]
MFA_TOTP_ISSUER = "职称申报评审平台"
REQUIRE_STAFF_MFA = False

# The provincial SSO (安徽政务服务网). In the embedded default this is the local stand-in, the `idp`
# site served on its own port; production sets these to the real SSO and nothing else changes.
SSO_PROVIDER_ID = "anhui"
SSO_SERVER_URL = os.environ.get("SSO_SERVER_URL", "http://127.0.0.1:8001/o")
SSO_CLIENT_ID = os.environ.get("SSO_CLIENT_ID", "zhicheng-platform")
SSO_CLIENT_SECRET = os.environ.get("SSO_CLIENT_SECRET", "zhicheng-dev-client-secret")
# Without SSO_SERVER_URL the platform talks to the local stand-in; with it, to a real SSO.
SSO_IS_LOCAL_STANDIN = (
    os.environ.get("SSO_IS_LOCAL_STANDIN", "0" if "SSO_SERVER_URL" in os.environ else "1") == "1"
)


def _env_list(name: str, default: str) -> tuple[str, ...]:
    return tuple(v.strip() for v in os.environ.get(name, default).split(",") if v.strip())


# Real SSOs name their claims differently: which claim carries what (today's names by default).
# A login whose claims cannot be mapped is refused, never guessed (accounts.services).
SSO_CLAIMS = {
    "name": os.environ.get("SSO_CLAIM_NAME", "name"),
    "id_number": os.environ.get("SSO_CLAIM_ID_NUMBER", "id_number"),
    "phone": os.environ.get("SSO_CLAIM_PHONE", "phone_number"),
    "account_type": os.environ.get("SSO_CLAIM_ACCOUNT_TYPE", "account_type"),
    "unit_name": os.environ.get("SSO_CLAIM_UNIT_NAME", "unit_name"),
    "credit_code": os.environ.get("SSO_CLAIM_CREDIT_CODE", "uscc"),
}
# The values of the account-type claim for each kind of account (comma-separated in the env).
SSO_ACCOUNT_TYPES = {
    "person": _env_list("SSO_ACCOUNT_TYPE_PERSON", "person"),
    "legal": _env_list("SSO_ACCOUNT_TYPE_LEGAL", "legal"),
}
# Extra authorization parameters per login button, as a query string. The stand-in opens its
# 法人 tab on login_hint=legal; a standard provider would pre-fill its login box with it.
SSO_AUTH_PARAMS = {
    "person": os.environ.get("SSO_PERSON_AUTH_PARAMS", ""),
    "legal": os.environ.get("SSO_LEGAL_AUTH_PARAMS", "login_hint=legal"),
}
SSO_SCOPE = os.environ.get("SSO_SCOPE", "openid profile phone").split()


def sso_providers(server_url: str, client_id: str, secret: str) -> dict:
    return {
        "openid_connect": {
            "OAUTH_PKCE_ENABLED": True,
            "APPS": [
                {
                    "provider_id": SSO_PROVIDER_ID,
                    "name": "安徽政务服务网",
                    "client_id": client_id,
                    "secret": secret,
                    "settings": {
                        "server_url": server_url,
                        "scope": SSO_SCOPE,
                        "oauth_pkce_enabled": True,
                        "token_auth_method": "client_secret_post",
                        # 退出 must mean out: on a shared office computer the SSO's own session
                        # would otherwise log the next person straight into the last account.
                        "auth_params": {"prompt": "login"},
                    },
                }
            ],
        }
    }


SOCIALACCOUNT_PROVIDERS = sso_providers(SSO_SERVER_URL, SSO_CLIENT_ID, SSO_CLIENT_SECRET)
SSO_TIMEOUT_SECONDS = 10
SOCIALACCOUNT_REQUESTS_TIMEOUT = SSO_TIMEOUT_SECONDS

# --- Content-Security-Policy: no inline scripts; forms may post to the SSO (its login redirect).
# The login page adds the authorization endpoint's origin from discovery (accounts.sso); origins
# listed in SSO_FORM_ACTION_ORIGINS are allowed on every page.
SSO_ORIGIN = "/".join(SSO_SERVER_URL.split("/")[:3])
SSO_FORM_ACTION_ORIGINS = list(_env_list("SSO_FORM_ACTION_ORIGINS", ""))
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'", NONCE],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:", "blob:"],  # blob: the photo cropper previews a local file
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "frame-ancestors": ["'none'"],
        "form-action": ["'self'", SSO_ORIGIN, *SSO_FORM_ACTION_ORIGINS],
        "base-uri": ["'self'"],
        "object-src": ["'none'"],
    }
}

# 职称系列 and the title at each level: the shipped TOML file unless an administrator points to
# their own extended copy (see zhicheng/core/data/title_series.toml for the format).
ZHICHENG_TITLE_SERIES_FILE = os.environ.get("ZHICHENG_TITLE_SERIES_FILE", "")
# Holidays and 调休 days for years chinese-calendar does not know yet (see zhicheng/core/workdays.py).
ZHICHENG_WORKDAY_OVERRIDES_FILE = os.environ.get("ZHICHENG_WORKDAY_OVERRIDES_FILE", "")

# A whole request body (all files of one form) above this is refused before it is read.
MAX_REQUEST_BYTES = 40 * 1024 * 1024

# --- Background tasks: the database backend, run by `manage.py db_worker` (make run starts one).
TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}

# --- 电子职称证书 (zhicheng/certificates; README 电子职称证书 lists these).
# 证照类型代码: the ministry's 统一社会信用代码 + a 3-digit type number, given by the 电子证照库.
CERTIFICATE_TYPE_CODE = os.environ.get("CERTIFICATE_TYPE_CODE", "11100000000013338W011")
# The province in 证书编号 (GB/T 2260).
CERTIFICATE_PROVINCE_CODE = os.environ.get("CERTIFICATE_PROVINCE_CODE", "340000")
# Where the QR code points: the public origin phones reach the verification page at.
CERTIFICATE_PUBLIC_ORIGIN = os.environ.get("CERTIFICATE_PUBLIC_ORIGIN", "http://127.0.0.1:8000")
# Per issuing authority (by 统一社会信用代码 or name; "*" for all others): its 统一社会信用代码
# (颁发机构代码), its key directory (issuer-key.pem mode 0600 + issuer-cert.pem, made by
# `manage.py certificates_create_issuer_key`), the profile (ecdsa-p256 | sm2-sm3) and, where it has
# one, the label of its electronic seal (drawn by the template). A TOML file named by CERTIFICATE_ISSUERS_FILE replaces the default.
CERTIFICATE_ISSUERS: dict[str, dict[str, str]] = {
    "*": {
        "credit_code": os.environ.get("CERTIFICATE_ISSUER_CREDIT_CODE", "113400000030000003"),
        "key_dir": str(VAR_DIR / "keys" / "default"),
        "profile": "ecdsa-p256",
        "seal": "",
    }
}
if os.environ.get("CERTIFICATE_ISSUERS_FILE"):
    import tomllib

    with open(os.environ["CERTIFICATE_ISSUERS_FILE"], "rb") as _issuers:
        CERTIFICATE_ISSUERS = tomllib.load(_issuers)["issuers"]
# 评委会 seals by committee name → seal label (drawn on the certificate where configured).
CERTIFICATE_COMMITTEE_SEALS: dict[str, str] = {}
# Dev and tests create a missing issuer key on first use; production must create it on purpose.
CERTIFICATE_CREATE_MISSING_KEYS = False
# A generation task running longer than this is taken for dead (its worker was killed) and retried.
CERTIFICATE_STALL_SECONDS = int(os.environ.get("CERTIFICATE_STALL_SECONDS", "60"))
# The public JSON endpoint: requests per minute and client address.
CERTIFICATE_API_RATE_PER_MINUTE = 60

X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": "WARNING"},
}

CSRF_FAILURE_VIEW = "zhicheng.core.views.csrf_failure"
