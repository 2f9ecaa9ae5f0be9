"""How charts are drawn (assets/charts.js, chart-worker.js, chart-spec.js), in a real browser.

Over http the chart worker draws every chart and the page itself loads no Vega at all: that keeps a
phone's main thread free while the page loads (issue 12: Lighthouse's Total Blocking Time, measured
by benchmarks/lighthouse.py). A reader who points at a chart gets the live Vega view with its
tooltips. Opened from disk, where a worker cannot start, the page draws the charts live itself.
The worker's drawing and the live chart must be the same picture: same size, same text at the
same places, at a phone's width and a laptop's.
"""

from __future__ import annotations

import pytest
from browser import PHONE, wait_for_charts

LAPTOP = {"width": 1280, "height": 900}
DRAWN_BY = "() => Array.from(document.querySelectorAll('.chart')).map(e => e.getAttribute('data-drawn'))"
# Every chart's SVG: its size, and each text with where it stands (Vega places text by transform).
PICTURE = """() => Array.from(document.querySelectorAll('.chart')).map(e => {
  const svg = e.querySelector('svg');
  return svg && {width: svg.getAttribute('width'), height: svg.getAttribute('height'),
    box: Math.round(e.getBoundingClientRect().height),
    texts: Array.from(svg.querySelectorAll('text')).map(t => [t.textContent, t.getAttribute('transform')])};
})"""
# A page of each chart kind: lines with a suppressed range, bars with wrapped names, many series.
PAGES = ["tiltak/amo-enkeltplass.html", "fylke/46-vestland.html", "index.html"]


def _load(page, url: str) -> None:
    page.goto(url, wait_until="load")
    assert wait_for_charts(page), f"{url}: charts not drawn"


@pytest.mark.parametrize("path", PAGES)
def test_over_http_the_worker_draws_every_chart_and_the_page_loads_no_vega(new_page, origin, path):
    page, recorder = new_page(PHONE)
    _load(page, f"{origin}/{path}")
    drawn = page.evaluate(DRAWN_BY)
    assert drawn and set(drawn) == {"drawing"}, drawn
    loaded = page.evaluate("() => Array.from(document.scripts).map(s => s.src.split('/').pop())")
    assert page.evaluate("typeof window.vega") == "undefined", loaded
    assert not [name for name in loaded if "vega" in name or name == "chart-kinds.js"], loaded
    assert not recorder.page_errors + recorder.console_errors


@pytest.mark.parametrize("width", [PHONE, LAPTOP], ids=["phone", "laptop"])
@pytest.mark.parametrize("path", PAGES)
def test_the_workers_drawing_is_the_live_chart(new_page, origin, browser_site, path, width):
    """Same size and the same texts at the same places: the worker measures text as the page does."""
    pictures = {}
    for how, url in (("worker", f"{origin}/{path}"), ("live", (browser_site / path).as_uri())):
        page, recorder = new_page(width)
        _load(page, url)
        assert set(page.evaluate(DRAWN_BY)) == {"drawing" if how == "worker" else "live"}
        pictures[how] = page.evaluate(PICTURE)
        assert not recorder.page_errors + recorder.console_errors, how
    assert pictures["worker"] == pictures["live"]


def test_pointing_at_a_drawing_makes_it_live_with_tooltips(new_page, origin):
    page, recorder = new_page(PHONE)
    _load(page, f"{origin}/tiltak/amo-enkeltplass.html")
    chart = page.locator(".chart[data-chart]").first  # a line: a point per month, each with a tooltip
    before = page.evaluate(PICTURE)[0]
    point = "g.mark-symbol.role-mark path"
    chart.locator(point).last.hover()
    page.wait_for_function("() => document.querySelector('.chart').getAttribute('data-drawn') === 'live'")
    assert page.evaluate(PICTURE)[0] == before  # nothing moves when the drawing turns live
    assert chart.locator("svg").count() == 1
    box = chart.locator(point).last.bounding_box()
    page.mouse.move(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)
    tooltip = page.locator("#vg-tooltip-element")
    tooltip.wait_for(state="visible", timeout=5_000)
    texts = page.evaluate("() => JSON.parse(document.querySelector('.chart').getAttribute('data-chart')).values")
    shown = tooltip.inner_text()
    assert [v for v in texts if v["t"] in shown and v["p"] in shown], shown
    assert not recorder.page_errors + recorder.console_errors


