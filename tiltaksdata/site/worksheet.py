"""One worksheet of an Excel workbook: the sheet (`Sheet`) and its XML, made and compressed.

A sheet is written row by row and compressed as it is made (a sheet can be larger than the memory
we allow), whole (`deflate_sheet`) or in pieces joined later (`deflate_rows`, `deflate_sheet_of_pieces`:
the package workbook's year sheets, a piece per part kept in the cache). `workbook.py` puts sheets
together into a workbook.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from itertools import islice
from typing import NamedTuple, Protocol

from tiltaksdata.read.excel import column_letter
from tiltaksdata.site.archive import Deflated, deflate_chunks, deflate_piece, join_pieces

EXCEL_MAX_ROWS = 1_048_576  # rows in one sheet, the header included
NUMERIC_TYPES = ("integer", "number")
_INTEGER = re.compile(r"-?\d{1,15}\Z")  # Excel keeps 15 significant digits: longer stays text
_DECIMAL = re.compile(r"-?\d{1,15}\.\d{1,15}\Z")
_NOT_IN_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")

STYLE_TEXT, STYLE_HEADER, STYLE_INTEGER, STYLE_DECIMAL, STYLE_WRAP = 0, 1, 2, 3, 4
# 49 is Excel's built-in text format «@», 3 «# ##0», 4 «# ##0,00»: see STYLES in workbook.py.


class WorkbookError(ValueError):
    """A sheet the writer cannot make (a name Excel refuses, a row of the wrong length)."""


class Rows(Protocol):
    """A sheet's rows: sized and iterable (a list, or downloads.CsvRows reading them as they are written)."""

    def __len__(self) -> int: ...
    def __iter__(self) -> Iterator[Sequence[str]]: ...


@dataclass
class Sheet:
    """One sheet: a bold, frozen, filtered header row and rows of the CSV's text values.

    `numeric` names the columns whose values are numbers (written as numbers when the text is
    one; «*» and any other text stays text). `wrap` gives columns of prose a width and wraps them.
    Every other cell is text, in Excel's text format: a code keeps its leading zeros.
    """

    name: str
    header: Sequence[str]
    rows: Rows  # sized and iterable: a list, or rows read as they are written
    numeric: frozenset[str] = frozenset()
    wrap: dict[int, int] | None = None  # column (from 0) → width, for columns of prose
    filtered: bool = True
    headings: frozenset[int] = frozenset()  # rows (from 0) shown bold, as headings within the sheet
    count: int = -1  # the rows of a sheet given compressed (its `rows` then empty); -1: len(rows)

    @property
    def height(self) -> int:
        """Rows under the header."""
        return self.count if self.count >= 0 else len(self.rows)


def escape(text: str) -> str:
    """Text for an XML element: &, <, > escaped; characters XML 1.0 cannot hold left out."""
    text = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    return _NOT_IN_XML.sub("", text) if _NOT_IN_XML.search(text) else text


def _cell(value: str, numeric: bool, text_style: int) -> str:
    """A cell's XML without its reference: a number, or text (an empty value: no cell)."""
    if value == "":
        return ""
    if numeric and (_INTEGER.match(value) or _DECIMAL.match(value)):
        return f'<c s="{STYLE_INTEGER if "." not in value else STYLE_DECIMAL}"><v>{value}</v></c>'
    return _text_cell("", value, text_style)


def _text_cell(ref: str, text: str, style: int) -> str:
    """A text cell; `ref` (A1, …) may be empty: the cell then follows the one before it."""
    space = ' xml:space="preserve"' if text != text.strip() else ""
    at = f' r="{ref}"' if ref else ""
    return f'<c{at} s="{style}" t="inlineStr"><is><t{space}>{escape(text)}</t></is></c>'


def _column_widths(sheet: Sheet) -> list[float]:
    """Widths in characters from the header and the first 5 000 rows (a sheet can be read only in order)."""
    longest = [0] * len(sheet.header)
    for values in islice(sheet.rows, 5000):
        for i, value in enumerate(values):
            if len(value) > longest[i]:
                longest[i] = len(value)
    return _widths(sheet, longest)


def _widths(sheet: Sheet, longest: Sequence[int]) -> list[float]:
    """Widths in characters for the longest value of each column (and its name)."""
    wrap = sheet.wrap or {}
    return [wrap.get(i) or min(max(8, max(len(name), longest[i]) + 3), 60) for i, name in enumerate(sheet.header)]


def _sheet_chunks(sheet: Sheet) -> Iterator[str]:
    """The worksheet's XML in pieces of a few hundred rows (a sheet can be larger than the memory we allow)."""
    _check_height(sheet, len(sheet.rows))
    yield _sheet_head(sheet, len(sheet.rows), _column_widths(sheet))
    yield from _row_chunks(sheet, sheet.rows, 2)
    yield _sheet_tail(sheet, len(sheet.rows))


def _check_height(sheet: Sheet, height: int) -> None:
    if not sheet.header:
        raise WorkbookError(f"sheet {sheet.name!r} has no columns")
    if height + 1 > EXCEL_MAX_ROWS:
        raise WorkbookError(f"sheet {sheet.name!r}: {height + 1:,} rows, Excel's limit is {EXCEL_MAX_ROWS:,}")


def _last_cell(sheet: Sheet, height: int) -> str:
    return f"{column_letter(len(sheet.header) - 1)}{height + 1}"


