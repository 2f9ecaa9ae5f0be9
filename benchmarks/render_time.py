"""Benchmark: time to render the whole site from a warm cache, pages per second, size of pages.

    .venv/bin/python benchmarks/render_time.py [--runs N]

Builds once to warm the parse cache, then times N full builds (parse from cache, check, package,
render) and the render stage alone, and prints the sizes of typical pages (HTML + its CSV + the
scripts it loads). Aim (issue 4): the whole site from a warm cache in under 5 s on 2 cores.
"""

from __future__ import annotations

import argparse
import io
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import build  # noqa: E402
from tiltaksdata.run import cli  # noqa: E402
from tiltaksdata.site.render import package_to_site  # noqa: E402

TYPICAL = [
    "index.html",
    "tiltak/varig-vernet-arbeid-vva.html",
    "tiltaksgruppe/tilrettelagt-arbeid.html",
    "fylke/46-vestland.html",
    "kommune/4601-bergen.html",
    "kilder/2026-01-tilrettelagt-arbeid-demografi.html",
]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument(
        "--boundaries",
        type=Path,
        default=ROOT.parent / "shared" / "reference" / "geo" / "2024",
        help="TopoJSON boundaries for the maps (default: ../shared/reference/geo/2024 if there)",
    )
    args = parser.parse_args()
    boundaries = args.boundaries if args.boundaries.is_dir() else None
    with tempfile.TemporaryDirectory() as tmp:
        out, cache = Path(tmp) / "site", Path(tmp) / "cache"
        argv = [
            "--content",
            str(ROOT / "content"),
            "--out",
            str(out),
            "--cache",
            str(cache),
            "-q",
            *(["--boundaries", str(boundaries)] if boundaries else []),
        ]
        cli.main(build.build, argv, io.StringIO())  # warm the cache
        builds = []
        for _ in range(args.runs):
            start = time.perf_counter()
            assert cli.main(build.build, argv, io.StringIO()) == 0
            builds.append(time.perf_counter() - start)
        renders, pages = [], 0
        for i in range(args.runs):
            target = Path(tmp) / f"render{i}"
            target.mkdir()
            start = time.perf_counter()
            pages = package_to_site(out / "data", ROOT / "content" / "pages", target, boundaries)["pages"]
            renders.append(time.perf_counter() - start)
        html = list(out.rglob("*.html"))
        sizes = sorted(p.stat().st_size for p in html)
        scripts = sum(p.stat().st_size for p in (out / "assets").rglob("*.js"))
        print(
            f"whole build, warm cache: median {statistics.median(builds):.2f} s, best {min(builds):.2f} s "
            f"({args.runs} runs)"
        )
        print(
            f"render stage alone:      median {statistics.median(renders):.2f} s for {pages} pages "
            f"= {pages / statistics.median(renders):.0f} pages/s"
        )
        print(
            f"HTML pages: {len(html)}, median {statistics.median(sizes) / 1024:.1f} kB, "
            f"largest {sizes[-1] / 1024:.1f} kB, all {sum(sizes) / 1024 / 1024:.1f} MB"
        )
        print(f"scripts (loaded once, cached by the browser): {scripts / 1024:.0f} kB")
        maps = sorted((out / "assets" / "maps").glob("*.js")) if (out / "assets" / "maps").exists() else []
        print(
            "maps: "
            + (
                ", ".join(f"{m.name} {m.stat().st_size / 1024:.0f} kB" for m in maps) + " (simplified and "
                "quantized; loaded once, cached)"
                if maps
                else "skipped (no boundaries)"
            )
        )
        for name in TYPICAL:
            page = out / name
            extra = page.with_suffix(".csv")
            html = page.read_text(encoding="utf-8")
            with_maps = sum(m.stat().st_size for m in maps if f"assets/maps/{m.name}" in html)
            print(
                f"  {name:55s} {page.stat().st_size / 1024:6.1f} kB HTML"
                + (f", {extra.stat().st_size / 1024:6.1f} kB CSV" if extra.exists() else "")
                + (f", + {with_maps / 1024:.0f} kB of map" if with_maps else "")
            )


if __name__ == "__main__":
    main()
