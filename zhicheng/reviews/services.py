"""Writes of the review route: the only code that moves an application after 提交审核.

Lock order: the application row first (every decision on one application waits there, so two
reviewers deciding at once make exactly one decision), then its open case and steps.
"""

import datetime
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from zhicheng.applications import services as application_services
from zhicheng.applications.models import Application
from zhicheng.audit.models import AuditEvent
from zhicheng.audit.services import audit_record
from zhicheng.core.attachments import attachment_store
from zhicheng.core.forms import aware_in_range
from zhicheng.core.workdays import add_working_days, working_days_between
from zhicheng.core.workflow import check_transition, clean_opinion, lock
from zhicheng.integrity.selectors import active_ban
from zhicheng.orgs.models import Organization
from zhicheng.plans.models import ReviewPlan

from . import hooks, snapshot
from .models import (
    Arrangement,
    CommitteeVote,
    Exemption,
    ExemptionEvidence,
    Node,
    Publicity,
    ReviewCase,
    ReviewEvent,
    ReviewMeeting,
    ReviewStep,
)
from .route import DEFAULT_TOP_HR_LEVEL, NodeRole, review_route
from .votes import vote_check

S = Application.Status
STEP = ReviewStep.Status
PUBLICITY_MIN_WORKING_DAYS = 5
# A 公示 lasts days or weeks; a longer "period" is a typing error (and counting its working days
# would walk the calendar day by day).
PUBLICITY_MAX_DAYS = 90
# 公示, meetings, interviews and exams are recorded close to when they happen: within this many
# years of today (a 公示 may be recorded after it ended).
YEARS_AROUND = 1
# After the plan's window has closed, a returned application gets this many working days.
RETURN_GRACE_WORKING_DAYS = 10
DECIDED = "该申报已由他人处理或已不在本环节（当前：{where}），请刷新后查看"
OWN = "不能审核本人的职称申报"

STEP_ALLOWED: dict[str, set[str]] = {
    STEP.WAITING: {STEP.PENDING},
    STEP.PENDING: {STEP.PASSED, STEP.RETURNED, STEP.REJECTED},
    STEP.PASSED: set(),
    STEP.RETURNED: set(),
    STEP.REJECTED: set(),
}


class Decision:
    PASS = "pass"
    RETURN = "return"
    REJECT = "reject"
    LABELS = {PASS: "通过", RETURN: "退回修改", REJECT: "不通过"}


def _audit(application: Application, *, actor: Any, action: str, **detail: Any) -> None:
    audit_record(
        kind=AuditEvent.Kind.APPLICATION,
        user=actor,
        detail={"application": application.pk, "action": action, **detail},
    )


def _event(
    application: Application,
    *,
    case: ReviewCase,
    node: str,
    decision: str,
    before: str,
    actor: Any,
    organization: Organization | None,
    opinion: str = "",
    step: ReviewStep | None = None,
) -> ReviewEvent:
    event = ReviewEvent.objects.create(
        application=application,
        case=case,
        step=step,
        node=node,
        decision=decision,
        actor=actor,
        organization=organization,
        from_status=before,
        to_status=application.status,
        opinion=opinion,
    )
    _audit(
        application,
        actor=actor,
        action=f"review_{decision}",
        node=node,
        organization=organization.pk if organization else None,
        event=event.pk,
        **{"from": before, "to": application.status},
    )
    return event


# --- 提交审核: the route -------------------------------------------------------------------------


def latest_return_deadline(plan: ReviewPlan, *, today: datetime.date) -> datetime.date:
    """The latest 修改截止日期 a reviewer may set: the plan's window end while it is ahead,
    afterwards RETURN_GRACE_WORKING_DAYS working days from today (the organizer's allowance)."""
    window_end = timezone.localdate(plan.ends_at)
    if window_end >= today:
        return window_end
    return add_working_days(today, RETURN_GRACE_WORKING_DAYS)


