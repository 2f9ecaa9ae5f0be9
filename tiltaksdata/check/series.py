"""Many publications → one time series, the way vintage databases keep official statistics.

Every value knows its report and the report's publication date. Where several reports give the
same key (period, statistic, region, every dimension):

- the same value: a reprint, kept once;
- different values published on different dates: a revision — the latest publication is the
  current value, and the older value is recorded with both reports and both dates;
- different values published on the same date: a problem naming both files, unless a provenance
  file lists it as a known error.

Across reports, NAV's printed change from a year before is checked against the counts of twelve
months earlier, and year-to-date averages against the counts of their year.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import NamedTuple

from tiltaksdata.check.report import UNDECIDED, Located, _show, bounds, describe_key, ytd_averages
from tiltaksdata.errors import Problem
from tiltaksdata.model import Observation, ParsedReport
from tiltaksdata.read.provenance import KnownError, Report

CHANGE_BASIS = "change from a year before"  # a revision implied by NAV's «endring fra i fjor»
REPRINT_BASIS = "reprint"  # a revision printed as the same key in a later report


def _place(file: str, vintage: Vintage) -> str:
    """`a.txt (line 23)`, or in a workbook `a.xlsx (sheet «Tiltak og fylke», row 23)`."""
    where = Problem("", "", "", vintage.line, vintage.page).location() if isinstance(vintage.page, str) else ""
    return f"{file} ({where or f'line {vintage.line}'})"


class Vintage(NamedTuple):
    """One report's value of a key, and where it was printed (a tuple: an archive has hundreds of thousands)."""

    value: int | None
    report: str
    published: str
    line: int | None = None
    page: int | str | None = None  # a page, or a workbook's sheet


@dataclass(frozen=True)
class Revision:
    """A key whose value changed from one publication to a later one."""

    key: tuple
    old: Vintage
    new: Vintage
    basis: str = REPRINT_BASIS


@dataclass
class Series:
    """The current value of every key, the revisions behind them, and what did not add up."""

    current: dict[tuple, Vintage]
    revisions: list[Revision]
    problems: list[Problem] = field(default_factory=list)
    accepted: list[tuple[Problem, KnownError]] = field(default_factory=list)
    checks: int = 0
    undecided: int = 0
    reprints: int = 0


def _previous_year(period: str) -> str:
    return f"{int(period[:4]) - 1:04d}{period[4:]}"


def _file(report_id: str, files: dict[str, str]) -> str:
    return files.get(report_id, report_id)


def parsed_to_vintages(parsed_reports: list[ParsedReport]) -> dict[tuple, Vintage | list[Vintage]]:
    """Every key with each report's value, in publication order (then by report id).

    A key most reports never reprint keeps its one vintage bare, not in a list of one: at archive
    scale that is a list fewer for each of some hundred thousand keys.
    """
    vintages: dict[tuple, Vintage | list[Vintage]] = {}
    for parsed in sorted(parsed_reports, key=lambda p: (p.published, p.report)):
        report, published = parsed.report, parsed.published
        for obs, source in zip(parsed.observations, parsed.sources):
            key = obs[:4]  # = obs.key (period, statistic, region, dims), without a property call per row
            had = vintages.get(key)
            # A key this report printed before keeps the first place it printed it, as `located` gives it:
            # reports come one after the other, so its last vintage is then this report's.
            if had is None:
                vintages[key] = Vintage(obs[4], report, published, source.line, source.page)
            elif isinstance(had, list):
                if had[-1].report != report:
                    had.append(Vintage(obs[4], report, published, source.line, source.page))
            elif had.report != report:
                vintages[key] = [had, Vintage(obs[4], report, published, source.line, source.page)]
    return vintages


def vintages_to_series(vintages: dict[tuple, Vintage | list[Vintage]], files: dict[str, str]) -> Series:
    """The current value of each key and its revisions; same-day disagreements are problems."""
    series = Series({}, [])
    for key, found in vintages.items():
        if not isinstance(found, list):
            series.current[key] = found
            continue
        series.current[key] = found[-1]
        series.checks += 1
        for older, newer in zip(found, found[1:]):
            if older.value == newer.value:
                series.reprints += 1
            elif older.published == newer.published:
                text = describe_key(Observation._make((*key, newer.value)))
                series.problems.append(
                    Problem(
                        "conflicting-reports",
                        f"{text} is {_show(newer.value)} here but {_show(older.value)} in "
                        f"{_place(_file(older.report, files), older)}; both were published {newer.published}",
                        _file(newer.report, files),
                        newer.line,
                        newer.page,
                        key=text,
                        hint="Two reports of the same day disagree: one of them was changed or belongs to "
                        "another publication. Check both against NAV's files.",
                    )
                )
            else:
                series.revisions.append(Revision(key, older, newer))
    return series


