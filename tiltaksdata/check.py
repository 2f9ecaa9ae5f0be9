"""Checks on a parsed report; problems are collected as data, all of them, never asserted.

1. `conflict`: the same key printed in two tables with two values.
2. `total`: every `I alt` (of any dimension, rows and columns alike) equals the sum of its parts;
   where parts are suppressed (`*`, 0–3 each) the total must lie within the bounds they allow.
3. `change-percent`: `Endring fra i fjor Prosent` agrees with the count and the change in count.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

from .errors import Problem
from .provenance import KnownError, Report
from .model import COUNTRY, DIMENSIONS, TOTAL, Observation, ParsedReport
from .vocabulary import Vocabulary

SUPPRESSED_MAX = 3  # NAV prints `*` for 0–3 (fewer than 4); zeros in a printed row are `*` too
ADDITIVE = ("count", "change_count", "ytd_average")
COUNTY_OTHERS = ("97", "99")
MUNICIPAL_OTHERS = ("2100", "9999")


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
            problems.append(Problem("conflict", f"{describe_key(obs)} is {_show(obs.value)} here but "
                                    f"{_show(seen[0].value)} on line {seen[1]}", parsed.report,
                                    source.line, source.page, key=describe_key(obs)))
    return problems


def _show(value: int | None) -> str:
    return "*" if value is None else f"{value:,}".replace(",", " ")


def _check_sum(total: Observation, parts: list[Observation], what: str, report: str,
               lines: dict[tuple, int]) -> Problem | None:
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
        return None
    bounds = f"{known}" if not hidden else f"{known}–{known + SUPPRESSED_MAX * hidden} ({hidden} × *)"
    return Problem("total", f"{describe_key(total)}: total {_show(total.value)} but the {len(parts)} "
                   f"{what} sum to {bounds}", report, lines.get(total.key), key=describe_key(total))


def totals(parsed: ParsedReport, vocab: Vocabulary) -> list[Problem | None]:
    """Every `I alt` against the sum of its parts, for each dimension and for regions."""
    obs = [o for o in distinct_observations(parsed).values() if o.statistic in ADDITIVE]
    lines: dict[tuple, int] = {}
    for o, s in zip(parsed.observations, parsed.sources):
        lines.setdefault(o.key, s.line)
    problems: list[Problem | None] = []
    for index, dim in enumerate(DIMENSIONS):
        groups: dict[tuple, list[Observation]] = defaultdict(list)
        for o in obs:
            groups[(o.period, o.statistic, o.region, o.dims[:index] + o.dims[index + 1:])].append(o)
        for members in groups.values():
            total = [m for m in members if m.dims[index] == TOTAL]
            parts = [m for m in members if m.dims[index] != TOTAL]
            if total and parts:
                problems.append(_check_sum(total[0], parts, dim.replace("_", " ") + "s", parsed.report, lines))
    by_rest: dict[tuple, dict[str, Observation]] = defaultdict(dict)
    for o in obs:
        by_rest[(o.period, o.statistic, o.dims)][o.region] = o
    for members in by_rest.values():
        for code, parts in _region_partitions(members, vocab):
            if code in members and parts:
                problems.append(_check_sum(members[code], parts, "regions", parsed.report, lines))
    return problems


def _region_partitions(members: dict[str, Observation], vocab: Vocabulary):
    """(total region, its parts): Norway by counties, by municipalities; each county by its own."""
    level = {code: vocab.region_by_code[code].level for code in members}
    yield COUNTRY, [o for c, o in members.items() if level[c] == "county" or c in COUNTY_OTHERS]
    yield COUNTRY, [o for c, o in members.items() if level[c] == "municipality" or c in MUNICIPAL_OTHERS]
    municipalities: dict[str, list[Observation]] = defaultdict(list)
    for code, o in members.items():
        if level[code] == "municipality":
            municipalities[vocab.region_by_code[code].parent_code].append(o)
    yield from municipalities.items()


def change_percents(parsed: ParsedReport) -> list[Problem | None]:
    """`Endring fra i fjor Prosent` = change / (count − change), rounded to a whole percent."""
    by_key = {(o.period, o.region, o.dims, o.statistic): o for o in distinct_observations(parsed).values()}
    problems = []
    for (period, region, dims, statistic), pct in by_key.items():
        count = by_key.get((period, region, dims, "count"))
        change = by_key.get((period, region, dims, "change_count"))
        if statistic != "change_percent" or None in (pct.value, getattr(count, "value", None),
                                                      getattr(change, "value", None)):
            continue
        before = count.value - change.value
        if before <= 0:
            continue
        exact = 100 * change.value / before
        problems.append(None if abs(exact - pct.value) <= 0.5 + 1e-9 else Problem("change-percent", f"{describe_key(pct)}: printed {pct.value} % but "
                                    f"{change.value} / {before} is {exact:.1f} %", parsed.report,
                                    key=describe_key(pct)))
    return problems


def report_to_problems(parsed: ParsedReport, vocab: Vocabulary) -> tuple[list[Problem], int]:
    """Every check on one report: the problems found and how many checks ran."""
    duplicates = len(parsed.observations) - len(distinct_observations(parsed))
    results = totals(parsed, vocab) + change_percents(parsed)
    found = conflicts(parsed) + [p for p in results if p]
    return found, len(results) + duplicates


@dataclass
class CheckSummary:
    """The checks over all reports: problems left, checks run, problems accepted as known."""

    problems: list[Problem]
    checks: int
    accepted: list[tuple[Problem, KnownError]]
    checks_by_report: dict[str, int] = field(default_factory=dict)


def reports_to_check_summary(parsed_reports: list[ParsedReport], reports: list[Report],
                             vocab: Vocabulary) -> CheckSummary:
    """Check every report; problems its provenance lists as known errors are accepted, with reason."""
    problems, accepted, checks = [], [], {}
    for parsed, report in zip(parsed_reports, reports):
        found, checks[report.id] = report_to_problems(parsed, vocab)
        known = {(k.type, k.key): k for k in report.known_errors}
        used = set()
        for problem in found:
            match = known.get((problem.type, problem.key))
            if match:
                accepted.append((problem, match))
                used.add((match.type, match.key))
            else:
                problems.append(Problem(problem.type, problem.message, report.path.name, problem.line,
                                        problem.page, problem.hint, problem.key))
        for stale in set(known) - used:
            problems.append(Problem("stale-known-error", f"known error {stale[0]} {stale[1]!r} no longer "
                                    "occurs", report.path.with_suffix(".toml").name,
                                    hint="Remove it from known_errors."))
    return CheckSummary(problems, sum(checks.values()), accepted, checks)
