"""The wrapped layout: pdfplumber's text of NAV's 2026-style PDF reports.

Labels wrap over several lines and the numbers follow on the last one:

    I alt varig
    tilrettelagt
    arbeid i 4 257 4 257

Numbers use a non-breaking space between thousands, so a plain space separates cells.
Each page starts `Kilde: NAV <report title>` and `<table title> Rapport oppdatert: <date>`;
each table (and each page of it) starts with the column header `Gjennom / snitt hittil / i år
Januar …`.
"""

from __future__ import annotations

import re

from tiltaksdata.errors import ReportError
from tiltaksdata.model import Mark, RawRow, RawTable
from tiltaksdata.numbers import VALUE_TOKEN
from tiltaksdata.periods import is_month, text_to_months

KILDE = re.compile(r"Kilde: NAV\s*(.*)$")
UPDATED = re.compile(r"^(.*?)\s*Rapport oppdatert:")
UPDATED_DATE = re.compile(r"Rapport oppdatert:\s*(\d{1,2}\.\d{1,2}\.\d{4})")
PAGE_NUMBER_LINE = re.compile(r"^Side \d+ av \d+")
YTD = "Gjennomsnitt hittil i år"


def looks_wrapped(lines: list[str]) -> bool:
    """True when the text has NAV's `Kilde: NAV …` / `Rapport oppdatert:` page headers."""
    head = [line.strip() for line in lines[:200]]
    return any("Kilde: NAV" in line for line in head) and any(UPDATED.match(line) for line in head)


def join_wrapped(parts: list[str]) -> str:
    """Join a label's wrapped lines: `Aurskog-` + `Høland` → `Aurskog-Høland`, else a space."""
    text = ""
    for part in (p.strip() for p in parts if p.strip()):
        if re.search(r"\w-$", text):
            text += part
        else:
            text = f"{text} {part}" if text else part
    return text


def header_text_to_names(text: str) -> tuple[str, ...] | None:
    """`Gjennom snitt hittil i år Januar` → (`Gjennomsnitt hittil i år`, `Januar`).

    The words of the first column may be clipped or lost at a page top (` snitt hittil`).
    """
    words = text.split()
    ytd_words = {"gjennom", "snitt", "gjennomsnitt", "hittil", "i", "år"}
    lead = 0
    while lead < len(words) and words[lead].lower() in ytd_words:
        lead += 1
    columns = [YTD] if "hittil" in (w.lower() for w in words[:lead]) else []
    months = words[lead:]
    if not months or not all(is_month(w) for w in months):
        return None
    return tuple(columns + [w.capitalize() for w in months])


def _stray(number: int, text: str, source: str, page: int, where: str) -> ReportError:
    return ReportError(
        "line-outside-table",
        f"{where}: {text!r}",
        source,
        line=number,
        page=page or None,
        hint="A row lost its numbers, the text was cut, or a line was pasted into the "
        "report. Read the report again from NAV's PDF.",
    )


def lines_to_tables_wrapped(lines: list[str], source: str) -> tuple[str, str, list[RawTable], list[Mark]]:
    """Walk a wrapped-layout text, returning its report title, period text, tables and marks.

    Text before the first table is the report's introduction. After it, every line must be page
    furniture (`Kilde: NAV …`, `… Rapport oppdatert: …`, a period, `Side N av M`), a column
    header, or part of a row: a label that never gets its numbers, or a row outside a table,
    is a problem with its line — never dropped as prose.
    """
    title = period = latest = section = ""
    latest_line: int | None = None
    tables: list[RawTable] = []
    marks: list[Mark] = []
    current: RawTable | None = None
    label: list[tuple[int, str]] = []
    header: list[str] | None = None
    page = 0

    def no_label_left(where: str) -> None:
        if label and tables:
            raise _stray(
                label[0][0], " ".join(t for _, t in label), source, page, f"a row label without numbers {where}"
            )

    for number, raw in enumerate(lines, start=1):
        text = raw.replace("**", "").strip()
        if not text:
            continue
        if "Kilde: NAV" in text or PAGE_NUMBER_LINE.match(text):
            no_label_left("before the page ends")
            if page_of := PAGE_NUMBER_LINE.match(text):
                marks.append(Mark("page", page_of[0], number, page or None))
            kilde = KILDE.search(text)
            if kilde and not PAGE_NUMBER_LINE.match(text) and kilde[1].strip() != "Fotnote":
                page += 1
                title = title or kilde[1].strip()
            current, label, header = None, [], None
            continue
        if updated := UPDATED.match(text):
            no_label_left("before a page header")
            section = updated[1].strip()
            if date := UPDATED_DATE.search(text):
                marks.append(Mark("updated", date[1], number, page or None))
            continue
        if text_to_months(text):
            no_label_left("before a period line")
            marks.append(Mark("period", text, number, page or None))
            period, latest, latest_line, label = period or text, text, number, []
            continue
        if header is not None or text.startswith(("Gjennom", "snitt hittil")):
            no_label_left("before a column header")
            header = (header or []) + [text]
            if re.search(r"\bi år\b", text):
                columns = header_text_to_names(" ".join(header))
                if columns is None:
                    raise ReportError(
                        "bad-header",
                        f"column header not understood: {' '.join(header)!r}",
                        source,
                        line=number,
                        page=page or None,
                    )
                current, header, label = (
                    RawTable(source, number, page or None, section, "", latest, columns, period_line=latest_line),
                    None,
                    [],
                )
                tables.append(current)
            continue
        if all(is_month(w) for w in text.split()):
            no_label_left("before a column header")
            current, label = (
                RawTable(
                    source,
                    number,
                    page or None,
                    section,
                    "",
                    latest,
                    tuple(w.capitalize() for w in text.split()),
                    period_line=latest_line,
                ),
                [],
            )
            tables.append(current)
            continue
        if current is None:
            if tables:
                raise _stray(
                    number,
                    text,
                    source,
                    page,
                    "a line outside any table (after a page header, before the table's column header)",
                )
            continue  # the report's introduction: "Om statistikken", notes on breaks in the series
        tokens = text.split(" ")
        width = len(current.header)
        if len(tokens) > width and all(VALUE_TOKEN.match(t) for t in tokens[-width:]):
            row_label = join_wrapped([t for _, t in label] + [" ".join(tokens[:-width])])
            current.rows.append(RawRow(row_label, tuple(tokens[-width:]), number, page or None))
            label = []
        elif len(tokens) == width and all(VALUE_TOKEN.match(t) for t in tokens) and label:
            current.rows.append(RawRow(join_wrapped([t for _, t in label]), tuple(tokens), number, page or None))
            label = []
        else:
            label.append((number, text))
    no_label_left("at the end of the report")
    return title, period, tables, marks
