"""The data package: valid under Frictionless, and a broken one is rejected."""

from __future__ import annotations

import hashlib
import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import REPORTS

from tiltaksdata.package.schema import CONTRACT_VERSION, OBSERVATION_COLUMNS
from tiltaksdata.package.validate import unit_to_errors as unit_to_errors_original
from tiltaksdata.package.validate import validate_package
from tiltaksdata.site.data import read_resource


@pytest.fixture(scope="module")
def package(seed_site) -> Path:
    """The data package built from the seeds in content/ (the session's shared build)."""
    return seed_site / "data" / "datapackage.json"


def test_frictionless_validate_reports_zero_errors(package):
    result = subprocess.run(
        [sys.executable, "-m", "frictionless", "validate", "--json", str(package)],
        capture_output=True,
        text=True,
        check=False,
    )
    report = json.loads(result.stdout)
    errors = [e for task in report["tasks"] for e in task["errors"]] + report.get("errors", [])
    assert report["valid"] and not errors, errors[:5]
    assert {t["name"] for t in report["tasks"]} == {
        "observations",
        "regions",
        "measures",
        "label_mappings",
        "county_structures",
        "county_changes",
        "county_crosswalk",
        "county_series",
        "series",
        "revisions",
    }


def test_descriptor_is_a_data_package_v2_with_licence_sources_and_contract(package):
    descriptor = json.loads(package.read_text(encoding="utf-8"))
    assert descriptor["$schema"] == "https://datapackage.org/profiles/2.0/datapackage.json"
    assert descriptor["licenses"] == [
        {
            "name": "NLOD-2.0",
            "path": "https://data.norge.no/nlod/no/2.0",
            "title": "Norsk lisens for offentlige data (NLOD) 2.0",
        }
    ]
    assert {s["path"]: s["sha256"] for s in descriptor["sources"]} == {
        f"reports/{p.name}": hashlib.sha256(p.read_bytes()).hexdigest() for p in sorted(REPORTS.glob("*.txt"))
    }
    assert descriptor["version"] == CONTRACT_VERSION and descriptor["created"].endswith("Z")
    observations = descriptor["resources"][0]
    schema = observations["schema"]
    assert [f["name"] for f in schema["fields"]] == list(OBSERVATION_COLUMNS)
    assert schema["missingValues"] == [{"value": "*", "label": "Prikket av NAV: færre enn 4 (0–3) deltakere"}]
    assert schema["primaryKey"][:4] == ["report", "period", "statistic", "region_code"]
    assert {fk["reference"]["resource"] for fk in schema["foreignKeys"]} == {"regions", "measures"}


def test_suppressed_values_are_star_never_zero(package):
    rows = read_resource(package.parent, "observations")
    vva_oslo = [r for r in rows if r["region_code"] == "0301" and r["measure"] == "Varig vernet arbeid (VVA)"]
    assert {r["value"] for r in vva_oslo} == {"*"}
    assert all(r["value"] == "*" or r["value"].lstrip("-").isdigit() for r in rows)
    assert {r["region_name"] for r in rows if r["region_code"] == "NO"} == {"Norge"}


def _broken_copy(package: Path, tmp_path: Path, edit) -> Path:
    folder = tmp_path / "broken"
    shutil.copytree(package.parent, folder)
    path = folder / "observations" / "2014-02_tiltak-og-fylke.csv"
    lines = path.read_text(encoding="utf-8").splitlines()
    path.write_text("\n".join(edit(lines)) + "\n", encoding="utf-8")
    return folder / "datapackage.json"


def test_duplicate_key_is_rejected(package, tmp_path):
    broken = _broken_copy(package, tmp_path, lambda lines: lines + [lines[1]])
    assert any("primary key" in p.message.lower() for p in validate_package(broken))


def test_unknown_region_code_is_rejected(package, tmp_path):
    broken = _broken_copy(package, tmp_path, lambda lines: lines[:1] + [lines[1].replace(",NO,", ",77,")] + lines[2:])
    assert any("foreign key" in p.message.lower() for p in validate_package(broken))


