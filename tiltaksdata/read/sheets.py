"""A workbook's sheets → raw tables, as the text readers make them from a page.

NAV's workbooks (TILT100–TILT180, and TILT030 before 2023) hold a sheet per section; each sheet is
a stack of blocks: a header row (the label column empty: «Gjennomsnitt hittil i år», the months),
the block's «I alt …» row, then a row per category. In TILT030 the label takes two columns — the
measure group in A, printed on a group's first row only (filled down), the measure in B — and each
block has a title row above its header («<age> <group> på tiltak»), read as the block's subtitle.

Text rows are read as the text readers read lines: the report title (`TILT170 …`, `Kilde: NAV …`),
«Rapport oppdatert: 02.02.2026», the period, the section (the sheet's name, or the text before a
period row), a subtitle right above a header. Cells are checked where they are read: a number
column holds whole numbers (`4257` or `4257.0`) or the text `*`; a formula, a date, a fraction, an
error value, other text, a value beside the table's columns, a number in a label column each stop
the build naming the file, the sheet and the cell. Nothing is dropped: a label row with empty
cells is a row with blank cells (a zero only where its family says so), a row of text inside a
table is a row (its label must be known).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from tiltaksdata.errors import ReportError
from tiltaksdata.model import Mark, RawReport, RawRow, RawTable
from tiltaksdata.numbers import SUPPRESSED
from tiltaksdata.periods import text_to_months
from tiltaksdata.read.cells import (
    Hidden,
    captioned_header,
    cell_problem,
    cell_to_text,
    column_index,
    filled_columns,
    merged_cells,
    names_sheet,
    text_of,
    with_merges,
)
from tiltaksdata.read.excel import Sheet, column_letter, is_date, workbook_to_sheets
from tiltaksdata.read.rows import FURNITURE, KILDE, TITLE, UPDATED, header_follows


class _Walker:
    """Walks one workbook's sheets, keeping what a sheet's rows carry over: title, period, marks."""

    def __init__(self, name: str) -> None:
        self.name = name
        self.title = self.period = ""
        self.tables: list[RawTable] = []
        self.marks: list[Mark] = []
        self.sheets: list[str] = []
        self.page_top = False

    def fail(self, type: str, message: str, sheet: str, row: int, column: int | None, hint: str = "") -> ReportError:
        letter = column_letter(column) if column is not None else ""
        return ReportError(type, message, self.name, line=row, page=sheet, hint=hint, column=letter)

    def marks_of(self, sheet: Sheet, number: int, values: tuple[Any, ...], filled: list[int]) -> str | None:
        """Read a row of page furniture (title, update date, period, section, source line) into marks.

        Returns the section it names ("" for none), or None when the row is something else."""
        section, title = "", ""
        marks: list[Mark] = []
        skip: set[int] = set()
        if not isinstance(values[filled[-1]], str) and not is_date(values[filled[-1]]):
            return None  # a row that ends in a number is a row of figures (the fast way out for most rows)
        for i in filled:
            if i in skip:
                continue
            text = text_of(values[i])
            if not text:
                return None
            if kilde := KILDE.match(text):
                title = title or (kilde[1].strip() if kilde[1].strip() != "Fotnote" else "")
            elif FURNITURE.match(text):
                continue
            elif updated := UPDATED.match(text):
                day = updated[2]
                after = values[i + 1] if i + 1 < len(values) else None
                if not day and (is_date(after) or text_of(after)):  # the date in the next cell
                    day = after.strftime("%d.%m.%Y") if after is not None and is_date(after) else text_of(after)
                    skip.add(i + 1)
                if not day or not re.fullmatch(r"\d{1,2}\.\d{1,2}\.\d{4}", day):
                    return None
                if not any(m.kind == "updated" for m in marks):
                    marks.append(Mark("updated", day, number, sheet.name))
                section = updated[1] or section
            elif text_to_months(text):
                if not any(m.kind == "period" for m in marks):  # a period merged over a row is one period
                    marks.append(Mark("period", text, number, sheet.name))
            elif TITLE.match(text):
                title = title or text
            elif names_sheet(sheet.name, text):
                section = text
            else:
                return None
        self.title = self.title or title
        self.page_top = bool(title)  # a page's title row (a workbook made from a PDF's pages): its tables end
        self.marks += marks
        for mark in marks:
            if mark.kind == "period":
                self.period = self.period or mark.text
        return section

    def walk(self, sheet: Sheet) -> None:
        """Read one sheet's blocks into raw tables."""
        self.sheets.append(sheet.name)
        merged = merged_cells(sheet)
        rows = [(n, v) for n, v in sheet.rows if filled_columns(v)]
        if merged:  # only rows that hold something of their own take a merged text
            by_row = dict(rows)
            rows = [(n, with_merges(n, v, merged, by_row)) for n, v in rows]
            for n, v in rows:
                if (hidden := next((i for i, x in enumerate(v) if isinstance(x, Hidden)), None)) is not None:
                    raise self.fail(
                        "merged-cell",
                        f"a value ({v[hidden].value!r}) hidden under a merged range",
                        sheet.name,
                        n,
                        hidden,
                    )
        section, latest, latest_line = sheet.name, self.period, None
        current: RawTable | None = None
        labels = 1  # label columns of the current table (2 in TILT030: group, measure)
        group = ""  # TILT030: the measure group filled down column A
        pending: list[tuple[int, str]] = []
        header_end = 0
        tables_here = 0
        for position, (number, values) in enumerate(rows):
            filled = filled_columns(values)
            found = self.marks_of(sheet, number, values, filled)
            if found is not None:
                current = None if self.page_top else current
                if any(m.line == number and m.kind == "period" for m in self.marks):
                    latest, latest_line = next(m.text for m in reversed(self.marks) if m.kind == "period"), number
                    if len(pending) > 1 and self.tables:
                        raise self.fail(
                            "line-outside-table",
                            f"a row that is not part of any table: {pending[0][1]!r}",
                            sheet.name,
                            pending[0][0],
                            0,
                        )
                    section = pending[-1][1] if pending else section
                    pending, current = [], None
                section = found or section
                continue
            texts = all(isinstance(values[i], str) and values[i].strip() != SUPPRESSED for i in filled)
            if texts and (filled[0] > 0 or captioned_header(values, filled)):  # a header row: names above numbers
                filled = filled[1:] if filled[0] == 0 else filled  # a caption over the labels («Fylke») names no column
                if current is not None and not current.rows and number == header_end + 1:
                    current = _join_headers(current, values, filled, merged, number)
                    self.tables[-1] = current
                    header_end = number
                    continue
                labels, group = filled[0], ""
                current = RawTable(
                    self.name,
                    number,
                    sheet.name,
                    section,
                    " ".join(t for _, t in pending),
                    latest,
                    tuple(text_of(values[i]) for i in filled),
                    subtitle_line=pending[0][0] if pending else None,
                    period_line=latest_line,
                    columns=tuple(column_letter(i) for i in filled),
                    label_column=column_letter(labels - 1),
                )
                self.tables.append(current)
                header_end, pending, tables_here = number, [], tables_here + 1
                continue
            if texts and (current is None or header_follows(rows, position)):
                pending.append((number, " ".join(text_of(values[i]) for i in filled)))
                continue
            if current is None:
                raise self.fail(
                    "row-without-header",
                    "a row of numbers before any header row",
                    sheet.name,
                    number,
                    next((i for i in filled if not isinstance(values[i], str)), filled[0]),
                    "Every block starts with a header row: the label column empty, the months above the numbers.",
                )
            if pending:
                raise self.fail(
                    "line-outside-table",
                    f"a row between the rows of a table: {pending[0][1]!r}",
                    sheet.name,
                    pending[0][0],
                    0,
                )
            row, group = self.row_of(sheet.name, current, number, values, filled, labels, group, merged)
            if not current.rows and not row.label.lower().startswith("i alt"):
                raise self.fail(
                    "block-without-total",
                    f"the block's first row is {row.label!r}, not its «I alt …» row",
                    sheet.name,
                    number,
                    labels - 1,
                    "Every block prints its total right under the header: a row was lost or moved.",
                )
            current.rows.append(row)
        if pending and tables_here:
            raise self.fail(
                "line-outside-table",
                f"a row after the last table of the sheet: {pending[0][1]!r}",
                sheet.name,
                pending[0][0],
                0,
                "A note below a table is not read: remove it, or read the report from NAV's file.",
            )

    def row_of(
        self,
        sheet: str,
        table: RawTable,
        number: int,
        values: tuple[Any, ...],
        filled: list[int],
        labels: int,
        group: str,
        merged: dict[tuple[int, int], tuple[int, int]],
    ) -> tuple[RawRow, str]:
        """One row of a block: its label (and TILT030's group), its cells checked one by one."""
        columns = {column_index(c) for c in table.columns}
        for i in filled:
            value = values[i]
            if i < labels:
                if not isinstance(value, str):
                    raise self.fail(
                        "number-in-label-column",
                        f"{'a date' if is_date(value) else 'a number'} ({value}) where the row's label belongs",
                        sheet,
                        number,
                        i,
                        "Labels are text: a label cell may have lost its text, or columns were shifted.",
                    )
            elif i not in columns:
                raise self.fail(
                    "value-outside-table",
                    f"a value ({value!r}) in a column the table's header does not name",
                    sheet,
                    number,
                    i,
                    "Columns were shifted or a header cell is missing.",
                )
            elif why := cell_problem(value):
                raise self.fail("bad-cell", why, sheet, number, i)
            elif (number, i) in merged:
                raise self.fail("merged-cell", "a number cell merged with its neighbour", sheet, number, i)
        label = text_of(values[labels - 1]) if labels - 1 < len(values) else ""
        parent = text_of(values[0]) if labels > 1 else ""
        if labels > 1 and label and parent:
            group = parent
        elif labels > 1 and not label:
            label, parent = parent, ""
        elif labels > 1:
            parent = group
        if not label:
            raise self.fail("row-without-label", "a row of numbers without a label", sheet, number, labels - 1)
        cells = tuple(
            cell_to_text(values[column_index(c)] if column_index(c) < len(values) else None) for c in table.columns
        )
        return RawRow(label, cells, number, sheet, parent), group


