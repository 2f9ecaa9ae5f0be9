"""Reader for NAV's PDF reports, on pdfplumber's words and their positions.

`extract_table` finds nothing in NAV's tables (no ruling lines) and text extraction loses their
geometry, so the reader works from `extract_words`:

    pdf_to_words → words_to_lines (rows from y-positions) → lines_to_phrases (words closer than
    a character joined: `3` `125` → `3 125`) → phrases_to_text (header cells from x-overlap,
    numbers assigned to header columns, wrapped labels left on their lines)

and hands the result, line by line, to the same walkers that read text extracts (tabbed for
the classic 2014–2020 layout, wrapped for the 2026 layout). Tables, vocabularies and checks are
therefore shared, not copied. Pages and lines in errors are the PDF's: `page 3, line 12` is the
12th line of text from the top of page 3.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from pathlib import Path

from tiltaksdata.errors import ReportError
from tiltaksdata.model import RawReport
from tiltaksdata.numbers import CELL
from tiltaksdata.periods import text_to_months
from tiltaksdata.read.pdf_rows import PageLine, continuations_joined
from tiltaksdata.read.text import FOOTER_LINE, lines_to_tables_tabbed
from tiltaksdata.read.wrapped import lines_to_tables_wrapped

LINE_TOLERANCE = 2.0  # points: words whose tops differ less are on one line
HEADER_INDENT = 30.0  # points right of the page's left margin where column headers start
WORD_GAP = 1.1  # character widths: words closer than this are one phrase (a number with a thin space, a wrapped label)


@dataclass(frozen=True)
class Phrase:
    """Words of one line closer together than a character's width, with their extent."""

    text: str
    x0: float
    x1: float


def pdf_to_words(path: Path) -> list[list[dict]]:
    """Every page's words with positions; unreadable, encrypted, empty and image-only PDFs are errors."""
    import pdfplumber
    from pdfminer.pdfdocument import PDFEncryptionError, PDFPasswordIncorrect

    name = path.name
    try:
        with pdfplumber.open(path) as pdf:
            if not pdf.pages:
                raise ReportError("empty-pdf", "the PDF has no pages", name)
            pages = []
            for number, page in enumerate(pdf.pages, start=1):
                try:
                    pages.append(page.extract_words(keep_blank_chars=False, use_text_flow=False))
                except Exception as err:  # pdfminer raises many kinds on damaged content streams
                    raise ReportError(
                        "damaged-pdf", f"page {number} cannot be read: {err}", name, page=number
                    ) from None
    except ReportError:
        raise
    except Exception as err:
        # pdfplumber wraps pdfminer's errors; the cause says what is wrong with the file.
        cause = err.args[0] if err.args and isinstance(err.args[0], Exception) else err
        if isinstance(cause, (PDFPasswordIncorrect, PDFEncryptionError)):
            raise ReportError(
                "encrypted-pdf",
                "the PDF is encrypted and needs a password",
                name,
                hint="Download the report again from NAV, or save it without a password.",
            ) from None
        detail = str(cause) or type(cause).__name__
        raise ReportError(
            "bad-pdf",
            f"not a readable PDF ({detail})",
            name,
            hint="The file may be truncated or not a PDF; download it again.",
        ) from None
    if not any(pages):
        raise ReportError(
            "no-text-layer",
            f"none of the {len(pages)} page(s) has text (a scanned image?)",
            name,
            page=1,
            hint="NAV's reports carry text; use the original PDF, not a scan.",
        )
    return pages


def words_to_lines(words: list[dict]) -> list[list[dict]]:
    """Group a page's words into lines by their tops, top to bottom, each left to right."""
    lines: list[list[dict]] = []
    for word in sorted(words, key=lambda w: (round(w["top"], 1), w["x0"])):
        if lines and abs(word["top"] - lines[-1][0]["top"]) <= LINE_TOLERANCE:
            lines[-1].append(word)
        else:
            lines.append([word])
    return [sorted(line, key=lambda w: w["x0"]) for line in lines]


def line_to_phrases(line: list[dict]) -> list[Phrase]:
    """Join words less than a character apart: `3` `125` → `3 125`, `Nedsatt` `arbeidsevne,` → one."""
    phrases: list[Phrase] = []
    for word in line:
        text = word["text"]
        if phrases:
            last = phrases[-1]
            width = (last.x1 - last.x0) / max(len(last.text), 1)
            if word["x0"] - last.x1 <= WORD_GAP * width:
                phrases[-1] = Phrase(f"{last.text} {text}", last.x0, word["x1"])
                continue
        phrases.append(Phrase(text, word["x0"], word["x1"]))
    return phrases


def _header_cells(lines: list[list[Phrase]]) -> list[Phrase]:
    """Column header cells from header lines: phrases overlapping in x are one cell, top to bottom."""
    cells: list[Phrase] = []
    for line in lines:
        for phrase in line:
            for i, cell in enumerate(cells):
                if phrase.x0 <= cell.x1 and cell.x0 <= phrase.x1:
                    cells[i] = Phrase(f"{cell.text} {phrase.text}", min(cell.x0, phrase.x0), max(cell.x1, phrase.x1))
                    break
            else:
                cells.append(phrase)
    return sorted(cells, key=lambda c: c.x0)


def _numbers_at_end(line: list[Phrase]) -> int:
    """How many phrases at the end of a line are numbers (never the first phrase: that is a label)."""
    count = 0
    for phrase in reversed(line[1:]):
        if not CELL.match(phrase.text):
            break
        count += 1
    return count


