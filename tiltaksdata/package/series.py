"""The assembled series → the `series` and `revisions` resources (contract 1.2.0).

`series` holds the current value of every key (the latest publication's); `revisions` every key
whose value changed from one publication to a later one. See README, "Publications and revisions".
"""

from __future__ import annotations

from collections.abc import Callable, Iterable

from tiltaksdata.check.series import CHANGE_BASIS, REPRINT_BASIS, Series
from tiltaksdata.model import DIMENSIONS, STATISTICS
from tiltaksdata.normalise.vocabulary import Vocabulary
from tiltaksdata.numbers import format_value
from tiltaksdata.package.schema import PRIMARY_KEY, SUPPRESSED, _enums, _field, observations_schema


def series_schema(vocab: Vocabulary, report_ids: list[str]) -> dict:
    """The Table Schema of the series resource: the observations' columns, one row per key."""
    schema = observations_schema(vocab, report_ids)
    schema["fields"] = [*schema["fields"], _field("published", "date", constraints={"required": True})]
    schema["primaryKey"] = [k for k in PRIMARY_KEY if k != "report"]
    return schema


def revisions_schema(vocab: Vocabulary, report_ids: list[str]) -> dict:
    """The Table Schema of the revisions resource."""
    enums = _enums(vocab)
    report = {"required": True, "enum": report_ids}
    fields = [
        _field("period", "yearmonth", constraints={"required": True}),
        _field("statistic", constraints={"required": True, "enum": list(STATISTICS)}),
        _field("region_code", constraints={"required": True}),
        _field("region_name"),
        *[_field(d, constraints={"required": True, "enum": enums[d]}) for d in DIMENSIONS],
        _field("basis", constraints={"required": True, "enum": [REPRINT_BASIS, CHANGE_BASIS]}),
        _field("old_value", "integer"),
        _field("old_report", constraints=report),
        _field("old_published", "date", constraints={"required": True}),
        _field("new_value", "integer"),
        _field("new_report", constraints=report),
        _field("new_published", "date", constraints={"required": True}),
    ]
    return {
        "fields": fields,
        "missingValues": [SUPPRESSED],
        "primaryKey": ["period", "statistic", "region_code", *DIMENSIONS, "basis", "old_report", "new_report"],
        "foreignKeys": [{"fields": ["region_code"], "reference": {"resource": "regions", "fields": ["code"]}}],
    }


def _sort_key(vocab: Vocabulary) -> Callable[[tuple], tuple]:
    region_order = {r.code: i for i, r in enumerate(vocab.regions)}
    orders = {d: {v: i for i, v in enumerate(values)} for d, values in _enums(vocab).items()}
    return lambda key: (
        key[0],
        STATISTICS.index(key[1]),
        region_order[key[2]],
        tuple(orders[d][v] for d, v in zip(DIMENSIONS, key[3])),
    )


def series_to_rows(series: Series, vocab: Vocabulary, keys: Iterable[tuple] | None = None) -> list[list[str]]:
    """One row per key (all, or `keys`) with its current value, the report it is taken from and
    that report's date."""
    rows = []
    for key in sorted(series.current if keys is None else keys, key=_sort_key(vocab)):
        vintage = series.current[key]
        region = vocab.region_by_code[key[2]]
        rows.append(
            [
                vintage.report,
                key[0],
                key[1],
                region.level,
                region.code,
                region.name,
                *key[3],
                format_value(vintage.value),
                vintage.published,
            ]
        )
    return rows


def revisions_to_rows(series: Series, vocab: Vocabulary) -> list[list[str]]:
    """One row per revision: the key, why, and the old and new value with report and date."""
    return [
        [
            r.key[0],
            r.key[1],
            r.key[2],
            vocab.region_by_code[r.key[2]].name,
            *r.key[3],
            r.basis,
            format_value(r.old.value),
            r.old.report,
            r.old.published,
            format_value(r.new.value),
            r.new.report,
            r.new.published,
        ]
        for r in series.revisions
    ]
