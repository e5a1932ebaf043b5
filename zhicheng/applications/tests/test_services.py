"""Every rule of 四(二) and its 注意 list, at the service level."""

import datetime
from datetime import timedelta
from typing import Any

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from zhicheng.applications import checks, services, transitions
from zhicheng.applications.models import Application, ApplicationEvent, ImportedEntry, Section
from zhicheng.audit.models import AuditEvent
from zhicheng.integrity import services as integrity
from zhicheng.integrity.tests.test_integrity import record
from zhicheng.integrity.tests.test_services import make
from zhicheng.library import services as library
from zhicheng.library.models import Entry
from zhicheng.orgs.models import UnitBinding
from zhicheng.plans import services as plans
from zhicheng.plans.hooks import apply_start_url
from zhicheng.plans.models import ReviewPlan

from .factories import K, World, approved_entry, complete, open_plan, start, upload, world

pytestmark = pytest.mark.django_db
S = Application.Status


def messages(error: pytest.ExceptionInfo[ValidationError]) -> str:
    return " ".join(error.value.messages)


@pytest.fixture
def w(cast: Any) -> World:
    return world(cast)


# --- 马上申报 → 申报职称选择 → 诚信承诺书 -------------------------------------------------------


def test_it_starts_an_application_waiting_for_the_pledge(w: World) -> None:
    application = services.application_start(
        person=w.person,
        plan=w.plan,
        apply_form="regular",
        specialty_id=w.plain.pk,
        title="高级工程师",
        standard_id=w.standard.pk,
        confirmed=True,
        actor=w.person,
    )
    assert application.status == S.DRAFT and application.year == w.plan.year
    assert application.unit == w.unit and application.pledged_at is None
    assert application.events.get().to_status == S.DRAFT
    assert AuditEvent.objects.filter(kind=AuditEvent.Kind.APPLICATION).exists()
    # Nothing can be entered before the 诚信承诺书 is agreed to.
    with pytest.raises(ValidationError, match="诚信承诺书"):
        services.application_extra_save(application=application, data={}, actor=w.person)
    with pytest.raises(ValidationError, match="我已阅读并承诺"):
        services.application_pledge(application=application, agreed=False, actor=w.person)
    services.application_pledge(application=application, agreed=True, actor=w.person)
    application.refresh_from_db()
    assert application.pledged_at is not None


def test_a_double_clicked_submit_makes_one_application(w: World) -> None:
    first = start(w)
    second = start(w)
    assert first.pk == second.pk
    assert Application.objects.count() == 1


def test_it_rejects_second_application_in_same_plan_year(cast: Any, w: World) -> None:
    start(w)
    other, plain, _, standard, *_ = open_plan(year=w.plan.year, series="中小学教师")
    with pytest.raises(ValidationError, match="只允许申报一次") as error:
        services.application_start(
            person=w.person,
            plan=other,
            apply_form="regular",
            specialty_id=plain.pk,
            title="高级工程师",
            standard_id=standard.pk,
            confirmed=True,
            actor=w.person,
        )
    assert error.value.code == "one_per_year"


def test_the_plan_year_counts_not_the_calendar_year(w: World) -> None:
    start(w)
    # A 2027 plan open now (in 2026): another plan year, so a second application is allowed.
    later, plain, _, standard, *_ = open_plan(year=w.plan.year + 1)
    application = services.application_start(
        person=w.person,
        plan=later,
        apply_form="regular",
        specialty_id=plain.pk,
        title="高级工程师",
        standard_id=standard.pk,
        confirmed=True,
        actor=w.person,
    )
    assert application.year == w.plan.year + 1


def test_after_deleting_the_person_may_apply_again(w: World) -> None:
    first = start(w)
    services.application_delete(application=first, actor=w.person)
    first.refresh_from_db()
    assert first.status == S.DELETED
    second = start(w)
    assert second.pk != first.pk