def _place(numbers: list[Phrase], columns: list[Phrase]) -> list[str]:
    """Numbers into their columns; a column with no number is a blank cell."""
    if len(numbers) == len(columns):
        return [n.text for n in numbers]
    cells = [""] * len(columns)
    for number in numbers:
        centre = (number.x0 + number.x1) / 2
        best = min(
            range(len(columns)),
            key=lambda i: min(abs(number.x1 - columns[i].x1), abs(centre - (columns[i].x0 + columns[i].x1) / 2)),
        )
        cells[best] = number.text
    return cells


def pages_to_lines(pages: list[list[dict]], wrapped: bool) -> tuple[list[str], list[tuple[int, int]]]:
    """The PDF as text lines for the walkers, and each line's (page, line on page).

    In the classic layout a row whose cells are all blank prints only its label; it is told
    from a subtitle by sitting one row pitch below the table's previous row.
    """
    out: list[str] = []
    where: list[tuple[int, int]] = []
    for page_number, words in enumerate(pages, start=1):
        page: list[PageLine] = []
        word_lines = words_to_lines(words)
        lines = [line_to_phrases(line) for line in word_lines]
        margin = min((line[0].x0 for line in lines if line), default=0.0)
        columns: list[Phrase] = []
        header: list[list[Phrase]] = []
        last_row, pitch = None, None
        for line_number, (line, top) in enumerate(zip(lines, (w[0]["top"] for w in word_lines)), start=1):
            text = " ".join(p.text for p in line)
            count = _numbers_at_end(line)
            numeric = all(CELL.match(p.text) for p in line)
            if line[0].x0 > margin + HEADER_INDENT and not FOOTER_LINE.match(text) and not numeric:
                header.append(line)
                continue
            if header:
                columns = _header_cells(header)
                cells = [c.text for c in columns]
                page.append(
                    PageLine(
                        " ".join(cells) if wrapped else "\t" + "\t".join(cells), (page_number, line_number - 1), top
                    )
                )
                header, last_row, pitch = [], None, None
            blank_row = (
                not wrapped
                and not count
                and columns
                and last_row is not None
                and pitch
                and abs(top - last_row - pitch) <= 1.0
            )
            if count and columns or blank_row:
                label = " ".join(p.text for p in line[: len(line) - count])
                cells = _place(line[len(line) - count :], columns) if count else [""] * len(columns)
                if wrapped:
                    text = " ".join([label, *(c.replace(" ", "\u00a0") for c in cells)])
                else:
                    text = "\t".join([label, *cells])
                pitch = pitch or (top - last_row if last_row is not None else None)
                last_row = top
                page.append(PageLine(text, (page_number, line_number), top, label, tuple(cells)))
                continue
            last_row, pitch = None, None
            loose = wrapped and bool(columns) and _in_label_column(line, text, columns)
            page.append(PageLine(text, (page_number, line_number), top, loose=loose))
        for kept in continuations_joined(page) if wrapped else page:
            out.append(kept.text)
            where.append(kept.where)
    return out, where


def _in_label_column(line: list[Phrase], text: str, columns: list[Phrase]) -> bool:
    """Label text only, left of the number columns: no numbers, no page furniture (a title, a period)."""
    return (
        all(p.x1 < columns[0].x0 for p in line)
        and not any(CELL.match(p.text) for p in line)
        and not FOOTER_LINE.match(text)
        and "Kilde: NAV" not in text
        and "Rapport oppdatert" not in text
        and not text_to_months(text)
    )


def _relocate(report: RawReport, where: list[tuple[int, int]]) -> RawReport:
    """Give tables and rows the PDF's page and line instead of the joined text's line."""
    for table in report.tables:
        table.page, table.line = where[table.line - 1]
        if table.subtitle_line:
            table.subtitle_line = where[table.subtitle_line - 1][1]
        if table.period_line:
            table.period_line = where[table.period_line - 1][1]
        table.rows = [replace(row, page=where[row.line - 1][0], line=where[row.line - 1][1]) for row in table.rows]
    report.marks = [replace(mark, page=where[mark.line - 1][0], line=where[mark.line - 1][1]) for mark in report.marks]
    return report


def read_pdf_report(path: Path) -> RawReport:
    """Read a NAV PDF report into raw tables, as the text reader does for an extract."""
    pages = pdf_to_words(path)
    first = " ".join(w["text"] for w in pages[0][:60])
    wrapped = "Kilde: NAV" in first and "Rapport oppdatert" in first
    lines, where = pages_to_lines(pages, wrapped)
    try:
        title, period, tables, marks = (lines_to_tables_wrapped if wrapped else lines_to_tables_tabbed)(
            lines, path.name
        )
    except ReportError as err:
        p = err.problem
        page, line = where[p.line - 1] if p.line else (None, None)
        raise ReportError(p.type, p.message, path.name, line, page, p.hint) from None
    if not tables or "tiltak" not in (title or "").lower():
        raise ReportError(
            "not-a-tiltak-report",
            "no NAV table of tiltaksdeltakere found" + (f" (title: {title!r})" if title else ""),
            path.name,
            page=1,
            hint="tiltaksdata reads NAV's reports on participants in labour-market measures.",
        )
    return _relocate(
        RawReport(path.name, title, period, "pdf-wrapped" if wrapped else "pdf-classic", tables, marks, len(pages)),
        where,
    )
