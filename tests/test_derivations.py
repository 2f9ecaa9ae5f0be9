"""A figure derived from two printed values takes both from one publication.

NAV's 2014 report prints February 2014's count and its change from February 2013; the count of
February 2013 that those two imply is the 2014 report's own claim. Beside it here: the 2019 report
re-dated to 2013 and to 2014 (other numbers, later publications). The implied value must be the
2014 report's count minus its own change — never a later report's count minus the 2014 report's
change, which is a number no report says.
"""

from __future__ import annotations

import csv
import re

import pytest
from conftest import REPORTS, SEEDS
from test_build import content_with, run

from tiltaksdata.read.find import find_reports
from tiltaksdata.run.parse import report_to_parsed


def _redated_2019(year: int) -> dict[str, bytes]:
    name = f"{year}-01_{year}-12_tiltak-og-kjonn"
    text = (REPORTS / f"{SEEDS['2019']}.txt").read_text(encoding="utf-8")
    text = text.replace("Januar 2019 - Desember 2019", f"Januar {year} - Desember {year}")
    toml = (REPORTS / f"{SEEDS['2019']}.toml").read_text(encoding="utf-8")
    toml = re.sub(r'^period = ".*"$', f'period = "{year}-01/{year}-12"', toml, flags=re.M)
    toml = re.sub(r'^published = ".*"$', f'published = "{year + 1}-01-07"', toml, flags=re.M)
    return {f"{name}.txt": text.encode(), f"{name}.toml": toml.encode()}


@pytest.fixture(scope="module")
def redated_site(tmp_path_factory):
    root = tmp_path_factory.mktemp("redated")
    content = content_with(root, {**_redated_2019(2013), **_redated_2019(2014)}, seeds=("2014",))
    status, printed = run(content, root / "site", "--no-cache")
    assert status == 0, printed
    return content, root / "site"


def test_a_value_implied_by_a_change_is_the_changes_own_reports_count_minus_the_change(redated_site):
    content, site = redated_site
    with open(site / "data" / "revisions.csv", encoding="utf-8", newline="") as handle:
        implied = [r for r in csv.DictReader(handle) if r["basis"] == "change from a year before"]
    assert implied
    report = next(r for r in find_reports(content / "reports") if r.id == SEEDS["2014"])
    parsed = report_to_parsed(report)
    printed = {o.key: o.value for o in reversed(parsed.observations)}  # the first place each key is printed
    for row in implied:
        assert row["new_report"] == SEEDS["2014"] or row["old_report"] == SEEDS["2014"], row
        year_after = f"{int(row['period'][:4]) + 1}{row['period'][4:]}"
        key = [k for k in printed if k[0] == year_after and k[1] == "count" and k[2] == row["region_code"]]
        dims = tuple(row[d] for d in ("participant_group", "measure_group", "measure", "gender", "age"))
        matching = [k for k in key if k[3][: len(dims)] == dims]
        assert len(matching) == 1, (row, matching)
        count, change = printed[matching[0]], printed[(matching[0][0], "change_count", *matching[0][2:])]
        value = row["new_value"] if row["new_report"] == SEEDS["2014"] else row["old_value"]
        assert int(value) == count - change, row
    # golden: Norway, every group and measure, February 2013: 2014's count minus its change
    norway = [
        r
        for r in implied
        if r["region_code"] == "NO"
        and r["period"] == "2013-02"
        and r["measure_group"] == "I alt"
        and r["participant_group"] == "I alt"
        and r["measure"] == "I alt"
    ]
    assert [(r["new_value"], r["new_report"]) for r in norway] == [("77264", SEEDS["2014"])] or [
        (r["old_value"], r["old_report"]) for r in norway
    ] == [("77264", SEEDS["2014"])]
    assert "73887" not in (site / "data" / "revisions.csv").read_text(encoding="utf-8")