def test_the_database_allows_one_active_application_per_person_and_year(w: World) -> None:
    application = start(w)
    duplicate = Application(
        person=w.person,
        plan=application.plan,
        year=application.year,
        apply_form="regular",
        specialty=w.plain,
        title="高级工程师",
        standard=w.standard,
    )
    with pytest.raises(IntegrityError), transaction.atomic():
        duplicate.save()
    # Deleted applications are ignored by the constraint.
    Application.objects.filter(pk=application.pk).update(status=S.DELETED)
    duplicate.save()


def test_an_active_integrity_ban_blocks_applying(w: World) -> None:
    today = timezone.localdate()
    record(w.person, today - timedelta(days=1), today + timedelta(days=300))
    with pytest.raises(ValidationError, match="诚信档案"):
        start(w)


def test_without_an_approved_unit_one_cannot_apply(w: World) -> None:
    UnitBinding.objects.filter(person=w.person).update(status=UnitBinding.Status.ENDED)
    with pytest.raises(ValidationError, match="工作单位"):
        start(w)


def test_outside_the_window_one_cannot_apply(w: World) -> None:
    with pytest.raises(ValidationError, match="申报已截止"):
        start(w, now=w.plan.ends_at + timedelta(minutes=1))
    with pytest.raises(ValidationError, match="申报尚未开始"):
        start(w, now=w.plan.starts_at - timedelta(minutes=1))


def test_a_closed_plan_cannot_be_applied_to(w: World) -> None:
    ReviewPlan.objects.filter(pk=w.plan.pk).update(status=ReviewPlan.Status.CLOSED)
    with pytest.raises(ValidationError, match="已关闭"):
        start(w)


def test_an_apply_form_the_plan_does_not_allow_is_refused(w: World) -> None:
    with pytest.raises(ValidationError) as error:
        start(w, apply_form="transfer")
    assert "常规申报、破格申报" in error.value.message_dict["apply_form"][0]


def test_the_choice_must_come_from_the_plan(w: World) -> None:
    other, other_specialty, _, other_standard, *_ = open_plan()
    base = {
        "person": w.person,
        "plan": w.plan,
        "apply_form": "regular",
        "title": "高级工程师",
        "confirmed": True,
        "actor": w.person,
    }
    with pytest.raises(ValidationError) as error:
        services.application_start(
            **base, specialty_id=other_specialty.pk, standard_id=other_standard.pk
        )
    assert set(error.value.message_dict) == {"specialty", "standard"}
    with pytest.raises(ValidationError) as error:
        services.application_start(
            **{**base, "title": "正高级工程师"}, specialty_id=w.plain.pk, standard_id=w.standard.pk
        )
    assert "title" in error.value.message_dict
    with pytest.raises(ValidationError) as error:
        services.application_start(
            **{**base, "confirmed": False}, specialty_id=w.plain.pk, standard_id=w.standard.pk
        )
    assert "确认无误" in error.value.message_dict["confirmed"][0]


def test_the_plan_is_in_use_once_someone_applied_and_its_page_leads_to_the_choice(
    w: World,
) -> None:
    assert not plans.plan_is_in_use(w.plan)
    assert apply_start_url.call(w.plan) == [f"/applications/plans/{w.plan.pk}/choose/"]
    start(w)
    assert plans.plan_is_in_use(w.plan)
    with pytest.raises(ValidationError):
        plans.specialty_delete(specialty=w.exam, actor=w.plan.created_by)


# --- 基本信息 ---------------------------------------------------------------------------------


def test_changing_the_specialty_stays_within_the_plan(w: World) -> None:
    application = start(w)
    services.application_change_specialty(
        application=application, specialty_id=w.exam.pk, title="高级工程师", actor=w.person
    )
    application.refresh_from_db()
    assert application.specialty == w.exam
    _, other_specialty, *_ = open_plan()
    with pytest.raises(ValidationError, match="同一个职称评审计划"):
        services.application_change_specialty(
            application=application,
            specialty_id=other_specialty.pk,
            title="高级工程师",
            actor=w.person,
        )


@pytest.mark.parametrize("name", ["name", "id_number", "sex"])
def test_name_id_number_and_sex_cannot_be_changed(w: World, name: str) -> None:
    application = start(w)
    with pytest.raises(ValidationError, match="不可更改"):
        services.application_basic_save(application=application, data={name: "x"}, actor=w.person)


