"""Raw tables → observations: every label read against the vocabularies, every cell keyed.

A cell's key is the report's scope, plus the table's block (its subtitle and its first `I alt …`
row), plus its row, plus its column, with `I alt` for every dimension none of them sets.
Where a label could mean two things, the table decides: a word that is both a measure group and
a measure (`Oppfølging`) is a measure among measures and a group among groups; a label the column
cut off (`Varig tilrettelagt arbeid i`) is settled by the same numbers printed under its full
name elsewhere in the report.
"""

from __future__ import annotations

from tiltaksdata.errors import ReportError
from tiltaksdata.model import (
    COUNTRY,
    DIMENSIONS,
    MUNICIPAL_OTHERS,
    SCOPE_JOIN,
    TOTAL,
    Mapping,
    Observation,
    ParsedReport,
    RawReport,
    RawRow,
    RawTable,
    Source,
    scope_groups,
)
from tiltaksdata.normalise.columns import Context, Deferred, fail_at, header_to_columns, read_label
from tiltaksdata.normalise.vocabulary import LabelReading, Reading, Vocabulary
from tiltaksdata.numbers import NumberError, parse_cell
from tiltaksdata.periods import text_to_months
from tiltaksdata.reasons import Kind


def _prefer(readings: tuple[Reading, ...], level: str, municipal: bool) -> tuple[Reading, ...]:
    """Narrow a phrase's readings by the table's context: measure level, region kind."""
    if len({r.level for r in readings}) > 1 and any(r.level == level for r in readings):
        readings = tuple(r for r in readings if r.level == level)
    regions = [r for r in readings if r.get("region")]
    if len(regions) > 1:
        kind = [r for r in regions if (len(r.get("region") or "") == 4) == municipal]
        readings = tuple(kind) or readings
    return readings


def _axis_level(readings: list[LabelReading], title: str) -> str:
    """`measure` if an axis lists measures (or `I alt <group>` subtotals), else `group`."""
    for reading in readings:
        for segment in reading.segments:
            levels = {r.level for r in segment}
            if levels == {"measure"} and not reading.total:
                return "measure"
            if reading.total and "group" in levels:
                return "measure"
    for reading in readings:
        for segment in reading.segments:
            if {r.level for r in segment} == {"group"}:
                return "group"
    return "group" if "gruppe" in title.lower() else "measure"


def _is_municipal(readings: list[LabelReading]) -> bool:
    """True if some label of the axis can only be a municipality (`0301 Oslo`, `Bærum`)."""
    return any(
        segment and all(len(r.get("region") or "") == 4 and r.get("region") not in MUNICIPAL_OTHERS for r in segment)
        for reading in readings
        for segment in reading.segments
    )


def _settle(ctx: Context, label: str, readings: tuple[Reading, ...], vector: tuple, line: int) -> Reading:
    """Pick the one reading of a cut-off label whose numbers the report prints elsewhere."""
    if len(readings) == 1:
        return readings[0]
    dims = [d for d, _ in readings[0].dims if len({r.get(d) for r in readings}) > 1]
    matches = [r for r in readings if any(r.get(d) in ctx.settled.get((d, vector), set()) for d in dims)]
    if len(matches) == 1 and any(v for v in vector if v):
        r = matches[0]
        return Reading(r.dims, r.level, r.how.resolved(Kind.CUT_OFF_BY_TOTALS), r.canonical)
    raise Deferred(label, readings, vector, line)


