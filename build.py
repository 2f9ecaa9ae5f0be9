"""`python build.py`: every NAV report in content/reports/ → the open-data site in site/.

Read top to bottom, this is the pipeline; each stage is a module of the `tiltaksdata` package.
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from tiltaksdata import cache
from tiltaksdata.check.report import reports_to_check_summary
from tiltaksdata.check.series import parsed_to_series
from tiltaksdata.errors import BuildFailed
from tiltaksdata.model import BuildSummary
from tiltaksdata.output import staged_output
from tiltaksdata.package.validate import validate_package
from tiltaksdata.package.write import write_package
from tiltaksdata.read.find import find_reports
from tiltaksdata.run import cli
from tiltaksdata.run.parse import default_vocabulary, reports_to_parsed
from tiltaksdata.run.stopwatch import Stopwatch
from tiltaksdata.settings import read_settings
from tiltaksdata.site.render import package_to_site


def build(
    content: Path, out: Path, cache_dir: Path | None, progress: cli.Progress, boundaries: Path | None = None
) -> BuildSummary:
    """Build the site from the reports in `content`; raise BuildFailed and leave `out` as it was."""
    clock = Stopwatch()
    cache.forget_damage()  # a damaged cache entry is a miss, made again; the summary counts them
    vocab = default_vocabulary()
    settings = read_settings(content, boundaries)

    # 1. Find the reports and read the provenance kept beside each.
    reports = find_reports(content / "reports")
    progress.start(len(reports))

    # Nothing the site depends on changed since the last build into `out`: that site is this one.
    stamp = cache.build_stamp(reports, content, settings.boundaries, out, repr(settings.site))
    if cache_dir and (previous := cache.previous_build(cache_dir, stamp, out)):
        for report in reports:
            progress.report(report.id, "cached")
        return replace(
            previous, seconds={"unchanged": clock.total()}, unchanged=True, damaged_cache=cache.damaged_entries()
        )

    # 2. Parse every report into observations; unchanged reports come from the cache.
    with clock("parse"):
        parsed = reports_to_parsed(reports, cache_dir, progress.report)

    # 3. One series from many publications: reprints kept once, revisions recorded, conflicts found.
    with clock("series"):
        series = parsed_to_series(parsed, reports)

    # 4. Check every total, every repeated figure, every change; a problem not known in the source fails.
    with clock("check"):
        checked = reports_to_check_summary(parsed, reports, vocab, series)
    if checked.problems:
        raise BuildFailed(checked.problems)

    # Everything below is written to a staging folder, swapped in for `out` only on success.
    with staged_output(out) as staging:
        # 5. Package the data (Frictionless, validated; a byte-identical package was validated before).
        with clock("package"):
            package = write_package(parsed, reports, vocab, staging / "data", checked, series, cache_dir, settings.site)
            if errors := validate_package(package, cache_dir):
                raise BuildFailed(errors)

        # The render reads the package on disk; what was parsed is let go before it.
        summary = BuildSummary.of(parsed, checked, out, clock.seconds, None, series)
        del parsed, series

        # 6. Render the site from the package: a page per measure, county, municipality and report.
        with clock("render"):
            summary.with_site(
                package_to_site(
                    package.parent,
                    content / "pages",
                    staging,
                    settings.boundaries,
                    cache_dir=cache_dir,
                    site=settings.site,
                )
            )

    summary.damaged_cache = cache.damaged_entries()
    if cache_dir:
        cache.store_build(cache_dir, stamp, out, summary)
        cache.sweep(cache_dir)  # what this build did not use: entries of reports and code that are gone
    return summary


if __name__ == "__main__":
    raise SystemExit(cli.main(build))