def test_professional_years_beyond_work_years_are_set_to_work_years(w: World) -> None:
    application = start(w)
    application, clamped = services.application_basic_save(
        application=application,
        data={"work_years": 8, "professional_years": 12},
        actor=w.person,
    )
    assert clamped and application.professional_years == 8
    application, clamped = services.application_basic_save(
        application=application,
        data={"work_years": 8, "professional_years": 5},
        actor=w.person,
    )
    assert not clamped and application.professional_years == 5


def test_a_field_of_another_series_is_refused(w: World) -> None:
    application = start(w)
    with pytest.raises(ValidationError, match="该系列没有"):
        services.application_basic_save(
            application=application,
            data={"professional_info": {"teaching_subject": "数学"}},
            actor=w.person,
        )


def test_current_titles_are_reordered_with_up_and_down(w: World) -> None:
    application = start(w)
    data = {
        "series": "工程",
        "level": "中级",
        "specialty": "建筑",
        "obtained_by": "review",
        "obtained_on": datetime.date(2015, 1, 1),
        "certificate_number": "1",
        "issuer": "合肥市人社局",
    }
    a = services.current_title_save(
        application=application, data={**data, "name": "助理工程师"}, actor=w.person
    )
    b = services.current_title_save(
        application=application, data={**data, "name": "工程师"}, actor=w.person
    )
    services.current_title_move(title=b, up=True, actor=w.person)
    assert [t.name for t in application.titles.all()] == ["工程师", "助理工程师"]
    services.current_title_delete(title=b, actor=w.person)
    assert [(t.pk, t.position) for t in application.titles.all()] == [(a.pk, 1)]
    with pytest.raises(ValidationError, match="晚于今天"):
        services.current_title_save(
            application=application,
            data={**data, "name": "x", "obtained_on": timezone.localdate() + timedelta(days=1)},
            actor=w.person,
        )


def test_a_new_application_is_prefilled_from_last_years(cast: Any, w: World) -> None:
    last = complete(w, start(w))
    Application.objects.filter(pk=last.pk).update(year=w.plan.year - 1)
    application = start(w)
    assert application.pk != last.pk
    assert application.professional_info == last.professional_info
    assert application.work_years == 15
    [title] = application.titles.all()
    assert title.name == "工程师" and title.appointments.count() == 1
    assert not application.imports.exists()  # library imports are not carried over


# --- 导入 / 移除 / 上移 / 下移 ------------------------------------------------------------------


def test_only_approved_entries_of_the_person_can_be_imported(cast: Any, w: World) -> None:
    application = start(w)
    draft = approved_entry(w.person, w.unit, K.WORK)
    Entry.objects.filter(pk=draft.pk).update(status=Entry.Status.DRAFT)
    returned = approved_entry(w.person, w.unit, K.WORK, organization="别处")
    Entry.objects.filter(pk=returned.pk).update(status=Entry.Status.RETURNED)
    for entry, state in ((draft, "草稿"), (returned, "已退回")):
        with pytest.raises(ValidationError, match=f"当前状态为{state}"):
            services.application_import_entries(
                application=application, section=Section.WORK, entry_ids=[entry.pk], actor=w.person
            )
    others = approved_entry(cast.applicant2, w.unit, K.WORK)
    with pytest.raises(ValidationError, match="不存在"):
        services.application_import_entries(
            application=application, section=Section.WORK, entry_ids=[others.pk], actor=w.person
        )
    paper = approved_entry(w.person, w.unit, K.PAPER)
    with pytest.raises(ValidationError, match="不属于该栏目"):
        services.application_import_entries(
            application=application, section=Section.WORK, entry_ids=[paper.pk], actor=w.person
        )


def test_an_import_copies_the_data_and_keeps_the_link(w: World) -> None:
    application = start(w)
    entry = approved_entry(w.person, w.unit, K.EDUCATION)
    [item] = services.application_import_entries(
        application=application, section=Section.EDUCATION, entry_ids=[entry.pk], actor=w.person
    )
    assert item.entry == entry and item.summary == "安徽大学 · 数学与应用数学"
    assert ["证书编号", "1035712008050001"] in item.facts
    assert item.files and item.files[0]["name"] == "毕业证书.png"
    # What was imported stays, whatever happens to the row later.
    Entry.objects.filter(pk=entry.pk).update(school="改名大学")
    item.refresh_from_db()
    assert item.summary.startswith("安徽大学")


