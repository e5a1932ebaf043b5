"""Rules of 评审计划 at the service level: window, transitions, frozen once used, constraints."""

from collections.abc import Callable, Iterator
from datetime import date, datetime, timedelta
from typing import Any

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, connection, transaction
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from zhicheng.core.tests.db_faults import another_client_after_first_read, refused_inserts
from zhicheng.core.tests.factories import HrDepartmentFactory, PersonFactory, UserFactory
from zhicheng.core.titles import Level
from zhicheng.integrity.models import IntegrityRecord
from zhicheng.orgs.models import UnitBinding
from zhicheng.orgs.services import UNIT_REQUIRED_MESSAGE
from zhicheng.plans import hooks, services, transitions
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

pytestmark = pytest.mark.django_db


InUse = Callable[[ReviewPlan], ReviewPlan]


@pytest.fixture
def in_use() -> Iterator[InUse]:
    """Applications do not exist yet: a registered check stands in for them.

    `in_use(plan)` marks that one plan as used (and returns it); every other plan stays unused.
    """
    used: set[int] = set()

    def check(plan: ReviewPlan) -> bool:
        return plan.pk in used

    def mark(target: ReviewPlan) -> ReviewPlan:
        used.add(target.pk)
        return target

    with hooks.plan_in_use.registered(check):
        yield mark


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
    reasons = services.plan_apply_blockers(person=person, plan=plan, now=timezone.now())
    assert reasons == [UNIT_REQUIRED_MESSAGE]
    # A request still waiting: the reason says where, not "apply again".
    hr = _hr()
    UnitBinding.objects.create(person=person, unit=hr, statement="x")
    reasons = services.plan_apply_blockers(person=person, plan=plan, now=timezone.now())
    assert reasons == [f"您绑定工作单位的申请正在等待“{hr.name}”审核，审核通过后方可提交业绩和申报"]


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
    person = _person()
    IntegrityRecord.objects.create(
        person=person,
        reason="申报材料弄虚作假",
        starts_on=timezone.localdate(),
        ends_on=date(2030, 6, 30),
        hr_department=_hr(),
        recorded_by=_staff(),
    )
    reasons = services.plan_apply_blockers(person=person, plan=plan, now=timezone.now())
    assert reasons == [
        "该评审计划未发布或已关闭，不能申报",
        UNIT_REQUIRED_MESSAGE,
        "您在诚信档案中存在记录，禁止申报期至2030年6月30日（申报材料弄虚作假）",
    ]


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


def test_in_use_plan_refuses_changes_that_invalidate_applications(in_use: InUse) -> None:
    actor = _staff()
    plan = in_use(published_plan(has_interview=True, allow_exceptional=True))
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


def test_in_use_plan_still_takes_changes_that_keep_applications_valid(in_use: InUse) -> None:
    actor = _staff()
    plan = in_use(published_plan())
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


def test_in_use_plan_freezes_specialties_slots_and_categories(in_use: InUse) -> None:
    actor = _staff()
    plan = in_use(published_plan())
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
    from zhicheng.demo.plans import template_pdf

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


# --- only the marked plan is in use ----------------------------------------------------------


def test_the_in_use_fixture_marks_one_plan_only(in_use: InUse) -> None:
    used = in_use(published_plan())
    other = published_plan()
    assert services.plan_is_in_use(used) is True
    assert services.plan_is_in_use(other) is False


# --- a published plan keeps what publishing required --------------------------------------


