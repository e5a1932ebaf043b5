"""`make run`: the local SSO stand-in (安徽政务服务网) on IDP_PORT and the platform on PORT.

Two processes, as in production: the platform reaches the SSO over HTTP only. Both servers are
threaded, which the login needs (the platform calls the SSO while serving its callback).

With SSO_SERVER_URL set, that SSO is used as it is and no stand-in is started.
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


def platform_environment(environ: dict[str, str], standin_url: str) -> tuple[bool, dict[str, str]]:
    """Whether to start the stand-in, and the platform's environment.

    A configured SSO_SERVER_URL wins and nothing local is started. Without it the stand-in is
    used, and the page says so whatever SSO_IS_LOCAL_STANDIN claims.
    """
    env = {
        **environ,
        "DJANGO_SETTINGS_MODULE": environ.get("DJANGO_SETTINGS_MODULE", "config.settings.dev"),
    }
    if environ.get("SSO_SERVER_URL"):
        env.setdefault("SSO_IS_LOCAL_STANDIN", "0")
        return False, env
    return True, {**env, "SSO_SERVER_URL": standin_url, "SSO_IS_LOCAL_STANDIN": "1"}


def run_platform(python: str, port: int, env: dict[str, str]) -> None:
    platform = subprocess.Popen(  # noqa: S603
        [python, "manage.py", "runserver", f"127.0.0.1:{port}"], cwd=ROOT, env=env
    )
    try:
        platform.wait()
    except KeyboardInterrupt:
        platform.send_signal(signal.SIGINT)
        platform.wait()


def main() -> None:
    port = int(os.environ.get("PORT", "8000"))
    idp_port = int(os.environ.get("IDP_PORT", str(port + 1)))
    idp_origin = f"http://127.0.0.1:{idp_port}"
    python = sys.executable
    start_standin, platform_env = platform_environment(dict(os.environ), f"{idp_origin}/o")
    if not start_standin:
        print(
            f"\n  平台：http://127.0.0.1:{port}    统一身份认证：{platform_env['SSO_SERVER_URL']}"
            f"（未启动本地模拟）\n  回调地址：http://127.0.0.1:{port}/accounts/oidc/anhui/login/callback/\n"
        )
        run_platform(python, port, platform_env)
        return
    if os.environ.get("SSO_IS_LOCAL_STANDIN") == "0":
        print("  未设置 SSO_SERVER_URL：仍使用本地模拟政务服务网（SSO_IS_LOCAL_STANDIN=0 不生效）")
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
        print(f"\n  平台：http://127.0.0.1:{port}    本地模拟安徽政务服务网：{idp_origin}\n")
        run_platform(python, port, platform_env)
    finally:
        idp.terminate()
        idp.wait(timeout=10)


if __name__ == "__main__":
    main()
