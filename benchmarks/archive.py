"""Benchmark: the build over an archive of N reports, made by re-dating the four seeds.

    .venv/bin/python benchmarks/archive.py [--sizes 4 30 90] [--keep DIR] [--workbooks]

Each seed family is re-dated into periods of its own (numbers unchanged): the 2014 family
(19 counties) into the months of 2014 and 2016, the 2019 family into 2017, 2018 and 2019,
the 2020 family (11 counties) into month pairs of 2020–2023, the 2026 family (15 counties) into
the months from 2024 on. No key gets two values, and no report of the 2014 family (which prints
the change from a year before) falls twelve months after a month another report gives, so every
check holds and nothing is recorded as a revision.
For each N it prints the cold build, an unchanged rebuild and the rebuild after adding one
report (seconds and as a share of cold), the largest resident set of any build process, the
pages, the site's size and its largest file. Nothing is asserted: speed is measured, not tested.

With --workbooks, each archive also holds a year (2029) of NAV's monthly year-to-date workbooks,
TILT170 and TILT100, January to November (benchmarks/workbook_year.py: each month's file reprints
the months before it; June's, September's and November's revise an earlier month, a municipality
with every total above it), and "add one" adds December's pair: a month as NAV publishes it. The
"revised" column is the build's count of figures a later publication revised (36 with the workbooks).
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(Path(__file__).resolve().parent))
REPORTS = ROOT / "content" / "reports"
MONTHS = [
    "Januar",
    "Februar",
    "Mars",
    "April",
    "Mai",
    "Juni",
    "Juli",
    "August",
    "September",
    "Oktober",
    "November",
    "Desember",
]
SEEDS = {
    "2014": "2014-02_tiltak-og-fylke",
    "2019": "2019-01_2019-12_tiltak-og-kjonn",
    "2020": "2020-01_2020-02_tiltaksgruppe-og-fylke",
    "2026": "2026-01_tilrettelagt-arbeid-demografi",
}


def _next_month(year: int, month: int) -> tuple[int, int]:
    return (year + 1, 1) if month == 12 else (year, month + 1)


def _toml(seed: str, period: str, published: str | None) -> str:
    text = (REPORTS / f"{SEEDS[seed]}.toml").read_text(encoding="utf-8")
    text = re.sub(r'^period = ".*"$', f'period = "{period}"', text, flags=re.M)
    if published:
        text = re.sub(r'^published = ".*"$', f'published = "{published}"', text, flags=re.M)
    return text


def _family_2014(year: int, month: int) -> tuple[str, str, str]:
    name = f"{year}-{month:02d}_tiltak-og-fylke"
    text = (REPORTS / f"{SEEDS['2014']}.txt").read_text(encoding="utf-8")
    text = text.replace("Februar 2014", f"{MONTHS[month - 1]} {year}")
    after = _next_month(year, month)
    return name, text, _toml("2014", f"{year}-{month:02d}", f"{after[0]}-{after[1]:02d}-04")


def _family_2019(year: int) -> tuple[str, str, str]:
    name = f"{year}-01_{year}-12_tiltak-og-kjonn"
    text = (REPORTS / f"{SEEDS['2019']}.txt").read_text(encoding="utf-8")
    text = text.replace("Januar 2019 - Desember 2019", f"Januar {year} - Desember {year}")
    return name, text, _toml("2019", f"{year}-01/{year}-12", f"{year + 1}-01-07")


def _family_2020(year: int, first: int) -> tuple[str, str, str]:
    name = f"{year}-{first:02d}_{year}-{first + 1:02d}_tiltaksgruppe-og-fylke"
    text = (REPORTS / f"{SEEDS['2020']}.txt").read_text(encoding="utf-8")
    one, two = MONTHS[first - 1], MONTHS[first]
    text = text.replace("Januar - Februar 2020", f"{one} - {two} {year}").replace(
        "\tJanuar\tFebruar", f"\t{one}\t{two}"
    )
    after = _next_month(year, first + 1)
    return name, text, _toml("2020", f"{year}-{first:02d}/{year}-{first + 1:02d}", f"{after[0]}-{after[1]:02d}-03")


def _family_2026(year: int, month: int) -> tuple[str, str, str]:
    name = f"{year}-{month:02d}_tilrettelagt-arbeid-demografi"
    text = (REPORTS / f"{SEEDS['2026']}.txt").read_text(encoding="utf-8")
    label = MONTHS[month - 1]
    text = text.replace("Januar 2026 - Januar 2026", f"{label} {year} - {label} {year}")
    text = re.sub(r"(i år\s+)Januar", rf"\g<1>{label}", text)
    after = _next_month(year, month)
    text = text.replace("Rapport oppdatert: 02.02.2026", f"Rapport oppdatert: 02.{after[1]:02d}.{after[0]}")
    return name, text, _toml("2026", f"{year}-{month:02d}", None)


def archive_plan() -> list:
    """Every report of the archive in the order they are added: the four seeds, then the families in turn."""
    families = [
        [lambda y=y, m=m: _family_2014(y, m) for y in (2014, 2016) for m in range(1, 13) if (y, m) != (2014, 2)],
        [lambda y=y: _family_2019(y) for y in (2017, 2018)],
        [
            lambda y=y, m=m: _family_2020(y, m)
            for y in range(2020, 2024)
            for m in range(1, 12, 2)
            if (y, m) != (2020, 1)
        ],
        [lambda y=y, m=m: _family_2026(y, m) for y in range(2024, 2028) for m in range(1, 13) if (y, m) != (2026, 1)],
    ]
    plan: list = [
        lambda s=s: (
            SEEDS[s],
            (REPORTS / f"{SEEDS[s]}.txt").read_text(encoding="utf-8"),
            (REPORTS / f"{SEEDS[s]}.toml").read_text(encoding="utf-8"),
        )
        for s in SEEDS
    ]
    while any(families):
        for family in families:
            if family:
                plan.append(family.pop(0))
    return plan


def write_reports(folder: Path, plan: list) -> None:
    """Write the planned reports and their provenance into `folder`."""
    folder.mkdir(parents=True, exist_ok=True)
    for make in plan:
        name, text, toml = make()
        (folder / f"{name}.txt").write_text(text, encoding="utf-8")
        (folder / f"{name}.toml").write_text(toml, encoding="utf-8")


def measured_build(content: Path, out: Path, cache: Path) -> tuple[float, float, str]:
    """Run `build.py` in a child process: (seconds, peak RSS in MB of its largest process, last line)."""
    command = [
        sys.executable,
        "-c",
        (
            "import resource, subprocess, sys;"
            "r = subprocess.run(sys.argv[1:], capture_output=True, text=True);"
            "sys.stderr.write(r.stderr);"
            "print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss);"
            "sys.exit(r.returncode)"
        ),
        sys.executable,
        str(ROOT / "build.py"),
        "--content",
        str(content),
        "--out",
        str(out),
        "--cache",
        str(cache),
        "-q",
    ]
    start = time.perf_counter()
    # The archive runs into months still to come; the build may take their publication dates as past.
    result = subprocess.run(
        command, capture_output=True, text=True, env={**os.environ, "TILTAKSDATA_TODAY": "2099-12-31"}
    )
    seconds = time.perf_counter() - start
    if result.returncode != 0:
        raise SystemExit(f"build failed:\n{result.stderr}")
    lines = result.stderr.splitlines()
    built = [i for i, line in enumerate(lines) if line.startswith("Built ")]
    summary = " ".join(lines[built[-1] : built[-1] + 2]) if built else ""  # «Built …» and «… N revised.»
    return seconds, int(result.stdout.split()[-1]) / 1024, summary


def site_facts(out: Path) -> tuple[int, float, str, float, str, float]:
    """Pages, total MB, the largest file and its MB, the largest page and its kB."""
    files = [p for p in out.rglob("*") if p.is_file()]
    largest = max(files, key=lambda p: p.stat().st_size)
    page = max((p for p in files if p.suffix == ".html"), key=lambda p: p.stat().st_size)
    return (
        sum(p.suffix == ".html" for p in files),
        sum(p.stat().st_size for p in files) / 1e6,
        str(largest.relative_to(out)),
        largest.stat().st_size / 1e6,
        str(page.relative_to(out)),
        page.stat().st_size / 1e3,
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[4, 30, 90])
    parser.add_argument("--keep", type=Path, help="keep the archives and sites in this folder")
    parser.add_argument("--workbooks", action="store_true", help="add a year of monthly TILT170 and TILT100 workbooks")
    args = parser.parse_args()
    plan = archive_plan()
    print(
        f"{'reports':>7} {'observations':>12} {'revised':>7} {'cold s':>7} {'unchanged s':>14} {'add one s':>14} "
        f"{'peak MB':>8} {'pages':>6} {'site MB':>8}  largest file; largest page"
    )
    for n in args.sizes:
        work = Path(tempfile.mkdtemp(dir=args.keep)) if args.keep else Path(tempfile.mkdtemp())
        content, out, cache = work / "content", work / "site", work / "cache"
        write_reports(content / "reports", plan[:n])
        if args.workbooks:
            from workbook_year import write_month  # a year of NAV's monthly workbooks

            for month in range(1, 12):
                write_month(2029, month, content / "reports")
        shutil.copytree(ROOT / "content" / "pages", content / "pages")
        cold, peak, summary = measured_build(content, out, cache)
        unchanged, peak2, _ = measured_build(content, out, cache)
        if args.workbooks:
            write_month(2029, 12, content / "reports")  # December's TILT170 and TILT100
        else:
            write_reports(content / "reports", plan[n : n + 1])
        added, peak3, added_summary = measured_build(content, out, cache)
        observations = re.search(r"([\d ]+) observations", summary)
        revised = re.search(r"([\d ]+) revised", summary)
        pages, size, largest, largest_mb, page, page_kb = site_facts(out)
        print(
            f"{n:>7} {observations[1].strip() if observations else '?':>12} "
            f"{revised[1].strip() if revised else '?':>7} {cold:>7.1f} "
            f"{unchanged:>6.1f} ({unchanged / cold:>4.0%}) {added:>6.1f} ({added / cold:>4.0%}) "
            f"{max(peak, peak2, peak3):>8.0f} {pages:>6} {size:>8.1f}  {largest} ({largest_mb:.1f} MB); "
            f"{page} ({page_kb:.0f} kB)",
            flush=True,
        )
        stages = re.search(r"\[(parse [^\]]*)\]", added_summary)
        print(f"{'':>7} add one by stage: {stages[1] if stages else '?'}", flush=True)
        if not args.keep:
            shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