def test_a_published_plan_cannot_be_stripped_of_what_publishing_required() -> None:
    actor = _staff()
    plan = published_plan()
    specialty = plan.specialties.get()
    slot = plan.slots.get()
    category = plan.standards.get().categories.get()
    incomplete = f"计划“{plan.name}”已发布，修改后将不符合发布条件："
    with pytest.raises(ValidationError) as caught:
        services.plan_update(plan=plan, actor=actor, **plan_kwargs(plan, standards=[]))
    assert caught.value.messages == [incomplete + "请至少选择一个评审标准"]
    with pytest.raises(ValidationError) as caught:
        services.specialty_delete(specialty=specialty, actor=actor)
    assert caught.value.messages == [incomplete + "请至少设置一个可评审专业"]
    with pytest.raises(ValidationError) as caught:
        services.slot_delete(slot=slot, actor=actor)
    assert caught.value.messages == [incomplete + "请至少设置一个附件项"]
    with pytest.raises(ValidationError) as caught:
        services.category_delete(category=category, actor=actor)
    assert caught.value.messages == [
        incomplete + f"评审标准“{category.standard.name}”尚未设置申报业绩类别"
    ]
    # Nothing was lost.
    assert plan.standards.count() == 1 and plan.specialties.count() == 1
    assert plan.slots.count() == 1 and category.standard.categories.count() == 1
    # A draft may be taken apart freely.
    draft = complete_plan()
    services.specialty_delete(specialty=draft.specialties.get(), actor=actor)
    services.slot_delete(slot=draft.slots.get(), actor=actor)
    services.category_delete(category=draft.standards.get().categories.get(), actor=actor)
    assert not draft.specialties.exists() and not draft.slots.exists()


def test_a_published_plan_keeps_the_exam_rule() -> None:
    actor = _staff()
    plan = published_plan()
    specialty = plan.specialties.get()
    with pytest.raises(ValidationError, match="需要笔试，请设置一个“仅笔试专业”且必须上传"):
        services.specialty_update(
            specialty=specialty,
            actor=actor,
            name=specialty.name,
            titles=specialty.titles,
            exam_required=True,
        )
    exam_slot = SlotFactory(plan=plan, name="笔试申请表", exam_only=True, required=True)
    services.specialty_update(
        specialty=specialty, actor=actor, name=specialty.name, titles=specialty.titles,
        exam_required=True,
    )  # fmt: skip
    with pytest.raises(ValidationError, match="需要笔试"):
        services.slot_update(
            slot=exam_slot, actor=actor, name=exam_slot.name, required=False, exam_only=True,
            note="",
        )  # fmt: skip
    exam_slot.refresh_from_db()
    assert exam_slot.required is True


def test_a_published_plan_may_move_its_deadline_while_no_one_has_applied() -> None:
    plan = published_plan()
    earlier = plan.starts_at + timedelta(hours=1)
    updated = services.plan_update(plan=plan, actor=_staff(), **plan_kwargs(plan, ends_at=earlier))
    assert updated.ends_at == earlier


# --- in use: deadline, names, exam rule ---------------------------------------------------


def test_in_use_plan_refuses_an_earlier_deadline(in_use: InUse) -> None:
    plan = in_use(published_plan())
    for ends_at in (plan.ends_at - timedelta(minutes=1), timezone.now() - timedelta(days=1)):
        with pytest.raises(ValidationError) as caught:
            services.plan_update(plan=plan, actor=_staff(), **plan_kwargs(plan, ends_at=ends_at))
        assert caught.value.message_dict["ends_at"] == ["已有人员申报该计划，不能提前申报截止时间"]
    same = services.plan_update(plan=plan, actor=_staff(), **plan_kwargs(plan))
    assert same.ends_at == plan.ends_at


def test_in_use_plan_freezes_the_names_applications_show(in_use: InUse) -> None:
    actor = _staff()
    plan = in_use(published_plan())
    specialty = plan.specialties.get()
    slot = plan.slots.get()
    category = plan.standards.get().categories.get()
    with pytest.raises(ValidationError) as caught:
        services.specialty_update(
            specialty=specialty, actor=actor, name="新名称", titles=specialty.titles,
            exam_required=False,
        )  # fmt: skip
    assert caught.value.message_dict["name"] == ["已有人员申报该计划，不能修改专业名称"]
    with pytest.raises(ValidationError) as caught:
        services.slot_update(
            slot=slot, actor=actor, name="新名称", required=True, exam_only=False, note=""
        )
    assert caught.value.message_dict["name"] == ["已有人员申报该计划，不能修改附件名称"]
    with pytest.raises(ValidationError) as caught:
        services.category_update(
            category=category, actor=actor, name="新名称", hint="",
            allowed_kinds=category.allowed_kinds, min_items=1, max_items=3,
        )  # fmt: skip
    assert caught.value.message_dict["name"] == ["已有人员申报该计划，不能修改类别名称"]
    # The note and the hint are not names: they may change.
    assert (
        services.slot_update(
            slot=slot, actor=actor, name=slot.name, required=True, exam_only=False, note="补充"
        ).note
        == "补充"
    )


