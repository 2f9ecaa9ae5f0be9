"""The rendered site from the four seeds: every subject has its page, links work, data match the package."""

from __future__ import annotations

import csv
import io
import json
import re
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest
from conftest import REPORTS
from hypothesis import given
from hypothesis import strategies as st

import build
from tiltaksdata.reasons import Reason
from tiltaksdata.run import cli
from tiltaksdata.site import norsk
from tiltaksdata.site.data import read_resource
from tiltaksdata.site.pages.sources import markdown_pages

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="session")
def site(seed_site) -> Path:
    """The site built from content/ (the four seeds and the Markdown pages), once per session."""
    return seed_site


class Tags(HTMLParser):
    """Every tag with its attributes, and the text of <script> elements."""

    def __init__(self) -> None:
        super().__init__()
        self.tags: list[tuple[str, dict]] = []
        self.scripts: list[str] = []
        self._in_script = False

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))
        self._in_script = tag == "script"

    def handle_endtag(self, tag):
        self._in_script = False

    def handle_data(self, data):
        if self._in_script and data.strip():
            self.scripts.append(data)


def parse(path: Path) -> Tags:
    tags = Tags()
    tags.feed(path.read_text(encoding="utf-8"))
    return tags


def read_csv(path: Path) -> list[dict]:
    with open(path, encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def test_every_measure_county_and_municipality_has_its_page_chart_table_and_csv(site):
    package = site / "data"
    measures = read_csv(package / "measures.csv")
    regions = read_csv(package / "regions.csv")
    expected = [f"tiltak/{norsk.slug(m['name'])}.html" for m in measures if m["name"] != "I alt"]
    expected += [
        f"tiltaksgruppe/{norsk.slug(m['group'])}.html"
        for m in measures
        if m["name"] == "I alt" and m["group"] != "I alt"
    ]
    expected += [
        f"{'fylke' if r['level'] == 'county' else 'kommune'}/{r['code']}-{norsk.slug(r['short_name'])}.html"
        for r in regions
        if r["level"] in ("county", "municipality")
    ]
    assert len([r for r in regions if r["level"] == "municipality"]) == 357
    assert len([r for r in regions if r["level"] == "county"]) == 33
    with_data = {r["region_code"] for r in read_resource(package, "observations")}
    without = [
        f"kommune/{r['code']}-{norsk.slug(r['short_name'])}.html"
        for r in regions
        if r["level"] == "municipality" and r["code"] not in with_data
    ]
    assert len(without) == 11  # NAV's January 2026 report leaves out 11 municipalities altogether
    measures_without = [f"tiltak/{norsk.slug(m['name'])}.html" for m in measures if not m["first_period"]]
    assert len(measures_without) == 3
    missing, incomplete = [], []
    for path in expected:
        page = site / path
        if not page.exists():
            missing.append(path)
            continue
        if path in without:
            assert "Ingen av rapportene har tall for kommunen" in page.read_text(encoding="utf-8")
            continue
        if path in measures_without:  # a measure NAV added after every seed's months (1.5.0)
            assert "Ingen av rapportene har tall for dette tiltaket ennå" in page.read_text(encoding="utf-8")
            continue
        tags = parse(page)
        charts = [a for t, a in tags.tags if t == "div" and "data-chart" in a]
        tables = [a for t, a in tags.tags if t == "table"]
        csv_path = page.with_suffix(".csv")
        if not (charts and tables and csv_path.exists() and read_csv(csv_path)):
            incomplete.append(path)
    assert not missing
    assert not incomplete, f"{len(incomplete)} pages lack a chart, table or CSV: {incomplete[:10]}"


def test_no_broken_internal_link_and_every_url_is_page_relative(site):
    broken, absolute = [], []
    pages = sorted(site.rglob("*.html"))
    assert len(pages) > 450
    for page in pages:
        for _tag, attrs in parse(page).tags:
            for name in ("href", "src", "action"):
                url = attrs.get(name)
                if url is None or url.startswith(("https://", "http://", "mailto:", "data:")):
                    continue
                if url.startswith("/"):
                    absolute.append((page.relative_to(site), url))
                    continue
                target = urlsplit(url).path
                resolved = (page.parent / unquote(target)).resolve() if target else page
                if not resolved.exists():
                    broken.append((str(page.relative_to(site)), url))
    assert not absolute, absolute[:10]
    assert not broken, f"{len(broken)} broken links, e.g. {broken[:10]}"


def test_no_third_party_resource_no_inline_script_or_style_and_a_strict_csp(site):
    for page in sorted(site.rglob("*.html")):
        tags = parse(page)
        metas = [a["content"] for t, a in tags.tags if t == "meta" and a.get("http-equiv") == "Content-Security-Policy"]
        assert len(metas) == 1, page
        assert "unsafe-inline" not in metas[0] and "unsafe-eval" not in metas[0] and "script-src 'self'" in metas[0]
        assert not tags.scripts, f"{page}: inline script"
        for tag, attrs in tags.tags:
            assert tag != "style" and "style" not in attrs, f"{page}: inline style"
            if tag in ("script", "link", "img") and attrs.get("rel") not in ("canonical", "alternate"):
                url = attrs.get("src") or attrs.get("href") or ""
                if page.name == "404.html":  # served at any depth: its own site's absolute addresses
                    url = url.removeprefix("https://tiltaksdata.github.io/tiltaksdata/")
                assert not url.startswith(("http:", "https:", "//")), f"{page}: loads {url}"


def test_chart_kinds_are_valid_vega_lite_and_the_build_writes_them_unchanged(site):
    from tiltaksdata.site.charts import chart_kinds

    checked = chart_kinds(validate=True)  # raises on a spec Vega-Lite's schema rejects
    script = (site / "assets/chart-kinds.js").read_text(encoding="utf-8")
    written = json.loads(script.split("=", 1)[1].rstrip().rstrip(";"))
    assert written == checked and set(written) == {"line", "lines", "bars", "map"}


def test_sentences_are_not_run_together_by_the_templates(site):
    run_together = re.compile(r"[a-zæøå0-9)»]\.[A-ZÆØÅ][a-zæøå]{2}")
    found = []
    for page in sorted(site.rglob("*.html")):
        html = re.sub(r"</?(a|span|code|em|strong|abbr)\b[^>]*>", "", page.read_text(encoding="utf-8"))
        text = re.sub(r"<[^>]+>", " ", html)  # block boundaries separate sentences; inline tags do not
        found += [(page.relative_to(site), m.group()) for m in run_together.finditer(text)]
    assert not found, found[:10]


def test_vendored_vega_is_the_pinned_npm_release(site):
    manifest = json.loads((ROOT / "templates/assets/vendor/VENDOR.json").read_text())
    import hashlib

    for entry in manifest:
        for name, digest in entry["files"].items():
            assert hashlib.sha256((site / "assets/vendor" / name).read_bytes()).hexdigest() == digest, name
    assert {e["name"] for e in manifest} == {"vega", "vega-lite", "vega-embed", "vega-interpreter"}


def payloads(page: Path) -> dict[str, dict]:
    """The chart data of a page by figure id."""
    html = page.read_text(encoding="utf-8")
    found = {}
    for tag, attrs in parse(page).tags:
        if tag == "figure":
            figure = attrs["id"]
        if tag == "div" and "data-chart" in attrs:
            found[figure] = json.loads(attrs["data-chart"])
    # Every chart on the page was read, each under its own figure id (none lost to a missing <figure>).
    assert html.count(" data-chart='") == len(found), page
    return found


def test_suppressed_values_are_under_4_in_charts_tables_and_star_in_the_csv(site):
    page = site / "tiltak/varig-vernet-arbeid-vva.html"
    counties = payloads(page)["fylker"]["values"]
    oslo = next(v for v in counties if v["c"] == "Oslo")
    assert "y" not in oslo and oslo["t"] == "under 4"  # no bar, never a zero
    html = page.read_text(encoding="utf-8")
    assert re.search(r'Oslo</a></th><td class="num">under 4</td>', html)
    rows = read_csv(page.with_suffix(".csv"))
    assert {r["value"] for r in rows if r["region_code"] == "03" and r["period"] == "2026-01"} == {"*"}


def test_golden_figures_on_the_pages(site):
    front = (site / "index.html").read_text(encoding="utf-8")
    assert re.search(r">Alle tiltak</a></th><td>desember 2019</td><td class=\"num\">70\xa0515</td>", front)
    bergen = (site / "kommune/4601-bergen.html").read_text(encoding="utf-8")
    # VTA skjermet in Bergen, Vestland and Norway, January 2026
    assert re.search(
        r"skjermet virksomhet</a></th><td class=\"num\">397</td><td class=\"num\">1\xa0066</td>"
        r"<td class=\"num\">10\xa0002</td><td class=\"num\">37,2\xa0%</td>",
        bergen,
    )
    hordaland = (site / "fylke/12-hordaland.html").read_text(encoding="utf-8")
    assert "Vestland" in hordaland and "46-vestland.html" in hordaland  # successor linked


def test_page_csv_is_exactly_the_rows_the_page_shows(site):
    package = {tuple(r.values()) for r in read_resource(site / "data", "observations")}
    for path in ["kommune/4601-bergen.html", "fylke/46-vestland.html", "tiltak/varig-vernet-arbeid-vva.html"]:
        rows = read_csv((site / path).with_suffix(".csv"))
        assert rows and all(tuple(r.values()) in package for r in rows), path
    bergen = read_csv(site / "kommune/4601-bergen.csv")
    assert {r["region_code"] for r in bergen} == {"4601", "46", "NO"}
    assert len(bergen) == 9  # three measures × Bergen, Vestland, Norway


def test_report_text_is_escaped_never_marked_safe(tmp_path):
    content = tmp_path / "content"
    (content / "reports").mkdir(parents=True)
    seed = "2020-01_2020-02_tiltaksgruppe-og-fylke"
    (content / "reports" / f"{seed}.txt").write_bytes((REPORTS / f"{seed}.txt").read_bytes())
    toml = (REPORTS / f"{seed}.toml").read_text(encoding="utf-8")
    # the title must be the printed one (title-mismatch), so the attack goes into the notes the page shows
    toml = re.sub(r'^notes_nb = """', 'notes_nb = """<script>alert(1)</script> & co ', toml, flags=re.M)
    (content / "reports" / f"{seed}.toml").write_text(toml, encoding="utf-8")
    stream = io.StringIO()
    assert (
        cli.main(
            build.build,
            ["--content", str(content), "--out", str(tmp_path / "out"), "-q", "--cache", str(tmp_path / "cache")],
            stream,
        )
        == 0
    )
    page = (tmp_path / "out" / "kilder" / f"{norsk.slug(seed)}.html").read_text(encoding="utf-8")
    assert "<script>alert(1)</script>" not in page and "&lt;script&gt;alert(1)&lt;/script&gt; &amp; co" in page


def test_markdown_pages_show_raw_html_as_text(tmp_path):
    (tmp_path / "side.md").write_text("---\ntitle: Side\n---\nHei <script>x()</script> *du*\n", encoding="utf-8")
    [page] = markdown_pages(tmp_path)
    assert "<script>" not in page.context["body"] and "<em>du</em>" in page.context["body"]


def test_a_page_without_front_matter_fails_the_build_and_keeps_the_site(tmp_path):
    content = tmp_path / "content"
    (content / "reports").mkdir(parents=True)
    (content / "pages").mkdir()
    seed = "2020-01_2020-02_tiltaksgruppe-og-fylke"
    for suffix in (".txt", ".toml"):
        (content / "reports" / f"{seed}{suffix}").write_bytes((REPORTS / f"{seed}{suffix}").read_bytes())
    (content / "pages" / "om.md").write_text("# Om\nTekst\n", encoding="utf-8")
    out = tmp_path / "site"
    out.mkdir()
    (out / "marker.txt").write_text("previous")
    stream = io.StringIO()
    assert (
        cli.main(
            build.build,
            ["--content", str(content), "--out", str(out), "-q", "--cache", str(tmp_path / "cache")],
            stream,
        )
        == 1
    )
    assert "om.md, line 1" in stream.getvalue() and (out / "marker.txt").read_text() == "previous"


@given(st.text())
def test_slugs_are_safe_file_names(label):
    slug = norsk.slug(label)
    assert re.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)*|x", slug)


