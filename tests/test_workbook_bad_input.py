"""Bad workbooks (issue 19): each fails clearly, naming its file, sheet and cell; nothing is silently skipped.

Every case is the 2026 seed as NAV's workbook (tests/workbooks.py) with exactly one thing changed — a
cell, a sheet, a row or the file's bytes. The report is read alone with the seed's provenance (its
problems compared as `(type, file, sheet, cell)`), then built by `build.py` into a folder holding the
previous good site, which a failed build must leave byte for byte as it was.
"""

from __future__ import annotations

import io
import re
import shutil
import subprocess
import sys
import zipfile
from collections.abc import Callable
from datetime import datetime
from pathlib import Path

import openpyxl
import pytest
from conftest import REPORTS, ROOT, SEEDS
from workbooks import seed_workbook

from tiltaksdata.errors import Problem, ReportError
from tiltaksdata.model import ParsedReport
from tiltaksdata.read.find import find_reports
from tiltaksdata.run.parse import report_to_parsed

REPORT = SEEDS["2026"]
XLSX, XLS = f"{REPORT}.xlsx", f"{REPORT}.xls"
FYLKE = "Tiltak og fylke"  # row 5 the header, row 6 the block's «I alt …», row 7 «03 Oslo» 185 185
Edit = Callable[[Path], Path]  # the seed's workbook → the bad file (changed in place, or another beside it)
Where = tuple[str, str, str | None, str | None]  # problem type, file, sheet, cell


# One change each: a cell, a sheet, a row, the file's bytes, the format.


def cell(sheet: str, ref: str, value: object, data_type: str = "") -> Edit:
    """One cell given a value (and an Excel type: `e` for an error value)."""

    def edit(path: Path) -> Path:
        book = openpyxl.load_workbook(path)
        target = book[sheet][ref]
        target.value = value
        if data_type:
            target.data_type = data_type
        book.save(path)
        return path

    return edit


def in_book(change: Callable[[openpyxl.Workbook], object]) -> Edit:
    """The workbook changed as a whole: a sheet removed, a row deleted, cells merged."""

    def edit(path: Path) -> Path:
        book = openpyxl.load_workbook(path)
        change(book)
        book.save(path)
        return path

    return edit


def numbers_emptied(sheet: str, row: int) -> Edit:
    """Every number of one row emptied, its label kept."""
    return in_book(lambda book: [setattr(c, "value", None) for c in book[sheet][row][1:]])


def only_sheets(*names: str) -> Edit:
    return in_book(lambda book: [book.remove(s) for s in book.worksheets if s.title not in names])


def in_bytes(change: Callable[[bytes], bytes]) -> Edit:
    """The file's bytes changed (cut, damaged, replaced)."""

    def edit(path: Path) -> Path:
        path.write_bytes(change(path.read_bytes()))
        return path

    return edit


def damaged_member(data: bytes, member: str = "xl/worksheets/sheet4.xml") -> bytes:
    """Eight bytes in the middle of one zip member's compressed data inverted (sheet4: «Tiltak og fylke»)."""
    info = zipfile.ZipFile(io.BytesIO(data)).getinfo(member)
    at = info.header_offset + 30 + len(info.filename.encode()) + len(info.extra) + info.compress_size // 2
    return data[:at] + bytes(b ^ 0xFF for b in data[at : at + 8]) + data[at + 8 :]


def encrypted(data: bytes) -> bytes:
    """The workbook saved with a password, as Excel does (msoffcrypto-tool: agile encryption in an OLE file)."""
    from msoffcrypto.format.ooxml import OOXMLFile

    out = io.BytesIO()
    OOXMLFile(io.BytesIO(data)).encrypt("hemmelig", out)
    return out.getvalue()


def a_pdf(_: bytes) -> bytes:
    from reportlab.pdfgen import canvas

    buffer = io.BytesIO()
    page = canvas.Canvas(buffer)
    page.drawString(72, 760, "TILT170 Tiltaksdeltakere på tilrettelagt arbeid. Demografi. Tidsserie måned")
    page.save()
    return buffer.getvalue()


