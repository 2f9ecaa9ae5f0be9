"""Benchmark: Lighthouse's mobile profile on a built site — Total Blocking Time and what blocks.

    npm install --prefix /tmp/lh lighthouse@12      # once; Lighthouse is not a dependency of the project
    .venv/bin/python benchmarks/lighthouse.py --lighthouse /tmp/lh/node_modules/.bin/lighthouse \\
        [--site site] [--runs 2] [PAGE ...]

Serves the built site on 127.0.0.1, runs Lighthouse (its default mobile profile: simulated 4× slower
CPU and a slow 4G network) with Debian's chromium on each page, and prints per run the category
scores, Total Blocking Time, First and Largest Contentful Paint, the bytes loaded, and the main
thread's long tasks by script (all of them: those before the first paint do not count as blocking).
Without PAGE it measures a page of each kind: the front page, a measure, a county and a municipality.
Nothing is asserted: the figures go into the README. The aim (issue 12): no page makes the main
thread busy for more than 200 ms on load (TBT ≤ 200 ms).
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from tests.browser import CHROMIUM, serve  # noqa: E402

PAGES = [
    "index.html",
    "tiltak/varig-tilrettelagt-arbeid-i-skjermet-virksomhet.html",
    "fylke/46-vestland.html",
    "kommune/4601-bergen.html",
]


def lighthouse(binary: str, url: str) -> dict:
    """One Lighthouse run on `url` (mobile profile; the four categories but PWA); its JSON report."""
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp) / "report.json"
        subprocess.run(
            [
                binary,
                url,
                "--only-categories=performance,accessibility,best-practices,seo",
                "--output=json",
                f"--output-path={out}",
                "--quiet",
                "--chrome-flags=--headless=new --no-sandbox --disable-gpu",
            ],
            check=True,
            env={**os.environ, "CHROME_PATH": str(CHROMIUM)},
        )
        return json.loads(out.read_text(encoding="utf-8"))


def summary(report: dict) -> str:
    """Score, TBT, FCP, LCP and the long tasks (≥ 50 ms, simulated) by script, on one line each."""
    audits = report["audits"]
    tasks = audits["long-tasks"]["details"]["items"] if audits["long-tasks"].get("details") else []
    by_script: dict[str, float] = {}
    for task in tasks:
        name = task["url"].rsplit("/", 1)[-1] or task["url"]
        by_script[name] = by_script.get(name, 0.0) + task["duration"]
    long_tasks = ", ".join(f"{name} {ms:.0f}" for name, ms in sorted(by_script.items(), key=lambda kv: -kv[1]))
    scores = " ".join(f"{c['id']} {c['score'] * 100:.0f}" for c in report["categories"].values())
    return (
        f"{scores}\n      "
        f"TBT {audits['total-blocking-time']['numericValue']:.0f} ms  "
        f"FCP {audits['first-contentful-paint']['numericValue']:.0f} ms  "
        f"LCP {audits['largest-contentful-paint']['numericValue']:.0f} ms  "
        f"bytes {audits['total-byte-weight']['numericValue'] / 1024:.0f} KiB\n"
        f"      long tasks (ms): {long_tasks or 'none'}"
    )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("pages", nargs="*", default=PAGES, help="paths inside the site (default: one of each kind)")
    parser.add_argument("--site", type=Path, default=ROOT / "site", help="the built site (default: site/)")
    parser.add_argument("--lighthouse", default="lighthouse", help="the lighthouse command (from npm)")
    parser.add_argument("--runs", type=int, default=2, help="runs per page (default 2)")
    args = parser.parse_args()
    if not (args.site / "index.html").exists():
        parser.error(f"{args.site} holds no built site: run python build.py first")
    with serve(args.site) as origin:
        for path in args.pages:
            print(path)
            for run in range(1, args.runs + 1):
                print(f"  run {run}: {summary(lighthouse(args.lighthouse, f'{origin}/{path}'))}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
