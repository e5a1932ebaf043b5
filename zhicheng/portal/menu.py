"""The portal's own menu items, and those of the apps below core (audit) and of Django's admin."""

from typing import Any

from django.urls import reverse

from zhicheng.core.portal import Link
from zhicheng.orgs import access as org_access


def portal_menu(user: Any) -> list[Link]:
    if user.is_person:
        links = [Link(10, "个人首页", reverse("portal:home"))]
        # A clerk (经办人) acts for a unit with their own personal login.
        if org_access.can_open_unit_home(user):
            links.append(Link(50, "单位工作台", reverse("portal:unit_home")))
        return links
    if user.is_legal:
        return [Link(10, "单位工作台", reverse("portal:unit_home"))]
    links = [Link(10, "工作台", reverse("portal:staff_home"))]
    if user.is_auditor:
        links.append(Link(30, "审计日志", reverse("audit:events")))
    if user.is_superuser:
        links.append(Link(40, "系统管理", reverse("admin:index")))
    return links
