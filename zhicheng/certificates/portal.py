"""What certificates add to the menu and the portal pages (see `zhicheng.core.portal`)."""

from typing import Any

from django.urls import reverse

from zhicheng.core.portal import Link, Module

from . import access, selectors


def menu(user: Any) -> list[Link]:
    if user.is_person:
        return [Link(45, "我的职称", reverse("certificates:mine"))]
    if access.issuer_organizations(user):
        return [Link(40, "电子证书", reverse("certificates:issuer_home"))]
    return []


def staff_replacements(user: Any) -> list[Module]:
    """工作台 and 单位工作台: 补换证 requests waiting at an organization the user acts for."""
    todo = []
    for node in access.replacement_nodes(user):
        waiting = selectors.node_replacements(node=node).count()
        if waiting:
            todo.append(
                Link(
                    50,
                    f"{node.name}：{waiting} 件补换证申请待审核",
                    reverse("certificates:review_queue", args=[node.pk]),
                )
            )
    return [Module(order=50, key="certificates", todo=todo)] if todo else []
