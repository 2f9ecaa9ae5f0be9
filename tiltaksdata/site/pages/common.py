"""What every page shows — figures (chart + the same numbers as a table) and pages.

Figures are built from observation rows of the data package; each keeps its rows, so a page's CSV
is exactly what the page shows. Links are site-root paths; templates make them page-relative.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field

from tiltaksdata.site import norsk
from tiltaksdata.site.charts import rows_to_bars, rows_to_points, series_colours
from tiltaksdata.model import DIMENSIONS, TOTAL
from tiltaksdata.site.data import Row, SiteData, known, periods

DIMENSION_TITLES = {"participant_group": "hovedgruppe", "gender": "kjønn", "age": "alder",
                    "immigrant_status": "innvandrerstatus", "birth_region": "fødeland (verdensdel)",
                    "education": "utdanningsnivå", "measure_group": "tiltaksgruppe", "measure": "tiltak",
                    "region_code": "fylke"}
AMONG = {"measure_group": "i tiltaksgruppen", "measure": "i tiltaket", "participant_group": "i hovedgruppen",
         "gender": "blant", "age": "i aldersgruppen", "immigrant_status": "i gruppen", "birth_region": "med fødeland",
         "education": "med utdanning", "region_code": "i"}  # «flest deltakere … <among> «X»»
COLUMN_TITLES = {"participant_group": "Hovedgruppe", "gender": "Kjønn", "age": "Alder",
                 "immigrant_status": "Innvandrerstatus", "birth_region": "Fødeland", "education": "Utdanning",
                 "measure_group": "Tiltaksgruppe", "measure": "Tiltak", "region_code": "Region"}


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
    rows: list[Row]
    values: list[dict] = field(default_factory=list)
    breaks: list[dict] = field(default_factory=list)
    note: str = ""
    open: bool = True  # the table shown, not folded away
    recent: Table | None = None  # the latest periods of a long table, shown open above it
    sources: list[tuple[str, str, str]] = field(default_factory=list)  # (title, published, page) per report
    resource: str = "observations"  # the package resource the rows come from (its columns go to the CSV)
    extra: dict = field(default_factory=dict)  # more for the chart script (a map's boundaries and legend)

    @property
    def payload(self) -> str:
        """The chart's kind and data as JSON, for a data attribute (autoescaped like any text)."""
        return json.dumps({"kind": self.kind, "values": self.values, "breaks": self.breaks, **self.extra},
                          ensure_ascii=False, separators=(",", ":"))


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
    def map_keys(self) -> list[str]:
        """The map assets (assets/maps/<key>.js) the page's figures draw on."""
        return sorted({f.extra["map"] for f in self.figures if "map" in f.extra})

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
        self.region = {r["code"]: f"{'fylke' if r['level'] == 'county' else 'kommune'}/{r['code']}-"
                                  f"{norsk.slug(r['short_name'])}.html"
                       for r in data.regions if r["level"] in ("county", "municipality")}
        self.region["NO"] = "index.html"
        self.group = {m["group"]: f"tiltaksgruppe/{norsk.slug(m['group'])}.html" for m in data.measures
                      if m["group"] != TOTAL}
        self.measure = {m["name"]: f"tiltak/{norsk.slug(m['name'])}.html" for m in data.measures
                        if m["name"] != TOTAL}
        self.breaks = _breaks(data)
        self.family = {s["id"]: s.get("family", "") for s in data.sources}  # report → its report family
        # Each dimension's values in the vocabulary's order: a series' colour follows it (charts.series_colours).
        self.order = {d: {v: i for i, v in enumerate(data.enum(d))} for d in DIMENSIONS}
        self.maps: dict = {}  # (structure id, level) → maps.Boundaries, when boundaries were given

    def subject(self, group: str, measure: str) -> str | None:
        """The page of a measure, of a group (measure «I alt») or the front page (both «I alt»)."""
        if measure != TOTAL:
            return self.measure.get(measure)
        return self.group.get(group, "index.html" if group == TOTAL else None)

    def subject_name(self, group: str, measure: str) -> str:
        if measure != TOTAL:
            return measure
        return "alle tiltak" if group == TOTAL else group

    def breaks_within(self, rows: list[Row], dimension: str) -> list[dict]:
        """The series breaks of one dimension that fall inside the periods of `rows`."""
        if not rows:
            return []
        spans = periods(rows)
        return [{"d": f"{b['period']}-01", "label": b["label"]} for b in self.breaks
                if b["dimension"] == dimension and spans[0] < b["period"] <= spans[-1]]


