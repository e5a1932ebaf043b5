"""评审计划 pages: the applicant's list and plan page (manual 四(一)(3), 四(二)1), the organizer's
configuration pages. Each view: validate → access → one service → render."""

from collections.abc import Callable
from typing import Any

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import FileResponse, HttpRequest, HttpResponse
from django.http.response import HttpResponseBase
from django.shortcuts import redirect, render
from django.urls import NoReverseMatch, reverse
from django.utils import timezone
from django.views.decorators.http import require_POST

from zhicheng.accounts.access import person_required

from . import access, selectors, services
from .forms import (
    CategoryForm,
    CloseForm,
    PlanFileForm,
    PlanForm,
    PlanSearchForm,
    SlotForm,
    SpecialtyForm,
    StandardForm,
)
from .models import ReviewPlan

APPLICANT_PAGE_SIZE = 10
ORGANIZER_PAGE_SIZE = 20


def _run(form: forms.Form, call: Callable[[], Any]) -> Any:
    """Run a service; its ValidationError lands next to the form's fields. None on failure."""
    try:
        return call()
    except ValidationError as error:
        form.add_error(None, error)
        return None


def _flash_errors(request: HttpRequest, error: ValidationError) -> None:
    for message in error.messages:
        messages.error(request, message)


# ---------------------------------------------------------------------------------------------
# Applicant side


@person_required
def applicant_list(request: HttpRequest) -> HttpResponse:
    """职称申报 → 评审计划: search by 计划名称, 年度, 评审级别, 计划类型; paged."""
    search = PlanSearchForm(request.GET or None)
    filters = search.filters()
    plans = selectors.plan_search(**filters)
    page = Paginator(plans, APPLICANT_PAGE_SIZE).get_page(request.GET.get("page"))
    return render(
        request,
        "plans/applicant_list.html",
        {
            "search": search,
            "page": page,
            "filters": {key: "" if value is None else value for key, value in filters.items()},
        },
    )


@person_required
def applicant_detail(request: HttpRequest, plan_id: int) -> HttpResponse:
    """The plan page: basic information, 评审范围对象, 可评审专业, 计划内容, files, 马上申报."""
    plan = access.access_applicant_plan(request.user, plan_id)
    blockers = services.plan_apply_blockers(person=request.user, plan=plan, now=timezone.now())
    return render(
        request,
        "plans/applicant_detail.html",
        {"plan": plan, "blockers": blockers, "opening_soon": not _applications_open()},
    )


def _applications_open() -> bool:
    """The 申报职称选择 page exists once the applications app is installed."""
    try:
        reverse("applications:start", kwargs={"plan_id": 1})
    except NoReverseMatch:
        return False
    return True


@person_required
@require_POST
def apply_start(request: HttpRequest, plan_id: int) -> HttpResponse:
    """马上申报: checked again here; the application itself belongs to the applications app."""
    plan = access.access_applicant_plan(request.user, plan_id)
    blockers = services.plan_apply_blockers(person=request.user, plan=plan, now=timezone.now())
    if blockers:
        for reason in blockers:
            messages.error(request, reason)
        return redirect("plans:applicant_detail", plan_id=plan.pk)
    try:
        return redirect(reverse("applications:start", kwargs={"plan_id": plan.pk}))
    except NoReverseMatch:
        messages.info(request, "申报职称选择功能即将开放，请稍后再试")
        return redirect("plans:applicant_detail", plan_id=plan.pk)


@login_required
def file_download(request: HttpRequest, file_id: int) -> HttpResponseBase:
    """A plan's downloadable file, served through access checks (never a public media URL)."""
    plan_file = access.access_plan_file(request.user, file_id)
    response = FileResponse(
        plan_file.file.open("rb"),
        as_attachment=True,
        filename=plan_file.display_name
        if plan_file.display_name.lower().endswith(plan_file.extension)
        else plan_file.display_name + plan_file.extension,
        content_type=plan_file.content_type,
    )
    return response


