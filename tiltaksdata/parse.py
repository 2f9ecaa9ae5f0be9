"""Stage 1: every report file → a parsed report (observations, sources, label mappings).

Reports whose bytes, provenance and reading code are unchanged come from the cache; the rest
are parsed in a process pool, one report per task.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from concurrent.futures import ProcessPoolExecutor
from functools import lru_cache
from pathlib import Path

from . import cache
from .errors import ReportError
from .model import ParsedReport, RawReport
from .normalise import report_to_observations
from .periods import text_to_months
from .provenance import Report
from .read_text import read_text_report
from .vocabulary import Vocabulary


@lru_cache(maxsize=1)
def default_vocabulary() -> Vocabulary:
    """The vocabularies in tiltaksdata/reference, loaded once per process."""
    return Vocabulary()


def read_report(path: Path) -> RawReport:
    """Read a report file with the reader for its format."""
    if path.suffix.lower() == ".pdf":
        from .read_pdf import read_pdf_report  # pdfplumber is imported only when a PDF is read

        return read_pdf_report(path)
    return read_text_report(path)


def _check_period(report: Report, raw: RawReport) -> None:
    """The period the provenance states must be the one the report prints."""
    if not report.period:
        return
    printed = text_to_months(raw.period_text) or []
    stated = report.period.split("/")
    if printed and (printed[0], printed[-1]) != (stated[0], stated[-1]):
        raise ReportError("period-mismatch", f"the provenance says {report.period} but the report "
                          f"prints {raw.period_text!r}", report.path.name,
                          hint=f"Correct 'period' in {report.path.with_suffix('.toml').name}.")


def report_to_parsed(report: Report) -> ParsedReport:
    """Read and normalise one report."""
    raw = read_report(report.path)
    _check_period(report, raw)
    return report_to_observations(raw, report.id, default_vocabulary(), report.scope)


def reports_to_parsed(reports: list[Report], cache_dir: Path | None,
                      progress: Callable[[str, str], None] = lambda report, state: None,
                      workers: int | None = None) -> list[ParsedReport]:
    """Parse every report, from the cache where possible, in parallel where not."""
    keys = {r.id: cache.cache_key(r.sha256, r.provenance_sha256) for r in reports}
    parsed: dict[str, ParsedReport] = {}
    for report in reports:
        hit = cache.load(cache_dir, keys[report.id]) if cache_dir else None
        if hit is not None:
            parsed[report.id] = hit
            progress(report.id, "cached")
    cold = [r for r in reports if r.id not in parsed]
    workers = workers or min(len(cold), os.cpu_count() or 1)
    if len(cold) > 1 and workers > 1:
        with ProcessPoolExecutor(max_workers=workers) as pool:
            results = list(pool.map(report_to_parsed, cold))
    else:
        results = [report_to_parsed(r) for r in cold]
    for report, result in zip(cold, results):
        parsed[report.id] = result
        progress(report.id, "parsed")
        if cache_dir:
            cache.store(cache_dir, keys[report.id], result)
    return [parsed[r.id] for r in reports]