def counts_beside_changes(parsed_reports: list[ParsedReport], series: Series) -> dict[tuple, Vintage]:
    """For each current change from a year before, its month's count as the same publication printed it.

    A change and the count it is the change of are read from one report, never the change from one
    and a later report's count: NAV's «endring» is this publication's count minus the earlier one.
    """
    wanted: dict[str, set[tuple]] = {}
    for (period, statistic, region, dims), change in series.current.items():
        if statistic == "change_count":
            wanted.setdefault(change.report, set()).add((period, "count", region, dims))
    found: dict[tuple, Vintage] = {}
    for parsed in parsed_reports:
        keys = wanted.get(parsed.report)
        if not keys:
            continue
        for obs, source in zip(parsed.observations, parsed.sources):
            key = obs[:4]
            if key in keys and key not in found:  # the first place the report printed it
                found[key] = Vintage(obs[4], parsed.report, parsed.published, source.line, source.page)
    return found


def change_against_year_before(series: Series, files: dict[str, str], counts: dict[tuple, Vintage]) -> list:
    """NAV's change from a year before = this month's count − the count twelve months earlier.

    `counts` gives each change's month count from the change's own report (`counts_beside_changes`);
    a change whose report does not print that count is not checked.
    """
    results: list = []
    for key, change in series.current.items():
        period, statistic, region, dims = key
        if statistic != "change_count":
            continue
        now = counts.get((period, "count", region, dims))
        before_key = (_previous_year(period), "count", region, dims)
        before = series.current.get(before_key)
        if now is None or before is None:
            continue
        low = bounds(now.value)[0] - bounds(before.value)[1]
        high = bounds(now.value)[1] - bounds(before.value)[0]
        printed = bounds(change.value) if change.value is not None else (-3, 3)
        if printed[1] < low or printed[0] > high:
            if before.published == change.published:
                text = describe_key(Observation._make((*key, change.value)))
                results.append(
                    Problem(
                        "change-year-before",
                        f"{text}: NAV's change {_show(change.value)} but the counts are "
                        f"{_show(now.value)} and {_show(before.value)} in {_place(_file(before.report, files), before)}"
                        f", a change of {low if low == high else f'{low}–{high}'}",
                        _file(change.report, files),
                        change.line,
                        change.page,
                        key=text,
                    )
                )
                continue
            if now.value is not None and change.value is not None:
                implied = Vintage(now.value - change.value, change.report, change.published, change.line, change.page)
                old, new = sorted((before, implied), key=lambda v: (v.published, v.report))
                series.revisions.append(Revision(before_key, old, new, CHANGE_BASIS))
            results.append(None)
        else:
            suppressed = None in (now.value, before.value, change.value)
            results.append(UNDECIDED if suppressed else None)
    return results


def _accept(series: Series, known: dict[tuple, tuple[str, KnownError]]) -> None:
    """Move problems that a provenance file lists as known errors to `accepted`."""
    kept = []
    for problem in series.problems:
        match = known.get((problem.type, problem.key))
        if match:
            series.accepted.append((problem, match[1]))
        else:
            kept.append(problem)
    series.problems = kept


def parsed_to_series(parsed_reports: list[ParsedReport], reports: list[Report]) -> Series:
    """Assemble one series from every report, with revisions and every cross-report problem."""
    files = {r.id: r.path.name for r in reports}
    series = vintages_to_series(parsed_to_vintages(parsed_reports), files)
    # Only the averages and the counts of their years, each where it was printed: the whole series
    # again as located values would be one more dict of every key, the build's peak of memory.
    years = {(k[0][:4], k[2], k[3]) for k in series.current if k[1] == "ytd_average"}
    current: dict[tuple, Located] = {
        k: (v.value, _file(v.report, files), v.line, v.page)
        for k, v in series.current.items()
        if k[1] == "ytd_average" or (k[1] == "count" and (k[0][:4], k[2], k[3]) in years)
    }
    counts = counts_beside_changes(parsed_reports, series)
    results = change_against_year_before(series, files, counts) + ytd_averages(current, across_reports_only=True)
    series.problems += [p for p in results if isinstance(p, Problem)]
    series.checks += len(results)
    series.undecided += results.count(UNDECIDED)
    series.revisions.sort(key=lambda r: (r.key[0], r.key[1], r.key[2], r.key[3], r.new.published))
    _accept(series, {(k.type, k.key): (r.id, k) for r in reports for k in r.known_errors})
    return series
