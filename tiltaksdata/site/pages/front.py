"""The front page: the latest figure of every measure group, all measures over time, the groups now,
the breakdowns, and maps of the largest measure."""

from __future__ import annotations

from tiltaksdata.model import TOTAL
from tiltaksdata.site import norsk
from tiltaksdata.site.data import Row, SiteData
from tiltaksdata.site.discovery import currency, feed_entries
from tiltaksdata.site.pages.common import Cell, Figure, Links, Page, Table
from tiltaksdata.site.pages.figures import bars_figure, empty_figure, series_figure
from tiltaksdata.site.pages.maps import choropleth
from tiltaksdata.site.pages.measures import breakdown_figures, fullest, structure_of, total_of
from tiltaksdata.site.rows import by_number, latest, one_per_period, periods, select


def _capital(text: str) -> str:
    return text[:1].upper() + text[1:]


def _year_before(period: str) -> str:
    return f"{int(period[:4]) - 1}{period[4:]}"


def key_figures(data: SiteData, links: Links, groups: list[Row]) -> Figure:
    """The latest figure of every measure group, with the change from the same month a year before.

    The change is NAV's own where the report prints it; otherwise it is computed from two figures
    of the same report family (the same table, so the same grouping of measures) and marked
    «beregnet»; across families it is not computed at all.
    """
    family = {s["id"]: s.get("family", "") for s in data.sources}
    printed = {
        (r["measure_group"], r["period"], r["report"]): r
        for r in select(data.observations, statistic="change_count", region_code="NO")
        if r["measure"] == TOTAL
    }
    table_rows, shown, computed = [], [], False
    for group in data.enum("measure_group"):
        rows = one_per_period([r for r in groups if r["measure_group"] == group])
        if not rows:
            continue
        now = rows[-1]
        before = next((r for r in rows if r["period"] == _year_before(now["period"])), None)
        change, nav = "–", printed.get((group, now["period"], now["report"]))
        if nav is not None:
            change = norsk.signed(nav["number"]) if nav["number"] is not None else norsk.row_text(nav)
            shown.append(nav)
        elif (
            before
            and now["number"] is not None
            and before["number"] is not None
            and family.get(before["report"]) == family.get(now["report"])
        ):
            change, computed = f"{norsk.signed(now['number'] - before['number'])} (beregnet)", True
            shown.append(before)
        shown.append(now)
        table_rows.append(
            [
                Cell(_capital(links.subject_name(group, TOTAL)), links.subject(group, TOTAL)),
                Cell(norsk.month(now["period"])),
                Cell(norsk.row_text(now), num=True),
                Cell(change, num=True),
            ]
        )
    if not table_rows:
        return empty_figure("siste", "Siste tall", "tiltaksgruppene")
    columns = ["Tiltaksgruppe", "Periode", "Deltakere", "Endring fra året før"]
    if all(row[-1].text == "–" for row in table_rows):  # no change known anywhere: no empty column
        columns, table_rows = columns[:-1], [row[:-1] for row in table_rows]
        caption = (
            "Siste tall for hver tiltaksgruppe. Ingen av rapportene gir endringen fra samme måned året før "
            "for disse månedene."
        )
    else:
        caption = (
            "Siste tall for hver tiltaksgruppe, med endringen fra samme måned året før der NAV oppgir den "
            "eller rapportene har begge månedene."
        )
    figure = Figure("siste", "Siste tall", caption, None, Table(columns, table_rows), shown)
    if computed:
        figure.note = (
            "«Beregnet»: regnet ut av Tiltaksdata som forskjellen mellom to tall fra samme rapportserie; "
            "de andre endringene er NAVs egne."
        )
    return figure


def front_page(data: SiteData, links: Links) -> Page:
    """Latest figures with change, all measures over time, the groups now, and ways in."""
    groups = [r for r in select(data.observations, region_code="NO") if r["measure"] == TOTAL]
    figures = [key_figures(data, links, groups)]
    total = one_per_period([r for r in groups if r["measure_group"] == TOTAL])
    if total:
        figures.append(series_figure("utvikling", "Deltakere i alle tiltak over tid", total, "alle tiltak", links))
    now = fullest([r for r in groups if r["measure_group"] != TOTAL], "measure_group")
    if now:
        period = now[0]["period"]
        figures.append(
            bars_figure(
                "grupper",
                f"Etter tiltaksgruppe, {norsk.month(period)}",
                by_number(now),
                "measure_group",
                "alle tiltak",
                hrefs=links.group,
                total=total_of(total, period),
            )
        )
    everything = [r for r in data.observations if r["measure_group"] == TOTAL and r["measure"] == TOTAL]
    figures += breakdown_figures(data, links, everything, "alle tiltak", total)
    figures += front_maps(data, links)
    current = [r for r in data.regions if r["level"] == "county" and not r["valid_to"]]
    context = {
        "counties": [(r["short_name"], links.region[r["code"]]) for r in current],
        "periods": periods(data.observations),
        "newest": currency(data.sources),
        "news": feed_entries(data.sources, data.contents)[:5],
        "municipalities": sum(r["level"] == "municipality" and not r["valid_to"] for r in data.regions),
    }
    return Page(
        "index.html",
        "front.html",
        "Deltakere i arbeidsrettede tiltak",
        "forside",
        context,
        figures,
        description="Hvor mange deltar i NAVs arbeidsrettede tiltak, hvor, hvem, og hvordan det endrer seg.",
    )


def front_maps(data: SiteData, links: Links) -> list[Figure]:
    """The latest municipality figures of the largest measure that has them, by municipality and county."""
    munis = latest(select(data.observations, region_level="municipality"))
    if not munis or not links.maps:
        return []
    period = munis[0]["period"]
    national = [r for r in select(data.observations, region_code="NO", period=period) if r["measure"] != TOTAL]
    biggest = max(national, key=lambda r: r["number"] or 0, default=None)
    if not biggest:
        return []
    key = {"measure_group": biggest["measure_group"], "measure": biggest["measure"]}
    structure = structure_of(data, period, "id")
    figures = []
    for fid, level, rows in (
        ("kart", "municipality", select(munis, **key)),
        ("fylkeskart", "county", select(data.observations, region_level="county", period=period, **key)),
    ):
        where = "kommune" if level == "municipality" else "fylke"
        fig = choropleth(
            fid,
            f"{biggest['measure']} etter {where}, {norsk.month(period)}",
            by_number(rows),
            level,
            biggest["measure"],
            links,
            structure,
        )
        if fig:
            figures.append(fig)
    return figures