# ---------------------------------------------------------------------------------------------
# Organizer side: plans


def _plan_form(request: HttpRequest, **kwargs: Any) -> PlanForm:
    organizers = selectors.organizer_orgs(user=request.user)
    return PlanForm(
        request.POST or None,
        committees=selectors.committees_for_organizers(organizers=organizers),
        standards=selectors.standards_for_organizers(organizers=organizers),
        **kwargs,
    )


@access.organizer_required
def organizer_list(request: HttpRequest) -> HttpResponse:
    """评审计划管理: the plans of the user's organizations, any status, searchable, paged."""
    organizers = selectors.organizer_orgs(user=request.user)
    search = PlanSearchForm(request.GET or None)
    filters = search.filters()
    status = request.GET.get("status", "")
    statuses = (status,) if status in ReviewPlan.Status.values else tuple(ReviewPlan.Status.values)
    plans = selectors.plan_search(statuses=statuses, organizers=organizers, **filters)
    page = Paginator(plans, ORGANIZER_PAGE_SIZE).get_page(request.GET.get("page"))
    shown = {key: "" if value is None else value for key, value in filters.items()}
    return render(
        request,
        "plans/organizer_list.html",
        {
            "search": search,
            "page": page,
            "status": status,
            "statuses": ReviewPlan.Status.choices,
            "filters": {**shown, "status": status},
            "organizers": organizers,
        },
    )


@access.organizer_required
def organizer_create(request: HttpRequest) -> HttpResponse:
    now = timezone.localtime()
    form = _plan_form(
        request,
        initial={"year": now.year, "has_interview": "no", "apply_forms": ["regular"]},
    )
    if request.method == "POST" and form.is_valid():
        plan = _run(form, lambda: services.plan_create(actor=request.user, **form.plan_values()))
        if plan is not None:
            messages.success(request, "评审计划已保存为草稿，请继续设置可评审专业和附件项")
            return redirect("plans:organizer_detail", plan_id=plan.pk)
    return render(
        request,
        "plans/form.html",
        {"form": form, "title": "新建评审计划", "back": reverse("plans:organizer_list")},
    )


@access.organizer_required
def organizer_detail(request: HttpRequest, plan_id: int) -> HttpResponse:
    plan = access.access_organizer_plan(request.user, plan_id)
    plan = selectors.plan_with_details(plan_id=plan.pk) or plan
    problems = []
    if plan.status == ReviewPlan.Status.DRAFT:
        problems = services.plan_publish_problems(plan=plan, now=timezone.now())
    return render(
        request,
        "plans/organizer_detail.html",
        {
            "plan": plan,
            "problems": problems,
            "in_use": services.plan_is_in_use(plan),
            "editable": plan.status != ReviewPlan.Status.CLOSED,
            "events": plan.events.select_related("actor"),
        },
    )


@access.organizer_required
def organizer_edit(request: HttpRequest, plan_id: int) -> HttpResponse:
    plan = access.access_organizer_plan(request.user, plan_id)
    form = _plan_form(request, initial=PlanForm.initial_for(plan), editing=True)
    if request.method == "POST" and form.is_valid():
        saved = _run(
            form,
            lambda: services.plan_update(
                plan=plan,
                actor=request.user,
                version=form.cleaned_data["version"],
                **form.plan_values(),
            ),
        )
        if saved is not None:
            messages.success(request, "评审计划已保存")
            return redirect("plans:organizer_detail", plan_id=plan.pk)
    back = reverse("plans:organizer_detail", kwargs={"plan_id": plan.pk})
    return render(request, "plans/form.html", {"form": form, "title": "修改评审计划", "back": back})


def _state_change(
    request: HttpRequest, plan_id: int, change: Callable[[ReviewPlan], Any], done: str
) -> HttpResponse:
    plan = access.access_organizer_plan(request.user, plan_id)
    try:
        change(plan)
    except ValidationError as error:
        _flash_errors(request, error)
    else:
        messages.success(request, done)
    return redirect("plans:organizer_detail", plan_id=plan.pk)


