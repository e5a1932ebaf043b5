"""Plan search over 10,000 plans uses indexes (PostgreSQL query plans)."""

import re

import pytest
from django.db import connection

from zhicheng.core.titles import Level
from zhicheng.plans import selectors
from zhicheng.plans.tests.bulk import make_plans

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.skipif(
        connection.vendor != "postgresql", reason="query plans are checked on PostgreSQL"
    ),
]


@pytest.fixture
def ten_thousand_plans() -> None:
    make_plans(10_000)
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE plans_reviewplan")


def page_plan(**filters: object) -> str:
    """The query plan of the first page of the applicant list, as the view runs it."""
    return selectors.plan_search(**filters)[:10].explain()  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("filters", "index"),
    [
        ({}, "plan_list_idx"),
        ({"year": 2020}, "plan_list_idx"),
        # A common word: walking the list index in page order finds 10 rows first.
        ({"name": "化工工程"}, "plan_list_idx"),
        # A rare one: the trigram index finds the few rows.
        ({"name": "芜湖市工程化工工程"}, "plan_name_trgm_idx"),
        # Filters keeping a fair share of rows: walking the list index in page order usually
        # wins; the planner's statistics may tip it to the filter's own index instead.
        ({"level": Level.SENIOR}, "plan_list_idx|plan_level_idx"),
        ({"plan_type": "recognition", "year": 2024}, "plan_list_idx|plan_type_idx"),
    ],
)
def test_plan_search_uses_an_index(ten_thousand_plans: None, filters: dict, index: str) -> None:
    plan = page_plan(**filters)
    # The index by name ("Index Scan using X on …" or "Bitmap Index Scan on X"); the table's name
    # would match any scan of it.
    assert re.search(rf"(Index Scan using|Bitmap Index Scan on) ({index})\b", plan), plan
    # The plans table is never read whole (the 20 committees joined may be).
    assert "Seq Scan on plans_reviewplan" not in plan, plan
    assert "Index Scan" in plan, plan
