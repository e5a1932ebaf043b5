"""The OIDC login against the real idp stand-in, running as its own process."""

import re
from typing import Any
from urllib.parse import parse_qs, urlsplit

import pytest
import requests
from django.test import Client
from django.urls import reverse

from zhicheng.accounts.models import User
from zhicheng.audit.models import AuditEvent
from zhicheng.core.tests.factories import make_credit_code, make_id_number
from zhicheng.demo.people import DEMO_PASSWORD

pytestmark = pytest.mark.django_db(transaction=False)

LOGIN_URL = "/accounts/oidc/anhui/login/"


def idp_login(authorize_url: str, username: str, kind: str = "person") -> str:
    """Log in at the idp as a browser would; return the redirect back to the platform."""
    session = requests.Session()
    response = session.get(authorize_url, allow_redirects=False, timeout=10)
    assert response.status_code == 302, response.text[:500]
    login_url = requests.compat.urljoin(authorize_url, response.headers["Location"])
    page = session.get(login_url, timeout=10)
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page.text)
    next_value = re.search(r'name="next" value="([^"]*)"', page.text)
    assert token and next_value
    response = session.post(
        login_url,
        data={
            "csrfmiddlewaretoken": token.group(1),
            "kind": kind,
            "username": username,
            "password": DEMO_PASSWORD,
            "next": next_value.group(1).replace("&amp;", "&"),
        },
        headers={"Referer": login_url},
        allow_redirects=False,
        timeout=10,
    )
    assert response.status_code == 302, response.text[:2000]
    authorize = requests.compat.urljoin(login_url, response.headers["Location"])
    response = session.get(authorize, allow_redirects=False, timeout=10)
    assert response.status_code == 302, response.text[:2000]
    return response.headers["Location"]


def start_login(client: Client, *, legal: bool = False) -> str:
    query = "?process=login" + ("&auth_params=login_hint%3Dlegal" if legal else "")
    response = client.post(LOGIN_URL + query)
    assert response.status_code == 302
    return response["Location"]


def callback_path(location: str) -> str:
    parts = urlsplit(location)
    return f"{parts.path}?{parts.query}"


@pytest.fixture
def person(sso: Any) -> dict[str, str]:
    account = {
        "kind": "person",
        "username": f"p{make_id_number()[-6:]}",
        "password": DEMO_PASSWORD,
        "name": "赵敏",
        "id_number": make_id_number("19900215"),
        "phone": "13912345678",
    }
    sso.create_account(**account)
    return account


def test_a_person_logs_in_through_the_sso_and_is_created_from_its_claims(
    client: Client, sso: Any, person: dict[str, str]
) -> None:
    authorize_url = start_login(client)
    assert authorize_url.startswith(sso.server_url + "/authorize/")
    query = parse_qs(urlsplit(authorize_url).query)
    assert query["code_challenge_method"] == ["S256"]
    assert "openid" in query["scope"][0].split()
    back = idp_login(authorize_url, person["username"])
    response = client.get(callback_path(back))
    assert response.status_code == 302
    assert response["Location"] == reverse("portal:first_login")
    user = User.objects.get(id_number=person["id_number"])
    # GB 11643: the 17th character is odd for men, even for women.
    sex = "男" if int(person["id_number"][16]) % 2 else "女"
    assert (user.kind, user.name, user.phone, user.sex) == ("person", "赵敏", "13912345678", sex)
    assert str(user.birth_date) == "1990-02-15"
    assert not user.has_usable_password()
    assert user.socialaccount_set.get().provider == "anhui"
    assert AuditEvent.objects.filter(kind=AuditEvent.Kind.ACCOUNT_CREATED, user=user).exists()
    assert AuditEvent.objects.filter(kind=AuditEvent.Kind.LOGIN, user=user).exists()


def test_a_second_login_finds_the_same_account(
    client: Client, sso: Any, person: dict[str, str]
) -> None:
    client.get(callback_path(idp_login(start_login(client), person["username"])))
    client.post(reverse("account_logout"))
    client.get(callback_path(idp_login(start_login(client), person["username"])))
    assert User.objects.filter(id_number=person["id_number"]).count() == 1
    assert client.session["_auth_user_id"]


def test_a_legal_person_logs_in_to_the_unit_workbench(client: Client, sso: Any) -> None:
    code = make_credit_code()
    sso.create_legal_account(username="unit1", unit_name="合肥测试科技有限公司", uscc=code)
    authorize_url = start_login(client, legal=True)
    assert parse_qs(urlsplit(authorize_url).query)["login_hint"] == ["legal"]
    response = client.get(callback_path(idp_login(authorize_url, "unit1", kind="legal")))
    assert response["Location"] == reverse("portal:unit_home")
    user = User.objects.get(credit_code=code)
    assert (user.kind, user.unit_name, user.id_number) == ("legal", "合肥测试科技有限公司", None)
    page = client.get(reverse("portal:unit_home")).content.decode()
    assert "合肥测试科技有限公司" in page and code in page


def test_a_forged_state_is_refused_and_creates_nothing(
    client: Client, sso: Any, person: dict[str, str]
) -> None:
    back = idp_login(start_login(client), person["username"])
    forged = re.sub(r"state=[^&]+", "state=forged", callback_path(back))
    response = client.get(forged)
    assert response.status_code in (200, 401, 403)
    assert "登录失败" in response.content.decode()
    assert not User.objects.filter(id_number=person["id_number"]).exists()
    assert "_auth_user_id" not in client.session


def test_a_replayed_callback_is_refused(client: Client, sso: Any, person: dict[str, str]) -> None:
    back = callback_path(idp_login(start_login(client), person["username"]))
    assert client.get(back).status_code == 302
    client.post(reverse("account_logout"))
    replay = client.get(back)
    assert "登录失败" in replay.content.decode()
    assert "_auth_user_id" not in client.session


def test_a_callback_from_another_browser_is_refused(
    client: Client, sso: Any, person: dict[str, str]
) -> None:
    back = callback_path(idp_login(start_login(client), person["username"]))
    response = Client().get(back)
    assert "登录失败" in response.content.decode()
    assert not User.objects.filter(id_number=person["id_number"]).exists()


def test_an_unreachable_sso_reads_as_such(client: Client, settings: Any) -> None:
    from conftest import point_platform_at

    point_platform_at(settings, "http://127.0.0.1:9/o")  # nothing listens on port 9
    response = client.post(LOGIN_URL + "?process=login")
    assert response.status_code == 503
    assert "暂时无法连接安徽政务服务网" in response.content.decode()
    assert AuditEvent.objects.filter(kind=AuditEvent.Kind.SSO_ERROR).exists()


def test_name_and_id_number_never_change_after_the_first_login(
    client: Client, sso: Any, person: dict[str, str]
) -> None:
    client.get(callback_path(idp_login(start_login(client), person["username"])))
    client.post(reverse("account_logout"))
    sso.create_account(**{**person, "name": "赵改名", "phone": "13711112222"})
    client.get(callback_path(idp_login(start_login(client), person["username"])))
    user = User.objects.get(id_number=person["id_number"])
    assert user.name == "赵敏"
    assert user.phone == "13711112222"  # the phone may change at the SSO