def test_the_library_refuses_to_change_an_entry_an_application_uses(w: World) -> None:
    application = start(w)
    entry = approved_entry(w.person, w.unit, K.WORK)
    [item] = services.application_import_entries(
        application=application, section=Section.WORK, entry_ids=[entry.pk], actor=w.person
    )
    assert library.entry_used_by(entry) == [application.label]
    with pytest.raises(ValidationError, match="已被职称申报使用"):
        library.entry_delete(entry=entry, actor=w.person)
    services.application_entry_remove(item=item, actor=w.person)
    assert Entry.objects.filter(pk=entry.pk).exists()  # 移除 keeps the library entry
    assert library.entry_used_by(entry) == []
    library.entry_delete(entry=entry, actor=w.person)


def test_a_double_import_changes_nothing_and_elsewhere_is_refused(w: World) -> None:
    application = start(w)
    project = approved_entry(w.person, w.unit, K.PROJECT)
    ability, _ = w.categories
    kwargs = {"application": application, "section": Section.PERFORMANCE, "actor": w.person}
    services.application_import_entries(**kwargs, category_id=ability.pk, entry_ids=[project.pk])
    assert (
        services.application_import_entries(
            **kwargs, category_id=ability.pk, entry_ids=[project.pk]
        )
        == []
    )
    assert ImportedEntry.objects.filter(application=application).count() == 1
    # Another category that allows projects: 已导入过的不允许二次导入.
    w.categories[1].allowed_kinds = ["project", "paper"]
    w.categories[1].save()
    with pytest.raises(ValidationError, match="不允许二次导入"):
        services.application_import_entries(
            **kwargs, category_id=w.categories[1].pk, entry_ids=[project.pk]
        )


def test_a_category_takes_no_more_than_its_maximum(w: World) -> None:
    application = start(w)
    _, results = w.categories  # at most 2
    papers = [approved_entry(w.person, w.unit, K.PAPER, title=f"论文{n}") for n in range(3)]
    with pytest.raises(ValidationError, match="最多导入2项"):
        services.application_import_entries(
            application=application,
            section=Section.PERFORMANCE,
            category_id=results.pk,
            entry_ids=[p.pk for p in papers],
            actor=w.person,
        )
    assert not application.imports.exists()


def test_a_category_of_another_standard_is_refused(w: World) -> None:
    application = start(w)
    _, _, _, _, [other, _], *_ = open_plan()
    project = approved_entry(w.person, w.unit, K.PROJECT)
    with pytest.raises(ValidationError, match="没有找到该申报业绩类别"):
        services.application_import_entries(
            application=application,
            section=Section.PERFORMANCE,
            category_id=other.pk,
            entry_ids=[project.pk],
            actor=w.person,
        )


def test_up_and_down_reorder_and_removal_leaves_no_gap(w: World) -> None:
    application = start(w)
    entries = [approved_entry(w.person, w.unit, K.WORK, organization=f"单位{n}") for n in range(3)]
    items = services.application_import_entries(
        application=application,
        section=Section.WORK,
        entry_ids=[e.pk for e in entries],
        actor=w.person,
    )
    services.application_entry_move(item=items[2], up=True, actor=w.person)
    services.application_entry_move(item=items[0], up=True, actor=w.person)  # first: no change
    order = list(application.imports.order_by("position").values_list("entry_id", "position"))
    assert order == [(entries[0].pk, 1), (entries[2].pk, 2), (entries[1].pk, 3)]
    services.application_entry_remove(item=items[0], actor=w.person)
    order = list(application.imports.order_by("position").values_list("entry_id", "position"))
    assert order == [(entries[2].pk, 1), (entries[1].pk, 2)]


