import datetime
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from zhicheng.accounts.models import LoginThrottle
from zhicheng.audit.models import AuditEvent
from zhicheng.core.tests.factories import UserFactory
from zhicheng.demo.people import DEMO_PASSWORD

pytestmark = pytest.mark.django_db


def login(client: Client, username: str, password: str) -> Any:
    return client.post(reverse("account_login"), {"login": username, "password": password})


def test_staff_log_in_with_their_local_account_and_land_on_the_workbench(client: Client) -> None:
    UserFactory(username="reviewer1")
    response = login(client, "reviewer1", DEMO_PASSWORD)
    assert response.status_code == 302
    assert response["Location"] == reverse("portal:staff_home")
    event = AuditEvent.objects.get(kind=AuditEvent.Kind.LOGIN)
    assert (event.username, event.result, event.ip) == ("reviewer1", "success", "127.0.0.1")


def test_a_wrong_password_is_refused_in_chinese_and_audited(client: Client) -> None:
    UserFactory(username="reviewer1")
    response = login(client, "reviewer1", "Wrong-pass1")
    assert response.status_code == 200
    assert "_auth_user_id" not in client.session
    assert AuditEvent.objects.filter(
        kind=AuditEvent.Kind.LOGIN_FAILED, username="reviewer1", result="failure"
    ).exists()


def test_five_failures_lock_the_account_even_against_the_right_password(client: Client) -> None:
    UserFactory(username="reviewer1")
    for _ in range(5):
        login(client, "reviewer1", "Wrong-pass1")
    response = login(client, "reviewer1", DEMO_PASSWORD)
    assert "_auth_user_id" not in client.session
    assert "账号已锁定" in response.content.decode()
    assert AuditEvent.objects.filter(kind=AuditEvent.Kind.LOCKED, username="reviewer1").count() == 2


def test_the_lock_ends_after_fifteen_minutes(client: Client) -> None:
    UserFactory(username="reviewer1")
    for _ in range(5):
        login(client, "reviewer1", "Wrong-pass1")
    LoginThrottle.objects.filter(username="reviewer1").update(
        locked_until=timezone.now() - datetime.timedelta(seconds=1)
    )
    response = login(client, "reviewer1", DEMO_PASSWORD)
    assert response.status_code == 302
    assert client.session["_auth_user_id"]


def test_four_failures_then_a_success_reset_the_count(client: Client) -> None:
    UserFactory(username="reviewer1")
    for _ in range(4):
        login(client, "reviewer1", "Wrong-pass1")
    assert login(client, "reviewer1", DEMO_PASSWORD).status_code == 302
    client.post(reverse("account_logout"))
    for _ in range(4):
        login(client, "reviewer1", "Wrong-pass1")
    assert login(client, "reviewer1", DEMO_PASSWORD).status_code == 302


def test_failures_older_than_the_window_do_not_count(client: Client) -> None:
    UserFactory(username="reviewer1")
    for _ in range(4):
        login(client, "reviewer1", "Wrong-pass1")
    LoginThrottle.objects.filter(username="reviewer1").update(
        window_start=timezone.now() - datetime.timedelta(minutes=16)
    )
    login(client, "reviewer1", "Wrong-pass1")
    assert login(client, "reviewer1", DEMO_PASSWORD).status_code == 302


def test_unknown_names_are_locked_alike(client: Client) -> None:
    for _ in range(6):
        response = login(client, "nobody", "Wrong-pass1")
    assert "账号已锁定" in response.content.decode()


def test_sso_accounts_cannot_log_in_with_a_local_password(client: Client, cast: Any) -> None:
    response = login(client, cast.applicant.username, "")
    assert response.status_code == 200
    assert "_auth_user_id" not in client.session


def test_logout_is_a_post_and_is_audited(client: Client) -> None:
    user = UserFactory(username="reviewer1")
    client.force_login(user)
    response = client.post(reverse("account_logout"))
    assert response.status_code == 302
    assert "_auth_user_id" not in client.session
    assert AuditEvent.objects.filter(kind=AuditEvent.Kind.LOGOUT, username="reviewer1").exists()


def test_self_signup_is_closed(client: Client) -> None:
    response = client.post(
        reverse("account_signup"),
        {"username": "mallory", "password1": "Aa1!aaaaaa", "password2": "Aa1!aaaaaa"},
    )
    assert response.status_code == 404
    assert not UserFactory._meta.model.objects.filter(username="mallory").exists()


def test_the_password_help_does_not_lead_to_a_missing_reset_page(cast: Any) -> None:
    from django.test import Client

    client = Client()
    client.force_login(cast.outsider)
    page = client.get("/accounts/reauthenticate/").content.decode()
    assert "请联系系统管理员" in page
    assert "/accounts/password/reset/" not in page