@given(st.integers(-(10**9), 10**9))
def test_numbers_use_space_as_thousands_separator_and_read_back(value):
    text = norsk.number(value)
    assert int(text.replace("\xa0", "").replace("−", "-")) == value
    assert all(len(group) == 3 for group in text.lstrip("−").split("\xa0")[1:])


def test_group_totals_link_their_group_pages_not_a_measure_of_the_same_name(site):
    # Viken (2020) prints measure groups only: «Oppfølging» and «Tilrettelegging» are groups there.
    viken = (site / "fylke/30-viken.html").read_text(encoding="utf-8")
    for slug in ("oppfolging", "tilrettelegging"):
        assert f'href="../tiltaksgruppe/{slug}.html"' in viken, slug
        assert f'href="../tiltak/{slug}.html"' not in viken, slug


def test_no_two_pages_share_a_title(site):
    titles: dict[str, list[str]] = {}
    for page in sorted(site.rglob("*.html")):
        title = re.search(r"<title>(.*?)</title>", page.read_text(encoding="utf-8"))[1]
        titles.setdefault(title, []).append(str(page.relative_to(site)))
    assert {t: p for t, p in titles.items() if len(p) > 1} == {}
    assert titles["Oslo (fylke) – Tiltaksdata"] == ["fylke/03-oslo.html"]
    assert titles["Oslo kommune – Tiltaksdata"] == ["kommune/0301-oslo.html"]
    assert titles["Telemark (fylke til 2019) – Tiltaksdata"] == ["fylke/08-telemark.html"]
    assert titles["Viken (fylke 2020–2023) – Tiltaksdata"] == ["fylke/30-viken.html"]
    assert titles["Oppfølging (tiltaksgruppe) – Tiltaksdata"] == ["tiltaksgruppe/oppfolging.html"]


