"""The built site in a real browser (Debian's chromium via Playwright): one page of each kind loads
without errors, asks nothing of any other server, keeps its CSP, draws every chart (and keeps the
name the page gave it), passes axe-core's WCAG 2.1 A/AA rules, fits a phone, searches as you type,
and is screenshotted for review.

Skipped without /usr/bin/chromium (or TILTAKSDATA_CHROMIUM), unless TILTAKSDATA_REQUIRE_BROWSER is set
(.ci/run sets it): then it fails. Screenshots go to TILTAKSDATA_SCREENSHOTS (default: a temporary folder).
"""

from __future__ import annotations

import os
from html.parser import HTMLParser
from pathlib import Path

import pytest
from browser import DATA_MARKS, DESKTOP, PHONE, describe_axe, wait_for_charts

# Site path → whether the page must have at least one chart.
PAGES = {
    "index.html": True,
    "tiltak/index.html": False,
    "tiltaksgruppe/tilrettelagt-arbeid.html": True,
    "tiltak/varig-vernet-arbeid-vva.html": True,
    "fylke/46-vestland.html": True,
    "fylke/12-hordaland.html": True,  # a county of the 2014 structure
    "fylke/04-hedmark.html": True,  # 2014, with NAV's change from the year before
    "fylke/30-viken.html": True,  # a county of the 2020 structure
    "kommune/0301-oslo.html": True,
    "kommune/4601-bergen.html": True,
    "kilder/2026-01-tilrettelagt-arbeid-demografi.html": False,
    "kilder/index.html": False,
    "data.html": False,
    "metode.html": False,
    "om.html": False,
    "sok.html": False,
    "fylke/index.html": False,
    "kommune/index.html": False,
}
PHONE_PAGES = ["index.html", "tiltak/varig-vernet-arbeid-vva.html"]
SCREENSHOT_PAGES = {
    "forside": "index.html",
    "tiltaksgruppe": "tiltaksgruppe/tilrettelagt-arbeid.html",
    "tiltak": "tiltak/varig-vernet-arbeid-vva.html",
    "fylke": "fylke/46-vestland.html",
    "kommune": "kommune/4601-bergen.html",
    "kilde": "kilder/2026-01-tilrettelagt-arbeid-demografi.html",
    "data": "data.html",
}
SCREENSHOT_WIDTHS = [PHONE["width"], DESKTOP["width"]]

# Overflow at phone width: the page's own horizontal scroll; the deepest elements reaching past the
# viewport (by their box or their overflowing content, unless a scrolling box such as .table-scroll
# clips them), to name the culprit; and each chart's SVG against its container (rendered width, and
# the width Vega laid it out for, so CSS shrinking a too-wide chart does not count as fitting).
PHONE_LAYOUT = """() => {
  const root = document.documentElement, viewport = root.clientWidth;
  const clipped = e => { for (let a = e.parentElement; a && a !== document.body; a = a.parentElement) {
      if (getComputedStyle(a).overflowX !== 'visible') { return true; } } return false; };
  const reach = e => { const r = e.getBoundingClientRect();
      return getComputedStyle(e).overflowX === 'visible' ? Math.max(r.right, r.left + e.scrollWidth) : r.right; };
  const sticksOut = e => reach(e) > viewport + 0.5 && !clipped(e);
  const name = e => e.tagName.toLowerCase() + (e.id ? '#' + e.id : '') +
      (typeof e.className === 'string' && e.className ? '.' + e.className.trim().split(/\\s+/).join('.') : '');
  const out = Array.from(document.body.querySelectorAll('*')).filter(e =>
      sticksOut(e) && !Array.from(e.children).some(sticksOut));
  return {viewport: viewport, scrollWidth: root.scrollWidth,
    overflowing: out.slice(0, 10).map(e => name(e) + ' reaches x=' + Math.round(reach(e))),
    charts: Array.from(document.querySelectorAll('.chart')).map((c, i) => {
      const svg = c.querySelector('svg');
      return {index: i, container: c.clientWidth, rendered: svg ? svg.getBoundingClientRect().width : null,
              laidOut: svg ? parseFloat(svg.getAttribute('width')) : null};
    })};
}"""


@pytest.fixture(scope="session")
def screenshot_dir(tmp_path_factory) -> Path:
    """TILTAKSDATA_SCREENSHOTS, or a pytest temporary folder."""
    folder = os.environ.get("TILTAKSDATA_SCREENSHOTS")
    path = Path(folder) if folder else tmp_path_factory.mktemp("screenshots")
    path.mkdir(parents=True, exist_ok=True)
    return path


