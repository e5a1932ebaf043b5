"""The review pages: each node's queue and decision, 公示, the committee, 核准, the applicant's 流程."""

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.http.response import HttpResponseBase
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.clickjacking import xframe_options_sameorigin
from django.views.decorators.http import require_POST

from zhicheng.applications.hooks import actions_for, flow_for
from zhicheng.applications.models import Application
from zhicheng.applications.selectors import application_data
from zhicheng.core.attachments import attachment_response
from zhicheng.core.identity import mask_id_number
from zhicheng.core.ids import InvalidIds, id_from
from zhicheng.core.service_errors import flash_errors, form_add_service_errors
from zhicheng.library.views import file_csp
from zhicheng.plans.models import ApplyForm, ReviewPlan

from . import access, documents, selectors, services
from .forms import (
    ApproveForm,
    ArrangementForm,
    ArrangementImportForm,
    BatchForm,
    DecisionForm,
    ExemptionDecisionForm,
    ExemptionForm,
    MeetingForm,
    PeriodForm,
    UnitPublicityForm,
    VoteForm,
)
from .models import (
    Arrangement,
    CommitteeVote,
    Exemption,
    Publicity,
    ReviewCase,
    ReviewMeeting,
    ReviewStep,
)
from .route import NodeRole
from .snapshot import snapshot_diff

QUEUE_PAGE_SIZE = 20
S = Application.Status
STEP = ReviewStep.Status
STEP_STATUSES = [(s.value, s.label) for s in STEP if s != STEP.WAITING]


def _back(request: HttpRequest, default: str) -> str:
    target = request.POST.get("next") or request.GET.get("next") or ""
    # A path of ours only: redirect() would take "0" or "approve" for a view name (a 500).
    if target.startswith("/") and url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}
    ):
        return target
    return default


def _int(value: str | None) -> int | None:
    """An id from the query string or a hidden field; anything else means no filter."""
    try:
        return id_from(value or "")
    except InvalidIds:
        return None


@login_required
def index(request: HttpRequest) -> HttpResponse:
    desks = access.access_any_desk(request.user)
    counts = selectors.desk_counts(desks=desks)
    return render(
        request,
        "reviews/index.html",
        {"desks": [(desk, counts.get(desk.organization.pk, 0)) for desk in desks]},
    )


@login_required
def queue(request: HttpRequest, org_id: int) -> HttpResponse:
    """The node's queue: search by name or ID number, filters, paging, oldest first."""
    desk = access.access_desk(request.user, org_id)
    status = request.GET.get("status", STEP.PENDING)
    status = status if status in dict(STEP_STATUSES) else ""
    apply_form = request.GET.get("apply_form", "")
    apply_form = apply_form if apply_form in ApplyForm.values else ""
    filters = selectors.QueueFilters(
        query=request.GET.get("q", "").strip()[:50],
        plan=_int(request.GET.get("plan")),
        series=request.GET.get("series", "").strip()[:30],
        specialty=request.GET.get("specialty", "").strip()[:50],
        status=status,
        apply_form=apply_form,
    )
    steps = selectors.queue(desk=desk, filters=filters)
    page = Paginator(steps, QUEUE_PAGE_SIZE).get_page(request.GET.get("page"))
    rows = [(step, mask_id_number(step.application.person.id_number or "")) for step in page]
    return render(
        request,
        "reviews/queue.html",
        {
            "desk": desk,
            "page": page,
            "rows": rows,
            "here": request.get_full_path(),
            "choices": selectors.queue_choices(desk=desk),
            "statuses": STEP_STATUSES,
            "apply_forms": ApplyForm.choices,
            "filters": {
                "q": filters.query,
                "plan": filters.plan or "",
                "series": filters.series,
                "specialty": filters.specialty,
                "status": filters.status,
                "apply_form": filters.apply_form,
            },
        },
    )


