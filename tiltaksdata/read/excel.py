"""NAV's Excel workbooks (`.xlsx`, and `.xls` where NAV still has it) → sheets of cell values.

`.xlsx` is read with openpyxl in read-only mode (a row at a time, values only: the sheet is never
held whole); `.xls` with xlrd. A file is recognised by its bytes, not its name: a zip is a
workbook, an OLE file is an `.xls` or a password-protected `.xlsx`, anything else (an HTML error
page saved under a workbook's name, a PDF) is not a workbook. Merged ranges are read from the
sheet itself, since openpyxl's read-only mode does not report them.
"""

from __future__ import annotations

import io
import re
import zipfile
import zlib
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from pathlib import Path
from typing import Any

from tiltaksdata.errors import ReportError

ZIP, OLE = b"PK\x03\x04", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
ENCRYPTED_PACKAGE = "EncryptedPackage".encode("utf-16-le")  # the stream a password-protected .xlsx is kept in
MERGE = re.compile(rb'<(?:\w+:)?mergeCell\s+ref="([A-Z]+)(\d+):([A-Z]+)(\d+)"')
READ_AGAIN = "The file may be truncated or damaged: download it again from NAV."


class ExcelError(Exception):
    """A cell an Excel error value stands in (`#N/A`, `#DIV/0!`), as xlrd reports it."""


@dataclass
class Sheet:
    """One sheet: its name, its rows as they are read (row number, values) and its merged ranges."""

    name: str
    rows: Iterator[tuple[int, tuple[Any, ...]]]
    merged: list[tuple[int, int, int, int]] = field(default_factory=list)  # first col, first row, last col, last row


def column_letter(index: int) -> str:
    """0 → `A`, 26 → `AA`: a column as Excel names it."""
    letters = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        letters = chr(65 + rest) + letters
    return letters


def _column_index(letters: bytes) -> int:
    number = 0
    for char in letters:
        number = number * 26 + char - 64
    return number - 1


def _what_it_is(head: bytes) -> str:
    start = head.lstrip()[:15].lower()
    if start.startswith((b"<!doctype html", b"<html")):
        return "an HTML page"
    if start.startswith(b"%pdf"):
        return "a PDF"
    if start.startswith(b"<"):
        return "an XML or HTML file"
    return "neither an .xlsx nor an .xls workbook"


def _bad(type: str, message: str, name: str, hint: str = READ_AGAIN, sheet: str | None = None) -> ReportError:
    return ReportError(type, message, name, page=sheet, hint=hint)


def _merged(archive: zipfile.ZipFile, path: str) -> list[tuple[int, int, int, int]]:
    """The merged ranges of one sheet (0-based columns, 1-based rows), from its XML."""
    data = archive.read(path)
    tail = data[data.rfind(b"</sheetData>") :] if b"</sheetData>" in data else data
    return [
        (_column_index(m[1]), int(m[2]), _column_index(m[3]), int(m[4])) for m in MERGE.finditer(tail) if m[1] and m[3]
    ]


def _xlsx_sheets(path: Path) -> Iterator[Sheet]:
    import openpyxl
    from openpyxl.utils.exceptions import InvalidFileException

    name = path.name
    try:
        book = openpyxl.load_workbook(path, read_only=True, data_only=False, keep_links=False)
    except (zipfile.BadZipFile, zlib.error, EOFError) as err:  # opening reads every sheet's size: a damaged one fails
        raise _bad(
            "truncated-workbook", f"the workbook cannot be opened: a damaged or truncated file ({err})", name
        ) from None
    except (KeyError, InvalidFileException) as err:
        raise _bad("not-a-workbook", f"a zip file, but not an Excel workbook ({err})", name) from None
    except Exception as err:  # openpyxl raises many kinds on a damaged package
        raise _bad("bad-workbook", f"the workbook cannot be read ({type(err).__name__}: {err})", name) from None
    try:
        archive = zipfile.ZipFile(path)
        for sheet in book.worksheets:
            merged = _merged(archive, sheet._worksheet_path) if hasattr(sheet, "_worksheet_path") else []
            yield Sheet(sheet.title, _xlsx_rows(sheet, name), merged)
    except (zipfile.BadZipFile, zlib.error, EOFError, KeyError) as err:
        raise _bad("truncated-workbook", f"the workbook is damaged or truncated ({err})", name) from None
    finally:
        book.close()


