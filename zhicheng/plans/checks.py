"""`manage.py check --database default`: stored plans still match the 职称系列 file.

The file may be edited (or replaced through ZHICHENG_TITLE_SERIES_FILE) after plans were made; a
series or title that vanished would leave plans whose titles no form offers any more. Tagged
`database` so that it runs only when asked for (and in `migrate`, where the tables may not exist
yet: then it says nothing).
"""

from typing import Any

from django.core.checks import CheckMessage, Error, Tags, register
from django.db import DatabaseError

from zhicheng.core.titles import Level, TitleDataError, series_names, title_names_at


@register(Tags.database)
def check_stored_series_and_titles(app_configs: Any = None, **kwargs: Any) -> list[CheckMessage]:
    from .models import EvaluationStandard, PlanSpecialty, ReviewPlan

    try:
        known = set(series_names())
    except TitleDataError as error:
        return [Error(str(error), id="plans.E001")]
    problems: list[CheckMessage] = []
    try:
        plan_series = set(ReviewPlan.objects.values_list("series", flat=True).distinct())
        standard_series = set(
            EvaluationStandard.objects.values_list("series", flat=True).distinct()
        )
        specialties = list(
            PlanSpecialty.objects.values_list("plan_id", "plan__series", "plan__level", "titles")
        )
    except DatabaseError:
        return []  # no tables yet
    for series in sorted((plan_series | standard_series) - known):
        problems.append(
            Error(
                f"职称系列“{series}”已不在职称系列文件中，但评审计划或评审标准仍在使用",
                hint="请在职称系列文件中恢复该系列，或先修改使用它的计划和标准",
                id="plans.E002",
            )
        )
    allowed: dict[tuple[str, str], set[str]] = {}
    missing: dict[tuple[str, str, str], set[int]] = {}
    for plan_id, series, level, titles in specialties:
        names = allowed.setdefault((series, level), set(title_names_at(series, level)))
        for title in titles:
            if title not in names:
                missing.setdefault((series, level, title), set()).add(plan_id)
    for (series, level, title), plan_ids in sorted(missing.items()):
        problems.append(
            Error(
                f"职称“{title}”（{series}·{dict(Level.choices).get(level, level)}）已不在职称系列文件中，"
                f"评审计划 {', '.join(str(pk) for pk in sorted(plan_ids))} 的可评审专业仍在使用",
                id="plans.E003",
            )
        )
    return problems
