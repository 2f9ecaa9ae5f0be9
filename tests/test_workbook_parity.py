"""NAV's workbooks give exactly the observations of the same report read from its text, row for row.

The workbooks are made inside the tests from the seeds' numbers (tests/workbooks.py): the 2026
report as TILT170 with every section, the three older reports in the same block layout, the 2019
report's measures by gender as the old TILT030 layout, and a TILT100 report of measure groups.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import openpyxl
import pytest
from conftest import REPORTS, SEEDS
from workbooks import report_to_tilt030, report_to_tilt100, report_to_workbook, seed_workbook, text_to_line_workbook

from tiltaksdata.errors import BuildFailed, ReportError
from tiltaksdata.model import ParsedReport
from tiltaksdata.read.find import find_reports
from tiltaksdata.run.parse import read_and_normalise, report_to_parsed


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


@pytest.mark.parametrize("year", ["2014", "2020"])
def test_a_text_extract_pasted_into_a_sheet_line_by_line_publishes_the_same(tmp_path, year):
    """Section titles before a period row, a page's title row ending a table, and (2014) a row whose
    cells are all blank at a page's foot (zeros in that family) read as the text reader reads them."""
    report_id = SEEDS[year]
    workbook = text_to_line_workbook(REPORTS / f"{report_id}.txt", tmp_path / "lines.xlsx")
    from_text = report_to_parsed(next(r for r in find_reports(REPORTS) if r.id == report_id))
    from_workbook = alone(tmp_path, report_id, workbook)
    assert not from_workbook.problems
    assert distinct(from_workbook) == distinct(from_text)


def test_a_stale_dimension_in_the_sheet_drops_no_row_or_column(tmp_path):
    """openpyxl's read-only mode reads only the range a sheet's <dimension> claims; a writer may leave it
    stale. A workbook claiming A1:B10 for every sheet must still publish every figure."""
    import re
    import zipfile

    report_id = SEEDS["2026"]
    made = seed_workbook(report_id, tmp_path / "made.xlsx")
    stale = tmp_path / "stale.xlsx"
    with zipfile.ZipFile(made) as source, zipfile.ZipFile(stale, "w", zipfile.ZIP_DEFLATED) as target:
        for item in source.infolist():
            data = source.read(item)
            if item.filename.startswith("xl/worksheets/"):
                data = re.sub(rb'<dimension ref="[^"]*"', b'<dimension ref="A1:B10"', data)
            target.writestr(item, data)
    assert distinct(alone(tmp_path, report_id, stale)) == distinct(
        report_to_parsed(next(r for r in find_reports(REPORTS) if r.id == report_id))
    )


def test_a_caption_over_the_label_column_of_a_header_row_is_no_figure(tmp_path):
    report_id = SEEDS["2026"]
    workbook = seed_workbook(report_id, tmp_path / "made.xlsx", caption="Tiltak")
    assert distinct(alone(tmp_path, report_id, workbook)) == distinct(
        report_to_parsed(next(r for r in find_reports(REPORTS) if r.id == report_id))
    )


def test_the_workbook_gives_whole_labels_where_the_pdf_cut_them(tmp_path):
    report_id = SEEDS["2026"]
    parsed = alone(tmp_path, report_id, seed_workbook(report_id, tmp_path / "made.xlsx"))
    raw = {m.raw for m in parsed.mappings}
    assert "I alt varig tilrettelagt arbeid i skjermet virksomhet" in raw
    assert not [m for m in parsed.mappings if m.dimension == "measure" and m.how.normalised]


def provenance(folder: Path, report_id: str, title: str, period: str, published: str) -> None:
    (folder / f"{report_id}.toml").write_text(
        f'title = "{title}"\npublisher = "NAV"\nperiod = "{period}"\npublished = "{published}"\nlicence = "NLOD-2.0"\n',
        encoding="utf-8",
    )


def parsed_alone(folder: Path) -> ParsedReport:
    (found,) = find_reports(folder)
    return report_to_parsed(found)


TILT030 = "TILT030 Deltakere i arbeidsrettede tiltak. Tiltak og alder. Tidsserie måned"
TILT030_SHEETS = {
    "arbeidssøkere": "4a. Arbeidssøkere på tiltak Tiltak og alder",
    "nedsatt arbeidsevne": "4b. Nedsatt arbeidsevne på tiltak Tiltak og alder",
    "andre": "4c. Andre på tiltak Tiltak  Alder",
}
SECTION_2019 = "Tiltak, hovedgrupper og kjønn"


