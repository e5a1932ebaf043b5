"""Every URL x every role -> the expected status, for a GET and for a bare POST.

A URL of ours without a row fails the suite; so does a URL that takes an id without a foreign-owner
entry. Each app keeps its own rows in `zhicheng/<app>/tests/access_rows.py`:

- `ROWS`: url name -> row; `URLS` (optional): url name -> a function of the cast giving the path
  (for URLs with arguments; they point at things the cast's own people own).
- A row maps a role name (`zhicheng.conftest.ROLES` and `FOREIGN_ROLES`) to the status a GET gets;
  `"*"` is the status of every role not named. A foreign role not named gets its home role's
  status (applicant2 and clerk: applicant's; other_unit_admin: unit_admin's; organizer2:
  organizer's), so rows written before the foreign roles existed keep their meaning.
- Optional `"POST"`: a dict of the same shape for a bare POST (no body). Without it, a role whose GET
  is refused (302 to login, 403, 404) expects the same status for the POST — the refusal comes
  before any form validation — and a role whose GET is 200 expects the POST to be allowed:
  anything below 500 but 403 and 404 (`ALLOWED`; a form page answers 200/400, a GET-only page
  405). A row in which a GET is 405 (a POST-only URL) must say what the POST gets.
- Foreign owners (`FOREIGN_ROLES`: a second applicant, another unit's admin, a clerk of the cast's
  unit, a second organizer) own things of the same kind elsewhere. Every URL that takes an id must
  name at least one of them explicitly — the one that would see someone else's object if the view
  looked it up without the ownership check. The foreign roles go first, so an owner's POST (which
  may delete the object) never turns their 404 into a vacuous one.
- Foreign owners added later (`NAMED_FOREIGN_ROLES`: a 发证审核人 of another 人社部门) are checked
  only on the rows that name them (in the GET part or the POST part).

Example: `"plans:slot_edit": {O: 200, O2: 404, A: 302, N: 302, "*": 403}` — with no "POST", the
organizer's bare POST is ALLOWED (a form page with errors) and everyone else's is refused alike.
"""

import importlib
from collections.abc import Callable
from typing import Any

import pytest
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from zhicheng.conftest import FOREIGN_ROLES, NAMED_FOREIGN_ROLES, ROLES

# Third-party URL sets we mount whole; representative rows below, completeness not required.
MOUNTED = ("allauth.", "django.contrib.admin.")
# Their url names (representative rows only; no foreign-owner requirement).
MOUNTED_NAMES = ("account_", "mfa_", "socialaccount_", "admin:")

A, P, N, U, D, H, O, I, AU, AD, X = ROLES  # noqa: E741 (short column names keep the table readable)
P2, U2, C, O2 = FOREIGN_ROLES
ALL_ROLES = [*FOREIGN_ROLES, *ROLES]
OWNER_ROLES = {*FOREIGN_ROLES, *NAMED_FOREIGN_ROLES}
HOME_ROLE = {P2: P, C: P, U2: U, O2: O}
# A POST expectation: the view let the role through (any status below 500 other than 403/404).
ALLOWED = "allowed"

