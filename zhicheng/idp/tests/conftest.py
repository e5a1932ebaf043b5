"""Fixtures for the SSO stand-in's own suite, run with its own settings:

    DJANGO_SETTINGS_MODULE=config.settings.idp .venv/bin/pytest zhicheng/idp -p no:cacheprovider

Under the platform's settings the idp app is not installed, so these tests are skipped at
collection (importing its models there would fail).
"""

from typing import Any

import pytest
from django.conf import settings

from .helpers import (
    CLIENT_ID,
    CLIENT_SECRET,
    LEGAL_REP_ID_NUMBER,
    PASSWORD,
    PERSON_ID_NUMBER,
    REDIRECT_URI,
    USCC,
)

if "zhicheng.idp" not in settings.INSTALLED_APPS:
    collect_ignore_glob = ["test_*.py"]


@pytest.fixture(autouse=True)
def _fast_hashing(settings: Any) -> None:
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture
def person(db: None) -> Any:
    from zhicheng.idp.services import AccountData, account_register

    return account_register(
        data=AccountData(
            kind="person",
            username="zhangsan",
            password=PASSWORD,
            name="张三",
            id_number=PERSON_ID_NUMBER,
            phone="13912345678",
            unit_name="",
            uscc="",
        )
    )


@pytest.fixture
def legal(db: None) -> Any:
    from zhicheng.idp.services import AccountData, account_register

    return account_register(
        data=AccountData(
            kind="legal",
            username="hefei-corp",
            password=PASSWORD,
            name="李四",
            id_number=LEGAL_REP_ID_NUMBER,
            phone="13812345678",
            unit_name="合肥测试科技有限公司",
            uscc=USCC,
        )
    )


@pytest.fixture
def platform_client(db: None) -> Any:
    from zhicheng.idp.services import client_register_or_update

    application, _ = client_register_or_update(
        client_id=CLIENT_ID,
        client_secret=CLIENT_SECRET,
        redirect_uris=[REDIRECT_URI],
        post_logout_redirect_uris=["http://127.0.0.1/"],
        name="职称申报评审平台",
    )
    return application
