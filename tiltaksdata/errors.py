"""Domain errors and problems. Library code raises these; only the CLI prints them."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class Problem:
    """One thing wrong with a report, as data: a type slug, a message and where it was found."""

    type: str
    message: str
    report: str = ""
    line: int | None = None
    page: int | str | None = None  # a page of a PDF or text extract (int), or a workbook's sheet (str)
    hint: str = ""
    key: str = ""
    column: str = ""  # in a workbook: the cell's column letter (`C`), where the problem is one cell

    def location(self) -> str:
        """File, page and line as one string: `a.txt, page 3, line 120`; in a workbook
        `a.xlsx, sheet «Tiltak og fylke», cell C17` (or `row 17` where no one cell is to blame)."""
        parts = [self.report] if self.report else []
        if isinstance(self.page, str):
            parts.append(f"sheet «{self.page}»")
            if self.line is not None:
                parts.append(f"cell {self.column}{self.line}" if self.column else f"row {self.line}")
            return ", ".join(parts)
        if self.page is not None:
            parts.append(f"page {self.page}")
        if self.line is not None:
            parts.append(f"line {self.line}")
        return ", ".join(parts)


class TiltaksdataError(Exception):
    """Base class of every error the library raises on purpose."""


class InputError(TiltaksdataError):
    """A file given to the build cannot be used (a report, its provenance, site.toml, the boundaries,
    a Markdown page); names the file and, where known, the page and line."""

    def __init__(
        self,
        type: str,
        message: str,
        report: str,
        line: int | None = None,
        page: int | str | None = None,
        hint: str = "",
        column: str = "",
    ) -> None:
        self.problem = Problem(type, message, report, line, page, hint, column=column)
        super().__init__(f"{self.problem.location()}: {message}")

    def __reduce__(self) -> tuple[type, tuple]:
        """Rebuild from the problem, so the error survives a trip from a worker process."""
        p = self.problem
        return (type(self), (p.type, p.message, p.report, p.line, p.page, p.hint, p.column))


class ReferenceDataError(TiltaksdataError):
    """The project's own reference tables (tiltaksdata/reference/*.csv) are wrong: a bug here, not in a report."""

    def __init__(self, table: str, message: str, line: int | None = None) -> None:
        self.table, self.line = table, line
        super().__init__(f"reference/{table}{f', line {line}' if line else ''}: {message}")

    def __reduce__(self) -> tuple[object, tuple]:
        return (type(self), (self.table, str(self).split(": ", 1)[1], self.line))


class ReportError(InputError):
    """A report, or the provenance beside it, could not be read."""


@dataclass
class BuildFailed(TiltaksdataError):
    """The build found problems; every one is listed, none is fixed silently."""

    problems: list[Problem] = field(default_factory=list)

    def __str__(self) -> str:
        return f"{len(self.problems)} problem(s) in the reports"


class FetchError(TiltaksdataError):
    """NAV's pages or a file linked from them could not be fetched or used; names the URL and what went wrong."""

    def __init__(self, url: str, message: str, hint: str = "") -> None:
        self.url, self.message, self.hint = url, message, hint
        super().__init__(f"{url}: {message}")

    def __reduce__(self) -> tuple[type, tuple]:
        return (type(self), (self.url, self.message, self.hint))
