"""Every rule of the library at service level."""

import datetime
from typing import Any

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone

from zhicheng.core.uploads import CheckedFile
from zhicheng.library import hooks, services, transitions
from zhicheng.library.kinds import SPECS
from zhicheng.library.models import Entry, EntryEvent
from zhicheng.library.tests.factories import EntryFactory, SubmittedEntryFactory, bind, png_bytes
from zhicheng.orgs.services import UNIT_REQUIRED_MESSAGE

S = Entry.Status
TODAY = timezone.localdate()

VALID: dict[str, dict[str, Any]] = {
    "work": {
        "start_date": datetime.date(2010, 7, 1),
        "end_date": None,
        "organization": "合肥市第一中学",
        "position": "中学数学教学",
        "post": "教研组长",
        "witness": "李四",
    },
    "education": {
        "start_date": datetime.date(2004, 9, 1),
        "end_date": datetime.date(2008, 7, 1),
        "school": "安徽大学",
        "major": "数学与应用数学",
        "education_level": "bachelor",
        "degree": "bachelor",
        "schooling_years": 4,
        "study_mode": "full_time",
        "number": "1035712008050001",
    },
    "training": {
        "year": 2023,
        "public_hours": 30,
        "professional_hours": 60,
        "organization": "安徽省继续教育网络园",
    },
    "appraisal": {"year": 2023, "appraisal_result": "excellent", "organization": "合肥市第一中学"},
    "paper": {
        "title": "函数教学中的建模思想",
        "journal": "中学数学教学",
        "issn_cn": "ISSN 1002-4646",
        "date": datetime.date(2021, 5, 1),
        "volume_issue": "2021(5)",
        "rank": 1,
        "indexed_in": "",
        "is_representative": True,
    },
    "book": {
        "title": "中学数学解题方法",
        "publisher": "安徽教育出版社",
        "isbn": "978-7-5336-0000-0",
        "date": datetime.date(2019, 1, 1),
        "role": "主编",
        "words": 12,
    },
    "project": {
        "title": "智慧课堂研究",
        "number": "JK2020-01",
        "source": "安徽省教育厅",
        "level": "province",
        "role": "主持人",
        "funding": 5,
        "start_date": datetime.date(2020, 1, 1),
        "end_date": datetime.date(2022, 12, 31),
        "completion": "done",
    },
    "award": {
        "title": "优秀教学成果奖",
        "level": "city",
        "grade": "一等奖",
        "organization": "合肥市教育局",
        "rank": 2,
        "date": datetime.date(2022, 9, 10),
    },
    "patent": {
        "title": "一种教具",
        "number": "ZL202010000000.1",
        "patent_type": "utility",
        "date": datetime.date(2021, 3, 3),
        "rank": 1,
    },
    "standard": {
        "title": "中小学实验室建设规范",
        "number": "DB34/T 0000-2021",
        "standard_type": "local",
        "date": datetime.date(2021, 6, 1),
        "rank": 3,
    },
    "teaching": {"title": "分层教学实践", "level": "province", "date": datetime.date(2020, 12, 1)},
    "rural": {
        "start_date": datetime.date(2015, 9, 1),
        "end_date": datetime.date(2016, 7, 1),
        "school": "金寨县中心小学",
        "region": "六安市金寨县",
    },
    "other": {"title": "指导学生竞赛", "description": "指导学生获省级竞赛二等奖"},
}


def test_every_kind_has_a_valid_example() -> None:
    assert set(VALID) == set(SPECS) == set(Entry.Kind.values)


@pytest.mark.parametrize("kind", sorted(VALID))
def test_it_creates_a_draft_of_every_kind(kind: str, cast: Any) -> None:
    entry = services.entry_create(
        person=cast.applicant, kind=kind, data=VALID[kind], actor=cast.applicant
    )
    assert entry.status == S.DRAFT and entry.kind == kind and entry.unit is None


