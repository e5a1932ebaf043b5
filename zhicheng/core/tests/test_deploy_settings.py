import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[3]


def test_the_production_settings_pass_the_deploy_check(tmp_path: Path) -> None:
    # The browser tests' DJANGO_ALLOW_ASYNC_UNSAFE is rightly an error in a deployment.
    inherited = {k: v for k, v in os.environ.items() if k != "DJANGO_ALLOW_ASYNC_UNSAFE"}
    # Production refuses to start without the issuer's signing key: give it one, as a deployment does.
    from zhicheng.certificates.keys import create_issuer_key

    create_issuer_key(
        profile="ecdsa-p256", name="安徽省人力资源和社会保障厅", out_dir=tmp_path / "key"
    )
    issuers = tmp_path / "issuers.toml"
    issuers.write_text(
        f'[issuers."*"]\ncredit_code = "113400000030000003"\nkey_dir = "{tmp_path / "key"}"\n',
        encoding="utf-8",
    )
    env = {
        **inherited,
        "CERTIFICATE_ISSUERS_FILE": str(issuers),
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
