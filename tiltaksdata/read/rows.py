"""What a text row of a sheet is: page furniture (title, source line, update date, period), or the
subtitle of the block below it."""

from __future__ import annotations

import re
from typing import Any

from tiltaksdata.numbers import SUPPRESSED
from tiltaksdata.periods import text_to_months
from tiltaksdata.read.cells import captioned_header, filled_columns, text_of

TITLE = re.compile(r"^(?:TILT\d{3}\b|Deltakere i arbeidsrettede tiltak\.)")
KILDE = re.compile(r"^Kilde:\s*NAV\s*(.*)$")
FURNITURE = re.compile(r"^(?:Side \d+ av \d+|Kilde:)")
UPDATED = re.compile(r"^(.*?)\s*Rapport oppdatert:\s*(\d{1,2}\.\d{1,2}\.\d{4})?\s*$")
Row = tuple[int, tuple[Any, ...]]


def is_furniture(values: tuple[Any, ...], filled: list[int]) -> bool:
    """A row that holds a title, a source line, an update date or a period: it belongs to no block."""
    texts = [text_of(values[i]) for i in filled]
    return any(TITLE.match(t) or FURNITURE.match(t) or UPDATED.match(t) or text_to_months(t) for t in texts if t)


def header_follows(rows: list[Row], position: int) -> bool:
    """True when the text rows after `position` lead to a header row (the row at `position` is a
    subtitle) or to a period row (a section title), as in a text extract. A title or source line on
    the way (the next page) means it is neither: it is a row of the table above, its cells blank."""
    for _, values in rows[position + 1 :]:
        filled = filled_columns(values)
        if not all(isinstance(values[i], str) and values[i].strip() != SUPPRESSED for i in filled):
            return False
        if filled[0] > 0 or captioned_header(values, filled) or any(text_to_months(text_of(values[i])) for i in filled):
            return True
        if is_furniture(values, filled):
            return False
    return False
