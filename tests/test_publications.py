"""Issue 9's cases, each a regression test on real report text: no change to a report yields a
green build that publishes something the changed report does not say.

Each test copies seed reports (with their provenance), changes them the way the case did, builds,
and asserts the exit status, the problem's type, file and line, and that the previous site is
untouched — or, for reprints and revisions, what the package and the pages say.
"""

from __future__ import annotations

import csv
import json
import shutil
from pathlib import Path

import pytest
from conftest import REPORTS, SEEDS
from test_build import run

from tiltaksdata.site.data import read_resource


def seed(year: str, suffix: str = ".txt") -> str:
    return (REPORTS / f"{SEEDS[year]}{suffix}").read_text(encoding="utf-8")


def changed(text: str, old: str, new: str, count: int = 1) -> str:
    """`text` with `old` replaced; fails the test if `old` is not there (the seed changed)."""
    assert old in text, f"not in the seed: {old!r}"
    return text.replace(old, new, count)


def content(tmp_path: Path, files: dict[str, str], seeds: tuple[str, ...] = ()) -> Path:
    """A content folder with whole seeds (report and provenance) and the given files."""
    reports = tmp_path / "content" / "reports"
    reports.mkdir(parents=True)
    for year in seeds:
        for suffix in (".txt", ".toml"):
            shutil.copy(REPORTS / f"{SEEDS[year]}{suffix}", reports)
    for name, text in files.items():
        (reports / name).write_text(text, encoding="utf-8")
    return tmp_path / "content"


def problems(printed: str) -> list[tuple[str, str]]:
    """(location, type) of every `error:` line the CLI printed."""
    out = []
    for line in printed.splitlines():
        if line.startswith("error: "):
            where, _, rest = line[len("error: ") :].partition(": [")
            out.append((where, rest.split("]")[0]))
    return out


def fails_with(
    tmp_path: Path, site: Path, files: dict[str, str], expected: tuple[str, str], seeds: tuple[str, ...] = ()
) -> str:
    """Build; assert exit 1, the expected (location, type) among the problems, the site untouched."""
    status, printed = run(content(tmp_path, files, seeds), site)
    assert status == 1, printed
    assert expected in problems(printed), printed
    assert sorted(p.name for p in site.rglob("*")) == ["data", "marker.txt"]
    return printed


def report(year: str, text: str | None = None, toml: str | None = None, stem: str | None = None) -> dict[str, str]:
    """A seed report (changed or not) and its provenance under `stem` (default: the seed's name)."""
    stem = stem or SEEDS[year]
    return {
        f"{stem}.txt": seed(year) if text is None else text,
        f"{stem}.toml": seed(year, ".toml") if toml is None else toml,
    }


# 1. Every table is dated by the report, not by itself.


def test_a_page_of_2019_redated_to_2018_fails(tmp_path, previous_site):
    text = changed(
        seed("2019"),
        "Hovedgrupper og kjønn\n\nJanuar 2019 - Desember 2019",
        "Hovedgrupper og kjønn\n\nJanuar 2018 - Desember 2018",
    )
    fails_with(
        tmp_path,
        previous_site,
        report("2019", text),
        (f"{SEEDS['2019']}.txt, page 2, line 23", "period-outside-report"),
    )


def test_a_page_of_2026_redated_to_november_fails(tmp_path, previous_site):
    text = changed(
        seed("2026"),
        "Tiltak og kjønn Rapport oppdatert: 02.02.2026\n\nJanuar 2026 - Januar 2026",
        "Tiltak og kjønn Rapport oppdatert: 02.02.2026\n\nJanuar 2026 - November 2026",
    )
    fails_with(
        tmp_path,
        previous_site,
        report("2026", text),
        (f"{SEEDS['2026']}.txt, page 10, line 259", "period-outside-report"),
    )


def test_a_report_named_2099_holding_2014_data_fails(tmp_path, previous_site):
    fails_with(
        tmp_path,
        previous_site,
        report("2014", stem="2099-01_tiltak-og-fylke"),
        ("2099-01_tiltak-og-fylke.txt", "bad-file-name"),
    )


