"""Render a RawReport as a PDF laid out as NAV lays its reports out: fixtures for the PDF reader.

classic (layout "tabbed", 2014–2020): each page starts with the report title, section title, period
and subtitle; column names wrap inside their column, bottom-aligned; a row is one line, label left,
cells right-aligned. Footer "Kilde: NAV" left, "Side N av M" right.
wrapped (2026): each page starts "Kilde: NAV <report title>", then the section title left and
"Rapport oppdatert: 02.02.2026" right, then the period; labels wrap in a narrow column and the
numbers sit on the baseline of a label's last line. Footer "Side N av M" left, "Kilde: NAV Fotnote" right.

Tables keep the pages the text reader found (`RawTable.page`); a table that overflows its page goes
on with the title block, the column header and its first row ("I alt …") repeated. Built-in fonts get
WinAnsi with 0xA0 named /nbspace, so U+00A0 reaches the text layer; beyond WinAnsi, DejaVu takes over
(and U+00A0 is still drawn with a built-in font, as reportlab's TrueType code makes it a space).

    python tests/pdfgen.py OUT   # OUT/<seed>.pdf and OUT/times-letter/<seed>.pdf
"""

from __future__ import annotations

import codecs
import itertools
import re
import sys
import time
import warnings
from dataclasses import dataclass
from pathlib import Path

from reportlab.lib.pagesizes import A4, LETTER, landscape, portrait
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.rl_codecs import RL_Codecs
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen.canvas import Canvas

from tiltaksdata.model import RawReport, RawRow, RawTable
from tiltaksdata.read.text import read_text_report

REPORTS = Path(__file__).resolve().parents[1] / "content" / "reports"
BIG_SEED = "2026-01_tilrettelagt-arbeid-demografi"
NBSP = "\xa0"
MARGIN = 36.0
UPDATED = "Rapport oppdatert: 02.02.2026"
YTD_BREAK = "Gjennom"  # wrapped number columns are this wide: "Gjennom / snitt hittil / i år"
INTRO = (
    '"Om statistikken - Arbeidssøkere" finner du på nav.no ved å følge lenken under relatert '
    'informasjon på siden "Tiltaksdeltakere".',
    "I henhold til Statistikklovens § 2-6 har NAV valgt å erstatte verdier i celler hvor tallene er "
    "mindre enn 4 med spesialtegn «*».",
    "Dette for å sikre at verdiene ikke kan føres tilbake til identifiserbare enkeltpersoner.",
)
BOLD = {"Helvetica": "Helvetica-Bold", "Times-Roman": "Times-Bold", "Courier": "Courier-Bold"}
DEJAVU = {"Helvetica": "DejaVuSans", "Times-Roman": "DejaVuSerif", "Courier": "DejaVuSansMono"}
FONT_DIRS = (Path("/usr/share/fonts/truetype/dejavu"), Path("/usr/share/fonts/dejavu"))
Op = tuple[float, float, str, str, float, str]  # x, baseline y, text, font, size, "l" or "r"
_registered: set[str] = set()


@dataclass(frozen=True)
class Style:
    """How a report looks: font (built-in or DejaVu*), size, paper (turned as the layout needs)."""

    font: str = "Helvetica"
    font_size: float = 8
    pagesize: tuple[float, float] = A4
    label_width: float | None = None  # points; None: 72 (wrapped), the widest label (classic)
    row_gap: float | None = None  # line heights between two rows of the wrapped layout (NAV's: 0.6)
    top_aligned: frozenset[int] = frozenset()  # pages (1-based) whose wrapped cells are top-aligned: the
    # numbers on a label's first line, the rest of the label below them (NAV's other PDF style)