def test_every_page_under_test_is_in_the_built_site(browser_site):
    missing = [p for p in [*PAGES, *SCREENSHOT_PAGES.values()] if not (browser_site / p).is_file()]
    assert not missing, f"pages not in the built site (update the lists in this file?): {missing}"


@pytest.mark.parametrize("path", PAGES)
def test_no_console_errors_and_no_uncaught_exceptions(visited, path):
    visit = visited(path)
    problems = [f"uncaught: {e}" for e in visit.page_errors] + [f"console: {e}" for e in visit.console_errors]
    assert not problems, f"{path}: errors while loading:\n" + "\n".join(problems)


@pytest.mark.parametrize("path", PAGES)
def test_every_request_goes_to_the_site_itself(visited, origin, path):
    requests = visited(path).requests
    assert requests, f"{path}: no request recorded at all"
    foreign = sorted({url for url in requests if not url.startswith(origin + "/") and not url.startswith("data:")})
    assert not foreign, f"{path}: requests to other servers than {origin}:\n" + "\n".join(foreign)


@pytest.mark.parametrize("path", PAGES)
def test_no_content_security_policy_violations(visited, path):
    violations = visited(path).csp_violations
    assert not violations, f"{path}: CSP violations:\n" + "\n".join(map(str, violations))


@pytest.mark.parametrize("path", PAGES)
def test_every_chart_is_drawn_with_data_marks(visited, path):
    visit = visited(path)
    charts, timed_out = visit.charts, visit.charts_timed_out
    if PAGES[path]:
        assert charts, f"{path}: expected at least one chart (.chart), found none"
    bad = [c for c in charts if "chart-ready" not in c["classes"].split() or not c["svgs"] or not c["marks"]]
    assert not bad and not timed_out, (
        f"{path}: charts not drawn (timed out: {timed_out}; drawn = class chart-ready + an <svg> + "
        f"at least one of {DATA_MARKS!r}):\n"
        + "\n".join(
            f"  chart {c['index']} class={c['classes']!r} svgs={c['svgs']} marks={c['marks']} "
            f"label={c['label'][:100]!r}"
            for c in bad
        )
    )


class _ChartNames(HTMLParser):
    """role and aria-label of every .chart element, as the built HTML has them."""

    def __init__(self) -> None:
        super().__init__()
        self.names: list[tuple[str | None, str | None]] = []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if "chart" in (attrs.get("class") or "").split():
            self.names.append((attrs.get("role"), attrs.get("aria-label")))


@pytest.mark.parametrize("path", [p for p, charted in PAGES.items() if charted])
def test_charts_keep_their_accessible_name_once_drawn(visited, browser_site, path):
    """The page names each chart (role="img", aria-label "Diagram: ..."); drawing it must not replace that."""
    parser = _ChartNames()
    parser.feed((browser_site / path).read_text(encoding="utf-8"))
    drawn = [(c["role"], c["label"]) for c in visited(path).charts]
    assert all(label for _, label in parser.names), f"{path}: a chart without aria-label in the HTML: {parser.names}"
    changed = [
        f"  chart {i}: {before} -> {after}"
        for i, (before, after) in enumerate(zip(parser.names, drawn))
        if before != after
    ]
    same = len(drawn) == len(parser.names) and not changed
    assert same, (
        f"{path}: drawing the charts changed their role/accessible name (HTML -> in the browser):\n"
        + "\n".join(changed)
    )


@pytest.mark.parametrize("path", PAGES)
def test_axe_finds_no_wcag_21_aa_violations(visited, path):
    violations = visited(path).axe
    assert violations is not None, f"{path}: axe did not run"
    assert not violations, f"{path}: axe-core (WCAG 2.0/2.1 A+AA) violations:\n{describe_axe(violations)}"


@pytest.mark.parametrize("path", PHONE_PAGES)
def test_phone_width_has_no_horizontal_scroll_and_charts_fit(new_page, origin, path):
    page, recorder = new_page(PHONE)
    page.goto(f"{origin}/{path}", wait_until="load")
    drawn = wait_for_charts(page)
    layout = page.evaluate(PHONE_LAYOUT)
    assert layout["scrollWidth"] <= PHONE["width"], (
        f"{path}: the page scrolls sideways at {PHONE['width']} px (scrollWidth {layout['scrollWidth']}); "
        f"sticking out:\n  " + "\n  ".join(layout["overflowing"])
    )
    assert drawn, f"{path}: charts not drawn at phone width: {layout['charts']}"
    too_wide = [
        c
        for c in layout["charts"]
        if c["rendered"] is None or c["rendered"] > c["container"] + 0.5 or c["laidOut"] > c["container"] + 0.5
    ]
    assert not too_wide, f"{path}: chart SVGs wider than their container at {PHONE['width']} px: {too_wide}"
    problems = recorder.page_errors + recorder.console_errors
    assert not problems, f"{path}: errors at phone width: {problems}"


