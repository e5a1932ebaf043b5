"""个人业绩库 pages (manual 三) and the unit's review of them. Validate → access → service → render."""

from typing import Any

from csp.decorators import csp_replace
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseBase
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.functional import lazy
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.clickjacking import xframe_options_sameorigin
from django.views.decorators.http import require_POST

from zhicheng.accounts.access import person_required
from zhicheng.core.attachments import attachment_response, content_disposition
from zhicheng.core.identity import mask_id_number
from zhicheng.core.service_errors import flash_errors, form_add_service_errors
from zhicheng.orgs.access import access_acting_unit
from zhicheng.orgs.selectors import person_unit
from zhicheng.orgs.services import unit_required_message

from . import access, selectors, services, spreadsheets
from .forms import (
    AttachmentForm,
    DecisionForm,
    EntryIdsForm,
    ImportForm,
    RenameForm,
    entry_form_class,
    form_data,
)
from .kinds import SPECS, entry_facts, entry_period, entry_summary
from .models import Entry

PAGE_SIZE = 50
QUEUE_PAGE_SIZE = 20
KINDS = Entry.Kind
STATUSES = Entry.Status
# Read only on pages where the person has no approved unit.
lazy_unit_required_message = lazy(unit_required_message, str)

# Attachments open inline in an <iframe> of our own pages. Chromium shows a PDF through its
# built-in viewer, an embedded plugin that `object-src 'none'` (the site policy) blocks, so the
# file responses allow objects from ourselves. The bytes were checked on the way in.
FILE_CSP = {"frame-ancestors": ["'self'"], "object-src": ["'self'"]}
file_csp: Any = csp_replace(FILE_CSP)  # type: ignore[arg-type]


def _kind_or_404(kind: str) -> str:
    if kind not in SPECS:
        raise Http404("没有该业绩类别")
    return kind


def _choice(value: str, choices: Any) -> str:
    return value if value in choices.values else ""


def _rows(page: Any, *, with_id: bool = False) -> list[dict[str, Any]]:
    return [
        {
            "entry": entry,
            "summary": entry_summary(entry),
            "period": entry_period(entry),
            # Namesakes are common: the unit tells them apart by the masked 身份证号.
            "id_number": mask_id_number(entry.person.id_number or "") if with_id else "",
        }
        for entry in page
    ]


