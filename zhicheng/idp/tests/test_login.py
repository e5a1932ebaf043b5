import datetime
from typing import Any
from urllib.parse import quote

import pytest
from django.test import Client
from django.utils import timezone

from zhicheng.idp.models import Account, LoginThrottle

from .helpers import PASSWORD

pytestmark = pytest.mark.django_db


def log_in(client: Client, username: str, password: str, kind: str = "person", **extra: str) -> Any:
    return client.post(
        "/login/", {"kind": kind, "username": username, "password": password, **extra}
    )


def errors_of(response: Any) -> list[str]:
    return list(response.context["form"].non_field_errors())


def test_home_sends_an_anonymous_visitor_to_login(client: Client) -> None:
    response = client.get("/")
    assert response.status_code == 302
    assert response["Location"] == "/login/?next=/"


def test_a_person_logs_in_and_sees_their_account(client: Client, person: Account) -> None:
    response = log_in(client, "zhangsan", PASSWORD)
    assert response.status_code == 302
    assert response["Location"] == "/"
    page = client.get("/").content.decode()
    assert "张三" in page and "退出" in page and str(person.sub) in page


def test_login_follows_a_relative_next(client: Client, person: Account) -> None:
    response = log_in(client, "zhangsan", PASSWORD, next="/o/authorize/?client_id=x")
    assert response["Location"] == "/o/authorize/?client_id=x"


@pytest.mark.parametrize(
    "next_url", ["https://evil.example/", "//evil.example/", "/\\evil.example", "javascript:x"]
)
def test_login_ignores_an_off_site_next(client: Client, person: Account, next_url: str) -> None:
    response = log_in(client, "zhangsan", PASSWORD, next=next_url)
    assert response["Location"] == "/"


def test_a_legal_account_is_refused_on_the_person_tab(client: Client, legal: Account) -> None:
    response = log_in(client, "hefei-corp", PASSWORD, kind="person")
    assert response.status_code == 400
    assert errors_of(response) == ["该账号是法人用户，请切换到“法人用户”登录"]
    assert "_auth_user_id" not in client.session


def test_a_person_is_refused_on_the_legal_tab(client: Client, person: Account) -> None:
    response = log_in(client, "zhangsan", PASSWORD, kind="legal")
    assert errors_of(response) == ["该账号是个人用户，请切换到“个人用户”登录"]


def test_a_legal_account_logs_in_on_the_legal_tab(client: Client, legal: Account) -> None:
    assert log_in(client, "hefei-corp", PASSWORD, kind="legal").status_code == 302


def test_a_wrong_password_says_how_many_tries_are_left(client: Client, person: Account) -> None:
    response = log_in(client, "zhangsan", "wrong")
    assert errors_of(response) == ["账号或密码错误，还可尝试4次"]


@pytest.mark.parametrize(
    ("url", "active"),
    [
        ("/login/", "个人用户"),
        ("/login/?type=legal", "法人用户"),
        ("/login/?login_hint=legal", "法人用户"),
        ("/login/?next=" + quote("/o/authorize/?client_id=x&login_hint=legal"), "法人用户"),
        ("/login/?type=person&next=" + quote("/o/authorize/?login_hint=legal"), "个人用户"),
    ],
)
def test_the_login_page_preselects_the_tab(client: Client, url: str, active: str) -> None:
    response = client.get(url)
    assert response.context["kind_label"] == active
    assert [tab["label"] for tab in response.context["tabs"] if tab["active"]] == [active]


def test_the_tabs_and_register_link_keep_next(client: Client) -> None:
    next_url = "/o/authorize/?client_id=x&login_hint=legal"
    response = client.get("/login/?next=" + quote(next_url))
    assert all(quote(next_url, safe="") in tab["url"] for tab in response.context["tabs"])
    assert quote(next_url, safe="") in response.context["register_url"]


def test_logout_needs_post(client: Client, person: Account) -> None:
    client.force_login(person)
    assert client.get("/logout/").status_code == 405
    response = client.post("/logout/")
    assert response["Location"] == "/login/"
    assert client.get("/").status_code == 302


def test_login_and_logout_need_the_csrf_token(person: Account) -> None:
    client = Client(enforce_csrf_checks=True)
    assert log_in(client, "zhangsan", PASSWORD).status_code == 403
    client.force_login(person)
    assert client.post("/logout/").status_code == 403


