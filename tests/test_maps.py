"""Maps: boundary processing on hand-made shapes, and the site built with Kartverket's boundaries."""

from __future__ import annotations

import io
import json
from pathlib import Path

import build
from tiltaksdata.run import cli
from tiltaksdata.site.maps import _decoded, _ring_area, simplify_arc, topology_to_small
from tiltaksdata.site.pages.maps import classes

ROOT = Path(__file__).resolve().parent.parent


def square(x0: float, y0: float, size: float, clockwise: bool) -> list[list[float]]:
    ring = [[x0, y0], [x0 + size, y0], [x0 + size, y0 + size], [x0, y0 + size], [x0, y0]]
    return ring[::-1] if clockwise else ring


def test_simplify_keeps_ends_and_rings_and_drops_points_within_tolerance():
    line = [[0, 0], [1, 0.001], [2, -0.001], [3, 0]]
    assert simplify_arc(line, 0.01) == [[0, 0], [3, 0]]
    assert simplify_arc(line, 0.0001) == line
    ring = square(0, 0, 1, False)
    assert simplify_arc(ring, 0.01) == ring  # corners are far from every chord


def test_rings_are_wound_for_d3_and_collapsed_rings_dropped():
    # An anticlockwise (RFC 7946) exterior with a hole, and an island too small to keep.
    topology = {
        "type": "Topology",
        "arcs": [square(10, 60, 1, False), square(10.4, 60.4, 0.2, True), square(12, 62, 0.0003, False)],
        "objects": {
            "K": {
                "type": "GeometryCollection",
                "geometries": [
                    {"type": "MultiPolygon", "arcs": [[[0], [1]], [[2]]], "properties": {"kommunenummer": 301}}
                ],
            }
        },
    }
    small = topology_to_small(topology, "municipality", 4)
    [geometry] = small["objects"]["K"]["geometries"]
    arcs = _decoded(small)
    assert geometry["properties"] == {"code": "0301"}
    [[exterior, hole]] = geometry["arcs"]  # the island collapsed
    assert _ring_area(exterior, arcs) < 0 < _ring_area(hole, arcs)  # clockwise outside, anticlockwise hole
    assert all(isinstance(v, int) for arc in small["arcs"] for point in arc for v in point)


def test_classes_have_round_limits_and_cover_every_value():
    values = [4, 5, 7, 9, 12, 15, 22, 40, 80, 643]
    bands = classes(values)
    assert bands[0][0] == 4 and bands[-1][1] == float("inf")
    assert all(any(low <= v < high for low, high, _ in bands) for v in values)
    assert classes([]) == []


def run(tmp_path: Path, *extra: str) -> tuple[int, str, Path]:
    out = tmp_path / "site"
    stream = io.StringIO()
    status = cli.main(build.build, ["--out", str(out), "--cache", str(tmp_path / "cache"), "-q", *extra], stream)
    return status, stream.getvalue(), out


def test_without_boundaries_the_build_succeeds_and_says_maps_were_skipped(tmp_path):
    status, printed, out = run(tmp_path)
    assert status == 0 and "Maps skipped: no boundaries given" in printed
    assert not (out / "assets" / "maps").exists() or not list((out / "assets" / "maps").iterdir())


def test_a_file_that_is_not_boundaries_fails_with_its_name(tmp_path):
    folder = tmp_path / "geo"
    folder.mkdir()
    (folder / "Norge.topojson").write_text(
        json.dumps(
            {
                "type": "Topology",
                "arcs": [],
                "objects": {
                    "Norge": {
                        "type": "GeometryCollection",
                        "geometries": [{"type": "Polygon", "arcs": [], "properties": {}}],
                    }
                },
            }
        )
    )
    status, printed, _ = run(tmp_path, "--boundaries", str(folder))
    assert status == 1 and "Norge.topojson: [bad-boundaries]" in printed


def test_with_2024_boundaries_maps_are_small_and_on_the_right_pages(tmp_path, geo):
    status, printed, out = run(tmp_path, "--boundaries", str(geo / "2024"))
    assert status == 0 and "Maps drawn from the boundaries given: 2024-fylker, 2024-kommuner" in printed
    municipalities = (out / "assets/maps/2024-kommuner.js").stat().st_size
    assert municipalities < 200_000 < (geo / "2024/Kommuner-S.topojson").stat().st_size
    front = (out / "index.html").read_text(encoding="utf-8").replace("&#34;", '"')
    assert '"map":"2024-kommuner"' in front and "Kartverket" in front  # the chart worker loads assets/maps/<map>.js
    bergen = (out / "kommune/4601-bergen.html").read_text(encoding="utf-8")
    assert '"map":"2024-kommuner"' in bergen.replace("&#34;", '"')
    vva = (out / "tiltak/varig-vernet-arbeid-vva.html").read_text(encoding="utf-8").replace("&#34;", '"')
    assert "Under 4 (prikket)" in vva and '"k":"Under 4 (prikket)"' in vva  # suppressed: its own class


def test_2020_boundaries_give_the_2020_counties_a_locator(tmp_path, geo):
    status, printed, out = run(tmp_path, "--boundaries", str(geo / "2020"))
    assert status == 0 and "2020-fylker" in printed
    assert '"map":"2020-fylker"' in (out / "fylke/30-viken.html").read_text(encoding="utf-8").replace("&#34;", '"')
    assert "&#34;map&#34;" not in (out / "fylke/01-ostfold.html").read_text(encoding="utf-8")
