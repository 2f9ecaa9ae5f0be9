"""A fetched report's file name, as the reports already there are named: its months, then its family
(`2026-01_2026-04_tilt170-tilrettelagt-arbeid-demografi.xlsx`); a new publication of a report already
there (NAV replaced the file) lies beside the old one under a name of its own, never over it."""

from __future__ import annotations

import re
import unicodedata

from tiltaksdata.fetch.identify import Identity

FOLD = str.maketrans({"æ": "ae", "ø": "o", "å": "a", "Æ": "ae", "Ø": "o", "Å": "a"})


def slug(text: str) -> str:
    """`TILT170 Tiltaksdeltakere på tilrettelagt arbeid` → `tilt170-tiltaksdeltakere-pa-tilrettelagt-arbeid`."""
    ascii_ = unicodedata.normalize("NFKD", text.translate(FOLD)).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", ascii_.lower()).strip("-")[:80].strip("-") or "rapport"


def base_stem(identity: Identity) -> str:
    """The name a report gets: its months and its family (or its title, for a family not yet known)."""
    months = identity.first if identity.first == identity.last else f"{identity.first}_{identity.last}"
    return f"{months}_{identity.family.id if identity.family else slug(identity.title)}"


def is_same_report(stem: str, base: str) -> bool:
    """A file name of the report `base` names: the first publication, or a later one beside it."""
    return stem == base or stem.startswith(f"{base}_")


def free_stem(base: str, published: str, sha256: str, taken: set[str]) -> str:
    """The first name not yet used: the report's own, else with its publication date, else with its hash too."""
    dated = f"{base}_publisert-{published}" if published else f"{base}_{sha256[:12]}"
    for stem in (base, dated, f"{dated}-{sha256[:12]}"):
        if stem not in taken:
            return stem
    raise ValueError(f"no free name for {base} ({sha256})")  # the same bytes are known by their hash first
