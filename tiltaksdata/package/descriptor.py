"""The package's descriptor: resources and their schemas, sources, keywords, contributors, in bokmål."""

from __future__ import annotations

from tiltaksdata import words_nb
from tiltaksdata.check.comparable import county_series_schema
from tiltaksdata.check.report import CheckSummary
from tiltaksdata.model import ParsedReport
from tiltaksdata.normalise.vocabulary import Vocabulary
from tiltaksdata.package.schema import (
    CONTRACT_VERSION,
    LICENCE,
    PROFILE,
    RESOURCE_PROFILE,
    _enums,
    _field,
    observations_schema,
)
from tiltaksdata.package.series import revisions_schema, series_schema
from tiltaksdata.read.provenance import Report
from tiltaksdata.settings import Site


def _table(name: str, title: str, schema: dict, description: str) -> dict:
    return {
        "$schema": RESOURCE_PROFILE,
        "name": name,
        "type": "table",
        "title": title,
        "description": description,
        "path": f"{name}.csv",
        "format": "csv",
        "mediatype": "text/csv",
        "encoding": "utf-8",
        "schema": schema,
    }


def in_norwegian(descriptor: dict) -> dict:
    """Every resource and column described in bokmål (words_nb), the English kept as `description_en`."""
    for resource in descriptor["resources"]:
        resource["description_en"] = resource["description"]
        resource["description"] = words_nb.RESOURCES[resource["name"]]
        for field in resource["schema"]["fields"]:
            if field.get("description"):
                field["description_en"] = field["description"]
            field["description"] = words_nb.column(resource["name"], field["name"])
    return descriptor


def report_facts(parsed: ParsedReport, checked: CheckSummary | None) -> dict:
    """What the build found in one report, for its source entry: tables, observations, checks."""
    accepted = [
        {"type": problem.type, "key": known.key, "reason": known.reason}
        for problem, known in (checked.accepted if checked else [])
        if problem.report == parsed.report or problem.report.startswith(parsed.report + ".")
    ]
    return {
        "published": parsed.published,
        "family": parsed.family,
        "levels": parsed.levels,
        "breakdowns": parsed.breakdowns,
        "layout": parsed.layout,
        "periods": parsed.periods,
        "tables": parsed.tables,
        "observations": parsed.distinct_count,
        "checks": checked.checks_by_report.get(parsed.report, 0) if checked else 0,
        "known_errors": accepted,
    }


KEYWORDS = ["arbeidsrettede tiltak", "tiltaksdeltakere", "NAV", "arbeidsmarked", "fylker", "kommuner"]  # in bokmål


def contributors(site: Site) -> list[dict]:
    """Who made the data (NAV) and who publishes this package (the site), with their roles."""
    nav = {
        "title": "NAV (Arbeids- og velferdsetaten)",
        "path": "https://www.nav.no/",
        "roles": ["creator", "rightsHolder"],
    }
    own = {
        "title": site.publisher,
        "roles": ["publisher", "dataCurator"],
        **({"path": site.publisher_url} if site.publisher_url else {}),
    }
    return [nav, own]


