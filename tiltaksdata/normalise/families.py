"""Report families: what a complete NAV report of each kind holds, kept as data.

`reference/report_families.csv` has a row per family (a NAV table product such as «Tiltak og
fylke. En måned»): the title as printed, the layout, whether a blank cell is a zero there, the
scope the title implies, the dimensions its tables break down, and its sections, each with the
least number of table blocks (a block: one subtitle or `I alt …` row, over however many pages) a
complete report prints. A report of a known family missing a section, a block or a dimension
fails; a report of a family not in the file still builds when every other check passes, and the
summary says which completeness checks did not apply. A new family needs a row, never code:
`python -m tiltaksdata.run.family_row REPORT` prints the row a report would need.
"""

from __future__ import annotations

import csv
import re
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path

from tiltaksdata.errors import Problem
from tiltaksdata.model import DIMENSIONS, TOTAL, ParsedReport, RawReport
from tiltaksdata.normalise.vocabulary import REFERENCE, Vocabulary, normalise_label

COLUMNS = ("family", "code", "title", "layout", "blanks", "scope", "dimensions", "sections", "closing_region")
# A reader's layout → the family layouts of report_families.csv (a family may be published in several:
# NAV's workbook and the PDF made from it).
LAYOUTS = {
    "tabbed": "classic",
    "pdf-classic": "classic",
    "wrapped": "wrapped",
    "pdf-wrapped": "wrapped",
    "workbook": "workbook",
    "workbook-030": "workbook",
}
TILT_CODE = re.compile(r"^(TILT\d{3})\b")
SHEET_NAME_MAX = 31  # Excel cuts a sheet's name, which is a workbook's section title, at 31 characters
BLANKS = ("zero", "problem")
NOT_APPLIED = ("required sections", "blocks per section", "dimensions", "blank cells as zero")


class FamilyError(ValueError):
    """report_families.csv itself is wrong; names the row and column."""


@dataclass(frozen=True)
class Family:
    """One row of report_families.csv."""

    id: str
    title: str
    layout: str  # one layout, or several separated by «;» (`wrapped;workbook`)
    blanks_are_zero: bool
    scope: tuple[tuple[str, str], ...]
    dimensions: tuple[str, ...]
    sections: tuple[tuple[str, int], ...]  # (section title, least number of blocks)
    closing_region: str = ""  # a region every list of municipalities ends with (NAV: 9999 Ukjent)
    code: str = ""  # NAV's table code (TILT170), where the family has one

    @property
    def layouts(self) -> tuple[str, ...]:
        """The layouts a report of the family may come in."""
        return tuple(_split(self.layout))


def _split(text: str) -> list[str]:
    return [part.strip() for part in text.split(";") if part.strip()]


def row_to_family(row: dict[str, str], number: int) -> Family:
    """One CSV row → a Family; a bad value raises FamilyError naming row and column."""

    def bad(column: str, why: str) -> FamilyError:
        return FamilyError(f"report_families.csv, row {number}, {column}: {why}")

    if not _split(row["layout"]) or set(_split(row["layout"])) - set(LAYOUTS.values()):
        raise bad("layout", f"{row['layout']!r} is not one or more of {sorted(set(LAYOUTS.values()))}")
    if row.get("code", "") and not TILT_CODE.fullmatch(row["code"]):
        raise bad("code", f"{row['code']!r} is not a NAV table code such as TILT170")
    if row["blanks"] not in BLANKS:
        raise bad("blanks", f"{row['blanks']!r} is not one of {BLANKS}")
    scope = []
    for part in _split(row["scope"]):
        dim, _, value = part.partition("=")
        if dim not in DIMENSIONS or not value:
            raise bad("scope", f"{part!r} is not dimension=value")
        scope.append((dim, value))
    dimensions = tuple(_split(row["dimensions"]))
    if unknown := [d for d in dimensions if d not in (*DIMENSIONS, "county", "municipality")]:
        raise bad("dimensions", f"unknown {unknown}")
    sections = []
    for part in _split(row["sections"]):
        name, _, blocks = part.rpartition("=")
        if not name or not blocks.isdigit():
            raise bad("sections", f"{part!r} is not 'section title=blocks'")
        sections.append((name, int(blocks)))
    return Family(
        row["family"],
        row["title"],
        row["layout"],
        row["blanks"] == "zero",
        tuple(scope),
        dimensions,
        tuple(sections),
        row.get("closing_region", "").strip(),
        row.get("code", "").strip(),
    )


