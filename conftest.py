"""Fixtures shared by the platform's suite and the browser journeys.

Nothing from the platform is imported at module level: the idp stand-in's own suite runs under its
own settings (see the Makefile) and must not load the platform's models.
"""

import copy
import os
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parent
CALLBACK_PATH = "/accounts/oidc/anhui/login/callback/"


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@dataclass
class IdpServer:
    """The local SSO stand-in, started as its own process for the test session."""

    origin: str
    env: dict[str, str]

    @property
    def server_url(self) -> str:
        return f"{self.origin}/o"

    def manage(self, *args: str) -> str:
        result = subprocess.run(  # noqa: S603
            [sys.executable, str(ROOT / "manage.py"), *args],
            env=self.env,
            capture_output=True,
            text=True,
        )
        if result.returncode != 0:
            raise RuntimeError(f"idp {args[0]} failed:\n{result.stdout}\n{result.stderr}")
        return result.stdout

    def create_account(self, **fields: str) -> None:
        args: list[str] = ["idp_create_account"]
        for key, value in fields.items():
            args += [f"--{key.replace('_', '-')}", value]
        self.manage(*args)

    def create_legal_account(self, *, username: str, unit_name: str, uscc: str) -> None:
        """A 法人 account whose legal representative was born in 1970 (a valid 身份证号)."""
        from zhicheng.core.tests.factories import make_id_number
        from zhicheng.demo.people import DEMO_PASSWORD

        self.create_account(
            kind="legal",
            username=username,
            password=DEMO_PASSWORD,
            name="法定代表人",
            id_number=make_id_number("19700101", region="110105"),
            phone="13700000001",
            unit_name=unit_name,
            uscc=uscc,
        )


def _start_idp(
    tmp_path_factory: pytest.TempPathFactory, extra_env: dict[str, str] | None = None
) -> Iterator[IdpServer]:
    if os.environ.get("DJANGO_SETTINGS_MODULE") == "config.settings.idp":
        pytest.skip("the idp's own suite does not start a second idp")
    var_dir = tmp_path_factory.mktemp("idp")
    port = _free_port()
    origin = f"http://127.0.0.1:{port}"
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "config.settings.idp",
        "ZHICHENG_VAR_DIR": str(var_dir),
        "IDP_ISSUER": f"{origin}/o",
        **(extra_env or {}),
    }
    env.pop("IDP_DATABASE_URL", None)
    server = IdpServer(origin=origin, env=env)
    from django.conf import settings

    server.manage("migrate", "--noinput", "-v0")
    server.manage(
        "idp_setup",
        "--client-id",
        settings.SSO_CLIENT_ID,
        "--client-secret",
        settings.SSO_CLIENT_SECRET,
        "--redirect-uri",
        f"http://127.0.0.1{CALLBACK_PATH}",
        "--redirect-uri",
        f"http://testserver{CALLBACK_PATH}",
    )
    log = (var_dir / "server.log").open("w")
    process = subprocess.Popen(  # noqa: S603
        [sys.executable, str(ROOT / "manage.py"), "runserver", f"127.0.0.1:{port}", "--noreload"],
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    deadline = time.monotonic() + 30
    while True:
        try:
            with urllib.request.urlopen(f"{origin}/o/.well-known/openid-configuration", timeout=2):  # noqa: S310
                break
        except OSError:
            if time.monotonic() > deadline or process.poll() is not None:
                process.kill()
                raise RuntimeError(f"idp did not start; see {var_dir / 'server.log'}") from None
            time.sleep(0.2)
    yield server
    process.terminate()
    process.wait(timeout=10)


@pytest.fixture(scope="session")
def idp_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[IdpServer]:
    yield from _start_idp(tmp_path_factory)


# A stand-in speaking another dialect, as a real SSO may: other claim names, numeric account types.
OTHER_DIALECT_CLAIMS = {
    "name": "real_name",
    "id_number": "idcard",
    "phone_number": "mobile",
    "account_type": "user_type",
    "unit_name": "corp_name",
    "uscc": "corp_credit_code",
}
OTHER_DIALECT_ACCOUNT_TYPES = {"person": "1", "legal": "2"}


@pytest.fixture(scope="session")
def idp_server_other_dialect(tmp_path_factory: pytest.TempPathFactory) -> Iterator[IdpServer]:
    import json

    yield from _start_idp(
        tmp_path_factory,
        {
            "IDP_CLAIM_NAMES": json.dumps(OTHER_DIALECT_CLAIMS),
            "IDP_ACCOUNT_TYPE_VALUES": json.dumps(OTHER_DIALECT_ACCOUNT_TYPES),
        },
    )


def point_platform_at(settings: Any, server_url: str) -> None:
    """Aim the relying party at an SSO (a deep copy: the settings fixture restores the original)."""
    providers = copy.deepcopy(settings.SOCIALACCOUNT_PROVIDERS)
    providers["openid_connect"]["APPS"][0]["settings"]["server_url"] = server_url
    settings.SOCIALACCOUNT_PROVIDERS = providers
    settings.SSO_SERVER_URL = server_url
    csp = copy.deepcopy(settings.CONTENT_SECURITY_POLICY)
    origin = "/".join(server_url.split("/")[:3])
    csp["DIRECTIVES"]["form-action"] = ["'self'", origin]
    settings.CONTENT_SECURITY_POLICY = csp


@pytest.fixture
def sso(idp_server: IdpServer, settings: Any) -> IdpServer:
    point_platform_at(settings, idp_server.server_url)
    return idp_server


@pytest.fixture(scope="session", autouse=True)
def _audit_flush_allowed() -> Iterator[None]:
    """Let the test runner empty the append-only audit table between transactional tests."""
    if os.environ.get("DJANGO_SETTINGS_MODULE") == "config.settings.idp":
        yield
        return
    from django.core.management.commands import flush

    from zhicheng.audit.sqlite import flushing_allowed

    original = flush.Command.handle

    def handle(self: Any, *args: Any, **options: Any) -> Any:
        with flushing_allowed():
            return original(self, *args, **options)

    flush.Command.handle = handle  # type: ignore[method-assign]
    yield
    flush.Command.handle = original  # type: ignore[method-assign]


@pytest.hookimpl(trylast=True)
def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Browser journeys run last. pytest-django puts tests without a database after those with
    one, which put e2e/ before them; Playwright's sync API then keeps an event loop running on the
    main thread, and code that calls asyncio.run() (pyHanko signing in certificates) fails."""
    items.sort(key=lambda item: item.nodeid.startswith("e2e/"))
