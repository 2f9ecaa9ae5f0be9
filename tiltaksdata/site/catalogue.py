"""A DCAT-AP-NO 2.0 catalogue record of the data package, in Turtle (data/katalog.ttl).

Norway's national data catalogue, data.norge.no, harvests catalogue records in DCAT-AP-NO (DCAT, the
W3C vocabulary, as profiled by Digdir) and validates them against Digdir's SHACL shapes. This writes
one: a dcat:Catalog holding one dcat:Dataset (the data package: NAV's counts of participants in
labour-market measures) with two dcat:Distributions (datapackage.json with its CSV files, and the zip
of the whole package), each with what the shapes require or recommend: titles and descriptions in nb
and en, publisher, NAV as creator, contact point, themes, temporal and spatial coverage, licence,
access rights, frequency, formats, media types and sizes.

The Turtle is written by hand (rdflib is only a test dependency) and is the same bytes for the same
input: the dates come from the reports' publication dates, never from the clock.
"""

from __future__ import annotations

import calendar
import posixpath
import re
from dataclasses import dataclass

from tiltaksdata import words_nb
from tiltaksdata.settings import Site

CATALOGUE = "katalog.ttl"  # beside datapackage.json in data/
NAV = "https://www.nav.no/"
EU = "http://publications.europa.eu/resource/authority/"
IANA = "https://www.iana.org/assignments/media-types/"
# The shapes require licences from EU's licence vocabulary: NLOD 2.0 there (same licence as
# http://data.norge.no/nlod/no/2.0, which the vocabulary does not hold).
LICENCE = EU + "licence/NLOD_2_0"
THEMES = (EU + "data-theme/SOCI", EU + "data-theme/ECON")
NORWAY = (
    "https://data.geonorge.no/administrativeEnheter/nasjon/id/173163",  # Kartverket's, as data.norge.no uses
    EU + "country/NOR",
)  # EU's, which the shapes recommend
DATA_PACKAGE_STANDARD = "https://datapackage.org/standard/data-package/"

PREFIXES = {
    "dcat": "http://www.w3.org/ns/dcat#",
    "dct": "http://purl.org/dc/terms/",
    "foaf": "http://xmlns.com/foaf/0.1/",
    "owl": "http://www.w3.org/2002/07/owl#",
    "vcard": "http://www.w3.org/2006/vcard/ns#",
    "xsd": "http://www.w3.org/2001/XMLSchema#",
}


@dataclass(frozen=True)
class Kind:
    """A kind of distribution: its IRI fragment, EU file types, IANA media type, what it follows, and
    titles and descriptions (nb, en)."""

    fragment: str
    formats: tuple[str, ...]
    media_type: str
    conforms_to: tuple[str, ...]
    titles: tuple[str, str]
    descriptions: tuple[str, str]


# The kinds of distribution, by the ending of their file's name.
DISTRIBUTIONS = {
    ".json": Kind(
        "distribusjon-datapakke",
        ("JSON", "CSV"),
        "application/json",
        (DATA_PACKAGE_STANDARD,),
        ("Datapakke (Frictionless Data Package)", "Data package (Frictionless Data Package)"),
        (
            "Beskrivelsen datapackage.json (Frictionless Data Package v2) med tabellene som CSV-filer "
            "ved siden av: tall, regioner, tiltak og revisjoner.",
            "The descriptor datapackage.json (Frictionless Data Package v2) with its tables as CSV "
            "files beside it: counts, regions, measures and revisions.",
        ),
    ),
    ".zip": Kind(
        "distribusjon-zip",
        ("ZIP",),
        "application/zip",
        (),
        ("Hele datapakken som zip", "The whole data package as a zip"),
        ("datapackage.json og alle CSV-filene i én zip-fil.", "datapackage.json and every CSV file in one zip file."),
    ),
    ".xlsx": Kind(
        "distribusjon-excel",
        ("XLSX",),
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        (),
        ("Hele datapakken som Excel-arbeidsbok", "The whole data package as an Excel workbook"),
        (
            "Alle tabellene i én arbeidsbok: et ark per tabell (per år for de lange), koder som tekst, "
            "«*» beholdt, og et første ark som beskriver hver kolonne.",
            "Every table in one workbook: a sheet per table (per year for the long ones), codes as "
            "text, «*» kept, and a first sheet describing every column.",
        ),
    ),
}

