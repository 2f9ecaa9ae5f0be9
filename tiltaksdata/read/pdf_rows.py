"""Labels wrapped below their numbers: rows of a PDF whose cells are top-aligned.

NAV's 2026-style PDFs wrap labels in a narrow column. With bottom-aligned cells the numbers sit on
a label's last line and the lines above belong to that row (the text walker joins them); with
top-aligned cells the numbers sit on the first line and the rest of the label follows below. A run
of lines that hold label text only, in the label column, belongs to the row whose numbers line is
nearer: rows are further apart than the lines inside one label. Where both are as near (no gap
between rows), the page decides by its other runs, and a page that shows nothing either way keeps
the bottom-aligned reading. A line far from any row, or beside the label column, joins nothing
and is left to the walker, which reports it.
"""

from __future__ import annotations

from dataclasses import dataclass

from tiltaksdata.read.wrapped import join_wrapped

NEARER = 0.2  # line heights: a row's numbers line nearer than the other by this much claims the run
WITHIN = 1.3  # line heights: the furthest a label's next line lies below the line before it (rows lie further apart)


@dataclass
class PageLine:
    """A line of a PDF page as the reader made it, with its position and, for a row, label and cells."""

    text: str
    where: tuple[int, int]  # page, line on the page
    top: float
    label: str | None = None  # a row's label (None: not a row)
    cells: tuple[str, ...] = ()
    loose: bool = False  # label text only, in the label column: part of some row's label


def _line_height(lines: list[PageLine]) -> float:
    """The page's line height: the smallest distance between two lines (the lines of one label)."""
    steps = [b.top - a.top for a, b in zip(lines, lines[1:]) if b.top - a.top > 0.5]
    return min(steps, default=0.0)


def _runs(lines: list[PageLine]) -> list[tuple[int, int]]:
    """(first, last + 1) of every run of loose lines."""
    runs, start = [], None
    for i, line in enumerate([*lines, PageLine("", (0, 0), 0.0)]):
        if line.loose and start is None:
            start = i
        elif not line.loose and start is not None:
            runs.append((start, i))
            start = None
    return runs


def _claim(lines: list[PageLine], first: int, end: int, height: float) -> str:
    """`up` (the row above), `down` (the row below) or `either`, by distance."""
    above = lines[first - 1] if first and lines[first - 1].label is not None else None
    below = lines[end] if end < len(lines) and lines[end].label is not None else None
    run = lines[first:end]
    if any(b.top - a.top > WITHIN * height for a, b in zip(run, run[1:])):
        return "down"  # not one label: leave it to the walker
    up = run[0].top - above.top if above else None
    down = below.top - run[-1].top if below else None
    if up is not None and up > WITHIN * height:
        up = None  # too far below its row to be part of it
    if up is None:
        return "down"
    if down is None or up < down - NEARER * height:
        return "up"
    return "either" if abs(up - down) <= NEARER * height else "down"


def continuations_joined(lines: list[PageLine]) -> list[PageLine]:
    """A page's lines with each run of label text that belongs to the row above joined to that row's label."""
    height = _line_height(lines)
    if not height:
        return lines
    claims = {run: _claim(lines, *run, height) for run in _runs(lines)}
    page_up = "up" in claims.values() and "down" not in {
        c for (first, _), c in claims.items() if first and lines[first - 1].label is not None
    }
    drop: set[int] = set()
    for (first, end), claim in claims.items():
        if claim == "up" or (claim == "either" and page_up):
            row = lines[first - 1]
            if row.label is None:  # _claim says up only below a row
                continue
            row.label = join_wrapped([row.label, *(line.text for line in lines[first:end])])
            row.text = " ".join([row.label, *(c.replace(" ", "\u00a0") for c in row.cells)])
            drop.update(range(first, end))
    return [line for i, line in enumerate(lines) if i not in drop]