def case_open(application: Application, actor: Any, now: datetime.datetime) -> None:
    """applications.hooks.application_submitted: the route of this submission, from the tree.

    Runs in the submission's transaction on the locked application; a broken tree or a missed
    修改截止日期 refuses the submission.
    """
    last = application.review_cases.order_by("-round").first()
    if last is not None and last.status == ReviewCase.Status.OPEN:
        raise ValidationError("该申报已在审核中", code="open")
    if last is not None and last.return_deadline and last.return_deadline < now.date():
        raise ValidationError(
            f"已超过修改截止日期（{last.return_deadline:%Y年%m月%d日}），不能再提交", code="expired"
        )
    ban = active_ban(person=application.person, on=timezone.localdate(now))
    if ban is not None:
        raise ValidationError(
            f"您在诚信档案中存在记录（{ban.reason}），{ban.ends_on:%Y年%m月%d日}前禁止申报，"
            "不能提交审核",
            code="banned",
        )
    plan = application.plan
    unit = application.unit
    if unit is None:
        raise ValidationError("没有审核通过的工作单位，不能提交审核")
    nodes = review_route(
        unit=unit, organizer=plan.organizer, top_hr_level=DEFAULT_TOP_HR_LEVEL[plan.level]
    )
    issuer = next(n.organization for n in reversed(nodes) if n.role == NodeRole.HR)
    case = ReviewCase.objects.create(
        application=application,
        round=(last.round + 1) if last else 1,
        submitted_at=now,
        snapshot=snapshot.application_snapshot(application),
        issuer=issuer,
    )
    ReviewStep.objects.bulk_create(
        ReviewStep(
            case=case,
            application=application,
            position=position,
            node=node.role,
            organization=node.organization,
            status=STEP.PENDING if position == 1 else STEP.WAITING,
            arrived_at=now if position == 1 else None,
        )
        for position, node in enumerate(nodes, start=1)
    )


# --- Decisions at a node --------------------------------------------------------------------------


def _open_case(application: Application) -> ReviewCase | None:
    return (
        ReviewCase.objects.select_for_update()
        .filter(application=application, status=ReviewCase.Status.OPEN)
        .first()
    )


def _unit_publicity_done(
    application: Application, unit: Organization, today: datetime.date
) -> bool:
    return Publicity.objects.filter(
        kind=Publicity.Kind.UNIT, organization=unit, applications=application, ends_on__lte=today
    ).exists()


@transaction.atomic
def step_decide(
    *,
    application: Application,
    organization: Organization,
    decision: str,
    opinion: str,
    actor: Any,
    deadline: datetime.date | None = None,
    now: datetime.datetime | None = None,
) -> ReviewEvent:
    """通过 / 退回修改 / 不通过 at the node of `organization` where the application waits.

    Refused when someone else decided first (the other is told), on one's own application, without
    the 单位公示 at the unit, and without an 意见 for 退回修改 and 不通过.
    """
    now = now or timezone.now()
    today = timezone.localdate(now)
    if decision not in Decision.LABELS:
        raise ValueError(decision)
    application = lock(Application, pk=application.pk)
    if application.person_id == actor.pk:
        raise ValidationError(OWN, code="own")
    case = _open_case(application)
    steps = list(case.steps.select_for_update().order_by("position")) if case else []
    step = next((s for s in steps if s.status == STEP.PENDING), None)
    if step is None or step.organization_id != organization.pk:
        where = application.get_status_display()
        if step is not None:
            where = f"{step.get_node_display()} · {step.organization}"
        raise ValidationError(DECIDED.format(where=where), code="decided")
    assert case is not None
    opinion = clean_opinion(
        opinion,
        required=decision != Decision.PASS,
        missing=f"{Decision.LABELS[decision]}时请填写意见",
    )
    before = application.status
    if decision == Decision.PASS:
        if step.node == NodeRole.UNIT and not _unit_publicity_done(
            application, organization, today
        ):
            raise ValidationError(
                "请先完成单位公示（至少 5 个工作日，公示结束后记录结果），再推荐上报",
                code="publicity",
            )
        following = steps[step.position] if step.position < len(steps) else None
        if following is None:  # the organizer's 资格审查 passed: on to the committee
            application_services.application_review_move(application=application, to=S.AWAITING)
            case.status = ReviewCase.Status.QUALIFIED
            case.closed_at = now
            case.save(update_fields=["status", "closed_at"])
        else:
            check_transition(STEP_ALLOWED, following.status, STEP.PENDING, refused="流程数据有误")
            following.status = STEP.PENDING
            following.arrived_at = now
            following.save(update_fields=["status", "arrived_at"])
            if following.node == NodeRole.ORGANIZER:
                application_services.application_review_move(
                    application=application, to=S.QUALIFYING
                )
        target = STEP.PASSED
    elif decision == Decision.RETURN:
        latest = latest_return_deadline(application.plan, today=today)
        deadline = deadline or latest
        if deadline < today:
            raise ValidationError({"deadline": "修改截止日期不能早于今天"})
        if deadline > latest:
            raise ValidationError({"deadline": f"修改截止日期不能晚于 {latest:%Y-%m-%d}"})
        application_services.application_return(application=application)
        case.status = ReviewCase.Status.RETURNED
        case.return_deadline = deadline
        case.closed_at = now
        case.save(update_fields=["status", "return_deadline", "closed_at"])
        target = STEP.RETURNED
    else:
        application_services.application_review_move(application=application, to=S.REJECTED)
        case.status = ReviewCase.Status.REJECTED
        case.closed_at = now
        case.save(update_fields=["status", "closed_at"])
        target = STEP.REJECTED
    check_transition(STEP_ALLOWED, step.status, target, refused="流程数据有误")
    step.status = target
    step.decided_by = actor
    step.decided_at = now
    step.opinion = opinion
    step.save(update_fields=["status", "decided_by", "decided_at", "opinion"])
    if decision == Decision.RETURN and deadline:
        opinion_shown = f"{opinion}（修改截止日期 {deadline:%Y-%m-%d}）"
    else:
        opinion_shown = opinion
    return _event(
        application,
        case=case,
        step=step,
        node=step.node,
        decision=decision,
        before=before,
        actor=actor,
        organization=organization,
        opinion=opinion_shown[:500],
    )


