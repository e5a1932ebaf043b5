"""Certificate PDF signing: signatures per second and median ms per document, for each profile.

.venv/bin/python bench/certificates_signing.py [documents]     # default 200 one-page PDFs

Keys are created in a throw-away folder; the PDFs are small one-page files made with pypdf (the
typst certificate lives in documents/). One warm-up round per profile is not counted.
"""

import io
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from pypdf import PdfWriter  # noqa: E402

from zhicheng.certificates.keys import PROFILES, create_issuer_key, load_issuer_key  # noqa: E402
from zhicheng.certificates.signing import sign_pdf, verify_pdf  # noqa: E402


def one_page_pdf(number: int) -> bytes:
    writer = PdfWriter()
    writer.add_blank_page(width=595, height=842)
    writer.add_metadata({"/Title": f"电子职称证书 {number:06d}"})
    buffer = io.BytesIO()
    writer.write(buffer)
    return buffer.getvalue()


def main() -> None:
    count = int(sys.argv[1]) if len(sys.argv) > 1 else 200
    documents = [one_page_pdf(n) for n in range(count)]
    print(f"{count} one-page PDFs, {len(documents[0])} bytes each")
    print(
        f"{'profile':<12} {'sign/s':>8} {'sign ms':>9} {'sign+verify/s':>14} {'sign+verify ms':>15}"
    )
    with tempfile.TemporaryDirectory() as folder:
        for profile in PROFILES:
            files = create_issuer_key(
                profile=profile, name="安徽省人力资源和社会保障厅", out_dir=Path(folder) / profile
            )
            key = load_issuer_key(key_path=files.key_path, cert_path=files.cert_path)
            roots = [key.certificate]
            verify_pdf(sign_pdf(documents[0], key=key), trust_roots=roots)  # warm-up

            sign_times = []
            started = time.perf_counter()
            signed = []
            for pdf in documents:
                t0 = time.perf_counter()
                signed.append(sign_pdf(pdf, key=key))
                sign_times.append(time.perf_counter() - t0)
            sign_total = time.perf_counter() - started

            both_times = []
            started = time.perf_counter()
            for pdf in documents:
                t0 = time.perf_counter()
                result = verify_pdf(sign_pdf(pdf, key=key), trust_roots=roots)
                both_times.append(time.perf_counter() - t0)
                assert result.ok, result.reason
            both_total = time.perf_counter() - started

            print(
                f"{profile:<12} {count / sign_total:>8.1f} {statistics.median(sign_times) * 1000:>9.1f}"
                f" {count / both_total:>14.1f} {statistics.median(both_times) * 1000:>15.1f}"
            )


if __name__ == "__main__":
    main()
