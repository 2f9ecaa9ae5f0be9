"""Excel workbooks (.xlsx) of the data package and of each page's numbers.

The workbooks are written directly as SpreadsheetML (ECMA-376: a zip of a few XML files) rather
than with XlsxWriter or openpyxl: measured on 106 000 rows × 16 columns of the series, XlsxWriter
took 30 s (40 s in constant-memory mode), this writer 1.4 s, and an archive's package holds several
times that. The tests read every workbook back with openpyxl.

What an Excel user needs, and the CSVs cannot give a double-click in Norwegian Excel:
- codes are text cells («03», «0301» keep their zeros), every other text too (æøå intact);
- counts are numbers (so they sum), shown with thousands separators; NAV's «*» stays the text «*»;
- the header row is bold, frozen and filtered; columns are wide enough for their contents;
- the first sheet says what the workbook is: title, licence, source, and every column described.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from itertools import islice
from pathlib import Path
from typing import Protocol

from tiltaksdata.site.archive import Deflated, deflate_chunks, deflate_piece, deflate_text, join_pieces, write_zip

EXCEL_MAX_ROWS = 1_048_576  # rows in one sheet, the header included
SHEET_NAME_MAX = 31
NUMERIC_TYPES = ("integer", "number")
_INTEGER = re.compile(r"-?\d{1,15}\Z")  # Excel keeps 15 significant digits: longer stays text
_DECIMAL = re.compile(r"-?\d{1,15}\.\d{1,15}\Z")
_NOT_IN_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")
_NOT_IN_SHEET_NAME = re.compile(r"[\[\]:*?/\\]")

STYLE_TEXT, STYLE_HEADER, STYLE_INTEGER, STYLE_DECIMAL, STYLE_WRAP = 0, 1, 2, 3, 4
STYLES = """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">
<fonts count="2"><font><sz val="11"/><name val="Calibri"/></font>\
<font><b/><sz val="11"/><name val="Calibri"/></font></fonts>
<fills count="2"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill></fills>
<borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders>
<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>
<cellXfs count="5">
<xf numFmtId="49" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>
<xf numFmtId="49" fontId="1" fillId="0" borderId="0" xfId="0" applyNumberFormat="1" applyFont="1"/>
<xf numFmtId="3" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>
<xf numFmtId="4" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>
<xf numFmtId="49" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1" applyAlignment="1">\
<alignment wrapText="1" vertical="top"/></xf>
</cellXfs>
<cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles>
</styleSheet>
"""
# 49 is Excel's built-in text format «@» (what is typed into a code cell stays text), 3 is «# ##0»
# and 4 «# ##0,00» (the separators follow the reader's locale: a space and a comma in Norwegian).
# A backslash ends two long lines: the line goes on without a line break in the XML.


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


def column_letters(index: int) -> str:
    """A, B, …, Z, AA, … for 0, 1, …"""
    letters = ""
    index += 1
    while index:
        index, remainder = divmod(index - 1, 26)
        letters = chr(65 + remainder) + letters
    return letters


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
    longest = [len(name) for name in sheet.header]
    for values in islice(sheet.rows, 5000):
        for i, value in enumerate(values):
            if len(value) > longest[i]:
                longest[i] = len(value)
    wrap = sheet.wrap or {}
    return [wrap.get(i) or min(max(8, longest[i] + 3), 60) for i in range(len(sheet.header))]


def _sheet_chunks(sheet: Sheet) -> Iterator[str]:
    """The worksheet's XML in pieces of a few hundred rows (a sheet can be larger than the memory we allow)."""
    _check_height(sheet, len(sheet.rows))
    yield _sheet_head(sheet, len(sheet.rows))
    yield from _row_chunks(sheet, sheet.rows, 2)
    yield _sheet_tail(sheet, len(sheet.rows))


def _check_height(sheet: Sheet, height: int) -> None:
    if not sheet.header:
        raise WorkbookError(f"sheet {sheet.name!r} has no columns")
    if height + 1 > EXCEL_MAX_ROWS:
        raise WorkbookError(f"sheet {sheet.name!r}: {height + 1:,} rows, Excel's limit is {EXCEL_MAX_ROWS:,}")


def _last_cell(sheet: Sheet, height: int) -> str:
    return f"{column_letters(len(sheet.header) - 1)}{height + 1}"


def _sheet_head(sheet: Sheet, height: int) -> str:
    """The worksheet's XML up to and with the header row; widths from the sheet's first rows."""
    last = _last_cell(sheet, height)
    cols = "".join(
        f'<col min="{i + 1}" max="{i + 1}" width="{w:g}" customWidth="1"/>' for i, w in enumerate(_column_widths(sheet))
    )
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
        + "".join(
            _text_cell(f"{column_letters(i)}1", name, STYLE_HEADER) for i, name in enumerate(sheet.header) if name
        )
        + "</row>"
    )


def _sheet_tail(sheet: Sheet, height: int) -> str:
    auto = f'<autoFilter ref="A1:{_last_cell(sheet, height)}"/>' if sheet.filtered else ""
    return f"</sheetData>{auto}</worksheet>"


def _row_chunks(sheet: Sheet, rows: Iterable[Sequence[str]], first: int) -> Iterator[str]:
    """Rows as XML, numbered from `first` (the header is row 1), a few hundred rows a piece."""
    width = len(sheet.header)
    letters = [column_letters(i) for i in range(width)]
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