@dataclass
class BatchResult:
    done: list[Application] = field(default_factory=list)
    skipped: list[tuple[Application, str]] = field(default_factory=list)


def steps_pass_many(
    *,
    organization: Organization,
    applications: Iterable[Application],
    opinion: str,
    actor: Any,
    now: datetime.datetime | None = None,
) -> BatchResult:
    """批量通过: each application on its own (one that cannot pass is skipped, with why)."""
    opinion = clean_opinion(opinion, required=False)
    result = BatchResult()
    for application in applications:
        try:
            step_decide(
                application=application,
                organization=organization,
                decision=Decision.PASS,
                opinion=opinion,
                actor=actor,
                now=now,
            )
        except ValidationError as error:
            result.skipped.append((application, "；".join(error.messages)))
        else:
            result.done.append(application)
    return result


@transaction.atomic
def returns_expire(*, today: datetime.date | None = None) -> list[Application]:
    """逾期未修改: returned applications past their 修改截止日期 are closed (a daily command)."""
    today = today or timezone.localdate()
    expired = []
    candidates = ReviewCase.objects.filter(
        status=ReviewCase.Status.RETURNED,
        return_deadline__lt=today,
        application__status=S.DRAFT,
    ).values_list("application_id", flat=True)
    for application_id in sorted(set(candidates)):
        application = lock(Application, pk=application_id)
        case = application.review_cases.order_by("-round").first()
        if (
            application.status != S.DRAFT
            or case is None
            or case.status != ReviewCase.Status.RETURNED
            or not case.return_deadline
            or case.return_deadline >= today
        ):
            continue
        returned = case.steps.filter(status=STEP.RETURNED).select_related("decided_by").first()
        before = application.status
        application_services.application_review_move(application=application, to=S.EXPIRED)
        case.status = ReviewCase.Status.EXPIRED
        case.save(update_fields=["status"])
        # The event is the returning reviewer's: their deadline ran out.
        _event(
            application,
            case=case,
            node=Node.DEADLINE,
            decision="expire",
            before=before,
            actor=returned.decided_by if returned else application.person,
            organization=returned.organization if returned else None,
            opinion=f"逾期未修改（修改截止日期 {case.return_deadline:%Y-%m-%d}）",
        )
        expired.append(application)
    return expired


# --- 公示 --------------------------------------------------------------------------------------


def _within_years(value: datetime.date, *, field: str, label: str) -> None:
    try:
        aware_in_range(value, years=YEARS_AROUND, label=label)
    except ValidationError as error:
        raise ValidationError({field: error.messages}) from None


