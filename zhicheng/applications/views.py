"""职称申报 pages (manual 四(一), 四(二)1–7). Each view: validate → access → one service → render.

Dialogs (导入, 修改专业) and the side panel (现有职称情况 新增) are rendered by the server into the
section page when asked for by the query string, so every step works without scripts and each
page has one URL to come back to.
"""

from collections.abc import Callable
from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.http.response import HttpResponseBase
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_http_methods, require_POST

from zhicheng.accounts.access import person_required
from zhicheng.accounts.photos import PHOTO_MAX_BYTES, PHOTO_SIZE, photo_normalize
from zhicheng.core import uploads
from zhicheng.core.attachments import attachment_response, content_disposition
from zhicheng.core.identity import mask_id_number
from zhicheng.core.ids import id_or_404
from zhicheng.core.service_errors import flash_errors, form_add_service_errors
from zhicheng.documents.pledge import PLEDGE_NOTE, pledge_paragraphs, pledge_pdf
from zhicheng.library.kinds import entry_period, entry_summary
from zhicheng.plans import selectors as plan_selectors
from zhicheng.plans.forms import PlanSearchForm
from zhicheng.plans.services import plan_apply_blockers

from . import access, checks, selectors, services
from .forms import (
    MAX_UPLOAD_BYTES,
    AppointmentForm,
    BasicForm,
    ChooseForm,
    ExceptionalForm,
    ImportForm,
    MarkForm,
    PhotoForm,
    PledgeForm,
    RenameForm,
    SpecialtyChangeForm,
    TitleForm,
    TransferForm,
    UploadForm,
)
from .models import Application, ImportedEntry, Section
from .series_fields import fields_for

PLAN_PAGE_SIZE = 10
HISTORY_PAGE_SIZE = 10

# The form's parts in the manual's order (图4-5); 破格/转评 only when that 申报形式 is chosen.
SECTIONS: list[tuple[str, str]] = [
    ("basic", "基本信息"),
    ("work", "工作经历"),
    ("education", "学历教育"),
    ("training", "继续教育"),
    ("appraisal", "年度考核"),
    ("attachments", "附件上传"),
    ("exceptional", "破格申报"),
    ("transfer", "转评申报"),
    ("performance", "申报业绩"),
    ("files", "附件一览表"),
    ("overview", "申报一览表"),
    ("check", "开始检测"),
]
LIST_SECTIONS = {Section.WORK, Section.EDUCATION, Section.TRAINING, Section.APPRAISAL}


def _sections_for(application: Application) -> list[tuple[str, str]]:
    return [
        (key, label)
        for key, label in SECTIONS
        if (key != "exceptional" or application.is_exceptional)
        and (key != "transfer" or application.is_transfer)
    ]


def section_url(application: Application, section: str, anchor: str = "") -> str:
    url = reverse("applications:section", args=[application.pk, section])
    return f"{url}#{anchor}" if anchor else url


def _back(request: HttpRequest, application: Application, section: str) -> str:
    return section_url(application, section)


def _act(request: HttpRequest, call: Callable[[], Any], done: str = "") -> bool:
    try:
        call()
    except ValidationError as error:
        flash_errors(request, error)
        return False
    if done:
        messages.success(request, done)
    return True


# --- 职称申报 page (四(一)) -------------------------------------------------------------------


@person_required
def index(request: HttpRequest) -> HttpResponse:
    """当前申报记录 / 我的历史记录 / 评审计划."""
    tab = request.GET.get("tab", "current")
    context: dict[str, Any] = {"tab": tab}
    if tab == "history":
        history = selectors.history_applications(person=request.user)
        context["page"] = Paginator(history, HISTORY_PAGE_SIZE).get_page(request.GET.get("page"))
        context["filters"] = {"tab": "history"}
    elif tab == "plans":
        search = PlanSearchForm(request.GET or None)
        filters = search.filters()
        plans = plan_selectors.plan_search(**filters)
        context["search"] = search
        context["page"] = Paginator(plans, PLAN_PAGE_SIZE).get_page(request.GET.get("page"))
        context["filters"] = {
            "tab": "plans",
            **{k: "" if v is None else v for k, v in filters.items()},
        }
    else:
        context["tab"] = "current"
        context["current"] = selectors.current_applications(person=request.user)
    return render(request, "applications/index.html", context)


