"""Reader for plain-text extracts of NAV reports: bytes → lines → raw tables.

Two layouts occur. The *tabbed* layout (2014–2020 extracts) has one row per line and cells
separated by tabs. The *wrapped* layout (pdfplumber's `extract_text` of the 2026 PDF) has labels
wrapped over several lines and the numbers at the end of the last one; see `read_wrapped`.
"""

from __future__ import annotations

import re
import unicodedata
from pathlib import Path

from tiltaksdata.errors import ReportError
from tiltaksdata.model import Mark, RawReport, RawRow, RawTable
from tiltaksdata.periods import text_to_months
from tiltaksdata.read.wrapped import lines_to_tables_wrapped, looks_wrapped

PAGE_HEADER = re.compile(r"^Deltakere i arbeidsrettede tiltak\.")
FOOTER_LINE = re.compile(r"^(Side \d+ av \d+|Kilde:)")
PAGE_NUMBER = re.compile(r"\bSide (\d+) av (\d+)")
DEBRIS = re.compile(r"^[-|:\s]*$")


def bytes_to_lines(data: bytes, source: str) -> list[str]:
    """Decode a text extract to lines, rejecting empty and binary files with a clear error."""
    if not data.strip():
        raise ReportError(
            "empty-file",
            "the file is empty",
            source,
            hint="Put a NAV report (PDF or text extract) here, or remove the file.",
        )
    if b"\x00" in data[:4096]:
        raise ReportError(
            "binary-file",
            "the file is binary, not a text extract",
            source,
            hint="Save reports as .pdf or as UTF-8 text extracts (.txt).",
        )
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as err:
        line = data[: err.start].count(b"\n") + 1
        raise ReportError(
            "not-utf8", f"not UTF-8 text ({err.reason})", source, line=line, hint="Save the extract as UTF-8."
        ) from None
    text = unicodedata.normalize("NFC", text)
    return text.replace("\r\n", "\n").replace("\r", "\n").split("\n")


def clean_text_line(line: str) -> str:
    """A line without markdown emphasis and surrounding blanks: `**Kvinner**` → `Kvinner`."""
    return line.replace("**", "").replace("__", "").strip()


def _stray(pending: list[tuple[int, str]], source: str, page: int, where: str) -> ReportError:
    number, text = pending[0]
    return ReportError(
        "line-outside-table",
        f"a line {where} is not part of any table: {text!r}",
        source,
        line=number,
        page=page or None,
        hint="A table row lost its tabs, or text was pasted into the report. "
        "Fix the extract, or read the report from NAV's PDF.",
    )


def lines_to_tables_tabbed(lines: list[str], source: str) -> tuple[str, str, list[RawTable], list[Mark]]:
    """Walk a tabbed extract, returning its report title, its period text, its tables and marks.

    Text lines before a period line name the section (the last of them: prose before it is the
    report's introduction); text lines after it, the table's subtitle. A subtitle printed at the
    foot of a page (after a table's rows) carries over to the next page's table when that page
    prints none of its own. Any other text line — between the rows of a table, or on a page
    after the first table that holds no table — is a problem, never dropped silently.
    """
    title = period = latest = section = ""
    latest_line: int | None = None
    tables: list[RawTable] = []
    marks: list[Mark] = []
    pending: list[tuple[int, str]] = []
    carried: list[tuple[int, str]] = []
    after_data = False
    page = 0
    current: RawTable | None = None
    for number, raw in enumerate(lines, start=1):
        stripped = raw.strip()
        if not stripped:
            continue
        if FOOTER_LINE.match(stripped):
            if side := PAGE_NUMBER.search(stripped):
                marks.append(Mark("page", side[0], number, page or None))
            continue
        if "\t" not in raw:
            text = clean_text_line(raw)
            if not text or DEBRIS.match(text):
                continue
            if PAGE_HEADER.match(text):
                title = title or text
                page += 1
                if pending and not after_data and tables:
                    raise _stray(pending, source, page - 1, "on a page without a table")
                carried = pending if after_data and pending else carried
                pending, after_data, current = [], False, None
            elif text_to_months(text):
                marks.append(Mark("period", text, number, page or None))
                period, latest, latest_line = period or text, text, number
                if len(pending) > 1 and tables:
                    raise _stray(pending, source, page, "before a section title")
                if pending:
                    section = pending[-1][1]
                pending, current = [], None
            else:
                pending.append((number, text))
            continue
        cells = [c.strip() for c in raw.split("\t")]
        if all(DEBRIS.match(c) for c in cells):
            continue
        if cells[0] == "":
            sub = pending or carried
            current = RawTable(
                source,
                number,
                page or None,
                section,
                " ".join(t for _, t in sub),
                latest,
                tuple(cells[1:]),
                subtitle_line=sub[0][0] if sub else None,
                period_line=latest_line,
            )
            tables.append(current)
            pending, carried, after_data = [], [], False
            continue
        if current is None:
            raise ReportError(
                "row-without-header",
                f"a table row before any header row: {cells[0]!r}",
                source,
                line=number,
                page=page or None,
                hint="Every table needs a header row starting with a tab.",
            )
        if pending:
            raise _stray(pending, source, page, "between the rows of a table")
        if len(cells) - 1 != len(current.header):
            raise ReportError(
                "ragged-row",
                f"row {cells[0]!r} has {len(cells) - 1} cells, the header {len(current.header)}",
                source,
                line=number,
                page=page or None,
            )
        current.rows.append(RawRow(clean_text_line(cells[0]), tuple(cells[1:]), number, page or None))
        after_data = True
    if pending and after_data is False and tables:
        raise _stray(pending, source, page, "after the last table")
    return title, period, tables, marks


def text_to_report(data: bytes, source: str) -> RawReport:
    """Read a text extract in either layout into raw tables; unknown layouts are an error."""
    lines = bytes_to_lines(data, source)
    if any("\t" in line for line in lines):
        title, period, tables, marks = lines_to_tables_tabbed(lines, source)
        layout = "tabbed"
    elif looks_wrapped(lines):
        title, period, tables, marks = lines_to_tables_wrapped(lines, source)
        layout = "wrapped"
    else:
        raise ReportError(
            "unknown-layout",
            "no NAV table layout recognised: neither tab-separated "
            "rows nor pdfplumber text with 'Kilde: NAV' page headers",
            source,
            line=1,
            hint="Is this a NAV report on tiltaksdeltakere? See README, 'Adding a report'.",
        )
    if not tables:
        raise ReportError(
            "no-tables",
            f"no tables found in the {layout} layout",
            source,
            hint="The file looks like a NAV report but holds no table rows.",
        )
    return RawReport(source, title, period, layout, tables, marks)


def read_text_report(path: Path) -> RawReport:
    """Read a text-extract report file."""
    return text_to_report(path.read_bytes(), path.name)
