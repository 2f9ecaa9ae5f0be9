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
from collections.abc import Sequence
from pathlib import Path

from tiltaksdata.read.excel import column_letter  # one home for Excel's column names: the reader's
from tiltaksdata.site.archive import Deflated, deflate_text, write_zip
from tiltaksdata.site.worksheet import EXCEL_MAX_ROWS, Sheet, WorkbookError, deflate_sheet, escape  # noqa: F401 - EXCEL_MAX_ROWS, WorkbookError: re-exported for callers

SHEET_NAME_MAX = 31
_NOT_IN_SHEET_NAME = re.compile(r"[\[\]:*?/\\]")

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
                f"'{escape(quoted)}'!$A$1:${column_letter(len(sheet.header) - 1)}${rows}</definedName>"
            )
    return f"<definedNames>{''.join(defined)}</definedNames>" if defined else ""