@login_required
def detail(request: HttpRequest, org_id: int, application_id: int) -> HttpResponse:
    """The full 申报一览表 with attachments, what changed since the last submission, and the
    decision (通过 / 退回修改 / 不通过)."""
    desk, application = access.access_desk_application(request.user, org_id, application_id)
    step = selectors.step_at(desk=desk, application_id=application.pk)
    back = _back(request, f"/reviews/{desk.organization.pk}/")
    form = DecisionForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.step_decide(
                application=application,
                organization=desk.organization,
                decision=form.cleaned_data["decision"],
                opinion=form.cleaned_data["opinion"],
                deadline=form.cleaned_data["deadline"],
                actor=request.user,
            )
        except ValidationError as error:
            form_add_service_errors(form, error)
        else:
            messages.success(request, "审核完成")
            return redirect(back)
    case = step.case if step else selectors.latest_case(application)
    diff = None
    if case is not None:
        before = selectors.previous_snapshot(case)
        if before is not None:
            diff = snapshot_diff(before, case.snapshot)
    can_decide = (
        step is not None
        and step.status == STEP.PENDING
        and step.case.status == ReviewCase.Status.OPEN
        and application.person_id != request.user.pk
    )
    latest = services.latest_return_deadline(application.plan, today=timezone.localdate())
    return render(
        request,
        "reviews/detail.html",
        {
            "desk": desk,
            "application": application,
            "step": step,
            "case": case,
            "data": application_data(application),
            "id_number": mask_id_number(application.person.id_number or ""),
            "diff": diff,
            "form": form,
            "can_decide": can_decide,
            "own": application.person_id == request.user.pk,
            "latest_deadline": latest,
            "flow": flow_for(application),
            "publicities": application.publicities.select_related("organization"),
            "back": back,
        },
        status=400 if form.errors else 200,
    )


@login_required
@xframe_options_sameorigin
@file_csp
def attachment(
    request: HttpRequest, org_id: int, application_id: int, attachment_id: int
) -> HttpResponseBase:
    _, application = access.access_desk_application(request.user, org_id, application_id)
    found = access.access_desk_attachment(application, attachment_id)
    return attachment_response(found, download=request.GET.get("download") == "1")


@login_required
@xframe_options_sameorigin
@file_csp
def entry_file(
    request: HttpRequest, org_id: int, application_id: int, item_id: int, file_id: int
) -> HttpResponseBase:
    _, application = access.access_desk_application(request.user, org_id, application_id)
    found = access.access_desk_entry_file(application, item_id, file_id)
    return attachment_response(found, download=request.GET.get("download") == "1")


@login_required
def review_form(request: HttpRequest, org_id: int, application_id: int) -> HttpResponse:
    _, application = access.access_desk_application(request.user, org_id, application_id)
    return documents.review_form_response(application)


def _document(application: Application, kind: str) -> HttpResponse:
    """破格审批表, 转评申报表 (only for those 申报形式), 导出申报信息 as PDF or spreadsheet."""
    if kind == "exceptional" and application.is_exceptional:
        return documents.exceptional_approval_response(application)
    if kind == "transfer" and application.is_transfer:
        return documents.transfer_application_response(application)
    if kind == "summary-pdf":
        return documents.application_summary_response(application, fmt="pdf")
    if kind == "summary-xlsx":
        return documents.application_summary_response(application, fmt="xlsx")
    raise Http404("没有该文件")


@login_required
def document(request: HttpRequest, org_id: int, application_id: int, kind: str) -> HttpResponse:
    _, application = access.access_desk_application(request.user, org_id, application_id)
    return _document(application, kind)


def _applications(desk: Any, ids: list[int], **extra: Any) -> list[Application]:
    """The ticked applications that this desk may act on (others are silently not there)."""
    seen = set(
        ReviewStep.objects.filter(
            organization=desk.organization, node__in=desk.nodes, application_id__in=ids
        ).values_list("application_id", flat=True)
    )
    if desk.issuer:
        seen |= set(
            ReviewCase.objects.filter(issuer=desk.organization, application_id__in=ids).values_list(
                "application_id", flat=True
            )
        )
    return list(
        Application.objects.filter(pk__in=sorted(seen), **extra)
        .select_related("person", "plan", "plan__committee")
        .order_by("pk")
    )


