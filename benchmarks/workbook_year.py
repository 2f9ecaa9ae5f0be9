"""A year of NAV's monthly year-to-date workbooks, made from the seeds' numbers, for benchmarks/archive.py.

Month m of the year has a TILT170 workbook (every section of the 2026 seed: the months January..m as
columns, each with January 2026's numbers, and «Gjennomsnitt hittil i år») and a TILT100 workbook
(the 2020 seed's national figures by participant group and measure group, its Tilrettelagt arbeid
the TILT170 total of the same month), each reprinting the months before it, as NAV's do.

Three later publications revise an earlier month (`REVISIONS`): a municipality's count changes and
so does every figure above it — its county, the measure's national total in every section (the
«I alt» of each block and of the tables «Tiltak» and «Arbeidsmarkedsstatus og tiltak»), the largest
category of each demographic block (gender, age, immigrant status, birth region, education, which
sum to the same national total) and TILT100's Tilrettelagt arbeid with its «I alt» — so every
total of the revising file holds, and the files after it reprint the revised figure. The build
records each changed figure as a revision (an earlier publication's value, a later one's).
"""

from __future__ import annotations

import copy
import sys
from dataclasses import replace
from functools import cache
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT), str(ROOT / "tests")]

from workbooks import printed_to_cell, report_to_workbook, whole_labels  # noqa: E402

from tiltaksdata.model import ParsedReport, RawReport  # noqa: E402
from tiltaksdata.periods import MONTHS  # noqa: E402
from tiltaksdata.read.text import read_text_report  # noqa: E402
from tiltaksdata.run.parse import read_and_normalise  # noqa: E402

REPORTS = ROOT / "content" / "reports"
TILT170 = "2026-01_tilrettelagt-arbeid-demografi"
TILT100_SOURCE = "2020-01_2020-02_tiltaksgruppe-og-fylke"
TILT100_TITLE = "TILT100 Tiltaksdeltakere. Hovedgruppe og demografi. Tidsserie måned"
ORDINARY = "Varig tilrettelagt arbeid i ordinær virksomhet"
SHELTERED = "Varig tilrettelagt arbeid i skjermet virksomhet"
# (the first month's file that prints it, the month it revises, municipality, measure, change of the count)
REVISIONS: tuple[tuple[int, int, str, str, int], ...] = (
    (6, 3, "0301", ORDINARY, +2),  # June's files revise March: Oslo +2
    (9, 7, "4601", SHELTERED, -3),  # September's revise July: Bergen −3
    (11, 3, "0301", ORDINARY, +1),  # November's revise March a second time: Oslo +1 more
)
Counts = dict[tuple[int, int], list[int | None]]  # (table, row) → a count per month (None: `*`)


@cache
def _seed() -> tuple[RawReport, ParsedReport]:
    """The 2026 seed as read (raw tables) and parsed (for whole labels); copy `raw` before changing it."""
    raw = read_text_report(REPORTS / f"{TILT170}.txt")
    _, parsed = read_and_normalise(REPORTS / f"{TILT170}.txt", {"measure_group": "Tilrettelagt arbeid"})
    return raw, parsed


def _printed(count: int | None) -> str:
    return "*" if count is None else str(count)


def _ytd(counts: list[int | None]) -> str:
    """The year-to-date average of the months' counts, as NAV rounds it (`*` where a month is suppressed)."""
    if any(c is None for c in counts):
        return "*"
    return str(int(sum(counts) / len(counts) + 0.5))  # type: ignore[arg-type]


def revised_rows(raw: RawReport, parsed: ParsedReport, municipality: str, measure: str) -> list[tuple[int, int]]:
    """(table, row) of every figure a change of `municipality`'s count of `measure` changes: the
    municipality, its county, the measure's national total wherever printed, the largest category
    of each demographic block, and the totals of the tables «Tiltak» and «Arbeidsmarkedsstatus og tiltak»."""
    whole = whole_labels(parsed)
    places: list[tuple[int, int]] = []
    for index, table in enumerate(raw.tables):
        labels = [whole(r.label, r.line) for r in table.rows]
        codes = [r.label.split(" ")[0] for r in table.rows]
        if table.title in ("Tiltak", "Arbeidsmarkedsstatus og tiltak"):
            picked = [i for i, label in enumerate(labels) if label == measure]
        elif labels[0].casefold() != f"i alt {measure}".casefold():
            continue
        elif table.title == "Tiltak og fylke":
            picked = [i for i, code in enumerate(codes) if code == municipality[:2]]
        elif table.title == "Tiltak og kommune":
            picked = [i for i, code in enumerate(codes) if code == municipality]
        else:  # a demographic block: its largest category
            counts = [printed_to_cell(r.cells[-1]) for r in table.rows]
            picked = [max(range(1, len(counts)), key=lambda i: c if isinstance(c := counts[i], int) else -1)]
        places += [(index, 0)] + [(index, i) for i in picked]  # the block's «I alt» and the part
    parts = [p for p in places if p[1]]
    sections = {raw.tables[t].title for t, _ in parts}
    if len(parts) != len(sections) or len(sections) != 9:  # one part in each of the nine sections
        raise SystemExit(f"revision of {municipality} {measure}: {len(parts)} parts in {sorted(sections)}")
    return places


