"""Golden values from content/reports/2020-01_2020-02_tiltaksgruppe-og-fylke.txt, read by eye.

Line numbers are those of the report file. Two months; the 11 counties of 2020 (03 Oslo … 54 Troms og
Finnmark) plus 97 Øvrige områder and 99 Ukjent; `*` is suppressed (None). There is no table of all
measure groups together, so every value has a measure group.
"""

import pytest

J, F = "2020-01", "2020-02"
AS = "Arbeidssøkere på tiltak"
NE = "Nedsatt arbeidsevne, på tiltak"
AN = "Andre på tiltak"
TF = "Troms og Finnmark - Romsa ja Finnmárku"


@pytest.fixture(scope="module")
def s(seed):
    return seed("2020")


def test_measure_group_totals(s):
    assert s.value(J, measure_group="Avklaringstiltak") == 3125  # line 24
    assert s.value(F, measure_group="Oppfølging") == 14753  # line 49
    assert s.value(J, measure_group="Arbeidspraksis") == 15951  # line 125
    assert s.value(F, measure_group="Jobbskaping og egenetablering") == 127  # line 220


def test_counties_use_2020_codes(s):
    assert s.value(J, region="03", measure_group="Avklaringstiltak") == 421  # line 25 Oslo
    assert s.value(F, region="30", measure_group="Oppfølging") == 4032  # line 54 Viken
    assert s.value(J, region="34", measure_group="Opplæring") == 754  # line 80 Innlandet
    assert s.value(J, region="38", measure_group="Arbeidspraksis") == 1318  # line 132 Vestfold og Telemark
    assert s.value(J, region="42", measure_group="Jobbskaping og egenetablering") == 55  # line 228 Agder
    assert s.value(F, region="15", measure_group="Opplæring") == 685  # line 77 Møre og Romsdal
    assert s.value(F, region="18", measure_group="Tilrettelegging") == 14  # line 200 Nordland
    assert s.mapped("Nordland") == {("Nordland - Nordlánnda", "known alias: short name")}


def test_county_spelling_variants(s):
    assert s.value(F, region="50", measure_group="Avklaringstiltak") == 180  # line 34 "Tröndelage"
    assert s.value(J, region="50", measure_group="Arbeidsrettet rehabilitering") == 123  # line 161 "Trööndelage"
    assert s.value(J, region="54", measure_group="Avklaringstiltak") == 197  # line 35 "Finnmarku"
    assert s.value(F, region="54", measure_group="Arbeidsrettet rehabilitering") == 15  # line 162 "Finnmärku"
    assert s.mapped("Trøndelag - Tröndelage") == {("Trøndelag - Trööndelage", "spelling fix")}
    assert s.mapped("Troms og Finnmark - Romsa ja Finnmärku") == {(TF, "spelling fix")}
    assert {c for c, _ in s.mapped("Troms og Finnmark - Romsa ja Finnmarku")} == {TF}


def test_lonnskudd_is_lonnstilskudd(s):
    assert s.value(J, measure_group="Lønnstilskudd") == 9454  # line 100 "I alt lønnskudd"
    assert s.value(F, region="11", measure_group="Lønnstilskudd") == 708  # line 102 Rogaland
    assert s.mapped("Lønnskudd") == {("Lønnstilskudd", "spelling fix")}


def test_suppressed_and_other_regions(s):
    assert s.value(J, region="99", measure_group="Avklaringstiltak") == 5  # line 36 Ukjent
    assert s.value(F, region="99", measure_group="Avklaringstiltak") is None  # line 36, *
    assert s.value(J, region="97", measure_group="Opplæring") is None  # line 86 Øvrige områder, *
    assert s.value(F, region="99", measure_group="Opplæring") == 12  # line 87
    assert s.mapped("Øvrige områder") == {("Svalbard og øvrige områder", "known alias: name before 2024")}


def test_subtitles_wrapped_over_two_lines(s):
    # "Arbeidssøkere på tiltak, / avklaringstiltak", lines 241-242
    assert s.value(J, participant_group=AS, measure_group="Avklaringstiltak") == 341  # line 245
    assert s.value(F, region="38", participant_group=AS, measure_group="Avklaringstiltak") is None  # line 252
    # "Arbeidssøkere på tiltak, / jobbskaping og / egenetablering", lines 369-371
    assert s.value(J, participant_group=AS, measure_group="Jobbskaping og egenetablering") == 97  # line 374
    assert (
        s.value(F, region="42", participant_group=AS, measure_group="Jobbskaping og egenetablering") == 47
    )  # line 380
    # one-line subtitles of the Nedsatt arbeidsevne tables
    assert s.value(F, participant_group=NE, measure_group="Oppfølging") == 9138  # line 419
    assert s.value(J, region="50", participant_group=NE, measure_group="Arbeidsrettet rehabilitering") == 92  # line 531


def test_tables_without_page_header(s):
    # line 189: "Fylke og tiltaksgruppe" with no report title above it
    assert s.value(J, measure_group="Tilrettelegging") == 352  # line 196
    assert s.value(F, region="46", measure_group="Tilrettelegging") == 37  # line 205 Vestland
    # line 632: only the period, then the subtitle "Andre på tiltak, oppfølging"
    assert s.value(J, participant_group=AN, measure_group="Oppfølging") == 491  # line 637
    assert s.value(F, region="03", participant_group=AN, measure_group="Oppfølging") == 49  # line 638
    assert s.value(J, region="54", participant_group=AN, measure_group="Oppfølging") == 11  # line 648
    # line 725: "Andre på tiltak, / arbeidsrettet rehabilitering" with no page header
    assert s.value(F, region="42", participant_group=AN, measure_group="Arbeidsrettet rehabilitering") == 41  # 739
    assert s.value(F, region="34", participant_group=AN, measure_group="Arbeidsrettet rehabilitering") is None  # 737


def test_last_line_without_newline(s):
    # line 767, the file's last line, has no line break after it ("Finnmarku")
    assert s.value(J, region="54", participant_group=AN, measure_group="Tilrettelegging") == 8
    assert s.value(F, region="54", participant_group=AN, measure_group="Tilrettelegging") == 12


def test_keys_absent_from_the_report(s):
    with pytest.raises(KeyError):
        s.value(J)  # no total over all measure groups
    with pytest.raises(KeyError):
        s.value(J, region="01", measure_group="Opplæring")  # Østfold's 2014 code
    with pytest.raises(KeyError):
        s.value(J, region="31", measure_group="Opplæring")  # Østfold's 2024 code
    with pytest.raises(KeyError):
        s.value("2020-03", measure_group="Opplæring")
    with pytest.raises(KeyError):  # lines 374-381: no Møre og Romsdal row
        s.value(J, region="15", participant_group=AS, measure_group="Jobbskaping og egenetablering")
    with pytest.raises(KeyError):  # lines 756-767: no Ukjent row
        s.value(J, region="99", participant_group=AN, measure_group="Tilrettelegging")
    with pytest.raises(KeyError):  # measure groups only, no measures
        s.value(J, measure_group="Oppfølging", measure="Oppfølging")
