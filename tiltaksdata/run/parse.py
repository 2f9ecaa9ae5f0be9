"""Every report file → a parsed report (observations, sources, label mappings).

Reports whose bytes, provenance and reading code are unchanged come from the cache; the rest
are parsed in a process pool, one report per task.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from concurrent.futures import ProcessPoolExecutor
from contextlib import ExitStack
from functools import lru_cache
from pathlib import Path

from tiltaksdata import cache
from tiltaksdata.check.dating import dating_problems, published_date
from tiltaksdata.check.formats import formats_problems
from tiltaksdata.check.partial import partial_total_results
from tiltaksdata.check.report import UNDECIDED, report_to_check_results
from tiltaksdata.check.scope import unknown_scope_problems
from tiltaksdata.errors import BuildFailed, Problem, ReportError
from tiltaksdata.model import DIMENSIONS, TOTAL, ParsedReport, RawReport, scope_groups
from tiltaksdata.normalise.families import (
    NOT_APPLIED,
    Family,
    completeness_problems,
    family_of,
    implied_scope,
    load_families,
)
from tiltaksdata.normalise.observations import report_to_observations
from tiltaksdata.normalise.vocabulary import Vocabulary, normalise_label
from tiltaksdata.periods import MONTHS
from tiltaksdata.read.provenance import Report, period_to_months
from tiltaksdata.read.report import read_report


@lru_cache(maxsize=1)
def default_vocabulary() -> Vocabulary:
    """The vocabularies in tiltaksdata/reference, loaded once per process."""
    return Vocabulary()


@lru_cache(maxsize=1)
def default_families() -> tuple[Family, ...]:
    """The report families in tiltaksdata/reference, loaded once per process."""
    return tuple(load_families())


def read_and_normalise(path: Path, scope: dict[str, str] | None = None) -> tuple[RawReport, ParsedReport]:
    """Read a report file and normalise it, outside a build (for tools and tests)."""
    raw = read_report(path)
    return raw, report_to_observations(raw, path.stem, default_vocabulary(), scope)


def title_and_scope_problems(report: Report, raw: RawReport, family: Family | None, vocab: Vocabulary) -> list[Problem]:
    """The provenance must describe the report it sits beside: title and scope."""
    name, toml = report.path.name, report.path.with_suffix(".toml").name
    problems = []
    if raw.title and normalise_label(raw.title) != normalise_label(report.title):
        problems.append(
            Problem(
                "title-mismatch",
                f"the report's title is {raw.title!r}, its provenance says {report.title!r}",
                name,
                hint=f"Is {toml} the provenance of this report?",
            )
        )
    for dim, value in report.scope.items():
        known = vocab.measure_groups if dim == "measure_group" else vocab.participant_groups
        if any(group not in known for group in scope_groups(value)):
            problems.append(
                Problem(
                    "bad-provenance",
                    f"scope: {dim} {value!r} is not a known label",
                    toml,
                    hint=f"One of: {', '.join(known)}.",
                )
            )
    implied = implied_scope(raw.title, family, vocab)
    if implied and implied != report.scope:
        problems.append(
            Problem(
                "scope-mismatch",
                f"the report's title {raw.title!r} covers "
                + ", ".join(f"{d} = {v!r}" for d, v in implied.items())
                + f", but its provenance's scope is {report.scope or 'everything'}",
                toml,
                hint="Its «I alt» is then that group's total: set [scope] to what the title says.",
            )
        )
    return problems


def with_period_and_title(raw: RawReport, report: Report) -> RawReport:
    """A workbook that prints no period takes the provenance's (its month columns must then lie in it);
    one that prints no title is known by the provenance's title. A text or PDF always prints both."""
    months = period_to_months(report.period)
    if raw.layout.startswith("workbook") and not raw.period_text and months:
        first, last = (f"{MONTHS[int(m[5:]) - 1].capitalize()} {m[:4]}" for m in months)
        raw.period_text = f"{first} - {last}"
    return raw


