"""What the header menu and the portal pages (个人首页, 单位工作台, 工作台) are made of.

These pages read every app, so they live at the top of the house (`zhicheng.portal`); each app
contributes its part by registering on these hooks in its `AppConfig.ready`, and the portal
orders the parts by `order`. Core declares them so that every app can register without
importing the portal (DESIGN §3).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from .hooks import Hook


@dataclass(frozen=True)
class Link:
    """A menu item, a 待处理事项 line: a label and where it leads."""

    order: int
    label: str
    url: str


@dataclass(frozen=True)
class Module:
    """A part of a portal page: a panel (a template and its context) and/or 待处理事项 lines.

    A module with neither only tells the page that the user has work there (工作台 then shows
    no 暂无待办事项 notice). `key` names the module for the page, e.g. "applications" for 我的申报情况: the portal shows
    its own placeholder for a key nobody registers yet.
    """

    order: int
    key: str = ""
    template: str = ""
    context: Mapping[str, Any] = field(default_factory=dict)
    todo: Sequence[Link] = ()


@dataclass(frozen=True)
class Tile:
    """A tile on a unit's card (单位工作台, 工作台): a number or a word, a label, a link."""

    order: int
    value: Any
    label: str
    url: str


# The header's menu for a logged-in user (a person who has not completed the first login sees none).
menu_items: Hook[[Any], list[Link]] = Hook("core.menu_items")

# 个人首页: the person's modules.
home_modules: Hook[[Any], list[Module]] = Hook("core.home_modules")

# 个人中心 (accounts' page): what higher apps add about the person, e.g. the binding (key "binding").
profile_modules: Hook[[Any], list[Module]] = Hook("core.profile_modules")

# 单位工作台 and 工作台: tiles per unit the user acts for, {unit pk: [tiles]}; called once for all
# the user's units, so that a contributor counts with one query.
unit_tiles: Hook[[Any, Sequence[Any]], Mapping[int, list[Tile]]] = Hook("core.unit_tiles")

# 工作台 (staff): the cards of the user's work, e.g. registrations waiting for an HR department.
staff_modules: Hook[[Any], list[Module]] = Hook("core.staff_modules")


def menu_for(user: Any) -> list[tuple[str, str]]:
    """The header's menu: (label, url) pairs in order."""
    if not user.is_authenticated or getattr(user, "needs_first_login", False):
        return []
    links = sorted((link for links in menu_items.call(user) for link in links), key=_order)
    return [(link.label, link.url) for link in links]


def modules_for(hook: Hook[[Any], list[Module]], user: Any) -> list[Module]:
    return sorted((module for modules in hook.call(user) for module in modules), key=_order)


def module_context(modules: Sequence[Module], key: str) -> Mapping[str, Any]:
    """The context of the module named `key` (empty when nobody registered one)."""
    return next((module.context for module in modules if module.key == key), {})


def tiles_for(user: Any, units: Sequence[Any]) -> dict[int, list[Tile]]:
    tiles: dict[int, list[Tile]] = {unit.pk: [] for unit in units}
    if not units:
        return tiles
    for answer in unit_tiles.call(user, units):
        for pk, unit_tiles_ in answer.items():
            tiles.setdefault(pk, []).extend(unit_tiles_)
    return {pk: sorted(items, key=_order) for pk, items in tiles.items()}


def _order(item: Link | Module | Tile) -> int:
    return item.order
