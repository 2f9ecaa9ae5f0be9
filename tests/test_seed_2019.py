"""Golden values from content/reports/2019-01_2019-12_tiltak-og-kjonn.txt, read by eye.

Line numbers are those of the report file. Twelve month columns, Norway only; `*` is suppressed (None).
"""

import pytest

AS = "Arbeidssøkere på tiltak"
NE = "Nedsatt arbeidsevne, på tiltak"
AN = "Andre på tiltak"
JOBB = "Jobbskaping og egenetablering"
REHAB = "Arbeidsrettet rehabilitering"


@pytest.fixture(scope="module")
def s(seed):
    return seed("2019")


def test_month_columns_and_totals(s):
    assert s.value("2019-01") == 70430  # line 26, Januar
    assert s.value("2019-07") == 58225  # line 26, Juli
    assert s.value("2019-12", participant_group=NE) == 54338  # line 28, Desember
    assert s.value("2019-03", participant_group=AN) == 2072  # line 29, Mars


def test_gender(s):
    assert s.value("2019-01", gender="Kvinner") == 34167  # line 42
    assert s.value("2019-12", gender="Menn") == 36311  # line 50
    assert s.value("2019-01", gender="Kvinner", participant_group=AN) == 1172  # line 45
    assert s.value("2019-06", gender="Menn", measure_group="Oppfølging") == 6615  # line 111
    assert (
        s.value("2019-01", gender="Kvinner", participant_group=AS, measure_group="Oppfølging", measure="Oppfølging")
        == 1227
    )  # line 463


def test_suppressed_cells_are_none(s):
    amo = dict(measure_group="Opplæring", measure="AMO Enkeltplass")
    assert s.value("2019-01", **amo) is None  # line 130, *
    assert s.value("2019-07", **amo) == 92  # line 130
    assert s.value("2019-05", measure_group="Tilrettelegging", measure="Tilrettelegging") is None  # line 192
    assert (
        s.value("2019-06", measure_group="Arbeidspraksis", measure="Arbeidspraksis i skjermet virksomhet") is None
    )  # line 163, whole row *
    assert s.value("2019-01", participant_group=AN, measure_group=JOBB) is None  # line 398, group total *


def test_words_that_are_group_and_measure(s):
    assert s.value("2019-01", measure_group="Oppfølging", measure="Oppfølging") == 9359  # line 157
    assert s.value("2019-01", measure_group="Oppfølging") == 14411  # line 160 (and 67)
    assert s.value("2019-01", measure_group="Tilrettelegging", measure="Tilrettelegging") == 137  # line 192
    assert s.value("2019-01", measure_group="Tilrettelegging") == 398  # line 194
    assert s.value("2019-01", measure_group="Arbeidspraksis") == 17740  # line 165
    with pytest.raises(KeyError):
        s.value("2019-01", measure_group="Arbeidspraksis", measure="Arbeidspraksis")


def test_measure_spelling_variants(s):
    tl = dict(measure_group="Tilrettelegging", measure="Inkluderingstilskudd")
    assert s.value("2019-01", **tl) == 29  # line 191 "Inkluderingsstilskudd"
    assert s.value("2019-01", gender="Kvinner", participant_group=AN, **tl) is None  # line 643, correct spelling
    assert s.value("2019-02", gender="Kvinner", participant_group=AN, **tl) == 4  # line 643
    op = dict(measure_group="Opplæring")
    assert s.value("2019-08", gender="Kvinner", participant_group=NE, measure="AMO Enkeltplass", **op) == 215  # 489
    assert s.value("2019-07", gender="Menn", participant_group=AS, measure="AMO Enkeltplass", **op) == 22  # 663
    assert (
        s.value(
            "2019-01", gender="Kvinner", participant_group=NE, measure="Arbeidsmarkedsopplæring (AMO) enkeltplass", **op
        )
        == 281
    )  # 492
    assert (
        s.value(
            "2019-12", gender="Kvinner", participant_group=NE, measure="Vgs/yrkesfaglig utdanning enkeltplass", **op
        )
        == 896
    )  # 498
    assert s.mapped("Inkluderingsstilskudd") == {("Inkluderingstilskudd", "spelling fix")}
    assert s.mapped("AMO Enkelt plass") == {("AMO Enkeltplass", "spelling fix")}
    assert s.mapped("Vgs/yrkesfaglig utdanning enkelt plass") == {
        ("Vgs/yrkesfaglig utdanning enkeltplass", "spelling fix")
    }


