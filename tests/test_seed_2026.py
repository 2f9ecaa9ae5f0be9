"""Golden values from content/reports/2026-01_tilrettelagt-arbeid-demografi.txt, read by eye.

Line numbers are those of the report file (pdfplumber text: a label wraps over lines and its two
numbers, "Gjennomsnitt hittil i år" = ytd_average and "Januar" = count, end its last line; thousands
are separated by a non-breaking space). The report covers the measure group "Tilrettelagt arbeid"
only. Counties have their 2024 codes, municipalities their 4-digit 2024 codes.
"""

import pytest

P = "2026-01"
MG = "Tilrettelagt arbeid"
ORD = "Varig tilrettelagt arbeid i ordinær virksomhet"
SKJ = "Varig tilrettelagt arbeid i skjermet virksomhet"
VVA = "Varig vernet arbeid (VVA)"
NE = "Nedsatt arbeidsevne, på tiltak"


@pytest.fixture(scope="module")
def s(seed):
    return seed("2026")


def m(measure, **dims):
    """Dimensions of one measure of the group Tilrettelagt arbeid."""
    return dict(measure_group=MG, measure=measure, **dims)


def canonicals(s, raw):
    return {c for c, _ in s.mapped(raw)}


def test_totals_ytd_average_and_cut_off_measures(s):
    # "Tiltak", lines 22-31
    assert s.value(P, measure_group=MG) == 14265  # line 22
    assert s.value(P, statistic="ytd_average", measure_group=MG) == 14265  # line 22
    assert s.value(P, **m(ORD)) == 4257  # line 25 "Varig / tilrettelagt / arbeid i"
    assert s.value(P, statistic="ytd_average", **m(SKJ)) == 10002  # line 28, same cut-off label
    assert s.value(P, statistic="ytd_average", **m(VVA)) == 6  # line 31
    assert canonicals(s, "Varig tilrettelagt arbeid i") == {ORD, SKJ}
    assert canonicals(s, "I alt varig tilrettelagt arbeid i") == {ORD, SKJ}
    with pytest.raises(KeyError):
        s.value(P)  # no total over all measure groups


def test_participant_group(s):
    # "Arbeidsmarkedsstatus og tiltak", lines 43-54
    assert s.value(P, participant_group=NE, measure_group=MG) == 14265  # line 45
    assert s.value(P, **m(ORD, participant_group=NE)) == 4257  # line 48
    assert s.value(P, **m(SKJ, participant_group=NE)) == 10002  # line 51 "… arbeid i skjermet"
    assert s.value(P, **m(VVA, participant_group=NE)) == 6  # line 54
    assert canonicals(s, "Varig tilrettelagt arbeid i skjermet") == {SKJ}
    with pytest.raises(KeyError):
        s.value(P, participant_group="Arbeidssøkere på tiltak", measure_group=MG)


def test_counties_use_2024_codes(s):
    # "Tiltak og fylke", lines 64-251
    assert s.value(P, region="03", **m(ORD)) == 185  # line 68 Oslo
    assert s.value(P, region="31", **m(ORD)) == 207  # line 78 Østfold
    assert s.value(P, region="39", **m(ORD)) == 146  # line 86 Vestfold
    assert s.value(P, region="40", **m(ORD)) == 209  # line 88 Telemark
    assert s.value(P, region="42", statistic="ytd_average", **m(ORD)) == 510  # line 90 Agder
    assert s.value(P, region="50", **m(ORD)) == 629  # line 106, wrapped
    assert s.value(P, region="55", **m(ORD)) == 137  # line 109, over 3 lines
    assert s.value(P, region="56", **m(ORD)) == 57  # line 112
    assert s.value(P, region="97", **m(ORD)) is None  # line 115 Svalbard og øvrige områder
    assert s.value(P, region="99", **m(ORD)) is None  # line 117 Ukjent
    assert s.value(P, region="32", **m(SKJ)) == 1004  # line 155, "1 004" with nbsp
    assert s.value(P, region="18", **m(SKJ)) == 637  # line 151, continued after page 2
    assert s.value(P, region="56", **m(SKJ)) == 213  # line 187, next page again
    assert s.value(P, region="03", **m(VVA)) is None  # line 202
    for old in ("01", "30", "54"):  # Østfold 2014, Viken and Troms og Finnmark 2020
        with pytest.raises(KeyError):
            s.value(P, region=old, **m(ORD))


def test_gender_and_age(s):
    assert s.value(P, **m(ORD, gender="Kvinner")) == 1619  # line 269
    assert s.value(P, **m(SKJ, gender="Menn")) == 6191  # line 283
    assert s.value(P, **m(VVA, gender="Kvinner")) is None  # line 297
    assert s.value(P, **m(VVA, gender="Menn")) == 5  # line 299
    assert s.value(P, **m(ORD, age="19 år og under")) == 30  # line 313
    assert s.value(P, statistic="ytd_average", **m(SKJ, age="20-24 år")) == 1241  # line 341
    assert s.value(P, **m(VVA, age="60 år og over")) == 6  # line 361
    with pytest.raises(KeyError):
        s.value(P, **m(VVA, age="20-24 år"))  # only "60 år og over" is printed for VVA


