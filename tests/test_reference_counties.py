"""The county structures, changes and crosswalk (tiltaksdata/reference/county_*.csv) against SSB.

Each reform is recomputed from Klass: every municipality of the year before is followed through
SSB's change table to the municipalities (and so the counties) of the year after. Skipped when
../shared/reference/klass is absent.
"""

from __future__ import annotations

import csv
import json
from collections import defaultdict
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
REFERENCE = ROOT / "tiltaksdata" / "reference"
KLASS = ROOT.parent / "shared" / "reference" / "klass"
needs_klass = pytest.mark.skipif(not KLASS.is_dir(), reason="../shared/reference/klass not present")
# A year whose municipalities stand for each structure, and the reforms between structures.
SAMPLE_YEAR = {"1972": 2017, "2018": 2019, "2020": 2023}
REFORMS = {"2018-01-01": (2017, 2018), "2020-01-01": (2019, 2020), "2024-01-01": (2023, 2024)}
MOSTLY = 0.8  # an older county belongs to a 2024 county when at least 80 % of its municipalities went there


def rows(name: str) -> list[dict]:
    with open(REFERENCE / name, encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def municipalities(year: int) -> set[str]:
    data = json.loads((KLASS / f"Kommuneinndeling {year}.json").read_text(encoding="utf-8"))
    return {item["code"] for item in data["classificationItems"] if item["code"] not in ("9999",)}


def forward(codes: set[str], after: str, until: str) -> dict[str, set[str]]:
    """Each municipality code valid on `after` → the codes it became by `until` (SSB's change table)."""
    changes = json.loads((KLASS / "changetables.json").read_text(encoding="utf-8"))["codeChanges"]
    steps = defaultdict(lambda: defaultdict(set))
    for change in changes:
        if after < change["changeOccurred"] <= until:
            steps[change["changeOccurred"]][change["oldCode"]].add(change["newCode"])
    result = {}
    for code in codes:
        current = {code}
        for day in sorted(steps):
            current = set().union(*(steps[day].get(c, {c}) for c in current))
        result[code] = current
    return result


def flows(year: int, until: str) -> dict[str, dict[str, set[str]]]:
    """old county → new county → the old municipalities that went (wholly or partly) there."""
    out: dict = defaultdict(lambda: defaultdict(set))
    for old, news in forward(municipalities(year), f"{year}-01-01", until).items():
        for new in news:
            out[old[:2]][new[:2]].add(old)
    return out


@needs_klass
@pytest.mark.parametrize("day", sorted(REFORMS))
def test_county_changes_are_what_the_municipalities_did(day):
    before, after = REFORMS[day]
    assert forward(municipalities(before), f"{before}-01-01", day).keys() == municipalities(before)
    moved = flows(before, day)
    expected = {}
    for old, targets in moved.items():
        total = len({m for ms in targets.values() for m in ms})
        for new, members in targets.items():
            if new != old:
                expected[old, new] = "whole" if len(members) == total and len(targets) == 1 else "part"
    ours = {(r["from_code"], r["to_code"]): r["share"] for r in rows("county_changes.csv") if r["date"] == day}
    assert ours == expected


@needs_klass
@pytest.mark.parametrize("structure", sorted(SAMPLE_YEAR))
def test_crosswalk_is_what_the_municipalities_did(structure):
    year = SAMPLE_YEAR[structure]
    moved = flows(year, "2024-01-01")
    sizes = {old: len({m for ms in targets.values() for m in ms}) for old, targets in moved.items()}
    expected: dict[str, set[str]] = defaultdict(set)
    for old, targets in moved.items():
        for new, members in targets.items():
            if len(members) >= MOSTLY * sizes[old]:
                expected[new].add(old)
    # A 2024 county made of older counties is approximate when any of them sent municipalities
    # elsewhere or any other county sent municipalities to it.
    approximate = {
        new: any(set(moved[o]) != {new} for o in olds) or any(new in moved[o] for o in moved if o not in olds)
        for new, olds in expected.items()
    }
    ours: dict[str, set[str]] = defaultdict(set)
    flags = {}
    for r in rows("county_crosswalk.csv"):
        if r["structure"] == structure:
            ours[r["county_code"]].add(r["from_code"])
            flags[r["county_code"]] = r["approximate"] == "yes"
    expected.pop("99", None)
    assert dict(ours) == dict(expected)
    assert flags == {new: approximate[new] for new in expected}


def test_crosswalk_and_changes_name_counties_of_the_right_structures():
    regions = {r["code"]: r for r in rows("regions.csv") if r["level"] == "county"}
    structures = {s["id"]: s for s in rows("county_structures.csv")}

    def valid(code: str, day: str) -> bool:
        r = regions[code]
        return (r["valid_from"] or "0000") <= day and (not r["valid_to"] or day <= r["valid_to"])

    for r in rows("county_crosswalk.csv"):
        assert valid(r["from_code"], structures[r["structure"]]["valid_from"]), r
        assert valid(r["county_code"], "2024-01-01"), r
    for r in rows("county_changes.csv"):
        assert not valid(
            r["to_code"], "2017-12-31" if r["date"] == "2018-01-01" else f"{int(r['date'][:4]) - 1}-12-31"
        ) or r["to_code"] in ("15", "50"), r
        assert valid(r["to_code"], r["date"]), r
