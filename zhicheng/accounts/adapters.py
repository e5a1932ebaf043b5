"""allauth hooks: staff login lockout, and persons / legal persons created from the SSO's claims."""

from typing import Any

from allauth.account.adapter import DefaultAccountAdapter
from allauth.core.exceptions import ImmediateHttpResponse
from allauth.socialaccount.adapter import DefaultSocialAccountAdapter
from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.http import HttpRequest
from django.shortcuts import render

from zhicheng.audit.models import AuditEvent
from zhicheng.audit.services import audit_record

from . import lockout, services, sso


class AccountAdapter(DefaultAccountAdapter):
    def is_open_for_signup(self, request: HttpRequest) -> bool:
        # Staff accounts are created by administrators; everyone else comes through the SSO.
        return False

    def pre_authenticate(self, request: HttpRequest, **credentials: Any) -> None:
        username = str(credentials.get("username", ""))
        remaining = lockout.lockout_remaining(username)
        if remaining is not None:
            audit_record(
                kind=AuditEvent.Kind.LOCKED,
                result=AuditEvent.Result.FAILURE,
                request=request,
                username=username,
                detail={"reason": "login attempted while locked"},
            )
            raise ValidationError(lockout.lockout_message(remaining))

    def authentication_failed(self, request: HttpRequest, **credentials: Any) -> None:
        username = str(credentials.get("username", ""))
        if lockout.lockout_record_failure(username):
            audit_record(
                kind=AuditEvent.Kind.LOCKED,
                result=AuditEvent.Result.FAILURE,
                request=request,
                username=username,
            )

    def login(self, request: HttpRequest, user: Any) -> None:
        super().login(request, user)
        lockout.lockout_clear(user.get_username())

    def add_message(
        self,
        request: HttpRequest,
        level: int,
        message_template: str | None = None,
        message_context: dict[str, Any] | None = None,
        extra_tags: str = "",
        message: str | None = None,
    ) -> None:
        # "以 person-<uuid> 成功登录" shows an internal account name; the header names the person.
        if message_template == "account/messages/logged_in.txt":
            return
        super().add_message(
            request,
            level,
            message_template=message_template,
            message_context=message_context,
            extra_tags=extra_tags,
            message=message,
        )

    def get_login_redirect_url(self, request: HttpRequest) -> str:
        return services.home_url_for(request.user)  # type: ignore[arg-type]

    def get_signup_redirect_url(self, request: HttpRequest) -> str:
        # A person's first SSO login creates the account: on to the first-login page.
        return services.home_url_for(request.user)  # type: ignore[arg-type]


class SocialAccountAdapter(DefaultSocialAccountAdapter):
    def is_open_for_signup(self, request: HttpRequest, sociallogin: Any) -> bool:
        return True

    def get_provider(self, request: HttpRequest, provider: Any, client_id: Any = None) -> Any:
        # The provider builds its own OAuth2 adapter for the redirect to the SSO: give it the
        # one that checks the issuer (sso.py; the login and callback views use it as well).
        instance = super().get_provider(request, provider, client_id)
        if getattr(instance, "app", None) and instance.app.provider_id == settings.SSO_PROVIDER_ID:
            instance.oauth2_adapter_class = sso.CheckedOpenIDConnectAdapter
        return instance

    def pre_social_login(self, request: HttpRequest, sociallogin: Any) -> None:
        """Refuse claims the platform cannot accept before anything is stored."""
        try:
            claims = services.SsoClaims.from_extra_data(sociallogin.account.extra_data)
            services.sso_check_claims(
                claims=claims,
                existing=sociallogin.user if sociallogin.is_existing else None,
            )
        except ValidationError as error:
            configuration = any(e.code == services.SSO_CONFIGURATION for e in error.error_list)
            detail: dict[str, Any] = {"error": error.messages}
            if configuration:
                # The names only, never the values: enough to fix SSO_CLAIMS / SSO_ACCOUNT_TYPES.
                detail |= {
                    "cause": "unmapped_claims",
                    "configuration_error": True,
                    "received_claims": sorted(claims_received(sociallogin.account.extra_data)),
                }
            audit_record(
                kind=AuditEvent.Kind.SSO_ERROR,
                result=AuditEvent.Result.FAILURE,
                request=request,
                detail=detail,
            )
            response = render(
                request,
                "accounts/sso_error.html",
                {"message": "；".join(error.messages)},
                status=403,
            )
            raise ImmediateHttpResponse(response) from None
        if sociallogin.is_existing:
            services.sso_refresh_user(user=sociallogin.user, claims=claims)

    def populate_user(self, request: HttpRequest, sociallogin: Any, data: dict[str, Any]) -> Any:
        user = sociallogin.user
        claims = services.SsoClaims.from_extra_data(sociallogin.account.extra_data)
        services.sso_populate_new_user(user=user, claims=claims)
        return user

    def save_user(self, request: HttpRequest, sociallogin: Any, form: Any = None) -> Any:
        # One transaction: a failure leaves neither a user without its SSO link nor the reverse.
        with transaction.atomic():
            user = super().save_user(request, sociallogin, form)
            audit_record(
                kind=AuditEvent.Kind.ACCOUNT_CREATED,
                request=request,
                user=user,
                detail={"kind": user.kind, "sso_uid": sociallogin.account.uid},
            )
        return user

    def on_authentication_error(
        self,
        request: HttpRequest,
        provider: Any,
        error: Any = None,
        exception: Any = None,
        extra_context: Any = None,
    ) -> None:
        # The person sees the same page whatever the cause; the audit row tells 系统管理 when
        # the cause is the configuration (a wrong client secret reads as invalid_client).
        cause = sso.sso_error_cause(request, exception)
        detail: dict[str, Any] = {"error": str(error), "exception": repr(exception)[:500]}
        if cause:
            detail["cause"] = cause
        if cause in sso.CONFIGURATION_ERRORS:
            detail["configuration_error"] = True
            sso.logger.error("SSO configuration error %s: %r", cause, exception)
        audit_record(
            kind=AuditEvent.Kind.SSO_ERROR,
            result=AuditEvent.Result.FAILURE,
            request=request,
            detail=detail,
        )


def claims_received(extra_data: dict[str, Any]) -> set[str]:
    names: set[str] = set()
    for part in ("userinfo", "id_token"):
        names |= set(extra_data.get(part) or {})
    return names
