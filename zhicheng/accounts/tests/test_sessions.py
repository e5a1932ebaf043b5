import time
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse

from zhicheng.accounts.middleware import LAST_SEEN_KEY
from zhicheng.audit.models import AuditEvent

pytestmark = pytest.mark.django_db


def test_a_session_idle_for_thirty_minutes_ends_with_a_message(client: Client, cast: Any) -> None:
    client.force_login(cast.applicant)
    assert client.get(reverse("portal:home")).status_code == 200
    session = client.session
    session[LAST_SEEN_KEY] = int(time.time()) - 31 * 60
    session.save()
    response = client.get(reverse("portal:home"), follow=True)
    assert response.redirect_chain[0][0].startswith(reverse("accounts:login"))
    assert "30分钟未操作" in response.content.decode()
    assert "_auth_user_id" not in client.session
    assert AuditEvent.objects.filter(
        kind=AuditEvent.Kind.SESSION_TIMEOUT, user=cast.applicant
    ).exists()


def test_activity_within_thirty_minutes_keeps_the_session(client: Client, cast: Any) -> None:
    client.force_login(cast.applicant)
    client.get(reverse("portal:home"))
    session = client.session
    session[LAST_SEEN_KEY] = int(time.time()) - 29 * 60
    session.save()
    assert client.get(reverse("portal:home")).status_code == 200


def test_the_session_cookie_expires_with_the_idle_timeout(settings: Any) -> None:
    assert settings.SESSION_COOKIE_AGE == 30 * 60
    assert settings.SESSION_SAVE_EVERY_REQUEST


def test_a_post_without_csrf_token_is_refused_in_chinese(cast: Any) -> None:
    client = Client(enforce_csrf_checks=True)
    client.force_login(cast.new_person)
    response = client.post(reverse("portal:first_login"), {"ethnicity": "汉族"})
    assert response.status_code == 403
    assert "页面已过期" in response.content.decode()
    cast.new_person.refresh_from_db()
    assert cast.new_person.profile_completed_at is None


def test_pages_send_a_content_security_policy_without_inline_scripts(client: Client) -> None:
    response = client.get(reverse("accounts:login"))
    policy = response["Content-Security-Policy"]
    script_src = next(p for p in policy.split(";") if p.strip().startswith("script-src"))
    assert "'unsafe-inline'" not in script_src
    assert "'self'" in script_src
    assert "form-action 'self' http://127.0.0.1:8001" in policy
    assert "<script>" not in response.content.decode()
