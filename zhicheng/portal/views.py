"""个人首页, 单位工作台, 工作台 and the first login. Each page's parts come from the apps through
the hooks in `zhicheng.core.portal`; the page only lays them out."""

from typing import Any

from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods

from zhicheng.accounts.access import person_required, staff_required
from zhicheng.accounts.forms import FirstLoginForm
from zhicheng.core.identity import mask_id_number
from zhicheng.core.portal import (
    Module,
    home_modules,
    module_context,
    modules_for,
    staff_modules,
    tiles_for,
)
from zhicheng.core.service_errors import form_add_service_errors
from zhicheng.orgs import access as org_access
from zhicheng.orgs import selectors as org_selectors
from zhicheng.orgs import services as org_services
from zhicheng.orgs.forms import JoinRequestForm

from . import services

# 我的申报情况 until the applications app registers a module of this key.
NO_APPLICATIONS = Module(order=10, key="applications", template="portal/_no_applications.html")


@require_http_methods(["GET", "POST"])
@person_required
def first_login(request: HttpRequest) -> HttpResponse:
    """Manual 一(3) and 一①–③: profile, then 工作单位 with 选择单位 and 是否同步注册单位."""
    user: Any = request.user
    if not user.needs_first_login:
        return redirect("portal:home")
    form = FirstLoginForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.user_complete_first_login(user=user, request=request, **form.cleaned_data)
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
            return redirect("portal:home")
    return render(request, "portal/first_login.html", {"form": form})


@person_required
def home(request: HttpRequest) -> HttpResponse:
    """Manual 二: 个人首页 with its five modules."""
    user: Any = request.user
    modules = modules_for(home_modules, user)
    keys = {module.key for module in modules}
    if NO_APPLICATIONS.key not in keys:
        modules.append(NO_APPLICATIONS)
    todo = sorted((line for module in modules for line in module.todo), key=lambda line: line.order)
    modules.append(
        Module(order=20, key="todo", template="portal/_todo.html", context={"todo": todo})
    )
    modules.sort(key=lambda module: module.order)
    binding = module_context(modules, "binding")
    return render(
        request,
        "portal/home.html",
        {
            "masked_id_number": mask_id_number(user.id_number or ""),
            "binding": binding.get("binding"),
            "pending_binding": binding.get("pending_binding"),
            "modules": [module for module in modules if module.template],
        },
    )


def unit_home(request: HttpRequest) -> HttpResponse:
    """单位工作台: a legal person registers its unit; whoever manages a unit's people sees its work."""
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    user: Any = request.user
    if user.is_legal:
        org_services.unit_admin_claim_first(legal_user=user, request=request)
    if not org_access.can_open_unit_home(user):
        raise PermissionDenied("您的账号无权访问此页面")
    units = org_selectors.acting_units(user=user)
    registration = org_selectors.registration_for_legal(user=user) if user.is_legal else None
    # Another legal account of a registered unit may ask its 单位管理员 to join (issue 9.2).
    join = (
        org_selectors.join_request_of(user=user, unit=registration)
        if registration is not None and org_access.can_ask_to_join(user, registration)
        else None
    )
    return render(
        request,
        "portal/unit_home.html",
        {
            "units": _unit_cards(user, units),
            "registration": registration,
            "join": join,
            "join_form": JoinRequestForm(),
        },
    )


@staff_required
def staff_home(request: HttpRequest) -> HttpResponse:
    user: Any = request.user
    modules = modules_for(staff_modules, user)
    units = _unit_cards(user, org_selectors.acting_units(user=user))
    return render(
        request,
        "portal/staff_home.html",
        {
            "memberships": org_selectors.memberships_for_user(user=user),
            "modules": [module for module in modules if module.template],
            "has_work": bool(modules or units),
            "units": units,
        },
    )


def _unit_cards(user: Any, units: list[Any]) -> list[dict[str, Any]]:
    tiles = tiles_for(user, units)
    return [{"unit": unit, "tiles": tiles.get(unit.pk, [])} for unit in units]