def load_families(folder: Path = REFERENCE) -> list[Family]:
    """Every family in report_families.csv."""
    with open(folder / "report_families.csv", encoding="utf-8", newline="") as handle:
        return [row_to_family(row, number) for number, row in enumerate(csv.DictReader(handle), start=2)]


def family_of(title: str, families: list[Family]) -> Family | None:
    """The family whose printed title is the report's, else the family of the NAV table code the title
    starts with (`TILT170 …`: NAV words its titles differently between years), or None."""
    key = normalise_label(title)
    if found := next((f for f in families if normalise_label(f.title) == key), None):
        return found
    code = TILT_CODE.match(title.strip())
    return next((f for f in families if code and f.code == code[1]), None)


def implied_scope(title: str, family: Family | None, vocab: Vocabulary) -> dict[str, str]:
    """The scope a report's title implies: its family's, and the measure group the title names
    (the 2026 report: «… på tilrettelagt arbeid»)."""
    implied = dict(family.scope) if family else {}
    key = normalise_label(title)
    for group in vocab.measure_groups:
        if re.search(rf"(^|\W){re.escape(normalise_label(group))}(\W|$)", key):
            implied.setdefault("measure_group", group)
    return implied


def names_section(title: str, section: str) -> bool:
    """True when a table's section title is the section: the same words, or a workbook's sheet name
    that Excel cut at 31 characters."""
    found, wanted = normalise_label(title), normalise_label(section)
    return found == wanted or (len(title) == SHEET_NAME_MAX and wanted.startswith(found))


def table_blocks(raw: RawReport, parsed: ParsedReport) -> dict[str, set[tuple]]:
    """Section title → its blocks; a block is what every cell of a table has in common."""
    common: dict[int, set] = {}
    for obs, source in zip(parsed.observations, parsed.sources):
        pairs = {("region", obs.region), *zip(DIMENSIONS, obs.dims)}
        common[source.table] = common[source.table] & pairs if source.table in common else pairs
    blocks: dict[str, set[tuple]] = defaultdict(set)
    for index, table in enumerate(raw.tables):
        if index in common:
            blocks[table.title].add(tuple(sorted(common[index])))
    # A page that holds one row of a block (Finnmark alone) shares more than the block does: a part
    # of that block, not a block of its own (a workbook, which has no pages, shows no such part).
    return {
        title: {b for b in found if not any(set(other) < set(b) for other in found)} for title, found in blocks.items()
    }


def broken_down(parsed: ParsedReport, vocab: Vocabulary) -> list[str]:
    """The dimensions the report breaks down (a value other than `I alt`), counties and municipalities."""
    found: set[str] = set()
    for obs in parsed.observations:
        found.update(d for d, v in zip(DIMENSIONS, obs.dims) if v != TOTAL)
        level = vocab.region_by_code[obs.region].level
        if level in ("county", "municipality"):
            found.add(level)
    return [d for d in (*DIMENSIONS, "county", "municipality") if d in found]


