"""content/reports/ → reports: each file with its provenance, the file name and the publication date checked."""

from __future__ import annotations

import hashlib
import os
from collections import Counter
from datetime import date
from pathlib import Path

from tiltaksdata.errors import BuildFailed, Problem, ReportError
from tiltaksdata.read.provenance import (
    FILE_PERIOD,
    IGNORED,
    NAV_FILE_MONTH,
    READABLE,
    TEMPLATE,
    WORKBOOKS,
    Report,
    load_provenance,
    period_to_months,
)


def _file_name_problems(report: Report) -> list[Problem]:
    """The file name's leading period must be the provenance's period."""
    months = period_to_months(report.period) if report.period else None
    named = FILE_PERIOD.match(report.path.name)
    nav = NAV_FILE_MONTH.match(report.path.name)
    if nav and not named:  # NAV's name, kept: its month is the report's last (a year-to-date file's latest)
        if months and f"{nav[1]}-{nav[2]}" != months[1]:
            return [
                Problem(
                    "bad-file-name",
                    f"NAV's file name says {nav[1]}-{nav[2]} but the provenance's period ends {months[1]}",
                    report.path.name,
                    hint="Correct 'period' in its .toml: a year-to-date file runs from January "
                    "to the month its name gives.",
                )
            ]
        return []
    if not named:
        return [
            Problem(
                "bad-file-name",
                "the file name does not start with the report's period",
                report.path.name,
                hint="Name reports YYYY-MM[_YYYY-MM]_<table-family>.xlsx "
                "(or .xls, .pdf, .txt), e.g. 2026-01_tilrettelagt-arbeid-demografi.xlsx.",
            )
        ]
    if months and (named[1] != months[0] or (named[2] or months[1]) != months[1]):
        return [
            Problem(
                "bad-file-name",
                f"the file name says {named[1]}"
                + (f"–{named[2]}" if named[2] else "")
                + f" but the provenance says {report.period}",
                report.path.name,
                hint="Rename the file, or correct 'period' in its .toml.",
            )
        ]
    return []


def _formats_joined(reports: list[Report]) -> list[Report]:
    """NAV's workbook and the PDF or text of the same report (one name, one provenance) are one report:
    the workbook, with the other as its companion (read too, and compared figure by figure)."""
    by_id: dict[str, list[Report]] = {}
    for report in reports:
        by_id.setdefault(report.id, []).append(report)
    out = []
    for same in by_id.values():
        books = [r for r in same if r.path.suffix.lower() in WORKBOOKS]
        if len(same) == 2 and len(books) == 1:
            (other,) = [r for r in same if r is not books[0]]
            books[0].companions.append((other.path, other.sha256))
            out.append(books[0])
        else:
            out += same
    return out


def _sha256_problems(report: Report) -> list[Problem]:
    """A provenance that gives the file's sha256 (every fetched report's does) must give these bytes':
    a file changed, replaced or damaged after it was fetched is not the file its provenance describes."""
    stated = [(report.stated_sha256, report.path.name, report.sha256)]
    if report.also_stated_sha256:
        others = [(p.name, h) for p, h in report.companions] or [("its other format", "")]
        stated += [(report.also_stated_sha256, name, h) for name, h in others]
    return [
        Problem(
            "sha256-mismatch",
            f"the provenance gives sha256 {expected[:12]}…, the file {name} has "
            + (f"{actual[:12]}…" if actual else "no such file beside it"),
            name,
            hint="The file is not the one that was fetched: fetch it again from NAV "
            "(python -m tiltaksdata.fetch), or correct sha256 in its .toml.",
        )
        for expected, name, actual in stated
        if expected and expected != actual
    ]


