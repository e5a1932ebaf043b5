# mypy: disable-error-code="attr-defined,arg-type,misc"
"""The unit's library queue and the applicant's library page with many entries: queries and time.

SQLite (throw-away file):   .venv/bin/python bench/library.py
PostgreSQL (own database):  DATABASE_URL=postgres://user@host:port/zhicheng_bench .venv/bin/python bench/library.py
ENTRIES=50000 by default; the database named by DATABASE_URL is emptied (flush) first.
"""

import datetime
import os
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.test")
os.environ.setdefault("ZHICHENG_VAR_DIR", "/tmp/zhicheng-bench-library")
Path(os.environ["ZHICHENG_VAR_DIR"]).mkdir(parents=True, exist_ok=True)

import django  # noqa: E402

django.setup()

from django.core.management import call_command  # noqa: E402
from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.urls import reverse  # noqa: E402
from django.utils import timezone  # noqa: E402

ENTRIES = int(os.environ.get("ENTRIES", "50000"))
PEOPLE = 500
ROUNDS = 20

if connection.vendor == "sqlite":
    (Path(os.environ["ZHICHENG_VAR_DIR"]) / "zhicheng.sqlite3").unlink(missing_ok=True)
call_command("migrate", verbosity=0)
if connection.vendor == "postgresql":
    from zhicheng.audit.sqlite import flushing_allowed

    with flushing_allowed():
        call_command("flush", interactive=False, verbosity=0)

from zhicheng.accounts.models import User  # noqa: E402
from zhicheng.core.tests import factories as f  # noqa: E402
from zhicheng.library.models import Entry, EntryAttachment  # noqa: E402
from zhicheng.orgs.models import UnitBinding  # noqa: E402

unit = f.OrganizationFactory(name="基准测试单位")
other = f.OrganizationFactory(name="另一单位")
legal = f.LegalPersonFactory(unit_name=unit.name, credit_code=unit.credit_code)
people = [
    User(
        kind=User.Kind.PERSON,
        username=f"bench-{n}",
        name=f"人员{n:04d}",
        id_number=f.make_id_number(),
        profile_completed_at=timezone.now(),
        has_unit=User.HasUnit.YES,
    )
    for n in range(PEOPLE)
]
User.objects.bulk_create(people)
people = list(User.objects.filter(username__startswith="bench-").order_by("pk"))
UnitBinding.objects.bulk_create(
    UnitBinding(person=p, unit=unit, statement="x", status=UnitBinding.Status.APPROVED)
    for p in people
)
kinds = [Entry.Kind.EDUCATION, Entry.Kind.PAPER, Entry.Kind.WORK, Entry.Kind.APPRAISAL]
statuses = [Entry.Status.SUBMITTED, Entry.Status.APPROVED, Entry.Status.RETURNED]
now = timezone.now()
started = time.perf_counter()
batch: list[Entry] = []
for n in range(ENTRIES):
    batch.append(
        Entry(
            person=people[n % PEOPLE],
            kind=kinds[n % len(kinds)],
            status=statuses[n % len(statuses)],
            # One entry in ten went to another unit: the queue must not see it.
            unit=other if n % 10 == 9 else unit,
            title=f"业绩 {n}",
            school="某大学",
            major="某专业",
            submitted_at=now - datetime.timedelta(minutes=n),
        )
    )
    if len(batch) == 5000:
        Entry.objects.bulk_create(batch)
        batch = []
Entry.objects.bulk_create(batch)
first = Entry.objects.filter(person=people[0]).order_by("pk")[:5]
for entry in first:
    EntryAttachment.objects.create(
        entry=entry,
        file="library/bench.png",
        display_name="x.png",
        kind="png",
        content_type="image/png",
        size=1,
        sha256="0" * 64,
        uploaded_by=entry.person,
    )
if connection.vendor == "postgresql":
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
print(
    f"{connection.vendor}: {ENTRIES} entries, {PEOPLE} people "
    f"(filled in {time.perf_counter() - started:.1f} s)"
)

queue = reverse("library:unit_queue", args=[unit.pk])
PAGES = [
    ("单位审核队列（待审核，第1页）", legal, queue),
    ("单位审核队列（全部状态）", legal, queue + "?status="),
    ("单位审核队列（第100页）", legal, queue + "?status=&page=100"),
    ("单位审核队列（论文）", legal, queue + "?kind=paper"),
    ("单位审核队列（按姓名）", legal, queue + "?status=&person=人员0042"),
    ("个人业绩库（100条）", people[0], reverse("library:index")),
]
print(f"{'page':<30}{'queries':>8}{'median ms':>11}{'p95 ms':>9}")
for label, user, url in PAGES:
    client = Client()
    client.force_login(user)
    assert client.get(url).status_code == 200, url
    queries: list[str] = []

    def count(run, sql, *args, queries=queries):  # type: ignore[no-untyped-def]
        queries.append(sql)
        return run(sql, *args)

    with connection.execute_wrapper(count):
        client.get(url)
    timings = []
    for _ in range(ROUNDS):
        t = time.perf_counter()
        client.get(url)
        timings.append((time.perf_counter() - t) * 1000)
    timings.sort()
    p95 = timings[int(len(timings) * 0.95) - 1]
    print(f"{label:<30}{len(queries):>8}{statistics.median(timings):>11.1f}{p95:>9.1f}")