# 2. A report is complete or it fails.


@pytest.mark.parametrize(
    "year, lines, where, kind",
    [
        ("2019", 76, "line 73", "missing-section"),
        ("2026", 505, "line 501", "missing-section"),
        ("2026", 3900, "line 3900", "missing-rows"),
        ("2020", 36, "line 36", "missing-section"),
        ("2014", 165, "line 157", "missing-section"),
    ],
)
def test_a_truncated_report_fails(tmp_path, previous_site, year, lines, where, kind):
    text = "\n".join(seed(year).split("\n")[:lines])
    fails_with(tmp_path, previous_site, report(year, text), (f"{SEEDS[year]}.txt, {where}", kind))


def test_a_page_lost_from_the_middle_of_the_2026_municipality_list_fails(tmp_path, previous_site):
    lines = seed("2026").split("\n")
    pages = [i for i, line in enumerate(lines) if line.strip().startswith("Kilde: NAV TILT170")]
    municipal = [i for i in pages if "Tiltak og kommune" in lines[i + 1]]
    # a page of the VVA list, where every figure is `*`: no total can notice it is gone
    start, end = municipal[70], municipal[71]
    text = "\n".join(lines[:start] + lines[end:])
    printed = fails_with(
        tmp_path, previous_site, report("2026", text), (f"{SEEDS['2026']}.txt, line 3879", "missing-rows")
    )
    assert len(problems(printed)) == 1, printed
    assert "measure=Varig vernet arbeid (VVA)) lacks 1839, 1840, 1841, 1845, 1848 … (11 of the 347" in printed


def test_a_page_lost_from_a_pdf_fails_naming_the_page(tmp_path, previous_site):
    from pdfgen import report_to_pdf

    from tiltaksdata.read.text import read_text_report

    folder = content(tmp_path, {f"{SEEDS['2014']}.toml": seed("2014", ".toml")})
    report_to_pdf(
        read_text_report(REPORTS / f"{SEEDS['2014']}.txt"),
        folder / "reports" / f"{SEEDS['2014']}.pdf",
        drop=frozenset({30}),
    )
    status, printed = run(folder, previous_site)
    assert status == 1, printed
    assert (f"{SEEDS['2014']}.pdf, page 30, line 25", "page-missing") in problems(printed), printed
    assert "page 30 of the file's 76 pages prints 'Side 31 av 77'" in printed


def test_a_stray_kilde_line_inside_a_2026_table_is_not_prose(tmp_path, previous_site):
    text = changed(seed("2026"), "\nVarig vernet\narbeid (VVA) 6 6", "\nKilde: NAV noe\nVarig vernet\narbeid (VVA) 6 6")
    fails_with(
        tmp_path, previous_site, report("2026", text), (f"{SEEDS['2026']}.txt, page 3, line 31", "line-outside-table")
    )


def test_a_row_that_lost_its_tabs_is_not_dropped(tmp_path, previous_site):
    text = changed(seed("2014"), "Hedmark\t3 312\t-345\t-9", "Hedmark 3 312 -345 -9")
    fails_with(
        tmp_path, previous_site, report("2014", text), (f"{SEEDS['2014']}.txt, page 3, line 40", "line-outside-table")
    )


def test_a_lost_star_in_2019_is_a_blank_cell_not_a_zero(tmp_path, previous_site):
    text = changed(seed("2019"), "\t*\t", "\t\t")
    fails_with(tmp_path, previous_site, report("2019", text), (f"{SEEDS['2019']}.txt, page 7, line 130", "blank-cell"))


# 3. Provenance is required and checked.


def test_a_report_without_provenance_fails_showing_the_template(tmp_path, previous_site):
    printed = fails_with(
        tmp_path, previous_site, {f"{SEEDS['2026']}.txt": seed("2026")}, (f"{SEEDS['2026']}.txt", "missing-provenance")
    )
    assert 'published = "YYYY-MM-DD"' in printed