def tilt030(tmp_path: Path, edit=None) -> Path:
    """The 2019 seed's measures by participant group and gender as the old TILT030 workbook, alone with
    its provenance: block titles without the comma («Kvinner arbeidssøkere på tiltak»), as NAV's."""
    raw, parsed = read_and_normalise(REPORTS / f"{SEEDS['2019']}.txt")
    raw.title = TILT030
    for table in raw.tables:
        table.subtitle = table.subtitle.replace(", ", " ", 1)
    folder = tmp_path / "reports"
    folder.mkdir()
    path = report_to_tilt030(raw, parsed, folder / "2019-01_2019-12_tilt030.xlsx", SECTION_2019, TILT030_SHEETS)
    if edit:
        edit(path)
    provenance(folder, "2019-01_2019-12_tilt030", TILT030, "2019-01/2019-12", "2020-01-07")
    return folder


def test_the_old_tilt030_layout_publishes_what_the_text_says(tmp_path):
    parsed = parsed_alone(tilt030(tmp_path))
    assert not parsed.problems and parsed.family == "tilt030-tiltak-og-alder" and not parsed.not_applied
    text = report_to_parsed(next(r for r in find_reports(REPORTS) if r.id == SEEDS["2019"]))
    raw = read_and_normalise(REPORTS / f"{SEEDS['2019']}.txt")[0]
    section = {i for i, t in enumerate(raw.tables) if t.title == SECTION_2019}
    expected = sorted(
        {
            (o.period, o.statistic, o.region, o.dims, o.value)
            for o, s in zip(text.observations, text.sources)
            if s.table in section
        }
    )
    assert distinct(parsed) == expected
    assert len(expected) == 2580


def test_tilt030s_measure_group_in_column_a_must_agree_with_the_measure(tmp_path):
    def move(path: Path) -> None:  # «Opplæring» written where «Oppfølging» begins
        book = openpyxl.load_workbook(path)
        sheet = book.worksheets[0]
        cell = next(r[0] for r in sheet.iter_rows() if r[0].value == "Oppfølging")
        cell.value = "Opplæring"
        book.save(path)

    with pytest.raises(ReportError) as caught:
        parsed_alone(tilt030(tmp_path, move))
    assert caught.value.problem.type == "conflicting-dimensions"
    assert caught.value.problem.page == TILT030_SHEETS["arbeidssøkere"][:31]


TILT100 = "TILT100 Tiltaksdeltakere. Hovedgruppe og demografi. Tidsserie måned"


def test_tilt100s_measure_groups_by_participant_group_publish_what_the_text_says(tmp_path):
    raw, parsed_text = read_and_normalise(REPORTS / f"{SEEDS['2020']}.txt")
    folder = tmp_path / "reports"
    folder.mkdir()
    report_to_tilt100(raw, parsed_text, folder / "2020-01_2020-02_tilt100.xlsx", TILT100)
    provenance(folder, "2020-01_2020-02_tilt100", TILT100, "2020-01/2020-02", "2020-03-06")
    parsed = parsed_alone(folder)
    assert not parsed.problems and parsed.family == "tilt100-hovedgruppe-demografi" and not parsed.not_applied
    text = {o.key: o.value for o in parsed_text.observations}
    mine = {o.key: o.value for o in parsed.observations}
    assert {k: v for k, v in mine.items() if k in text} == {k: text[k] for k in mine if k in text}
    # the only figures the text does not print: each group's total, the sum of its measure groups
    assert sorted({(k[0], k[3][0]) for k in mine if k not in text}) == sorted(
        (p, g)
        for p in ("2020-01", "2020-02")
        for g in ("Andre på tiltak", "Arbeidssøkere på tiltak", "Nedsatt arbeidsevne, på tiltak")
    )
    assert len([k for k in mine if k in text]) == 44


TILT180 = "TILT180 Tiltaksdeltakere på jobbskaping og egenetablering og tilrettelegging. Demografi. Tidsserie måned"
AS_TILT180 = {  # the 2026 seed's three measures under the names of three of TILT180's
    "Varig tilrettelagt arbeid i ordinær virksomhet": "Egenetablering",
    "Varig tilrettelagt arbeid i skjermet virksomhet": "Funksjonsassistanse",
    "Varig vernet arbeid (VVA)": "Inkluderingstilskudd",
}
GROUP_OF = {"Egenetablering": "Jobbskaping og egenetablering", "Funksjonsassistanse": "Tilrettelegging"}


