"""Property tests for printed numbers and labels, and the period parser."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from tiltaksdata.normalise.labels import label_to_reading
from tiltaksdata.numbers import NumberError, format_value, parse_cell
from tiltaksdata.periods import MONTHS, text_to_months
from tiltaksdata.read.wrapped import join_wrapped
from tiltaksdata.run.parse import default_vocabulary


def nav_format(n: int, separator: str) -> str:
    """An integer as NAV prints it: groups of three digits separated by a (non-breaking) space."""
    return ("-" if n < 0 else "") + f"{abs(n):,}".replace(",", separator)


@given(st.integers(min_value=-(10**7), max_value=10**8), st.sampled_from([" ", "\u00a0", "\u202f"]))
def test_printed_numbers_round_trip(n, separator):
    assert parse_cell(nav_format(n, separator)) == n
    assert parse_cell(f"  {nav_format(n, separator)}\t") == n


@given(st.integers(min_value=-(10**7), max_value=-1), st.sampled_from([" ", "\u00a0", "\u202f"]))
def test_minus_sign_u2212_reads_like_a_hyphen(n, separator):
    printed = nav_format(n, separator)  # "-1 852", "-3"
    assert parse_cell(printed.replace("-", "\u2212")) == parse_cell(printed) == n


def test_minus_sign_u2212_in_nav_s_figures():
    assert [parse_cell(t) for t in ("\u22121 852", "\u22123", "\u22121\u00a0931")] == [-1852, -3, -1931]


@given(st.text(alphabet="0123456789 ,.abc*-", min_size=1, max_size=12))
def test_anything_else_is_a_number_error_or_a_number(text):
    try:
        value = parse_cell(text)
    except NumberError:
        return
    assert value is None or isinstance(value, int)
    assert format_value(value) == ("*" if value is None else str(value))


def test_star_and_blank():
    assert parse_cell("*") is None and parse_cell("") == 0 and parse_cell("   ") == 0
    for bad in ("1 23", "12,5", "1.234", "**", "- 3", "1 2345"):
        with pytest.raises(NumberError):
            parse_cell(bad)


VOCAB = default_vocabulary()
MEASURES = sorted(VOCAB.measures)


@given(st.sampled_from(MEASURES), st.sampled_from(["", " ", "  "]), st.booleans())
def test_measure_labels_read_whatever_the_case_and_spacing(measure, extra, upper):
    printed = (measure.upper() if upper else measure).replace(" ", " " + extra)
    reading = label_to_reading(printed, VOCAB, "2019-01-01")
    levels = {(r.get("measure"), r.level) for r in reading.segments[0]}
    assert (measure, "measure") in levels and not reading.total


@given(st.sampled_from(MEASURES), st.integers(min_value=1, max_value=4))
def test_labels_wrapped_over_lines_join_back(measure, parts):
    words = measure.split(" ")
    size = max(1, len(words) // parts)
    lines = [" ".join(words[i : i + size]) for i in range(0, len(words), size)]
    assert join_wrapped(lines) == measure


@given(st.sampled_from(MEASURES))
def test_i_alt_with_a_group_is_a_total_of_that_group(measure):
    group = VOCAB.measures[measure]
    reading = label_to_reading(f"I alt {group.lower()}", VOCAB, "2019-01-01")
    assert reading.total and any(r.get("measure_group") == group for r in reading.segments[0])


@given(st.integers(min_value=2000, max_value=2030), st.integers(0, 11), st.integers(0, 11))
def test_period_ranges(year, a, b):
    start, end = sorted((a, b))
    months = text_to_months(f"{MONTHS[start].capitalize()} - {MONTHS[end].capitalize()} {year}")
    assert months == [f"{year}-{m + 1:02d}" for m in range(start, end + 1)]
    assert text_to_months(f"{MONTHS[a].capitalize()} {year}") == [f"{year}-{a + 1:02d}"]
