"""Asking the pages' rows: one statistic and dimension at a time (indexed once per list), the latest, in order."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from operator import itemgetter
from typing import TYPE_CHECKING, Any, TypeVar

from tiltaksdata.model import DIMENSIONS, TOTAL

if TYPE_CHECKING:  # data imports this module: its types are for mypy only
    from tiltaksdata.site.data import PageRow, Row

R = TypeVar("R", bound="PageRow")  # whichever rows are given, Rows or dicts, are returned


def index_by(rows: Iterable[R], *columns: str) -> dict[Any, list[R]]:
    """Rows grouped by the value of one column (or a tuple of several)."""
    groups: dict[Any, list[R]] = {}  # keyed by a value, or a tuple of values
    key = itemgetter(*columns)  # one column: its value; several: a tuple of them
    for row in rows:
        groups.setdefault(key(row), []).append(row)
    return groups


def select(rows: list[Row], by: str | None = None, statistic: str = "count", **fixed: str) -> list[Row]:
    """Rows of one statistic with every demographic dimension «I alt» except `by` (if given).

    `fixed` pins columns to values (measure_group=…, region_code=…).
    """
    breakdown = None if by in (None, "measure_group", "measure") else by  # the one dimension not «I alt»
    detail = 0 if breakdown is None else 1
    items = list(fixed.items())
    if len(rows) >= INDEX_FROM:  # a long list (the whole series) is asked hundreds of times: index it once
        column, value = items[0] if items else ("", "")
        rows, items = _indexed(rows, statistic, detail, column).get(value, []), items[1:]
    else:
        rows = [r for r in rows if r["statistic"] == statistic and r["detail"] == detail]
    return [r for r in rows if (breakdown is None or r[breakdown] != TOTAL) and all(r[c] == v for c, v in items)]


INDEX_FROM = 2000


_INDEXES: dict[
    int, tuple[list[Row], dict[tuple[str, int], list[Row]], dict[tuple[str, int, str], dict[str, list[Row]]]]
] = {}


_STATISTIC_DETAIL = itemgetter("statistic", "detail")


def _indexed(rows: list[Row], statistic: str, detail: int, column: str) -> dict[str, list[Row]]:
    """Rows of one statistic and detail grouped by one column's value, built once per list.

    The list is split by (statistic, detail) in one pass; each column's grouping is made from
    that part only, when first asked for.
    """
    entry = _INDEXES.get(id(rows))
    if entry is None or entry[0] is not rows:
        parts: dict[tuple[str, int], list[Row]] = {}
        for row in rows:
            parts.setdefault(_STATISTIC_DETAIL(row), []).append(row)
        entry = _INDEXES[id(rows)] = (rows, parts, {})
    groups = entry[2].get((statistic, detail, column))
    if groups is None:
        part = entry[1].get((statistic, detail), [])
        if column:
            groups = {}
            for row in part:
                groups.setdefault(row[column], []).append(row)
        else:
            groups = {"": part}
        entry[2][(statistic, detail, column)] = groups
    return groups


def forget_indexes() -> None:
    """Drop the indexes of `select` (at the end of a render: they hold the rows)."""
    _INDEXES.clear()


def periods(rows: Iterable[PageRow]) -> list[str]:
    """The distinct periods of some rows, in order."""
    return sorted({r["period"] for r in rows})


KEY_COLUMNS = ("statistic", "region_code", "county_code", *DIMENSIONS)  # what a value is of (with its period)


def _newest_first_key(row: PageRow) -> tuple[str, str]:
    return (str(row.get("published") or ""), str(row["report"]))


def latest(rows: Sequence[R]) -> list[R]:
    """The rows of the latest period among `rows`, each key once: from the newest report that gives it.

    The series gives each key once, from its current publication, and that is not one report for every
    key: NAV publishes several reports a month (TILT100–TILT180), each the latest for its own measures.
    Keeping only the newest report's rows would drop the others' without a word. The county series may
    give a key from several reports: then the newest publication's row is the one kept.
    """
    if not rows:
        return []
    period = max(r["period"] for r in rows)
    now = [r for r in rows if r["period"] == period]
    kept: dict[tuple, R] = {}
    for row in sorted(now, key=_newest_first_key):
        kept[tuple(row.get(c) for c in KEY_COLUMNS)] = row
    winners = {id(row) for row in kept.values()}
    return [r for r in now if id(r) in winners]


def one_per_period(rows: Iterable[R], *key: str) -> list[R]:
    """One row per key and period (the series holds one value per key; county series may overlap)."""
    kept: dict[tuple[Any, ...], R] = {}
    for row in sorted(rows, key=_newest_first_key):
        kept[(*(row[k] for k in key), row["period"])] = row
    return sorted(kept.values(), key=lambda r: r["period"])


def by_number(rows: Iterable[R]) -> list[R]:
    """Largest first; suppressed values last, in their printed order."""
    return sorted(rows, key=lambda r: (r["number"] is None, -(r["number"] or 0)))


def known(rows: Iterable[R]) -> list[R]:
    """The rows with a number (not suppressed)."""
    return [r for r in rows if r["number"] is not None]
