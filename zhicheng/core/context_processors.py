from typing import Any

from django.conf import settings
from django.contrib.auth.models import AnonymousUser
from django.http import HttpRequest

from .portal import menu_for


def site(request: HttpRequest) -> dict[str, Any]:
    return {
        # Each app adds its own menu items (core.portal.menu_items).
        # No request.user when the request was refused before the authentication middleware ran
        # (a bad Host header answered by our 400 page).
        "nav_items": menu_for(getattr(request, "user", None) or AnonymousUser()),
        "sso_is_local_standin": settings.SSO_IS_LOCAL_STANDIN,
        # django-htmx's {% htmx_script %} looks for `csp_nonce`; django-csp provides request.csp_nonce.
        "csp_nonce": getattr(request, "csp_nonce", ""),
    }