def test_pages_carry_the_stand_in_banner_and_no_script(client: Client) -> None:
    for url in ("/login/", "/register/", "/register/?type=legal"):
        response = client.get(url)
        page = response.content.decode()
        assert "本地模拟环境 · 安徽政务服务网（测试替身，非真实政务服务网）" in page
        assert "<script" not in page
        assert "script-src 'none'" in response["Content-Security-Policy"]


def test_the_stylesheet_is_served(client: Client) -> None:
    response = client.get("/static/idp/idp.css")
    assert response.status_code == 200


# --- lockout -------------------------------------------------------------------------------


def fail_times(client: Client, username: str, times: int) -> Any:
    response = None
    for _ in range(times):
        response = log_in(client, username, "wrong-password")
    return response


def test_five_failures_lock_the_account(client: Client, person: Account) -> None:
    response = fail_times(client, "zhangsan", 5)
    assert errors_of(response) == ["登录失败次数过多，账号已锁定，请15分钟后再试"]


def test_the_right_password_is_refused_while_locked(client: Client, person: Account) -> None:
    fail_times(client, "zhangsan", 5)
    response = log_in(client, "zhangsan", PASSWORD)
    assert response.status_code == 400
    assert errors_of(response) == ["登录失败次数过多，账号已锁定，请15分钟后再试"]
    assert "_auth_user_id" not in client.session


def test_the_message_counts_down_the_minutes(client: Client, person: Account) -> None:
    fail_times(client, "zhangsan", 5)
    LoginThrottle.objects.filter(username="zhangsan").update(
        locked_until=timezone.now() + datetime.timedelta(minutes=3, seconds=10)
    )
    response = log_in(client, "zhangsan", PASSWORD)
    assert errors_of(response) == ["登录失败次数过多，账号已锁定，请4分钟后再试"]


def test_the_lock_ends_after_fifteen_minutes(client: Client, person: Account) -> None:
    fail_times(client, "zhangsan", 5)
    throttle = LoginThrottle.objects.get(username="zhangsan")
    assert throttle.locked_until is not None
    throttle.locked_until -= datetime.timedelta(minutes=15, seconds=1)
    throttle.save()
    assert log_in(client, "zhangsan", PASSWORD).status_code == 302


def test_failures_outside_the_window_do_not_add_up(client: Client, person: Account) -> None:
    fail_times(client, "zhangsan", 4)
    LoginThrottle.objects.filter(username="zhangsan").update(
        window_start=timezone.now() - datetime.timedelta(minutes=16)
    )
    response = fail_times(client, "zhangsan", 1)
    assert errors_of(response) == ["账号或密码错误，还可尝试4次"]


def test_a_success_resets_the_counter(client: Client, person: Account) -> None:
    fail_times(client, "zhangsan", 4)
    assert log_in(client, "zhangsan", PASSWORD).status_code == 302
    response = fail_times(client, "zhangsan", 1)
    assert errors_of(response) == ["账号或密码错误，还可尝试4次"]


def test_the_lockout_is_per_account(client: Client, person: Account, legal: Account) -> None:
    fail_times(client, "zhangsan", 5)
    assert log_in(client, "hefei-corp", PASSWORD, kind="legal").status_code == 302


def test_unknown_names_are_locked_too(client: Client) -> None:
    response = fail_times(client, "nobody", 5)
    assert errors_of(response) == ["登录失败次数过多，账号已锁定，请15分钟后再试"]


def test_form_action_lists_self_and_the_registered_redirect_origins(client: Client) -> None:
    from zhicheng.idp.services import client_register_or_update

    client_register_or_update(
        client_id="platform",
        client_secret="s" * 32,
        redirect_uris=[
            "https://zc.example.gov.cn/accounts/oidc/anhui/login/callback/",
            "http://127.0.0.1/accounts/oidc/anhui/login/callback/",
        ],
        post_logout_redirect_uris=[],
        name="平台",
    )
    policy = client.get("/login/")["Content-Security-Policy"]
    directives = dict(part.strip().split(" ", 1) for part in policy.split(";"))
    sources = directives["form-action"].split()
    assert sources == ["'self'", "https://zc.example.gov.cn", "http://127.0.0.1:*"]
