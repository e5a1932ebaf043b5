"""Binding rules at the service level: 选择单位, 变更单位, 自由职业者, the unit's decision."""

from typing import Any

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from zhicheng.core.tests import factories as f
from zhicheng.orgs import selectors, services, transitions
from zhicheng.orgs.models import Organization, UnitBinding, UnitBindingEvent

pytestmark = pytest.mark.django_db


def request(person: Any, unit: Any, **extra: Any) -> UnitBinding:
    return services.binding_request(
        person=person, unit_id=unit.pk, statement="本人在贵单位工作", **extra
    )


def decide(
    binding: UnitBinding, actor: Any, approve: bool = True, opinion: str = ""
) -> UnitBinding:
    return services.binding_decide(
        binding=binding, unit=binding.unit, actor=actor, approve=approve, opinion=opinion
    )


def test_it_keeps_the_request_pending_until_the_unit_approves(cast: Any) -> None:
    binding = request(cast.applicant, cast.unit)
    assert binding.status == UnitBinding.Status.PENDING
    assert selectors.person_unit(person=cast.applicant) is None
    decide(binding, cast.unit_admin)
    assert selectors.person_unit(person=cast.applicant) == cast.unit
    events = list(
        UnitBindingEvent.objects.filter(binding=binding).values_list("to_status", flat=True)
    )
    assert events == ["pending", "approved"]


def test_it_refuses_an_unknown_unit(cast: Any) -> None:
    with pytest.raises(ValidationError) as error:
        services.binding_request(person=cast.applicant, unit_id=999999, statement="x")
    assert "unit" in error.value.message_dict
    assert not UnitBinding.objects.exists()


def test_it_refuses_a_unit_still_waiting_for_registration(cast: Any) -> None:
    pending_unit = f.OrganizationFactory(status=Organization.Status.PENDING)
    with pytest.raises(ValidationError):
        request(cast.applicant, pending_unit)


def test_it_needs_a_statement(cast: Any) -> None:
    with pytest.raises(ValidationError) as error:
        services.binding_request(person=cast.applicant, unit_id=cast.unit.pk, statement="  ")
    assert error.value.message_dict["statement"] == ["请输入申请说明"]


def test_it_refuses_a_second_pending_request(cast: Any) -> None:
    request(cast.applicant, cast.unit)
    with pytest.raises(ValidationError, match="待审核"):
        request(cast.applicant, cast.other_unit)
    assert UnitBinding.objects.filter(person=cast.applicant).count() == 1


def test_the_database_refuses_a_second_pending_request_too(cast: Any) -> None:
    request(cast.applicant, cast.unit)
    with pytest.raises(IntegrityError), transaction.atomic():
        UnitBinding.objects.create(person=cast.applicant, unit=cast.other_unit, statement="x")


def test_it_refuses_the_unit_already_bound(cast: Any) -> None:
    decide(request(cast.applicant, cast.unit), cast.unit_admin)
    with pytest.raises(ValidationError, match="无需重复申请"):
        request(cast.applicant, cast.unit)


def test_a_change_of_unit_keeps_the_old_binding_until_approved(cast: Any) -> None:
    first = decide(request(cast.applicant, cast.unit), cast.unit_admin)
    change = request(cast.applicant, cast.other_unit)
    assert selectors.person_unit(person=cast.applicant) == cast.unit
    decide(change, cast.other_unit_admin)
    first.refresh_from_db()
    assert first.status == UnitBinding.Status.ENDED
    assert first.ended_at is not None
    assert selectors.person_unit(person=cast.applicant) == cast.other_unit
    assert UnitBinding.objects.filter(person=cast.applicant, status="approved").count() == 1


def test_a_rejected_change_leaves_the_old_binding(cast: Any) -> None:
    decide(request(cast.applicant, cast.unit), cast.unit_admin)
    change = request(cast.applicant, cast.other_unit)
    decide(change, cast.other_unit_admin, approve=False, opinion="查无此人")
    assert selectors.person_unit(person=cast.applicant) == cast.unit
    change.refresh_from_db()
    assert (change.status, change.opinion) == ("rejected", "查无此人")


def test_a_rejection_needs_a_reason(cast: Any) -> None:
    binding = request(cast.applicant, cast.unit)
    with pytest.raises(ValidationError) as error:
        decide(binding, cast.unit_admin, approve=False, opinion=" ")
    assert "opinion" in error.value.message_dict
    binding.refresh_from_db()
    assert binding.status == UnitBinding.Status.PENDING


