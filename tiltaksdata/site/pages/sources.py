"""Pages about the data: a page per source report, the reports index, the data page, Markdown pages."""

from __future__ import annotations

from html import escape
from pathlib import Path

from markdown_it import MarkdownIt

from tiltaksdata import words_nb
from tiltaksdata.errors import InputError
from tiltaksdata.model import DIMENSIONS
from tiltaksdata.reasons import Reason
from tiltaksdata.site import norsk
from tiltaksdata.site.data import SiteData, resource_paths
from tiltaksdata.site.discovery import currency
from tiltaksdata.site.pages.common import Cell, Links, Page, Table


def report_pages(data: SiteData, links: Links) -> list[Page]:
    """A page per source report: provenance, what was found, the label normalisations applied."""
    pages = []
    # The package's wording read back as the reason it names (the edge: pages read the package on disk).
    reasons = {m["how"]: Reason.from_text(m["how"]) for m in data.mappings}
    mappings = [m for m in data.mappings if reasons[m["how"]].normalised]
    for source in data.sources:
        rid = source["id"]
        applied = [m for m in mappings if m["report"] == rid]
        table = Table(
            ["Kolonne", "Trykt i rapporten", "Lest som", "Hvordan", "Linje"],
            [
                [
                    Cell(words_nb.DIMENSION_NAMES.get(r["dimension"], r["dimension"])),
                    Cell(r["raw"]),
                    Cell(r["canonical"]),
                    Cell(words_nb.how(reasons[r["how"]])),
                    Cell(r["line"], num=True),
                ]
                for r in applied
            ],
        )
        revised = [r for r in data.revisions if rid in (r["old_report"], r["new_report"])]
        revisions = Table(
            ["Periode", "Region", "Tall", "Revisjon"],
            [
                [
                    Cell(norsk.month(r["period"])),
                    Cell(r["region_name"]),
                    Cell(" · ".join(v for k, v in r.items() if k in DIMENSIONS and v != "I alt") or "I alt"),
                    Cell(norsk.revision(r)),
                ]
                for r in revised
            ],
        )
        pages.append(
            Page(
                f"kilder/{norsk.slug(rid)}.html",
                "report.html",
                source["title"],
                "kilde",
                {
                    "source": source,
                    "mappings": table,
                    "revisions": revisions,
                    "file_format": words_nb.file_format(source["file"], source.get("layout", "")),
                    "also": [  # the same report's PDF or text beside NAV's workbook, compared figure by figure
                        {**other, "format": words_nb.file_format(other["file"], "")} for other in source.get("also", [])
                    ],
                    "known_errors": [
                        (words_nb.PROBLEMS.get(e["type"], e["type"]), e["key"], e["reason"])
                        for e in source.get("known_errors", [])
                    ],
                    "published": norsk.published(source),
                    "retrieved": norsk.day(source["retrieved"]) if source.get("retrieved") else "",
                    "periods": [norsk.month(p) for p in source["periods"]],
                },
                crumbs=[("Kilder", "kilder/index.html")],
                description=f"Kilde: {source['title']}.",
            )
        )
    index = Page(
        "kilder/index.html",
        "reports.html",
        "Kilder",
        "oversikt",
        {"reports": [(s, f"kilder/{norsk.slug(s['id'])}.html") for s in data.sources]},
        description="NAVs rapporter som tallene er lest fra.",
    )
    return [index, *pages]


def _kilobytes(size: int) -> str:
    """«1 234 kB»: a file's size, rounded half up."""
    return f"{norsk.number(int(size / 1024 + 0.5))} kB"


