"""PDF labels wrapped below their numbers (top-aligned cells): read by the words' positions, not refused.

The 2026 seed rendered with its numbers on a label's first line and the rest of the label below
(`Style(top_aligned=…)`), on every page or on some, must publish exactly what its text says; a line
that lies outside any table still fails, naming the PDF's page and line.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import REPORTS, SEEDS, parsed
from pdfgen import Style, report_to_pdf

from tiltaksdata.check.report import distinct_observations
from tiltaksdata.errors import ReportError
from tiltaksdata.model import RawRow
from tiltaksdata.normalise.observations import report_to_observations
from tiltaksdata.read.find import find_reports
from tiltaksdata.read.pdf import read_pdf_report
from tiltaksdata.read.text import read_text_report
from tiltaksdata.run.parse import default_vocabulary

SEED = SEEDS["2026"]
EVERY_PAGE = frozenset(range(1, 200))


def observations_of(pdf: Path) -> dict:
    report = next(r for r in find_reports(REPORTS) if r.id == SEED)
    raw = read_pdf_report(pdf)
    return {
        k: o.value
        for k, o in distinct_observations(report_to_observations(raw, SEED, default_vocabulary(), report.scope)).items()
    }


@pytest.mark.parametrize(
    "style",
    [
        Style(top_aligned=EVERY_PAGE),
        Style(top_aligned=frozenset({2, 4, 6})),  # pages of both kinds in one PDF
        Style(top_aligned=EVERY_PAGE, row_gap=0.3),
        Style(top_aligned=EVERY_PAGE, font="Times-Roman", font_size=9, pagesize=(612, 792)),
    ],
    ids=["every-page", "mixed", "narrow-gap", "times-letter"],
)
def test_labels_wrapped_below_their_numbers_publish_what_the_text_says(tmp_path, style):
    pdf = report_to_pdf(read_text_report(REPORTS / f"{SEED}.txt"), tmp_path / "top.pdf", style)
    text = {k: o.value for k, o in distinct_observations(parsed(SEED)).items()}
    assert observations_of(pdf) == text
    assert len(text) == 2296


def test_a_continuation_is_not_glued_to_the_next_row(tmp_path):
    """Without the rule, «skjermet virksomhet» under the first row's numbers would start the next label."""
    pdf = report_to_pdf(read_text_report(REPORTS / f"{SEED}.txt"), tmp_path / "top.pdf", Style(top_aligned=EVERY_PAGE))
    raw = read_pdf_report(pdf)
    labels = [row.label for table in raw.tables if table.title == "Tiltak" for row in table.rows]
    text = read_text_report(REPORTS / f"{SEED}.txt")
    assert labels == [row.label for table in text.tables if table.title == "Tiltak" for row in table.rows]
    assert labels[:3] == ["I alt", "Varig tilrettelagt arbeid i", "Varig tilrettelagt arbeid i"]


def test_a_line_outside_any_table_still_fails_with_page_and_line(tmp_path):
    raw = read_text_report(REPORTS / f"{SEED}.txt")
    table = next(t for t in raw.tables if t.title == "Tiltak")
    # a label with no numbers at all, far below the table: no row claims it
    table.rows.append(RawRow("En løs merknad", ("", ""), table.rows[-1].line, table.rows[-1].page))
    pdf = report_to_pdf(raw, tmp_path / "stray.pdf", Style(top_aligned=EVERY_PAGE))
    with pytest.raises(ReportError) as caught:
        read_pdf_report(pdf)
    problem = caught.value.problem
    assert problem.type == "line-outside-table" and problem.page and problem.line