def _queue_back(request: HttpRequest, unit_id: int) -> str:
    """Where to go after a decision: the queue page with the filters it came from (`next`), if
    that is a URL of this unit's queue on this site; otherwise the queue's first page."""
    queue = reverse("library:unit_queue", args=[unit_id])
    back = request.POST.get("next") or request.GET.get("next") or ""
    if (back == queue or back.startswith(f"{queue}?")) and url_has_allowed_host_and_scheme(
        back, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return back
    return queue


# --- Applicant ---------------------------------------------------------------------------------


@person_required
def index(request: HttpRequest) -> HttpResponse:
    """The library by kind, with counts and statuses; tick entries to submit them."""
    kind = _choice(request.GET.get("kind", ""), KINDS)
    status = _choice(request.GET.get("status", ""), STATUSES)
    stats = selectors.library_stats(person=request.user)
    entries = selectors.person_entries(person=request.user, kind=kind, status=status)
    page = Paginator(entries, PAGE_SIZE).get_page(request.GET.get("page"))
    unit = person_unit(person=request.user)
    return render(
        request,
        "library/index.html",
        {
            "page": page,
            "rows": _rows(page),
            "stats": stats,
            "kind": kind,
            "status": status,
            "kinds": KINDS.choices,
            "statuses": STATUSES.choices,
            "filters": {"kind": kind, "status": status},
            "unit": unit,
            "unit_required_message": lazy_unit_required_message(person=request.user),
        },
    )


@person_required
def entry_create(request: HttpRequest, kind: str) -> HttpResponse:
    kind = _kind_or_404(kind)
    form_class = entry_form_class(kind)
    form = form_class(request.POST or None, person=request.user)
    if request.method == "POST" and form.is_valid():
        try:
            entry = services.entry_create(
                person=request.user, kind=kind, data=form_data(form), actor=request.user
            )
        except ValidationError as error:
            form_add_service_errors(form, error)
        else:
            messages.success(request, "已保存为草稿，请上传相关附件后提交审核")
            return redirect("library:detail", entry_id=entry.pk)
    return render(
        request,
        "library/entry_form.html",
        {"form": form, "kind_label": KINDS(kind).label, "kind": kind, "entry": None},
    )


@person_required
def entry_detail(request: HttpRequest, entry_id: int) -> HttpResponseBase:
    if request.method == "POST":
        # The upload form posts here, so that a refused file leaves the entry's own address in the
        # address bar (reloading it must not land on a POST-only address).
        return attachment_upload(request, entry_id)
    entry = access.access_own_entry(request.user, entry_id)
    return render(
        request,
        "library/entry_detail.html",
        {
            "entry": entry,
            "facts": entry_facts(entry),
            "used_by": services.entry_used_by(entry),
            "attachment_form": AttachmentForm(),
            "unit": person_unit(person=request.user),
            "unit_required_message": lazy_unit_required_message(person=request.user),
        },
    )


@person_required
def entry_edit(request: HttpRequest, entry_id: int) -> HttpResponse:
    entry = access.access_own_entry(request.user, entry_id)
    if not entry.is_editable:
        messages.error(request, services.NOT_EDITABLE_MESSAGE)
        return redirect("library:detail", entry_id=entry.pk)
    form_class = entry_form_class(entry.kind)
    form = form_class(request.POST or None, instance=entry, person=request.user)
    if request.method == "POST" and form.is_valid():
        try:
            services.entry_update(entry=entry, data=form_data(form), actor=request.user)
        except ValidationError as error:
            form_add_service_errors(form, error)
        else:
            messages.success(request, "已保存")
            return redirect("library:detail", entry_id=entry.pk)
    return render(
        request,
        "library/entry_form.html",
        {"form": form, "kind_label": entry.get_kind_display(), "kind": entry.kind, "entry": entry},
    )


@person_required
@require_POST
def entry_delete(request: HttpRequest, entry_id: int) -> HttpResponse:
    entry = access.access_own_entry(request.user, entry_id)
    try:
        services.entry_delete(entry=entry, actor=request.user)
    except ValidationError as error:
        flash_errors(request, error)
        return redirect("library:detail", entry_id=entry.pk)
    messages.success(request, "已删除")
    return redirect(f"{reverse('library:index')}?kind={entry.kind}")


@person_required
@require_POST
def entries_submit(request: HttpRequest) -> HttpResponse:
    """提交审核 of one entry (from its page) or of the ticked ones (from the list)."""
    form = EntryIdsForm(request.POST)
    back = request.POST.get("next", "")
    target = back if back.startswith("/library/") else reverse("library:index")
    if not form.is_valid():
        for messages_ in form.errors.values():
            for message in messages_:
                messages.error(request, str(message))
        return redirect(target)
    try:
        entries = services.entries_submit(
            person=request.user, entry_ids=form.cleaned_data["entries"], actor=request.user
        )
    except ValidationError as error:
        flash_errors(request, error)
    else:
        messages.success(request, f"已提交 {len(entries)} 条业绩，等待单位审核")
    return redirect(target)


@person_required
@require_POST
def entry_withdraw(request: HttpRequest, entry_id: int) -> HttpResponse:
    """撤回: take an entry waiting for the unit back as a draft, to change it."""
    entry = access.access_own_entry(request.user, entry_id)
    try:
        services.entry_withdraw(entry=entry, actor=request.user)
    except ValidationError as error:
        flash_errors(request, error)
    else:
        messages.success(request, "已撤回，业绩恢复为草稿，可以修改后重新提交")
    return redirect("library:detail", entry_id=entry.pk)


@person_required
@require_POST
def attachment_upload(request: HttpRequest, entry_id: int) -> HttpResponse:
    entry = access.access_own_entry(request.user, entry_id)
    form = AttachmentForm(request.POST, request.FILES)
    if form.is_valid():
        try:
            services.entry_attachment_add(
                entry=entry, checked=form.cleaned_data["file"], actor=request.user
            )
        except ValidationError as error:
            form_add_service_errors(form, error)
        else:
            messages.success(request, "附件已上传")
            return redirect("library:detail", entry_id=entry.pk)
    return render(
        request,
        "library/entry_detail.html",
        {
            "entry": access.access_own_entry(request.user, entry_id),
            "facts": entry_facts(entry),
            "used_by": services.entry_used_by(entry),
            "attachment_form": form,
            "unit": person_unit(person=request.user),
            "unit_required_message": lazy_unit_required_message(person=request.user),
        },
        status=400,
    )


@person_required
@require_POST
def attachment_rename(request: HttpRequest, attachment_id: int) -> HttpResponse:
    attachment = access.access_own_attachment(request.user, attachment_id)
    form = RenameForm(request.POST)
    if form.is_valid():
        try:
            services.entry_attachment_rename(
                attachment=attachment, name=form.cleaned_data["display_name"], actor=request.user
            )
        except ValidationError as error:
            flash_errors(request, error)
        else:
            messages.success(request, "文件名已修改")
    else:
        messages.error(request, "请填写文件名（不超过 120 字）")
    return redirect("library:detail", entry_id=attachment.entry_id)


@person_required
@require_POST
def attachment_delete(request: HttpRequest, attachment_id: int) -> HttpResponse:
    attachment = access.access_own_attachment(request.user, attachment_id)
    try:
        services.entry_attachment_delete(attachment=attachment, actor=request.user)
    except ValidationError as error:
        flash_errors(request, error)
    else:
        messages.success(request, "附件已删除")
    return redirect("library:detail", entry_id=attachment.entry_id)


@person_required
@xframe_options_sameorigin
@file_csp
def attachment_file(request: HttpRequest, attachment_id: int) -> HttpResponseBase:
    attachment = access.access_own_attachment(request.user, attachment_id)
    return attachment_response(attachment, download=request.GET.get("download") == "1")


@person_required
def import_entries(request: HttpRequest, kind: str) -> HttpResponse:
    """批量导入 from the kind's Excel template: every row checked, nothing imported on any error."""
    kind = _kind_or_404(kind)
    form = ImportForm(request.POST or None, request.FILES or None)
    errors: list[spreadsheets.CellError] = []
    status = 200
    if request.method == "POST":
        if form.is_valid():
            try:
                parsed = spreadsheets.read_rows(
                    kind, form.cleaned_data["file"], person=request.user
                )
            except ValidationError as error:
                form.add_error("file", error.messages)
            else:
                errors = parsed.errors
                if not errors:
                    try:
                        created = services.entries_import(
                            person=request.user,
                            kind=kind,
                            rows=parsed.rows,
                            actor=request.user,
                            sha256=parsed.sha256,
                            row_numbers=parsed.row_numbers,
                        )
                    except ValidationError as error:
                        form.add_error("file", error.messages)
                    else:
                        messages.success(
                            request,
                            f"已导入 {len(created)} 条{KINDS(kind).label}（草稿），"
                            "请逐条上传证明材料后提交审核",
                        )
                        return redirect(f"{reverse('library:index')}?kind={kind}")
        status = 400
    return render(
        request,
        "library/import.html",
        {"form": form, "kind": kind, "kind_label": KINDS(kind).label, "errors": errors},
        status=status,
    )


@person_required
def import_template(request: HttpRequest, kind: str) -> HttpResponse:
    kind = _kind_or_404(kind)
    response = HttpResponse(
        spreadsheets.template_workbook(kind), content_type=spreadsheets.XLSX_CONTENT_TYPE
    )
    name = f"业绩库导入模板-{spreadsheets.sheet_title(kind)}.xlsx"
    response["Content-Disposition"] = content_disposition("attachment", name)
    response["X-Content-Type-Options"] = "nosniff"
    return response


# --- Unit ----------------------------------------------------------------------------------------


@login_required
def unit_queue(request: HttpRequest, org_id: int) -> HttpResponse:
    """The unit's queue of its staff's entries: filter by kind, person and status; paged."""
    unit = access_acting_unit(request.user, org_id)
    kind = _choice(request.GET.get("kind", ""), KINDS)
    status = request.GET.get("status", STATUSES.SUBMITTED)
    status = status if status in (STATUSES.SUBMITTED, STATUSES.APPROVED, STATUSES.RETURNED) else ""
    person = request.GET.get("person", "").strip()[:50]
    entries = selectors.unit_queue(unit=unit, kind=kind, status=status, person_query=person)
    page = Paginator(entries, QUEUE_PAGE_SIZE).get_page(request.GET.get("page"))
    return render(
        request,
        "library/unit_queue.html",
        {
            "unit": unit,
            "page": page,
            "rows": _rows(page, with_id=True),
            "here": request.get_full_path(),
            "counts": selectors.unit_queue_counts(unit=unit),
            "kinds": KINDS.choices,
            "statuses": [
                (s.value, s.label)
                for s in (STATUSES.SUBMITTED, STATUSES.APPROVED, STATUSES.RETURNED)
            ],
            "filters": {"kind": kind, "status": status, "person": person},
        },
    )


@login_required
def unit_entry(request: HttpRequest, org_id: int, entry_id: int) -> HttpResponse:
    """One entry with its attachments inline; 通过 or 退回 with an opinion."""
    unit, entry = access.access_unit_entry(request.user, org_id, entry_id)
    form = DecisionForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.entry_decide(
                entry=entry,
                unit=unit,
                approve=form.cleaned_data["decision"] == "approve",
                opinion=form.cleaned_data["opinion"],
                actor=request.user,
            )
        except ValidationError as error:
            form_add_service_errors(form, error)
        else:
            messages.success(request, "审核完成")
            return redirect(_queue_back(request, unit.pk))
    return render(
        request,
        "library/unit_entry.html",
        {
            "unit": unit,
            "entry": entry,
            "facts": entry_facts(entry),
            "form": form,
            "id_number": mask_id_number(entry.person.id_number or ""),
            "back": _queue_back(request, unit.pk),
        },
        status=400 if form.errors else 200,
    )


@login_required
@require_POST
def unit_approve_many(request: HttpRequest, org_id: int) -> HttpResponse:
    unit = access_acting_unit(request.user, org_id)
    form = EntryIdsForm(request.POST)
    if not form.is_valid():
        for messages_ in form.errors.values():
            for message in messages_:
                messages.error(request, str(message))
    else:
        try:
            result = services.entries_approve(
                unit=unit,
                entry_ids=form.cleaned_data["entries"],
                opinion=form.cleaned_data["opinion"],
                actor=request.user,
            )
        except ValidationError as error:
            flash_errors(request, error)
        else:
            if result.approved:
                messages.success(request, f"已审核通过 {len(result.approved)} 条业绩")
            if result.skipped:
                names = "；".join(services.entry_label(e) for e in result.skipped)
                messages.warning(
                    request, f"以下 {len(result.skipped)} 条已被审核或撤回，已跳过：{names}"
                )
    return redirect(_queue_back(request, unit.pk))


@login_required
@xframe_options_sameorigin
@file_csp
def unit_attachment(request: HttpRequest, org_id: int, attachment_id: int) -> HttpResponseBase:
    attachment = access.access_unit_attachment(request.user, org_id, attachment_id)
    return attachment_response(attachment, download=request.GET.get("download") == "1")