def _dims(
    ctx: Context,
    table: RawTable,
    raw: str,
    reading: LabelReading,
    level: str,
    municipal: bool,
    vector: tuple,
    line: int,
) -> dict[str, str]:
    """The dimension values a label sets, narrowed by context, with its mappings recorded."""
    dims: dict[str, str] = {}
    for segment in reading.segments:
        narrowed = _prefer(segment, "group" if reading.total else level, municipal)
        chosen = _settle(ctx, raw, narrowed, vector, line)
        if chosen.how.steps[-1].kind is Kind.CUT_OFF and not chosen.how.by_code:
            how = Kind.CUT_OFF_BY_CONTEXT if len(segment) > 1 else Kind.CUT_OFF_ONLY_ONE
            chosen = Reading(chosen.dims, chosen.level, chosen.how.resolved(how), chosen.canonical)
        for dim, value in chosen.dims:
            if dims.get(dim, value) != value:
                raise fail_at(ctx, table, line, "conflicting-label", f"{raw!r} sets {dim} twice")
            dims[dim] = value
        dimension = (
            "region" if chosen.get("region") else ("measure" if chosen.level == "measure" else chosen.dims[0][0])
        )
        ctx.mappings.append(Mapping(dimension, raw, chosen.canonical, chosen.how, line))
    return dims


def _merge(ctx: Context, table: RawTable, line: int, *parts: dict[str, str]) -> dict[str, str]:
    merged: dict[str, str] = {}
    for part in parts:
        for dim, value in part.items():
            if merged.get(dim, value) != value:
                raise fail_at(
                    ctx,
                    table,
                    line,
                    "conflicting-dimensions",
                    f"{dim} is {merged[dim]!r} for the table but {value!r} on this row",
                    "A row or column label contradicts the table's subtitle or total row.",
                )
            merged[dim] = value
    return merged


def _vector(ctx: Context, table: RawTable, row: RawRow) -> tuple:
    if not ctx.blanks_are_zero and any(not c.strip() for c in row.cells):
        at = [not c.strip() for c in row.cells].index(True)
        raise fail_at(
            ctx,
            table,
            row.line,
            "blank-cell",
            f"row {row.label!r} has a blank cell in column "
            f"{table.header[at]!r}; in this report family a blank is not known to be zero",
            "A digit or a «*» was lost from the extract: read the report again from NAV's file. "
            "Only families whose totals prove blanks to be zeros (blanks = zero in "
            "tiltaksdata/reference/report_families.csv) may print them.",
            table.columns[at] if table.columns else "",
        )
    try:
        return tuple(parse_cell(c) for c in row.cells)
    except NumberError as err:
        raise fail_at(ctx, table, row.line, "bad-number", f"row {row.label!r}: {err}") from None


def table_to_observations(ctx: Context, table: RawTable, index: int) -> list[tuple[Observation, Source]]:
    """Every cell of one table as an observation with its source line."""
    months = text_to_months(table.period_text) or ctx.months
    day = f"{months[0]}-01"
    columns = header_to_columns(ctx, table, months, day)
    if not table.rows:
        return []
    rows = [
        (row, read_label(ctx, table, row.label, row.line, day, table.label_column), _vector(ctx, table, row))
        for row in table.rows
    ]
    block_rows = rows[:1] if rows[0][1].total else []
    level = _axis_level([r for _, r, _ in rows[len(block_rows) :]], table.title)
    municipal = _is_municipal([r for _, r, _ in rows])
    col_level = _axis_level([c.reading for c in columns if c.reading], table.title)
    block: dict[str, str] = {}
    if table.subtitle:
        sub = read_label(ctx, table, table.subtitle, table.subtitle_line or table.line, day)
        block = _dims(ctx, table, table.subtitle, sub, "group", False, (), table.subtitle_line or table.line)
    if block_rows:
        row, reading, vector = block_rows[0]
        block = _merge(
            ctx, table, row.line, block, _dims(ctx, table, row.label, reading, "group", municipal, vector, row.line)
        )
    col_dims = [
        _dims(ctx, table, name, c.reading, col_level, False, (), table.line) if c.reading else {}
        for name, c in zip(table.header, columns)
    ]
    out = []
    for position, (row, reading, vector) in enumerate(rows):
        row_dims = (
            block
            if position == 0 and block_rows
            else _dims(ctx, table, row.label, reading, level, municipal, vector, row.line)
        )
        if row.parent:  # TILT030: the measure group in the column before, filled down; it must agree
            parent = read_label(ctx, table, row.parent, row.line, day, "A")
            parent_dims = _dims(ctx, table, row.parent, parent, "group", municipal, (), row.line)
            row_dims = _merge(ctx, table, row.line, parent_dims, row_dims)
        merged_row = _merge(ctx, table, row.line, ctx.scope, block, row_dims)
        for dim, value in merged_row.items():
            ctx.settled.setdefault((dim, vector), set()).add(value)
        source = Source(index, row.line, row.page)  # one per row: every column of it was printed there
        for column, extra, value in zip(columns, col_dims, vector):
            key = _merge(ctx, table, row.line, merged_row, extra)
            dims = tuple(key.get(d, TOTAL) for d in DIMENSIONS)
            dims = ctx.dims.setdefault(dims, dims)
            obs = Observation(column.period, column.statistic, key.get("region", COUNTRY), dims, value)
            out.append((obs, source))
    return out


