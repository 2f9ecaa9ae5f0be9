"""The figures of a county's and a municipality's pages: by measure (with NAV's printed changes), the
comparable series of a county of 2024, and a county's municipalities."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from tiltaksdata.model import TOTAL
from tiltaksdata.site import norsk
from tiltaksdata.site.data import PageRow, Row
from tiltaksdata.site.pages.common import Cell, Figure, Links, Table
from tiltaksdata.site.pages.figures import bars_figure, series_figure, value_cell
from tiltaksdata.site.rows import by_number, index_by, latest, select


def by_measure(rows: list[Row]) -> list[dict[str, Any]]:
    """Rows of one region and period by measure group, or by measure where groups are not printed.

    Each a dict copy of its row, with `subject` (the group or the measure) added."""
    groups = [r for r in rows if r["measure"] == TOTAL and r["measure_group"] != TOTAL]
    measures = [r for r in rows if r["measure"] != TOTAL]
    chosen = groups if len(groups) > 1 or not measures else measures
    return by_number([{**r, "subject": r["measure"] if r["measure"] != TOTAL else r["measure_group"]} for r in chosen])


def subject_figure(links: Links, shown: Sequence[PageRow], name: str, period: str) -> Figure:
    """Bars by measure group or by measure (as `by_measure` chose), titled and headed for which."""
    groups = bool(shown) and shown[0]["measure"] == TOTAL
    what = "tiltaksgruppe" if groups else "tiltak"
    return bars_figure(
        "tiltak",
        f"Etter {what}, {norsk.month(period)}",
        shown,
        "subject",
        name,
        hrefs=subject_links(links, shown),
        column=what.capitalize(),
    )


def with_changes(figure: Figure, rows: list[Row], now: list[Row], name: str) -> Figure:
    """The figure's table led by the region's total, with NAV's printed change from the year before.

    Only where the report prints «endring fra i fjor» for that period (the 2014 family): the
    change is NAV's own figure, never computed here.
    """
    period, report = now[0]["period"], now[0]["report"]
    printed = {
        statistic: {
            (r["measure_group"], r["measure"]): r
            for r in select(rows, statistic=statistic)
            if r["period"] == period and r["report"] == report
        }
        for statistic in ("change_count", "change_percent")
    }
    if not printed["change_count"] or not figure.table.columns:
        return figure
    total = next((r for r in now if r["measure_group"] == TOTAL and r["measure"] == TOTAL), None)
    # (row, its name cell): the total first, then the bars' rows with the name cells their table gave them
    listed = ([(total, Cell("Alle tiltak"))] if total else []) + [
        (row, cells[0]) for row, cells in zip(figure.rows, figure.table.rows)
    ]
    shown = [row for row, _ in listed]
    table_rows = []
    for row, name_cell in listed:
        key = (row["measure_group"], row["measure"])
        change, percent = printed["change_count"].get(key), printed["change_percent"].get(key)
        shown += [r for r in (change, percent) if r]
        text = (
            (norsk.signed(change["number"]) if change["number"] is not None else norsk.row_text(change))
            if change
            else "–"
        )
        if change and percent and percent["number"] is not None:
            text += f" ({norsk.signed(percent['number'])}{norsk.NBSP}%)"
        table_rows.append([name_cell, value_cell(row), Cell(text, num=True)])
    figure.table = Table([figure.table.columns[0], "Deltakere", "Endring fra året før (NAV)"], table_rows)
    figure.rows = shown
    change = printed["change_count"].get((TOTAL, TOTAL))
    if total and total["number"] is not None and change and change["number"] is not None:
        before = f"{int(period[:4]) - 1}{period[4:]}"
        more = "flere" if change["number"] > 0 else "færre"
        figure.caption = (
            f"{name} hadde {norsk.row_text(total)} deltakere i alle tiltak i {norsk.month(period)}, "
            f"{norsk.number(abs(change['number']))} {more} enn i {norsk.month(before)} "
            f"(endringen er NAVs egen). " + figure.caption
        )
    return figure


def subject_links(links: Links, rows: Sequence[PageRow]) -> dict[str, str]:
    """Pages of the subjects `by_measure` chose: groups link group pages, measures measure pages.

    A group and a measure can share a name (Oppfølging, Tilrettelegging): a group total must not
    lead to the measure's page.
    """
    return links.group if rows and rows[0]["measure"] == TOTAL else links.measure


def comparable_figures(links: Links, series: list[Row], name: str) -> list[Figure]:
    """A county of 2024 over every period: by measure group, and by measure where years differ."""
    plain = select(series)
    figures = []
    for fid, title, rows, column in (
        (
            "sammenlignbar",
            "Sammenlignbar serie etter tiltaksgruppe",
            [r for r in plain if r["measure"] == TOTAL and r["measure_group"] != TOTAL],
            "measure_group",
        ),
        (
            "sammenlignbar-tiltak",
            "Sammenlignbar serie etter tiltak",
            [r for r in plain if r["measure"] != TOTAL],
            "measure",
        ),
    ):
        by_key = index_by(rows, column)
        rows = [r for group in by_key.values() if len({x["period"][:4] for x in group}) > 1 for r in group]
        if not rows:
            continue
        fig = series_figure(fid, title, rows, name, links, series=column, break_dims=("region",))
        fig.resource = "county_series"
        if any(r["approximate"] for r in rows):
            fig.note += (
                f" {'Hule punkter og «≈»' if fig.kind else '«≈»'} i tabellen: summen av fylker fra en eldre "
                "inndeling der kommuner har flyttet over fylkesgrensen – omtrent, ikke nøyaktig, samme område."
            )
        if any(r["number"] is None and (r["low"], r["high"]) != (0, 3) for r in rows):
            fig.note += " Et spenn (f.eks. 4–10) er en sum der noen ledd er prikket (0–3 hver)."
        figures.append(fig)
    return figures


def municipality_table(rows: list[Row], links: Links, county: str) -> Figure:
    """Each municipality of a county by measure, latest period: one row per municipality."""
    now = latest(rows)
    measures = list(dict.fromkeys(r["measure"] for r in now))
    grid = {(r["region_code"], r["measure"]): r for r in now}
    codes = list(dict.fromkeys(r["region_code"] for r in now))
    table = Table(
        ["Kommune", *measures],
        [
            [Cell(links.region_short[c], links.region.get(c))]
            + [Cell(norsk.row_text(grid[c, m]), num=True) if (c, m) in grid else Cell("–", num=True) for m in measures]
            for c in codes
        ],
    )
    period = norsk.month(now[0]["period"])
    fig = Figure(
        "kommuner",
        f"Kommunene, {period}",
        f"Deltakere etter tiltak i kommunene i {county}, {period}.",
        None,
        table,
        now,
    )
    fig.open = len(codes) <= 30
    return fig
