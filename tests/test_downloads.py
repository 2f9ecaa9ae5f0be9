"""The Excel downloads: the package workbook and each page's, read back with openpyxl as a user's tool.

Every sheet must hold exactly its CSV (nothing dropped, nothing changed): codes as text with their
leading zeros, æøå intact, «*» as the text «*», counts as numbers.
"""

from __future__ import annotations

import csv
import json
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tiltaksdata.site.downloads import PACKAGE_WORKBOOK
from tiltaksdata.site.workbook import (
    EXCEL_MAX_ROWS,
    Sheet,
    WorkbookError,
    column_letter,
    sheet_name,
    sheets_to_workbook,
)

openpyxl = pytest.importorskip("openpyxl")
ROOT = Path(__file__).resolve().parents[1]


def _cell_text(value) -> str:
    """A cell as its CSV text: numbers back to digits, blank to ''."""
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def _sheet_rows(sheet) -> list[tuple[str, ...]]:
    width = sheet.max_column
    return [tuple(_cell_text(v) for v in row) + ("",) * (width - len(row)) for row in sheet.iter_rows(values_only=True)]


def _csv_rows(path: Path) -> list[tuple[str, ...]]:
    with open(path, encoding="utf-8", newline="") as handle:
        return [tuple(row) for row in csv.reader(handle)]


def test_the_package_workbook_holds_every_resource_exactly(seed_site):
    """Each resource's CSV parts, concatenated by year, equal the rows of its sheets cell for cell."""
    descriptor = json.loads((seed_site / "data" / "datapackage.json").read_text(encoding="utf-8"))
    book = openpyxl.load_workbook(seed_site / PACKAGE_WORKBOOK, read_only=True)
    assert book.sheetnames[0] == "Om"
    expected_sheets = ["Om"]
    for resource in descriptor["resources"]:
        paths = resource["path"] if isinstance(resource["path"], list) else [resource["path"]]
        by_sheet: dict[str, list[tuple[str, ...]]] = {}
        for path in paths:
            rows = _csv_rows(seed_site / "data" / path)
            name = (
                f"{resource['name']} {Path(path).stem[:4]}" if isinstance(resource["path"], list) else resource["name"]
            )
            by_sheet.setdefault(name, [rows[0]]).extend(rows[1:])
        for name, rows in by_sheet.items():
            expected_sheets.append(name)
            assert _sheet_rows(book[name]) == rows, name
    assert book.sheetnames == expected_sheets


def test_codes_stay_text_and_numbers_are_numbers(seed_site):
    book = openpyxl.load_workbook(seed_site / PACKAGE_WORKBOOK, read_only=True)
    series = book["series 2026"]
    rows = list(series.iter_rows())
    header = [c.value for c in rows[0]]
    code, value = header.index("region_code"), header.index("value")
    codes = [row[code] for row in rows[1:]]
    assert "0301" in {c.value for c in codes} and "03" in {c.value for c in codes}
    assert all(c.data_type == "s" and c.number_format == "@" for c in codes)  # text, in Excel's text format
    values = [row[value] for row in rows[1:]]
    stars = [c for c in values if c.value == "*"]
    assert stars and all(c.data_type == "s" for c in stars)  # NAV's mark, never a 0 or a blank
    numbers = [c for c in values if c.value != "*"]
    assert numbers and all(isinstance(c.value, int) and c.number_format == "#,##0" for c in numbers)
    names = {row[2] for row in book["regions"].iter_rows(values_only=True)}
    assert {"Møre og Romsdal", "Trøndelag", "Troms og Finnmark"} <= names  # æøå intact
    book.close()
    sheet = openpyxl.load_workbook(seed_site / "fylke" / "03-oslo.xlsx")["tall"]  # a small one, fully loaded
    assert (
        sheet.freeze_panes == "A2"
        and sheet.auto_filter.ref == f"A1:{sheet.cell(1, sheet.max_column).column_letter}{sheet.max_row}"
    )


def test_the_first_sheet_describes_every_column(seed_site):
    book = openpyxl.load_workbook(seed_site / PACKAGE_WORKBOOK, read_only=True)
    about = _sheet_rows(book["Om"])
    labels = [row[0] for row in about]
    assert {"Tittel", "Kilde", "Lisens", "«*»", "Versjon"} <= set(labels)
    assert "NLOD" in about[labels.index("Lisens")][3]
    described = {(sheet, row[1]) for sheet, row in _with_sheet(about) if row[1] and row[1] != "Kolonne"}
    for name in book.sheetnames[1:]:
        header = [_cell_text(v) for v in next(book[name].iter_rows(max_row=1, values_only=True))]
        assert {(name, column) for column in header} <= described, name
    assert all(row[3] for row in about[labels.index("Ark") + 1 :]), "a column without a description"


