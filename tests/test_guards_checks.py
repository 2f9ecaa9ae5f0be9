"""Guards on reading and checking: the year-to-date average's month and bounds, known errors matched by
their place, a label mapping's line, the publication-date window at the turn of the year.

Each test fails with one realistic one-line mistake that left the rest of the suite green (issue 21;
tests/PLANTED_BUGS.md lists the mistake each one catches).
"""

from __future__ import annotations

import copy
import csv
from dataclasses import replace
from pathlib import Path

import pytest
from conftest import REPORTS, SEEDS

from tiltaksdata.check.report import check_sum, report_to_problems, reports_to_check_summary
from tiltaksdata.model import DIMENSIONS, Observation, RawReport
from tiltaksdata.normalise.observations import report_to_observations
from tiltaksdata.read.find import find_reports, published_in_time
from tiltaksdata.read.provenance import KnownError
from tiltaksdata.read.text import read_text_report, text_to_report
from tiltaksdata.run.parse import default_vocabulary, report_to_parsed

SCOPE_2026 = {"measure_group": "Tilrettelagt arbeid"}
VADSO_LINE = 1601  # «5607 Vadsø 5 5»: the 2026 seed's last row


def two_months_of_2026(change: dict[int, tuple[str, str, str]] | None = None) -> RawReport:
    """The 2026 seed as a January–February report: February prints January's numbers again (so every
    total holds), and «Gjennomsnitt hittil i år» is their average, January's count. `change` replaces
    the cells (average, January, February) of the rows printed on the given lines."""
    raw = copy.deepcopy(read_text_report(REPORTS / f"{SEEDS['2026']}.txt"))
    raw.period_text = "Januar 2026 - Februar 2026"
    for table in raw.tables:
        assert table.header == ("Gjennomsnitt hittil i år", "Januar"), table.header
        table.header = ("Gjennomsnitt hittil i år", "Januar", "Februar")
        table.period_text = raw.period_text
        table.rows = [
            replace(row, cells=(change or {}).get(row.line, (row.cells[0], row.cells[1], row.cells[1])))
            for row in table.rows
        ]
    return raw


def ytd_averages_of(raw: RawReport) -> dict[tuple, int | None]:
    vocab = default_vocabulary()
    parsed = report_to_observations(raw, SEEDS["2026"], vocab, SCOPE_2026)
    return {(o.period, o.region, o.dims): o.value for o in parsed.observations if o.statistic == "ytd_average"}


def test_the_year_to_date_average_is_dated_by_the_last_month_it_averages():
    averages = ytd_averages_of(two_months_of_2026())
    assert {period for period, _, _ in averages} == {"2026-02"}
    everything = ("I alt",) * len(DIMENSIONS)
    tilrettelagt = ("I alt", "Tilrettelagt arbeid", *("I alt",) * (len(DIMENSIONS) - 2))
    assert everything not in {dims for _, _, dims in averages}  # the report's «I alt» is its group's
    assert averages[("2026-02", "NO", tilrettelagt)] == 14265
    ordinary = ("I alt", "Tilrettelagt arbeid", "Varig tilrettelagt arbeid i ordinær virksomhet", *tilrettelagt[3:])
    assert averages[("2026-02", "5607", ordinary)] == 5  # Vadsø, the seed's last row


def test_a_year_to_date_average_above_every_month_it_averages_fails():
    """Vadsø: 5 in January and 5 in February cannot average 9 (9 is under their sum, 10, but an average
    is no sum: it lies between the smallest and largest month)."""
    vocab = default_vocabulary()

    def found(raw: RawReport) -> list[tuple[str, int | None, str]]:
        parsed = report_to_observations(raw, SEEDS["2026"], vocab, SCOPE_2026)
        return [(p.type, p.line, p.key) for p in report_to_problems(parsed, vocab)[0]]

    assert found(two_months_of_2026()) == []
    assert (
        "ytd-average",
        VADSO_LINE,
        "2026-02 ytd_average region=5607 measure_group=Tilrettelagt arbeid "
        "measure=Varig tilrettelagt arbeid i ordinær virksomhet",
    ) in found(two_months_of_2026({VADSO_LINE: ("9", "5", "5")}))


def test_year_to_date_averages_of_parts_may_miss_their_total_by_rounding():
    """Each part's average is rounded (3.5 → 4, 6.5 → 7, …): the parts may sum to more than the
    total's average, by up to half a unit each; counts must add up exactly."""
    dims = ("I alt",) * len(DIMENSIONS)
    total = Observation("2026-02", "ytd_average", "NO", dims, 10)
    parts = [Observation("2026-02", "ytd_average", code, dims, value) for code, value in (("03", 4), ("11", 7))]
    assert check_sum(total, parts, "regions", "r", {}) is None
    counts = [p._replace(statistic="count") for p in parts]
    assert check_sum(total._replace(statistic="count"), counts, "regions", "r", {}) is not None


# --- known errors ---------------------------------------------------------------------------------