def test_in_use_plan_keeps_a_required_exam_slot(in_use: InUse) -> None:
    actor = _staff()
    plan = complete_plan()
    SpecialtyFactory(plan=plan, name="化工工程", exam_required=True)
    exam_slot = SlotFactory(plan=plan, name="笔试申请表", exam_only=True, required=True)
    plan = in_use(services.plan_publish(plan=plan, actor=actor))
    with pytest.raises(ValidationError) as caught:
        services.slot_update(
            slot=exam_slot, actor=actor, name="笔试申请表", required=False, exam_only=True,
            note="",
        )  # fmt: skip
    assert caught.value.message_dict["required"] == [
        "已有人员申报该计划，需要笔试的专业须保留一个“仅笔试专业”且必须上传的附件项"
    ]
    # Other required slots may still be made optional.
    common = plan.slots.get(name="身份证正反面")
    relaxed = services.slot_update(
        slot=common, actor=actor, name=common.name, required=False, exam_only=False, note=""
    )
    assert relaxed.required is False


# --- the edit form's version; a double-clicked 保存 -----------------------------------------


def test_a_save_over_someone_elses_change_is_refused() -> None:
    plan = PlanFactory()
    seen = plan.version
    services.plan_update(plan=plan, actor=_staff(), **plan_kwargs(plan, content="他人的修改"))
    with pytest.raises(ValidationError) as caught:
        services.plan_update(
            plan=plan, actor=_staff(), version=seen, **plan_kwargs(plan, content="我的修改")
        )
    assert caught.value.messages == ["计划已被他人修改，请刷新后重试"]
    plan.refresh_from_db()
    assert plan.content == "他人的修改"
    saved = services.plan_update(
        plan=plan, actor=_staff(), version=plan.version, **plan_kwargs(plan, content="我的修改")
    )
    assert saved.content == "我的修改"


def test_a_duplicate_inserted_meanwhile_is_reported_not_a_500() -> None:
    """The exists() check passed, then another request inserted the same name (double click)."""
    existing = PlanFactory()
    kwargs = plan_kwargs(existing, name=f"{existing.name}（同时保存）")

    def other_plan() -> None:
        PlanFactory(committee=existing.committee, year=existing.year, name=kwargs["name"])

    with (
        another_client_after_first_read("plans_reviewplan", other_plan),
        pytest.raises(ValidationError) as caught,
    ):
        services.plan_create(actor=_staff(), **kwargs)
    assert caught.value.message_dict["name"] == ["本单位该年度已有同名评审计划"]
    standard: Any = StandardFactory()
    name = f"{standard.name}（同时保存）"

    def other_standard() -> None:
        StandardFactory(organizer=standard.organizer, name=name)

    with (
        another_client_after_first_read("plans_evaluationstandard", other_standard),
        pytest.raises(ValidationError) as caught,
    ):
        services.standard_create(
            organizer=standard.organizer,
            actor=_staff(),
            series=standard.series,
            level=standard.level,
            name=name,
        )
    assert caught.value.message_dict["name"] == ["本单位已有同名评审标准"]
    # The transaction is still usable after the failed insert.
    assert ReviewPlan.objects.filter(name=existing.name).count() == 1


def test_an_integrity_error_of_another_kind_is_not_disguised() -> None:
    committee = CommitteeFactory()
    kwargs = plan_kwargs(PlanFactory(committee=committee), name="另一个计划", year=1999)
    with pytest.raises(IntegrityError):
        services.plan_create(actor=_staff(), **kwargs)


# --- audit of configuration changes -------------------------------------------------------


