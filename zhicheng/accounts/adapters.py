"""allauth hooks: staff login lockout, and persons / legal persons created from the SSO's claims."""

from typing import Any

from allauth.account.adapter import DefaultAccountAdapter
from allauth.core.exceptions import ImmediateHttpResponse
from allauth.socialaccount.adapter import DefaultSocialAccountAdapter
from django.core.exceptions import ValidationError
from django.db import transaction
from django.http import HttpRequest
from django.shortcuts import render

from zhicheng.audit.models import AuditEvent
from zhicheng.audit.services import audit_record

from . import lockout, services


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

    def pre_social_login(self, request: HttpRequest, sociallogin: Any) -> None:
        """Refuse claims the platform cannot accept before anything is stored."""
        try:
            claims = services.SsoClaims.from_extra_data(sociallogin.account.extra_data)
            services.sso_check_claims(
                claims=claims,
                existing=sociallogin.user if sociallogin.is_existing else None,
            )
        except ValidationError as error:
            audit_record(
                kind=AuditEvent.Kind.SSO_ERROR,
                result=AuditEvent.Result.FAILURE,
                request=request,
                detail={"error": error.messages},
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
        audit_record(
            kind=AuditEvent.Kind.SSO_ERROR,
            result=AuditEvent.Result.FAILURE,
            request=request,
            detail={"error": str(error), "exception": repr(exception)[:500]},
        )