@access.organizer_required
@require_POST
def organizer_publish(request: HttpRequest, plan_id: int) -> HttpResponse:
    return _state_change(
        request,
        plan_id,
        lambda plan: services.plan_publish(plan=plan, actor=request.user),
        "评审计划已发布，申报人可在“职称申报”中查看",
    )


@access.organizer_required
@require_POST
def organizer_close(request: HttpRequest, plan_id: int) -> HttpResponse:
    form = CloseForm(request.POST)
    opinion = form.cleaned_data["opinion"] if form.is_valid() else ""
    return _state_change(
        request,
        plan_id,
        lambda plan: services.plan_close(plan=plan, actor=request.user, opinion=opinion),
        "评审计划已关闭",
    )


@access.organizer_required
@require_POST
def organizer_delete(request: HttpRequest, plan_id: int) -> HttpResponse:
    plan = access.access_organizer_plan(request.user, plan_id)
    try:
        services.plan_delete(plan=plan, actor=request.user)
    except ValidationError as error:
        _flash_errors(request, error)
        return redirect("plans:organizer_detail", plan_id=plan.pk)
    messages.success(request, "草稿已删除")
    return redirect("plans:organizer_list")


# ---------------------------------------------------------------------------------------------
# Organizer side: specialties, slots, files of a plan


def _plan_back(plan: ReviewPlan, anchor: str) -> str:
    return reverse("plans:organizer_detail", kwargs={"plan_id": plan.pk}) + anchor


@access.organizer_required
def specialty_create(request: HttpRequest, plan_id: int) -> HttpResponse:
    plan = access.access_organizer_plan(request.user, plan_id)
    form = SpecialtyForm(request.POST or None, plan=plan)
    if request.method == "POST" and form.is_valid():
        done = _run(
            form,
            lambda: services.specialty_create(plan=plan, actor=request.user, **form.cleaned_data),
        )
        if done is not None:
            messages.success(request, f"已新增可评审专业“{done.name}”")
            return redirect(_plan_back(plan, "#specialties"))
    title = f"新增可评审专业 · {plan.name}"
    return render(
        request,
        "plans/form.html",
        {"form": form, "title": title, "back": _plan_back(plan, "#specialties")},
    )


@access.organizer_required
def specialty_edit(request: HttpRequest, specialty_id: int) -> HttpResponse:
    specialty = access.access_organizer_specialty(request.user, specialty_id)
    plan = specialty.plan
    initial = {
        "name": specialty.name,
        "titles": specialty.titles,
        "exam_required": specialty.exam_required,
    }
    form = SpecialtyForm(request.POST or None, plan=plan, initial=initial)
    if request.method == "POST" and form.is_valid():
        done = _run(
            form,
            lambda: services.specialty_update(
                specialty=specialty, actor=request.user, **form.cleaned_data
            ),
        )
        if done is not None:
            messages.success(request, "可评审专业已保存")
            return redirect(_plan_back(plan, "#specialties"))
    title = f"修改可评审专业 · {plan.name}"
    return render(
        request,
        "plans/form.html",
        {"form": form, "title": title, "back": _plan_back(plan, "#specialties")},
    )


@access.organizer_required
@require_POST
def specialty_delete(request: HttpRequest, specialty_id: int) -> HttpResponse:
    specialty = access.access_organizer_specialty(request.user, specialty_id)
    try:
        services.specialty_delete(specialty=specialty, actor=request.user)
    except ValidationError as error:
        _flash_errors(request, error)
    else:
        messages.success(request, f"已删除可评审专业“{specialty.name}”")
    return redirect(_plan_back(specialty.plan, "#specialties"))