def _xlsx_rows(sheet: Any, name: str) -> Iterator[tuple[int, tuple[Any, ...]]]:
    # Read-only mode trusts the sheet's <dimension>, which a writer may leave stale: rows and columns
    # past it would be dropped without a word. Forget it and read every row the sheet holds.
    sheet.reset_dimensions()
    try:
        yield from enumerate(sheet.iter_rows(values_only=True), start=1)
    except (zipfile.BadZipFile, zlib.error, EOFError) as err:
        raise _bad(
            "truncated-workbook", f"the sheet is damaged or truncated ({err})", name, sheet=sheet.title
        ) from None
    except Exception as err:  # a malformed sheet XML
        raise _bad(
            "bad-workbook", f"the sheet cannot be read ({type(err).__name__}: {err})", name, sheet=sheet.title
        ) from None


def _xls_sheets(path: Path, data: bytes) -> Iterator[Sheet]:
    import xlrd

    name = path.name
    log = io.StringIO()  # xlrd writes its warnings to stdout unless told otherwise; only the CLI prints
    try:
        book = xlrd.open_workbook(file_contents=data, formatting_info=True, on_demand=True, logfile=log)
    except xlrd.XLRDError as err:
        if "encrypted" in str(err).lower():
            raise _encrypted(name) from None
        raise _bad("bad-workbook", f"the .xls workbook cannot be read ({err})", name) from None
    except Exception as err:  # xlrd raises struct, index and assertion errors on a truncated file
        raise _bad(
            "truncated-workbook", f"the .xls workbook is damaged or truncated ({_damage(err, log)})", name
        ) from None
    try:
        for index, title in enumerate(book.sheet_names()):
            try:
                sheet = book.sheet_by_index(index)
            except Exception as err:  # a sheet is read when it is asked for (on_demand): a damaged one fails here
                raise _bad(
                    "truncated-workbook", f"the sheet is damaged ({_damage(err, log)})", name, sheet=title
                ) from None
            merged = [(c0, r0 + 1, c1 - 1, r1) for r0, r1, c0, c1 in sheet.merged_cells]
            yield Sheet(sheet.name, _xls_rows(sheet, book.datemode), merged)
    finally:
        book.release_resources()


def _damage(err: Exception, log: io.StringIO) -> str:
    """What is wrong with a damaged .xls: xlrd's own warning where it gave one, else its error."""
    warnings = [line for line in log.getvalue().splitlines() if line.startswith("WARNING")]
    return warnings[0].removeprefix("WARNING").strip(" *") if warnings else f"{type(err).__name__}: {err}"


def _xls_rows(sheet: Any, datemode: int) -> Iterator[tuple[int, tuple[Any, ...]]]:
    import xlrd

    for number in range(sheet.nrows):
        values: list[Any] = []
        for cell in sheet.row(number):
            if cell.ctype in (xlrd.XL_CELL_EMPTY, xlrd.XL_CELL_BLANK):
                values.append(None)
            elif cell.ctype == xlrd.XL_CELL_DATE:
                values.append(datetime(1899, 12, 30 if datemode == 0 else 31) + timedelta(days=cell.value))
            elif cell.ctype == xlrd.XL_CELL_ERROR:
                values.append(ExcelError(xlrd.error_text_from_code.get(cell.value, "#?")))
            elif cell.ctype == xlrd.XL_CELL_BOOLEAN:
                values.append(bool(cell.value))
            else:
                values.append(cell.value)
        yield number + 1, tuple(values)


def _encrypted(name: str) -> ReportError:
    return _bad(
        "encrypted-workbook",
        "the workbook is password-protected",
        name,
        hint="Download the workbook again from NAV, or save it without a password.",
    )


def workbook_to_sheets(path: Path) -> Iterator[Sheet]:
    """Every sheet of a workbook in order, its rows read as they are asked for; bad files are errors."""
    with open(path, "rb") as handle:
        head = handle.read(8)
    name = path.name
    if not head:
        raise _bad("empty-file", "the file is empty", name, hint="Put NAV's workbook here, or remove the file.")
    if head.startswith(ZIP):
        return _xlsx_sheets(path)
    if head == OLE:
        data = path.read_bytes()
        if ENCRYPTED_PACKAGE in data:
            raise _encrypted(name)
        return _xls_sheets(path, data)
    with open(path, "rb") as handle:
        what = _what_it_is(handle.read(512))
    raise _bad(
        "not-a-workbook",
        f"the file is {what}, not an Excel workbook",
        name,
        hint="The download may have returned an error page: download the workbook again from NAV.",
    )


def is_date(value: Any) -> bool:
    """True for the date and time values a reader gives for a date-formatted cell."""
    return isinstance(value, (date, datetime, time, timedelta))
