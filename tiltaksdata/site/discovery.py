"""What lets search engines, feed readers and lost visitors find the site.

`sitemap.xml` (every page), `robots.txt` (naming the sitemap), `nyheter.xml` (an Atom feed with an
entry per report) and `404.html` (served by GitHub Pages for any missing path: its links are
absolute). Addresses come from `[site] base_url` in content/site.toml (or TILTAKSDATA_BASE_URL).
"""

from __future__ import annotations

from pathlib import Path
from xml.sax.saxutils import escape, quoteattr

from tiltaksdata.settings import Site
from tiltaksdata.site import norsk

FEED = "nyheter.xml"
SITEMAP = "sitemap.xml"


def write_sitemap(paths: list[str], site: Site, out: Path) -> bool:
    """sitemap.xml of every page (absolute addresses); nothing without a base URL. Whether written."""
    if not site.base_url:
        return False
    urls = "".join(f"<url><loc>{escape(site.absolute(p))}</loc></url>\n" for p in paths)
    (out / SITEMAP).write_text(
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">\n'
        f"{urls}</urlset>\n",
        encoding="utf-8",
    )
    return True


def write_robots(site: Site, out: Path) -> None:
    """robots.txt: everything may be read; the sitemap, where there is one."""
    lines = ["User-agent: *", "Allow: /"] + ([f"Sitemap: {site.absolute(SITEMAP)}"] if site.base_url else [])
    (out / "robots.txt").write_text("\n".join(lines) + "\n", encoding="utf-8")


def currency(sources: list[dict]) -> dict | None:
    """How current the site is: the newest month any report gives, from the latest publication that gives
    it — when NAV published it and when it was fetched — for the front page, the data page and the feed."""
    dated = [s for s in sources if s.get("periods")]
    if not dated:
        return None
    source = max(dated, key=lambda s: (s["periods"][-1], s.get("published", ""), s["id"]))
    facts = {
        "period": source["periods"][-1],
        "month": norsk.month(source["periods"][-1]),
        "title": source["title"],
        "published": norsk.published(source),
        "retrieved": norsk.day(source["retrieved"]) if source.get("retrieved") else "",
        "source_url": source.get("source_url", ""),
        "href": f"kilder/{norsk.slug(source['id'])}.html",
        "scope": source.get("scope", {}).get("measure_group"),
    }
    return {**facts, "text": currency_text(facts)}


def currency_text(facts: dict) -> str:
    """`Nyeste måned: januar 2026, publisert av NAV 2. februar 2026 og hentet 5. februar 2026.`"""
    text = f"Nyeste måned: {facts['month']}"
    if facts["published"]:
        text += f", publisert av NAV {facts['published']}"
    text += f" og hentet {facts['retrieved']}" if facts["retrieved"] else " (lagt inn for hånd)"
    return text + "."


def feed_entries(sources: list[dict], contents: dict[str, str]) -> list[dict]:
    """One entry per report, newest publication first: title, date, its page, what it adds."""
    entries = []
    for source in sorted(sources, key=lambda s: (s.get("published", ""), s["id"]), reverse=True):
        entries.append(
            {
                "id": source["id"],
                "title": source["title"],
                "published": source.get("published", ""),
                "when": norsk.published(source),
                "path": f"kilder/{norsk.slug(source['id'])}.html",
                "periods": norsk.coverage(source.get("periods", [])),
                "summary": contents.get(source["id"], "")
                + (f" Hentet fra NAV {norsk.day(source['retrieved'])}." if source.get("retrieved") else ""),
            }
        )
    return entries


def write_feed(
    entries: list[dict], site: Site, out: Path, title: str = "Tiltaksdata: nye rapporter", subtitle: str = ""
) -> None:
    """nyheter.xml: an Atom feed with one entry per report (links absolute where there is a base URL);
    its subtitle says how current the site is."""

    def link(path: str) -> str:
        return site.absolute(path) or path

    updated = max((e["published"] for e in entries if e["published"]), default="1970-01-01")
    items = []
    for e in entries:
        day = f"{e['published'] or updated}T00:00:00Z"
        items.append(
            "<entry>"
            f"<id>{escape(link(e['path']))}</id>"
            f"<title>{escape(e['title'])} ({escape(e['periods'])})</title>"
            f"<link rel=\"alternate\" type=\"text/html\" href={quoteattr(link(e['path']))}/>"
            f"<published>{day}</published><updated>{day}</updated>"
            f"<summary>{escape(e['summary'])}</summary>"
            "</entry>\n"
        )
    (out / FEED).write_text(
        '<?xml version="1.0" encoding="utf-8"?>\n<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="nb">\n'
        f"<id>{escape(link(FEED))}</id><title>{escape(title)}</title>"
        + (f"<subtitle>{escape(subtitle)}</subtitle>" if subtitle else "")
        + f"<updated>{updated}T00:00:00Z</updated>"
        f"<author><name>{escape(site.publisher)}</name></author>"
        f"<link rel=\"self\" href={quoteattr(link(FEED))}/>"
        f"<link rel=\"alternate\" type=\"text/html\" href={quoteattr(link('index.html'))}/>\n"
        + "".join(items)
        + "</feed>\n",
        encoding="utf-8",
    )