def _builtin(font: str) -> str:
    """A built-in font re-encoded so that U+00A0 is /nbspace (reportlab's WinAnsi makes it a space)."""
    if "NavAnsi" not in _registered:
        exceptions, reverse = RL_Codecs._RL_Codecs__rl_codecs_data["winansi"]
        decoding = codecs.make_identity_dict(range(32, 256)) | exceptions | {0xA0: 0xA0}
        RL_Codecs.add_dynamic_codec(
            "navansiencoding", codecs.make_encoding_map(decoding) | reverse | {0xA0: 0xA0}, decoding
        )
        encoding = pdfmetrics.Encoding("NavAnsiEncoding", "WinAnsiEncoding")
        encoding[0xA0] = "nbspace"
        pdfmetrics.registerEncoding(encoding)
        _registered.add("NavAnsi")
    if (name := f"{font}-NavAnsi") not in _registered:
        pdfmetrics.registerFont(pdfmetrics.Font(name, font, "NavAnsiEncoding"))
        _registered.add(name)
    return name


def _ttf(name: str) -> str | None:
    """Register a TrueType font found in the system's font folders; None if it is not there."""
    for file in (folder / f"{name}.ttf" for folder in FONT_DIRS):
        if name not in _registered and file.exists():
            pdfmetrics.registerFont(TTFont(name, str(file)))
            _registered.add(name)
    return name if name in _registered else None


def _fonts(font: str, text: str) -> tuple[str, str]:
    """(regular, bold) font names for `font`, able to show every character of `text`."""
    if font in BOLD:
        try:
            text.encode("cp1252")  # what WinAnsi covers
            return _builtin(font), _builtin(BOLD[font])
        except UnicodeEncodeError:
            if _ttf(DEJAVU[font]) is None:
                warnings.warn(f"{font} lacks glyphs of this report and DejaVu is not installed", stacklevel=2)
                return _builtin(font), _builtin(BOLD[font])
            font = DEJAVU[font]
    if _ttf(font) is None:
        raise ValueError(f"font {font!r} is neither built in nor found in {FONT_DIRS}")
    return font, _ttf(f"{font}-Bold") or font


def _width(text: str, font: str, size: float) -> float:
    """Printed width; U+00A0 counts as a space (built-in fonts draw it at zero width, then move)."""
    return pdfmetrics.stringWidth(text.replace(NBSP, " "), font, size)


def _pieces(text: str) -> list[tuple[str, str]]:
    """(glue, piece) pairs: lines break between pieces; glue joins a piece to the one on its left.

    Breaks fall at spaces and after a hyphen inside a word ("Aurskog-" / "Høland"), never after a
    word ending in a hyphen ("Universitets- og"): `join_wrapped` rejoins exactly what this splits.
    """
    pieces: list[tuple[str, str]] = []
    for i, word in enumerate(text.split(" ")):
        for j, part in enumerate(re.findall(r"[^-]+-*|-+", word) or [word]):
            glue = " " if i and not j else ""
            if glue and pieces and re.search(r"\w-$", pieces[-1][1]):
                pieces[-1] = (pieces[-1][0], pieces[-1][1] + glue + part)
            else:
                pieces.append((glue, part))
    return pieces


def _wrap(text: str, width: float, font: str, size: float) -> list[str]:
    """Lines no wider than `width`, breaking between pieces, and inside a piece too long (as NAV)."""
    lines: list[str] = []
    for glue, piece in _pieces(text):
        if lines and _width(lines[-1] + glue + piece, font, size) <= width + 0.01:
            lines[-1] += glue + piece
            continue
        while len(piece) > 1 and _width(piece, font, size) > width + 0.01:
            fits = [k for k in range(1, len(piece)) if _width(piece[:k], font, size) <= width + 0.01]
            cut = max(fits or [1])
            lines.append(piece[:cut])
            piece = piece[cut:]
        lines.append(piece)
    return lines or [""]