def test_figures_from_a_report_of_one_group_say_so(site):
    # The January 2026 report covers only Tilrettelagt arbeid: Ørland's «I alt» is not all measures.
    orland = (site / "kommune/5057-orland.html").read_text(encoding="utf-8")
    note = "Rapporten (januar 2026) dekker bare tiltaksgruppen «Tilrettelagt arbeid»"
    assert orland.count(note) == orland.count("<figure") + orland.count('class="caption"') > 0
    assert note not in (site / "fylke/01-ostfold.html").read_text(encoding="utf-8")  # 2014: all measures


def test_every_figure_names_and_links_its_source_reports(site):
    sections = 0
    for page in sorted(site.rglob("*.html")):
        html = page.read_text(encoding="utf-8")
        for body in re.findall(r'<section class="figure-section".*?</section>', html, re.S):
            if "<table" not in body and "data-chart" not in body:
                continue  # a figure with nothing to show says so, and has no source
            sections += 1
            assert re.search(r'<p class="figure-source">Kilde: NAV, <a href="[./]*kilder/[a-z0-9-]+\.html">«', body), (
                page,
                body[:200],
            )
    assert sections > 900
    oslo = (site / "fylke/03-oslo.html").read_text(encoding="utf-8")
    assert "publisert 2. februar 2026" in oslo and "publisert omkring mars 2020" in oslo  # estimated: a month


