"""Queries per page and requests per second for the most visited pages (in-process, SQLite), each
against a floor: the site layout with nothing in it (a bench-only URL), logged in, through the same
middleware. The goal of the readiness issue is at least 50 % of the floor for every page.

.venv/bin/python bench/pages.py                     ROUNDS=200, QUEUE=300 by default
.venv/bin/python bench/pages.py --profile 审计日志   pyinstrument over ROUNDS requests of each page
                                                    whose label contains the word (pip install
                                                    pyinstrument into the .venv first)
"""

import datetime
import os
import sys
import time
import unicodedata
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.test")
os.environ.setdefault("ZHICHENG_VAR_DIR", "/tmp/zhicheng-bench")

import django  # noqa: E402

django.setup()

from django.contrib.auth.decorators import login_required  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.db import connection, transaction  # noqa: E402
from django.http import HttpRequest, HttpResponse  # noqa: E402
from django.template import engines  # noqa: E402
from django.test import Client  # noqa: E402
from django.urls import clear_url_caches, path  # noqa: E402
from django.utils import timezone  # noqa: E402
from stdnum.cn import ric  # noqa: E402

import config.urls  # noqa: E402

Path(os.environ["ZHICHENG_VAR_DIR"]).mkdir(parents=True, exist_ok=True)
db = Path(os.environ["ZHICHENG_VAR_DIR"]) / "zhicheng.sqlite3"
db.unlink(missing_ok=True)
call_command("migrate", verbosity=0)
call_command("load_demo", "--no-idp", verbosity=0)

# The floor: base.html with empty blocks, rendered with the request's context processors, behind
# the same middleware and login as every page below. Bench-only; not in the product's URLconf file.
FLOOR_TEMPLATE = engines["django"].from_string('{% extends "base.html" %}')


@login_required
def floor(request: HttpRequest) -> HttpResponse:
    return HttpResponse(FLOOR_TEMPLATE.render({}, request))


config.urls.urlpatterns.append(path("__bench__/floor/", floor))
clear_url_caches()

from zhicheng.accounts.models import User  # noqa: E402
from zhicheng.applications.models import Application  # noqa: E402
from zhicheng.audit.services import audit_record  # noqa: E402
from zhicheng.core.tests.factories import LegalPersonFactory, PersonFactory  # noqa: E402
from zhicheng.orgs.models import Organization  # noqa: E402
from zhicheng.orgs.services import binding_decide, binding_request  # noqa: E402
from zhicheng.reviews.models import ReviewCase, ReviewStep  # noqa: E402

person: User = PersonFactory()  # type: ignore[assignment]
auditor = User.objects.get(username="shenji")
for n in range(5000):
    audit_record(kind="login", username=f"user{n}")

# A school with 300 staff bound and 300 requests waiting (a unit HR clerk's day).
school = Organization.objects.get(name="合肥市第一中学")
legal: User = LegalPersonFactory(credit_code=school.credit_code, unit_name=school.name)  # type: ignore[assignment]
for n in range(600):
    staff: User = PersonFactory()  # type: ignore[assignment]
    binding = binding_request(person=staff, unit_id=school.pk, statement=f"入职{n}")
    if n < 300:
        binding_decide(binding=binding, unit=school, actor=legal, approve=True, opinion="")