def test_value_outside_an_enumeration_or_not_an_integer_is_rejected(package, tmp_path):
    def misspell(lines):
        at = next(i for i, line in enumerate(lines) if ",Avklaringstiltak," in line)
        return lines[:at] + [lines[at].replace(",Avklaringstiltak,", ",Avklaringtiltak,")] + lines[at + 1 :]

    assert any("constraint" in p.message.lower() for p in validate_package(_broken_copy(package, tmp_path, misspell)))
    zero_star = _broken_copy(package, tmp_path / "b", lambda lines: lines[:1] + [lines[1][:-1] + "x"] + lines[2:])
    assert any("type" in p.message.lower() for p in validate_package(zero_star))


def test_resources_in_parts_load_as_one_table_in_pandas_and_frictionless(package):
    import pandas as pd
    from frictionless import Package, system

    descriptor = json.loads(package.read_text(encoding="utf-8"))
    paths = {r["name"]: r["path"] for r in descriptor["resources"]}
    assert paths["observations"] == [f"observations/{p.stem}.csv" for p in sorted(REPORTS.glob("*.txt"))]
    assert paths["series"] == [
        "series/2014-02.csv",
        *(f"series/2019-{m:02d}.csv" for m in range(1, 13)),
        "series/2020-01.csv",
        "series/2020-02.csv",
        "series/2026-01.csv",
    ]
    assert paths["county_series"] == [
        "county_series/2014-02.csv",
        "county_series/2020-01.csv",
        "county_series/2020-02.csv",
        "county_series/2026-01.csv",
    ]
    expected = read_resource(package.parent, "series")
    frame = pd.concat(
        pd.read_csv(p, na_values={"value": "*"}, keep_default_na=False, dtype={"region_code": str})
        for p in sorted((package.parent / "series").glob("*.csv"))
    )
    assert len(frame) == len(expected) == 11_956
    assert frame["region_code"].str.fullmatch(r"NO|\d{2}|\d{4}").all() and (frame["region_code"] == "03").any()
    assert int(frame["value"].isna().sum()) == sum(r["value"] == "*" for r in expected)
    with system.use_context(trusted=True):
        rows = Package(str(package)).get_resource("series").read_rows()
    assert len(rows) == len(expected)
    assert rows[0]["period"].year == 2014 and rows[-1]["published"].isoformat() == "2026-02-02"


def test_a_broken_part_is_found_and_only_changed_parts_are_validated_again(package, tmp_path, monkeypatch):
    import tiltaksdata.package.validate as validate

    cache = tmp_path / "cache"
    assert validate_package(package, cache) == []
    stamps = sorted((cache / "valid-parts").iterdir())
    assert len(stamps) == 4 + 16 + 4 + 7  # observations per report, series and county_series per month, 7 in one file
    broken = _broken_copy(package, tmp_path, lambda lines: lines + [lines[1]])
    validated = []

    def counting(task):
        validated.append(task[1]["resources"][0]["path"])
        return unit_to_errors_original(task)

    monkeypatch.setattr(validate, "unit_to_errors", counting)  # one changed part: validated in-process
    problems = validate_package(broken, cache)
    assert validated == ["observations/2014-02_tiltak-og-fylke.csv"]
    assert [p.message.split(":")[0] for p in problems] == ["observations (observations/2014-02_tiltak-og-fylke.csv)"]
    assert "primary key" in problems[0].message.lower()


def _readme_block(language: str) -> str:
    readme = (Path(__file__).resolve().parents[1] / "README.md").read_text(encoding="utf-8")
    start = readme.index("**Reading it in other tools.**")
    return re.search(rf"```{language}\n(.*?)```", readme[start:], re.S)[1]


def _digit_codes(package: Path) -> dict[str, list[str]]:
    """Each resource's text columns with a value made of digits only (a code a number reading would spoil)."""
    descriptor = json.loads(package.read_text(encoding="utf-8"))
    found = {}
    for resource in descriptor["resources"]:
        rows = read_resource(package.parent, resource["name"])
        text = [f["name"] for f in resource["schema"]["fields"] if f["type"] == "string"]
        found[resource["name"]] = [c for c in text if any(r[c].isdigit() for r in rows)]
    return found


