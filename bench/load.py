# mypy: disable-error-code="attr-defined,arg-type,misc"
"""Load test: gunicorn (deploy/gunicorn.conf.py, production settings) on PostgreSQL, and people
doing their journeys at once — 个人首页, 个人业绩库 and 评审计划 search for applicants, 单位工作台
and the unit's library queue for unit administrators. Loopback only, bounded in time and count.

    .venv/bin/python bench/load.py            # 50 people for 60 s (LOAD_USERS, LOAD_SECONDS)

Starts the checkout's throw-away cluster (scripts/postgres.sh) and uses a database of its own
(zhicheng_load, recreated). Prints requests per second, p50/p95/p99 and errors (must be 0), then
times the backup and restore drill on the same data. Exit status 1 on any error.
"""

import http.client
import json
import os
import random
import re
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path
from urllib.parse import quote

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

USERS = int(os.environ.get("LOAD_USERS", "50"))
SECONDS = float(os.environ.get("LOAD_SECONDS", "60"))
MAX_REQUESTS = int(os.environ.get("LOAD_MAX_REQUESTS", "200000"))
ENTRIES_PER_PERSON = 40
HOST = "127.0.0.1"  # loopback only: this script never sends a request elsewhere


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind((HOST, 0))
        return int(sock.getsockname()[1])


def cluster_url() -> str:
    out = subprocess.run(
        ["bash", str(ROOT / "scripts" / "postgres.sh")], capture_output=True, text=True, check=True
    ).stdout
    url = re.search(r"DATABASE_URL=(\S+)", out)
    assert url, out
    return url.group(1)


def recreate_database(url: str, name: str) -> str:
    import psycopg

    with psycopg.connect(url, autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        conn.execute(f'CREATE DATABASE "{name}"')
    return url.rsplit("/", 1)[0] + f"/{name}"


base_url = cluster_url()
database_url = recreate_database(base_url, "zhicheng_load")
var_dir = Path(tempfile.mkdtemp(prefix="zhicheng-load-"))
platform_env = {
    "DJANGO_SETTINGS_MODULE": "config.settings.prod",
    "SECRET_KEY": "load-test-only-" + "x" * 50,
    "DATABASE_URL": database_url,
    "ALLOWED_HOSTS": HOST,
    "ZHICHENG_VAR_DIR": str(var_dir),
    # No SSO is needed (sessions are made here); a closed port answers at once if asked.
    "SSO_SERVER_URL": f"http://{HOST}:9/o",
}
os.environ.update(platform_env)

import django  # noqa: E402

django.setup()

from django.conf import settings  # noqa: E402
from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY  # noqa: E402
from django.contrib.sessions.backends.db import SessionStore  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.db import connection  # noqa: E402
from django.utils import timezone  # noqa: E402

started = time.perf_counter()
call_command("migrate", verbosity=0)
call_command("load_demo", no_idp=True, stdout=open(os.devnull, "w"))  # noqa: SIM115
call_command("collectstatic", interactive=False, verbosity=0)

from zhicheng.accounts.models import User  # noqa: E402
from zhicheng.core.tests import factories as f  # noqa: E402
from zhicheng.demo import people as demo  # noqa: E402
from zhicheng.library.models import Entry  # noqa: E402
from zhicheng.orgs.models import Organization, UnitBinding  # noqa: E402

units = list(Organization.objects.filter(credit_code__in=[u.credit_code for u in demo.UNITS]))
admins = [f.LegalPersonFactory(unit_name=u.name, credit_code=u.credit_code) for u in units]
people = [f.PersonFactory(username=f"load-{n}") for n in range(max(USERS, 1))]
UnitBinding.objects.bulk_create(
    UnitBinding(
        person=p, unit=units[n % len(units)], statement="x", status=UnitBinding.Status.APPROVED
    )
    for n, p in enumerate(people)
)
kinds = [Entry.Kind.EDUCATION, Entry.Kind.PAPER, Entry.Kind.WORK, Entry.Kind.APPRAISAL]
statuses = [Entry.Status.DRAFT, Entry.Status.SUBMITTED, Entry.Status.APPROVED]
Entry.objects.bulk_create(
    Entry(
        person=p,
        kind=kinds[k % len(kinds)],
        status=statuses[k % len(statuses)],
        unit=units[n % len(units)],
        title=f"业绩 {n}-{k}",
        school="某大学",
        major="某专业",
        submitted_at=timezone.now(),
    )
    for n, p in enumerate(people)
    for k in range(ENTRIES_PER_PERSON)
)
with connection.cursor() as cursor:
    cursor.execute("ANALYZE")


def session_cookie(user: User) -> str:
    session = SessionStore()
    session[SESSION_KEY] = str(user.pk)
    session[BACKEND_SESSION_KEY] = "django.contrib.auth.backends.ModelBackend"
    session[HASH_SESSION_KEY] = user.get_session_auth_hash()
    session.create()
    return f"{settings.SESSION_COOKIE_NAME}={session.session_key}"


year = timezone.localdate().year
applicant_journey = ["/home/", "/library/", f"/apply/?year={year}", "/apply/?name=" + quote("教师")]
# One simulated person in five is a unit administrator.
simulated = []
for n in range(USERS):
    if n % 5 == 4:
        admin = admins[n % len(admins)]
        unit = units[n % len(units)]
        journey = ["/unit/", f"/units/{unit.pk}/library/", f"/units/{unit.pk}/library/?status="]
        simulated.append((session_cookie(admin), journey))
    else:
        simulated.append((session_cookie(people[n]), applicant_journey))
connection.close()
print(
    f"data: {User.objects.count()} accounts, {Entry.objects.count()} entries, "
    f"{len(units)} units ({time.perf_counter() - started:.1f} s)"
)

port = free_port()
gunicorn_env = {
    **os.environ,
    **platform_env,
    "GUNICORN_BIND": f"{HOST}:{port}",
    "GUNICORN_ACCESSLOG": "",
}
gunicorn_env.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)
log = (var_dir / "gunicorn.log").open("w")
server = subprocess.Popen(
    [str(ROOT / ".venv" / "bin" / "gunicorn"), "-c", str(ROOT / "deploy" / "gunicorn.conf.py")],
    cwd=ROOT,
    env=gunicorn_env,
    stdout=log,
    stderr=subprocess.STDOUT,
)


