"""评审计划 search over 10,000 plans: queries per page, time per search, and the query plans.

.venv/bin/python bench/plans.py                      # SQLite (in memory)
DATABASE_URL=postgres://... .venv/bin/python bench/plans.py   # PostgreSQL, database bench_plans

Runs in a throw-away database created and dropped here, never the application's own.
"""

import os
import statistics
import sys
import time
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.test")
os.environ.setdefault("ZHICHENG_VAR_DIR", "/tmp/zhicheng-bench-plans")
os.environ.setdefault("ZHICHENG_TEST_DB", "bench_plans")

import django  # noqa: E402

django.setup()

from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import setup_test_environment  # noqa: E402

PLANS = 10_000
ROUNDS = 30
SEARCHES = [
    ("全部（第1页）", {}),
    ("全部（第50页）", {"page": "50"}),
    ("年度 2020", {"year": "2020"}),
    ("评审级别 正高级", {"level": "senior"}),
    ("计划类型 考核认定 + 年度 2024", {"plan_type": "recognition", "year": "2024"}),
    ("计划名称 化工工程", {"name": "化工工程"}),
    ("计划名称 芜湖市工程化工工程", {"name": "芜湖市工程化工工程"}),
    ("计划名称 不存在的计划", {"name": "不存在的计划"}),
]


def main() -> None:
    setup_test_environment()
    old_name = connection.creation.create_test_db(verbosity=0, autoclobber=True, keepdb=False)
    try:
        run()
    finally:
        connection.creation.destroy_test_db(old_name, verbosity=0)


def run() -> None:
    from zhicheng.core.tests.factories import PersonFactory
    from zhicheng.plans import selectors
    from zhicheng.plans.forms import PlanSearchForm
    from zhicheng.plans.tests.bulk import make_plans

    started = time.perf_counter()
    make_plans(PLANS)
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE plans_reviewplan")
    print(f"{connection.vendor}: {PLANS} plans created in {time.perf_counter() - started:.1f} s\n")

    client = Client()
    person: Any = PersonFactory()
    client.force_login(person)
    print(f"{'search':<34}{'rows':>7}{'queries':>9}{'page ms':>10}{'query ms':>10}")
    plans: list[tuple[str, str]] = []
    for label, params in SEARCHES:
        queries: list[str] = []

        def count(run, sql, *args, queries=queries):  # type: ignore[no-untyped-def]
            queries.append(sql)
            return run(sql, *args)

        with connection.execute_wrapper(count):
            response = client.get("/apply/", params)
        assert response.status_code == 200, response.status_code
        rows = response.context["page"].paginator.count
        page_times = []
        for _ in range(ROUNDS):
            start = time.perf_counter()
            client.get("/apply/", params)
            page_times.append((time.perf_counter() - start) * 1000)
        filters = PlanSearchForm({k: v for k, v in params.items() if k != "page"}).filters()
        queryset = selectors.plan_search(**filters)
        query_times = []
        for _ in range(ROUNDS):
            start = time.perf_counter()
            list(queryset[:10])
            query_times.append((time.perf_counter() - start) * 1000)
        print(
            f"{label:<34}{rows:>7}{len(queries):>9}"
            f"{statistics.median(page_times):>10.1f}{statistics.median(query_times):>10.2f}"
        )
        plans.append((label, queryset[:10].explain()))

    print("\nQuery plans of the first page (EXPLAIN):")
    for label, plan in plans:
        print(f"\n-- {label}")
        print(plan)


if __name__ == "__main__":
    main()