# --- 马上申报 → 申报职称选择 → 诚信承诺书 (四(二)1–3) ---------------------------------------


@person_required
@require_http_methods(["GET", "POST"])
def choose(request: HttpRequest, plan_id: int) -> HttpResponse:
    plan = access.access_applicable_plan(request.user, plan_id)
    blockers = plan_apply_blockers(person=request.user, plan=plan, now=timezone.now())
    form = ChooseForm(request.POST if request.method == "POST" else None, plan=plan)
    if request.method == "POST" and form.is_valid():
        try:
            application = services.application_start(
                person=request.user,
                plan=plan,
                apply_form=form.cleaned_data["apply_form"],
                specialty_id=form.cleaned_data["specialty"],
                title=form.cleaned_data["title"],
                standard_id=form.cleaned_data["standard"],
                confirmed=form.cleaned_data["confirmed"],
                actor=request.user,
            )
        except ValidationError as error:
            form_add_service_errors(form, error)
        else:
            return redirect("applications:pledge", application_id=application.pk)
    specialties = list(plan.specialties.all())
    return render(
        request,
        "applications/choose.html",
        {"plan": plan, "form": form, "blockers": blockers, "specialties": specialties},
        status=400 if form.errors else 200,
    )


@person_required
@require_http_methods(["GET", "POST"])
def pledge(request: HttpRequest, application_id: int) -> HttpResponse:
    """诚信承诺书 (图4-4): 我已阅读并承诺 → 同意并继续."""
    application = access.access_own_application(request.user, application_id)
    if application.pledged_at is not None or not application.is_editable:
        return redirect(section_url(application, "basic"))
    form = PledgeForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            services.application_pledge(
                application=application, agreed=form.cleaned_data["agreed"], actor=request.user
            )
        except ValidationError as error:
            form_add_service_errors(form, error)
        else:
            return redirect(section_url(application, "basic"))
    return render(
        request,
        "applications/pledge.html",
        {
            "application": application,
            "form": form,
            "pledge_text": pledge_paragraphs(
                plan_name=application.plan.name, year=application.year
            ),
            "pledge_note": PLEDGE_NOTE,
        },
        status=400 if form.errors else 200,
    )


@person_required
def pledge_template(request: HttpRequest, application_id: int) -> HttpResponse:
    """点击下载承诺书模板: the 诚信承诺书 as a PDF (typst), to print and sign by hand."""
    application = access.access_own_application(request.user, application_id)
    content = pledge_pdf(
        plan_name=application.plan.name,
        year=application.year,
        applicant_name=application.person.name,
        id_number_masked=mask_id_number(application.person.id_number or ""),
    )
    response = HttpResponse(content, content_type="application/pdf")
    response["Content-Disposition"] = content_disposition("attachment", "诚信承诺书.pdf")
    response["X-Content-Type-Options"] = "nosniff"
    return response


# --- The form's sections (四(二)4–7) ---------------------------------------------------------