def test_every_configuration_change_leaves_an_audit_event(tmp_path: Any, settings: Any) -> None:
    from django.core.files.uploadedfile import SimpleUploadedFile

    from zhicheng.audit.models import AuditEvent
    from zhicheng.demo.plans import template_pdf

    settings.MEDIA_ROOT = tmp_path
    actor = _staff()
    plan = PlanFactory()
    specialty = services.specialty_create(
        plan=plan, actor=actor, name="化工工程", titles=["高级工程师"], exam_required=False
    )
    services.specialty_update(
        specialty=specialty, actor=actor, name="安全工程", titles=["高级工程师"],
        exam_required=False,
    )  # fmt: skip
    services.specialty_delete(specialty=specialty, actor=actor)
    slot = services.slot_create(
        plan=plan, actor=actor, name="身份证", required=True, exam_only=False, note=""
    )
    services.slot_update(
        slot=slot, actor=actor, name="身份证", required=False, exam_only=False, note="正反面"
    )
    services.slot_delete(slot=slot, actor=actor)
    upload = SimpleUploadedFile("模板.pdf", template_pdf("模板", []), "application/pdf")
    plan_file = services.plan_file_add(plan=plan, actor=actor, upload=upload)
    services.plan_file_delete(plan_file=plan_file, actor=actor)
    standard = services.standard_create(
        organizer=plan.organizer, actor=actor, series="工程", level=Level.DEPUTY_SENIOR, name="标准"
    )
    services.standard_update(
        standard=standard, actor=actor, series="工程", level=Level.DEPUTY_SENIOR, name="新标准"
    )
    category = services.category_create(
        standard=standard, actor=actor, name="能力条件", hint="", allowed_kinds=[EntryKind.PAPER],
        min_items=0, max_items=2,
    )  # fmt: skip
    services.category_update(
        category=category, actor=actor, name="能力条件", hint="", allowed_kinds=[EntryKind.PAPER],
        min_items=0, max_items=4,
    )  # fmt: skip
    services.category_delete(category=category, actor=actor)
    services.standard_delete(standard=standard, actor=actor)
    events = list(AuditEvent.objects.filter(kind=AuditEvent.Kind.PLAN_CONFIGURED).order_by("id"))
    assert [event.detail["action"] for event in events] == [
        "specialty_create",
        "specialty_update",
        "specialty_delete",
        "slot_create",
        "slot_update",
        "slot_delete",
        "file_add",
        "file_delete",
        "standard_create",
        "standard_update",
        "category_create",
        "category_update",
        "category_delete",
        "standard_delete",
    ]
    assert all(event.user == actor for event in events)
    by_action = {event.detail["action"]: event.detail for event in events}
    assert by_action["specialty_update"]["changes"] == {"name": ["化工工程", "安全工程"]}
    assert by_action["slot_update"]["changes"] == {
        "required": [True, False],
        "note": ["", "正反面"],
    }
    assert by_action["standard_update"]["changes"] == {"name": ["标准", "新标准"]}
    assert by_action["category_update"]["changes"] == {"max_items": [2, 4]}
    assert by_action["file_add"]["name"] == "模板.pdf"
    assert by_action["specialty_delete"]["name"] == "安全工程"
    # A refused change records nothing.
    SlotFactory(plan=plan, name="学历证书")
    before = AuditEvent.objects.count()
    with pytest.raises(ValidationError, match="同名"):
        services.slot_create(
            plan=plan, actor=actor, name="学历证书", required=True, exam_only=False, note=""
        )
    assert AuditEvent.objects.count() == before


def test_a_plan_update_records_what_changed() -> None:
    from zhicheng.audit.models import AuditEvent

    plan = PlanFactory(content="旧内容")
    services.plan_update(plan=plan, actor=_staff(), **plan_kwargs(plan, content="新内容"))
    event = AuditEvent.objects.get(kind=AuditEvent.Kind.PLAN_UPDATED)
    assert event.detail["changes"] == {"content": ["旧内容", "新内容"]}


# --- stored files follow their rows -------------------------------------------------------


