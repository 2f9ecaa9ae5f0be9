"""The data package on disk → the rows the pages are made from.

The site is rendered from the published package only (never from the parser's internals), so what a
reader sees is what a downloader gets. Rows are plain dicts: a page selects a few dozen rows from
a few thousand, which Python lists do in microseconds where DataFrames pay milliseconds per call.
"""

from __future__ import annotations

import csv
import hashlib
import io
import json
import pickle
import sys
from dataclasses import dataclass, field
from functools import lru_cache
from operator import itemgetter
from pathlib import Path

from tiltaksdata.cache import write_atomically
from tiltaksdata.model import DIMENSIONS, TOTAL
from tiltaksdata.numbers import SUPPRESSED
from tiltaksdata.check.comparable import SERIES_COLUMNS
from tiltaksdata.package.write import OBSERVATION_COLUMNS
from tiltaksdata.package.schema import CURRENT_COLUMNS

SUPPRESSED_MARK = SUPPRESSED
CONTRACT_COLUMNS = OBSERVATION_COLUMNS  # a page's CSV has the package's own columns
SERIES_CSV_COLUMNS = SERIES_COLUMNS
DEMOGRAPHIC = tuple(d for d in DIMENSIONS if d not in ("measure_group", "measure"))
if DEMOGRAPHIC != ("participant_group", "gender", "age", "immigrant_status", "birth_region", "education"):
    raise ImportError("site_data._observation spells out the demographic dimensions: update it")


class Row:
    """One observation for the pages: the package's columns plus number, suppressed, date, detail.

    A mapping with fixed slots instead of a dict: an archive's series has hundreds of thousands
    of rows, and a slotted row with interned strings takes a quarter of a dict's memory.
    """

    __slots__ = tuple(dict.fromkeys((*CURRENT_COLUMNS, *SERIES_COLUMNS, "suppressed", "number", "date",
                                     "detail", "revisions", "subject", "county")))

    def __init__(self, values: dict | None = None, **more) -> None:
        for key, value in {**(values or {}), **more}.items():
            setattr(self, key, value)

    # row["period"] is the hot path of every page: the C-level attribute lookup (a missing column
    # raises AttributeError, a LookupError's cousin; use .get for optional columns).
    __getitem__ = object.__getattribute__

    @classmethod
    def from_values(cls, columns: list[str], values) -> "Row":
        """A row from a CSV record and its header."""
        return _maker(tuple(columns))(*values)

    def __setitem__(self, key: str, value) -> None:
        setattr(self, key, value)

    def __contains__(self, key: str) -> bool:
        return hasattr(self, key)

    def get(self, key: str, default=None):
        """The value of a column, or `default`."""
        return getattr(self, key, default)

    def keys(self) -> list[str]:
        """The columns set on this row."""
        return [k for k in self.__slots__ if hasattr(self, k)]

    def items(self) -> list[tuple[str, object]]:
        """(column, value) of every column set."""
        return [(k, getattr(self, k)) for k in self.keys()]

    def update(self, values: dict | None = None, **more) -> None:
        """Set several columns."""
        for key, value in {**(values or {}), **more}.items():
            setattr(self, key, value)

    def __eq__(self, other) -> bool:
        return isinstance(other, Row) and self.items() == other.items()

    __hash__ = None  # mutable, like the dict it replaces


@dataclass
class SiteData:
    """The package's resources as lists of rows; observations get `number` (None where suppressed)."""

    folder: Path
    descriptor: dict
    observations: list[Row]
    regions: list[dict]
    measures: list[dict]
    mappings: list[dict]
    structures: list[dict]
    changes: list[dict]
    county_series: list[Row]
    revisions: list[dict] = field(default_factory=list)
    contents: dict[str, str] = field(default_factory=dict)  # report → a sentence on what it holds (render sets it)

    @property
    def sources(self) -> list[dict]:
        return self.descriptor["sources"]

    def schema(self, resource: str) -> dict:
        """The Table Schema of one resource."""
        return next(r["schema"] for r in self.descriptor["resources"] if r["name"] == resource)

    def enum(self, column: str) -> list[str]:
        """An observations column's values in the Table Schema's order (the vocabulary's order)."""
        field = next(f for f in self.schema("observations")["fields"] if f["name"] == column)
        return field.get("constraints", {}).get("enum", [])


