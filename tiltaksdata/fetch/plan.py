"""NAV's pages → the new report files, downloaded, read, named and described in a staging folder.

Nothing is placed here: a file known by its address or its bytes is left alone, a file that cannot be
fetched or read stops the whole fetch (FetchError), and what is new waits in the staging folder for
place.py to move it into content/reports/ all at once.
"""

from __future__ import annotations

import hashlib
import tomllib
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from tiltaksdata.errors import FetchError, ReportError
from tiltaksdata.fetch.download import Fetcher
from tiltaksdata.fetch.identify import Identity, file_to_identity
from tiltaksdata.fetch.links import Link, canonical_url, page_to_links
from tiltaksdata.fetch.naming import base_stem, free_stem, is_same_report
from tiltaksdata.fetch.provenance_write import Source, provenance_text
from tiltaksdata.periods import months_between
from tiltaksdata.read.provenance import READABLE, WORKBOOKS, period_to_months

ZIP, OLE, PDF = b"PK\x03\x04", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", b"%PDF"


@dataclass
class Known:
    """What content/reports/ already holds: files by the address they came from and by their bytes."""

    urls: dict[str, str] = field(default_factory=dict)
    hashes: dict[str, str] = field(default_factory=dict)
    stems: set[str] = field(default_factory=set)
    months: set[str] = field(default_factory=set)  # every month a provenance's period covers


@dataclass
class Fetched:
    """One new file, downloaded into the staging folder and read."""

    link: Link
    path: Path
    sha256: str
    identity: Identity
    last_modified: str = ""

    @property
    def source(self) -> Source:
        return Source(self.link.url, self.link.page, self.sha256, self.link.name, self.path.suffix.lower())


@dataclass
class Addition:
    """One new publication to place: its file (and the same report's other format), its provenance,
    and the names of the earlier publications of the same report it lies beside."""

    stem: str
    files: list[Fetched]
    toml: str
    published: str
    revises: list[str] = field(default_factory=list)

    @property
    def names(self) -> list[str]:
        return [f"{self.stem}{f.path.suffix.lower()}" for f in self.files]


@dataclass
class Plan:
    """What a fetch found: the pages read, every report link, what is new, known or left aside."""

    pages: list[str] = field(default_factory=list)
    links: list[Link] = field(default_factory=list)
    new: list[Link] = field(default_factory=list)
    known: list[tuple[Link, str]] = field(default_factory=list)  # (link, the file here it is)
    duplicates: list[tuple[Link, Link]] = field(default_factory=list)  # the same bytes as another link
    ignored: list[Link] = field(default_factory=list)  # workbooks and PDFs that are not reports
    additions: list[Addition] = field(default_factory=list)
    months_before: set[str] = field(default_factory=set)  # the months content/reports/ covered before


def content_to_known(reports: Path) -> Known:
    """Every report file's sha256 and every provenance's source addresses."""
    known = Known()
    if not reports.is_dir():
        return known
    for path in sorted(p for p in reports.iterdir() if p.is_file() and not p.name.startswith(".")):
        known.stems.add(path.stem)
        if path.suffix.lower() in READABLE:
            known.hashes[hashlib.sha256(path.read_bytes()).hexdigest()] = path.name
        elif path.suffix.lower() == ".toml":
            try:
                meta = tomllib.loads(path.read_text(encoding="utf-8"))
            except (tomllib.TOMLDecodeError, UnicodeDecodeError):
                continue  # the build names a broken provenance; here it only cannot say where a file came from
            if isinstance(meta.get("period"), str) and (months := period_to_months(meta["period"])):
                known.months |= set(months_between(*months))
            for key in ("source_url", "also_source_url"):
                if isinstance(meta.get(key), str) and meta[key].strip():
                    known.urls[canonical_url(meta[key])] = path.name
    return known


def pages_to_links(pages: list[str], fetcher: Fetcher, plan: Plan, ignore: tuple[str, ...] = ()) -> None:
    """Read every page; a page with no link to a report file means NAV changed it, and stops the fetch."""
    seen: set[str] = set()
    for page in pages:
        response = fetcher.get(page)
        text = response.body.decode("utf-8", errors="replace")
        reports, others = page_to_links(text, response.url or page, ignore)
        if not reports:
            raise FetchError(
                page,
                "the page links no report files (no .xlsx, .xls or .pdf whose name looks like NAV's "
                f"TILT reports{f'; {len(others)} other file links' if others else ''}): NAV has changed its page",
                "Look at the page in a browser: find where the files went, and give that page with --page "
                "(and update PAGES in tiltaksdata/fetch/__main__.py). See README, «Keeping the site current».",
            )
        plan.pages.append(page)
        for link in reports + others:
            if link.url in seen:
                continue
            seen.add(link.url)
            (plan.links if link in reports else plan.ignored).append(link)


