"""Periods as NAV prints them (`Februar 2014`, `Januar - Februar 2020`) → `YYYY-MM`."""

from __future__ import annotations

import re
from datetime import date

MONTHS = [
    "januar",
    "februar",
    "mars",
    "april",
    "mai",
    "juni",
    "juli",
    "august",
    "september",
    "oktober",
    "november",
    "desember",
]
_MONTH = "(" + "|".join(MONTHS) + ")"
_RANGE = re.compile(rf"^{_MONTH}(?:\s+(\d{{4}}))?\s*-\s*{_MONTH}\s+(\d{{4}})$", re.IGNORECASE)
_SINGLE = re.compile(rf"^{_MONTH}\s+(\d{{4}})$", re.IGNORECASE)


def is_month(word: str) -> bool:
    """True for a Norwegian month name in any case."""
    return word.strip().lower() in MONTHS


def text_to_months(text: str) -> list[str] | None:
    """Every `YYYY-MM` in a printed period or range, in order; None if the text is not one."""
    text = " ".join(text.split())
    if m := _SINGLE.match(text):
        return [f"{int(m[2]):04d}-{MONTHS.index(m[1].lower()) + 1:02d}"]
    if m := _RANGE.match(text):
        end_year, end_month = int(m[4]), MONTHS.index(m[3].lower()) + 1
        start_month = MONTHS.index(m[1].lower()) + 1
        start_year = int(m[2]) if m[2] else (end_year if start_month <= end_month else end_year - 1)
        months, year, month = [], start_year, start_month
        while (year, month) <= (end_year, end_month):
            months.append(f"{year:04d}-{month:02d}")
            year, month = (year + 1, 1) if month == 12 else (year, month + 1)
        return months
    return None


def month_column_to_period(name: str, months: list[str]) -> str | None:
    """The `YYYY-MM` a month column (`Februar`) stands for within a report's range."""
    if not is_month(name):
        return None
    number = MONTHS.index(name.strip().lower()) + 1
    matches = [p for p in months if int(p[5:]) == number]
    return matches[0] if len(matches) == 1 else None


def updated_to_date(text: str) -> str:
    """`02.02.2026` (as «Rapport oppdatert» prints it) → `2026-02-02`; ValueError if it is not a date."""
    day, month, year = (int(part) for part in text.strip().split("."))
    return date(year, month, day).isoformat()


def months_between(first: str, last: str) -> list[str]:
    """`2026-11`, `2027-02` → every month from the first to the last: `2026-11` … `2027-02`."""
    months, year, month = [], int(first[:4]), int(first[5:])
    while (year, month) <= (int(last[:4]), int(last[5:])):
        months.append(f"{year:04d}-{month:02d}")
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    return months