def test_a_unit_cannot_decide_another_units_request(cast: Any) -> None:
    binding = request(cast.applicant, cast.unit)
    with pytest.raises(ValidationError, match="不属于本单位"):
        services.binding_decide(
            binding=binding,
            unit=cast.other_unit,
            actor=cast.other_unit_admin,
            approve=True,
            opinion="",
        )
    binding.refresh_from_db()
    assert binding.status == UnitBinding.Status.PENDING


def test_a_decided_request_cannot_be_decided_again(cast: Any) -> None:
    binding = decide(request(cast.applicant, cast.unit), cast.unit_admin)
    with pytest.raises(ValidationError, match="不能再审核"):
        decide(binding, cast.unit_admin, approve=False, opinion="改主意")


def test_the_person_may_withdraw_a_pending_request_and_ask_again(cast: Any) -> None:
    binding = request(cast.applicant, cast.unit)
    services.binding_withdraw(binding=binding, actor=cast.applicant)
    binding.refresh_from_db()
    assert binding.status == UnitBinding.Status.WITHDRAWN
    with pytest.raises(ValidationError):
        decide(binding, cast.unit_admin)
    request(cast.applicant, cast.other_unit)


def test_nobody_else_may_withdraw_it(cast: Any) -> None:
    binding = request(cast.applicant, cast.unit)
    with pytest.raises(ValidationError):
        services.binding_withdraw(binding=binding, actor=cast.applicant2)


def test_a_freelancer_binds_to_the_county_hr_department(cast: Any) -> None:
    hr = cast.hr_reviewer.memberships.get().organization
    binding = request(cast.applicant, hr, is_freelancer=True)
    assert hr in selectors.acting_units(user=cast.hr_reviewer)
    decide(binding, cast.hr_reviewer)
    assert selectors.person_unit(person=cast.applicant) == hr


def test_a_freelancer_cannot_choose_an_ordinary_unit(cast: Any) -> None:
    with pytest.raises(ValidationError, match="县区人社部门"):
        request(cast.applicant, cast.unit, is_freelancer=True)


def test_an_employee_cannot_choose_an_hr_department(cast: Any) -> None:
    hr = cast.hr_reviewer.memberships.get().organization
    with pytest.raises(ValidationError, match="自由职业者"):
        request(cast.applicant, hr)


def test_a_city_hr_department_does_not_take_freelancers(cast: Any) -> None:
    city = f.HrDepartmentFactory(level=Organization.Level.CITY)
    with pytest.raises(ValidationError):
        request(cast.applicant, city, is_freelancer=True)


def test_only_persons_bind(cast: Any) -> None:
    with pytest.raises(ValidationError):
        request(cast.outsider, cast.unit)


def test_without_an_approved_unit_the_rule_says_why(cast: Any) -> None:
    with pytest.raises(ValidationError) as error:
        services.require_approved_unit(person=cast.applicant)
    assert error.value.messages == [services.UNIT_REQUIRED_MESSAGE]
    request(cast.applicant, cast.unit)  # pending is not enough
    with pytest.raises(ValidationError):
        services.require_approved_unit(person=cast.applicant)


def test_search_finds_a_unit_by_part_of_its_name(cast: Any) -> None:
    f.OrganizationFactory(name="合肥市第一中学")
    f.OrganizationFactory(name="合肥市第二中学", status=Organization.Status.PENDING)
    names = [unit.name for unit in selectors.unit_search(query="一中")]
    assert names == ["合肥市第一中学"]
    assert selectors.unit_search(query="") == []
    assert [u.name for u in selectors.unit_search(query="中学")] == ["合肥市第一中学"]


def test_freelancer_search_lists_county_hr_departments_only(cast: Any) -> None:
    f.HrDepartmentFactory(level=Organization.Level.CITY, name="某市人社局")
    found = selectors.unit_search(query="", freelancer=True)
    assert found and all(unit.accepts_freelancers for unit in found)


@pytest.mark.parametrize(
    "query", ["人社", "人社局", "蜀山区人社局", "蜀山区人社部门", "人力社保局"]
)
def test_freelancer_search_knows_the_short_names_of_hr_departments(query: str, cast: Any) -> None:
    own = f.HrDepartmentFactory(name="合肥市蜀山区人力资源和社会保障局")
    assert own in selectors.unit_search(query=query, freelancer=True)


