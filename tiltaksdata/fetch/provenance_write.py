"""A fetched report's provenance `.toml`: what the file says of itself, and where and when it was fetched."""

from __future__ import annotations

import json
from dataclasses import dataclass

from tiltaksdata.fetch.identify import Identity
from tiltaksdata.read.provenance import DEFAULT_LICENCE

MONTHS_EN = "January February March April May June July August September October November December".split()
FORMATS = {
    ".xlsx": "NAV's Excel workbook (.xlsx), as published",
    ".xls": "NAV's Excel workbook (.xls), as published",
    ".pdf": "NAV's PDF report, as published",
}


@dataclass(frozen=True)
class Source:
    """Where one file came from: its attachment address, the page linking it, its bytes' hash and NAV's name."""

    url: str
    page: str
    sha256: str
    name: str
    suffix: str


def _string(text: str) -> str:
    """A TOML basic string (JSON's escapes are TOML's)."""
    return json.dumps(text, ensure_ascii=False)


def _month(period: str) -> str:
    return f"{MONTHS_EN[int(period[5:]) - 1]} {period[:4]}"


def english_notes(identity: Identity, source: Source) -> str:
    """What the file is, in a sentence (the file's own notes are in bokmål, in notes_nb)."""
    months = (
        _month(identity.first)
        if identity.first == identity.last
        else (f"{_month(identity.first)} to {_month(identity.last)}")
    )
    kind = FORMATS[source.suffix].split(",")[0]
    return f"{kind} «{identity.title}», {months}, fetched by `python -m tiltaksdata.fetch` from NAV's page."


def provenance_text(
    identity: Identity, source: Source, retrieved: str, published: str, also: Source | None = None
) -> str:
    """The .toml beside a fetched report. `published` is the file's «Rapport oppdatert»; where it prints
    none, NAV's Last-Modified or the day fetched, marked as estimated."""
    lines = [
        "# Written by `python -m tiltaksdata.fetch` (see README, «Keeping the site current»)",
        "# from NAV's file as published; the build checks the file against its sha256.",
        f"title = {_string(identity.title)}",
        'publisher = "NAV"',
        f"period = {_string(identity.period)}",
    ]
    lines += [f"published = {_string(published)}"]
    if not identity.published:
        lines += ["published_estimated = true  # the file prints no «Rapport oppdatert»"]
    lines += [
        f"licence = {_string(DEFAULT_LICENCE)}",
        f"source_url = {_string(source.url)}",
        f"landing_page = {_string(source.page)}",
        f"source_file = {_string(source.name)}",
        f"sha256 = {_string(source.sha256)}",
        f"retrieved = {_string(retrieved)}",
        f"format = {_string(FORMATS[source.suffix] + (f'; also {FORMATS[also.suffix]}' if also else ''))}",
    ]
    if also:
        lines += [f"also_source_url = {_string(also.url)}", f"also_sha256 = {_string(also.sha256)}"]
    lines += [f"notes = {_string(english_notes(identity, source))}"]
    if identity.notes_nb:
        lines += [f"notes_nb = {_string(identity.notes_nb)}"]
    if identity.scope:
        lines += ["", "[scope]"] + [f"{key} = {_string(value)}" for key, value in sorted(identity.scope.items())]
    for found in identity.breaks:
        lines += ["", "[[breaks]]"] + [f"{key} = {_string(found[key])}" for key in ("period", "dimension", "note")]
    return "\n".join(lines) + "\n"
