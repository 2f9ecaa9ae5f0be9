"""One report, two formats, one truth: NAV's workbook beside the text (or PDF) of the same report."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import openpyxl
import pytest
from conftest import REPORTS, ROOT, SEEDS
from workbooks import seed_workbook

REPORT = SEEDS["2026"]


def content_with_both(tmp_path: Path) -> Path:
    """A content folder with the 2026 report as its text extract and as NAV's workbook, one provenance."""
    content = tmp_path / "content"
    shutil.copytree(ROOT / "content" / "pages", content / "pages")
    shutil.copy(ROOT / "content" / "site.toml", content / "site.toml")
    (content / "reports").mkdir()
    for suffix in (".txt", ".toml"):
        shutil.copy(REPORTS / f"{REPORT}{suffix}", content / "reports" / f"{REPORT}{suffix}")
    seed_workbook(REPORT, content / "reports" / f"{REPORT}.xlsx")
    return content


def build(content: Path, out: Path, tmp_path: Path) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "build.py", "--content", str(content), "--out", str(out), "--cache", str(tmp_path / "cache")],
        cwd=ROOT,
        capture_output=True,
        text=True,
    )


@pytest.fixture(scope="module")
def text_only(tmp_path_factory) -> Path:
    """The 2026 report built from its text alone."""
    tmp = tmp_path_factory.mktemp("text")
    content = content_with_both(tmp)
    (content / "reports" / f"{REPORT}.xlsx").unlink()
    assert build(content, tmp / "site", tmp).returncode == 0
    return tmp / "site"


def test_a_workbook_and_its_text_are_one_publication(tmp_path, text_only):
    done = build(content_with_both(tmp_path), tmp_path / "site", tmp_path)
    assert done.returncode == 0, done.stderr
    assert "1 reports" in done.stderr and "0 revised" in done.stderr  # the CLI reports on stderr
    data = tmp_path / "site" / "data"
    for part in (f"observations/{REPORT}.csv", "series/2026-01.csv"):
        assert (data / part).read_bytes() == (text_only / "data" / part).read_bytes()
    assert sorted(p.name for p in (data / "reports").iterdir()) == [f"{REPORT}.txt", f"{REPORT}.xlsx"]
    page = (tmp_path / "site" / "kilder" / "2026-01-tilrettelagt-arbeid-demografi.html").read_text(encoding="utf-8")
    assert f'<a href="../data/reports/{REPORT}.xlsx">' in page and "Excel-arbeidsbok fra NAV" in page
    assert f'<dt>Samme rapport</dt><dd><a href="../data/reports/{REPORT}.txt">' in page


def test_one_number_changed_in_the_workbook_fails_naming_both_files(tmp_path):
    content = content_with_both(tmp_path)
    path = content / "reports" / f"{REPORT}.xlsx"
    book = openpyxl.load_workbook(path)
    sheet = book["Tiltak og fylke"]
    cell = next(row[2] for row in sheet.iter_rows() if row[0].value == "03 Oslo")
    assert cell.value == 185
    cell.value = 186
    book.save(path)
    out = tmp_path / "site"
    out.mkdir()
    (out / "kept.html").write_text("previous site")
    done = build(content, out, tmp_path)
    assert done.returncode == 1
    assert "[formats-disagree]" in done.stderr
    assert "region=03" in done.stderr and "is 186 in" in done.stderr and "but 185 in" in done.stderr
    assert f"{REPORT}.xlsx, sheet «Tiltak og fylke», row {cell.row}" in done.stderr
    assert f"{REPORT}.txt, page" in done.stderr
    assert [p.name for p in out.iterdir()] == ["kept.html"]


def test_two_workbooks_of_one_day_that_disagree_name_the_other_by_sheet_and_row(tmp_path):
    content = content_with_both(tmp_path)
    reports = content / "reports"
    (reports / f"{REPORT}.txt").unlink()
    other = "2026-01_tilrettelagt-arbeid-kopi"
    book = openpyxl.load_workbook(reports / f"{REPORT}.xlsx")
    sheet = book["Tiltak og kommune"]
    cell = next(row[2] for row in sheet.iter_rows() if row[0].value == "0301 Oslo")
    cell.value += 1  # within no total: Oslo's municipality equals its county, so both totals fail too
    book.save(reports / f"{other}.xlsx")
    (reports / f"{other}.toml").write_bytes((reports / f"{REPORT}.toml").read_bytes())
    done = build(content, tmp_path / "site", tmp_path)
    assert done.returncode == 1
    assert "[conflicting-reports]" in done.stderr
    assert (
        f"in {REPORT}.xlsx (sheet «Tiltak og kommune», row {cell.row}); both were published 2026-02-02" in done.stderr
    )
