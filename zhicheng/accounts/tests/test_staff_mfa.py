"""Staff TOTP (allauth MFA): mandatory where REQUIRE_STAFF_MFA is on, as in production."""

from typing import Any

import pytest
from allauth.mfa.totp.internal.auth import (
    TOTP,
    format_hotp_value,
    generate_totp_secret,
    hotp_value,
    yield_hotp_counters_from_time,
)
from django.test import Client
from django.urls import reverse

from zhicheng.core.tests.factories import UserFactory
from zhicheng.demo.people import DEMO_PASSWORD

pytestmark = pytest.mark.django_db


def current_code(secret: str) -> str:
    counter = next(iter(yield_hotp_counters_from_time()))
    return format_hotp_value(hotp_value(secret, counter))


def test_staff_without_totp_are_sent_to_set_it_up(client: Client, settings: Any) -> None:
    settings.REQUIRE_STAFF_MFA = True
    client.force_login(UserFactory())
    response = client.get(reverse("portal:staff_home"))
    assert response.status_code == 302
    assert response["Location"] == reverse("mfa_activate_totp")


def test_persons_are_not_asked_for_totp(client: Client, settings: Any, cast: Any) -> None:
    settings.REQUIRE_STAFF_MFA = True
    client.force_login(cast.applicant)
    assert client.get(reverse("portal:home")).status_code == 200


def test_staff_with_totp_log_in_with_password_then_code(client: Client, settings: Any) -> None:
    settings.REQUIRE_STAFF_MFA = True
    user = UserFactory(username="reviewer2")
    secret = generate_totp_secret()
    TOTP.activate(user, secret)
    response = client.post(
        reverse("account_login"), {"login": "reviewer2", "password": DEMO_PASSWORD}
    )
    assert response["Location"] == reverse("mfa_authenticate")
    assert "_auth_user_id" not in client.session
    response = client.post(reverse("mfa_authenticate"), {"code": "000000"})
    assert "_auth_user_id" not in client.session
    response = client.post(reverse("mfa_authenticate"), {"code": current_code(secret)})
    assert response.status_code == 302
    assert client.session["_auth_user_id"] == str(user.pk)
    assert client.get(reverse("portal:staff_home")).status_code == 200
