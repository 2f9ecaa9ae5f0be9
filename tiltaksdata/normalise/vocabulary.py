"""Canonical vocabularies (data files in `reference/`) and their loader.

Every label a report prints is mapped to exactly one canonical label. The files:
participant_groups.csv, measure_groups.csv, measures.csv (name → group), categories.csv
(gender, age, immigrant status, birth region, education), regions.csv (code, name, level,
validity), aliases.csv (known spellings and aliases, each with its reason), county_structures.csv
(the four county structures), county_changes.csv (which county became which, whole or part) and
county_crosswalk.csv (which older counties make up each county of 2024, and whether only roughly).
"""

from __future__ import annotations

import csv
import unicodedata
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path

from tiltaksdata.errors import ReferenceDataError
from tiltaksdata.reasons import EXACT, Kind, Reason, UnknownReason

REFERENCE = Path(__file__).resolve().parents[1] / "reference"


def normalise_label(text: str) -> str:
    """The comparable form of a label: NFC, one space, no markdown, casefolded."""
    text = unicodedata.normalize("NFC", text).replace("\u00a0", " ").replace("**", "")
    text = text.replace("\u2013", "-").replace("\u2212", "-")
    return " ".join(text.split()).casefold()


@dataclass(frozen=True)
class Reading:
    """One meaning of a phrase: the dimension values it sets, at which level, and why."""

    dims: tuple[tuple[str, str], ...]
    level: str  # "group", "measure" or "" (not a measure word)
    how: Reason
    canonical: str

    def get(self, dim: str) -> str | None:
        """The value this reading sets for a dimension, if any."""
        return dict(self.dims).get(dim)


@dataclass(frozen=True)
class Region:
    """A row of regions.csv."""

    code: str
    name: str
    short_name: str
    level: str
    valid_from: str
    valid_to: str
    parent_code: str

    def valid_on(self, day: str) -> bool:
        """True if the region exists on an ISO date (`2014-02-01`)."""
        return (not self.valid_from or self.valid_from <= day) and (not self.valid_to or day <= self.valid_to)


def _reason(alias: dict[str, str], line: int) -> Reason:
    """An alias's reason: one of the kinds a mapping can have (a typo in the table fails the build)."""
    try:
        return Reason.from_text(alias["reason"])
    except UnknownReason as err:
        raise ReferenceDataError("aliases.csv", str(err), line) from None


def _measure_facts(row: dict[str, str], line: int) -> tuple[str, str, str]:
    """A measures.csv row's (first published, last published, note); a bad month fails naming the line."""
    first, last = row.get("first_published") or "", row.get("last_published") or ""
    for month in (first, last):
        if month and not (len(month) == 7 and month[4] == "-" and month[:4].isdigit() and "01" <= month[5:] <= "12"):
            raise ReferenceDataError("measures.csv", f"{row['name']!r}: {month!r} is not a month YYYY-MM", line)
    if first and last and first > last:
        raise ReferenceDataError("measures.csv", f"{row['name']!r}: first published {first} after last {last}", line)
    return first, last, row.get("note") or ""


