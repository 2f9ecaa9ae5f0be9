"""Issue 20: `python -m tiltaksdata.fetch` against a local server shaped like NAV's pages, no network.

Every case of the issue: a new file lands with its provenance and builds green; nothing new; a
replaced file (a revision, kept beside the first); both name forms; a dead server; a 404; a page
without report links; a truncated download; an HTML page with status 200; two links to one file; a
fetch interrupted half way. A failed fetch leaves content/ exactly as it was.
"""

from __future__ import annotations

import csv
import io
import json
import os
import shutil
import subprocess
import sys
import tomllib
from pathlib import Path
from urllib.parse import unquote

import pytest
from conftest import REPORTS, ROOT, SEEDS
from navserver import NAV_PAGE, NavServer, Route, with_note
from test_build import run
from workbooks import report_to_workbook

from tiltaksdata.fetch.__main__ import main
from tiltaksdata.read.text import read_text_report
from tiltaksdata.run.parse import read_and_normalise

TILT170 = "TILT170 Tiltaksdeltakere på tilrettelagt arbeid. Demografi. Tidsserie måned"
NAME_2026 = f"202601_{TILT170}.xlsx"
BREAK = (
    'Det er brudd i statistikken over arbeidssøkere på tiltak og "andre på tiltak" fra april 2025. '
    "Gruppen «andre på tiltak» inneholder nå flere ulike statuser."
)
STEM_2026 = "2026-01_tilt170-tilrettelagt-arbeid-demografi"


def workbook(tmp_path: Path, year: str, updated: str = "", changes: tuple[tuple[str, str], ...] = ()) -> bytes:
    """A seed report as NAV's workbook (its numbers changed by `changes`), as bytes."""
    text = (REPORTS / f"{SEEDS[year]}.txt").read_text(encoding="utf-8")
    for old, new in changes:
        assert old in text, old
        text = text.replace(old, new)
    folder = tmp_path / f"made-{year}-{len(list(tmp_path.glob('made-*')))}"
    folder.mkdir()
    source = folder / f"{SEEDS[year]}.txt"
    source.write_text(text, encoding="utf-8")
    scope = tomllib.loads((REPORTS / f"{SEEDS[year]}.toml").read_text(encoding="utf-8")).get("scope", {})
    _, parsed = read_and_normalise(source, scope)
    path = report_to_workbook(read_text_report(source), parsed, folder / "book.xlsx", updated)
    return with_note(path, BREAK).read_bytes() if year == "2026" else path.read_bytes()


@pytest.fixture
def nav():
    server = NavServer().start()
    yield server
    server.stop()


@pytest.fixture
def content(tmp_path: Path) -> Path:
    """An empty content folder (reports/ only)."""
    (tmp_path / "content" / "reports").mkdir(parents=True)
    return tmp_path / "content"


def fetch(content: Path, *pages: str, extra: tuple[str, ...] = ("--retries", "0")) -> tuple[int, str, str]:
    """Run the fetch in-process: (exit status, standard output, standard error)."""
    out, err = io.StringIO(), io.StringIO()
    argv = ["--content", str(content), *(a for p in pages for a in ("--page", p)), *extra]
    return main(argv, out, err), out.getvalue(), err.getvalue()


def listing(content: Path) -> dict[str, bytes]:
    """Every file under content/ with its bytes: what «unchanged» compares."""
    return {str(p.relative_to(content)): p.read_bytes() for p in sorted(content.rglob("*")) if p.is_file()}


def fails_unchanged(content: Path, *pages: str, message: str, url: str) -> str:
    before = listing(content)
    status, out, err = fetch(content, *pages)
    assert status == 1, out + err
    assert f"error: {url}: " in err and message in err, err
    assert "was left as it was" in err
    assert listing(content) == before
    assert not list(content.glob(".fetch-*")), "the staging folder was left behind"
    return err


# 1. A new file lands with its provenance, builds green and publishes what the report says.


