# mypy: disable-error-code="attr-defined,union-attr,arg-type"
"""Province scale on PostgreSQL: the unit's pages at 1,000 people and at province size, and the ratio.

The data are copies of template rows made through the ORM, multiplied with COPY (not the ORM). One
unit (the demo school) has the same content at both sizes — 300 staff, 300 binding requests, 570 of
its staff's library entries waiting — and the province grows around it. Outside CI (minutes to hours).
Per page: queries, median and minimum time (the machine may be loaded), and for its SELECTs what
EXPLAIN ANALYZE reports: execution time and shared buffers touched (independent of the load).

.venv/bin/python bench/province.py                       1,000 people, then 1M people / 10M entries / 50k units
.venv/bin/python bench/province.py --people 100000 --entries 1000000 --units 5000
.venv/bin/python bench/province.py --small               only the 1,000-people run
Uses scripts/postgres.sh (a cluster private to this checkout) and its own database zhicheng_province.
"""

import argparse
import datetime
import json
import os
import statistics
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
parser = argparse.ArgumentParser()
parser.add_argument("--people", type=int, default=1_000_000)
parser.add_argument("--entries", type=int, default=10_000_000)
parser.add_argument("--units", type=int, default=50_000)
parser.add_argument("--audit", type=int, default=0, help="audit events (default: one per person)")
parser.add_argument("--small", action="store_true", help="only the run at 1,000 people")
parser.add_argument("--rounds", type=int, default=20)
args = parser.parse_args()

exports = subprocess.run(
    ["bash", str(ROOT / "scripts/postgres.sh")], check=True, capture_output=True, text=True
).stdout
cluster_url = exports.strip().split("DATABASE_URL=", 1)[1]
os.environ["DATABASE_URL"] = cluster_url.rsplit("/", 1)[0] + "/zhicheng_province"
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.test")
os.environ.setdefault("ZHICHENG_VAR_DIR", "/tmp/zhicheng-bench-province")
Path(os.environ["ZHICHENG_VAR_DIR"]).mkdir(parents=True, exist_ok=True)

import django  # noqa: E402
import psycopg  # noqa: E402
from psycopg.types.json import Jsonb  # noqa: E402

django.setup()

from django.core.management import call_command  # noqa: E402
from django.db import connection, connections  # noqa: E402
from django.test import Client  # noqa: E402
from stdnum.cn import ric  # noqa: E402

SURNAMES = "张王李赵刘陈杨黄周吴"
UNIT_WORDS = [
    "第一中学",
    "实验小学",
    "人民医院",
    "建筑设计有限公司",
    "职业技术学院",
    "疾病预防控制中心",
]
CITIES = ["合肥市", "芜湖市", "蚌埠市", "淮南市", "马鞍山市", "安庆市", "阜阳市", "六安市"]


def fresh_database() -> None:
    connections.close_all()
    with psycopg.connect(cluster_url, autocommit=True) as admin:
        admin.execute("DROP DATABASE IF EXISTS zhicheng_province WITH (FORCE)")
        admin.execute("CREATE DATABASE zhicheng_province")


def multiply(
    table: str, template_id: int, count: int, vary: Callable[[int], dict[str, Any]]
) -> int:
    """COPY `count` copies of one row of `table`, each changed by vary(n); returns the first new id."""
    raw = connection.connection
    with raw.cursor() as cursor:
        cursor.execute(f"SELECT * FROM {table} WHERE id = %s", [template_id])
        columns = [c.name for c in cursor.description]
        template = dict(zip(columns, cursor.fetchone(), strict=True))
        template = {k: Jsonb(v) if isinstance(v, dict | list) else v for k, v in template.items()}
        cursor.execute(f"SELECT max(id) FROM {table}")
        first = cursor.fetchone()[0] + 1
        with cursor.copy(f"COPY {table} ({', '.join(columns)}) FROM STDIN") as copy:
            for n in range(count):
                row = {**template, "id": first + n, **vary(n)}
                copy.write_row([row[c] for c in columns])
        cursor.execute(
            f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), (SELECT max(id) FROM {table}))"
        )
    raw.commit() if not raw.autocommit else None
    return first


