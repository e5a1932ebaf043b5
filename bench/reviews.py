# mypy: disable-error-code="attr-defined,arg-type,misc,union-attr"
"""评审: the review form of a 200-entry application; a reviewer's queue with 50 and with 50,000
applications waiting at the node (queries and page time); 批量通过 of 500.

SQLite (throw-away file):   .venv/bin/python bench/reviews.py
PostgreSQL (own database):  DATABASE_URL=postgres://user@host:port/zhicheng_bench .venv/bin/python bench/reviews.py
QUEUE=50000 and BATCH=500 by default.
"""

import datetime
import os
import statistics
import sys
import time
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.test")
os.environ.setdefault("ZHICHENG_VAR_DIR", "/tmp/zhicheng-bench-reviews")
Path(os.environ["ZHICHENG_VAR_DIR"]).mkdir(parents=True, exist_ok=True)

import django  # noqa: E402

django.setup()

from django.conf import settings  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.db import connection, transaction  # noqa: E402
from django.test import Client  # noqa: E402
from django.urls import reverse  # noqa: E402
from django.utils import timezone  # noqa: E402
from stdnum.cn import ric  # noqa: E402

settings.MEDIA_ROOT = Path(os.environ["ZHICHENG_VAR_DIR"]) / "media"
QUEUE = int(os.environ.get("QUEUE", "50000"))
BATCH = int(os.environ.get("BATCH", "500"))

if connection.vendor == "sqlite":
    (Path(os.environ["ZHICHENG_VAR_DIR"]) / "zhicheng.sqlite3").unlink(missing_ok=True)
call_command("migrate", verbosity=0)
if connection.vendor == "postgresql":
    from zhicheng.audit.sqlite import flushing_allowed

    with flushing_allowed():
        call_command("flush", interactive=False, verbosity=0)

from zhicheng.applications.models import Application, ImportedEntry, Section  # noqa: E402
from zhicheng.conftest import cast as cast_fixture  # noqa: E402
from zhicheng.core.tests import factories as f  # noqa: E402
from zhicheng.reviews import documents, services  # noqa: E402
from zhicheng.reviews.models import ReviewCase, ReviewStep  # noqa: E402
from zhicheng.reviews.tests.factories import chain, submitted, unit_publicity  # noqa: E402

cast = cast_fixture.__wrapped__(None)
c = chain(cast)
application = submitted(c)
unit_publicity(c, [application])


def median_ms(run: object, rounds: int = 10) -> float:
    times = []
    for _ in range(rounds):
        started = time.perf_counter()
        run()  # type: ignore[operator]
        times.append((time.perf_counter() - started) * 1000)
    return statistics.median(times)


# --- The review form of a 200-entry application ---------------------------------------------------
first = ImportedEntry.objects.filter(application=application, section=Section.PERFORMANCE).first()
ImportedEntry.objects.bulk_create(
    ImportedEntry(
        application=application, section=Section.PERFORMANCE, category=first.category, entry=None,
        kind=first.kind, position=100 + n, summary=f"业绩条目{n:03d} 用于检验换行的较长名称" * 2,
        period="2020-01", facts=first.facts, files=[],
    )
    for n in range(200)
)  # fmt: skip
data = documents.review_form_data(application)
documents.rf.review_form_pdf(data)
render_ms = median_ms(lambda: documents.rf.review_form_pdf(data))
whole_ms = median_ms(lambda: documents.review_form_response(application))
print(
    f"[{connection.vendor}] review form, 200 entries: render {render_ms:.0f} ms, read+render {whole_ms:.0f} ms"
)


