"""Every check README promises, made to fail on real seed text: the problem's type, line and key.

Each test copies a seed report from content/reports, changes one printed line (asserting that the
change happened), reads, normalises and checks it at library level, and compares short lists of
tuples. Each is named for the check it guards; together they fail when any check is removed or
loosened (see issue 9, "Tests that bite").
"""

from __future__ import annotations

import pytest
from conftest import REPORTS, SEEDS

from tiltaksdata.check.report import report_to_problems
from tiltaksdata.errors import Problem, ReportError
from tiltaksdata.normalise.observations import report_to_observations
from tiltaksdata.read.text import text_to_report
from tiltaksdata.run.parse import default_vocabulary
from tiltaksdata.site.charts import rows_to_points

NBSP = "\u00a0"  # the 2026 extract prints thousands with a non-breaking space
SCOPES = {"2026": {"measure_group": "Tilrettelagt arbeid"}}


def seed_text(year: str) -> str:
    return (REPORTS / f"{SEEDS[year]}.txt").read_text(encoding="utf-8")


def changed(year: str, old: str, new: str) -> str:
    """The seed's text with `old` (printed exactly once) replaced by `new`."""
    text = seed_text(year)
    assert text.count(old) == 1, f"{old!r} is printed {text.count(old)} times in the {year} seed"
    return text.replace(old, new)


def problems(year: str, text: str) -> list[Problem]:
    """Read, normalise and check a report's text as the build does."""
    vocab = default_vocabulary()
    raw = text_to_report(text.encode("utf-8"), f"{SEEDS[year]}.txt")
    parsed = report_to_observations(raw, SEEDS[year], vocab, SCOPES.get(year))
    return report_to_problems(parsed, vocab)[0]


def found(year: str, text: str) -> list[tuple[str, int | None, str]]:
    return [(p.type, p.line, p.key) for p in problems(year, text)]


def read_error(year: str, text: str) -> tuple[str, int | None, int | None]:
    """The (type, line, page) of the error that stops reading the text."""
    with pytest.raises(ReportError) as caught:
        problems(year, text)
    problem = caught.value.problem
    return problem.type, problem.line, problem.page


@pytest.mark.parametrize("year", SEEDS)
def test_the_seeds_have_no_problems(year):
    assert problems(year, seed_text(year)) == []


# --- I alt: of rows, of columns, across tables ---------------------------------------------------


def test_a_cell_changed_breaks_its_rows_its_columns_and_another_tables_total():
    # 2014, "Fylke og alder": Oslo aged 20–24 printed as 895 instead of 894.
    text = changed("2014", "Oslo\t9 707\t188\t894\t1 324\t3 073", "Oslo\t9 707\t188\t895\t1 324\t3 073")
    assert sorted(found("2014", text)) == [
        ("total", 39, "2014-02 count region=03"),  # Oslo's I alt column ≠ Σ its age columns
        ("total", 168, "2014-02 count region=NO age=20-24 år"),  # the I alt row ≠ Σ counties
        ("total", 171, "2014-02 count region=03 age=20-24 år"),  # ≠ Σ of Oslo's 20–24 in other tables
    ]


def test_a_total_above_what_its_suppressed_parts_allow():
    # 2020: Nordland's Opplæring is 570 in January; its measures leave 3 for one «*» (0–3), not 4.
    text = changed("2020", "Nordland\t570\t572", "Nordland\t571\t572")
    assert found("2020", text) == [("total", 78, "2020-01 count region=18 measure_group=Opplæring")]


# --- regions: Norway = Σ counties (with 97, 99), = Σ municipalities (with 2100, 9999); counties --


def test_norway_is_the_sum_of_its_counties():
    text = changed(
        "2020", "Troms og Finnmark - Romsa ja Finnmärku\t8\t15", "Troms og Finnmark - Romsa ja Finnmärku\t9\t15"
    )
    assert found("2020", text) == [("total", 151, "2020-01 count region=NO measure_group=Arbeidsrettet rehabilitering")]


def test_norway_is_the_sum_of_its_counties_with_unknown_county_99():
    text = changed("2020", "Ukjent\t*\t5", "Ukjent\t*\t6")
    assert found("2020", text) == [("total", 49, "2020-02 count region=NO measure_group=Oppfølging")]


