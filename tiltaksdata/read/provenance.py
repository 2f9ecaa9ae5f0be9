"""Reports in `content/reports/` and their provenance, kept as data beside each report.

`2014-02_tiltak-og-fylke.txt` has `2014-02_tiltak-og-fylke.toml` beside it: title, publisher,
period, licence, source URL where known, the report's scope, and errors known to be in the
source (each with its reason). Every report needs one: a report without it, or with an invalid
value in it, stops the build with a message that shows the template to fill in.
"""

from __future__ import annotations

import hashlib
import re
import tomllib
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from tiltaksdata.errors import Problem

READABLE = (".txt", ".pdf", ".xlsx", ".xls")  # text extracts, PDFs, NAV's workbooks
WORKBOOKS = (".xlsx", ".xls")
IGNORED = (".toml", ".md")
DEFAULT_LICENCE = "NLOD-2.0"


@dataclass(frozen=True)
class KnownError:
    """A problem NAV's report really has, listed so the build can accept it knowingly."""

    type: str
    key: str
    reason: str


@dataclass
class Report:
    """A report file with its provenance."""

    path: Path
    id: str
    sha256: str
    title: str = ""
    publisher: str = "NAV"
    period: str = ""
    published: str = ""
    published_estimated: bool = False
    licence: str = DEFAULT_LICENCE
    source_url: str = ""
    landing_page: str = ""
    format: str = ""
    notes: str = ""
    notes_nb: str = ""  # the same in bokmål, for the report's page
    scope: dict[str, str] = field(default_factory=dict)
    known_errors: list[KnownError] = field(default_factory=list)
    breaks: list[dict[str, str]] = field(default_factory=list)
    provenance_sha256: str = ""
    # Written by `python -m tiltaksdata.fetch`: the file's sha256 as fetched (checked against its bytes),
    # the day it was fetched, NAV's own file name, and the other format's attachment where NAV published two.
    stated_sha256: str = ""
    retrieved: str = ""
    source_file: str = ""
    also_source_url: str = ""
    also_stated_sha256: str = ""
    # The same report in another format beside it (its PDF or text beside NAV's workbook), with its sha256.
    companions: list[tuple[Path, str]] = field(default_factory=list)


TEMPLATE = """title = "<the report's title as NAV prints it>"
publisher = "NAV"
period = "YYYY-MM"            # or "YYYY-MM/YYYY-MM": the months the report covers
published = "YYYY-MM-DD"      # when NAV published it (required unless the report prints it)
# published_estimated = true  # where that date is NAV's release date as best known, not printed
licence = "NLOD-2.0"
source_url = ""               # https:// address of the file, where known
landing_page = "https://www.nav.no/statistikk"
notes = \"\"\"What the report holds.\"\"\"
notes_nb = \"\"\"Det samme på bokmål (vises på rapportens side).\"\"\"
# [scope] measure_group = "…"   when the whole report covers one measure group"""
REQUIRED = ("title", "publisher", "period", "licence")
TEXT_FIELDS = (
    "title",
    "publisher",
    "period",
    "published",
    "licence",
    "source_url",
    "landing_page",
    "format",
    "notes",
    "notes_nb",
    "sha256",
    "retrieved",
    "source_file",
    "also_source_url",
    "also_sha256",
)
# A provenance key kept under another name in the report: its `sha256` is the file's, computed from its bytes.
ATTRIBUTES = {"sha256": "stated_sha256", "also_sha256": "also_stated_sha256"}
URL_FIELDS = ("source_url", "landing_page", "also_source_url")
SHA256 = re.compile(r"^[0-9a-f]{64}$")
# A local copy of NAV's pages (a test server, a mirror on this machine) may be served over plain http.
LOOPBACK = re.compile(r"^http://(localhost|127\.\d+\.\d+\.\d+|\[::1\])(:\d+)?/")
TABLES = ("scope", "known_errors", "breaks")
FLAGS = ("published_estimated",)  # true: `published` is NAV's release date as best known, not printed
SCOPE_DIMENSIONS = ("participant_group", "measure_group")
MONTH = re.compile(r"^(\d{4})-(0[1-9]|1[0-2])$")
FILE_PERIOD = re.compile(r"^(\d{4}-\d{2})(?:_(\d{4}-\d{2}))?_")
# NAV's own file names start with the latest month only: `202601_TILT170 …`, `2026.04_TILT100 …`
NAV_FILE_MONTH = re.compile(r"^(\d{4})\.?(0[1-9]|1[0-2])_(?=TILT\d{3})")


def period_to_months(period: str) -> tuple[str, str] | None:
    """`2019-01/2019-12` → (`2019-01`, `2019-12`); `2026-01` → (`2026-01`, `2026-01`); None if invalid."""
    parts = period.split("/")
    if len(parts) not in (1, 2) or not all(MONTH.match(p) for p in parts) or parts[0] > parts[-1]:
        return None
    return parts[0], parts[-1]


