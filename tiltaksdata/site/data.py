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
import sys
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any, TypeAlias, overload

from tiltaksdata.cache import ENTRY_MAGIC, load_pickle, store_pickle
from tiltaksdata.check.comparable import SERIES_COLUMNS
from tiltaksdata.model import DIMENSIONS, TOTAL
from tiltaksdata.numbers import SUPPRESSED
from tiltaksdata.package.schema import CURRENT_COLUMNS, OBSERVATION_COLUMNS
from tiltaksdata.site.rows import index_by

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

    __slots__ = tuple(
        dict.fromkeys(
            (
                *CURRENT_COLUMNS,
                *SERIES_COLUMNS,
                "suppressed",
                "number",
                "date",
                "detail",
                "revisions",
                "subject",
                "county",
            )
        )
    )
    # The slots' types, for mypy: an annotation without a value makes no class attribute (the slots stay).
    report: str
    period: str
    statistic: str
    region_level: str
    region_code: str
    region_name: str
    participant_group: str
    measure_group: str
    measure: str
    gender: str
    age: str
    immigrant_status: str
    birth_region: str
    education: str
    value: str
    published: str
    county_code: str
    county_name: str
    low: int | str  # county_series: text as read, a number once _series_row has made it one
    high: int | str
    method: str
    approximate: bool | str  # likewise: "true"/"false" as read, a bool after _series_row
    from_codes: str
    suppressed: bool
    number: float | None
    date: str
    detail: int
    revisions: Sequence[dict[str, str]]
    subject: str
    county: str

    def __init__(self, values: Mapping[str, object] | None = None, **more: object) -> None:
        for key, value in {**(values or {}), **more}.items():
            setattr(self, key, value)

    # row["period"] is the hot path of every page: the C-level attribute lookup (a missing column
    # raises AttributeError, a LookupError's cousin; use .get for optional columns).
    __getitem__ = object.__getattribute__

    @classmethod
    def from_values(cls, columns: list[str], values: Iterable[str]) -> Row:
        """A row from a CSV record and its header."""
        return _maker(tuple(columns))(*values)

    def __setitem__(self, key: str, value: object) -> None:
        setattr(self, key, value)

    def __contains__(self, key: str) -> bool:
        return hasattr(self, key)

    def get(self, key: str, default: object = None) -> Any:
        """The value of a column, or `default`."""
        return getattr(self, key, default)

    def keys(self) -> list[str]:
        """The columns set on this row."""
        return [k for k in self.__slots__ if hasattr(self, k)]

    def items(self) -> list[tuple[str, object]]:
        """(column, value) of every column set."""
        return [(k, getattr(self, k)) for k in self.keys()]

    def update(self, values: Mapping[str, object] | None = None, **more: object) -> None:
        """Set several columns."""
        for key, value in {**(values or {}), **more}.items():
            setattr(self, key, value)

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Row) and self.items() == other.items()

    # Mutable, like the dict it replaces. (mypy: object's __hash__ is a method; None is how Python, and
    # typeshed, say unhashable.)
    __hash__ = None  # type: ignore[assignment]


PageRow: TypeAlias = Row | dict[str, Any]  # a row on a page: a Row, or a dict copy of one (regions.by_measure)


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
def _maker(columns: tuple[str, ...]) -> Callable[..., Row]:
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


@overload
def read_resource(
    folder: Path, name: str, descriptor: dict | None = ..., make: type[dict] = ..., cache_dir: Path | None = ...
) -> list[dict[str, str]]: ...
@overload
def read_resource(
    folder: Path, name: str, descriptor: dict | None, make: type[Row], cache_dir: Path | None = ...
) -> list[Row]: ...
def read_resource(
    folder: Path,
    name: str,
    descriptor: dict | None = None,
    make: type[dict] | type[Row] = dict,
    cache_dir: Path | None = None,
) -> list[Any]:
    """Every row of a package resource, whether one file or written in parts, as dicts (or Rows).

    With `cache_dir`, each part's records are kept there (pickled, keyed by the part's bytes): a
    part unchanged since an earlier build is not parsed as CSV again.
    """
    descriptor = descriptor or json.loads((folder / "datapackage.json").read_text(encoding="utf-8"))
    rows: list[Any] = []  # dicts or Rows, as `make` (the overloads above say which)
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
    kept = cache_dir / "rows" / f"{hashlib.sha256(ENTRY_MAGIC + data).hexdigest()}.pickle" if cache_dir else None
    entry = load_pickle(kept)
    if isinstance(entry, tuple) and len(entry) == 2:
        return entry  # a damaged entry is a miss: the CSV is read again and the entry replaced
    intern = sys.intern
    reader = csv.reader(io.StringIO(data.decode("utf-8"), newline=""))
    header = tuple(intern(h) for h in next(reader, []))
    records = [tuple(map(intern, values)) for values in reader]
    if kept:
        store_pickle(kept, (header, records))
    return header, records


def _detail(row: Row) -> int:
    """How many demographic dimensions a row breaks down: a selection asks for none or exactly one."""
    return (
        (row.participant_group != TOTAL)
        + (row.gender != TOTAL)
        + (row.age != TOTAL)
        + (row.immigrant_status != TOTAL)
        + (row.birth_region != TOTAL)
        + (row.education != TOTAL)
    )


def _observation(row: Row) -> Row:
    row.suppressed = suppressed = row.value == SUPPRESSED_MARK
    row.number = None if suppressed else float(row.value)
    row.date = row.period + "-01"
    row.detail = _detail(row)
    return row


def _series_row(row: Row) -> Row:
    """A county_series row, shaped like an observation (region_code is the 2024 county)."""
    row.region_code, row.region_name, row.region_level = row.county_code, row.county_name, "county"
    row.low, row.high, row.approximate = int(row.low), int(row.high), row.approximate == "true"
    row.suppressed = suppressed = row.value in (SUPPRESSED_MARK, "")
    row.number = None if suppressed else float(row.value)
    row.date = row.period + "-01"
    row.detail = _detail(row)
    return row


def revision_key(row: PageRow) -> tuple:
    """The key a revision and an observation share: period, statistic, region and every dimension."""
    return (row["period"], row["statistic"], row["region_code"], *(row[d] for d in DIMENSIONS))


def package_to_site_data(folder: Path, cache_dir: Path | None = None) -> SiteData:
    """Read a written data package: the current series (one value per key), its revisions, the rest.

    Pages show current values (`series.csv`: the latest publication of each key); a row whose
    value a later report revised carries its revisions, for the note beside the number.
    """
    descriptor = json.loads((folder / "datapackage.json").read_text(encoding="utf-8"))

    def _read(folder: Path, name: str) -> list[dict[str, str]]:
        return read_resource(folder, name, descriptor)

    def _rows(folder: Path, name: str) -> list[Row]:  # only Rows are cached: they are most of the reading
        return read_resource(folder, name, descriptor, Row, cache_dir)

    revisions = _read(folder, "revisions")
    revised = index_by(revisions, "period", "statistic", "region_code", *DIMENSIONS)
    observations = [_observation(r) for r in _rows(folder, "series")]
    # Few keys are ever revised: only rows of a period with a revision need their key made.
    revised_periods = {r["period"] for r in revisions}
    for row in observations:
        row.revisions = revised.get(revision_key(row), ()) if row.period in revised_periods else ()
    return SiteData(
        folder,
        descriptor,
        observations,
        _read(folder, "regions"),
        _read(folder, "measures"),
        _read(folder, "label_mappings"),
        _read(folder, "county_structures"),
        _read(folder, "county_changes"),
        [_series_row(r) for r in _rows(folder, "county_series")],
        revisions,
    )
