"""A real SSO by settings alone: claim names, account-type values, authorization parameters,
the issuer check, the CSP for the authorization endpoint and configuration errors.

Most tests run against the stand-in speaking another dialect (other claim names, numeric account
types) with the platform configured to match, and no login hint sent.
"""

import copy
import html
import re
from typing import Any
from urllib.parse import parse_qs, urlsplit

import pytest
from django.test import Client
from django.urls import reverse

from conftest import OTHER_DIALECT_ACCOUNT_TYPES, OTHER_DIALECT_CLAIMS, point_platform_at
from zhicheng.accounts.models import User
from zhicheng.accounts.tests.test_sso_login import callback_path, idp_login
from zhicheng.audit.models import AuditEvent
from zhicheng.core.tests.factories import make_credit_code, make_id_number
from zhicheng.demo.people import DEMO_PASSWORD

pytestmark = pytest.mark.django_db(transaction=False)

PLATFORM_CLAIMS = {
    "name": "real_name",
    "id_number": "idcard",
    "phone": "mobile",
    "account_type": "user_type",
    "unit_name": "corp_name",
    "credit_code": "corp_credit_code",
}


def set_app_settings(settings: Any, **changes: Any) -> None:
    providers = copy.deepcopy(settings.SOCIALACCOUNT_PROVIDERS)
    app = providers["openid_connect"]["APPS"][0]
    for key, value in changes.items():
        if key == "secret":
            app["secret"] = value
        else:
            app["settings"][key] = value
    settings.SOCIALACCOUNT_PROVIDERS = providers


@pytest.fixture
def dialect(idp_server_other_dialect: Any, settings: Any) -> Any:
    """The platform pointed at the other-dialect stand-in and configured for it, no login hint."""
    assert OTHER_DIALECT_CLAIMS["id_number"] == PLATFORM_CLAIMS["id_number"]
    point_platform_at(settings, idp_server_other_dialect.server_url)
    settings.SSO_CLAIMS = PLATFORM_CLAIMS
    settings.SSO_ACCOUNT_TYPES = {k: (v,) for k, v in OTHER_DIALECT_ACCOUNT_TYPES.items()}
    settings.SSO_AUTH_PARAMS = {"person": "", "legal": ""}
    return idp_server_other_dialect


def press(client: Client, testid: str) -> str:
    """Press a login button as the browser would: post to its form's action; the SSO URL."""
    page = client.get(reverse("accounts:login")).content.decode()
    form = re.search(
        r'<form method="post" action="([^"]+)">(?:(?!</form>).)*data-testid="' + testid,
        page,
        re.S,
    )
    assert form, page
    response = client.post(html.unescape(form.group(1)))
    assert response.status_code == 302, response.content.decode()[:500]
    return response["Location"]


def make_person(server: Any) -> dict[str, str]:
    account = {
        "kind": "person",
        "username": f"p{make_id_number()[-6:]}",
        "password": DEMO_PASSWORD,
        "name": "钱学敏",
        "id_number": make_id_number("19850311"),
        "phone": "13955556666",
    }
    server.create_account(**account)
    return account


def refusals() -> Any:
    return AuditEvent.objects.filter(
        kind=AuditEvent.Kind.SSO_ERROR, result=AuditEvent.Result.FAILURE
    )


def test_a_person_logs_in_with_other_claim_names(client: Client, dialect: Any) -> None:
    person = make_person(dialect)
    back = idp_login(press(client, "person-login"), person["username"])
    assert client.get(callback_path(back))["Location"] == reverse("accounts:first_login")
    user = User.objects.get(id_number=person["id_number"])
    assert (user.kind, user.name, user.phone) == ("person", "钱学敏", "13955556666")
    assert str(user.birth_date) == "1985-03-11"


def test_a_legal_person_logs_in_with_other_claim_names_and_no_login_hint(
    client: Client, dialect: Any
) -> None:
    code = make_credit_code()
    dialect.create_legal_account(username="corp7", unit_name="芜湖测试制造有限公司", uscc=code)
    authorize_url = press(client, "legal-login")
    query = parse_qs(urlsplit(authorize_url).query)
    assert "login_hint" not in query
    assert query["prompt"] == ["login"]
    response = client.get(callback_path(idp_login(authorize_url, "corp7", kind="legal")))
    assert response["Location"] == reverse("accounts:unit_home")
    user = User.objects.get(credit_code=code)
    assert (user.kind, user.unit_name) == ("legal", "芜湖测试制造有限公司")


def test_the_legal_button_sends_the_configured_parameters(
    client: Client, sso: Any, settings: Any
) -> None:
    settings.SSO_AUTH_PARAMS = {"person": "acr_values=person", "legal": "acr_values=corp"}
    assert parse_qs(urlsplit(press(client, "legal-login")).query)["acr_values"] == ["corp"]
    assert parse_qs(urlsplit(press(client, "person-login")).query)["acr_values"] == ["person"]


