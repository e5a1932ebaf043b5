from typing import Any

from django.conf import settings
from django.http import HttpRequest
from django.urls import reverse


def navigation_for(user: Any) -> list[tuple[str, str]]:
    """The header's menu: (label, url) pairs for the logged-in role."""
    if not user.is_authenticated:
        return []
    if user.is_person:
        if user.needs_first_login:
            return []
        items = [
            ("个人首页", reverse("accounts:home")),
            ("个人业绩库", reverse("library:index")),
            ("职称申报", reverse("applications:index")),
            ("个人中心", reverse("accounts:profile")),
        ]
        # A clerk (经办人) acts for a unit with their own personal login.
        if user.memberships.exists():
            items.append(("单位工作台", reverse("accounts:unit_home")))
        return items
    if user.is_legal:
        return [("单位工作台", reverse("accounts:unit_home"))]
    from zhicheng.plans.selectors import organizer_orgs

    items = [("工作台", reverse("accounts:staff_home"))]
    if organizer_orgs(user=user):
        items.append(("评审计划管理", reverse("plans:organizer_list")))
    if user.is_auditor:
        items.append(("审计日志", reverse("audit:events")))
    if user.is_superuser:
        items.append(("系统管理", reverse("admin:index")))
    return items


def site(request: HttpRequest) -> dict[str, Any]:
    return {
        "nav_items": navigation_for(request.user),
        "sso_is_local_standin": settings.SSO_IS_LOCAL_STANDIN,
        # django-htmx's {% htmx_script %} looks for `csp_nonce`; django-csp provides request.csp_nonce.
        "csp_nonce": getattr(request, "csp_nonce", ""),
    }
