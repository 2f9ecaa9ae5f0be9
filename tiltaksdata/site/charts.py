"""Chart kinds, each defined once with Altair; per-chart data as small JSON payloads.

Altair builds each kind's Vega-Lite spec once per build (`chart_kinds`); a page carries only the
kind's name and its data, and `assets/chart-spec.js` puts the two together in the browser (in the
chart worker, or on the page: see assets/charts.js). Thousands of charts thus cost one Altair
object each, not one per chart.

The contract with assets/chart-spec.js (change both sides together):
- A figure's `data-chart` payload: `kind` (a key of chart_kinds), `values` (the named dataset
  "values"), `breaks` (dataset "breaks": dashed joins over a gap), and per kind `colours`
  ([series, colour] pairs: the lines' colour scale), `map`, `legend`, `other` (maps).
- Keys of a point (rows_to_points), one letter because a long series repeats them thousands of
  times: d date (ISO), s series name, seg line segment ("series number|segment"), p period as
  text, t the value as text (tooltip and table), y the number, lo/hi the 0–3 range of a
  suppressed value, a approximate. Of a bar (rows_to_bars): c category, o order, t text, y
  number. Of a map region: k class (legend), t text, n name.
- What chart-spec.js sets in a spec, by name, never by position: on every layer whose colour encodes
  field "s", its scale (payload.colours); on bar charts every layer's y axis labelLimit,
  labelExpr and labelLineHeight (wrapped labels) and the height step; on maps the data (the
  topology), transform[0]'s default (payload.other), the colour scale (payload.legend), width
  and height; on a drawing made at a known width (the worker's), width and autosize fit-x.
"""

from __future__ import annotations

import json
import math
from collections.abc import Iterable
from functools import cache
from typing import TYPE_CHECKING, Any

import altair as alt

from tiltaksdata.numbers import SUPPRESSED_MAX
from tiltaksdata.site import norsk

if TYPE_CHECKING:  # for annotations only: the charts need nothing of data at run time
    from tiltaksdata.site.data import PageRow

# Ten colours, each at least 3:1 against white (WCAG 1.4.11), told apart without red–green alone.
COLOURS = ["#1f5fa8", "#b8461b", "#1e7b4a", "#8e3b8e", "#6b5a1e", "#2c6f84", "#555555", "#a8326b", "#4b3f9e", "#222222"]
SUPPRESSED_COLOUR = "#6b6b6b"
VALUES, BREAKS = alt.Data(name="values"), alt.Data(name="breaks")
SUPPRESSED_KEY = "▽ under 4: prikket av NAV (0–3)"
TOOLTIP_LINE = [
    alt.Tooltip("s:N", title="Serie"),
    alt.Tooltip("p:N", title="Periode"),
    alt.Tooltip("t:N", title="Deltakere"),
]
TOOLTIP_BAR = [alt.Tooltip("c:N", title=" "), alt.Tooltip("t:N", title="Deltakere")]


def _config(chart: alt.TopLevelMixin) -> alt.TopLevelMixin:
    return (
        chart.configure(font="system-ui, -apple-system, 'Segoe UI', Roboto, sans-serif")
        .configure_axis(
            labelColor="#333333",
            titleColor="#333333",
            labelFontSize=12,
            titleFontSize=12,
            gridColor="#e3e3e3",
            domainColor="#767676",
            tickColor="#767676",
        )
        .configure_legend(
            labelColor="#333333", titleColor="#333333", orient="bottom", labelFontSize=12, labelLimit=320, columns=1
        )
        .configure_view(stroke=None)
        .configure_range(category=COLOURS)
    )