@lru_cache(maxsize=32)
def _maker(columns: tuple[str, ...]):
    """A function making a Row from the values of one CSV header's columns, in order.

    Written out per header (`row.period = v1; …`): the render reads hundreds of thousands of rows,
    and attribute stores in straight-line code are several times faster than a setattr loop.
    """
    if not all(c.isidentifier() and c in Row.__slots__ for c in columns):
        raise ValueError(f"columns not known to Row: {columns}")
    names = [f"v{i}" for i in range(len(columns))]
    body = "\n".join(f"    row.{c} = {v}" for c, v in zip(columns, names)) or "    pass"
    source = f"def make({', '.join(names)}):\n    row = new(Row)\n{body}\n    return row\n"
    namespace: dict = {"Row": Row, "new": object.__new__}  # no __init__: every column is set below
    exec(source, namespace)  # noqa: S102 - column names checked above: identifiers Row knows
    return namespace["make"]


def resource_paths(descriptor: dict, name: str) -> list[str]:
    """The file(s) of a resource: one path, or its parts in order."""
    path = next(r["path"] for r in descriptor["resources"] if r["name"] == name)
    return path if isinstance(path, list) else [path]


def read_resource(folder: Path, name: str, descriptor: dict | None = None, make=dict,
                  cache_dir: Path | None = None) -> list:
    """Every row of a package resource, whether one file or written in parts, as dicts (or `make`s).

    With `cache_dir`, each part's records are kept there (pickled, keyed by the part's bytes): a
    part unchanged since an earlier build is not parsed as CSV again.
    """
    descriptor = descriptor or json.loads((folder / "datapackage.json").read_text(encoding="utf-8"))
    rows: list[dict] = []
    for path in resource_paths(descriptor, name):
        header, records = _part_records(folder / path, cache_dir)
        if make is Row:
            build = _maker(header)
            rows += (build(*values) for values in records)
        else:
            rows += (make(dict(zip(header, values))) for values in records)
    return rows


def _part_records(path: Path, cache_dir: Path | None) -> tuple[tuple[str, ...], list[tuple[str, ...]]]:
    """A CSV file's header and records, strings interned (labels, periods and codes repeat in every row)."""
    data = path.read_bytes()
    kept = cache_dir / "rows" / f"{hashlib.sha256(data).hexdigest()}.pickle" if cache_dir else None
    if kept and kept.is_file():
        try:
            return pickle.loads(kept.read_bytes())
        except (pickle.UnpicklingError, EOFError, ValueError):
            pass  # a damaged entry: read the CSV again and replace it
    intern = sys.intern
    reader = csv.reader(io.StringIO(data.decode("utf-8"), newline=""))
    header = tuple(intern(h) for h in next(reader, []))
    records = [tuple(map(intern, values)) for values in reader]
    if kept:
        write_atomically(kept, lambda handle: pickle.dump((header, records), handle, protocol=pickle.HIGHEST_PROTOCOL))
    return header, records


def _observation(row: Row) -> Row:
    row.suppressed = suppressed = row.value == SUPPRESSED_MARK
    row.number = None if suppressed else float(row.value)
    row.date = row.period + "-01"
    # How many demographic dimensions are broken down: a selection asks for none or exactly one.
    row.detail = ((row.participant_group != TOTAL) + (row.gender != TOTAL) + (row.age != TOTAL)
                  + (row.immigrant_status != TOTAL) + (row.birth_region != TOTAL) + (row.education != TOTAL))
    return row


def _series_row(row: Row) -> Row:
    """A county_series row, shaped like an observation (region_code is the 2024 county)."""
    row.region_code, row.region_name, row.region_level = row.county_code, row.county_name, "county"
    row.low, row.high, row.approximate = int(row.low), int(row.high), row.approximate == "true"
    row.suppressed = suppressed = row.value in (SUPPRESSED_MARK, "")
    row.number = None if suppressed else float(row.value)
    row.date = row.period + "-01"
    row.detail = ((row.participant_group != TOTAL) + (row.gender != TOTAL) + (row.age != TOTAL)
                  + (row.immigrant_status != TOTAL) + (row.birth_region != TOTAL) + (row.education != TOTAL))
    return row


def revision_key(row: dict) -> tuple:
    """The key a revision and an observation share: period, statistic, region and every dimension."""
    return (row["period"], row["statistic"], row["region_code"], *(row[d] for d in DIMENSIONS))


