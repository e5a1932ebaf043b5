"""Background work, run by `manage.py db_worker` (django-tasks, database backend)."""

import time

from django.conf import settings
from django_tasks import task

_last_sweep = 0.0


@task()
def generate_certificate(certificate_id: int) -> bool:
    """Generate one certificate's PDF (idempotent), then look for stalled ones now and then."""
    from .services import certificate_generate, certificates_requeue_stalled

    done = certificate_generate(certificate_id=certificate_id)
    global _last_sweep
    now = time.monotonic()
    # A worker killed mid-task leaves its task RUNNING for ever: the next worker retries it.
    if now - _last_sweep > max(1.0, settings.CERTIFICATE_STALL_SECONDS / 2):
        _last_sweep = now
        certificates_requeue_stalled()
    return done


@task()
def build_batch_zip(batch_id: int) -> int:
    from .exports import batch_zip_build

    return batch_zip_build(batch_id=batch_id)


def warm_up() -> None:
    """Load fonts, the typst compiler and the signing code once, before the first task: a cold
    worker would otherwise spend seconds on the first certificate, which people wait for."""
    from zhicheng.documents.certificate import certificate_pdf
    from zhicheng.documents.samples import sample_certificate

    from . import signing  # noqa: F401  (pyHanko and its validators)

    certificate_pdf(sample_certificate())
