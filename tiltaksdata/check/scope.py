"""A report's «I alt» over measures is published as the total of all measures only where that is
known: by the report's family, or by its provenance's `[scope]`.

A report of a family not yet in `reference/report_families.csv`, whose provenance gives no scope,
and whose «I alt» lies over measures of some groups only (the 2026 report under a title without
«på tilrettelagt arbeid» lists three measures of one group) would otherwise be published as
`measure_group = I alt`: the total over every measure, a number NAV never printed. It fails instead,
asking for the scope.
"""

from __future__ import annotations

from tiltaksdata.errors import Problem
from tiltaksdata.model import DIMENSIONS, TOTAL, ParsedReport
from tiltaksdata.normalise.vocabulary import Vocabulary

GROUP, MEASURE = DIMENSIONS.index("measure_group"), DIMENSIONS.index("measure")


def unknown_scope_problems(parsed: ParsedReport, vocab: Vocabulary, file: str, provenance: str) -> list[Problem]:
    """A problem if the report's «I alt» over measures covers the measures of only some groups."""
    listed: set[str] = set()
    total_at = None
    for obs, source in zip(parsed.observations, parsed.sources):
        group, measure = obs.dims[GROUP], obs.dims[MEASURE]
        if group == TOTAL and measure == TOTAL:
            total_at = total_at or source
        elif group != TOTAL:
            listed.add(group)
        elif measure in vocab.measures:
            listed.add(vocab.measures[measure])
    every = set(vocab.measure_groups)
    if total_at is None or not listed or listed >= every:
        return []
    groups = [g for g in vocab.measure_groups if g in listed]
    return [
        Problem(
            "unknown-scope",
            "this «I alt» is the total of the measures listed under it, of "
            + ", ".join(f"«{g}»" for g in groups)
            + f" only ({len(groups)} of {len(every)} groups), but the report's family is not known and "
            "its provenance gives no [scope]: it would be published as the total of all measures",
            file,
            total_at.line,
            total_at.page,
            hint=f'Add [scope] measure_group = "{" + ".join(groups)}" to {provenance} if that is what the '
            "report covers, or its family to tiltaksdata/reference/report_families.csv.",
        )
    ]