@pytest.mark.parametrize("kind", sorted(VALID))
def test_it_requires_every_required_field(kind: str, cast: Any) -> None:
    required = [f for f in SPECS[kind].fields if f.required and f.name != "is_representative"]
    for field in required:
        data = {**VALID[kind], field.name: None if field.name.endswith("date") else ""}
        if field.name in ("year", "rank", "public_hours", "professional_hours", "words"):
            data[field.name] = None
        if field.name == "schooling_years":
            data[field.name] = None
        with pytest.raises(ValidationError) as caught:
            services.entry_create(person=cast.applicant, kind=kind, data=data, actor=cast.applicant)
        assert caught.value.message_dict[field.name] == [f"请填写{field.label}"]


def test_it_refuses_an_end_before_the_start(cast: Any) -> None:
    data = {**VALID["education"], "end_date": datetime.date(2003, 1, 1)}
    with pytest.raises(ValidationError) as caught:
        services.entry_create(
            person=cast.applicant, kind="education", data=data, actor=cast.applicant
        )
    assert caught.value.message_dict["end_date"] == ["毕业时间不能早于入学时间"]


def test_the_database_also_refuses_an_end_before_the_start(cast: Any) -> None:
    with pytest.raises(IntegrityError), transaction.atomic():
        EntryFactory(
            person=cast.applicant,
            start_date=datetime.date(2010, 1, 1),
            end_date=datetime.date(2009, 1, 1),
        )


@pytest.mark.parametrize(
    ("kind", "field"),
    [("work", "start_date"), ("work", "end_date"), ("paper", "date"), ("rural", "end_date")],
)
def test_it_refuses_dates_in_the_future(kind: str, field: str, cast: Any) -> None:
    data = {**VALID[kind], field: TODAY + datetime.timedelta(days=1)}
    if field == "start_date":
        data["end_date"] = None
    with pytest.raises(ValidationError) as caught:
        services.entry_create(person=cast.applicant, kind=kind, data=data, actor=cast.applicant)
    assert "不能晚于今天" in caught.value.message_dict[field][0]


def test_a_project_or_a_course_may_end_in_the_future(cast: Any) -> None:
    later = TODAY + datetime.timedelta(days=400)
    project = {**VALID["project"], "end_date": later, "completion": "ongoing"}
    services.entry_create(person=cast.applicant, kind="project", data=project, actor=cast.applicant)
    course = {**VALID["education"], "end_date": later, "number": ""}
    services.entry_create(
        person=cast.applicant, kind="education", data=course, actor=cast.applicant
    )


def test_a_year_must_be_plausible(cast: Any) -> None:
    for year in (1900, TODAY.year + 1):
        data = {**VALID["appraisal"], "year": year}
        with pytest.raises(ValidationError) as caught:
            services.entry_create(
                person=cast.applicant, kind="appraisal", data=data, actor=cast.applicant
            )
        assert "year" in caught.value.message_dict


def test_training_needs_some_hours(cast: Any) -> None:
    data = {**VALID["training"], "public_hours": 0, "professional_hours": 0}
    with pytest.raises(ValidationError) as caught:
        services.entry_create(
            person=cast.applicant, kind="training", data=data, actor=cast.applicant
        )
    assert "public_hours" in caught.value.message_dict


def test_a_field_of_another_kind_is_refused(cast: Any) -> None:
    data = {**VALID["appraisal"], "journal": "x"}
    with pytest.raises(ValidationError):
        services.entry_create(
            person=cast.applicant, kind="appraisal", data=data, actor=cast.applicant
        )


def test_only_the_person_writes_their_library(cast: Any) -> None:
    with pytest.raises(ValidationError):
        services.entry_create(
            person=cast.applicant, kind="other", data=VALID["other"], actor=cast.applicant2
        )


# --- Submission --------------------------------------------------------------------------------


def test_without_an_approved_unit_entries_cannot_be_submitted(cast: Any) -> None:
    entry = EntryFactory(person=cast.applicant)
    with pytest.raises(ValidationError) as caught:
        services.entry_submit(entry=entry, actor=cast.applicant)
    assert caught.value.messages == [UNIT_REQUIRED_MESSAGE]
    entry.refresh_from_db()
    assert entry.status == S.DRAFT


