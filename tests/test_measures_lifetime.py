"""Measures that come and go (issue 19): each measure's first and last month in measures.csv, what NAV's
publications say of it on its page, a renamed measure two measures, never merged."""

from __future__ import annotations

import csv
import shutil
from pathlib import Path

import pytest
from conftest import ROOT

from tiltaksdata.errors import ReferenceDataError
from tiltaksdata.normalise.vocabulary import REFERENCE, Vocabulary
from tiltaksdata.site.data import read_resource


def test_each_measures_first_and_last_month_is_what_the_series_says(seed_site):
    series = read_resource(seed_site / "data", "series")
    expected: dict[tuple[str, str], list[str]] = {}
    for row in series:
        months = expected.setdefault((row["measure_group"], row["measure"]), [row["period"], row["period"]])
        months[0], months[1] = min(months[0], row["period"]), max(months[1], row["period"])
    measures = read_resource(seed_site / "data", "measures")
    got = {(m["group"], m["name"]): [m["first_period"], m["last_period"]] for m in measures if m["first_period"]}
    assert got == expected
    assert got[("Oppfølging", "Utvidet oppfølging i NAV")] == ["2019-01", "2019-12"]
    never = [m["name"] for m in measures if not m["first_period"]]
    assert "Arbeid med støtte" in never and all(not m["last_period"] for m in measures if m["name"] in never)


def test_an_ended_measure_and_its_successor_link_each_other_and_stay_two(seed_site):
    ended = (seed_site / "tiltak" / "utvidet-oppfolging-i-nav.html").read_text(encoding="utf-8")
    started = (seed_site / "tiltak" / "arbeid-med-stotte.html").read_text(encoding="utf-8")
    assert "NAV publiserte siste tall for november 2023" in ended
    assert '<a href="../tiltak/arbeid-med-stotte.html">Arbeid med støtte</a>' in ended
    assert "Nytt tiltak i NAVs statistikk fra desember 2023" in started
    assert '<a href="../tiltak/utvidet-oppfolging-i-nav.html">Utvidet oppfølging i NAV</a>' in started
    measures = {m["name"]: m["group"] for m in read_resource(seed_site / "data", "measures")}
    assert measures["Utvidet oppfølging i NAV"] == measures["Arbeid med støtte"] == "Oppfølging"


@pytest.mark.parametrize(
    ("first", "last", "message"),
    [
        ("2023-13", "", "'2023-13' is not a month"),
        ("2024", "", "'2024' is not a month"),
        ("2024-02", "2023-11", "after last"),
    ],
)
def test_the_reference_table_rejects_a_bad_month(tmp_path, first, last, message):
    folder = tmp_path / "reference"
    shutil.copytree(REFERENCE, folder)
    path = folder / "measures.csv"
    rows = list(csv.DictReader(path.open(encoding="utf-8")))
    rows[0].update(first_published=first, last_published=last)
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, list(rows[0]))
        writer.writeheader()
        writer.writerows(rows)
    with pytest.raises(ReferenceDataError, match=message) as caught:
        Vocabulary(folder)
    assert "measures.csv, line 2" in str(caught.value)


def test_the_reference_knows_when_nav_ended_and_began_measures():
    facts = Vocabulary().measure_facts
    assert facts["Utvidet oppfølging i NAV"][:2] == ("", "2023-11")
    assert facts["Arbeid med støtte"][:2] == ("2023-12", "")
    assert facts["AMO Kurs, Forsøk"][0] == "2024-01"
    assert Path(ROOT / "tiltaksdata" / "reference" / "measures.csv").read_text(encoding="utf-8").count("\n") > 50
