"""What every page shows — figures (chart + the same numbers as a table) and pages.

Figures are built from observation rows of the data package; each keeps its rows, so a page's CSV
is exactly what the page shows. Links are site-root paths; templates make them page-relative.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass, field

from tiltaksdata.model import DIMENSIONS, TOTAL
from tiltaksdata.site import norsk
from tiltaksdata.site.data import PageRow, SiteData
from tiltaksdata.site.maps import Boundaries
from tiltaksdata.site.rows import periods


@dataclass
class Cell:
    """One table cell: its text, an optional link (site-root path), whether it is a number."""

    text: str
    href: str | None = None
    num: bool = False
    footnote: str = ""  # shown under the table, marked beside the number (a revised figure)


@dataclass
class Table:
    columns: list[str]
    rows: list[list[Cell]]


@dataclass
class Figure:
    """A chart and the table of the same numbers; `rows` are the observations behind both."""

    id: str
    title: str
    caption: str
    kind: str | None  # a chart kind of charts.py, or None for a table alone
    table: Table
    rows: Sequence[PageRow]
    values: list[dict] = field(default_factory=list)
    breaks: list[dict] = field(default_factory=list)
    note: str = ""
    open: bool = True  # the table shown, not folded away
    recent: Table | None = None  # the latest periods of a long table, shown open above it
    # (title, published, [(periods, page)]) per report title: figures.figure_sources
    sources: list[tuple[str, str, list[tuple[str, str]]]] = field(default_factory=list)
    resource: str = "observations"  # the package resource the rows come from (its columns go to the CSV)
    extra: dict = field(default_factory=dict)  # more for the chart script (a map's boundaries and legend)

    @property
    def payload(self) -> str:
        """The chart's kind and data as JSON, for a data attribute (autoescaped like any text)."""
        return json.dumps(
            {"kind": self.kind, "values": self.values, "breaks": self.breaks, **self.extra},
            ensure_ascii=False,
            separators=(",", ":"),
        )


@dataclass
class Page:
    """One HTML page: where it goes, its template, what it shows, and the rows behind it."""

    path: str
    template: str
    title: str
    kind: str
    context: dict = field(default_factory=dict)
    figures: list[Figure] = field(default_factory=list)
    crumbs: list[tuple[str, str]] = field(default_factory=list)
    description: str = ""
    head_title: str = ""  # the <title>, where the heading alone is not unique (Oslo: county and municipality)
    search_terms: list[str] = field(default_factory=list)  # more names the search finds it by (Sami, abbreviations)

    @property
    def document_title(self) -> str:
        """The page's <title>: unique across the site."""
        return self.head_title or self.title

    @property
    def root(self) -> str:
        return "../" * self.path.count("/")

    @property
    def csv_path(self) -> str | None:
        """The CSV of the observations the page shows."""
        shown = any(f.resource == "observations" for f in self.figures)
        return self.path.removesuffix(".html") + ".csv" if shown else None

    @property
    def workbook_path(self) -> str | None:
        """The Excel workbook of everything the page's CSVs hold."""
        return self.path.removesuffix(".html") + ".xlsx" if self.csv_path or self.series_csv_path else None

    @property
    def series_csv_path(self) -> str | None:
        """The CSV of the comparable county series the page shows."""
        shown = any(f.resource == "county_series" for f in self.figures)
        return self.path.removesuffix(".html") + ".sammenlignbar.csv" if shown else None


class Links:
    """Where each measure, group, county and municipality has its page, and its display name."""

    def __init__(self, data: SiteData) -> None:
        self.region_name = {r["code"]: r["name"] for r in data.regions}
        self.region_short = {r["code"]: r["short_name"] for r in data.regions}
        self.region = {
            r["code"]: f"{'fylke' if r['level'] == 'county' else 'kommune'}/{r['code']}-"
            f"{norsk.slug(r['short_name'])}.html"
            for r in data.regions
            if r["level"] in ("county", "municipality")
        }
        self.region["NO"] = "index.html"
        self.group = {
            m["group"]: f"tiltaksgruppe/{norsk.slug(m['group'])}.html" for m in data.measures if m["group"] != TOTAL
        }
        self.measure = {m["name"]: f"tiltak/{norsk.slug(m['name'])}.html" for m in data.measures if m["name"] != TOTAL}
        self.breaks = _breaks(data)
        self.family = {s["id"]: s.get("family", "") for s in data.sources}  # report → its report family
        # Each dimension's values in the vocabulary's order: a series' colour follows it (charts.series_colours).
        self.order = {d: {v: i for i, v in enumerate(data.enum(d))} for d in DIMENSIONS}
        self.maps: dict[tuple[str, str], Boundaries] = {}  # (structure id, level) → its map, when given

    def subject(self, group: str, measure: str) -> str | None:
        """The page of a measure, of a group (measure «I alt») or the front page (both «I alt»)."""
        if measure != TOTAL:
            return self.measure.get(measure)
        return self.group.get(group, "index.html" if group == TOTAL else None)

    def subject_name(self, group: str, measure: str) -> str:
        if measure != TOTAL:
            return measure
        return "alle tiltak" if group == TOTAL else group

    def breaks_within(self, rows: Sequence[PageRow], dimension: str) -> list[dict]:
        """The series breaks of one dimension that fall inside the periods of `rows`."""
        if not rows:
            return []
        spans = periods(rows)
        return [
            {"d": f"{b['period']}-01", "label": b["label"]}
            for b in self.breaks
            if b["dimension"] == dimension and spans[0] < b["period"] <= spans[-1]
        ]


def _breaks(data: SiteData) -> list[dict]:
    """County reforms (from the county structures) and breaks NAV notes in its reports."""
    reforms = [
        {"period": s["valid_from"][:7], "dimension": "region", "label": f"Fylkesreform {s['valid_from'][:4]}"}
        for s in data.structures
        if s["valid_from"] >= "2000"
    ]
    noted = [
        {"period": b["period"], "dimension": b["dimension"], "label": f"Brudd {norsk.month(b['period'])}"}
        for s in data.sources
        for b in s.get("breaks", [])
    ]
    return reforms + list({(b["period"], b["dimension"]): b for b in noted}.values())
