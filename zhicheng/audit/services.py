from collections.abc import Callable
from contextvars import ContextVar
from typing import Any

from django.http import HttpRequest, HttpResponse

from .models import AuditEvent

# The request being served, so that services called without one (they take no request
# parameter) still record where an action came from. Set by AuditRequestMiddleware.
current_request: ContextVar[HttpRequest | None] = ContextVar("audit_current_request", default=None)


class AuditRequestMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        token = current_request.set(request)
        try:
            return self.get_response(request)
        finally:
            current_request.reset(token)


def client_ip(request: HttpRequest | None) -> str | None:
    # Behind the production proxy, SecurityMiddleware/proxy config sets REMOTE_ADDR correctly;
    # X-Forwarded-For is not trusted here because any client can send it.
    if request is None:
        return None
    return request.META.get("REMOTE_ADDR") or None


def audit_record(
    *,
    kind: str,
    result: str = AuditEvent.Result.SUCCESS,
    request: HttpRequest | None = None,
    user: Any = None,
    username: str = "",
    detail: dict[str, Any] | None = None,
) -> AuditEvent:
    """Append one event to the audit log."""
    if request is None:
        request = current_request.get()
    if user is not None and getattr(user, "pk", None) is None:
        user = None
    if user is not None and not username:
        username = user.get_username()
    return AuditEvent.objects.create(
        kind=kind,
        result=result,
        user=user,
        username=username[:150],
        ip=client_ip(request),
        detail=detail or {},
    )
