"""A report file → a raw report, with the reader for its format (text extract, PDF, NAV's workbook)."""

from __future__ import annotations

from pathlib import Path

from tiltaksdata.model import RawReport
from tiltaksdata.read.provenance import WORKBOOKS
from tiltaksdata.read.text import read_text_report


def read_report(path: Path) -> RawReport:
    """Read a report file with the reader for its format."""
    if path.suffix.lower() == ".pdf":
        from tiltaksdata.read.pdf import read_pdf_report  # pdfplumber is imported only when a PDF is read

        return read_pdf_report(path)
    if path.suffix.lower() in WORKBOOKS:
        from tiltaksdata.read.sheets import workbook_to_report  # openpyxl likewise, when a workbook is read

        return workbook_to_report(path)
    return read_text_report(path)
