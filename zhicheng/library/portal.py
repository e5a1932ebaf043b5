"""What the library adds to the menu and the portal pages (see `zhicheng.core.portal`)."""

from collections.abc import Sequence
from typing import Any

from django.urls import reverse

from zhicheng.core.portal import Link, Module, Tile

from . import selectors


def menu(user: Any) -> list[Link]:
    return [Link(20, "个人业绩库", reverse("library:index"))] if user.is_person else []


def home_stats(user: Any) -> list[Module]:
    """个人首页: 业绩统计, and the entries the unit returned (from the same counts)."""
    stats = selectors.library_stats(person=user)
    todo = []
    if stats.returned:
        todo.append(
            Link(
                20,
                f"{stats.returned}条业绩被单位退回，请修改后重新提交",
                reverse("library:index") + "?status=returned",
            )
        )
    return [
        Module(
            order=30,
            key="library",
            template="library/_home_stats.html",
            context={"stats": stats},
            todo=todo,
        )
    ]


def unit_tiles(user: Any, units: Sequence[Any]) -> dict[int, list[Tile]]:
    waiting = selectors.unit_pending_counts(unit_ids=[unit.pk for unit in units])
    return {
        unit.pk: [
            Tile(
                20,
                waiting.get(unit.pk, 0),
                "业绩审核",
                reverse("library:unit_queue", args=[unit.pk]),
            )
        ]
        for unit in units
    }
