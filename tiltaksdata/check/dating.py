"""A report against its own dates: every period it prints lies in its period, its pages come in
order, and it has one publication date (printed, else the provenance's)."""

from __future__ import annotations

from tiltaksdata.errors import Problem
from tiltaksdata.model import RawReport
from tiltaksdata.periods import text_to_months, updated_to_date
from tiltaksdata.read.provenance import Report, period_to_months
from tiltaksdata.read.text import PAGE_NUMBER


def dating_problems(report: Report, raw: RawReport) -> list[Problem]:
    """Every period the report prints must lie in the report's period, which the provenance states.

    The first period line is the report's; every later one (each page prints its own) and every
    table's must fall inside it. Pages printing `Side N av M` must come in order.
    """
    problems: list[Problem] = []
    stated = period_to_months(report.period)
    if stated is None:
        return problems  # the provenance problem has been reported
    printed = text_to_months(raw.period_text) or []
    if printed and (printed[0], printed[-1]) != stated:
        problems.append(
            Problem(
                "period-mismatch",
                f"the provenance says {report.period} but the report prints {raw.period_text!r}",
                report.path.name,
                hint=f"Correct 'period' in {report.path.with_suffix('.toml').name}.",
            )
        )
    months = set(printed)
    pages_seen = 0
    for mark in raw.marks:
        if mark.kind == "period" and not set(text_to_months(mark.text) or []) <= months:
            problems.append(
                Problem(
                    "period-outside-report",
                    f"a page dated {mark.text!r} in a report of {raw.period_text!r}",
                    report.path.name,
                    mark.line,
                    mark.page,
                    hint="A page of another report, or a changed period line.",
                )
            )
        elif mark.kind == "page":
            number, total = page_numbers(mark.text)
            if number > total or number <= pages_seen:
                problems.append(
                    Problem(
                        "page-order",
                        f"{mark.text!r} after page {pages_seen}",
                        report.path.name,
                        mark.line,
                        mark.page,
                        hint="Pages are missing, repeated or out of order.",
                    )
                )
            pages_seen = max(pages_seen, number)
    return problems + page_count_problems(raw, report.path.name)


def page_numbers(text: str) -> tuple[int, int]:
    """`Side 3 av 12` → (3, 12), by the readers' own pattern."""
    side = PAGE_NUMBER.search(text)
    if side is None:
        raise ValueError(f"not a page number: {text!r}")
    return int(side[1]), int(side[2])


def page_count_problems(raw: RawReport, name: str) -> list[Problem]:
    """In a PDF that numbers its pages, page i of n prints `Side i av n`: a lost page shows."""
    sides = [(m, page_numbers(m.text)) for m in raw.marks if m.kind == "page"]
    if raw.page_count is None or not sides:
        return []
    problems = []
    wrong = [(m, n, t) for m, (n, t) in sides if n != m.page] or [
        (m, n, t) for m, (n, t) in sides if t != raw.page_count
    ]
    for mark, _number, _total in wrong[:1]:
        problems.append(
            Problem(
                "page-missing",
                f"page {mark.page} of the file's {raw.page_count} pages prints "
                f"{mark.text!r}: pages are missing or out of order",
                name,
                mark.line,
                mark.page,
                hint="Download the report again from NAV.",
            )
        )
    numbered = {m.page for m, _ in sides}
    if not problems and len(numbered) < raw.page_count:
        first = min(set(range(1, raw.page_count + 1)) - numbered)
        problems.append(
            Problem(
                "page-missing",
                f"page {first} prints no «Side {first} av {raw.page_count}»",
                name,
                page=first,
                hint="Download the report again from NAV.",
            )
        )
    return problems


def published_date(report: Report, raw: RawReport) -> tuple[str, list[Problem]]:
    """The report's publication date: printed (`Rapport oppdatert: 02.02.2026`), else the provenance's."""
    printed = sorted({updated_to_date(m.text) for m in raw.marks if m.kind == "updated"})
    name = report.path.name
    if len(printed) > 1:
        return "", [
            Problem(
                "published-mismatch",
                f"the report prints {len(printed)} update dates: {', '.join(printed)}",
                name,
                hint="Pages of two publications are mixed.",
            )
        ]
    if printed and report.published and report.published != printed[0]:
        return "", [
            Problem(
                "published-mismatch",
                f"the provenance says published {report.published}, the "
                f"report prints «Rapport oppdatert: {printed[0]}»",
                name,
                hint=f"Remove 'published' from {report.path.with_suffix('.toml').name}.",
            )
        ]
    if not printed and not report.published:
        return "", [
            Problem(
                "missing-published",
                "the report prints no publication date and the provenance gives none",
                name,
                hint=f"Add published = \"YYYY-MM-DD\" to {report.path.with_suffix('.toml').name}.",
            )
        ]
    return (printed[0] if printed else report.published), []