def report_to_observations(
    raw: RawReport,
    report: str,
    vocab: Vocabulary,
    scope: dict[str, str] | None = None,
    blanks_are_zero: bool | None = None,
) -> ParsedReport:
    """Normalise every table of a report; cut-off labels are settled by a second pass.

    A blank cell is a zero only where `blanks_are_zero` (by default: where the report's family,
    found by its printed title in report_families.csv, says so); elsewhere it is a problem.
    """
    if blanks_are_zero is None:
        from tiltaksdata.normalise.families import family_of, load_families

        family = family_of(raw.title, load_families())
        blanks_are_zero = bool(family and family.blanks_are_zero)
    months = text_to_months(raw.period_text)
    if not months:
        raise ReportError(
            "no-period",
            f"no report period found (got {raw.period_text!r})",
            raw.source,
            hint="NAV reports print their period, e.g. 'Februar 2014', under the title.",
        )
    scope = dict(scope or {})
    groups = scope_groups(scope.pop("measure_group")) if SCOPE_JOIN in scope.get("measure_group", "") else ()
    ctx = Context(report, vocab, scope, months, {}, [], blanks_are_zero)
    results: dict[int, list[tuple[Observation, Source]]] = {}
    deferred: dict[int, Deferred] = {}
    for _ in range(2):
        for index, table in enumerate(raw.tables):
            if index in results:
                continue
            mark = len(ctx.mappings)
            try:
                results[index] = table_to_observations(ctx, table, index)
                deferred.pop(index, None)
            except Deferred as wait:
                del ctx.mappings[mark:]
                deferred[index] = wait
    if deferred:
        index, waiting = next(iter(deferred.items()))
        names = ", ".join(repr(r.canonical) for r in waiting.readings)
        raise ReportError(
            "ambiguous-label",
            f"{waiting.label!r} could be {names}; no other table in the report prints the same numbers "
            "under a full name",
            raw.source,
            line=waiting.line,
            page=raw.tables[index].page,
            hint="A number on this row may have been changed (the "
            "same figures under the full name are printed elsewhere in NAV's reports); else add "
            "the full label as an alias if it is known.",
        )
    pairs = [pair for index in sorted(results) for pair in results[index]]
    partial = [(o, s) for o, s in pairs if groups and o.dims[1] == TOTAL]
    if groups:
        pairs = [(o, s) for o, s in pairs if o.dims[1] != TOTAL]
        for obs, source in pairs:
            if obs.dims[1] not in groups:
                raise ReportError(
                    "outside-scope",
                    f"{obs.dims[1]!r} is not one of the groups the report covers ({', '.join(groups)})",
                    raw.source,
                    line=source.line,
                    page=source.page,
                    hint="Correct [scope] in the provenance, or the report's family row.",
                )
    return ParsedReport(
        report,
        raw.title,
        raw.layout,
        months,
        len(raw.tables),
        [o for o, _ in pairs],
        [s for _, s in pairs],
        ctx.mappings,
        partial_totals=partial,
    )
