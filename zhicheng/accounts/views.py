from typing import Any
from urllib.parse import urlencode

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.http.response import HttpResponseBase
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_POST

from zhicheng.core.portal import module_context, modules_for, profile_modules
from zhicheng.core.service_errors import form_add_service_errors

from . import photos, services, sso
from .access import person_required
from .forms import PhotoForm, ProfileForm


def root(request: HttpRequest) -> HttpResponse:
    return redirect(services.home_url_for(request.user))  # type: ignore[arg-type]


def login_page(request: HttpRequest) -> HttpResponse:
    """Manual 一, 图1-2: 个人登录 and 法人登录, each with 前往安徽政务网."""
    if request.user.is_authenticated:
        return redirect(services.home_url_for(request.user))  # type: ignore[arg-type]
    sso_login_url = reverse(
        "openid_connect_login", kwargs={"provider_id": settings.SSO_PROVIDER_ID}
    )

    def action(kind: str) -> str:
        # Extra authorization parameters per button (SSO_AUTH_PARAMS), e.g. login_hint=legal.
        query = {"process": "login"}
        if settings.SSO_AUTH_PARAMS.get(kind):
            query["auth_params"] = settings.SSO_AUTH_PARAMS[kind]
        return f"{sso_login_url}?{urlencode(query)}"

    response = render(
        request,
        "accounts/login.html",
        {
            "person_action": action("person"),
            "legal_action": action("legal"),
            "sso_is_local_standin": settings.SSO_IS_LOCAL_STANDIN,
        },
    )
    # The buttons post here and are redirected to the authorization endpoint, which may sit on
    # another host than the issuer: CSP form-action must allow it or the button does nothing.
    origin = sso.sso_authorization_origin()
    if origin:
        response._csp_update = {"form-action": [origin]}  # type: ignore[attr-defined]
    return response


@never_cache  # the full ID number: no copy in a shared computer's browser cache
@person_required
def profile(request: HttpRequest) -> HttpResponse:
    """Manual 五(一): 个人中心 — 个人信息. The person sees their own full ID number."""
    # The binding comes from orgs, above accounts, through a hook.
    binding = module_context(modules_for(profile_modules, request.user), "binding")
    return render(
        request,
        "accounts/profile.html",
        {"binding": binding.get("binding"), "pending_binding": binding.get("pending_binding")},
    )


@require_http_methods(["GET", "POST"])
@person_required
def profile_edit(request: HttpRequest) -> HttpResponse:
    """Manual 五(一) 完善信息."""
    user = request.user
    initial = {
        "political_status": user.political_status,  # type: ignore[union-attr]
        "ethnicity": user.ethnicity,  # type: ignore[union-attr]
        "email": user.email,  # type: ignore[union-attr]
        "title_series": user.title_series,  # type: ignore[union-attr]
        "address": user.address,  # type: ignore[union-attr]
    }
    form = ProfileForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.user_update_profile(user=user, request=request, **form.cleaned_data)  # type: ignore[arg-type]
        except ValidationError as error:
            form_add_service_errors(form, error)
        else:
            messages.success(request, "个人信息已保存")
            return redirect("accounts:profile")
    return render(request, "accounts/profile_edit.html", {"form": form})


@require_http_methods(["GET", "POST"])
@person_required
def photo(request: HttpRequest) -> HttpResponse:
    """上传照片: choose, zoom, rotate, preview on the right, 提交 (Cropper.js); the server re-encodes."""
    form = PhotoForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        try:
            user: Any = request.user
            photos.user_set_photo(user=user, upload=form.cleaned_data["photo"], request=request)
        except ValidationError as error:
            form_add_service_errors(form, error)
        else:
            messages.success(request, "照片已上传")
            return redirect("accounts:profile")
    status = 400 if form.errors else 200
    return render(
        request,
        "accounts/photo.html",
        {"form": form, "photo_size": photos.PHOTO_SIZE},
        status=status,
    )


@require_POST
@person_required
def photo_delete(request: HttpRequest) -> HttpResponse:
    try:
        photos.user_delete_photo(user=request.user, request=request)  # type: ignore[arg-type]
    except ValidationError as error:
        messages.error(request, error.messages[0])
    else:
        messages.success(request, "照片已删除")
    return redirect("accounts:profile")


@never_cache
@person_required
def photo_image(request: HttpRequest) -> HttpResponseBase:
    """The person's own photo. Media is not served publicly: photos are personal data."""
    user = request.user
    if not user.photo:  # type: ignore[union-attr]
        raise Http404("没有照片")
    response = FileResponse(user.photo.open("rb"), content_type="image/jpeg")  # type: ignore[union-attr]
    response["Content-Disposition"] = 'inline; filename="photo.jpg"'
    response["X-Content-Type-Options"] = "nosniff"
    return response


def admin_login(request: HttpRequest, extra_context: Any = None) -> HttpResponse:
    """Replaces the admin's login form: every admin login goes through the staff login."""
    from django.contrib import admin

    if not request.user.is_authenticated:
        return redirect_to_login(
            request.GET.get("next") or reverse("admin:index"), login_url=reverse("account_login")
        )
    if not admin.site.has_permission(request):
        raise PermissionDenied("您的账号无权访问系统管理")
    return redirect(reverse("admin:index"))
