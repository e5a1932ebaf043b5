"""What orgs adds to the portal pages (see `zhicheng.core.portal`), registered in apps.py."""

from collections.abc import Sequence
from typing import Any

from django.urls import reverse

from zhicheng.core.portal import Link, Module, Tile

from . import access, selectors


def home_binding(user: Any) -> list[Module]:
    """个人首页: the binding for 个人基本信息 (key "binding"), and what to do about it."""
    state = selectors.person_binding_state(person=user)
    binding, pending, last_rejected = state.approved, state.pending, state.last_rejected
    change = reverse("orgs:binding_change")
    todo: list[Link] = []
    if pending is not None:
        todo.append(Link(10, f"单位绑定申请（{pending.unit.name}）待单位审核", change))
    elif binding is None:
        if last_rejected is not None:
            todo.append(
                Link(
                    10,
                    f"单位绑定申请被{last_rejected.unit.name}驳回：{last_rejected.opinion}",
                    change,
                )
            )
        todo.append(Link(11, "尚未绑定工作单位：绑定后才能提交业绩和申报职称", change))
    return [
        Module(
            order=0,
            key="binding",
            context={"binding": binding, "pending_binding": pending},
            todo=todo,
        )
    ]


def unit_tiles(user: Any, units: Sequence[Any]) -> dict[int, list[Tile]]:
    """单位工作台 / 工作台: requests waiting, people bound, and (for the legal person) clerks."""
    tiles: dict[int, list[Tile]] = {}
    for item in selectors.unit_dashboards(units=list(units)):
        unit = item["unit"]
        staff_label = "已绑定的自由职业者" if unit.accepts_freelancers else "本单位人员"
        tiles[unit.pk] = [
            Tile(
                10,
                item["pending"],
                "待审核绑定申请",
                reverse("orgs:binding_requests", args=[unit.pk]),
            ),
            Tile(30, item["staff"], staff_label, reverse("orgs:unit_staff", args=[unit.pk])),
        ]
        if access.can_manage_clerks(user, unit):
            tiles[unit.pk].append(
                Tile(40, "经办人", "管理经办人", reverse("orgs:unit_clerks", args=[unit.pk]))
            )
    return tiles


def staff_registrations(user: Any) -> list[Module]:
    """工作台: unit registrations waiting for the HR departments the user reviews for."""
    authorities = access.reviewing_hr_departments(user)
    if not authorities:
        return []
    return [
        Module(
            order=10,
            key="registrations",
            template="orgs/_staff_registrations.html",
            context={"authorities": selectors.authority_dashboards(authorities=authorities)},
        )
    ]