def test_immigrant_status_birth_region_education(s):
    assert s.value(P, **m(ORD, immigrant_status="Innvandrer")) == 199  # line 381
    assert s.value(P, **m(SKJ, immigrant_status="Ikke innvandrer")) == 9380  # line 391
    assert s.value(P, **m(VVA, immigrant_status="Ikke innvandrer")) == 6  # line 403
    assert s.value(P, **m(ORD, birth_region="Europa")) == 3836  # line 425
    assert s.value(P, **m(SKJ, birth_region="Nord-Amerika, Sør-Amerika og Oceania")) == 320  # line 445, "SørAmerika"
    assert s.mapped("Nord-Amerika, SørAmerika og Oceania") == {("Nord-Amerika, Sør-Amerika og Oceania", "spelling fix")}
    assert s.value(P, **m(ORD, education="Universitets- og høgskolenivå, kort inntil 4 år")) == 264  # line 469
    assert s.value(P, **m(SKJ, education="Uoppgitt eller ingen fullført utdanning")) == 333  # line 501
    assert s.value(P, **m(VVA, education="Grunnskolenivå")) == 6  # line 511
    with pytest.raises(KeyError):
        s.value(P, **m(VVA, birth_region="Europa"))  # no birth-region table for VVA
    with pytest.raises(KeyError):
        s.value(P, region="03", **m(ORD, gender="Kvinner"))  # demography for Norway only


def test_municipalities(s):
    assert s.value(P, region="0301", **m(ORD)) == 185  # line 525
    assert s.value(P, region="1103", **m(ORD)) == 69  # line 530, code on its own line
    assert s.value(P, region="1515", **m(ORD)) == 4  # line 605 "Herøy / (Møre og / Romsdal)"
    assert s.value(P, region="3301", statistic="ytd_average", **m(ORD)) == 79  # line 916
    assert s.value(P, region="5001", **m(ORD)) == 226  # line 1393
    assert s.value(P, region="0301", **m(SKJ)) == 643  # line 1659
    assert s.value(P, region="4001", **m(SKJ)) == 62  # line 2289, after "Side 49 av 96"
    assert s.value(P, region="4601", **m(SKJ)) == 397  # line 2414 Bergen
    with pytest.raises(KeyError):
        s.value(P, region="5401", **m(ORD))  # Tromsø's 2020-2023 code


def test_broken_and_cut_off_municipality_names(s):
    assert s.value(P, region="5612", **m(ORD)) is None  # line 1607 "Guovdageaidn / u - Kautokeino"
    assert s.value(P, region="5612", **m(SKJ)) == 11  # line 2762
    assert s.value(P, region="5007", **m(ORD)) == 21  # line 1398 "Nåavmesjenjae / lmie"
    assert s.value(P, region="5007", **m(SKJ)) == 47  # line 2548
    assert s.value(P, region="5540", **m(ORD)) == 6  # line 1572 "Gáivuotna - / Kåfjord -"
    assert s.value(P, region="5540", **m(SKJ)) == 12  # line 2722
    assert s.value(P, region="5622", **m(SKJ)) == 13  # line 2773 "Porsanger - / Porsángu -"
    assert s.value(P, region="5025", **m(SKJ)) == 21  # line 2570 "Røros - / Rossen"
    assert canonicals(s, "5612 Guovdageaidn u - Kautokeino") == {"Guovdageaidnu - Kautokeino"}
    assert canonicals(s, "5007 Namsos - Nåavmesjenjae lmie") == {"Namsos - Nåavmesjenjaelmie"}
    assert canonicals(s, "5540 Gáivuotna - Kåfjord -") == {"Gáivuotna - Kåfjord - Kaivuono"}
    assert canonicals(s, "5622 Porsanger - Porsángu -") == {"Porsanger - Porsángu - Porsanki"}
    assert canonicals(s, "5025 Røros - Rossen") == {"Røros - Rosse"}


def test_svalbard_and_unknown_municipality(s):
    assert s.value(P, region="2100", **m(ORD)) is None  # line 1647 Svalbard
    assert s.value(P, region="9999", **m(ORD)) is None  # line 1649 "Ukjent"
    assert s.value(P, region="9999", **m(SKJ)) is None  # line 2804
    # last VVA page has a broken header (line 3904 " snitt hittil" without "Gjennom")
    assert s.value(P, region="5636", **m(VVA)) is None  # line 3912
    assert s.value(P, region="9999", statistic="ytd_average", **m(VVA)) is None  # line 3916
    # "Ukjent" is the county 99 in county tables and "Ukjent kommune" 9999 in municipality tables
    assert canonicals(s, "Ukjent") == {"Ukjent", "Ukjent kommune"}
