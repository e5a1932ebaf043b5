"""诚信档案 rules at the service level: who is recorded, which periods, 提前解除, the audit trail."""

from datetime import timedelta
from typing import Any

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone

from zhicheng.audit.models import AuditEvent
from zhicheng.core.tests.factories import HrDepartmentFactory, LegalPersonFactory, PersonFactory
from zhicheng.integrity import services, transitions
from zhicheng.integrity.models import IntegrityRecord
from zhicheng.integrity.selectors import active_ban

pytestmark = pytest.mark.django_db
S = IntegrityRecord.Status


def make(cast: Any, person: Any = None, **overrides: Any) -> IntegrityRecord:
    person = person or cast.applicant
    today = timezone.localdate()
    values: dict[str, Any] = {
        "department": cast.hr_reviewer.memberships.get().organization,
        "id_number": person.id_number,
        "name": person.name,
        "reason": "申报材料弄虚作假",
        "document_number": "测人社〔2026〕8号",
        "starts_on": today,
        "ends_on": today + timedelta(days=3 * 365),
        "actor": cast.hr_reviewer,
        **overrides,
    }
    return services.integrity_record_create(**values)


def errors(raised: pytest.ExceptionInfo[ValidationError]) -> dict[str, list[str]]:
    return raised.value.message_dict


def test_a_record_bars_the_person_and_leaves_an_event_and_an_audit_row(cast: Any) -> None:
    record = make(cast)
    assert record.status == S.ACTIVE and record.recorded_by == cast.hr_reviewer
    assert active_ban(person=cast.applicant, on=timezone.localdate()) == record
    [event] = record.events.all()
    assert (event.from_status, event.to_status, event.actor) == ("", S.ACTIVE, cast.hr_reviewer)
    [audit] = AuditEvent.objects.filter(kind=AuditEvent.Kind.INTEGRITY_RECORD)
    assert audit.detail["action"] == "created" and audit.detail["record"] == record.pk
    assert audit.detail["document_number"] == "测人社〔2026〕8号"


def test_a_lower_case_x_in_the_id_number_finds_the_person(cast: Any) -> None:
    person: Any = PersonFactory()
    while not person.id_number.endswith("X"):
        person = PersonFactory()
    record = make(cast, person, id_number=person.id_number.lower())
    assert record.person == person


@pytest.mark.parametrize(
    ("id_number", "message"),
    [("34010419900101", "18位"), ("340104199001011235", "校验位"), ("", "18位")],
)
def test_an_invalid_id_number_is_refused_next_to_the_field(
    cast: Any, id_number: str, message: str
) -> None:
    with pytest.raises(ValidationError) as raised:
        make(cast, id_number=id_number)
    assert message in " ".join(errors(raised)["id_number"])


def test_an_unknown_person_and_a_wrong_name_are_refused(cast: Any) -> None:
    legal: Any = LegalPersonFactory()
    with pytest.raises(ValidationError) as raised:
        make(cast, id_number="11010519491231002X")
    assert "没有该身份证号" in errors(raised)["id_number"][0]
    with pytest.raises(ValidationError) as raised:
        make(cast, name=cast.applicant.name + "某")
    assert "姓名与身份证号不一致" in errors(raised)["name"][0]
    assert legal.pk and not IntegrityRecord.objects.exists()


@pytest.mark.parametrize(
    ("starts", "ends", "field", "message"),
    [
        (0, -1, "ends_on", "不能早于开始日期"),
        (-6 * 366, 10, "starts_on", "不早于5年前"),
        (400, 800, "starts_on", "不晚于1年后"),
        (0, 10 * 366, "ends_on", "不能超过10年"),
        (-400, -1, "ends_on", "已到期"),
    ],
)
def test_implausible_periods_are_refused(
    cast: Any, starts: int, ends: int, field: str, message: str
) -> None:
    today = timezone.localdate()
    with pytest.raises(ValidationError) as raised:
        make(cast, starts_on=today + timedelta(starts), ends_on=today + timedelta(ends))
    assert message in errors(raised)[field][0]


