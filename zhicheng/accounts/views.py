from django.conf import settings
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_http_methods

from zhicheng.core.identity import mask_id_number
from zhicheng.orgs import selectors as org_selectors

from . import services
from .access import legal_required, person_required, staff_required
from .forms import FirstLoginForm


def root(request: HttpRequest) -> HttpResponse:
    return redirect(services.home_url_for(request.user))  # type: ignore[arg-type]


def login_page(request: HttpRequest) -> HttpResponse:
    """Manual 一, 图1-2: 个人登录 and 法人登录, each with 前往安徽政务网."""
    if request.user.is_authenticated:
        return redirect(services.home_url_for(request.user))  # type: ignore[arg-type]
    sso_login_url = reverse(
        "openid_connect_login", kwargs={"provider_id": settings.SSO_PROVIDER_ID}
    )
    return render(
        request,
        "accounts/login.html",
        {
            "person_action": f"{sso_login_url}?process=login",
            "legal_action": f"{sso_login_url}?process=login&auth_params=login_hint%3Dlegal",
            "sso_is_local_standin": settings.SSO_IS_LOCAL_STANDIN,
        },
    )


@require_http_methods(["GET", "POST"])
@person_required
def first_login(request: HttpRequest) -> HttpResponse:
    user = request.user
    if not user.needs_first_login:  # type: ignore[union-attr]
        return redirect("accounts:home")
    form = FirstLoginForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.user_complete_first_login(user=user, request=request, **form.cleaned_data)  # type: ignore[arg-type]
        except ValidationError as error:
            for field, field_errors in error.message_dict.items():
                for message in field_errors:
                    form.add_error(field if field in form.fields else None, message)
        else:
            messages.success(request, "信息已保存，欢迎使用职称申报系统")
            return redirect("accounts:home")
    return render(request, "accounts/first_login.html", {"form": form})


@person_required
def home(request: HttpRequest) -> HttpResponse:
    """Manual 二: 个人首页 with its five modules."""
    user = request.user
    return render(
        request,
        "accounts/home.html",
        {"masked_id_number": mask_id_number(user.id_number or "")},  # type: ignore[union-attr]
    )


@person_required
def profile(request: HttpRequest) -> HttpResponse:
    """Manual 五(一): 个人中心 — 个人信息. The person sees their own full ID number."""
    return render(request, "accounts/profile.html")


@legal_required
def unit_home(request: HttpRequest) -> HttpResponse:
    unit = org_selectors.unit_for_credit_code(credit_code=request.user.credit_code)  # type: ignore[union-attr]
    return render(request, "accounts/unit_home.html", {"unit": unit})


@staff_required
def staff_home(request: HttpRequest) -> HttpResponse:
    memberships = org_selectors.memberships_for_user(user=request.user)
    return render(request, "accounts/staff_home.html", {"memberships": memberships})
