"""The build cache: results of earlier builds (parses, package parts, sheets, …) keyed by what they
depend on, so unchanged work is not done again.

Nothing in it is trusted blindly: every entry is written with a digest and the length of its own bytes
(`store_bytes`), and read back only when both still hold (`load_bytes`). A truncated, cut, flipped or
unreadable entry is a miss — the result is made again and the entry replaced — never data, and the
build's summary says how many it found.
"""

from __future__ import annotations

import ast
import hashlib
import os
import pickle
import tempfile
import time
from collections.abc import Callable
from functools import lru_cache
from pathlib import Path
from typing import IO, Any

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


ENTRY_MAGIC = b"tiltaksdata-cache-2"  # the entry format; an entry of another is stale, not damaged

# The entries this process found damaged (and so made again), for the build's summary. Only the
# build's main process reads the cache; `forget_damage` starts a build's count.
_DAMAGED: list[str] = []


# And the entries it used (read whole, or wrote): after a build, `sweep` removes the rest.
_USED: set[str] = set()


def damaged_entries() -> list[str]:
    """The cache entries found damaged since `forget_damage`, as paths."""
    return list(_DAMAGED)


def forget_damage() -> None:
    """Start a build's record: no entry found damaged, none used yet."""
    _DAMAGED.clear()
    _USED.clear()


def mark_used(path: Path) -> None:
    """Record that this build relies on a cache file (an entry, or a stamp that a part was validated)."""
    _USED.add(os.path.abspath(path))


STALE_TEMPORARY = 24 * 3600  # seconds: a temporary file this old was left by a build that was killed


def sweep(folder: Path) -> int:
    """Remove the cache files the build just finished did not use: entries of reports, parts and code
    that are gone. The cache then holds what the next build needs, not every build's. A temporary
    file another build may still be writing is left (unless a day old). Returns how many were removed."""
    removed, now = 0, time.time()
    for path in folder.rglob("*"):
        if not path.is_file() or os.path.abspath(path) in _USED:
            continue
        if path.name.endswith(".tmp") and now - path.stat().st_mtime < STALE_TEMPORARY:
            continue
        path.unlink(missing_ok=True)
        removed += 1
    return removed


def _entry_digest(name: str, data: bytes) -> bytes:
    """The digest of an entry's bytes and of its name: an entry copied over another (another key's
    whole entry, under this key) is as damaged as a flipped digit."""
    digest = hashlib.sha256(name.encode() + b"\0")
    digest.update(data)
    return digest.hexdigest().encode()


def entry_bytes(name: str, data: bytes) -> bytes:
    """A cache entry as stored under `name`: a line with the digest and length of `data`, then `data`."""
    return b"%s %s %d\n" % (ENTRY_MAGIC, _entry_digest(name, data), len(data)) + data


def store_bytes(target: Path, data: bytes) -> None:
    """Keep `data` in the cache at `target`, with its digest, atomically."""
    entry = entry_bytes(target.name, data)
    write_atomically(target, lambda handle: handle.write(entry))
    mark_used(target)


def load_bytes(path: Path | None) -> bytes | None:
    """What `store_bytes` kept at `path`, or None: when there is no entry, when it is of another
    version, and when it is damaged — its length or digest (of its bytes and its name) no longer
    holds, or it cannot be read — which is also recorded."""
    if path is None:
        return None
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        return None
    except OSError:
        _DAMAGED.append(str(path))
        return None
    head, newline, data = raw.partition(b"\n")
    fields = head.split(b" ")
    if fields[0] != ENTRY_MAGIC and fields[0].startswith(b"tiltaksdata-cache-") and newline:
        return None  # written by another version of this code: a miss, made again
    if (
        not newline
        or len(fields) != 3
        or fields[0] != ENTRY_MAGIC
        or fields[2] != b"%d" % len(data)
        or fields[1] != _entry_digest(path.name, data)
    ):
        _DAMAGED.append(str(path))
        return None
    mark_used(path)
    return data


def load_pickle(path: Path | None) -> Any:
    """An object `store_pickle` kept, or None (no entry, a damaged one, or one older code cannot load)."""
    data = load_bytes(path)
    if data is None:
        return None
    try:
        return pickle.loads(data)
    except (pickle.UnpicklingError, EOFError, AttributeError, ImportError, TypeError, ValueError):
        return None  # whole and undamaged, but of classes this code no longer has: a miss


def store_pickle(target: Path, value: object) -> None:
    store_bytes(target, pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL))


def load(folder: Path, key: str) -> ParsedReport | None:
    """A cached parse, or None (also when the entry is damaged)."""
    parsed = load_pickle(folder / f"{key}.pickle")
    return parsed if isinstance(parsed, ParsedReport) else None


def store(folder: Path, key: str, parsed: ParsedReport) -> None:
    """Save a parse atomically (write to a temporary file of its own, then rename)."""
    store_pickle(folder / f"{key}.pickle", parsed)


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
    """A digest of a site's files, by name and content: a site changed by hand, or damaged, is built
    again (the site is the last build's result; a flipped digit in it must not be kept as current)."""
    if not out.is_dir():
        return ""
    digest = hashlib.sha256()
    for path in sorted(p for p in out.rglob("*") if p.is_file()):
        data = path.read_bytes()
        digest.update(b"%s\0%d\0" % (path.relative_to(out).as_posix().encode(), len(data)))
        digest.update(hashlib.sha256(data).digest())
    return digest.hexdigest()


def previous_build(folder: Path, stamp: str, out: Path) -> BuildSummary | None:
    """The summary of the last build into `out` if nothing it depends on changed since, else None."""
    record = load_pickle(folder / "last-build.entry")
    if not (isinstance(record, tuple) and len(record) == 3 and isinstance(record[2], BuildSummary)):
        return None
    last_stamp, listing, summary = record
    return summary if last_stamp == stamp and listing and listing == site_listing(out) else None


def store_build(folder: Path, stamp: str, out: Path, summary: BuildSummary) -> None:
    """Remember a finished build: its stamp, the site it wrote, its summary."""
    store_pickle(folder / "last-build.entry", (stamp, site_listing(out), summary))


def keep_file(source: Path, target: Path) -> None:
    """Keep a copy of a file in the cache (with its digest; atomically)."""
    store_bytes(target, source.read_bytes())


def copy_kept(kept: Path, target: Path) -> bool:
    """Copy a file `keep_file` kept to `target`; False, and nothing written, if the entry is missing or damaged."""
    data = load_bytes(kept)
    if data is None:
        return False
    target.write_bytes(data)
    return True
