"""deploy/: gunicorn starts the platform with the production settings; the files agree with the
settings they depend on (request-body limit, SSO timeout, paths)."""

import os
import re
import runpy
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

from django.conf import settings

ROOT = Path(__file__).resolve().parents[3]
DEPLOY = ROOT / "deploy"


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def test_nginx_refuses_the_same_body_size_as_the_platform() -> None:
    conf = (DEPLOY / "nginx" / "zhicheng.conf").read_text()
    limit = re.search(r"client_max_body_size (\d+)m;", conf)
    assert limit and int(limit.group(1)) * 1024 * 1024 == settings.MAX_REQUEST_BYTES


def test_gunicorn_is_sized_for_the_sso_callback_and_its_timeout() -> None:
    conf = runpy.run_path(str(DEPLOY / "gunicorn.conf.py"))
    assert conf["workers"] * conf["threads"] >= 2
    assert conf["worker_class"] == "gthread"
    assert conf["timeout"] > settings.SSO_TIMEOUT_SECONDS


def test_the_systemd_units_run_files_that_exist_in_the_checkout() -> None:
    for unit in (DEPLOY / "systemd").glob("*.service"):
        for line in unit.read_text().splitlines():
            if line.startswith(("ExecStart=", "ExecStartPre=")):
                for word in line.split("=", 1)[1].split():
                    if word.startswith("/opt/zhicheng/"):
                        assert (ROOT / word.removeprefix("/opt/zhicheng/")).exists() or (
                            word.startswith("/opt/zhicheng/.venv/")
                        ), f"{unit.name}: {word}"
                    elif word.startswith("deploy/") or word == "manage.py":
                        assert (ROOT / word).exists(), f"{unit.name}: {word}"


def test_gunicorn_with_the_deploy_config_serves_the_production_settings(tmp_path: Path) -> None:
    port = _free_port()
    env = {
        **{k: v for k, v in os.environ.items() if k != "DJANGO_ALLOW_ASYNC_UNSAFE"},
        "DJANGO_SETTINGS_MODULE": "config.settings.prod",
        "SECRET_KEY": "x" * 60,
        "DATABASE_URL": f"sqlite:///{tmp_path / 'prod.sqlite3'}",
        "ALLOWED_HOSTS": "zc.example.gov.cn",
        "ZHICHENG_VAR_DIR": str(tmp_path),
        "GUNICORN_BIND": f"127.0.0.1:{port}",
        "GUNICORN_WORKERS": "1",
        "GUNICORN_THREADS": "2",
        "GUNICORN_ACCESSLOG": "",
    }
    gunicorn = Path(sys.executable).parent / "gunicorn"
    log = (tmp_path / "gunicorn.log").open("w")
    process = subprocess.Popen(
        [str(gunicorn), "-c", str(DEPLOY / "gunicorn.conf.py")],
        cwd=ROOT,
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
    )

    def get(headers: dict[str, str]) -> tuple[int, str, str]:
        request = urllib.request.Request(f"http://127.0.0.1:{port}/healthz", headers=headers)
        opener = urllib.request.build_opener(NoRedirect)
        try:
            with opener.open(request, timeout=5) as response:
                return response.status, response.read().decode(), ""
        except urllib.error.HTTPError as error:
            return error.code, "", error.headers.get("Location", "")

    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                status, body, _ = get({"Host": "zc.example.gov.cn", "X-Forwarded-Proto": "https"})
                break
            except OSError:
                assert process.poll() is None, (tmp_path / "gunicorn.log").read_text()
                assert time.monotonic() < deadline, "gunicorn did not start"
                time.sleep(0.3)
        assert (status, body) == (200, '{"status": "ok"}')
        # Plain http from outside the proxy is sent to https (SECURE_SSL_REDIRECT).
        status, _, location = get({"Host": "zc.example.gov.cn"})
        assert (status, location) == (301, "https://zc.example.gov.cn/healthz")
        status, _, _ = get({"Host": "evil.example.com", "X-Forwarded-Proto": "https"})
        assert status == 400
    finally:
        process.terminate()
        process.wait(timeout=30)


class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args: object, **kwargs: object) -> None:
        return None
