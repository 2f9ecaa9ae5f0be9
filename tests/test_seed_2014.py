"""Golden values from content/reports/2014-02_tiltak-og-fylke.txt, read by eye.

Line numbers are those of the report file. Blank cells are zeros (the totals prove it).
Region codes are the county codes of 2014 (01–12, 14–20), not those of 2020 or 2024.
"""

import pytest

P = "2014-02"
AS = "Arbeidssøkere på tiltak"
NE = "Nedsatt arbeidsevne, på tiltak"
AN = "Andre på tiltak"


@pytest.fixture(scope="module")
def s(seed):
    return seed("2014")


def test_main_groups_with_year_over_year_change(s):
    # "Hovedgrupper", lines 22-25: Antall / Endring Antall / Endring Prosent
    assert s.value(P) == 75412  # line 22
    assert s.value(P, statistic="change_count") == -1852  # line 22, negative
    assert s.value(P, statistic="change_percent") == -2  # line 22
    assert s.value(P, participant_group=NE) == 54809  # line 24
    assert s.value(P, statistic="change_count", participant_group=AN) == 224  # line 25
    assert s.value(P, statistic="change_percent", participant_group=AN) == 11  # line 25


def test_counties_use_2014_codes(s):
    # "Fylke", lines 36-57
    assert s.value(P, region="01") == 5122  # line 37 Østfold
    assert s.value(P, region="01", statistic="change_count") == -134  # line 37
    assert s.value(P, region="03", statistic="change_count") == 166  # line 39 Oslo
    assert s.value(P, region="14", statistic="change_percent") == -17  # line 49 Sogn og Fjordane
    assert s.value(P, region="16") == 4112  # line 51 Sør-Trøndelag
    assert s.value(P, region="17", statistic="change_percent") == 7  # line 52 Nord-Trøndelag
    assert s.value(P, region="20") == 1230  # line 55 Finnmark
    assert s.value(P, region="97", statistic="change_percent") == 50  # line 56 Øvrige områder
    assert s.value(P, region="99") == 88  # line 57 Ukjent
    assert s.mapped("Øvrige områder") == {("Svalbard og øvrige områder", "known alias: name before 2024")}


def test_county_and_participant_group_change(s):
    # "Fylke og hovedgruppe", lines 70-157
    assert s.value(P, region="09", statistic="change_count", participant_group=AS) == -181  # line 79 Aust-Agder
    assert s.value(P, region="09", statistic="change_percent", participant_group=AS) == -32  # line 79
    assert s.value(P, region="99", statistic="change_percent", participant_group=AS) == 250  # line 91 Ukjent
    assert s.value(P, region="97", statistic="change_count", participant_group=NE) == 0  # line 124, printed 0
    assert s.value(P, region="08", statistic="change_percent", participant_group=AN) == 124  # line 146 Telemark


def test_age_columns_and_blank_cells(s):
    # "Fylke og alder", lines 168-189; "Fylke, alder og hovedgrupper", lines 202-289
    assert s.value(P, age="19 år og under") == 3094  # line 168
    assert s.value(P, region="03", age="30-39 år") == 3073  # line 171 Oslo
    assert s.value(P, region="97", age="20-24 år") == 0  # line 188, blank
    assert s.value(P, region="97", age="40-49 år") == 1  # line 188
    assert s.value(P, region="02", participant_group=AN, age="19 år og under") == 0  # line 204, blank
    assert s.value(P, region="99", participant_group=AS, age="60 år og over") == 0  # line 255, blank
    assert s.value(P, participant_group=NE, age="60 år og over") == 2463  # line 268


def test_measure_group_columns_and_their_spelling(s):
    # "Fylke og tiltak", header line 299: "Heisemessig …", "Jobbskapning …"
    assert s.value(P, region="03", measure_group="Opplæring") == 3933  # line 303
    assert s.value(P, measure_group="Helsemessig utredning/behandling") == 783  # line 300
    assert s.value(P, region="14", measure_group="Helsemessig utredning/behandling") == 0  # line 313, blank
    assert s.value(P, measure_group="Jobbskaping og egenetablering") == 140  # line 300
    # "Fylke, tiltak og hovedgrupper", header line 333: "Avklarings-tiltak"
    assert s.value(P, participant_group=AN, measure_group="Avklaringstiltak") == 197  # line 334
    assert (
        s.value(P, region="05", participant_group=AN, measure_group="Arbeidsrettet rehabilitering") == 0
    )  # line 339 Oppland, blank
    assert s.mapped("Heisemessig utredning/behandling") == {("Helsemessig utredning/behandling", "spelling fix")}
    assert s.mapped("Jobbskapning og egenetablering") == {("Jobbskaping og egenetablering", "spelling fix")}
    assert s.mapped("Avklarings-tiltak") == {("Avklaringstiltak", "spelling fix")}