@login_required
@require_POST
def pass_many(request: HttpRequest, org_id: int) -> HttpResponse:
    """批量通过, like the library's: each one on its own; the skipped ones are named."""
    desk = access.access_desk(request.user, org_id)
    form = BatchForm(request.POST)
    if not form.is_valid():
        for errors in form.errors.values():
            for message in errors:
                messages.error(request, str(message))
    else:
        applications = _applications(desk, form.cleaned_data["entries"])
        try:
            result = services.steps_pass_many(
                organization=desk.organization,
                applications=applications,
                opinion=form.cleaned_data["opinion"],
                actor=request.user,
            )
        except ValidationError as error:
            flash_errors(request, error)
        else:
            if result.done:
                messages.success(request, f"已审核通过 {len(result.done)} 份申报")
            if result.skipped:
                names = "；".join(f"{a.person.name}：{why}" for a, why in result.skipped)
                messages.warning(request, f"以下 {len(result.skipped)} 份未通过：{names}")
    return redirect(_back(request, f"/reviews/{desk.organization.pk}/"))


# --- 单位公示 ------------------------------------------------------------------------------------


@login_required
def unit_publicity(request: HttpRequest, org_id: int) -> HttpResponse:
    """单位公示: choose the people waiting at 单位审核, record the 公示; the list of past ones."""
    desk = access.access_unit_desk(request.user, org_id)
    form = UnitPublicityForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            publicity = services.unit_publicity_record(
                unit=desk.organization,
                applications=_applications(desk, data["entries"]),
                starts_on=data["starts_on"],
                ends_on=data["ends_on"],
                place=data["place"],
                result=data["result"],
                objections=data["objections"],
                actor=request.user,
            )
        except ValidationError as error:
            form_add_service_errors(form, error)
        else:
            messages.success(request, f"已记录公示（{publicity.applications.count()} 人）")
            return redirect("reviews:unit_publicity", org_id=desk.organization.pk)
    waiting = (
        ReviewStep.objects.filter(
            organization=desk.organization, node=NodeRole.UNIT, status=STEP.PENDING
        )
        .select_related("application__person", "application__plan", "application__specialty")
        .order_by("arrived_at", "pk")[:500]
    )
    return render(
        request,
        "reviews/unit_publicity.html",
        {
            "desk": desk,
            "form": form,
            "waiting": waiting,
            "chosen": set(form["entries"].value() or []) if form.is_bound else set(),
            "publicities": selectors.publicities_of(
                organization=desk.organization, kind=Publicity.Kind.UNIT
            ),
        },
        status=400 if form.errors else 200,
    )


@login_required
def publicity_list(request: HttpRequest, org_id: int, publicity_id: int, fmt: str) -> HttpResponse:
    """The 公示 list to post: PDF or spreadsheet."""
    desk = access.access_desk(request.user, org_id)
    publicity = access.access_publicity(desk, publicity_id)
    return documents.publicity_list_response(publicity, fmt=fmt)


# --- The organizer: 评审会议, votes, 评审结果公示 ---------------------------------------------------


