"""Unit registration, binding requests and the unit's side of them."""

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_http_methods, require_POST

from zhicheng.accounts.access import legal_required, person_required, staff_required
from zhicheng.core.identity import mask_id_number
from zhicheng.core.service_errors import form_add_service_errors

from . import access, selectors, services
from .forms import BindingForm, ClerkForm, DecisionForm, UnitRegistrationForm
from .models import Organization, UnitBinding

PAGE_SIZE = 20
SEARCH_LIMIT = 20


def _first_message(error: ValidationError) -> str:
    return error.messages[0] if error.messages else "操作失败"


def _form_message(form: Any) -> str:
    for errors in form.errors.values():
        return str(errors[0])
    return "操作失败"


# --- 法人: unit registration --------------------------------------------------------------------


@require_http_methods(["GET", "POST"])
@legal_required
def unit_register(request: HttpRequest) -> HttpResponse:
    """A legal person whose unit is not registered yet: the form, prefilled from the SSO claims."""
    user: Any = request.user
    registration = selectors.registration_for_legal(user=user)
    if registration is not None and registration.status != Organization.Status.REJECTED:
        return redirect("portal:unit_home")
    initial: dict[str, Any] = {
        "contact_name": user.name,
        "contact_phone": user.phone,
        # Characters 3–8 of a 统一社会信用代码 are the registering authority's region code.
        "authority": selectors.county_hr_for_region(region_code=user.credit_code[2:8]),
    }
    if registration is not None:
        initial.update(
            authority=registration.registration_authority,
            department=registration.parent
            if registration.parent and registration.parent.kind == Organization.Kind.DEPARTMENT
            else None,
            is_public_institution="yes" if registration.is_public_institution else "no",
            contact_name=registration.contact_name,
            contact_phone=registration.contact_phone,
            address=registration.address,
        )
    form = UnitRegistrationForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.unit_register(legal_user=user, request=request, **form.cleaned_data)
        except ValidationError as error:
            form_add_service_errors(form, error)
        else:
            messages.success(request, "单位注册申请已提交，请等待所在县区人社部门审核")
            return redirect("portal:unit_home")
    return render(request, "orgs/unit_register.html", {"form": form, "registration": registration})


# --- Person: 选择单位 / 变更单位 ------------------------------------------------------------------


@person_required
def unit_search(request: HttpRequest) -> HttpResponse:
    """The search dialog's results: part of a Chinese name finds the unit."""
    query = request.GET.get("q", "")[:100]
    freelancer = request.GET.get("is_freelancer") == "yes"
    region = (getattr(request.user, "id_number", "") or "")[:6]
    units = selectors.unit_search(
        query=query, freelancer=freelancer, region_code=region, limit=SEARCH_LIMIT + 1
    )
    return render(
        request,
        "orgs/_unit_results.html",
        {
            "units": units[:SEARCH_LIMIT],
            "more": len(units) > SEARCH_LIMIT,
            "limit": SEARCH_LIMIT,
            "query": query.strip(),
            "freelancer": freelancer,
        },
    )


@require_http_methods(["GET", "POST"])
@person_required
def binding_change(request: HttpRequest) -> HttpResponse:
    """个人中心 → 变更单位: a new request; the current binding holds until it is approved."""
    user: Any = request.user
    form = BindingForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.binding_request(
                person=user,
                unit_id=form.cleaned_data["unit"],
                statement=form.cleaned_data["statement"],
                is_freelancer=form.cleaned_data["is_freelancer"],
                request=request,
            )
        except ValidationError as error:
            form_add_service_errors(form, error)
        else:
            messages.success(request, "单位绑定申请已提交，待单位审核通过后生效")
            return redirect("orgs:binding_change")
    state = selectors.person_binding_state(person=user)
    return render(
        request,
        "orgs/binding_change.html",
        {
            "form": form,
            "binding": state.approved,
            "pending": state.pending,
            "history": selectors.person_bindings(person=user)[:20],
        },
        status=400 if form.errors else 200,
    )


