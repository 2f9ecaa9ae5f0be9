"""The chart kinds, each defined once with Altair (see charts.py for the contract with the browser)."""

from __future__ import annotations

from functools import cache

import altair as alt

from tiltaksdata.site.charts import COLOURS, SUPPRESSED_COLOUR, SUPPRESSED_KEY

VALUES, BREAKS = alt.Data(name="values"), alt.Data(name="breaks")
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
def altair_chart_kinds(validate: bool = False) -> dict[str, dict]:
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