# The department's queue (zgbm, 合肥市教育局) grown to QUEUE applications waiting: copies of the demo
# application pending there, made in bulk (as bench/reviews.py does), not through services.
QUEUE = int(os.environ.get("QUEUE", "300"))
pending = ReviewStep.objects.select_related("case", "application").get(
    status="pending", node="department", organization__name="合肥市教育局"
)
template = pending.application
with transaction.atomic():
    people = []
    for n in range(QUEUE):
        birth = datetime.date(1970, 1, 1) + datetime.timedelta(days=n // 900)
        body = f"340104{birth:%Y%m%d}{n % 900 + 100:03d}"
        people.append(
            PersonFactory.build(
                username=f"bench-{n}", name=f"申报人{n}",
                id_number=body + ric.calc_check_digit(body + "0"),
            )
        )  # fmt: skip
    User.objects.bulk_create(people)
    people = list(User.objects.filter(username__startswith="bench-").order_by("pk"))
    apps = []
    for someone in people:
        copy = Application.objects.get(pk=template.pk)
        copy.pk = None
        copy.person = someone
        apps.append(copy)
    Application.objects.bulk_create(apps)
    apps = list(Application.objects.filter(person__in=people).order_by("pk"))
    ReviewCase.objects.bulk_create(
        [
            ReviewCase(
                application=a, round=1, submitted_at=timezone.now(), issuer=pending.case.issuer
            )
            for a in apps
        ]
    )
    cases = list(ReviewCase.objects.filter(application__in=apps).order_by("pk"))
    ReviewStep.objects.bulk_create(
        ReviewStep(
            case=case, application_id=case.application_id, position=pending.position,
            node="department", organization_id=pending.organization_id, status="pending",
            arrived_at=timezone.now(),
        )
        for case in cases
    )  # fmt: skip

department = User.objects.get(username="zgbm")
applicant = User.objects.get(username="demo-wanglaoshi")
holder = User.objects.get(username="demo-zhoulaoshi")
PAGES: list[tuple[str, Any, str]] = [
    ("【底线】空白页面（已登录，申报人）", person, "/__bench__/floor/"),
    ("登录页", None, "/login/"),
    ("个人首页", person, "/home/"),
    ("个人中心", person, "/me/"),
    ("工作台", department, "/staff/"),
    ("变更单位", person, "/me/unit/"),
    ("选择单位搜索", person, "/units/search/?q=中学"),
    ("单位工作台（300人）", legal, "/unit/"),
    ("绑定审核（300条待审，第1页）", legal, f"/units/{school.pk}/requests/"),
    ("本单位人员（300人，第1页）", legal, f"/units/{school.pk}/staff/"),
    ("本单位人员（按姓名检索）", legal, f"/units/{school.pk}/staff/?q=张"),
    ("审计日志（5000条，第1页）", auditor, "/audit/"),
    ("审计日志（按账号筛选）", auditor, "/audit/?username=user49"),
    ("职称申报（王老师）", applicant, "/applications/"),
    ("评审工作（主管部门）", department, "/reviews/"),
    (f"评审队列（{QUEUE}条待审，第1页）", department, f"/reviews/{pending.organization_id}/"),
    ("我的职称（周老师）", holder, "/me/titles/"),
]
ROUNDS = int(os.environ.get("ROUNDS", "200"))


def client_for(user: Any, url: str) -> Client:
    client = Client()
    if user is not None:
        client.force_login(user)
    response = client.get(url)
    assert response.status_code == 200, (url, response.status_code)
    return client


def count_queries(client: Client, url: str) -> int:
    # Django clears connection.queries at each request start, so count through a wrapper.
    queries: list[str] = []

    def count(run, sql, *args):  # type: ignore[no-untyped-def]
        queries.append(sql)
        return run(sql, *args)

    with connection.execute_wrapper(count):
        client.get(url)
    return len(queries)


if "--profile" in sys.argv:
    from pyinstrument import Profiler
    from pyinstrument.renderers import ConsoleRenderer

    word = sys.argv[sys.argv.index("--profile") + 1]
    for label, user, url in PAGES:
        if word in label:
            client = client_for(user, url)
            profiler = Profiler(interval=0.0005)
            with profiler:
                for _ in range(ROUNDS):
                    client.get(url)
            print(f"==== {label} {url}")
            print(profiler.output_text(unicode=True, color=False, show_all=False))
            # And where the time goes by function, all frames shown (template nodes, SQL, ...).
            flat = ConsoleRenderer(unicode=True, flat=True, show_all=True)
            print("\n".join(profiler.output(flat).splitlines()[:45]))
    sys.exit(0)


def pad(text: str, width: int) -> str:
    """Left-aligned in a terminal, where a Chinese character takes two columns."""
    used = sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in text)
    return text + " " * max(width - used, 1)


# The floor for each page is the empty layout for the same account (its menu is part of the layout).
# The machine's load drifts within seconds: each page's requests alternate one by one with the
# floor's, and the ratio compares the two sums.
floor_url = PAGES[0][2]
print(f"{pad('page', 34)}{'queries':>8}{'req/s':>8}{'floor/s':>8}{'ratio':>7}")
for label, user, url in PAGES:
    client = client_for(user, url)
    floor_client = client_for(user or person, floor_url)
    queries = count_queries(client, url)
    page_seconds = floor_seconds = 0.0
    for _ in range(ROUNDS):
        start = time.perf_counter()
        floor_client.get(floor_url)
        middle = time.perf_counter()
        client.get(url)
        page_seconds += time.perf_counter() - middle
        floor_seconds += middle - start
    ratio = floor_seconds / page_seconds
    flag = "" if ratio >= 0.5 else "  < 50 %"
    print(
        f"{pad(label, 34)}{queries:>8}{ROUNDS / page_seconds:>8.0f}{ROUNDS / floor_seconds:>8.0f}"
        f"{ratio:>7.0%}{flag}"
    )