@person_required
def section(request: HttpRequest, application_id: int, section: str) -> HttpResponse:
    application = access.access_own_application(request.user, application_id)
    sections = _sections_for(application)
    if section not in dict(sections):
        raise Http404("没有该栏目")
    if application.is_editable and application.pledged_at is None:
        return redirect("applications:pledge", application_id=application.pk)
    data = selectors.application_data(application)
    results = checks.application_checks(application, data=data)
    context: dict[str, Any] = {
        "application": application,
        "data": data,
        "checks": results,
        "failing": checks.failing(results),
        "section": section,
        "section_label": dict(sections)[section],
        "sections": sections,
        "editable": application.is_editable,
    }
    if section == "basic":
        _basic_context(request, application, context)
    elif section in LIST_SECTIONS:
        context["items"] = data.sections[section]
        if request.GET.get("import") and application.is_editable:
            _import_context(application, [services.SECTION_KINDS[section]], context)
    elif section == "performance":
        wanted = request.GET.get("import", "")
        block = next((b for b in data.categories if str(b.category.pk) == wanted), None)
        if block is not None and application.is_editable:
            context["import_category"] = block.category
            _import_context(application, list(block.category.allowed_kinds), context)
    elif section == "exceptional":
        context["extra_form"] = ExceptionalForm(
            initial={
                "exceptional_conditions": application.exceptional_conditions,
                "exceptional_evidence": application.exceptional_evidence,
            }
        )
    elif section == "transfer":
        context["extra_form"] = TransferForm(
            initial={
                "transfer_current_title": application.transfer_current_title,
                "transfer_original_series": application.transfer_original_series,
                "transfer_reason": application.transfer_reason,
            }
        )
    elif section == "overview":
        info = application.professional_info or {}
        context["info_rows"] = [
            (f.label, info.get(f.name, "")) for f in fields_for(application.plan.series)
        ]
        context["list_sections"] = [
            (key, label, data.sections[key]) for key, label in SECTIONS if key in LIST_SECTIONS
        ]
    template = (
        "applications/section_list.html"
        if section in LIST_SECTIONS
        else f"applications/section_{section}.html"
    )
    return render(request, template, context)


def _basic_context(request: HttpRequest, application: Application, context: dict[str, Any]) -> None:
    context["form"] = BasicForm(application=application)
    context["specialties"] = list(application.plan.specialties.all())
    context["title_choices"] = sorted({t for s in context["specialties"] for t in s.titles})
    context["dialog"] = request.GET.get("dialog", "")
    panel = request.GET.get("title", "")
    if panel and application.is_editable:
        if panel == "new":
            context["title_form"] = TitleForm(initial={"series": application.plan.series})
        else:
            title = access.access_title(application, id_or_404(panel))
            context["panel_title"] = title
            context["title_form"] = TitleForm(instance=title)
            context["appointment_form"] = AppointmentForm()


def _import_context(application: Application, kinds: list[str], context: dict[str, Any]) -> None:
    entries, used = selectors.importable_entries(application=application, kinds=kinds)
    context["importing"] = True
    context["import_rows"] = [
        {
            "entry": entry,
            "summary": entry_summary(entry),
            "period": entry_period(entry),
            "used": entry.pk in used,
        }
        for entry in entries
    ]


@person_required
@require_POST
def basic_save(request: HttpRequest, application_id: int) -> HttpResponse:
    application = access.access_own_application(request.user, application_id)
    form = BasicForm(request.POST, application=application)
    if form.is_valid():
        try:
            _, clamped = services.application_basic_save(
                application=application, data=form.service_data(), actor=request.user
            )
        except ValidationError as error:
            form_add_service_errors(form, error)
        else:
            messages.success(request, "基本信息已保存")
            if clamped:
                messages.warning(request, "专业年限大于工作年限，已自动调整为工作年限")
            return redirect(section_url(application, "basic"))
    data = selectors.application_data(application)
    results = checks.application_checks(application, data=data)
    return render(
        request,
        "applications/section_basic.html",
        {
            "application": application,
            "data": data,
            "checks": results,
            "failing": checks.failing(results),
            "section": "basic",
            "section_label": "基本信息",
            "sections": _sections_for(application),
            "editable": application.is_editable,
            "form": form,
            "specialties": list(application.plan.specialties.all()),
        },
        status=400,
    )


@person_required
@require_POST
def specialty_change(request: HttpRequest, application_id: int) -> HttpResponse:
    """修改专业 (图4-6)."""
    application = access.access_own_application(request.user, application_id)
    form = SpecialtyChangeForm(request.POST)
    if not form.is_valid():
        messages.error(request, "请选择申报专业和申报职称")
    else:
        _act(
            request,
            lambda: services.application_change_specialty(
                application=application,
                specialty_id=form.cleaned_data["specialty"],
                title=form.cleaned_data["title"],
                actor=request.user,
            ),
            "申报专业已修改",
        )
    return redirect(section_url(application, "basic"))


