from typing import Any
from urllib.parse import parse_qs, urlencode, urlsplit

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import login, logout
from django.contrib.auth.decorators import login_required
from django.contrib.auth.views import redirect_to_login
from django.http import HttpRequest, HttpResponse, HttpResponseBase, JsonResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_POST
from oauth2_provider.views import AuthorizationView, UserInfoView

from .forms import LoginForm, RegisterForm
from .models import Account
from .services import account_register

KINDS = [Account.Kind.PERSON, Account.Kind.LEGAL]


def safe_next_url(value: str | None) -> str:
    """`next` only when it is a relative URL on this site (never //host or an absolute URL)."""
    if not value or not value.startswith("/") or value.startswith(("//", "/\\")):
        return ""
    if not url_has_allowed_host_and_scheme(value, allowed_hosts=None):
        return ""
    return value


def requested_kind(request: HttpRequest, next_url: str) -> str:
    """Which tab to open: ?type=, else ?login_hint=, else the login_hint of the OIDC request
    being resumed in `next` (the platform's 法人登录 button sends login_hint=legal)."""
    hint_in_next = parse_qs(urlsplit(next_url).query).get("login_hint", [""])[0]
    for candidate in (request.GET.get("type"), request.GET.get("login_hint"), hint_in_next):
        if candidate in Account.Kind.values:
            return candidate
    return Account.Kind.PERSON


def _tabs(url_name: str, current: str, next_url: str) -> list[dict[str, Any]]:
    tabs = []
    for kind in KINDS:
        query = {"type": kind.value, **({"next": next_url} if next_url else {})}
        tabs.append(
            {
                "label": kind.label,
                "url": f"{reverse(url_name)}?{urlencode(query)}",
                "active": kind.value == current,
            }
        )
    return tabs


def _with_next(url_name: str, kind: str, next_url: str) -> str:
    query = {"type": kind, **({"next": next_url} if next_url else {})}
    return f"{reverse(url_name)}?{urlencode(query)}"


def login_view(request: HttpRequest) -> HttpResponse:
    next_url = safe_next_url(request.POST.get("next") or request.GET.get("next"))
    if request.method == "POST":
        form = LoginForm(request, data=request.POST)
        if form.is_valid():
            assert form.account is not None
            login(request, form.account)
            return redirect(next_url or "idp:home")
        kind = form["kind"].value() if form["kind"].value() in Account.Kind.values else "person"
    else:
        kind = requested_kind(request, next_url)
        form = LoginForm(request, initial={"kind": kind})
    context = {
        "form": form,
        "kind": kind,
        "kind_label": Account.Kind(kind).label,
        "next": next_url,
        "tabs": _tabs("idp:login", kind, next_url),
        "register_url": _with_next("idp:register", kind, next_url),
    }
    return render(request, "idp/login.html", context, status=400 if form.errors else 200)


def register_view(request: HttpRequest) -> HttpResponse:
    next_url = safe_next_url(request.POST.get("next") or request.GET.get("next"))
    if request.method == "POST":
        form = RegisterForm(data=request.POST)
        if form.is_valid():
            account = account_register(data=form.account_data())
            login(request, account, backend="django.contrib.auth.backends.ModelBackend")
            messages.success(request, "注册成功，已登录")
            return redirect(next_url or "idp:home")
        kind = form["kind"].value() if form["kind"].value() in Account.Kind.values else "person"
    else:
        kind = requested_kind(request, next_url)
        form = RegisterForm(initial={"kind": kind})
    context = {
        "form": form,
        "kind": kind,
        "kind_label": Account.Kind(kind).label,
        "is_legal": kind == Account.Kind.LEGAL,
        "next": next_url,
        "tabs": _tabs("idp:register", kind, next_url),
        "login_url": _with_next("idp:login", kind, next_url),
    }
    return render(request, "idp/register.html", context, status=400 if form.errors else 200)


@login_required
def home_view(request: HttpRequest) -> HttpResponse:
    return render(request, "idp/home.html", {"account": request.user})


@require_POST
def logout_view(request: HttpRequest) -> HttpResponse:
    logout(request)
    return redirect(settings.LOGOUT_REDIRECT_URL)


class IdpAuthorizationView(AuthorizationView):
    """The toolkit's authorize endpoint, plus: a login_hint naming the other account type
    sends the user back to the login page (on that tab) instead of answering for the account
    that happens to be logged in — the platform asked for a 法人 and must not get a person."""

    def get(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponseBase:
        hint = request.GET.get("login_hint")
        user = request.user
        if hint in Account.Kind.values and isinstance(user, Account) and user.kind != hint:
            return redirect_to_login(request.get_full_path(), settings.LOGIN_URL)
        return super().get(request, *args, **kwargs)


class IdpUserInfoView(UserInfoView):
    """The toolkit's userinfo endpoint, refusing an access token in the query string.

    COMPLIANT_BCP_RFC9700_ACCESS_TOKEN_TRANSPORT only guards the toolkit's protected-resource
    views; its userinfo endpoint still reads `?access_token=` (RFC 9700 §4.3.2 says it must not).
    """

    def dispatch(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponseBase:
        if "access_token" in request.GET:
            response = JsonResponse(
                {
                    "error": "invalid_request",
                    "error_description": "Send the access token in the Authorization header.",
                },
                status=400,
            )
            response["WWW-Authenticate"] = 'Bearer error="invalid_request"'
            return response
        return super().dispatch(request, *args, **kwargs)