def find_reports(folder: Path) -> list[Report]:
    """Every report file in a folder, sorted by name, with its provenance read and checked.

    Every problem with names and provenance files is collected and raised at once (BuildFailed).
    """
    if not folder.is_dir():
        raise ReportError(
            "no-reports-folder",
            "the reports folder does not exist",
            str(folder),
            hint="Run from the project folder, or pass --content DIR.",
        )
    reports, problems = [], []
    paths = sorted(p for p in folder.iterdir() if p.is_file() and not p.name.startswith("."))
    for path in paths:
        if path.suffix.lower() in IGNORED:
            if path.suffix.lower() == ".toml" and not any(
                p.stem == path.stem and p.suffix.lower() in READABLE for p in paths
            ):
                problems.append(
                    Problem(
                        "orphan-provenance",
                        "a provenance file without its report",
                        path.name,
                        hint="Put the report beside it under the same name, or remove the .toml.",
                    )
                )
            continue
        if path.suffix.lower() not in READABLE:
            problems.append(
                Problem(
                    "unsupported-format",
                    f"cannot read {path.suffix or 'extension-less'} files",
                    path.name,
                    hint="Reports are read from NAV's workbooks (.xlsx, .xls), PDFs and .txt text extracts; "
                    "remove the file, or save it in one of those formats.",
                )
            )
            continue
        report = Report(path, path.stem, hashlib.sha256(path.read_bytes()).hexdigest())
        toml_path = path.with_suffix(".toml")
        if toml_path.exists():
            problems += load_provenance(report, toml_path)
        else:
            problems.append(
                Problem(
                    "missing-provenance",
                    f"no provenance file {toml_path.name} beside the report",
                    path.name,
                    hint=f"Create {toml_path.name} (see README, 'Adding a report'):\n{TEMPLATE}",
                )
            )
        problems += _file_name_problems(report)
        reports.append(report)
    reports = _formats_joined(reports)
    problems += [p for r in reports for p in _sha256_problems(r)]
    ids = Counter(r.id for r in reports)
    for report_id in sorted(i for i, n in ids.items() if n > 1):
        problems.append(
            Problem(
                "duplicate-report",
                "two reports with the same name: " + " and ".join(r.path.name for r in reports if r.id == report_id),
                report_id,
                hint="Keep one: the PDF or its text extract (NAV's workbook may lie beside either).",
            )
        )
    by_hash: dict[str, list[Report]] = {}
    for report in reports:
        by_hash.setdefault(report.sha256, []).append(report)
    for same in by_hash.values():
        if len(same) > 1:
            problems.append(
                Problem(
                    "duplicate-report",
                    "identical files: " + " and ".join(r.path.name for r in same),
                    same[-1].path.name,
                    hint="The same report is in the folder twice; remove the copy.",
                )
            )
    if problems:
        raise BuildFailed(problems)
    if not reports:
        raise ReportError(
            "no-reports",
            "no reports in the folder",
            str(folder),
            hint="Put NAV reports (.pdf or .txt) in content/reports/.",
        )
    return reports


def today() -> str:
    """Today as an ISO date: TILTAKSDATA_TODAY where set (benchmarks of made-up future reports), else the clock."""
    return os.environ.get("TILTAKSDATA_TODAY") or date.today().isoformat()


def published_in_time(report: Report, published: str) -> list[Problem]:
    """A report is published after the last month it covers, and not after today.

    A date out of that window would let a copy of an old report pass as the latest publication
    and "revise" every figure it reprints.
    """
    months = period_to_months(report.period)
    if not months or not published:
        return []
    year, month = int(months[1][:4]), int(months[1][5:])
    after = date(year + (month == 12), month % 12 + 1, 1).isoformat()
    if published < after:
        return [
            Problem(
                "published-too-early",
                f"published {published}, before the report's last month ({months[1]}) had ended",
                report.path.name,
                hint="Correct 'published' (or 'period') in the provenance.",
            )
        ]
    if published > today():
        return [
            Problem(
                "published-in-future",
                f"published {published}, a date still to come",
                report.path.name,
                hint="Correct 'published' in the provenance.",
            )
        ]
    return []