def deflate_rows(sheet: Sheet, rows: Iterable[Sequence[str]], first: int) -> tuple[Deflated, int]:
    """A run of a sheet's rows, numbered from `first`, compressed as a piece `deflate_sheet_of_pieces`
    joins: (the piece, its number of rows)."""
    counted = _Counted(rows)
    return deflate_piece(_row_chunks(sheet, counted, first)), counted.count


def deflate_sheet_of_pieces(sheet: Sheet, pieces: Sequence[tuple[Deflated, int]]) -> Deflated:
    """A sheet made of compressed pieces of its rows, in order: only the header and the end are made here.

    The widths come from `sheet.rows` (its first rows); the pieces are not decompressed.
    """
    height = sum(count for _, count in pieces)
    _check_height(sheet, height)
    head = deflate_piece([_sheet_head(sheet, height)])
    tail = deflate_piece([_sheet_tail(sheet, height)])
    return join_pieces([head, *(piece for piece, _ in pieces), tail])


class _Counted:
    """Rows passed through, counted."""

    def __init__(self, rows: Iterable[Sequence[str]]) -> None:
        self.rows, self.count = rows, 0

    def __iter__(self) -> Iterator[Sequence[str]]:
        for row in self.rows:
            self.count += 1
            yield row


def sheet_name(text: str, taken: set[str]) -> str:
    """A name Excel accepts: no []:*?/\\, at most 31 characters, unique (case-insensitively)."""
    name = _NOT_IN_SHEET_NAME.sub("_", text).strip("'")[:SHEET_NAME_MAX] or "ark"
    base, n = name, 2
    while name.lower() in taken:
        suffix = f" {n}"
        name, n = base[: SHEET_NAME_MAX - len(suffix)] + suffix, n + 1
    taken.add(name.lower())
    return name


def sheets_to_workbook(path: Path, sheets: Sequence[Sheet | tuple[Sheet, Deflated | None]], title: str = "") -> None:
    """Write the sheets as one .xlsx workbook at `path`.

    A sheet may come already compressed (`deflate_sheet`, kept in a cache): its XML is not made again.
    """
    made = [entry if isinstance(entry, tuple) else (entry, None) for entry in sheets]
    plain = [sheet for sheet, _ in made]
    taken: set[str] = set()
    names = [sheet_name(s.name, taken) for s in plain]
    entries = [
        (
            "[Content_Types].xml",
            '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
            '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
            '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
            '<Default Extension="xml" ContentType="application/xml"/>'
            '<Override PartName="/xl/workbook.xml" '
            'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>'
            '<Override PartName="/xl/styles.xml" '
            'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/>'
            + "".join(
                f'<Override PartName="/xl/worksheets/sheet{i}.xml" '
                'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>'
                for i in range(1, len(sheets) + 1)
            )
            + '<Override PartName="/docProps/core.xml" '
            'ContentType="application/vnd.openxmlformats-package.core-properties+xml"/>'
            "</Types>",
        ),
        (
            "_rels/.rels",
            '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
            '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
            '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/'
            'officeDocument" Target="xl/workbook.xml"/>'
            '<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/package/2006/relationships/metadata/'
            'core-properties" Target="docProps/core.xml"/>'
            "</Relationships>",
        ),
        (
            "docProps/core.xml",
            '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
            '<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" '
            'xmlns:dc="http://purl.org/dc/elements/1.1/">'
            f"<dc:title>{escape(title)}</dc:title><dc:creator>tiltaksdata</dc:creator><dc:language>nb-NO</dc:language>"
            "</cp:coreProperties>",
        ),
        (
            "xl/workbook.xml",
            '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
            '<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" '
            'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">'
            "<bookViews><workbookView/></bookViews><sheets>"
            + "".join(
                f'<sheet name="{escape(name)}" sheetId="{i}" r:id="rId{i}"/>' for i, name in enumerate(names, start=1)
            )
            + "</sheets>"
            + _defined_names(plain, names)
            + "</workbook>",
        ),
        (
            "xl/_rels/workbook.xml.rels",
            '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
            '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
            + "".join(
                f'<Relationship Id="rId{i}" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
                f'relationships/worksheet" Target="worksheets/sheet{i}.xml"/>'
                for i in range(1, len(sheets) + 1)
            )
            + f'<Relationship Id="rId{len(sheets) + 1}" Type="http://schemas.openxmlformats.org/officeDocument/'
            '2006/relationships/styles" Target="styles.xml"/>'
            "</Relationships>",
        ),
        ("xl/styles.xml", STYLES),
    ]

    write_zip(
        path,
        [
            *((name, deflate_text(text)) for name, text in entries),
            *(
                (f"xl/worksheets/sheet{i}.xml", deflated or deflate_sheet(sheet))
                for i, (sheet, deflated) in enumerate(made, start=1)
            ),
        ],
    )


def _defined_names(sheets: list[Sheet], names: list[str]) -> str:
    """The hidden names Excel keeps for each sheet's filter range."""
    defined = []
    for index, (sheet, name) in enumerate(zip(sheets, names)):
        rows = sheet.height + 1
        if sheet.filtered:
            quoted = name.replace("'", "''")
            defined.append(
                f'<definedName name="_xlnm._FilterDatabase" localSheetId="{index}" hidden="1">'
                f"'{escape(quoted)}'!$A$1:${column_letters(len(sheet.header) - 1)}${rows}</definedName>"
            )
    return f"<definedNames>{''.join(defined)}</definedNames>" if defined else ""
