"""What the Excel downloads hold — the whole package, and each page's numbers.

The package workbook (`tiltaksdata-datapakke.xlsx`) has a first sheet «Om» (title, source, licence,
what «*» means, every column of every sheet described in bokmål), then one sheet per resource.
A resource written in parts (observations per report, the series per month) gets a sheet per
year — «series 2024» — so no sheet passes Excel's row limit however long the archive grows. A
year's sheet is joined from compressed pieces, one per part, kept in the cache by the part's bytes
and the row it starts at: adding a month compresses its own parts and the parts it changed, not its
year again (a year of NAV's year-to-date files reprints each month up to eleven times).
"""

from __future__ import annotations

import csv
import hashlib
import io
from collections.abc import Iterator
from operator import itemgetter
from pathlib import Path

from tiltaksdata import words_nb
from tiltaksdata.cache import code_fingerprint, load_bytes, store_bytes
from tiltaksdata.settings import Site
from tiltaksdata.site.archive import Deflated, bytes_to_deflated, deflated_to_bytes
from tiltaksdata.site.data import CONTRACT_COLUMNS, SERIES_CSV_COLUMNS
from tiltaksdata.site.pages.common import Page
from tiltaksdata.site.workbook import sheets_to_workbook
from tiltaksdata.site.worksheet import Piece, Sheet, deflate_rows, deflate_sheet, deflate_sheet_of_pieces

PACKAGE_WORKBOOK = "tiltaksdata-datapakke.xlsx"
LICENCE = "Norsk lisens for offentlige data (NLOD) 2.0: https://data.norge.no/nlod/no/2.0"
SOURCE = (
    "NAV (Arbeids- og velferdsetaten): statistikk over deltakere i arbeidsrettede tiltak. "
    "Hver rapport tallene er lest fra er beskrevet på nettstedets kildesider."
)
ABOUT_SHEET = "Om"
SHEET_CODE = ("site.workbook",)  # a cached year sheet depends on the writer (and archive.py, which it imports)


def _schema(descriptor: dict, resource: str) -> dict:
    return next(r for r in descriptor["resources"] if r["name"] == resource)["schema"]


def numeric_columns(descriptor: dict, resource: str) -> frozenset[str]:
    """The columns a resource declares as numbers: written as numbers, «*» kept as text."""
    return frozenset(f["name"] for f in _schema(descriptor, resource)["fields"] if f["type"] in ("integer", "number"))


def about_sheet(descriptor: dict, site: Site, sheets: list[tuple[str, str, tuple[str, ...]]], title: str = "") -> Sheet:
    """The first sheet: what the workbook is, and every column of every sheet (name, resource, header)."""
    # Table Schema's missingValues: strings, or {"value": …, "label": …} objects (those have labels)
    declared: list[str | dict[str, str]] = _schema(descriptor, descriptor["resources"][0]["name"]).get(
        "missingValues", []
    )
    missing = "; ".join(m.get("label", m["value"]) for m in declared if isinstance(m, dict))
    rows: list[tuple[str, str, str, str]] = [
        ("Tittel", "", "", title or descriptor.get("title", "")),
        ("Innhold", "", "", words_nb.DATASET),
        ("Kilde", "", "", SOURCE),
        ("Lisens", "", "", LICENCE),
        ("Utgiver", "", "", site.publisher),
        *((("Nettsted", "", "", site.base_url),) if site.base_url else ()),
        (
            "Versjon",
            "",
            "",
            f"{descriptor.get('version', '')} (kolonnenavn og koder endres bare med ny versjon; se endringsloggen)",
        ),
        ("«*»", "", "", f"{missing}. Aldri 0: et prikket tall er 0, 1, 2 eller 3."),
        ("", "", "", ""),
        ("Ark", "Kolonne", "Type", "Beskrivelse"),
    ]
    headings = {len(rows) - 1}
    for name, resource, header in sheets:
        fields = {f["name"]: f for f in _schema(descriptor, resource)["fields"]}
        rows.append((name, "", "", words_nb.RESOURCES.get(resource, "")))
        for column in header:
            field = fields.get(column, {})
            rows.append(("", column, words_nb.TYPES.get(field.get("type", "string"), ""), field.get("description", "")))
    return Sheet(
        ABOUT_SHEET, ("Tiltaksdata", "", "", ""), rows, wrap={3: 100}, filtered=False, headings=frozenset(headings)
    )


