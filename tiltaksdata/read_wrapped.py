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

from .errors import ReportError
from .model import RawRow, RawTable
from .numbers import VALUE_TOKEN
from .periods import is_month, text_to_months

KILDE = re.compile(r"Kilde: NAV\s*(.*)$")
UPDATED = re.compile(r"^(.*?)\s*Rapport oppdatert:")
FOOTER = re.compile(r"^Side \d+ av \d+")
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


def header_to_columns(text: str) -> tuple[str, ...] | None:
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


def lines_to_tables_wrapped(lines: list[str], source: str) -> tuple[str, str, list[RawTable]]:
    """Walk a wrapped-layout text, returning its report title, period text and tables."""
    title = period = latest = section = ""
    tables: list[RawTable] = []
    current: RawTable | None = None
    label: list[str] = []
    header: list[str] | None = None
    page = 0
    for number, raw in enumerate(lines, start=1):
        text = raw.replace("**", "").strip()
        if not text:
            continue
        if "Kilde: NAV" in text or FOOTER.match(text):
            kilde = KILDE.search(text)
            if kilde and not FOOTER.match(text) and kilde[1].strip() != "Fotnote":
                page += 1
                title = title or kilde[1].strip()
            current, label, header = None, [], None
            continue
        if updated := UPDATED.match(text):
            section = updated[1].strip()
            continue
        if text_to_months(text):
            period, latest, label = period or text, text, []
            continue
        if header is not None or text.startswith(("Gjennom", "snitt hittil")):
            header = (header or []) + [text]
            if re.search(r"\bi år\b", text):
                columns = header_to_columns(" ".join(header))
                if columns is None:
                    raise ReportError("bad-header", f"column header not understood: {' '.join(header)!r}",
                                      source, line=number, page=page or None)
                current, header, label = RawTable(source, number, page or None, section, "", latest,
                                                  columns), None, []
                tables.append(current)
            continue
        if all(is_month(w) for w in text.split()):
            current, label = RawTable(source, number, page or None, section, "", latest,
                                      tuple(w.capitalize() for w in text.split())), []
            tables.append(current)
            continue
        if current is None:
            continue  # prose outside tables: "Om statistikken", notes on breaks in the series
        tokens = text.split(" ")
        width = len(current.header)
        if len(tokens) > width and all(VALUE_TOKEN.match(t) for t in tokens[-width:]):
            row_label = join_wrapped(label + [" ".join(tokens[:-width])])
            current.rows.append(RawRow(row_label, tuple(tokens[-width:]), number, page or None))
            label = []
        elif len(tokens) == width and all(VALUE_TOKEN.match(t) for t in tokens) and label:
            current.rows.append(RawRow(join_wrapped(label), tuple(tokens), number, page or None))
            label = []
        else:
            label.append(text)
    return title, period, tables
