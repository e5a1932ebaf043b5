"""我的职称 (manual 五(二)), public verification, 补换证 and the issuer's pages.

Validate → access → one service → render.
"""

from typing import Any

from csp.decorators import csp_replace
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import (
    FileResponse,
    Http404,
    HttpRequest,
    HttpResponse,
    HttpResponseBase,
    JsonResponse,
)
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.clickjacking import xframe_options_sameorigin
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from zhicheng.accounts import photos
from zhicheng.accounts.access import person_required, staff_required
from zhicheng.accounts.forms import PhotoForm
from zhicheng.core import uploads
from zhicheng.core.attachments import attachment_response, content_disposition
from zhicheng.core.identity import mask_id_number
from zhicheng.core.service_errors import flash_errors, form_add_service_errors
from zhicheng.orgs.models import Membership, Organization
from zhicheng.orgs.selectors import person_unit

from . import access, approvals, exports, ratelimit, selectors, services
from .forms import (
    DecisionForm,
    ImportForm,
    ReplacementForm,
    ResultSearchForm,
    ResultsGenerateForm,
    RevokeForm,
    SearchForm,
    ShareForm,
    VerifyFileForm,
)
from .models import Certificate, GenerationBatch, ReplacementRequest, Verification

C = Certificate.Status
PAGE_SIZE = 20
FILE_MAX_BYTES = 10 * uploads.MB

# The PDF opens inline in an <iframe> of our own pages (see library.views.FILE_CSP).
FILE_CSP = {"frame-ancestors": ["'self'"], "object-src": ["'self'"]}
file_csp: Any = csp_replace(FILE_CSP)  # type: ignore[arg-type]


def _pdf_response(certificate: Certificate, *, download: bool) -> HttpResponseBase:
    if not certificate.is_downloadable:
        raise Http404("证书文件尚未生成")
    try:
        handle = certificate.pdf.open("rb")
    except FileNotFoundError:
        raise Http404("证书文件不存在") from None
    response = FileResponse(handle, content_type="application/pdf")
    name = f"电子职称证书-{certificate.holder_name}-{certificate.number}.pdf"
    response["Content-Disposition"] = content_disposition(
        "attachment" if download else "inline", name
    )
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "private, no-store"
    return response


# --- 我的职称 ---------------------------------------------------------------------------------


@require_GET
@person_required
def mine(request: HttpRequest) -> HttpResponse:
    """The list: 下载 / 查看 / 上传 / 补换证 per row, 新增 above (情况一), the 补换证 requests."""
    person: Any = request.user
    certificates = list(selectors.person_certificates(person=person))
    open_replacements = {
        r.certificate_id
        for r in selectors.person_replacements(person=person)
        if r.is_open and r.certificate_id
    }
    return render(
        request,
        "certificates/mine.html",
        {
            "certificates": certificates,
            "replacements": selectors.person_replacements(person=person),
            "open_replacements": open_replacements,
        },
    )


@require_GET
@person_required
def status(request: HttpRequest, pk: int) -> HttpResponse:
    """The row's status cell, polled by htmx while 生成中 (stops once it is 有效)."""
    certificate = access.access_own_certificate(request.user, pk)
    if certificate.status == C.GENERATING:
        services.certificates_requeue_stalled()
    return render(request, "certificates/_status.html", {"certificate": certificate})


@require_GET
@person_required
def detail(request: HttpRequest, pk: int) -> HttpResponse:
    """查看: 基本信息, 获得资格情况, 证书文件; who verified it and when; share links."""
    certificate = access.access_own_certificate(request.user, pk)
    verifications = selectors.certificate_verifications(certificate=certificate)
    return render(
        request,
        "certificates/detail.html",
        {
            "certificate": certificate,
            "masked_id": mask_id_number(certificate.holder_id_number),
            "verifications": verifications,
            "verification_count": certificate.verifications.count(),
            "share_links": certificate.share_links.all(),
            "share_form": ShareForm(),
            "verify_url": services.verification_url(certificate),
            "now": timezone.now(),
        },
    )