class CsvRows:
    """The records of CSV files (each with its header) read as they are iterated: a year's sheet is
    written without holding its rows."""

    def __init__(self, contents: list[bytes]) -> None:
        self.contents = contents
        self._count = -1

    def __iter__(self) -> Iterator[list[str]]:
        for content in self.contents:
            reader = csv.reader(io.StringIO(content.decode("utf-8"), newline=""))
            next(reader, None)
            yield from reader

    def __len__(self) -> int:
        if self._count < 0:
            self._count = sum(1 for _ in self)
        return self._count


def _read_csv(data: bytes) -> tuple[tuple[str, ...], list[tuple[str, ...]]]:
    reader = csv.reader(io.StringIO(data.decode("utf-8"), newline=""))
    header = tuple(next(reader, ()))
    return header, [tuple(row) for row in reader]


def _year_of(path: str) -> str:
    """The year a part belongs to: its name begins with the period (series/2024-01.csv) or the report id."""
    return Path(path).stem[:4]


def package_to_workbook(
    data_folder: Path, descriptor: dict, target: Path, site: Site, cache_dir: Path | None = None
) -> None:
    """The whole data package as one Excel workbook, its sheets made again only where the data changed."""
    # A cached sheet depends on the writer and on how this module reads the parts, not on the pages
    # (this module's imports): a page or chart edit keeps every sheet.
    code = hashlib.sha256((code_fingerprint(*SHEET_CODE)).encode() + Path(__file__).read_bytes()).hexdigest()
    made: list[tuple[Sheet, Deflated | None]] = []
    listed: list[tuple[str, str, tuple[str, ...]]] = []
    for resource in descriptor["resources"]:
        name, paths = resource["name"], resource["path"]
        numeric = numeric_columns(descriptor, name)
        groups: dict[str, list[str]] = {}
        for path in [paths] if isinstance(paths, str) else paths:
            groups.setdefault(_year_of(path) if isinstance(paths, list) else "", []).append(path)
        for year, group in groups.items():
            sheet_title = f"{name} {year}" if year else name
            contents = [(data_folder / path).read_bytes() for path in group]
            header = _read_csv(contents[0].split(b"\n", 1)[0] + b"\n")[0]
            sheet = Sheet(sheet_title, header, [], numeric)  # its rows come in pieces, a part at a time
            # A piece per part, kept by the part's bytes and the row it starts at: a new month's parts
            # come last in their year, so the parts before it keep their rows and their pieces.
            pieces, first = [], 2
            for content in contents:
                key = hashlib.sha256(
                    "\0".join(
                        [code, *header, "|", *sorted(numeric), str(first), hashlib.sha256(content).hexdigest()]
                    ).encode()
                )
                kept = cache_dir / "xlsx" / f"{key.hexdigest()}.piece" if cache_dir else None
                piece = _read_kept(kept)
                if piece is None or len(piece.longest) != len(header):
                    piece = deflate_rows(sheet, CsvRows([content]), first)
                    if kept:
                        _keep(kept, piece)
                pieces.append(piece)
                first += piece.rows
            # Only the compressed sheet is kept: the rows of every year at once would take more
            # memory than the rest of the build (600 MB at 90 reports); they are read as written.
            made.append(
                (Sheet(sheet_title, header, [], numeric, count=first - 2), deflate_sheet_of_pieces(sheet, pieces))
            )
            listed.append((sheet_title, name, header))
    sheets_to_workbook(
        target, [(about_sheet(descriptor, site, listed), None), *made], title=descriptor.get("title", "")
    )