@person_required
@require_http_methods(["GET", "POST"])
def photo(request: HttpRequest, application_id: int) -> HttpResponse:
    """The application's photo, with the same cropper as 个人中心 (the server re-encodes)."""
    application = access.access_own_application(request.user, application_id)
    form = PhotoForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        try:
            content = photo_normalize(
                uploads.read_upload(form.cleaned_data["photo"], max_bytes=PHOTO_MAX_BYTES)
            )
            services.application_photo_set(
                application=application, content=content, actor=request.user
            )
        except ValidationError as error:
            form_add_service_errors(form, error)
        else:
            messages.success(request, "证件照已上传")
            return redirect(section_url(application, "basic"))
    return render(
        request,
        "applications/photo.html",
        {
            "application": application,
            "form": form,
            "photo_size": PHOTO_SIZE,
            "photo_max_bytes": PHOTO_MAX_BYTES,
        },
        status=400 if form.errors else 200,
    )


@person_required
def photo_image(request: HttpRequest, application_id: int) -> HttpResponseBase:
    application = access.access_own_application(request.user, application_id)
    if not application.photo:
        raise Http404("没有照片")
    try:
        handle = application.photo.open("rb")
    except FileNotFoundError:
        raise Http404("没有照片") from None
    response = FileResponse(handle, content_type="image/jpeg")
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "private, no-cache"
    return response


# --- 现有职称情况 ----------------------------------------------------------------------------------


@person_required
@require_POST
def title_save(request: HttpRequest, application_id: int, title_id: int = 0) -> HttpResponse:
    application = access.access_own_application(request.user, application_id)
    title = access.access_title(application, title_id) if title_id else None
    form = TitleForm(request.POST, instance=title)
    if not form.is_valid():
        for field, errors in form.errors.items():
            label = form.fields[field].label if field in form.fields else ""
            messages.error(
                request,
                f"{label}：{'；'.join(str(e) for e in errors)}"
                if label
                else "；".join(str(e) for e in errors),
            )
        panel = title.pk if title else "new"
        return redirect(f"{section_url(application, 'basic')}?title={panel}#titles")
    saved: list[Any] = []
    ok = _act(
        request,
        lambda: saved.append(
            services.current_title_save(
                application=application,
                data=form.cleaned_data,
                actor=request.user,
                title=title,
            )
        ),
        "现有职称情况已保存",
    )
    if ok:
        return redirect(f"{section_url(application, 'basic')}?title={saved[0].pk}#titles")
    return redirect(f"{section_url(application, 'basic')}#titles")


@person_required
@require_POST
def title_delete(request: HttpRequest, application_id: int, title_id: int) -> HttpResponse:
    application = access.access_own_application(request.user, application_id)
    title = access.access_title(application, title_id)
    _act(request, lambda: services.current_title_delete(title=title, actor=request.user), "已删除")
    return redirect(f"{section_url(application, 'basic')}#titles")


@person_required
@require_POST
def title_move(request: HttpRequest, application_id: int, title_id: int) -> HttpResponse:
    application = access.access_own_application(request.user, application_id)
    title = access.access_title(application, title_id)
    up = request.POST.get("direction") != "down"
    _act(request, lambda: services.current_title_move(title=title, up=up, actor=request.user))
    return redirect(f"{section_url(application, 'basic')}#titles")


@person_required
@require_POST
def appointment_add(request: HttpRequest, application_id: int, title_id: int) -> HttpResponse:
    application = access.access_own_application(request.user, application_id)
    title = access.access_title(application, title_id)
    form = AppointmentForm(request.POST)
    if form.is_valid():
        _act(
            request,
            lambda: services.appointment_add(
                title=title, data=form.cleaned_data, actor=request.user
            ),
            "评聘情况已新增",
        )
    else:
        for field, errors in form.errors.items():
            messages.error(
                request, f"{form.fields[field].label}：{'；'.join(str(e) for e in errors)}"
            )
    return redirect(f"{section_url(application, 'basic')}?title={title.pk}#titles")


@person_required
@require_POST
def appointment_delete(
    request: HttpRequest, application_id: int, appointment_id: int
) -> HttpResponse:
    application = access.access_own_application(request.user, application_id)
    appointment = access.access_appointment(application, appointment_id)
    _act(
        request,
        lambda: services.appointment_delete(appointment=appointment, actor=request.user),
        "评聘情况已删除",
    )
    return redirect(f"{section_url(application, 'basic')}?title={appointment.title_id}#titles")


