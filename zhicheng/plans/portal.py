"""What plans adds to the menu and the portal pages (see `zhicheng.core.portal`)."""

from typing import Any

from django.urls import reverse
from django.utils import timezone

from zhicheng.core.portal import Link, Module

from . import access, selectors


def menu(user: Any) -> list[Link]:
    # 职称申报 (for persons) is the applications app's page, which holds the 评审计划 tab.
    if access.is_organizer(user):
        return [Link(20, "评审计划管理", reverse("plans:organizer_list"))]
    return []


def home_latest_plans(user: Any) -> list[Module]:
    latest = selectors.plans_latest_open(now=timezone.now())
    return [
        Module(
            order=40,
            key="plans",
            template="plans/_home_latest_plans.html",
            context={"latest_plans": latest},
        )
    ]


def staff_organizer(user: Any) -> list[Module]:
    """工作台: an organizer's work is behind the 评审计划管理 menu; the page shows no card for it,
    only knows that there is work (no 暂无待办事项 notice)."""
    if not access.is_organizer(user):
        return []
    return [Module(order=20, key="plans")]
