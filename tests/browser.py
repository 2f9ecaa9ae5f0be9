"""Browser-test helpers: the site built once, served on 127.0.0.1, and visited in Debian's chromium.

No browser is ever downloaded: Playwright drives Debian's /usr/bin/chromium (or the chromium-based
browser named by TILTAKSDATA_CHROMIUM, e.g. the runner's Google Chrome). Without one the browser tests
are skipped, unless TILTAKSDATA_REQUIRE_BROWSER is set (.ci/run sets it): then they fail.

`visit_page(...)` loads one page in a fresh page of the session's browser and records everything
the tests look at: console errors, uncaught exceptions, every request, CSP violations, the state
of each chart, and axe-core's WCAG 2.1 A/AA violations. Through the `visited` fixture each page is
visited once per session; the checks in test_browser.py read the record.
"""

from __future__ import annotations

import contextlib
import functools
import http.server
import os
import subprocess
import sys
import threading
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
CHROMIUM = Path(os.environ.get("TILTAKSDATA_CHROMIUM") or "/usr/bin/chromium")
REQUIRE_BROWSER = "TILTAKSDATA_REQUIRE_BROWSER"
AXE = Path(__file__).resolve().parent / "vendor" / "axe.min.js"
LAUNCH_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
CHART_TIMEOUT_MS = 15_000
DESKTOP = {"width": 1100, "height": 900}
PHONE = {"width": 390, "height": 844}
WCAG = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]

# Vega draws each layer of a chart as <g class="mark-TYPE role-mark ..."> holding one element per
# datum (path for symbols, rects, areas and lines; line for rules; text for text marks). Axes and
# legends are role-axis-* / role-legend-*, so these selectors count only data marks.
DATA_MARKS = (
    "svg g.role-mark > path, svg g.role-mark > line, svg g.role-mark > text, "
    "svg g.role-mark > rect, svg g.role-mark > circle"
)

# Runs before any script of the page, outside the page's CSP (an init script is not a page script).
CSP_RECORDER = """
window.__cspViolations = [];
document.addEventListener('securitypolicyviolation', function (e) {
  window.__cspViolations.push({directive: e.violatedDirective, blocked: e.blockedURI,
                               source: e.sourceFile, line: e.lineNumber, sample: e.sample});
});
"""

ALL_CHARTS_SETTLED = """() => Array.prototype.every.call(document.querySelectorAll('.chart'),
    e => e.classList.contains('chart-ready') || e.classList.contains('chart-failed'))"""

CHART_STATES = """(selector) => Array.prototype.map.call(document.querySelectorAll('.chart'), (e, i) => ({
    index: i, classes: e.className, role: e.getAttribute('role'), label: e.getAttribute('aria-label') || '',
    svgs: e.querySelectorAll('svg').length, marks: e.querySelectorAll(selector).length}))"""

AXE_RUN = """(tags) => axe.run(document, {runOnly: {type: 'tag', values: tags}, resultTypes: ['violations']})
    .then(r => r.violations.map(v => ({id: v.id, impact: v.impact, help: v.help, helpUrl: v.helpUrl,
        nodes: v.nodes.map(n => ({target: n.target, html: n.html, summary: n.failureSummary}))})))"""


def require_browser() -> None:
    """Skip when there is no chromium (or no playwright) — fail instead if the environment requires a browser."""
    missing = []
    if not CHROMIUM.exists():
        missing.append(f"{CHROMIUM} is missing (apt-get install chromium, or set TILTAKSDATA_CHROMIUM)")
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError:
        missing.append("the playwright package is missing (pip install -e '.[test]')")
    if missing:
        message = "browser tests need Debian's chromium and playwright: " + "; ".join(missing)
        if os.environ.get(REQUIRE_BROWSER):
            pytest.fail(f"{message} ({REQUIRE_BROWSER} is set)", pytrace=False)
        pytest.skip(message)


def build_site(out: Path, cache: Path) -> Path:
    """`build.py --out OUT --cache CACHE -q` in a subprocess, as a user runs it; the site folder."""
    result = subprocess.run(
        [sys.executable, str(ROOT / "build.py"), "--out", str(out), "--cache", str(cache), "-q"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=300,
    )
    if result.returncode != 0:
        pytest.fail(f"build.py failed ({result.returncode}):\n{result.stdout}\n{result.stderr}", pytrace=False)
    return out


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format, *args) -> None:  # noqa: A002 - the base class's name
        pass


