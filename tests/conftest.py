"""Shared fixtures: the seed reports in content/reports, parsed once per test session."""

from __future__ import annotations

import os
from functools import cache
from pathlib import Path

import pytest

from tiltaksdata.check.report import distinct_observations
from tiltaksdata.model import DIMENSIONS, TOTAL, ParsedReport
from tiltaksdata.read.find import find_reports
from tiltaksdata.run.parse import report_to_parsed

ROOT = Path(__file__).resolve().parents[1]
REPORTS = ROOT / "content" / "reports"
SHARED = ROOT.parent / "shared"
SEEDS = {
    "2014": "2014-02_tiltak-og-fylke",
    "2019": "2019-01_2019-12_tiltak-og-kjonn",
    "2020": "2020-01_2020-02_tiltaksgruppe-og-fylke",
    "2026": "2026-01_tilrettelagt-arbeid-demografi",
}


@cache
def parsed(report_id: str) -> ParsedReport:
    """A seed report in content/reports, read and normalised (no cache)."""
    report = next(r for r in find_reports(REPORTS) if r.id == report_id)
    return report_to_parsed(report)


class Lookup:
    """`value("2014-02", region="03", measure_group="Oppfølging")` on one parsed report."""

    def __init__(self, report_id: str) -> None:
        self.report = parsed(report_id)
        self.observations = distinct_observations(self.report)

    def value(self, period: str, region: str = "NO", statistic: str = "count", **dims: str) -> int | None:
        """The value of one key (None = suppressed); KeyError if the report has no such key."""
        unknown = set(dims) - set(DIMENSIONS)
        assert not unknown, f"not a dimension: {unknown}"
        key = (period, statistic, region, tuple(dims.get(d, TOTAL) for d in DIMENSIONS))
        return self.observations[key].value

    def mapped(self, raw: str) -> set[tuple[str, str]]:
        """(canonical, how) for every mapping of a raw label in the report, `how` as the package words it."""
        return {(m.canonical, str(m.how)) for m in self.report.mappings if m.raw == raw}


@pytest.fixture(scope="session")
def seed():
    """Lookup of a seed by year: `seed("2014").value(...)`."""
    cache: dict[str, Lookup] = {}

    def get(year: str) -> Lookup:
        if year not in cache:
            cache[year] = Lookup(SEEDS[year])
        return cache[year]

    return get


# Kartverket's boundaries for the map tests: ../shared/reference/geo, or TILTAKSDATA_GEO (a folder
# with 2024/ and 2020/ as there). CI downloads them and sets TILTAKSDATA_REQUIRE_GEO=1, so a
# missing folder fails the map tests there instead of skipping them.
GEO = Path(os.environ.get("TILTAKSDATA_GEO") or SHARED / "reference" / "geo")


@pytest.fixture(scope="session")
def geo() -> Path:
    """The boundaries folder; the test is skipped without it (failed where they are required)."""
    if not (GEO / "2024").is_dir():
        if os.environ.get("TILTAKSDATA_REQUIRE_GEO"):
            pytest.fail(f"TILTAKSDATA_REQUIRE_GEO is set but {GEO}/2024 is missing", pytrace=False)
        pytest.skip(f"Kartverket's boundaries not found at {GEO} (set TILTAKSDATA_GEO)")
    return GEO


@pytest.fixture
def previous_site(tmp_path: Path) -> Path:
    """An output folder from an earlier build, which a failed build must leave as it was."""
    out = tmp_path / "site"
    (out / "data").mkdir(parents=True)
    (out / "data" / "marker.txt").write_text("previous build")
    return out


@pytest.fixture(scope="session")
def seed_site(tmp_path_factory) -> Path:
    """The site built from content/ by `build.py` as a user runs it, once per test session and
    shared by every test that only reads it (site, package, series, browser)."""
    from browser import build_site

    base = tmp_path_factory.mktemp("seed-site")
    return build_site(base / "site", base / "cache")


# The browser fixtures (tests/browser.py), defined once here so that every test module shares one
# browser: two Playwright sessions in one process would collide.
from browser import browser_site, chromium, new_page, origin, visited  # noqa: E402, F401