# --- A queue with many applications at the node ------------------------------------------------------
def grow_queue(to: int) -> None:
    """Copies of the application's case waiting at the unit (rows made in bulk, not by services)."""
    have = ReviewStep.objects.filter(organization=cast.unit, status="pending").count()
    template = Application.objects.get(pk=application.pk)
    people: list[Any] = []
    while have + len(people) < to:
        n = have + len(people)
        birth = datetime.date(1970, 1, 1) + datetime.timedelta(days=n // 900)
        body = f"340104{birth:%Y%m%d}{n % 900 + 100:03d}"
        people.append(
            f.PersonFactory.build(
                username=f"bench-{n}", name=f"申报人{n}",
                id_number=body + ric.calc_check_digit(body + "0"),
            )
        )  # fmt: skip
    if not people:
        return
    from zhicheng.accounts.models import User

    with transaction.atomic():
        User.objects.bulk_create(people, batch_size=2000)
        people = list(User.objects.filter(username__startswith="bench-").order_by("pk"))[
            -len(people) :
        ]
        apps = []
        for person in people:
            copy = Application(
                person=person, plan=template.plan, year=template.year, apply_form=template.apply_form,
                specialty=template.specialty, title=template.title, standard=template.standard,
                status="submitted", unit=cast.unit, submitted_at=timezone.now(),
            )  # fmt: skip
            apps.append(copy)
        Application.objects.bulk_create(apps, batch_size=2000)
        apps = list(Application.objects.filter(person__in=people).order_by("pk"))
        cases = ReviewCase.objects.bulk_create(
            [
                ReviewCase(application=a, round=1, submitted_at=timezone.now(), issuer=c.province)
                for a in apps
            ],
            batch_size=2000,
        )
        cases = list(ReviewCase.objects.filter(application__in=apps).order_by("pk"))
        steps = []
        for case in cases:
            steps.append(
                ReviewStep(
                    case=case,
                    application_id=case.application_id,
                    position=1,
                    node="unit",
                    organization=cast.unit,
                    status="pending",
                    arrived_at=timezone.now(),
                )
            )
            steps.append(
                ReviewStep(
                    case=case, application_id=case.application_id, position=2, node="organizer",
                    organization=c.organizer_org, status="waiting",
                )
            )  # fmt: skip
        ReviewStep.objects.bulk_create(steps, batch_size=2000)


def count_queries(run: object) -> int:
    counted = [0]

    def count(execute, sql, params, many, context):  # type: ignore[no-untyped-def]
        counted[0] += 1
        return execute(sql, params, many, context)

    with connection.execute_wrapper(count):
        run()  # type: ignore[operator]
    return counted[0]


client = Client()
client.force_login(cast.unit_admin)
url = reverse("reviews:queue", args=[cast.unit.pk])
for size in (50, QUEUE):
    grow_queue(size)
    assert client.get(url).status_code == 200, client.get(url)
    queries = count_queries(lambda: client.get(url))
    page_ms = median_ms(lambda: client.get(url))
    search_ms = median_ms(lambda: client.get(url, {"q": "申报人4"}))
    last_ms = median_ms(lambda: client.get(url, {"page": 9999}), rounds=5)
    print(
        f"[{connection.vendor}] queue with {size} at the node: {queries} queries, "
        f"first page {page_ms:.0f} ms, name search {search_ms:.0f} ms, last page {last_ms:.0f} ms"
    )

# --- 批量通过 of BATCH ----------------------------------------------------------------------------------
waiting = list(
    Application.objects.filter(person__username__startswith="bench-").order_by("pk")[:BATCH]
)
from zhicheng.reviews.models import Publicity  # noqa: E402

publicity = Publicity.objects.get(kind="unit")
publicity.applications.add(*waiting)
started = time.perf_counter()
result = services.steps_pass_many(
    organization=cast.unit, applications=waiting, opinion="同意", actor=cast.unit_admin
)
elapsed = time.perf_counter() - started
if result.skipped:
    print("skipped, e.g.:", result.skipped[0][1])
print(
    f"[{connection.vendor}] 批量通过 of {len(waiting)}: {len(result.done)} passed, "
    f"{len(result.skipped)} skipped, {elapsed:.1f} s ({elapsed / max(len(waiting), 1) * 1000:.0f} ms each)"
)
