"""The staged additions → content/reports/, all of them or none: each file and its .toml are made
whole in the staging folder first, then renamed into place; any failure takes back what was placed.
No file already there is ever replaced."""

from __future__ import annotations

import os
import shutil
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from tiltaksdata.errors import FetchError
from tiltaksdata.fetch.plan import Addition


@contextmanager
def staging_folder(content: Path) -> Iterator[Path]:
    """A hidden folder beside reports/ (on the same disk, so a rename moves a file whole), removed after;
    a content folder made for it is removed too if nothing was placed."""
    made = not content.exists()
    content.mkdir(parents=True, exist_ok=True)
    folder = Path(tempfile.mkdtemp(prefix=".fetch-", dir=content))
    try:
        yield folder
    finally:
        shutil.rmtree(folder, ignore_errors=True)
        if made and not any(content.rglob("*.*")):
            shutil.rmtree(content, ignore_errors=True)


def stage(additions: list[Addition], staging: Path) -> list[tuple[Path, str]]:
    """Every file of every addition and its .toml, whole in `staging/ready`: (path, name in reports/)."""
    ready = staging / "ready"
    ready.mkdir()
    staged = []
    for addition in additions:
        for fetched, name in zip(addition.files, addition.names, strict=True):
            staged.append((fetched.path.rename(ready / name), name))
        toml = ready / f"{addition.stem}.toml"
        toml.write_text(addition.toml, encoding="utf-8")
        staged.append((toml, toml.name))
    return staged


def place(additions: list[Addition], reports: Path, staging: Path) -> list[Path]:
    """Move every staged file into `reports`; on any failure remove what was moved and raise."""
    staged = stage(additions, staging)
    reports.mkdir(parents=True, exist_ok=True)
    taken = [name for _, name in staged if (reports / name).exists()]
    if taken:
        raise FetchError(str(reports), f"would replace {', '.join(taken)}: nothing was added")
    placed: list[Path] = []
    try:
        for path, name in staged:
            target = reports / name
            if target.exists():  # appeared meanwhile: never replaced
                raise FetchError(str(reports), f"{name} appeared while fetching: nothing was added")
            if path.stat().st_dev == reports.stat().st_dev:
                os.replace(path, target)
            else:  # another disk: a copy (the folder is removed after)
                shutil.copy2(path, target)
            placed.append(target)
    except BaseException:
        for target in placed:
            target.unlink(missing_ok=True)
        raise
    return placed
