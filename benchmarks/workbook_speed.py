"""Benchmark: the workbook reader against openpyxl's own read-only iteration over the same cells.

    .venv/bin/python benchmarks/workbook_speed.py [--runs 7]

On December's TILT170 of benchmarks/workbook_year.py (every section of the 2026 seed, twelve month
columns and the year-to-date average: the largest workbook NAV publishes each month), it times
(a) openpyxl in read-only mode iterating every value of every sheet and (b) tiltaksdata's reader
(`read.sheets.workbook_to_report`: cells checked, blocks made), best of N runs. Aim: (b) ≤ 1.5 × (a).
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from workbook_year import tilt170_month  # noqa: E402

from tiltaksdata.read.sheets import workbook_to_report  # noqa: E402


def openpyxl_iteration(path: Path) -> int:
    """Every value of every sheet, as openpyxl's read-only mode gives them: the floor any reader has."""
    import openpyxl

    book = openpyxl.load_workbook(path, read_only=True)
    seen = 0
    for sheet in book.worksheets:
        for row in sheet.iter_rows(values_only=True):
            for value in row:
                seen += value is not None
    book.close()
    return seen


def best(function: object, path: Path, runs: int) -> float:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        function(path)  # type: ignore[operator]
        times.append(time.perf_counter() - start)
    return min(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=7)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        name, _ = tilt170_month(2029, 12, Path(folder))
        path = Path(folder) / f"{name}.xlsx"
        cells = openpyxl_iteration(path)
        ours_tables = len(workbook_to_report(path).tables)
        floor = best(openpyxl_iteration, path, args.runs)
        ours = best(workbook_to_report, path, args.runs)
        print(f"workbook: {path.name}, {path.stat().st_size / 1e3:.0f} kB, {cells} values, {ours_tables} tables")
        print(f"openpyxl read-only iteration: {floor * 1000:7.1f} ms")
        print(f"tiltaksdata workbook reader:  {ours * 1000:7.1f} ms")
        print(f"ratio:                        {ours / floor:7.2f}×  (aim: at most 1.5×)")


if __name__ == "__main__":
    main()
