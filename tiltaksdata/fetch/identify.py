"""A downloaded file → what report it is, read with the project's own reader: its printed title,
its months (printed, cross-checked with the month in NAV's file name), its family, its «Rapport
oppdatert», and the notes and breaks NAV states in it."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from tiltaksdata.errors import ReportError
from tiltaksdata.model import RawReport
from tiltaksdata.normalise.families import Family, family_of, implied_scope, load_families
from tiltaksdata.normalise.vocabulary import Vocabulary
from tiltaksdata.periods import MONTHS, is_month, text_to_months, updated_to_date
from tiltaksdata.read.provenance import NAV_FILE_MONTH, WORKBOOKS
from tiltaksdata.read.report import read_report
from tiltaksdata.read.rows import FURNITURE, KILDE, TITLE, UPDATED

# NAV's file names: `202605_TILT100 …`, `2026.04_TILT100 …`; also loosely `2026-05 …` or `202605 …`.
NAME_MONTH = re.compile(r"^(\d{4})[.-]?(0[1-9]|1[0-2])(?:[_ \-]|$)")
BREAK = re.compile(rf"[^.]*\bbrudd\b[^.]*?\bfra\s+({'|'.join(MONTHS)})\s+(\d{{4}})[^.]*\.(\s*[^.]*\.)?", re.IGNORECASE)
PARTICIPANT_GROUPS = re.compile(r"arbeidssøkere|andre på tiltak|nedsatt arbeidsevne|hovedgrupp", re.IGNORECASE)
LEAST_WORDS = 6  # a shorter «sentence» is a title or a heading (`Deltakere i arbeidsrettede tiltak.`)
SENTENCE_END = re.compile(r"(?<=[.!?])\s+|(?<=[.!?][»”\"'])\s+")


@dataclass
class Identity:
    """What report a file is, as it says itself."""

    title: str
    first: str  # YYYY-MM
    last: str
    family: Family | None
    published: str  # «Rapport oppdatert» as YYYY-MM-DD; "" where the file prints none
    layout: str
    scope: dict[str, str] = field(default_factory=dict)
    notes_nb: str = ""
    breaks: list[dict[str, str]] = field(default_factory=list)

    @property
    def period(self) -> str:
        """The provenance's period: `2026-01` or `2026-01/2026-04`."""
        return self.first if self.first == self.last else f"{self.first}/{self.last}"


class NotAReport(ReportError):
    """A file that reads, but whose title, months or date cannot be told from it."""


@lru_cache(maxsize=1)
def _families() -> tuple[Family, ...]:
    return tuple(load_families())


@lru_cache(maxsize=1)
def _vocabulary() -> Vocabulary:
    return Vocabulary()


def name_month(name: str) -> str:
    """The month in NAV's file name (`202605_…`, `2026.04_…`) as YYYY-MM, or ""."""
    found = NAV_FILE_MONTH.match(name) or NAME_MONTH.match(name)
    return f"{found[1]}-{found[2]}" if found else ""


def raw_to_months(raw: RawReport, named: str) -> list[str]:
    """The months a report covers: the period it prints, else its tables', else January to the month of
    NAV's file name (a year-to-date file) with the month columns inside it."""
    for text in [raw.period_text, *(t.period_text for t in raw.tables)]:
        if text and (months := text_to_months(text)):
            return months
    if not named:
        return []
    columns = {h.strip().lower() for t in raw.tables for h in t.header if is_month(h)}
    months = [f"{named[:4]}-{m:02d}" for m in range(1, int(named[5:]) + 1)]
    return months if columns <= {MONTHS[int(m[5:]) - 1] for m in months} else []


