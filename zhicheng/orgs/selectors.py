from typing import Any

from django.db.models import QuerySet

from .models import Membership, Organization


def unit_for_credit_code(*, credit_code: str) -> Organization | None:
    """The registered unit a legal person (法人) acts for, found by its 统一社会信用代码."""
    if not credit_code:
        return None
    return Organization.objects.filter(
        credit_code=credit_code.upper(), status=Organization.Status.ACTIVE
    ).first()


def memberships_for_user(*, user: Any) -> QuerySet[Membership]:
    return Membership.objects.filter(user=user).select_related("organization")
