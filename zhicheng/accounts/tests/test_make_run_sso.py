"""`make run` (scripts/serve.py): a configured SSO is used as it is; otherwise the stand-in, said so."""

import importlib.util
from pathlib import Path
from types import ModuleType

from django.conf import settings

STANDIN = "http://127.0.0.1:8001/o"


def serve_script() -> ModuleType:
    path = Path(settings.BASE_DIR) / "scripts" / "serve.py"
    spec = importlib.util.spec_from_file_location("serve_script", path)
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_a_configured_sso_server_url_starts_no_standin_and_is_kept() -> None:
    environ = {
        "SSO_SERVER_URL": "https://sso.example.gov.cn/oidc",
        "SSO_CLIENT_ID": "zc",
        "SSO_CLIENT_SECRET": "s3cret",
    }
    start_standin, env = serve_script().platform_environment(environ, STANDIN)
    assert start_standin is False
    assert env["SSO_SERVER_URL"] == "https://sso.example.gov.cn/oidc"
    assert env["SSO_CLIENT_SECRET"] == "s3cret"
    assert env["SSO_IS_LOCAL_STANDIN"] == "0"


def test_without_sso_server_url_the_standin_is_used_and_announced_on_the_page() -> None:
    start_standin, env = serve_script().platform_environment({"SSO_IS_LOCAL_STANDIN": "0"}, STANDIN)
    assert start_standin is True
    assert env["SSO_SERVER_URL"] == STANDIN
    assert env["SSO_IS_LOCAL_STANDIN"] == "1"
