"""Make NAV-layout workbooks from the seed reports' numbers: fixtures for the workbook reader.

`report_to_workbook` lays a report's tables out as NAV's TILT100–TILT180 workbooks do: an
«Om statistikken» sheet, then a sheet per section (its name cut at Excel's 31 characters), each
a stack of blocks — a header row (column A empty, «Gjennomsnitt hittil i år» and the months),
the block's «I alt …» row, a row per category — with whole labels where the PDF cut them (the
label each cut one was read as). `report_to_tilt030` lays out a report of measures by participant
group and one more category (the 2019 seed's gender) as the old TILT030 workbook: a sheet per
participant group, blocks stacked by category under a title row, the measure group in column A
filled down, the measure in column B, an «I alt <group>» row per group.

    python tests/workbooks.py OUT   # OUT/<seed>.xlsx for every seed, OUT/<2019 seed>-tilt030.xlsx
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path

import openpyxl

from tiltaksdata.model import ParsedReport, RawReport, RawTable
from tiltaksdata.numbers import SUPPRESSED
from tiltaksdata.periods import MONTHS
from tiltaksdata.read.text import read_text_report
from tiltaksdata.reasons import CUT_OFF_RESOLVED, Kind
from tiltaksdata.run.parse import read_and_normalise

REPORTS = Path(__file__).resolve().parents[1] / "content" / "reports"
Cell = int | float | str | None


def printed_to_cell(text: str) -> Cell:
    """A printed cell as NAV's workbook holds it: a number, the text `*`, or nothing."""
    text = text.strip()
    if text == SUPPRESSED:
        return SUPPRESSED
    if not text:
        return None
    return int(text.replace(" ", "").replace("\u00a0", "").replace("\u202f", "").replace("\u2212", "-"))


def whole_labels(parsed: ParsedReport) -> Callable[[str, int], str]:
    """A function giving a row's whole label: a label the column cut off gets the name it was read as."""
    cut = {
        (m.raw, m.line): m.canonical
        for m in parsed.mappings
        if any(step.kind in (Kind.CUT_OFF, *CUT_OFF_RESOLVED) for step in m.how.steps)
    }

    def whole(label: str, line: int) -> str:
        canonical = cut.get((label, line))
        if not canonical:
            return label
        total = label.lower().startswith("i alt ")
        rest = label[6:] if total else label
        if not canonical.casefold().startswith(rest.casefold()):
            return label
        return (label[:6] if total else "") + rest + canonical[len(rest) :]

    return whole


def _blocks(tables: list[RawTable], whole: Callable[[str, int], str]) -> list[tuple[RawTable, list]]:
    """Tables of one block (a page of it each) joined: the «I alt» row a page repeats is kept once.
    Rows come with whole labels."""
    blocks: list[tuple[RawTable, list]] = []
    for table in tables:
        table.rows = [replace(r, label=whole(r.label, r.line)) for r in table.rows]
        first = table.rows[0].label if table.rows else ""
        if blocks:
            head, rows = blocks[-1]
            if (head.title, head.subtitle, head.header, rows[0].label if rows else "") == (
                table.title,
                table.subtitle,
                table.header,
                first,
            ) and first.lower().startswith("i alt"):
                rows += table.rows[1:]
                continue
        blocks.append((table, list(table.rows)))
    return blocks


def report_to_workbook(
    raw: RawReport,
    parsed: ParsedReport,
    path: Path,
    updated: str = "",
    floats: bool = False,
    caption: str = "",
    renamed: dict[str, str] | None = None,
) -> Path:
    """Write a report as a TILT100–TILT180 workbook at `path`; `floats` stores counts as `4257.0`,
    `caption` is written over the label column in every header row, `renamed` changes labels
    (whole, or after «I alt »: the same numbers under other measures' names)."""
    whole_label = whole_labels(parsed)

    def whole(label: str, line: int) -> str:
        text = whole_label(label, line)
        for old, new in (renamed or {}).items():
            if text.casefold() == old.casefold():
                return new
            if text.casefold() == f"i alt {old}".casefold():
                return f"I alt {new.lower()}"
        return text

    book = openpyxl.Workbook()
    about = book.active
    about.title = "Om statistikken"
    about.append([raw.title])
    if updated:
        about.append([f"Rapport oppdatert: {updated}"])
    about.append([raw.period_text])
    about.append(["I henhold til Statistikklovens § 7-1 erstattes verdier under 4 med «*»."])
    sheets: dict[str, object] = {}
    for head, rows in _blocks(raw.tables, whole):
        sheet = sheets.get(head.title)
        if sheet is None:
            sheet = sheets[head.title] = book.create_sheet(head.title[:31])
            sheet.append([raw.title])
            sheet.append([head.title])
            sheet.append([head.period_text or raw.period_text])
        sheet.append([])
        if head.subtitle:
            sheet.append([head.subtitle])
        sheet.append([caption or None, *head.header])
        for row in rows:
            cells = [printed_to_cell(c) for c in row.cells]
            if floats:
                cells = [float(c) if isinstance(c, int) else c for c in cells]
            sheet.append([row.label, *cells])
        sheet.append(["Kilde: NAV"])
    book.save(path)
    return path