@access.organizer_required
def slot_create(request: HttpRequest, plan_id: int) -> HttpResponse:
    plan = access.access_organizer_plan(request.user, plan_id)
    form = SlotForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        done = _run(
            form, lambda: services.slot_create(plan=plan, actor=request.user, **form.cleaned_data)
        )
        if done is not None:
            messages.success(request, f"已新增附件项“{done.name}”")
            return redirect(_plan_back(plan, "#slots"))
    title = f"新增附件项 · {plan.name}"
    return render(
        request,
        "plans/form.html",
        {"form": form, "title": title, "back": _plan_back(plan, "#slots")},
    )


@access.organizer_required
def slot_edit(request: HttpRequest, slot_id: int) -> HttpResponse:
    slot = access.access_organizer_slot(request.user, slot_id)
    plan = slot.plan
    initial = {
        "name": slot.name,
        "required": slot.required,
        "exam_only": slot.exam_only,
        "note": slot.note,
    }
    form = SlotForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        done = _run(
            form, lambda: services.slot_update(slot=slot, actor=request.user, **form.cleaned_data)
        )
        if done is not None:
            messages.success(request, "附件项已保存")
            return redirect(_plan_back(plan, "#slots"))
    title = f"修改附件项 · {plan.name}"
    return render(
        request,
        "plans/form.html",
        {"form": form, "title": title, "back": _plan_back(plan, "#slots")},
    )


@access.organizer_required
@require_POST
def slot_delete(request: HttpRequest, slot_id: int) -> HttpResponse:
    slot = access.access_organizer_slot(request.user, slot_id)
    try:
        services.slot_delete(slot=slot, actor=request.user)
    except ValidationError as error:
        _flash_errors(request, error)
    else:
        messages.success(request, f"已删除附件项“{slot.name}”")
    return redirect(_plan_back(slot.plan, "#slots"))


@access.organizer_required
def file_upload(request: HttpRequest, plan_id: int) -> HttpResponse:
    plan = access.access_organizer_plan(request.user, plan_id)
    form = PlanFileForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        done = _run(
            form,
            lambda: _file_error(
                services.plan_file_add, plan=plan, actor=request.user, upload=upload
            ),
        )
        if done is not None:
            messages.success(request, f"已上传“{done.display_name}”")
            return redirect(_plan_back(plan, "#files"))
    title = f"上传下载文件 · {plan.name}"
    return render(
        request,
        "plans/form.html",
        {"form": form, "title": title, "back": _plan_back(plan, "#files"), "multipart": True},
    )


def _file_error(call: Callable[..., Any], **kwargs: Any) -> Any:
    """check_document's messages concern the file field."""
    try:
        return call(**kwargs)
    except ValidationError as error:
        if hasattr(error, "error_dict"):
            raise
        raise ValidationError({"file": error.messages}) from error


@access.organizer_required
@require_POST
def file_delete(request: HttpRequest, file_id: int) -> HttpResponse:
    plan_file = access.access_organizer_file(request.user, file_id)
    try:
        services.plan_file_delete(plan_file=plan_file, actor=request.user)
    except ValidationError as error:
        _flash_errors(request, error)
    else:
        messages.success(request, f"已删除“{plan_file.display_name}”")
    return redirect(_plan_back(plan_file.plan, "#files"))


# ---------------------------------------------------------------------------------------------
# Organizer side: 评审标准 and their categories


@access.organizer_required
def standard_list(request: HttpRequest) -> HttpResponse:
    organizers = selectors.organizer_orgs(user=request.user)
    standards = selectors.standards_for_organizers(organizers=organizers)
    return render(request, "plans/standard_list.html", {"standards": standards})


@access.organizer_required
def standard_create(request: HttpRequest) -> HttpResponse:
    organizers = selectors.organizer_orgs(user=request.user)
    form = StandardForm(request.POST or None, organizers=organizers)
    if request.method == "POST" and form.is_valid():
        # With one organizer it owns the standard; with several the form asks (its queryset is
        # limited to the user's own organizers).
        values = dict(form.cleaned_data)
        organizer = values.pop("organizer", None) or organizers[0]
        done = _run(
            form,
            lambda: services.standard_create(organizer=organizer, actor=request.user, **values),
        )
        if done is not None:
            messages.success(request, "评审标准已保存，请设置申报业绩类别")
            return redirect("plans:standard_detail", standard_id=done.pk)
    return render(
        request,
        "plans/form.html",
        {"form": form, "title": "新增评审标准", "back": reverse("plans:standard_list")},
    )