def test_the_readme_lines_read_codes_as_text_and_stars_as_missing_in_pandas_and_duckdb(package, monkeypatch, tmp_path):
    import duckdb

    (tmp_path / "site").symlink_to(package.parent.parent)  # the lines say site/data/…: run them beside site/
    monkeypatch.chdir(tmp_path)
    codes = _digit_codes(package)
    assert codes["series"] == ["region_code"] and "code" in codes["regions"] and codes["county_structures"] == ["id"]
    scope: dict = {}
    exec(_readme_block("python"), scope)  # noqa: S102 - the README's own lines
    series, regions = scope["series"], scope["regions"]
    assert (series["region_code"] == "03").any() and (series["region_code"] == "0301").any()
    assert str(series["value"].dtype) == "Int64" and series["value"].isna().sum() == sum(
        r["value"] == "*" for r in read_resource(package.parent, "series")
    )
    assert (regions["code"] == "0301").any() and (regions["parent_code"] == "03").any()
    connection = duckdb.connect()
    statements = [s.strip() for s in _readme_block("sql").split(";") if s.strip()]
    statements = [s.split("\n")[-1] for s in statements]  # a comment line before the first
    read = {re.search(r"site/data/(\w+)", s)[1]: connection.sql(s) for s in statements}
    for resource, columns in codes.items():
        if not columns:
            continue
        assert resource in read, f"README: no DuckDB line reads {resource} (codes {columns})"
        types = dict(zip(read[resource].columns, map(str, read[resource].types)))
        assert all(types[c] == "VARCHAR" for c in columns), (resource, types)
    values = read["series"].aggregate("count(*), count(value)").fetchall()[0]
    assert values[0] - values[1] == sum(r["value"] == "*" for r in read_resource(package.parent, "series"))