_IRI_FORBIDDEN = re.compile(r'[\x00-\x20<>"{}|^`\\]')
_ESCAPES = {"\\": "\\\\", '"': '\\"', "\n": "\\n", "\r": "\\r", "\t": "\\t", "\b": "\\b", "\f": "\\f"}


def literal(text: str, lang: str = "", datatype: str = "") -> str:
    """A Turtle string literal: backslash, quote and control characters escaped; @lang or ^^datatype."""
    body = "".join(_ESCAPES.get(c, f"\\u{ord(c):04X}" if ord(c) < 0x20 or ord(c) == 0x7F else c) for c in text)
    return f'"{body}"' + (f"@{lang}" if lang else "") + (f"^^{datatype}" if datatype else "")


def iri(address: str) -> str:
    """An absolute IRI in <…>; ValueError for a relative address or characters an IRI cannot hold."""
    if not re.match(r"[A-Za-z][A-Za-z0-9+.-]*:", address) or _IRI_FORBIDDEN.search(address):
        raise ValueError(f"not an absolute IRI: {address!r}")
    return f"<{address}>"


def _both(nb: str, en: str) -> list[str]:
    return [literal(nb, "nb"), literal(en, "en")]


def _date(day: str) -> str:
    return literal(day, datatype="xsd:date")


def _block(subject: str, properties: list[tuple[str, list[str]]]) -> str:
    """One subject and its properties (those without values left out), as a Turtle statement."""
    lines = [f"    {p} {', '.join(objects)}" for p, objects in properties if objects]
    return f"{subject}\n" + " ;\n".join(lines) + " .\n"


def _node(properties: list[tuple[str, list[str]]]) -> str:
    """A blank node written inline: [ p o ; … ]."""
    return "[ " + " ; ".join(f"{p} {', '.join(objects)}" for p, objects in properties if objects) + " ]"


def coverage(sources: list[dict]) -> tuple[str, str] | None:
    """First day of the first month and last day of the last month the reports cover (None: no months)."""
    months = sorted(p for s in sources for p in s.get("periods", []))
    if not months:
        return None
    year, month = (int(part) for part in months[-1].split("-"))
    return f"{months[0]}-01", f"{months[-1]}-{calendar.monthrange(year, month)[1]:02d}"


