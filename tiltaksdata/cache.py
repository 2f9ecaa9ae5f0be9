"""A cache of parsed reports keyed by content hash: unchanged reports are not parsed again."""

from __future__ import annotations

import hashlib
import pickle
from functools import lru_cache
from pathlib import Path

from .model import ParsedReport

PACKAGE = Path(__file__).parent


@lru_cache(maxsize=1)
def code_fingerprint() -> str:
    """A hash of the reader's code and vocabularies: a change to either invalidates the cache."""
    digest = hashlib.sha256()
    for path in sorted([*PACKAGE.glob("*.py"), *PACKAGE.glob("reference/*.csv")]):
        digest.update(path.name.encode() + path.read_bytes())
    return digest.hexdigest()


def cache_key(report_sha256: str, provenance_sha256: str) -> str:
    """The cache key of a report: its bytes, its provenance and the code that reads it."""
    return hashlib.sha256(f"{report_sha256}:{provenance_sha256}:{code_fingerprint()}".encode()).hexdigest()


def load(folder: Path, key: str) -> ParsedReport | None:
    """A cached parse, or None (also when the cache file is unreadable)."""
    path = folder / f"{key}.pickle"
    try:
        with open(path, "rb") as handle:
            return pickle.load(handle)
    except (OSError, pickle.UnpicklingError, EOFError, AttributeError):
        return None


def store(folder: Path, key: str, parsed: ParsedReport) -> None:
    """Save a parse atomically (write, then rename)."""
    folder.mkdir(parents=True, exist_ok=True)
    tmp = folder / f"{key}.tmp"
    with open(tmp, "wb") as handle:
        pickle.dump(parsed, handle, protocol=pickle.HIGHEST_PROTOCOL)
    tmp.replace(folder / f"{key}.pickle")
