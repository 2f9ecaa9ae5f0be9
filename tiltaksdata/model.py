"""The shapes data takes between stages: raw tables from a reader, observations after normalising."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, NamedTuple

from tiltaksdata.reasons import Reason

# The dimensions of an observation, in the data package's column order. Region is a code.
DIMENSIONS = (
    "participant_group",
    "measure_group",
    "measure",
    "gender",
    "age",
    "immigrant_status",
    "birth_region",
    "education",
)
TOTAL = "I alt"
COUNTRY = "NO"
STATISTICS = ("count", "ytd_average", "change_count", "change_percent")
ADDITIVE = ("count", "change_count", "ytd_average")  # statistics whose parts add up (not percents)
COUNTY_OTHERS = ("97", "99")  # beside the counties: Svalbard og øvrige områder, Ukjent fylke
MUNICIPAL_OTHERS = ("2100", "9999")  # beside the municipalities: Svalbard, Ukjent kommune
# A report over the measures of several groups (TILT180: Jobbskaping og egenetablering + Tilrettelegging)
# has a scope naming them joined by this; its «I alt» is the total of no one group: checked, never published.
SCOPE_JOIN = " + "


def scope_groups(value: str) -> tuple[str, ...]:
    """`A + B` → (`A`, `B`): the measure groups a scope names."""
    return tuple(part.strip() for part in value.split(SCOPE_JOIN))


@dataclass(frozen=True)
class RawRow:
    """A row as printed: its label (wrapped lines joined) and its cells, with the line it ends on."""

    label: str
    cells: tuple[str, ...]
    line: int
    page: int | str | None = None  # a PDF's or extract's page, or a workbook's sheet
    parent: str = ""  # a label printed in a column before the row's own (TILT030: the measure group, filled down)


@dataclass
class RawTable:
    """A table as a reader found it, before any label is interpreted."""

    source: str
    line: int
    page: int | str | None
    title: str
    subtitle: str
    period_text: str
    header: tuple[str, ...]
    rows: list[RawRow] = field(default_factory=list)
    subtitle_line: int | None = None
    period_line: int | None = None
    columns: tuple[str, ...] = ()  # in a workbook: each header cell's column letter (problems name the cell)
    label_column: str = ""  # in a workbook: the column letter of the row labels


@dataclass(frozen=True)
class Mark:
    """A line a reader recognised that holds no numbers: a period, an update date, a page number."""

    kind: str  # one of MARK_KINDS
    text: str
    line: int
    page: int | str | None = None


MARK_KINDS = ("period", "updated", "page")


@dataclass
class RawReport:
    """Everything a reader takes from one report file."""

    source: str
    title: str
    period_text: str
    layout: str
    tables: list[RawTable]
    marks: list[Mark] = field(default_factory=list)
    page_count: int | None = None  # pages in the file, where the format knows (PDF)
    sheets: tuple[str, ...] = ()  # a workbook's sheets, in order


class Observation(NamedTuple):
    """One number: its key (period, statistic, region, dimensions) and value (None = `*`).

    A named tuple: an archive holds hundreds of thousands of these, cached and loaded again on
    every build, and a tuple is the smallest and fastest to pickle of Python's records.
    """

    period: str
    statistic: str
    region: str
    dims: tuple[str, ...]
    value: int | None

    @property
    def key(self) -> tuple:
        """Everything but the value."""
        return (self.period, self.statistic, self.region, self.dims)


class Source(NamedTuple):
    """Where an observation was printed: table and line, for error messages."""

    table: int
    line: int
    page: int | str | None = None


@dataclass(frozen=True)
class Mapping:
    """One raw label mapped to one canonical label, and why."""

    dimension: str
    raw: str
    canonical: str
    how: Reason
    line: int


@dataclass
class ParsedReport:
    """A report after reading and normalising: its observations, where each came from, the mappings."""

    report: str
    title: str
    layout: str
    periods: list[str]
    tables: int
    observations: list[Observation]
    sources: list[Source]
    mappings: list[Mapping]
    published: str = ""  # ISO date the report was published (printed, else from the provenance)
    family: str = ""  # id in reference/report_families.csv, or "" for a family not yet known
    problems: list = field(default_factory=list)  # Problems found while reading (completeness, dating)
    not_applied: list[str] = field(default_factory=list)  # completeness checks that could not apply
    checked: tuple = ()  # (problems, checks run, checks undecided): the report's own checks, run once
    levels: list[str] = field(default_factory=list)  # the region levels it gives (country, county, …)
    breakdowns: list[str] = field(default_factory=list)  # the dimensions it breaks down (not only «I alt»)
    # «I alt» over the measures of several groups (a scope `A + B`): checked against its parts, not published
    partial_totals: list[tuple[Observation, Source]] = field(default_factory=list)


@dataclass
class BuildSummary:
    """What a build did, for the CLI's last line."""

    reports: int
    tables: int
    observations: int
    checks: int
    accepted: int
    labels: int
    normalised: int
    out: str
    seconds: dict[str, float] = field(default_factory=dict)
    pages: int = 0
    maps: list[str] = field(default_factory=list)
    undecided: int = 0
    revisions: int = 0
    reprints: int = 0
    not_applied: dict[str, list[str]] = field(default_factory=dict)
    unchanged: bool = False  # nothing changed since the last build: its site was kept
    damaged_cache: list[str] = field(default_factory=list)  # cache entries found damaged, and made again

    def with_site(self, site: dict) -> None:
        """Add what the render made: pages and maps."""
        self.pages, self.maps = site.get("pages", 0), site.get("maps", [])

    @classmethod
    def of(
        cls,
        parsed: list[ParsedReport],
        checked: Any,  # check.report.CheckSummary: a later stage's type, so not named here
        out: Path,
        seconds: dict[str, float],
        site: dict | None = None,
        series: Any = None,  # check.series.Series, likewise
    ) -> BuildSummary:
        """Count what a build made: reports, tables, distinct observations, checks, labels."""
        mapped = {(p.report, m.raw, m.canonical, m.how) for p in parsed for m in p.mappings}
        return cls(
            reports=len(parsed),
            tables=sum(p.tables for p in parsed),
            observations=sum(len({o.key for o in p.observations}) for p in parsed),
            checks=checked.checks,
            accepted=len(checked.accepted),
            labels=len(mapped),
            normalised=sum(1 for *_, how in mapped if how.normalised),
            out=str(out),
            seconds=seconds,
            pages=(site or {}).get("pages", 0),
            maps=(site or {}).get("maps", []),
            undecided=checked.undecided,
            revisions=len(series.revisions) if series else 0,
            reprints=series.reprints if series else 0,
            not_applied={p.report: p.not_applied for p in parsed if p.not_applied},
        )