def package_to_catalogue(descriptor: dict, site: Site, files: dict[str, int]) -> str:
    """datapackage.json's descriptor + the site's settings → a DCAT-AP-NO record in Turtle.

    `files` maps each distribution's file, relative to the data folder, to its size in bytes, e.g.
    {"datapackage.json": n, "../tiltaksdata-datapakke.zip": n}: one dcat:Distribution each."""
    if not site.base_url:
        raise ValueError("a catalogue record needs [site] base_url")
    record = site.absolute(f"data/{CATALOGUE}")
    catalog, dataset = iri(f"{record}#katalog"), iri(f"{record}#datasett")
    publisher = iri(site.publisher_url or site.base_url)
    published = sorted(s["published"] for s in descriptor.get("sources", []) if s.get("published"))
    issued, modified = ([_date(published[0])], [_date(published[-1])]) if published else ([], [])
    licence, language = [iri(LICENCE)], [iri(EU + "language/NOB")]

    distributions = []
    for name, size in sorted(files.items()):
        kind = next((k for suffix, k in DISTRIBUTIONS.items() if name.endswith(suffix)), None)
        if kind is None:
            raise ValueError(f"no kind of distribution for {name!r} (known: {', '.join(DISTRIBUTIONS)})")
        url = iri(site.absolute(posixpath.normpath(f"data/{name}")))
        distributions.append(
            (
                iri(f"{record}#{kind.fragment}"),
                [
                    ("a", ["dcat:Distribution"]),
                    ("dct:title", _both(*kind.titles)),
                    ("dct:description", _both(*kind.descriptions)),
                    ("dcat:accessURL", [url]),
                    ("dcat:downloadURL", [url]),
                    ("dct:license", licence),
                    ("dct:format", [iri(f"{EU}file-type/{f}") for f in kind.formats]),
                    ("dcat:mediaType", [iri(IANA + kind.media_type)]),
                    ("dct:conformsTo", [iri(standard) for standard in kind.conforms_to]),
                    ("dcat:byteSize", [literal(str(int(size)), datatype="xsd:decimal")]),
                    ("dct:modified", modified),
                ],
            )
        )

    period = coverage(descriptor.get("sources", []))
    temporal = (
        [
            _node(
                [
                    ("a", ["dct:PeriodOfTime"]),
                    ("dcat:startDate", [_date(period[0])]),
                    ("dcat:endDate", [_date(period[1])]),
                ]
            )
        ]
        if period
        else []
    )
    contact = _node(
        [
            ("a", ["vcard:Organization"]),
            ("vcard:fn", [literal(site.publisher)]),
            ("vcard:hasURL", [iri(site.contact_url)] if site.contact_url else []),
        ]
    )
    blocks = [
        _block(
            catalog,
            [
                ("a", ["dcat:Catalog"]),
                ("dct:title", _both(f"{site.publisher}: datakatalog", f"{site.publisher}: data catalogue")),
                (
                    "dct:description",
                    _both(
                        f"Datasettene {site.publisher} publiserer: NAVs tall for deltakere i arbeidsrettede tiltak "
                        "som åpne data.",
                        f"The datasets {site.publisher} publishes: NAV's counts of participants in labour-market "
                        "measures as open data.",
                    ),
                ),
                ("dct:identifier", [literal(catalog[1:-1])]),
                ("dct:publisher", [publisher]),
                ("foaf:homepage", [iri(site.base_url)]),
                ("dct:language", language),
                ("dct:modified", modified),
                ("dcat:dataset", [dataset]),
            ],
        ),
        _block(
            dataset,
            [
                ("a", ["dcat:Dataset"]),
                (
                    "dct:title",
                    _both(descriptor["title"], "Participants in labour-market measures – NAV's reports as open data"),
                ),
                ("dct:description", _both(words_nb.DATASET, descriptor["description"])),
                ("dct:identifier", [literal(dataset[1:-1])]),
                ("owl:versionInfo", [literal(descriptor["version"])] if descriptor.get("version") else []),
                ("dct:publisher", [publisher]),
                ("dct:creator", [iri(NAV)]),
                ("dcat:contactPoint", [contact]),
                ("dcat:theme", [iri(t) for t in THEMES]),
                ("dcat:keyword", [literal(k, "nb") for k in descriptor.get("keywords", [])]),  # package.KEYWORDS
                ("dct:temporal", temporal),
                ("dct:spatial", [iri(place) for place in NORWAY]),
                ("dct:license", licence),
                ("dct:accessRights", [iri(EU + "access-right/PUBLIC")]),
                ("dct:accrualPeriodicity", [iri(EU + "frequency/MONTHLY")]),
                ("dcat:landingPage", [iri(site.absolute("data.html"))]),
                ("foaf:page", [iri(site.absolute("metode.html"))]),
                ("dct:issued", issued),
                ("dct:modified", modified),
                ("dct:language", language),
                ("dcat:distribution", [d for d, _ in distributions]),
            ],
        ),
        *(_block(d, properties) for d, properties in distributions),
        _block(publisher, [("a", ["foaf:Agent"]), ("foaf:name", [literal(site.publisher)])]),
        _block(iri(NAV), [("a", ["foaf:Agent"]), ("foaf:name", [literal("NAV")])]),
        _block(
            iri(DATA_PACKAGE_STANDARD),
            [
                ("a", ["dct:Standard"]),  # the shapes want a title for it
                ("dct:title", [literal("Data Package", "en")]),
                ("owl:versionInfo", [literal("2.0")]),
            ],
        ),
    ]
    prefixes = "".join(f"@prefix {p}: {iri(ns)} .\n" for p, ns in PREFIXES.items())
    return prefixes + "\n" + "\n".join(blocks)