def request(conn: http.client.HTTPConnection, path: str, cookie: str) -> int:
    conn.request(
        "GET",
        path,
        headers={"Host": HOST, "Cookie": cookie, "X-Forwarded-Proto": "https"},
    )
    response = conn.getresponse()
    response.read()
    return response.status


def wait_and_warm_up() -> None:
    deadline = time.monotonic() + 60
    while True:
        try:
            probe = http.client.HTTPConnection(HOST, port, timeout=5)
            assert request(probe, "/healthz", "") == 200
            probe.close()
            break
        except OSError:
            if server.poll() is not None or time.monotonic() > deadline:
                raise SystemExit((var_dir / "gunicorn.log").read_text()) from None
            time.sleep(0.3)
    # Every journey page once, to fail early and fill the workers' caches.
    for cookie, journey in simulated[:5]:
        conn = http.client.HTTPConnection(HOST, port, timeout=30)
        for path in journey:
            status = request(conn, path, cookie)
            assert status == 200, (path, status)
        conn.close()


latencies: list[float] = []
by_page: dict[str, list[float]] = {}
errors: dict[str, int] = {}
lock = threading.Lock()
budget = threading.Semaphore(MAX_REQUESTS)
stop_at = 0.0


def person(cookie: str, journey: list[str], seed: int) -> None:
    rng = random.Random(seed)
    conn = http.client.HTTPConnection(HOST, port, timeout=30)
    mine: list[float] = []
    pages: dict[str, list[float]] = {}
    failures: dict[str, int] = {}
    while time.monotonic() < stop_at and budget.acquire(blocking=False):
        path = rng.choice(journey)
        t = time.perf_counter()
        try:
            status = request(conn, path, cookie)
        except (OSError, http.client.HTTPException) as error:
            failures[type(error).__name__] = failures.get(type(error).__name__, 0) + 1
            conn.close()
            conn = http.client.HTTPConnection(HOST, port, timeout=30)
            continue
        mine.append(time.perf_counter() - t)
        pages.setdefault(re.sub(r"/\d+/", "/<id>/", path), []).append(mine[-1])
        if status != 200:
            failures[f"{status} {path}"] = failures.get(f"{status} {path}", 0) + 1
    conn.close()
    with lock:
        latencies.extend(mine)
        for page, values in pages.items():
            by_page.setdefault(page, []).extend(values)
        for key, count in failures.items():
            errors[key] = errors.get(key, 0) + count


try:
    wait_and_warm_up()
    threads = [
        threading.Thread(target=person, args=(cookie, journey, n))
        for n, (cookie, journey) in enumerate(simulated)
    ]
    began = time.monotonic()
    stop_at = began + SECONDS
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=SECONDS + 60)
    elapsed = time.monotonic() - began
finally:
    server.terminate()
    server.wait(timeout=30)

latencies.sort()


def percentile(p: float) -> float:
    return latencies[min(len(latencies) - 1, int(len(latencies) * p))] * 1000 if latencies else 0


n_errors = sum(errors.values())
workers = os.environ.get("GUNICORN_WORKERS", "2")
threads_per_worker = os.environ.get("GUNICORN_THREADS", "4")
load_average = os.getloadavg()[0]
print(
    f"load: {USERS} people, {elapsed:.0f} s, gunicorn {workers}×{threads_per_worker}, "
    f"PostgreSQL, {os.cpu_count()} cores shared with the load generator "
    f"(load average {load_average:.1f} at the end)"
)
print(
    f"  {len(latencies) + n_errors} requests, {len(latencies) / elapsed:.1f} req/s, "
    f"p50 {percentile(0.50):.0f} ms, p95 {percentile(0.95):.0f} ms, p99 {percentile(0.99):.0f} ms, "
    f"mean {statistics.fmean(latencies) * 1000 if latencies else 0:.0f} ms, errors {n_errors}"
)
for page, values in sorted(by_page.items()):
    values.sort()
    print(
        f"  {page:<42} {len(values):>6} requests, p50 {values[len(values) // 2] * 1000:.0f} ms, "
        f"p95 {values[int(len(values) * 0.95)] * 1000:.0f} ms"
    )
if errors:
    print("  errors:", json.dumps(errors, ensure_ascii=False))

# The backup and restore drill on the same data, timed.
archive = var_dir / "drill.tar"
t = time.perf_counter()
call_command("backup", output=str(archive), stdout=open(os.devnull, "w"))  # noqa: SIM115
backup_seconds = time.perf_counter() - t
restore_url = recreate_database(base_url, "zhicheng_load_restore")
t = time.perf_counter()
call_command(
    "restore",
    str(archive),
    database_url=restore_url,
    media_root=str(var_dir / "restored-media"),
    stdout=open(os.devnull, "w"),  # noqa: SIM115
)
restore_seconds = time.perf_counter() - t
print(
    f"drill: backup {backup_seconds:.1f} s ({archive.stat().st_size / 1e6:.1f} MB), "
    f"restore into an empty database with every count and checksum compared {restore_seconds:.1f} s"
)
sys.exit(1 if n_errors else 0)
