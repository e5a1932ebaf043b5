"""What applications adds to the menu and 个人首页 (see `zhicheng.core.portal`)."""

from typing import Any

from django.urls import reverse

from zhicheng.core.portal import Link, Module

from . import selectors


def menu(user: Any) -> list[Link]:
    return [Link(30, "职称申报", reverse("applications:index"))] if user.is_person else []


def home_applications(user: Any) -> list[Module]:
    """个人首页 · 我的申报情况 (replaces the portal's empty module of the same key)."""
    return [
        Module(
            order=10,
            key="applications",
            template="applications/_home_summary.html",
            context=selectors.home_summary(person=user),
        )
    ]