def report_to_parsed(report: Report) -> ParsedReport:
    """Read, date and normalise one report, and check that it is complete."""
    vocab = default_vocabulary()
    raw = read_report(report.path)
    raw = with_period_and_title(raw, report)
    family = family_of(raw.title or report.title, list(default_families()))
    problems = dating_problems(report, raw) + title_and_scope_problems(report, raw, family, vocab)
    published, more = published_date(report, raw)
    parsed_blanks = bool(family and family.blanks_are_zero)
    parsed = report_to_observations(raw, report.id, vocab, report.scope, blanks_are_zero=parsed_blanks)
    if family:
        more += completeness_problems(raw, parsed, family, vocab, report.path.name)
    else:
        parsed.not_applied = list(NOT_APPLIED)
        if not report.scope:  # nothing says what its «I alt» covers: it must cover every group
            more += unknown_scope_problems(parsed, vocab, report.path.name, report.path.with_suffix(".toml").name)
    for path, _ in report.companions:  # the same report in another format: the same figures, or a problem
        other = report_to_observations(
            with_period_and_title(read_report(path), report), report.id, vocab, report.scope, parsed_blanks
        )
        more += formats_problems(parsed, other, report.path.name, path.name)
    parsed.published, parsed.family, parsed.problems = published, family.id if family else "", problems + more
    found, checks, undecided = report_to_check_results(parsed, vocab)  # in the worker, cached with the parse
    partial = partial_total_results(parsed)
    parsed.checked = (
        found + [p for p in partial if isinstance(p, Problem)],
        checks + len(partial),
        undecided + sum(p is UNDECIDED for p in partial),
    )
    parsed.levels, parsed.breakdowns = levels_and_breakdowns(parsed, vocab)
    _ = parsed.distinct_count, parsed.measure_months  # counted here, in the worker, and cached with the parse
    return parsed


def levels_and_breakdowns(parsed: ParsedReport, vocab: Vocabulary) -> tuple[list[str], list[str]]:
    """The region levels a report gives and the dimensions it breaks down, in the vocabulary's order."""
    levels = {vocab.region_by_code[region].level for region in {obs.region for obs in parsed.observations}}
    dims = {dims for *_, dims, _ in parsed.observations}
    broken = {d for combo in dims for d, value in zip(DIMENSIONS, combo) if value != TOTAL}
    return (
        [lv for lv in ("country", "county", "municipality", "other") if lv in levels],
        [d for d in DIMENSIONS if d in broken],
    )


def reports_to_parsed(
    reports: list[Report],
    cache_dir: Path | None,
    progress: Callable[[str, str], None] = lambda report, state: None,
    workers: int | None = None,
) -> list[ParsedReport]:
    """Parse every report, from the cache where possible, in parallel where not."""
    keys = {
        r.id: cache.cache_key(r.id, r.sha256, "+".join([r.provenance_sha256, *(h for _, h in r.companions)]))
        for r in reports
    }
    parsed: dict[str, ParsedReport] = {}
    # The reports not in the cache start parsing in workers first; the cached ones are loaded meanwhile.
    kept = {r.id: cache_dir / f"{keys[r.id]}.pickle" for r in reports} if cache_dir else {}
    cold = [r for r in reports if not (r.id in kept and kept[r.id].is_file())]
    tried = {r.id for r in cold}
    workers = workers or os.cpu_count() or 1
    with ExitStack() as stack:
        pool = (
            stack.enter_context(ProcessPoolExecutor(max_workers=min(workers, len(cold))))
            if cold and workers > 1
            else None
        )
        futures = {r.id: pool.submit(_parsed_or_problem, r) for r in cold} if pool else {}
        for report in reports:
            if report.id in tried:
                continue
            hit = cache.load(cache_dir, keys[report.id]) if cache_dir else None
            if hit is not None:
                parsed[report.id] = hit
                progress(report.id, "cached")
            else:  # damaged (a miss, counted): parsed again
                cold.append(report)
                if pool:
                    futures[report.id] = pool.submit(_parsed_or_problem, report)
        results = [futures[r.id].result() if r.id in futures else _parsed_or_problem(r) for r in cold]
    problems = []
    for report, result in zip(cold, results):
        if isinstance(result, Problem):
            problems.append(result)
            progress(report.id, "failed")
            continue
        parsed[report.id] = result
        progress(report.id, "parsed")
        if cache_dir:
            cache.store(cache_dir, keys[report.id], result)
    if problems:  # every report that cannot be read, at once (the good ones are cached for the next try)
        raise BuildFailed(problems)
    return [parsed[r.id] for r in reports]


def _parsed_or_problem(report: Report) -> ParsedReport | Problem:
    """A report parsed, or why it cannot be read (so one bad report does not hide the next)."""
    try:
        return report_to_parsed(report)
    except ReportError as err:
        return err.problem
