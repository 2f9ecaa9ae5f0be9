"""Observations by county as reported → a comparable series for each county of 2024.

A 2024 county's figure for a period of an older county structure is the sum of the older counties
the crosswalk (`reference/county_crosswalk.csv`) lists for it. The sum is `approximate` where
municipalities moved across county lines, and a range (`low`–`high`) where a part is suppressed:
a `*` is 0–3, so a sum over it is never presented as one exact number.
"""

from __future__ import annotations

from tiltaksdata.errors import ReferenceDataError
from tiltaksdata.model import ADDITIVE, DIMENSIONS
from tiltaksdata.normalise.vocabulary import Vocabulary
from tiltaksdata.numbers import SUPPRESSED, SUPPRESSED_MAX

SERIES_COLUMNS = (
    "period",
    "statistic",
    "county_code",
    "county_name",
    *DIMENSIONS,
    "value",
    "low",
    "high",
    "method",
    "approximate",
    "from_codes",
    "report",
)


def structure_at(structures: list[dict], period: str, field: str = "id") -> str:
    """The county structure in force in a period (YYYY-MM): its id, or another field such as name."""
    day = f"{period}-01"
    for s in structures:
        if s["valid_from"] <= day and (not s["valid_to"] or day <= s["valid_to"]):
            return s[field]
    raise ReferenceDataError("county_structures.csv", f"no county structure covers {period}")


def structures_during(structures: list[dict], valid_from: str, valid_to: str, field: str = "id") -> list[str]:
    """The county structures in force at some time between two dates (empty: open-ended)."""
    start, end = valid_from or "0000", valid_to or "9999"
    return [s[field] for s in structures if start <= (s["valid_to"] or "9999") and s["valid_from"] <= end]


def structure_of(vocab: Vocabulary, period: str) -> str:
    """The id of the county structure in force in a period (YYYY-MM)."""
    return structure_at(vocab.county_structures, period)


def crosswalk(vocab: Vocabulary) -> dict[tuple[str, str], tuple[list[str], bool]]:
    """(2024 county, structure) → (the older counties that make it up, approximate?)."""
    parts: dict[tuple[str, str], tuple[list[str], bool]] = {}
    for row in vocab.county_crosswalk:
        codes, approximate = parts.setdefault((row["county_code"], row["structure"]), ([], False))
        codes.append(row["from_code"])
        parts[row["county_code"], row["structure"]] = (codes, approximate or row["approximate"] == "yes")
    return parts


def rows_to_county_series(rows: list[list[str]], columns: tuple[str, ...], vocab: Vocabulary) -> list[list[str]]:
    """Package observation rows → the comparable series rows of every county of the 2024 structure."""
    at = {c: i for i, c in enumerate(columns)}
    latest = vocab.county_structures[-1]["id"]
    current = [
        r
        for r in vocab.regions
        if r.level == "county" and latest in structures_during(vocab.county_structures, r.valid_from, r.valid_to)
    ]
    names = {r.code: r.name for r in vocab.regions}
    walk = crosswalk(vocab)
    # (report, period, statistic, dims) → {county code: value text}
    cells: dict[tuple, dict[str, str]] = {}
    for row in rows:
        if row[at["region_level"]] == "county" and row[at["statistic"]] in ADDITIVE:
            key = (row[at["report"]], row[at["period"]], row[at["statistic"]], *(row[at[d]] for d in DIMENSIONS))
            cells.setdefault(key, {})[row[at["region_code"]]] = row[at["value"]]
    out = []
    for (report, period, statistic, *dims), by_county in sorted(cells.items()):
        structure = structure_of(vocab, period)
        for county in current:
            if structure == "2024":
                parts, approximate, method = [county.code], False, "reported"
            elif (county.code, structure) in walk:
                parts, approximate = walk[county.code, structure]
                method = "reported" if parts == [county.code] and not approximate else "derived"
            else:
                continue
            if not all(p in by_county for p in parts):
                continue
            values = [by_county[p] for p in parts]
            known = sum(int(v) for v in values if v != SUPPRESSED)
            hidden = sum(v == SUPPRESSED for v in values)
            value = (SUPPRESSED if hidden else str(known)) if len(parts) == 1 else ("" if hidden else str(known))
            out.append(
                [
                    period,
                    statistic,
                    county.code,
                    names[county.code],
                    *dims,
                    value,
                    str(known),
                    str(known + SUPPRESSED_MAX * hidden),
                    method,
                    "true" if approximate else "false",
                    "+".join(parts),
                    report,
                ]
            )
    return out


def county_series_schema(vocab: Vocabulary, enums: dict[str, list[str]], report_ids: list[str]) -> dict:
    """The Table Schema of the county_series resource."""

    def field(name: str, type: str = "string", description: str = "", **constraints: object) -> dict:
        return {
            "name": name,
            "type": type,
            "description": description,
            **({"constraints": constraints} if constraints else {}),
        }

    counties = sorted(
        {r["county_code"] for r in vocab.county_crosswalk}
        | {r.code for r in vocab.regions if r.level == "county" and r.valid_from >= "2024"}
    )
    return {
        "fields": [
            field("period", "yearmonth", "Month, YYYY-MM.", required=True),
            field(
                "statistic",
                "string",
                "count, ytd_average or change_count (those that add up).",
                required=True,
                enum=list(ADDITIVE),
            ),
            field("county_code", "string", "County of the 2024 structure.", required=True, enum=counties),
            field("county_name", "string", "Its official name."),
            *[
                field(d, "string", "As in observations; «I alt» = all.", required=True, enum=enums[d])
                for d in DIMENSIONS
            ],
            field(
                "value",
                "integer",
                "The figure: as reported, or the sum of the counties in from_codes. «*»: a "
                "single suppressed county (0–3); empty: a sum over suppressed parts, see low/high.",
            ),
            field("low", "integer", "Lowest the figure can be (suppressed parts counted as 0).", required=True),
            field("high", "integer", "Highest the figure can be (suppressed parts counted as 3).", required=True),
            field(
                "method",
                "string",
                "reported: printed for this county; derived: summed from the counties of an "
                "older structure in from_codes.",
                required=True,
                enum=["reported", "derived"],
            ),
            field(
                "approximate",
                "boolean",
                "true where municipalities moved across county lines, so the older "
                "counties do not cover exactly the same area.",
                required=True,
            ),
            field("from_codes", "string", "The reported counties summed, joined by «+».", required=True),
            field("report", "string", "The source report.", required=True, enum=report_ids),
        ],
        "missingValues": ["", SUPPRESSED],
        "primaryKey": ["report", "period", "statistic", "county_code", *DIMENSIONS],
    }
