"""Rendering times in a warm process: the 诚信承诺书 and the 评审表 with 10 and 200 业绩 rows.

.venv/bin/python bench/documents.py      (no database; target: a 200-row 评审表 under 300 ms)
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

from zhicheng.documents.pledge import pledge_pdf  # noqa: E402
from zhicheng.documents.review_form import review_form_pdf  # noqa: E402
from zhicheng.documents.samples import SAMPLE_PLAN, sample_photo, sample_review_form  # noqa: E402

ROUNDS = 15


def median_ms(render: Callable[[], bytes]) -> tuple[float, int]:
    pdf = render()  # warm-up: fonts, compiler, layout caches
    times = []
    for _ in range(ROUNDS):
        start = time.perf_counter()
        render()
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times), len(PdfReader(io.BytesIO(pdf)).pages)


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
    for label, render in cases:
        ms, pages = median_ms(render)
        print(f"{label:<24} {pages:>3} pages  median {ms:7.1f} ms  ({ROUNDS} rounds)")


if __name__ == "__main__":
    main()
