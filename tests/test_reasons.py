"""Why a label was read as it was: a closed set of kinds, written as the package's words and read back.

The package's `how` wording is a public contract; translations and counts key on the kind, so a
changed wording cannot silently lose its translation or its count.
"""

from __future__ import annotations

import csv
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from tiltaksdata import words_nb
from tiltaksdata.errors import ReferenceDataError
from tiltaksdata.model import BuildSummary, Mapping, ParsedReport
from tiltaksdata.normalise.vocabulary import Vocabulary
from tiltaksdata.reasons import EXACT, Kind, Reason, Step, UnknownReason

REFERENCE = Path(__file__).resolve().parents[1] / "tiltaksdata" / "reference"

# The wording of every reason the four seeds produce (label_mappings.how): the contract's words.
SEED_WORDINGS = [
    "exact",
    "exact by code",
    "spelling fix",
    "known alias: short name",
    "known alias: name before 2024",
    "known alias: NAV dropped “(AMO)” from the name in 2019; same measure",
    "known alias: NAV prints the Sami name's spelling before 2024 (by code)",
    "broken word joined (by code)",
    "cut-off label (by code)",
    "cut-off label resolved by its totals",
    "cut-off label resolved by context",
    "cut-off label the only label it can begin",
]


@pytest.mark.parametrize("wording", SEED_WORDINGS)
def test_every_wording_of_the_seeds_is_a_reason_and_written_back_the_same(wording):
    assert str(Reason.from_text(wording)) == wording


def test_every_kind_has_a_translation_and_no_translation_is_keyed_by_words():
    assert set(words_nb.HOW) == set(Kind)
    assert all(isinstance(k, Kind) for k in words_nb.HOW)


_DETAIL = st.text(st.characters(blacklist_categories=("Cs", "Cc")), min_size=1, max_size=30).filter(
    lambda t: (
        t == t.strip()
        and not t.startswith(";")
        and not t.endswith(" (by code)")
        and not any(k.value in t for k in Kind)
    )
)
_STEP = st.one_of(
    st.sampled_from([Step(k) for k in Kind if k is not Kind.KNOWN_ALIAS]),
    _DETAIL.map(lambda d: Step(Kind.KNOWN_ALIAS, d)),
)


@given(st.lists(_STEP, min_size=1, max_size=3), st.booleans())
def test_any_reason_survives_the_trip_through_its_wording(steps, by_code):
    """Every reason that can be made can be read back from its wording (a detail that could not is refused)."""
    reason = Reason(tuple(steps), by_code)
    assert Reason.from_text(str(reason)) == reason


def test_a_reworded_kind_keeps_its_translation_and_its_count(monkeypatch):
    """Rename the English wording of «spelling fix»: the translation and the count follow the kind."""
    reason = Reason.of(Kind.SPELLING_FIX)
    before = words_nb.how(reason)
    monkeypatch.setattr(Kind.SPELLING_FIX, "_value_", "misspelling corrected")
    assert str(reason) == "misspelling corrected"
    assert words_nb.how(reason) == before == "stavefeil rettet"
    assert Reason.from_text("misspelling corrected") == reason
    parsed = ParsedReport(
        "r",
        "t",
        "tabbed",
        ["2020-01"],
        1,
        [],
        [],
        [Mapping("measure", "x", "X", reason, 1), Mapping("measure", "y", "y", EXACT, 2)],
    )
    summary = BuildSummary.of([parsed], _Checked(), Path("site"), {})
    assert summary.normalised == 1


class _Checked:
    checks, accepted, undecided = 0, [], 0


def test_a_detail_that_would_read_back_as_another_step_is_refused():
    with pytest.raises(ValueError, match="before a kind's wording"):
        Step(Kind.KNOWN_ALIAS, "old name; spelling fix")
    with pytest.raises(ValueError, match="only «known alias» has a detail"):
        Step(Kind.SPELLING_FIX, "because")


def test_counts_and_pages_know_an_exact_reading_decided_by_a_code_is_not_a_change():
    assert not Reason.from_text("exact by code").normalised
    assert Reason.from_text("cut-off label (by code)").normalised
    assert words_nb.how(Reason.from_text("exact by code")) == "som trykt, avgjort av koden"


@pytest.mark.parametrize(
    "text",
    [
        "exact.",
        "spelling-fix",
        "known alias",
        "known alias: ; 0",
        "spelling fix: because",
        "cut off label",
        "exact; nonsense",
        "exact; known alias",
    ],
)
def test_a_wording_of_no_kind_is_refused(text):
    """Regression (hypothesis): «known alias: ; 0» read back as an alias without a detail."""
    with pytest.raises(UnknownReason):
        Reason.from_text(text)


def test_a_typo_in_the_aliases_table_names_the_table_and_line(tmp_path):
    for path in REFERENCE.glob("*.csv"):
        (tmp_path / path.name).write_bytes(path.read_bytes())
    rows = list(csv.reader((tmp_path / "aliases.csv").open(encoding="utf-8")))
    rows[3][3] = "speling fix"
    with (tmp_path / "aliases.csv").open("w", encoding="utf-8", newline="") as handle:
        csv.writer(handle, lineterminator="\n").writerows(rows)
    with pytest.raises(ReferenceDataError, match=r"reference/aliases.csv, line 4: .*'speling fix'"):
        Vocabulary(tmp_path)