@login_required
def meetings(request: HttpRequest, org_id: int) -> HttpResponse:
    desk = access.access_organizer_desk(request.user, org_id)
    form = MeetingForm(request.POST or None)
    plan_id = _int(request.POST.get("plan") or request.GET.get("plan"))
    awaiting = Application.objects.filter(
        plan__organizer=desk.organization, status=S.AWAITING
    ).select_related("person", "plan", "specialty")
    if request.method == "POST" and form.is_valid():
        plan = access.access_organizer_plan(desk, plan_id or 0)
        chosen = list(awaiting.filter(plan=plan, pk__in=form.cleaned_data["entries"]))
        try:
            meeting = services.meeting_create(
                plan=plan,
                held_on=form.cleaned_data["held_on"],
                place=form.cleaned_data["place"],
                members=form.cleaned_data["members"],
                applications=chosen,
                actor=request.user,
            )
        except ValidationError as error:
            form_add_service_errors(form, error)
        else:
            messages.success(request, "已建立评审会议")
            return redirect("reviews:meeting", org_id=desk.organization.pk, meeting_id=meeting.pk)
    listed = (
        ReviewMeeting.objects.filter(plan__organizer=desk.organization)
        .select_related("plan")
        .prefetch_related("applications")
    )
    plans: dict[int, Any] = {}
    for application in awaiting.order_by("plan_id", "submitted_at", "pk"):
        plans.setdefault(application.plan_id, (application.plan, []))[1].append(application)
    return render(
        request,
        "reviews/meetings.html",
        {
            "desk": desk,
            "form": form,
            "plans": list(plans.values()),
            "meetings": listed,
            "plan_id": plan_id,
        },
        status=400 if form.errors else 200,
    )


@login_required
def meeting(request: HttpRequest, org_id: int, meeting_id: int) -> HttpResponse:
    """Record each application's vote: members present, yes / no / abstain."""
    desk = access.access_organizer_desk(request.user, org_id)
    found = access.access_meeting(desk, meeting_id)
    form = VoteForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        application = found.applications.filter(pk=data["application"]).first()
        if application is None:
            form.add_error(None, "该申报不在本次评审会议中")
        else:
            try:
                services.vote_record(
                    meeting=found,
                    application=application,
                    present=data["present"],
                    yes=data["yes"],
                    no=data["no"],
                    abstain=data["abstain"],
                    opinion=data["opinion"],
                    actor=request.user,
                )
            except ValidationError as error:
                form_add_service_errors(form, error)
                if hasattr(error, "error_dict"):
                    for field, field_errors in error.message_dict.items():
                        if field not in form.fields:
                            for message in field_errors:
                                form.add_error(None, message)
            else:
                messages.success(request, f"已记录{application.person.name}的表决结果")
                return redirect("reviews:meeting", org_id=desk.organization.pk, meeting_id=found.pk)
    votes = {v.application_id: v for v in CommitteeVote.objects.filter(meeting=found)}
    people = [
        (a, votes.get(a.pk))
        for a in found.applications.select_related("person", "specialty").order_by("pk")
    ]
    posted = _int(request.POST.get("application")) if request.method == "POST" else None
    from .votes import quorum_needed

    return render(
        request,
        "reviews/meeting.html",
        {
            "desk": desk,
            "meeting": found,
            "people": people,
            "form": form,
            "posted": posted,
            "quorum": quorum_needed(found.members),
        },
        status=400 if form.errors else 200,
    )


@login_required
def results(request: HttpRequest, org_id: int) -> HttpResponse:
    """评审结果公示 of the passed results; the failed ones listed with their reason."""
    desk = access.access_organizer_desk(request.user, org_id)
    form = PeriodForm(request.POST or None)
    plan_id = _int(request.POST.get("plan") or request.GET.get("plan"))
    decided = Application.objects.filter(
        plan__organizer=desk.organization, status__in=[S.PASSED, S.FAILED, S.PUBLICITY]
    ).select_related("person", "plan", "specialty", "vote")
    if request.method == "POST" and form.is_valid():
        plan = access.access_organizer_plan(desk, plan_id or 0)
        chosen = list(decided.filter(plan=plan, pk__in=form.cleaned_data["entries"]))
        try:
            services.result_publicity_record(
                organizer=desk.organization,
                plan=plan,
                applications=chosen,
                starts_on=form.cleaned_data["starts_on"],
                ends_on=form.cleaned_data["ends_on"],
                place=form.cleaned_data["place"],
                actor=request.user,
            )
        except ValidationError as error:
            form_add_service_errors(form, error)
        else:
            messages.success(request, f"已发布评审结果公示（{len(chosen)} 人）")
            return redirect("reviews:results", org_id=desk.organization.pk)
    plans: dict[int, Any] = {}
    for application in decided.order_by("plan_id", "status", "pk"):
        plans.setdefault(application.plan_id, (application.plan, []))[1].append(application)
    return render(
        request,
        "reviews/results.html",
        {
            "desk": desk,
            "form": form,
            "plans": list(plans.values()),
            "plan_id": plan_id,
            "publicities": selectors.publicities_of(
                organization=desk.organization, kind=Publicity.Kind.RESULT
            ),
        },
        status=400 if form.errors else 200,
    )


