"""Norwegian (bokmål) presentation: numbers, months, periods, slugs."""

from __future__ import annotations

import math
import re
import unicodedata
from typing import TYPE_CHECKING

from tiltaksdata.numbers import SUPPRESSED, SUPPRESSED_MAX
from tiltaksdata.periods import MONTHS

if TYPE_CHECKING:  # for annotations only: presentation needs nothing of data at run time
    from tiltaksdata.site.data import PageRow

NBSP = "\u00a0"
SUPPRESSED_TEXT = "under 4"
TRANSLIT = str.maketrans(
    {
        "æ": "ae",
        "ø": "o",
        "å": "a",
        "á": "a",
        "č": "c",
        "đ": "d",
        "ŋ": "n",
        "š": "s",
        "ŧ": "t",
        "ž": "z",
        "ä": "a",
        "ö": "o",
    }
)


def number(value: float | int | None, decimals: int = 0) -> str:
    """12345 → '12 345' (non-breaking space), -3.5 → '−3,5'; None/NaN → ''."""
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return ""
    text = f"{abs(value):,.{decimals}f}".replace(",", NBSP).replace(".", ",")
    return ("−" if value < 0 and text.strip("0,") else "") + text


def signed(value: float | int | None, decimals: int = 0) -> str:
    """A change: '+1 234', '−56', '0'."""
    text = number(value, decimals)
    return f"+{text}" if text and value and value > 0 else text


def month(period: str) -> str:
    """'2026-01' → 'januar 2026'."""
    year, mon = period.split("-")
    return f"{MONTHS[int(mon) - 1]} {year}"


def join(items: list[str]) -> str:
    """['a', 'b', 'c'] → 'a, b og c'."""
    items = [i for i in items if i]
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + " og " + items[-1] if items else ""


def slug(label: str) -> str:
    """A safe file name from a label: lower case ASCII letters, digits and hyphens only."""
    text = unicodedata.normalize("NFKC", label).lower().translate(TRANSLIT)
    text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", text).strip("-") or "x"


def row_text(row: PageRow) -> str:
    """A row's value as a reader sees it: the number, «under 4», or the range a sum over «*» allows."""
    if row["number"] is not None:
        return number(row["number"])
    low, high = row.get("low"), row.get("high")
    if low is not None and (low, high) != (0, SUPPRESSED_MAX):
        return f"{number(low)}–{number(high)}"
    return SUPPRESSED_TEXT


def day(iso: str) -> str:
    """`2026-02-02` → `2. februar 2026`."""
    year, month_number, day_number = (int(p) for p in iso.split("-"))
    return f"{day_number}. {MONTHS[month_number - 1]} {year}"


def periods_text(periods: list[str]) -> str:
    """`['2019-01', …, '2019-12']` → `januar–desember 2019`; one month → `januar 2026`."""
    if not periods:
        return ""
    first, last = month(periods[0]), month(periods[-1])
    if first == last:
        return first
    if periods[0][:4] == periods[-1][:4]:
        return f"{first.split()[0]}–{last}"
    return f"{first}–{last}"


def _month_number(period: str) -> int:
    return int(period[:4]) * 12 + int(period[5:7]) - 1


def coverage(periods: list[str]) -> str:
    """The months a series has, gaps shown: `februar 2014, januar–desember 2019 og januar 2026`.

    A range «A–B» is said only of months that follow one another: 13 months spread over six years
    are not «februar 2014–desember 2019».
    """
    runs: list[list[str]] = []
    for period in sorted(set(periods)):
        if runs and _month_number(period) == _month_number(runs[-1][-1]) + 1:
            runs[-1].append(period)
        else:
            runs.append([period])
    return join([periods_text(run) for run in runs])


def published(source: dict) -> str:
    """When a report was published: `2. februar 2026`, or `omkring mars 2014` where only estimated."""
    if not source.get("published"):
        return ""
    if source.get("published_estimated"):
        return f"omkring {month(source['published'][:7])}"
    return day(source["published"])


def revision(rev: dict) -> str:
    """A revision as a sentence: the old figure, the new, both reports and dates."""
    old = SUPPRESSED_TEXT if rev["old_value"] == SUPPRESSED else number(int(rev["old_value"]))
    new = SUPPRESSED_TEXT if rev["new_value"] == SUPPRESSED else number(int(rev["new_value"]))
    before = f"Revidert: {old} i {rev['old_report']} (publisert {day(rev['old_published'])}); "
    if rev["basis"] == "change from a year before":
        return before + (
            f"endringen fra i fjor i {rev['new_report']} (publisert {day(rev['new_published'])}) gir {new}."
        )
    return before + f"{new} i {rev['new_report']} (publisert {day(rev['new_published'])})."
