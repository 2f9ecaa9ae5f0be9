"""A year of NAV's monthly year-to-date workbooks, made from the seeds' numbers, for benchmarks/archive.py.

Month m of the year has a TILT170 workbook (every section of the 2026 seed: the months January..m as
columns, each with January 2026's numbers, and «Gjennomsnitt hittil i år») and a TILT100 workbook
(the 2020 seed's national figures by participant group and measure group), each reprinting the
months before it, as NAV's do. From June on, each TILT170 file revises March for one municipality
(a count one lower, within what the county's and Norway's suppressed municipalities allow, so every
total still holds): a later publication revises an earlier one, as NAV's do.
"""

from __future__ import annotations

import sys
from dataclasses import replace
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT), str(ROOT / "tests")]

from workbooks import printed_to_cell, report_to_workbook  # noqa: E402

from tiltaksdata.model import RawReport  # noqa: E402
from tiltaksdata.periods import MONTHS  # noqa: E402
from tiltaksdata.read.text import read_text_report  # noqa: E402
from tiltaksdata.run.parse import read_and_normalise  # noqa: E402

REPORTS = ROOT / "content" / "reports"
TILT170 = "2026-01_tilrettelagt-arbeid-demografi"
TILT100_SOURCE = "2020-01_2020-02_tiltaksgruppe-og-fylke"
TILT100_TITLE = "TILT100 Tiltaksdeltakere. Hovedgruppe og demografi. Tidsserie måned"
TILRETTELAGT = 14265  # the 2026 seed's Tilrettelagt arbeid, Nedsatt arbeidsevne (TILT170's sheet «Tiltak»)
REVISED_MONTH = 3  # March, revised from June on
REVISED_FROM = 6


def _ytd(cells: list[str]) -> str:
    """The year-to-date average of printed counts, as NAV rounds it (`*` where a month is suppressed)."""
    values = [printed_to_cell(c) for c in cells]
    if any(not isinstance(v, int) for v in values):
        return "*"
    return str(int(sum(values) / len(values) + 0.5))  # type: ignore[arg-type]


def revised_row(raw: RawReport) -> tuple[int, int]:
    """(table, row) of a municipality whose count may be one lower with every total still holding:
    a count of 5 or more, in a county whose list has a suppressed municipality and Norway's too."""
    for index, table in enumerate(raw.tables):
        if table.title != "Tiltak og kommune":
            continue
        for position, row in enumerate(table.rows):
            code = row.label.split(" ")[0]
            value = printed_to_cell(row.cells[-1])
            neighbours = [r for r in table.rows if r.label.split(" ")[0][:2] == code[:2] and r is not row]
            if code.isdigit() and isinstance(value, int) and value >= 5 and any(r.cells[-1] == "*" for r in neighbours):
                return index, position
    raise SystemExit("no municipality to revise")


def tilt170_month(year: int, month: int, out: Path) -> tuple[str, str]:
    """Month `month`'s TILT170 workbook and its provenance: (file name, provenance text)."""
    raw = read_text_report(REPORTS / f"{TILT170}.txt")
    _, parsed = read_and_normalise(REPORTS / f"{TILT170}.txt", {"measure_group": "Tilrettelagt arbeid"})
    months = [m.capitalize() for m in MONTHS[:month]]
    revise = revised_row(raw) if month >= REVISED_FROM else None
    for index, table in enumerate(raw.tables):
        table.header = ("Gjennomsnitt hittil i år", *months)
        table.period_text = f"Januar {year} - {months[-1]} {year}"
        rows = []
        for position, row in enumerate(table.rows):
            counts = [row.cells[-1]] * month
            if revise == (index, position):
                counts[REVISED_MONTH - 1] = str(
                    int(counts[REVISED_MONTH - 1].replace("\u00a0", "").replace(" ", "")) - 1
                )
            rows.append(replace(row, cells=(_ytd(counts), *counts)))
        table.rows = rows
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
    # Tilrettelagt arbeid as TILT170 of the same month prints it (NAV's tables agree with each other)
    values = {k: v for k, v in values.items() if k[1] != "Tilrettelagt arbeid"}
    values[("Nedsatt arbeidsevne, på tiltak", "Tilrettelagt arbeid")] = TILRETTELAGT
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "Arbeidsmarkedsstatus og tiltaks"
    months = [m.capitalize() for m in MONTHS[:month]]
    after = (year + 1, 1) if month == 12 else (year, month + 1)
    sheet.append([TILT100_TITLE])
    sheet.append([f"Rapport oppdatert: 02.{after[1]:02d}.{after[0]}"])
    sheet.append([f"Januar {year} - {months[-1]} {year}"])
    for group in ("Arbeidssøkere på tiltak", "Nedsatt arbeidsevne, på tiltak", "Andre på tiltak"):
        rows = sorted((m, v) for (g, m), v in values.items() if g == group and m != "I alt" and v is not None)
        sheet.append([])
        sheet.append([None, "Gjennomsnitt hittil i år", *months])
        total = sum(v for _, v in rows)
        sheet.append([f"I alt {group}", total, *[total] * month])
        for measure_group, value in rows:
            sheet.append([measure_group, value, *[value] * month])
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