# --- 核准 --------------------------------------------------------------------------------------


@login_required
def approvals(request: HttpRequest, org_id: int) -> HttpResponse:
    """The issuing authority's 核准: one or many, with the 核准文号."""
    desk = access.access_issuer_desk(request.user, org_id)
    form = ApproveForm(request.POST or None)
    waiting = Application.objects.filter(
        review_cases__issuer=desk.organization, status=S.PUBLICITY
    ).distinct()
    if request.method == "POST" and form.is_valid():
        chosen = _applications(desk, form.cleaned_data["entries"], status=S.PUBLICITY)
        try:
            approved = services.results_approve(
                issuer=desk.organization,
                applications=chosen,
                approval_number=form.cleaned_data["approval_number"],
                actor=request.user,
            )
        except ValidationError as error:
            form_add_service_errors(form, error)
        else:
            messages.success(request, f"已核准 {len(approved)} 人")
            return redirect("reviews:approvals", org_id=desk.organization.pk)
    approved_list = (
        Application.objects.filter(
            review_cases__issuer=desk.organization, status__in=[S.APPROVED, S.CERTIFIED]
        )
        .distinct()
        .select_related("person", "plan", "specialty")
        .order_by("-updated_at")[:50]
    )
    return render(
        request,
        "reviews/approvals.html",
        {
            "desk": desk,
            "form": form,
            "waiting": waiting.select_related("person", "plan", "specialty", "vote").order_by(
                "plan_id", "pk"
            ),
            "approved": approved_list,
        },
        status=400 if form.errors else 200,
    )


# --- The applicant ------------------------------------------------------------------------------


@login_required
def mine(request: HttpRequest, application_id: int) -> HttpResponse:
    """流程: each node, who decided, when, the 意见, where it is now; the result and its reason."""
    application = access.access_own_reviewed(request.user, application_id)
    case = selectors.latest_case(application)
    vote = CommitteeVote.objects.filter(application=application).first()
    return render(
        request,
        "reviews/mine.html",
        {
            "application": application,
            "case": case,
            "flow": flow_for(application),
            "actions": actions_for(application),
            "vote": vote,
            "vote_text": services.vote_summary(vote) if vote else "",
        },
    )


@login_required
def mine_review_form(request: HttpRequest, application_id: int) -> HttpResponse:
    """导出评审表 (manual 四(二)8): after submission, to print and take to each office."""
    application = access.access_own_reviewed(request.user, application_id)
    return documents.review_form_response(application)


@login_required
def mine_document(request: HttpRequest, application_id: int, kind: str) -> HttpResponse:
    """导出申报信息, 破格审批表, 转评申报表: the person's own application, in any state."""
    application = access.access_own_application(request.user, application_id)
    return _document(application, kind)


# --- 面试 / 笔试 and 免面试 ------------------------------------------------------------------------


