"""Pages of measures: the front page, a page per measure group and per measure, and their index."""

from __future__ import annotations

import re
from functools import partial
from typing import Callable

from tiltaksdata.site import norsk
from tiltaksdata.check.comparable import structure_at
from tiltaksdata.site.discovery import feed_entries
from tiltaksdata.model import TOTAL
from tiltaksdata.site.pages.common import Cell, Figure, Links, Page, Table, bars_figure, empty_figure, series_figure
from tiltaksdata.site.pages.maps import choropleth
from tiltaksdata.site.data import Row, SiteData, by_number, index_by, latest, one_per_period, periods, select

BREAKDOWNS = {"participant_group": "hovedgruppe", "gender": "kjønn", "age": "alder",
              "immigrant_status": "innvandrerstatus", "birth_region": "fødeland", "education": "utdanning"}


def total_of(rows: list[Row], period: str) -> float | None:
    """The number of the (single-series) row of a period, if printed."""
    return next((r["number"] for r in rows if r["period"] == period), None)


def structure_of(data: SiteData, period: str, field: str = "name") -> str:
    """The county structure in force in a period (its name, or its id with field="id")."""
    return structure_at(data.structures, period, field)


def fullest(rows: list[Row], column: str) -> list[Row]:
    """The latest period's rows among periods with at least half the most categories any period has.

    A report about one group (2026: Tilrettelagt arbeid) must not make a one-bar «by group» chart.
    """
    by_period = index_by(rows, "period")
    most = max((len({r[column] for r in v}) for v in by_period.values()), default=0)
    full = [p for p, v in by_period.items() if len({r[column] for r in v}) * 2 >= most]
    return latest(by_period[max(full)]) if full else []


def subject_figures(data: SiteData, links: Links, rows: list[Row], subject: str) -> list[Figure]:
    """The figures of one measure (or group): over time, by county, by every breakdown, by municipality."""
    figures = []
    national = one_per_period(select(rows, region_code="NO"))
    if national:
        figures.append(series_figure("utvikling", "Deltakere over tid", national, subject, links))
    counties = latest(select(rows, region_level="county"))
    if counties:
        period = counties[0]["period"]
        fig = bars_figure("fylker", f"Etter fylke, {norsk.month(period)}", by_number(counties), "region_code",
                          subject, links.region_short, links.region, total=total_of(national, period))
        fig.note = f"Fylkesinndelingen i perioden: {structure_of(data, period)}."
        figures.append(fig)
        county_map = choropleth("fylkeskart", f"Kart etter fylke, {norsk.month(period)}", counties, "county",
                                subject, links, structure_of(data, period, "id"))
        if county_map:
            figures.append(county_map)
    figures += breakdown_figures(data, links, rows, subject, national)
    municipalities = latest(select(rows, region_level="municipality"))
    if municipalities:
        period = municipalities[0]["period"]
        title = f"Etter kommune, {norsk.month(period)}"
        fig = choropleth("kommuner", title, by_number(municipalities), "municipality", subject, links,
                         structure_of(data, period, "id")) or \
            bars_figure("kommuner", title, municipalities, "region_code", subject, links.region_short,
                        links.region, chart=False)
        fig.open = False
        figures.append(fig)
    return figures


def breakdown_figures(data: SiteData, links: Links, rows: list[Row], subject: str, national: list[Row]) -> list[Figure]:
    """The country's figures of one subject by every breakdown the reports give: over time, or the latest month."""
    figures = []
    for dim, title in BREAKDOWNS.items():
        parts = one_per_period(select(rows, by=dim, region_code="NO"), dim)
        if not parts:
            continue
        if len(periods(parts)) > 2:
            figures.append(series_figure(dim, f"Etter {title} over tid", parts, subject, links, series=dim,
                                         break_dims=(dim,)))
        else:
            now = latest(parts)
            period = now[0]["period"]
            figures.append(bars_figure(dim, f"Etter {title}, {norsk.month(period)}", now, dim, subject,
                                       total=total_of(national, period), order=data.enum(dim)))
    return figures


def measure_page_jobs(data: SiteData, links: Links) -> list[Callable[[], list[Page]]]:
    """A page per measure group and per measure (every row of the measures resource), each made when called."""
    by_subject = index_by(data.observations, "measure_group", "measure")
    return [partial(_measure_page, data, links, by_subject, m["group"], m["name"])
            for m in data.measures if m["group"] != TOTAL]