def _rows(name: str, folder: Path) -> list[dict[str, str]]:
    with open(folder / name, encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


class Vocabulary:
    """The canonical labels and every known way of printing them."""

    def __init__(self, folder: Path = REFERENCE) -> None:
        self.folder = folder
        self.participant_groups = [r["name"] for r in _rows("participant_groups.csv", folder)]
        self.measure_groups = [r["name"] for r in _rows("measure_groups.csv", folder)]
        measures = _rows("measures.csv", folder)
        self.measures = {r["name"]: r["group"] for r in measures}
        # What NAV's publications say of a measure's life: the first and last month published, a note (bokmål)
        self.measure_facts = {r["name"]: _measure_facts(r, line) for line, r in enumerate(measures, start=2)}
        self.categories = [(r["dimension"], r["name"]) for r in _rows("categories.csv", folder)]
        self.regions = [Region(**r) for r in _rows("regions.csv", folder)]
        self.region_by_code = {r.code: r for r in self.regions}
        self.aliases = _rows("aliases.csv", folder)
        self.alias_reasons = [_reason(alias, line) for line, alias in enumerate(self.aliases, start=2)]
        self.county_structures = _rows("county_structures.csv", folder)
        self.county_changes = _rows("county_changes.csv", folder)
        self.county_crosswalk = _rows("county_crosswalk.csv", folder)
        self._check_consistency()

    def _check_consistency(self) -> None:
        unknown = {g for g in self.measures.values() if g not in self.measure_groups}
        if unknown:
            raise ReferenceDataError("measures.csv", f"names groups not in measure_groups.csv: {sorted(unknown)}")
        for alias in self.aliases:
            if not self._canonical_readings(alias["dimension"], alias["canonical"]):
                raise ReferenceDataError(
                    "aliases.csv", f"{alias['canonical']!r} is not a canonical {alias['dimension']} label"
                )
        counties = {r.code for r in self.regions if r.level == "county"}
        for change in self.county_changes:
            if not {change["from_code"], change["to_code"]} <= counties or change["share"] not in ("whole", "part"):
                raise ReferenceDataError("county_changes.csv", f"bad row {change}")
        structures = {s["id"] for s in self.county_structures}
        for row in self.county_crosswalk:
            if (
                not {row["county_code"], row["from_code"]} <= counties
                or row["structure"] not in structures
                or row["approximate"] not in ("yes", "no")
            ):
                raise ReferenceDataError("county_crosswalk.csv", f"bad row {row}")

    def _canonical_readings(self, dimension: str, name: str) -> list[Reading]:
        """The readings of a canonical label of one dimension (regions: every code so named)."""
        if dimension == "measure_group" and name in self.measure_groups:
            return [Reading((("measure_group", name),), "group", EXACT, name)]
        if dimension == "measure" and name in self.measures:
            return [Reading((("measure_group", self.measures[name]), ("measure", name)), "measure", EXACT, name)]
        if dimension == "participant_group" and name in self.participant_groups:
            return [Reading((("participant_group", name),), "", EXACT, name)]
        if dimension == "region":
            return [
                Reading((("region", r.code),), "", EXACT, r.name)
                for r in self.regions
                if name in (r.name, r.short_name)
            ]
        if (dimension, name) in self.categories:
            return [Reading(((dimension, name),), "", EXACT, name)]
        return []

    @cached_property
    def phrases(self) -> dict[str, list[Reading]]:
        """Every printable phrase (normalised) → its readings; regions carry all their codes."""
        index: dict[str, list[Reading]] = {}

        def add(text: str, readings: list[Reading]) -> None:
            index.setdefault(normalise_label(text), []).extend(readings)

        for name in self.measure_groups:
            add(name, self._canonical_readings("measure_group", name))
        for name in self.measures:
            add(name, self._canonical_readings("measure", name))
        for name in self.participant_groups:
            add(name, self._canonical_readings("participant_group", name))
        for dimension, name in self.categories:
            add(name, self._canonical_readings(dimension, name))
        for region in self.regions:
            add(region.name, [Reading((("region", region.code),), "", EXACT, region.name)])
            if normalise_label(region.short_name) != normalise_label(region.name):
                short = Reason.of(Kind.KNOWN_ALIAS, "short name")
                add(region.short_name, [Reading((("region", region.code),), "", short, region.name)])
        for alias, how in zip(self.aliases, self.alias_reasons):
            add(
                alias["raw"],
                [
                    Reading(r.dims, r.level, how, r.canonical)
                    for r in self._canonical_readings(alias["dimension"], alias["canonical"])
                ],
            )
        return index

    @cached_property
    def compact_phrases(self) -> dict[str, str]:
        """Phrases without spaces → the phrase, for words a line break split in two."""
        return {key.replace(" ", ""): key for key in self.phrases}

    def closest(self, text: str, n: int = 3) -> list[str]:
        """The known labels closest to an unknown one, for error messages."""
        import difflib

        canonical = {r.canonical for readings in self.phrases.values() for r in readings}
        by_norm = {normalise_label(c): c for c in canonical}
        return [by_norm[m] for m in difflib.get_close_matches(normalise_label(text), list(by_norm), n, 0.5)]


@dataclass(frozen=True)
class LabelReading:
    """A whole printed label: whether it is an `I alt` row, and its segments' readings."""

    total: bool
    segments: tuple[tuple[Reading, ...], ...]