def _line_layers(multi: bool) -> alt.LayerChart | alt.FacetChart:  # as alt.layer says (no facets here)
    x = alt.X("d:T", title=None, axis=alt.Axis(labelAngle=0, tickCount=6), scale=alt.Scale(padding=12))
    y = alt.Y("y:Q", title="Deltakere", scale=alt.Scale(zero=True), axis=alt.Axis(format=",d"))
    colour = alt.Color("s:N", title=None, sort=None) if multi else alt.value(COLOURS[0])
    base = alt.Chart(VALUES)
    tooltip = TOOLTIP_LINE if multi else TOOLTIP_LINE[1:]
    valid = "isValid(datum.y)"
    line = base.mark_line(strokeWidth=2).encode(x=x, y=y, color=colour, detail="seg:N").transform_filter(valid)
    points = (
        base.mark_point(filled=True, size=45, opacity=1)
        .encode(x=x, y=y, color=colour, tooltip=tooltip)
        .transform_filter(f"{valid} && !datum.a")
    )
    # A figure summed from older counties whose borders differ: a hollow point, «omtrentlig» in the tooltip.
    approximate = (
        base.mark_point(filled=False, size=60, strokeWidth=2, opacity=1)
        .encode(x=x, y=y, color=colour, tooltip=tooltip)
        .transform_filter(f"{valid} && datum.a")
    )
    # A suppressed value is a range (0–3, or a sum of parts with «*»), drawn as a whisker, never as 0.
    ranges = (
        base.mark_rule(strokeWidth=2, color=SUPPRESSED_COLOUR)
        .encode(x=x, y=alt.Y("lo:Q"), y2="hi:Q", tooltip=tooltip)
        .transform_filter("isValid(datum.hi)")
    )
    range_tops = (
        base.mark_point(shape="triangle-down", filled=False, size=50, color=SUPPRESSED_COLOUR)
        .encode(x=x, y=alt.Y("hi:Q"), tooltip=tooltip)
        .transform_filter("isValid(datum.hi)")
    )
    rules = alt.Chart(BREAKS).mark_rule(strokeDash=[4, 3], color="#767676").encode(x=alt.X("d:T"))
    labels = (
        alt.Chart(BREAKS)
        .mark_text(align="right", dx=-3, dy=2, baseline="top", fontSize=11, color="#4d4d4d")
        .encode(x=alt.X("d:T"), y=alt.Y("ty:Q", scale=None), text="label:N")
    )  # ty: a pixel row per break, no overlap
    # The key to the whisker, in the chart itself, where the chart has one: ▽ = under 4, 0–3.
    key = (
        base.mark_text(align="right", baseline="bottom", dy=-4, fontSize=11, color=SUPPRESSED_COLOUR)
        .encode(x=alt.value("width"), y=alt.value(0), text=alt.value(SUPPRESSED_KEY))
        .transform_filter("isValid(datum.hi)")
        .transform_aggregate(n="count()")
        .transform_filter("datum.n > 0")
    )
    return alt.layer(rules, labels, line, ranges, range_tops, points, approximate, key).properties(
        width="container", height=260
    )


def _bars() -> alt.LayerChart | alt.FacetChart:
    y = alt.Y("c:N", title=None, sort=None, axis=alt.Axis(labelLimit=240))  # data come in display order
    x = alt.X(
        "y:Q", title="Deltakere", axis=alt.Axis(format=",d", tickCount=4, labelOverlap="greedy", labelSeparation=6)
    )
    base = alt.Chart(VALUES)
    bars = (
        base.mark_bar(color=COLOURS[0], height={"band": 0.75})
        .encode(x=x, y=y, tooltip=TOOLTIP_BAR)
        .transform_filter("isValid(datum.y)")
    )
    labels = (
        base.mark_text(align="left", dx=3, fontSize=11, color="#333333")
        .encode(x=alt.X("xpos:Q"), y=y, text="t:N", tooltip=TOOLTIP_BAR)
        .transform_calculate(xpos="isValid(datum.y) ? datum.y : 0")
    )
    return alt.layer(bars, labels).properties(
        width="container", height=alt.Step(22), padding={"left": 5, "right": 56, "top": 5, "bottom": 5}
    )


def _map() -> alt.Chart:
    """A map of Norway's counties or municipalities, each shaded by its class (a choropleth or locator).

    The boundaries (`geo`) and the class colours are the page's: charts.js sets them.
    """
    looked_up = alt.LookupData(data=VALUES, key="code", fields=["k", "t", "n"])
    return (
        alt.Chart(alt.Data(name="geo"))
        .mark_geoshape(stroke="#ffffff", strokeWidth=0.4)
        .transform_lookup(lookup="properties.code", from_=looked_up, default="Ingen tall")
        .encode(
            color=alt.Color(
                "k:N",
                title=None,
                scale=alt.Scale(domain=["Ingen tall"], range=["#f0f0f0"]),
                legend=alt.Legend(
                    orient="bottom", direction="vertical", symbolStrokeColor="#767676", symbolStrokeWidth=0.5
                ),
            ),
            tooltip=[alt.Tooltip("n:N", title=" "), alt.Tooltip("t:N", title="Deltakere")],
        )
        .project(type="transverseMercator", rotate=[-15, 0])
        .properties(width="container", height=500)
    )


