"""Rules of 评审计划 at the service level: window, transitions, frozen once used, constraints."""

from collections.abc import Iterator
from datetime import date, timedelta
from typing import Any

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone

from zhicheng.core.tests.factories import HrDepartmentFactory, PersonFactory, UserFactory
from zhicheng.orgs.models import UnitBinding
from zhicheng.orgs.services import UNIT_REQUIRED_MESSAGE
from zhicheng.plans import services, transitions
from zhicheng.plans.models import EntryKind, PlanEvent, ReviewPlan
from zhicheng.plans.tests.factories import (
    CategoryFactory,
    CommitteeFactory,
    PlanFactory,
    SlotFactory,
    SpecialtyFactory,
    StandardFactory,
    complete_plan,
    published_plan,
)
from zhicheng.plans.titles import Level
from zhicheng.reviews.models import IntegrityRecord

pytestmark = pytest.mark.django_db


@pytest.fixture
def in_use() -> Iterator[None]:
    """Applications do not exist yet: a registered check stands in for them."""

    def check(plan: ReviewPlan) -> bool:
        return True

    services.register_plan_in_use_check(check)
    yield
    services.unregister_plan_in_use_check(check)


def _hr() -> Any:
    return HrDepartmentFactory()


def _staff() -> Any:
    return UserFactory()


def _person() -> Any:
    return PersonFactory()


def plan_kwargs(plan: ReviewPlan, **changes: Any) -> dict[str, Any]:
    values = {
        "committee": plan.committee,
        "year": plan.year,
        "name": plan.name,
        "series": plan.series,
        "level": plan.level,
        "plan_type": plan.plan_type,
        "starts_at": plan.starts_at,
        "ends_at": plan.ends_at,
        "scope": plan.scope,
        "content": plan.content,
        "has_interview": plan.has_interview,
        "apply_forms": plan.apply_forms,
        "standards": list(plan.standards.all()),
    }
    values.update(changes)
    return values


def bound_person() -> Any:
    person = _person()
    UnitBinding.objects.create(
        person=person,
        unit=_hr(),
        statement="x",
        status=UnitBinding.Status.APPROVED,
    )
    return person


# --- plan_apply_blockers: one service decides 马上申报 ----------------------------------------


def test_a_bound_person_may_apply_inside_the_window() -> None:
    plan = published_plan()
    assert services.plan_apply_blockers(person=bound_person(), plan=plan, now=timezone.now()) == []


def test_it_refuses_before_the_window_opens_and_after_it_ends() -> None:
    plan = published_plan()
    person = bound_person()
    before = services.plan_apply_blockers(
        person=person, plan=plan, now=plan.starts_at - timedelta(minutes=1)
    )
    after = services.plan_apply_blockers(
        person=person, plan=plan, now=plan.ends_at + timedelta(minutes=1)
    )
    assert len(before) == 1 and before[0].startswith("申报尚未开始")
    assert len(after) == 1 and after[0].startswith("申报已截止")
    # The window's edges belong to it.
    assert services.plan_apply_blockers(person=person, plan=plan, now=plan.starts_at) == []
    assert services.plan_apply_blockers(person=person, plan=plan, now=plan.ends_at) == []


def test_it_refuses_a_draft_or_closed_plan() -> None:
    person = bound_person()
    draft = complete_plan()
    closed = published_plan(status=ReviewPlan.Status.CLOSED)
    closed.status = ReviewPlan.Status.CLOSED
    for plan in (draft, closed):
        reasons = services.plan_apply_blockers(person=person, plan=plan, now=timezone.now())
        assert reasons == ["该评审计划未发布或已关闭，不能申报"]


def test_it_refuses_a_person_without_an_approved_unit() -> None:
    plan = published_plan()
    person = _person()
    UnitBinding.objects.create(person=person, unit=_hr(), statement="x")
    reasons = services.plan_apply_blockers(person=person, plan=plan, now=timezone.now())
    assert reasons == [UNIT_REQUIRED_MESSAGE]


