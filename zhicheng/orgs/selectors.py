"""Reads of organizations, memberships and bindings, with their joins done here."""

from dataclasses import dataclass
from typing import Any

from django.db.models import Case, Count, Exists, OuterRef, Q, QuerySet, When

from .models import Membership, Organization, OrganizationEvent, UnitBinding, UnitJoinRequest

# Roles that act for a unit (or, for freelancers, a county HR department) on its people.
UNIT_ROLES = (Membership.Role.UNIT_ADMIN, Membership.Role.CLERK, Membership.Role.REVIEWER)
UNIT_KINDS = (Organization.Kind.UNIT, Organization.Kind.HR)


def unit_for_credit_code(*, credit_code: str) -> Organization | None:
    """The registered unit a legal person (法人) acts for, found by its 统一社会信用代码."""
    if not credit_code:
        return None
    return Organization.objects.filter(
        credit_code=credit_code.upper(),
        status=Organization.Status.ACTIVE,
        kind=Organization.Kind.UNIT,
    ).first()


def registration_for_legal(*, user: Any) -> Organization | None:
    """The unit a legal person registered or is registering, whatever its status."""
    if not user.credit_code:
        return None
    return (
        Organization.objects.filter(credit_code=user.credit_code.upper())
        .select_related("registration_authority", "parent")
        .first()
    )


def membership_exists(*, user: Any, organization: Organization, role: str) -> bool:
    return Membership.objects.filter(user=user, organization=organization, role=role).exists()


def unit_registrant(*, unit: Organization) -> Any:
    """The legal account that last submitted the unit's registration, if it registered itself."""
    event = (
        OrganizationEvent.objects.filter(unit=unit, to_status=Organization.Status.PENDING)
        .select_related("actor")
        .order_by("-created_at", "-pk")
        .first()
    )
    return event.actor if event is not None else None


def memberships_for_user(*, user: Any) -> QuerySet[Membership]:
    return Membership.objects.filter(user=user).select_related("organization")


def acting_units(*, user: Any) -> list[Organization]:
    """The units (and county HR departments) whose people this user manages.

    Always through a membership (unit admin, clerk or, at an HR department, reviewer): a legal
    account's credit code alone grants nothing, since every sub-account of an enterprise at the
    SSO carries it.
    """
    if not user.is_authenticated:
        return []
    units: list[Organization] = []
    memberships = (
        Membership.objects.filter(
            user=user,
            role__in=UNIT_ROLES,
            organization__kind__in=UNIT_KINDS,
            organization__status=Organization.Status.ACTIVE,
        )
        .select_related("organization")
        .annotate(
            has_binding=Exists(
                UnitBinding.objects.filter(
                    person=OuterRef("user"),
                    unit=OuterRef("organization"),
                    status=UnitBinding.Status.APPROVED,
                )
            )
        )
    )
    for membership in memberships:
        org = membership.organization
        # At an HR department only the county level has people of its own: freelancers.
        if org.kind == Organization.Kind.HR and not org.accepts_freelancers:
            continue
        if membership.role == Membership.Role.REVIEWER and org.kind != Organization.Kind.HR:
            continue
        if membership.role == Membership.Role.CLERK and not membership.has_binding:
            continue  # a clerk acts for the unit only while working there
        if org not in units:
            units.append(org)
    return units


def person_binding(*, person: Any) -> UnitBinding | None:
    """The person's approved binding (their current unit), if any."""
    return (
        UnitBinding.objects.filter(person=person, status=UnitBinding.Status.APPROVED)
        .select_related("unit")
        .first()
    )


def person_unit(*, person: Any) -> Organization | None:
    """The person's approved unit: None until a unit has approved them (manual 一, 注)."""
    binding = person_binding(person=person)
    return binding.unit if binding else None


@dataclass(frozen=True)
class BindingState:
    approved: UnitBinding | None
    pending: UnitBinding | None
    last_rejected: UnitBinding | None