def package_descriptor(reports: list[Report], vocab: Vocabulary, site: Site = Site()) -> dict:
    """The datapackage.json descriptor."""
    ids = [r.id for r in reports]
    region_schema = {
        "fields": [
            _field("code", constraints={"required": True, "unique": True}),
            _field("name"),
            _field("short_name"),
            _field("level", constraints={"enum": ["country", "county", "municipality", "other"]}),
            _field("valid_from", "date"),
            _field("valid_to", "date"),
            _field("parent_code"),
        ],
        "missingValues": [""],
        "primaryKey": ["code"],
    }
    measure_schema = {
        "fields": [
            _field("name", constraints={"required": True}),
            _field("group", constraints={"required": True}),
            _field(
                "first_period", "yearmonth", description="The first month any report gives a figure for (empty: none)."
            ),
            _field(
                "last_period", "yearmonth", description="The last month any report gives a figure for (empty: none)."
            ),
            _field("note", description="What NAV's publications say of the measure: when it began or ended, renames."),
        ],
        "primaryKey": ["group", "name"],
    }
    mapping_schema = {
        "fields": [
            _field("report", constraints={"enum": ids}),
            _field("dimension"),
            _field("raw"),
            _field("canonical"),
            _field("how"),
            _field("line", "integer"),
        ],
        "primaryKey": ["report", "dimension", "raw", "canonical", "how"],
    }
    structure_schema = {
        "fields": [
            _field("id", constraints={"required": True, "unique": True}),
            _field("name"),
            _field("valid_from", "date"),
            _field("valid_to", "date"),
            _field("description"),
        ],
        "missingValues": [""],
        "primaryKey": ["id"],
    }
    change_schema = {
        "fields": [
            _field("date", "date"),
            _field("from_code"),
            _field("to_code"),
            _field("share", constraints={"enum": ["whole", "part"]}),
            _field("note"),
        ],
        "primaryKey": ["date", "from_code", "to_code"],
        "foreignKeys": [
            {"fields": ["from_code"], "reference": {"resource": "regions", "fields": ["code"]}},
            {"fields": ["to_code"], "reference": {"resource": "regions", "fields": ["code"]}},
        ],
    }
    crosswalk_schema = {
        "fields": [
            _field("county_code"),
            _field("structure"),
            _field("from_code"),
            _field("approximate", "boolean", trueValues=["yes"], falseValues=["no"]),
            _field("note"),
        ],
        "primaryKey": ["county_code", "structure", "from_code"],
        "foreignKeys": [{"fields": ["structure"], "reference": {"resource": "county_structures", "fields": ["id"]}}],
    }
    return {
        "$schema": PROFILE,
        "name": "tiltaksdata",
        "title": "Deltakere i arbeidsrettede tiltak – NAVs rapporter som åpne data",
        "description": "Participants in NAV's labour-market measures, read from NAV's reports, "
        "every total checked. Values NAV suppressed (under 4) are «*», never 0.",
        "version": CONTRACT_VERSION,
        "created": "",  # set by write_package from the publications (see created_time)
        "keywords": KEYWORDS,
        **({"homepage": site.absolute("data.html")} if site.base_url else {}),
        "contributors": contributors(site),
        "licenses": [LICENCE],
        "sources": [
            {
                "title": r.title or r.id,
                "path": r.source_url or f"reports/{r.path.name}",
                "sha256": r.sha256,
                "publisher": r.publisher,
                "period": r.period,
                "file": f"reports/{r.path.name}",
                "id": r.id,
                "licence": r.licence,
                "landing_page": r.landing_page,
                # 1.6.0: the file's address at NAV and the day it was fetched (python -m tiltaksdata.fetch)
                "source_url": r.source_url,
                "retrieved": r.retrieved,
                "source_file": r.source_file,
                "format": r.format,
                "notes": r.notes,
                "notes_nb": r.notes_nb,
                "breaks": r.breaks,
                "scope": r.scope,
                "published_estimated": r.published_estimated,
                # 1.5.0: the same report in another format beside NAV's workbook, read and compared
                **(
                    {"also": [{"file": f"reports/{p.name}", "sha256": h} for p, h in r.companions]}
                    if r.companions
                    else {}
                ),
            }
            for r in reports
        ],
        "resources": [
            _table(
                "observations",
                "Observasjoner",
                observations_schema(vocab, ids),
                "One row per distinct observation of every report.",
            ),
            _table(
                "series",
                "Gjeldende tall",
                series_schema(vocab, ids),
                "The current value of every key: where several reports give it, the latest "
                "publication's value (see revisions). One row per key; the series to use.",
            ),
            _table(
                "revisions",
                "Revisjoner",
                revisions_schema(vocab, ids),
                "Every key whose value changed from one publication to a later one: old and new "
                "value, both reports and both publication dates.",
            ),
            _table(
                "regions",
                "Regioner",
                region_schema,
                "Country, counties of the 2014, 2020 and 2024 structures, municipalities of 2024.",
            ),
            _table(
                "measures",
                "Tiltak",
                measure_schema,
                "Every measure with its group; «I alt» rows stand for group and grand totals.",
            ),
            _table(
                "label_mappings",
                "Etikettnormalisering",
                mapping_schema,
                "Every printed label and the canonical label it was mapped to, with why.",
            ),
            _table(
                "county_structures",
                "Fylkesinndelinger",
                structure_schema,
                "The county structures: 1972–2017, 2018–2019, 2020–2023 and from 2024.",
            ),
            _table(
                "county_changes",
                "Fylkesendringer",
                change_schema,
                "Which county became (part of) which, and when; share is whole or part.",
            ),
            _table(
                "county_crosswalk",
                "Fylkesnøkkel",
                crosswalk_schema,
                "Which counties of an older structure make up each county of 2024; approximate where "
                "municipalities moved across county lines.",
            ),
            _table(
                "county_series",
                "Sammenlignbare fylkestall",
                county_series_schema(vocab, _enums(vocab), ids),
                "DERIVED: every county of 2024 over every period, as reported or summed from the older "
                "counties through county_crosswalk; approximate sums and ranges (suppressed parts) flagged.",
            ),
        ],
    }
