"""Reads of review data, each with a fixed number of queries."""

from dataclasses import dataclass
from typing import Any

from django.db.models import Count, Q, QuerySet
from django.urls import reverse

from zhicheng.applications.hooks import FlowStep, RecordAction
from zhicheng.applications.models import Application
from zhicheng.orgs.models import Membership, Organization
from zhicheng.orgs.selectors import acting_units
from zhicheng.plans.models import ApplyForm as ApplyFormChoices
from zhicheng.plans.selectors import organizer_orgs

from .models import (
    Arrangement,
    Node,
    Publicity,
    ReviewCase,
    ReviewEvent,
    ReviewStep,
)
from .route import NodeRole

S = Application.Status
STEP = ReviewStep.Status
# 免面试 can be asked for while the interview is still ahead.
INTERVIEW_OPEN = (S.SUBMITTED, S.QUALIFYING, S.AWAITING)


# --- Who reviews where ------------------------------------------------------------------------


@dataclass(frozen=True)
class ReviewDesk:
    """An organization the user acts for in the review, and the nodes they decide there."""

    organization: Organization
    nodes: frozenset[str]
    issuer: bool = False

    @property
    def is_organizer(self) -> bool:
        return NodeRole.ORGANIZER in self.nodes

    @property
    def is_unit(self) -> bool:
        return NodeRole.UNIT in self.nodes


def review_desks(*, user: Any) -> list[ReviewDesk]:
    """Every organization where `user` decides: a unit's people (法人, 管理员, 经办人; a county
    人社部门 for freelancers), a 主管部门 or 人社部门 (审核人), an organizer (计划管理员), an
    issuing authority (发证审核人)."""
    if not user.is_authenticated:
        return []
    nodes: dict[int, set[str]] = {}
    orgs: dict[int, Organization] = {}
    issuers: set[int] = set()
    for unit in acting_units(user=user):
        orgs[unit.pk] = unit
        nodes.setdefault(unit.pk, set()).add(NodeRole.UNIT)
    memberships = Membership.objects.filter(
        user=user, organization__status=Organization.Status.ACTIVE
    ).select_related("organization")
    for membership in memberships:
        org = membership.organization
        role = membership.role
        # 主管部门 and 人社部门 review through their staff (审核人, DESIGN §1): a 单位管理员
        # membership there is the department acting as an employer (its own people, `acting_units`
        # above), never a seat on the review route.
        if role == Membership.Role.REVIEWER:
            if org.kind == Organization.Kind.DEPARTMENT:
                nodes.setdefault(org.pk, set()).add(NodeRole.DEPARTMENT)
                orgs[org.pk] = org
            elif org.kind == Organization.Kind.HR:
                nodes.setdefault(org.pk, set()).add(NodeRole.HR)
                orgs[org.pk] = org
        elif role == Membership.Role.ISSUER and org.kind in (
            Organization.Kind.HR,
            Organization.Kind.ISSUER,
        ):
            issuers.add(org.pk)
            nodes.setdefault(org.pk, set())
            orgs[org.pk] = org
    for org in organizer_orgs(user=user):
        orgs[org.pk] = org
        nodes.setdefault(org.pk, set()).add(NodeRole.ORGANIZER)
    return [
        ReviewDesk(orgs[pk], frozenset(nodes[pk]), issuer=pk in issuers)
        for pk in sorted(orgs, key=lambda pk: (orgs[pk].name, pk))
    ]


def desk_counts(*, desks: list[ReviewDesk]) -> dict[int, int]:
    """Applications waiting at each desk (one query)."""
    filters = Q(pk__in=[])
    for desk in desks:
        if desk.nodes:
            filters |= Q(organization=desk.organization, node__in=desk.nodes)
    rows = (
        ReviewStep.objects.filter(filters, status=STEP.PENDING)
        .values("organization")
        .annotate(n=Count("pk"))
    )
    return {row["organization"]: row["n"] for row in rows}


# --- Queues ------------------------------------------------------------------------------------


@dataclass(frozen=True)
class QueueFilters:
    query: str = ""  # name or ID number
    plan: int | None = None
    series: str = ""
    specialty: str = ""
    status: str = "pending"  # pending (待审核) or a ReviewStep status, or "" for all
    apply_form: str = ""


def queue(*, desk: ReviewDesk, filters: QueueFilters) -> QuerySet[ReviewStep]:
    """The steps at the desk's organization, oldest arrival first; one query per page whatever
    the size (the joins are select_related, the filters indexed)."""
    steps = ReviewStep.objects.filter(organization=desk.organization, node__in=desk.nodes).exclude(
        status=STEP.WAITING
    )
    if filters.status:
        steps = steps.filter(status=filters.status)
    query = filters.query.strip()
    if query:
        if len(query) >= 6 and query[:6].isdigit():
            steps = steps.filter(application__person__id_number__startswith=query.upper())
        else:
            steps = steps.filter(application__person__name__contains=query)
    if filters.plan:
        steps = steps.filter(application__plan_id=filters.plan)
    if filters.series:
        steps = steps.filter(application__plan__series=filters.series)
    if filters.specialty:
        steps = steps.filter(application__specialty__name=filters.specialty)
    if filters.apply_form:
        steps = steps.filter(application__apply_form=filters.apply_form)
    return steps.select_related(
        "case",
        "application",
        "application__person",
        "application__plan",
        "application__specialty",
        "application__unit",
    ).order_by("arrived_at", "pk")