@cache
def chart_kinds(validate: bool = False) -> dict[str, dict]:
    """Every chart kind's Vega-Lite spec, built once with Altair.

    Validation against the Vega-Lite schema costs a second per build; tests/test_site.py does it.
    """
    kinds: dict[str, alt.TopLevelMixin] = {
        "line": _line_layers(multi=False),
        "lines": _line_layers(multi=True),
        "bars": _bars(),
        "map": _map(),
    }
    return {name: _config(chart).to_dict(validate=validate) for name, chart in kinds.items()}


def chart_kinds_script() -> str:
    """assets/chart-kinds.js: the specs as a global the page and the chart worker read (no fetch: works from disk)."""
    return "self.TILTAK_CHART_KINDS = " + json.dumps(chart_kinds(), ensure_ascii=False) + ";\n"


def _number(value: float | None) -> float | int | None:
    if value is None or math.isnan(value):
        return None
    return int(value) if float(value).is_integer() else value


def rows_to_points(
    rows: Iterable[PageRow], series: str | None, names: dict[str, str] | None = None
) -> list[dict[str, Any]]:
    """Observations → line-chart data: a point per period, suppressed ones as a 0–3 range.

    Consecutive months form a segment; a gap in the reports breaks the line instead of bridging it.
    """
    points: list[dict[str, Any]] = []  # JSON for the chart: text, numbers and flags
    last_month: dict[str, int] = {}
    segments: dict[str, int] = {}
    numbers: dict[str, int] = {}
    for row in sorted(rows, key=lambda r: r["period"]):
        name = row[series] if series else ""
        number = numbers.setdefault(name, len(numbers))  # a line's segments are told apart by number
        label = (names or {}).get(name, name)
        month = int(row["period"][:4]) * 12 + int(row["period"][5:7])
        if name in last_month and month - last_month[name] > 1:
            segments[name] = segments.get(name, 0) + 1
        last_month[name] = month
        point = {
            "d": row["date"],
            "s": label,
            "seg": f"{number}|{segments.get(name, 0)}",
            "p": norsk.month(row["period"]),
            "t": norsk.row_text(row),
        }
        if row.get("approximate"):
            point["a"] = True
            point["t"] += " (omtrentlig)"
        if row["number"] is None:
            point.update(lo=row.get("low", 0), hi=row.get("high", SUPPRESSED_MAX))
        else:
            point["y"] = _number(row["number"])
        points.append(point)
    return points


def series_colours(keys: list[str], order: dict[str, int], labels: dict[str, str] | None = None) -> list[list[str]]:
    """[label, colour] for each line of a chart: a series keeps its colour on every chart of the site.

    The colour follows the series' place in the vocabulary (`order`), not its place in the chart,
    so a group is the same colour in a county's two charts; two lines of one chart that would share
    a colour take the next free one instead.
    """
    taken: set[int] = set()
    out = []
    for key in sorted(keys, key=lambda k: order.get(k, len(order))):
        index = order.get(key, len(order)) % len(COLOURS)
        while index in taken and len(taken) < len(COLOURS):
            index = (index + 1) % len(COLOURS)
        taken.add(index)
        out.append([(labels or {}).get(key, key), COLOURS[index]])
    return out


def rows_to_bars(rows: Iterable[PageRow], category: str, names: dict[str, str] | None = None) -> list[dict[str, Any]]:
    """Observations → bar-chart data in the rows' order; suppressed bars are text «under 4», no bar."""
    bars: list[dict[str, Any]] = []
    for order, row in enumerate(rows):
        bar = {"c": (names or {}).get(row[category], row[category]), "o": order, "t": norsk.row_text(row)}
        if not row["suppressed"]:
            bar["y"] = _number(row["number"])
        bars.append(bar)
    return bars