@pytest.mark.parametrize(
    "change, message",
    [
        (('[scope]\nmeasure_group = "Tilrettelagt arbeid"', 'scope = "x"'), "scope: must be a table"),
        (
            ('landing_page = "https://www.nav.no/statistikk"', 'landing_page = "javascript:alert(1)"'),
            "landing_page: 'javascript:alert(1)' is not an https:// address",
        ),
        (('period = "2026-01"', 'period = "2026-13"'), "period: '2026-13' is not YYYY-MM"),
        (('publisher = "NAV"', 'publisher = "NAV"\npublsihed = "2026-02-02"'), "publsihed: not a provenance field"),
        # a field misspelt inside a [[breaks]] or [[known_errors]] entry is as much a typo as one outside
        (
            ('dimension = "participant_group"', 'dimension = "participant_group"\nperiode = "2025-05"'),
            "breaks: an entry has 'periode', not a field of [[breaks]]",
        ),
        (
            ("[[breaks]]", '[[known_errors]]\ntype = "total"\nkey = "x"\nreason = "y"\nreasn = "z"\n\n[[breaks]]'),
            "known_errors: an entry has 'reasn', not a field of [[known_errors]]",
        ),
        (
            ('measure_group = "Tilrettelagt arbeid"', 'measure_group = "Tilrettelagt arbeid"\nmeasure = "x"'),
            "scope: 'measure'",
        ),
    ],
)
def test_an_invalid_provenance_value_fails(tmp_path, previous_site, change, message):
    toml = changed(seed("2026", ".toml"), *change)
    printed = fails_with(
        tmp_path, previous_site, report("2026", toml=toml), (f"{SEEDS['2026']}.toml", "bad-provenance")
    )
    assert message in printed


def test_2026_without_its_scope_fails_because_the_title_names_the_group(tmp_path, previous_site):
    toml = changed(seed("2026", ".toml"), '[scope]\nmeasure_group = "Tilrettelagt arbeid"', "")
    fails_with(tmp_path, previous_site, report("2026", toml=toml), (f"{SEEDS['2026']}.toml", "scope-mismatch"))


def test_a_report_of_no_known_family_whose_i_alt_covers_one_group_fails_asking_for_its_scope(tmp_path, previous_site):
    """The 2026 report under a title no family knows (no TILT code, no «på tilrettelagt arbeid») and
    without [scope]: its «I alt» (14 265) is the total of three measures of one group, and must not be
    published as the total of all measures."""
    title = "TILT170 Tiltaksdeltakere på tilrettelagt arbeid"
    text = changed(seed("2026"), title, "Tiltaksdeltakere", count=-1)
    toml = changed(
        changed(seed("2026", ".toml"), title, "Tiltaksdeltakere"), '[scope]\nmeasure_group = "Tilrettelagt arbeid"', ""
    )
    printed = fails_with(
        tmp_path, previous_site, report("2026", text, toml), (f"{SEEDS['2026']}.txt, page 2, line 22", "unknown-scope")
    )
    assert 'Add [scope] measure_group = "Tilrettelagt arbeid"' in printed
    # with the scope it asks for, the same report builds: its «I alt» is the group's total
    toml = changed(seed("2026", ".toml"), title, "Tiltaksdeltakere")
    status, printed = run(content(tmp_path / "scoped", report("2026", text, toml)), tmp_path / "site")
    assert status == 0, printed
    series = (tmp_path / "site" / "data" / "series" / "2026-01.csv").read_text(encoding="utf-8")
    assert ",NO,Norge,I alt,Tilrettelagt arbeid,I alt,I alt,I alt,I alt,I alt,I alt,14265," in series
    assert ",NO,Norge,I alt,I alt,I alt,I alt,I alt,I alt,I alt,I alt,14265," not in series


def test_a_provenance_of_another_report_fails_by_its_title(tmp_path, previous_site):
    toml = changed(
        seed("2020", ".toml"),
        'title = "Deltakere i arbeidsrettede tiltak. Tiltaksgruppe og fylke',
        'title = "Deltakere i arbeidsrettede tiltak. Tiltak og fylke',
    )
    fails_with(tmp_path, previous_site, report("2020", toml=toml), (f"{SEEDS['2020']}.txt", "title-mismatch"))


