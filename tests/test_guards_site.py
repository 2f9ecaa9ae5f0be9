"""Guards on the seed site: what a page says must be what the package says, in golden values.

Each test fails with one realistic one-line mistake that left the rest of the suite green (issue 21;
tests/PLANTED_BUGS.md lists the mistake each one catches). They read the site built once per session.
"""

from __future__ import annotations

import csv
import json
import re
from html import unescape
from pathlib import Path

from conftest import SEEDS

from tiltaksdata.site import norsk
from tiltaksdata.site.pages.figures import share

NBSP = "\u00a0"


def text_of(page: Path) -> str:
    """A page's text: tags dropped, entities resolved, non-breaking spaces as spaces, runs of space as one."""
    html = page.read_text(encoding="utf-8")
    return " ".join(unescape(re.sub(r"<[^>]+>", " ", html)).replace(NBSP, " ").split())


def number(text: str) -> int:
    return int(text.replace(" ", "").replace(NBSP, "").replace("\u2212", "-"))


# --- a source's observations ----------------------------------------------------------------------

DISTINCT = {"2014": 4168, "2019": 4716, "2020": 776, "2026": 2296}  # 2014, 2019 and 2026 print figures twice


def test_a_sources_observations_are_its_distinct_keys_in_the_package_and_on_its_page(seed_site):
    descriptor = json.loads((seed_site / "data" / "datapackage.json").read_text(encoding="utf-8"))
    counted = {source["id"]: source["observations"] for source in descriptor["sources"]}
    assert counted == {SEEDS[year]: n for year, n in DISTINCT.items()}
    for year, n in DISTINCT.items():
        with open(seed_site / "data" / "observations" / f"{SEEDS[year]}.csv", encoding="utf-8", newline="") as f:
            assert sum(1 for _ in csv.DictReader(f)) == n
        page = seed_site / "kilder" / f"{norsk.slug(SEEDS[year])}.html"
        assert f"Observasjoner {norsk.number(n).replace(NBSP, ' ')} " in text_of(page)


# --- bar captions ---------------------------------------------------------------------------------

BAR_CAPTION = re.compile(r"flest deltakere i «([^»]+)» \(([\d  −-]+)\), færrest i «([^»]+)» \(([\d  −-]+)\)")


def test_a_bar_caption_names_the_largest_bar_flest_and_the_smallest_faerrest(seed_site):
    front = text_of(seed_site / "index.html")
    assert (
        "Alle tiltak, februar 2020: flest deltakere i «Arbeidspraksis» (16 271), færrest i "
        "«Jobbskaping og egenetablering» (127)."
    ) in front
    assert (
        "Alle tiltak, februar 2014: flest deltakere i «30-39 år» (19 840), færrest i «60 år og over» (2 814)." in front
    )
    captions = 0
    for page in [seed_site / "index.html", *sorted((seed_site / "fylke").glob("*.html"))[:8]]:
        for most, high, fewest, low in BAR_CAPTION.findall(text_of(page)):
            captions += 1
            assert number(high) >= number(low), (page.name, most, high, fewest, low)
    assert captions > 10


# --- the share a suppressed value may be ----------------------------------------------------------


def test_the_share_of_a_suppressed_value_is_at_most_3_of_the_total():
    assert share({"number": None}, 200) == f"høyst 1,5{NBSP}%"  # 3 / 200
    assert share({"number": None}, 30) == f"høyst 10,0{NBSP}%"
    assert share({"number": 3}, 200) == f"1,5{NBSP}%"
    assert share({"number": None}, None) == "–"


def test_a_municipality_under_4_is_at_most_3_of_its_countys_participants(seed_site):
    """Aukra (under 4) beside Møre og Romsdal's 194 and 459 in January 2026: at most 1,5 % and 0,7 %."""
    text = text_of(seed_site / "kommune" / "1547-aukra.html")
    assert "Varig tilrettelagt arbeid i ordinær virksomhet under 4 194 4 257 høyst 1,5 %" in text
    assert "Varig tilrettelagt arbeid i skjermet virksomhet under 4 459 10 002 høyst 0,7 %" in text


# --- a county's changes in the reforms ------------------------------------------------------------