@contextlib.contextmanager
def serve(directory: Path) -> Iterator[str]:
    """Serve a folder on 127.0.0.1 (a free port) from a daemon thread; yields its origin, http://127.0.0.1:PORT."""
    handler = functools.partial(_QuietHandler, directory=str(directory))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    server.daemon_threads = True
    thread = threading.Thread(target=server.serve_forever, name="site-server", daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()


@dataclass
class Visit:
    """What happened while one page loaded and drew its charts."""

    path: str
    url: str
    console_errors: list[str] = field(default_factory=list)
    page_errors: list[str] = field(default_factory=list)
    requests: list[str] = field(default_factory=list)
    csp_violations: list[dict] = field(default_factory=list)
    charts: list[dict] = field(default_factory=list)
    charts_timed_out: bool = False
    axe: list[dict] | None = None


class Recorder:
    """Listens to a page's console errors, uncaught exceptions and requests, and its CSP violations.

    Attach before navigation: the CSP listener is an init script, which runs before any script of
    the page and is not subject to the page's CSP.
    """

    def __init__(self, page) -> None:
        self.console_errors: list[str] = []
        self.page_errors: list[str] = []
        self.requests: list[str] = []
        page.on("console", self._console)
        page.on("pageerror", lambda error: self.page_errors.append(str(error)))
        page.on("request", lambda request: self.requests.append(request.url))
        page.add_init_script(CSP_RECORDER)

    def _console(self, message) -> None:
        if message.type == "error":
            where = message.location or {}
            self.console_errors.append(f"{message.text} ({where.get('url', '')}:{where.get('lineNumber', '')})")


def wait_for_charts(page) -> bool:
    """Wait until every chart is drawn or failed; False if that took longer than CHART_TIMEOUT_MS."""
    from playwright.sync_api import TimeoutError as PlaywrightTimeout

    # Charts are drawn as they come near the screen; the tests look at all of them.
    page.evaluate("() => window.TILTAK_DRAW_ALL && window.TILTAK_DRAW_ALL()")
    try:
        page.wait_for_function(ALL_CHARTS_SETTLED, timeout=CHART_TIMEOUT_MS)
        return True
    except PlaywrightTimeout:
        return False


def run_axe(page) -> list[dict]:
    """axe-core's WCAG 2.0/2.1 A and AA violations on the page as it is now.

    The pages' CSP (`script-src 'self'`) blocks an injected <script> (add_script_tag inlines the
    file), so axe's source is evaluated through the DevTools protocol instead: page.evaluate is not
    subject to the page's CSP. The page is not otherwise changed (no bypass_csp), so the CSP checks
    on the same visit stay meaningful; they are read before axe runs anyway.
    """
    if not page.evaluate("typeof window.axe !== 'undefined'"):
        page.evaluate(AXE.read_text(encoding="utf-8") + "\n;true")
    return page.evaluate(AXE_RUN, WCAG)


def visit_page(chromium, origin: str, path: str, viewport: dict = DESKTOP, axe: bool = True) -> Visit:
    """Load `path` in a new page, wait for its charts and the network to settle, record everything, close it."""
    visit = Visit(path, f"{origin}/{path}")
    page = chromium.new_page(viewport=viewport)
    try:
        recorder = Recorder(page)
        page.goto(visit.url, wait_until="load")
        visit.charts_timed_out = not wait_for_charts(page)
        page.wait_for_load_state("networkidle")
        visit.charts = page.evaluate(CHART_STATES, DATA_MARKS)
        visit.csp_violations = page.evaluate("window.__cspViolations")
        # Copies taken before axe runs: its own work (it fetches the stylesheets) is not the page's.
        visit.console_errors = list(recorder.console_errors)
        visit.page_errors = list(recorder.page_errors)
        visit.requests = list(recorder.requests)
        if axe:
            visit.axe = run_axe(page)
    finally:
        page.close()
    return visit


def describe_axe(violations: list[dict], nodes: int = 4) -> str:
    """Rule, impact, help and the first few offending elements of each violation, for a developer to fix."""
    lines = []
    for v in violations:
        lines.append(f"- {v['id']} ({v['impact']}): {v['help']} [{len(v['nodes'])} element(s)] {v['helpUrl']}")
        for node in v["nodes"][:nodes]:
            html = " ".join(node["html"].split())
            lines.append(f"    {' '.join(map(str, node['target']))}")
            lines.append(f"      {html[:240]}{'…' if len(html) > 240 else ''}")
            summary = " ".join((node.get("summary") or "").split())
            if summary:
                lines.append(f"      {summary[:300]}")
    return "\n".join(lines)


# ---- fixtures (imported by test_browser.py) ----


@pytest.fixture(scope="session")
def browser_site(request) -> Path:
    """The site built from content/ (the session's shared build; only when a browser is there)."""
    require_browser()
    return request.getfixturevalue("seed_site")


@pytest.fixture(scope="session")
def origin(browser_site) -> Iterator[str]:
    """http://127.0.0.1:PORT serving the built site for the session."""
    with serve(browser_site) as url:
        yield url


@pytest.fixture(scope="session")
def chromium() -> Iterator:
    """One headless Debian chromium for the whole session (never a downloaded browser)."""
    require_browser()
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), headless=True, args=LAUNCH_ARGS)
        try:
            yield browser
        finally:
            browser.close()


@pytest.fixture(scope="session")
def visited(chromium, origin):
    """`visited(path)`: the Visit of a page at desktop width, with axe's results; each page loaded once."""
    cache: dict[str, Visit] = {}

    def get(path: str) -> Visit:
        if path not in cache:
            cache[path] = visit_page(chromium, origin, path)
        return cache[path]

    return get


@pytest.fixture
def new_page(chromium):
    """`page, recorder = new_page(viewport)`: a fresh page of the session's browser; closed after the test."""
    pages = []

    def make(viewport: dict = DESKTOP):
        page = chromium.new_page(viewport=viewport)
        pages.append(page)
        return page, Recorder(page)

    yield make
    for page in pages:
        page.close()
