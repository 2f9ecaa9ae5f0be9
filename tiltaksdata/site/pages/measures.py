"""Pages of measures: a page per measure group and per measure, and their index (the front page: front.py)."""

from __future__ import annotations

import re
from collections.abc import Callable
from functools import partial

from tiltaksdata.check.comparable import structure_at
from tiltaksdata.model import TOTAL
from tiltaksdata.site import norsk
from tiltaksdata.site.data import Row, SiteData
from tiltaksdata.site.pages.common import Figure, Links, Page
from tiltaksdata.site.pages.figures import bars_figure, series_figure
from tiltaksdata.site.pages.maps import choropleth
from tiltaksdata.site.rows import by_number, index_by, latest, one_per_period, periods, select

BREAKDOWNS = {
    "participant_group": "hovedgruppe",
    "gender": "kjønn",
    "age": "alder",
    "immigrant_status": "innvandrerstatus",
    "birth_region": "fødeland",
    "education": "utdanning",
}


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
        fig = bars_figure(
            "fylker",
            f"Etter fylke, {norsk.month(period)}",
            by_number(counties),
            "region_code",
            subject,
            links.region_short,
            links.region,
            total=total_of(national, period),
        )
        fig.note = f"Fylkesinndelingen i perioden: {structure_of(data, period)}."
        figures.append(fig)
        county_map = choropleth(
            "fylkeskart",
            f"Kart etter fylke, {norsk.month(period)}",
            counties,
            "county",
            subject,
            links,
            structure_of(data, period, "id"),
        )
        if county_map:
            figures.append(county_map)
    figures += breakdown_figures(data, links, rows, subject, national)
    municipalities = latest(select(rows, region_level="municipality"))
    if municipalities:
        period = municipalities[0]["period"]
        title = f"Etter kommune, {norsk.month(period)}"
        fig = choropleth(
            "kommuner",
            title,
            by_number(municipalities),
            "municipality",
            subject,
            links,
            structure_of(data, period, "id"),
        ) or bars_figure(
            "kommuner", title, municipalities, "region_code", subject, links.region_short, links.region, chart=False
        )
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
            figures.append(
                series_figure(dim, f"Etter {title} over tid", parts, subject, links, series=dim, break_dims=(dim,))
            )
        else:
            now = latest(parts)
            period = now[0]["period"]
            figures.append(
                bars_figure(
                    dim,
                    f"Etter {title}, {norsk.month(period)}",
                    now,
                    dim,
                    subject,
                    total=total_of(national, period),
                    order=data.enum(dim),
                )
            )
    return figures


def measure_page_jobs(data: SiteData, links: Links) -> list[Callable[[], list[Page]]]:
    """A page per measure group and per measure (every row of the measures resource), each made when called."""
    by_subject = index_by(data.observations, "measure_group", "measure")
    return [
        partial(_measure_page, data, links, by_subject, m["group"], m["name"])
        for m in data.measures
        if m["group"] != TOTAL
    ]


def covered(months: list[str]) -> str:
    """«Rapportene har tall for 3 måneder: februar 2014, januar 2019–februar 2020.» (or that none has)."""
    if not months:
        return "Ingen av rapportene har tall for dette tiltaket ennå."
    return (
        f"Rapportene har tall for {len(months)} {'måned' if len(months) == 1 else 'måneder'}: {norsk.coverage(months)}."
    )


def lifetime(data: SiteData, links: Links, group: str, measure: str) -> list[tuple[str, str]]:
    """What NAV's publications say of a measure's life (when it began or ended, what it became), as
    (text, link) pieces: a measure named «in quotes» that has a page is linked."""
    note = next((m.get("note", "") for m in data.measures if m["group"] == group and m["name"] == measure), "")
    pieces: list[tuple[str, str]] = []
    for i, piece in enumerate(re.split(r"«([^»]+)»", note)):
        href = links.measure.get(piece, "") if i % 2 else ""
        pieces.append((f"«{piece}»" if i % 2 and not href else piece, href))
    return [(text, href) for text, href in pieces if text]


def _measure_page(data: SiteData, links: Links, by_subject: dict, group: str, measure: str) -> list[Page]:
    rows = by_subject.get((group, measure), [])
    name = links.subject_name(group, measure)
    figures = subject_figures(data, links, rows, name)
    context: dict[str, object] = {
        "is_group": measure == TOTAL,
        "group": group,
        "covered": covered(periods(rows)),
        "lifetime": lifetime(data, links, group, measure),
    }
    crumbs = [("Tiltak", "tiltak/index.html")]
    if measure != TOTAL:
        crumbs.append((group, links.group[group]))
        return [
            Page(
                links.measure[measure],
                "subject.html",
                name,
                "tiltak",
                context,
                figures,
                crumbs,
                f"Deltakere i tiltaket {measure}: utvikling, fylker og hvem som deltar.",
                head_title=f"{name} (tiltak)" if name in links.group else "",
                search_terms=re.findall(r"\(([^)]+)\)", measure),
            )
        ]
    context["members"] = [
        (n["name"], links.measure[n["name"]], periods(by_subject.get((group, n["name"]), [])))
        for n in data.measures
        if n["group"] == group and n["name"] != TOTAL
    ]
    parts = latest(
        [r for r in select(data.observations, measure_group=group, region_code="NO") if r["measure"] != TOTAL]
    )
    if len(parts) > 1:
        period = parts[0]["period"]
        figures.insert(
            1,
            bars_figure(
                "tiltak",
                f"Tiltakene i gruppen, {norsk.month(period)}",
                by_number(parts),
                "measure",
                name,
                hrefs=links.measure,
                total=total_of(select(rows, region_code="NO"), period),
            ),
        )
    return [
        Page(
            links.group[group],
            "subject.html",
            name,
            "tiltaksgruppe",
            context,
            figures,
            crumbs,
            f"Deltakere i tiltaksgruppen {group}: utvikling, fylker og hvem som deltar.",
            head_title=f"{name} (tiltaksgruppe)" if name in links.measure else "",
        )
    ]


def measure_index(data: SiteData, links: Links) -> Page:
    """All measure groups with their measures and the periods each has figures for."""
    by_subject = index_by(data.observations, "measure_group", "measure")
    groups = []
    for group in data.enum("measure_group"):
        if group == TOTAL:
            continue
        members = [m["name"] for m in data.measures if m["group"] == group and m["name"] != TOTAL]
        groups.append(
            (
                group,
                links.group[group],
                periods(by_subject.get((group, TOTAL), [])),
                [(m, links.measure[m], periods(by_subject.get((group, m), []))) for m in members],
            )
        )
    return Page(
        "tiltak/index.html",
        "measures.html",
        "Tiltak",
        "oversikt",
        {"groups": groups},
        description="Alle tiltaksgrupper og tiltak i NAVs rapporter.",
    )