def _text(path: Path) -> str:
    """A page's visible text: tags, scripts and chart data removed, whitespace collapsed."""
    from html import unescape

    html = re.sub(r"<script.*?</script>", "", path.read_text(encoding="utf-8"), flags=re.S)
    html = re.sub(r"data-chart='[^']*'", "", html)
    return re.sub(r"\s+", " ", unescape(re.sub(r"<[^>]+>", " ", html))).replace("\xa0", " ")


def test_a_2014_county_leads_with_its_total_and_navs_change_from_the_year_before(site):
    hedmark = _text(site / "fylke/04-hedmark.html")
    assert "Hedmark hadde 3 312 deltakere i alle tiltak i februar 2014, 345 færre enn i februar 2013" in hedmark
    assert "Tiltaksgruppe Deltakere Endring fra året før (NAV) Alle tiltak 3 312 −345 (−9 %)" in hedmark
    assert "Endring fra året før" not in _text(site / "fylke/30-viken.html")  # the 2020 report prints none


def test_headings_say_group_or_measure_as_they_are(site):
    viken = _text(site / "fylke/30-viken.html")  # 2020: groups
    assert "Etter tiltaksgruppe, februar 2020" in viken and "Etter tiltak," not in viken
    oslo = _text(site / "kommune/0301-oslo.html")  # 2026: the measures of one group
    assert "Etter tiltak, januar 2026 " in oslo and "Tiltak Deltakere" in oslo
    # Oslo is a municipality and a county of one name: the comparison says which is which
    assert "Oslo kommune, Oslo fylke og Norge" in oslo and "Oslo | Oslo" not in oslo
    assert "Tiltak Oslo kommune Oslo fylke Norge Andel av fylket" in oslo
    assert "i gruppen «" not in _text(site / "fylke/03-oslo.html")