def a_zip(_: bytes) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("tabell.csv", "fylke;antall\n03 Oslo;185\n")
    return buffer.getvalue()


HTML_ERROR_PAGE = b"<!DOCTYPE html>\n<html><head><title>404</title></head><body>Siden finnes ikke</body></html>\n"


def as_xls(change: Callable[[dict], object] | None = None, damage: Callable[[bytes], bytes] | None = None) -> Edit:
    """The workbook's values written as an .xls (xlwt) in its place; `change` may alter its sheets (by name)."""

    def edit(path: Path) -> Path:
        import xlwt

        book, sheets = xlwt.Workbook(), {}
        for source in openpyxl.load_workbook(path).worksheets:
            sheet = sheets[source.title] = book.add_sheet(source.title, cell_overwrite_ok=True)
            for row in source.iter_rows():
                for c in row:
                    if c.value is not None:
                        sheet.write(c.row - 1, c.column - 1, c.value)
        if change:
            change(sheets)
        target = path.with_suffix(".xls")
        book.save(str(target))
        path.unlink()
        if damage:
            target.write_bytes(damage(target.read_bytes()))
        return target

    return edit


def xls_error(sheets: dict) -> None:
    sheets[FYLKE].row(6).set_cell_error(2, 0x2A)  # #N/A by its code: xlwt's table misspells the name «#N/A!»


def xls_date(sheets: dict) -> None:
    import xlwt

    sheets[FYLKE].write(6, 2, datetime(2026, 1, 15), xlwt.easyxf(num_format_str="DD.MM.YYYY"))


def xls_merged(sheets: dict) -> None:
    sheets[FYLKE].write(6, 2, None)  # Excel empties the cells a merge covers
    sheets[FYLKE].merge(6, 6, 1, 2)


def xls_sheet_damaged(data: bytes) -> bytes:
    """The BOF record that opens the fourth sheet («Tiltak og fylke») overwritten."""
    bof = bytes.fromhex("0908100000061000")  # BIFF8 BOF, 16 bytes, version 0x0600, a worksheet
    at = [m.start() for m in re.finditer(re.escape(bof), data)][3]
    return data[:at] + b"\0" * 8 + data[at + 8 :]