def test_appraisals_need_a_result_and_education_a_qualifying_one(w: World) -> None:
    application = start(w)
    basic = approved_entry(w.person, w.unit, K.APPRAISAL, appraisal_result="basic", year=2022)
    good = approved_entry(w.person, w.unit, K.APPRAISAL, year=2023)
    items = services.application_import_entries(
        application=application,
        section=Section.APPRAISAL,
        entry_ids=[basic.pk, good.pk],
        actor=w.person,
    )
    assert [i.appraisal_choice for i in items] == ["", "pass"]
    education = approved_entry(w.person, w.unit, K.EDUCATION)
    [degree] = services.application_import_entries(
        application=application, section=Section.EDUCATION, entry_ids=[education.pk], actor=w.person
    )
    by_key = {c.key: c for c in checks.application_checks(application)}
    assert not by_key["appraisal"].ok and "合格" in by_key["appraisal"].advice
    assert not by_key["education"].ok and by_key["education"].advice == checks.QUALIFIED_MISSING
    services.application_entry_mark(item=items[0], appraisal_choice="fail", actor=w.person)
    services.application_entry_mark(item=degree, qualified=True, actor=w.person)
    by_key = {c.key: c for c in checks.application_checks(application)}
    assert by_key["appraisal"].ok and by_key["education"].ok
    with pytest.raises(ValidationError, match="只能为"):
        services.application_entry_mark(item=items[0], appraisal_choice="excellent", actor=w.person)


# --- 附件上传 -----------------------------------------------------------------------------------


def test_exam_slots_only_for_exam_specialties(w: World) -> None:
    application = start(w)
    with pytest.raises(ValidationError, match="不适用"):
        services.application_attachment_add(
            application=application, slot=w.exam_slot, checked=upload(), actor=w.person
        )
    exam_application = complete(w, application)
    assert not checks.failing(checks.application_checks(exam_application))
    services.application_change_specialty(
        application=application, specialty_id=w.exam.pk, title="高级工程师", actor=w.person
    )
    application.refresh_from_db()
    [failing] = checks.failing(checks.application_checks(application))
    assert failing.key == "attachments" and "笔试申请表" in failing.advice
    services.application_attachment_add(
        application=application, slot=w.exam_slot, checked=upload(), actor=w.person
    )
    assert not checks.failing(checks.application_checks(application))


def test_attachments_are_renamed_and_several_go_in_one_slot(w: World) -> None:
    application = start(w)
    first = services.application_attachment_add(
        application=application, slot=w.pledge_slot, checked=upload("scan1.png"), actor=w.person
    )
    services.application_attachment_add(
        application=application, slot=w.pledge_slot, checked=upload("scan2.png"), actor=w.person
    )
    services.application_attachment_rename(
        attachment=first, name="职称申报承诺书（签字）", actor=w.person
    )
    first.refresh_from_db()
    assert first.display_name == "职称申报承诺书（签字）"
    assert application.attachments.filter(slot=w.pledge_slot).count() == 2


# --- 开始检测 and 提交审核 ------------------------------------------------------------------------


def test_a_fresh_application_fails_each_check_with_advice(w: World) -> None:
    application = start(w, apply_form="exceptional")
    failing = {c.key: c for c in checks.failing(checks.application_checks(application))}
    assert set(failing) >= {
        "basic",
        "appointments",
        "education",
        "attachments",
        "exceptional",
        *(f"category-{c.pk}" for c in w.categories),
    }
    assert "证件照" in failing["basic"].advice
    assert "事业单位" in failing["appointments"].advice
    assert all(c.advice and c.section for c in failing.values())


def test_staff_of_other_units_need_no_appointments(cast: Any) -> None:
    w = world(cast)
    w.unit.is_public_institution = False
    w.unit.save()
    application = start(w)
    by_key = {c.key: c for c in checks.application_checks(application)}
    assert by_key["appointments"].ok


def test_submission_is_refused_while_a_check_fails(w: World) -> None:
    application = start(w)
    with pytest.raises(ValidationError) as error:
        services.application_submit(application=application, actor=w.person)
    assert {e.code for e in error.value.error_list} == {"checks"}
    assert "附件上传" in messages(error)
    application.refresh_from_db()
    assert application.status == S.DRAFT