def _check_period(starts_on: datetime.date, ends_on: datetime.date) -> None:
    _within_years(starts_on, field="starts_on", label="公示开始日期")
    _within_years(ends_on, field="ends_on", label="公示结束日期")
    if ends_on < starts_on:
        raise ValidationError({"ends_on": "公示结束日期不能早于开始日期"})
    if (ends_on - starts_on).days >= PUBLICITY_MAX_DAYS:
        raise ValidationError({"ends_on": f"公示期不能超过 {PUBLICITY_MAX_DAYS} 天"})
    days = working_days_between(starts_on, ends_on)
    if days < PUBLICITY_MIN_WORKING_DAYS:
        earliest = add_working_days(starts_on, PUBLICITY_MIN_WORKING_DAYS)
        raise ValidationError(
            {
                "ends_on": f"公示期为 {days} 个工作日，至少 {PUBLICITY_MIN_WORKING_DAYS} 个工作日"
                f"（从 {starts_on:%Y-%m-%d} 起最早到 {earliest:%Y-%m-%d}）"
            }
        )


@transaction.atomic
def unit_publicity_record(
    *,
    unit: Organization,
    applications: list[Application],
    starts_on: datetime.date,
    ends_on: datetime.date,
    place: str,
    result: str,
    objections: str,
    actor: Any,
) -> Publicity:
    """单位公示 of many applications at once; every one must wait at this unit's 单位审核."""
    _check_period(starts_on, ends_on)
    if not applications:
        raise ValidationError("请选择要公示的人员")
    plans = {a.plan_id for a in applications}
    if len(plans) != 1:
        raise ValidationError("一次公示只能包含同一评审计划的人员")
    waiting = set(
        ReviewStep.objects.filter(
            application__in=applications,
            organization=unit,
            node=NodeRole.UNIT,
            status=STEP.PENDING,
        ).values_list("application_id", flat=True)
    )
    missing = [a for a in applications if a.pk not in waiting]
    if missing:
        names = "、".join(a.person.name for a in missing)
        raise ValidationError(f"以下人员不在本单位审核环节，不能公示：{names}")
    publicity = Publicity.objects.create(
        kind=Publicity.Kind.UNIT,
        organization=unit,
        plan_id=plans.pop(),
        starts_on=starts_on,
        ends_on=ends_on,
        place=place.strip(),
        result=result.strip(),
        objections=objections.strip(),
        created_by=actor,
    )
    publicity.applications.set(applications)
    audit_record(
        kind=AuditEvent.Kind.APPLICATION,
        user=actor,
        detail={
            "action": "unit_publicity",
            "publicity": publicity.pk,
            "applications": sorted(a.pk for a in applications),
        },
    )
    return publicity


@transaction.atomic
def result_publicity_record(
    *,
    organizer: Organization,
    plan: ReviewPlan,
    applications: list[Application],
    starts_on: datetime.date,
    ends_on: datetime.date,
    place: str,
    actor: Any,
) -> Publicity:
    """评审结果公示 of the results that passed: 评审通过 → 公示中."""
    _check_period(starts_on, ends_on)
    if not applications:
        raise ValidationError("请选择要公示的人员")
    publicity = Publicity.objects.create(
        kind=Publicity.Kind.RESULT,
        organization=organizer,
        plan=plan,
        starts_on=starts_on,
        ends_on=ends_on,
        place=place.strip(),
        created_by=actor,
    )
    for application in sorted(applications, key=lambda a: a.pk):
        locked = lock(Application, pk=application.pk)
        if locked.plan_id != plan.pk or locked.status != S.PASSED:
            raise ValidationError(
                f"{application.person.name}的申报当前为“{locked.get_status_display()}”，不能公示"
            )
        before = locked.status
        application_services.application_review_move(application=locked, to=S.PUBLICITY)
        _event(
            locked,
            case=_last_case(locked),
            node=Node.RESULT_PUBLICITY,
            decision="publicity",
            before=before,
            actor=actor,
            organization=organizer,
            opinion=f"{starts_on:%Y-%m-%d} 至 {ends_on:%Y-%m-%d}，{place.strip()}"[:500],
        )
    publicity.applications.set(applications)
    return publicity


@transaction.atomic
def publicity_conclude(
    *, publicity: Publicity, result: str, objections: str, actor: Any
) -> Publicity:
    """The result and objections, once the 公示 has run."""
    publicity = lock(Publicity, pk=publicity.pk)
    publicity.result = clean_opinion(
        result, required=True, missing="请填写公示结果", field="result"
    )
    publicity.objections = objections.strip()[:2000]
    publicity.save(update_fields=["result", "objections"])
    audit_record(
        kind=AuditEvent.Kind.APPLICATION,
        user=actor,
        detail={"action": "publicity_conclude", "publicity": publicity.pk},
    )
    return publicity


