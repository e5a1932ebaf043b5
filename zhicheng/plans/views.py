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
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from zhicheng.accounts.access import person_required
from zhicheng.core.service_errors import flash_errors, form_add_service_errors

from . import access, hooks, selectors, services
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
from .models import EvaluationStandard, ReviewPlan

APPLICANT_PAGE_SIZE = 10
ORGANIZER_PAGE_SIZE = 20


def _form_page(
    request: HttpRequest,
    form: forms.Form,
    *,
    save: Callable[[], Any],
    saved: Callable[[Any], str],
    title: str,
    back: str,
    after: Callable[[Any], str] | None = None,
    multipart: bool = False,
) -> HttpResponse:
    """An organizer's form page: on a valid POST run `save` (a service); when it succeeds say
    `saved(result)` and go to `after(result)` (default: `back`); otherwise show the form again
    with the service's errors next to its fields."""
    if request.method == "POST" and form.is_valid():
        done = _run(form, save)
        if done is not None:
            messages.success(request, saved(done))
            return redirect(after(done) if after else back)
    context: dict[str, Any] = {"form": form, "title": title, "back": back}
    if multipart:
        context["multipart"] = True
    return render(request, "plans/form.html", context)


def _post_action(
    request: HttpRequest, *, call: Callable[[], Any], done: str, back: str
) -> HttpResponse:
    """A POST-only action (publish, close, delete an item): run it, say what happened, go back."""
    try:
        call()
    except ValidationError as error:
        flash_errors(request, error)
    else:
        messages.success(request, done)
    return redirect(back)


def _run(form: forms.Form, call: Callable[[], Any]) -> Any:
    """Run a service; its ValidationError lands next to the form's fields. None on failure."""
    try:
        return call()
    except ValidationError as error:
        form_add_service_errors(form, error)
        return None


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
        {"plan": plan, "blockers": blockers, "opening_soon": not hooks.apply_start_url.functions},
    )


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
    # The 申报职称选择 page belongs to the applications app, which registers where it is.
    for url in hooks.apply_start_url.call(plan):
        return redirect(url)
    messages.info(request, "申报职称选择功能即将开放，请稍后再试")
    return redirect("plans:applicant_detail", plan_id=plan.pk)


