"""`python -m tiltaksdata.fetch`: bring NAV's new report files into content/reports/. Only this module prints."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable
from pathlib import Path
from typing import TextIO

from tiltaksdata.errors import FetchError
from tiltaksdata.fetch.download import Fetcher
from tiltaksdata.fetch.place import place, staging_folder
from tiltaksdata.fetch.plan import plan_fetch
from tiltaksdata.fetch.summary import plan_to_lines, plan_to_markdown
from tiltaksdata.read.find import today

ROOT = Path(__file__).resolve().parents[2]
NAV = "https://www.nav.no/no/nav-og-samfunn/statistikk/arbeidssokere-og-stillinger-statistikk/tiltaksdeltakere"
# The current page and the year archives (see README, «Keeping the site current»): when NAV moves them,
# change them here, or give --page.
PAGES = (NAV, *(f"{NAV}/relatert-informasjon/arkiv-tiltaksdeltakere.{year}" for year in (2025, 2024, 2023)))


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        prog="python -m tiltaksdata.fetch",
        description="Fetch NAV's new report files (TILT workbooks and PDFs) from its statistics pages into "
        "CONTENT/reports/, each with its provenance .toml. All or nothing: a fetch that fails leaves "
        "CONTENT as it was.",
    )
    parser.add_argument(
        "--content", type=Path, default=ROOT / "content", help="folder with reports/ (default: content/)"
    )
    parser.add_argument(
        "--page",
        action="append",
        dest="pages",
        metavar="URL",
        help="a page linking NAV's report files (may be given several times; replaces the default pages: "
        "NAV's current page and its archives of 2025, 2024 and 2023)",
    )
    parser.add_argument(
        "--ignore",
        action="append",
        default=[],
        metavar="TEXT",
        help="leave out report files whose name contains TEXT (may be given several times): a file NAV "
        "links that cannot be read yet, while the others are fetched",
    )
    parser.add_argument("--dry-run", action="store_true", help="read the pages and say what would be fetched")
    parser.add_argument("--summary", type=Path, help="also write what was added as Markdown to this file")
    parser.add_argument("--timeout", type=float, default=20.0, help="seconds to wait for a server (default: 20)")
    parser.add_argument("--retries", type=int, default=3, help="tries again after a transient error (default: 3)")
    return parser.parse_args(argv)


def main(argv: list[str] | None = None, stream: TextIO = sys.stdout, errors: TextIO = sys.stderr) -> int:
    """Fetch, place and report; return the exit status (0 also when nothing is new)."""
    args = parse_args(argv)
    pages = args.pages or list(PAGES)
    fetcher = Fetcher(timeout=args.timeout, retries=max(args.retries, 0))
    reports = args.content / "reports"
    try:
        if args.dry_run:
            plan = plan_fetch(reports, pages, fetcher, None, today(), ignore=tuple(args.ignore))
        else:
            with staging_folder(args.content) as staging:
                plan = plan_fetch(
                    reports, pages, fetcher, staging / "downloads", today(), _progress(errors), tuple(args.ignore)
                )
                place(plan.additions, reports, staging)
    except FetchError as err:
        print(f"error: {err.url}: {err.message}", file=errors)
        if err.hint:
            print(f"  hint: {err.hint}", file=errors)
        print(f"Fetch failed; {reports} was left as it was.", file=errors)
        return 1
    except OSError as err:
        print(f"error: {err}", file=errors)
        print(f"Fetch failed; {reports} was left as it was.", file=errors)
        return 1
    for line in plan_to_lines(plan, args.dry_run):
        print(line, file=stream)
    if args.summary:
        args.summary.write_text(plan_to_markdown(plan), encoding="utf-8")
    return 0


def _progress(stream: TextIO) -> Callable[[str], None]:
    """A line per file as it is fetched, on the error stream (the summary goes to standard output)."""

    def say(line: str) -> None:
        print(f"  {line}", file=stream, flush=True)

    return say


if __name__ == "__main__":
    raise SystemExit(main())
