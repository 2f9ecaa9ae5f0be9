"""A cache of parsed reports keyed by content hash: unchanged reports are not parsed again."""

from __future__ import annotations

import ast
import hashlib
import os
import pickle
import tempfile
from collections.abc import Callable
from functools import lru_cache
from pathlib import Path
from typing import IO

from tiltaksdata.model import BuildSummary, ParsedReport

PACKAGE = Path(__file__).parent


def imported_modules(*roots: str) -> list[Path]:
    """The package's modules that `roots` (dotted names under the package, such as "run.parse")
    import, directly or not."""
    seen: set[Path] = set()
    todo = [PACKAGE / f"{root.replace('.', '/')}.py" for root in roots]
    while todo:
        path = todo.pop()
        if path in seen or not path.is_file():
            continue
        seen.add(path)
        for node in ast.walk(ast.parse(path.read_bytes(), str(path))):
            if not isinstance(node, ast.ImportFrom):
                continue
            if node.level:  # from .x import y
                base = path.parent
                for _ in range(node.level - 1):
                    base = base.parent
                where = base.joinpath(*node.module.split(".")) if node.module else base
            elif node.module and node.module.split(".")[0] == PACKAGE.name:  # from tiltaksdata.x import y
                where = PACKAGE.joinpath(*node.module.split(".")[1:])
            else:
                continue
            todo += [where.with_suffix(".py"), where / "__init__.py"]
            todo += [where / f"{alias.name}.py" for alias in node.names]  # `from a.b import c`: c may be a module
    return sorted(seen)


@lru_cache(maxsize=4)
def code_fingerprint(*roots: str) -> str:
    """A hash of the code a cached result depends on (the modules `roots` import) and the reference
    tables: a change to either invalidates it, a change elsewhere (a chart, a page) does not."""
    digest = hashlib.sha256()
    for path in [*imported_modules(*roots), *sorted(PACKAGE.glob("reference/*.csv"))]:
        digest.update(path.relative_to(PACKAGE).as_posix().encode() + b"\0" + path.read_bytes())
    return digest.hexdigest()


PARSE_CODE = ("run.parse",)  # a parse, with its checks (parse imports check)
PART_CODE = ("run.parse", "package.write")  # a report's observations part of the package
SERIES_CODE = ("run.parse", "package.write")  # a month's series and county series parts (package imports series)


def folder_digest(folder: Path, pattern: str) -> str:
    """A hash of the files in a folder that match a pattern, by name and content."""
    digest = hashlib.sha256()
    for path in sorted(folder.glob(pattern)):
        digest.update(path.name.encode() + b"\0" + path.read_bytes())
    return digest.hexdigest()


def cache_key(report_id: str, report_sha256: str, provenance_sha256: str, code: tuple[str, ...] = PARSE_CODE) -> str:
    """The cache key of a report: its id, its bytes, its provenance and the code that reads it."""
    # The id is in the key because a ParsedReport carries it: a renamed report is a new parse.
    parts = (report_id, report_sha256, provenance_sha256, code_fingerprint(*code))
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
    write_atomically(
        folder / f"{key}.pickle", lambda handle: pickle.dump(parsed, handle, protocol=pickle.HIGHEST_PROTOCOL)
    )


def write_atomically(target: Path, write: Callable[[IO[bytes]], object]) -> None:
    """Write a cache file under a temporary name of its own, then rename it into place.

    A unique temporary name: two builds sharing a cache may write the same entry at once.
    """
    target.parent.mkdir(parents=True, exist_ok=True)
    with tempfile.NamedTemporaryFile(
        dir=target.parent, prefix=f"{target.name}.", suffix=".tmp", delete=False
    ) as handle:
        try:
            write(handle)
        except BaseException:
            handle.close()
            os.unlink(handle.name)
            raise
    os.replace(handle.name, target)


ROOT = PACKAGE.parent


def _files_digest(paths: list[Path]) -> str:
    digest = hashlib.sha256()
    for path in paths:
        digest.update(str(path).encode() + b"\0" + (path.read_bytes() if path.is_file() else b""))
    return digest.hexdigest()


def build_stamp(reports: list, content: Path, boundaries: Path | None, out: Path, settings: str = "") -> str:
    """What a site depends on: every report and provenance, the pages, the settings and boundaries,
    all code and templates, and where it is written. Equal stamps, equal sites."""
    inputs = sorted(f"{r.path.name}:{r.sha256}:{r.provenance_sha256}" for r in reports)
    own = sorted(
        [
            *ROOT.glob("build.py"),
            *PACKAGE.rglob("*.py"),
            *PACKAGE.glob("reference/*.csv"),
            *(p for p in (ROOT / "templates").rglob("*") if p.is_file()),
        ]
    )
    given = sorted(
        [*(content / "pages").glob("*"), content / "site.toml", *(sorted(boundaries.glob("*")) if boundaries else [])]
    )
    digest = hashlib.sha256("\n".join([*inputs, str(out.resolve()), settings]).encode())
    digest.update(_files_digest(own).encode() + _files_digest(given).encode())
    return digest.hexdigest()


def site_listing(out: Path) -> str:
    """A digest of a site's files by name and size: a site changed by hand is built again."""
    if not out.is_dir():
        return ""
    files = sorted((str(p.relative_to(out)), p.stat().st_size) for p in out.rglob("*") if p.is_file())
    return hashlib.sha256(repr(files).encode()).hexdigest()


def previous_build(folder: Path, stamp: str, out: Path) -> BuildSummary | None:
    """The summary of the last build into `out` if nothing it depends on changed since, else None."""
    try:
        with open(folder / "last-build.pickle", "rb") as handle:
            last_stamp, listing, summary = pickle.load(handle)
    except (OSError, pickle.UnpicklingError, EOFError, AttributeError, ValueError):
        return None
    return summary if last_stamp == stamp and listing == site_listing(out) and listing else None


def store_build(folder: Path, stamp: str, out: Path, summary: BuildSummary) -> None:
    """Remember a finished build: its stamp, the site it wrote, its summary."""
    record = (stamp, site_listing(out), summary)
    write_atomically(
        folder / "last-build.pickle", lambda handle: pickle.dump(record, handle, protocol=pickle.HIGHEST_PROTOCOL)
    )


def keep_file(source: Path, target: Path) -> None:
    """Copy a file into the cache atomically (a temporary file of its own, then rename)."""
    write_atomically(target, lambda handle: handle.write(source.read_bytes()))