def test_a_drawing_is_drawn_anew_when_its_figure_changes_width(new_page, origin):
    page, recorder = new_page(PHONE)
    _load(page, f"{origin}/index.html")
    narrow = page.evaluate(PICTURE)[0]
    page.set_viewport_size({"width": 1100, "height": 900})
    page.wait_for_function(
        "(w) => document.querySelector('.chart svg').getAttribute('width') !== w", arg=narrow["width"], timeout=10_000
    )
    wide = page.evaluate(PICTURE)[0]
    assert float(wide["width"]) > float(narrow["width"]) + 300
    assert page.evaluate("() => document.querySelector('.chart').clientWidth") == pytest.approx(
        float(wide["width"]), abs=1
    )
    assert not recorder.page_errors + recorder.console_errors


def test_without_the_worker_the_page_draws_every_chart_itself(new_page, origin):
    """A worker that cannot load (blocked, broken, a proxy's error page) leaves no chart undrawn."""
    page, recorder = new_page(PHONE)
    page.route("**/assets/chart-worker.js", lambda route: route.fulfill(status=404, body="not found"))
    _load(page, f"{origin}/index.html")
    drawn = page.evaluate(DRAWN_BY)
    assert drawn and set(drawn) == {"live"}, drawn
    assert not recorder.page_errors + recorder.console_errors


def test_on_a_touch_screen_a_tap_makes_a_drawing_live_and_a_touch_alone_does_not(chromium, origin):
    """A finger on a chart may be scrolling the page: only a tap (a click) loads Vega on the page."""
    context = chromium.new_context(viewport=PHONE, has_touch=True, is_mobile=True)
    try:
        page = context.new_page()
        errors: list[str] = []
        page.on("pageerror", lambda error: errors.append(str(error)))
        _load(page, f"{origin}/tiltak/amo-enkeltplass.html")
        chart = page.locator(".chart[data-chart]").first
        box = chart.bounding_box()
        session = context.new_cdp_session(page)
        point = {"x": box["x"] + box["width"] / 2, "y": box["y"] + 40}
        session.send("Input.dispatchTouchEvent", {"type": "touchStart", "touchPoints": [point]})
        moved = {"x": point["x"], "y": point["y"] - 30}
        session.send("Input.dispatchTouchEvent", {"type": "touchMove", "touchPoints": [moved]})
        session.send("Input.dispatchTouchEvent", {"type": "touchEnd", "touchPoints": []})
        page.wait_for_timeout(500)
        assert chart.get_attribute("data-drawn") == "drawing"  # touched and moved: a scroll, no Vega
        assert page.evaluate("typeof window.vega") == "undefined"
        chart.tap()
        page.wait_for_function("() => document.querySelector('.chart').getAttribute('data-drawn') === 'live'")
        assert not errors
    finally:
        context.close()


# Each bar chart as the worker drew it: the numbers written at its bars, its data, and its table.
BARS_AND_TABLE = """() => Array.from(document.querySelectorAll('section.figure-section')).map(section => {
  const chart = section.querySelector('.chart[data-chart]');
  const payload = chart && JSON.parse(chart.getAttribute('data-chart'));
  if (!payload || payload.kind !== 'bars') { return null; }
  return {title: section.querySelector('h2').textContent, values: payload.values,
    labels: Array.from(chart.querySelectorAll('svg g.mark-text.role-mark text')).map(t => t.textContent),
    rows: Array.from(section.querySelectorAll('table tbody tr')).map(tr =>
      Array.from(tr.children).map(c => c.textContent.trim()))};
}).filter(Boolean)"""


@pytest.mark.parametrize("path", ["index.html", "fylke/46-vestland.html", "kommune/4601-bergen.html"])
def test_every_number_at_a_drawn_bar_is_the_number_in_its_table(new_page, origin, path):
    """The worker draws what the page's data say, and the data are the table's: bar by bar, its
    name's row in the table under the chart holds the number written at the bar."""
    page, recorder = new_page(PHONE)
    _load(page, f"{origin}/{path}")
    figures = page.evaluate(BARS_AND_TABLE)
    assert figures, f"{path}: no bar chart"
    for figure in figures:
        assert figure["labels"] == [v["t"] for v in figure["values"]], figure["title"]
        rows = {row[0]: row[1:] for row in figure["rows"]}
        for value in figure["values"]:
            assert value["t"] in rows.get(value["c"], []), (figure["title"], value, rows.get(value["c"]))
    assert not recorder.page_errors + recorder.console_errors
