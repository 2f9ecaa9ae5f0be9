"""One report, two formats, one truth: NAV's workbook and the PDF (or its text) of the same report.

Where both lie in content/reports/ under one name they are one publication: the workbook is read
as the report (its labels are whole), the other is read too, and every key and value must be the
same in both — a number that differs, or a key only one of them prints, fails the build naming
both files and where each prints it.
"""

from __future__ import annotations

from tiltaksdata.check.report import describe_key
from tiltaksdata.errors import Problem
from tiltaksdata.model import Observation, ParsedReport, Source

SHOWN = 5  # differences named one by one; the rest counted


def _first(parsed: ParsedReport) -> dict[tuple, tuple[Observation, Source]]:
    out: dict[tuple, tuple[Observation, Source]] = {}
    for obs, source in zip(parsed.observations, parsed.sources):
        out.setdefault(obs.key, (obs, source))
    return out


def _shown(obs: Observation) -> str:
    return str(obs.value) if obs.value is not None else "*"


def _where(name: str, source: Source) -> str:
    return Problem("", "", name, source.line, source.page).location()


def formats_problems(workbook: ParsedReport, other: ParsedReport, workbook_name: str, other_name: str) -> list[Problem]:
    """Every key whose value differs between the two files, or that only one of them prints."""
    mine, theirs = _first(workbook), _first(other)
    differ = [
        f"{describe_key(obs)} is {_shown(obs)} in {_where(workbook_name, src)}"
        f" but {_shown(theirs[key][0])} in {_where(other_name, theirs[key][1])}"
        for key, (obs, src) in mine.items()
        if key in theirs and theirs[key][0].value != obs.value
    ]
    differ += [
        f"{describe_key(obs)} only in {_where(workbook_name, src)}" for k, (obs, src) in mine.items() if k not in theirs
    ]
    differ += [
        f"{describe_key(obs)} only in {_where(other_name, src)}" for k, (obs, src) in theirs.items() if k not in mine
    ]
    if not differ:
        return []
    more = f" (and {len(differ) - SHOWN} more)" if len(differ) > SHOWN else ""
    return [
        Problem(
            "formats-disagree",
            f"{workbook_name} and {other_name} are one report in two formats but differ in "
            f"{len(differ)} figure(s): " + "; ".join(differ[:SHOWN]) + more,
            workbook_name,
            hint=f"One of the two files was changed or belongs to another publication: download both "
            f"again from NAV, or remove {other_name} (the workbook is read as the report).",
        )
    ]