def test_submitting_sends_entries_to_the_approved_unit_with_an_event(cast: Any) -> None:
    bind(cast.applicant, cast.unit)
    entries = [EntryFactory(person=cast.applicant) for _ in range(3)]
    done = services.entries_submit(
        person=cast.applicant, entry_ids=[e.pk for e in entries], actor=cast.applicant
    )
    assert len(done) == 3
    for entry in entries:
        entry.refresh_from_db()
        assert entry.status == S.SUBMITTED and entry.unit == cast.unit and entry.submitted_at
        event = entry.events.get()
        assert (event.from_status, event.to_status, event.actor, event.organization) == (
            S.DRAFT,
            S.SUBMITTED,
            cast.applicant,
            cast.unit,
        )


def test_a_double_submit_is_refused_and_changes_nothing(cast: Any) -> None:
    bind(cast.applicant, cast.unit)
    entry = EntryFactory(person=cast.applicant)
    services.entry_submit(entry=entry, actor=cast.applicant)
    with pytest.raises(ValidationError, match="待审核"):
        services.entry_submit(entry=entry, actor=cast.applicant)
    assert entry.events.count() == 1


def test_submitting_many_is_all_or_nothing(cast: Any) -> None:
    bind(cast.applicant, cast.unit)
    draft = EntryFactory(person=cast.applicant)
    approved = EntryFactory(person=cast.applicant, status=S.APPROVED, unit=cast.unit)
    with pytest.raises(ValidationError):
        services.entries_submit(
            person=cast.applicant, entry_ids=[draft.pk, approved.pk], actor=cast.applicant
        )
    draft.refresh_from_db()
    assert draft.status == S.DRAFT


def test_one_cannot_submit_another_persons_entry(cast: Any) -> None:
    bind(cast.applicant, cast.unit)
    theirs = EntryFactory(person=cast.applicant2)
    with pytest.raises(ValidationError, match="不存在"):
        services.entries_submit(person=cast.applicant, entry_ids=[theirs.pk], actor=cast.applicant)


def test_an_incomplete_entry_cannot_be_submitted(cast: Any) -> None:
    bind(cast.applicant, cast.unit)
    entry = EntryFactory(person=cast.applicant, school="")
    with pytest.raises(ValidationError, match="信息不完整"):
        services.entry_submit(entry=entry, actor=cast.applicant)


# --- The unit's decision -----------------------------------------------------------------------


def test_the_unit_approves_and_the_entry_becomes_read_only(cast: Any) -> None:
    entry = SubmittedEntryFactory(person=cast.applicant, unit=cast.unit)
    services.entry_decide(
        entry=entry, unit=cast.unit, approve=True, opinion="", actor=cast.unit_admin
    )
    entry.refresh_from_db()
    assert entry.status == S.APPROVED and entry.decided_at
    event = entry.events.get()
    assert (event.actor, event.organization, event.to_status) == (
        cast.unit_admin,
        cast.unit,
        S.APPROVED,
    )
    from zhicheng.audit.models import AuditEvent

    audit = AuditEvent.objects.get(kind=AuditEvent.Kind.LIBRARY_ENTRY)
    assert (audit.user, audit.detail["to"], audit.detail["unit"]) == (
        cast.unit_admin,
        S.APPROVED,
        cast.unit.pk,
    )
    with pytest.raises(ValidationError, match="不能修改"):
        services.entry_update(entry=entry, data={"school": "别的学校"}, actor=cast.applicant)
    from zhicheng.core.uploads import CheckedFile
    from zhicheng.library.tests.factories import png_bytes

    with pytest.raises(ValidationError, match="不能修改"):
        services.entry_attachment_add(
            entry=entry,
            checked=CheckedFile(content=png_bytes(), kind="png", display_name="a.png"),
            actor=cast.applicant,
        )


def test_returning_needs_an_opinion(cast: Any) -> None:
    entry = SubmittedEntryFactory(person=cast.applicant, unit=cast.unit)
    with pytest.raises(ValidationError) as caught:
        services.entry_decide(
            entry=entry, unit=cast.unit, approve=False, opinion=" ", actor=cast.unit_admin
        )
    assert caught.value.message_dict["opinion"] == ["退回时请填写审核意见"]