@never_cache
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
    return _form_page(
        request,
        form,
        save=lambda: services.plan_create(actor=request.user, **form.plan_values()),
        saved=lambda plan: "评审计划已保存为草稿，请继续设置可评审专业和附件项",
        title="新建评审计划",
        back=reverse("plans:organizer_list"),
        after=lambda plan: _plan_back(plan, ""),
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
    return _form_page(
        request,
        form,
        save=lambda: services.plan_update(
            plan=plan,
            actor=request.user,
            version=form.cleaned_data["version"],
            **form.plan_values(),
        ),
        saved=lambda _: "评审计划已保存",
        title="修改评审计划",
        back=_plan_back(plan, ""),
    )


def _state_change(
    request: HttpRequest, plan_id: int, change: Callable[[ReviewPlan], Any], done: str
) -> HttpResponse:
    plan = access.access_organizer_plan(request.user, plan_id)
    return _post_action(request, call=lambda: change(plan), done=done, back=_plan_back(plan, ""))


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
    if not form.is_valid():
        plan = access.access_organizer_plan(request.user, plan_id)
        for name, errors in form.errors.items():
            for message in errors:
                messages.error(request, f"{form.fields[name].label}：{message}")
        return redirect(_plan_back(plan, ""))
    opinion = form.cleaned_data["opinion"]
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
        flash_errors(request, error)
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
    return _form_page(
        request,
        form,
        save=lambda: services.specialty_create(plan=plan, actor=request.user, **form.cleaned_data),
        saved=lambda done: f"已新增可评审专业“{done.name}”",
        title=f"新增可评审专业 · {plan.name}",
        back=_plan_back(plan, "#specialties"),
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
    return _form_page(
        request,
        form,
        save=lambda: services.specialty_update(
            specialty=specialty, actor=request.user, **form.cleaned_data
        ),
        saved=lambda _: "可评审专业已保存",
        title=f"修改可评审专业 · {plan.name}",
        back=_plan_back(plan, "#specialties"),
    )


@access.organizer_required
@require_POST
def specialty_delete(request: HttpRequest, specialty_id: int) -> HttpResponse:
    specialty = access.access_organizer_specialty(request.user, specialty_id)
    return _post_action(
        request,
        call=lambda: services.specialty_delete(specialty=specialty, actor=request.user),
        done=f"已删除可评审专业“{specialty.name}”",
        back=_plan_back(specialty.plan, "#specialties"),
    )


@access.organizer_required
def slot_create(request: HttpRequest, plan_id: int) -> HttpResponse:
    plan = access.access_organizer_plan(request.user, plan_id)
    form = SlotForm(request.POST or None)
    return _form_page(
        request,
        form,
        save=lambda: services.slot_create(plan=plan, actor=request.user, **form.cleaned_data),
        saved=lambda done: f"已新增附件项“{done.name}”",
        title=f"新增附件项 · {plan.name}",
        back=_plan_back(plan, "#slots"),
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
    return _form_page(
        request,
        form,
        save=lambda: services.slot_update(slot=slot, actor=request.user, **form.cleaned_data),
        saved=lambda _: "附件项已保存",
        title=f"修改附件项 · {plan.name}",
        back=_plan_back(plan, "#slots"),
    )


@access.organizer_required
@require_POST
def slot_delete(request: HttpRequest, slot_id: int) -> HttpResponse:
    slot = access.access_organizer_slot(request.user, slot_id)
    return _post_action(
        request,
        call=lambda: services.slot_delete(slot=slot, actor=request.user),
        done=f"已删除附件项“{slot.name}”",
        back=_plan_back(slot.plan, "#slots"),
    )


@access.organizer_required
def file_upload(request: HttpRequest, plan_id: int) -> HttpResponse:
    plan = access.access_organizer_plan(request.user, plan_id)
    form = PlanFileForm(request.POST or None, request.FILES or None)
    return _form_page(
        request,
        form,
        save=lambda: _file_error(
            services.plan_file_add, plan=plan, actor=request.user, upload=form.cleaned_data["file"]
        ),
        saved=lambda done: f"已上传“{done.display_name}”",
        title=f"上传下载文件 · {plan.name}",
        back=_plan_back(plan, "#files"),
        multipart=True,
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
    return _post_action(
        request,
        call=lambda: services.plan_file_delete(plan_file=plan_file, actor=request.user),
        done=f"已删除“{plan_file.display_name}”",
        back=_plan_back(plan_file.plan, "#files"),
    )


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

    def save() -> Any:
        # With one organizer it owns the standard; with several the form asks (its queryset is
        # limited to the user's own organizers).
        values = dict(form.cleaned_data)
        organizer = values.pop("organizer", None) or organizers[0]
        return services.standard_create(organizer=organizer, actor=request.user, **values)

    return _form_page(
        request,
        form,
        save=save,
        saved=lambda _: "评审标准已保存，请设置申报业绩类别",
        title="新增评审标准",
        back=reverse("plans:standard_list"),
        after=_standard_back,
    )


def _standard_back(standard: EvaluationStandard) -> str:
    return reverse("plans:standard_detail", kwargs={"standard_id": standard.pk})


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
    return _form_page(
        request,
        form,
        save=lambda: services.standard_update(
            standard=standard, actor=request.user, **form.cleaned_data
        ),
        saved=lambda _: "评审标准已保存",
        title="修改评审标准",
        back=_standard_back(standard),
    )


@access.organizer_required
@require_POST
def standard_delete(request: HttpRequest, standard_id: int) -> HttpResponse:
    standard = access.access_organizer_standard(request.user, standard_id)
    try:
        services.standard_delete(standard=standard, actor=request.user)
    except ValidationError as error:
        flash_errors(request, error)
        return redirect(_standard_back(standard))
    messages.success(request, f"已删除评审标准“{standard.name}”")
    return redirect("plans:standard_list")


@access.organizer_required
def category_create(request: HttpRequest, standard_id: int) -> HttpResponse:
    standard = access.access_organizer_standard(request.user, standard_id)
    form = CategoryForm(request.POST or None)
    return _form_page(
        request,
        form,
        save=lambda: services.category_create(
            standard=standard, actor=request.user, **form.cleaned_data
        ),
        saved=lambda done: f"已新增申报业绩类别“{done.name}”",
        title=f"新增申报业绩类别 · {standard.name}",
        back=_standard_back(standard),
    )


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
    return _form_page(
        request,
        form,
        save=lambda: services.category_update(
            category=category, actor=request.user, **form.cleaned_data
        ),
        saved=lambda _: "申报业绩类别已保存",
        title=f"修改申报业绩类别 · {standard.name}",
        back=_standard_back(standard),
    )


@access.organizer_required
@require_POST
def category_delete(request: HttpRequest, category_id: int) -> HttpResponse:
    category = access.access_organizer_category(request.user, category_id)
    return _post_action(
        request,
        call=lambda: services.category_delete(category=category, actor=request.user),
        done=f"已删除申报业绩类别“{category.name}”",
        back=reverse("plans:standard_detail", kwargs={"standard_id": category.standard_id}),
    )