def queue_choices(*, desk: ReviewDesk) -> dict[str, list[Any]]:
    """The plans, series and specialties seen at this desk, for the filter menus."""
    rows = (
        ReviewStep.objects.filter(organization=desk.organization, node__in=desk.nodes)
        .values_list(
            "application__plan_id",
            "application__plan__year",
            "application__plan__name",
            "application__plan__series",
            "application__specialty__name",
        )
        .distinct()
        .order_by("application__plan_id")
    )
    plans: dict[int, str] = {}
    series: set[str] = set()
    specialties: set[str] = set()
    for plan_id, year, name, plan_series, specialty in rows:
        plans[plan_id] = f"{year}年度 {name}"
        series.add(plan_series)
        specialties.add(specialty)
    return {
        "plans": list(plans.items()),
        "series": sorted(series),
        "specialties": sorted(specialties),
    }


def step_at(*, desk: ReviewDesk, application_id: int) -> ReviewStep | None:
    """The latest step of the application at this desk (pending or decided), if it ever came here."""
    return (
        ReviewStep.objects.filter(
            organization=desk.organization, node__in=desk.nodes, application_id=application_id
        )
        .exclude(status=STEP.WAITING)
        .select_related("case", "application", "application__person", "application__plan")
        .order_by("-case__round", "-position")
        .first()
    )


ISSUER_SEES = (
    Application.Status.PASSED,
    Application.Status.PUBLICITY,
    Application.Status.APPROVED,
    Application.Status.CERTIFIED,
)


def application_seen_by(*, desk: ReviewDesk, application_id: int) -> bool:
    """For the organizer's and issuer's later pages: the application went through this desk.

    The issuing authority is named on the case from 提交审核 on, but sees the application only once
    the committee has passed it (评审通过, 公示, 核准, 发证): before that it is not routed there."""
    if (
        desk.issuer
        and ReviewCase.objects.filter(
            application_id=application_id,
            issuer=desk.organization,
            application__status__in=ISSUER_SEES,
        ).exists()
    ):
        return True
    return step_at(desk=desk, application_id=application_id) is not None


# --- The applicant's 流程 --------------------------------------------------------------------------


def case_history(application: Application) -> list[ReviewCase]:
    return list(
        ReviewCase.objects.filter(application=application)
        .prefetch_related("steps__organization", "steps__decided_by")
        .order_by("round")
    )


def latest_case(application: Application) -> ReviewCase | None:
    return ReviewCase.objects.filter(application=application).order_by("-round").first()


def previous_snapshot(case: ReviewCase) -> dict[str, Any] | None:
    before = (
        ReviewCase.objects.filter(application_id=case.application_id, round__lt=case.round)
        .order_by("-round")
        .values_list("snapshot", flat=True)
        .first()
    )
    return before


def flow_steps(application: Application) -> list[FlowStep]:
    """applications.hooks.flow_steps: the latest submission's route, then the committee's part."""
    case = (
        ReviewCase.objects.filter(application=application)
        .prefetch_related("steps__organization", "steps__decided_by")
        .order_by("-round")
        .first()
    )
    if case is None:
        return []
    lines: list[FlowStep] = []
    for step in case.steps.all():
        lines.append(
            FlowStep(
                node=step.get_node_display(),
                organization=step.organization.name,
                state=step.get_status_display(),
                actor=step.decided_by.display_name if step.decided_by else "",
                at=step.decided_at,
                opinion=step.opinion,
                current=step.status == STEP.PENDING,
            )
        )
    later = (
        ReviewEvent.objects.filter(
            application=application,
            node__in=[Node.COMMITTEE, Node.RESULT_PUBLICITY, Node.APPROVAL, Node.DEADLINE],
        )
        .select_related("actor", "organization")
        .order_by("created_at", "pk")
    )
    for event in later:
        lines.append(
            FlowStep(
                node=event.get_node_display(),
                organization=event.organization.name if event.organization else "",
                state=Application.Status(event.to_status).label,
                actor=event.actor.display_name,
                at=event.created_at,
                opinion=event.opinion,
            )
        )
    status = application.status
    if status == S.AWAITING:
        lines.append(
            FlowStep("评委会评审", application.plan.committee.name, "待评审", current=True)
        )
    elif status == S.PASSED:
        lines.append(
            FlowStep("评审结果公示", application.plan.organizer.name, "待公示", current=True)
        )
    elif status == S.PUBLICITY:
        lines.append(FlowStep("核准", case.issuer.name, "待核准", current=True))
    return lines