def test_a_returned_entry_is_edited_into_a_draft_and_resubmitted(cast: Any) -> None:
    bind(cast.applicant, cast.unit)
    entry = SubmittedEntryFactory(person=cast.applicant, unit=cast.unit)
    services.entry_decide(
        entry=entry, unit=cast.unit, approve=False, opinion="证书编号有误", actor=cast.unit_admin
    )
    entry.refresh_from_db()
    assert entry.status == S.RETURNED and entry.opinion == "证书编号有误"
    services.entry_update(entry=entry, data={"number": "123"}, actor=cast.applicant)
    entry.refresh_from_db()
    assert entry.status == S.DRAFT and entry.number == "123"
    services.entry_submit(entry=entry, actor=cast.applicant)
    entry.refresh_from_db()
    assert entry.status == S.SUBMITTED
    assert [(e.from_status, e.to_status) for e in entry.events.all()] == [
        (S.SUBMITTED, S.RETURNED),
        (S.RETURNED, S.DRAFT),
        (S.DRAFT, S.SUBMITTED),
    ]


def test_a_returned_entry_may_be_resubmitted_as_it_is(cast: Any) -> None:
    bind(cast.applicant, cast.unit)
    entry = SubmittedEntryFactory(person=cast.applicant, unit=cast.unit, status=S.RETURNED)
    services.entry_submit(entry=entry, actor=cast.applicant)
    entry.refresh_from_db()
    assert entry.status == S.SUBMITTED


def test_a_unit_cannot_decide_another_units_entry(cast: Any) -> None:
    entry = SubmittedEntryFactory(person=cast.applicant, unit=cast.unit)
    with pytest.raises(ValidationError, match="不属于本单位"):
        services.entry_decide(
            entry=entry, unit=cast.other_unit, approve=True, opinion="", actor=cast.other_unit_admin
        )


def test_a_decided_entry_cannot_be_decided_again(cast: Any) -> None:
    entry = SubmittedEntryFactory(person=cast.applicant, unit=cast.unit)
    services.entry_decide(
        entry=entry, unit=cast.unit, approve=True, opinion="", actor=cast.unit_admin
    )
    with pytest.raises(ValidationError, match="不能审核"):
        services.entry_decide(
            entry=entry, unit=cast.unit, approve=False, opinion="x", actor=cast.unit_admin
        )
    assert entry.events.count() == 1


def test_the_unit_approves_many_at_once(cast: Any) -> None:
    entries = [SubmittedEntryFactory(person=cast.applicant, unit=cast.unit) for _ in range(4)]
    services.entries_approve(
        unit=cast.unit, entry_ids=[e.pk for e in entries], opinion="同意", actor=cast.unit_admin
    )
    assert Entry.objects.filter(status=S.APPROVED).count() == 4
    assert EntryEvent.objects.filter(to_status=S.APPROVED, opinion="同意").count() == 4


def test_approving_many_refuses_another_units_entries(cast: Any) -> None:
    mine = SubmittedEntryFactory(person=cast.applicant, unit=cast.unit)
    theirs = SubmittedEntryFactory(person=cast.applicant2, unit=cast.other_unit)
    with pytest.raises(ValidationError):
        services.entries_approve(
            unit=cast.unit, entry_ids=[mine.pk, theirs.pk], actor=cast.unit_admin
        )
    mine.refresh_from_db()
    assert mine.status == S.SUBMITTED


