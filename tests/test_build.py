"""The CLI end to end: builds, the cache, and bad input that must fail cleanly, output untouched."""

from __future__ import annotations

import io
import shutil
from pathlib import Path

import pytest
from conftest import REPORTS, SEEDS

import build
from tiltaksdata.run import cli


def run(content: Path, out: Path, *extra: str) -> tuple[int, str]:
    """Run `build.py` in-process; return its exit status and what it printed."""
    stream = io.StringIO()
    status = cli.main(
        build.build, ["--content", str(content), "--out", str(out), "--cache", str(content / ".cache"), *extra], stream
    )
    return status, stream.getvalue()


def content_with(tmp_path: Path, files: dict[str, bytes], seeds: tuple[str, ...] = ("2020",)) -> Path:
    """A content folder with some seed reports (and their provenance) plus the given files."""
    reports = tmp_path / "content" / "reports"
    reports.mkdir(parents=True)
    for year in seeds:
        for suffix in (".txt", ".toml"):
            shutil.copy(REPORTS / f"{SEEDS[year]}{suffix}", reports)
    for name, data in files.items():
        (reports / name).write_bytes(data)
        provenance = (reports / name).with_suffix(".toml")
        if name.endswith((".txt", ".pdf")) and name[:4] in SEEDS and f"{Path(name).stem}.toml" not in files:
            # a changed copy of a seed gets the seed's provenance under its own name
            provenance.write_bytes((REPORTS / f"{SEEDS[name[:4]]}.toml").read_bytes())
    return tmp_path / "content"


def test_builds_the_data_package_and_uses_the_cache_on_rebuild(tmp_path):
    content = content_with(tmp_path, {}, seeds=tuple(SEEDS))
    status, printed = run(content, tmp_path / "site")
    assert status == 0, printed
    assert "4 reports (0 from cache)" in printed and "checks passed" in printed
    assert (tmp_path / "site" / "data" / "datapackage.json").exists()
    status, printed = run(content, tmp_path / "site")
    assert status == 0 and "4 reports (4 from cache)" in printed
    assert printed.count(": cached") == 4


def seed_text(year: str) -> str:
    return (REPORTS / f"{SEEDS[year]}.txt").read_text(encoding="utf-8")


BAD_INPUT = {
    "empty file": ("2020-01_2020-02_empty.txt", b"", "2020-01_2020-02_empty.txt", "[empty-file]"),
    "binary file": (
        "2020-01_2020-02_binary.txt",
        b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" * 10,
        "2020-01_2020-02_binary.txt",
        "[binary-file]",
    ),
    "not UTF-8": (
        "2020-01_2020-02_latin1.txt",
        "Deltakere på tiltak\n".encode("latin-1"),
        "2020-01_2020-02_latin1.txt, line 1",
        "[not-utf8]",
    ),
    "unknown layout": (
        "2020-01_2020-02_notes.txt",
        "Møtereferat\n\nIngen tabeller her.\n".encode(),
        "2020-01_2020-02_notes.txt, line 1",
        "[unknown-layout]",
    ),
    "OpenDocument spreadsheet": ("report.ods", b"PK\x03\x04", "report.ods", "[unsupported-format]"),
    "unknown label": (
        "2020-01_2020-02_x.txt",
        seed_text("2020").replace("Rogaland\t171\t178", "Rogalund\t171\t178").encode(),
        "2020-01_2020-02_x.txt, page 1, line 26",
        "closest known: 'Rogaland'",
    ),
    "totals that do not add up": (
        "2014-02_x.txt",
        seed_text("2014").replace("Buskerud\t1 117\t91\t9", "Buskerud\t1 118\t91\t9").encode(),
        "2014-02_x.txt",
        "[total]",
    ),
}


@pytest.mark.parametrize("case", BAD_INPUT, ids=list(BAD_INPUT))
def test_bad_input_fails_naming_file_and_line_and_keeps_output(case, tmp_path, previous_site):
    name, data, where, what = BAD_INPUT[case]
    status, printed = run(content_with(tmp_path, {name: data}), previous_site)
    assert status == 1
    assert f"error: {where}" in printed and what in printed, printed
    assert "was left as it was" in printed
    assert sorted(p.name for p in previous_site.rglob("*")) == ["data", "marker.txt"]
    assert not list(previous_site.parent.glob(".site.*")), "staging folder left behind"


