"""诚信档案: the ban that blocks applying (used by plans.services.plan_apply_blockers)."""

from datetime import date
from typing import Any

import pytest

from zhicheng.core.tests.factories import HrDepartmentFactory, PersonFactory, UserFactory
from zhicheng.integrity.models import IntegrityRecord
from zhicheng.integrity.selectors import active_ban

pytestmark = pytest.mark.django_db


def record(person: Any, starts: date, ends: date) -> IntegrityRecord:
    hr: Any = HrDepartmentFactory()
    staff: Any = UserFactory()
    return IntegrityRecord.objects.create(
        person=person,
        reason="申报材料弄虚作假",
        starts_on=starts,
        ends_on=ends,
        hr_department=hr,
        recorded_by=staff,
    )


def test_a_ban_holds_on_its_first_and_last_day_and_not_outside() -> None:
    person: Any = PersonFactory()
    ban = record(person, date(2026, 1, 1), date(2028, 12, 31))
    assert active_ban(person=person, on=date(2026, 1, 1)) == ban
    assert active_ban(person=person, on=date(2028, 12, 31)) == ban
    assert active_ban(person=person, on=date(2025, 12, 31)) is None
    assert active_ban(person=person, on=date(2029, 1, 1)) is None
    assert active_ban(person=PersonFactory(), on=date(2027, 1, 1)) is None


def test_of_overlapping_bans_the_one_ending_last_is_reported() -> None:
    person: Any = PersonFactory()
    record(person, date(2026, 1, 1), date(2026, 12, 31))
    longer = record(person, date(2026, 6, 1), date(2029, 5, 31))
    assert active_ban(person=person, on=date(2026, 7, 1)) == longer
