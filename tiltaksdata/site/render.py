"""The data package → the site: HTML pages (Jinja), a CSV per page, assets, search, zip."""

from __future__ import annotations

import json
import multiprocessing
import os
import shutil
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import NamedTuple

from jinja2 import Environment, FileSystemLoader, StrictUndefined, select_autoescape
from markupsafe import Markup

from tiltaksdata.package.schema import CONTRACT_VERSION
from tiltaksdata.settings import Site
from tiltaksdata.site import norsk
from tiltaksdata.site.archive import zip_package
from tiltaksdata.site.catalogue import CATALOGUE, package_to_catalogue
from tiltaksdata.site.charts import chart_kinds_script
from tiltaksdata.site.data import SiteData, package_to_site_data
from tiltaksdata.site.discovery import FEED, currency, feed_entries, write_feed, write_robots, write_sitemap
from tiltaksdata.site.downloads import PACKAGE_WORKBOOK, package_to_workbook, page_to_downloads
from tiltaksdata.site.maps import Boundaries, boundaries_to_script, read_boundaries
from tiltaksdata.site.pages.common import Links, Page
from tiltaksdata.site.pages.figures import figure_noter
from tiltaksdata.site.pages.front import front_page
from tiltaksdata.site.pages.measures import measure_index, measure_page_jobs
from tiltaksdata.site.pages.regions import region_indexes, region_page_jobs
from tiltaksdata.site.pages.sources import data_page, markdown_pages, report_contents, report_pages
from tiltaksdata.site.rows import forget_indexes

TEMPLATES = Path(__file__).resolve().parents[2] / "templates"
ZIP_NAME = "tiltaksdata-datapakke.zip"
# Fixed entry times and modes: two builds of the same package give the same zip, byte for byte.
# No inline script or style, no eval: charts run Vega's expression interpreter (see assets/charts.js).
CSP = (
    "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; font-src 'self'; "
    "connect-src 'self'; base-uri 'none'; form-action 'self'"
)


def single_quoted(text: str) -> Markup:
    """Text for a single-quoted attribute: `&`, `<`, `>` and `'` escaped, double quotes kept.

    Chart data is JSON, full of double quotes; escaped as `&#34;` each they made a quarter of a page.
    """
    return Markup(str(text).replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("'", "&#39;"))