class _Layout:
    """Lays out one report's tables on pages, classic or wrapped."""

    def __init__(self, report: RawReport, style: Style, fonts: tuple[str, str]) -> None:
        self.report, self.style, (self.font, self.bold) = report, style, fonts
        self.wrapped = report.layout == "wrapped"
        self.size = style.font_size
        paper = portrait(style.pagesize)
        if not self.wrapped:  # portrait if every table fits, else landscape, shrinking the font if need be

            def fits() -> bool:
                return all(max(self.columns(g)[1], default=0) <= paper[0] - MARGIN for g in self.groups())

            if not fits():
                paper = landscape(style.pagesize)
                while not fits() and self.size > 5:
                    self.size -= 0.5
        self.lead = self.size * 1.3
        self.width, self.height = paper
        self.pages: list[list[Op]] = []
        self.y = 0.0

    def new_page(self) -> None:
        self.pages.append([])
        self.y = self.height - MARGIN

    def room(self) -> float:
        return self.y - MARGIN - 8

    def put(self, x: float, text: str, font: str, size: float, align: str = "l") -> None:
        if text:
            self.pages[-1].append((x, self.y, text, font, size, align))

    def columns(self, group: list[RawTable]) -> tuple[float, list[float]]:
        """A page's label column width and number columns' right edges, shared by its tables."""

        def w(text: str) -> float:
            return _width(text, self.font, self.size)

        rows = [r for t in group for r in t.rows]
        units = [p for r in rows for _, p in _pieces(r.label)] if self.wrapped else [r.label for r in rows]
        widest = max(map(w, units), default=0)
        label = self.style.label_width or (max(72.0, widest) if self.wrapped else widest)
        rights, x = [], MARGIN + label
        for i in range(max(len(t.header) for t in group)):  # tables sharing a page share columns
            names = {t.header[i] for t in group if i < len(t.header)}
            width = max([w(r.cells[i]) for r in rows if i < len(r.cells)] + [0])
            for name in names:
                if self.wrapped:
                    width = max(width, w(YTD_BREAK), 0 if " " in name else w(name))
                else:
                    width = max([width, 4 * self.size] + [w(p) for _, p in _pieces(name)])
            x += 1.5 * self.size + width + (1 if self.wrapped else 0)  # wrapped: a hair wider than "Gjennom"
            rights.append(x)
        return label, rights

    def groups(self) -> list[list[RawTable]]:
        """Runs of tables the text reader found on one page (wrapped: also under one title)."""
        groups: list[list[RawTable]] = []
        for t in self.report.tables:
            last = groups[-1][-1] if groups else None
            same_page = last is not None and t.page is not None and t.page == last.page
            if same_page and (t.title == last.title or not self.wrapped):
                groups[-1].append(t)
            else:
                groups.append([t])
        return groups

    def lines(self, text: str, font: str, size: float) -> list[str]:
        return _wrap(text, self.width - 2 * MARGIN, font, size) if text else []

    def intro(self) -> None:
        """NAV's first page: what the tables are, and why small numbers print as `*`."""
        top = "Om statistikken" if self.wrapped else "Om tabellene"
        self.page_top(RawTable("", 0, 1, top, "", "" if self.wrapped else self.report.period_text, ()))
        if self.wrapped:
            self.put_lines(["Innhold i rapporten"], self.bold, self.size)
        for paragraph in INTRO:
            self.put_lines(self.lines(paragraph, self.font, self.size), self.font, self.size)
            self.y -= self.lead * 0.5

    def put_lines(self, lines: list[str], font: str, size: float) -> None:
        for line in lines:
            self.put(MARGIN, line, font, size)
            self.y -= size * 1.35

    def page_top(self, table: RawTable) -> None:
        """A new page and its title block."""
        size = self.size
        self.new_page()
        if self.wrapped:
            self.put_lines([f"Kilde: NAV {self.report.title}"], self.font, size - 1.5)
            self.y -= self.lead * 0.5
            self.put(self.width - MARGIN, UPDATED, self.font, size, "r")
            self.put_lines([table.title], self.bold, size + 1)
            self.put_lines([table.period_text], self.font, size)
            self.y -= self.lead
        else:
            self.put_lines([self.report.title], self.bold, size + 4)
            self.y -= self.lead * 0.6
            self.table_top(table, None)

    def table_top(self, table: RawTable, previous: RawTable | None) -> None:
        """Classic: section title (when new), period and subtitle above a table."""
        if not self.wrapped:
            if previous is None or previous.title != table.title:
                self.put_lines(self.lines(table.title, self.bold, self.size + 2), self.bold, self.size + 2)
            self.put_lines([table.period_text], self.font, self.size)
            self.put_lines(self.lines(table.subtitle, self.bold, self.size + 1), self.bold, self.size + 1)
        self.y -= self.lead * 0.6

    def header(self, table: RawTable, label: float, rights: list[float]) -> None:
        """The column names, wrapped in their columns and bottom-aligned."""
        cells = [
            _wrap(name, rights[i] - (rights[i - 1] if i else MARGIN + label) - 1.5 * self.size, self.font, self.size)
            for i, name in enumerate(table.header)
        ]
        depth = max(map(len, cells), default=0)
        for k in range(depth):
            for right, lines in zip(rights, cells):
                if (j := k - depth + len(lines)) >= 0:
                    self.put(right, lines[j], self.font, self.size, "r")
            self.y -= self.lead
        self.y -= self.lead * 0.3

    def row(self, row: RawRow, label: float, rights: list[float], draw: bool = True) -> float:
        """Draw a row (label lines, numbers on the last one's baseline); return its height."""
        lines = _wrap(row.label, label, self.font, self.size)
        gap = self.lead * ((0.6 if self.style.row_gap is None else self.style.row_gap) if self.wrapped else 0)
        if draw and self.wrapped and len(self.pages) in self.style.top_aligned:
            for cell, right in zip(row.cells, rights):
                self.put(right, cell, self.font, self.size, "r")
            for line in lines[:-1]:
                self.put(MARGIN, line, self.font, self.size)
                self.y -= self.lead
            self.put(MARGIN, lines[-1], self.font, self.size)
            self.y -= self.lead + gap
        elif draw:
            for line in lines[:-1]:
                self.put(MARGIN, line, self.font, self.size)
                self.y -= self.lead
            self.put(MARGIN, lines[-1], self.font, self.size)
            for cell, right in zip(row.cells, rights):
                self.put(right, cell, self.font, self.size, "r")
            self.y -= self.lead + gap
        return len(lines) * self.lead + gap

    def run(self) -> list[list[Op]]:
        """Lay out every table; return the pages' text ops."""
        if self.report.tables and (self.report.tables[0].page or 1) > 1:
            self.intro()
        for group in self.groups():
            label, rights = self.columns(group)
            for previous, table in zip([None, *group], group):
                height = 3 * self.lead + sum(self.row(r, label, rights, False) for r in table.rows)
                if previous and self.room() > height + 6 * self.lead:  # the whole table fits below
                    self.y -= self.lead
                    self.table_top(table, previous)
                else:
                    self.page_top(table)
                self.header(table, label, rights)
                for k, row in enumerate(table.rows):
                    if k and self.room() < self.row(row, label, rights, False):
                        self.page_top(table)  # continued: title block, header and first row again
                        self.header(table, label, rights)
                        self.row(table.rows[0], label, rights)
                    self.row(row, label, rights)
                if self.wrapped and not table.period_text:  # NAV printed this period below the table
                    self.put_lines([self.report.period_text], self.font, self.size)
        return self.pages