def test_every_unreadable_report_is_named_at_once(tmp_path, previous_site):
    """Three bad reports and a good one: one run names all three (the good one is cached meanwhile)."""
    bad = {case: BAD_INPUT[case] for case in ("empty file", "binary file", "not UTF-8")}
    content = content_with(tmp_path, {name: data for name, data, _, _ in bad.values()})
    status, printed = run(content, previous_site)
    assert status == 1
    for _, _, where, what in bad.values():
        assert f"error: {where}" in printed and what in printed, printed
    assert "Build failed: 3 problem(s)" in printed
    assert sorted(p.name for p in previous_site.rglob("*")) == ["data", "marker.txt"]


def test_changed_number_is_reported_with_its_line(tmp_path, previous_site):
    text = seed_text("2020").replace("Oslo\t1 904\t1 913", "Oslo\t1 905\t1 913")
    status, printed = run(content_with(tmp_path, {"2020-01_2020-02_copy.txt": text.encode()}, seeds=()), previous_site)
    assert status == 1
    assert "error: 2020-01_2020-02_copy.txt, page 2, line 50: [total]" in printed
    assert "region=03 measure_group=Oppfølging: total 1 905" in printed


def seed_provenance(year: str) -> str:
    return (REPORTS / f"{SEEDS[year]}.toml").read_text(encoding="utf-8")


def test_known_error_in_provenance_is_accepted_and_stale_ones_are_not(tmp_path, previous_site):
    text = seed_text("2020").replace("Oslo\t1 904\t1 913", "Oslo\t1 905\t1 913")
    key = "2020-01 count region=03 measure_group=Oppfølging"
    toml = seed_provenance("2020") + f'[[known_errors]]\ntype = "total"\nkey = "{key}"\nreason = "test"\n'
    content = content_with(
        tmp_path, {"2020-01_2020-02_r.txt": text.encode(), "2020-01_2020-02_r.toml": toml.encode()}, seeds=()
    )
    assert run(content, previous_site)[0] == 0
    (content / "reports" / "2020-01_2020-02_r.txt").write_text(seed_text("2020"), encoding="utf-8")
    status, printed = run(content, previous_site)
    assert status == 1 and "[stale-known-error]" in printed


def test_period_in_provenance_must_match_the_report(tmp_path, previous_site):
    toml = seed_provenance("2020").replace('period = "2020-01/2020-02"', 'period = "2021-01/2021-02"')
    content = content_with(
        tmp_path,
        {"2021-01_2021-02_r.txt": seed_text("2020").encode(), "2021-01_2021-02_r.toml": toml.encode()},
        seeds=(),
    )
    status, printed = run(content, previous_site)
    assert status == 1
    assert (
        "error: 2021-01_2021-02_r.txt: [period-mismatch] the provenance says 2021-01/2021-02 but the "
        "report prints 'Januar - Februar 2020'"
    ) in printed


def test_cli_help_documents_every_option(capsys):
    with pytest.raises(SystemExit):
        cli.parse_args(["--help"])
    help_text = capsys.readouterr().out
    for option in ("--content", "--out", "--cache", "--no-cache", "--quiet"):
        assert option in help_text


def test_an_unchanged_rebuild_keeps_the_site_and_any_change_rebuilds(tmp_path):
    content = content_with(tmp_path, {}, seeds=("2020",))
    (content / "pages").mkdir()
    out = tmp_path / "site"
    assert run(content, out)[0] == 0
    status, printed = run(content, out)
    assert status == 0 and f"Nothing changed since the last build: {out} is up to date." in printed
    assert "1 reports (1 from cache)" in printed and "[unchanged" in printed
    # a page added to content/pages, a report's provenance, the site changed by hand: each rebuilds
    (content / "pages" / "ny.md").write_text("---\ntitle: Ny\n---\nTekst.\n", encoding="utf-8")
    status, printed = run(content, out)
    assert status == 0 and "Nothing changed" not in printed and (out / "ny.html").exists()
    toml = content / "reports" / f"{SEEDS['2020']}.toml"
    toml.write_text(toml.read_text(encoding="utf-8") + "\n# a comment\n", encoding="utf-8")
    status, printed = run(content, out)
    assert status == 0 and "Nothing changed" not in printed and "(0 from cache)" in printed
    (out / "index.html").unlink()
    status, printed = run(content, out)
    assert status == 0 and "Nothing changed" not in printed and (out / "index.html").exists()
    assert "Nothing changed" in run(content, out)[1]