def _with_sheet(rows):
    sheet = ""
    for row in rows:
        if row[0] and not row[1]:
            sheet = row[0]
        yield sheet, row


def test_every_page_workbook_equals_its_csvs(seed_site):
    workbooks = sorted(seed_site.rglob("*.xlsx"))
    pages = [p for p in workbooks if p.name != PACKAGE_WORKBOOK]
    assert len(pages) > 50
    for path in pages:
        book = openpyxl.load_workbook(path, read_only=True)
        csvs = {"tall": path.with_suffix(".csv"), "sammenlignbar serie": path.with_suffix(".sammenlignbar.csv")}
        assert book.sheetnames == ["Om", *(name for name, csv_path in csvs.items() if csv_path.is_file())], path
        for name, csv_path in csvs.items():
            if csv_path.is_file():
                assert _sheet_rows(book[name]) == _csv_rows(csv_path), (path, name)


def test_every_page_csv_row_is_a_row_of_the_package(seed_site):
    """A page's CSV has the package's own columns and values, as the package writes them.

    Regression: the comparable series' `approximate` was written «False» on the pages, «false» in
    the package."""
    descriptor = json.loads((seed_site / "data" / "datapackage.json").read_text(encoding="utf-8"))
    package: dict[str, set[tuple[str, ...]]] = {}
    for resource in ("series", "county_series"):
        entry = next(r for r in descriptor["resources"] if r["name"] == resource)
        columns = [f["name"] for f in entry["schema"]["fields"]]
        package[resource] = set()
        for path in entry["path"]:
            rows = _csv_rows(seed_site / "data" / path)
            package[resource] |= {tuple(dict(zip(rows[0], r))[c] for c in columns) for r in rows[1:]}
    known: dict[tuple, set[tuple[str, ...]]] = {}
    for path in seed_site.rglob("*.csv"):
        if "data" in path.relative_to(seed_site).parts or path.name == "index.csv" and path.parent == seed_site:
            continue
        rows = _csv_rows(path)
        resource = "county_series" if path.name.endswith(".sammenlignbar.csv") else "series"
        entry = next(r for r in descriptor["resources"] if r["name"] == resource)
        columns = [f["name"] for f in entry["schema"]["fields"]]
        shared = tuple(c for c in rows[0] if c in columns)
        if (resource, shared) not in known:
            at = [columns.index(c) for c in shared]
            known[(resource, shared)] = {tuple(r[i] for i in at) for r in package[resource]}
        at = [rows[0].index(c) for c in shared]
        stray = [r for r in rows[1:] if tuple(r[i] for i in at) not in known[(resource, shared)]]
        assert not stray, (path, stray[:3])


def test_a_workbook_is_a_valid_zip_made_the_same_twice(tmp_path):
    sheets = [
        Sheet("tall", ("kode", "navn", "value"), [("03", "Oslo", "12"), ("0301", " Oslo ", "*")], frozenset({"value"}))
    ]
    sheets_to_workbook(tmp_path / "a.xlsx", sheets, "Test")
    sheets_to_workbook(tmp_path / "b.xlsx", sheets, "Test")
    assert (tmp_path / "a.xlsx").read_bytes() == (tmp_path / "b.xlsx").read_bytes()
    with zipfile.ZipFile(tmp_path / "a.xlsx") as archive:
        assert archive.testzip() is None
        assert "xl/worksheets/sheet1.xml" in archive.namelist()
    rows = _sheet_rows(openpyxl.load_workbook(tmp_path / "a.xlsx")["tall"])
    assert rows == [("kode", "navn", "value"), ("03", "Oslo", "12"), ("0301", " Oslo ", "*")]


_XML_TEXT = st.text(
    st.characters(blacklist_categories=("Cs",), blacklist_characters="\x00\ufffe\uffff").filter(
        lambda c: c in "\t\n\r" or ord(c) >= 0x20
    ),
    max_size=40,
)