def _changed_2020(tmp_path: Path) -> tuple:
    """The 2020 seed with Oslo's Oppfølging in January one higher: a «total» problem at Oslo's row."""
    text = (REPORTS / f"{SEEDS['2020']}.txt").read_text(encoding="utf-8")
    assert text.count("Oslo\t1 904\t1 913") == 1
    folder = tmp_path / "reports"
    folder.mkdir()
    (folder / f"{SEEDS['2020']}.txt").write_text(text.replace("Oslo\t1 904\t1 913", "Oslo\t1 905\t1 913"))
    (folder / f"{SEEDS['2020']}.toml").write_bytes((REPORTS / f"{SEEDS['2020']}.toml").read_bytes())
    report = find_reports(folder)[0]
    return report, report_to_parsed(report)


OSLO_TOTAL = "2020-01 count region=03 measure_group=Oppfølging"


def test_a_known_error_accepts_only_the_problem_at_its_own_key(tmp_path):
    """A known error of the same type at another key accepts nothing, and is stale."""
    report, parsed = _changed_2020(tmp_path)
    vocab = default_vocabulary()
    elsewhere = KnownError("total", "2020-02 count region=11 measure_group=Oppfølging", "listed for another cell")
    summary = reports_to_check_summary([parsed], [replace(report, known_errors=[elsewhere])], vocab)
    assert summary.accepted == []
    assert sorted((p.type, p.key) for p in summary.problems) == [("stale-known-error", ""), ("total", OSLO_TOTAL)]
    listed = KnownError("total", OSLO_TOTAL, "NAV's own error")
    summary = reports_to_check_summary([parsed], [replace(report, known_errors=[listed])], vocab)
    assert [(p.key, k.reason) for p, k in summary.accepted] == [(OSLO_TOTAL, "NAV's own error")]
    assert summary.problems == []


def test_a_known_error_accepts_only_the_problem_of_its_own_type(tmp_path):
    report, parsed = _changed_2020(tmp_path)
    wrong_type = KnownError("conflict", OSLO_TOTAL, "listed as another kind of problem")
    summary = reports_to_check_summary([parsed], [replace(report, known_errors=[wrong_type])], default_vocabulary())
    assert summary.accepted == []
    assert ("total", OSLO_TOTAL) in {(p.type, p.key) for p in summary.problems}


# --- a label mapping's line -----------------------------------------------------------------------


def test_a_label_mapping_names_the_line_where_the_label_is_first_printed(seed_site):
    """A label printed many times (the 2026 blocks each start «I alt varig tilrettelagt arbeid i», wrapped
    over three lines) is recorded once, with the first place it is printed (the line of its numbers)."""
    with open(seed_site / "data" / "label_mappings.csv", encoding="utf-8", newline="") as handle:
        rows = {(r["report"], r["raw"], r["canonical"]): int(r["line"]) for r in csv.DictReader(handle)}
    assert (
        rows[(SEEDS["2026"], "I alt varig tilrettelagt arbeid i", "Varig tilrettelagt arbeid i ordinær virksomhet")]
        == 66
    )
    assert (
        rows[(SEEDS["2026"], "I alt varig tilrettelagt arbeid i", "Varig tilrettelagt arbeid i skjermet virksomhet")]
        == 125
    )
    assert rows[(SEEDS["2026"], "03 Oslo", "Oslo")] == 68  # printed again on lines 127 and 202
    assert rows[(SEEDS["2014"], "Oslo", "Oslo")] == 39  # and on lines 73, 107, …
    assert rows[(SEEDS["2020"], "Oslo", "Oslo")] == 25
    text = (REPORTS / f"{SEEDS['2026']}.txt").read_text(encoding="utf-8").splitlines()
    assert text[63:66] == ["I alt varig", "tilrettelagt", "arbeid i 4\u00a0257 4\u00a0257"]


# --- the publication-date window ------------------------------------------------------------------


def _report_of(period: str):
    report = next(r for r in find_reports(REPORTS) if r.id == SEEDS["2019"])
    return replace(report, period=period)


@pytest.mark.parametrize(
    "period, published, kind",
    [
        ("2019-01/2019-12", "2019-12-20", "published-too-early"),  # December not yet over
        ("2019-01/2019-12", "2019-12-31", "published-too-early"),
        ("2019-01/2019-12", "2020-01-01", None),  # the first day after the year's last month
        ("2019-01/2019-12", "2020-01-07", None),
        ("2019-11", "2019-11-30", "published-too-early"),
        ("2019-11", "2019-12-01", None),
        ("2020-01", "2020-01-31", "published-too-early"),
        ("2020-01", "2020-02-01", None),
    ],
)
def test_a_report_is_published_only_after_its_last_month_even_across_the_new_year(period, published, kind):
    assert [p.type for p in published_in_time(_report_of(period), published)] == ([kind] if kind else [])


# --- pages in order -------------------------------------------------------------------------------


def test_a_page_printed_twice_is_out_of_order():
    """The 2026 extract prints «Side 49 av 96» and later «Side 62 av 96»: page 49 again there is a problem."""
    from tiltaksdata.check.dating import dating_problems

    report = next(r for r in find_reports(REPORTS) if r.id == SEEDS["2026"])
    text = (REPORTS / f"{SEEDS['2026']}.txt").read_text(encoding="utf-8")
    assert dating_problems(report, text_to_report(text.encode(), report.path.name)) == []
    assert text.count("Side 62 av 96") == 1
    again = text.replace("Side 62 av 96", "Side 49 av 96").encode()
    found = [(p.type, p.line, p.message) for p in dating_problems(report, text_to_report(again, report.path.name))]
    assert found == [("page-order", 2742, "'Side 49 av 96' after page 49")]