def test_a_table_with_more_series_than_periods_has_a_row_per_series(site):
    # Viken has two months (2020) of nine groups: nine rows, two month columns — whole on a phone.
    viken = (site / "fylke/30-viken.html").read_text(encoding="utf-8")
    table = re.search(r'<h2 id="grupper-tittel">.*?<table>(.*?)</table>', viken, re.S)[1]
    heads = re.findall(r'<th scope="col"[^>]*>(.*?)</th>', table)
    assert heads == ["Tiltaksgruppe", "januar 2020", "februar 2020"]
    assert len(re.findall(r'<th scope="row"', table)) == 9


# English words that do not occur in Norwegian prose (names, codes and quotes are left out first).
ENGLISH = re.compile(
    r"\b(the|and|of|which|where|with|from|this|these|only|by|report|extract|known|"
    r"value|values|tables?|month|year|before|after|not|are|is)\b",
    re.I,
)


def _prose(path: Path) -> str:
    """A page's visible prose: without code, quoted names («…», "…"), links' addresses and file names."""
    html = path.read_text(encoding="utf-8")
    html = re.sub(r"<(script|code|style)\b.*?</\1>", " ", html, flags=re.S)
    text = _text_of(html)
    text = re.sub(r"«[^»]*»|“[^”]*”|\"[^\"]*\"", " ", text)
    return re.sub(r"\S*(https?://|\.txt|\.pdf|\.csv|\.json|_)\S*", " ", text)


def _text_of(html: str) -> str:
    from html import unescape

    html = re.sub(r"data-chart='[^']*'", "", html)
    return re.sub(r"\s+", " ", unescape(re.sub(r"<[^>]+>", " ", html)))


def test_no_english_sentence_where_readers_read_about_the_data(site):
    pages = [*sorted((site / "kilder").glob("*.html")), site / "data.html", site / "metode.html", site / "om.html"]
    found = {}
    for page in pages:
        words = ENGLISH.findall(_prose(page))
        if words:
            found[str(page.relative_to(site))] = sorted(set(words))
    assert found == {}


def test_every_column_and_every_mapping_reason_is_described_in_norwegian(site):
    from tiltaksdata import words_nb

    descriptor = json.loads((site / "data" / "datapackage.json").read_text(encoding="utf-8"))
    missing = [
        (r["name"], f["name"])
        for r in descriptor["resources"]
        for f in r["schema"]["fields"]
        if not words_nb.column(r["name"], f["name"])
    ]
    assert missing == [] and all(r["name"] in words_nb.RESOURCES for r in descriptor["resources"])
    reasons = {r["how"] for r in read_resource(site / "data", "label_mappings")}
    with open(ROOT / "tiltaksdata" / "reference" / "aliases.csv", encoding="utf-8", newline="") as handle:
        reasons |= {r["reason"] for r in csv.DictReader(handle)}
    untranslated = {
        how for how in reasons if ENGLISH.search(re.sub(r"«[^»]*»", "", words_nb.how(Reason.from_text(how))))
    }
    assert untranslated == set()
    data = _text(site / "data.html")
    assert "Én rad for hvert tall i hver rapport" in data and "One row per" not in data