def _breaks(data: SiteData) -> list[dict]:
    """County reforms (from the county structures) and breaks NAV notes in its reports."""
    reforms = [{"period": s["valid_from"][:7], "dimension": "region", "label": f"Fylkesreform {s['valid_from'][:4]}"}
               for s in data.structures if s["valid_from"] >= "2000"]
    noted = [{"period": b["period"], "dimension": b["dimension"],
              "label": f"Brudd {norsk.month(b['period'])}"} for s in data.sources for b in s.get("breaks", [])]
    return reforms + list({(b["period"], b["dimension"]): b for b in noted}.values())


MAX_LINES = 8  # lines in one chart; more cannot be told apart in a ten-colour palette
RECENT_PERIODS = 12  # a table longer than two years shows its last year and folds the rest


def empty_figure(fid: str, title: str, subject: str) -> Figure:
    """A figure with nothing to draw: a sentence saying so instead of a chart and a table."""
    return Figure(fid, title, f"Ingen tall i rapportene for {subject}.", None, Table([], []), [])


def value_cell(row: Row) -> Cell:
    """A number cell; «≈» before a sum over counties whose borders differ from the county's;
    a footnote where a later report revised the figure."""
    return Cell(("≈\u00a0" if row.get("approximate") else "") + norsk.row_text(row), num=True,
                footnote=" ".join(norsk.revision(r) for r in row.get("revisions", [])))


def series_figure(fid: str, title: str, rows: list[Row], subject: str, links: Links,
                  series: str | None = None, names: dict[str, str] | None = None,
                  break_dims: tuple[str, ...] = ()) -> Figure:
    """Participants over time: a line (or a line per `series` value) and a period × series table."""
    if not rows:
        return empty_figure(fid, title, subject)
    rows = sorted(rows, key=lambda r: r["period"])
    spans = periods(rows)
    breaks = [{**b, "ty": 13 * i} for i, b in enumerate(b for d in break_dims for b in links.breaks_within(rows, d))]
    label = names or {}
    if series:
        keys = list(dict.fromkeys(r[series] for r in rows))
        grid = {(r[series], r["period"]): r for r in rows}
        if len(keys) > len(spans):
            # More series than periods: a row per series and a column per period, so a phone shows it whole.
            table = Table([COLUMN_TITLES.get(series, "Serie"), *[norsk.month(p) for p in spans]],
                          [[Cell(label.get(k, k))] + [value_cell(grid[(k, p)]) if (k, p) in grid
                                                      else Cell("–", num=True) for p in spans] for k in keys])
        else:
            table = Table(["Periode", *[label.get(k, k) for k in keys]],
                          [[Cell(norsk.month(p))] + [value_cell(grid[(k, p)]) if (k, p) in grid
                                                     else Cell("–", num=True) for k in keys] for p in spans])
        last = known([r for r in rows if r["period"] == spans[-1]])
        top = max(last, key=lambda r: r["number"]) if last else None
        caption = (f"I {norsk.month(spans[-1])} var det flest deltakere i {subject} "
                   f"{AMONG.get(series, 'i')} «{label.get(top[series], top[series])}» ({norsk.number(top['number'])})."
                   if top else f"Deltakere i {subject} etter {DIMENSION_TITLES[series]}.")
    else:
        table = Table(["Periode", "Deltakere"], [[Cell(norsk.month(r["period"])), value_cell(r)] for r in rows])
        last = rows[-1]
        # Compared only within one report family: another family may group the measures differently.
        same = [r for r in rows if links.family.get(r["report"]) == links.family.get(last["report"])]
        first = same[0]
        caption = (f"Antall deltakere i {subject} var {norsk.row_text(last)} i "
                   f"{norsk.month(last['period'])}"
                   + (f", mot {norsk.row_text(first)} i {norsk.month(first['period'])}." if first is not last else "."))
        if first is not rows[0]:
            caption += (f" Tallene før {norsk.month(first['period'])} kommer fra en annen rapportserie hos NAV, "
                        "der tiltakene kan være gruppert annerledes; de sammenlignes ikke her.")
    kind = ("lines" if series else "line") if len(spans) > 2 else None  # two points: the table says it better
    charted, shown = rows, ""
    if kind == "lines" and len(keys) > MAX_LINES:
        # More lines than a reader can tell apart: the largest now are drawn, the table has them all.
        now = {r[series]: r["number"] or 0 for r in rows if r["period"] == spans[-1]}
        ever = {r[series]: max(now.get(r[series], 0), r["number"] or 0) for r in rows}
        top = set(sorted(keys, key=lambda k: (-now.get(k, 0), -ever.get(k, 0)))[:MAX_LINES])
        charted = [r for r in rows if r[series] in top]
        shown = (f"Diagrammet viser de {MAX_LINES} største i {norsk.month(spans[-1])} av {len(keys)}; "
                 "tabellen har alle.")
    values = rows_to_points(charted, series, names) if kind else []
    extra = ({"colours": series_colours(list(dict.fromkeys(r[series] for r in charted)), links.order.get(series, {}),
                                        names)} if kind == "lines" else {})
    labels = [b["label"].lower() for b in breaks]
    note = (f"Stiplet{'e linjer' if len(labels) > 1 else ' linje'}: {norsk.join(labels)}." if labels and kind
            else f"Brudd i serien: {norsk.join(labels)}." if labels else "")
    figure = Figure(fid, title, caption, kind, table, rows, values, breaks, " ".join(filter(None, [shown, note])),
                    extra=extra)
    if len(spans) > RECENT_PERIODS * 2 and table.columns[0] == "Periode":
        # A long series: the last year is shown, the months before it folded away below.
        figure.recent, figure.open = Table(table.columns, table.rows[-RECENT_PERIODS:]), False
        figure.table = Table(table.columns, table.rows[:-RECENT_PERIODS])
    return figure