def test_a_new_workbook_lands_with_its_provenance_builds_green_and_a_second_fetch_adds_nothing(
    tmp_path, nav, content, monkeypatch
):
    monkeypatch.setenv("TILTAKSDATA_TODAY", "2026-02-05")  # the day it is fetched, and the build's today
    href = nav.attachment(NAME_2026, workbook(tmp_path, "2026", "02.02.2026"), digest="b7e3f1")
    page = nav.page(NAV_PAGE, [href, "/_/attachment/download/x:y/Om%20statistikken%20-%20Arbeidss%C3%B8kere.pdf"])
    # exactly as the held-out test runs it: a fresh process, the defaults
    done = subprocess.run(
        [sys.executable, "-m", "tiltaksdata.fetch", "--content", str(content), "--page", page],
        capture_output=True,
        text=True,
        cwd=ROOT,
        env={**os.environ, "TILTAKSDATA_TODAY": "2026-02-05"},
    )
    assert done.returncode == 0, done.stderr
    assert sorted(p.name for p in (content / "reports").iterdir()) == [f"{STEM_2026}.toml", f"{STEM_2026}.xlsx"]
    assert done.stdout.splitlines()[0].startswith(f"added {STEM_2026}.xlsx + {STEM_2026}.toml: «{TILT170}», 2026-01")
    assert "Fetched 1 new report(s)" in done.stdout and "new months: 2026-01" in done.stdout
    assert "1 other file(s) ignored (not a report: Om statistikken - Arbeidssøkere.pdf)" in done.stdout
    meta = tomllib.loads((content / "reports" / f"{STEM_2026}.toml").read_text(encoding="utf-8"))
    import hashlib

    assert meta == {
        "title": TILT170,
        "publisher": "NAV",
        "period": "2026-01",
        "published": "2026-02-02",  # «Rapport oppdatert: 02.02.2026» in the file
        "licence": "NLOD-2.0",
        "source_url": nav.base + href,
        "landing_page": page,
        "source_file": NAME_2026,
        "sha256": hashlib.sha256((content / "reports" / f"{STEM_2026}.xlsx").read_bytes()).hexdigest(),
        "retrieved": "2026-02-05",
        "format": "NAV's Excel workbook (.xlsx), as published",
        "notes": meta["notes"],
        "notes_nb": "I henhold til Statistikklovens § 7-1 erstattes verdier under 4 med «*». " + BREAK,
        "scope": {"measure_group": "Tilrettelagt arbeid"},
        "breaks": [{"period": "2025-04", "dimension": "participant_group", "note": f"NAV: «{BREAK}»"}],
    }
    assert [ua for path, ua in nav.requests] == [
        "tiltaksdata-fetch/1.0 (+https://github.com/tiltaksdata/tiltaksdata)"
    ] * 2
    assert nav.most_in_flight == 1

    status, printed = run(content, tmp_path / "site")
    assert status == 0, printed
    data = tmp_path / "site" / "data"
    with open(data / "observations" / f"{STEM_2026}.csv", encoding="utf-8") as handle:
        vadso = {
            (r["measure"], r["statistic"]): r["value"]
            for r in csv.DictReader(handle)
            if r["region_code"] == "5607" and r["gender"] == "I alt"
        }
    assert vadso[("Varig tilrettelagt arbeid i ordinær virksomhet", "count")] == "5"  # as the seed prints it
    # The site says how current it is, and links the file NAV published.
    now = "Nyeste måned: januar 2026, publisert av NAV 2. februar 2026 og hentet 5. februar 2026."
    site = tmp_path / "site"
    assert "publisert av NAV 2. februar 2026 og hentet 5. februar 2026." in (site / "index.html").read_text()
    assert now in (site / "data.html").read_text() and f'href="{nav.base + href}"' in (site / "data.html").read_text()
    assert f"<subtitle>{now}</subtitle>" in (site / "nyheter.xml").read_text()
    report_page = (site / "kilder" / f"{STEM_2026.replace('_', '-')}.html").read_text()
    assert f'<dt>Filen hos NAV</dt><dd><a href="{nav.base + href}">{NAME_2026}</a>' in report_page
    assert "hentet 5. februar 2026" in report_page
    source = json.loads((data / "datapackage.json").read_text())["sources"][0]
    assert (source["source_url"], source["retrieved"], source["path"]) == (
        nav.base + href,
        "2026-02-05",
        nav.base + href,
    )

    before = listing(content)
    status, out, err = fetch(content, page)
    assert status == 0, err
    assert out.splitlines()[-1].startswith("Nothing new: 1 page(s) read, 1 report file(s) linked, 1 already")
    assert listing(content) == before


