"""Parsed reports → a Frictionless data package (Data Package v2) in `data/`.

The resource and column names are a public contract (see README, "The data package"); change
them only with a new major CONTRACT_VERSION and a note in the README's changelog.
"""

from __future__ import annotations

import csv
import hashlib
import json
import os
import shutil
from datetime import UTC, datetime
from pathlib import Path

from tiltaksdata import cache
from tiltaksdata.check.comparable import SERIES_COLUMNS, rows_to_county_series
from tiltaksdata.check.report import CheckSummary, distinct_observations
from tiltaksdata.check.series import Series, parsed_to_series
from tiltaksdata.model import DIMENSIONS, STATISTICS, TOTAL, ParsedReport
from tiltaksdata.normalise.vocabulary import Vocabulary
from tiltaksdata.numbers import format_value
from tiltaksdata.package.descriptor import in_norwegian, package_descriptor, report_facts
from tiltaksdata.package.schema import (
    CHANGE_COLUMNS,
    CROSSWALK_COLUMNS,
    CURRENT_COLUMNS,
    OBSERVATION_COLUMNS,
    REVISION_COLUMNS,
    STRUCTURE_COLUMNS,
    _enums,
)
from tiltaksdata.package.series import revisions_to_rows, series_to_rows
from tiltaksdata.read.provenance import Report
from tiltaksdata.settings import Site


def parsed_to_rows(parsed_reports: list[ParsedReport], vocab: Vocabulary) -> list[list[str]]:
    """One CSV row per distinct observation, sorted by report, period, statistic, region, dimensions."""
    region_order = {r.code: i for i, r in enumerate(vocab.regions)}
    orders = {d: {v: i for i, v in enumerate(values)} for d, values in _enums(vocab).items()}
    rows = []
    for parsed in parsed_reports:
        for obs in distinct_observations(parsed).values():
            region = vocab.region_by_code[obs.region]
            sort = (
                parsed.report,
                obs.period,
                STATISTICS.index(obs.statistic),
                region_order[obs.region],
                tuple(orders[d][v] for d, v in zip(DIMENSIONS, obs.dims)),
            )
            rows.append(
                (
                    sort,
                    [
                        parsed.report,
                        obs.period,
                        obs.statistic,
                        region.level,
                        region.code,
                        region.name,
                        *obs.dims,
                        format_value(obs.value),
                    ],
                )
            )
    return [row for _, row in sorted(rows, key=lambda r: r[0])]


def series_part_keys(
    parsed_reports: list[ParsedReport], report_keys: dict[str, str], vocab: Vocabulary
) -> dict[str, str]:
    """month → a key of everything its series part is made from: the cache keys of every report that
    gives a value of that month (their bytes, provenance, publication date), the vocabulary, the code."""
    by_month: dict[str, set[str]] = {}
    for parsed in parsed_reports:
        for month in {obs[0] for obs in parsed.observations}:  # obs[0]: the period
            by_month.setdefault(month, set()).add(report_keys.get(parsed.report, parsed.report))
    vocabulary = cache.folder_digest(vocab.folder, "*.csv")
    code = cache.code_fingerprint(*cache.SERIES_CODE)
    return {
        month: hashlib.sha256("\0".join([month, *sorted(used), vocabulary, code]).encode()).hexdigest()
        for month, used in by_month.items()
    }


def created_time(parsed_reports: list[ParsedReport]) -> str:
    """`created`: SOURCE_DATE_EPOCH where set, else the newest publication date (repeatable builds)."""
    if epoch := os.environ.get("SOURCE_DATE_EPOCH", "").strip():
        moment = datetime.fromtimestamp(int(epoch), UTC)
    else:
        newest = max((p.published for p in parsed_reports if p.published), default="1970-01-01")
        moment = datetime.fromisoformat(newest).replace(tzinfo=UTC)
    return moment.replace(microsecond=0).isoformat().replace("+00:00", "Z")


