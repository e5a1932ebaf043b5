"""Plan search over 10,000 plans uses indexes (PostgreSQL query plans)."""

import pytest
from django.db import connection

from zhicheng.plans import selectors
from zhicheng.plans.tests.bulk import make_plans
from zhicheng.plans.titles import Level

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
        ({"level": Level.SENIOR}, "plans_reviewplan"),
        ({"plan_type": "recognition", "year": 2024}, "plans_reviewplan"),
    ],
)
def test_plan_search_uses_an_index(ten_thousand_plans: None, filters: dict, index: str) -> None:
    plan = page_plan(**filters)
    assert index in plan, plan
    # The plans table is never read whole (the 20 committees joined may be).
    assert "Seq Scan on plans_reviewplan" not in plan, plan
    assert "Index Scan" in plan, plan
