"""One ready-made person per role (STYLE.md §9); factories make the rest."""

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import pytest


@dataclass
class Cast:
    applicant: Any
    applicant2: Any
    new_person: Any
    unit_admin: Any
    other_unit_admin: Any
    dept_reviewer: Any
    hr_reviewer: Any
    organizer: Any
    issuer: Any
    auditor: Any
    admin: Any
    outsider: Any
    unit: Any
    other_unit: Any
    # Foreign owners (issue 9.6): a clerk of `unit` (a person bound to it) and an organizer of
    # another 评委会组建单位. Made on first use (cast.role("clerk")), so tests that count a unit's
    # people or bindings see only their own; defaults keep older Cast(...) calls working.
    clerk: Any = None
    organizer2: Any = None
    # A 发证审核人 of another 人社部门 (the foreign owner of the issuer pages), made on first use.
    issuer2: Any = None
    makers: dict[str, Callable[[], Any]] = field(default_factory=dict)

    def role(self, name: str) -> Any:
        if name == "anonymous":
            return None
        if getattr(self, name) is None and name in self.makers:
            setattr(self, name, self.makers[name]())
        return getattr(self, name)


ROLES = [
    "anonymous",
    "applicant",
    "new_person",
    "unit_admin",
    "dept_reviewer",
    "hr_reviewer",
    "organizer",
    "issuer",
    "auditor",
    "admin",
    "outsider",
]

# Roles that own things of the same kind as the cast's, but not the cast's own: they must be
# refused on every URL that takes an id (the access matrix requires a row entry for them).
FOREIGN_ROLES = ["applicant2", "other_unit_admin", "clerk", "organizer2"]
# Foreign owners added later: the access matrix checks them only on the rows that name them, so
# rows written before them keep their meaning.
NAMED_FOREIGN_ROLES = ["issuer2"]


@pytest.fixture
def cast(db: Any) -> Cast:
    from zhicheng.core.tests import factories as f
    from zhicheng.orgs.models import Membership, Organization, UnitBinding

    # A complete review tree (reviews.route): unit → 主管部门 → county → city → province 人社.
    province = f.HrDepartmentFactory(
        level=Organization.Level.PROVINCE, region_code="340000", name="测试省人社厅"
    )
    city = f.HrDepartmentFactory(
        level=Organization.Level.CITY, region_code="340100", name="测试市人社局", parent=province
    )
    hr = f.HrDepartmentFactory(level=Organization.Level.COUNTY, region_code="340104", parent=city)
    department = f.OrganizationFactory(
        kind=Organization.Kind.DEPARTMENT, name="测试主管部门", parent=hr
    )
    unit = f.OrganizationFactory(name="测试学校", parent=department, is_public_institution=True)
    other_unit = f.OrganizationFactory(name="另一家公司", parent=hr)
    organizer_org = f.OrganizationFactory(
        kind=Organization.Kind.ORGANIZER, name="测试评委会组建单位", credit_code=None
    )

    def staff(role: str, org: Any, **extra: Any) -> Any:
        user = f.UserFactory(**extra)
        if org is not None:
            f.MembershipFactory(user=user, organization=org, role=role)
        return user

    def legal_admin(org: Any) -> Any:
        # The unit's 单位管理员: a legal account with the membership, not merely the credit code.
        user = f.LegalPersonFactory(unit_name=org.name, credit_code=org.credit_code)
        f.MembershipFactory(user=user, organization=org, role=Membership.Role.UNIT_ADMIN)
        return user

    def clerk() -> Any:
        user = f.PersonFactory()
        f.MembershipFactory(user=user, organization=unit, role=Membership.Role.CLERK)
        UnitBinding.objects.create(
            person=user, unit=unit, statement="经办人", status=UnitBinding.Status.APPROVED
        )
        return user

    def organizer2() -> Any:
        org = f.OrganizationFactory(
            kind=Organization.Kind.ORGANIZER, name="另一个评委会组建单位", credit_code=None
        )
        return staff(Membership.Role.ORGANIZER, org)

    def issuer2() -> Any:
        org = f.HrDepartmentFactory(region_code="340111", parent=city, name="另一个县人社局")
        return staff(Membership.Role.ISSUER, org)

    return Cast(
        makers={"clerk": clerk, "organizer2": organizer2, "issuer2": issuer2},
        applicant=f.PersonFactory(),
        applicant2=f.PersonFactory(),
        new_person=f.PersonFactory(profile_completed_at=None, has_unit=""),
        unit_admin=legal_admin(unit),
        other_unit_admin=legal_admin(other_unit),
        dept_reviewer=staff(Membership.Role.REVIEWER, department),
        hr_reviewer=staff(Membership.Role.REVIEWER, hr),
        organizer=staff(Membership.Role.ORGANIZER, organizer_org),
        issuer=staff(Membership.Role.ISSUER, hr),
        auditor=staff("", None, is_auditor=True),
        admin=staff("", None, is_superuser=True, is_staff=True),
        outsider=staff("", None),
        unit=unit,
        other_unit=other_unit,
    )


@pytest.fixture(autouse=True)
def _media_in_tmp(settings: Any, tmp_path_factory: pytest.TempPathFactory) -> None:
    """Uploaded files of a test go to a throw-away folder, never into var/media."""
    settings.MEDIA_ROOT = tmp_path_factory.mktemp("media")


@pytest.fixture(autouse=True)
def _fresh_cache() -> None:
    """allauth's per-IP rate limits live in the cache; each test starts with none used."""
    from django.core.cache import cache

    cache.clear()
