"""Issue 9.1: the admin has no login form of its own, and a staff session reaches no staff or admin
page before it has passed TOTP in this session (not merely: the account has a device)."""

from typing import Any

import pytest
from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret
from django.test import Client
from django.urls import reverse

from zhicheng.accounts.models import LoginThrottle
from zhicheng.accounts.tests.test_staff_mfa import current_code
from zhicheng.core.tests.test_access_matrix import MATRIX, URLS
from zhicheng.demo.people import DEMO_PASSWORD

pytestmark = pytest.mark.django_db


def admin_login_post(client: Client, username: str, password: str) -> Any:
    return client.post(
        reverse("admin:login"), {"username": username, "password": password, "next": "/admin/"}
    )


def set_admin_password(cast: Any) -> Any:
    cast.admin.username = "admin"
    cast.admin.set_password(DEMO_PASSWORD)
    cast.admin.save()
    return cast.admin


def test_the_admin_login_sends_anonymous_visitors_to_the_staff_login(client: Client) -> None:
    response = client.get(reverse("admin:login"))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("account_login") + "?next=")


def test_a_logged_in_person_gets_no_admin_login_form(cast: Any) -> None:
    set_admin_password(cast)
    client = Client()
    client.force_login(cast.outsider)
    page = client.get(reverse("admin:login"))
    assert page.status_code == 403 and 'name="password"' not in page.content.decode()
    # The attack: the admin's form logged anyone in as `admin` without the lockout or the code.
    response = admin_login_post(client, "admin", DEMO_PASSWORD)
    assert response.status_code == 403
    assert client.session["_auth_user_id"] == str(cast.outsider.pk)


def outsider_client(cast: Any) -> Client:
    """Anyone may register at the SSO; a logged-in person used to get the admin's own form."""
    client = Client()
    client.force_login(cast.outsider)
    return client


def assert_still_outsider(client: Client, cast: Any) -> None:
    assert client.session.get("_auth_user_id") == str(cast.outsider.pk)


def test_wrong_passwords_at_the_admin_login_are_no_way_around_the_lockout(cast: Any) -> None:
    set_admin_password(cast)
    client = outsider_client(cast)
    for _ in range(8):
        admin_login_post(client, "admin", "Wrong-pass1")
    admin_login_post(client, "admin", DEMO_PASSWORD)
    assert_still_outsider(client, cast)


def test_a_locked_admin_does_not_log_in_at_the_admin_login(cast: Any) -> None:
    set_admin_password(cast)
    anonymous = Client()
    for _ in range(5):
        anonymous.post(reverse("account_login"), {"login": "admin", "password": "Wrong-pass1"})
    assert LoginThrottle.objects.get(username="admin").locked_until is not None
    client = outsider_client(cast)
    admin_login_post(client, "admin", DEMO_PASSWORD)
    assert_still_outsider(client, cast)


def test_an_admin_with_totp_cannot_log_in_with_the_password_alone(cast: Any) -> None:
    admin = set_admin_password(cast)
    secret = generate_totp_secret()
    TOTP.activate(admin, secret)
    client = outsider_client(cast)
    admin_login_post(client, "admin", DEMO_PASSWORD)
    assert_still_outsider(client, cast)
    client = Client()
    response = client.post(reverse("account_login"), {"login": "admin", "password": DEMO_PASSWORD})
    assert response["Location"] == reverse("mfa_authenticate")
    client.post(reverse("mfa_authenticate"), {"code": current_code(secret)})
    assert client.session["_auth_user_id"] == str(admin.pk)
    assert client.get(reverse("admin:index")).status_code == 200


@pytest.mark.parametrize("role", ["admin", "organizer", "auditor", "hr_reviewer"])
def test_a_session_that_has_not_passed_totp_reaches_no_staff_url(cast: Any, role: str) -> None:
    """A session made without the MFA stage (here: force_login) for an account with TOTP."""
    user = cast.role(role)
    TOTP.activate(user, generate_totp_secret())
    failures = []
    for name in sorted(MATRIX):
        client = Client()
        client.force_login(user)
        url = URLS[name](cast) if name in URLS else reverse(name)
        # Public pages, and allauth pages closed to everyone (404 before any session check).
        if url.startswith(("/healthz", "/login/", "/accounts/login/")) or MATRIX[name] == {
            "*": 404
        }:
            continue
        for method in (client.get, client.post):
            response = method(url)
            if response.status_code != 302 or response["Location"] != reverse("account_login"):
                failures.append(f"{method.__name__} {url}: {response.status_code}")
            if "_auth_user_id" in client.session:
                failures.append(f"{method.__name__} {url}: session kept")
            client.force_login(user)
    assert not failures, failures


def test_production_requires_totp_per_session_too(cast: Any, settings: Any) -> None:
    settings.REQUIRE_STAFF_MFA = True
    TOTP.activate(cast.admin, generate_totp_secret())
    client = Client()
    client.force_login(cast.admin)
    assert client.get(reverse("mfa_index"))["Location"] == reverse("account_login")


@pytest.mark.django_db(transaction=True)  # allauth signals the activation on commit
def test_activating_totp_counts_as_passing_it_in_that_session(cast: Any, settings: Any) -> None:
    settings.REQUIRE_STAFF_MFA = True
    user = cast.organizer
    user.set_password(DEMO_PASSWORD)
    user.save()
    client = Client()
    client.post(reverse("account_login"), {"login": user.username, "password": DEMO_PASSWORD})
    assert client.get(reverse("portal:staff_home"))["Location"] == reverse("mfa_activate_totp")
    client.post(reverse("account_reauthenticate"), {"password": DEMO_PASSWORD})
    page = client.get(reverse("mfa_activate_totp"))
    secret = page.context["form"].secret
    response = client.post(reverse("mfa_activate_totp"), {"code": current_code(secret)})
    assert response.status_code == 302
    assert client.get(reverse("portal:staff_home")).status_code == 200