def test_a_printed_publication_date_beats_a_different_one_in_the_provenance(tmp_path, previous_site):
    toml = changed(seed("2026", ".toml"), 'period = "2026-01"', 'period = "2026-01"\npublished = "2026-02-03"')
    fails_with(tmp_path, previous_site, report("2026", toml=toml), (f"{SEEDS['2026']}.txt", "published-mismatch"))


# 4. Publications and revisions.


def test_two_reports_of_one_day_that_disagree_fail_naming_both(tmp_path, previous_site):
    text = changed(seed("2026"), "\n5607 Vadsø 5 5\n", "\n5607 Vadsø 6 6\n")
    printed = fails_with(
        tmp_path,
        previous_site,
        report("2026", text, stem="2026-01_tilrettelagt-arbeid-kopi"),
        ("2026-01_tilrettelagt-arbeid-kopi.txt, page 51, line 1601", "conflicting-reports"),
        seeds=("2026",),
    )
    assert f"but 5 in {SEEDS['2026']}.txt (line 1601); both were published 2026-02-02" in printed


def test_two_identical_copies_fail(tmp_path, previous_site):
    printed = fails_with(
        tmp_path,
        previous_site,
        report("2020", stem="2020-01_2020-02_kopi"),
        (f"{SEEDS['2020']}.txt", "duplicate-report"),
        seeds=("2020",),
    )
    assert f"identical files: 2020-01_2020-02_kopi.txt and {SEEDS['2020']}.txt" in printed


def test_a_later_publication_revises_and_the_package_and_page_say_so(tmp_path):
    later = changed(seed("2026"), "Rapport oppdatert: 02.02.2026", "Rapport oppdatert: 02.03.2026", -1)
    later = changed(later, "\n5607 Vadsø 5 5\n", "\n5607 Vadsø 6 6\n")
    folder = content(tmp_path, report("2026", later, stem="2026-01_tilrettelagt-arbeid-mars"), seeds=("2026",))
    status, printed = run(folder, tmp_path / "site")
    assert status == 0, printed
    assert "2 revised" in printed
    data = tmp_path / "site" / "data"
    if True:
        vadso = [
            r
            for r in read_resource(data, "series")
            if r["region_code"] == "5607"
            and r["gender"] == "I alt"
            and r["measure"] == "Varig tilrettelagt arbeid i ordinær virksomhet"
            and r["statistic"] == "count"
        ]
    assert [(r["value"], r["report"], r["published"]) for r in vadso] == [
        ("6", "2026-01_tilrettelagt-arbeid-mars", "2026-03-02")
    ]
    with open(data / "revisions.csv", encoding="utf-8") as handle:
        revisions = [
            (
                r["statistic"],
                r["region_code"],
                r["old_value"],
                r["old_report"],
                r["old_published"],
                r["new_value"],
                r["new_report"],
                r["new_published"],
                r["basis"],
            )
            for r in csv.DictReader(handle)
        ]
    assert revisions == [
        (s, "5607", "5", SEEDS["2026"], "2026-02-02", "6", "2026-01_tilrettelagt-arbeid-mars", "2026-03-02", "reprint")
        for s in ("count", "ytd_average")
    ]
    page = (tmp_path / "site" / "kommune" / "5607-vadso.html").read_text(encoding="utf-8")
    assert (
        f"Revidert: 5 i {SEEDS['2026']} (publisert 2. februar 2026); 6 i 2026-01_tilrettelagt-arbeid-mars "
        "(publisert 2. mars 2026)."
    ) in page
    descriptor = json.loads((data / "datapackage.json").read_text(encoding="utf-8"))
    assert descriptor["created"] == "2026-03-02T00:00:00Z"
    assert [s["published"] for s in descriptor["sources"]] == ["2026-02-02", "2026-03-02"]


def test_a_reprint_is_kept_once(tmp_path):
    toml = changed(seed("2020", ".toml"), 'published = "2020-03-03"', 'published = "2020-04-02"')
    text = seed("2020") + "\n"  # another file, the same figures
    folder = content(tmp_path, report("2020", text, toml, stem="2020-01_2020-02_reprint"), seeds=("2020",))
    status, printed = run(folder, tmp_path / "site")
    assert status == 0, printed
    assert "0 revised" in printed
    rows = read_resource(tmp_path / "site" / "data", "series")
    assert {r["report"] for r in rows} == {"2020-01_2020-02_reprint"}
    assert len(read_resource(tmp_path / "site" / "data", "observations")) == 2 * len(rows)