def test_reason_and_document_number_are_required_and_bounded(cast: Any) -> None:
    with pytest.raises(ValidationError) as raised:
        make(cast, reason="  ", document_number="")
    assert set(errors(raised)) == {"reason"}
    with pytest.raises(ValidationError) as raised:
        make(cast, document_number=" ")
    assert "请填写处理决定文号" in errors(raised)["document_number"][0]
    with pytest.raises(ValidationError) as raised:
        make(cast, reason="x" * 501)
    assert "500" in errors(raised)["reason"][0]


def test_the_same_decision_is_not_recorded_twice(cast: Any) -> None:
    make(cast)
    with pytest.raises(ValidationError) as raised:
        make(cast)
    assert "已存在" in errors(raised)["document_number"][0]
    make(cast, document_number="测人社〔2026〕9号")


def test_ending_early_lifts_the_ban_with_the_reason_and_is_audited(cast: Any) -> None:
    record = make(cast)
    department = record.hr_department
    ended = services.integrity_record_end(
        record=record,
        department=department,
        reason=" 复核后撤销原处理决定 ",
        actor=cast.hr_reviewer,
    )
    assert ended.status == S.ENDED and ended.end_reason == "复核后撤销原处理决定"
    assert ended.ended_by == cast.hr_reviewer and ended.ended_at
    assert active_ban(person=cast.applicant, on=timezone.localdate()) is None
    assert list(record.events.values_list("to_status", "opinion"))[-1] == (
        S.ENDED,
        "复核后撤销原处理决定",
    )
    actions = AuditEvent.objects.filter(kind=AuditEvent.Kind.INTEGRITY_RECORD).order_by("pk")
    assert [a.detail["action"] for a in actions] == ["created", "ended"]
    assert actions.last().detail["end_reason"] == "复核后撤销原处理决定"  # type: ignore[union-attr]
    # A second click is refused by the state graph; nothing more is recorded.
    with pytest.raises(ValidationError, match="已提前解除"):
        services.integrity_record_end(
            record=record, department=department, reason="再次", actor=cast.hr_reviewer
        )
    assert record.events.count() == 2


@pytest.mark.parametrize(("reason", "message"), [("", "请填写解除原因"), ("x" * 501, "500")])
def test_ending_early_needs_a_reason_of_at_most_500_characters(
    cast: Any, reason: str, message: str
) -> None:
    record = make(cast)
    with pytest.raises(ValidationError) as raised:
        services.integrity_record_end(
            record=record, department=record.hr_department, reason=reason, actor=cast.hr_reviewer
        )
    assert message in errors(raised)["end_reason"][0]
    record.refresh_from_db()
    assert record.status == S.ACTIVE


def test_only_the_recording_department_ends_a_record(cast: Any) -> None:
    record = make(cast)
    with pytest.raises(ValidationError, match="本部门"):
        services.integrity_record_end(
            record=record, department=HrDepartmentFactory(), reason="x", actor=cast.hr_reviewer
        )


def test_an_expired_record_is_not_ended(cast: Any) -> None:
    record = make(cast)
    later = timezone.now() + timedelta(days=4 * 365)
    with pytest.raises(ValidationError, match="已到期"):
        services.integrity_record_end(
            record=record,
            department=record.hr_department,
            reason="x",
            actor=cast.hr_reviewer,
            now=later,
        )


def test_every_edge_of_the_state_graph(cast: Any) -> None:
    record = make(cast)
    services.integrity_record_end(
        record=record, department=record.hr_department, reason="解除", actor=cast.hr_reviewer
    )
    assert {(a, b) for a, bs in transitions.ALLOWED.items() for b in bs} == {(S.ACTIVE, S.ENDED)}
    assert set(transitions.ALLOWED) == set(S.values)


def test_the_database_refuses_an_ended_record_without_a_reason(cast: Any) -> None:
    record = make(cast)
    with pytest.raises(IntegrityError), transaction.atomic():
        IntegrityRecord.objects.filter(pk=record.pk).update(status=S.ENDED)


def test_the_state_follows_the_dates(cast: Any) -> None:
    record = make(cast, starts_on=timezone.localdate() + timedelta(days=10))
    assert record.state_on(record.starts_on - timedelta(days=1)) == "upcoming"
    assert record.state_on(record.starts_on) == "in_force"
    assert record.state_on(record.ends_on) == "in_force"
    assert record.state_on(record.ends_on + timedelta(days=1)) == "expired"
