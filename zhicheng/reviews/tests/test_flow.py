"""The review route walked through the services: every edge, the rules at each node."""

import datetime
from typing import Any

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from zhicheng.applications import services as application_services
from zhicheng.applications.models import Application
from zhicheng.applications.transitions import ALLOWED
from zhicheng.reviews import hooks, services
from zhicheng.reviews.models import ReviewCase, ReviewEvent, ReviewStep
from zhicheng.reviews.tests.factories import chain, past_period, submitted, through_route

pytestmark = pytest.mark.django_db
S = Application.Status
D = services.Decision


@pytest.fixture
def c(cast: Any) -> Any:
    return chain(cast)


def test_submission_stores_the_route_of_the_tree(c: Any) -> None:
    application = submitted(c)
    case = ReviewCase.objects.get(application=application)
    steps = list(case.steps.values_list("organization__name", "node", "status"))
    assert steps == [
        ("测试学校", "unit", "pending"),
        ("测试主管部门", "department", "waiting"),
        (c.county.name, "hr", "waiting"),
        ("测试市人社局", "hr", "waiting"),
        ("测试省人社厅", "hr", "waiting"),
        (c.organizer_org.name, "organizer", "waiting"),
    ]
    assert case.issuer == c.province
    # A later change of the tree does not move it.
    c.department.parent = c.city
    c.department.save()
    assert case.steps.count() == 6


def test_the_unit_needs_its_publicity_before_it_passes(c: Any) -> None:
    application = submitted(c)
    with pytest.raises(ValidationError, match="单位公示"):
        services.step_decide(
            application=application,
            organization=c.cast.unit,
            decision=D.PASS,
            opinion="",
            actor=c.cast.unit_admin,
        )


def test_a_publicity_shorter_than_five_working_days_is_refused(c: Any) -> None:
    application = submitted(c)
    # 2026-09-28 (Mon) … 2026-10-09 (Fri): the National Day holiday leaves few working days.
    with pytest.raises(ValidationError, match="至少 5 个工作日"):
        services.unit_publicity_record(
            unit=c.cast.unit,
            applications=[application],
            starts_on=datetime.date(2026, 10, 1),
            ends_on=datetime.date(2026, 10, 8),
            place="公示栏",
            result="",
            objections="",
            actor=c.cast.unit_admin,
        )


def test_the_whole_route_to_approval(c: Any) -> None:
    application = through_route(c, submitted(c), upto=5)
    assert application.status == S.QUALIFYING
    services.step_decide(
        application=application,
        organization=c.organizer_org,
        decision=D.PASS,
        opinion="资格审查通过",
        actor=c.cast.organizer,
    )
    application.refresh_from_db()
    assert application.status == S.AWAITING
    meeting = services.meeting_create(
        plan=c.world.plan,
        held_on=timezone.localdate(),
        place="评审会议室",
        members=9,
        applications=[application],
        actor=c.cast.organizer,
    )
    services.vote_record(
        meeting=meeting, application=application, present=6, yes=4, no=1, abstain=1,
        actor=c.cast.organizer,
    )  # fmt: skip
    application.refresh_from_db()
    assert application.status == S.PASSED
    start, end = past_period()
    services.result_publicity_record(
        organizer=c.organizer_org, plan=c.world.plan, applications=[application],
        starts_on=start, ends_on=end, place="https://example.cn/gs", actor=c.cast.organizer,
    )  # fmt: skip
    application.refresh_from_db()
    assert application.status == S.PUBLICITY
    seen: list[Any] = []
    with hooks.result_approved.registered(lambda results, actor: seen.extend(results)):
        services.results_approve(
            issuer=c.province, applications=[application], approval_number="皖人社秘〔2026〕1号",
            actor=c.province_issuer,
        )  # fmt: skip
    application.refresh_from_db()
    assert application.status == S.APPROVED
    assert [r.approval_number for r in seen] == ["皖人社秘〔2026〕1号"]
    nodes = list(ReviewEvent.objects.filter(application=application).values_list("node", flat=True))
    assert nodes == [
        "unit", "department", "hr", "hr", "hr", "organizer", "committee", "publicity", "approval",
    ]  # fmt: skip


def test_a_vote_one_short_of_two_thirds_fails_with_the_reason(c: Any) -> None:
    application = through_route(c, submitted(c))
    meeting = services.meeting_create(
        plan=c.world.plan, held_on=timezone.localdate(), place="会议室", members=9,
        applications=[application], actor=c.cast.organizer,
    )  # fmt: skip
    services.vote_record(
        meeting=meeting, application=application, present=6, yes=3, no=2, abstain=1,
        actor=c.cast.organizer,
    )  # fmt: skip
    application.refresh_from_db()
    assert application.status == S.FAILED
    event = ReviewEvent.objects.get(application=application, node="committee")
    assert "同意票未达到出席人数的 2/3" in event.opinion


def test_votes_that_do_not_add_up_are_refused(c: Any) -> None:
    application = through_route(c, submitted(c))
    meeting = services.meeting_create(
        plan=c.world.plan, held_on=timezone.localdate(), place="会议室", members=9,
        applications=[application], actor=c.cast.organizer,
    )  # fmt: skip
    with pytest.raises(ValidationError):
        services.vote_record(
            meeting=meeting, application=application, present=6, yes=4, no=1, abstain=0,
            actor=c.cast.organizer,
        )  # fmt: skip


