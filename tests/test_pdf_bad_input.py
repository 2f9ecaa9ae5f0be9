"""Bad PDFs: each a clear error naming the file (and page), exit 1, previous output intact."""

from __future__ import annotations

import io

import pytest
from reportlab.lib.pagesizes import A4
from reportlab.lib.pdfencrypt import StandardEncryption
from reportlab.pdfgen import canvas
from test_build import content_with, run


def pdf_bytes(draw, encrypt=None) -> bytes:
    buffer = io.BytesIO()
    page = canvas.Canvas(buffer, pagesize=A4, encrypt=encrypt)
    draw(page)
    page.showPage()
    page.save()
    return buffer.getvalue()


def text_pdf(page) -> None:
    page.drawString(72, 760, "Møtereferat fra styremøtet")
    page.drawString(72, 740, "Ingen tabeller her.")


ZERO_PAGES = (
    b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n"
    b"2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\n"
    b"trailer<</Root 1 0 R>>\n%%EOF\n"
)

BAD_PDFS = {
    "encrypted": (lambda: pdf_bytes(text_pdf, StandardEncryption("hemmelig", canPrint=0)), "[encrypted-pdf]"),
    "truncated": (lambda: pdf_bytes(text_pdf)[:300], "[bad-pdf]"),
    "image only": (lambda: pdf_bytes(lambda p: p.rect(72, 500, 300, 200, fill=1)), "page 1: [no-text-layer]"),
    "zero pages": (lambda: ZERO_PAGES, "[empty-pdf]"),
    "not a tiltak report": (lambda: pdf_bytes(text_pdf), "page 1: [not-a-tiltak-report]"),
    "not a PDF at all": (lambda: b"<html><body>404</body></html>", "[bad-pdf]"),
}


@pytest.mark.parametrize("case", BAD_PDFS, ids=list(BAD_PDFS))
def test_bad_pdf_is_a_clear_error_and_output_is_kept(case, tmp_path, previous_site):
    make, what = BAD_PDFS[case]
    status, printed = run(content_with(tmp_path, {"2026-01_bad.pdf": make()}), previous_site)
    assert status == 1, printed
    assert "error: 2026-01_bad.pdf" in printed and what in printed, printed
    assert sorted(p.name for p in previous_site.rglob("*")) == ["data", "marker.txt"]