def test_submission_freezes_the_application_and_records_an_event(w: World) -> None:
    application = complete(w, start(w))
    services.application_submit(application=application, actor=w.person)
    services.application_submit(application=application, actor=w.person)  # double click
    application.refresh_from_db()
    assert application.status == S.SUBMITTED and application.submitted_at
    assert list(application.events.values_list("to_status", flat=True)) == [S.DRAFT, S.SUBMITTED]
    with pytest.raises(ValidationError, match="已提交审核，不能再修改"):
        services.application_basic_save(application=application, data={}, actor=w.person)
    with pytest.raises(ValidationError, match="不能删除"):
        services.application_delete(application=application, actor=w.person)
    # Entries used by a submitted application stay locked in the library.
    item = application.imports.first()
    assert item is not None and item.entry is not None
    with pytest.raises(ValidationError, match="已被职称申报使用"):
        library.entry_delete(entry=item.entry, actor=w.person)


def test_a_ban_recorded_after_starting_blocks_submission_until_it_is_ended(
    cast: Any, w: World
) -> None:
    """提交审核 checks 诚信档案 again (the 开始检测 eligibility check): the person sees the reason."""
    application = complete(w, start(w))
    ban = make(cast, w.person, reason="评审材料中论文系伪造")
    with pytest.raises(ValidationError) as error:
        services.application_submit(application=application, actor=w.person)
    assert "诚信档案" in messages(error) and "评审材料中论文系伪造" in messages(error)
    # The page after 提交审核 says why, in the person's words.
    client = Client()
    client.force_login(w.person)
    response = client.post(reverse("applications:submit", args=[application.pk]), follow=True)
    assert "评审材料中论文系伪造" in response.content.decode()
    application.refresh_from_db()
    assert application.status == S.DRAFT
    integrity.integrity_record_end(
        record=ban, department=ban.hr_department, reason="复核撤销", actor=cast.hr_reviewer
    )
    services.application_submit(application=application, actor=w.person)
    application.refresh_from_db()
    assert application.status == S.SUBMITTED


def test_an_imported_entry_no_longer_approved_fails_the_check(w: World) -> None:
    application = complete(w, start(w))
    item = application.imports.first()
    assert item is not None
    Entry.objects.filter(pk=item.entry_id).update(status=Entry.Status.RETURNED)
    [failing] = checks.failing(checks.application_checks(application))
    assert failing.key == "imports" and item.summary in failing.advice


def test_submission_after_the_window_is_refused(w: World) -> None:
    application = complete(w, start(w))
    with pytest.raises(ValidationError, match="申报已截止"):
        services.application_submit(
            application=application, actor=w.person, now=w.plan.ends_at + timedelta(seconds=1)
        )


def test_only_the_person_changes_their_application(cast: Any, w: World) -> None:
    application = start(w)
    with pytest.raises(ValidationError, match="本人"):
        services.application_basic_save(application=application, data={}, actor=cast.applicant2)
    with pytest.raises(ValidationError, match="本人"):
        services.application_delete(application=application, actor=cast.applicant2)


# --- The state graph --------------------------------------------------------------------------


def test_every_edge_of_the_state_graph(w: World) -> None:
    """Walk the table: each allowed edge is taken by its service; every other target refused."""
    walked = set()
    application = start(w)
    services.application_delete(application=application, actor=w.person)
    walked.add((S.DRAFT, S.DELETED))
    application = complete(w, start(w))
    services.application_submit(application=application, actor=w.person)
    walked.add((S.DRAFT, S.SUBMITTED))
    edges = {(a, b) for a, targets in transitions.ALLOWED.items() for b in targets}
    # The review route's edges are walked by the reviews app (reviews/tests/test_flow.py).
    applicant_edges = {(S.DRAFT, S.SUBMITTED), (S.DRAFT, S.DELETED)}
    assert walked == applicant_edges and applicant_edges <= edges
    assert set(transitions.ALLOWED) == set(S.values)
    events = ApplicationEvent.objects.filter(to_status__in=[S.DELETED, S.SUBMITTED])
    assert {(e.from_status, e.to_status) for e in events} == applicant_edges