@require_GET
@person_required
def download(request: HttpRequest, pk: int) -> HttpResponse:
    """下载: the PDF previewed in the page, with a button that saves it."""
    certificate = access.access_own_certificate(request.user, pk)
    return render(request, "certificates/download.html", {"certificate": certificate})


@require_GET
@person_required
@xframe_options_sameorigin
@file_csp
def pdf(request: HttpRequest, pk: int) -> HttpResponseBase:
    certificate = access.access_own_certificate(request.user, pk)
    return _pdf_response(certificate, download=request.GET.get("download") == "1")


@require_http_methods(["GET", "POST"])
@person_required
def photo(request: HttpRequest, pk: int) -> HttpResponse:
    """上传 (五(二)1): the same cropper as 上传照片; the certificate is generated right after."""
    certificate = access.access_own_certificate(request.user, pk)
    if certificate.status != C.AWAITING_PHOTO:
        return redirect("certificates:mine")
    form = PhotoForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        try:
            content = photos.photo_normalize(
                uploads.read_upload(form.cleaned_data["photo"], max_bytes=photos.PHOTO_MAX_BYTES)
            )
            services.certificate_attach_photo(
                certificate=certificate, photo=content, actor=request.user
            )
        except ValidationError as error:
            form_add_service_errors(form, error)
        else:
            messages.success(request, "照片已上传，证书正在生成")
            return redirect("certificates:mine")
    return render(
        request,
        "certificates/photo.html",
        {
            "form": form,
            "photo_size": photos.PHOTO_SIZE,
            "photo_max_bytes": photos.PHOTO_MAX_BYTES,
            "certificate": certificate,
        },
        status=400 if form.errors else 200,
    )


@require_POST
@person_required
def share_create(request: HttpRequest, pk: int) -> HttpResponse:
    certificate = access.access_own_certificate(request.user, pk)
    form = ShareForm(request.POST)
    if form.is_valid():
        try:
            services.share_link_create(
                certificate=certificate,
                purpose=form.cleaned_data["purpose"],
                days=form.cleaned_data["days"],
                actor=request.user,
            )
        except ValidationError as error:
            flash_errors(request, error)
        else:
            messages.success(request, "分享链接已生成")
    else:
        for errors in form.errors.values():
            for message in errors:
                messages.error(request, str(message))
    return redirect(reverse("certificates:detail", args=[pk]) + "#share")


@require_POST
@person_required
def share_revoke(request: HttpRequest, pk: int) -> HttpResponse:
    link = access.access_own_share_link(request.user, pk)
    services.share_link_revoke(link=link, actor=request.user)
    messages.success(request, "分享链接已停用")
    return redirect(reverse("certificates:detail", args=[link.certificate_id]) + "#share")


# --- 补换证 (the person) ----------------------------------------------------------------------


def _issuers() -> Any:
    return (
        Organization.objects.filter(memberships__role=Membership.Role.ISSUER)
        .distinct()
        .order_by("name")
    )