@require_POST
@person_required
def binding_withdraw(request: HttpRequest, binding_id: int) -> HttpResponse:
    binding = access.access_own_binding(request.user, binding_id)
    try:
        services.binding_withdraw(binding=binding, actor=request.user, request=request)  # type: ignore[arg-type]
    except ValidationError as error:
        messages.error(request, _first_message(error))
    else:
        messages.success(request, "申请已撤回")
    return redirect("orgs:binding_change")


# --- Unit side: requests, staff, clerks -------------------------------------------------------


@login_required
def binding_requests(request: HttpRequest, org_id: int) -> HttpResponse:
    """The requests waiting for this unit (or county HR department, for freelancers)."""
    unit = access.access_acting_unit(request.user, org_id)
    status = request.GET.get("status", UnitBinding.Status.PENDING)
    if status not in UnitBinding.Status.values and status != "all":
        status = UnitBinding.Status.PENDING
    query = request.GET.get("q", "").strip()[:50]
    requests = selectors.unit_binding_requests(unit=unit, status="" if status == "all" else status)
    if query:
        requests = requests.filter(person__name__contains=query)
    page = Paginator(requests, PAGE_SIZE).get_page(request.GET.get("page"))
    current = selectors.current_units_of(person_ids=[b.person_id for b in page])
    for binding in page:
        binding.masked_id_number = mask_id_number(binding.person.id_number or "")  # type: ignore[attr-defined]
        binding.current_unit = current.get(binding.person_id)  # type: ignore[attr-defined]
    return render(
        request,
        "orgs/binding_requests.html",
        {
            "unit": unit,
            "page": page,
            "statuses": [("all", "全部"), *UnitBinding.Status.choices],
            "filters": {"status": status, "q": query},
        },
    )


@require_POST
@login_required
def binding_decide(request: HttpRequest, org_id: int, binding_id: int) -> HttpResponse:
    binding = access.access_binding_for_unit(request.user, org_id, binding_id)
    form = DecisionForm(request.POST)
    if not form.is_valid():
        messages.error(request, _form_message(form))
    else:
        try:
            services.binding_decide(
                binding=binding,
                unit=binding.unit,
                actor=request.user,  # type: ignore[arg-type]
                approve=form.approve,
                opinion=form.cleaned_data["opinion"],
                request=request,
            )
        except ValidationError as error:
            messages.error(request, f"{binding.person.name}：{_first_message(error)}")
        else:
            verdict = "已通过" if form.approve else "已驳回"
            messages.success(request, f"{binding.person.name}的绑定申请{verdict}")
    return redirect("orgs:binding_requests", org_id=org_id)


@login_required
def unit_staff(request: HttpRequest, org_id: int) -> HttpResponse:
    """本单位人员: everyone whose approved unit this is, searchable, paged, ID numbers masked."""
    unit = access.access_acting_unit(request.user, org_id)
    query = request.GET.get("q", "").strip()[:50]
    page = Paginator(selectors.unit_staff(unit=unit, query=query), PAGE_SIZE).get_page(
        request.GET.get("page")
    )
    for binding in page:
        binding.masked_id_number = mask_id_number(binding.person.id_number or "")  # type: ignore[attr-defined]
    return render(
        request, "orgs/unit_staff.html", {"unit": unit, "page": page, "filters": {"q": query}}
    )


@require_POST
@login_required
def binding_end(request: HttpRequest, org_id: int, binding_id: int) -> HttpResponse:
    """解除绑定: someone has left the unit."""
    binding = access.access_staff_binding(request.user, org_id, binding_id)
    try:
        services.binding_end(
            binding=binding,
            unit=binding.unit,
            actor=request.user,  # type: ignore[arg-type]
            opinion=request.POST.get("opinion", ""),
            request=request,
        )
    except ValidationError as error:
        messages.error(request, f"{binding.person.name}：{_first_message(error)}")
    else:
        messages.success(request, f"已解除{binding.person.name}与本单位的绑定")
    return redirect("orgs:unit_staff", org_id=org_id)


