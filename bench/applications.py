# mypy: disable-error-code="attr-defined,arg-type,misc,union-attr"
"""职称申报 with many imports: queries and time of 申报一览表, each section and 开始检测, and the
当前申报记录 / 我的历史记录 of a person with ten years of history.

SQLite (throw-away file):   .venv/bin/python bench/applications.py
PostgreSQL (own database):  DATABASE_URL=postgres://user@host:port/zhicheng_bench .venv/bin/python bench/applications.py
ENTRIES=200 imported entries and 30 attachments by default.
"""

import os
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.test")
os.environ.setdefault("ZHICHENG_VAR_DIR", "/tmp/zhicheng-bench-applications")
Path(os.environ["ZHICHENG_VAR_DIR"]).mkdir(parents=True, exist_ok=True)

import django  # noqa: E402

django.setup()

from django.conf import settings  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.urls import reverse  # noqa: E402

settings.MEDIA_ROOT = Path(os.environ["ZHICHENG_VAR_DIR"]) / "media"
ENTRIES = int(os.environ.get("ENTRIES", "200"))
ROUNDS = 20

if connection.vendor == "sqlite":
    (Path(os.environ["ZHICHENG_VAR_DIR"]) / "zhicheng.sqlite3").unlink(missing_ok=True)
call_command("migrate", verbosity=0)
if connection.vendor == "postgresql":
    from zhicheng.audit.sqlite import flushing_allowed

    with flushing_allowed():
        call_command("flush", interactive=False, verbosity=0)

from zhicheng.applications import checks, services  # noqa: E402
from zhicheng.applications.models import Application, ImportedEntry, Section  # noqa: E402
from zhicheng.applications.selectors import application_data  # noqa: E402
from zhicheng.applications.tests.factories import (  # noqa: E402
    K,
    approved_entry,
    complete,
    open_plan,
    start,
    upload,
    world,
)
from zhicheng.conftest import Cast  # noqa: E402
from zhicheng.core.tests import factories as f  # noqa: E402


def measure(client: Client, url: str) -> tuple[int, float]:
    client.get(url)
    counted = [0]

    def count(execute, sql, params, many, context):  # type: ignore[no-untyped-def]
        counted[0] += 1
        return execute(sql, params, many, context)

    with connection.execute_wrapper(count):
        client.get(url)
    times = []
    for _ in range(ROUNDS):
        began = time.perf_counter()
        assert client.get(url).status_code == 200, url
        times.append((time.perf_counter() - began) * 1000)
    return counted[0], statistics.median(times)


unit = f.OrganizationFactory(name="基准测试单位", is_public_institution=True)
cast = Cast(*([None] * 12), unit=unit, other_unit=None)  # type: ignore[call-arg]
cast.applicant = f.PersonFactory()
w = world(cast)
application = complete(w, start(w))
for n in range(ENTRIES):
    if n % 2:
        entry = approved_entry(w.person, w.unit, K.WORK, organization=f"单位{n}")
    else:
        entry = approved_entry(
            w.person, w.unit, K.TRAINING, year=1990 + n % 35, organization=f"机构{n}"
        )
    section = Section.WORK if entry.kind != K.TRAINING else Section.TRAINING
    ImportedEntry.objects.create(
        application=application,
        section=section,
        entry=entry,
        kind=entry.kind,
        position=n + 1,
        summary=str(entry)[:300],
        facts=[["名称", str(entry)]],
        files=[{"id": entry.attachments.first().pk, "name": "证明.png", "is_image": True}],
    )
slots = [w.plan.slots.get(name=n) for n in ("身份证正反面", "职称申报承诺书", "职（执）业资格证书")]
while application.attachments.count() < 30:
    slot = next(s for s in slots if application.attachments.filter(slot=s).count() < 10)
    services.application_attachment_add(
        application=application, slot=slot, checked=upload(), actor=w.person
    )
print(
    f"application with {application.imports.count()} imported entries, {application.attachments.count()} attachments"
)

client = Client()
client.force_login(w.person)
print(f"{'page':<14} {'queries':>8} {'median ms':>10}")
for name in (
    "overview",
    "basic",
    "work",
    "training",
    "performance",
    "attachments",
    "files",
    "check",
):
    count, ms = measure(client, reverse("applications:section", args=[application.pk, name]))
    print(f"{name:<14} {count:>8} {ms:>10.1f}")

times = []
data = application_data(application)
for _ in range(ROUNDS):
    began = time.perf_counter()
    checks.application_checks(application)
    times.append((time.perf_counter() - began) * 1000)
print(
    f"开始检测 (application_checks, {len(data.imports)} imports): median {statistics.median(times):.1f} ms"
)

# Ten years of history: applications in earlier plan years (made directly, one per year).
for year in range(2016, 2026):
    plan, plain, _exam, standard, *_rest = open_plan(year=year)
    Application.objects.create(
        person=w.person,
        plan=plan,
        year=year,
        apply_form="regular",
        specialty=plain,
        title="高级工程师",
        standard=standard,
        status="submitted",
    )
for tab in ("current", "history"):
    count, ms = measure(client, reverse("applications:index") + f"?tab={tab}")
    print(f"当前申报记录/历史 tab={tab:<8} queries {count}, median {ms:.1f} ms")