def data_page(data: SiteData, zip_name: str) -> Page:
    """Downloads and the schema of every CSV, documented from its Table Schema."""
    resources = []
    for resource in data.descriptor["resources"]:
        schema = resource["schema"]
        fields = [
            (
                f["name"],
                words_nb.TYPES.get(f["type"], f["type"]),
                words_nb.column(resource["name"], f["name"]) or "",
                ", ".join(f.get("constraints", {}).get("enum", [])[:12])
                + (" …" if len(f.get("constraints", {}).get("enum", [])) > 12 else ""),
            )
            for f in schema["fields"]
        ]
        resources.append(
            {
                "name": resource["name"],
                "title": resource.get("title", ""),
                "path": resource["path"] if isinstance(resource["path"], str) else f"{resource['name']}/",
                "description": words_nb.RESOURCES.get(resource["name"], ""),
                "fields": fields,
                "primary_key": schema.get("primaryKey", []),
                "missing": [
                    m["value"] if isinstance(m, dict) else m
                    for m in schema.get("missingValues", [])
                    if (m["value"] if isinstance(m, dict) else m)
                ],
                "parts": resource_paths(data.descriptor, resource["name"]),
                "size": _kilobytes(
                    sum((data.folder / p).stat().st_size for p in resource_paths(data.descriptor, resource["name"]))
                ),
            }
        )
    return Page(
        "data.html",
        "data.html",
        "Data",
        "data",
        {
            "resources": resources,
            "package": data.descriptor,
            "zip": zip_name,
            "missing": data.schema("observations")["missingValues"],
            "newest": currency(data.sources),
        },
        description="Last ned dataene: datapakke (Frictionless), CSV og skjema.",
    )


def markdown_pages(folder: Path, data: SiteData | None = None) -> list[Page]:
    """content/pages/*.md (front matter: title, description) → a page each at the site root.

    A paragraph `[[dekning]]` becomes what the reports cover, computed from the data (never typed
    into the Markdown, where it would go stale with the next report).
    """
    md = MarkdownIt("commonmark", {"html": False})  # raw HTML in the Markdown is shown as text
    pages = []
    for path in sorted(folder.glob("*.md")) if folder.is_dir() else []:
        text = path.read_text(encoding="utf-8")
        meta, body = _front_matter(text, path)
        html = md.render(body)
        if data is not None:
            html = html.replace("<p>[[dekning]]</p>", coverage_html(data))
        pages.append(
            Page(
                f"{norsk.slug(path.stem)}.html",
                "markdown.html",
                meta["title"],
                "side",
                {"body": html},
                description=meta.get("description", ""),
            )
        )
    return pages


LEVELS = {"country": "landet", "county": "fylkene", "municipality": "kommunene"}


def report_contents(data: SiteData) -> dict[str, str]:
    """Each report's contents in a sentence: its months, the regions and the breakdowns it gives
    (the package's sources say which: `levels`, `breakdowns`)."""
    out = {}
    for source in data.sources:
        where = norsk.join([LEVELS[lv] for lv in LEVELS if lv in source.get("levels", [])]) or "ingen regioner"
        how = norsk.join([words_nb.DIMENSION_NAMES[d].lower() for d in DIMENSIONS if d in source.get("breakdowns", [])])
        scope = source.get("scope", {}).get("measure_group")
        out[source["id"]] = (
            f"{norsk.coverage(source.get('periods', []))}. Tall for {where}"
            + (f", fordelt etter {how}" if how else "")
            + "."
            + (f" Bare tiltaksgruppen «{scope}»: «I alt» er summen for den gruppen." if scope else "")
        )
    return out


def coverage_html(data: SiteData) -> str:
    """A list of the reports with the months, regions and breakdowns each gives, and the months in all."""
    contents = data.contents or report_contents(data)
    items = [
        f'<li><a href="kilder/{norsk.slug(s["id"])}.html">«{escape(s["title"])}»</a>: {escape(contents[s["id"]])}</li>'
        for s in data.sources
    ]
    months = sorted({p for s in data.sources for p in s.get("periods", [])})
    return f"<ul>{''.join(items)}</ul>\n<p>Til sammen {len(months)} måneder: {escape(norsk.coverage(months))}.</p>\n"


def _front_matter(text: str, path: Path) -> tuple[dict, str]:
    if not text.startswith("---\n") or "\n---\n" not in text[4:]:
        raise InputError("bad-page", "a page must start with front matter (---, title: …, ---)", path.name, 1)
    head, body = text[4:].split("\n---\n", 1)
    meta = dict(line.split(":", 1) for line in head.splitlines() if ":" in line)
    meta = {k.strip(): v.strip() for k, v in meta.items()}
    if "title" not in meta:
        raise InputError("bad-page", "the front matter has no title", path.name, 1)
    return meta, body
