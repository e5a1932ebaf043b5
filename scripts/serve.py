"""`make run`: the local SSO stand-in (安徽政务服务网) on IDP_PORT, the platform on PORT and the
background worker (`manage.py db_worker`, certificate generation) beside it.

Two processes, as in production: the platform reaches the SSO over HTTP only. Both servers are
threaded, which the login needs (the platform calls the SSO while serving its callback).
"""

import os
import signal
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def wait_for(url: str, seconds: float = 30) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(url, timeout=2):  # noqa: S310 (loopback URL built here)
                return
        except OSError:
            time.sleep(0.2)
    raise SystemExit(f"本地模拟政务服务网未能启动：{url}")


def main() -> None:
    port = int(os.environ.get("PORT", "8000"))
    idp_port = int(os.environ.get("IDP_PORT", str(port + 1)))
    idp_origin = f"http://127.0.0.1:{idp_port}"
    python = sys.executable
    idp_env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "config.settings.idp",
        "IDP_ISSUER": f"{idp_origin}/o",
        "IDP_DEBUG": "1",
    }
    idp = subprocess.Popen(  # noqa: S603
        [python, "manage.py", "runserver", f"127.0.0.1:{idp_port}", "--noreload"],
        cwd=ROOT,
        env=idp_env,
    )
    try:
        wait_for(f"{idp_origin}/o/.well-known/openid-configuration")
        platform_env = {
            **os.environ,
            "DJANGO_SETTINGS_MODULE": os.environ.get(
                "DJANGO_SETTINGS_MODULE", "config.settings.dev"
            ),
            "SSO_SERVER_URL": f"{idp_origin}/o",
        }
        print(f"\n  平台：http://127.0.0.1:{port}    本地模拟安徽政务服务网：{idp_origin}\n")
        # The background worker (certificate generation): a third process, as in production.
        worker = subprocess.Popen(  # noqa: S603
            [python, "manage.py", "db_worker", "--interval", "0.5", "--no-reload", "-v0"],
            cwd=ROOT,
            env=platform_env,
        )
        platform = subprocess.Popen(  # noqa: S603
            [python, "manage.py", "runserver", f"127.0.0.1:{port}"], cwd=ROOT, env=platform_env
        )
        try:
            platform.wait()
        except KeyboardInterrupt:
            platform.send_signal(signal.SIGINT)
            platform.wait()
        finally:
            worker.terminate()
            worker.wait(timeout=10)
    finally:
        idp.terminate()
        idp.wait(timeout=10)


if __name__ == "__main__":
    main()
