"""A table's column header → its columns (periods and statistics, or values of a dimension); the reading context."""

from __future__ import annotations

from dataclasses import dataclass, field

from tiltaksdata.errors import ReportError
from tiltaksdata.model import Mapping, RawTable
from tiltaksdata.normalise.labels import UnknownLabel, label_to_reading
from tiltaksdata.normalise.vocabulary import LabelReading, Reading, Vocabulary
from tiltaksdata.periods import is_month, month_column_to_period

STATISTIC_COLUMNS = {
    "antall": "count",
    "endring fra i fjor antall": "change_count",
    "endring fra i fjor prosent": "change_percent",
    "gjennomsnitt hittil i år": "ytd_average",
}


class Deferred(Exception):
    """A label with several readings that only the report's other tables can settle."""

    def __init__(self, label: str, readings: tuple[Reading, ...], vector: tuple, line: int) -> None:
        self.label, self.readings, self.vector, self.line = label, readings, vector, line
        super().__init__(label)


@dataclass
class Column:
    """What a column stands for: a statistic and period, or a reading of a dimension."""

    statistic: str
    period: str
    reading: LabelReading | None = None


@dataclass
class Context:
    """What every table of a report shares while it is normalised."""

    report: str
    vocab: Vocabulary
    scope: dict[str, str]
    months: list[str]
    settled: dict[tuple, set[str]]
    mappings: list[Mapping]
    blanks_are_zero: bool = False
    # Each combination of dimensions as one tuple object: a report repeats a few hundred of them over
    # tens of thousands of observations, and a shared tuple is pickled once and loaded once.
    dims: dict[tuple[str, ...], tuple[str, ...]] = field(default_factory=dict)


def fail_at(
    ctx: Context, table: RawTable, line: int, type: str, message: str, hint: str = "", column: str = ""
) -> ReportError:
    """A problem on a line of a table (in a workbook: a row of a sheet, and the cell where one is to blame)."""
    return ReportError(type, message, table.source, line=line, page=table.page, hint=hint, column=column)


def read_label(ctx: Context, table: RawTable, label: str, line: int, day: str, column: str = "") -> LabelReading:
    try:
        return label_to_reading(label, ctx.vocab, day)
    except UnknownLabel as err:
        raise fail_at(ctx, table, line, err.type, str(err), err.hint, column) from None


def header_to_columns(ctx: Context, table: RawTable, months: list[str], day: str) -> list[Column]:
    """Read a table's column header: periods and statistics, or values of a dimension."""
    columns = []
    for name in table.header:
        key = " ".join(name.lower().split())
        if period := month_column_to_period(name, months):
            columns.append(Column("count", period))
        elif is_month(name):
            raise fail_at(
                ctx,
                table,
                table.line,
                "period-outside-report",
                f"a column for {name!r} in a table dated {table.period_text!r}",
                "The table's period line or its month columns were changed or cut.",
            )
        elif key in STATISTIC_COLUMNS:
            period = months[-1] if key.startswith("gjennomsnitt") else (months[0] if len(months) == 1 else "")
            if not period:
                raise fail_at(
                    ctx,
                    table,
                    table.line,
                    "ambiguous-period",
                    f"column {name!r} in a table covering {len(months)} months",
                )
            columns.append(Column(STATISTIC_COLUMNS[key], period))
        else:
            if len(months) != 1:
                raise fail_at(
                    ctx,
                    table,
                    table.line,
                    "ambiguous-period",
                    f"column {name!r} has no month and the table covers {len(months)} months",
                )
            columns.append(Column("count", months[0], read_label(ctx, table, name, table.line, day)))
    return columns
