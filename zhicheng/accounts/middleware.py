"""Session idle timeout, mandatory TOTP for staff, the first-login page, SSO outages."""

import time
from collections.abc import Callable
from typing import Any

import requests
from django.conf import settings
from django.contrib import messages
from django.contrib.auth.models import AnonymousUser
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse

from zhicheng.audit.models import AuditEvent
from zhicheng.audit.services import audit_record

Handler = Callable[[HttpRequest], HttpResponse]
LAST_SEEN_KEY = "zc_last_seen"


def _is_exempt(path: str, prefixes: tuple[str, ...]) -> bool:
    return path.startswith((settings.STATIC_URL, "/healthz", *prefixes))


class IdleTimeoutMiddleware:
    """End a session after IDLE_TIMEOUT_SECONDS without a request, and say so.

    The session cookie's own age is the same, but a cookie that simply expires cannot tell the
    person why they are on the login page again, nor leave an audit record.
    """

    def __init__(self, get_response: Handler) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if request.user.is_authenticated:
            now = int(time.time())
            last_seen = request.session.get(LAST_SEEN_KEY)
            if last_seen is not None and now - int(last_seen) > settings.IDLE_TIMEOUT_SECONDS:
                user = request.user
                # Logging out through Django would also record a plain 退出; this is not one.
                request.session.flush()
                request.user = AnonymousUser()
                audit_record(kind=AuditEvent.Kind.SESSION_TIMEOUT, request=request, user=user)
                messages.warning(request, "您已超过30分钟未操作，请重新登录")
                return redirect(f"{reverse('accounts:login')}?timeout=1")
            request.session[LAST_SEEN_KEY] = now
        return self.get_response(request)


def session_passed_mfa(request: HttpRequest) -> bool:
    """Whether this session (not merely the account) has passed a second factor.

    allauth records each authentication step in the session; a login that bypassed its MFA stage
    (another login form, a session made some other way) has no "mfa" record.
    """
    from allauth.account.authentication import get_authentication_records

    records = get_authentication_records(request, request.user)  # type: ignore[arg-type]
    return any(record.get("method") == "mfa" for record in records)


def record_mfa_on_activation(
    request: HttpRequest, user: Any, authenticator: Any, **kwargs: Any
) -> None:
    """Activating TOTP verifies a code of the new secret: that session has passed the factor."""
    from allauth.account.internal.flows.login import record_authentication

    if authenticator.type == authenticator.Type.TOTP:
        record_authentication(request, user, "mfa", id=authenticator.pk, type=authenticator.type)


class StaffMfaRequiredMiddleware:
    """Staff sessions pass TOTP before any staff or admin page.

    An account with TOTP must have passed it in this session: otherwise the session ends and the
    person logs in again through the staff login (lockout, then the code). Where REQUIRE_STAFF_MFA
    is on (production), staff without TOTP must set it up first.
    """

    allowed = ("/accounts/2fa/", "/accounts/reauthenticate/", "/accounts/logout/", "/logout/")

    def __init__(self, get_response: Handler) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        user = request.user
        if (
            user.is_authenticated
            and getattr(user, "is_staff_account", False)
            and not _is_exempt(request.path, ())
            and not session_passed_mfa(request)
        ):
            from allauth.mfa.models import Authenticator

            has_totp = Authenticator.objects.filter(
                user=user, type=Authenticator.Type.TOTP
            ).exists()
            if has_totp:
                # Not even the TOTP pages: they would let this session turn the factor off.
                request.session.flush()
                request.user = AnonymousUser()
                messages.warning(request, "请通过工作人员登录重新登录，并输入动态口令")
                return redirect("account_login")
            if settings.REQUIRE_STAFF_MFA and not _is_exempt(request.path, self.allowed):
                messages.info(request, "工作人员账号须先启用动态口令（TOTP）")
                return redirect("mfa_activate_totp")
        return self.get_response(request)


class FirstLoginMiddleware:
    """Manual 一(3): a person logging in for the first time completes the registration page first."""

    # The first-login page itself searches units (选择单位, manual 一①).
    allowed = ("/welcome/", "/units/search/", "/accounts/logout/", "/logout/")

    def __init__(self, get_response: Handler) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        user = request.user
        if (
            user.is_authenticated
            and getattr(user, "needs_first_login", False)
            and not _is_exempt(request.path, self.allowed)
        ):
            return redirect("portal:first_login")
        return self.get_response(request)


class SsoUnavailableMiddleware:
    """An SSO that is down or times out reads as such, not as a server error of ours."""

    def __init__(self, get_response: Handler) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        return self.get_response(request)

    def process_exception(self, request: HttpRequest, exception: Exception) -> HttpResponse | None:
        if isinstance(exception, requests.RequestException):
            audit_record(
                kind=AuditEvent.Kind.SSO_ERROR,
                result=AuditEvent.Result.FAILURE,
                request=request,
                detail={"error": repr(exception)[:500]},
            )
            return render(
                request,
                "accounts/sso_error.html",
                {"message": "暂时无法连接安徽政务服务网，请稍后再试。"},
                status=503,
            )
        return None


class AccountPagesMiddleware:
    """allauth mounts many account pages; only these serve a purpose here.

    SSO users have no local password, e-mail management or second factor of ours, and nobody may
    unlink the SSO from an account. The rest of /accounts/ answers 404.
    """

    everyone = ("/accounts/login/", "/accounts/logout/", "/accounts/oidc/")
    staff_only = ("/accounts/2fa/", "/accounts/reauthenticate/", "/accounts/password/change/")

    def __init__(self, get_response: Handler) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        path = request.path
        if path.startswith("/accounts/") and not path.startswith(self.everyone):
            if not path.startswith(self.staff_only):
                return render(
                    request,
                    "error.html",
                    {"title": "页面不存在", "message": "您访问的页面不存在。"},
                    status=404,
                )
            user = request.user
            if user.is_authenticated and not getattr(user, "is_staff_account", False):
                return render(
                    request,
                    "error.html",
                    {"title": "无权访问", "message": "此页面仅供工作人员使用。"},
                    status=403,
                )
        return self.get_response(request)