def test_a_series_keeps_its_colour_whatever_else_a_chart_draws():
    from tiltaksdata.site.charts import COLOURS, series_colours

    order = {name: i for i, name in enumerate("ABCDEFGHIJKL")}
    alone = dict(series_colours(["C"], order))
    crowded = dict(series_colours(["A", "C", "B", "D"], order))
    assert alone["C"] == crowded["C"] == COLOURS[2]
    wrapped = dict(series_colours(["A", "K"], order))  # K's place (10) would give A's colour
    assert wrapped["A"] != wrapped["K"]


def test_what_the_package_holds_for_all_measures_is_shown(site):
    front = _text(site / "index.html")
    assert "Etter kjønn over tid" in front and "Etter alder, februar 2014" in front
    assert "Nyeste tall: januar 2026" in front and "Alle 357 kommuner" in front
    hedmark = _text(site / "fylke/04-hedmark.html")
    assert "Etter alder, februar 2014" in hedmark and "Etter hovedgruppe, februar 2014" in hedmark
    oslo = (site / "fylke/03-oslo.html").read_text(encoding="utf-8")
    # Oslo never changed: its comparable series by group would repeat «Tiltaksgruppene over tid»
    assert 'id="grupper-tittel"' in oslo and 'id="sammenlignbar-tittel"' not in oslo
    tiltak = _text(site / "tiltak/index.html")
    assert "(februar 2014 og januar–desember 2019)" in tiltak and "februar 2014–desember 2019" not in tiltak


def test_search_engines_and_feed_readers_find_every_page_and_report(site):
    import feedparser

    base = "https://tiltaksdata.github.io/tiltaksdata/"  # content/site.toml's base_url
    pages = sorted(str(p.relative_to(site)) for p in site.rglob("*.html") if p.name != "404.html")
    sitemap = re.findall(r"<loc>(.*?)</loc>", (site / "sitemap.xml").read_text(encoding="utf-8"))
    assert sorted(sitemap) == sorted(base + p for p in pages)
    assert f"Sitemap: {base}sitemap.xml" in (site / "robots.txt").read_text(encoding="utf-8")
    feed = feedparser.parse((site / "nyheter.xml").read_bytes())
    assert not feed.bozo, feed.bozo_exception
    sources = json.loads((site / "data" / "datapackage.json").read_text(encoding="utf-8"))["sources"]
    assert len(feed.entries) == len(sources) == 4
    newest = feed.entries[0]
    assert newest.link == base + "kilder/2026-01-tilrettelagt-arbeid-demografi.html"
    assert newest.published.startswith("2026-02-02") and "kommunene" in newest.summary
    for page in pages:
        html = (site / page).read_text(encoding="utf-8")
        assert f'<link rel="canonical" href="{base}{page}">' in html, page
        assert re.search(r'<meta property="og:title" content="[^"]+">', html), page
        assert re.search(r'<meta property="og:description" content="[^"]+">', html), page
        assert 'type="application/atom+xml"' in html, page
    missing = (site / "404.html").read_text(encoding="utf-8")
    assert "Fant ikke siden" in missing and f'href="{base}index.html"' in missing and "canonical" not in missing
    front = _text(site / "index.html")
    assert "Nye rapporter" in front and "Følg nye rapporter" in front


def test_site_settings_are_checked_and_the_base_url_can_come_from_the_environment(tmp_path, monkeypatch):
    from tiltaksdata.errors import InputError, ReportError
    from tiltaksdata.settings import read_settings

    (tmp_path / "site.toml").write_text('[site]\nbase_url = "http://example.org/"\n', encoding="utf-8")
    with pytest.raises(InputError, match="https://"):
        read_settings(tmp_path)
    (tmp_path / "site.toml").write_text('[site]\nbase_url = "https://example.org/a/"\nowner = "x"\n', encoding="utf-8")
    with pytest.raises(InputError, match="unknown setting") as raised:
        read_settings(tmp_path)
    assert not isinstance(raised.value, ReportError)  # a bad site.toml is not a bad report
    (tmp_path / "site.toml").write_text('[site]\nbase_url = "https://example.org/a/"\n', encoding="utf-8")
    assert read_settings(tmp_path).site.base_url == "https://example.org/a/"
    monkeypatch.setenv("TILTAKSDATA_BASE_URL", "https://someone.github.io/tiltaksdata")
    assert read_settings(tmp_path).site.absolute("index.html") == "https://someone.github.io/tiltaksdata/index.html"
