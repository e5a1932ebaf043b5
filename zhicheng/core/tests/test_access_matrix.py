"""Every URL x every role -> the expected status. A URL of ours without a row fails the suite.

Each app keeps its own rows in `zhicheng/<app>/tests/access_rows.py`: `ROWS` (url name -> {role:
status}) and, for URLs with arguments, `URLS` (url name -> a function of the cast giving the path).
"""

import importlib
from collections.abc import Callable
from typing import Any

import pytest
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from zhicheng.conftest import ROLES

# Third-party URL sets we mount whole; representative rows below, completeness not required.
MOUNTED = ("allauth.", "django.contrib.admin.")

A, P, N, U, D, H, O, I, AU, AD, X = ROLES  # noqa: E741 (short column names keep the table readable)

# url name -> {role: status}; "*" is the status for every role not named.
MATRIX: dict[str, dict[str, int]] = {
    "root": {"*": 302},
    "accounts:login": {A: 200, "*": 302},
    "portal:first_login": {N: 200, A: 302, P: 302, "*": 403},
    "portal:home": {P: 200, A: 302, N: 302, "*": 403},
    "accounts:profile": {P: 200, A: 302, N: 302, "*": 403},
    "accounts:profile_edit": {P: 200, A: 302, N: 302, "*": 403},
    "accounts:photo": {P: 200, A: 302, N: 302, "*": 403},
    "accounts:photo_delete": {N: 302, "*": 405},
    "accounts:photo_image": {P: 404, A: 302, N: 302, "*": 403},
    "portal:unit_home": {U: 200, H: 200, A: 302, N: 302, "*": 403},
    "portal:staff_home": {D: 200, H: 200, O: 200, I: 200, AU: 200, AD: 200, X: 200, A: 302, N: 302, "*": 403},
    "audit:events": {AU: 200, A: 302, N: 302, "*": 403},
    "healthz": {"*": 200},
    # allauth's OIDC views with the issuer check (accounts.sso): a GET only shows the 继续 page,
    # a callback without a state is refused (登录失败).
    "accounts:sso_login": {N: 302, "*": 200},
    "accounts:sso_callback": {N: 302, "*": 401},
    # Mounted: allauth and the Django admin (whose login goes through allauth's).
    "account_login": {A: 200, N: 302, "*": 302},
    "mfa_index": {A: 302, N: 403, P: 403, U: 403, "*": 200},
    "account_signup": {"*": 404},
    "account_email": {"*": 404},
    "account_reset_password": {"*": 404},
    "socialaccount_connections": {"*": 404},
    "account_change_password": {A: 302, N: 403, P: 403, U: 403, "*": 200},
    "admin:index": {AD: 200, "*": 302},
}  # fmt: skip

URLS: dict[str, Callable[[Any], str]] = {
    "accounts:sso_login": lambda cast: reverse("accounts:sso_login", args=["anhui"]),
    "accounts:sso_callback": lambda cast: reverse("accounts:sso_callback", args=["anhui"]),
}

for _app in ("orgs", "plans", "library", "integrity", "applications", "reviews", "portal"):
    try:
        _rows = importlib.import_module(f"zhicheng.{_app}.tests.access_rows")
    except ModuleNotFoundError:
        continue
    MATRIX.update(_rows.ROWS)
    URLS.update(getattr(_rows, "URLS", {}))


def our_url_names() -> set[str]:
    names: set[str] = set()

    def walk(patterns: list[Any], namespace: str) -> None:
        for pattern in patterns:
            if isinstance(pattern, URLResolver):
                module = getattr(pattern.urlconf_module, "__name__", "")
                if module.startswith(MOUNTED) or (
                    isinstance(pattern.urlconf_module, list | tuple) and pattern.app_name == "admin"
                ):
                    continue
                inner = f"{namespace}{pattern.namespace}:" if pattern.namespace else namespace
                walk(pattern.url_patterns, inner)
            elif isinstance(pattern, URLPattern) and pattern.name:
                names.add(f"{namespace}{pattern.name}")

    walk(get_resolver().url_patterns, "")
    return names


def test_every_url_of_ours_has_a_row() -> None:
    missing = our_url_names() - set(MATRIX)
    assert not missing, f"URLs without a row in the access matrix: {sorted(missing)}"


def test_every_row_names_every_role_or_a_default() -> None:
    for name, row in MATRIX.items():
        assert "*" in row or set(ROLES) <= set(row), name


@pytest.mark.django_db
@pytest.mark.parametrize("name", sorted(MATRIX))
def test_access(name: str, cast: Any) -> None:
    row = MATRIX[name]
    url = URLS[name](cast) if name in URLS else reverse(name)
    failures = []
    for role in ROLES:
        client = Client()
        user = cast.role(role)
        if user is not None:
            client.force_login(user)
        status = client.get(url).status_code
        expected = row.get(role, row["*"])
        if status != expected:
            failures.append(f"{role}: expected {expected}, got {status}")
    assert not failures, f"{name} ({url}): " + "; ".join(failures)