def _keep(path: Path, piece: Piece) -> None:
    width = len(piece.longest).to_bytes(2, "little")
    longest = b"".join(n.to_bytes(4, "little") for n in piece.longest)
    store_bytes(path, piece.rows.to_bytes(8, "little") + width + longest + deflated_to_bytes(piece.data))


def _read_kept(path: Path | None) -> Piece | None:
    """A piece of a sheet kept by an earlier build (None if there is none, or it is damaged)."""
    data = load_bytes(path)
    if data is None or len(data) < 10:
        return None
    width = int.from_bytes(data[8:10], "little")
    start = 10 + 4 * width
    entry = bytes_to_deflated(data[start:])
    if entry is None:
        return None
    longest = tuple(int.from_bytes(data[10 + 4 * i : 14 + 4 * i], "little") for i in range(width))
    return Piece(entry, int.from_bytes(data[:8], "little"), longest)


def page_to_workbook(
    target: Path,
    title: str,
    tables: list[tuple[str, str, tuple[str, ...], list[tuple[str, ...]]]],
    descriptor: dict,
    site: Site,
) -> None:
    """One page's numbers as a workbook: «Om», then a sheet per table (sheet name, resource, header, rows).

    «Om» is the same on every page with the same tables (the page's title is the workbook's): it is
    made and compressed once per process, not 550 times.
    """
    sheets = [
        Sheet(name, header, rows, numeric_columns(descriptor, resource)) for name, resource, header, rows in tables
    ]
    listed = tuple((name, resource, header) for name, resource, header, _ in tables)
    key = (id(descriptor), site, listed)
    if key not in _PAGE_ABOUT:
        about = about_sheet(descriptor, site, list(listed), title=f"{descriptor.get('title', '')}: tallene på én side")
        _PAGE_ABOUT[key] = (about, deflate_sheet(about))
    sheets_to_workbook(target, [_PAGE_ABOUT[key], *sheets], title=title)


_PAGE_ABOUT: dict[tuple, tuple[Sheet, Deflated]] = {}  # «Om» of the page workbooks, by their tables


def page_to_downloads(page: Page, out: Path, workbook: tuple[dict, Site] | None = None) -> None:
    """The CSV of exactly what a page shows beside it (and the comparable series it shows), and,
    given the package's descriptor and the site, the same as an Excel workbook."""
    tables: list[tuple[str, str, tuple[str, ...], list[tuple[str, ...]]]] = []
    if page.csv_path:
        rows = _write_page_csv(page, "observations", CONTRACT_COLUMNS, out / page.csv_path)
        tables.append(("tall", "observations", CONTRACT_COLUMNS, rows))
    if page.series_csv_path:
        rows = _write_page_csv(page, "county_series", SERIES_CSV_COLUMNS, out / page.series_csv_path)
        tables.append(("sammenlignbar serie", "county_series", SERIES_CSV_COLUMNS, rows))
    if tables and workbook is not None and page.workbook_path:  # (a page with tables has a workbook path)
        page_to_workbook(out / page.workbook_path, page.title, tables, *workbook)


def _as_written(value: object) -> str:
    """A value as the package's CSV writes it (the pages' rows hold some as numbers and booleans)."""
    if isinstance(value, bool):
        return "true" if value else "false"
    return "" if value is None else str(value)


def _write_page_csv(page: Page, resource: str, columns: tuple[str, ...], path: Path) -> list[tuple[str, ...]]:
    """The rows of one resource behind the figures of a page, in the package's own columns, each once;
    the rows written."""
    seen, rows = set(), []
    values = itemgetter(*columns)
    # Observations' columns are the package's strings as read; the comparable series' rows hold
    # low and high as numbers and approximate as a boolean, written back as the package writes them.
    typed = resource == "county_series"
    for figure in page.figures:
        if figure.resource != resource:
            continue
        for row in (tuple(map(_as_written, values(r))) if typed else values(r) for r in figure.rows):
            if row not in seen:
                seen.add(row)
                rows.append(row)
    with open(path, "w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle, lineterminator="\n")
        writer.writerow(columns)
        rows.sort()
        writer.writerows(rows)
    return rows
