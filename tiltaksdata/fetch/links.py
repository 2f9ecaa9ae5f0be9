"""A statistics page (HTML) → the links to report files on it: NAV's attachments, relative or absolute,
URL-encoded, `YYYYMM_` or `YYYY.MM_` names; every other file link kept aside, to be named in the summary."""

from __future__ import annotations

import html
import re
from dataclasses import dataclass
from html.parser import HTMLParser
from urllib.parse import quote, unquote, urljoin, urlsplit, urlunsplit

FILE_TYPES = (".xlsx", ".xls", ".pdf")
# A report file's name: a NAV table code, a month prefix (`202605_`, `2026.04_`), or the word tiltak
# (`Tiltaksdeltakere …`, `Deltakere i arbeidsrettede tiltak …`).
REPORT_NAME = re.compile(r"TILT\d{3}|^\d{4}\.?(0[1-9]|1[0-2])[_ ]|tiltak", re.IGNORECASE)
# NAV's annual averages beside the monthly series («Årsgjennomsnitt», «Tidsserie år»): not a monthly report.
NOT_MONTHLY = re.compile(r"årsgjennomsnitt|arsgjennomsnitt|tidsserie\W+(?:år|ar)\b", re.IGNORECASE)
# An attachment's address anywhere in the page's text (in a script's JSON as well as in a link).
ATTACHMENT = re.compile(r"""(?:https?://[\w.:-]+)?/_/attachment/(?:download|inline)/[^"'\s<>)\\]+""")


@dataclass(frozen=True)
class Link:
    """A link to a file: its absolute address (percent-encoded one way), its file name and the page that links it."""

    url: str
    name: str
    page: str


class _Anchors(HTMLParser):
    """Every `href` of every `<a>` on a page."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.hrefs: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "a":
            self.hrefs += [value for name, value in attrs if name == "href" and value]


def canonical_url(url: str) -> str:
    """An address percent-encoded one way (`%20`, not `+` or a space), without its fragment: two links
    to one file compare equal however the page wrote them."""
    parts = urlsplit(url.strip())
    path = quote(unquote(parts.path), safe="/:@!$&'()*+,;=-._~")
    return urlunsplit((parts.scheme.lower(), parts.netloc.lower(), path, parts.query, ""))


def file_name(url: str) -> str:
    """The decoded file name an address ends with (`202601_TILT170 Tiltaksdeltakere ….xlsx`)."""
    return unquote(urlsplit(url).path.rsplit("/", 1)[-1]).strip()


def is_file_link(name: str) -> bool:
    """A link to a workbook or a PDF, by its name."""
    return name.lower().endswith(FILE_TYPES)


def is_report_name(name: str, ignore: tuple[str, ...] = ()) -> bool:
    """A file name that looks like a report of NAV's monthly series on participants in measures, and
    contains none of the words in `ignore` (`--ignore`)."""
    ignored = any(word.casefold() in name.casefold() for word in ignore)
    return is_file_link(name) and bool(REPORT_NAME.search(name)) and not NOT_MONTHLY.search(name) and not ignored


def page_to_hrefs(text: str) -> list[str]:
    """Every link target on a page: `<a href>`s, then attachment addresses in its scripts, in order."""
    anchors = _Anchors()
    anchors.feed(text)
    anchors.close()
    unescaped = html.unescape(text.replace("\\u002F", "/").replace("\\/", "/"))
    return anchors.hrefs + [m[0] for m in ATTACHMENT.finditer(unescaped)]


def page_to_links(text: str, page_url: str, ignore: tuple[str, ...] = ()) -> tuple[list[Link], list[Link]]:
    """A page → (links to report files, links to other workbooks and PDFs), each address once, in page order."""
    reports: dict[str, Link] = {}
    others: dict[str, Link] = {}
    for href in page_to_hrefs(text):
        if href.startswith(("mailto:", "javascript:", "#")):
            continue
        url = canonical_url(urljoin(page_url, href))
        if urlsplit(url).scheme not in ("http", "https"):
            continue
        name = file_name(url)
        if not is_file_link(name) or url in reports or url in others:
            continue
        (reports if is_report_name(name, ignore) else others)[url] = Link(url, name, page_url)
    return list(reports.values()), list(others.values())
