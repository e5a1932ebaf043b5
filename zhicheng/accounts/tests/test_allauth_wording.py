"""allauth's pages and messages speak the platform's vocabulary (locale/ and templates/allauth/)."""

import re
from pathlib import Path
from typing import Any

import pytest
from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret
from django.conf import settings
from django.test import Client
from django.urls import reverse
from django.utils import translation

from zhicheng.accounts.tests.test_staff_mfa import current_code
from zhicheng.core.tests.factories import UserFactory
from zhicheng.demo.people import DEMO_PASSWORD

pytestmark = pytest.mark.django_db

# allauth's own words next to the platform's: 帐户/账户 (账号), 双因素/两步验证 (动态口令), 登出 (退出).
FOREIGN = [
    "帐户",
    "账户",
    "双因素",
    "两步验证",
    "身份验证器",
    "认证器",
    "登出",
    "错误代码",
    "用户名",
    "您提供的",
    "你的",
]


def _main_text(response: Any) -> str:
    page = response.content.decode()
    main = re.search(r"(?s)<main.*?</main>", page)
    text = re.sub(r"<[^>]+>", " ", main.group(0) if main else page)
    return re.sub(r"\s+", " ", text)


def _assert_platform_words(text: str) -> None:
    assert [word for word in FOREIGN if word in text] == [], text
    # Chinese punctuation: no ASCII colon after a label or sentence.
    assert not re.search(r"[\u4e00-\u9fff]:", text), text


def test_staff_login_totp_and_logout_speak_one_vocabulary(client: Client) -> None:
    user = UserFactory(username="reviewer2")
    refused = client.post(reverse("account_login"), {"login": "reviewer2", "password": "bad"})
    _assert_platform_words(_main_text(refused))
    assert "账号或密码不正确" in _main_text(refused)
    secret = generate_totp_secret()
    TOTP.activate(user, secret)
    login = {"login": "reviewer2", "password": DEMO_PASSWORD}
    asked = client.post(reverse("account_login"), login, follow=True)
    _assert_platform_words(_main_text(asked))
    wrong = client.post(reverse("mfa_authenticate"), {"code": "000000"})
    _assert_platform_words(_main_text(wrong))
    assert '<label for="id_code">动态口令' in wrong.content.decode()
    assert "动态口令不正确" in _main_text(wrong)
    client.post(reverse("mfa_authenticate"), {"code": current_code(secret)})
    for name in ["mfa_index", "mfa_deactivate_totp", "account_reauthenticate", "account_logout"]:
        _assert_platform_words(_main_text(client.get(reverse(name), follow=True)))
    wrong_password = client.post(reverse("account_reauthenticate"), {"password": "x"})
    assert "密码不正确" in _main_text(wrong_password)
    _assert_platform_words(_main_text(wrong_password))
    out = client.post(reverse("account_logout"), follow=True)
    assert "您已退出" in out.content.decode()


def test_the_password_rules_speak_one_vocabulary_and_say_each_rule_once(client: Client) -> None:
    user = UserFactory(username="reviewer3")
    client.force_login(user)
    page = client.get(reverse("account_change_password"))
    text = _main_text(page)
    _assert_platform_words(text)
    assert text.count("至少8位") == 1 and "至少三类" in text
    refused = client.post(
        reverse("account_change_password"),
        {"oldpassword": DEMO_PASSWORD, "password1": "reviewer3", "password2": "reviewer3"},
    )
    text = _main_text(refused)
    _assert_platform_words(text)
    assert "密码与您的账号过于相似" in text


def test_totp_activation_speaks_one_vocabulary(client: Client) -> None:
    client.force_login(UserFactory())
    client.post(reverse("account_reauthenticate"), {"password": DEMO_PASSWORD})
    page = client.post(reverse("mfa_activate_totp"), {"code": "123"})
    text = _main_text(page)
    assert "启用动态口令" in text and "动态口令不正确" in text
    _assert_platform_words(text)


def test_the_compiled_catalogue_matches_its_source() -> None:
    """The .mo is committed; it must say what the .po says (msgfmt after every edit)."""
    source = Path(settings.BASE_DIR, "locale/zh_Hans/LC_MESSAGES/django.po").read_text()
    pairs = re.findall(r'\nmsgid "(.+)"\nmsgstr "(.*)"', source)
    assert len(pairs) > 30
    with translation.override("zh-hans"):
        for msgid, msgstr in pairs:
            assert translation.gettext(msgid.replace('\\"', '"')) == msgstr.replace('\\"', '"')