def _draw(canvas: Canvas, op: Op) -> None:
    """Draw one op. U+00A0 is a zero-width /nbspace of a re-encoded built-in font in the middle of its
    gap: reportlab turns it into a space in TrueType fonts and in plain WinAnsi."""
    x, y, text, font, size, align = op
    x -= _width(text, font, size) if align == "r" else 0
    nbsp_font = font if font.endswith("-NavAnsi") else _builtin("Helvetica")
    space = _width(" ", font, size)
    for i, part in enumerate(text.split(NBSP)):
        if i:
            canvas.setFont(nbsp_font, size)
            canvas.drawString(x + space / 2, y, NBSP)
            x += space
        canvas.setFont(font, size)
        canvas.drawString(x, y, part)
        x += _width(part, font, size)


def _render(
    pages: list[list[Op]],
    path: Path,
    pagesize: tuple[float, float],
    font: str,
    wrapped: bool,
    drop: frozenset[int] = frozenset(),
) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    canvas = Canvas(str(path), pagesize=pagesize, invariant=1)
    width, y = pagesize[0], MARGIN - 16
    for number, ops in enumerate(pages, start=1):
        if number in drop:  # a page lost from the file (for tests of missing pages)
            continue
        side = f"Side {number} av {len(pages)}"
        left, right = (side, "Kilde: NAV Fotnote") if wrapped else ("Kilde: NAV", side)
        for op in ops + [(MARGIN, y, left, font, 7, "l"), (width - MARGIN, y, right, font, 7, "r")]:
            _draw(canvas, op)
        canvas.showPage()
    canvas.save()
    return path