def _check_kind(link: Link, body: bytes, content_type: str) -> None:
    """The bytes must be what the name promises: a workbook, or a PDF."""
    suffix = Path(link.name).suffix.lower()
    workbook = suffix in WORKBOOKS
    if not body:
        raise FetchError(link.url, "the server sent an empty file", "Try again later; nothing was changed.")
    if (workbook and body[:4] == ZIP) or (workbook and body[:8] == OLE) or (not workbook and body[:4] == PDF):
        return
    start = body[:512].lstrip().lower()
    html = content_type == "text/html" or start.startswith((b"<!doctype html", b"<html", b"<head", b"<body"))
    what = "an HTML page" if html else f"a file of another kind ({content_type or 'no Content-Type'})"
    expected = "a workbook" if workbook else "a PDF"
    raise FetchError(
        link.url,
        f"{what} was served where {expected} was expected",
        "NAV's server answered with a page instead of the file (an error or a login page): "
        "try again later; nothing was changed.",
    )


def download(link: Link, fetcher: Fetcher, folder: Path) -> tuple[Path, bytes, str]:
    """Fetch one file into `folder` under NAV's name; (path, bytes, Last-Modified day)."""
    response = fetcher.get(link.url)
    _check_kind(link, response.body, response.content_type)
    safe = "".join(c for c in link.name if c not in '/\\\0:*?"<>|').strip() or "file"
    path = folder / f"{len(list(folder.iterdir())):03d}-{safe}"
    path.write_bytes(response.body)
    return path, response.body, response.last_modified


def identify(link: Link, path: Path) -> Identity:
    """Read a downloaded file with the project's reader; a file that does not read stops the fetch."""
    try:
        return file_to_identity(path, link.name)
    except ReportError as err:
        problem = err.problem
        where = ", ".join(p for p in [problem.location().replace(path.name, link.name, 1)] if p)
        raise FetchError(
            link.url,
            f"the file does not read as a report: [{problem.type}] {problem.message} ({where})",
            "Nothing was added. If NAV changed the file's layout, the reader needs to learn it "
            "(see README, «NAV's workbooks»); to fetch the others meanwhile, --ignore a word of its name.",
        ) from None


def _published(fetched: Fetched, retrieved: str) -> str:
    """The file's «Rapport oppdatert»; where it prints none, NAV's Last-Modified if plausible, else today."""
    if fetched.identity.published:
        return fetched.identity.published
    last = fetched.identity.last
    after = f"{int(last[:4]) + (last[5:] == '12')}-{int(last[5:]) % 12 + 1:02d}-01"
    modified = fetched.last_modified
    return modified if modified and after <= modified <= retrieved else retrieved


def fetched_to_additions(fetched: list[Fetched], known: Known, retrieved: str) -> list[Addition]:
    """Name each new file and write its provenance; a workbook and a PDF of one publication share a name."""
    groups: dict[tuple[str, str], list[Fetched]] = {}
    for item in fetched:
        groups.setdefault((base_stem(item.identity), _published(item, retrieved)), []).append(item)
    taken = set(known.stems)
    additions = []
    for (base, published), items in sorted(groups.items(), key=lambda kv: (kv[0][1], kv[0][0])):
        books = [i for i in items if i.path.suffix.lower() in WORKBOOKS]
        pdfs = [i for i in items if i.path.suffix.lower() == ".pdf"]
        joined = len(items) == 2 and len(books) == 1 and len(pdfs) == 1
        for files in [books + pdfs] if joined else [[i] for i in items]:
            main = files[0]
            revises = sorted(s for s in taken if is_same_report(s, base))
            stem = free_stem(base, published, main.sha256, taken)
            taken.add(stem)
            also = files[1].source if len(files) > 1 else None
            toml = provenance_text(main.identity, main.source, retrieved, published, also)
            additions.append(Addition(stem, files, toml, published, revises))
    return additions


def plan_fetch(
    reports: Path,
    pages: list[str],
    fetcher: Fetcher,
    staging: Path | None,
    retrieved: str,
    progress: Callable[[str], None] = lambda line: None,
    ignore: tuple[str, ...] = (),
) -> Plan:
    """Read the pages and, unless `staging` is None (a dry run), download, read and describe every new file."""
    known = content_to_known(reports)
    plan = Plan(months_before=known.months)
    pages_to_links(pages, fetcher, plan, ignore)
    for link in plan.links:
        if link.url in known.urls:
            plan.known.append((link, known.urls[link.url]))
        else:
            plan.new.append(link)
    if staging is None:
        return plan
    staging.mkdir(parents=True, exist_ok=True)
    fetched: list[Fetched] = []
    by_hash: dict[str, Link] = {}
    for link in plan.new:
        progress(f"fetching {link.url}")
        path, body, modified = download(link, fetcher, staging)
        sha256 = hashlib.sha256(body).hexdigest()
        if sha256 in known.hashes:
            plan.known.append((link, known.hashes[sha256]))
        elif sha256 in by_hash:
            plan.duplicates.append((link, by_hash[sha256]))
        else:
            by_hash[sha256] = link
            fetched.append(Fetched(link, path, sha256, identify(link, path), modified))
    plan.additions = fetched_to_additions(fetched, known, retrieved)
    return plan
