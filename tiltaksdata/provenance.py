"""Reports in `content/reports/` and their provenance, kept as data beside each report.

`2014-02_tiltak-og-fylke.txt` has `2014-02_tiltak-og-fylke.toml` beside it: title, publisher,
period, licence, source URL where known, the report's scope, and errors known to be in the
source (each with its reason). A report without one is still read, with NAV's defaults.
"""

from __future__ import annotations

import hashlib
import tomllib
from dataclasses import dataclass, field
from pathlib import Path

from .errors import ReportError

READABLE = (".txt", ".pdf")
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
    licence: str = DEFAULT_LICENCE
    source_url: str = ""
    landing_page: str = ""
    format: str = ""
    notes: str = ""
    scope: dict[str, str] = field(default_factory=dict)
    known_errors: list[KnownError] = field(default_factory=list)
    breaks: list[dict[str, str]] = field(default_factory=list)
    has_provenance: bool = False
    provenance_sha256: str = ""


def _load_provenance(report: Report, toml_path: Path) -> None:
    data = toml_path.read_bytes()
    try:
        meta = tomllib.loads(data.decode("utf-8"))
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as err:
        raise ReportError("bad-provenance", f"provenance file is not valid TOML: {err}", toml_path.name,
                          hint="See content/reports/*.toml for the expected fields.") from None
    for name in ("title", "publisher", "period", "licence", "source_url", "landing_page", "format", "notes"):
        if name in meta:
            setattr(report, name, str(meta[name]))
    report.scope = {str(k): str(v) for k, v in meta.get("scope", {}).items()}
    try:
        report.known_errors = [KnownError(e["type"], e["key"], e["reason"]) for e in meta.get("known_errors", [])]
    except KeyError as err:
        raise ReportError("bad-provenance", f"a known_errors entry lacks {err}", toml_path.name,
                          hint="Each known error needs type, key and reason.") from None
    try:
        report.breaks = [{"period": str(b["period"]), "dimension": str(b["dimension"]), "note": str(b["note"])}
                         for b in meta.get("breaks", [])]
    except KeyError as err:
        raise ReportError("bad-provenance", f"a breaks entry lacks {err}", toml_path.name,
                          hint="Each break needs period (YYYY-MM), dimension and note.") from None
    report.has_provenance = True
    report.provenance_sha256 = hashlib.sha256(data).hexdigest()


def find_reports(folder: Path) -> list[Report]:
    """Every report file in a folder, sorted by name, with its provenance read."""
    if not folder.is_dir():
        raise ReportError("no-reports-folder", "the reports folder does not exist", str(folder),
                          hint="Run from the project folder, or pass --content DIR.")
    reports = []
    for path in sorted(p for p in folder.iterdir() if p.is_file() and not p.name.startswith(".")):
        if path.suffix.lower() in IGNORED:
            continue
        if path.suffix.lower() not in READABLE:
            raise ReportError("unsupported-format", f"cannot read {path.suffix or 'extension-less'} files",
                              path.name, hint="Reports are read from .pdf files and .txt text extracts; "
                              "save an Excel report as PDF, or remove the file.")
        report = Report(path, path.stem, hashlib.sha256(path.read_bytes()).hexdigest())
        toml_path = path.with_suffix(".toml")
        if toml_path.exists():
            _load_provenance(report, toml_path)
        reports.append(report)
    if not reports:
        raise ReportError("no-reports", "no reports in the folder", str(folder),
                          hint="Put NAV reports (.pdf or .txt) in content/reports/.")
    return reports