def package_to_site_data(folder: Path, cache_dir: Path | None = None) -> SiteData:
    """Read a written data package: the current series (one value per key), its revisions, the rest.

    Pages show current values (`series.csv`: the latest publication of each key); a row whose
    value a later report revised carries its revisions, for the note beside the number.
    """
    descriptor = json.loads((folder / "datapackage.json").read_text(encoding="utf-8"))

    def _read(folder: Path, name: str, make=dict) -> list:
        return read_resource(folder, name, descriptor, make, cache_dir if make is Row else None)

    revisions = _read(folder, "revisions")
    revised = index_by(revisions, "period", "statistic", "region_code", *DIMENSIONS)
    observations = [_observation(r) for r in _read(folder, "series", Row)]
    # Few keys are ever revised: only rows of a period with a revision need their key made.
    revised_periods = {r["period"] for r in revisions}
    for row in observations:
        row.revisions = revised.get(revision_key(row), ()) if row.period in revised_periods else ()
    return SiteData(folder, descriptor, observations,
                    _read(folder, "regions"), _read(folder, "measures"), _read(folder, "label_mappings"),
                    _read(folder, "county_structures"), _read(folder, "county_changes"),
                    [_series_row(r) for r in _read(folder, "county_series", Row)], revisions)


def index_by(rows: list[Row], *columns: str) -> dict:
    """Rows grouped by the value of one column (or a tuple of several)."""
    groups: dict = {}
    key = itemgetter(*columns)  # one column: its value; several: a tuple of them
    for row in rows:
        groups.setdefault(key(row), []).append(row)
    return groups


def select(rows: list[Row], by: str | None = None, statistic: str = "count", **fixed: str) -> list[Row]:
    """Rows of one statistic with every demographic dimension «I alt» except `by` (if given).

    `fixed` pins columns to values (measure_group=…, region_code=…).
    """
    detail = 0 if by in (None, "measure_group", "measure") else 1
    items = list(fixed.items())
    if len(rows) >= INDEX_FROM:  # a long list (the whole series) is asked hundreds of times: index it once
        column, value = items[0] if items else ("", "")
        rows, items = _indexed(rows, statistic, detail, column).get(value, []), items[1:]
    else:
        rows = [r for r in rows if r["statistic"] == statistic and r["detail"] == detail]
    return [r for r in rows if (detail == 0 or r[by] != TOTAL) and all(r[c] == v for c, v in items)]


INDEX_FROM = 2000
_INDEXES: dict[int, tuple[list[Row], dict, dict]] = {}
_STATISTIC_DETAIL = itemgetter("statistic", "detail")


def _indexed(rows: list[Row], statistic: str, detail: int, column: str) -> dict[str, list[Row]]:
    """Rows of one statistic and detail grouped by one column's value, built once per list.

    The list is split by (statistic, detail) in one pass; each column's grouping is made from
    that part only, when first asked for.
    """
    entry = _INDEXES.get(id(rows))
    if entry is None or entry[0] is not rows:
        parts: dict[tuple, list[Row]] = {}
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


def periods(rows: list[Row]) -> list[str]:
    """The distinct periods of some rows, in order."""
    return sorted({r["period"] for r in rows})


def latest(rows: list[Row]) -> list[Row]:
    """The rows of the latest period among `rows`, from the newest report that has it."""
    if not rows:
        return []
    period = max(r["period"] for r in rows)
    report = max(r["report"] for r in rows if r["period"] == period)
    return [r for r in rows if r["period"] == period and r["report"] == report]


def one_per_period(rows: list[Row], *key: str) -> list[Row]:
    """One row per key and period (the series holds one value per key; county series may overlap)."""
    kept: dict = {}
    for row in sorted(rows, key=lambda r: r["report"]):
        kept[(*(row[k] for k in key), row["period"])] = row
    return sorted(kept.values(), key=lambda r: r["period"])


def by_number(rows: list[Row]) -> list[Row]:
    """Largest first; suppressed values last, in their printed order."""
    return sorted(rows, key=lambda r: (r["number"] is None, -(r["number"] or 0)))


def known(rows: list[Row]) -> list[Row]:
    """The rows with a number (not suppressed)."""
    return [r for r in rows if r["number"] is not None]
