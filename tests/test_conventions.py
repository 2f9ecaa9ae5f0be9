"""Conventions the project keeps: the README's commands are the ones CI runs; modules stay small."""

from __future__ import annotations

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
    assert "bash .ci/run" in workflow and "actions/deploy-pages@v5" in workflow and "upload-pages-artifact@v5" in workflow
    top = workflow.split("jobs:")[0]
    assert "contents: read" in top and "pages: write" not in top


def test_modules_stay_readable_in_one_sitting():
    for path in ROOT.joinpath("tiltaksdata").glob("*.py"):
        lines = len(path.read_text(encoding="utf-8").splitlines())
        assert lines <= 320, f"{path.name} has {lines} lines; split it by stage"