def test_a_dry_run_says_what_it_would_fetch_and_changes_nothing(tmp_path, nav, content):
    href = nav.attachment(NAME_2026, workbook(tmp_path, "2026", "02.02.2026"))
    page = nav.page(NAV_PAGE, [href])
    status, out, _ = fetch(content, page, extra=("--dry-run",))
    assert status == 0
    assert out.splitlines() == [
        f"would fetch {nav.base}{href} (from {page})",
        "Dry run: 1 page(s) read, 1 report file(s) linked, 1 not yet in content/reports/ (by address), "
        "0 already there; nothing was fetched.",
    ]
    assert listing(content) == {} and [p for p, _ in nav.requests] == [NAV_PAGE]


# 2. A replaced file: the same report, a new hash, other bytes — a new publication kept beside the old one.


def test_a_replaced_file_is_a_revision_kept_beside_the_first_and_the_build_records_it(tmp_path, nav, content):
    first = nav.attachment(NAME_2026, workbook(tmp_path, "2026", "02.02.2026"), digest="aaaa")
    page = nav.page(NAV_PAGE, [first])
    assert fetch(content, page)[0] == 0
    replaced = workbook(tmp_path, "2026", "02.03.2026", (("\n5607 Vadsø 5 5\n", "\n5607 Vadsø 6 6\n"),))
    second = nav.attachment(NAME_2026, replaced, digest="bbbb")
    nav.page(NAV_PAGE, [second])  # NAV's page now links the new hash only
    status, out, err = fetch(content, page)
    assert status == 0, err
    revision = f"{STEM_2026}_publisert-2026-03-02"
    assert out.splitlines()[0].endswith(f"(a new publication of {STEM_2026}: kept beside it)")
    assert "(1 new publication(s) of reports here)" in out
    assert sorted(p.name for p in (content / "reports").iterdir()) == sorted(
        [f"{STEM_2026}.toml", f"{STEM_2026}.xlsx", f"{revision}.toml", f"{revision}.xlsx"]
    )
    status, printed = run(content, tmp_path / "site")
    assert status == 0, printed
    with open(tmp_path / "site" / "data" / "revisions.csv", encoding="utf-8") as handle:
        revised = [
            (r["region_code"], r["old_value"], r["old_report"], r["new_value"], r["new_report"])
            for r in csv.DictReader(handle)
        ]
    assert revised == [("5607", "5", STEM_2026, "6", revision)] * 2  # count and year-to-date average


# 3. Both name forms, relative and absolute links, a year's archive page, NAV's «inline» attachments.


def test_both_name_forms_on_two_pages_land_under_their_periods_and_build(tmp_path, nav, content):
    book_2020 = workbook(tmp_path, "2020")
    href_2020 = nav.attachment(
        "2020.02_Tiltaksgruppe og fylke. Tidsserie måned.xlsx", book_2020, last_modified="Tue, 03 Mar 2020 08:00:00 GMT"
    )
    href_2026 = nav.attachment(NAME_2026, workbook(tmp_path, "2026", "02.02.2026")).replace(
        "/download/", "/download/", 1
    )
    current = nav.page(NAV_PAGE, [nav.base + href_2026])  # absolute
    archive = nav.page(
        f"{NAV_PAGE}/relatert-informasjon/arkiv-tiltaksdeltakere.2020", ["../../../../../.." + href_2020]
    )
    status, out, err = fetch(content, current, archive)
    assert status == 0, err
    names = sorted(p.name for p in (content / "reports").iterdir())
    assert names == sorted(
        [f"{STEM_2026}.toml", f"{STEM_2026}.xlsx"]
        + [
            "2020-01_2020-02_tiltaksgruppe-og-fylke-tidsserie-maned.toml",
            "2020-01_2020-02_tiltaksgruppe-og-fylke-tidsserie-maned.xlsx",
        ]
    )
    meta = tomllib.loads(
        (content / "reports" / "2020-01_2020-02_tiltaksgruppe-og-fylke-tidsserie-maned.toml").read_text()
    )
    assert (meta["period"], meta["published"], meta["published_estimated"]) == ("2020-01/2020-02", "2020-03-03", True)
    assert "new months: 2020-01, 2020-02, 2026-01" in out
    status, printed = run(content, tmp_path / "site")
    assert status == 0, printed