def person_binding_state(*, person: Any) -> BindingState:
    """The approved binding, the pending request and the latest refusal, in one query.

    At most one binding is approved and one pending (database constraints), so the first three
    rows ordered approved/pending first always include the latest refusal when there is one.
    """
    Status = UnitBinding.Status
    rows = list(
        UnitBinding.objects.filter(
            person=person, status__in=[Status.APPROVED, Status.PENDING, Status.REJECTED]
        )
        .select_related("unit")
        .order_by(Case(When(status=Status.REJECTED, then=1), default=0), "-created_at", "-pk")[:3]
    )
    by_status: dict[str, UnitBinding] = {}
    for row in rows:
        by_status.setdefault(row.status, row)
    return BindingState(
        approved=by_status.get(Status.APPROVED),
        pending=by_status.get(Status.PENDING),
        last_rejected=by_status.get(Status.REJECTED),
    )


def person_pending_binding(*, person: Any) -> UnitBinding | None:
    return (
        UnitBinding.objects.filter(person=person, status=UnitBinding.Status.PENDING)
        .select_related("unit")
        .first()
    )


def person_bindings(*, person: Any) -> QuerySet[UnitBinding]:
    return UnitBinding.objects.filter(person=person).select_related("unit", "decided_by")


# People call HR departments 人社局/人社厅 (or 人力社保局); their names say 人力资源和社会保障局.
HR_SHORT_NAMES = (
    ("人社部门", "人力资源和社会保障"),
    ("人力社保", "人力资源和社会保障"),
    ("人社", "人力资源和社会保障"),
)


def _name_matches(query: str) -> Q:
    match = Q(name__contains=query)
    for short, full in HR_SHORT_NAMES:
        if short in query:
            return match | Q(name__contains=query.replace(short, full))
    return match


def unit_search(
    *, query: str, freelancer: bool = False, region_code: str = "", limit: int = 20
) -> list[Organization]:
    """选择单位: part of a name finds the unit. Freelancers choose a county HR department.

    For freelancers the department of `region_code` (the person's region) comes first.
    """
    query = query.strip()
    units = Organization.objects.filter(status=Organization.Status.ACTIVE)
    if freelancer:
        units = units.filter(kind=Organization.Kind.HR, level=Organization.Level.COUNTY)
    else:
        units = units.filter(kind=Organization.Kind.UNIT)
    if query:
        units = units.filter(_name_matches(query))
    elif not freelancer:
        return []
    order: list[Any] = ["name"]
    if freelancer and region_code:
        order.insert(0, Case(When(region_code=region_code, then=0), default=1))
    return list(units.select_related("parent").order_by(*order)[:limit])


def unit_binding_requests(*, unit: Organization, status: str = "") -> QuerySet[UnitBinding]:
    requests = UnitBinding.objects.filter(unit=unit).select_related("person", "decided_by")
    if status:
        requests = requests.filter(status=status)
    if status == UnitBinding.Status.PENDING:  # a queue: oldest first
        return requests.order_by("created_at", "pk")
    return requests.order_by("-created_at", "-pk")


def current_units_of(*, person_ids: list[int]) -> dict[int, Organization]:
    """Each person's approved unit, for showing it beside a change-of-unit request (one query)."""
    bindings = UnitBinding.objects.filter(
        person_id__in=person_ids, status=UnitBinding.Status.APPROVED
    ).select_related("unit")
    return {binding.person_id: binding.unit for binding in bindings}


def unit_staff(*, unit: Organization, query: str = "") -> QuerySet[UnitBinding]:
    """The approved bindings to this unit (its people), searchable by name or phone."""
    bindings = UnitBinding.objects.filter(
        unit=unit, status=UnitBinding.Status.APPROVED
    ).select_related("person")
    query = query.strip()
    if query:
        bindings = bindings.filter(
            Q(person__name__contains=query) | Q(person__phone__contains=query)
        )
    return bindings.order_by("person__name", "pk")


def unit_clerks(*, unit: Organization) -> QuerySet[Membership]:
    return Membership.objects.filter(organization=unit, role=Membership.Role.CLERK).select_related(
        "user"
    )


def registrations_for_authority(
    *, authority: Organization, status: str = ""
) -> QuerySet[Organization]:
    units = Organization.objects.filter(registration_authority=authority).select_related("parent")
    if status:
        units = units.filter(status=status)
    return units.order_by("-created_at", "-pk")


