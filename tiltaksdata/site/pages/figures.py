"""Figures from the pages' rows — a series over time, one period in bars — and each figure's notes
and sources (the reports its rows come from).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from tiltaksdata.site import norsk
from tiltaksdata.site.charts import rows_to_bars, rows_to_points, series_colours
from tiltaksdata.site.data import PageRow, Row, SiteData
from tiltaksdata.site.pages.common import Cell, Figure, Links, Page, Table
from tiltaksdata.site.rows import known, periods

DIMENSION_TITLES = {
    "participant_group": "hovedgruppe",
    "gender": "kjønn",
    "age": "alder",
    "immigrant_status": "innvandrerstatus",
    "birth_region": "fødeland (verdensdel)",
    "education": "utdanningsnivå",
    "measure_group": "tiltaksgruppe",
    "measure": "tiltak",
    "region_code": "fylke",
}
AMONG = {
    "measure_group": "i tiltaksgruppen",
    "measure": "i tiltaket",
    "participant_group": "i hovedgruppen",
    "gender": "blant",
    "age": "i aldersgruppen",
    "immigrant_status": "i gruppen",
    "birth_region": "med fødeland",
    "education": "med utdanning",
    "region_code": "i",
}  # «flest deltakere … <among> «X»»
COLUMN_TITLES = {
    "participant_group": "Hovedgruppe",
    "gender": "Kjønn",
    "age": "Alder",
    "immigrant_status": "Innvandrerstatus",
    "birth_region": "Fødeland",
    "education": "Utdanning",
    "measure_group": "Tiltaksgruppe",
    "measure": "Tiltak",
    "region_code": "Region",
}


MAX_LINES = 8  # lines in one chart; more cannot be told apart in a ten-colour palette
RECENT_PERIODS = 12  # a table longer than two years shows its last year and folds the rest


def empty_figure(fid: str, title: str, subject: str) -> Figure:
    """A figure with nothing to draw: a sentence saying so instead of a chart and a table."""
    return Figure(fid, title, f"Ingen tall i rapportene for {subject}.", None, Table([], []), [])


def value_cell(row: PageRow) -> Cell:
    """A number cell; «≈» before a sum over counties whose borders differ from the county's;
    a footnote where a later report revised the figure."""
    return Cell(
        ("≈\u00a0" if row.get("approximate") else "") + norsk.row_text(row),
        num=True,
        footnote=" ".join(norsk.revision(r) for r in row.get("revisions", [])),
    )


def series_figure(
    fid: str,
    title: str,
    rows: list[Row],
    subject: str,
    links: Links,
    series: str | None = None,
    names: dict[str, str] | None = None,
    break_dims: tuple[str, ...] = (),
) -> Figure:
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
            table = Table(
                [COLUMN_TITLES.get(series, "Serie"), *[norsk.month(p) for p in spans]],
                [
                    [Cell(label.get(k, k))]
                    + [value_cell(grid[(k, p)]) if (k, p) in grid else Cell("–", num=True) for p in spans]
                    for k in keys
                ],
            )
        else:
            table = Table(
                ["Periode", *[label.get(k, k) for k in keys]],
                [
                    [Cell(norsk.month(p))]
                    + [value_cell(grid[(k, p)]) if (k, p) in grid else Cell("–", num=True) for k in keys]
                    for p in spans
                ],
            )
        ends = known([r for r in rows if r["period"] == spans[-1]])
        top = max(ends, key=lambda r: r["number"]) if ends else None
        caption = (
            f"I {norsk.month(spans[-1])} var det flest deltakere i {subject} "
            f"{AMONG.get(series, 'i')} «{label.get(top[series], top[series])}» ({norsk.number(top['number'])})."
            if top
            else f"Deltakere i {subject} etter {DIMENSION_TITLES[series]}."
        )
    else:
        table = Table(["Periode", "Deltakere"], [[Cell(norsk.month(r["period"])), value_cell(r)] for r in rows])
        last = rows[-1]
        # Compared only within one report family: another family may group the measures differently.
        same = [r for r in rows if links.family.get(r["report"]) == links.family.get(last["report"])]
        first = same[0]
        caption = f"Antall deltakere i {subject} var {norsk.row_text(last)} i {norsk.month(last['period'])}" + (
            f", mot {norsk.row_text(first)} i {norsk.month(first['period'])}." if first is not last else "."
        )
        if first is not rows[0]:
            caption += (
                f" Tallene før {norsk.month(first['period'])} kommer fra en annen rapportserie hos NAV, "
                "der tiltakene kan være gruppert annerledes; de sammenlignes ikke her."
            )
    kind = ("lines" if series else "line") if len(spans) > 2 else None  # two points: the table says it better
    charted, shown = rows, ""
    if kind == "lines" and series and len(keys) > MAX_LINES:  # (kind "lines" has a series)
        # More lines than a reader can tell apart: the largest now are drawn, the table has them all.
        now = {r[series]: r["number"] or 0 for r in rows if r["period"] == spans[-1]}
        ever = {r[series]: max(now.get(r[series], 0), r["number"] or 0) for r in rows}
        drawn = set(sorted(keys, key=lambda k: (-now.get(k, 0), -ever.get(k, 0)))[:MAX_LINES])
        charted = [r for r in rows if r[series] in drawn]
        shown = f"Diagrammet viser de {MAX_LINES} største i {norsk.month(spans[-1])} av {len(keys)}; tabellen har alle."
    values = rows_to_points(charted, series, names) if kind else []
    extra = (
        {"colours": series_colours(list(dict.fromkeys(r[series] for r in charted)), links.order.get(series, {}), names)}
        if kind == "lines" and series
        else {}
    )
    labels = [b["label"].lower() for b in breaks]
    note = (
        f"Stiplet{'e linjer' if len(labels) > 1 else ' linje'}: {norsk.join(labels)}."
        if labels and kind
        else f"Brudd i serien: {norsk.join(labels)}."
        if labels
        else ""
    )
    figure = Figure(
        fid, title, caption, kind, table, rows, values, breaks, " ".join(filter(None, [shown, note])), extra=extra
    )
    if len(spans) > RECENT_PERIODS * 2 and table.columns[0] == "Periode":
        # A long series: the last year is shown, the months before it folded away below.
        figure.recent, figure.open = Table(table.columns, table.rows[-RECENT_PERIODS:]), False
        figure.table = Table(table.columns, table.rows[:-RECENT_PERIODS])
    return figure


def bars_figure(
    fid: str,
    title: str,
    rows: Sequence[PageRow],
    category: str,
    subject: str,
    names: dict[str, str] | None = None,
    hrefs: dict[str, str] | None = None,
    total: float | None = None,
    order: list[str] | None = None,
    chart: bool = True,
    column: str | None = None,
) -> Figure:
    """One period by category: horizontal bars and a table with shares of the total."""
    if not rows:
        return empty_figure(fid, title, subject)
    if order:
        rank = {v: i for i, v in enumerate(order)}
        rows = sorted(rows, key=lambda r: rank.get(r[category], len(rank)))
    label, hrefs = names or {}, hrefs or {}
    show_share = bool(total)
    table = Table(
        [column or COLUMN_TITLES.get(category, "Tiltak"), "Deltakere", *(["Andel"] if show_share else [])],
        [
            [
                Cell(label.get(r[category], r[category]), hrefs.get(r[category])),
                value_cell(r),
                *([Cell(share(r, total), num=True)] if show_share else []),
            ]
            for r in rows
        ],
    )
    numbers = known(rows)
    period = norsk.month(rows[0]["period"])
    if len(numbers) >= 2:
        top, bottom = max(numbers, key=lambda r: r["number"]), min(numbers, key=lambda r: r["number"])
        caption = (
            f"{subject[:1].upper()}{subject[1:]}, {period}: flest deltakere i "
            f"«{label.get(top[category], top[category])}» ({norsk.number(top['number'])}), færrest i "
            f"«{label.get(bottom[category], bottom[category])}» ({norsk.number(bottom['number'])})"
        )
        hidden = sum(r["suppressed"] for r in rows)
        caption += f"; {hidden} verdi{'er' if hidden > 1 else ''} er under 4." if hidden else "."
    else:
        caption = f"Deltakere i {subject} etter {DIMENSION_TITLES.get(category, 'tiltak')}, {period}."
    values = rows_to_bars(rows, category, names) if chart else []
    return Figure(fid, title, caption, "bars" if chart else None, table, rows, values)


def share(row: PageRow, total: float | None) -> str:
    """A row's share of a total in per cent; «høyst …» for a suppressed row (0–3), «–» without a total."""
    if not total:
        return "–"
    if row["number"] is None:
        return f"høyst {norsk.number(300 / total, 1)}{norsk.NBSP}%"
    return f"{norsk.number(100 * row['number'] / total, 1)}{norsk.NBSP}%"


