"""The data package: valid under Frictionless, and a broken one is rejected."""

from __future__ import annotations

import csv
import hashlib
import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

import build
from tiltaksdata import cli
from tiltaksdata.package import CONTRACT_VERSION, OBSERVATION_COLUMNS, validate_package
from conftest import REPORTS


@pytest.fixture(scope="module")
def package(tmp_path_factory) -> Path:
    """The data package built from the seeds in content/."""
    out = tmp_path_factory.mktemp("site")
    status = cli.main(build.build, ["--out", str(out), "--no-cache", "-q"])
    assert status == 0
    return out / "data" / "datapackage.json"


def test_frictionless_validate_reports_zero_errors(package):
    result = subprocess.run([sys.executable, "-m", "frictionless", "validate", "--json", str(package)],
                            capture_output=True, text=True, check=False)
    report = json.loads(result.stdout)
    errors = [e for task in report["tasks"] for e in task["errors"]] + report.get("errors", [])
    assert report["valid"] and not errors, errors[:5]
    assert {t["name"] for t in report["tasks"]} == {"observations", "regions", "measures", "label_mappings",
                                                     "county_structures", "county_changes", "county_crosswalk",
                                                     "county_series", "series", "revisions"}


def test_descriptor_is_a_data_package_v2_with_licence_sources_and_contract(package):
    descriptor = json.loads(package.read_text(encoding="utf-8"))
    assert descriptor["$schema"] == "https://datapackage.org/profiles/2.0/datapackage.json"
    assert descriptor["licenses"] == [{"name": "NLOD-2.0", "path": "https://data.norge.no/nlod/no/2.0",
                                       "title": "Norsk lisens for offentlige data (NLOD) 2.0"}]
    assert {s["path"]: s["sha256"] for s in descriptor["sources"]} == {
        f"reports/{p.name}": hashlib.sha256(p.read_bytes()).hexdigest() for p in sorted(REPORTS.glob("*.txt"))}
    assert descriptor["version"] == CONTRACT_VERSION and descriptor["created"].endswith("Z")
    observations = descriptor["resources"][0]
    schema = observations["schema"]
    assert [f["name"] for f in schema["fields"]] == list(OBSERVATION_COLUMNS)
    assert schema["missingValues"] == [{"value": "*", "label": "Prikket av NAV: færre enn 4 (0–3) deltakere"}]
    assert schema["primaryKey"][:4] == ["report", "period", "statistic", "region_code"]
    assert {fk["reference"]["resource"] for fk in schema["foreignKeys"]} == {"regions", "measures"}


def test_suppressed_values_are_star_never_zero(package):
    with open(package.parent / "observations.csv", encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    vva_oslo = [r for r in rows if r["region_code"] == "0301" and r["measure"] == "Varig vernet arbeid (VVA)"]
    assert {r["value"] for r in vva_oslo} == {"*"}
    assert all(r["value"] == "*" or r["value"].lstrip("-").isdigit() for r in rows)
    assert {r["region_name"] for r in rows if r["region_code"] == "NO"} == {"Norge"}


def _broken_copy(package: Path, tmp_path: Path, edit) -> Path:
    folder = tmp_path / "broken"
    shutil.copytree(package.parent, folder)
    path = folder / "observations.csv"
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
        return lines[:at] + [lines[at].replace(",Avklaringstiltak,", ",Avklaringtiltak,")] + lines[at + 1:]

    assert any("constraint" in p.message.lower() for p in validate_package(_broken_copy(package, tmp_path, misspell)))
    zero_star = _broken_copy(package, tmp_path / "b", lambda lines: lines[:1] + [lines[1][:-1] + "x"] + lines[2:])
    assert any("type" in p.message.lower() for p in validate_package(zero_star))
