"""Working days on the official calendar: 国庆, 调休 Saturdays, the override file, unknown years."""

import datetime
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from zhicheng.core import workdays
from zhicheng.core.workdays import (
    WorkdayDataError,
    add_working_days,
    check_calendar_years,
    is_working_day,
    working_days_between,
    year_is_known,
)

D = datetime.date


@pytest.fixture(autouse=True)
def _fresh_overrides(settings: Any) -> Any:
    settings.ZHICHENG_WORKDAY_OVERRIDES_FILE = ""
    workdays._load_overrides.cache_clear()
    yield
    workdays._load_overrides.cache_clear()


def test_national_day_is_not_a_working_day_and_a_tiaoxiu_saturday_is() -> None:
    assert not is_working_day(D(2026, 10, 1))
    assert not is_working_day(D(2026, 10, 7))  # a Wednesday in the 国庆 holiday
    assert is_working_day(D(2026, 10, 10))  # Saturday, worked in lieu (调休)
    assert is_working_day(D(2026, 9, 20))  # Sunday, worked in lieu
    assert not is_working_day(D(2026, 10, 11))  # an ordinary Sunday


def test_five_working_days_across_national_day_end_on_the_monday_after_the_tiaoxiu_saturday() -> (
    None
):
    # 9-30 (Wed), 10-8 (Thu), 10-9 (Fri), 10-10 (调休 Sat), 10-12 (Mon)
    assert add_working_days(D(2026, 9, 30), 5) == D(2026, 10, 12)
    assert working_days_between(D(2026, 9, 30), D(2026, 10, 12)) == 5
    assert working_days_between(D(2026, 9, 30), D(2026, 10, 9)) == 3


def test_a_period_starting_on_a_holiday_starts_counting_on_the_next_working_day() -> None:
    assert add_working_days(D(2026, 10, 1), 1) == D(2026, 10, 8)


def test_an_ordinary_week_counts_monday_to_friday() -> None:
    assert add_working_days(D(2026, 11, 2), 5) == D(2026, 11, 6)
    assert working_days_between(D(2026, 11, 6), D(2026, 11, 2)) == 0


def test_a_year_the_package_does_not_know_counts_weekdays_and_says_it_is_unknown() -> None:
    assert not year_is_known(2031)
    assert is_working_day(D(2031, 1, 1))  # a Wednesday: New Year unknown without data
    assert not is_working_day(D(2031, 1, 4))  # Saturday


def test_the_override_file_gives_a_new_year_its_holidays_and_tiaoxiu_days(
    tmp_path: Path, settings: Any
) -> None:
    data = tmp_path / "holidays.toml"
    data.write_text(
        '[2031]\nholidays = ["2031-01-01", 2031-01-02]\nworkdays = ["2031-01-04"]\n',
        encoding="utf-8",
    )
    settings.ZHICHENG_WORKDAY_OVERRIDES_FILE = str(data)
    assert year_is_known(2031)
    assert not is_working_day(D(2031, 1, 1))
    assert not is_working_day(D(2031, 1, 2))
    assert is_working_day(D(2031, 1, 4))  # Saturday worked in lieu
    assert add_working_days(D(2031, 1, 1), 2) == D(2031, 1, 4)


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ('[2031]\nholidays = ["2031-02-30"]\n', "无效日期"),
        ('[2031]\nholidays = ["2032-01-01"]\n', "不属于"),
        ('[2031]\nholidays = ["2031-01-01"]\nworkdays = ["2031-01-01"]\n', "同时列为"),
        ("[2031]\nferien = []\n", "未知项"),
        ("[abc]\nholidays = []\n", "四位年份"),
        ("[2031\n", "格式错误"),
    ],
)
def test_a_broken_override_file_is_refused_with_the_reason(
    tmp_path: Path, settings: Any, text: str, message: str
) -> None:
    data = tmp_path / "holidays.toml"
    data.write_text(text, encoding="utf-8")
    settings.ZHICHENG_WORKDAY_OVERRIDES_FILE = str(data)
    with pytest.raises(WorkdayDataError, match=message):
        is_working_day(D(2031, 1, 1))
    assert [m.id for m in check_calendar_years()] == ["core.W010"]


def test_the_system_check_warns_only_when_this_years_schedule_is_unknown(
    settings: Any, monkeypatch: Any
) -> None:
    assert check_calendar_years() == []  # 2026 is in the package
    monkeypatch.setattr(workdays.timezone, "localdate", lambda: D(2031, 3, 1))
    assert [m.id for m in check_calendar_years()] == ["core.W011"]


@given(start=st.dates(min_value=D(2020, 1, 1), max_value=D(2026, 12, 1)), n=st.integers(1, 30))
def test_add_working_days_ends_on_a_working_day_with_exactly_n_of_them(
    start: datetime.date, n: int
) -> None:
    end = add_working_days(start, n)
    assert is_working_day(end)
    assert working_days_between(start, end) == n
