"""Benchmark: our PDF reader against pdfplumber's own `extract_words`, on a 96-page PDF.

    .venv/bin/python benchmarks/pdf_speed.py [--pages 96] [--repeat 3]

Prints seconds per page for plain `page.extract_words()` and for `read_pdf_report` (words →
tables), their ratio (our overhead; keep it near 1.0×, under 1.3×), and the cold and warm build
times for all reports in content/. Needs the test extras (reportlab) for the fixture PDF.
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT), str(ROOT / "tests")]

import pdfplumber  # noqa: E402
from pdfgen import big_pdf  # noqa: E402

from tiltaksdata.read.pdf import read_pdf_report  # noqa: E402


def plain_words(path: Path) -> int:
    with pdfplumber.open(path) as pdf:
        return sum(len(page.extract_words()) for page in pdf.pages)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pages", type=int, default=96)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        path = big_pdf(Path(tmp) / "big.pdf", args.pages)
        with pdfplumber.open(path) as pdf:
            pages = len(pdf.pages)
        plain, ours = [], []
        for _ in range(args.repeat):
            start = time.perf_counter()
            plain_words(path)
            plain.append(time.perf_counter() - start)
            start = time.perf_counter()
            report = read_pdf_report(path)
            ours.append(time.perf_counter() - start)
    p, o = statistics.median(plain), statistics.median(ours)
    print(f"PDF: {pages} pages, {len(report.tables)} tables, {sum(len(t.rows) for t in report.tables)} rows")
    print(f"pdfplumber extract_words:  {p / pages * 1000:7.1f} ms/page  ({p:.2f} s)")
    print(f"tiltaksdata read_pdf:      {o / pages * 1000:7.1f} ms/page  ({o:.2f} s)")
    print(f"overhead:                  {o / p:7.2f}×  (aim: under 1.3×)")
    subprocess.run([sys.executable, str(ROOT / "benchmarks" / "build_time.py"), "--repeat", "1"], check=True)


if __name__ == "__main__":
    main()
