"""A real `manage.py db_worker`: killed halfway through a batch and restarted, it leaves exactly one
valid certificate per holder; with a worker running, one certificate is downloadable within 2 s."""

import os
import signal
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import pytest
from django.conf import settings
from django.db import connection

from zhicheng.certificates import services
from zhicheng.certificates.issuers import issuer_key
from zhicheng.certificates.models import Certificate
from zhicheng.certificates.tests.factories import details_for, issuer_org, photo_jpeg
from zhicheng.core.tests.factories import PersonFactory

ROOT = Path(settings.BASE_DIR)
C = Certificate.Status


def _database_url() -> str:
    db = connection.settings_dict
    if db["ENGINE"].endswith("sqlite3"):
        return f"sqlite:///{db['NAME']}"
    return f"postgres://{db['USER']}:{db['PASSWORD']}@{db['HOST'] or '127.0.0.1'}:{db['PORT'] or 5432}/{db['NAME']}"


def _worker(*args: str) -> subprocess.Popen:
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "config.settings.test",
        "DATABASE_URL": _database_url(),
        "CERTIFICATE_STALL_SECONDS": "1",
        "ZHICHENG_MEDIA_ROOT": str(settings.MEDIA_ROOT),
        "CERTIFICATE_PUBLIC_ORIGIN": settings.CERTIFICATE_PUBLIC_ORIGIN,
    }
    return subprocess.Popen(
        [
            sys.executable,
            str(ROOT / "manage.py"),
            "db_worker",
            "--no-startup-delay",
            "--no-reload",
            "-v0",
            *args,
        ],
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )


def _count(status: str) -> int:
    return Certificate.objects.filter(status=status).count()


def _wait_for(condition: Any, seconds: float) -> bool:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(0.05)
    return False


@pytest.mark.django_db(transaction=True)
def test_a_worker_killed_halfway_through_a_batch_leaves_one_certificate_per_holder(
    cast: Any,
) -> None:
    issuer = issuer_org(cast)
    issuer_key(issuer)  # created here, before two processes could race to create it
    people = [PersonFactory() for _ in range(30)]
    photo = photo_jpeg()
    items = [
        services.IssueItem(details=details_for(p), source_key=f"result:{n}", holder=p, photo=photo)
        for n, p in enumerate(people)
    ]
    batch = services.certificates_issue_many(items=items, issuer=issuer, actor=cast.issuer)
    worker = _worker("--interval", "0.1")
    try:
        if not _wait_for(lambda: _count(C.VALID) >= 8, 60):
            worker.kill()
            from django_tasks_db.models import DBTaskResult

            rows = list(DBTaskResult.objects.values("status", "traceback")[:2])
            raise AssertionError(f"{worker.communicate()[1].decode()[-3000:]} {rows}")
        worker.send_signal(signal.SIGKILL)
        worker.wait(timeout=10)
    finally:
        if worker.poll() is None:
            worker.kill()
    assert _count(C.GENERATING) > 0, "killed too late to test anything"
    time.sleep(1.2)  # past CERTIFICATE_STALL_SECONDS: the killed worker's task counts as dead
    # The same batch again (as if the issuer pressed 生成 twice): still one certificate per result.
    services.certificates_issue_many(items=items, issuer=issuer, actor=cast.issuer)
    restarted = _worker("--batch", "--interval", "0.1")
    _, stderr = restarted.communicate(timeout=120)
    assert restarted.returncode == 0, stderr.decode()
    if _count(C.GENERATING):
        # The killed task was the last one: the sweep runs with the next task (or the status poll).
        assert services.certificates_requeue_stalled(older_than_seconds=1) >= 1
        again = _worker("--batch", "--interval", "0.1")
        again.communicate(timeout=120)
    assert _count(C.VALID) == len(people)
    assert Certificate.objects.count() == len(people)
    for person in people:
        assert Certificate.objects.filter(holder_id_number=person.id_number).count() == 1
    assert services.batch_progress(batch)["percent"] == 100
    assert all(c.events.filter(to_status=C.VALID).count() == 1 for c in Certificate.objects.all())


@pytest.mark.django_db(transaction=True)
def test_one_certificate_is_downloadable_within_two_seconds_with_the_worker_running(
    cast: Any,
) -> None:
    issuer = issuer_org(cast)
    issuer_key(issuer)
    worker = _worker("--interval", "0.5")  # as `make run` starts it
    try:
        # Wait until the worker is up and warm (it runs beside the server all day), then measure.
        first = services.certificate_issue(
            item=services.IssueItem(
                details=details_for(cast.applicant),
                source_key="warm",
                holder=cast.applicant,
                photo=photo_jpeg(),
            ),
            issuer=issuer,
            actor=cast.issuer,
        )
        assert _wait_for(lambda: Certificate.objects.get(pk=first.pk).status == C.VALID, 90)
        time.sleep(0.6)  # idle again: the next task waits for the worker's next poll, as in life
        latencies = []
        for n in range(3):
            start = time.monotonic()
            item = services.IssueItem(
                details=details_for(cast.applicant),
                source_key=f"latency:{n}",
                holder=cast.applicant,
                photo=photo_jpeg(),
            )
            certificate = services.certificate_issue(item=item, issuer=issuer, actor=cast.issuer)
            if not _wait_for(
                lambda pk=certificate.pk: Certificate.objects.get(pk=pk).status == C.VALID, 10
            ):
                from django_tasks_db.models import DBTaskResult

                raise AssertionError(list(DBTaskResult.objects.values("status", "traceback")))
            latencies.append(time.monotonic() - start)
        print(f"核准 → downloadable: {', '.join(f'{s * 1000:.0f} ms' for s in latencies)}")
        assert max(latencies) <= 2.0, latencies
    finally:
        worker.terminate()
        worker.wait(timeout=10)
