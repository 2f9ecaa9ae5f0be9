"""The PDF fixture generator renders the seeds so that pdfplumber reads back every label and number."""

from __future__ import annotations

import pdfplumber
from conftest import REPORTS, SEEDS
from pdfgen import NBSP, UPDATED, big_pdf, report_to_pdf

from tiltaksdata.model import RawReport
from tiltaksdata.read.text import read_text_report


def page_texts(path) -> list[str]:
    with pdfplumber.open(path) as pdf:
        return [page.extract_text(keep_blank_chars=True) for page in pdf.pages]


def test_every_label_and_number_of_the_2020_seed_is_in_the_pdf(tmp_path):
    report = read_text_report(REPORTS / f"{SEEDS['2020']}.txt")
    pages = page_texts(report_to_pdf(report, tmp_path / "2020.pdf"))
    assert pages and pages[-1].endswith(f"Side {len(pages)} av {len(pages)}")
    lines = {line for text in pages for line in text.splitlines()}
    for row in (r for t in report.tables for r in t.rows):
        cells = " ".join(c for c in row.cells if c)
        assert any(f"{line} ".startswith(f"{row.label} ") and line.endswith(cells) for line in lines), row


def test_wrapped_pages_keep_nav_headers_and_non_breaking_spaces(tmp_path):
    seed = read_text_report(REPORTS / f"{SEEDS['2026']}.txt")
    report = RawReport(seed.source, seed.title, seed.period_text, seed.layout, seed.tables[:3])
    pages = page_texts(report_to_pdf(report, tmp_path / "2026.pdf"))
    table_page = pages[1].splitlines()
    assert table_page[0] == f"Kilde: NAV {seed.title}"
    assert table_page[1] == f"Tiltak {UPDATED}"
    assert f"I alt 14{NBSP}265 14{NBSP}265" in table_page
    assert pages[-1].splitlines()[-1] == f"Side {len(pages)} av {len(pages)} Kilde: NAV Fotnote"


def test_big_pdf_has_exactly_the_pages_asked_for(tmp_path):
    with pdfplumber.open(big_pdf(tmp_path / "big.pdf", pages=5)) as pdf:
        assert len(pdf.pages) == 5