def _read_arrangement_rows(upload: Any) -> list[services.ArrangementRow]:
    from openpyxl import load_workbook

    try:
        book = load_workbook(upload, read_only=True, data_only=True)
    except Exception:  # noqa: BLE001 — any unreadable workbook is the same answer to the person
        raise ValidationError("无法读取该 Excel 文件") from None
    sheet = book.active
    rows: list[services.ArrangementRow] = []
    for number, values in enumerate(sheet.iter_rows(min_row=2, values_only=True), start=2):
        if number > 2001:
            raise ValidationError("每次最多导入 2000 行")
        cells = ["" if v is None else str(v).strip() for v in (list(values) + [None] * 5)[:5]]
        if not any(cells):
            continue
        when = cells[2]
        if len(when) >= 19 and when[10] == " ":
            when = when[:16]  # a real date-time cell: "2026-12-20 09:00:00"
        rows.append(services.ArrangementRow(cells[0], cells[1], when, cells[3], cells[4]))
    return rows


@login_required
def arrangements(request: HttpRequest, org_id: int) -> HttpResponse:
    """面试 / 笔试: time, place, seat per applicant (one by one or from a spreadsheet); 免面试."""
    desk = access.access_organizer_desk(request.user, org_id)
    plans = list(
        ReviewPlan.objects.filter(
            organizer=desk.organization, applications__status__in=services.ARRANGEABLE
        )
        .distinct()
        .order_by("-year", "name")
    )
    plan_id = _int(request.POST.get("plan") or request.GET.get("plan"))
    plan = access.access_organizer_plan(desk, plan_id) if plan_id else (plans[0] if plans else None)
    one = ArrangementForm(request.POST if request.POST.get("action") == "one" else None)
    upload = ArrangementImportForm(
        request.POST if request.POST.get("action") == "import" else None, request.FILES or None
    )
    decide = ExemptionDecisionForm(
        request.POST if request.POST.get("action") == "exemption" else None
    )
    back = f"{request.path}?plan={plan.pk}" if plan else request.path
    if request.method == "POST" and plan is not None:
        try:
            if one.is_bound and one.is_valid():
                application = Application.objects.filter(
                    pk=one.cleaned_data["application"], plan=plan
                ).first()
                if application is None:
                    raise Http404("没有找到该申报")
                services.arrangement_set(
                    application=application,
                    kind=one.cleaned_data["kind"],
                    starts_at=one.cleaned_data["starts_at"],
                    place=one.cleaned_data["place"],
                    seat=one.cleaned_data["seat"],
                    actor=request.user,
                )
                messages.success(request, f"已安排{application.person.name}")
                return redirect(back)
            if upload.is_bound and upload.is_valid():
                rows = _read_arrangement_rows(upload.cleaned_data["file"])
                done = services.arrangements_import(plan=plan, rows=rows, actor=request.user)
                messages.success(request, f"已导入 {len(done)} 条安排")
                return redirect(back)
            if decide.is_bound and decide.is_valid():
                exemption = Exemption.objects.filter(
                    pk=decide.cleaned_data["exemption"], application__plan=plan
                ).first()
                if exemption is None:
                    raise Http404("没有找到该申请")
                services.exemption_decide(
                    exemption=exemption,
                    approve=decide.cleaned_data["decision"] == "approve",
                    opinion=decide.cleaned_data["opinion"],
                    actor=request.user,
                )
                messages.success(request, "已审核免面试申请")
                return redirect(back)
        except ValidationError as error:
            flash_errors(request, error)
        for form in (one, upload, decide):
            for errors in form.errors.values():
                for message in errors:
                    messages.error(request, str(message))
        return redirect(back)
    people: list[Any] = []
    if plan is not None:
        applications = list(
            Application.objects.filter(plan=plan, status__in=services.ARRANGEABLE)
            .select_related("person", "specialty", "plan")
            .order_by("pk")
        )
        by_app: dict[int, dict[str, Arrangement]] = {}
        for arrangement in Arrangement.objects.filter(application__in=applications):
            by_app.setdefault(arrangement.application_id, {})[arrangement.kind] = arrangement
        exemptions = {
            e.application_id: e
            for e in Exemption.objects.filter(application__in=applications).prefetch_related(
                "evidence"
            )
        }
        for application in applications:
            people.append(
                {
                    "application": application,
                    "interview": by_app.get(application.pk, {}).get("interview"),
                    "exam": by_app.get(application.pk, {}).get("exam"),
                    "needs_interview": plan.has_interview
                    and getattr(exemptions.get(application.pk), "status", "") != "approved",
                    "needs_exam": application.specialty.exam_required,
                    "exemption": exemptions.get(application.pk),
                }
            )
    return render(
        request,
        "reviews/arrangements.html",
        {"desk": desk, "plans": plans, "plan": plan, "people": people},
    )


