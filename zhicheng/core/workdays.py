"""Working days on China's official calendar, 调休 included (公示 lasts at least 5 working days).

Sources, first match wins for a year:
1. the administrator's override file (`ZHICHENG_WORKDAY_OVERRIDES_FILE`, TOML), for years the
   package does not know yet — the State Council publishes each year's schedule in the autumn
   before, and a deployment should not wait for a package release:

       [2027]
       holidays = ["2027-01-01", "2027-02-05", ...]   # days off that would be working days
       workdays = ["2027-02-14", ...]                 # 调休: weekend days that are working days

2. `chinese-calendar` (the official schedules up to the year of its release);
3. neither knows the year: Monday to Friday, and `year_is_known` says so, so that pages can warn
   and the system check below tells the administrator before the year starts.
"""

from __future__ import annotations

import datetime
import tomllib
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

import chinese_calendar
from django.conf import settings
from django.core.checks import CheckMessage, Warning, register
from django.utils import timezone


class WorkdayDataError(ValueError):
    """The override file cannot be read; the message says where and why."""


@dataclass(frozen=True)
class YearOverride:
    holidays: frozenset[datetime.date] = field(default_factory=frozenset)
    workdays: frozenset[datetime.date] = field(default_factory=frozenset)


def _dates(path: str, year: int, key: str, values: object) -> frozenset[datetime.date]:
    if not isinstance(values, list):
        raise WorkdayDataError(f"{path}：[{year}] 的 {key} 应为日期列表")
    dates: set[datetime.date] = set()
    for value in values:
        try:
            day = value if isinstance(value, datetime.date) else datetime.date.fromisoformat(value)
        except (TypeError, ValueError):
            raise WorkdayDataError(f"{path}：[{year}] 的 {key} 含无效日期 {value!r}") from None
        if day.year != year:
            raise WorkdayDataError(f"{path}：{day} 不属于 [{year}]")
        dates.add(day)
    return frozenset(dates)


@lru_cache(maxsize=8)
def _load_overrides(path: str) -> dict[int, YearOverride]:
    if not path:
        return {}
    try:
        data = tomllib.loads(Path(path).read_text(encoding="utf-8"))
    except OSError as error:
        raise WorkdayDataError(f"无法读取节假日文件 {path}：{error.strerror}") from None
    except tomllib.TOMLDecodeError as error:
        raise WorkdayDataError(f"节假日文件 {path} 格式错误：{error}") from None
    overrides: dict[int, YearOverride] = {}
    for key, table in data.items():
        if not (key.isdigit() and len(key) == 4) or not isinstance(table, dict):
            raise WorkdayDataError(f"{path}：[{key}] 应为四位年份的表")
        year = int(key)
        unknown = set(table) - {"holidays", "workdays"}
        if unknown:
            raise WorkdayDataError(f"{path}：[{year}] 含未知项 {', '.join(sorted(unknown))}")
        holidays = _dates(path, year, "holidays", table.get("holidays", []))
        workdays = _dates(path, year, "workdays", table.get("workdays", []))
        if holidays & workdays:
            both = ", ".join(str(d) for d in sorted(holidays & workdays))
            raise WorkdayDataError(f"{path}：{both} 同时列为节假日和工作日")
        overrides[year] = YearOverride(holidays=holidays, workdays=workdays)
    return overrides


def overrides() -> dict[int, YearOverride]:
    return _load_overrides(getattr(settings, "ZHICHENG_WORKDAY_OVERRIDES_FILE", ""))


@lru_cache(maxsize=64)
def _package_year_known(year: int) -> bool:
    try:
        chinese_calendar.is_workday(datetime.date(year, 1, 1))
    except NotImplementedError:  # "no available data for year …"
        return False
    return True


def year_is_known(year: int) -> bool:
    """True when the official schedule of `year` is known (override file or package)."""
    return year in overrides() or _package_year_known(year)


def is_working_day(day: datetime.date) -> bool:
    override = overrides().get(day.year)
    if override is not None:
        if day in override.workdays:
            return True
        if day in override.holidays:
            return False
        return day.weekday() < 5
    if _package_year_known(day.year):
        return bool(chinese_calendar.is_workday(day))
    return day.weekday() < 5


def working_days_between(start: datetime.date, end: datetime.date) -> int:
    """Working days from `start` to `end`, both included (0 when end is before start)."""
    count = 0
    day = start
    while day <= end:
        count += is_working_day(day)
        day += datetime.timedelta(days=1)
    return count


def add_working_days(start: datetime.date, days: int) -> datetime.date:
    """The day on which a period of `days` working days beginning on `start` ends.

    `start` counts when it is a working day: a 公示 from Monday 2026-11-02 for 5 working days
    ends on Friday 2026-11-06.
    """
    if days < 1:
        raise ValueError("days must be at least 1")
    day = start
    counted = 0
    while True:
        if is_working_day(day):
            counted += 1
            if counted == days:
                return day
        day += datetime.timedelta(days=1)


@register()
def check_calendar_years(app_configs: object = None, **kwargs: object) -> list[CheckMessage]:
    """Warn the administrator when this year's schedule is unknown, or the file is broken.

    Only this year: next year's schedule is published late in the year, and a warning on every
    command for weeks would teach people to ignore warnings. Pages that count days into an unknown
    year say so themselves (`year_is_known`).
    """
    try:
        overrides()
    except WorkdayDataError as error:
        return [Warning(str(error), id="core.W010")]
    year = timezone.localdate().year
    if year_is_known(year):
        return []
    return [
        Warning(
            f"{year} 年的法定节假日和调休安排尚未配置，公示期暂按周一至周五计算工作日",
            hint="国务院办公厅公布安排后，写入 ZHICHENG_WORKDAY_OVERRIDES_FILE 指向的文件",
            id="core.W011",
        )
    ]