# url name -> {role: status, "*": default, optional "POST": {role: status or ALLOWED}}.
MATRIX: dict[str, dict[str, Any]] = {
    "root": {"*": 302},
    "accounts:login": {A: 200, "*": 302},
    "portal:first_login": {N: 200, A: 302, P: 302, "*": 403},
    "portal:home": {P: 200, A: 302, N: 302, "*": 403},
    "accounts:profile": {P: 200, A: 302, N: 302, "*": 403},
    "accounts:profile_edit": {P: 200, A: 302, N: 302, "*": 403},
    "accounts:photo": {P: 200, A: 302, N: 302, "*": 403},
    "accounts:photo_delete": {N: 302, "*": 405, "POST": {P: 302, A: 302, N: 302, "*": 403}},
    "accounts:photo_image": {P: 404, A: 302, N: 302, "*": 403},
    "portal:unit_home": {U: 200, H: 200, C: 200, A: 302, N: 302, "*": 403},
    "portal:staff_home": {D: 200, H: 200, O: 200, I: 200, AU: 200, AD: 200, X: 200, A: 302, N: 302, "*": 403},
    "audit:events": {AU: 200, A: 302, N: 302, "*": 403},
    "healthz": {"*": 200},
    # allauth's OIDC views with the issuer check (accounts.sso): a GET only shows the 继续 page,
    # a callback without a state is refused (登录失败).
    # A bare POST starts the OIDC login: the SSO is not reachable here, hence the platform's 503.
    "accounts:sso_login": {N: 302, "*": 200, "POST": {N: 302, "*": 503}},
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

APPS = (
    "orgs",
    "plans",
    "library",
    "integrity",
    "portal",
    "applications",
    "reviews",
    "certificates",
)

for _app in APPS:
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
        if "POST" in row:
            post = row["POST"]
            assert "*" in post or set(ROLES) <= set(post), f"{name} POST"
        else:
            refused = [role for role in _roles(row) if _expected(row, role) == 405]
            assert not refused, f"{name}: a GET gets 405, so the row must say what a POST gets"


def _takes_an_id(name: str) -> bool:
    """Whether the URL has an <int:...> part (an object's id; a kind or a slug is not)."""
    from django.urls.converters import IntConverter

    def walk(patterns: list[Any], namespace: str, converters: list[Any]) -> bool | None:
        for pattern in patterns:
            found = [*converters, *getattr(pattern.pattern, "converters", {}).values()]
            if isinstance(pattern, URLResolver):
                inner = f"{namespace}{pattern.namespace}:" if pattern.namespace else namespace
                result = walk(pattern.url_patterns, inner, found)
                if result is not None:
                    return result
            elif f"{namespace}{pattern.name}" == name:
                return any(isinstance(c, IntConverter) for c in found)
        return None

    return bool(walk(get_resolver().url_patterns, "", []))


def test_every_url_that_takes_an_id_names_a_foreign_owner() -> None:
    missing = [
        name
        for name in sorted(MATRIX)
        if not name.startswith(MOUNTED_NAMES)
        and _takes_an_id(name)
        and not OWNER_ROLES & {*MATRIX[name], *MATRIX[name].get("POST", {})}
    ]
    assert not missing, f"URLs with an id but no foreign-owner entry: {missing}"


def _roles(row: dict[str, Any]) -> list[str]:
    named = {*row, *row.get("POST", {})}
    return [*(role for role in NAMED_FOREIGN_ROLES if role in named), *ALL_ROLES]


def _expected(row: dict[str, Any], role: str) -> Any:
    if role in row:
        return row[role]
    if role in HOME_ROLE:
        return _expected(row, HOME_ROLE[role])
    return row["*"]


def _expected_post(row: dict[str, Any], role: str) -> Any:
    if "POST" in row:
        return _expected(row["POST"], role)
    status = _expected(row, role)
    return ALLOWED if status == 200 else status


def _matches(expected: Any, status: int) -> bool:
    if expected == ALLOWED:
        return status < 500 and status not in (403, 404)
    return bool(status == expected)


@pytest.mark.django_db
@pytest.mark.parametrize("name", sorted(MATRIX))
def test_access(name: str, cast: Any) -> None:
    row = MATRIX[name]
    url = URLS[name](cast) if name in URLS else reverse(name)
    failures = []
    for method, expectation in (("GET", _expected), ("POST", _expected_post)):
        for role in _roles(row):
            expected = expectation(row, role)
            client = Client()
            user = cast.role(role)
            if user is not None:
                client.force_login(user)
            status = getattr(client, method.lower())(url).status_code
            if not _matches(expected, status):
                failures.append(f"{method} {role}: expected {expected}, got {status}")
    assert not failures, f"{name} ({url}): " + "; ".join(failures)
