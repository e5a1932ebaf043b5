from collections.abc import Callable
from urllib.parse import urlsplit

from django.http import HttpRequest, HttpResponse

BASE_POLICY = [
    "default-src 'self'",
    "script-src 'none'",
    "style-src 'self'",
    "img-src 'self' data:",
    "object-src 'none'",
    "base-uri 'none'",
    "frame-ancestors 'none'",
]
# The toolkit lets a loopback redirect URI answer on any port (RFC 8252 §7.3).
LOOPBACK_HOSTS = ("127.0.0.1", "[::1]", "localhost")


def redirect_origins(redirect_uris: list[str]) -> list[str]:
    """The CSP sources of the registered redirect URIs: scheme, host and port; any port on
    loopback."""
    origins: list[str] = []
    for uri in redirect_uris:
        parts = urlsplit(uri)
        if parts.scheme not in ("http", "https") or not parts.hostname:
            continue
        host = f"[{parts.hostname}]" if ":" in parts.hostname else parts.hostname
        if host in LOOPBACK_HOSTS:
            origin = f"{parts.scheme}://{host}:*"
        elif parts.port:
            origin = f"{parts.scheme}://{host}:{parts.port}"
        else:
            origin = f"{parts.scheme}://{host}"
        if origin not in origins:
            origins.append(origin)
    return origins


def content_security_policy() -> str:
    """The policy with `form-action`: 'self' plus the origins of the registered clients' redirect
    URIs — after the login POST, Chromium checks the redirects to the platform's callback against
    form-action, so those origins must be listed (and nothing else may be)."""
    from oauth2_provider.models import get_application_model

    uris: list[str] = []
    for value in get_application_model().objects.values_list("redirect_uris", flat=True):
        uris.extend(value.split())
    form_action = " ".join(["'self'", *redirect_origins(uris)])
    return "; ".join([*BASE_POLICY, f"form-action {form_action}"])


class ContentSecurityPolicyMiddleware:
    """The stand-in has no JavaScript at all; the policy makes sure it stays that way."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        if "Content-Security-Policy" not in response.headers:
            response.headers["Content-Security-Policy"] = content_security_policy()
        return response
