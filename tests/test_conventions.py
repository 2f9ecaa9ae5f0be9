"""Conventions the project keeps: the README's commands are the ones CI runs; modules stay small."""

from __future__ import annotations

import ast
import re

from conftest import ROOT


def readme_commands() -> list[str]:
    """The shell commands in the README's quick start, in order."""
    section = ROOT.joinpath("README.md").read_text(encoding="utf-8").split("## Quick start")[1].split("\n## ")[0]
    blocks = re.findall(r"```sh\n(.*?)```", section, re.S)
    return [line for block in blocks for line in block.splitlines() if line and not line.startswith("#")]


def test_quick_start_is_two_commands_and_ci_runs_the_second():
    commands = readme_commands()
    assert len(commands) == 2
    assert "build.py" in commands[0] and "pytest" in commands[1]
    ci = ROOT.joinpath(".ci", "run").read_text(encoding="utf-8").splitlines()
    assert commands[1] in ci


def test_workflow_runs_ci_and_deploys_with_least_privilege():
    workflow = ROOT.joinpath(".github", "workflows", "site.yml").read_text(encoding="utf-8")
    assert (
        "bash .ci/run" in workflow and "actions/deploy-pages@v5" in workflow and "upload-pages-artifact@v5" in workflow
    )
    top = workflow.split("jobs:")[0]
    assert "contents: read" in top and "pages: write" not in top


def test_modules_stay_readable_in_one_sitting():
    for path in ROOT.joinpath("tiltaksdata").rglob("*.py"):
        lines = len(path.read_text(encoding="utf-8").splitlines())
        assert lines <= 320, f"{path.relative_to(ROOT)} has {lines} lines; split it by stage"


# The stages in build order; a module at the package's top (model, errors, settings, …) is shared by all.
STAGES = ["read", "normalise", "fetch", "check", "package", "site", "run"]


def _stage(parts: list[str]) -> int:
    """A module's stage (0: the package's top) from its dotted path under `tiltaksdata`."""
    return STAGES.index(parts[0]) + 1 if parts and parts[0] in STAGES else 0


def test_no_import_climbs_from_an_earlier_stage_to_a_later_one():
    """read → normalise → check → package → site → run: a module imports its own stage or earlier ones."""
    package = ROOT / "tiltaksdata"
    climbs = []
    for path in sorted(package.rglob("*.py")):
        parts = list(path.relative_to(package).with_suffix("").parts)
        mine = _stage(parts if len(parts) > 1 else [])
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ImportFrom) and node.level:
                climbs.append(f"{path.relative_to(ROOT)}: a relative import (write tiltaksdata.…)")
            elif isinstance(node, ast.ImportFrom) and (node.module or "").split(".")[0] == "tiltaksdata":
                target = node.module.split(".")[1:] or [node.names[0].name]
                if _stage(target) > mine:
                    climbs.append(f"{path.relative_to(ROOT)}:{node.lineno} imports {node.module} (a later stage)")
    assert not climbs, "\n".join(climbs)
    assert {p.name for p in package.iterdir() if p.is_dir() and p.name != "__pycache__"} == {*STAGES, "reference"}


def test_every_benchmark_script_starts():
    """A benchmark is run by hand, months apart: it must at least import what it uses and parse its arguments
    (two of them imported `tiltaksdata.cli` for a session after the module had moved to `tiltaksdata.run`)."""
    import subprocess
    import sys

    for script in sorted((ROOT / "benchmarks").glob("*.py")):
        result = subprocess.run([sys.executable, str(script), "--help"], capture_output=True, text=True, cwd=ROOT)
        assert result.returncode == 0, f"{script.name}: {result.stderr[-600:]}"


def _workflow_schema() -> dict:
    """GitHub's workflow schema (SchemaStore's), as check-jsonschema ships it: validated offline."""
    import json
    from importlib.resources import files

    return json.loads(files("check_jsonschema").joinpath("builtin_schemas/vendor/github-workflows.json").read_text())


def _workflow(name: str) -> dict:
    """A workflow as GitHub reads it: YAML 1.1 reads the key `on` as true, GitHub as `on`."""
    import yaml

    workflow = yaml.safe_load(ROOT.joinpath(".github", "workflows", name).read_text(encoding="utf-8"))
    workflow["on"] = workflow.pop(True)
    return workflow


def test_every_workflow_is_valid_against_githubs_schema():
    import jsonschema

    schema = _workflow_schema()
    workflows = sorted(p.name for p in ROOT.joinpath(".github", "workflows").glob("*.yml"))
    assert workflows == ["site.yml", "update.yml"]
    for name in workflows:
        jsonschema.Draft7Validator(schema).validate(_workflow(name))


def test_the_update_workflow_fetches_builds_tests_then_opens_a_pull_request_with_least_privilege():
    workflow = _workflow("update.yml")
    triggers = workflow["on"]
    assert triggers["schedule"] and "workflow_dispatch" in triggers
    assert workflow["permissions"] == {"contents": "read"}
    (job,) = workflow["jobs"].values()
    assert job["permissions"] == {"contents": "write", "pull-requests": "write"}
    runs = [step.get("run", step.get("uses", "")) for step in job["steps"]]
    order = [
        next(i for i, r in enumerate(runs) if needle in r)
        for needle in ("tiltaksdata.fetch", "build.py", "bash .ci/run", "pr-body.md", "create-pull-request@")
    ]
    assert order == sorted(order), runs
    opening = job["steps"][order[-1]]
    assert opening["with"]["body-path"] == "pr-body.md" and opening["if"] == "steps.fetch.outputs.new == 'true'"
    assert workflow["defaults"]["run"]["shell"] == "bash"  # pipefail: a failed fetch or build fails the run
