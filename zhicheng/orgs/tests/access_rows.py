"""Access-matrix rows for the orgs app (see zhicheng/core/tests/test_access_matrix.py).

URLs point at real objects: a pending request of `cast.applicant` to `cast.unit`, the applicant's
approved binding there, the unit's clerk, a registration waiting at the cast's HR department.
The unit's clerk acts for the unit except on 经办人 (admin only); another unit's admin gets 404.
"""

from typing import Any

from zhicheng.conftest import FOREIGN_ROLES, ROLES

A, P, N, U, D, H, O, I, AU, AD, X = ROLES  # noqa: E741
P2, U2, C, O2 = FOREIGN_ROLES

UNIT_PAGE = {U: 200, C: 200, U2: 404, A: 302, N: 302, "*": 404}
# POST-only unit actions: GET 405 to everyone; a bare POST passes the access check for the unit's
# admin and clerk only (then the form or the service says what is missing: a redirect back).
UNIT_POST: dict[str, Any] = {
    N: 302, "*": 405,
    "POST": {U: 302, C: 302, U2: 404, A: 302, N: 302, "*": 404},
}  # fmt: skip


def _hr(cast: Any) -> Any:
    return cast.hr_reviewer.memberships.get().organization


def _pending(cast: Any) -> Any:
    from zhicheng.orgs.models import UnitBinding

    return UnitBinding.objects.get_or_create(
        person=cast.applicant,
        unit=cast.unit,
        status=UnitBinding.Status.PENDING,
        defaults={"statement": "申请"},
    )[0]


def _staff(cast: Any) -> Any:
    from zhicheng.library.tests.factories import bind

    return bind(cast.applicant2, cast.unit)


def _registration(cast: Any) -> Any:
    from zhicheng.core.tests.factories import LegalPersonFactory
    from zhicheng.orgs.tests.test_registration import register

    return register(LegalPersonFactory(unit_name="待审核的公司"), _hr(cast))


def _clerk_membership(cast: Any) -> Any:
    return cast.role("clerk").memberships.get(organization=cast.unit)


ROWS: dict[str, dict[str, Any]] = {
    "orgs:unit_register": {U: 302, A: 302, N: 302, "*": 403},
    "orgs:unit_search": {P: 200, N: 200, A: 302, "*": 403},
    "orgs:binding_change": {P: 200, A: 302, N: 302, "*": 403},
    "orgs:binding_withdraw": {
        N: 302, "*": 405,
        "POST": {P: 302, P2: 404, C: 404, A: 302, N: 302, "*": 403},
    },  # fmt: skip
    "orgs:binding_requests": UNIT_PAGE,
    "orgs:binding_decide": UNIT_POST,
    "orgs:bindings_approve": UNIT_POST,
    "orgs:unit_staff": UNIT_PAGE,
    "orgs:binding_end": UNIT_POST,
    "orgs:unit_clerks": {**UNIT_PAGE, C: 403},
    "orgs:clerk_remove": {**UNIT_POST, "POST": {**UNIT_POST["POST"], C: 403}},
    # Another legal account of a registered unit asks to join (the cast's legal accounts are
    # admins already: the service says so, a redirect back to the workbench).
    "orgs:unit_join": {
        N: 302, "*": 405,
        "POST": {U: 302, U2: 302, A: 302, N: 302, "*": 403},
    },  # fmt: skip
    # Only the unit's 单位管理员 decides; its clerk is refused (403), another unit's admin 404.
    "orgs:join_decide": {**UNIT_POST, "POST": {**UNIT_POST["POST"], C: 403}},
    "orgs:handovers": {H: 200, A: 302, N: 302, P: 403, U: 403, U2: 403, "*": 404},
    "orgs:handover": {
        N: 302, "*": 405,
        "POST": {H: 302, A: 302, N: 302, P: 403, U: 403, U2: 403, C: 403, P2: 403, "*": 404},
    },  # fmt: skip
    # Registrations: the HR department's reviewer; its issuer (staff there, not a reviewer) and
    # every other staff member get 404, non-staff 403.
    "orgs:registrations": {H: 200, A: 302, N: 302, P: 403, U: 403, U2: 403, "*": 404},
    "orgs:registration_decide": {
        N: 302, "*": 405,
        "POST": {H: 302, A: 302, N: 302, P: 403, U: 403, U2: 403, C: 403, P2: 403, "*": 404},
    },  # fmt: skip
}  # fmt: skip


def _join(cast: Any) -> Any:
    from zhicheng.core.tests.factories import LegalPersonFactory
    from zhicheng.orgs.models import UnitJoinRequest

    legal = LegalPersonFactory(unit_name=cast.unit.name, credit_code=cast.unit.credit_code)
    return UnitJoinRequest.objects.create(unit=cast.unit, user=legal)


def _orphan(cast: Any) -> Any:
    """A unit the HR department registered (its admin is gone: no membership)."""
    from zhicheng.core.tests.factories import OrganizationFactory

    return OrganizationFactory(name="没有管理员的公司", registration_authority=_hr(cast))


URLS = {
    "orgs:join_decide": lambda cast: f"/units/{cast.unit.pk}/joins/{_join(cast).pk}/decide/",
    "orgs:handovers": lambda cast: f"/hr/{_hr(cast).pk}/handovers/",
    "orgs:handover": lambda cast: f"/hr/{_hr(cast).pk}/handovers/{_orphan(cast).pk}/",
    "orgs:binding_withdraw": lambda cast: f"/me/unit/{_pending(cast).pk}/withdraw/",
    "orgs:binding_requests": lambda cast: f"/units/{cast.unit.pk}/requests/",
    "orgs:binding_decide": lambda cast: (
        f"/units/{cast.unit.pk}/requests/{_pending(cast).pk}/decide/"
    ),
    "orgs:bindings_approve": lambda cast: f"/units/{cast.unit.pk}/requests/approve/",
    "orgs:unit_staff": lambda cast: f"/units/{cast.unit.pk}/staff/",
    "orgs:binding_end": lambda cast: f"/units/{cast.unit.pk}/staff/{_staff(cast).pk}/end/",
    "orgs:unit_clerks": lambda cast: f"/units/{cast.unit.pk}/clerks/",
    "orgs:clerk_remove": lambda cast: (
        f"/units/{cast.unit.pk}/clerks/{_clerk_membership(cast).pk}/remove/"
    ),
    "orgs:registrations": lambda cast: f"/hr/{_hr(cast).pk}/registrations/",
    "orgs:registration_decide": lambda cast: (
        f"/hr/{_hr(cast).pk}/registrations/{_registration(cast).pk}/decide/"
    ),
}