def test_every_edge_of_the_state_graph(cast: Any) -> None:
    """Walk the table: each allowed edge is reachable through a service, each other edge refused."""
    bind(cast.applicant, cast.unit)
    reached: set[tuple[str, str]] = set()

    def fresh(status: str) -> Entry:
        return EntryFactory(  # type: ignore[return-value]
            person=cast.applicant,
            status=status,
            unit=None if status == S.DRAFT else cast.unit,
            submitted_at=None if status == S.DRAFT else timezone.now(),
        )

    # Every service that moves an entry, by the status it moves to.
    moves: list[tuple[str, Any]] = [
        (S.SUBMITTED, lambda e: services.entry_submit(entry=e, actor=cast.applicant)),
        (
            S.APPROVED,
            lambda e: services.entry_decide(
                entry=e, unit=cast.unit, approve=True, opinion="", actor=cast.unit_admin
            ),
        ),
        (
            S.RETURNED,
            lambda e: services.entry_decide(
                entry=e, unit=cast.unit, approve=False, opinion="请补充", actor=cast.unit_admin
            ),
        ),
        (
            S.DRAFT,
            lambda e: services.entry_update(entry=e, data={"major": "数学"}, actor=cast.applicant),
        ),
        (S.DRAFT, lambda e: services.entry_withdraw(entry=e, actor=cast.applicant)),
        (
            S.DRAFT,
            lambda e: services.entry_attachment_add(
                entry=e,
                checked=CheckedFile(content=png_bytes(), kind="png", display_name="a.png"),
                actor=cast.applicant,
            ),
        ),
    ]
    for source in S.values:
        for target, move in moves:
            entry = fresh(source)
            allowed = target in transitions.ALLOWED[source]
            try:
                move(entry)
            except ValidationError:
                entry.refresh_from_db()
                assert entry.status == source
                continue
            entry.refresh_from_db()
            if source == target:
                continue  # changing a draft keeps it a draft, no transition
            assert allowed, f"{source} → {target} should be refused"
            assert entry.status == target
            reached.add((source, target))
    table = {(s, t) for s, targets in transitions.ALLOWED.items() for t in targets}
    assert reached == table


# --- Deleting ----------------------------------------------------------------------------------


def test_drafts_returned_and_unused_approved_entries_can_be_deleted(cast: Any) -> None:
    for status in (S.DRAFT, S.RETURNED, S.APPROVED):
        entry = EntryFactory(person=cast.applicant, status=status, unit=cast.unit)
        services.entry_delete(entry=entry, actor=cast.applicant)
    assert not Entry.objects.exists()


def test_an_entry_waiting_for_review_cannot_be_deleted(cast: Any) -> None:
    entry = SubmittedEntryFactory(person=cast.applicant, unit=cast.unit)
    with pytest.raises(ValidationError, match="审核中"):
        services.entry_delete(entry=entry, actor=cast.applicant)


def test_an_entry_used_by_an_application_cannot_be_deleted(cast: Any) -> None:
    entry = EntryFactory(person=cast.applicant, status=S.APPROVED, unit=cast.unit)

    def used_by(e: Entry) -> list[str]:
        return ["2025年度 工程系列 中级 职称申报"]

    with hooks.entry_used_by.registered(used_by), pytest.raises(ValidationError) as caught:
        services.entry_delete(entry=entry, actor=cast.applicant)
    assert "2025年度 工程系列 中级 职称申报" in caught.value.messages[0]
    assert Entry.objects.filter(pk=entry.pk).exists()


def test_one_cannot_delete_another_persons_entry(cast: Any) -> None:
    entry = EntryFactory(person=cast.applicant)
    with pytest.raises(ValidationError):
        services.entry_delete(entry=entry, actor=cast.applicant2)


def test_the_database_requires_a_unit_once_submitted(cast: Any) -> None:
    with pytest.raises(IntegrityError), transaction.atomic():
        EntryFactory(person=cast.applicant, status=S.SUBMITTED, unit=None)


def test_a_clerk_cannot_approve_their_own_entry(cast: Any) -> None:
    from zhicheng.core.tests.factories import MembershipFactory

    MembershipFactory(user=cast.applicant, organization=cast.unit, role="clerk")
    entry = SubmittedEntryFactory(person=cast.applicant, unit=cast.unit)
    with pytest.raises(ValidationError, match="不能审核本人的业绩"):
        services.entry_decide(
            entry=entry, unit=cast.unit, approve=True, opinion="", actor=cast.applicant
        )
    entry.refresh_from_db()
    assert entry.status == S.SUBMITTED


# --- Dates and amounts -------------------------------------------------------------------------