def cut_off(s, raw, group):
    """Canonicals of a cut-off label; its measure group must be marked as resolved from a cut-off."""
    found = s.mapped(raw)
    assert any(c == group and "cut-off" in how for c, how in found), found
    return {c for c, _ in found}


def test_cut_off_group_totals(s):
    assert s.value("2019-01", gender="Kvinner", participant_group=AS, measure_group=JOBB) == 80  # line 472
    assert s.value("2019-12", gender="Menn", participant_group=NE, measure_group=JOBB) == 22  # line 754
    assert s.value("2019-01", gender="Kvinner", participant_group=AN, measure_group=REHAB) == 170  # line 648
    assert s.value("2019-06", gender="Menn", participant_group=NE, measure_group=REHAB) == 216  # line 783
    assert cut_off(s, "I alt kvinner og jobbskaping og", JOBB) == {JOBB, "Kvinner"}
    assert cut_off(s, "I alt menn og jobbskaping og", JOBB) == {JOBB, "Menn"}
    assert cut_off(s, "I alt kvinner og arbeidsrettet", REHAB) == {REHAB, "Kvinner"}
    assert cut_off(s, "I alt menn og arbeidsrettet", REHAB) == {REHAB, "Menn"}


def test_markdown_debris(s):
    # lines 567-577: "**Kvinner, nedsatt / arbeidsevne, på tiltak**" and "---" rows around the total
    kn = dict(gender="Kvinner", participant_group=NE)
    assert s.value("2019-01", measure_group=REHAB, measure="Arbeidsrettet rehabilitering (dag)", **kn) == 342  # 573
    assert s.value("2019-04", measure_group=REHAB, **kn) == 299  # line 576
    assert s.value("2019-01", **kn) == 25827  # line 571
    assert s.mapped("---") == set()


def test_subtitles_carried_and_pages_continued(s):
    # line 209: table with no page header; subtitle line 213
    assert (
        s.value("2019-01", participant_group=AS, measure_group="Opplæring", measure="2-årig opplæringstiltak") == 222
    )  # line 217
    # continuation page (line 235) of the Arbeidssøkere table
    assert s.value("2019-01", participant_group=AS, measure_group="Oppfølging", measure="Oppfølging") == 2499  # 246
    # subtitle "Nedsatt arbeidsevne, på tiltak" printed at the foot of the page before (line 259)
    assert (
        s.value("2019-01", participant_group=NE, measure_group="Opplæring", measure="2-årig opplæringstiltak") == 397
    )  # line 271
    # wrapped subtitle "Menn, nedsatt / arbeidsevne, på tiltak" (lines 793-794), page with one row
    assert s.value("2019-02", gender="Menn", participant_group=NE) == 27660  # line 797
    # the last two lines of the file (line 867 has no line break and is cut off too)
    assert (
        s.value(
            "2019-12",
            gender="Menn",
            participant_group=AN,
            measure_group=REHAB,
            measure="Arbeidsrettet rehabilitering (dag)",
        )
        == 106
    )  # line 866
    assert s.value("2019-07", gender="Menn", participant_group=AN, measure_group=REHAB) == 59  # line 867


def test_keys_absent_from_the_report(s):
    with pytest.raises(KeyError):
        s.value("2019-01", region="03")  # Norway only
    with pytest.raises(KeyError):
        s.value("2020-01")  # outside the period
    with pytest.raises(KeyError):
        s.value("2019-01", age="20-24 år")  # no age in this report
    with pytest.raises(KeyError):  # lines 773-777: only "Tidsubestemt" printed
        s.value(
            "2019-01",
            gender="Menn",
            participant_group=NE,
            measure_group="Lønnstilskudd",
            measure="Tidsbegrenset lønnstilskudd",
        )
    with pytest.raises(KeyError):  # lines 838-852: no jobbskaping rows
        s.value("2019-01", gender="Menn", participant_group=AN, measure_group=JOBB)