def figure_noter(data: SiteData) -> Callable[[Page], Page]:
    """A function giving each figure of a page its scope notes and its sources (the reports of its rows)."""
    notes, sources = scope_notes(data), {s["id"]: s for s in data.sources}

    def note(page: Page) -> Page:
        for figure in page.figures:
            reports = [r for r in dict.fromkeys(row["report"] for row in figure.rows) if r in sources]
            figure.note = " ".join([*(notes[r] for r in reports if r in notes), figure.note]).strip()
            # The source of every figure: each report its numbers come from, newest publication first.
            figure.sources = figure_sources([sources[r] for r in reports])
        return page

    return note


def figure_sources(used: list[dict]) -> list[tuple[str, str, list[tuple[str, str]]]]:
    """The reports behind a figure, by title (newest first): (title, published, [(period, page)]).

    One report: its publication date. Several of one title (a monthly series): the dates from
    first to last, and a link per report named by the period it gives.
    """
    by_title: dict[str, list[dict]] = {}
    for source in sorted(used, key=lambda s: s.get("published", ""), reverse=True):
        by_title.setdefault(source["title"], []).append(source)
    out = []
    for title, group in by_title.items():
        dates = [norsk.published(s) for s in group if s.get("published")]
        published = dates[0] if len(group) == 1 else (f"{dates[-1]}–{dates[0]}" if dates else "")
        links = [
            (norsk.periods_text(s.get("periods", [])), f"kilder/{norsk.slug(s['id'])}.html")
            for s in sorted(group, key=lambda s: s.get("periods", [""])[0])
        ]
        out.append((title, published, links))
    return out


def scope_notes(data: SiteData) -> dict[str, str]:
    """A sentence for each report that covers part of the measures (its provenance's scope)."""
    notes = {}
    for source in data.sources:
        if group := source.get("scope", {}).get("measure_group"):
            periods = [norsk.month(p) for p in source.get("periods", [])]
            when = f" ({periods[0]}{'–' + periods[-1] if len(periods) > 1 else ''})" if periods else ""
            notes[source["id"]] = (
                f"Rapporten{when} dekker bare tiltaksgruppen «{group}»: «I alt» er "
                f"summen for den gruppen, ikke for alle tiltak."
            )
    return notes