def _join_headers(
    table: RawTable,
    values: tuple[Any, ...],
    filled: list[int],
    merged: dict[tuple[int, int], tuple[int, int]],
    number: int,
) -> RawTable:
    """A header printed over two rows (`Endring fra i fjor` over `Antall`, `Prosent`) as one row of names;
    a name merged down over both rows is named once."""
    names = dict(zip((column_index(c) for c in table.columns), table.header))
    for i in filled:
        if merged.get((number, i), (0, 0))[1] == i and i in names:
            continue  # merged down from the row above: the same name
        names[i] = f"{names[i]} {text_of(values[i])}" if i in names else text_of(values[i])
    order = sorted(names)
    table.header = tuple(names[i] for i in order)
    table.columns = tuple(column_letter(i) for i in order)
    return table


def workbook_to_report(path: Path) -> RawReport:
    """Read a NAV workbook into raw tables: a sheet per section, blocks of header, «I alt» and categories."""
    walker = _Walker(path.name)
    sheets: Iterator[Sheet] = workbook_to_sheets(path)
    for sheet in sheets:
        walker.walk(sheet)
    if not walker.tables:
        raise ReportError(
            "no-tables",
            f"no table found in the workbook's {len(walker.sheets)} sheet(s)",
            path.name,
            hint="A NAV workbook holds blocks of a header row (the months) and rows of numbers.",
        )
    if walker.title and "tiltak" not in walker.title.lower():
        raise ReportError(
            "not-a-tiltak-report",
            f"not a NAV table of tiltaksdeltakere (title: {walker.title!r})",
            path.name,
            hint="tiltaksdata reads NAV's reports on participants in labour-market measures.",
        )
    layout = "workbook-030" if any(t.label_column == "B" for t in walker.tables) else "workbook"
    return RawReport(
        path.name, walker.title, walker.period, layout, walker.tables, walker.marks, None, tuple(walker.sheets)
    )