@access.organizer_required
def standard_detail(request: HttpRequest, standard_id: int) -> HttpResponse:
    standard = access.access_organizer_standard(request.user, standard_id)
    return render(
        request,
        "plans/standard_detail.html",
        {
            "standard": standard,
            "categories": standard.categories.all(),
            "plans": standard.plans.order_by("-year", "name"),
            "in_use": services.standard_is_in_use(standard),
        },
    )


@access.organizer_required
def standard_edit(request: HttpRequest, standard_id: int) -> HttpResponse:
    standard = access.access_organizer_standard(request.user, standard_id)
    initial = {"name": standard.name, "series": standard.series, "level": standard.level}
    form = StandardForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        done = _run(
            form,
            lambda: services.standard_update(
                standard=standard, actor=request.user, **form.cleaned_data
            ),
        )
        if done is not None:
            messages.success(request, "评审标准已保存")
            return redirect("plans:standard_detail", standard_id=standard.pk)
    back = reverse("plans:standard_detail", kwargs={"standard_id": standard.pk})
    return render(request, "plans/form.html", {"form": form, "title": "修改评审标准", "back": back})


@access.organizer_required
@require_POST
def standard_delete(request: HttpRequest, standard_id: int) -> HttpResponse:
    standard = access.access_organizer_standard(request.user, standard_id)
    try:
        services.standard_delete(standard=standard, actor=request.user)
    except ValidationError as error:
        _flash_errors(request, error)
        return redirect("plans:standard_detail", standard_id=standard.pk)
    messages.success(request, f"已删除评审标准“{standard.name}”")
    return redirect("plans:standard_list")


@access.organizer_required
def category_create(request: HttpRequest, standard_id: int) -> HttpResponse:
    standard = access.access_organizer_standard(request.user, standard_id)
    form = CategoryForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        done = _run(
            form,
            lambda: services.category_create(
                standard=standard, actor=request.user, **form.cleaned_data
            ),
        )
        if done is not None:
            messages.success(request, f"已新增申报业绩类别“{done.name}”")
            return redirect("plans:standard_detail", standard_id=standard.pk)
    back = reverse("plans:standard_detail", kwargs={"standard_id": standard.pk})
    title = f"新增申报业绩类别 · {standard.name}"
    return render(request, "plans/form.html", {"form": form, "title": title, "back": back})


@access.organizer_required
def category_edit(request: HttpRequest, category_id: int) -> HttpResponse:
    category = access.access_organizer_category(request.user, category_id)
    standard = category.standard
    initial = {
        "name": category.name,
        "hint": category.hint,
        "allowed_kinds": category.allowed_kinds,
        "min_items": category.min_items,
        "max_items": category.max_items,
    }
    form = CategoryForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        done = _run(
            form,
            lambda: services.category_update(
                category=category, actor=request.user, **form.cleaned_data
            ),
        )
        if done is not None:
            messages.success(request, "申报业绩类别已保存")
            return redirect("plans:standard_detail", standard_id=standard.pk)
    back = reverse("plans:standard_detail", kwargs={"standard_id": standard.pk})
    title = f"修改申报业绩类别 · {standard.name}"
    return render(request, "plans/form.html", {"form": form, "title": title, "back": back})


@access.organizer_required
@require_POST
def category_delete(request: HttpRequest, category_id: int) -> HttpResponse:
    category = access.access_organizer_category(request.user, category_id)
    try:
        services.category_delete(category=category, actor=request.user)
    except ValidationError as error:
        _flash_errors(request, error)
    else:
        messages.success(request, f"已删除申报业绩类别“{category.name}”")
    return redirect("plans:standard_detail", standard_id=category.standard_id)