@person_required
@require_POST
def title_document_upload(request: HttpRequest, application_id: int, title_id: int) -> HttpResponse:
    application = access.access_own_application(request.user, application_id)
    title = access.access_title(application, title_id)
    _upload(
        request,
        lambda checked: services.title_document_add(
            title=title, checked=checked, actor=request.user
        ),
    )
    return redirect(f"{section_url(application, 'basic')}?title={title.pk}#titles")


@person_required
def title_document(request: HttpRequest, application_id: int, document_id: int) -> HttpResponseBase:
    application = access.access_own_application(request.user, application_id)
    return attachment_response(access.access_title_document(application, document_id))


@person_required
@require_POST
def title_document_delete(
    request: HttpRequest, application_id: int, document_id: int
) -> HttpResponse:
    application = access.access_own_application(request.user, application_id)
    document = access.access_title_document(application, document_id)
    _act(
        request,
        lambda: services.title_document_delete(document=document, actor=request.user),
        "文档已删除",
    )
    return redirect(f"{section_url(application, 'basic')}?title={document.title_id}#titles")


# --- 导入 / 移除 / 上移 / 下移 --------------------------------------------------------------------


@person_required
@require_POST
def import_entries(request: HttpRequest, application_id: int, section: str) -> HttpResponse:
    application = access.access_own_application(request.user, application_id)
    if section not in Section.values:
        raise Http404("没有该栏目")
    category_id: int | None = None
    if section == Section.PERFORMANCE:
        category_id = id_or_404(request.POST.get("category", ""))
    form = ImportForm(request.POST)
    back = "performance" if section == Section.PERFORMANCE else section
    if not form.is_valid():
        messages.error(request, "请勾选要导入的业绩")
        query = f"?import={category_id or 1}"
        return redirect(f"{section_url(application, back)}{query}")
    ids = access.access_own_entries(request.user, form.cleaned_data["entries"])
    created: list[ImportedEntry] = []

    def run() -> None:
        created.extend(
            services.application_import_entries(
                application=application,
                section=section,
                category_id=category_id,
                entry_ids=ids,
                actor=request.user,
            )
        )

    if _act(request, run):
        messages.success(request, f"已导入{len(created)}条" if created else "所选业绩已导入")
    anchor = f"category-{category_id}" if category_id else ""
    return redirect(section_url(application, back, anchor))


def _item_back(application: Application, item: ImportedEntry) -> str:
    if item.section == Section.PERFORMANCE:
        return section_url(application, "performance", f"category-{item.category_id}")
    return section_url(application, item.section, f"item-{item.pk}")


@person_required
@require_POST
def item_remove(request: HttpRequest, application_id: int, item_id: int) -> HttpResponse:
    application = access.access_own_application(request.user, application_id)
    item = access.access_imported(request.user, application, item_id)
    _act(
        request,
        lambda: services.application_entry_remove(item=item, actor=request.user),
        "已移除（个人业绩库中的数据不受影响）",
    )
    return redirect(_item_back(application, item).split("#item")[0])


@person_required
@require_POST
def item_move(request: HttpRequest, application_id: int, item_id: int) -> HttpResponse:
    application = access.access_own_application(request.user, application_id)
    item = access.access_imported(request.user, application, item_id)
    up = request.POST.get("direction") != "down"
    _act(request, lambda: services.application_entry_move(item=item, up=up, actor=request.user))
    return redirect(_item_back(application, item))


@person_required
@require_POST
def item_mark(request: HttpRequest, application_id: int, item_id: int) -> HttpResponse:
    application = access.access_own_application(request.user, application_id)
    item = access.access_imported(request.user, application, item_id)
    form = MarkForm(request.POST)
    if form.is_valid():
        _act(
            request,
            lambda: services.application_entry_mark(
                item=item,
                qualified=form.cleaned_data["qualified"],
                appraisal_choice=form.cleaned_data["appraisal_choice"],
                actor=request.user,
            ),
            "已保存",
        )
    else:
        messages.error(request, "考核结果只能为“合格”或“不合格”")
    return redirect(_item_back(application, item))