def record_actions(application: Application) -> list[RecordAction]:
    """applications.hooks.record_actions: the buttons of 当前申报记录 that apply to it.

    导出申报信息 always; 破格审批表 / 转评申报表 for those 申报形式; 流程 and 导出评审表 once
    submitted (the manual: the form is generated after submission)."""
    pk = application.pk
    actions = [
        RecordAction(
            40, "导出申报信息", reverse("reviews:mine_document", args=[pk, "summary-pdf"])
        ),
    ]
    if application.is_exceptional:
        actions.append(
            RecordAction(
                30, "破格审批表", reverse("reviews:mine_document", args=[pk, "exceptional"])
            )
        )
    if application.is_transfer:
        actions.append(
            RecordAction(30, "转评申报表", reverse("reviews:mine_document", args=[pk, "transfer"]))
        )
    if ReviewCase.objects.filter(application=application).exists():
        actions.append(RecordAction(10, "流程", reverse("reviews:mine", args=[pk])))
        actions.append(
            RecordAction(20, "导出评审表", reverse("reviews:mine_review_form", args=[pk]))
        )
        if application.plan.has_interview and application.status in INTERVIEW_OPEN:
            actions.append(RecordAction(25, "免面试", reverse("reviews:mine_exemption", args=[pk])))
        if Arrangement.objects.filter(application=application).exists():
            actions.append(
                RecordAction(26, "打印准考证", reverse("reviews:mine_ticket", args=[pk]))
            )
    return sorted(actions, key=lambda action: action.order)


# --- Publicity --------------------------------------------------------------------------------


def publicities_of(*, organization: Organization, kind: str) -> QuerySet[Publicity]:
    return (
        Publicity.objects.filter(organization=organization, kind=kind)
        .select_related("plan")
        .annotate(people=Count("applications"))
        .order_by("-starts_on", "-pk")
    )


# --- Overview (organizer per plan; a unit for its own people) --------------------------------------


@dataclass
class Overview:
    total: int
    by_status: list[tuple[str, int]]
    by_node: list[tuple[str, int]]
    by_form: list[tuple[str, int]]
    statuses: list[str]  # the columns of the specialty table
    by_specialty: list[tuple[str, list[int], int]]  # specialty, counts per status, total


def overview_applications(*, desk: ReviewDesk, plan_id: int | None) -> QuerySet[Application]:
    applications = Application.objects.exclude(status=S.DELETED)
    if desk.is_organizer:
        applications = applications.filter(plan__organizer=desk.organization)
    else:
        applications = applications.filter(unit=desk.organization)
    if plan_id:
        applications = applications.filter(plan_id=plan_id)
    return applications


def overview_plans(*, desk: ReviewDesk) -> list[tuple[int, str]]:
    rows = (
        overview_applications(desk=desk, plan_id=None)
        .values_list("plan_id", "plan__year", "plan__name")
        .distinct()
        .order_by("-plan__year", "plan__name")
    )
    return [(pk, f"{year}年度 {name}") for pk, year, name in rows]


def overview(*, applications: QuerySet[Application]) -> Overview:
    """Counts at which node and state, by specialty and 申报形式: four grouped queries."""
    labels = dict(S.choices)
    status_rows = dict(
        applications.values_list("status").annotate(n=Count("pk")).values_list("status", "n")
    )
    order = [s for s in S.values if s in status_rows]
    node_rows = (
        ReviewStep.objects.filter(application__in=applications, status=STEP.PENDING)
        .values_list("node")
        .annotate(n=Count("pk"))
        .values_list("node", "n")
    )
    node_labels = dict(Node.choices)
    by_node = sorted(
        ((node_labels[node], n) for node, n in node_rows),
        key=lambda row: list(node_labels.values()).index(row[0]),
    )
    forms = dict(ApplyFormChoices.choices)
    by_form = [
        (forms.get(form, form), n)
        for form, n in applications.values_list("apply_form")
        .annotate(n=Count("pk"))
        .values_list("apply_form", "n")
        .order_by("apply_form")
    ]
    table: dict[str, dict[str, int]] = {}
    for specialty, status, n in (
        applications.values_list("specialty__name", "status")
        .annotate(n=Count("pk"))
        .values_list("specialty__name", "status", "n")
    ):
        table.setdefault(specialty, {})[status] = n
    by_specialty = [
        (name, [counts.get(s, 0) for s in order], sum(counts.values()))
        for name, counts in sorted(table.items())
    ]
    return Overview(
        total=sum(status_rows.values()),
        by_status=[(labels[s], status_rows[s]) for s in order],
        by_node=by_node,
        by_form=by_form,
        statuses=[labels[s] for s in order],
        by_specialty=by_specialty,
    )
