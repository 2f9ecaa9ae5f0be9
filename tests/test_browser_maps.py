"""Maps in the browser: with Kartverket's 2024 boundaries given, every map draws its regions.

Needs Kartverket's boundaries (the `geo` fixture: ../shared/reference/geo or TILTAKSDATA_GEO) and a
browser (see tests/browser.py).
"""

from __future__ import annotations

import subprocess
import sys

import pytest
from browser import ROOT, describe_axe, require_browser, serve, visit_page

# Page → the least number of regions its maps draw (357 municipalities, 15 counties).
PAGES = {
    "index.html": 357 + 15,
    "tiltak/varig-vernet-arbeid-vva.html": 357 + 15,
    "fylke/46-vestland.html": 15,
    "kommune/4601-bergen.html": 357,
}
MAP_SHAPES = "svg g.role-mark > path"


@pytest.fixture(scope="module")
def map_origin(tmp_path_factory, geo):
    require_browser()
    base = tmp_path_factory.mktemp("maps")
    result = subprocess.run(
        [
            sys.executable,
            str(ROOT / "build.py"),
            "--out",
            str(base / "site"),
            "--cache",
            str(base / "cache"),
            "--boundaries",
            str(geo / "2024"),
        ],
        capture_output=True,
        text=True,
        cwd=ROOT,
        timeout=300,
    )
    assert result.returncode == 0, result.stderr
    assert "Maps drawn from the boundaries given: 2024-fylker, 2024-kommuner" in result.stderr
    with serve(base / "site") as url:
        yield url


@pytest.mark.parametrize("path", PAGES)
def test_maps_draw_every_region_without_errors(chromium, map_origin, path):
    visit = visit_page(chromium, map_origin, path)
    assert not visit.console_errors and not visit.page_errors, visit.console_errors + visit.page_errors
    assert not visit.csp_violations, visit.csp_violations
    assert all(url.startswith(map_origin) or url.startswith("data:") for url in visit.requests)
    assert all("chart-ready" in c["classes"] and c["svgs"] == 1 for c in visit.charts), visit.charts
    page = chromium.new_page()
    try:
        page.goto(f"{map_origin}/{path}")
        page.evaluate("() => window.TILTAK_DRAW_ALL()")
        page.wait_for_function(
            "() => document.querySelectorAll('.chart-ready').length === document.querySelectorAll('.chart').length"
        )
        shapes = page.evaluate(
            """(sel) => Array.prototype.map.call(document.querySelectorAll('.chart'),
            c => c.querySelectorAll(sel).length)""",
            MAP_SHAPES,
        )
        maps = page.evaluate("""() => Array.prototype.filter.call(document.querySelectorAll('.chart'),
            c => JSON.parse(c.getAttribute('data-chart')).kind === 'map').length""")
    finally:
        page.close()
    assert maps >= 1 and sum(shapes) >= PAGES[path], shapes
    assert visit.axe == [], describe_axe(visit.axe)