def test_a_countys_page_says_whether_the_whole_county_or_a_part_of_it_moved(seed_site):
    """Every line of county_changes.csv on both counties' pages: «hele fylket» or «en del», and the year."""
    with open(seed_site / "data" / "county_changes.csv", encoding="utf-8", newline="") as handle:
        changes = list(csv.DictReader(handle))
    assert {c["share"] for c in changes} == {"whole", "part"}
    for change in changes:
        words = "hele fylket" if change["share"] == "whole" else "en del"
        said = f"({words}, fra {change['date'][:4]}): {change['note']}"
        for code in (change["from_code"], change["to_code"]):
            (page,) = (seed_site / "fylke").glob(f"{code}-*.html")
            assert said in text_of(page), (page.name, said)
    nordland = text_of(seed_site / "fylke" / "18-nordland.html")
    assert "Troms og Finnmark (en del, fra 2020): Tjeldsund gikk fra Nordland" in nordland


# --- a break in the series ------------------------------------------------------------------------


def test_a_break_note_is_escaped_on_the_reports_page(seed_site):
    """The 2026 provenance's break note quotes NAV («"andre på tiltak"»): the page prints it as text."""
    html = (seed_site / "kilder" / f"{norsk.slug(SEEDS['2026'])}.html").read_text(encoding="utf-8")
    item = html[html.index("<h2>Brudd i statistikken</h2>") :].split("</ul>")[0]
    assert "arbeidssøkere på tiltak og &#34;andre på tiltak&#34; fra april" in item
    assert '"andre' not in item


# --- the front page's change from a year before ---------------------------------------------------


def test_the_front_page_computes_no_change_across_report_families(seed_site):
    """February 2020 (tiltaksgruppe og fylke) against February 2019 (tiltak og kjønn) is two families:
    no «beregnet» change, and with no change printed by NAV for these months, no change column."""
    front = text_of(seed_site / "index.html")
    latest = front[front.index("Siste tall Tiltaksgruppe Periode") :].split("Tabellen er bredere")[0]
    assert "beregnet" not in front and "Endring fra året før" not in latest
    assert "Ingen av rapportene gir endringen fra samme måned året før for disse månedene." in front
    assert "Oppfølging februar 2020 14 753 Opplæring februar 2020 13 690" in latest


CHART = re.compile(r"data-chart='([^']*)' role=\"img\" aria-label=\"Diagram: ([^\"]*)\"")


def test_a_bar_caption_counts_the_bars_under_4(seed_site):
    """Nordland in January 2026: two bars and VVA under 4, which the caption must count, not drop."""
    nordland = text_of(seed_site / "fylke" / "18-nordland.html")
    assert (
        "Nordland, januar 2026: flest deltakere i «Varig tilrettelagt arbeid i skjermet virksomhet» (637), "
        "færrest i «Varig tilrettelagt arbeid i ordinær virksomhet» (301); 1 verdi er under 4."
    ) in nordland
    counted = 0
    for page in sorted((seed_site / "fylke").glob("*.html")):
        for payload, caption in CHART.findall(page.read_text(encoding="utf-8")):
            chart = json.loads(unescape(payload))
            if chart["kind"] != "bars" or "færrest" not in caption:
                continue
            hidden = sum(v.get("y") is None for v in chart["values"])
            said = re.search(r"; (\d+) verdi(?:er)? er under 4\.$", unescape(caption))
            assert (int(said[1]) if said else 0) == hidden, (page.name, caption)
            counted += hidden
    assert counted >= 15


def test_a_series_caption_names_the_largest_series_of_the_last_month(seed_site):
    """December 2019: «Nedsatt arbeidsevne, på tiltak» (54 338) of the participant groups, «Menn» (36 311)."""
    front = text_of(seed_site / "index.html")
    assert (
        "I desember 2019 var det flest deltakere i alle tiltak i hovedgruppen «Nedsatt arbeidsevne, på tiltak» "
        "(54 338)."
    ) in front
    assert "I desember 2019 var det flest deltakere i alle tiltak blant «Menn» (36 311)." in front
    checked = 0
    for page in [seed_site / "index.html", *sorted((seed_site / "tiltak").glob("*.html"))]:
        for payload, caption in CHART.findall(page.read_text(encoding="utf-8")):
            said = re.search(r"var det flest deltakere i .* «([^»]+)» \(([\d  ]+)\)\.$", unescape(caption))
            if not said:
                continue
            values = json.loads(unescape(payload))["values"]
            last = max(v["d"] for v in values)
            top = max((v for v in values if v["d"] == last and v.get("y") is not None), key=lambda v: v["y"])
            assert (said[1], number(said[2])) == (top["s"], top["y"]), (page.name, caption)
            checked += 1
    assert checked >= 15
