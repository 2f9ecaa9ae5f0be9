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

import hashlib
import json
import math
from collections.abc import Iterable
from importlib.metadata import version
from pathlib import Path
from typing import TYPE_CHECKING, Any

from tiltaksdata.cache import code_fingerprint, load_bytes, store_bytes
from tiltaksdata.numbers import SUPPRESSED_MAX
from tiltaksdata.site import norsk

if TYPE_CHECKING:  # for annotations only: the charts need nothing of data at run time
    from tiltaksdata.site.data import PageRow

# Ten colours, each at least 3:1 against white (WCAG 1.4.11), told apart without red–green alone.
COLOURS = ["#1f5fa8", "#b8461b", "#1e7b4a", "#8e3b8e", "#6b5a1e", "#2c6f84", "#555555", "#a8326b", "#4b3f9e", "#222222"]
SUPPRESSED_COLOUR = "#6b6b6b"
SUPPRESSED_KEY = "▽ under 4: prikket av NAV (0–3)"


def chart_kinds(validate: bool = False) -> dict[str, dict]:
    """Every chart kind's Vega-Lite spec, built with Altair (imported only here: a build whose kinds are
    kept in the cache does not load it)."""
    from tiltaksdata.site.chart_kinds import altair_chart_kinds

    return altair_chart_kinds(validate)


def chart_kinds_script(cache_dir: Path | None = None) -> str:
    """assets/chart-kinds.js: the specs as a global the page and the chart worker read (no fetch: works from disk).

    Kept in `cache_dir` by the code that makes them and Altair's version.
    """
    key = hashlib.sha256((code_fingerprint("site.chart_kinds") + version("altair")).encode()).hexdigest()
    kept = cache_dir / "charts" / f"{key}.js" if cache_dir else None
    if (data := load_bytes(kept)) is not None:
        return data.decode("utf-8")
    script = "self.TILTAK_CHART_KINDS = " + json.dumps(chart_kinds(), ensure_ascii=False) + ";\n"
    if kept:
        store_bytes(kept, script.encode("utf-8"))
    return script


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
