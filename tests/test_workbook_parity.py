"""NAV's workbooks give exactly the observations of the same report read from its text, row for row.

The workbooks are made inside the tests from the seeds' numbers (tests/workbooks.py): the 2026
report as TILT170 with every section, the three older reports in the same block layout, the 2019
report's measures by gender as the old TILT030 layout, and a TILT100 report of measure groups.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from conftest import REPORTS, SEEDS
from workbooks import seed_workbook

from tiltaksdata.model import ParsedReport
from tiltaksdata.read.find import find_reports
from tiltaksdata.run.parse import report_to_parsed


def distinct(parsed: ParsedReport) -> list[tuple]:
    """A report's distinct observations, sorted: what the package publishes for it."""
    return sorted({(o.period, o.statistic, o.region, o.dims, o.value) for o in parsed.observations})


def alone(tmp_path: Path, report_id: str, report: Path) -> ParsedReport:
    """Parse a report file alone in a reports folder, with the seed's provenance beside it."""
    folder = tmp_path / "reports"
    folder.mkdir(exist_ok=True)
    shutil.copy(report, folder / f"{report_id}{report.suffix}")
    shutil.copy(REPORTS / f"{report_id}.toml", folder / f"{report_id}.toml")
    (found,) = find_reports(folder)
    return report_to_parsed(found)


@pytest.mark.parametrize("year", sorted(SEEDS))
def test_a_seed_as_a_workbook_publishes_what_its_text_says(tmp_path, year):
    report_id = SEEDS[year]
    workbook = seed_workbook(report_id, tmp_path / "made.xlsx")
    from_workbook = alone(tmp_path, report_id, workbook)
    from_text = report_to_parsed(next(r for r in find_reports(REPORTS) if r.id == report_id))
    assert not from_workbook.problems, from_workbook.problems
    assert from_workbook.family == from_text.family and from_workbook.family
    assert not from_workbook.not_applied  # a known family: every completeness check applied
    assert distinct(from_workbook) == distinct(from_text)
    assert from_workbook.published == from_text.published


def test_counts_stored_as_fractions_of_one_are_whole_numbers(tmp_path):
    report_id = SEEDS["2026"]
    workbook = seed_workbook(report_id, tmp_path / "made.xlsx", floats=True)
    assert distinct(alone(tmp_path, report_id, workbook)) == distinct(
        report_to_parsed(next(r for r in find_reports(REPORTS) if r.id == report_id))
    )


def test_the_workbook_gives_whole_labels_where_the_pdf_cut_them(tmp_path):
    report_id = SEEDS["2026"]
    parsed = alone(tmp_path, report_id, seed_workbook(report_id, tmp_path / "made.xlsx"))
    raw = {m.raw for m in parsed.mappings}
    assert "I alt varig tilrettelagt arbeid i skjermet virksomhet" in raw
    assert not [m for m in parsed.mappings if m.dimension == "measure" and m.how.normalised]
