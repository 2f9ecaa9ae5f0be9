"""Maps on pages: choropleths of a period by county or municipality, locator maps of one region.

A map is a figure like the others: its numbers are also in the table beside it. Suppressed regions
are their own class («under 4»), never zero; regions a report does not print are «Ingen tall».
"""

from __future__ import annotations

import math

from tiltaksdata.site import norsk
from tiltaksdata.site.data import Row
from tiltaksdata.site.maps import ATTRIBUTION
from tiltaksdata.site.pages.common import Figure, Links, Table
from tiltaksdata.site.pages.figures import bars_figure

SHADES = ["#dbe9f6", "#a6cbe6", "#5fa0d0", "#2a6fb0", "#0b3d7a"]  # light → dark blue
SUPPRESSED = ("Under 4 (prikket)", "#f3d9a4")
MISSING = ("Ingen tall", "#f0f0f0")
HIGHLIGHT = [("Valgt", "#0b3d7a"), ("Samme fylke", "#a6cbe6"), ("Andre", "#f0f0f0")]


ROUND = (1, 1.5, 2, 2.5, 3, 4, 5, 6, 8, 10)


def nice(value: float) -> int:
    """A round class limit (1, 1.5, 2, 2.5, 3, 4, 5, 6 or 8 × a power of ten) at or below `value`, at least 4."""
    if value < 4:
        return 4
    scale = 10 ** (len(str(int(value))) - 1)
    return max(4, int(max(m * scale for m in ROUND if m * scale <= value)))


def classes(numbers: list[float]) -> list[tuple[float, float, str]]:
    """Up to five classes (low, high, label) with round limits, from the quantiles of `numbers`."""
    ordered = sorted(numbers)
    if not ordered:
        return []
    limits = sorted({nice(ordered[int(len(ordered) * q)]) for q in (0.2, 0.4, 0.6, 0.8)} | {4})
    limits = [v for v in limits if v <= ordered[-1]] or [4]
    if ordered[0] < limits[0]:
        # An exact figure under 4 (a zero NAV printed as a blank): the lowest class starts there, not at 4.
        limits[0] = min(0, math.floor(ordered[0]))
    spans = list(zip(limits, limits[1:] + [None]))
    return [
        (
            low,
            high or float("inf"),
            (norsk.number(low) if high == low + 1 else f"{norsk.number(low)}–{norsk.number(high - 1)}")
            if high
            else f"{norsk.number(low)} og flere",
        )
        for low, high in spans
    ]


def choropleth(
    fid: str, title: str, rows: list[Row], level: str, subject: str, links: Links, structure: str
) -> Figure | None:
    """A period of one measure by county or municipality on a map, with the table of the same rows."""
    boundaries = links.maps.get((structure, level))
    if not boundaries or not rows:
        return None
    bands = classes([r["number"] for r in rows if r["number"] is not None])
    values = []
    for r in rows:
        label = SUPPRESSED[0] if r["number"] is None else next(b[2] for b in bands if b[0] <= r["number"] < b[1])
        values.append(
            {
                "code": r["region_code"],
                "k": label,
                "t": norsk.row_text(r),
                "n": links.region_short.get(r["region_code"], r["region_code"]),
            }
        )
    printed = {r["region_code"] for r in rows}
    values += [
        {"code": code, "k": MISSING[0], "t": "ingen tall", "n": links.region_short.get(code, code)}
        for code in sorted(boundaries.codes - printed)
    ]
    legend = [(label, colour) for (_, _, label), colour in zip(bands, SHADES[-len(bands) :] if bands else [])]
    legend += [SUPPRESSED, MISSING]
    fig = bars_figure(fid, title, rows, "region_code", subject, links.region_short, links.region, chart=False)
    fig.kind, fig.values = "map", values
    fig.extra = {"map": boundaries.key, "legend": legend}
    hidden = sum(r["number"] is None for r in rows)
    fig.note = (
        f"Lysest: færrest deltakere. {hidden} {'kommuner' if level == 'municipality' else 'fylker'} har "
        f"under 4 (egen farge, ikke 0). {ATTRIBUTION}."
    )
    fig.open = len(rows) <= 20
    return fig


def locator(fid: str, code: str, level: str, structure: str, links: Links, name: str) -> Figure | None:
    """Where a county or municipality lies: it in dark blue, the rest of its county lighter."""
    boundaries = links.maps.get((structure, level))
    if not boundaries or code not in boundaries.codes:
        return None
    # Only the highlighted regions are listed; every other one falls to the map's default class, «Andre».
    values = [
        {"code": c, "k": name if c == code else "Samme fylke", "t": "", "n": links.region_short.get(c, c)}
        for c in sorted(boundaries.codes)
        if c == code or (level == "municipality" and c[:2] == code[:2])
    ]
    legend = [
        (name if label == "Valgt" else label, colour)
        for label, colour in HIGHLIGHT
        if level == "municipality" or label != "Samme fylke"
    ]
    fig = Figure(fid, "Kart", f"{name} på kartet over Norge.", "map", Table([], []), [], values, note=ATTRIBUTION + ".")
    fig.extra = {"map": boundaries.key, "legend": legend, "other": "Andre"}
    return fig
