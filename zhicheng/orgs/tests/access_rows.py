"""Access-matrix rows for the orgs app (see zhicheng/core/tests/test_access_matrix.py).

POST-only URLs answer 405 to a GET from anyone; who may POST to them is tested in test_views.py.
"""

from typing import Any

from zhicheng.conftest import ROLES

A, P, N, U, D, H, O, I, AU, AD, X = ROLES  # noqa: E741


def _hr(cast: Any) -> Any:
    return cast.hr_reviewer.memberships.get().organization


ROWS: dict[str, dict[str, int]] = {
    "orgs:unit_register": {U: 302, A: 302, N: 302, "*": 403},
    "orgs:unit_search": {P: 200, N: 200, A: 302, "*": 403},
    "orgs:binding_change": {P: 200, A: 302, N: 302, "*": 403},
    "orgs:binding_withdraw": {N: 302, "*": 405},
    "orgs:binding_requests": {U: 200, A: 302, N: 302, "*": 404},
    "orgs:binding_decide": {N: 302, "*": 405},
    "orgs:bindings_approve": {N: 302, "*": 405},
    "orgs:unit_staff": {U: 200, A: 302, N: 302, "*": 404},
    "orgs:binding_end": {N: 302, "*": 405},
    "orgs:unit_clerks": {U: 200, A: 302, N: 302, "*": 404},
    "orgs:clerk_remove": {N: 302, "*": 405},
    "orgs:registrations": {H: 200, A: 302, N: 302, P: 403, U: 403, "*": 404},
    "orgs:registration_decide": {N: 302, "*": 405},
}  # fmt: skip

URLS = {
    "orgs:binding_withdraw": lambda cast: f"/me/unit/{1}/withdraw/",
    "orgs:binding_requests": lambda cast: f"/units/{cast.unit.pk}/requests/",
    "orgs:binding_decide": lambda cast: f"/units/{cast.unit.pk}/requests/1/decide/",
    "orgs:bindings_approve": lambda cast: f"/units/{cast.unit.pk}/requests/approve/",
    "orgs:unit_staff": lambda cast: f"/units/{cast.unit.pk}/staff/",
    "orgs:binding_end": lambda cast: f"/units/{cast.unit.pk}/staff/1/end/",
    "orgs:unit_clerks": lambda cast: f"/units/{cast.unit.pk}/clerks/",
    "orgs:clerk_remove": lambda cast: f"/units/{cast.unit.pk}/clerks/1/remove/",
    "orgs:registrations": lambda cast: f"/hr/{_hr(cast).pk}/registrations/",
    "orgs:registration_decide": lambda cast: f"/hr/{_hr(cast).pk}/registrations/1/decide/",
}
