"""Benchmark: build time for the reports in content/ — cold (empty cache) and an unchanged rebuild.

    .venv/bin/python benchmarks/build_time.py [--repeat N]

Prints seconds per run and per stage; nothing is asserted (speed is measured, not tested).
"""

from __future__ import annotations

import argparse
import io
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

import build  # noqa: E402
from tiltaksdata.run import cli  # noqa: E402


def timed_build(out: Path, cache: Path) -> tuple[float, str]:
    stream = io.StringIO()
    start = time.perf_counter()
    status = cli.main(build.build, ["--out", str(out), "--cache", str(cache)], stream)
    seconds = time.perf_counter() - start
    if status != 0:
        raise SystemExit(stream.getvalue())
    return seconds, stream.getvalue().strip().splitlines()[-1]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    cold, warm = [], []
    for _ in range(args.repeat):
        with tempfile.TemporaryDirectory() as tmp:
            out, cache = Path(tmp) / "site", Path(tmp) / "cache"
            seconds, cold_summary = timed_build(out, cache)
            cold.append(seconds)
            seconds, warm_summary = timed_build(out, cache)
            warm.append(seconds)
    print(f"reports in {ROOT / 'content' / 'reports'}")
    print(
        f"cold build (empty cache):     median {statistics.median(cold):.2f} s  (runs: "
        + ", ".join(f"{s:.2f}" for s in cold)
        + ")"
    )
    print(
        f"unchanged rebuild (cached):   median {statistics.median(warm):.2f} s  (runs: "
        + ", ".join(f"{s:.2f}" for s in warm)
        + ")"
    )
    print(f"last cold build:   {cold_summary}")
    print(f"last warm rebuild: {warm_summary}")


if __name__ == "__main__":
    main()