def test_a_missing_account_type_is_refused_never_taken_as_a_person(
    client: Client, idp_server_other_dialect: Any, settings: Any
) -> None:
    # The platform keeps today's claim names: the SSO's user_type is not where it looks.
    point_platform_at(settings, idp_server_other_dialect.server_url)
    person = make_person(idp_server_other_dialect)
    response = client.get(
        callback_path(idp_login(press(client, "person-login"), person["username"]))
    )
    assert response.status_code == 403
    assert "未返回账号类型（声明 account_type）" in response.content.decode()
    assert not User.objects.filter(name="钱学敏").exists()
    assert "_auth_user_id" not in client.session
    event = refusals().get()
    assert event.detail["configuration_error"] is True
    assert "user_type" in event.detail["received_claims"]
    assert "13955556666" not in str(event.detail)  # claim names, never personal data


def test_an_unknown_account_type_value_is_refused(
    client: Client, dialect: Any, settings: Any
) -> None:
    settings.SSO_ACCOUNT_TYPES = {"person": ("P",), "legal": ("L",)}
    person = make_person(dialect)
    response = client.get(
        callback_path(idp_login(press(client, "person-login"), person["username"]))
    )
    assert response.status_code == 403
    assert "无法识别的账号类型（user_type=1）" in response.content.decode()
    assert not User.objects.filter(name="钱学敏").exists()
    assert refusals().get().detail["cause"] == "unmapped_claims"


def test_an_issuer_other_than_the_configured_url_is_refused(
    client: Client, idp_server: Any, settings: Any
) -> None:
    # The same server under another name: discovery says 127.0.0.1, we were told localhost.
    server_url = idp_server.server_url.replace("127.0.0.1", "localhost")
    point_platform_at(settings, server_url)
    response = client.post(
        reverse("openid_connect_login", kwargs={"provider_id": "anhui"}) + "?process=login"
    )
    assert response.status_code == 503
    assert "对接配置有误" in response.content.decode()
    event = refusals().get()
    assert event.detail["cause"] == "issuer_mismatch"
    assert event.detail["expected"] == server_url
    assert event.detail["issuer"] == idp_server.server_url


def test_an_issuer_mismatch_at_the_callback_logs_nobody_in(
    client: Client, sso: Any, settings: Any
) -> None:
    person = make_person(sso)
    back = idp_login(press(client, "person-login"), person["username"])
    point_platform_at(settings, sso.server_url.replace("127.0.0.1", "localhost"))
    response = client.get(callback_path(back))
    assert response.status_code == 503
    assert not User.objects.filter(name="钱学敏").exists()
    assert "_auth_user_id" not in client.session


def test_the_login_page_allows_forms_to_reach_an_authorization_endpoint_on_another_host(
    client: Client, sso: Any, settings: Any
) -> None:
    set_app_settings(
        settings,
        openid_configuration_overrides={
            "authorization_endpoint": "https://login.sso.example.test/authorize"
        },
    )
    response = client.get(reverse("accounts:login"))
    form_action = re.search(r"form-action ([^;]+)", response["Content-Security-Policy"])
    assert form_action
    sources = form_action.group(1).split()
    assert "https://login.sso.example.test" in sources
    assert sso.origin in sources
    assert press(client, "person-login").startswith("https://login.sso.example.test/authorize?")


def test_the_login_page_renders_when_discovery_is_down(client: Client, settings: Any) -> None:
    point_platform_at(settings, "http://127.0.0.1:9/o")
    response = client.get(reverse("accounts:login"))
    assert response.status_code == 200
    assert "form-action 'self' http://127.0.0.1:9" in response["Content-Security-Policy"]


def test_a_wrong_client_secret_looks_expired_to_the_person_and_tells_the_administrator(
    client: Client, sso: Any, settings: Any
) -> None:
    set_app_settings(settings, secret="not-the-registered-secret")
    person = make_person(sso)
    response = client.get(
        callback_path(idp_login(press(client, "person-login"), person["username"]))
    )
    page = response.content.decode()
    assert "登录结果无法验证" in page  # the page an expired login shows
    assert "invalid_client" not in page
    assert "_auth_user_id" not in client.session
    event = refusals().get()
    assert (event.detail["cause"], event.detail["configuration_error"]) == (
        "invalid_client",
        True,
    )

    admin = User.objects.create_superuser(username="sysadmin", password="Admin@2026x")
    client.force_login(admin)
    index = client.get("/admin/").content.decode()
    assert "统一身份认证配置错误" in index
    assert "invalid_client" in index


def test_an_expired_login_is_no_configuration_error(client: Client, sso: Any) -> None:
    person = make_person(sso)
    back = callback_path(idp_login(press(client, "person-login"), person["username"]))
    assert client.get(back).status_code == 302
    client.post(reverse("account_logout"))
    client.get(back)  # the code and state are used up
    assert not refusals().filter(detail__configuration_error=True).exists()

    admin = User.objects.create_superuser(username="sysadmin", password="Admin@2026x")
    client.force_login(admin)
    assert "统一身份认证配置错误" not in client.get("/admin/").content.decode()