# 4. Every failure: a message naming the URL and what went wrong, exit 1, content/ unchanged.


def test_a_dead_server_fails_naming_the_page_and_changes_nothing(nav, content):
    page = nav.url(NAV_PAGE)
    nav.stop()
    fails_unchanged(content, page, message="network error", url=page)


def test_a_404_attachment_fails_naming_it(tmp_path, nav, content):
    good = nav.attachment(NAME_2026, workbook(tmp_path, "2026", "02.02.2026"))
    page = nav.page(NAV_PAGE, [good, "/_/attachment/download/0000:gone/202601_TILT100%20Tiltaksdeltakere.xlsx"])
    fails_unchanged(
        content,
        page,
        message="HTTP error 404",
        url=f"{nav.base}/_/attachment/download/0000:gone/202601_TILT100%20Tiltaksdeltakere.xlsx",
    )


def test_a_page_without_report_links_says_nav_changed_its_page(nav, content):
    page = nav.page(NAV_PAGE, ["/no/annen-side", "/_/attachment/download/a:b/Om%20statistikken.pdf"])
    fails_unchanged(content, page, message="NAV has changed its page", url=page)


def test_a_truncated_download_fails(tmp_path, nav, content):
    book = workbook(tmp_path, "2026", "02.02.2026")
    href = nav.attachment(NAME_2026, book, truncate=len(book) // 2)
    page = nav.page(NAV_PAGE, [href])
    fails_unchanged(content, page, message="truncated download", url=nav.base + href)


def test_an_html_error_page_served_with_status_200_is_not_a_workbook(nav, content):
    href = nav.attachment(NAME_2026, b"<!DOCTYPE html><html><body>Beklager, noe gikk galt</body></html>")
    nav.route(href).content_type = "text/html"
    page = nav.page(NAV_PAGE, [href])
    fails_unchanged(content, page, message="an HTML page was served where a workbook was expected", url=nav.base + href)


def test_a_file_that_does_not_read_is_reported_not_added_and_can_be_left_out(tmp_path, nav, content):
    href = nav.attachment("202601_TILT100 Tiltaksdeltakere.xlsx", b"PK\x03\x04 not really a workbook")
    good = nav.attachment(NAME_2026, workbook(tmp_path, "2026", "02.02.2026"))
    page = nav.page(NAV_PAGE, [good, href])
    fails_unchanged(content, page, message="the file does not read as a report", url=nav.base + href)
    status, out, err = fetch(content, page, extra=("--ignore", "TILT100"))
    assert status == 0, err
    assert sorted(p.name for p in (content / "reports").iterdir()) == [f"{STEM_2026}.toml", f"{STEM_2026}.xlsx"]
    assert "1 other file(s) ignored (not a report: 202601_TILT100 Tiltaksdeltakere.xlsx)" in out


def test_a_fetch_interrupted_half_way_leaves_nothing_behind(tmp_path, nav, content):
    good = nav.attachment(NAME_2026, workbook(tmp_path, "2026", "02.02.2026"))
    dying = nav.attachment("202602_TILT100 Tiltaksdeltakere.xlsx", b"", die=True)
    page = nav.page(NAV_PAGE, [good, dying])
    fails_unchanged(content, page, message="network error", url=nav.base + dying)


def test_a_failure_while_placing_takes_back_what_was_placed(tmp_path, nav, content, monkeypatch):
    page = nav.page(NAV_PAGE, [nav.attachment(NAME_2026, workbook(tmp_path, "2026", "02.02.2026"))])
    import tiltaksdata.fetch.place as place

    calls = []

    def replace_then_fail(source: Path, target: Path) -> None:
        calls.append(target)
        if len(calls) == 2:
            raise OSError("disk full")
        shutil.move(source, target)

    monkeypatch.setattr(place.os, "replace", replace_then_fail)
    status, _, err = fetch(content, page)
    assert status == 1 and "disk full" in err
    assert listing(content) == {} and len(calls) == 2


# 5. Two links to one file; a transient error tried again.


def test_two_links_to_the_same_file_add_it_once(tmp_path, nav, content):
    book = workbook(tmp_path, "2026", "02.02.2026")
    href = nav.attachment(NAME_2026, book)
    other = nav.attachment(NAME_2026, book)  # the same bytes under another hash
    page = nav.page(NAV_PAGE, [href, href.replace("%20", "+").replace("+", "%20"), other])
    status, out, err = fetch(content, page)
    assert status == 0, err
    assert len(list((content / "reports").glob("*.xlsx"))) == 1
    assert f"the same file twice: {nav.base}{other} is {nav.base}{href}" in out


def test_a_busy_server_is_tried_again_with_backoff(tmp_path, nav, content):
    href = nav.attachment(NAME_2026, workbook(tmp_path, "2026", "02.02.2026"), fail_first=2)
    page = nav.page(NAV_PAGE, [href])
    status, out, err = fetch(content, page, extra=("--retries", "2"))
    assert status == 0, err
    assert [p for p, _ in nav.requests].count(unquote(href)) == 3


# 6. The build checks a fetched file against its sha256.


def test_a_file_changed_after_it_was_fetched_fails_the_build(tmp_path, nav, content, previous_site):
    page = nav.page(NAV_PAGE, [nav.attachment(NAME_2026, workbook(tmp_path, "2026", "02.02.2026"))])
    assert fetch(content, page)[0] == 0
    toml = content / "reports" / f"{STEM_2026}.toml"
    text = toml.read_text()
    start = text.index('sha256 = "') + len('sha256 = "')
    toml.write_text(text[:start] + "0" * 64 + text[start + 64 :], encoding="utf-8")
    status, printed = run(content, previous_site)
    assert status == 1
    assert f"error: {STEM_2026}.xlsx: [sha256-mismatch] the provenance gives sha256 000000000000…" in printed


# 7. NAV's PDF of the same publication beside its workbook: one report, two formats, one provenance.


def test_a_workbook_and_its_pdf_are_one_publication_under_one_name(tmp_path, nav, content):
    from pdfgen import report_to_pdf

    pdf = report_to_pdf(read_text_report(REPORTS / f"{SEEDS['2026']}.txt"), tmp_path / "report.pdf").read_bytes()
    book = nav.attachment(NAME_2026, workbook(tmp_path, "2026", "02.02.2026"))
    inline = nav.attachment(f"202601_{TILT170}.pdf", pdf, how="inline")
    page = nav.page(NAV_PAGE, [book, inline])
    status, out, err = fetch(content, page)
    assert status == 0, err
    assert sorted(p.name for p in (content / "reports").iterdir()) == [
        f"{STEM_2026}.pdf",
        f"{STEM_2026}.toml",
        f"{STEM_2026}.xlsx",
    ]
    meta = tomllib.loads((content / "reports" / f"{STEM_2026}.toml").read_text(encoding="utf-8"))
    assert (meta["source_url"], meta["also_source_url"]) == (nav.base + book, nav.base + inline)
    status, printed = run(content, tmp_path / "site")
    assert status == 0, printed


# 8. Finding links: NAV's forms, liberally.


def test_links_in_every_form_nav_writes_them_are_found_once_each():
    from tiltaksdata.fetch.links import page_to_links

    base = "https://www.nav.no/no/nav-og-samfunn/statistikk/tiltaksdeltakere"
    page = """<html><body>
      <a href="/_/attachment/download/1a:2b/202605_TILT100%20Tiltaksdeltakere.%20Hovedgruppe%20og%20demografi.xlsx">a</a>
      <a href="https://www.nav.no/_/attachment/download/1a:2b/202605_TILT100%20Tiltaksdeltakere.%20Hovedgruppe%20og%20demografi.xlsx#x">same</a>
      <a href="/_/attachment/inline/3c:4d/2026.04_TILT170 Tiltaksdeltakere på tilrettelagt arbeid.pdf">b</a>
      <a href="arkiv/202312_TILT030%20Deltakere.xls">c</a>
      <a href="/_/attachment/download/5e:6f/Om%20statistikken.pdf">not a report</a>
      <a href="/_/attachment/download/9a:9b/2025_TILT100%20Tiltaksdeltakere.%20%C3%85rsgjennomsnitt.xlsx">annual</a>
      <a href="mailto:statistikk@nav.no">mail</a><a href="/no/side">page</a>
      <script>{"url":"\\/_\\/attachment\\/download\\/7a:8b\\/202605_TILT180%20Jobbskaping.xlsx"}</script>
    </body></html>"""
    reports, others = page_to_links(page, base)
    assert [link.name for link in reports] == [
        "202605_TILT100 Tiltaksdeltakere. Hovedgruppe og demografi.xlsx",
        "2026.04_TILT170 Tiltaksdeltakere på tilrettelagt arbeid.pdf",
        "202312_TILT030 Deltakere.xls",
        "202605_TILT180 Jobbskaping.xlsx",
    ]
    assert reports[1].url == (
        "https://www.nav.no/_/attachment/inline/3c:4d/2026.04_TILT170%20Tiltaksdeltakere%20p%C3%A5%20tilrettelagt%20arbeid.pdf"
    )
    assert reports[2].url == "https://www.nav.no/no/nav-og-samfunn/statistikk/arkiv/202312_TILT030%20Deltakere.xls"
    assert [link.name for link in others] == [
        "Om statistikken.pdf",
        "2025_TILT100 Tiltaksdeltakere. Årsgjennomsnitt.xlsx",
    ]


@pytest.mark.parametrize(
    ("name", "month"),
    [("202605_TILT100 x.xlsx", "2026-05"), ("2026.04_TILT100 x.xlsx", "2026-04"), ("TILT100 x.xlsx", "")],
)
def test_both_forms_of_nav_file_names_give_the_month(name, month):
    from tiltaksdata.fetch.identify import name_month

    assert name_month(name) == month


def test_a_new_publication_never_takes_an_old_name():
    from tiltaksdata.fetch.naming import free_stem

    taken = {"2026-01_tilt170", "2026-01_tilt170_publisert-2026-03-02"}
    assert (
        free_stem("2026-01_tilt170", "2026-03-02", "ab" * 32, taken)
        == "2026-01_tilt170_publisert-2026-03-02-abababababab"
    )
    assert free_stem("2026-02_tilt170", "2026-03-02", "ab" * 32, taken) == "2026-02_tilt170"


def test_a_classic_pdf_that_prints_no_date_takes_navs_last_modified_and_builds(tmp_path, nav, content):
    from pdfgen import report_to_pdf

    pdf = report_to_pdf(read_text_report(REPORTS / f"{SEEDS['2014']}.txt"), tmp_path / "2014.pdf").read_bytes()
    href = nav.attachment("201402_Tiltak og fylke. En måned.pdf", pdf, last_modified="Tue, 04 Mar 2014 10:00:00 GMT")
    status, out, err = fetch(content, nav.page(NAV_PAGE, [href]))
    assert status == 0, err
    stem = "2014-02_tiltak-og-fylke-en-maned"
    meta = tomllib.loads((content / "reports" / f"{stem}.toml").read_text(encoding="utf-8"))
    assert (meta["period"], meta["published"], meta["published_estimated"]) == ("2014-02", "2014-03-04", True)
    assert meta["notes_nb"].startswith('"Om statistikken - Arbeidssøkere" finner du på nav.no')  # prose, no figures
    assert meta["notes_nb"].endswith("tilbake til identifiserbare enkeltpersoner.") and "breaks" not in meta
    status, printed = run(content, tmp_path / "site")
    assert status == 0, printed


def test_a_server_that_hangs_times_out_and_a_busy_one_is_tried_again_after_a_growing_pause(nav):
    from tiltaksdata.errors import FetchError
    from tiltaksdata.fetch.download import Fetcher

    pauses: list[float] = []
    nav.routes["/slow"] = Route(b"late", delay=1.0)
    with pytest.raises(FetchError) as hung:
        Fetcher(timeout=0.2, sleep=pauses.append).get(nav.url("/slow"))
    assert hung.value.message == "timed out after 0.2 s (tried 2 times)" and pauses == [0.5]  # a timeout: once more
    nav.routes["/busy"] = Route(b"ok", fail_first=3)
    pauses.clear()
    assert Fetcher(sleep=pauses.append).get(nav.url("/busy")).body == b"ok"
    assert pauses == [0.5, 1.0, 2.0]
    nav.routes["/gone"] = Route(b"", fail_first=9)
    with pytest.raises(FetchError, match=r"HTTP error 503 Service Unavailable \(tried 4 times\)"):
        Fetcher(sleep=pauses.append).get(nav.url("/gone"))