def id_number(n: int) -> str:
    birth = datetime.date(1960, 1, 1) + datetime.timedelta(days=n // 900)
    body = f"340104{birth:%Y%m%d}{n % 900 + 100:03d}"
    return body + ric.calc_check_digit(body + "0")


def build(people: int, entries: int, units: int, audit: int) -> dict[str, Any]:
    fresh_database()
    started = time.perf_counter()
    call_command("migrate", verbosity=0)
    call_command("load_demo", "--no-idp", verbosity=0)
    from zhicheng.accounts.models import User
    from zhicheng.audit.models import AuditEvent
    from zhicheng.audit.services import audit_record
    from zhicheng.core.tests.factories import LegalPersonFactory, PersonFactory
    from zhicheng.library.models import Entry
    from zhicheng.orgs.models import Membership, Organization, UnitBinding
    from zhicheng.orgs.services import binding_decide, binding_request

    school = Organization.objects.get(name="合肥市第一中学")
    legal = LegalPersonFactory(credit_code=school.credit_code, unit_name=school.name)
    Membership.objects.get_or_create(
        user=legal, organization=school, role=Membership.Role.UNIT_ADMIN
    )
    template_person = PersonFactory()
    binding = binding_request(person=template_person, unit_id=school.pk, statement="入职")
    binding_decide(binding=binding, unit=school, actor=legal, approve=True, opinion="")
    entry = Entry.objects.filter(status="approved").exclude(kind="appraisal").first()
    assert entry is not None, "the demo data have no approved library entry"
    event = audit_record(kind="login", username="template")

    first_unit = multiply(
        "orgs_organization", school.pk, units,
        lambda n: {
            "name": f"{CITIES[n % len(CITIES)]}{n}号{UNIT_WORDS[n % len(UNIT_WORDS)]}",
            "credit_code": f"91340100{n:010d}",
        },
    )  # fmt: skip
    first_person = multiply(
        "accounts_user", template_person.pk, people,
        lambda n: {
            "username": f"p{n}", "name": f"{SURNAMES[n % 10]}某{n}", "id_number": id_number(n),
        },
    )  # fmt: skip

    # People 0–299 work at the school, 300–599 wait to be bound there, the rest spread over the units.
    def unit_of(n: int) -> int:
        return school.pk if n < 600 else first_unit + n % units

    multiply(
        "orgs_unitbinding", binding.pk, people,
        lambda n: {
            "person_id": first_person + n, "unit_id": unit_of(n),
            "status": "pending" if 300 <= n < 600 else "approved",
            "decided_by_id": None if 300 <= n < 600 else legal.pk, "statement": f"入职{n}",
        },
    )  # fmt: skip

    # Entry n belongs to person n % people; the school's first 300 entries wait for its review, and one
    # entry in ten elsewhere waits at its unit.
    def entry_row(n: int) -> dict[str, Any]:
        owner = n % people
        waiting = n < 300 or n % 10 == 0
        return {
            "person_id": first_person + owner, "unit_id": unit_of(owner),
            "status": "submitted" if waiting else "approved", "title": f"业绩{n}",
        }  # fmt: skip

    if "title" not in {f.column for f in Entry._meta.concrete_fields}:
        base = entry_row

        def entry_row(n: int) -> dict[str, Any]:
            return {k: v for k, v in base(n).items() if k != "title"}

    multiply("library_entry", entry.pk, entries, entry_row)
    start = event.at
    multiply(
        "audit_auditevent", event.pk, audit,
        lambda n: {"username": f"user{n}", "at": start - datetime.timedelta(seconds=audit - n)},
    )  # fmt: skip
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
    counts = {
        "people": User.objects.filter(kind="person").count(),
        "units": Organization.objects.filter(kind="unit").count(),
        "entries": Entry.objects.count(),
        "bindings": UnitBinding.objects.count(),
        "audit": AuditEvent.objects.count(),
        "seconds": time.perf_counter() - started,
    }
    auditor = User.objects.get(username="shenji")
    searcher = User.objects.get(pk=first_person + 700)
    return {"counts": counts, "school": school.pk, "legal": legal, "auditor": auditor,
            "searcher": searcher}  # fmt: skip


def timed(client: Client, url: str, rounds: int) -> dict[str, float]:
    """Page time (median and minimum: the machine may be loaded), the queries, and what the database
    did for them: EXPLAIN ANALYZE's execution time and the shared buffers touched (load-independent)."""
    response = client.get(url)
    assert response.status_code == 200, (url, response.status_code)
    queries: list[tuple[str, Any]] = []

    def capture(execute, sql, params, many, context):  # type: ignore[no-untyped-def]
        queries.append((sql, params))
        return execute(sql, params, many, context)

    with connection.execute_wrapper(capture):
        client.get(url)
    times = []
    for _ in range(rounds):
        started = time.perf_counter()
        client.get(url)
        times.append((time.perf_counter() - started) * 1000)
    sql_ms = 0.0
    buffers = 0
    with connection.cursor() as cursor:
        for sql, params in queries:
            if not sql.lstrip().upper().startswith("SELECT"):
                continue
            cursor.execute(f"EXPLAIN (ANALYZE, BUFFERS, FORMAT JSON) {sql}", params)
            plan = cursor.fetchone()[0]
            plan = plan[0] if isinstance(plan, list) else json.loads(plan)[0]
            sql_ms += plan["Execution Time"]
            buffers += plan["Plan"].get("Shared Hit Blocks", 0)
            buffers += plan["Plan"].get("Shared Read Blocks", 0)
    return {
        "queries": len(queries), "median": statistics.median(times), "min": min(times),
        "sql": sql_ms, "buffers": buffers,
    }  # fmt: skip


def measure(world: dict[str, Any], rounds: int) -> dict[str, dict[str, float]]:
    school = world["school"]
    pages = [
        ("业绩审核（单位队列）", world["legal"], f"/units/{school}/library/"),
        ("绑定审核（300条待审）", world["legal"], f"/units/{school}/requests/"),
        ("本单位人员（300人）", world["legal"], f"/units/{school}/staff/"),
        ("本单位人员（按姓名检索）", world["legal"], f"/units/{school}/staff/?q=张"),
        ("选择单位（检索“第一中学”）", world["searcher"], "/units/search/?q=第一中学"),
        ("选择单位（检索“号人民医”）", world["searcher"], "/units/search/?q=号人民医"),
        ("审计日志（第1页）", world["auditor"], "/audit/"),
        ("审计日志（按账号筛选）", world["auditor"], "/audit/?username=user49"),
    ]
    results = {}
    for label, user, url in pages:
        client = Client()
        client.force_login(user)
        results[label] = timed(client, url, rounds)
    return results


def trigram_index() -> None:
    """The index the issue asks for on unit names (bench-made here: the app has no migration yet)."""
    with connection.cursor() as cursor:
        cursor.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
        cursor.execute(
            "CREATE INDEX IF NOT EXISTS bench_org_name_trgm ON orgs_organization "
            "USING gin (name gin_trgm_ops)"
        )
        cursor.execute("ANALYZE orgs_organization")


def report(title: str, world: dict[str, Any], results: dict[str, dict[str, float]]) -> None:
    counts = world["counts"]
    print(
        f"== {title}: {counts['people']:,} people, {counts['entries']:,} entries, "
        f"{counts['units']:,} units, {counts['audit']:,} audit events (built in {counts['seconds']:.0f} s)"
    )
    print(f"  {'page':<26}queries  median ms  min ms  SQL ms  buffers")
    for label, r in results.items():
        print(
            f"  {label:<26}{r['queries']:>7.0f}{r['median']:>11.1f}{r['min']:>8.1f}"
            f"{r['sql']:>8.1f}{r['buffers']:>9.0f}"
        )


sizes = [(1000, 10_000, 50, 1000)]
if not args.small:
    sizes.append((args.people, args.entries, args.units, args.audit or args.people))
runs = []
for people, entries, units, audit in sizes:
    world = build(people, entries, units, audit)
    results = measure(world, args.rounds)
    report("without a trigram index", world, results)
    trigram_index()
    with_index = measure(world, args.rounds)
    report("with a trigram index on unit names", world, with_index)
    runs.append((world, results, with_index))
if len(runs) == 2:
    print("== province / 1,000 people (goal: page time ≤ 1.5×)")
    print(
        f"  {'page':<26}{'min ms':>8}{'SQL ms':>8}{'buffers':>9}   with trigram index: same three"
    )
    (_, small, small_ix), (_, big, big_ix) = runs

    def ratios(big: dict[str, float], small: dict[str, float]) -> str:
        return "".join(f"{big[k] / max(small[k], 0.001):>8.2f}×" for k in ("min", "sql", "buffers"))

    for label in small:
        print(
            f"  {label:<26}{ratios(big[label], small[label])}   {ratios(big_ix[label], small_ix[label])}"
        )
connections.close_all()