def _all_text(report: RawReport) -> str:
    parts = [report.title, report.period_text, *INTRO]
    for t in report.tables:
        parts += [
            t.title,
            t.subtitle,
            t.period_text,
            *t.header,
            *(r.label for r in t.rows),
            *(c for r in t.rows for c in r.cells),
        ]
    return "\n".join(parts)


def _plan(report: RawReport, style: Style) -> tuple[_Layout, list[list[Op]]]:
    layout = _Layout(report, style, _fonts(style.font, _all_text(report)))
    return layout, layout.run()


def report_to_pdf(report: RawReport, path: Path, style: Style = Style(), drop: frozenset[int] = frozenset()) -> Path:
    """Render a report's tables as NAV lays them out (classic or wrapped) into a PDF at `path`;
    pages numbered in `drop` are left out (their numbers too, as when a page is lost)."""
    layout, pages = _plan(report, style)
    return _render(pages, Path(path), (layout.width, layout.height), layout.font, layout.wrapped, drop)


def seed_pdfs(folder: Path, style: Style | None = None) -> dict[str, Path]:
    """Render every content/reports/*.txt to folder/<stem>.pdf; {stem: path}."""
    return {
        p.stem: report_to_pdf(read_text_report(p), Path(folder) / f"{p.stem}.pdf", style or Style())
        for p in sorted(REPORTS.glob("*.txt"))
    }


def big_pdf(path: Path, pages: int = 96) -> Path:
    """A wrapped-layout report of exactly `pages` pages: the 2026 seed's pages, cycled."""
    layout, plan = _plan(read_text_report(REPORTS / f"{BIG_SEED}.txt"), Style())
    plan = plan[:1] + list(itertools.islice(itertools.cycle(plan[1:]), max(pages - 1, 0)))
    return _render(plan[:pages], Path(path), (layout.width, layout.height), layout.font, True)


def main(argv: list[str]) -> None:
    """Write the seeds in the default style to OUT and in Times 9 pt on US Letter to OUT/times-letter."""
    import pdfplumber

    folder = Path(argv[1] if len(argv) > 1 else "pdf-fixtures")
    for sub, style in (("", Style()), ("times-letter", Style("Times-Roman", 9, LETTER))):
        start = time.perf_counter()
        paths = seed_pdfs(folder / sub, style)
        seconds = time.perf_counter() - start
        for path in paths.values():
            with pdfplumber.open(path) as pdf:
                print(f"{path}: {len(pdf.pages)} pages")
        print(f"{style.font} {style.font_size} pt: {len(paths)} reports in {seconds:.2f} s")


if __name__ == "__main__":
    main(sys.argv)
