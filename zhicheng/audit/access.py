"""Who may read the audit log. Audit sits below accounts (everything writes to it), so it reads
the user's flags itself instead of importing accounts.access."""

from collections.abc import Callable
from functools import wraps
from typing import Any

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest
from django.http.response import HttpResponseBase

View = Callable[..., HttpResponseBase]


def is_auditor(user: Any) -> bool:
    """审计员: a staff account with the auditor flag (separate from the administrator's duties)."""
    return bool(getattr(user, "is_staff_account", False) and getattr(user, "is_auditor", False))


def auditor_required(view: View) -> View:
    @login_required
    @wraps(view)
    def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponseBase:
        if not is_auditor(request.user):
            raise PermissionDenied("您的账号无权访问此页面")
        return view(request, *args, **kwargs)

    return wrapper
