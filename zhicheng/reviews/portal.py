"""What the reviews app adds to the menu, 工作台 and 单位工作台 (core.portal hooks)."""

from collections.abc import Mapping, Sequence
from typing import Any

from django.urls import reverse

from zhicheng.core.portal import Link, Module, Tile

from . import selectors


def menu(user: Any) -> list[Link]:
    """评审工作 for staff and legal persons with a desk. A person who is also a unit's clerk
    reaches it from the unit's tile, so an applicant's pages pay no query for this."""
    if user.is_person:
        return []
    if selectors.review_desks(user=user):
        return [Link(25, "评审工作", reverse("reviews:index"))]
    return []


def staff_reviews(user: Any) -> list[Module]:
    """工作台: a 待处理事项 line per desk with applications waiting."""
    desks = selectors.review_desks(user=user)
    if not desks:
        return []
    counts = selectors.desk_counts(desks=desks)
    todo = [
        Link(
            10,
            f"{desk.organization.name}：待审核职称申报 {counts[desk.organization.pk]} 份",
            reverse("reviews:queue", args=[desk.organization.pk]),
        )
        for desk in desks
        if counts.get(desk.organization.pk)
    ]
    return [Module(order=15, key="reviews", todo=todo)]


def unit_tiles(user: Any, units: Sequence[Any]) -> Mapping[int, list[Tile]]:
    """单位工作台: 职称申报审核 with the number waiting at each unit (one query for all)."""
    desks = [d for d in selectors.review_desks(user=user) if d.is_unit]
    counts = selectors.desk_counts(desks=desks)
    return {
        desk.organization.pk: [
            Tile(
                30,
                counts.get(desk.organization.pk, 0),
                "职称申报审核",
                reverse("reviews:queue", args=[desk.organization.pk]),
            )
        ]
        for desk in desks
        if desk.organization in units
    }
