"""Who may open which page. One condition per line; views only call these."""

from collections.abc import Callable
from functools import wraps
from typing import Any

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest
from django.http.response import HttpResponseBase

View = Callable[..., HttpResponseBase]


def _role_required(check: Callable[[Any], bool]) -> Callable[[View], View]:
    def decorator(view: View) -> View:
        @login_required
        @wraps(view)
        def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponseBase:
            if not check(request.user):
                raise PermissionDenied("您的账号无权访问此页面")
            return view(request, *args, **kwargs)

        return wrapper

    return decorator


def is_person(user: Any) -> bool:
    return bool(user.is_person)


def is_legal(user: Any) -> bool:
    return bool(user.is_legal)


def is_staff_account(user: Any) -> bool:
    return bool(user.is_staff_account)


person_required = _role_required(is_person)
legal_required = _role_required(is_legal)
staff_required = _role_required(is_staff_account)
