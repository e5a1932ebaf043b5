"""Signed certificates per second: the whole pipeline of the worker (typst render + PAdES signature)
for each profile, against WeasyPrint rendering the same certificate (unsigned) in the same run.

.venv/bin/python bench/certificates.py [count]     # default 1,000 per profile

One process = one core: "per second per core" is documents per second of this loop. Targets:
≥ 25 signed certificates per second per core, ≥ 10× the WeasyPrint pipeline. WeasyPrint is not a
dependency of the platform; when it is not installed its line says so.
"""

import base64
import os
import statistics
import sys
import tempfile
import time
from dataclasses import replace
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.test")

import django  # noqa: E402

django.setup()

from zhicheng.certificates.keys import PROFILES, create_issuer_key, load_issuer_key  # noqa: E402
from zhicheng.certificates.signing import sign_pdf, verify_pdf  # noqa: E402
from zhicheng.documents.certificate import (  # noqa: E402
    CERTIFICATE_FIELDS,
    CertificateData,
    certificate_pdf,
)
from zhicheng.documents.parts import qr_svg  # noqa: E402
from zhicheng.documents.samples import sample_certificate, sample_photo  # noqa: E402

WEASYPRINT_ROUNDS = 20


def report(label: str, times: list[float], cpu_times: list[float]) -> float:
    """Prints wall-clock and CPU figures; returns documents per CPU-second (= per core), which
    holds on a shared machine where wall-clock time also counts other people's processes."""
    rate = len(cpu_times) / sum(cpu_times)
    print(
        f"{label:<34} {rate:>7.1f}/s per core (CPU {statistics.median(cpu_times) * 1000:5.1f} ms/doc)"
        f"  wall median {statistics.median(times) * 1000:6.1f} ms"
        f" p95 {sorted(times)[int(len(times) * 0.95) - 1] * 1000:6.1f} ms"
    )
    return rate


def timed(function: Any, items: list[CertificateData]) -> tuple[list[float], list[float]]:
    walls, cpus = [], []
    for item in items:
        w0, c0 = time.perf_counter(), time.process_time()
        function(item)
        cpus.append(time.process_time() - c0)
        walls.append(time.perf_counter() - w0)
    return walls, cpus


def certificate_html(data: CertificateData) -> str:
    """The same certificate as HTML for WeasyPrint: frame, photo, fields, QR, seals as text."""
    rows = "".join(
        f"<tr><th>{label}</th><td>{getattr(data, attribute)}</td></tr>"
        for label, attribute, _ in CERTIFICATE_FIELDS
    )
    photo = base64.b64encode(data.photo or b"").decode()
    qr = base64.b64encode(qr_svg(data.verify_url)).decode()
    return f"""<!doctype html><html lang="zh"><head><meta charset="utf-8"><style>
    @page {{ size: A4; margin: 2cm; }}
    body {{ font-family: "Noto Serif CJK SC"; font-size: 12pt; }}
    .frame {{ border: 3pt double #8c1c13; padding: 1.2cm; height: 23cm; position: relative; }}
    h1 {{ text-align: center; letter-spacing: .4em; color: #8c1c13; font-family: "Noto Sans CJK SC"; }}
    table th {{ text-align: left; width: 7em; font-weight: normal; font-family: "Noto Sans CJK SC"; }}
    .photo {{ position: absolute; right: 1.2cm; top: 3.5cm; width: 3.5cm; }}
    .qr {{ position: absolute; left: 1.2cm; bottom: 1.2cm; width: 3cm; }}
    .seal {{ position: absolute; bottom: 1.5cm; width: 4cm; height: 4cm; border: 2pt solid #d7261e;
             border-radius: 50%; color: #d7261e; text-align: center; padding-top: 1.5cm; }}
    </style></head><body><div class="frame"><h1>{data.title}</h1>
    <p style="text-align:center">证书编号：{data.certificate_number}</p>
    <img class="photo" src="data:image/jpeg;base64,{photo}"><table>{rows}</table>
    <p>电子证照标识：{data.ecert_id}</p>
    <img class="qr" src="data:image/svg+xml;base64,{qr}">
    <div class="seal" style="right: 6cm">{data.committee}</div>
    <div class="seal" style="right: 1.2cm">{data.issuer}</div></div></body></html>"""


def main() -> None:
    count = int(sys.argv[1]) if len(sys.argv) > 1 else 1000
    photo = sample_photo()
    base = sample_certificate(photo=photo)
    documents = [replace(base, certificate_number=f"34000020260420{n:07d}") for n in range(count)]
    print(
        f"{count} certificates per profile (typst render + PAdES signature), one process = one core"
    )
    rates: dict[str, float] = {}
    with tempfile.TemporaryDirectory() as folder:
        for profile in PROFILES:
            files = create_issuer_key(
                profile=profile, name="安徽省人力资源和社会保障厅", out_dir=Path(folder) / profile
            )
            key = load_issuer_key(key_path=files.key_path, cert_path=files.cert_path)
            assert verify_pdf(
                sign_pdf(certificate_pdf(base), key=key), trust_roots=[key.certificate]
            ).ok
            rates[profile] = report(
                f"render + sign ({profile})",
                *timed(lambda data, key=key: sign_pdf(certificate_pdf(data), key=key), documents),
            )
    report("typst render only (200)", *timed(certificate_pdf, documents[:200]))
    try:
        from weasyprint import HTML
    except ImportError:
        print("WeasyPrint: not installed (pip install weasyprint to compare)")
        return
    HTML(string=certificate_html(base)).write_pdf()  # warm-up
    weasy = report(
        f"WeasyPrint render only ({WEASYPRINT_ROUNDS})",
        *timed(
            lambda data: HTML(string=certificate_html(data)).write_pdf(),
            documents[:WEASYPRINT_ROUNDS],
        ),
    )
    for profile, rate in rates.items():
        print(f"signed typst ({profile}) vs unsigned WeasyPrint: {rate / weasy:.1f}×")


if __name__ == "__main__":
    main()
