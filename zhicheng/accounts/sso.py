"""The relying party's checks that allauth leaves out, for an SSO nobody here wrote.

- The issuer in discovery must be the configured server URL (OIDC Discovery §4.3); allauth then
  checks the ID token's `iss` against it, so both are compared with SSO_SERVER_URL.
- The login page may submit to an authorization endpoint on another host than the issuer: its
  origin comes from discovery and goes into that page's CSP `form-action`.
- Token-endpoint errors such as `invalid_client` (a wrong secret) are configuration errors: the
  person sees the usual login-failed page, the audit row names the cause for 系统管理.
"""

import logging
import re
from typing import Any

import requests
from allauth.core.exceptions import ImmediateHttpResponse
from allauth.socialaccount.models import SocialApp
from allauth.socialaccount.providers.oauth2.views import OAuth2CallbackView, OAuth2LoginView
from allauth.socialaccount.providers.openid_connect.views import OpenIDConnectOAuth2Adapter
from django.conf import settings
from django.core.cache import cache
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render

from zhicheng.audit.models import AuditEvent
from zhicheng.audit.services import audit_record

logger = logging.getLogger(__name__)

# OAuth 2.0 error codes (RFC 6749 §4.1.2.1, §5.2) that no user can cause: the client settings
# at one side or the other are wrong.
CONFIGURATION_ERRORS = frozenset(
    {
        "invalid_client",
        "unauthorized_client",
        "unsupported_grant_type",
        "unsupported_response_type",
        "invalid_scope",
        "issuer_mismatch",
    }
)
DISCOVERY_PATH = "/.well-known/openid-configuration"
DISCOVERY_CACHE_SECONDS = 300
# Rendering the login page must not wait as long as a login may.
DISCOVERY_PAGE_TIMEOUT_SECONDS = 3


def sso_app_settings() -> dict[str, Any]:
    return dict(settings.SOCIALACCOUNT_PROVIDERS["openid_connect"]["APPS"][0]["settings"])


def sso_issuer_mismatch(config: dict[str, Any], server_url: str) -> bool:
    return config.get("issuer") != server_url


def sso_refuse_configuration(
    request: HttpRequest, *, cause: str, detail: dict[str, Any]
) -> ImmediateHttpResponse:
    """Audit a configuration error and give the person a page that says whom to ask."""
    logger.error("SSO configuration error %s: %s", cause, detail)
    audit_record(
        kind=AuditEvent.Kind.SSO_ERROR,
        result=AuditEvent.Result.FAILURE,
        request=request,
        detail={"cause": cause, "configuration_error": True, **detail},
    )
    response = render(
        request,
        "accounts/sso_error.html",
        {"message": "统一身份认证的对接配置有误，暂时无法登录，请联系平台管理员。"},
        status=503,
    )
    return ImmediateHttpResponse(response)


class CheckedOpenIDConnectAdapter(OpenIDConnectOAuth2Adapter):
    """allauth's adapter, refusing a discovery document whose issuer is not the one configured."""

    @property
    def openid_config(self) -> dict[str, Any]:
        if not hasattr(self, "_openid_config"):
            config = super().openid_config
            server_url = self.get_provider().app.settings["server_url"]
            if sso_issuer_mismatch(config, server_url):
                del self._openid_config  # never used, not even later in this request
                raise sso_refuse_configuration(
                    self.request,
                    cause="issuer_mismatch",
                    detail={"expected": server_url, "issuer": str(config.get("issuer"))[:200]},
                )
        return self._openid_config


def login(request: HttpRequest, provider_id: str) -> HttpResponse:
    try:
        view = OAuth2LoginView.adapter_view(CheckedOpenIDConnectAdapter(request, provider_id))
        return view(request)
    except SocialApp.DoesNotExist:
        raise Http404 from None


def callback(request: HttpRequest, provider_id: str) -> HttpResponse:
    try:
        view = OAuth2CallbackView.adapter_view(CheckedOpenIDConnectAdapter(request, provider_id))
        return view(request)
    except SocialApp.DoesNotExist:
        raise Http404 from None


def sso_authorization_origin() -> str | None:
    """The origin of the authorization endpoint, from (cached) discovery; None when unknown."""
    app = sso_app_settings()
    server_url = app["server_url"]
    key = f"sso-authorization-origin:{server_url}"
    cached = cache.get(key)
    if cached is not None:
        return cached or None
    origin = ""
    try:
        response = requests.get(server_url + DISCOVERY_PATH, timeout=DISCOVERY_PAGE_TIMEOUT_SECONDS)
        response.raise_for_status()
        config = {**response.json(), **app.get("openid_configuration_overrides", {})}
        if not sso_issuer_mismatch(config, server_url):
            origin = "/".join(str(config["authorization_endpoint"]).split("/")[:3])
    except (requests.RequestException, ValueError, KeyError) as error:
        logger.warning("SSO discovery unavailable at %s: %r", server_url, error)
    # An unknown origin is remembered briefly, so a down SSO does not slow every login page.
    cache.set(key, origin, DISCOVERY_CACHE_SECONDS if origin else 30)
    return origin or None


_ERROR_IN_BODY = re.compile(r"""["']error["']\s*:\s*["']([A-Za-z0-9_.-]{1,64})["']""")


def sso_error_cause(request: HttpRequest, exception: Any) -> str:
    """The OAuth error code of a failed login: from the token endpoint's answer, else the callback."""
    match = _ERROR_IN_BODY.search(str(exception or ""))
    if match:
        return match.group(1)
    return str(request.GET.get("error", ""))[:64]