@person_required
def item_file(
    request: HttpRequest, application_id: int, item_id: int, file_id: int
) -> HttpResponseBase:
    """A file of an imported entry (as listed at import), served after the access check."""
    application = access.access_own_application(request.user, application_id)
    item = access.access_imported(request.user, application, item_id)
    return attachment_response(access.access_import_file(item, file_id))


# --- 附件上传 -----------------------------------------------------------------------------------


def _upload(request: HttpRequest, store: Callable[[Any], Any]) -> bool:
    form = UploadForm(request.POST, request.FILES)
    if not form.is_valid():
        messages.error(request, "请选择要上传的文件")
        return False
    try:
        checked = uploads.check_document(form.cleaned_data["file"], max_bytes=MAX_UPLOAD_BYTES)
        store(checked)
    except ValidationError as error:
        flash_errors(request, error)
        return False
    messages.success(request, "附件已上传")
    return True


@person_required
@require_POST
def attachment_upload(request: HttpRequest, application_id: int, slot_id: int) -> HttpResponse:
    application = access.access_own_application(request.user, application_id)
    slot = access.access_slot(application, slot_id)
    _upload(
        request,
        lambda checked: services.application_attachment_add(
            application=application, slot=slot, checked=checked, actor=request.user
        ),
    )
    return redirect(section_url(application, "attachments", f"slot-{slot.pk}"))


@person_required
def attachment(request: HttpRequest, attachment_id: int) -> HttpResponseBase:
    return attachment_response(access.access_attachment(request.user, attachment_id))


@person_required
@require_POST
def attachment_rename(request: HttpRequest, attachment_id: int) -> HttpResponse:
    item = access.access_attachment(request.user, attachment_id)
    form = RenameForm(request.POST)
    if form.is_valid():
        _act(
            request,
            lambda: services.application_attachment_rename(
                attachment=item, name=form.cleaned_data["display_name"], actor=request.user
            ),
            "附件名称已修改",
        )
    else:
        messages.error(request, "请填写附件名称（不超过120字）")
    return redirect(section_url(item.application, "attachments", f"slot-{item.slot_id}"))


@person_required
@require_POST
def attachment_delete(request: HttpRequest, attachment_id: int) -> HttpResponse:
    item = access.access_attachment(request.user, attachment_id)
    _act(
        request,
        lambda: services.application_attachment_delete(attachment=item, actor=request.user),
        "附件已删除",
    )
    return redirect(section_url(item.application, "attachments", f"slot-{item.slot_id}"))


# --- 破格 / 转评, 删除, 提交审核 ------------------------------------------------------------------


@person_required
@require_POST
def extra_save(request: HttpRequest, application_id: int) -> HttpResponse:
    application = access.access_own_application(request.user, application_id)
    form_class = ExceptionalForm if application.is_exceptional else TransferForm
    form = form_class(request.POST)
    back = "exceptional" if application.is_exceptional else "transfer"
    if form.is_valid():
        _act(
            request,
            lambda: services.application_extra_save(
                application=application, data=form.cleaned_data, actor=request.user
            ),
            "已保存",
        )
    else:
        messages.error(request, "内容过长，请精简后保存")
    return redirect(section_url(application, back))


@person_required
@require_POST
def submit(request: HttpRequest, application_id: int) -> HttpResponse:
    """提交审核: refused by the service while 开始检测 finds anything 不符合."""
    application = access.access_own_application(request.user, application_id)
    if _act(
        request,
        lambda: services.application_submit(application=application, actor=request.user),
        "已提交审核，请等待单位审核",
    ):
        return redirect("applications:index")
    return redirect(section_url(application, "check"))


@person_required
@require_POST
def delete(request: HttpRequest, application_id: int) -> HttpResponse:
    application = access.access_own_application(request.user, application_id)
    _act(
        request,
        lambda: services.application_delete(application=application, actor=request.user),
        "申报已删除，可重新选择评审计划申报",
    )
    return redirect("applications:index")
