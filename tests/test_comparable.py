"""The comparable county series (county_series): sums of older counties, hand-checked against the seeds."""

from __future__ import annotations

import csv

import pytest

from tiltaksdata.check.comparable import rows_to_county_series, structure_of
from tiltaksdata.model import DIMENSIONS, TOTAL
from tiltaksdata.package.schema import OBSERVATION_COLUMNS
from tiltaksdata.run.parse import default_vocabulary
from tiltaksdata.site.data import read_resource

ALL = {d: TOTAL for d in DIMENSIONS}


@pytest.fixture(scope="module")
def package(seed_site):
    """The data package built from the four seeds (the session's shared build)."""
    return seed_site / "data"


@pytest.fixture(scope="module")
def series(package):
    return read_resource(package, "county_series")


def one(series, county, period, statistic="count", **dims):
    want = {**ALL, **dims}
    [row] = [
        r
        for r in series
        if r["county_code"] == county
        and r["period"] == period
        and r["statistic"] == statistic
        and all(r[d] == v for d, v in want.items())
    ]
    return row


def test_innlandet_february_2014_is_hedmark_plus_oppland(series):
    row = one(series, "34", "2014-02")  # Hedmark 3 312 + Oppland 2 748, page 1 of the 2014 report
    assert (row["value"], row["from_codes"], row["method"], row["approximate"]) == ("6060", "04+05", "derived", "true")


def test_agder_february_2014_is_aust_plus_vest_agder_exactly(series):
    row = one(series, "42", "2014-02")  # 1 990 + 3 048
    assert (row["value"], row["low"], row["high"], row["approximate"]) == ("5038", "5038", "5038", "false")


def test_vestland_february_2014_is_hordaland_plus_sogn_og_fjordane_approximately(series):
    row = one(series, "46", "2014-02")  # 7 436 + 982; Hornindal went to Møre og Romsdal in 2020
    assert (row["value"], row["from_codes"], row["approximate"]) == ("8418", "12+14", "true")


def test_telemark_2014_is_the_old_telemark_under_a_new_code(series):
    row = one(series, "40", "2014-02")  # 2 245 on page 1
    assert (row["from_codes"], row["method"], row["approximate"]) == ("08", "derived", "false")


def test_a_suppressed_county_stays_suppressed_with_its_bounds(series):
    row = one(series, "34", "2020-01", measure_group="Jobbskaping og egenetablering")
    assert (row["value"], row["low"], row["high"]) == ("*", "0", "3")


def test_viken_years_have_no_figure_for_its_three_successors(series):
    assert not [
        r
        for r in series
        if r["county_code"] in ("31", "32", "33", "39", "40", "55", "56") and r["period"].startswith("2020")
    ]
    assert one(series, "34", "2020-01", measure_group="Tilrettelagt arbeid")["method"] == "reported"


def test_every_2024_county_reaches_back_to_2014(series):
    counties = {r["county_code"] for r in series}
    assert len(counties) == 15
    assert all({r["period"] for r in series if r["county_code"] == c} >= {"2014-02", "2026-01"} for c in counties)


def test_every_region_code_is_valid_in_its_period(package):
    with open(package / "regions.csv", encoding="utf-8", newline="") as handle:
        regions = {r["code"]: r for r in csv.DictReader(handle)}
    if True:
        for r in read_resource(package, "observations"):
            region = regions[r["region_code"]]
            day = r["period"] + "-01"
            assert (region["valid_from"] or "0000") <= day and (not region["valid_to"] or day <= region["valid_to"]), r


def test_structure_of_a_period():
    vocab = default_vocabulary()
    assert [structure_of(vocab, p) for p in ("2014-02", "2019-12", "2020-01", "2023-12", "2026-01")] == [
        "1972",
        "2018",
        "2020",
        "2020",
        "2024",
    ]


def test_series_of_hand_made_rows_adds_within_bounds():
    vocab = default_vocabulary()
    rows = [
        ["r", "2014-02", "count", "county", code, "x", *ALL.values(), value]
        for code, value in (("04", "10"), ("05", "*"), ("09", "*"), ("10", "*"))
    ]
    out = {r[2]: r for r in rows_to_county_series(rows, OBSERVATION_COLUMNS, vocab)}
    assert out["34"][12:15] == ["", "10", "13"]  # 10 + (0–3)
    assert out["42"][12:15] == ["", "0", "6"]