def file_to_identity(path: Path, nav_name: str) -> Identity:
    """Read a downloaded file; a file that does not read raises the reader's ReportError, one whose
    report cannot be told a NotAReport."""
    raw = read_report(path)
    named = name_month(nav_name)
    months = raw_to_months(raw, named)
    if not raw.title:
        raise NotAReport("not-a-report", "the file prints no report title", path.name)
    if not months:
        raise NotAReport("not-a-report", "the file prints no period and its name gives no month", path.name)
    if named and named != months[-1]:
        raise NotAReport(
            "period-mismatch",
            f"NAV's file name says {named}, but the file's period ends {months[-1]}",
            path.name,
            hint="NAV may have put another month's file under this name: look at the page, and tell NAV.",
        )
    updated = sorted({updated_to_date(m.text) for m in raw.marks if m.kind == "updated"})
    if len(updated) > 1:
        raise NotAReport("published-mismatch", f"the file prints {len(updated)} update dates", path.name)
    family = family_of(raw.title, list(_families()))
    notes = file_to_notes(path, raw)
    return Identity(
        raw.title,
        months[0],
        months[-1],
        family,
        updated[0] if updated else "",
        raw.layout,
        implied_scope(raw.title, family, _vocabulary()),
        notes,
        notes_to_breaks(notes),
    )


def file_to_notes(path: Path, raw: RawReport) -> str:
    """The sentences NAV prints about the statistics (the «Om statistikken» sheet, or a PDF's first page
    down to its first row of figures), as one paragraph: titles, headings and labels are not sentences."""
    lines = _workbook_text(path) if path.suffix.lower() in WORKBOOKS else _pdf_text(path)
    prose: list[str] = []
    for line in (" ".join(line.split()) for line in lines):
        if _numbers(line) >= 2 and path.suffix.lower() == ".pdf":
            break  # a row of figures: the tables begin
        furniture = TITLE.match(line) or KILDE.match(line) or FURNITURE.match(line) or UPDATED.match(line)
        ended = not prose or _ends_sentence(prose[-1])
        heading = ended and len(line.split()) < 4 and not _ends_sentence(line)  # «Om tabellene»
        if not (furniture or heading or text_to_months(line) or line == raw.title or "Rapport oppdatert" in line):
            prose.append(line)
    kept: list[str] = []
    for sentence in SENTENCE_END.split(" ".join(prose)):
        sentence = sentence.strip()
        if _is_sentence(sentence) and sentence not in kept:
            kept.append(sentence)
    return " ".join(kept)


def _numbers(text: str) -> int:
    """How many figures (`4257`, `*`) a line holds."""
    return sum(token.strip(".,;:") in ("*",) or token.strip(".,;:").isdigit() for token in text.split())


def _is_sentence(text: str) -> bool:
    """A sentence of prose: ends as one, has words enough, and is not a row of figures."""
    return _ends_sentence(text) and len(text.split()) >= LEAST_WORDS and _numbers(text) <= 2


def _ends_sentence(text: str) -> bool:
    return bool(re.search(r"[.!?][»”\"')]*$", text))


def notes_to_breaks(notes: str) -> list[dict[str, str]]:
    """Every break in the series NAV announces («brudd i statistikken … fra april 2025»), with its month."""
    breaks = []
    for found in BREAK.finditer(notes):
        sentence = " ".join(found[0].split())
        breaks.append(
            {
                "period": f"{found[2]}-{MONTHS.index(found[1].lower()) + 1:02d}",
                "dimension": "participant_group" if PARTICIPANT_GROUPS.search(sentence) else "measure",
                "note": f"NAV: «{sentence}»",
            }
        )
    return breaks


def _workbook_text(path: Path) -> list[str]:
    from tiltaksdata.read.excel import workbook_to_sheets

    for sheet in workbook_to_sheets(path):  # the first sheet: «Om statistikken» in NAV's workbooks
        return [str(v) for _, values in sheet.rows for v in values if isinstance(v, str) and v.strip()]
    return []


def _pdf_text(path: Path) -> list[str]:
    import pdfplumber

    with pdfplumber.open(path) as pdf:
        return (pdf.pages[0].extract_text() or "").splitlines() if pdf.pages else []
