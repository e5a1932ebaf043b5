from typing import Any

from django.conf import settings
from django.http import HttpRequest

from .portal import menu_for


def site(request: HttpRequest) -> dict[str, Any]:
    return {
        # Each app adds its own menu items (core.portal.menu_items).
        "nav_items": menu_for(request.user),
        "sso_is_local_standin": settings.SSO_IS_LOCAL_STANDIN,
        # django-htmx's {% htmx_script %} looks for `csp_nonce`; django-csp provides request.csp_nonce.
        "csp_nonce": getattr(request, "csp_nonce", ""),
    }
