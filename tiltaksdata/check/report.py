"""Checks on a parsed report; problems are collected as data, all of them, never asserted.

1. `conflict`: the same key printed in two tables with two values.
2. `total`: every `I alt` (of any dimension, rows and columns alike) equals the sum of its parts;
   where parts are suppressed (`*`, 0–3 each) the total must lie within the bounds they allow.
3. `change-percent`: `Endring fra i fjor Prosent` agrees with the count and the change in count.
4. `ytd-average`: January's year-to-date average is January's count; later ones lie within the
   counts of the months they average (also across reports, from series.py).

A check that passes only because `*` hides what it compares is counted as undecided.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from tiltaksdata.errors import Problem
from tiltaksdata.model import (
    ADDITIVE,
    COUNTRY,
    COUNTY_OTHERS,
    DIMENSIONS,
    MUNICIPAL_OTHERS,
    TOTAL,
    Observation,
    ParsedReport,
    Source,
)
from tiltaksdata.normalise.vocabulary import Vocabulary
from tiltaksdata.numbers import SUPPRESSED, SUPPRESSED_MAX
from tiltaksdata.read.find import published_in_time
from tiltaksdata.read.provenance import KnownError, Report

if TYPE_CHECKING:  # series.py imports this module: the type only
    from tiltaksdata.check.series import Series

UNDECIDED = "undecided"  # a check that passed only because `*` hides what it would compare
CheckResult = Problem | str | None  # one check: a problem, UNDECIDED, or None where it holds


def describe_key(obs: Observation) -> str:
    """A key as text: `2014-02 count NO Oppfølging/I alt`, naming only what is not `I alt`."""
    dims = [f"{d}={v}" for d, v in zip(DIMENSIONS, obs.dims) if v != TOTAL]
    return " ".join([obs.period, obs.statistic, f"region={obs.region}", *dims])


def distinct_observations(parsed: ParsedReport) -> dict[tuple, Observation]:
    """One observation per key: the first printed (conflicts are reported by `conflicts`)."""
    out: dict[tuple, Observation] = {}
    for obs in parsed.observations:
        out.setdefault(obs.key, obs)
    return out


def conflicts(parsed: ParsedReport) -> list[Problem]:
    """The same key with different values in two places of the report."""
    first: dict[tuple, tuple[Observation, int]] = {}
    problems = []
    for obs, source in zip(parsed.observations, parsed.sources):
        seen = first.setdefault(obs.key, (obs, source.line))
        if seen[0].value != obs.value:
            problems.append(
                Problem(
                    "conflict",
                    f"{describe_key(obs)} is {_show(obs.value)} here but {_show(seen[0].value)} on line {seen[1]}",
                    parsed.report,
                    source.line,
                    source.page,
                    key=describe_key(obs),
                )
            )
    return problems


def _show(value: int | None) -> str:
    return SUPPRESSED if value is None else f"{value:,}".replace(",", " ")


def check_sum(
    total: Observation, parts: list[Observation], what: str, report: str, lines: dict[tuple, Source]
) -> CheckResult:
    """A total against its parts, with bounds for suppressed parts; None if it holds."""
    known = sum(p.value for p in parts if p.value is not None)
    hidden = sum(p.value is None for p in parts)
    slack = (len(parts) + 1) // 2 if total.statistic == "ytd_average" else 0  # each part rounded
    low, high = known - slack, known + SUPPRESSED_MAX * hidden + slack
    if total.value is None:
        ok = (low if total.statistic != "change_count" else -high) <= SUPPRESSED_MAX
    elif total.statistic == "change_count":
        ok = known - SUPPRESSED_MAX * hidden - slack <= total.value <= known + SUPPRESSED_MAX * hidden + slack
    else:
        ok = low <= total.value <= high
    if ok:
        return UNDECIDED if hidden or total.value is None else None
    bounds = f"{known}" if not hidden else f"{known}–{known + SUPPRESSED_MAX * hidden} ({hidden} × *)"
    line, page = (lines[total.key].line, lines[total.key].page) if total.key in lines else (None, None)
    return Problem(
        "total",
        f"{describe_key(total)}: total {_show(total.value)} but the {len(parts)} {what} sum to {bounds}",
        report,
        line,
        page,
        key=describe_key(total),
    )


def totals(parsed: ParsedReport, vocab: Vocabulary) -> list[CheckResult]:
    """Every `I alt` against the sum of its parts, for each dimension and for regions."""
    obs = [o for o in distinct_observations(parsed).values() if o.statistic in ADDITIVE]
    lines: dict[tuple, Source] = {}
    for o, s in zip(parsed.observations, parsed.sources):
        lines.setdefault(o.key, s)
    problems: list[CheckResult] = []
    for index, dim in enumerate(DIMENSIONS):
        groups: dict[tuple, list[Observation]] = defaultdict(list)
        for o in obs:
            groups[(o.period, o.statistic, o.region, o.dims[:index] + o.dims[index + 1 :])].append(o)
        for members in groups.values():
            total = [m for m in members if m.dims[index] == TOTAL]
            parts = [m for m in members if m.dims[index] != TOTAL]
            if total and parts:
                problems.append(check_sum(total[0], parts, dim.replace("_", " ") + "s", parsed.report, lines))
    by_rest: dict[tuple, dict[str, Observation]] = defaultdict(dict)
    for o in obs:
        by_rest[(o.period, o.statistic, o.dims)][o.region] = o
    for by_region in by_rest.values():
        for code, parts in _region_partitions(by_region, vocab):
            if code in by_region and parts:
                problems.append(check_sum(by_region[code], parts, "regions", parsed.report, lines))
    return problems


def _region_partitions(members: dict[str, Observation], vocab: Vocabulary) -> Iterator[tuple[str, list[Observation]]]:
    """(total region, its parts): Norway by counties, by municipalities; each county by its own."""
    level = {code: vocab.region_by_code[code].level for code in members}
    yield COUNTRY, [o for c, o in members.items() if level[c] == "county" or c in COUNTY_OTHERS]
    yield COUNTRY, [o for c, o in members.items() if level[c] == "municipality" or c in MUNICIPAL_OTHERS]
    municipalities: dict[str, list[Observation]] = defaultdict(list)
    for code, o in members.items():
        if level[code] == "municipality":
            municipalities[vocab.region_by_code[code].parent_code].append(o)
    yield from municipalities.items()


def change_percents(parsed: ParsedReport) -> list[CheckResult]:
    """`Endring fra i fjor Prosent` = change / (count − change), rounded to a whole percent."""
    by_key = {(o.period, o.region, o.dims, o.statistic): o for o in distinct_observations(parsed).values()}
    where: dict[tuple, Source] = {}
    for o, s in zip(parsed.observations, parsed.sources):
        where.setdefault(o.key, s)
    problems: list[CheckResult] = []
    for (period, region, dims, statistic), pct in by_key.items():
        count = by_key.get((period, region, dims, "count"))
        change = by_key.get((period, region, dims, "change_count"))
        if statistic != "change_percent" or count is None or change is None:
            continue
        if pct.value is None or count.value is None or change.value is None:
            problems.append(UNDECIDED)  # `*` hides the count, the change or the percent
            continue
        before = count.value - change.value
        if before <= 0:
            continue
        exact = 100 * change.value / before
        problems.append(
            None
            if abs(exact - pct.value) <= 0.5 + 1e-9
            else Problem(
                "change-percent",
                f"{describe_key(pct)}: printed {pct.value} % but {change.value} / {before} is {exact:.1f} %",
                parsed.report,
                where[pct.key].line,
                where[pct.key].page,
                key=describe_key(pct),
            )
        )
    return problems


def bounds(value: int | None) -> tuple[int, int]:
    """What a printed value allows: itself, or 0–3 where NAV printed `*`."""
    return (0, SUPPRESSED_MAX) if value is None else (value, value)


Located = tuple  # (value, report, line, page): a value and where it was printed


def ytd_averages(values: dict[tuple, Located], across_reports_only: bool = False) -> list:
    """Year-to-date averages against the monthly counts of their year.

    January's average is January's count; a later average lies within the smallest and largest
    count of the months it averages, where every one of them is in `values` (`*` counts as 0–3).
    `values` maps (period, statistic, region, dims) to where the value was printed; with
    `across_reports_only`, averages whose counts are all from their own report are left to that
    report's checks.
    """
    results: list = []
    months: dict[str, list[str]] = {}  # a period → the periods from January to it
    for (period, statistic, region, dims), (value, report, line, page) in values.items():
        if statistic != "ytd_average":
            continue
        if period not in months:
            months[period] = [f"{period[:4]}-{m:02d}" for m in range(1, int(period[5:]) + 1)]
        month = len(months[period])
        found = [values.get((p, "count", region, dims)) for p in months[period]]
        counts = [c for c in found if c is not None]
        if len(counts) < len(found) or (across_reports_only and all(c[1] == report for c in counts)):
            continue
        printed_counts = [c[0] for c in counts]
        known = [c for c in printed_counts if c is not None]
        hidden = len(known) < len(printed_counts)  # a `*` among them: 0–3
        low = min([*known, 0] if hidden else known)
        high = max([*known, SUPPRESSED_MAX] if hidden else known)
        mine = bounds(value)
        if mine[1] < low or mine[0] > high:
            key = describe_key(Observation(period, statistic, region, dims, value))
            what = "January's count" if month == 1 else f"the counts of January–{period}"
            printed = " ".join(_show(c[0]) for c in counts)
            results.append(
                Problem(
                    "ytd-average",
                    f"{key}: year-to-date average {_show(value)} but {what}: {printed}",
                    report,
                    line,
                    page,
                    key=key,
                )
            )
        else:
            results.append(UNDECIDED if value is None or hidden else None)
    return results


def located(parsed: ParsedReport) -> dict[tuple, Located]:
    """Every distinct key of a report with its value and the first place it was printed."""
    out: dict[tuple, Located] = {}
    for obs, source in zip(parsed.observations, parsed.sources):
        out.setdefault(obs.key, (obs.value, parsed.report, source.line, source.page))
    return out


def report_to_check_results(parsed: ParsedReport, vocab: Vocabulary) -> tuple[list[Problem], int, int]:
    """Every check on one report: problems found, checks run, checks `*` left undecided."""
    duplicates = len(parsed.observations) - len(distinct_observations(parsed))
    results = totals(parsed, vocab) + change_percents(parsed) + ytd_averages(located(parsed))
    found = conflicts(parsed) + [p for p in results if isinstance(p, Problem)]
    return found, len(results) + duplicates, results.count(UNDECIDED)


def report_to_problems(parsed: ParsedReport, vocab: Vocabulary) -> tuple[list[Problem], int]:
    """Every check on one report: the problems found and how many checks ran."""
    found, checks, _ = report_to_check_results(parsed, vocab)
    return found, checks


@dataclass
class CheckSummary:
    """The checks over all reports: problems left, checks run, problems accepted as known."""

    problems: list[Problem]
    checks: int
    accepted: list[tuple[Problem, KnownError]]
    checks_by_report: dict[str, int] = field(default_factory=dict)
    undecided: int = 0  # checks that passed only because `*` hides what they compare


def reports_to_check_summary(
    parsed_reports: list[ParsedReport], reports: list[Report], vocab: Vocabulary, series: Series | None = None
) -> CheckSummary:
    """Check every report; problems its provenance lists as known errors are accepted, with reason.

    With the assembled `series`, its cross-report problems join the list (once each), and the
    known errors it accepted are not stale.
    """
    problems, accepted, checks, undecided = [], [], {}, 0
    if series is not None:
        accepted += series.accepted
        undecided += series.undecided
    used_by_series = {(k.type, k.key) for _, k in (series.accepted if series is not None else [])}
    for parsed, report in zip(parsed_reports, reports):
        # A report's own checks ran when it was parsed (and are cached with it); else run them now.
        found, checks[report.id], unsure = parsed.checked or report_to_check_results(parsed, vocab)
        undecided += unsure
        # Not cached with the parse: it depends on today's date.
        found = list(parsed.problems) + published_in_time(report, parsed.published) + found
        known = {(k.type, k.key): k for k in report.known_errors}
        used = set()
        for problem in found:
            match = known.get((problem.type, problem.key))
            if match:
                accepted.append((problem, match))
                used.add((match.type, match.key))
            else:
                problems.append(
                    Problem(
                        problem.type,
                        problem.message,
                        problem.report if problem.report not in ("", parsed.report) else report.path.name,
                        problem.line,
                        problem.page,
                        problem.hint,
                        problem.key,
                    )
                )
        for stale in set(known) - used - used_by_series:
            problems.append(
                Problem(
                    "stale-known-error",
                    f"known error {stale[0]} {stale[1]!r} no longer occurs",
                    report.path.with_suffix(".toml").name,
                    hint="Remove it from known_errors.",
                )
            )
    if series is not None:
        seen = {(p.type, p.report, p.line, p.key) for p in problems}
        problems += [p for p in series.problems if (p.type, p.report, p.line, p.key) not in seen]
        checks["(across reports)"] = series.checks
    return CheckSummary(problems, sum(checks.values()), accepted, checks, undecided)