@pytest.mark.parametrize("how", ["http", "file"])
def test_search_as_you_type_finds_bergen_without_a_search_server(new_page, origin, browser_site, how):
    """The index is a script of the site, so search works from any static host and even from file://."""
    page, recorder = new_page()
    page.goto(f"{origin}/index.html" if how == "http" else (browser_site / "index.html").as_uri(), wait_until="load")
    page.locator("#sok").press_sequentially("berg")
    hit = page.locator('#sok-treff a[href="kommune/4601-bergen.html"]')
    hit.wait_for(state="visible", timeout=5_000)
    assert hit.inner_text().strip() == "Bergen"
    problems = recorder.page_errors + recorder.console_errors
    assert not problems, f"errors while searching ({how}): {problems}"
    hit.click()
    page.wait_for_url("**/kommune/4601-bergen.html", timeout=5_000)


@pytest.mark.parametrize("width", SCREENSHOT_WIDTHS)
@pytest.mark.parametrize("name", SCREENSHOT_PAGES)
def test_full_page_screenshots(new_page, origin, screenshot_dir, name, width):
    page, _ = new_page({"width": width, "height": 900})
    page.goto(f"{origin}/{SCREENSHOT_PAGES[name]}", wait_until="load")
    drawn = wait_for_charts(page)
    target = screenshot_dir / f"{name}-{width}.png"
    page.screenshot(path=str(target), full_page=True)  # also when a chart failed: the picture helps
    size = target.stat().st_size
    assert size > 10_000, f"{target} is only {size} bytes; is the page blank?"
    assert drawn, f"{name}: charts not drawn (see {target})"


@pytest.mark.parametrize(
    "query, first",
    [
        ("AMO", "tiltak/arbeidsmarkedsopplaering-amo.html"),
        ("Guovdageaidnu", "kommune/5612-kautokeino.html"),
        ("0301", "kommune/0301-oslo.html"),
        ("åmot", "kommune/3422-amot.html"),
    ],
)
def test_search_finds_sami_names_codes_and_abbreviations_measures_first(new_page, origin, query, first):
    page, recorder = new_page()
    page.goto(f"{origin}/index.html", wait_until="load")
    page.locator("#sok").press_sequentially(query)
    page.locator("#sok-treff a").first.wait_for(state="visible", timeout=5_000)
    assert page.locator("#sok-treff a").first.get_attribute("href") == first
    assert not recorder.page_errors + recorder.console_errors


def test_a_line_chart_with_suppressed_values_carries_their_key_and_others_do_not(new_page, origin):
    from tiltaksdata.site.charts import SUPPRESSED_KEY

    texts = {}
    for path in ("tiltak/amo-enkeltplass.html", "index.html"):
        page, recorder = new_page()
        page.goto(f"{origin}/{path}", wait_until="load")
        wait_for_charts(page)
        texts[path] = page.locator("#utvikling svg text").all_text_contents()
        assert not recorder.page_errors + recorder.console_errors
    assert SUPPRESSED_KEY in texts["tiltak/amo-enkeltplass.html"]  # January–June 2019 are «*»
    assert texts["index.html"] and SUPPRESSED_KEY not in texts["index.html"]