def tilt180(tmp_path: Path) -> Path:
    raw, parsed = read_and_normalise(REPORTS / f"{SEEDS['2026']}.txt", {"measure_group": "Tilrettelagt arbeid"})
    raw.title = TILT180
    folder = tmp_path / "reports"
    folder.mkdir()
    report_to_workbook(raw, parsed, folder / "2026-01_tilt180.xlsx", "02.02.2026", renamed=AS_TILT180)
    (folder / "2026-01_tilt180.toml").write_text(
        f'title = "{TILT180}"\npublisher = "NAV"\nperiod = "2026-01"\nlicence = "NLOD-2.0"\n'
        '[scope]\nmeasure_group = "Jobbskaping og egenetablering + Tilrettelegging"\n',
        encoding="utf-8",
    )
    return folder


def test_tilt180s_total_over_two_groups_is_checked_and_never_published(tmp_path):
    parsed = parsed_alone(tilt180(tmp_path))
    assert not parsed.problems and parsed.family == "tilt180-jobbskaping-og-tilrettelegging-demografi"
    text = report_to_parsed(next(r for r in find_reports(REPORTS) if r.id == SEEDS["2026"]))
    renamed = {v: k for k, v in AS_TILT180.items()}
    expected = sorted(
        (o.period, o.statistic, o.region, (o.dims[0], GROUP_OF.get(m, "Tilrettelegging"), m, *o.dims[3:]), o.value)
        for o in {(o.period, o.statistic, o.region, o.dims, o.value): o for o in text.observations}.values()
        for m in [next((k for k, v in renamed.items() if v == o.dims[2]), None)]
        if m
    )
    assert distinct(parsed) == expected  # every measure's figure, under its own group
    assert not [o for o in parsed.observations if o.dims[1] == "I alt"]  # no total over both groups
    assert {o.dims[1] for o in parsed.observations} == {"Jobbskaping og egenetablering", "Tilrettelegging"}
    totals = {(o.dims, o.region) for o, _ in parsed.partial_totals}
    assert (("I alt",) * 8, "NO") in totals  # the «I alt» of the sheet «Tiltak»: 14 265, checked only


def test_tilt180s_total_that_does_not_add_up_fails(tmp_path):
    folder = tilt180(tmp_path)
    path = folder / "2026-01_tilt180.xlsx"
    book = openpyxl.load_workbook(path)
    cell = next(r[2] for r in book["Tiltak"].iter_rows() if r[0].value == "I alt")
    cell.value += 100
    book.save(path)
    parsed = parsed_alone(folder)
    found, _, _ = parsed.checked
    assert [(p.type, p.page, p.line) for p in found if p.type == "total"] == [("total", "Tiltak", cell.row)]


NAV_NAME = "202601_TILT170 Tiltaksdeltakere på tilrettelagt arbeid. Demografi. Tidsserie måned"


def test_a_workbook_under_navs_own_file_name_is_read(tmp_path):
    """NAV names its files by the latest month (`202601_TILT…`, `2026.04_TILT…`): kept as downloaded, the
    name's month must be the provenance's last."""
    report_id = SEEDS["2026"]
    folder = tmp_path / "reports"
    folder.mkdir()
    seed_workbook(report_id, folder / f"{NAV_NAME}.xlsx")
    (folder / f"{NAV_NAME}.toml").write_bytes((REPORTS / f"{report_id}.toml").read_bytes())
    parsed = parsed_alone(folder)
    assert not parsed.problems and len({o.key for o in parsed.observations}) == 2296
    later = "2026.02_TILT170 Tiltaksdeltakere på tilrettelagt arbeid"
    for suffix in (".xlsx", ".toml"):
        (folder / f"{NAV_NAME}{suffix}").rename(folder / f"{later}{suffix}")
    with pytest.raises(BuildFailed) as caught:
        find_reports(folder)
    assert [(p.type, p.message) for p in caught.value.problems] == [
        ("bad-file-name", "NAV's file name says 2026-02 but the provenance's period ends 2026-01")
    ]


def test_a_value_hidden_under_a_merged_range_is_named_not_dropped(tmp_path):
    """A merge over cells that hold values of their own (Excel shows only the first): the reader once
    crashed on such a row (IndexError); now the hidden value is a problem naming its cell."""
    report_id = SEEDS["2026"]
    workbook = seed_workbook(report_id, tmp_path / "made.xlsx")
    book = openpyxl.load_workbook(workbook)
    sheet = book["Tiltak og fylke"]
    sheet["B1"] = "a note"  # beside the title in A1
    sheet.merged_cells.add("A1:B1")  # merged afterwards, keeping B1's text (openpyxl's merge_cells would clear it)
    book.save(workbook)
    with pytest.raises(ReportError) as caught:
        alone(tmp_path, report_id, workbook)
    problem = caught.value.problem
    assert (problem.type, problem.page, problem.column, problem.line) == ("merged-cell", "Tiltak og fylke", "B", 1)
