"""A cache of parsed reports keyed by content hash: unchanged reports are not parsed again."""

from __future__ import annotations

import hashlib
import os
import pickle
import tempfile
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


def cache_key(report_id: str, report_sha256: str, provenance_sha256: str) -> str:
    """The cache key of a report: its id, its bytes, its provenance and the code that reads it."""
    # The id is in the key because a ParsedReport carries it: a renamed report is a new parse.
    parts = (report_id, report_sha256, provenance_sha256, code_fingerprint())
    return hashlib.sha256("\0".join(parts).encode()).hexdigest()


def load(folder: Path, key: str) -> ParsedReport | None:
    """A cached parse, or None (also when the cache file is unreadable)."""
    path = folder / f"{key}.pickle"
    try:
        with open(path, "rb") as handle:
            return pickle.load(handle)
    except (OSError, pickle.UnpicklingError, EOFError, AttributeError):
        return None


def store(folder: Path, key: str, parsed: ParsedReport) -> None:
    """Save a parse atomically (write to a temporary file of its own, then rename)."""
    folder.mkdir(parents=True, exist_ok=True)
    # A unique temporary name: two builds sharing a cache may store the same key at once.
    with tempfile.NamedTemporaryFile(dir=folder, prefix=f"{key}.", suffix=".tmp", delete=False) as handle:
        try:
            pickle.dump(parsed, handle, protocol=pickle.HIGHEST_PROTOCOL)
        except BaseException:
            handle.close()
            os.unlink(handle.name)
            raise
    os.replace(handle.name, folder / f"{key}.pickle")
