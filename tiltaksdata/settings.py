"""Settings of a build: content/site.toml, overridden by command-line options."""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from pathlib import Path

from .errors import ReportError

SETTINGS_FILE = "site.toml"


@dataclass(frozen=True)
class Settings:
    """What a build may be given besides the reports. Paths in site.toml are relative to it."""

    boundaries: Path | None = None  # a folder with Kartverket's TopoJSON boundaries, or none: no maps

    def __post_init__(self) -> None:
        if self.boundaries is not None and not self.boundaries.is_dir():
            raise ReportError("bad-setting", f"boundaries: {self.boundaries} is not a folder", SETTINGS_FILE,
                              hint="Give the folder with Fylker*.topojson and Kommuner*.topojson, or leave it out.")


def read_settings(content: Path, boundaries: Path | None = None) -> Settings:
    """content/site.toml (if there), with `boundaries` from the command line taking precedence."""
    path = content / SETTINGS_FILE
    meta = {}
    if path.exists():
        try:
            meta = tomllib.loads(path.read_text(encoding="utf-8"))
        except (tomllib.TOMLDecodeError, UnicodeDecodeError) as err:
            raise ReportError("bad-setting", f"not valid TOML: {err}", SETTINGS_FILE) from None
    unknown = set(meta) - {"maps"} or set(meta.get("maps", {})) - {"boundaries"}
    if unknown:
        raise ReportError("bad-setting", f"unknown setting(s) {sorted(unknown)}", SETTINGS_FILE,
                          hint="Known: [maps] boundaries.")
    configured = meta.get("maps", {}).get("boundaries") or None
    if boundaries is None and configured:
        boundaries = (path.parent / configured).resolve()
    return Settings(boundaries=boundaries)