CASES: dict[str, tuple[Edit, list[Where]]] = {
    "formula": (cell(FYLKE, "C7", "=SUM(C8:C9)"), [("bad-cell", XLSX, FYLKE, "C7")]),
    "date": (cell("Tiltak og kjønn", "B13", datetime(2026, 1, 15)), [("bad-cell", XLSX, "Tiltak og kjønn", "B13")]),
    "fraction": (cell("Tiltak og alder", "C9", 12.5), [("bad-cell", XLSX, "Tiltak og alder", "C9")]),
    "error value": (cell("Tiltak og utdanning", "C8", "#N/A", "e"), [("bad-cell", XLSX, "Tiltak og utdanning", "C8")]),
    "logical value": (cell(FYLKE, "B8", True), [("bad-cell", XLSX, FYLKE, "B8")]),
    "text in a number column": (
        cell("Tiltak og kommune", "C9", "12 x"),
        [("bad-cell", XLSX, "Tiltak og kommune", "C9")],
    ),
    "number in the label column": (cell(FYLKE, "A7", 3), [("number-in-label-column", XLSX, FYLKE, "A7")]),
    "value beside the header's columns": (cell(FYLKE, "D7", 5), [("value-outside-table", XLSX, FYLKE, "D7")]),
    "merged number": (in_book(lambda b: b[FYLKE].merge_cells("B7:C7")), [("merged-cell", XLSX, FYLKE, "C7")]),
    "label whose numbers are all empty": (numbers_emptied(FYLKE, 7), [("blank-cell", XLSX, FYLKE, "B7")]),
    "block without its I alt row": (  # the row below moves up into row 6
        in_book(lambda b: b[FYLKE].delete_rows(6)),
        [("block-without-total", XLSX, FYLKE, "A6")],
    ),
    "missing sheet": (
        in_book(lambda b: b.remove(b["Tiltak og alder"])),
        [("missing-section", XLSX, None, None), ("missing-dimension", XLSX, None, None)],
    ),
    "only Om statistikken": (only_sheets("Om statistikken"), [("no-tables", XLSX, None, None)]),
    "truncated to half": (in_bytes(lambda d: d[: len(d) // 2]), [("truncated-workbook", XLSX, None, None)]),
    "last 100 bytes cut": (in_bytes(lambda d: d[:-100]), [("truncated-workbook", XLSX, None, None)]),
    "a sheet's data damaged": (in_bytes(damaged_member), [("truncated-workbook", XLSX, None, None)]),
    "password-protected": (in_bytes(encrypted), [("encrypted-workbook", XLSX, None, None)]),
    "HTML error page": (in_bytes(lambda _: HTML_ERROR_PAGE), [("not-a-workbook", XLSX, None, None)]),
    "PDF renamed": (in_bytes(a_pdf), [("not-a-workbook", XLSX, None, None)]),
    "zip but no workbook": (in_bytes(a_zip), [("not-a-workbook", XLSX, None, None)]),
    "empty file": (in_bytes(lambda _: b""), [("empty-file", XLSX, None, None)]),
    ".xls error value": (as_xls(xls_error), [("bad-cell", XLS, FYLKE, "C7")]),
    ".xls date": (as_xls(xls_date), [("bad-cell", XLS, FYLKE, "C7")]),
    ".xls fraction": (as_xls(lambda s: s[FYLKE].write(6, 2, 12.5)), [("bad-cell", XLS, FYLKE, "C7")]),
    ".xls merged number": (as_xls(xls_merged), [("merged-cell", XLS, FYLKE, "C7")]),
    ".xls truncated to half": (as_xls(damage=lambda d: d[: len(d) // 2]), [("truncated-workbook", XLS, None, None)]),
    ".xls sheet damaged": (as_xls(damage=xls_sheet_damaged), [("truncated-workbook", XLS, FYLKE, None)]),
}


# The workbook, the content folder around it, and what a report alone and a build make of it.


@pytest.fixture(scope="module")
def seed_book(tmp_path_factory) -> Path:
    """The 2026 seed as NAV's workbook, made once per module."""
    return seed_workbook(REPORT, tmp_path_factory.mktemp("seed") / XLSX)


def content_with(folder: Path, workbook: Path, edit: Edit | None = None) -> Path:
    """A content folder (pages, site.toml) holding the workbook, changed by `edit`, and the seed's provenance."""
    content = folder / "content"
    shutil.copytree(ROOT / "content" / "pages", content / "pages")
    shutil.copy(ROOT / "content" / "site.toml", content / "site.toml")
    (content / "reports").mkdir()
    shutil.copy(REPORTS / f"{REPORT}.toml", content / "reports")
    copy = shutil.copy(workbook, content / "reports" / XLSX)
    if edit:
        edit(Path(copy))
    return content


def where(problem: Problem) -> Where:
    """A problem as `(type, file, sheet, cell)`; sheet and cell are None where it is no one sheet's or cell's."""
    sheet = problem.page if isinstance(problem.page, str) else None
    cell = f"{problem.column}{problem.line}" if sheet and problem.line is not None else None
    return (problem.type, problem.report, sheet, cell)


def problems_alone(content: Path) -> list[Problem]:
    """The problems of the one report in the content folder, parsed alone."""
    (report,) = find_reports(content / "reports")
    try:
        return report_to_parsed(report).problems
    except ReportError as err:
        return [err.problem]


def build(content: Path, out: Path, cache: Path) -> subprocess.CompletedProcess:
    """`python build.py` as a user runs it."""
    command = ["build.py", "--content", str(content), "--out", str(out), "--cache", str(cache)]
    return subprocess.run([sys.executable, *command], cwd=ROOT, capture_output=True, text=True)


def snapshot(folder: Path) -> dict[str, bytes | None]:
    """Every file's bytes (and every folder, as None) under `folder`, by relative path."""
    return {str(p.relative_to(folder)): p.read_bytes() if p.is_file() else None for p in folder.rglob("*")}


@pytest.fixture(scope="module")
def good_site(tmp_path_factory, seed_book) -> Path:
    """The site built from the unchanged workbook: the previous build every bad one must leave alone."""
    tmp = tmp_path_factory.mktemp("good")
    done = build(content_with(tmp, seed_book), tmp / "site", tmp / "cache")
    assert done.returncode == 0, done.stderr
    return tmp / "site"


@pytest.mark.parametrize("case", CASES, ids=list(CASES))
def test_a_bad_workbook_fails_naming_file_sheet_and_cell_and_keeps_the_site(case, tmp_path, seed_book, good_site):
    edit, expected = CASES[case]
    content = content_with(tmp_path, seed_book, edit)
    assert [where(p) for p in problems_alone(content)] == expected

    out = shutil.copytree(good_site, tmp_path / "site")
    before = snapshot(out)
    done = build(content, out, tmp_path / "cache")
    printed = done.stdout + done.stderr
    assert done.returncode == 1, printed
    assert not done.stdout and "Traceback" not in printed, printed  # only the CLI prints, on stderr
    for type_, file, sheet, cell in expected:
        assert re.search(rf"^error: {re.escape(file)}\b.*: \[{type_}\] ", printed, re.M), printed
        if sheet:
            at = f"{file}, sheet «{sheet}»" + (f", cell {cell}" if cell else "")
            assert f"error: {at}: [{type_}] " in printed, printed
    assert snapshot(out) == before
    assert not list(tmp_path.glob(".site.*")), "staging folder left behind"


def test_a_missing_sheet_names_no_row_of_another_sheet(tmp_path, seed_book):
    edit, _ = CASES["missing sheet"]
    (problem, *_) = problems_alone(content_with(tmp_path, seed_book, edit))
    assert problem.type == "missing-section"
    assert isinstance(problem.page, str) or problem.line is None, problem.location()


def distinct(parsed: ParsedReport) -> list[tuple]:
    """A report's distinct observations, sorted: what the package publishes for it."""
    return sorted({(o.period, o.statistic, o.region, o.dims, o.value) for o in parsed.observations})


def test_the_xls_of_a_workbook_publishes_what_its_xlsx_does(tmp_path, seed_book):
    """xlrd reads NAV's older .xls: the same values as an .xls (written by xlwt) give the same observations."""
    parsed = {}
    for name, edit in (("xlsx", None), ("xls", as_xls())):
        content = content_with(tmp_path / name, seed_book, edit)
        (report,) = find_reports(content / "reports")
        assert report.path.suffix == f".{name}"
        parsed[name] = report_to_parsed(report)
        assert not parsed[name].problems, parsed[name].problems
    assert distinct(parsed["xls"]) == distinct(parsed["xlsx"])
    assert len(distinct(parsed["xls"])) == 2296


def test_a_merged_number_is_no_zero_where_blanks_are_zeros(tmp_path):
    """Regression: in the 2014 family a blank cell is a zero, and a number merged over its neighbour
    («Endring fra i fjor» Antall over Prosent) was read as one, passing every check."""
    report_id = SEEDS["2014"]
    folder = tmp_path / "reports"
    folder.mkdir()
    book = openpyxl.load_workbook(seed_workbook(report_id, folder / f"{report_id}.xlsx"))
    sheet = book.worksheets[1]
    assert [c.value for c in sheet[7]] == ["Arbeidssøkere på tiltak", 18258, -145, -1]
    sheet.merge_cells("C7:D7")
    book.save(folder / f"{report_id}.xlsx")
    shutil.copy(REPORTS / f"{report_id}.toml", folder)
    (report,) = find_reports(folder)
    with pytest.raises(ReportError) as caught:
        report_to_parsed(report)
    assert where(caught.value.problem) == ("merged-cell", f"{report_id}.xlsx", sheet.title, "D7")