def test_the_readme_line_for_r_reads_codes_as_text_and_stars_as_missing(package, tmp_path):
    """The base-R line, run by Rscript (installed by .ci/run; TILTAKSDATA_REQUIRE_R=1 fails instead of skipping)."""
    rscript = shutil.which("Rscript")
    if not rscript:
        if os.environ.get("TILTAKSDATA_REQUIRE_R"):
            pytest.fail("Rscript not found, and TILTAKSDATA_REQUIRE_R is set")
        pytest.skip("R is not installed (apt-get install r-base-core)")
    lines = [line for line in _readme_block("r").splitlines() if line.strip() and not line.startswith("#")]
    base, with_frictionless = lines
    (tmp_path / "site").symlink_to(package.parent.parent)
    (tmp_path / "frictionless.R").write_text(with_frictionless + "\n", encoding="utf-8")
    script = "\n".join(
        [
            base,
            'cat(class(series$region_code), class(series$value), sum(is.na(series$value)), nrow(series),',
            '    any(series$region_code == "0301"), any(series$region_code == "03"), sep = "\\n")',
            'invisible(parse("frictionless.R"))  # the frictionless line is at least R, and runs where installed',
            'if (requireNamespace("frictionless", quietly = TRUE)) { source("frictionless.R")',
            '  cat(class(series$region_code), class(series$value), nrow(series), sep = "\\n") }',
        ]
    )
    result = subprocess.run([rscript, "-e", script], cwd=tmp_path, capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    rows = read_resource(package.parent, "series")
    printed = result.stdout.split()
    assert printed[:6] == [
        "character",
        "integer",
        str(sum(r["value"] == "*" for r in rows)),
        str(len(rows)),
        "TRUE",
        "TRUE",
    ]
    # R's frictionless package (CRAN only: not in Debian, and CRAN is unreachable from this project's
    # CI machine) reads the same table through the Table Schema, where it is installed; it reads an
    # integer field as a double (its col_integer: readr::col_double, "to avoid big integers issues").
    assert printed[6:] in ([], ["character", "numeric", str(len(rows))]), printed


def test_every_resource_and_column_is_described_in_norwegian_with_the_english_kept(package):
    descriptor = json.loads(package.read_text(encoding="utf-8"))
    for resource in descriptor["resources"]:
        assert resource["description"] and resource["description"] != resource["description_en"], resource["name"]
        for field in resource["schema"]["fields"]:
            assert field["description"], (resource["name"], field["name"])
            assert not re.search(r"\b(the|and|of|where|from|which)\b", re.sub(r"«[^»]*»", "", field["description"])), (
                resource["name"],
                field["name"],
                field["description"],
            )
    series = next(r for r in descriptor["resources"] if r["name"] == "series")
    value = next(f for f in series["schema"]["fields"] if f["name"] == "value")
    assert "prikket" in value["description"] and "suppressed" in value["description_en"]


def test_each_source_says_which_regions_and_breakdowns_its_report_gives(package):
    sources = {s["id"]: s for s in json.loads(package.read_text(encoding="utf-8"))["sources"]}
    assert sources["2019-01_2019-12_tiltak-og-kjonn"]["levels"] == ["country"]
    assert sources["2019-01_2019-12_tiltak-og-kjonn"]["breakdowns"] == [
        "participant_group",
        "measure_group",
        "measure",
        "gender",
    ]
    assert "municipality" in sources["2026-01_tilrettelagt-arbeid-demografi"]["levels"]
    assert "municipality" not in sources["2014-02_tiltak-og-fylke"]["levels"]
    assert "age" in sources["2014-02_tiltak-og-fylke"]["breakdowns"]
    assert sources["2020-01_2020-02_tiltaksgruppe-og-fylke"]["breakdowns"] == ["participant_group", "measure_group"]


def test_a_measures_months_moving_validates_no_part_again_but_a_key_changing_does(package, tmp_path, monkeypatch):
    """A new month moves measures.csv's first_period/last_period; the parts that refer to measures only
    by name and group must not all be validated again (at 90 reports that was 242 files, 50 s)."""
    import tiltaksdata.package.validate as validate

    cache = tmp_path / "cache"
    assert validate_package(package, cache) == []
    folder = tmp_path / "moved"
    shutil.copytree(package.parent, folder)
    measures = folder / "measures.csv"
    measures.write_text(measures.read_text(encoding="utf-8").replace(",2026-01,", ",2026-02,"), encoding="utf-8")
    validated = []

    def counting(task):
        validated.append(task[1]["resources"][0]["path"])
        return unit_to_errors_original(task)

    monkeypatch.setattr(validate, "unit_to_errors", counting)
    assert validate_package(folder / "datapackage.json", cache, workers=1) == []
    assert validated == ["measures.csv"]
    validated.clear()
    measures.write_text(measures.read_text(encoding="utf-8").replace("Mentor,", "Mentorr,", 1), encoding="utf-8")
    problems = validate_package(folder / "datapackage.json", cache, workers=1)
    assert len(validated) > 10 and problems  # every part naming «Mentor» now refers to no measure


def test_a_part_whose_rows_changed_only_in_their_publication_is_checked_in_those_fields_alone(
    package, tmp_path, monkeypatch
):
    """A new year-to-date report makes the months before it current from itself: each of their series
    parts keeps every value and changes only `report` and `published`. Those parts are not validated
    whole again — but their new `report` and `published` are, and anything else changed is."""
    import tiltaksdata.package.validate as validate

    cache = tmp_path / "cache"
    assert validate_package(package, cache) == []
    folder = tmp_path / "reprinted"
    shutil.copytree(package.parent, folder)
    part = folder / "series" / "2019-07.csv"
    original = part.read_text(encoding="utf-8")
    assert original.count("2019-01_2019-12_tiltak-og-kjonn,") > 50
    validated = []

    def counting(task):
        validated.append(task[1]["resources"][0]["path"])
        return unit_to_errors_original(task)

    monkeypatch.setattr(validate, "unit_to_errors", counting)
    reprinted = original.replace("2019-01_2019-12_tiltak-og-kjonn,", "2014-02_tiltak-og-fylke,").replace(
        ",2020-01-07\n", ",2020-02-04\n"
    )
    for text, expect_validated, expect_problem in [
        (reprinted, [], None),  # another report of the package, another date: valid without Frictionless
        (reprinted.replace(",2020-02-04\n", ",2020-02-31\n", 1), [], "published"),  # no such day
        (reprinted.replace("2014-02_tiltak-og-fylke,", "2014-02_tiltak-og-fylket,", 1), [], "report"),  # not a report
        (reprinted.replace(",58225,", ",58235,", 1), ["series/2019-07.csv"], None),  # a value: validated whole
    ]:
        part.write_text(text, encoding="utf-8")
        validated.clear()
        problems = validate_package(folder / "datapackage.json", cache, workers=1)
        if expect_problem:
            assert validated == ["series/2019-07.csv"] and problems, text[:200]
            assert any(expect_problem in p.message for p in problems), problems
        else:
            assert (validated, problems) == (expect_validated, []), text[:200]