def hr_departments_with_reviewer(*, user: Any) -> list[Organization]:
    """The active HR departments where `user` holds a 审核人 (reviewer) membership."""
    memberships = memberships_for_user(user=user).filter(
        organization__kind=Organization.Kind.HR,
        organization__status=Organization.Status.ACTIVE,
        role=Membership.Role.REVIEWER,
    )
    return [m.organization for m in memberships.order_by("organization__name", "organization__pk")]


def unit_dashboards(*, units: list[Organization]) -> list[dict[str, Any]]:
    """Per unit: requests waiting and people bound — two queries whatever the number of units."""
    ids = [unit.pk for unit in units]
    counts = {
        row["unit"]: row
        for row in UnitBinding.objects.filter(unit__in=ids)
        .values("unit")
        .annotate(
            pending=Count("pk", filter=Q(status=UnitBinding.Status.PENDING)),
            staff=Count("pk", filter=Q(status=UnitBinding.Status.APPROVED)),
        )
    }
    return [
        {
            "unit": unit,
            "pending": counts.get(unit.pk, {}).get("pending", 0),
            "staff": counts.get(unit.pk, {}).get("staff", 0),
        }
        for unit in units
    ]


def authority_dashboards(*, authorities: list[Organization]) -> list[dict[str, Any]]:
    ids = [authority.pk for authority in authorities]
    counts = dict(
        Organization.objects.filter(
            registration_authority__in=ids, status=Organization.Status.PENDING
        )
        .values_list("registration_authority")
        .annotate(n=Count("pk"))
    )
    return [
        {"authority": authority, "pending": counts.get(authority.pk, 0)}
        for authority in authorities
    ]


def county_hr_for_region(*, region_code: str) -> Organization | None:
    return Organization.objects.filter(
        kind=Organization.Kind.HR,
        level=Organization.Level.COUNTY,
        status=Organization.Status.ACTIVE,
        region_code=region_code,
    ).first()


def unit_active_admins(*, unit: Organization) -> list[Any]:
    """The unit's 单位管理员 whose accounts still work."""
    return [
        m.user
        for m in Membership.objects.filter(
            organization=unit, role=Membership.Role.UNIT_ADMIN, user__is_active=True
        ).select_related("user")
    ]


def unit_join_requests(*, unit: Organization) -> QuerySet[UnitJoinRequest]:
    return UnitJoinRequest.objects.filter(
        unit=unit, status=UnitJoinRequest.Status.PENDING
    ).select_related("user")


def join_request_of(*, user: Any, unit: Organization) -> UnitJoinRequest | None:
    return UnitJoinRequest.objects.filter(unit=unit, user=user).first()


def units_without_admin(*, authority: Organization) -> list[dict[str, Any]]:
    """Active units this authority registered whose 单位管理员 are all gone, each with the legal
    accounts that carry its credit code (those who asked to join first)."""
    from django.contrib.auth import get_user_model

    units = Organization.objects.filter(
        registration_authority=authority,
        kind=Organization.Kind.UNIT,
        status=Organization.Status.ACTIVE,
    ).exclude(
        pk__in=Membership.objects.filter(
            role=Membership.Role.UNIT_ADMIN, user__is_active=True
        ).values("organization_id")
    )
    result = []
    for unit in units.order_by("name", "pk"):
        asked = set(unit_join_requests(unit=unit).values_list("user_id", flat=True))
        candidates = list(
            get_user_model()
            .objects.filter(kind="legal", credit_code__iexact=unit.credit_code, is_active=True)
            .order_by("pk")
        )
        candidates.sort(key=lambda user: user.pk not in asked)
        for user in candidates:
            user.asked_to_join = user.pk in asked  # type: ignore[attr-defined]
        result.append({"unit": unit, "candidates": candidates})
    return result


def legal_account_for_unit(*, unit: Organization, user_id: int) -> Any:
    """The active legal account with this id and the unit's credit code, or None."""
    from django.contrib.auth import get_user_model

    return (
        get_user_model()
        .objects.filter(
            pk=user_id, kind="legal", credit_code__iexact=unit.credit_code, is_active=True
        )
        .first()
    )
