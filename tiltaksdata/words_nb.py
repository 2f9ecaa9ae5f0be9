"""What a Norwegian reader sees of the package's English names: resources, columns, reasons, problems.

The package's names and codes are a public contract in English; the pages describe them in bokmål.
Every column of every resource must have an entry here (tests/test_site.py checks it).
"""

from __future__ import annotations

from tiltaksdata.reasons import Kind, Reason

DATASET = (
    "Deltakere i NAVs arbeidsrettede tiltak etter tiltak, fylke, kommune, kjønn, alder og hovedgruppe, "
    "lest ut av NAVs rapporter med hver sum kontrollert. Tall NAV har skjult (under 4) står som «*», "
    "aldri som 0."
)

RESOURCES = {
    "observations": "Én rad for hvert tall i hver rapport, slik rapporten trykker det.",
    "series": "Gjeldende tall: for hver nøkkel verdien fra den sist publiserte rapporten som gir den (se "
    "revisions). Én rad per nøkkel; dette er serien å bruke.",
    "revisions": "Hver nøkkel der en senere publisering ga et annet tall enn en tidligere: gammelt og nytt tall, "
    "begge rapportene og begge publiseringsdatoene.",
    "regions": "Landet, fylkene i inndelingene fra 1972, 2018, 2020 og 2024, og kommunene fra 2024.",
    "measures": "Alle tiltak med tiltaksgruppen de hører til; radene med «I alt» står for summene.",
    "label_mappings": "Hvert navn slik rapporten trykker det, navnet det ble lest som, og hvorfor.",
    "county_structures": "Fylkesinndelingene: 1972–2017, 2018–2019, 2020–2023 og fra 2024.",
    "county_changes": "Hvilket fylke som ble (en del av) hvilket, og når; share er whole (hele) eller part (en del).",
    "county_crosswalk": "Hvilke fylker i en eldre inndeling som utgjør hvert fylke fra 2024; approximate der "
    "kommuner flyttet over fylkesgrensen.",
    "county_series": "AVLEDET: hvert fylke fra 2024 i hver periode, som rapportert eller summert fra de eldre "
    "fylkene gjennom county_crosswalk; omtrentlige summer og spenn (prikkede deler) er merket.",
}

_DIMENSIONS = {
    "participant_group": "Hovedgruppe (arbeidssøkere, nedsatt arbeidsevne, andre); «I alt» = alle.",
    "measure_group": "Tiltaksgruppe; «I alt» = alle grupper.",
    "measure": "Tiltak; «I alt» = hele tiltaksgruppen.",
    "gender": "Kjønn; «I alt» = begge.",
    "age": "Aldersgruppe; «I alt» = alle aldre.",
    "immigrant_status": "Innvandrerstatus; «I alt» = alle.",
    "birth_region": "Fødeland (verdensdel); «I alt» = alle.",
    "education": "Utdanningsnivå; «I alt» = alle.",
}

COLUMNS = {
    "report": "Rapporten tallet er lest fra (id, som filnavnet uten endelse).",
    "period": "Måned, ÅÅÅÅ-MM.",
    "statistic": "Hva tallet er: «count» (deltakere ved utgangen av måneden), «ytd_average» (gjennomsnitt hittil "
    "i år), «change_count» og «change_percent» (endring fra samme måned året før, i antall og prosent).",
    "region_level": "Nivå: «country» (landet, kode NO), «county» (fylke), «municipality» (kommune) eller "
    "«other» (97 Svalbard og øvrige områder, 99 Ukjent fylke, 2100 Svalbard, 9999 Ukjent kommune).",
    "region_code": "Region: NO for landet, SSBs fylkes- eller kommunenummer (tekst, med innledende null).",
    "region_name": "Regionens offisielle navn.",
    **_DIMENSIONS,
    "value": "Tallet. «*»: prikket av NAV (under 4, altså 0–3), en manglende verdi, aldri 0.",
    "published": "Publiseringsdatoen til rapporten tallet er tatt fra.",
    "basis": "Hvorfor tallet er revidert: «reprint» (en senere rapport trykket et annet tall) eller «change from "
    "a year before» (en senere rapports endring fra i fjor gir et annet tall for året før).",
    "old_value": "Det tidligere tallet («*»: under 4).",
    "old_report": "Rapporten med det tidligere tallet.",
    "old_published": "Publiseringsdatoen til rapporten med det tidligere tallet.",
    "new_value": "Det nye tallet («*»: under 4).",
    "new_report": "Rapporten med det nye tallet.",
    "new_published": "Publiseringsdatoen til rapporten med det nye tallet.",
    "code": "Koden: NO, fylkesnummer eller kommunenummer (tekst).",
    "short_name": "Kort navn, slik sidene viser det.",
    "level": "Nivå: «country», «county», «municipality» eller «other».",
    "valid_from": "Gyldig fra (dato; tom: før 2013).",
    "valid_to": "Gyldig til og med (dato; tom: fortsatt gyldig).",
    "parent_code": "Fylket kommunen hører til (tekst).",
    "group": "Tiltaksgruppen tiltaket hører til.",
    "dimension": "Hvilken kolonne navnet hører til.",
    "raw": "Navnet slik rapporten trykker det.",
    "canonical": "Navnet det ble lest som.",
    "how": "Hvorfor: «exact» (som trykt), «spelling fix» (stavefeil rettet), «known alias» (kjent alias), "
    "avkuttede eller brutte navn og hvordan de ble avgjort.",
    "line": "Linjen i rapportfilen der navnet står.",
    "id": "Inndelingens id (1972, 2018, 2020, 2024).",
    "description": "Kort beskrivelse.",
    "date": "Datoen endringen skjedde.",
    "from_code": "Fylket (eller fylkene) før endringen (tekst).",
    "to_code": "Fylket etter endringen (tekst).",
    "share": "whole: hele fylket; part: en del av det.",
    "note": "Merknad.",
    "county_code": "Fylke i 2024-inndelingen (tekst).",
    "county_name": "Fylkets offisielle navn.",
    "structure": "Den eldre inndelingen (id i county_structures).",
    "approximate": "true der kommuner flyttet over fylkesgrensen, så de eldre fylkene ikke dekker nøyaktig "
    "samme område.",
    "low": "Det laveste tallet kan være (prikkede deler regnet som 0).",
    "high": "Det høyeste tallet kan være (prikkede deler regnet som 3).",
    "method": "reported: trykt for dette fylket; derived: summert fra fylkene i from_codes.",
    "from_codes": "Fylkene som er summert, skilt med «+».",
}
# Where one column name means different things in different resources.
BY_RESOURCE = {
    ("regions", "name"): "Offisielt navn.",
    ("measures", "name"): "Tiltakets navn («I alt» for en hel gruppe).",
    ("measures", "first_period"): "Den første måneden en rapport har tall for (tom: ingen ennå).",
    ("measures", "last_period"): "Den siste måneden en rapport har tall for (tom: ingen ennå).",
    ("measures", "note"): "Hva NAVs publiseringer sier om tiltaket: når det startet eller sluttet, nye navn.",
    ("county_structures", "name"): "Inndelingens navn.",
    ("county_series", "value"): "Tallet: som rapportert, eller summen av fylkene i from_codes. «*»: ett "
    "prikket fylke (0–3); tom: en sum over prikkede deler, se low og high.",
    ("county_series", "report"): "Rapporten tallet er lest fra.",
}

