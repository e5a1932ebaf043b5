"""系统管理: the administrator creates staff accounts and unlocks locked names; identities from
the SSO stay read-only."""

from typing import Any

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from zhicheng.accounts.models import LoginThrottle, User

pytestmark = pytest.mark.django_db


def admin_client(cast: Any) -> Client:
    client = Client()
    client.force_login(cast.admin)
    return client


def test_the_administrator_creates_a_staff_account(cast: Any) -> None:
    client = admin_client(cast)
    response = client.post(
        reverse("admin:accounts_user_add"),
        {
            "username": "newstaff",
            "name": "新审核员",
            "password1": "Shenhe@2026x",
            "password2": "Shenhe@2026x",
        },
    )
    assert response.status_code == 302
    user = User.objects.get(username="newstaff")
    assert user.kind == User.Kind.STAFF and user.check_password("Shenhe@2026x")


def test_a_weak_password_is_refused_in_chinese(cast: Any) -> None:
    response = admin_client(cast).post(
        reverse("admin:accounts_user_add"),
        {"username": "weak", "name": "弱", "password1": "abcdefgh", "password2": "abcdefgh"},
    )
    assert response.status_code == 200
    assert not User.objects.filter(username="weak").exists()
    # Long enough: refused only by the character-class rule, and it says so in Chinese.
    assert "密码须包含大写字母、小写字母、数字、符号中的至少三类" in response.content.decode()


def test_a_persons_identity_is_read_only(cast: Any) -> None:
    page = admin_client(cast).get(reverse("admin:accounts_user_change", args=[cast.applicant.pk]))
    body = page.content.decode()
    assert page.status_code == 200
    assert 'name="id_number"' not in body and 'name="name"' not in body


def test_the_administrator_unlocks_a_locked_name(cast: Any) -> None:
    throttle = LoginThrottle.objects.create(
        username="zgbm", failures=5, locked_until=timezone.now() + timezone.timedelta(minutes=15)
    )
    admin_client(cast).post(
        reverse("admin:accounts_loginthrottle_changelist"),
        {"action": "unlock", "_selected_action": [throttle.pk]},
    )
    throttle.refresh_from_db()
    assert throttle.locked_until is None and throttle.failures == 0


def test_only_the_administrator_reaches_it(cast: Any) -> None:
    for user in (cast.auditor, cast.outsider, cast.applicant):
        client = Client()
        client.force_login(user)
        assert client.get(reverse("admin:accounts_user_changelist")).status_code in (302, 403)


def test_the_admin_lists_only_the_platforms_tables_in_chinese(cast: Any) -> None:
    from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret

    TOTP.activate(cast.hr_reviewer, generate_totp_secret())
    client = admin_client(cast)
    index = client.get(reverse("admin:index")).content.decode()
    assert "动态口令" in index
    for foreign in [
        "Authenticators",
        "电子邮件地址",
        "社交",
        "组</a>",
        "Tasks Database Backend",
        "Task Results",
        "Model name",
        "注销",
        "站点管理",
    ]:
        assert foreign not in index, foreign
    assert "后台任务" in index and ">退出<" in index.replace("\n", "").replace(" ", "")
    rows = client.get(reverse("admin:accounts_staffauthenticator_changelist")).content.decode()
    assert cast.hr_reviewer.username in rows or cast.hr_reviewer.name in rows