def test_it_refuses_a_person_under_an_integrity_ban_only_during_the_ban() -> None:
    plan = published_plan()
    person = bound_person()
    today = timezone.localdate()
    IntegrityRecord.objects.create(
        person=person,
        reason="申报材料弄虚作假",
        starts_on=today - timedelta(days=10),
        ends_on=today + timedelta(days=365),
        hr_department=_hr(),
        recorded_by=_staff(),
    )
    reasons = services.plan_apply_blockers(person=person, plan=plan, now=timezone.now())
    assert len(reasons) == 1
    assert "诚信档案" in reasons[0] and "申报材料弄虚作假" in reasons[0]
    later = timezone.now() + timedelta(days=400)
    plan.ends_at = later + timedelta(days=1)
    assert services.plan_apply_blockers(person=person, plan=plan, now=later) == []


def test_it_gives_every_reason_at_once() -> None:
    plan = complete_plan()
    reasons = services.plan_apply_blockers(person=_person(), plan=plan, now=timezone.now())
    assert len(reasons) == 2


def test_staff_cannot_apply() -> None:
    plan = published_plan()
    reasons = services.plan_apply_blockers(person=_staff(), plan=plan, now=timezone.now())
    assert "只有个人账号可以申报职称" in reasons


# --- create and update ---------------------------------------------------------------------


def test_create_puts_the_plan_in_draft_with_its_organizer_and_an_event() -> None:
    committee = CommitteeFactory()
    actor = _staff()
    standard: Any = StandardFactory(organizer=committee.parent)
    now = timezone.now()
    plan = services.plan_create(
        actor=actor,
        committee=committee,
        year=2026,
        name=" 2026年度工程系列高级工程师评审计划 ",
        series="工程",
        level=Level.DEPUTY_SENIOR,
        plan_type="review",
        starts_at=now,
        ends_at=now + timedelta(days=30),
        scope="范围",
        content="内容",
        has_interview=True,
        apply_forms=["regular", "transfer"],
        standards=[standard],
    )
    assert plan.status == ReviewPlan.Status.DRAFT
    assert plan.organizer == committee.parent
    assert plan.name == "2026年度工程系列高级工程师评审计划"
    assert plan.apply_forms == ["regular", "transfer"]
    assert list(plan.standards.all()) == [standard]
    assert PlanEvent.objects.get(plan=plan).to_status == ReviewPlan.Status.DRAFT


def test_create_reports_each_bad_field_in_chinese() -> None:
    committee = CommitteeFactory()
    wrong_standard: Any = StandardFactory(organizer=committee.parent, series="卫生")
    foreign_committee = CommitteeFactory()
    now = timezone.now()
    with pytest.raises(ValidationError) as caught:
        services.plan_create(
            actor=_staff(),
            committee=committee,
            year=2026,
            name="计划",
            series="工程",
            level=Level.DEPUTY_SENIOR,
            plan_type="review",
            starts_at=now,
            ends_at=now,
            scope="范围",
            content="内容",
            has_interview=False,
            apply_forms=[],
            standards=[wrong_standard],
        )
    errors = caught.value.message_dict
    assert errors["ends_at"] == ["申报截止时间须晚于开始时间"]
    assert errors["apply_forms"] == ["请至少选择一种申报形式"]
    assert "与计划的职称系列或评审级别不符" in errors["standards"][0]
    plan = PlanFactory(committee=committee)
    with pytest.raises(ValidationError) as caught:
        services.plan_update(
            plan=plan, actor=_staff(), **plan_kwargs(plan, committee=foreign_committee)
        )
    assert caught.value.message_dict["committee"] == ["请选择本单位组建的评委会"]