def _last_case(application: Application) -> ReviewCase:
    case = application.review_cases.order_by("-round").first()
    if case is None:
        raise ValidationError("该申报没有评审流程")
    return case


# --- The committee ----------------------------------------------------------------------------


@transaction.atomic
def meeting_create(
    *,
    plan: ReviewPlan,
    held_on: datetime.date,
    place: str,
    members: int,
    applications: list[Application],
    actor: Any,
) -> ReviewMeeting:
    """评审会议 of the plan's committee, with the applications (待评审) it reviews."""
    if members < 1:
        raise ValidationError({"members": "评委会人数至少为 1"})
    _within_years(held_on, field="held_on", label="会议日期")
    if not place.strip():
        raise ValidationError({"place": "请填写会议地点"})
    if not applications:
        raise ValidationError("请选择参加评审的人员")
    bad = [a for a in applications if a.plan_id != plan.pk or a.status != S.AWAITING]
    if bad:
        raise ValidationError(
            "以下人员不是本计划待评审的申报：" + "、".join(a.person.name for a in bad)
        )
    meeting = ReviewMeeting.objects.create(
        plan=plan, held_on=held_on, place=place.strip(), members=members, created_by=actor
    )
    meeting.applications.set(applications)
    audit_record(
        kind=AuditEvent.Kind.APPLICATION,
        user=actor,
        detail={"action": "meeting_create", "meeting": meeting.pk, "plan": plan.pk},
    )
    return meeting


@transaction.atomic
def vote_record(
    *,
    meeting: ReviewMeeting,
    application: Application,
    present: int,
    yes: int,
    no: int,
    abstain: int,
    actor: Any,
    opinion: str = "",
) -> CommitteeVote:
    """The vote on one application: 评审通过 or 评审未通过 (2/3 rules, votes.py)."""
    application = lock(Application, pk=application.pk)
    if application.person_id == actor.pk:
        raise ValidationError(OWN, code="own")
    if not meeting.applications.filter(pk=application.pk).exists():
        raise ValidationError("该申报不在本次评审会议中")
    if application.status != S.AWAITING:
        raise ValidationError(
            f"该申报当前为“{application.get_status_display()}”，表决已记录或不能表决",
            code="decided",
        )
    vote = vote_check(members=meeting.members, present=present, yes=yes, no=no, abstain=abstain)
    record = CommitteeVote.objects.create(
        meeting=meeting,
        application=application,
        members=vote.members,
        present=vote.present,
        yes=vote.yes,
        no=vote.no,
        abstain=vote.abstain,
        passed=vote.passed,
        recorded_by=actor,
    )
    before = application.status
    application_services.application_review_move(
        application=application, to=S.PASSED if vote.passed else S.FAILED
    )
    reason = vote_summary(record)
    if not vote.quorate:
        reason += "；出席人数不足评委会人数的 2/3"
    elif not vote.passed:
        reason += "；同意票未达到出席人数的 2/3"
    text = clean_opinion(opinion, required=False)
    _event(
        application,
        case=_last_case(application),
        node=Node.COMMITTEE,
        decision="vote",
        before=before,
        actor=actor,
        organization=application.plan.organizer,
        opinion=(f"{text}；{reason}" if text else reason)[:500],
    )
    return record


def vote_summary(vote: CommitteeVote) -> str:
    return (
        f"评委会 {vote.members} 人，出席 {vote.present} 人，同意 {vote.yes} 票、"
        f"不同意 {vote.no} 票、弃权 {vote.abstain} 票，{'通过' if vote.passed else '未通过'}"
    )


# --- 核准 --------------------------------------------------------------------------------------