def test_norway_is_the_sum_of_its_municipalities_with_svalbard_2100():
    # 2026, Varig vernet arbeid by municipality: Norway's 6 cannot hold Svalbard's 7.
    old = "(vva) 6 6\n\n5636 Unjárga -\nNesseby * *\n\n2100 Svalbard * *"
    text = changed("2026", old, old.replace("2100 Svalbard * *", "2100 Svalbard 7 7"))
    assert found("2026", text) == [
        ("total", 31, "2026-01 count region=NO measure_group=Tilrettelagt arbeid measure=Varig vernet arbeid (VVA)")
    ]


def test_each_county_is_the_sum_of_its_municipalities():
    # 2026: the municipality Oslo (0301) must equal the county Oslo (03), line 68.
    text = changed("2026", "0301 Oslo 185 185", "0301 Oslo 186 186")
    assert found("2026", text) == [
        (
            "total",
            68,
            "2026-01 count region=03 measure_group=Tilrettelagt arbeid "
            "measure=Varig tilrettelagt arbeid i ordinær virksomhet",
        )
    ]


# --- the same key printed in two tables ----------------------------------------------------------


def test_the_same_key_in_two_tables_has_one_value():
    # 2014: Norway's total is 75 412 on page 2 ("Hovedgrupper") and 75 413 on page 3 ("Fylke").
    old = "Fylke\n\nFebruar 2014\n\n\tAntall\tEndring fra i fjor Antall\tEndring fra i fjor Prosent\nI alt\t75 412"
    text = changed("2014", old, old.replace("75 412", "75 413"))
    assert [(p.type, p.line, p.page, p.key) for p in problems("2014", text)] == [
        ("conflict", 36, 3, "2014-02 count region=NO")
    ]


def test_the_same_key_in_two_tables_of_months_has_one_value():
    # 2019: women in December are 34 204 on line 42 and 34 205 on line 86.
    old = (
        "I alt kvinner\t34 167\t34 983\t35 598\t35 149\t35 102\t31 674\t26 786\t29 563\t31 801\t33 917\t"
        "34 763\t34 204\nOpplæring"
    )
    text = changed("2019", old, old.replace("34 204", "34 205"))
    assert found("2019", text) == [("conflict", 86, "2019-12 count region=NO gender=Kvinner")]


# --- Endring fra i fjor, prosent -----------------------------------------------------------------


@pytest.mark.parametrize("printed", ["-2", "-4"])
def test_change_percent_agrees_with_the_count_and_its_change(printed):
    # 2014: Østfold −134 on 5 256 a year before is −2.55 %, printed −3; −2 and −4 are off by 0.55 and 1.45.
    text = changed("2014", "Østfold\t5 122\t-134\t-3", f"Østfold\t5 122\t-134\t{printed}")
    assert [(p.type, p.line, p.page, p.key) for p in problems("2014", text)] == [
        ("change-percent", 37, 3, "2014-02 change_percent region=01")
    ]


# --- labels: a region code with another region's name, a label cut inside a word ------------------


def test_a_region_code_printed_with_another_regions_name():
    text = changed("2026", "1119 Hå 14 14", "1119 Klepp 14 14")
    assert read_error("2026", text) == ("unknown-label", 543, 21)


def test_a_label_cut_inside_a_word_tabbed():
    text = changed("2020", "Oslo\t1 904\t1 913", "Osl\t1 904\t1 913")
    assert read_error("2020", text) == ("unknown-label", 50, 2)


def test_a_label_cut_inside_a_word_wrapped():
    old = f"I alt 14{NBSP}265 14{NBSP}265\nVarig\ntilrettelagt\narbeid i 4{NBSP}257"
    text = changed("2026", old, old.replace("arbeid i 4", "arbeid i ordi 4"))
    assert read_error("2026", text) == ("unknown-label", 25, 2)


# --- charts: a suppressed point is a 0–3 whisker, never a point at 0 ------------------------------


def test_a_suppressed_point_on_a_line_chart_is_a_whisker_not_zero():
    rows = [
        {"period": "2026-01", "date": "2026-01-01", "number": 5.0, "suppressed": False},
        {"period": "2026-02", "date": "2026-02-01", "number": None, "suppressed": True},
    ]
    assert rows_to_points(rows, None) == [
        {"d": "2026-01-01", "s": "", "seg": "0|0", "p": "januar 2026", "t": "5", "y": 5},
        {"d": "2026-02-01", "s": "", "seg": "0|0", "p": "februar 2026", "t": "under 4", "lo": 0, "hi": 3},
    ]