def _sheet_head(sheet: Sheet, height: int, widths: list[float]) -> str:
    """The worksheet's XML up to and with the header row; widths from the sheet's first rows."""
    last = _last_cell(sheet, height)
    cols = "".join(f'<col min="{i + 1}" max="{i + 1}" width="{w:g}" customWidth="1"/>' for i, w in enumerate(widths))
    return (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
        '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" '
        'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">'
        f'<dimension ref="A1:{last}"/>'
        '<sheetViews><sheetView workbookViewId="0">'
        '<pane ySplit="1" topLeftCell="A2" activePane="bottomLeft" state="frozen"/>'
        '<selection pane="bottomLeft" activeCell="A2" sqref="A2"/></sheetView></sheetViews>'
        f'<sheetFormatPr defaultRowHeight="15"/><cols>{cols}</cols><sheetData>'
        '<row r="1">'
        + "".join(_text_cell(f"{column_letter(i)}1", name, STYLE_HEADER) for i, name in enumerate(sheet.header) if name)
        + "</row>"
    )


def _sheet_tail(sheet: Sheet, height: int) -> str:
    auto = f'<autoFilter ref="A1:{_last_cell(sheet, height)}"/>' if sheet.filtered else ""
    return f"</sheetData>{auto}</worksheet>"


def _row_chunks(
    sheet: Sheet, rows: Iterable[Sequence[str]], first: int, longest: list[int] | None = None
) -> Iterator[str]:
    """Rows as XML, numbered from `first` (the header is row 1), a few hundred rows a piece; `longest`,
    if given, gets each column's longest value."""
    longest = longest if longest is not None else [0] * len(sheet.header)
    width = len(sheet.header)
    letters = [column_letter(i) for i in range(width)]
    numeric = [name in sheet.numeric for name in sheet.header]
    wrap = sheet.wrap or {}
    text_style = [STYLE_WRAP if i in wrap else STYLE_TEXT for i in range(width)]
    # A cell names its place (r="B7") only after an empty cell; otherwise it follows the one before
    # (ECMA-376 §18.3.1.4: r is optional; Excel, LibreOffice, Google Sheets and openpyxl read it so).
    # Without the references every row looks like the last to the compressor: a quarter of the size.
    # Labels, codes, periods and counts repeat in every row: each cell's XML is made once per value.
    made: list[dict[str, str]] = [{} for _ in range(width)]
    chunk: list[str] = []
    xml: str | None
    for number, values in enumerate(rows, start=first):
        if len(values) != width:
            raise WorkbookError(f"sheet {sheet.name!r}, row {number}: {len(values)} values for {width} columns")
        row = str(number)
        chunk.append(f'<row r="{row}">')
        style = STYLE_HEADER if number - 2 in sheet.headings else None
        after_gap = False
        for i, value in enumerate(values):
            if style is not None:
                xml = _text_cell("", value, style) if value else ""
            else:
                xml = made[i].get(value)
                if xml is None:
                    xml = made[i][value] = _cell(value, numeric[i], text_style[i])
                    if len(value) > longest[i]:  # a value met for the first time: the only ones to measure
                        longest[i] = len(value)
            if not xml:
                after_gap = True
                continue
            chunk.append(xml.replace("<c ", f'<c r="{letters[i]}{row}" ', 1) if after_gap else xml)
            after_gap = False
        chunk.append("</row>")
        if len(chunk) >= 8000:
            yield "".join(chunk)
            chunk = []
    yield "".join(chunk)


def deflate_sheet(sheet: Sheet) -> Deflated:
    """A sheet's worksheet XML, compressed: what a cache keeps of it."""
    return deflate_chunks(_sheet_chunks(sheet))


class Piece(NamedTuple):
    """A run of a sheet's rows, compressed (`deflate_rows`): its data, its rows, each column's longest value."""

    data: Deflated
    rows: int
    longest: tuple[int, ...]


def deflate_rows(sheet: Sheet, rows: Iterable[Sequence[str]], first: int) -> Piece:
    """A run of a sheet's rows, numbered from `first`, compressed as a piece `deflate_sheet_of_pieces` joins."""
    counted, longest = _Counted(rows), [0] * len(sheet.header)
    data = deflate_piece(_row_chunks(sheet, counted, first, longest))
    return Piece(data, counted.count, tuple(longest))


def deflate_sheet_of_pieces(sheet: Sheet, pieces: Sequence[Piece]) -> Deflated:
    """A sheet made of compressed pieces of its rows, in order: only the header and the end are made here,
    the columns as wide as the longest value of any piece (the pieces are not decompressed)."""
    height = sum(piece.rows for piece in pieces)
    _check_height(sheet, height)
    longest = [max((piece.longest[i] for piece in pieces), default=0) for i in range(len(sheet.header))]
    head = deflate_piece([_sheet_head(sheet, height, _widths(sheet, longest))])
    tail = deflate_piece([_sheet_tail(sheet, height)])
    return join_pieces([head, *(piece.data for piece in pieces), tail])


class _Counted:
    """Rows passed through, counted."""

    def __init__(self, rows: Iterable[Sequence[str]]) -> None:
        self.rows, self.count = rows, 0

    def __iter__(self) -> Iterator[Sequence[str]]:
        for row in self.rows:
            self.count += 1
            yield row