def is_address(url: str) -> bool:
    """An https:// address (or http:// on this machine: a local copy of NAV's pages), without spaces."""
    return ((url.startswith("https://") and len(url) > len("https://")) or bool(LOOPBACK.match(url))) and not any(
        c.isspace() for c in url
    )


def _is_date(text: str) -> bool:
    try:
        return date.fromisoformat(text).isoformat() == text
    except ValueError:
        return False


def _provenance_problems(report: Report, meta: dict, name: str) -> list[Problem]:
    """Every invalid value in a provenance file, each a problem naming the field."""
    problems = []

    def bad(name_: str, message: str) -> None:
        problems.append(
            Problem(
                "bad-provenance", f"{name_}: {message}", name, hint=f"A provenance file looks like this:\n{TEMPLATE}"
            )
        )

    for key in FLAGS:
        if key in meta and not isinstance(meta[key], bool):
            bad(key, "must be true or false")
    for key in sorted(set(meta) - set(TEXT_FIELDS) - set(TABLES) - set(FLAGS)):
        bad(key, "not a provenance field (a typo?)")
    for key in TEXT_FIELDS:
        if key in meta and not isinstance(meta[key], str):
            bad(key, f"must be text in quotes, not {type(meta[key]).__name__}")
    for key in REQUIRED:
        if not str(meta.get(key, "")).strip():
            bad(key, "is required")
    if report.period and period_to_months(report.period) is None:
        bad("period", f"{report.period!r} is not YYYY-MM or YYYY-MM/YYYY-MM (start before end)")
    for key in ("published", "retrieved"):
        if getattr(report, key) and not _is_date(getattr(report, key)):
            bad(key, f"{getattr(report, key)!r} is not a date YYYY-MM-DD")
    for key in URL_FIELDS:
        value = getattr(report, key)
        if value and not (is_address(value)):
            bad(key, f"{value!r} is not an https:// address")
    for key, attribute in ATTRIBUTES.items():
        if getattr(report, attribute) and not SHA256.match(getattr(report, attribute)):
            bad(key, f"{getattr(report, attribute)!r} is not a sha256 (64 hexadecimal digits, lower case)")
    scope = meta.get("scope", {})
    if not isinstance(scope, dict):
        bad("scope", "must be a table: [scope] with measure_group = \"…\"")
    else:
        for key, value in scope.items():
            if key not in SCOPE_DIMENSIONS:
                bad("scope", f"{key!r} is not one of {', '.join(SCOPE_DIMENSIONS)}")
            elif not isinstance(value, str) or not value.strip():
                bad("scope", f"{key} must be a label in quotes")
    for table, fields in (("known_errors", ("type", "key", "reason")), ("breaks", ("period", "dimension", "note"))):
        entries = meta.get(table, [])
        if not isinstance(entries, list) or not all(isinstance(e, dict) for e in entries):
            bad(table, f"must be [[{table}]] entries")
            continue
        for entry in entries:
            if unknown := sorted(set(entry) - set(fields)):
                bad(table, f"an entry has {', '.join(map(repr, unknown))}, not a field of [[{table}]] (a typo?)")
            if missing := [f for f in fields if not str(entry.get(f, "")).strip()]:
                bad(table, f"an entry lacks {', '.join(missing)}")
            elif table == "breaks" and not MONTH.match(str(entry["period"])):
                bad(table, f"period {entry['period']!r} is not YYYY-MM")
    return problems


def load_provenance(report: Report, toml_path: Path) -> list[Problem]:
    """Read a provenance file into the report; return every problem with it."""
    data = toml_path.read_bytes()
    try:
        meta = tomllib.loads(data.decode("utf-8"))
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as err:
        return [
            Problem(
                "bad-provenance",
                f"provenance file is not valid TOML: {err}",
                toml_path.name,
                hint=f"A provenance file looks like this:\n{TEMPLATE}",
            )
        ]
    for name in TEXT_FIELDS:
        if name in meta:
            setattr(report, ATTRIBUTES.get(name, name), str(meta[name]).strip())
    problems = _provenance_problems(report, meta, toml_path.name)
    if problems:
        return problems
    report.published_estimated = bool(meta.get("published_estimated", False))
    report.scope = {str(k): str(v) for k, v in meta.get("scope", {}).items()}
    report.known_errors = [
        KnownError(str(e["type"]), str(e["key"]), str(e["reason"])) for e in meta.get("known_errors", [])
    ]
    report.breaks = [
        {"period": str(b["period"]), "dimension": str(b["dimension"]), "note": str(b["note"])}
        for b in meta.get("breaks", [])
    ]
    report.provenance_sha256 = hashlib.sha256(data).hexdigest()
    return []
