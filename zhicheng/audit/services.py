from typing import Any

from django.http import HttpRequest

from .models import AuditEvent


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