DIMENSION_NAMES = {
    "participant_group": "Hovedgruppe",
    "measure_group": "Tiltaksgruppe",
    "measure": "Tiltak",
    "gender": "Kjønn",
    "age": "Alder",
    "immigrant_status": "Innvandrerstatus",
    "birth_region": "Fødeland",
    "education": "Utdanning",
    "region": "Region",
}

PROBLEMS = {
    "total": "summen stemmer ikke",
    "conflict": "samme tall trykt ulikt i rapporten",
    "change-percent": "endring i prosent stemmer ikke",
    "ytd-average": "gjennomsnitt hittil i år stemmer ikke",
    "conflicting-reports": "rapporter fra samme dag er uenige",
    "change-year-before": "endring fra i fjor stemmer ikke med fjorårets tall",
}


# A label mapping's reason in bokmål, by its kind (tiltaksdata.reasons): never by its English wording.
HOW = {
    Kind.EXACT: "som trykt",
    Kind.SPELLING_FIX: "stavefeil rettet",
    Kind.KNOWN_ALIAS: "kjent alias",
    Kind.BROKEN_WORD: "ord brutt over linjer, satt sammen",
    Kind.CUT_OFF: "avkuttet navn",
    Kind.CUT_OFF_BY_TOTALS: "avkuttet navn, avgjort av tallene",
    Kind.CUT_OFF_BY_CONTEXT: "avkuttet navn, avgjort av tabellen",
    Kind.CUT_OFF_ONLY_ONE: "avkuttet navn, bare ett mulig",
}
# The details of the known aliases (reference/aliases.csv's reasons and the vocabulary's own).
ALIAS_REASONS = {
    "short name": "kortnavn",
    "name before 2024": "navnet før 2024",
    "NAV dropped “(AMO)” from the name in 2019; same measure": "NAV tok «(AMO)» ut av navnet i 2019; samme tiltak",
    "NAV's spelling without the accent": "NAVs stavemåte uten aksent",
    "NAV prints the Sami name's spelling before 2024": "NAV skriver det samiske navnet slik det ble stavet før 2024",
    "NAV prints «Ukjent» in municipality tables": "NAV skriver «Ukjent» i kommunetabellene",
    "NAV's TILT030 workbooks spell the group without the comma": "NAVs TILT030-arbeidsbøker staver gruppen uten komma",
}


def how(reason: Reason) -> str:
    """A mapping's reason in bokmål, made from its kinds (an alias's detail translated where known)."""
    steps = "; ".join(
        f"{HOW[s.kind]}: {ALIAS_REASONS.get(s.detail, s.detail)}" if s.detail else HOW[s.kind] for s in reason.steps
    )
    return f"{steps}, avgjort av koden" if reason.by_code else steps


def file_format(file: str, layout: str) -> str:
    """What kind of file a source report is, in bokmål (from its suffix and the layout the reader found)."""
    if file.lower().endswith(".pdf"):
        return "PDF-rapport fra NAV"
    if file.lower().endswith((".xlsx", ".xls")):
        return "Excel-arbeidsbok fra NAV" + (" (TILT030-oppsettet)" if layout == "workbook-030" else "")
    kind = {
        "tabbed": "tabellene med tabulator mellom cellene",
        "wrapped": "teksten slik den står i PDF-en, med navn brutt over linjer",
    }.get(layout, "")
    return "Tekstutdrag av NAVs rapport" + (f" ({kind})" if kind else "")


def column(resource: str, name: str) -> str | None:
    """A column's description in bokmål, or None where there is none (a test fails then)."""
    return BY_RESOURCE.get((resource, name)) or COLUMNS.get(name)


TYPES = {
    "string": "tekst",
    "integer": "heltall",
    "number": "tall",
    "date": "dato",
    "yearmonth": "år-måned",
    "boolean": "sann/usann",
    "year": "år",
    "datetime": "tidspunkt",
}