def bars_figure(fid: str, title: str, rows: list[Row], category: str, subject: str,
                names: dict[str, str] | None = None, hrefs: dict[str, str] | None = None,
                total: float | None = None, order: list[str] | None = None, chart: bool = True,
                column: str | None = None) -> Figure:
    """One period by category: horizontal bars and a table with shares of the total."""
    if not rows:
        return empty_figure(fid, title, subject)
    if order:
        rank = {v: i for i, v in enumerate(order)}
        rows = sorted(rows, key=lambda r: rank.get(r[category], len(rank)))
    label, hrefs = names or {}, hrefs or {}
    show_share = bool(total)
    table = Table([column or COLUMN_TITLES.get(category, "Tiltak"), "Deltakere", *(["Andel"] if show_share else [])],
                  [[Cell(label.get(r[category], r[category]), hrefs.get(r[category])), value_cell(r),
                    *([Cell(share(r, total), num=True)] if show_share else [])] for r in rows])
    numbers = known(rows)
    period = norsk.month(rows[0]["period"])
    if len(numbers) >= 2:
        top, bottom = max(numbers, key=lambda r: r["number"]), min(numbers, key=lambda r: r["number"])
        caption = (f"{subject[:1].upper()}{subject[1:]}, {period}: flest deltakere i "
                   f"«{label.get(top[category], top[category])}» ({norsk.number(top['number'])}), færrest i "
                   f"«{label.get(bottom[category], bottom[category])}» ({norsk.number(bottom['number'])})")
        hidden = sum(r["suppressed"] for r in rows)
        caption += f"; {hidden} verdi{'er' if hidden > 1 else ''} er under 4." if hidden else "."
    else:
        caption = f"Deltakere i {subject} etter {DIMENSION_TITLES.get(category, 'tiltak')}, {period}."
    values = rows_to_bars(rows, category, names) if chart else []
    return Figure(fid, title, caption, "bars" if chart else None, table, rows, values)


def share(row: Row, total: float | None) -> str:
    """A row's share of a total in per cent; «høyst …» for a suppressed row (0–3), «–» without a total."""
    if not total:
        return "–"
    if row["number"] is None:
        return f"høyst {norsk.number(300 / total, 1)}{norsk.NBSP}%"
    return f"{norsk.number(100 * row['number'] / total, 1)}{norsk.NBSP}%"