def test_return_reopens_and_resubmission_restarts_at_the_unit_with_a_diff(c: Any) -> None:
    application = through_route(c, submitted(c), upto=2)
    services.step_decide(
        application=application, organization=c.county, decision=D.RETURN,
        opinion="请补充继续教育", actor=c.cast.hr_reviewer,
    )  # fmt: skip
    application.refresh_from_db()
    assert application.status == S.DRAFT and application.is_editable
    case = ReviewCase.objects.get(application=application)
    assert case.status == "returned" and case.return_deadline is not None
    application_services.application_basic_save(
        application=application,
        data={"phone": "13900000000", "work_years": 16, "professional_years": 12},
        actor=application.person,
    )
    application_services.application_submit(application=application, actor=application.person)
    second = ReviewCase.objects.get(application=application, round=2)
    assert second.steps.get(status="pending").node == "unit"
    from zhicheng.reviews.snapshot import snapshot_diff

    diff = snapshot_diff(case.snapshot, second.snapshot)
    assert ("手机号码", "13800000000", "13900000000") in diff.fields
    assert ("工作年限", "15", "16") in diff.fields


def test_return_and_reject_need_an_opinion(c: Any) -> None:
    application = submitted(c)
    for decision in (D.RETURN, D.REJECT):
        with pytest.raises(ValidationError, match="请填写意见"):
            services.step_decide(
                application=application, organization=c.cast.unit, decision=decision,
                opinion=" ", actor=c.cast.unit_admin,
            )  # fmt: skip


def test_reject_is_final(c: Any) -> None:
    application = submitted(c)
    services.step_decide(
        application=application, organization=c.cast.unit, decision=D.REJECT,
        opinion="不符合申报条件", actor=c.cast.unit_admin,
    )  # fmt: skip
    application.refresh_from_db()
    assert application.status == S.REJECTED and ALLOWED[S.REJECTED] == set()


def test_nobody_decides_their_own_application(c: Any) -> None:
    application = submitted(c)
    with pytest.raises(ValidationError, match="本人"):
        services.step_decide(
            application=application, organization=c.cast.unit, decision=D.PASS,
            opinion="", actor=application.person,
        )  # fmt: skip


def test_a_second_decision_at_the_same_node_is_told(c: Any) -> None:
    application = through_route(c, submitted(c), upto=1)
    with pytest.raises(ValidationError, match="已由他人处理"):
        services.step_decide(
            application=application, organization=c.cast.unit, decision=D.PASS,
            opinion="", actor=c.cast.unit_admin,
        )  # fmt: skip
    assert ReviewEvent.objects.filter(application=application).count() == 1


def test_a_returned_application_past_its_deadline_expires(c: Any) -> None:
    application = submitted(c)
    services.step_decide(
        application=application, organization=c.cast.unit, decision=D.RETURN,
        opinion="材料不全", actor=c.cast.unit_admin,
    )  # fmt: skip
    case = ReviewCase.objects.get(application=application)
    assert case.return_deadline is not None
    later = case.return_deadline + datetime.timedelta(days=1)
    assert services.returns_expire(today=later) == [application]
    application.refresh_from_db()
    assert application.status == S.EXPIRED


def test_a_deadline_later_than_allowed_is_refused(c: Any) -> None:
    application = submitted(c)
    with pytest.raises(ValidationError):
        services.step_decide(
            application=application, organization=c.cast.unit, decision=D.RETURN,
            opinion="材料不全", actor=c.cast.unit_admin,
            deadline=timezone.localdate() + datetime.timedelta(days=400),
        )  # fmt: skip


def test_batch_pass_skips_those_without_publicity(c: Any) -> None:
    first = submitted(c)
    second = submitted(c, person=c.cast.applicant2)
    from zhicheng.reviews.tests.factories import unit_publicity

    unit_publicity(c, [first])
    result = services.steps_pass_many(
        organization=c.cast.unit, applications=[first, second], opinion="", actor=c.cast.unit_admin
    )
    assert result.done == [first] and [a for a, _ in result.skipped] == [second]
    assert ReviewStep.objects.get(application=first, position=2).status == "pending"


def test_every_edge_of_the_graph_is_walked() -> None:
    """The edges the tests above walk, listed against the table so a new edge needs a test."""
    walked = {
        (S.DRAFT, S.SUBMITTED), (S.DRAFT, S.DELETED), (S.DRAFT, S.EXPIRED),
        (S.SUBMITTED, S.QUALIFYING), (S.SUBMITTED, S.DRAFT), (S.SUBMITTED, S.REJECTED),
        (S.QUALIFYING, S.AWAITING), (S.QUALIFYING, S.DRAFT), (S.QUALIFYING, S.REJECTED),
        (S.AWAITING, S.PASSED), (S.AWAITING, S.FAILED), (S.PASSED, S.PUBLICITY),
        (S.PUBLICITY, S.APPROVED), (S.APPROVED, S.CERTIFIED),
    }  # fmt: skip
    table = {(a, b) for a, targets in ALLOWED.items() for b in targets}
    assert walked == table


def test_an_active_ban_blocks_submission_with_the_reason(c: Any) -> None:
    from zhicheng.applications.tests import factories as af
    from zhicheng.integrity.models import IntegrityRecord

    application = af.complete(c.world, af.start(c.world))
    IntegrityRecord.objects.create(
        person=application.person, reason="提供虚假材料", starts_on=timezone.localdate(),
        ends_on=timezone.localdate() + datetime.timedelta(days=365), hr_department=c.county,
        recorded_by=c.cast.hr_reviewer,
    )  # fmt: skip
    with pytest.raises(ValidationError, match="提供虚假材料"):
        application_services.application_submit(application=application, actor=application.person)
    application.refresh_from_db()
    assert application.status == S.DRAFT
