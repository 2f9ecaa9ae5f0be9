"""Build into a staging folder and swap it in only on success: a failed build changes nothing."""

from __future__ import annotations

import os
import re
import shutil
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path


def process_is_running(pid: int) -> bool:
    """Whether a process with this id exists (ours, or another user's that we may not signal)."""
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    except (OSError, OverflowError):
        # An id the kernel rejects (e.g. out of range) cannot be a running build.
        return False
    return True


def remove_abandoned_staging(out: Path) -> list[Path]:
    """Remove the staging folders beside `out` left by builds that were killed; return them."""
    pattern = re.compile(rf"\.{re.escape(out.name)}\.(?:new|old)-(\d+)")
    removed = []
    for path in sorted(out.parent.iterdir()):
        match = pattern.fullmatch(path.name)
        # A live process's folders belong to a concurrent build (or to this one): never touch them.
        if match and path.is_dir() and not path.is_symlink() and not process_is_running(int(match[1])):
            shutil.rmtree(path, ignore_errors=True)
            removed.append(path)
    return removed


@contextmanager
def staged_output(out: Path) -> Iterator[Path]:
    """Yield an empty staging folder beside `out`; on success it replaces `out`, else it is removed."""
    out = out.resolve()
    out.parent.mkdir(parents=True, exist_ok=True)
    remove_abandoned_staging(out)
    staging = out.parent / f".{out.name}.new-{os.getpid()}"
    old = out.parent / f".{out.name}.old-{os.getpid()}"
    shutil.rmtree(staging, ignore_errors=True)
    staging.mkdir()
    try:
        yield staging
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    if out.exists():
        out.rename(old)
    staging.rename(out)
    shutil.rmtree(old, ignore_errors=True)