def tilt170_counts(month: int) -> Counts:
    """Every row's count for January..`month` as month `month`'s file prints them: January 2026's
    numbers each month, with the revisions published by then."""
    raw, parsed = _seed()
    counts: Counts = {}
    for index, table in enumerate(raw.tables):
        for position, row in enumerate(table.rows):
            value = printed_to_cell(row.cells[-1])
            counts[(index, position)] = [value if isinstance(value, int) else None] * month
    for first, revised, municipality, measure, change in REVISIONS:
        if first > month or revised > month:
            continue
        for place in revised_rows(raw, parsed, municipality, measure):
            old = counts[place][revised - 1]
            if old is None or old + change < 4:  # NAV prints counts under 4 as `*`: keep the figure printed
                raise SystemExit(f"revision of {municipality} {measure}: {place} would be {old} + {change}")
            counts[place][revised - 1] = old + change
    return counts


def tilt170_month(year: int, month: int, out: Path) -> tuple[str, str]:
    """Month `month`'s TILT170 workbook and its provenance: (file name, provenance text)."""
    seed, parsed = _seed()
    raw = copy.deepcopy(seed)
    counts = tilt170_counts(month)
    months = [m.capitalize() for m in MONTHS[:month]]
    for index, table in enumerate(raw.tables):
        table.header = ("Gjennomsnitt hittil i år", *months)
        table.period_text = f"Januar {year} - {months[-1]} {year}"
        table.rows = [
            replace(row, cells=(_ytd(counts[(index, position)]), *map(_printed, counts[(index, position)])))
            for position, row in enumerate(table.rows)
        ]
    raw.period_text = f"Januar {year} - {months[-1]} {year}"
    after = (year + 1, 1) if month == 12 else (year, month + 1)
    name = f"{year}-01_{year}-{month:02d}_tilt170-tilrettelagt-arbeid"
    report_to_workbook(raw, parsed, out / f"{name}.xlsx", f"02.{after[1]:02d}.{after[0]}")
    toml = (
        (REPORTS / f"{TILT170}.toml")
        .read_text(encoding="utf-8")
        .replace('period = "2026-01"', f'period = "{year}-01/{year}-{month:02d}"')
    )
    return name, toml


def tilt100_month(year: int, month: int, out: Path) -> tuple[str, str]:
    """Month `month`'s TILT100 workbook (one sheet: participant groups by measure group) and its provenance."""
    import openpyxl

    _, parsed = read_and_normalise(REPORTS / f"{TILT100_SOURCE}.txt")
    first = parsed.periods[0]
    values = {(o.dims[0], o.dims[1]): o.value for o in parsed.observations if o.region == "NO" and o.period == first}
    monthly = {k: [v] * month for k, v in values.items() if k[1] != "Tilrettelagt arbeid"}
    # Tilrettelagt arbeid as TILT170 of the same month prints it, revisions included (NAV's tables agree)
    raw, _ = _seed()
    national = next(i for i, t in enumerate(raw.tables) if t.title == "Arbeidsmarkedsstatus og tiltak")
    monthly[("Nedsatt arbeidsevne, på tiltak", "Tilrettelagt arbeid")] = list(tilt170_counts(month)[(national, 0)])
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "Arbeidsmarkedsstatus og tiltaks"
    months = [m.capitalize() for m in MONTHS[:month]]
    after = (year + 1, 1) if month == 12 else (year, month + 1)
    sheet.append([TILT100_TITLE])
    sheet.append([f"Rapport oppdatert: 02.{after[1]:02d}.{after[0]}"])
    sheet.append([f"Januar {year} - {months[-1]} {year}"])
    for group in ("Arbeidssøkere på tiltak", "Nedsatt arbeidsevne, på tiltak", "Andre på tiltak"):
        rows = sorted((m, v) for (g, m), v in monthly.items() if g == group and m != "I alt" and None not in v)
        sheet.append([])
        sheet.append([None, "Gjennomsnitt hittil i år", *months])
        total = [sum(v[i] for _, v in rows) for i in range(month)]  # type: ignore[misc]
        sheet.append([f"I alt {group}", int(_ytd(total)), *total])  # type: ignore[arg-type]
        for measure_group, counts in rows:
            sheet.append([measure_group, int(_ytd(counts)), *counts])
    name = f"{year}-01_{year}-{month:02d}_tilt100-hovedgruppe"
    book.save(out / f"{name}.xlsx")
    toml = (
        f'title = "{TILT100_TITLE}"\npublisher = "NAV"\nperiod = "{year}-01/{year}-{month:02d}"\n'
        'licence = "NLOD-2.0"\nlanding_page = "https://www.nav.no/statistikk"\n'
        'notes = "Made for the benchmark from the 2020 seed\'s national figures."\n'
    )
    return name, toml


def write_month(year: int, month: int, folder: Path) -> list[str]:
    """Write month `month`'s two workbooks with their provenance into `folder`; their names."""
    folder.mkdir(parents=True, exist_ok=True)
    names = []
    for make in (tilt170_month, tilt100_month):
        name, toml = make(year, month, folder)
        (folder / f"{name}.toml").write_text(toml, encoding="utf-8")
        names.append(name)
    return names


def main() -> None:
    import argparse

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("folder", type=Path, help="where to write the workbooks and their provenance")
    parser.add_argument("--year", type=int, default=2029)
    args = parser.parse_args()
    for month in range(1, 13):
        print(*write_month(args.year, month, args.folder))


if __name__ == "__main__":
    main()
