"""A workbook's cells as the readers need them: text made one line, counts checked, merged ranges spread.

A number column holds whole numbers (`4257`, or `4257.0` as some writers store them) or the text
`*`; anything else there — a formula, a date, a fraction, an error value, other text, a logical
value — is named by `cell_problem`, never read as a number.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from tiltaksdata.numbers import SUPPRESSED
from tiltaksdata.periods import is_month
from tiltaksdata.read.excel import ExcelError, Sheet, is_date

EXCEL_ERRORS = ("#NULL!", "#DIV/0!", "#VALUE!", "#REF!", "#NAME?", "#NUM!", "#N/A", "#GETTING_DATA", "#SPILL!")
SHEET_NAME_MAX = 31  # Excel cuts sheet names at 31 characters
Origin = tuple[int, int]  # the first cell (row, column) of a merged range


@dataclass(frozen=True)
class Covered:
    """A cell that a merged number covers: filled on screen by its first cell's count, never read as one."""

    origin: Any


@dataclass(frozen=True)
class Hidden:
    """A value a cell holds under a merged range that covers it: Excel shows the range's first cell instead."""

    value: Any


def text_of(value: Any) -> str:
    """A text cell as one line: line breaks and runs of blanks made one space."""
    return " ".join(value.split()) if isinstance(value, str) else ""


def filled_columns(values: tuple[Any, ...]) -> list[int]:
    """The columns of a row that hold something (text of blanks only is nothing)."""
    return [i for i, v in enumerate(values) if v is not None and not (isinstance(v, str) and not v.strip())]


def cell_problem(value: Any) -> str | None:
    """Why a cell in a number column is not a count, or None when it is one.

    A `Covered` cell is no count either, but the merge is to blame: the reader names it `merged-cell`."""
    if isinstance(value, Covered):
        return None
    if isinstance(value, bool):
        return f"a logical value ({value}) in a number column"
    if isinstance(value, ExcelError) or (isinstance(value, str) and value.strip() in EXCEL_ERRORS):
        return f"an error value ({value}) in a number column"
    if is_date(value):
        return f"a date ({value}) in a number column"
    if isinstance(value, float) and not value.is_integer():
        return f"a fraction ({value}) in a number column: NAV counts whole persons"
    if isinstance(value, str) and value.strip().startswith("="):
        return f"a formula ({value.strip()}) in a number column: NAV's workbooks hold values"
    if isinstance(value, str) and value.strip() != SUPPRESSED:
        return f"text ({value.strip()!r}) in a number column"
    return None


def cell_to_text(value: Any) -> str:
    """A checked number cell as the readers give cells: digits, `*`, or blank."""
    if value is None or (isinstance(value, str) and not value.strip()):
        return ""
    if isinstance(value, str):
        return SUPPRESSED
    return str(int(value))


@lru_cache(maxsize=256)
def column_index(letters: str) -> int:
    """`A` → 0, `AA` → 26."""
    number = 0
    for char in letters:
        number = number * 26 + ord(char) - 64
    return number - 1


def merged_cells(sheet: Sheet) -> dict[tuple[int, int], tuple[int, int]]:
    """Every cell a merged range covers but its first → that first cell (row, column)."""
    return {
        (row, col): (r0, c0)
        for c0, r0, c1, r1 in sheet.merged
        for row in range(r0, r1 + 1)
        for col in range(c0, c1 + 1)
        if (row, col) != (r0, c0)
    }


def with_merges(
    number: int, values: tuple[Any, ...], merged: dict[tuple[int, int], tuple[int, int]], by_row: dict[int, tuple]
) -> tuple[Any, ...]:
    """A row as a reader sees it on screen: a merged text stands in every cell it covers.

    A merged number (or `*`) is not spread (one count, not several): its covered cells hold a
    `Covered` mark instead, so that a data row with a covered number cell is a problem
    (`merged-cell`) and not a row with blank cells (a zero where blanks are zeros). A merged date
    («Rapport oppdatert» over two cells) leaves its covered cells empty."""
    covered = [(col, origin) for (row, col), origin in merged.items() if row == number]
    if not covered:
        return values
    out = list(values) + [None] * (max(c for c, _ in covered) + 1 - len(values))
    for col, (r0, c0) in covered:
        if col < len(values) and filled_columns((values[col],)):
            out[col] = Hidden(values[col])  # a value of its own under the merge: nobody sees it in Excel
            continue
        origin = by_row.get(r0, ())
        value = origin[c0] if c0 < len(origin) else None
        if isinstance(value, str) and value.strip() != SUPPRESSED:
            out[col] = value
        elif value is None or is_date(value):
            out[col] = None
        else:
            out[col] = Covered(value)
    return tuple(out)


COLUMN_NAMES = ("gjennomsnitt hittil i år", "antall", "endring fra i fjor antall", "endring fra i fjor prosent")


def captioned_header(values: tuple[Any, ...], filled: list[int]) -> bool:
    """A header row with a caption over the label column («Fylke»): every other cell names a month or
    a statistic, so the row cannot be a row of figures."""
    names = [text_of(values[i]).casefold() for i in filled[1:]]
    return bool(names) and all(is_month(n) or n in COLUMN_NAMES for n in names)


def names_sheet(sheet: str, text: str) -> bool:
    """A text that names the sheet: the same words, or the whole name Excel cut at 31 characters."""
    key, name = " ".join(text.casefold().split()), " ".join(sheet.casefold().split())
    return key == name or (len(sheet) == SHEET_NAME_MAX and key.startswith(name))