def test_deleting_a_draft_removes_its_files_only_after_commit(
    tmp_path: Any, settings: Any, django_capture_on_commit_callbacks: Any
) -> None:
    from django.core.files.uploadedfile import SimpleUploadedFile

    from zhicheng.demo.plans import template_pdf

    settings.MEDIA_ROOT = tmp_path
    plan = PlanFactory()
    upload = SimpleUploadedFile("模板.pdf", template_pdf("模板", []), "application/pdf")
    plan_file = services.plan_file_add(plan=plan, actor=_staff(), upload=upload)
    stored = tmp_path / plan_file.file.name
    # A rollback keeps rows and bytes.
    with pytest.raises(RuntimeError), transaction.atomic():
        services.plan_delete(plan=plan, actor=_staff())
        raise RuntimeError
    assert stored.exists() and ReviewPlan.objects.filter(pk=plan.pk).exists()
    with django_capture_on_commit_callbacks() as callbacks:
        services.plan_delete(plan=plan, actor=_staff())
        assert stored.exists()  # still there inside the transaction
    assert len(callbacks) == 1
    callbacks[0]()
    assert not stored.exists()


def test_a_failed_plan_file_add_leaves_no_stored_bytes(tmp_path: Any, settings: Any) -> None:
    from django.core.files.uploadedfile import SimpleUploadedFile

    from zhicheng.demo.plans import template_pdf

    settings.MEDIA_ROOT = tmp_path
    plan = PlanFactory()
    upload = SimpleUploadedFile("模板.pdf", template_pdf("模板", []), "application/pdf")

    # The database refuses the audit row written with the file's row.
    with refused_inserts("audit_auditevent"), pytest.raises(RuntimeError):
        services.plan_file_add(plan=plan, actor=_staff(), upload=upload)
    assert not plan.files.exists()
    assert [path for path in tmp_path.rglob("*") if path.is_file()] == []


# --- the ban, at the Asia/Shanghai day boundary -------------------------------------------


def test_the_ban_ends_at_midnight_in_shanghai_not_utc() -> None:
    from zoneinfo import ZoneInfo

    shanghai = ZoneInfo("Asia/Shanghai")
    person = bound_person()
    IntegrityRecord.objects.create(
        person=person,
        reason="申报材料弄虚作假",
        starts_on=date(2026, 7, 1),
        ends_on=date(2027, 6, 30),
        hr_department=_hr(),
        recorded_by=_staff(),
    )
    plan = published_plan()

    def ban_reasons(now: datetime) -> list[str]:
        reasons = services.plan_apply_blockers(person=person, plan=plan, now=now)
        return [reason for reason in reasons if "诚信档案" in reason]

    last_minute = datetime(2027, 6, 30, 23, 59, tzinfo=shanghai)  # 15:59 UTC
    next_day = datetime(2027, 7, 1, 0, 0, tzinfo=shanghai)  # 16:00 UTC on 30 June
    assert ban_reasons(last_minute) == [
        "您在诚信档案中存在记录，禁止申报期至2027年6月30日（申报材料弄虚作假）"
    ]
    assert ban_reasons(next_day) == []
    assert ban_reasons(datetime(2026, 6, 30, 23, 59, tzinfo=shanghai)) == []
    assert ban_reasons(datetime(2026, 7, 1, 0, 0, tzinfo=shanghai)) != []


# --- category writes lock the plans using the standard (PostgreSQL) -----------------------


@pytest.mark.skipif(
    connection.vendor != "postgresql", reason="SQLite ignores SELECT ... FOR UPDATE"
)
def test_category_writes_lock_the_plans_that_use_the_standard() -> None:
    plan = published_plan()
    category = plan.standards.get().categories.get()
    with CaptureQueriesContext(connection) as queries:
        services.category_update(
            category=category, actor=_staff(), name=category.name, hint="新提示",
            allowed_kinds=category.allowed_kinds, min_items=1, max_items=3,
        )  # fmt: skip
    locks = [q["sql"] for q in queries if "FOR UPDATE" in q["sql"]]
    assert any('FROM "plans_evaluationstandard"' in sql for sql in locks), locks
    assert any('FROM "plans_reviewplan"' in sql and "FOR UPDATE OF" in sql for sql in locks), locks


def test_closing_refuses_a_note_over_500_characters_instead_of_dropping_it() -> None:
    plan = published_plan()
    with pytest.raises(ValidationError, match="关闭说明不能超过500字"):
        services.plan_close(plan=plan, actor=_staff(), opinion="说" * 501)
    plan.refresh_from_db()
    assert plan.status == "published"