def test_dates_cannot_lie_before_the_persons_fourteenth_year(cast: Any) -> None:
    cast.applicant.birth_date = datetime.date(1990, 3, 3)
    cast.applicant.save(update_fields=["birth_date"])
    assert services.earliest_date(cast.applicant) == datetime.date(2004, 3, 3)
    data = {**VALID["paper"], "date": datetime.date(2004, 3, 2)}
    with pytest.raises(ValidationError) as caught:
        services.entry_create(person=cast.applicant, kind="paper", data=data, actor=cast.applicant)
    assert caught.value.message_dict["date"] == ["发表时间不能早于 2004-03-03"]
    data = {**VALID["appraisal"], "year": 2003}
    with pytest.raises(ValidationError) as caught:
        services.entry_create(
            person=cast.applicant, kind="appraisal", data=data, actor=cast.applicant
        )
    assert caught.value.message_dict["year"][0].startswith("年度应在 2004 至")


def test_without_a_birth_date_the_floor_is_1950(cast: Any) -> None:
    cast.applicant.birth_date = None
    assert services.earliest_date(cast.applicant) == datetime.date(1950, 1, 1)
    assert services.earliest_date(None) == datetime.date(1950, 1, 1)
    born_on_leap_day = type("P", (), {"birth_date": datetime.date(2000, 2, 29)})()
    assert services.earliest_date(born_on_leap_day) == datetime.date(2014, 3, 1)


@pytest.mark.parametrize(
    ("kind", "field"), [("education", "schooling_years"), ("project", "funding"), ("book", "words")]
)
def test_amounts_cannot_be_negative(kind: str, field: str, cast: Any) -> None:
    data = {**VALID[kind], field: -1}
    with pytest.raises(ValidationError) as caught:
        services.entry_create(person=cast.applicant, kind=kind, data=data, actor=cast.applicant)
    assert caught.value.message_dict[field][0].endswith("不能小于 0")


def test_a_finished_project_needs_an_end_date_not_in_the_future(cast: Any) -> None:
    for end, message in [
        (None, "已结题的项目请填写结束时间"),
        (TODAY + datetime.timedelta(1), "结束时间不能晚于今天"),
    ]:
        data = {**VALID["project"], "completion": "done", "end_date": end}
        with pytest.raises(ValidationError) as caught:
            services.entry_create(
                person=cast.applicant, kind="project", data=data, actor=cast.applicant
            )
        assert caught.value.message_dict["end_date"] == [message]


def test_a_degree_with_a_certificate_number_has_graduated(cast: Any) -> None:
    data = {**VALID["education"], "end_date": TODAY + datetime.timedelta(days=30)}
    with pytest.raises(ValidationError) as caught:
        services.entry_create(
            person=cast.applicant, kind="education", data=data, actor=cast.applicant
        )
    assert caught.value.message_dict["end_date"] == ["毕业时间不能晚于今天"]


def test_rural_teaching_may_be_ongoing(cast: Any) -> None:
    from zhicheng.library.kinds import entry_facts, entry_period

    data = {**VALID["rural"], "end_date": None}
    entry = services.entry_create(
        person=cast.applicant, kind="rural", data=data, actor=cast.applicant
    )
    assert ("结束时间", "至今") in entry_facts(entry)
    assert entry_period(entry).endswith("至今")


def test_one_appraisal_per_person_and_year(cast: Any) -> None:
    services.entry_create(
        person=cast.applicant, kind="appraisal", data=VALID["appraisal"], actor=cast.applicant
    )
    with pytest.raises(ValidationError) as caught:
        services.entry_create(
            person=cast.applicant, kind="appraisal", data=VALID["appraisal"], actor=cast.applicant
        )
    assert caught.value.message_dict["year"] == ["已有 2023 年度的年度考核，不能重复录入"]
    # Someone else's 2023, and my 2022, are fine; changing my 2022 into 2023 is not.
    services.entry_create(
        person=cast.applicant2, kind="appraisal", data=VALID["appraisal"], actor=cast.applicant2
    )
    other = services.entry_create(
        person=cast.applicant,
        kind="appraisal",
        data={**VALID["appraisal"], "year": 2022},
        actor=cast.applicant,
    )
    with pytest.raises(ValidationError):
        services.entry_update(entry=other, data={"year": 2023}, actor=cast.applicant)
    with pytest.raises(IntegrityError), transaction.atomic():
        Entry.objects.create(
            person=cast.applicant, kind="appraisal", year=2023, appraisal_result="pass"
        )