def test_the_database_keeps_the_window_and_count_invariants() -> None:
    plan = PlanFactory()
    with pytest.raises(IntegrityError), transaction.atomic():
        ReviewPlan.objects.filter(pk=plan.pk).update(ends_at=plan.starts_at)
    with pytest.raises(IntegrityError), transaction.atomic():
        ReviewPlan.objects.filter(pk=plan.pk).update(
            allow_regular=False, allow_exceptional=False, allow_transfer=False
        )
    with pytest.raises(IntegrityError), transaction.atomic():
        CategoryFactory(min_items=4, max_items=3)


def test_a_level_change_that_orphans_specialty_titles_is_refused() -> None:
    plan = PlanFactory()
    SpecialtyFactory(plan=plan, name="化工工程", titles=["高级工程师"])
    with pytest.raises(ValidationError) as caught:
        services.plan_update(plan=plan, actor=_staff(), **plan_kwargs(plan, level=Level.SENIOR))
    assert "化工工程" in caught.value.message_dict["level"][0]


# --- publish and close: every edge of transitions.ALLOWED ----------------------------------


def test_publish_needs_a_complete_plan() -> None:
    plan = PlanFactory()
    with pytest.raises(ValidationError) as caught:
        services.plan_publish(plan=plan, actor=_staff())
    assert caught.value.messages == [
        "请至少设置一个可评审专业",
        "请至少选择一个评审标准",
        "请至少设置一个附件项",
    ]
    plan.refresh_from_db()
    assert plan.status == ReviewPlan.Status.DRAFT


def test_publish_refuses_a_standard_without_categories_and_a_past_deadline() -> None:
    plan = complete_plan()
    plan.standards.add(StandardFactory(organizer=plan.organizer, name="空标准"))
    later = plan.ends_at + timedelta(minutes=1)
    problems = services.plan_publish_problems(plan=plan, now=later)
    assert "申报截止时间已过，请先修改申报起止日期" in problems
    assert "评审标准“空标准”尚未设置申报业绩类别" in problems


def test_exam_specialties_need_an_exam_attachment_slot() -> None:
    plan = complete_plan()
    SpecialtyFactory(plan=plan, name="化工工程", exam_required=True)
    with pytest.raises(ValidationError) as caught:
        services.plan_publish(plan=plan, actor=_staff())
    assert "化工工程需要笔试" in caught.value.messages[0]
    SlotFactory(plan=plan, name="笔试申请表", exam_only=True, required=True)
    assert services.plan_publish(plan=plan, actor=_staff()).status == "published"


def test_every_edge_of_the_plan_state_graph() -> None:
    actor = _staff()
    plan = complete_plan()
    assert {
        "draft": {"published"},
        "published": {"closed"},
        "closed": set(),
    } == transitions.ALLOWED
    plan = services.plan_publish(plan=plan, actor=actor)
    assert plan.status == "published" and plan.published_at is not None
    with pytest.raises(ValidationError, match="不能变为"):
        services.plan_publish(plan=plan, actor=actor)
    plan = services.plan_close(plan=plan, actor=actor, opinion="评审结束")
    assert plan.status == "closed" and plan.closed_at is not None
    for change in (services.plan_publish, services.plan_close):
        with pytest.raises(ValidationError, match="不能变为"):
            change(plan=plan, actor=actor)
    events = list(plan.events.values_list("from_status", "to_status", "opinion"))
    assert events == [
        ("draft", "published", ""),
        ("published", "closed", "评审结束"),
    ]
    draft = complete_plan()
    with pytest.raises(ValidationError, match="不能变为"):
        services.plan_close(plan=draft, actor=actor)


def test_a_closed_plan_cannot_be_edited_and_only_a_draft_is_deleted() -> None:
    actor = _staff()
    plan = services.plan_close(plan=published_plan(), actor=actor)
    with pytest.raises(ValidationError, match="已关闭"):
        services.plan_update(plan=plan, actor=actor, **plan_kwargs(plan, content="新内容"))
    with pytest.raises(ValidationError, match="已关闭"):
        services.slot_create(
            plan=plan, actor=actor, name="新附件", required=False, exam_only=False, note=""
        )
    with pytest.raises(ValidationError, match="只能删除草稿"):
        services.plan_delete(plan=plan, actor=actor)
    draft = PlanFactory()
    services.plan_delete(plan=draft, actor=actor)
    assert not ReviewPlan.objects.filter(pk=draft.pk).exists()


