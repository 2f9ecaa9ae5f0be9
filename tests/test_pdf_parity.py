"""Parity: the observations read from a seed's PDF equal those read from its text extract."""

from __future__ import annotations

import pytest
from conftest import REPORTS, SEEDS, parsed
from pdfgen import Style, seed_pdfs
from test_build import content_with, run

from tiltaksdata.check.report import distinct_observations
from tiltaksdata.normalise.observations import report_to_observations
from tiltaksdata.read.find import find_reports
from tiltaksdata.read.pdf import read_pdf_report
from tiltaksdata.run.parse import default_vocabulary

STYLES = {"nav": None, "times-letter": Style(font="Times-Roman", font_size=9, pagesize=(612, 792))}


@pytest.fixture(scope="module", params=list(STYLES))
def pdfs(request, tmp_path_factory):
    """The four seeds rendered as PDFs, in NAV's layouts and in another font and page size."""
    return seed_pdfs(tmp_path_factory.mktemp(request.param), STYLES[request.param])


@pytest.mark.parametrize("year", list(SEEDS))
def test_pdf_gives_the_same_observations_as_the_text(pdfs, year):
    report = next(r for r in find_reports(REPORTS) if r.id == SEEDS[year])
    from_pdf = report_to_observations(read_pdf_report(pdfs[report.id]), report.id, default_vocabulary(), report.scope)
    text = {k: o.value for k, o in distinct_observations(parsed(report.id)).items()}
    pdf = {k: o.value for k, o in distinct_observations(from_pdf).items()}
    assert sorted(set(text) - set(pdf))[:5] == [] and sorted(set(pdf) - set(text))[:5] == []
    assert [k for k in text if text[k] != pdf[k]][:5] == []
    assert len(pdf) == len(text) > 700


def test_a_pdf_dropped_into_content_is_built(pdfs, tmp_path):
    pdf = pdfs[SEEDS["2020"]].read_bytes()
    toml = (REPORTS / f"{SEEDS['2020']}.toml").read_bytes()
    content = content_with(
        tmp_path, {"2020-01_2020-02_fylke.pdf": pdf, "2020-01_2020-02_fylke.toml": toml}, seeds=("2014",)
    )
    status, printed = run(content, tmp_path / "site")
    assert status == 0, printed
    assert "2 reports" in printed


def test_unknown_label_in_a_pdf_names_file_page_and_line(tmp_path):
    from pdfgen import report_to_pdf

    from tiltaksdata.read.text import text_to_report

    text = (REPORTS / f"{SEEDS['2020']}.txt").read_text(encoding="utf-8").replace("Vestland\t1 306", "Vestlund\t1 306")
    pdf = report_to_pdf(text_to_report(text.encode(), "x.txt"), tmp_path / "2020-01_2020-02_x.pdf")
    status, printed = run(content_with(tmp_path, {pdf.name: pdf.read_bytes()}, seeds=()), tmp_path / "site")
    assert status == 1
    assert "error: 2020-01_2020-02_x.pdf, page " in printed and ", line " in printed
    assert "unknown label 'Vestlund'" in printed
