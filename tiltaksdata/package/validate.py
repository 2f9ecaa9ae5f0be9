"""Frictionless validation of the written package, part by part, each part once.

A resource written in parts (observations per report, series per month) is validated part by part,
each with the resources its foreign keys point to: the parts split along their primary key
(report, period), so a key cannot repeat across parts and nothing is lost by splitting. A part
whose bytes, schema and the keys of the resources it refers to were validated before (a stamp in the cache) is not
validated again: adding a report validates its own part, the years it changes and the small
resources — not the whole archive. Changed parts are validated in a process pool.
"""

from __future__ import annotations

import csv
import hashlib
import json
import os
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path
from typing import Any

from tiltaksdata import cache
from tiltaksdata.errors import Problem

STAMPS = "valid-parts"
SHAPES = "valid-shapes"  # parts valid but for their provenance fields (see `_provenance_fields`)


def _paths(resource: dict) -> list[str]:
    path = resource["path"]
    return path if isinstance(path, list) else [path]


REPORT_FIELDS = ("report", "old_report", "new_report")


def _without_report_lists(unit: dict) -> dict:
    """A unit as its stamp sees it: without the list of report ids, which grows with every report.

    A part valid against the reports of an earlier build is valid against a longer list; a part
    naming a report no longer there cannot keep its bytes (its rows come from that report).
    """
    resources = []
    for resource in unit["resources"]:
        fields = [
            {**f, "constraints": {k: v for k, v in f.get("constraints", {}).items() if k != "enum"}}
            if f["name"] in REPORT_FIELDS
            else f
            for f in resource["schema"]["fields"]
        ]
        resources.append({**resource, "schema": {**resource["schema"], "fields": fields}})
    return {**unit, "resources": resources}


def package_to_units(path: Path) -> list[tuple[str, dict, str, Any]]:
    """(resource name, a descriptor holding just one part and what it refers to, the unit's digest, the
    digest of everything in it but the part's bytes)."""
    descriptor = json.loads(path.read_text(encoding="utf-8"))
    meta = {k: v for k, v in descriptor.items() if k not in ("created", "resources", "sources")}
    by_name = {r["name"]: r for r in descriptor["resources"]}
    seen: dict[tuple, bytes] = {}  # a referenced resource's key digest, made once
    units = []
    for resource in descriptor["resources"]:
        referred = sorted(
            {
                fk["reference"]["resource"]
                for fk in resource["schema"].get("foreignKeys", [])
                if fk["reference"].get("resource")
            }
            - {resource["name"]}
        )
        for part in _paths(resource):
            unit = {**meta, "resources": [{**resource, "path": part}, *(by_name[r] for r in referred)]}
            context = hashlib.sha256(
                json.dumps(_without_report_lists(unit), sort_keys=True, ensure_ascii=False).encode()
            )
            for name in referred:
                context.update(_keys_digest(path.parent, by_name[name], _referred_fields(resource, name), seen))
            digest = context.copy()
            digest.update(part.encode() + b"\0" + (path.parent / part).read_bytes())
            units.append((resource["name"], unit, digest.hexdigest(), context))
    return units


def _provenance_fields(resource: dict) -> list[str]:
    """The fields saying which publication a row is from (`report`, `published`) where no key uses them.

    A new month's year-to-date report reprints the months before it: their rows keep every value
    and change only these fields, so a part validated before is checked again only in them.
    """
    schema = resource["schema"]
    keyed = set(schema.get("primaryKey", []))
    for fk in schema.get("foreignKeys", []):
        keyed |= set([fk["fields"]] if isinstance(fk["fields"], str) else fk["fields"])
    return [
        f["name"]
        for f in schema["fields"]
        if f["name"] in ("report", "published")
        and f["name"] not in keyed
        and not f.get("constraints", {}).get("unique")
    ]


def _shape(folder: Path, unit: dict, context: Any) -> tuple[str, list[str], list[list[str]]] | None:
    """A part's digest with its provenance fields left out, their name and their values per row; None
    where the resource has no such fields."""
    resource = unit["resources"][0]
    names = _provenance_fields(resource)
    if not names:
        return None
    with open(folder / resource["path"], encoding="utf-8", newline="") as handle:
        rows = list(csv.reader(handle))
    if not rows or any(n not in rows[0] for n in names):
        return None
    at = [rows[0].index(n) for n in names]
    digest = context.copy()
    digest.update(b"shape\0" + resource["path"].encode() + b"\0" + repr(rows[0]).encode())
    values = []
    for row in rows[1:]:
        values.append([row[i] if i < len(row) else "" for i in at])
        digest.update(repr([v for i, v in enumerate(row) if i not in at] + [len(row)]).encode())
    return digest.hexdigest(), names, values


def _fields_hold(resource: dict, names: list[str], values: list[list[str]]) -> bool:
    """Every value of the named fields is one Frictionless reads without an error (type, constraints)."""
    from frictionless import Field

    fields = {f["name"]: f for f in resource["schema"]["fields"]}
    readers = [Field.from_descriptor(fields[name]) for name in names]
    for column, field in enumerate(readers):
        for value in {row[column] for row in values}:  # a few reports and dates, each read once
            if field.read_cell(value)[1]:  # notes: the value breaks the field's type or a constraint
                return False
    return True