@transaction.atomic
def results_approve(
    *,
    issuer: Organization,
    applications: list[Application],
    approval_number: str,
    actor: Any,
    now: datetime.datetime | None = None,
) -> list[Application]:
    """核准 by the issuing authority, one or many, with the 核准文号; then `result_approved`.

    Each must be 公示中 with its 评审结果公示 over, and have this issuer at the top of its route.
    """
    now = now or timezone.now()
    today = timezone.localdate(now)
    number = approval_number.strip()
    if not number:
        raise ValidationError({"approval_number": "请填写核准文号"})
    if len(number) > 100:
        raise ValidationError({"approval_number": "核准文号不能超过100字"})
    if not applications:
        raise ValidationError("请选择要核准的人员")
    approved: list[Application] = []
    results: list[hooks.ApprovedResult] = []
    for application in sorted(applications, key=lambda a: a.pk):
        locked = lock(Application, pk=application.pk)
        name = application.person.name
        if locked.person_id == actor.pk:
            raise ValidationError(OWN, code="own")
        case = _last_case(locked)
        if case.issuer_id != issuer.pk:
            raise ValidationError(f"{name}的申报不由本机关核准")
        if locked.status != S.PUBLICITY:
            raise ValidationError(
                f"{name}的申报当前为“{locked.get_status_display()}”，不能核准", code="decided"
            )
        running = locked.publicities.filter(kind=Publicity.Kind.RESULT, ends_on__gte=today)
        if running.exists():
            raise ValidationError(f"{name}的评审结果公示尚未结束，公示期满后才能核准")
        before = locked.status
        application_services.application_review_move(application=locked, to=S.APPROVED)
        case.approval_number = number
        case.approved_at = now
        case.save(update_fields=["approval_number", "approved_at"])
        _event(
            locked,
            case=case,
            node=Node.APPROVAL,
            decision="approve",
            before=before,
            actor=actor,
            organization=issuer,
            opinion=f"核准文号：{number}",
        )
        approved.append(locked)
        meeting = ReviewMeeting.objects.filter(votes__application=locked).first()
        results.append(
            hooks.ApprovedResult(
                application=locked,
                issuer=issuer,
                approval_number=number,
                approved_at=now,
                passed_on=meeting.held_on if meeting else None,
                committee=locked.plan.committee,
            )
        )
    hooks.result_approved.call(results, actor)
    return approved


# --- 面试 / 笔试, 免面试 --------------------------------------------------------------------------

ARRANGEABLE = (S.SUBMITTED, S.QUALIFYING, S.AWAITING)
A_KIND = Arrangement.Kind


def arrangement_applies(application: Application, kind: str) -> bool:
    """面试 where the plan has one (and no 免面试 was granted); 笔试 where the specialty needs it."""
    if kind == A_KIND.EXAM:
        return bool(application.specialty.exam_required)
    if not application.plan.has_interview:
        return False
    exemption = Exemption.objects.filter(application=application).first()
    return exemption is None or exemption.status != Exemption.Status.APPROVED


def ticket_number(application: Application, kind: str) -> str:
    return f"{application.year}{application.plan_id:04d}{application.pk:06d}{'M' if kind == A_KIND.INTERVIEW else 'B'}"


@transaction.atomic
def arrangement_set(
    *,
    application: Application,
    kind: str,
    starts_at: datetime.datetime,
    place: str,
    seat: str,
    actor: Any,
) -> Arrangement:
    """Set (or change) one applicant's 面试 or 笔试: time, place, seat."""
    application = lock(Application, pk=application.pk)
    name = application.person.name
    if kind not in A_KIND.values:
        raise ValidationError({"kind": "请选择面试或笔试"})
    if application.status not in ARRANGEABLE:
        raise ValidationError(f"{name}的申报当前为“{application.get_status_display()}”，不能安排")
    if not arrangement_applies(application, kind):
        raise ValidationError(f"{name}的申报无需{A_KIND(kind).label}")
    if not place.strip():
        raise ValidationError({"place": "请填写地点"})
    _within_years(starts_at, field="starts_at", label="时间")
    arrangement, _ = Arrangement.objects.update_or_create(
        application=application,
        kind=kind,
        defaults={
            "starts_at": starts_at,
            "place": place.strip()[:200],
            "seat": seat.strip()[:20],
            "ticket_number": ticket_number(application, kind),
            "updated_by": actor,
        },
    )
    _audit(application, actor=actor, action="arrangement", kind=kind, arrangement=arrangement.pk)
    return arrangement


@dataclass(frozen=True)
class ArrangementRow:
    id_number: str
    kind: str  # 面试 / 笔试
    starts_at: str  # 2026-12-20 09:00
    place: str
    seat: str