def _write_csv(path: Path, header: list[str] | tuple[str, ...], rows: list[list[str]]) -> None:
    with open(path, "w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle, lineterminator="\n")
        writer.writerow(header)
        writer.writerows(rows)


def _write_part(folder: Path, name: str, part: str, header: tuple[str, ...], rows: list[list[str]]) -> str:
    """Write one part of a resource, `name/<part>.csv`, with the header; its path."""
    (folder / name).mkdir(exist_ok=True)
    _write_csv(folder / name / f"{part}.csv", header, rows)
    return f"{name}/{part}.csv"


MEASURE_COLUMNS = ["name", "group", "first_period", "last_period", "note"]  # 1.5.0: first/last month, note


def measures_to_rows(parsed_reports: list[ParsedReport], vocab: Vocabulary) -> list[list[str]]:
    """measures.csv: every measure with its group, the first and last month the reports give a figure
    for it (empty: none yet), and what NAV's publications say of it (reference/measures.csv's note)."""
    months: dict[tuple[str, str], list[str]] = {}
    for parsed in parsed_reports:
        for obs in parsed.observations:
            seen = months.setdefault((obs.dims[1], obs.dims[2]), [obs.period, obs.period])
            seen[0], seen[1] = min(seen[0], obs.period), max(seen[1], obs.period)
    keys = [(TOTAL, TOTAL), *((g, TOTAL) for g in vocab.measure_groups), *((g, n) for n, g in vocab.measures.items())]
    return [
        [name, group, *months.get((group, name), ["", ""]), vocab.measure_facts.get(name, ("", "", ""))[2]]
        for group, name in keys
    ]


def _copy_series_entry(kept: Path, folder: Path, month: str) -> list[str]:
    """Copy a month's kept series parts into the package: the names copied, or none if the entry is
    missing or damaged (then the month is made again)."""
    contents = cache.load_pickle(kept)
    if not isinstance(contents, dict) or not isinstance(contents.get("series"), bytes):
        return []
    for name, data in contents.items():
        (folder / name).mkdir(exist_ok=True)
        (folder / name / f"{month}.csv").write_bytes(data)
    return list(contents)


def write_package(
    parsed_reports: list[ParsedReport],
    reports: list[Report],
    vocab: Vocabulary,
    folder: Path,
    checked: CheckSummary | None = None,
    series: Series | None = None,
    cache_dir: Path | None = None,
    site: Site = Site(),
) -> Path:
    """Write the CSVs, copies of the source reports and datapackage.json into `folder`.

    With `cache_dir`, a report's observations part is kept there under the report's cache key and
    copied from it in later builds instead of being made again.
    """
    folder.mkdir(parents=True, exist_ok=True)
    series = series or parsed_to_series(parsed_reports, reports)
    # The long resources are written in parts (one logical resource each, see README): observations
    # a file per report, the series a file per month, so no file grows with the archive and a new
    # report adds or changes few files (and only those are validated again). A part's rows are
    # made, written and let go one part at a time: memory holds one part, not the archive.
    parts: dict[str, list[str]] = {"observations": [], "series": [], "county_series": []}
    keys = {r.id: cache.cache_key(r.id, r.sha256, r.provenance_sha256, cache.PART_CODE) for r in reports}
    for parsed in sorted(parsed_reports, key=lambda p: p.report):
        kept = cache_dir / "parts" / f"{keys[parsed.report]}.csv" if cache_dir and parsed.report in keys else None
        (folder / "observations").mkdir(exist_ok=True)
        if kept and cache.copy_kept(kept, folder / "observations" / f"{parsed.report}.csv"):
            parts["observations"].append(f"observations/{parsed.report}.csv")
            continue
        parts["observations"].append(
            _write_part(folder, "observations", parsed.report, OBSERVATION_COLUMNS, parsed_to_rows([parsed], vocab))
        )
        if kept:
            cache.keep_file(folder / parts["observations"][-1], kept)
    # A month's series (and county series) is made from the reports that give any value of that
    # month: where they and the code are as in an earlier build, its parts are copied from the cache.
    months: dict[str, list[tuple]] = {}
    for key in series.current:
        months.setdefault(key[0], []).append(key)
    month_keys = series_part_keys(parsed_reports, keys, vocab) if cache_dir else {}
    for month in sorted(months):
        # One entry holds both parts of a month: a county part lost on its own cannot pass for a month without one.
        kept = cache_dir / "parts" / f"series-{month_keys[month]}.entry" if cache_dir else None
        if kept and (copied := _copy_series_entry(kept, folder, month)):
            for name in copied:
                parts[name].append(f"{name}/{month}.csv")
            continue
        rows = series_to_rows(series, vocab, months[month])
        parts["series"].append(_write_part(folder, "series", month, CURRENT_COLUMNS, rows))
        if county_rows := rows_to_county_series(rows, CURRENT_COLUMNS, vocab):
            parts["county_series"].append(_write_part(folder, "county_series", month, SERIES_COLUMNS, county_rows))
        if kept:
            entry = {"series": (folder / parts["series"][-1]).read_bytes()}
            if county_rows:
                entry["county_series"] = (folder / parts["county_series"][-1]).read_bytes()
            cache.store_pickle(kept, entry)
    for name, header in (
        ("observations", OBSERVATION_COLUMNS),
        ("series", CURRENT_COLUMNS),
        ("county_series", SERIES_COLUMNS),
    ):
        parts[name] = parts[name] or [_write_part(folder, name, "ingen", header, [])]
    _write_csv(folder / "revisions.csv", REVISION_COLUMNS, revisions_to_rows(series, vocab))
    _write_csv(
        folder / "regions.csv",
        ["code", "name", "short_name", "level", "valid_from", "valid_to", "parent_code"],
        [[r.code, r.name, r.short_name, r.level, r.valid_from, r.valid_to, r.parent_code] for r in vocab.regions],
    )
    _write_csv(folder / "measures.csv", MEASURE_COLUMNS, measures_to_rows(parsed_reports, vocab))
    mappings = sorted(
        {
            (p.report, m.dimension, m.raw, m.canonical, str(m.how)): m.line
            for p in parsed_reports
            for m in reversed(p.mappings)
        }.items()
    )
    _write_csv(
        folder / "label_mappings.csv",
        ["report", "dimension", "raw", "canonical", "how", "line"],
        [[*key, str(line)] for key, line in mappings],
    )
    _write_csv(
        folder / "county_structures.csv",
        STRUCTURE_COLUMNS,
        [[r[c] for c in STRUCTURE_COLUMNS] for r in vocab.county_structures],
    )
    _write_csv(
        folder / "county_changes.csv", CHANGE_COLUMNS, [[r[c] for c in CHANGE_COLUMNS] for r in vocab.county_changes]
    )
    _write_csv(
        folder / "county_crosswalk.csv",
        CROSSWALK_COLUMNS,
        [[r[c] for c in CROSSWALK_COLUMNS] for r in vocab.county_crosswalk],
    )
    (folder / "reports").mkdir(exist_ok=True)
    for report in reports:
        for path in (report.path, *(p for p, _ in report.companions)):  # NAV's workbook and its PDF or text
            shutil.copyfile(path, folder / "reports" / path.name)
    descriptor = in_norwegian(package_descriptor(reports, vocab, site))
    descriptor["created"] = created_time(parsed_reports)
    for resource in descriptor["resources"]:
        resource["path"] = parts.get(resource["name"], resource["path"])
    for source, parsed in zip(descriptor["sources"], parsed_reports):
        source.update(report_facts(parsed, checked))
    path = folder / "datapackage.json"
    path.write_text(json.dumps(descriptor, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    return path