def _replacement_page(request: HttpRequest, *, certificate: Certificate | None) -> HttpResponse:
    person: Any = request.user
    unit = person_unit(person=person)
    new_case = certificate is None
    initial = {}
    if certificate is not None:
        initial = {name: getattr(certificate, name) for name in services.REPLACEMENT_FIELDS}
    form = ReplacementForm(
        request.POST or None,
        request.FILES or None,
        new_case=new_case,
        issuers=_issuers(),
        initial=initial,
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            if unit is None:
                raise ValidationError("请先绑定工作单位：补换证申请由单位首先审核")
            files = [uploads.check_document(f, max_bytes=FILE_MAX_BYTES) for f in data["files"]]
            replacement = services.replacement_submit(
                person=person,
                case=ReplacementRequest.Case.NEW if new_case else ReplacementRequest.Case.EXISTING,
                reason=data["reason"],
                statement=data["statement"],
                details={name: data[name] for name in services.REPLACEMENT_FIELDS},
                unit=unit,
                issuer=data.get("issuer") or certificate.issuer,  # type: ignore[union-attr]
                files=files,
                certificate=certificate,
                old_number=data.get("old_number", ""),
            )
        except ValidationError as error:
            form_add_service_errors(form, error)
        else:
            messages.success(request, "补换证申请已提交，待单位审核")
            return redirect("certificates:replacement", pk=replacement.pk)
    return render(
        request,
        "certificates/replacement_form.html",
        {"form": form, "certificate": certificate, "unit": unit, "new_case": new_case},
        status=400 if form.errors else 200,
    )


@require_http_methods(["GET", "POST"])
@person_required
def replacement_new(request: HttpRequest) -> HttpResponse:
    """情况一 新增: the certificate is not in the list."""
    return _replacement_page(request, certificate=None)


@require_http_methods(["GET", "POST"])
@person_required
def replacement_for(request: HttpRequest, pk: int) -> HttpResponse:
    """情况二: 补换证 on a row of the list (or, when one is open, its 流程)."""
    certificate = access.access_own_certificate(request.user, pk)
    open_request = certificate.replacement_requests.filter(
        status__in=[
            ReplacementRequest.Status.UNIT,
            ReplacementRequest.Status.UPPER,
            ReplacementRequest.Status.ISSUER,
        ]
    ).first()
    if open_request is not None:
        return redirect("certificates:replacement", pk=open_request.pk)
    if certificate.status != C.VALID:
        messages.error(request, "只有有效的证书可以申请补换证")
        return redirect("certificates:mine")
    return _replacement_page(request, certificate=certificate)


def _route(replacement: ReplacementRequest) -> list[dict[str, Any]]:
    """流程: every node with its state (done / current / waiting) and what it said."""
    R = ReplacementRequest.Status
    events = list(replacement.events.select_related("actor", "organization"))
    nodes: list[tuple[str, Organization | None, str]] = [("提交申请", None, "")]
    nodes.append(("单位审核", replacement.unit, R.UNIT))
    if replacement.upper_id:
        nodes.append(("上级审核", replacement.upper, R.UPPER))
    nodes.append(("发证机关审核", replacement.issuer, R.ISSUER))
    order = [status for _, _, status in nodes]
    current = replacement.status
    steps = []
    for index, (label, org, node_status) in enumerate(nodes):
        decided = next((e for e in events if e.from_status == node_status and node_status), None)
        if index == 0:
            state, event = "done", events[0] if events else None
        elif decided is not None:
            state, event = ("rejected" if decided.to_status == R.REJECTED else "done"), decided
        elif current == node_status:
            state, event = "current", None
        elif current in order and order.index(current) < index:
            state, event = "waiting", None
        else:
            state, event = "skipped", None
        steps.append({"label": label, "organization": org, "state": state, "event": event})
    return steps


@require_GET
@person_required
def replacement(request: HttpRequest, pk: int) -> HttpResponse:
    """The request: its details, 流程, and after approval 上传 / 下载 of the new certificate."""
    item = access.access_own_replacement(request.user, pk)
    return render(request, "certificates/replacement.html", {"item": item, "steps": _route(item)})


@require_GET
@person_required
@xframe_options_sameorigin
@file_csp
def replacement_file(request: HttpRequest, pk: int, file_id: int) -> HttpResponseBase:
    return attachment_response(access.access_own_replacement_file(request.user, pk, file_id))


# --- public verification ---------------------------------------------------------------------


def _public_context(certificate: Certificate) -> dict[str, Any]:
    return {
        "certificate": certificate,
        "masked_id": mask_id_number(certificate.holder_id_number),
        "replaced_by": getattr(certificate, "replaced_by", None),
    }


def _public_certificate(number: str) -> Certificate:
    certificate = selectors.certificate_by_key(number)
    if certificate is None or certificate.status in {C.AWAITING_PHOTO, C.GENERATING}:
        raise Http404("没有找到该证书")
    return certificate


@require_http_methods(["GET", "POST"])
def verify(request: HttpRequest, number: str) -> HttpResponse:
    """The QR code's page: no login; the fields with the 身份证号 masked, the status, a file check."""
    certificate = _public_certificate(number)
    form = VerifyFileForm(request.POST or None, request.FILES or None)
    check = None
    if request.method == "POST":
        if not ratelimit.allow(request, "verify-file", per_minute=20):
            return render(request, "429.html", status=429)
        if form.is_valid():
            try:
                data = uploads.read_upload(form.cleaned_data["file"], max_bytes=FILE_MAX_BYTES)
            except ValidationError as error:
                form_add_service_errors(form, error)
            else:
                check = services.certificate_check_file(certificate=certificate, pdf_bytes=data)
                services.verification_record(
                    certificate=certificate, channel=Verification.Channel.FILE, result=check.summary
                )
    else:
        services.verification_record(
            certificate=certificate,
            channel=Verification.Channel.PAGE,
            result=certificate.get_status_display(),
        )
    return render(
        request,
        "certificates/verify.html",
        {**_public_context(certificate), "form": form, "check": check},
        status=400 if form.errors else 200,
    )


@require_GET
def shared(request: HttpRequest, token: str) -> HttpResponse:
    """A share link: the full details (unmasked) while the link is valid; 410 after."""
    from .models import ShareLink

    link = ShareLink.objects.filter(token=token).select_related("certificate").first()
    if link is None:
        raise Http404("没有找到该分享链接")
    if not services.share_link_is_active(link):
        return render(request, "certificates/share_expired.html", {"link": link}, status=410)
    certificate = link.certificate
    services.verification_record(
        certificate=certificate,
        channel=Verification.Channel.SHARE,
        result=link.purpose,
        share_link=link,
    )
    return render(
        request, "certificates/shared.html", {**_public_context(certificate), "link": link}
    )


def api_payload(certificate: Certificate) -> dict[str, Any]:
    replaced_by = getattr(certificate, "replaced_by", None)
    return {
        "number": certificate.number,
        "license_id": certificate.license_id,
        "status": certificate.status,
        "status_label": certificate.get_status_display(),
        "holder_name": certificate.holder_name,
        "id_number_masked": mask_id_number(certificate.holder_id_number),
        "series": certificate.series,
        "specialty": certificate.specialty,
        "qualification": certificate.qualification,
        "level": certificate.level,
        "method": certificate.get_method_display(),
        "committee": certificate.committee_name,
        "passed_on": certificate.passed_on.isoformat(),
        "approval_number": certificate.approval_number,
        "issuer": certificate.issuer_name,
        "issued_on": certificate.issued_on.isoformat(),
        "revoked_at": certificate.revoked_at.isoformat() if certificate.revoked_at else None,
        "revoke_reason": certificate.revoke_reason or None,
        "replaced_by": replaced_by.number if replaced_by else None,
        "verification_url": services.verification_url(certificate),
    }


@require_GET
def api_verify(request: HttpRequest, key: str) -> HttpResponseBase:
    """GET /api/certificates/<证书编号 or 电子证照标识>: JSON, rate-limited per client address."""
    from django.conf import settings

    if not ratelimit.allow(request, "api", per_minute=settings.CERTIFICATE_API_RATE_PER_MINUTE):
        response = JsonResponse({"error": "请求过于频繁，请稍后再试"}, status=429)
        response["Retry-After"] = "60"
        return response
    certificate = selectors.certificate_by_key(key)
    if certificate is None or certificate.status in {C.AWAITING_PHOTO, C.GENERATING}:
        return JsonResponse({"error": "没有找到该证书"}, status=404)
    services.verification_record(
        certificate=certificate,
        channel=Verification.Channel.API,
        result=certificate.get_status_display(),
    )
    return JsonResponse(api_payload(certificate), json_dumps_params={"ensure_ascii": False})


@require_GET
def api_schema(request: HttpRequest) -> JsonResponse:
    return JsonResponse(
        exports.openapi_document(request), json_dumps_params={"ensure_ascii": False}
    )


# --- issuer pages ----------------------------------------------------------------------------


@require_GET
@staff_required
def issuer_home(request: HttpRequest) -> HttpResponse:
    """The issuing authorities the user acts for (one: straight to its certificates)."""
    orgs = access.issuer_organizations(request.user)
    if len(orgs) == 1:
        return redirect("certificates:issuer_list", org_id=orgs[0].pk)
    if not orgs:
        raise Http404("您不是发证机关的工作人员")
    return render(request, "certificates/issuer_home.html", {"orgs": orgs})


@require_GET
@staff_required
def issuer_list(request: HttpRequest, org_id: int) -> HttpResponse:
    issuer = access.access_issuer(request.user, org_id)
    form = SearchForm(request.GET or None)
    filters = form.cleaned_data if form.is_valid() else {}
    certificates = selectors.issuer_certificates(
        issuer=issuer,
        query=filters.get("q", ""),
        status=filters.get("status", ""),
        series=filters.get("series", ""),
        year=filters.get("year", ""),
    )
    page = Paginator(certificates, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(
        request,
        "certificates/issuer_list.html",
        {
            "issuer": issuer,
            "form": form,
            "page": page,
            "filters": {k: v for k, v in request.GET.items() if k != "page" and v},
            "batches": selectors.issuer_batches(issuer=issuer),
            "waiting_replacements": selectors.node_replacements(node=issuer).count(),
            "statuses": Certificate.Status.choices,
        },
    )


@require_GET
@staff_required
def issuer_detail(request: HttpRequest, org_id: int, pk: int) -> HttpResponse:
    issuer, certificate = access.access_issuer_certificate(request.user, org_id, pk)
    labels = dict(Certificate.Status.choices)
    return render(
        request,
        "certificates/issuer_detail.html",
        {
            "issuer": issuer,
            "certificate": certificate,
            "masked_id": mask_id_number(certificate.holder_id_number),
            "form": RevokeForm(),
            "events": [
                (
                    event,
                    labels.get(event.from_status, "—"),
                    labels.get(event.to_status, event.to_status),
                )
                for event in certificate.events.select_related("actor")
            ],
        },
    )


@require_GET
@staff_required
@xframe_options_sameorigin
@file_csp
def issuer_pdf(request: HttpRequest, org_id: int, pk: int) -> HttpResponseBase:
    _, certificate = access.access_issuer_certificate(request.user, org_id, pk)
    return _pdf_response(certificate, download=request.GET.get("download") == "1")


@require_POST
@staff_required
def issuer_revoke(request: HttpRequest, org_id: int, pk: int) -> HttpResponse:
    issuer, certificate = access.access_issuer_certificate(request.user, org_id, pk)
    form = RevokeForm(request.POST)
    try:
        if not form.is_valid():
            raise ValidationError("请填写撤销原因")
        services.certificate_revoke(
            certificate=certificate, reason=form.cleaned_data["reason"], actor=request.user
        )
    except ValidationError as error:
        flash_errors(request, error)
    else:
        messages.success(request, "证书已撤销，核验页面即时显示")
    return redirect("certificates:issuer_detail", org_id=issuer.pk, pk=certificate.pk)


@require_http_methods(["GET", "POST"])
@staff_required
def issuer_import(request: HttpRequest, org_id: int) -> HttpResponse:
    """历史证书导入: a spreadsheet; errors per row; nothing imported when a row fails."""
    issuer = access.access_issuer(request.user, org_id)
    form = ImportForm(request.POST or None, request.FILES or None)
    errors: list[Any] = []
    if request.method == "POST" and form.is_valid():
        try:
            batch = exports.legacy_import(
                issuer=issuer, upload=form.cleaned_data["file"], actor=request.user
            )
        except exports.ImportErrors as failed:
            errors = failed.errors
        except ValidationError as error:
            form_add_service_errors(form, error)
        else:
            messages.success(
                request, f"已导入 {batch.total} 份历史证书；持证人上传照片后生成电子证书"
            )
            return redirect("certificates:issuer_batch", org_id=issuer.pk, pk=batch.pk)
    return render(
        request,
        "certificates/issuer_import.html",
        {"issuer": issuer, "form": form, "errors": errors},
        status=400 if (form.errors or errors) else 200,
    )


@require_GET
@staff_required
def issuer_import_template(request: HttpRequest, org_id: int) -> HttpResponse:
    access.access_issuer(request.user, org_id)
    response = HttpResponse(exports.legacy_template(), content_type=exports.XLSX_CONTENT_TYPE)
    response["Content-Disposition"] = content_disposition("attachment", "历史证书导入模板.xlsx")
    return response


@require_GET
@staff_required
def issuer_batch(request: HttpRequest, org_id: int, pk: int) -> HttpResponse:
    issuer = access.access_issuer(request.user, org_id)
    batch = GenerationBatch.objects.filter(pk=pk, issuer=issuer).first()
    if batch is None:
        raise Http404("没有找到该批次")
    context = {"issuer": issuer, "batch": batch, "progress": services.batch_progress(batch)}
    if request.htmx:  # type: ignore[attr-defined]
        return render(request, "certificates/issuer_batch.html#progress", context)
    return render(request, "certificates/issuer_batch.html", context)


@require_POST
@staff_required
def issuer_zip(request: HttpRequest, org_id: int) -> HttpResponse:
    """批量下载: the unsealed PDFs (no seal configured) as a ZIP to stamp offline, with progress."""
    issuer = access.access_issuer(request.user, org_id)
    try:
        batch = exports.batch_zip_start(issuer=issuer, actor=request.user)
    except ValidationError as error:
        flash_errors(request, error)
        return redirect("certificates:issuer_list", org_id=issuer.pk)
    return redirect("certificates:issuer_batch", org_id=issuer.pk, pk=batch.pk)


@require_GET
@staff_required
def issuer_batch_file(request: HttpRequest, org_id: int, pk: int) -> HttpResponseBase:
    issuer = access.access_issuer(request.user, org_id)
    batch = GenerationBatch.objects.filter(
        pk=pk, issuer=issuer, kind=GenerationBatch.Kind.ZIP
    ).first()
    if batch is None or not batch.file:
        raise Http404("文件尚未生成")
    response = FileResponse(batch.file.open("rb"), content_type="application/zip")
    response["Content-Disposition"] = content_disposition(
        "attachment", f"证书批量下载-{batch.pk}.zip"
    )
    return response


@require_GET
@staff_required
def issuer_export(request: HttpRequest, org_id: int, fmt: str) -> HttpResponseBase:
    """Certificate data with the 电子证照标识, for the provincial 电子证照库 (JSON or xlsx)."""
    issuer = access.access_issuer(request.user, org_id)
    certificates = selectors.issuer_certificates(issuer=issuer).exclude(
        status__in=[C.AWAITING_PHOTO, C.GENERATING]
    )
    if fmt == "json":
        response: HttpResponseBase = JsonResponse(
            exports.export_json(certificates),
            json_dumps_params={"ensure_ascii": False, "indent": 1},
        )
        response["Content-Disposition"] = content_disposition("attachment", "电子证照数据.json")
        return response
    if fmt == "xlsx":
        response = HttpResponse(
            exports.export_xlsx(certificates), content_type=exports.XLSX_CONTENT_TYPE
        )
        response["Content-Disposition"] = content_disposition("attachment", "电子证照数据.xlsx")
        return response
    raise Http404("不支持的格式")


# --- 补换证 review (unit, next node, issuer) ---------------------------------------------------


def _node_required(view: Any) -> Any:
    # Units act through 法人 and person accounts, the other nodes through staff: any login; the
    # access function decides per organization.
    return login_required(view)


@require_GET
@_node_required
def review_queue(request: HttpRequest, org_id: int) -> HttpResponse:
    node = access.access_replacement_node(request.user, org_id)
    show_all = request.GET.get("all") == "1"
    items = selectors.node_replacements(node=node, waiting_only=not show_all)
    page = Paginator(items, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(
        request,
        "certificates/review_queue.html",
        {"node": node, "page": page, "show_all": show_all},
    )


@require_http_methods(["GET", "POST"])
@_node_required
def review_detail(request: HttpRequest, org_id: int, pk: int) -> HttpResponse:
    node, item = access.access_node_replacement(request.user, org_id, pk)
    my_turn = services.replacement_node(item) == node
    form = DecisionForm(request.POST or None)
    if request.method == "POST":
        if not my_turn:
            messages.error(request, "该申请当前不在本机构审核")
            return redirect("certificates:review_detail", org_id=node.pk, pk=item.pk)
        if form.is_valid():
            try:
                services.replacement_decide(
                    request=item,
                    approve=form.cleaned_data["decision"] == "approve",
                    opinion=form.cleaned_data["opinion"],
                    actor=request.user,
                )
            except ValidationError as error:
                form_add_service_errors(form, error)
            else:
                messages.success(request, "审核意见已提交")
                return redirect("certificates:review_queue", org_id=node.pk)
    return render(
        request,
        "certificates/review_detail.html",
        {"node": node, "item": item, "steps": _route(item), "form": form, "my_turn": my_turn},
        status=400 if form.errors else 200,
    )


@require_GET
@_node_required
@xframe_options_sameorigin
@file_csp
def review_file(request: HttpRequest, org_id: int, pk: int, file_id: int) -> HttpResponseBase:
    return attachment_response(
        access.access_node_replacement_file(request.user, org_id, pk, file_id)
    )


# --- 核准结果 / 待生成证书 (issuer) -------------------------------------------------------------

RESULTS_PER_CLICK = 500


@require_GET
@staff_required
def issuer_results(request: HttpRequest, org_id: int) -> HttpResponse:
    """The results this issuer approved and the state of their certificates; 批量生成 for those
    without one (approved before certificates were wired to 核准, or whose issue failed)."""
    issuer = access.access_issuer(request.user, org_id)
    form = ResultSearchForm(request.GET or None)
    filters = form.cleaned_data if form.is_valid() else {}
    results = selectors.issuer_results(
        issuer=issuer,
        query=filters.get("q", ""),
        state=filters.get("state", ""),
        plan_id=filters.get("plan"),
    )
    page = Paginator(results, PAGE_SIZE).get_page(request.GET.get("page"))
    keys = [approvals.result_source_key(a.pk) for a in page]
    failed = selectors.failed_generation_keys(issuer=issuer, keys=keys)
    for application in page:
        application.generation_failed = approvals.result_source_key(application.pk) in failed
    plans = (
        selectors.issuer_results(issuer=issuer)
        .order_by()
        .values_list("plan_id", "plan__year", "plan__name")
        .distinct()
    )
    return render(
        request,
        "certificates/issuer_results.html",
        {
            "issuer": issuer,
            "form": form,
            "page": page,
            "filters": {k: v for k, v in request.GET.items() if k != "page" and v},
            "states": selectors.RESULT_STATES,
            "plans": [
                (pk, name if name.startswith(str(year)) else f"{year}年度 {name}")
                for pk, year, name in sorted(set(plans), key=lambda p: (-p[1], p[2]))
            ],
            "pending": selectors.issuer_results(issuer=issuer, state="pending").count(),
        },
    )


@require_POST
@staff_required
def issuer_results_generate(request: HttpRequest, org_id: int) -> HttpResponse:
    """批量生成: one batch for the ticked results (or every waiting one), then its progress."""
    issuer = access.access_issuer(request.user, org_id)
    form = ResultsGenerateForm(request.POST)
    back = redirect("certificates:issuer_results", org_id=issuer.pk)
    if not form.is_valid():
        for errors in form.errors.values():
            for message in errors:
                messages.error(request, str(message))
        return back
    results = selectors.issuer_results(issuer=issuer, state="pending")
    if not form.cleaned_data["all"]:
        results = results.filter(pk__in=form.cleaned_data["entries"])
    chosen = list(results[:RESULTS_PER_CLICK])
    if not chosen:
        messages.error(request, "所选人员都已有证书，无需再生成")
        return back
    outcome = approvals.issuer_results_generate(
        issuer=issuer, applications=chosen, actor=request.user
    )
    for application, reason in outcome.failed:
        messages.error(request, f"{application.person.name}：{reason}")
    if outcome.requeued:
        messages.success(request, f"已重新生成 {outcome.requeued} 份生成失败的证书")
    if outcome.batch is not None:
        messages.success(request, f"已开始生成 {outcome.batch.total} 份证书")
        return redirect("certificates:issuer_batch", org_id=issuer.pk, pk=outcome.batch.pk)
    return back