@login_required
@xframe_options_sameorigin
@file_csp
def exemption_file(
    request: HttpRequest, org_id: int, exemption_id: int, file_id: int
) -> HttpResponseBase:
    desk = access.access_organizer_desk(request.user, org_id)
    found = access.access_exemption_file(desk, exemption_id, file_id)
    return attachment_response(found, download=request.GET.get("download") == "1")


@login_required
def mine_exemption(request: HttpRequest, application_id: int) -> HttpResponse:
    """免面试: reasons and evidence; the organizer's answer once given."""
    application = access.access_own_reviewed(request.user, application_id)
    if not application.plan.has_interview:
        raise Http404("该评审计划没有面试")
    exemption = Exemption.objects.filter(application=application).first()
    form = ExemptionForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        from django.conf import settings

        from zhicheng.core.uploads import check_document

        try:
            evidence = []
            if form.cleaned_data["evidence"]:
                evidence.append(
                    check_document(
                        form.cleaned_data["evidence"],
                        max_bytes=getattr(settings, "ATTACHMENT_MAX_BYTES", 10 * 1024 * 1024),
                    )
                )
            services.exemption_request(
                application=application,
                reason=form.cleaned_data["reason"],
                evidence=evidence,
                actor=request.user,
            )
        except ValidationError as error:
            form_add_service_errors(form, error)
        else:
            messages.success(request, "已提交免面试申请，等待评委会组建单位审核")
            return redirect("reviews:mine_exemption", application_id=application.pk)
    return render(
        request,
        "reviews/mine_exemption.html",
        {"application": application, "exemption": exemption, "form": form},
        status=400 if form.errors else 200,
    )


@login_required
def mine_ticket(request: HttpRequest, application_id: int) -> HttpResponse:
    """打印准考证: the PDF with the photo, once the organizer has set the time and place."""
    application = access.access_own_reviewed(request.user, application_id)
    verify = request.build_absolute_uri(reverse("reviews:mine", args=[application.pk]))
    return documents.admission_ticket_response(application, verify_url=verify)


@login_required
def overview(request: HttpRequest, org_id: int) -> HttpResponse:
    """Per plan: how many at which node and state, by specialty and 申报形式; chart, table, xlsx.
    An organizer sees its plans; a unit its own people."""
    import base64

    from zhicheng.documents.charts import bar_chart_svg

    desk = access.access_desk(request.user, org_id)
    if not (desk.is_organizer or desk.is_unit):
        raise Http404("没有找到该机构")
    plans = selectors.overview_plans(desk=desk)
    plan_id = _int(request.GET.get("plan"))
    if plan_id is not None and plan_id not in dict(plans):
        raise Http404("没有找到该评审计划")
    data = selectors.overview(
        applications=selectors.overview_applications(desk=desk, plan_id=plan_id)
    )
    if request.GET.get("format") == "xlsx":
        return documents.overview_response(data, title=f"{desk.organization.name}申报统计")

    def chart(series: list[tuple[str, int]], title: str) -> str:
        svg = bar_chart_svg(series, title=title, unit="人") if series else ""
        return base64.b64encode(svg.encode()).decode() if svg else ""

    return render(
        request,
        "reviews/overview.html",
        {
            "desk": desk,
            "plans": plans,
            "plan_id": plan_id,
            "data": data,
            "status_chart": chart(data.by_status, "按申报状态"),
            "node_chart": chart(data.by_node, "审核中：按当前环节"),
            "form_chart": chart(data.by_form, "按申报形式"),
        },
    )
