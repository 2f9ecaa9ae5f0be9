"""The data package's contract: column names, descriptions and Table Schemas (see README).

Change names and codes only with a new major CONTRACT_VERSION and a note in the README's changelog.
"""

from __future__ import annotations

from tiltaksdata.model import DIMENSIONS, STATISTICS, TOTAL
from tiltaksdata.normalise.vocabulary import Vocabulary

CONTRACT_VERSION = "1.6.0"
PROFILE = "https://datapackage.org/profiles/2.0/datapackage.json"
RESOURCE_PROFILE = "https://datapackage.org/profiles/2.0/dataresource.json"
LICENCE = {
    "name": "NLOD-2.0",
    "path": "https://data.norge.no/nlod/no/2.0",
    "title": "Norsk lisens for offentlige data (NLOD) 2.0",
}
OBSERVATION_COLUMNS = (
    "report",
    "period",
    "statistic",
    "region_level",
    "region_code",
    "region_name",
    *DIMENSIONS,
    "value",
)
STRUCTURE_COLUMNS = ("id", "name", "valid_from", "valid_to", "description")
CHANGE_COLUMNS = ("date", "from_code", "to_code", "share", "note")
CROSSWALK_COLUMNS = ("county_code", "structure", "from_code", "approximate", "note")
PRIMARY_KEY = ["report", "period", "statistic", "region_code", *DIMENSIONS]
CURRENT_COLUMNS = (*OBSERVATION_COLUMNS, "published")
REVISION_COLUMNS = (
    "period",
    "statistic",
    "region_code",
    "region_name",
    *DIMENSIONS,
    "basis",
    "old_value",
    "old_report",
    "old_published",
    "new_value",
    "new_report",
    "new_published",
)
SUPPRESSED = {"value": "*", "label": "Prikket av NAV: færre enn 4 (0–3) deltakere"}
DESCRIPTIONS = {
    "report": "The source report (file name without extension); see `sources`.",
    "period": "Month, YYYY-MM. For ytd_average, the last month of the year-to-date average.",
    "statistic": "count: participants at the end of the month; ytd_average: average so far this "
    "year (gjennomsnitt hittil i år); change_count / change_percent: change from the "
    "same month a year before (endring fra i fjor).",
    "region_level": "country (code NO), county, municipality or other (97 Svalbard og øvrige "
    "områder, 99 Ukjent fylke, 2100 Svalbard, 9999 Ukjent kommune).",
    "region_code": "County (2 digits) or municipality (4 digits) code of the structure in force "
    "in the period; NO for Norway. See the regions resource.",
    "region_name": "Official name, with the Sami names NAV prints.",
    "participant_group": "Hovedgruppe. «I alt» = all groups.",
    "measure_group": "Tiltaksgruppe. «I alt» = all groups.",
    "measure": "Tiltak. «I alt» = all measures of the measure group.",
    "gender": "Kjønn. «I alt» = both.",
    "age": "Aldersgruppe. «I alt» = all ages.",
    "immigrant_status": "Innvandrerstatus. «I alt» = all.",
    "birth_region": "Fødeland (verdensdel). «I alt» = all.",
    "education": "Utdanningsnivå. «I alt» = all.",
    "value": "Integer; «*» where NAV suppressed a value under 4 (never zero).",
    "published": "The date NAV published the report the value is taken from (printed in the report, "
    "else from its provenance).",
    "basis": "reprint: a later report printed the key with another value; change from a year before: "
    "a later report's «endring fra i fjor» implies another count twelve months earlier.",
    "old_value": "The value of the earlier publication («*» = suppressed).",
    "old_report": "The earlier report (see sources).",
    "old_published": "The date the earlier report was published.",
    "new_value": "The value of the later publication («*» = suppressed).",
    "new_report": "The later report (see sources).",
    "new_published": "The date the later report was published.",
}


def _field(name: str, type: str = "string", **extra: object) -> dict:
    return {"name": name, "type": type, "description": DESCRIPTIONS.get(name, ""), **extra}


def _enums(vocab: Vocabulary) -> dict[str, list[str]]:
    enums = {
        "participant_group": vocab.participant_groups,
        "measure_group": vocab.measure_groups,
        "measure": list(vocab.measures),
    }
    for dim, name in vocab.categories:
        enums.setdefault(dim, []).append(name)
    return {dim: [TOTAL, *values] for dim, values in enums.items()}


def observations_schema(vocab: Vocabulary, report_ids: list[str]) -> dict:
    """The Table Schema of the observations resource."""
    enums = _enums(vocab)
    fields = [
        _field("report", constraints={"required": True, "enum": report_ids}),
        _field("period", "yearmonth", constraints={"required": True}),
        _field("statistic", constraints={"required": True, "enum": list(STATISTICS)}),
        _field("region_level", constraints={"required": True, "enum": ["country", "county", "municipality", "other"]}),
        _field("region_code", constraints={"required": True}),
        _field("region_name", constraints={"required": True}),
        *[_field(d, constraints={"required": True, "enum": enums[d]}) for d in DIMENSIONS],
        _field("value", "integer"),
    ]
    return {
        "fields": fields,
        "missingValues": [SUPPRESSED],
        "primaryKey": PRIMARY_KEY,
        "foreignKeys": [
            {"fields": ["region_code"], "reference": {"resource": "regions", "fields": ["code"]}},
            {
                "fields": ["measure_group", "measure"],
                "reference": {"resource": "measures", "fields": ["group", "name"]},
            },
        ],
    }
