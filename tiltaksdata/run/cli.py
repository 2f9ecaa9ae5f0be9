"""The command line: arguments, progress, the summary and every problem. Only this module prints."""

from __future__ import annotations

import argparse
import gc
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TextIO

from tiltaksdata.errors import BuildFailed, Problem, TiltaksdataError
from tiltaksdata.model import BuildSummary

ROOT = Path(__file__).resolve().parents[2]


def _number(n: int) -> str:
    return f"{n:,}".replace(",", " ")


class Progress:
    """A line per report as it is parsed or taken from the cache."""

    def __init__(self, stream: TextIO, quiet: bool = False) -> None:
        self.stream, self.quiet, self.total, self.done, self.cached = stream, quiet, 0, 0, 0

    def start(self, total: int) -> None:
        self.total = total
        self._say(f"Building from {total} report(s)")

    def report(self, report: str, state: str) -> None:
        self.done += 1
        self.cached += state == "cached"
        self._say(f"  [{self.done}/{self.total}] {report}: {state}")

    def _say(self, text: str) -> None:
        if not self.quiet:
            print(text, file=self.stream, flush=True)


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        prog="build.py", description="Build the tiltaksdata site from the NAV reports in CONTENT/reports/."
    )
    parser.add_argument(
        "--content", type=Path, default=ROOT / "content", help="folder with reports/ (default: content/)"
    )
    parser.add_argument("--out", type=Path, default=ROOT / "site", help="output folder (default: site/)")
    parser.add_argument(
        "--cache",
        type=Path,
        default=ROOT / ".cache" / "parsed",
        help="cache of parsed reports (default: .cache/parsed/)",
    )
    parser.add_argument("--no-cache", action="store_true", help="parse every report again")
    parser.add_argument(
        "--boundaries",
        type=Path,
        default=None,
        help="folder with Kartverket's TopoJSON boundaries for the maps "
        "(default: [maps] boundaries in CONTENT/site.toml; none: no maps)",
    )
    parser.add_argument("-q", "--quiet", action="store_true", help="print only problems and the summary")
    return parser.parse_args(argv)


def print_problem(problem: Problem, stream: TextIO) -> None:
    """One problem: where, what, and what to try."""
    where = problem.location() or "build"
    print(f"error: {where}: [{problem.type}] {problem.message}", file=stream)
    if problem.hint:
        print(f"  hint: {problem.hint}", file=stream)


def print_summary(summary: BuildSummary, progress: Progress, stream: TextIO) -> None:
    """The closing lines of a successful build."""
    seconds = ", ".join(f"{k} {v:.2f} s" for k, v in summary.seconds.items())
    if summary.unchanged:
        print(f"Nothing changed since the last build: {summary.out} is up to date.", file=stream)
    print(
        f"Built {summary.out}: {summary.reports} reports ({progress.cached} from cache), "
        f"{_number(summary.tables)} tables, {_number(summary.observations)} observations, "
        f"{_number(summary.checks)} checks passed"
        + (f" ({summary.accepted} known source errors accepted)" if summary.accepted else "")
        + f", {_number(summary.normalised)} of {_number(summary.labels)} labels normalised, "
        f"{_number(summary.pages)} pages. [{seconds}]",
        file=stream,
    )
    print(
        f"{_number(summary.undecided)} checks undecidable because of suppression (`*` hides what "
        f"they compare); {_number(summary.reprints)} values reprinted by a later report, "
        f"{_number(summary.revisions)} revised.",
        file=stream,
    )
    if summary.damaged_cache:
        print(
            f"Cache: {len(summary.damaged_cache)} damaged entr{'y' if len(summary.damaged_cache) == 1 else 'ies'} "
            f"ignored and made again (e.g. {summary.damaged_cache[0]}).",
            file=stream,
        )
    for report, checks in summary.not_applied.items():
        print(
            f"Note: {report} is of a report family not in tiltaksdata/reference/report_families.csv; "
            f"completeness checks not applied: {', '.join(checks)}.",
            file=stream,
        )
    if summary.maps:
        print(f"Maps drawn from the boundaries given: {', '.join(summary.maps)}.", file=stream)
    else:
        print(
            "Maps skipped: no boundaries given (--boundaries DIR, or [maps] boundaries in content/site.toml).",
            file=stream,
        )


@contextmanager
def few_collections() -> Iterator[None]:
    """Python's cyclic garbage collector run seldom while a build runs.

    A build holds millions of small objects (observations, vintages, rows) that live until it ends and
    form no cycles; with the default thresholds the collector walks them again and again — measured
    at 90 reports, 10–15 % of adding a month. Reference counting still frees everything let go.
    """
    before = gc.get_threshold()
    gc.set_threshold(100_000, 50, 1000)
    try:
        yield
    finally:
        gc.set_threshold(*before)


def main(build: Callable[..., BuildSummary], argv: list[str] | None = None, stream: TextIO = sys.stderr) -> int:
    """Run a build; print its problems or summary; return the exit status."""
    args = parse_args(argv)
    progress = Progress(stream, args.quiet)
    try:
        with few_collections():
            summary = build(args.content, args.out, None if args.no_cache else args.cache, progress, args.boundaries)
    except BuildFailed as failed:
        for problem in failed.problems:
            print_problem(problem, stream)
        print(f"Build failed: {len(failed.problems)} problem(s); {args.out} was left as it was.", file=stream)
        return 1
    except TiltaksdataError as err:
        problem = getattr(err, "problem", None) or Problem("error", str(err))
        print_problem(problem, stream)
        print(f"Build failed; {args.out} was left as it was.", file=stream)
        return 1
    print_summary(summary, progress, stream)
    return 0