def _referred_fields(resource: dict, referred: str) -> tuple[str, ...]:
    """The fields of `referred` that `resource`'s foreign keys point to."""
    fields: list[str] = []
    for fk in resource["schema"].get("foreignKeys", []):
        if fk["reference"].get("resource") == referred:
            keys = fk["reference"]["fields"]
            fields += [keys] if isinstance(keys, str) else keys
    return tuple(sorted(set(fields)))


def _keys_digest(folder: Path, resource: dict, fields: tuple[str, ...], seen: dict) -> bytes:
    """A referenced resource as a part's foreign keys see it: the values of the key fields only. Its other
    columns (measures' first and last month, which move with every new month) cannot make a part invalid,
    and they must not make every part of the archive be validated again."""
    key = (resource["name"], fields)
    if key not in seen:
        digest = hashlib.sha256(repr(fields).encode())
        for file in _paths(resource):
            with open(folder / file, encoding="utf-8", newline="") as handle:
                for row in csv.DictReader(handle):
                    digest.update(repr([row.get(f) for f in fields]).encode())
        seen[key] = digest.digest()
    return seen[key]


def unit_to_errors(task: tuple[str, dict, str]) -> list[tuple[str, str, int | None]]:
    """Validate one part of one resource with Frictionless: (part, message, row) per error."""
    from frictionless import Package, system

    name, unit, basepath = task
    with system.use_context(trusted=True):
        report = Package(unit, basepath=basepath).validate(name=name)
    part = unit["resources"][0]["path"]
    return [(part, e.message, getattr(e, "row_number", None)) for t in report.tasks for e in t.errors] + [
        (part, e.message, None) for e in report.errors
    ]


def metadata_errors(path: Path) -> list[Problem]:
    """The descriptor itself against the Data Package profile."""
    from frictionless import FrictionlessException, Package, system

    try:
        with system.use_context(trusted=True):
            Package(str(path)).to_descriptor(validate=True)
    except FrictionlessException as error:
        return [
            Problem("invalid-package", f"datapackage.json: {e.message}", "datapackage.json") for e in error.to_errors()
        ]
    return []


def validate_package(path: Path, cache_dir: Path | None = None, workers: int | None = None) -> list[Problem]:
    """Frictionless validation of a written package: a problem per error, none when valid.

    Parts validated before (same bytes, schema and references; a stamp in `cache_dir`) are skipped.
    """
    problems = metadata_errors(path)
    if problems:
        return problems
    stamps = cache_dir / STAMPS if cache_dir else None
    shapes = cache_dir / SHAPES if cache_dir else None
    units = package_to_units(path)
    todo = []
    shape_of: dict[str, str] = {}
    for name, unit, digest, context in units:
        if stamps and (stamps / digest).exists():
            cache.mark_used(stamps / digest)
            if shapes and (shape_digest := (stamps / digest).read_bytes().decode("ascii", "replace").strip()):
                cache.mark_used(shapes / shape_digest)  # kept for the day the part is reprinted
            continue
        shape = _shape(path.parent, unit, context) if shapes else None
        if shape and shapes:
            shape_of[digest] = shape[0]
            if (shapes / shape[0]).exists() and _fields_hold(unit["resources"][0], shape[1], shape[2]):
                cache.mark_used(shapes / shape[0])
                _stamp(stamps, digest, shape[0])  # the rows validated before, only their publication changed
                continue
        todo.append((name, unit, digest))
    tasks = [(name, unit, str(path.parent)) for name, unit, _ in todo]
    workers = workers or min(len(tasks), os.cpu_count() or 1)
    if workers > 1 and len(tasks) > 1:
        # biggest parts first, so the pool ends together
        order = sorted(
            range(len(tasks)), key=lambda i: -(path.parent / tasks[i][1]["resources"][0]["path"]).stat().st_size
        )
        with ProcessPoolExecutor(max_workers=workers) as pool:
            results = dict(zip(order, pool.map(unit_to_errors, [tasks[i] for i in order])))
        results_list = [results[i] for i in range(len(tasks))]
    else:
        results_list = [unit_to_errors(task) for task in tasks]
    for (name, _, digest), errors in zip(todo, results_list):
        problems += [
            Problem("invalid-package", f"{name} ({part}): {message}", "datapackage.json", row)
            for part, message, row in errors
        ]
        if stamps and not errors:
            _stamp(stamps, digest, shape_of.get(digest, ""))
            if shapes and digest in shape_of:
                _stamp(shapes, shape_of[digest])
    return problems


def _stamp(folder: Path | None, digest: str, shape: str = "") -> None:
    """A stamp that a unit was valid; a part's stamp names its shape's (so that is kept while the part is)."""
    if folder:
        folder.mkdir(parents=True, exist_ok=True)
        (folder / digest).write_text(shape, encoding="ascii")
        cache.mark_used(folder / digest)