# What a reader sees of every figure, on a phone and a laptop: numbers in tables inside the visible
# area of their scrolling box (or in a row whose name stays put, with the box marked as scrolling),
# no chart text cut with «…», every figure with a link to its source report.
READER_CHECKS = """() => {
  const out = {cut: [], hidden: [], unmarked: [], wide: [], unsourced: []};
  document.querySelectorAll('.chart svg text').forEach(t => {
    const text = t.textContent.trim();
    if (text.endsWith('…') || text.endsWith('...')) { out.cut.push(text); }
  });
  document.querySelectorAll('.table-scroll').forEach(box => {
    const b = box.getBoundingClientRect();
    if (b.width === 0) { return; }  /* inside a closed <details> */
    const scrolls = box.scrollWidth > box.clientWidth + 1;
    if (scrolls) { out.wide.push(box.getAttribute('aria-label')); }
    if (scrolls && !box.classList.contains('scrolls')) { out.unmarked.push(box.getAttribute('aria-label')); }
    box.querySelectorAll('td.num').forEach(td => {
      const r = td.getBoundingClientRect();
      if (r.left >= b.left - 0.5 && r.right <= b.right + 0.5) { return; }
      const head = td.parentElement.querySelector('th[scope="row"]');
      if (!head || getComputedStyle(head).position !== 'sticky') {
        out.hidden.push(box.getAttribute('aria-label') + ': ' + td.textContent.trim());
      }
    });
  });
  out.unkeyed = [];
  document.querySelectorAll('.chart[data-chart]').forEach(chart => {
    const payload = JSON.parse(chart.getAttribute('data-chart'));
    const texts = Array.from(chart.querySelectorAll('svg text')).map(t => t.textContent);
    const suppressed = (payload.values || []).filter(v => v.hi !== undefined || (payload.kind === 'bars' && v.y === undefined));
    if (!suppressed.length || payload.kind === 'map') { return; }
    const key = payload.kind === 'bars' ? 'under 4' : '▽ under 4';
    if (!texts.some(t => t.includes(key))) { out.unkeyed.push(chart.getAttribute('aria-label').slice(0, 80)); }
  });
  document.querySelectorAll('section.figure-section').forEach(section => {
    if (!section.querySelector('table, [data-chart]')) { return; }
    if (!section.querySelector('a[href*="kilder/"]')) { out.unsourced.push(section.querySelector('h2').textContent); }
  });
  return out;
}"""
# A reader opens every collapsed table and scrolls: each table is brought on screen in turn (its
# section is laid out only then: content-visibility), and two frames let its ResizeObserver
# (tables.js) mark it.
SCROLL_THROUGH = """async () => {
  const frame = () => new Promise(resolve => requestAnimationFrame(() => requestAnimationFrame(resolve)));
  document.querySelectorAll('details.table-details').forEach(d => { d.open = true; });
  for (const box of document.querySelectorAll('.table-scroll')) { box.scrollIntoView(); await frame(); }
  window.scrollTo(0, 0); await frame();
}"""
READER_PAGES = [
    "index.html",
    "tiltak/index.html",
    "tiltaksgruppe/tilrettelagt-arbeid.html",
    "tiltak/varig-tilrettelagt-arbeid-i-skjermet-virksomhet.html",
    "tiltak/amo-enkeltplass.html",
    "fylke/04-hedmark.html",
    "fylke/30-viken.html",
    "fylke/34-innlandet.html",
    "fylke/03-oslo.html",
    "fylke/46-vestland.html",
    "kommune/0301-oslo.html",
    "kommune/4601-bergen.html",
    "kilder/2014-02-tiltak-og-fylke.html",
    "kilder/index.html",
    "data.html",
    "metode.html",
    "om.html",
]
LAPTOP = {"width": 1280, "height": 900}


@pytest.mark.parametrize("width", [PHONE["width"], LAPTOP["width"]])
@pytest.mark.parametrize("path", READER_PAGES)
def test_every_number_is_readable_and_every_figure_sourced(new_page, origin, path, width):
    page, recorder = new_page({"width": width, "height": 900})
    page.goto(f"{origin}/{path}", wait_until="load")
    assert wait_for_charts(page), f"{path}: charts not drawn at {width} px"
    page.evaluate(SCROLL_THROUGH)
    seen = page.evaluate(READER_CHECKS)
    assert not seen["cut"], f"{path} at {width} px: chart text cut off: {seen['cut'][:5]}"
    assert not seen["hidden"], f"{path} at {width} px: numbers outside their table's visible area: {seen['hidden'][:5]}"
    assert not seen["unmarked"], f"{path} at {width} px: a table scrolls without its cue: {seen['unmarked']}"
    if width == LAPTOP["width"]:
        assert not seen["wide"], f"{path} at {width} px: tables wider than their column: {seen['wide']}"
    assert not seen["unsourced"], f"{path}: figures without a link to their source report: {seen['unsourced']}"
    assert not seen["unkeyed"], f"{path} at {width} px: charts with suppressed values but no key: {seen['unkeyed']}"
    assert not recorder.page_errors + recorder.console_errors


def test_charts_below_the_fold_are_drawn_when_scrolled_to_not_on_load(new_page, origin):
    """A phone loading a long page draws the charts it shows, and the others as the reader scrolls."""
    page, recorder = new_page(PHONE)
    page.goto(f"{origin}/tiltak/varig-tilrettelagt-arbeid-i-skjermet-virksomhet.html", wait_until="load")
    page.wait_for_function("() => document.querySelector('.chart').classList.contains('chart-ready')")
    last = page.locator(".chart").last
    assert "chart-ready" not in (last.get_attribute("class") or "")  # far below: not drawn yet
    last.scroll_into_view_if_needed()
    page.wait_for_function(
        "() => Array.from(document.querySelectorAll('.chart')).pop().classList.contains('chart-ready')", timeout=10_000
    )
    assert not recorder.page_errors + recorder.console_errors