@settings(max_examples=60, deadline=None)
@given(st.lists(st.tuples(_XML_TEXT, _XML_TEXT), min_size=1, max_size=8))
def test_any_text_comes_back_as_written(tmp_path_factory, rows):
    """Whatever a label holds (æøå, &, <, quotes, spaces at the ends, digits with zeros in front)."""
    rows = [(a, b) for a, b in rows]
    path = tmp_path_factory.mktemp("wb") / "t.xlsx"
    sheets_to_workbook(path, [Sheet("t", ("a", "b"), rows)])
    back = _sheet_rows(openpyxl.load_workbook(path)["t"])[1:]
    expected = [tuple(v.replace("\r\n", "\n").replace("\r", "\n") for v in row) for row in rows]
    while expected and not any(expected[-1]):
        expected.pop()  # a sheet ends at its last cell: empty rows after it are not there to read
    assert back == expected


def test_what_excel_would_refuse_is_refused_or_made_safe():
    taken: set[str] = set()
    assert sheet_name("a/b:c*d?[e]", taken) == "a_b_c_d__e_"
    assert sheet_name("county_series 2024 and more than thirty-one", taken) == "county_series 2024 and more tha"
    assert sheet_name("County_series 2024 and more than thirty-one", taken) == "County_series 2024 and more t 2"
    assert [column_letter(i) for i in (0, 25, 26, 701, 702)] == ["A", "Z", "AA", "ZZ", "AAA"]
    with pytest.raises(WorkbookError, match="row 3: 1 values for 2 columns"):
        list(
            __import__("tiltaksdata.site.worksheet", fromlist=["_sheet_chunks"])._sheet_chunks(
                Sheet("t", ("a", "b"), [("1", "2"), ("1",)])
            )
        )

    class Huge(list):
        def __len__(self):
            return EXCEL_MAX_ROWS

    with pytest.raises(WorkbookError, match="Excel's limit"):
        list(
            __import__("tiltaksdata.site.worksheet", fromlist=["_sheet_chunks"])._sheet_chunks(
                Sheet("t", ("a",), Huge())
            )
        )


def test_a_cached_sheet_depends_on_the_writer_not_on_the_pages():
    from tiltaksdata import cache
    from tiltaksdata.site import downloads

    names = {p.relative_to(cache.PACKAGE).as_posix() for p in cache.imported_modules(*downloads.SHEET_CODE)}
    assert {"site/workbook.py", "site/archive.py"} <= names
    assert not any(n.startswith(("site/pages/", "site/charts", "site/render")) for n in names), names


def test_a_changed_report_makes_its_years_sheets_again_and_only_those(tmp_path):
    """With a warm cache, a changed report gives the workbook a --no-cache build gives."""
    content = tmp_path / "content"
    shutil.copytree(ROOT / "content", content)
    cache = tmp_path / "cache"

    def build(out: str, *extra: str) -> Path:
        subprocess.run(
            [
                sys.executable,
                str(ROOT / "build.py"),
                "--content",
                str(content),
                "--out",
                str(tmp_path / out),
                "--cache",
                str(cache),
                "-q",
                *extra,
            ],
            check=True,
            capture_output=True,
        )
        return tmp_path / out / PACKAGE_WORKBOOK

    build("warm")
    kept = set((cache / "xlsx").iterdir())
    # The February 2014 report re-dated to February 2015 (its numbers unchanged, so every check holds).
    old, new = content / "reports" / "2014-02_tiltak-og-fylke", content / "reports" / "2015-02_tiltak-og-fylke"
    text = old.with_suffix(".txt").read_text(encoding="utf-8").replace("Februar 2014", "Februar 2015")
    toml = old.with_suffix(".toml").read_text(encoding="utf-8").replace('period = "2014-02"', 'period = "2015-02"')
    new.with_suffix(".txt").write_text(text, encoding="utf-8")
    new.with_suffix(".toml").write_text(
        toml.replace('published = "2014-03-04"', 'published = "2015-03-04"'), encoding="utf-8"
    )
    old.with_suffix(".txt").unlink()
    old.with_suffix(".toml").unlink()
    changed = build("changed")
    made = set((cache / "xlsx").iterdir()) - kept
    # observations, series and county series of 2015, and the small tables that list the report
    assert 3 <= len(made) <= 8, sorted(p.name for p in made)
    fresh = build("fresh", "--no-cache")
    assert changed.read_bytes() == fresh.read_bytes()
    assert "series 2015" in openpyxl.load_workbook(changed, read_only=True).sheetnames