def report_to_tilt030(raw: RawReport, parsed: ParsedReport, path: Path, section: str, groups: dict[str, str]) -> Path:
    """Write the blocks of one section (measures by participant group and a category) as a TILT030 workbook.

    `groups` maps a participant group's words in the block titles to its sheet's name."""
    measure_group = _measure_groups()
    canonical = {(m.raw, m.line): m.canonical for m in parsed.mappings if m.dimension == "measure"}
    book = openpyxl.Workbook()
    book.remove(book.active)
    sheets: dict[str, object] = {}
    for head, rows in _blocks([t for t in raw.tables if t.title == section], whole_labels(parsed)):
        words = next(w for w in groups if w in head.subtitle.lower())
        sheet = sheets.get(words)
        if sheet is None:
            sheet = sheets[words] = book.create_sheet(groups[words][:31])
            sheet.append([raw.title])
            sheet.append([raw.period_text])
        sheet.append([])
        sheet.append([head.subtitle])
        sheet.append([None, None, *head.header])
        total, *measures = rows
        sheet.append([total.label, None, *(printed_to_cell(c) for c in total.cells)])
        sheet.append([])
        last_group = ""
        for row in measures:
            cells = [printed_to_cell(c) for c in row.cells]
            if row.label.lower().startswith("i alt"):  # «I alt kvinner og opplæring»: the group's total, in A
                sheet.append([row.label, None, *cells])
                continue
            group = measure_group[canonical.get((row.label, row.line), row.label)]
            sheet.append([group if group != last_group else None, row.label, *cells])
            last_group = group
    book.save(path)
    return path


def report_to_tilt100(raw: RawReport, parsed: ParsedReport, path: Path, title: str) -> Path:
    """Write a report's national figures by participant group and measure group as TILT100's sheet
    «Arbeidsmarkedsstatus og tiltaksgruppe»: a block per participant group, «I alt <group>» (the sum
    of its measure groups, which the report prints unsuppressed) over a row per measure group."""
    groups = ("Arbeidssøkere på tiltak", "Nedsatt arbeidsevne, på tiltak", "Andre på tiltak")
    measure_groups = sorted({o.dims[1] for o in parsed.observations if o.dims[1] != "I alt"})
    values = {(o.dims[0], o.dims[1], o.period): o.value for o in parsed.observations if o.region == "NO"}
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "Arbeidsmarkedsstatus og tiltaksgruppe"[:31]
    sheet.append([title])
    sheet.append([raw.period_text])
    for group in groups:
        rows = [
            (m, [values[(group, m, p)] for p in parsed.periods])
            for m in measure_groups
            if (group, m, parsed.periods[0]) in values
        ]
        sheet.append([])
        sheet.append([None, *(p.split("-")[1] for p in parsed.periods)])
        for cell, period in zip(sheet[sheet.max_row][1:], parsed.periods):
            cell.value = MONTHS[int(period[5:]) - 1].capitalize()
        sheet.append([f"I alt {group}", *(sum(v[i] for _, v in rows) for i in range(len(parsed.periods)))])
        for name, numbers in rows:
            sheet.append([name, *(SUPPRESSED if v is None else v for v in numbers)])
    book.save(path)
    return path


def text_to_line_workbook(text: Path, path: Path) -> Path:
    """A tabbed text extract pasted into one sheet line by line, a cell per tab (numbers as numbers):
    page headers, section titles, periods and subtitles become text rows, as a spreadsheet would hold them."""
    from tiltaksdata.numbers import CELL

    book = openpyxl.Workbook()
    sheet = book.active
    for line in text.read_text(encoding="utf-8").split("\n"):
        cells = [c.strip() for c in line.replace("**", "").split("\t")]
        sheet.append(
            [
                c if i == 0 or not c or c == SUPPRESSED or not CELL.match(c) else printed_to_cell(c)
                for i, c in enumerate(cells)
            ]
            if line.strip()
            else []
        )
    book.save(path)
    return path


def _measure_groups() -> dict[str, str]:
    import csv

    from tiltaksdata.normalise.vocabulary import REFERENCE

    with open(REFERENCE / "measures.csv", encoding="utf-8", newline="") as handle:
        return {row["name"]: row["group"] for row in csv.DictReader(handle)}


def seed_workbook(report_id: str, path: Path, **options: object) -> Path:
    """A seed report in content/reports as a TILT100–TILT180 workbook."""
    raw, parsed = read_and_normalise(REPORTS / f"{report_id}.txt", _scope(report_id))
    updated = next((m.text for m in raw.marks if m.kind == "updated"), "")
    return report_to_workbook(read_text_report(REPORTS / f"{report_id}.txt"), parsed, path, updated, **options)  # type: ignore[arg-type]


def _scope(report_id: str) -> dict[str, str]:
    import tomllib

    return tomllib.loads((REPORTS / f"{report_id}.toml").read_text(encoding="utf-8")).get("scope", {})


if __name__ == "__main__":
    out = Path(sys.argv[1])
    out.mkdir(parents=True, exist_ok=True)
    for text in sorted(REPORTS.glob("*.txt")):
        print(seed_workbook(text.stem, out / f"{text.stem}.xlsx"))