def test_words_that_are_group_and_measure(s):
    # "Tiltak og hovedgrupper", lines 440-497: the measure is not the group's "I alt" row
    assert s.value(P, measure_group="Oppfølging", measure="Oppfølging") == 2069  # line 440
    assert s.value(P, measure_group="Oppfølging") == 12479  # line 444
    assert s.value(P, participant_group=AS, measure_group="Oppfølging", measure="Oppfølging") == 814  # line 440
    assert (
        s.value(P, region="01", participant_group=AS, measure_group="Oppfølging", measure="Oppfølging") == 135
    )  # line 520
    assert s.value(P, measure_group="Tilrettelegging", measure="Tilrettelegging") == 449  # line 495
    assert s.value(P, measure_group="Tilrettelegging") == 701  # line 497
    assert s.value(P, measure_group="Arbeidspraksis") == 23261  # line 468
    with pytest.raises(KeyError):  # 2014 has no measure "Arbeidspraksis", only the group
        s.value(P, measure_group="Arbeidspraksis", measure="Arbeidspraksis")


def test_tables_continued_over_pages(s):
    assert s.value(P, measure_group="Opplæring") == 18660  # line 461, next page
    assert s.value(P, region="01", measure_group="Lønnstilskudd") == 348  # line 538, page without title
    assert s.value(P, region="01", participant_group=NE, measure_group="Lønnstilskudd") == 252  # line 538
    assert (
        s.value(P, region="04", measure_group="Tilrettelegging", measure="Tilretteleggingstilskudd for arbeidssøker")
        == 14
    )  # line 808 Hedmark
    assert s.value(P, region="20", measure_group="Jobbskaping og egenetablering") == 2  # line 1989, one-row page
    assert s.value(P, region="99", participant_group=NE, measure_group="Tilrettelagt arbeid") == 3  # line 2053
    # line 2055, the file's last line, has no line break after it
    assert s.value(P, region="99", measure_group="Jobbskaping og egenetablering") == 1
    assert s.value(P, region="99", participant_group=AS, measure_group="Jobbskaping og egenetablering") == 0  # blank


def test_blank_rows_are_zero(s):
    assert (
        s.value(
            P,
            region="01",
            measure_group="Arbeidsrettet rehabilitering",
            measure="Arbeidsrettet rehabilitering (døgn) - sykmeldt arbeidstaker",
        )
        == 0
    )  # line 544
    assert s.value(P, region="07", measure_group="Oppfølging", measure="Jobbklubb") == 0  # line 990 Vestfold
    assert s.value(P, participant_group=AN, measure_group="Tilrettelagt arbeid") == 0  # line 490, blank


def test_measure_spelling_variants(s):
    jp = "Jobbskapingsprosjekter"
    assert s.value(P, measure_group="Jobbskaping og egenetablering", measure=jp) == 3  # line 499 "Jobbskappings…"
    assert (
        s.value(P, region="05", measure_group="Jobbskaping og egenetablering", measure=jp) == 2
    )  # line 890 "Jobbskapingp…"
    assert s.value(P, measure_group="Opplæring", measure="Nettbasert arbeidsmarkedsopplæring") == 126  # line 448
    assert (
        s.value(
            P,
            region="17",
            participant_group=AS,
            measure_group="Opplæring",
            measure="Arbeidsmarkedsopplæring (AMO) enkeltplass",
        )
        == 2
    )  # line 1706 "enkelt plass"
    assert s.mapped("Jobbskappingsprosjekter") == {(jp, "spelling fix")}
    assert s.mapped("Jobbskapingprosjekter") == {(jp, "spelling fix")}
    assert s.mapped("Arbeidsmarkedsopplæring (AMO) enkelt plass") == {
        ("Arbeidsmarkedsopplæring (AMO) enkeltplass", "spelling fix")
    }
    assert {c for c, _ in s.mapped("Nettbasert arbeidsmarkedsopplæring (AMO)")} == {
        "Nettbasert arbeidsmarkedsopplæring"
    }


def test_keys_absent_from_the_report(s):
    with pytest.raises(KeyError):
        s.value(P, region="31")  # 2024 code for Østfold: not in a 2014 report
    with pytest.raises(KeyError):
        s.value(P, region="50")  # Trøndelag exists only from 2018
    with pytest.raises(KeyError):
        s.value(P, region="97", participant_group=AN)  # no "Øvrige områder" row for Andre på tiltak (lines 138-157)
    with pytest.raises(KeyError):
        s.value(P, region="97", measure_group="Avklaringstiltak", measure="Avklaring")  # lines 2002-2006
    with pytest.raises(KeyError):
        s.value(P, gender="Kvinner")  # no gender in this report
