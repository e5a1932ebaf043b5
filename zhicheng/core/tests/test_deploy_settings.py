import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[3]


def test_the_production_settings_pass_the_deploy_check() -> None:
    # The browser tests' DJANGO_ALLOW_ASYNC_UNSAFE is rightly an error in a deployment.
    inherited = {k: v for k, v in os.environ.items() if k != "DJANGO_ALLOW_ASYNC_UNSAFE"}
    env = {
        **inherited,
        "DJANGO_SETTINGS_MODULE": "config.settings.prod",
        "SECRET_KEY": "a-long-random-production-secret-0123456789-abcdefghijklmnopqrstuvwxyz",
        "DATABASE_URL": "postgres://zhicheng@127.0.0.1:5432/zhicheng",
        "ALLOWED_HOSTS": "zc.example.gov.cn",
    }
    result = subprocess.run(
        [sys.executable, str(ROOT / "manage.py"), "check", "--deploy", "--fail-level", "WARNING"],
        env=env,
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_the_production_settings_require_totp_and_secure_cookies() -> None:
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "config.settings.prod",
        "SECRET_KEY": "x" * 60,
        "DATABASE_URL": "postgres://zhicheng@127.0.0.1:5432/zhicheng",
        "ALLOWED_HOSTS": "zc.example.gov.cn",
    }
    code = (
        "import django; django.setup(); from django.conf import settings as s; "
        "print(s.REQUIRE_STAFF_MFA, s.SESSION_COOKIE_SECURE, s.CSRF_COOKIE_SECURE, "
        "s.SECURE_HSTS_SECONDS >= 31536000, s.SECURE_SSL_REDIRECT)"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], env=env, cwd=ROOT, capture_output=True, text=True
    )
    assert result.stdout.split() == ["True"] * 5, result.stderr