@transaction.atomic
def arrangements_import(
    *, plan: ReviewPlan, rows: list[ArrangementRow], actor: Any
) -> list[Arrangement]:
    """From a spreadsheet: every row checked first; any error and nothing is saved (each named)."""
    kinds = {label: value for value, label in A_KIND.choices}
    errors: list[str] = []
    parsed: list[tuple[Application, str, datetime.datetime, ArrangementRow]] = []
    applications = {
        a.person.id_number: a
        for a in Application.objects.filter(plan=plan, status__in=ARRANGEABLE).select_related(
            "person", "plan", "specialty"
        )
    }
    for number, row in enumerate(rows, start=2):
        application = applications.get(row.id_number.strip().upper())
        kind = kinds.get(row.kind.strip())
        time_error = ""
        try:
            starts_at = timezone.make_aware(
                datetime.datetime.strptime(row.starts_at.strip()[:16], "%Y-%m-%d %H:%M")
            )
            # Year 0001 would overflow when stored in UTC: a message for the row, never a 500.
            aware_in_range(starts_at, years=YEARS_AROUND, label="时间")
        except ValueError:
            starts_at, time_error = None, "时间应为“2026-12-20 09:00”的格式"
        except ValidationError as error:
            starts_at, time_error = None, error.messages[0]
        if application is None:
            errors.append(f"第{number}行：身份证号不是本计划待评审的申报人")
        if kind is None:
            errors.append(f"第{number}行：类型应为“面试”或“笔试”")
        if time_error:
            errors.append(f"第{number}行：{time_error}")
        if not row.place.strip():
            errors.append(f"第{number}行：请填写地点")
        if application is not None and kind is not None and starts_at is not None:
            if not arrangement_applies(application, kind):
                errors.append(f"第{number}行：{application.person.name}无需{A_KIND(kind).label}")
            else:
                parsed.append((application, kind, starts_at, row))
    if errors:
        raise ValidationError(errors[:50])
    if not parsed:
        raise ValidationError("表格中没有安排")
    return [
        arrangement_set(
            application=application,
            kind=kind,
            starts_at=starts_at,
            place=row.place,
            seat=row.seat,
            actor=actor,
        )  # fmt: skip
        for application, kind, starts_at, row in parsed
    ]


@transaction.atomic
def exemption_request(
    *, application: Application, reason: str, evidence: list[Any], actor: Any
) -> Exemption:
    """免面试: reasons and evidence (checked files); again while pending replaces the reasons."""
    application = lock(Application, pk=application.pk)
    if application.person_id != actor.pk:
        raise ValidationError("只能为本人的申报申请免面试")
    if not application.plan.has_interview:
        raise ValidationError("该评审计划没有面试")
    if application.status not in ARRANGEABLE:
        raise ValidationError(f"申报当前为“{application.get_status_display()}”，不能申请免面试")
    text = reason.strip()
    if not text:
        raise ValidationError({"reason": "请填写申请理由"})
    exemption = Exemption.objects.filter(application=application).first()
    if exemption is not None and exemption.status != Exemption.Status.PENDING:
        raise ValidationError(f"免面试申请已审核（{exemption.get_status_display()}）")
    if exemption is None:
        exemption = Exemption.objects.create(application=application, reason=text[:1000])
    else:
        exemption.reason = text[:1000]
        exemption.save(update_fields=["reason"])
    for checked in evidence:
        attachment_store(model=ExemptionEvidence, checked=checked, actor=actor, exemption=exemption)
    _audit(application, actor=actor, action="exemption_request", exemption=exemption.pk)
    return exemption


@transaction.atomic
def exemption_decide(*, exemption: Exemption, approve: bool, opinion: str, actor: Any) -> Exemption:
    exemption = lock(Exemption, pk=exemption.pk)
    if exemption.application.person_id == actor.pk:
        raise ValidationError(OWN, code="own")
    if exemption.status != Exemption.Status.PENDING:
        raise ValidationError(f"该申请已审核（{exemption.get_status_display()}）", code="decided")
    exemption.opinion = clean_opinion(opinion, required=not approve, missing="不同意时请填写意见")
    exemption.status = Exemption.Status.APPROVED if approve else Exemption.Status.REJECTED
    exemption.decided_by = actor
    exemption.decided_at = timezone.now()
    exemption.save(update_fields=["status", "opinion", "decided_by", "decided_at"])
    if approve:
        Arrangement.objects.filter(
            application=exemption.application, kind=A_KIND.INTERVIEW
        ).delete()
    _audit(
        exemption.application, actor=actor, action="exemption_decide", exemption=exemption.pk,
        approved=approve,
    )  # fmt: skip
    return exemption
