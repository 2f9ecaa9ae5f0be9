"""Checks of the project's own region table, tiltaksdata/reference/regions.csv.

The first tests always run. The rest compare the table with Statistics Norway's
(SSB) Klass lists in the shared reference folder and are skipped when it is absent.
"""

import csv
import json
from datetime import date
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
CSV_PATH = ROOT / "tiltaksdata" / "reference" / "regions.csv"
KLASS = ROOT.parent / "shared" / "reference" / "klass"
HEADER = ["code", "name", "short_name", "level", "valid_from", "valid_to", "parent_code"]
LEVELS = {"country", "county", "municipality", "other"}
KLASS_YEARS = [2013, 2015, 2017, 2018, 2019, 2020, 2022, 2023, 2024]

# Where we knowingly differ from SSB: code -> (SSB's name, reason).
EXPLAINED_MUNICIPALITIES = {"9999": ("Uoppgitt", "our 'other' row for an unknown municipality, named 'Ukjent kommune'")}
EXPLAINED_COUNTIES = {"13": ("Bergen", "Bergen was a county only until 1972; not in the table")}


def _day(text):
    return date.fromisoformat(text) if text else None


def _load():
    with CSV_PATH.open(encoding="utf-8", newline="") as f:
        reader = csv.DictReader(f)
        assert reader.fieldnames == HEADER
        return list(reader)


ROWS = _load()
BY_CODE = {r["code"]: r for r in ROWS}
MUNICIPALITIES = [r for r in ROWS if r["level"] == "municipality"]


def valid_on(row, day):
    start, end = _day(row["valid_from"]), _day(row["valid_to"])
    return (start is None or start <= day) and (end is None or day <= end)


def counties_on(day):
    return {r["code"] for r in ROWS if r["level"] == "county" and valid_on(r, day)}


def test_codes_unique_and_levels_valid():
    assert len(BY_CODE) == len(ROWS)
    assert {r["level"] for r in ROWS} <= LEVELS
    assert [r["level"] for r in ROWS[:1]] == ["country"]


def test_dates_parse_and_are_ordered():
    for r in ROWS:
        start, end = _day(r["valid_from"]), _day(r["valid_to"])
        assert start is None or end is None or start <= end, r["code"]


def test_names_present():
    assert all(r["name"].strip() and r["short_name"].strip() for r in ROWS)


def test_municipalities():
    assert len(MUNICIPALITIES) == 357
    counties_2024 = counties_on(date(2024, 1, 1))
    for r in MUNICIPALITIES:
        assert len(r["code"]) == 4 and r["code"].isdigit(), r["code"]
        assert r["parent_code"] == r["code"][:2] and r["parent_code"] in counties_2024, r["code"]
        assert r["valid_to"] == "", r["code"]
    assert all(r["parent_code"] == "" for r in ROWS if r["level"] != "municipality")


def test_county_counts():
    assert len(counties_on(date(2024, 1, 1))) == 15
    assert len(counties_on(date(2020, 1, 1))) == 11
    assert counties_on(date(2014, 2, 1)) == {f"{n:02d}" for n in range(1, 21) if n != 13}


# --- against SSB's Klass lists -------------------------------------------------


@pytest.fixture(scope="module")
def klass_dir():
    if not KLASS.is_dir():
        pytest.skip(f"SSB reference lists not found at {KLASS}")
    return KLASS


@pytest.fixture(scope="module")
def klass(klass_dir):
    versions = {}
    for year in KLASS_YEARS:
        data = json.loads((klass_dir / f"Kommuneinndeling {year}.json").read_text(encoding="utf-8"))
        versions[date(year, 1, 1)] = {i["code"]: i["name"] for i in data["classificationItems"]}
    changes = json.loads((klass_dir / "changetables.json").read_text(encoding="utf-8"))["codeChanges"]
    return versions, changes


def test_municipalities_equal_ssb_2024(klass):
    ssb = klass[0][date(2024, 1, 1)]
    ours = {r["code"]: r["name"] for r in MUNICIPALITIES}
    for code, (ssb_name, _reason) in EXPLAINED_MUNICIPALITIES.items():
        assert ssb.get(code) == ssb_name and code not in ours
    assert set(ours) == set(ssb) - set(EXPLAINED_MUNICIPALITIES)
    assert {c: ssb[c] for c in ours if ssb[c] != ours[c]} == {}


def test_counties_equal_ssb(klass_dir):
    with (klass_dir / "county_names_numbers.txt").open(encoding="utf-8", newline="") as f:
        ssb = {r["county_code"]: r["county_name"] for r in csv.DictReader(f)}
    for code, (ssb_name, _reason) in EXPLAINED_COUNTIES.items():
        assert ssb.get(code) == ssb_name and code not in BY_CODE
    ours = {r["code"]: r["short_name"] for r in ROWS if r["level"] == "county"}
    assert set(ours) == set(ssb) - set(EXPLAINED_COUNTIES)
    assert {c: (ssb[c], ours[c]) for c in ours if ssb[c] != ours[c]} == {}


def test_municipality_valid_from_matches_ssb_history(klass):
    """valid_from D: same code and name in every Klass version dated >= D; if D is set,
    the code was absent or named differently in the last version before D, or SSB's
    change table records a change into the code on D (a merger keeping code and name,
    e.g. 1103 Stavanger 2020). No change into the code may be recorded after D
    (after 2012 when D is empty)."""
    versions, changes = klass
    problems = []
    for r in MUNICIPALITIES:
        code, start = r["code"], _day(r["valid_from"])
        floor = start or date(2012, 12, 31)
        later = [d for d in versions if d >= floor]
        if any(versions[d].get(code) != r["name"] for d in later):
            problems.append((code, "name/code not in every version from valid_from"))
        changed = {_day(c["changeOccurred"]) for c in changes if c["newCode"] == code}
        if start:
            before = [d for d in versions if d < start]
            same = before and versions[max(before)].get(code) == r["name"]
            if same and start not in changed:
                problems.append((code, "unchanged in the version before valid_from"))
        if any(d > floor for d in changed):
            problems.append((code, f"changed after valid_from: {max(changed)}"))
    assert problems == []