def test_nav_change_from_a_year_before_is_checked_against_the_year_before(tmp_path, previous_site):
    # February 2014 printed again as February 2015, on the same day: its change (−1 852) is not
    # 75 412 − 75 412.
    text = seed("2014").replace("Februar 2014", "Februar 2015")
    toml = changed(seed("2014", ".toml"), 'period = "2014-02"', 'period = "2015-02"')
    printed = fails_with(
        tmp_path,
        previous_site,
        report("2014", text, toml, stem="2015-02_tiltak-og-fylke"),
        ("2015-02_tiltak-og-fylke.txt, page 2, line 22", "change-year-before"),
        seeds=("2014",),
    )
    assert "2015-02 change_count region=NO: NAV's change -1 852 but the counts are 75 412 and 75 412" in printed


# 5. Stronger checks where suppression hides errors.


def test_january_year_to_date_average_must_equal_january_count(tmp_path, previous_site):
    text = changed(seed("2026"), "\n5607 Vadsø 5 5\n", "\n5607 Vadsø 6 5\n")
    fails_with(
        tmp_path, previous_site, report("2026", text), (f"{SEEDS['2026']}.txt, page 51, line 1601", "ytd-average")
    )


def test_a_report_of_an_unknown_family_builds_and_says_which_checks_did_not_apply(tmp_path):
    text = changed(seed("2020"), "Tiltaksgruppe og fylke. Tidsserie måned", "Tiltaksgruppe og fylke. Ny tabell", 99)
    toml = changed(
        seed("2020", ".toml"), "Tiltaksgruppe og fylke. Tidsserie måned", "Tiltaksgruppe og fylke. Ny tabell"
    )
    status, printed = run(content(tmp_path, report("2020", text, toml)), tmp_path / "site")
    assert status == 0, printed
    assert (
        f"Note: {SEEDS['2020']} is of a report family not in tiltaksdata/reference/report_families.csv; "
        "completeness checks not applied: required sections, blocks per section, dimensions, "
        "blank cells as zero."
    ) in printed


@pytest.mark.parametrize(
    "published, kind", [("2014-02-20", "published-too-early"), ("2099-01-01", "published-in-future")]
)
def test_a_publication_date_outside_its_window_fails(tmp_path, previous_site, published, kind):
    # A copy of the 2014 report dated 2099 would otherwise be the latest publication of everything.
    toml = changed(seed("2014", ".toml"), 'published = "2014-03-04"', f'published = "{published}"')
    fails_with(tmp_path, previous_site, report("2014", toml=toml), (f"{SEEDS['2014']}.txt", kind))


# Tried as an adversary after the fact: labels swapped for other valid labels, a report cut mid-row.


@pytest.mark.parametrize(
    "year, old, new, where",
    [
        ("2014", "Oslo\t9 707\t166\t2", "Rogaland\t9 707\t166\t2", "page 3, line 47"),
        ("2014", "Jobbklubb\t293", "Oppfølging\t293", "page 18, line 520"),
        ("2020", "Rogaland\t171\t178", "Nordland\t171\t178", "page 1, line 28"),
    ],
)
def test_a_label_swapped_for_another_valid_label_fails(tmp_path, previous_site, year, old, new, where):
    fails_with(
        tmp_path,
        previous_site,
        report(year, changed(seed(year), old, new)),
        (f"{SEEDS[year]}.txt, {where}", "conflict"),
    )


def test_a_2026_report_cut_inside_a_row_label_fails(tmp_path, previous_site):
    text = seed("2026")
    text = text[: text.index("5607 Vadsø 5 5")] + "5607 Vad"
    fails_with(
        tmp_path,
        previous_site,
        report("2026", text),
        (f"{SEEDS['2026']}.txt, page 51, line 1601", "line-outside-table"),
    )