def _measure_page(data: SiteData, links: Links, by_subject: dict, group: str, measure: str) -> list[Page]:
    rows = by_subject.get((group, measure), [])
    name = links.subject_name(group, measure)
    figures = subject_figures(data, links, rows, name)
    context = {"group": group, "measure": measure, "periods": periods(rows)}
    crumbs = [("Tiltak", "tiltak/index.html")]
    if measure != TOTAL:
        crumbs.append((group, links.group[group]))
        return [Page(links.measure[measure], "subject.html", name, "tiltak", context, figures, crumbs,
                     f"Deltakere i tiltaket {measure}: utvikling, fylker og hvem som deltar.",
                     head_title=f"{name} (tiltak)" if name in links.group else "",
                     search_terms=re.findall(r"\(([^)]+)\)", measure))]
    context["members"] = [(n["name"], links.measure[n["name"]], periods(by_subject.get((group, n["name"]), [])))
                          for n in data.measures if n["group"] == group and n["name"] != TOTAL]
    parts = latest([r for r in select(data.observations, measure_group=group, region_code="NO")
                    if r["measure"] != TOTAL])
    if len(parts) > 1:
        period = parts[0]["period"]
        figures.insert(1, bars_figure("tiltak", f"Tiltakene i gruppen, {norsk.month(period)}", by_number(parts),
                                      "measure", name, hrefs=links.measure,
                                      total=total_of(select(rows, region_code="NO"), period)))
    return [Page(links.group[group], "subject.html", name, "tiltaksgruppe", context, figures, crumbs,
                 f"Deltakere i tiltaksgruppen {group}: utvikling, fylker og hvem som deltar.",
                 head_title=f"{name} (tiltaksgruppe)" if name in links.measure else "")]


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
    printed = {(r["measure_group"], r["period"], r["report"]): r
               for r in select(data.observations, statistic="change_count", region_code="NO") if r["measure"] == TOTAL}
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
        elif (before and now["number"] is not None and before["number"] is not None
              and family.get(before["report"]) == family.get(now["report"])):
            change, computed = f"{norsk.signed(now['number'] - before['number'])} (beregnet)", True
            shown.append(before)
        shown.append(now)
        table_rows.append([Cell(_capital(links.subject_name(group, TOTAL)), links.subject(group, TOTAL)),
                           Cell(norsk.month(now["period"])),
                           Cell(norsk.row_text(now), num=True), Cell(change, num=True)])
    if not table_rows:
        return empty_figure("siste", "Siste tall", "tiltaksgruppene")
    columns = ["Tiltaksgruppe", "Periode", "Deltakere", "Endring fra året før"]
    if all(row[-1].text == "–" for row in table_rows):  # no change known anywhere: no empty column
        columns, table_rows = columns[:-1], [row[:-1] for row in table_rows]
        caption = ("Siste tall for hver tiltaksgruppe. Ingen av rapportene gir endringen fra samme måned året før "
                   "for disse månedene.")
    else:
        caption = ("Siste tall for hver tiltaksgruppe, med endringen fra samme måned året før der NAV oppgir den "
                   "eller rapportene har begge månedene.")
    figure = Figure("siste", "Siste tall", caption, None, Table(columns, table_rows), shown)
    if computed:
        figure.note = ("«Beregnet»: regnet ut av Tiltaksdata som forskjellen mellom to tall fra samme rapportserie; "
                       "de andre endringene er NAVs egne.")
    return figure


def newest_report(data: SiteData) -> dict | None:
    """The newest publication (by date, then id): its title, date and latest period, for the headline."""
    dated = [s for s in data.sources if s.get("published") and s.get("periods")]
    if not dated:
        return None
    source = max(dated, key=lambda s: (s["published"], s["id"]))
    return {"title": source["title"], "published": norsk.published(source), "period": source["periods"][-1],
            "href": f"kilder/{norsk.slug(source['id'])}.html", "scope": source.get("scope", {}).get("measure_group")}


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
        figures.append(bars_figure("grupper", f"Etter tiltaksgruppe, {norsk.month(period)}", by_number(now),
                                   "measure_group", "alle tiltak", hrefs=links.group, total=total_of(total, period)))
    everything = [r for r in data.observations if r["measure_group"] == TOTAL and r["measure"] == TOTAL]
    figures += breakdown_figures(data, links, everything, "alle tiltak", total)
    figures += front_maps(data, links)
    current = [r for r in data.regions if r["level"] == "county" and not r["valid_to"]]
    context = {"counties": [(r["short_name"], links.region[r["code"]]) for r in current],
               "periods": periods(data.observations), "newest": newest_report(data),
               "news": feed_entries(data.sources, data.contents)[:5],
               "municipalities": sum(r["level"] == "municipality" and not r["valid_to"] for r in data.regions)}
    return Page("index.html", "front.html", "Deltakere i arbeidsrettede tiltak", "forside", context, figures,
                description="Hvor mange deltar i NAVs arbeidsrettede tiltak, hvor, hvem, og hvordan det endrer seg.")


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
    for fid, level, rows in (("kart", "municipality", select(munis, **key)),
                             ("fylkeskart", "county", select(data.observations, region_level="county",
                                                             period=period, **key))):
        where = "kommune" if level == "municipality" else "fylke"
        fig = choropleth(fid, f"{biggest['measure']} etter {where}, {norsk.month(period)}", by_number(rows),
                         level, biggest["measure"], links, structure)
        if fig:
            figures.append(fig)
    return figures


def measure_index(data: SiteData, links: Links) -> Page:
    """All measure groups with their measures and the periods each has figures for."""
    by_subject = index_by(data.observations, "measure_group", "measure")
    groups = []
    for group in data.enum("measure_group"):
        if group == TOTAL:
            continue
        members = [m["name"] for m in data.measures if m["group"] == group and m["name"] != TOTAL]
        groups.append((group, links.group[group], periods(by_subject.get((group, TOTAL), [])),
                       [(m, links.measure[m], periods(by_subject.get((group, m), []))) for m in members]))
    return Page("tiltak/index.html", "measures.html", "Tiltak", "oversikt", {"groups": groups},
                description="Alle tiltaksgrupper og tiltak i NAVs rapporter.")