# --- Withdrawing, incomplete entries --------------------------------------------------------------


def test_the_person_withdraws_a_waiting_entry_into_a_draft(cast: Any) -> None:
    bind(cast.applicant, cast.unit)
    entry = EntryFactory(person=cast.applicant)
    services.entry_submit(entry=entry, actor=cast.applicant)
    with pytest.raises(ValidationError):
        services.entry_withdraw(entry=entry, actor=cast.applicant2)
    services.entry_withdraw(entry=entry, actor=cast.applicant)
    entry.refresh_from_db()
    assert entry.status == S.DRAFT
    assert entry.events.last().opinion == "本人撤回"  # type: ignore[union-attr]
    with pytest.raises(ValidationError, match="不能撤回"):
        services.entry_withdraw(entry=entry, actor=cast.applicant)


def test_an_incomplete_entry_names_the_missing_fields(cast: Any) -> None:
    bind(cast.applicant, cast.unit)
    entry = EntryFactory(person=cast.applicant, school="", major="")
    with pytest.raises(ValidationError) as caught:
        services.entry_submit(entry=entry, actor=cast.applicant)
    assert "信息不完整或有误（院校、专业）" in caught.value.messages[0]


# --- The person's current unit -----------------------------------------------------------------


def test_submitting_goes_to_the_unit_of_the_locked_binding(cast: Any) -> None:
    from zhicheng.orgs.models import UnitBinding

    binding = bind(cast.applicant, cast.unit)
    entry = EntryFactory(person=cast.applicant)
    binding.status = UnitBinding.Status.ENDED
    binding.save(update_fields=["status"])
    with pytest.raises(ValidationError) as caught:
        services.entry_submit(entry=entry, actor=cast.applicant)
    assert caught.value.messages == [UNIT_REQUIRED_MESSAGE]


def test_a_unit_cannot_decide_for_someone_who_left(cast: Any) -> None:
    """The binding ended between the queue and the decision (no service returned the entry)."""
    from zhicheng.orgs.models import UnitBinding

    entry = SubmittedEntryFactory(person=cast.applicant, unit=cast.unit)
    UnitBinding.objects.filter(person=cast.applicant).update(status=UnitBinding.Status.ENDED)
    for approve in (True, False):
        with pytest.raises(ValidationError, match="该人员已不在本单位"):
            services.entry_decide(
                entry=entry, unit=cast.unit, approve=approve, opinion="x", actor=cast.unit_admin
            )
    with pytest.raises(ValidationError, match="该人员已不在本单位"):
        services.entries_approve(unit=cast.unit, entry_ids=[entry.pk], actor=cast.unit_admin)
    entry.refresh_from_db()
    assert entry.status == S.SUBMITTED


def test_unbinding_returns_waiting_entries(cast: Any) -> None:
    from zhicheng.orgs.services import binding_end

    binding = bind(cast.applicant, cast.unit)
    entry = SubmittedEntryFactory(person=cast.applicant, unit=cast.unit)
    binding_end(binding=binding, unit=cast.unit, actor=cast.unit_admin, opinion="已离职")
    entry.refresh_from_db()
    assert entry.status == S.RETURNED and "已离职" in entry.opinion


# --- Bulk approval -----------------------------------------------------------------------------


def test_approving_many_skips_and_reports_decided_entries(cast: Any) -> None:
    waiting = SubmittedEntryFactory(person=cast.applicant, unit=cast.unit)
    decided = SubmittedEntryFactory(person=cast.applicant, unit=cast.unit)
    services.entry_decide(
        entry=decided, unit=cast.unit, approve=False, opinion="缺证书", actor=cast.unit_admin
    )
    result = services.entries_approve(
        unit=cast.unit, entry_ids=[waiting.pk, decided.pk], actor=cast.unit_admin
    )
    assert [e.pk for e in result.approved] == [waiting.pk]
    assert [e.pk for e in result.skipped] == [decided.pk]
    decided.refresh_from_db()
    assert decided.status == S.RETURNED