def completeness_problems(
    raw: RawReport, parsed: ParsedReport, family: Family, vocab: Vocabulary, source: str
) -> list[Problem]:
    """What a report of a known family lacks: a section, blocks of a section, a dimension."""
    problems = []
    hint = (
        "The report is cut short or a page is missing: read it again from NAV's file. If NAV "
        "changed the family, update its row in tiltaksdata/reference/report_families.csv."
    )
    if LAYOUTS.get(raw.layout) not in family.layouts:
        problems.append(
            Problem(
                "wrong-layout",
                f"a report of the family {family.id!r} in the "
                f"{raw.layout} layout; the family prints the {' or '.join(family.layouts)} layout",
                source,
                hint=hint,
            )
        )
    blocks = table_blocks(raw, parsed)
    # Where a lost part would have ended: the report's last line (a workbook: no one row of a sheet says it).
    workbook = any(isinstance(t.page, str) for t in raw.tables)
    last_line = None if workbook else max((row.line for t in raw.tables for row in t.rows), default=None)
    for section, least in family.sections:
        found = len(set().union(*(b for title, b in blocks.items() if names_section(title, section))))
        if not found:
            problems.append(
                Problem(
                    "missing-section",
                    f"the section «{section}» is missing (a complete report of {family.id!r} has it)",
                    source,
                    last_line,
                    hint=hint,
                )
            )
        elif found < least:
            problems.append(
                Problem(
                    "missing-table",
                    f"the section «{section}» has {found} of the {least} table blocks a complete report has",
                    source,
                    last_line,
                    hint=hint,
                )
            )
    if family.closing_region:
        listed: dict[tuple, set[str]] = defaultdict(set)
        ends: dict[tuple, int] = {}
        for obs, where in zip(parsed.observations, parsed.sources):
            if vocab.region_by_code[obs.region].level == "municipality" or obs.region == family.closing_region:
                key = (obs.period, obs.statistic, obs.dims)
                listed[key].add(obs.region)
                ends[key] = max(ends.get(key, 0), where.line)
        lists = {key: regions for key, regions in listed.items() if len(regions) > 1}
        every = set().union(*lists.values(), {family.closing_region}) if lists else set()
        for key, regions in lists.items():
            # NAV lists the same municipalities for every measure (all `*` where there are few):
            # a list without the closing region, or shorter than the others, lost rows or a page.
            missing = sorted(every - regions, key=lambda c: (c == family.closing_region, c))
            if missing:
                what = ", ".join(f"{d}={v}" for d, v in zip(DIMENSIONS, key[2]) if v != TOTAL)
                problems.append(
                    Problem(
                        "missing-rows",
                        f"the list of municipalities ending here ({what or 'the report'}) lacks "
                        f"{', '.join(missing[:5])}{' …' if len(missing) > 5 else ''} "
                        f"({len(missing)} of the {len(every)} the report lists elsewhere"
                        + (
                            f"; the list does not end with {family.closing_region}"
                            if family.closing_region in missing
                            else ""
                        )
                        + ")",
                        source,
                        ends[key],
                        hint=hint,
                    )
                )
                break
    present = broken_down(parsed, vocab)
    for dim in family.dimensions:
        if dim not in present:
            problems.append(
                Problem("missing-dimension", f"no table breaks the report down by {dim}", source, last_line, hint=hint)
            )
    return problems


def describe(raw: RawReport, parsed: ParsedReport, vocab: Vocabulary, family_id: str) -> dict[str, str]:
    """The report_families.csv row a report would need, as learned from the report itself."""
    blocks = table_blocks(raw, parsed)
    sections, seen = [], set()
    for table in raw.tables:
        key = table.title
        if key in blocks and normalise_label(key) not in seen:
            seen.add(normalise_label(key))
            sections.append(
                f"{table.title}={len({b for t, bs in blocks.items() if names_section(t, key) for b in bs})}"
            )
    scope = ";".join(f"{d}={v}" for d, v in sorted(parsed_scope(parsed).items()))
    code = TILT_CODE.match(raw.title.strip())
    return {
        "family": family_id,
        "code": code[1] if code else "",
        "title": raw.title,
        "layout": LAYOUTS[raw.layout],
        "blanks": "problem",
        "scope": scope,
        "dimensions": ";".join(broken_down(parsed, vocab)),
        "sections": ";".join(sections),
        "closing_region": "",
    }


def parsed_scope(parsed: ParsedReport) -> dict[str, str]:
    """Dimensions every observation of the report shares with a value other than `I alt`."""
    common = None
    for obs in parsed.observations:
        pairs = {(d, v) for d, v in zip(DIMENSIONS, obs.dims) if v != TOTAL}
        common = pairs if common is None else common & pairs
    return dict(common or ())