# --- frozen once used --------------------------------------------------------------------


def test_no_plan_is_in_use_until_applications_register_a_check() -> None:
    assert services.plan_is_in_use(published_plan()) is False


def test_in_use_plan_refuses_changes_that_invalidate_applications(in_use: None) -> None:
    actor = _staff()
    plan = published_plan(has_interview=True, allow_exceptional=True)
    standard = plan.standards.get()
    with pytest.raises(ValidationError) as caught:
        services.plan_update(
            plan=plan,
            actor=actor,
            **plan_kwargs(
                plan,
                year=2027,
                level=Level.SENIOR,
                has_interview=False,
                apply_forms=["regular"],
                standards=[],
            ),
        )
    errors = caught.value.message_dict
    assert errors["year"] == ["已有人员申报该计划，不能修改年度（会使已提交的申报失效）"]
    assert "评审级别" in errors["level"][0]
    assert "有无面试" in errors["has_interview"][0]
    assert errors["apply_forms"] == ["已有人员申报该计划，不能取消申报形式：破格申报"]
    assert standard.name in errors["standards"][0]


def test_in_use_plan_still_takes_changes_that_keep_applications_valid(in_use: None) -> None:
    actor = _staff()
    plan = published_plan()
    later = plan.ends_at + timedelta(days=7)
    plan = services.plan_update(
        plan=plan,
        actor=actor,
        **plan_kwargs(plan, ends_at=later, content="补充说明", apply_forms=["regular", "transfer"]),
    )
    assert plan.ends_at == later and plan.content == "补充说明" and plan.allow_transfer
    slot = services.slot_create(
        plan=plan, actor=actor, name="其他材料", required=False, exam_only=False, note=""
    )
    assert slot.required is False


def test_in_use_plan_freezes_specialties_slots_and_categories(in_use: None) -> None:
    actor = _staff()
    plan = published_plan()
    specialty = plan.specialties.get()
    slot = plan.slots.get()
    category = plan.standards.get().categories.get()
    with pytest.raises(ValidationError, match="不能删除可评审专业"):
        services.specialty_delete(specialty=specialty, actor=actor)
    with pytest.raises(ValidationError) as caught:
        services.specialty_update(
            specialty=specialty, actor=actor, name=specialty.name, titles=[], exam_required=True
        )
    assert "不能修改是否需要笔试" in caught.value.message_dict["exam_required"][0]
    with pytest.raises(ValidationError, match="不能删除附件项"):
        services.slot_delete(slot=slot, actor=actor)
    with pytest.raises(ValidationError) as caught:
        services.slot_create(
            plan=plan, actor=actor, name="新增必传", required=True, exam_only=False, note=""
        )
    assert caught.value.message_dict["required"] == [
        "已有人员申报该计划，新增的附件项只能设为非必须上传"
    ]
    with pytest.raises(ValidationError) as caught:
        services.category_update(
            category=category,
            actor=actor,
            name=category.name,
            hint="",
            allowed_kinds=[EntryKind.PAPER],
            min_items=2,
            max_items=2,
        )
    errors = caught.value.message_dict
    assert errors["min_items"] == ["已有人员申报该计划，不能提高最少项数（原为 1）"]
    assert errors["max_items"] == ["已有人员申报该计划，不能降低最多项数（原为 3）"]
    assert errors["allowed_kinds"] == ["已有人员申报该计划，不能取消可导入的业绩类型：项目/课题"]
    with pytest.raises(ValidationError, match="不能删除申报业绩类别"):
        services.category_delete(category=category, actor=actor)
    # Loosening stays possible.
    loosened = services.category_update(
        category=category,
        actor=actor,
        name=category.name,
        hint="放宽后的提示",
        allowed_kinds=[*category.allowed_kinds, EntryKind.BOOK],
        min_items=0,
        max_items=10,
    )
    assert loosened.max_items == 10