def test_a_refusal_in_a_batch_names_the_entry(cast: Any) -> None:
    from zhicheng.core.tests.factories import MembershipFactory

    MembershipFactory(user=cast.applicant, organization=cast.unit, role="clerk")
    mine = SubmittedEntryFactory(person=cast.applicant, unit=cast.unit)
    other = SubmittedEntryFactory(person=cast.applicant2, unit=cast.unit)
    with pytest.raises(ValidationError) as caught:
        services.entries_approve(
            unit=cast.unit, entry_ids=[mine.pk, other.pk], actor=cast.applicant
        )
    message = caught.value.messages[0]
    assert message.startswith(f"{cast.applicant.name} · 学历教育 · 合肥工业大学")
    assert "不能审核本人的业绩" in message
    assert not Entry.objects.filter(status=S.APPROVED).exists()


# --- Attachments of a returned entry, and the audit log ------------------------------------------


def _checked() -> CheckedFile:
    return CheckedFile(content=png_bytes(), kind="png", display_name="学位证.png")


def test_changing_a_returned_entrys_files_makes_it_a_draft(cast: Any) -> None:
    for change in ("add", "rename", "delete"):
        entry = SubmittedEntryFactory(person=cast.applicant, unit=cast.unit)
        attachment = services.entry_attachment_add(
            entry=EntryFactory(person=cast.applicant), checked=_checked(), actor=cast.applicant
        )
        attachment.entry = entry
        attachment.save()
        services.entry_decide(
            entry=entry, unit=cast.unit, approve=False, opinion="补充", actor=cast.unit_admin
        )
        if change == "add":
            services.entry_attachment_add(entry=entry, checked=_checked(), actor=cast.applicant)
        elif change == "rename":
            services.entry_attachment_rename(
                attachment=attachment, name="新名字.png", actor=cast.applicant
            )
        else:
            services.entry_attachment_delete(attachment=attachment, actor=cast.applicant)
        entry.refresh_from_db()
        assert entry.status == S.DRAFT, change
        last = entry.events.last()
        assert last is not None and (last.from_status, last.to_status) == (S.RETURNED, S.DRAFT)


def test_deleting_and_file_changes_are_audited(cast: Any) -> None:
    from zhicheng.audit.models import AuditEvent

    entry = EntryFactory(person=cast.applicant)
    attachment = services.entry_attachment_add(
        entry=entry, checked=_checked(), actor=cast.applicant
    )
    services.entry_attachment_rename(attachment=attachment, name="改名.png", actor=cast.applicant)
    services.entry_attachment_delete(attachment=attachment, actor=cast.applicant)
    services.entry_delete(entry=entry, actor=cast.applicant)
    rows = list(AuditEvent.objects.filter(kind=AuditEvent.Kind.LIBRARY_ENTRY).order_by("pk"))
    assert [r.detail["action"] for r in rows] == [
        "attachment_add",
        "attachment_rename",
        "attachment_delete",
        "delete",
    ]
    assert all(r.user == cast.applicant and r.detail["entry"] == entry.pk for r in rows)
    assert rows[1].detail["after"] == "改名.png"
    assert rows[3].detail["summary"] == "合肥工业大学 · 土木工程"


def test_the_admin_cannot_delete_entries() -> None:
    from django.contrib import admin

    from zhicheng.library.admin import EntryAdmin

    assert EntryAdmin(Entry, admin.site).has_delete_permission(None) is False  # type: ignore[arg-type]


def test_an_entry_without_an_attachment_cannot_be_submitted(cast: Any) -> None:
    bind(cast.applicant, cast.unit)
    bare = EntryFactory(person=cast.applicant, with_attachment=False)
    with pytest.raises(ValidationError, match="还没有附件"):
        services.entries_submit(person=cast.applicant, entry_ids=[bare.pk], actor=cast.applicant)
    bare.refresh_from_db()
    assert bare.status == S.DRAFT
