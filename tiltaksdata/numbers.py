"""Numbers as NAV prints them: `3 125`, `14\u00a0265`, `-1 852`, `*` (suppressed), blank."""

from __future__ import annotations

import re

SUPPRESSED = "*"  # NAV's mark for a value under 4
SUPPRESSED_MAX = 3  # what `*` may hide: 0–3 (fewer than 4; zeros in a printed row are `*` too)
# Thousands separated by a space, a non-breaking space or a narrow no-break space.
_NUMBER = re.compile(r"^[-\u2212]?\d{1,3}(?:[ \u00a0\u202f]\d{3})*$|^[-\u2212]?\d+$")
# A printed cell: a number (thousands by any space) or the suppression mark.
CELL = re.compile(rf"(?:{_NUMBER.pattern})|^\*$")
VALUE_TOKEN = re.compile(r"^(?:[-\u2212]?\d{1,3}(?:[\u00a0\u202f]\d{3})*|[-\u2212]?\d+|\*)$")


class NumberError(ValueError):
    """A cell that is neither a number, `*` nor blank."""


def parse_cell(text: str) -> int | None:
    """Turn one printed cell into an int, or None where NAV suppressed it; blank is 0."""
    raw = text.strip()
    if raw == SUPPRESSED:
        return None
    if raw == "":
        return 0
    if not _NUMBER.match(raw):
        raise NumberError(f"not a number: {text!r}")
    digits = raw.replace(" ", "").replace("\u00a0", "").replace("\u202f", "").replace("\u2212", "-")
    return int(digits)


def format_value(value: int | None) -> str:
    """An observation value as written to CSV: digits, or `*` where suppressed."""
    return SUPPRESSED if value is None else str(value)
