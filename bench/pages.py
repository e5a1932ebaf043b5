"""Queries per page and requests per second for the pages of the foundation (in-process, SQLite).

.venv/bin/python bench/pages.py
"""

import os
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.test")
os.environ.setdefault("ZHICHENG_VAR_DIR", "/tmp/zhicheng-bench")

import django  # noqa: E402

django.setup()

from django.core.management import call_command  # noqa: E402
from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402

Path(os.environ["ZHICHENG_VAR_DIR"]).mkdir(parents=True, exist_ok=True)
db = Path(os.environ["ZHICHENG_VAR_DIR"]) / "zhicheng.sqlite3"
db.unlink(missing_ok=True)
call_command("migrate", verbosity=0)
call_command("load_demo", "--no-idp", verbosity=0)

from zhicheng.accounts.models import User  # noqa: E402
from zhicheng.audit.services import audit_record  # noqa: E402
from zhicheng.core.tests.factories import LegalPersonFactory, PersonFactory  # noqa: E402
from zhicheng.orgs.models import Organization  # noqa: E402
from zhicheng.orgs.services import binding_decide, binding_request  # noqa: E402

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

PAGES = [
    ("登录页", None, "/login/"),
    ("个人首页", person, "/home/"),
    ("个人中心", person, "/me/"),
    ("工作台", User.objects.get(username="zgbm"), "/staff/"),
    ("变更单位", person, "/me/unit/"),
    ("选择单位搜索", person, "/units/search/?q=中学"),
    ("单位工作台（300人）", legal, "/unit/"),
    ("绑定审核（300条待审，第1页）", legal, f"/units/{school.pk}/requests/"),
    ("本单位人员（300人，第1页）", legal, f"/units/{school.pk}/staff/"),
    ("本单位人员（按姓名检索）", legal, f"/units/{school.pk}/staff/?q=张"),
    ("审计日志（5000条，第1页）", auditor, "/audit/"),
    ("审计日志（按账号筛选）", auditor, "/audit/?username=user49"),
]
ROUNDS = 200
print(f"{'page':<28}{'queries':>8}{'req/s':>10}")
for label, user, url in PAGES:
    client = Client()
    if user is not None:
        client.force_login(user)
    client.get(url)
    # Django clears connection.queries at each request start, so count through a wrapper.
    queries: list[str] = []

    def count(run, sql, *args, queries=queries):  # type: ignore[no-untyped-def]
        queries.append(sql)
        return run(sql, *args)

    with connection.execute_wrapper(count):
        response = client.get(url)
    assert response.status_code == 200, (url, response.status_code)
    start = time.perf_counter()
    for _ in range(ROUNDS):
        client.get(url)
    rate = ROUNDS / (time.perf_counter() - start)
    print(f"{label:<28}{len(queries):>8}{rate:>10.0f}")
