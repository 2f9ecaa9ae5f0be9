"""Pages of regions: every county of every structure, every municipality, and their indexes."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from functools import partial

from tiltaksdata.check.comparable import structures_during
from tiltaksdata.model import TOTAL
from tiltaksdata.site import norsk
from tiltaksdata.site.data import Row, SiteData
from tiltaksdata.site.pages.common import Cell, Figure, Links, Page, Table
from tiltaksdata.site.pages.figures import bars_figure, series_figure, share
from tiltaksdata.site.pages.maps import locator
from tiltaksdata.site.pages.measures import BREAKDOWNS
from tiltaksdata.site.pages.region_figures import (
    by_measure,
    comparable_figures,
    municipality_table,
    subject_figure,
    with_changes,
)
from tiltaksdata.site.rows import index_by, latest, one_per_period, periods, select


def structures_of(data: SiteData, region: dict, field: str = "name") -> list[str]:
    """The county structures a county belongs to (it was valid during some of their years)."""
    return structures_during(data.structures, region["valid_from"], region["valid_to"], field)


def county_page(
    data: SiteData, links: Links, region: dict, rows: list[Row], municipalities: list[Row], series: Sequence[Row] = ()
) -> Page:
    """A county: where it sits among the structures, its figures by measure and over time, its municipalities."""
    code, name = region["code"], region["short_name"]
    figures: list[Figure] = []
    plain = select(rows)
    now = latest(plain)
    if now:
        shown = by_measure(now)
        figures.append(with_changes(subject_figure(links, shown, name, now[0]["period"]), rows, now, name))
    totals = one_per_period([r for r in plain if r["measure_group"] == TOTAL])
    if len(totals) > 1:
        figures.append(
            series_figure(
                "utvikling", "Alle tiltak over tid", totals, f"alle tiltak i {name}", links, break_dims=("region",)
            )
        )
    groups = one_per_period(
        [r for r in plain if r["measure_group"] != TOTAL and r["measure"] == TOTAL], "measure_group"
    )
    if len(periods(groups)) > 1:
        figures.append(
            series_figure(
                "grupper",
                "Tiltaksgruppene over tid",
                groups,
                name,
                links,
                series="measure_group",
                break_dims=("region",),
            )
        )
    # Every breakdown the reports give for all measures in the county: by participant group, age, gender, …
    for dim, word in BREAKDOWNS.items():
        parts = latest(select(rows, by=dim, measure_group=TOTAL))
        if parts:
            figures.append(
                bars_figure(
                    word if dim != "participant_group" else "hovedgruppe",
                    f"Etter {word}, {norsk.month(parts[0]['period'])}",
                    parts,
                    dim,
                    name,
                    order=data.enum(dim),
                )
            )
    if series:
        comparable = comparable_figures(links, list(series), name)
        if len(periods(groups)) > 1 and all(r["method"] == "reported" for r in series):
            # The county never changed: its comparable series by group is the one above, drawn twice.
            comparable = [f for f in comparable if f.id != "sammenlignbar"]
        figures += comparable
    if municipalities:
        figures.append(municipality_table(municipalities, links, name))
    for structure in reversed(structures_of(data, region, "id")):
        if located := locator("kart", code, "county", structure, links, name):
            figures.append(located)
            break
    before = [
        (links.region_short[c["from_code"]], links.region[c["from_code"]], _change_text(c), c["note"])
        for c in data.changes
        if c["to_code"] == code
    ]
    after = [
        (links.region_short[c["to_code"]], links.region[c["to_code"]], _change_text(c), c["note"])
        for c in data.changes
        if c["from_code"] == code
    ]
    context = {"lead": county_lead(region, structures_of(data, region)), "before": before, "after": after}
    start, end = region["valid_from"][:4], region["valid_to"][:4]
    years = f" {start}–{end}" if start and end else f" fra {start}" if start else f" til {end}" if end else ""
    return Page(
        links.region[code],
        "county.html",
        name,
        "fylke",
        context,
        figures,
        [("Fylker", "fylke/index.html")],
        f"Deltakere i arbeidsrettede tiltak i {name}.",
        head_title=f"{name} (fylke{years})",
        search_terms=[region["name"], code],
    )


def county_lead(region: dict, structures: list[str]) -> str:
    """«Hedmark (fylkesnummer 04). Fylket fantes fra 1972 til 2019. Det hører til fylkesinndelingen …»."""
    start, end = region["valid_from"][:4], region["valid_to"][:4]
    existed = (
        f"Fylket fantes fra {start} til {end}."
        if start and end
        else f"Fylket fantes til og med {end}."
        if end
        else f"Fylket har eksistert siden {start}."
        if start
        else ""
    )
    belongs = f"Det hører til fylkesinndelingen{'e' if len(structures) > 1 else ''} {', '.join(structures)}."
    return " ".join(part for part in (f"{region['name']} (fylkesnummer {region['code']}).", existed, belongs) if part)


def _change_text(change: dict) -> str:
    """«hele fylket, fra 2020»: what part of a county moved, and when (county_changes.csv)."""
    share = "hele fylket" if change["share"] == "whole" else "en del"
    return f"{share}, fra {change['date'][:4]}"


def _place_names(municipality: str, county: str) -> list[str]:
    """Column heads for a municipality and its county; «Oslo kommune», «Oslo fylke» where the names agree."""
    return [f"{municipality} kommune", f"{county} fylke"] if municipality == county else [municipality, county]


def municipality_page(
    data: SiteData,
    links: Links,
    region: dict,
    rows: list[Row],
    around_in: Callable[[str], list[dict[tuple[str, str], Row]]],
) -> Page:
    """A municipality: its figures per measure beside its county and the country.

    `around_in(period)` gives the county's and the country's plain rows of a period by (group, measure).
    """
    code, name, county = region["code"], region["short_name"], region["parent_code"]
    county_name = links.region_short.get(county, county)
    figures = []
    now = latest(select(rows))
    if now:
        period = now[0]["period"]
        mine = by_measure(now)
        figures.append(subject_figure(links, mine, name, period))
        around = around_in(period)
        table_rows, shown = [], list(now)
        for r in mine:
            key = (r["measure_group"], r["measure"])
            others = [o.get(key) for o in around]
            shown += [o for o in others if o]
            table_rows.append(
                [Cell(r["subject"], links.subject(*key)), Cell(norsk.row_text(r), num=True)]
                + [Cell(norsk.row_text(o) if o else "–", num=True) for o in others]
                + [Cell(share(r, others[0]["number"] if others[0] else None), num=True)]
            )
        figures.append(
            Figure(
                "sammenligning",
                f"{', '.join(_place_names(name, county_name))} og Norge",
                f"Deltakere i {name} etter tiltak, {norsk.month(period)}, med fylket og landet til "
                "sammenligning, og kommunens andel av fylkets deltakere.",
                None,
                Table(
                    [
                        (figures[0].table.columns or ["Tiltak"])[0],
                        *_place_names(name, county_name),
                        "Norge",
                        "Andel av fylket",
                    ],
                    table_rows,
                ),
                shown,
            )
        )
    if located := locator("kart", code, "municipality", "2024", links, name):
        figures.append(located)
    crumbs = [("Kommuner", "kommune/index.html")]
    if county in links.region:
        crumbs.append((county_name, links.region[county]))
    context = {"region": region, "county": (county_name, links.region.get(county)), "periods": periods(rows)}
    return Page(
        links.region[code],
        "municipality.html",
        name,
        "kommune",
        context,
        figures,
        crumbs,
        f"Deltakere i arbeidsrettede tiltak i {name} kommune.",
        head_title=f"{name} kommune",
        search_terms=[region["name"], code],
    )


def region_page_jobs(data: SiteData, links: Links) -> list[Callable[[], list[Page]]]:
    """A page per county of every structure and per municipality of the regions resource, each made when called."""
    by_region = index_by(data.observations, "region_code")
    parent = {r["code"]: r["parent_code"] for r in data.regions}
    munis = select([r for r in data.observations if r["region_level"] == "municipality"])
    munis_by_county: dict[str, list[Row]] = {}
    for row in munis:
        munis_by_county.setdefault(parent[row["region_code"]], []).append(row)
    series_by_county = index_by(data.county_series, "county_code")
    plain: dict[str, list[Row]] = {}  # a county's or the country's rows without breakdowns, selected once
    subjects: dict[tuple[str, str], dict[tuple[str, str], Row]] = {}  # (region, period) → by (group, measure)

    def subjects_in(code: str, period: str) -> dict[tuple[str, str], Row]:
        if code not in plain:
            plain[code] = select(by_region.get(code, []))
        if (code, period) not in subjects:
            subjects[code, period] = {
                (r["measure_group"], r["measure"]): r for r in plain[code] if r["period"] == period
            }
        return subjects[code, period]

    def county(region: dict) -> list[Page]:
        code = region["code"]
        return [
            county_page(
                data,
                links,
                region,
                by_region.get(code, []),
                munis_by_county.get(code, []),
                series_by_county.get(code, []),
            )
        ]

    def municipality(region: dict) -> list[Page]:
        county = region["parent_code"]
        return [
            municipality_page(
                data,
                links,
                region,
                by_region.get(region["code"], []),
                lambda period: [subjects_in(county, period), subjects_in("NO", period)],
            )
        ]

    return [
        partial(county if region["level"] == "county" else municipality, region)
        for region in data.regions
        if region["level"] in ("county", "municipality")
    ]


def region_indexes(data: SiteData, links: Links) -> list[Page]:
    """The county index (by structure) and the municipality index (by county)."""
    counties = [r for r in data.regions if r["level"] == "county"]
    structures = [
        (
            s["name"],
            s["description"],
            [
                (r["short_name"], links.region[r["code"]], r["code"])
                for r in counties
                if s["name"] in structures_of(data, r)
            ],
        )
        for s in data.structures
    ]
    munis = index_by([r for r in data.regions if r["level"] == "municipality"], "parent_code")
    by_county = [
        (
            links.region_short[c],
            links.region[c],
            [(r["short_name"], links.region[r["code"]], r["code"]) for r in members],
        )
        for c, members in sorted(munis.items())
    ]
    return [
        Page(
            "fylke/index.html",
            "counties.html",
            "Fylker",
            "oversikt",
            {"structures": structures},
            description="Alle fylker i NAVs rapporter, etter fylkesinndeling.",
        ),
        Page(
            "kommune/index.html",
            "municipalities.html",
            "Kommuner",
            "oversikt",
            {"counties": by_county},
            description="Alle kommuner i 2024-inndelingen, etter fylke.",
        ),
    ]