@require_POST
@login_required
def bindings_approve(request: HttpRequest, org_id: int) -> HttpResponse:
    """批量通过: the ticked requests, all or nothing."""
    unit = access.access_acting_unit(request.user, org_id)
    ids = [int(value) for value in request.POST.getlist("binding") if value.isdigit()]
    try:
        approved = services.bindings_approve(
            unit=unit,
            binding_ids=ids,
            actor=request.user,  # type: ignore[arg-type]
            request=request,
        )
    except ValidationError as error:
        messages.error(request, _first_message(error))
    else:
        messages.success(request, f"已通过{len(approved)}条绑定申请")
    return redirect("orgs:binding_requests", org_id=org_id)


@require_http_methods(["GET", "POST"])
@login_required
def unit_clerks(request: HttpRequest, org_id: int) -> HttpResponse:
    """经办人: the unit admin (法人) names people who act for the unit with their own login."""
    unit = access.access_unit_admin(request.user, org_id)
    form = ClerkForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.clerk_add(unit=unit, actor=request.user, request=request, **form.cleaned_data)  # type: ignore[arg-type]
        except ValidationError as error:
            form_add_service_errors(form, error)
        else:
            messages.success(request, f"已添加经办人{form.cleaned_data['name']}")
            return redirect("orgs:unit_clerks", org_id=org_id)
    clerks = list(selectors.unit_clerks(unit=unit))
    for clerk in clerks:
        clerk.masked_id_number = mask_id_number(clerk.user.id_number or "")  # type: ignore[attr-defined]
    return render(
        request,
        "orgs/unit_clerks.html",
        {"unit": unit, "form": form, "clerks": clerks},
        status=400 if form.errors else 200,
    )


@require_POST
@login_required
def clerk_remove(request: HttpRequest, org_id: int, membership_id: int) -> HttpResponse:
    unit = access.access_unit_admin(request.user, org_id)
    try:
        services.clerk_remove(
            unit=unit,
            actor=request.user,  # type: ignore[arg-type]
            membership_id=membership_id,
            request=request,
        )
    except ValidationError as error:
        messages.error(request, _first_message(error))
    else:
        messages.success(request, "经办人已移除")
    return redirect("orgs:unit_clerks", org_id=org_id)


# --- HR department: unit registrations --------------------------------------------------------


@staff_required
def registrations(request: HttpRequest, org_id: int) -> HttpResponse:
    authority = access.access_registration_authority(request.user, org_id)
    status = request.GET.get("status", Organization.Status.PENDING)
    if status not in Organization.Status.values and status != "all":
        status = Organization.Status.PENDING
    query = request.GET.get("q", "").strip()[:50]
    units = selectors.registrations_for_authority(
        authority=authority, status="" if status == "all" else status
    )
    if query:
        units = units.filter(name__contains=query)
    page = Paginator(units, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(
        request,
        "orgs/registrations.html",
        {
            "authority": authority,
            "page": page,
            "statuses": [("all", "全部"), *Organization.Status.choices],
            "filters": {"status": status, "q": query},
        },
    )


@require_POST
@staff_required
def registration_decide(request: HttpRequest, org_id: int, unit_id: int) -> HttpResponse:
    unit = access.access_registration(request.user, org_id, unit_id)
    form = DecisionForm(request.POST)
    if not form.is_valid():
        messages.error(request, _form_message(form))
    else:
        try:
            services.unit_registration_decide(
                unit=unit,
                authority=unit.registration_authority,  # type: ignore[arg-type]
                actor=request.user,  # type: ignore[arg-type]
                approve=form.approve,
                opinion=form.cleaned_data["opinion"],
                request=request,
            )
        except ValidationError as error:
            messages.error(request, f"{unit.name}：{_first_message(error)}")
        else:
            verdict = "已通过" if form.approve else "已驳回"
            messages.success(request, f"{unit.name}的注册申请{verdict}")
    return redirect(reverse("orgs:registrations", kwargs={"org_id": org_id}))
