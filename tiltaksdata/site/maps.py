"""Kartverket's boundaries (TopoJSON) → small map assets for the site's choropleths.

Boundaries are given to the build (`--boundaries DIR` or `boundaries` in content/site.toml), never
committed. Each file is recognised by its properties (kommunenummer / fylkesnummer) and assigned
the county structure its codes belong to. Arcs are simplified (Douglas–Peucker on shared arcs, so
neighbours still meet) and quantized to integers with delta encoding, which keeps a municipality
map of Norway under a tenth of its source size.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from tiltaksdata.errors import InputError
from tiltaksdata.model import COUNTY_OTHERS

TOLERANCE = 0.02  # degrees (1–2 km): under a pixel on a 600-pixel map of Norway (26° wide)
QUANTUM = 10_000  # grid steps across the map's extent
LEVELS = {"kommunenummer": ("municipality", 4), "fylkesnummer": ("county", 2)}
ATTRIBUTION = "Kartgrunnlag: © Kartverket, CC BY 4.0"


@dataclass
class Boundaries:
    """One boundary file after processing: its level, the structure of its codes, the TopoJSON."""

    source: str
    level: str  # county or municipality
    structure: str  # id of a county structure (1972, 2018, 2020, 2024)
    topology: dict

    @property
    def key(self) -> str:
        return f"{self.structure}-{'fylker' if self.level == 'county' else 'kommuner'}"

    @property
    def codes(self) -> set[str]:
        return {g["properties"]["code"] for g in self._object["geometries"]}

    @property
    def _object(self) -> dict:
        return next(iter(self.topology["objects"].values()))


# Codes beside the counties in a boundary file or a report: Kartverket's Svalbard (21), Jan Mayen (22)
# and the continental shelf (23), and NAV's «Svalbard og øvrige områder» (97) and «Ukjent fylke» (99).
OUTSIDE_COUNTIES = {"21", "22", "23", *COUNTY_OTHERS}


def _perpendicular(p: Sequence[float], a: Sequence[float], b: Sequence[float]) -> float:
    (x, y), (x1, y1), (x2, y2) = p, a, b
    dx, dy = x2 - x1, y2 - y1
    if dx == dy == 0:
        return ((x - x1) ** 2 + (y - y1) ** 2) ** 0.5
    return abs(dy * x - dx * y + x2 * y1 - y2 * x1) / (dx * dx + dy * dy) ** 0.5


def simplify_arc(points: list, tolerance: float = TOLERANCE) -> list:
    """Douglas–Peucker, keeping both ends; a closed ring keeps at least four points."""
    if len(points) <= 2:
        return points
    if points[0] == points[-1]:  # a ring: split at the point farthest from its start
        far = max(range(len(points)), key=lambda i: _perpendicular(points[i], points[0], points[0]))
        first, second = simplify_arc(points[: far + 1], tolerance), simplify_arc(points[far:], tolerance)
        ring = first[:-1] + second
        return ring if len(ring) >= 4 else points[:1] + [points[far // 2 or 1], points[far]] + points[-1:]
    keep = [False] * len(points)
    keep[0] = keep[-1] = True
    stack = [(0, len(points) - 1)]
    while stack:
        start, end = stack.pop()
        index, distance = 0, 0.0
        for i in range(start + 1, end):
            d = _perpendicular(points[i], points[start], points[end])
            if d > distance:
                index, distance = i, d
        if distance > tolerance:
            keep[index] = True
            stack += [(start, index), (index, end)]
    return [p for p, k in zip(points, keep) if k]


def _decoded(topology: dict) -> list[list[list[float]]]:
    """Absolute coordinates of every arc, whether the source is quantized or not."""
    transform = topology.get("transform")
    if not transform:
        return topology["arcs"]
    (sx, sy), (tx, ty) = transform["scale"], transform["translate"]
    arcs = []
    for arc in topology["arcs"]:
        x = y = 0
        points = []
        for dx, dy, *_ in arc:
            x, y = x + dx, y + dy
            points.append([x * sx + tx, y * sy + ty])
        arcs.append(points)
    return arcs


def quantize(arcs: list[list[list[float]]], bbox: list[float]) -> tuple[dict, list]:
    """Integer, delta-encoded arcs and the transform that turns them back into degrees."""
    x0, y0, x1, y1 = bbox
    sx, sy = (x1 - x0) / (QUANTUM - 1) or 1, (y1 - y0) / (QUANTUM - 1) or 1
    encoded = []
    for arc in arcs:
        previous: tuple[int, int] = (0, 0)
        out: list[list[int]] = []
        for x, y in arc:
            q = (round((x - x0) / sx), round((y - y0) / sy))
            if out and q == previous:
                continue
            out.append([q[0] - previous[0], q[1] - previous[1]])
            previous = q
        if len(out) < 2:  # an arc that collapsed: keep its ends so rings stay closed
            out.append([0, 0])
        encoded.append(out)
    return {"scale": [sx, sy], "translate": [x0, y0]}, encoded


def _ring_area(ring: list[int], arcs: list[list[list[float]]]) -> float:
    """Twice the signed (shoelace) area of a ring of arc indices; ~i is arc i reversed."""
    points: list[list[float]] = []
    for index in ring:
        arc = arcs[index] if index >= 0 else arcs[~index][::-1]
        points += arc[1:] if points else arc
    return sum(x0 * y1 - x1 * y0 for (x0, y0), (x1, y1) in zip(points, points[1:] + points[:1]))


MIN_AREA = 1e-6  # twice the area in square degrees under which a simplified ring is dropped


def _wound(polygon: list[list[int]], arcs: list) -> list[list[int]] | None:
    """The rings of a polygon as d3-geo draws them (exterior clockwise, holes anticlockwise), without
    rings that simplification collapsed; None when the exterior collapsed.

    RFC 7946 files wind the other way, and a ring d3 reads inside out fills the globe but the region.
    """
    out = []
    for i, ring in enumerate(polygon):
        area = _ring_area(ring, arcs)
        if abs(area) < MIN_AREA:
            if i == 0:
                return None
            continue
        out.append(ring if (area < 0) == (i == 0) else [~a for a in reversed(ring)])
    return out


def topology_to_small(topology: dict, level: str, width: int, tolerance: float = TOLERANCE) -> dict:
    """Simplify, quantize and strip a TopoJSON topology to what a map needs: geometry and code."""
    arcs = [simplify_arc(a, tolerance) for a in _decoded(topology)]
    xs = [p[0] for a in arcs for p in a]
    ys = [p[1] for a in arcs for p in a]
    transform, encoded = quantize(arcs, [min(xs), min(ys), max(xs), max(ys)])
    # Winding is judged on the coordinates the browser will see: the quantized ones.
    arcs = _decoded({"transform": transform, "arcs": encoded})
    name, obj = next(iter(topology["objects"].items()))
    prop = next(k for k, (lvl, _) in LEVELS.items() if lvl == level)
    geometries = []
    for g in obj["geometries"]:
        if not g.get("arcs"):
            continue
        polygons = [g["arcs"]] if g["type"] == "Polygon" else g["arcs"]
        kept = [w for w in (_wound(p, arcs) for p in polygons) if w]
        if not kept:  # all of it smaller than the tolerance: keep its largest part, unsimplified in shape
            largest = max(polygons, key=lambda p: abs(_ring_area(p[0], arcs)))
            kept = [[largest[0] if _ring_area(largest[0], arcs) < 0 else [~a for a in reversed(largest[0])]]]
        geometries.append(
            {"type": "MultiPolygon", "arcs": kept, "properties": {"code": str(g["properties"][prop]).zfill(width)}}
        )
    return {
        "type": "Topology",
        "transform": transform,
        "arcs": encoded,
        "objects": {name: {"type": "GeometryCollection", "geometries": geometries}},
    }


def read_boundaries(folder: Path, structures: list[dict], counties: dict[str, tuple[str, str]]) -> list[Boundaries]:
    """Every *.topojson in `folder`, processed; its structure found from its county codes.

    `counties` maps a county code to its (valid_from, valid_to).
    """
    if not folder.is_dir():
        raise InputError(
            "no-boundaries",
            "the boundaries folder does not exist",
            str(folder),
            hint="Give a folder with Kartverket's TopoJSON files, or no boundaries at all.",
        )
    found = []
    for path in sorted(folder.glob("*.topojson")):
        try:
            topology = json.loads(path.read_text(encoding="utf-8"))
            obj = next(iter(topology["objects"].values()))
            props = obj["geometries"][0]["properties"]
            prop = next(k for k in LEVELS if k in props)
        except (ValueError, KeyError, StopIteration, IndexError, TypeError, AttributeError):
            raise InputError(
                "bad-boundaries",
                "not a TopoJSON file of Norwegian counties or municipalities "
                "(no objects with kommunenummer or fylkesnummer)",
                path.name,
                hint="Use Kartverket's Fylker/Kommuner TopoJSON.",
            ) from None
        level, width = LEVELS[prop]
        codes = {str(g["properties"][prop]).zfill(width)[:2] for g in obj["geometries"]}
        structure = _structure_of(codes, structures, counties)
        if structure is None:
            raise InputError(
                "bad-boundaries",
                f"its county codes {sorted(codes)} fit no county structure",
                path.name,
                hint="Boundaries must be of one structure (e.g. 2020 or 2024).",
            )
        found.append(Boundaries(path.name, level, structure, topology_to_small(topology, level, width)))
    return found


def _structure_of(codes: set[str], structures: list[dict], counties: dict[str, tuple[str, str]]) -> str | None:
    for s in structures:
        day = s["valid_from"]
        valid = {c for c, (start, end) in counties.items() if (start or "0000") <= day and (not end or day <= end)}
        if codes <= valid | OUTSIDE_COUNTIES and len(codes & valid) >= len(valid) - 1:
            return s["id"]
    return None


def boundaries_to_script(boundaries: Boundaries) -> str:
    """assets/maps/<structure>-<level>.js: the topology as a global (no fetch: works from disk).

    `self`, not `window`: the chart worker (assets/chart-worker.js) loads it too.
    """
    data = json.dumps(boundaries.topology, separators=(",", ":"))
    return f"self.TILTAK_MAPS = self.TILTAK_MAPS || {{}};\nself.TILTAK_MAPS[{json.dumps(boundaries.key)}] = {data};\n"
