"""The latest month on a page is every key of that month, each from its own current publication."""

from __future__ import annotations

from tiltaksdata.model import DIMENSIONS, TOTAL
from tiltaksdata.site.data import Row
from tiltaksdata.site.rows import latest, one_per_period


def row(period: str, report: str, published: str, value: str, **dims: str) -> Row:
    values = {d: TOTAL for d in DIMENSIONS} | dims
    return Row(
        period=period, statistic="count", region_level="county", region_code="03", report=report,
        published=published, value=value, **values,
    )  # fmt: skip


def test_the_latest_month_keeps_every_key_whatever_report_is_current_for_it():
    """NAV publishes nine reports a month: TILT170's measures and TILT140's are both current for
    December, each from its own file. A county page's «now» must show both, not one file's."""
    rows = [
        row("2029-11", "2029-01_2029-11_tilt170", "2029-12-02", "4200", measure_group="Tilrettelagt arbeid"),
        row("2029-12", "2029-01_2029-12_tilt170", "2030-01-02", "4257", measure_group="Tilrettelagt arbeid"),
        row("2029-12", "2029-01_2029-12_tilt140", "2030-01-02", "1433", measure_group="Arbeidspraksis"),
    ]
    assert [r["value"] for r in latest(rows)] == ["4257", "1433"]


def test_a_key_given_by_two_publications_is_shown_from_the_newer():
    """The county series may give a key from several reports; the later publication wins, also when
    its report id sorts first (a replaced file kept beside the old one)."""
    older = row("2029-12", "2029-12_b", "2030-01-02", "10")
    newer = row("2029-12", "2029-12_a", "2030-01-09", "11")
    assert latest([older, newer]) == [newer] and latest([newer, older]) == [newer]
    assert one_per_period([older, newer], "measure_group") == [newer]