def test_a_standard_in_a_plan_keeps_its_series_and_level() -> None:
    plan = complete_plan()
    standard = plan.standards.get()
    with pytest.raises(ValidationError) as caught:
        services.standard_update(
            standard=standard, actor=_staff(), series="卫生", level=standard.level, name="x"
        )
    assert caught.value.message_dict["level"] == [
        "该评审标准已被评审计划选用，不能修改职称系列或评审级别"
    ]
    with pytest.raises(ValidationError, match="不能删除"):
        services.standard_delete(standard=standard, actor=_staff())


# --- specialties and categories ----------------------------------------------------------


def test_specialty_titles_come_from_the_series_at_the_plan_level() -> None:
    plan = PlanFactory()
    with pytest.raises(ValidationError) as caught:
        services.specialty_create(
            plan=plan, actor=_staff(), name="化工工程", titles=["主任医师"], exam_required=True
        )
    assert caught.value.message_dict["titles"] == ["工程副高级的职称只有：高级工程师"]
    specialty = services.specialty_create(
        plan=plan, actor=_staff(), name="化工工程", titles=["高级工程师"], exam_required=True
    )
    assert specialty.exam_required
    with pytest.raises(ValidationError) as caught:
        services.specialty_create(
            plan=plan,
            actor=_staff(),
            name="化工工程",
            titles=["高级工程师"],
            exam_required=False,
        )
    assert caught.value.message_dict["name"] == ["该计划已有同名专业"]


def test_category_counts_are_checked() -> None:
    standard = StandardFactory()
    with pytest.raises(ValidationError) as caught:
        services.category_create(
            standard=standard,
            actor=_staff(),
            name="能力条件",
            hint="",
            allowed_kinds=[],
            min_items=3,
            max_items=2,
        )
    errors = caught.value.message_dict
    assert errors["max_items"] == ["最多项数不能小于最少项数"]
    assert errors["allowed_kinds"] == ["请至少选择一种可导入的业绩类型"]
    category = services.category_create(
        standard=standard,
        actor=_staff(),
        name="能力条件",
        hint="",
        allowed_kinds=[EntryKind.AWARD],
        min_items=1,
        max_items=1,
    )
    assert category.count_rule == "须导入1项"


def test_plan_file_is_checked_by_its_bytes(tmp_path: Any, settings: Any) -> None:
    from django.core.files.uploadedfile import SimpleUploadedFile

    settings.MEDIA_ROOT = tmp_path
    plan = PlanFactory()
    with pytest.raises(ValidationError, match="只能上传"):
        services.plan_file_add(
            plan=plan,
            actor=_staff(),
            upload=SimpleUploadedFile("模板.pdf", b"MZ not a pdf", "application/pdf"),
        )
    from zhicheng.plans.demo import template_pdf

    plan_file = services.plan_file_add(
        plan=plan,
        actor=_staff(),
        upload=SimpleUploadedFile(
            "承诺书模板.pdf", template_pdf("承诺书", ["x"]), "application/pdf"
        ),
    )
    assert plan_file.display_name == "承诺书模板.pdf"
    assert (
        plan_file.file.name.startswith(f"plans/{plan.pk}/") and "承诺书" not in plan_file.file.name
    )


def test_the_ban_model_refuses_an_end_before_its_start() -> None:
    with pytest.raises(IntegrityError), transaction.atomic():
        IntegrityRecord.objects.create(
            person=_person(),
            reason="x",
            starts_on=date(2026, 1, 2),
            ends_on=date(2026, 1, 1),
            hr_department=_hr(),
            recorded_by=_staff(),
        )
