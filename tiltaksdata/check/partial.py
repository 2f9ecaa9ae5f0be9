"""A report over the measures of several groups (TILT180: Jobbskaping og egenetablering and the
Tilrettelegging measures) prints an «I alt» that is the total of no one group: it is checked against
the measures it sums, like every total, and never published (the package has no code for it)."""

from __future__ import annotations

from collections import defaultdict

from tiltaksdata.check.report import CheckResult, check_sum, distinct_observations
from tiltaksdata.model import TOTAL, Observation, ParsedReport, Source


def partial_total_results(parsed: ParsedReport) -> list[CheckResult]:
    """Each such «I alt» against the sum of the measures with the same key but for group and measure."""
    if not parsed.partial_totals:
        return []
    parts: dict[tuple, list[Observation]] = defaultdict(list)
    for obs in distinct_observations(parsed).values():
        if obs.dims[2] != TOTAL:
            parts[(obs.period, obs.statistic, obs.region, (obs.dims[0], *obs.dims[3:]))].append(obs)
    lines: dict[tuple, Source] = {}
    totals: dict[tuple, Observation] = {}
    for obs, source in parsed.partial_totals:
        lines.setdefault(obs.key, source)
        totals.setdefault(obs.key, obs)
    return [
        check_sum(total, members, "measures of the report's groups", parsed.report, lines)
        for total in totals.values()
        if total.dims[2] == TOTAL
        and (members := parts.get((total.period, total.statistic, total.region, (total.dims[0], *total.dims[3:]))))
    ]