def environment(templates: Path = TEMPLATES, site: Site = Site()) -> Environment:
    """Jinja with autoescape on for every template, undefined names an error."""
    env = Environment(
        loader=FileSystemLoader(templates),
        autoescape=select_autoescape(default=True),
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.filters.update(number=norsk.number, month=norsk.month, single_quoted=single_quoted, coverage=norsk.coverage)
    env.globals.update(
        csp=CSP,
        contract_version=CONTRACT_VERSION,
        zip_name=ZIP_NAME,
        workbook_name=PACKAGE_WORKBOOK,
        site=site,
        feed=FEED,
    )
    return env


PageJob = Callable[[], list[Page]]


def site_data_to_page_jobs(data: SiteData, links: Links, pages_folder: Path) -> list[PageJob]:
    """Every page of the site as a job that makes it, in the order they are listed in the search index."""
    return [
        lambda: [front_page(data, links)],
        lambda: [measure_index(data, links)],
        *measure_page_jobs(data, links),
        lambda: region_indexes(data, links),
        *region_page_jobs(data, links),
        lambda: report_pages(data, links),
        lambda: [data_page(data, ZIP_NAME)],
        lambda: markdown_pages(pages_folder, data),
    ]


def site_links(data: SiteData, boundaries: Sequence[Boundaries] = ()) -> Links:
    """Where every page is, and which maps there are."""
    links = Links(data)
    links.maps = {(b.structure, b.level): b for b in boundaries}
    return links


def site_data_to_pages(data: SiteData, pages_folder: Path, boundaries: Sequence[Boundaries] = ()) -> list[Page]:
    """Every page of the site, in the order they are listed in the search index (made one after another)."""
    note = figure_noter(data)
    try:
        return [
            note(page)
            for job in site_data_to_page_jobs(data, site_links(data, boundaries), pages_folder)
            for page in job()
        ]
    finally:
        forget_indexes()


class Listed(NamedTuple):
    """What the search index and the search page need of a rendered page."""

    title: str
    kind: str
    path: str
    search_terms: list[str]
    bytes: int


def page_to_html(
    page: Page, env: Environment, out: Path, nav: list[tuple[str, str]], workbook: tuple[dict, Site] | None = None
) -> Listed:
    """Render one page and write the CSV of exactly what it shows beside it (and, given the package's
    descriptor and the site, the same as an Excel workbook)."""
    context = dict(page.context)
    if page.template == "markdown.html":
        context["body"] = Markup(context["body"])  # our own Markdown, rendered with raw HTML off
    root = context.pop("absolute_root", page.root)  # the 404 page is served at any depth: absolute links
    html = env.get_template(page.template).render(page=page, root=root, nav=nav, **context)
    target = out / page.path
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(html, encoding="utf-8")
    page_to_downloads(page, out, workbook)
    return Listed(page.title, page.kind, page.path, page.search_terms, len(html.encode()))


def pages_to_html(pages: list[Page], env: Environment, out: Path) -> int:
    """Render every page and write the CSV of exactly what it shows beside it; the bytes written."""
    nav = [(p.title, p.path) for p in pages if p.kind == "side"]
    return sum(page_to_html(page, env, out, nav).bytes for page in pages)


_WORK: tuple[list[PageJob], Callable[[Page], Listed]] | None = None  # what forked workers inherit


def _run_job(index: int) -> list[Listed]:
    if _WORK is None:
        raise RuntimeError("_run_job runs in the workers jobs_to_html forks, after it has set _WORK")
    jobs, finish = _WORK
    return [finish(page) for page in jobs[index]()]


def jobs_to_html(
    jobs: list[PageJob], finish: Callable[[Page], Listed], workers: int, meanwhile: Callable[[], None] = lambda: None
) -> list[Listed]:
    """Make and render every page, in `workers` forked processes where there are several CPUs.

    The workers inherit the site's rows from this process (fork, copy on write): nothing is
    pickled but the job's number and what the search index needs back. `meanwhile` runs here
    while they work (it must release the GIL to help: the zip's compression does).
    """
    global _WORK
    if workers < 2 or "fork" not in multiprocessing.get_all_start_methods():
        meanwhile()
        return [finish(page) for job in jobs for page in job()]
    _WORK = (jobs, finish)
    try:
        with multiprocessing.get_context("fork").Pool(workers) as pool:
            done = pool.imap(_run_job, range(len(jobs)), chunksize=4)
            meanwhile()
            return [listed for batch in done for listed in batch]
    finally:
        _WORK = None


def render_workers() -> int:
    """Processes to render with: TILTAKSDATA_WORKERS, else the CPUs this process may use."""
    if text := os.environ.get("TILTAKSDATA_WORKERS", "").strip():
        return max(1, int(text))
    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else (os.cpu_count() or 1)


def write_assets(out: Path, templates: Path = TEMPLATES, cache_dir: Path | None = None) -> None:
    """Copy the static assets (CSS, scripts, vendored Vega) and write the chart kinds."""
    shutil.copytree(
        templates / "assets", out / "assets", dirs_exist_ok=True, ignore=shutil.ignore_patterns("VENDOR.json")
    )
    (out / "assets" / "chart-kinds.js").write_text(chart_kinds_script(cache_dir), encoding="utf-8")


def search_page(pages: list[Listed]) -> Page:
    """sok.html: every page in a list; the search box's target, and its fallback without JavaScript."""
    return Page(
        "sok.html",
        "search.html",
        "Søk",
        "oversikt",
        {
            "entries": sorted(
                ([p.title, p.kind, p.path] for p in pages if p.kind != "oversikt"), key=lambda e: norsk.slug(e[0])
            )
        },
    )


def not_found_page(site: Site) -> Page:
    """404.html: GitHub Pages serves it for any missing path, so its links start at the site's root."""
    return Page(
        "404.html",
        "404.html",
        "Fant ikke siden",
        "feil",
        {"absolute_root": site.base_url or "/"},
        description="Siden finnes ikke (lenger) på Tiltaksdata.",
    )


def write_search_index(pages: list[Listed], out: Path) -> None:
    """assets/search-index.js: title, kind and path of every page, for the client-side search."""
    entries = [
        [p.title, p.kind, p.path, *([" | ".join(p.search_terms)] if p.search_terms else [])]
        for p in pages
        if p.kind not in ("oversikt",)
    ]
    (out / "assets" / "search-index.js").write_text(
        "window.TILTAK_SEARCH = " + json.dumps(entries, ensure_ascii=False, separators=(",", ":")) + ";\n",
        encoding="utf-8",
    )


def write_maps(boundaries: list[Boundaries], out: Path) -> int:
    """assets/maps/<structure>-<level>.js for each boundary file; the bytes written."""
    folder = out / "assets" / "maps"
    folder.mkdir(parents=True, exist_ok=True)
    written = 0
    for b in boundaries:
        script = boundaries_to_script(b)
        (folder / f"{b.key}.js").write_text(script, encoding="utf-8")
        written += len(script.encode())
    return written


def package_to_site(
    data_folder: Path,
    pages_folder: Path,
    out: Path,
    boundaries: Path | None = None,
    workers: int | None = None,
    cache_dir: Path | None = None,
    site: Site = Site(),
) -> dict:
    """Render the whole site into `out` from the package in `data_folder`; figures for the summary."""
    data = package_to_site_data(data_folder, cache_dir)
    data.contents = report_contents(data)
    maps = (
        read_boundaries(
            boundaries,
            data.structures,
            {r["code"]: (r["valid_from"], r["valid_to"]) for r in data.regions if r["level"] == "county"},
        )
        if boundaries
        else []
    )
    write_assets(out, cache_dir=cache_dir)
    map_bytes = write_maps(maps, out)
    env, note = environment(site=site), figure_noter(data)
    nav = [(p.title, p.path) for p in markdown_pages(pages_folder)]
    try:
        jobs = site_data_to_page_jobs(data, site_links(data, maps), pages_folder)
        workbook = (data.descriptor, site)

        def meanwhile() -> None:  # the downloads of the whole package, while the workers render
            zip_package(data_folder, out / ZIP_NAME, cache_dir)
            package_to_workbook(data_folder, data.descriptor, out / PACKAGE_WORKBOOK, site, cache_dir)

        listed = jobs_to_html(
            jobs, lambda page: page_to_html(note(page), env, out, nav, workbook), workers or render_workers(), meanwhile
        )
    finally:
        forget_indexes()
    search = search_page(listed)
    listed.append(page_to_html(search, env, out, nav))
    write_search_index(listed, out)
    page_to_html(not_found_page(site), env, out, nav)  # not listed: no sitemap entry, no search hit
    write_sitemap([p.path for p in listed], site, out)
    write_robots(site, out)
    now = currency(data.sources)
    write_feed(feed_entries(data.sources, data.contents), site, out, subtitle=now["text"] if now else "")
    if site.base_url:  # the catalogue record for data.norge.no; it describes the zip, so comes after it
        files = {
            "datapackage.json": (data_folder / "datapackage.json").stat().st_size,
            f"../{ZIP_NAME}": (out / ZIP_NAME).stat().st_size,
            f"../{PACKAGE_WORKBOOK}": (out / PACKAGE_WORKBOOK).stat().st_size,
        }
        (data_folder / CATALOGUE).write_text(package_to_catalogue(data.descriptor, site, files), encoding="utf-8")
    return {
        "pages": len(listed),
        "bytes": sum(p.bytes for p in listed),
        "maps": [b.key for b in maps],
        "map_bytes": map_bytes,
    }
