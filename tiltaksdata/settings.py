"""Settings of a build: content/site.toml, overridden by command-line options and the environment."""

from __future__ import annotations

import os
import tomllib
from dataclasses import dataclass
from pathlib import Path

from tiltaksdata.errors import InputError

SETTINGS_FILE = "site.toml"
BASE_URL_ENV = "TILTAKSDATA_BASE_URL"  # the Pages workflow sets it to the address GitHub gives the site
SITE_KEYS = ("base_url", "publisher", "publisher_url", "contact_url", "repository", "changelog")


@dataclass(frozen=True)
class Site:
    """Who publishes the site and where: for canonical links, the sitemap, the feed and the footer."""

    base_url: str = ""  # https://…/ with a final slash; empty: no canonical links and no sitemap
    publisher: str = "Tiltaksdata"
    publisher_url: str = ""
    contact_url: str = ""  # where readers reach the publisher (the issue tracker)
    repository: str = ""  # the source code
    changelog: str = ""  # the data package's changelog

    def absolute(self, path: str) -> str:
        """A site path as an absolute address (empty without a base URL)."""
        return f"{self.base_url}{path}" if self.base_url else ""


@dataclass(frozen=True)
class Settings:
    """What a build may be given besides the reports. Paths in site.toml are relative to it."""

    boundaries: Path | None = None  # a folder with Kartverket's TopoJSON boundaries, or none: no maps
    site: Site = Site()

    def __post_init__(self) -> None:
        if self.boundaries is not None and not self.boundaries.is_dir():
            raise InputError(
                "bad-setting",
                f"boundaries: {self.boundaries} is not a folder",
                SETTINGS_FILE,
                hint="Give the folder with Fylker*.topojson and Kommuner*.topojson, or leave it out.",
            )
        for name in ("base_url", "publisher_url", "contact_url", "repository", "changelog"):
            value = getattr(self.site, name)
            if value and not value.startswith("https://"):
                raise InputError("bad-setting", f"[site] {name}: {value!r} is not an https:// address", SETTINGS_FILE)
        if self.site.base_url and not self.site.base_url.endswith("/"):
            raise InputError("bad-setting", f"[site] base_url: {self.site.base_url!r} must end with «/»", SETTINGS_FILE)


def read_settings(content: Path, boundaries: Path | None = None) -> Settings:
    """content/site.toml (if there), with `boundaries` from the command line and the base URL from
    the environment (TILTAKSDATA_BASE_URL) taking precedence."""
    path = content / SETTINGS_FILE
    meta = {}
    if path.exists():
        try:
            meta = tomllib.loads(path.read_text(encoding="utf-8"))
        except (tomllib.TOMLDecodeError, UnicodeDecodeError) as err:
            raise InputError("bad-setting", f"not valid TOML: {err}", SETTINGS_FILE) from None
    unknown = (
        set(meta) - {"maps", "site"}
        or set(meta.get("maps", {})) - {"boundaries"}
        or set(meta.get("site", {})) - set(SITE_KEYS)
    )
    if unknown:
        raise InputError(
            "bad-setting",
            f"unknown setting(s) {sorted(unknown)}",
            SETTINGS_FILE,
            hint=f"Known: [maps] boundaries; [site] {', '.join(SITE_KEYS)}.",
        )
    configured = meta.get("maps", {}).get("boundaries") or None
    if boundaries is None and configured:
        boundaries = (path.parent / configured).resolve()
    site = {k: str(v).strip() for k, v in meta.get("site", {}).items()}
    if base := os.environ.get(BASE_URL_ENV, "").strip():
        site["base_url"] = base if base.endswith("/") else base + "/"
    return Settings(boundaries=boundaries, site=Site(**site))