def test_every_edge_of_the_binding_graph_is_reachable_and_nothing_else(cast: Any) -> None:
    reached = set()
    a = request(cast.applicant, cast.unit)
    reached.add(("pending", decide(a, cast.unit_admin).status))
    b = request(cast.applicant, cast.other_unit)
    reached.add(("pending", decide(b, cast.other_unit_admin, approve=False, opinion="否").status))
    c = request(cast.applicant, cast.other_unit)
    reached.add(("pending", services.binding_withdraw(binding=c, actor=cast.applicant).status))
    d = request(cast.applicant, cast.other_unit)
    decide(d, cast.other_unit_admin)
    a.refresh_from_db()
    reached.add(("approved", a.status))
    allowed = {(src, dst) for src, dsts in transitions.BINDING_ALLOWED.items() for dst in dsts}
    assert reached == allowed


def test_freelancer_search_puts_the_persons_own_county_first(cast: Any) -> None:
    f.HrDepartmentFactory(name="甲县人社局", region_code="340111")
    own = f.HrDepartmentFactory(name="乙县人社局", region_code="340123")
    found = selectors.unit_search(query="", freelancer=True, region_code="340123")
    assert found[0] == own


def test_a_clerk_cannot_approve_their_own_request(cast: Any) -> None:
    f.MembershipFactory(user=cast.applicant, organization=cast.unit, role="clerk")
    binding = request(cast.applicant, cast.unit)
    with pytest.raises(ValidationError, match="不能审核本人"):
        decide(binding, cast.applicant)
    binding.refresh_from_db()
    assert binding.status == UnitBinding.Status.PENDING


def test_the_unit_ends_the_binding_of_someone_who_left(cast: Any) -> None:
    binding = decide(request(cast.applicant, cast.unit), cast.unit_admin)
    with pytest.raises(ValidationError):
        services.binding_end(binding=binding, unit=cast.unit, actor=cast.unit_admin, opinion=" ")
    with pytest.raises(ValidationError):
        services.binding_end(
            binding=binding, unit=cast.other_unit, actor=cast.other_unit_admin, opinion="x"
        )
    services.binding_end(binding=binding, unit=cast.unit, actor=cast.unit_admin, opinion="已调离")
    binding.refresh_from_db()
    assert binding.status == UnitBinding.Status.ENDED
    assert selectors.person_unit(person=cast.applicant) is None
    assert UnitBindingEvent.objects.filter(
        binding=binding, to_status="ended", opinion="已调离"
    ).exists()


def test_entries_waiting_for_the_old_unit_come_back_on_a_change_of_unit(cast: Any) -> None:
    from zhicheng.library.models import Entry
    from zhicheng.library.tests.factories import SubmittedEntryFactory

    decide(request(cast.applicant, cast.unit), cast.unit_admin)
    waiting = SubmittedEntryFactory(person=cast.applicant, unit=cast.unit)
    decide(request(cast.applicant, cast.other_unit), cast.other_unit_admin)
    waiting.refresh_from_db()
    assert waiting.status == Entry.Status.RETURNED
    assert "工作单位已变更" in waiting.opinion


def test_many_requests_are_approved_at_once_or_none(cast: Any) -> None:
    first = request(cast.applicant, cast.unit)
    second = request(cast.applicant2, cast.unit)
    foreign = request(f.PersonFactory(), cast.other_unit)
    with pytest.raises(ValidationError):
        services.bindings_approve(
            unit=cast.unit, binding_ids=[first.pk, foreign.pk], actor=cast.unit_admin
        )
    first.refresh_from_db()
    assert first.status == UnitBinding.Status.PENDING
    services.bindings_approve(
        unit=cast.unit, binding_ids=[first.pk, second.pk], actor=cast.unit_admin
    )
    assert set(UnitBinding.objects.filter(unit=cast.unit).values_list("status", flat=True)) == {
        "approved"
    }


def test_the_pending_queue_is_oldest_first(cast: Any) -> None:
    first = request(cast.applicant, cast.unit)
    second = request(cast.applicant2, cast.unit)
    queue = list(selectors.unit_binding_requests(unit=cast.unit, status="pending"))
    assert queue == [first, second]


def test_a_registered_authority_is_suggested_from_the_credit_code(cast: Any) -> None:
    hr = cast.hr_reviewer.memberships.get().organization
    assert selectors.county_hr_for_region(region_code=hr.region_code) == hr


def test_the_binding_state_holds_approved_pending_and_latest_refusal(cast: Any) -> None:
    decide(request(cast.applicant, cast.unit), cast.unit_admin)
    for reason in ("第一次", "第二次", "第三次"):
        decide(request(cast.applicant, cast.other_unit), cast.other_unit_admin, False, reason)
    pending = request(cast.applicant, cast.other_unit)
    state = selectors.person_binding_state(person=cast.applicant)
    assert state.approved is not None and state.approved.unit == cast.unit
    assert state.pending == pending
    assert state.last_rejected is not None and state.last_rejected.opinion == "第三次"
