"""Rendering times in a warm process: every document (the 评审表 with 10 and 200 业绩 rows).

.venv/bin/python bench/documents.py      (no database; targets: a 200-row 评审表 under 300 ms,
a certificate under 20 ms)
"""

import io
import os
import statistics
import sys
import time
from collections.abc import Callable
from functools import partial
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.test")

import django  # noqa: E402

django.setup()

from pypdf import PdfReader  # noqa: E402

from zhicheng.documents import samples  # noqa: E402
from zhicheng.documents.admission_ticket import admission_ticket_pdf  # noqa: E402
from zhicheng.documents.application_summary import (  # noqa: E402
    application_summary_pdf,
    application_summary_xlsx,
)
from zhicheng.documents.certificate import certificate_pdf  # noqa: E402
from zhicheng.documents.exceptional_approval import exceptional_approval_pdf  # noqa: E402
from zhicheng.documents.pledge import pledge_pdf  # noqa: E402
from zhicheng.documents.publicity_list import publicity_list_pdf, publicity_list_xlsx  # noqa: E402
from zhicheng.documents.review_form import review_form_pdf  # noqa: E402
from zhicheng.documents.samples import SAMPLE_PLAN, sample_photo, sample_review_form  # noqa: E402
from zhicheng.documents.transfer_application import transfer_application_pdf  # noqa: E402

ROUNDS = 15


def median_ms(render: Callable[[], bytes]) -> tuple[float, int]:
    pdf = render()  # warm-up: fonts, compiler, layout caches
    pages = len(PdfReader(io.BytesIO(pdf)).pages) if pdf.startswith(b"%PDF") else 0
    times = []
    for _ in range(ROUNDS):
        start = time.perf_counter()
        render()
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times), pages


def main() -> None:
    start = time.perf_counter()
    pledge_pdf(plan_name=SAMPLE_PLAN, year=2026)
    print(
        f"first render in a cold process (fonts, compiler): {(time.perf_counter() - start) * 1000:.0f} ms"
    )
    photo = sample_photo()
    cases: list[tuple[str, Callable[[], bytes]]] = [
        ("诚信承诺书", lambda: pledge_pdf(plan_name=SAMPLE_PLAN, year=2026, applicant_name="张三")),
    ]
    for rows in (10, 200):
        data = sample_review_form(achievements=rows, photo=photo, decided=True)
        cases.append((f"评审表, {rows} 业绩 rows", partial(review_form_pdf, data)))
    summary = samples.sample_application_summary(photo=photo, achievements=40)
    publicity = samples.sample_publicity_list(rows=300)
    cases += [
        (
            "证书 (seals, photo, QR)",
            partial(certificate_pdf, samples.sample_certificate(photo=photo)),
        ),
        ("证书, no seals", partial(certificate_pdf, samples.sample_certificate(seals=False))),
        ("准考证", partial(admission_ticket_pdf, samples.sample_admission_ticket(photo=photo))),
        (
            "破格审批表",
            partial(exceptional_approval_pdf, samples.sample_exceptional_approval(photo=photo)),
        ),
        (
            "转评申报表",
            partial(transfer_application_pdf, samples.sample_transfer_application(photo=photo)),
        ),
        ("公示, 300 rows", partial(publicity_list_pdf, publicity)),
        ("公示 xlsx, 300 rows", partial(publicity_list_xlsx, publicity)),
        ("申报信息, 40 业绩 rows", partial(application_summary_pdf, summary)),
        ("申报信息 xlsx", partial(application_summary_xlsx, summary)),
    ]
    for label, render in cases:
        ms, pages = median_ms(render)
        print(f"{label:<24} {pages:>3} pages  median {ms:7.1f} ms  ({ROUNDS} rounds)")


if __name__ == "__main__":
    main()
