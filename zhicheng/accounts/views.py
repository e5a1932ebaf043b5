from typing import Any

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.http.response import HttpResponseBase
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_POST

from zhicheng.core.identity import mask_id_number
from zhicheng.core.service_errors import form_add_service_errors
from zhicheng.library import selectors as library_selectors
from zhicheng.orgs import selectors as org_selectors
from zhicheng.orgs import services as org_services
from zhicheng.plans import selectors as plan_selectors

from . import photos, services
from .access import person_required, staff_required
from .forms import FirstLoginForm, PhotoForm, ProfileForm


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
    """Manual 一(3) and 一①–③: profile, then 工作单位 with 选择单位 and 是否同步注册单位."""
    user = request.user
    if not user.needs_first_login:  # type: ignore[union-attr]
        return redirect("accounts:home")
    form = FirstLoginForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.user_complete_first_login(user=user, request=request, **form.cleaned_data)  # type: ignore[arg-type]
        except ValidationError as error:
            form_add_service_errors(form, error)
        else:
            data = form.cleaned_data
            if data["has_unit"] == "yes" and data["sync_unit"] == "yes":
                messages.success(
                    request, "信息已保存，单位绑定申请已提交，待单位审核通过后即可完成绑定"
                )
            elif data["has_unit"] == "yes":
                messages.info(
                    request,
                    "信息已保存。请联系所在单位负责人通过“法人登录”注册本单位，注册成功后在“个人中心”点击“变更单位”完成绑定",
                )
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
        {
            "masked_id_number": mask_id_number(user.id_number or ""),  # type: ignore[union-attr]
            **home_modules(user),
        },
    )


def home_modules(user: Any) -> dict[str, Any]:
    """The data of 个人首页's modules that later apps fill (待处理事项, 业绩统计, 最新计划信息)."""
    state = org_selectors.person_binding_state(person=user)
    binding, pending, last_rejected = state.approved, state.pending, state.last_rejected
    todo: list[dict[str, str]] = []
    if pending is not None:
        todo.append(
            {
                "text": f"单位绑定申请（{pending.unit.name}）待单位审核",
                "url": reverse("orgs:binding_change"),
            }
        )
    elif binding is None:
        if last_rejected is not None:
            todo.append(
                {
                    "text": f"单位绑定申请被{last_rejected.unit.name}驳回：{last_rejected.opinion}",
                    "url": reverse("orgs:binding_change"),
                }
            )
        todo.append(
            {
                "text": "尚未绑定工作单位：绑定后才能提交业绩和申报职称",
                "url": reverse("orgs:binding_change"),
            }
        )
    stats = library_selectors.library_stats(person=user)
    returned = stats.returned
    if returned:
        todo.append(
            {
                "text": f"{returned}条业绩被单位退回，请修改后重新提交",
                "url": reverse("library:index") + "?status=returned",
            }
        )
    if not user.photo:
        todo.append({"text": "尚未上传证件照", "url": reverse("accounts:photo")})
    return {
        "binding": binding,
        "pending_binding": pending,
        "todo": todo,
        "library_stats": stats,
        "latest_plans": plan_selectors.plans_latest_open(now=timezone.now()),
    }


@never_cache  # the full ID number: no copy in a shared computer's browser cache
@person_required
def profile(request: HttpRequest) -> HttpResponse:
    """Manual 五(一): 个人中心 — 个人信息. The person sees their own full ID number."""
    user = request.user
    state = org_selectors.person_binding_state(person=user)
    return render(
        request,
        "accounts/profile.html",
        {"binding": state.approved, "pending_binding": state.pending},
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


def unit_home(request: HttpRequest) -> HttpResponse:
    """单位工作台: a legal person registers its unit; whoever manages a unit's people sees its work."""
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    user = request.user
    if user.is_legal:  # type: ignore[union-attr]
        org_services.unit_admin_claim_first(legal_user=user, request=request)  # type: ignore[arg-type]
    units = org_selectors.acting_units(user=user)
    if not user.is_legal and not units:  # type: ignore[union-attr]
        raise PermissionDenied("您的账号无权访问此页面")
    registration = org_selectors.registration_for_legal(user=user) if user.is_legal else None  # type: ignore[union-attr]
    return render(
        request,
        "accounts/unit_home.html",
        {"units": _unit_dashboards(units), "registration": registration},
    )


def _unit_dashboards(units: list[Any]) -> list[dict[str, Any]]:
    dashboards = org_selectors.unit_dashboards(units=units)
    waiting = library_selectors.unit_pending_counts(unit_ids=[unit.pk for unit in units])
    for item in dashboards:
        item["library_pending"] = waiting.get(item["unit"].pk, 0)
    return dashboards


@staff_required
def staff_home(request: HttpRequest) -> HttpResponse:
    memberships = org_selectors.memberships_for_user(user=request.user)
    return render(
        request,
        "accounts/staff_home.html",
        {
            "memberships": memberships,
            "units": org_selectors.unit_dashboards(
                units=org_selectors.acting_units(user=request.user)
            ),
            "plan_orgs": plan_selectors.organizer_orgs(user=request.user),
            "authorities": org_selectors.authority_dashboards(
                authorities=org_selectors.reviewing_hr_departments(user=request.user)
            ),
        },
    )


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
