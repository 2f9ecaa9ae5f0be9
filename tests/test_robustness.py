"""Robustness and repeatability: the cache, staging folders of killed builds, byte-identical builds,
labels of another period, and thin data that must render an empty state instead of a traceback."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
import threading
import zipfile
from html import unescape
from pathlib import Path

import pytest
from conftest import REPORTS, ROOT, SEEDS
from test_build import content_with, run

from tiltaksdata import cache
from tiltaksdata.errors import ReportError
from tiltaksdata.normalise.observations import report_to_observations
from tiltaksdata.output import staged_output
from tiltaksdata.package.write import write_package
from tiltaksdata.read.find import find_reports
from tiltaksdata.read.text import text_to_report
from tiltaksdata.run.parse import default_vocabulary, report_to_parsed
from tiltaksdata.site.archive import ZIP_DATE_TIME
from tiltaksdata.site.data import read_resource
from tiltaksdata.site.downloads import PACKAGE_WORKBOOK
from tiltaksdata.site.pages.maps import classes
from tiltaksdata.site.render import ZIP_NAME, package_to_site

# --- the cache ------------------------------------------------------------------------------------


def test_cache_key_names_the_report_as_well_as_its_bytes_and_provenance():
    key = cache.cache_key("2020-01_a", "f" * 64, "e" * 64)
    assert key == cache.cache_key("2020-01_a", "f" * 64, "e" * 64)
    assert (
        len(
            {
                key,
                cache.cache_key("2020-01_b", "f" * 64, "e" * 64),
                cache.cache_key("2020-01_a", "0" * 64, "e" * 64),
                cache.cache_key("2020-01_a", "f" * 64, "0" * 64),
            }
        )
        == 4
    )


def test_the_cache_key_covers_the_code_a_parse_depends_on_and_no_other():
    """A chart or page edit keeps every parsed report; a reader, check or vocabulary edit does not."""

    def names(code):
        return {p.relative_to(cache.PACKAGE).as_posix() for p in cache.imported_modules(*code)}

    parse_code = names(cache.PARSE_CODE)
    assert {
        "run/parse.py",
        "read/text.py",
        "read/pdf.py",
        "read/wrapped.py",
        "normalise/observations.py",
        "normalise/labels.py",
        "check/report.py",
        "normalise/families.py",
        "normalise/vocabulary.py",
        "model.py",
        "numbers.py",
    } <= parse_code
    assert not {p for p in parse_code if p.startswith(("site/", "package/"))}
    part_code = names(cache.PART_CODE)
    assert parse_code < part_code and {"package/write.py", "package/schema.py"} <= part_code
    assert not {p for p in part_code if p.startswith("site/")}
    assert cache.cache_key("a", "f" * 64, "e" * 64) != cache.cache_key("a", "f" * 64, "e" * 64, cache.PART_CODE)


def test_a_renamed_report_with_a_warm_cache_is_parsed_again_under_its_new_name(tmp_path):
    content = content_with(tmp_path, {})
    status, printed = run(content, tmp_path / "site")
    assert status == 0, printed
    reports = content / "reports"
    new_id = f"{SEEDS['2020']}-kopi"
    for suffix in (".txt", ".toml"):
        (reports / f"{SEEDS['2020']}{suffix}").rename(reports / f"{new_id}{suffix}")
    status, printed = run(content, tmp_path / "site")  # the same cache folder, warm
    assert status == 0, printed
    assert "1 reports (0 from cache)" in printed or "1 report (0 from cache)" in printed, printed
    observations = read_resource(tmp_path / "site" / "data", "observations")
    assert {row["report"] for row in observations} == {new_id}


def test_builds_storing_the_same_key_at_once_never_collide(tmp_path):
    folder, key = tmp_path / "cache", "k" * 64
    folder.mkdir()
    (folder / f"{key}.tmp").mkdir()  # what a fixed temporary name would trip over
    errors: list[BaseException] = []
    start = threading.Barrier(8)

    def store(n: int) -> None:
        start.wait()
        try:
            for i in range(25):
                cache.store(folder, key, {"writer": n, "round": i})  # type: ignore[arg-type]
        except BaseException as err:  # noqa: BLE001 - collected, asserted below
            errors.append(err)

    threads = [threading.Thread(target=store, args=(n,)) for n in range(8)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert errors == []
    assert cache.load_pickle(folder / f"{key}.pickle")["round"] == 24
    assert sorted(p.name for p in folder.iterdir()) == [f"{key}.pickle", f"{key}.tmp"]  # no temporary file left


# --- staging folders --------------------------------------------------------------------------------


def dead_pid() -> int:
    """The id of a process that has ended (a child we started and waited for)."""
    child = subprocess.Popen([sys.executable, "-c", "pass"])
    child.wait()
    return child.pid


def test_staging_folders_of_killed_builds_are_removed_but_not_a_live_builds(tmp_path):
    out, dead, live = tmp_path / "site", dead_pid(), os.getppid()
    leftovers = [tmp_path / f".site.new-{dead}", tmp_path / f".site.old-{dead}"]
    others = [tmp_path / f".site.new-{live}", tmp_path / f".other.new-{dead}", tmp_path / f".site.new-{dead}x"]
    for folder in leftovers + others:
        (folder / "data").mkdir(parents=True)
        (folder / "data" / "observations.csv").write_text("12 MB of a killed build")
    with staged_output(out) as staging:
        (staging / "index.html").write_text("new")
    assert (out / "index.html").read_text() == "new"
    assert [f for f in leftovers if f.exists()] == []
    assert all((f / "data" / "observations.csv").exists() for f in others)  # a live build's, or not ours


# --- two builds of the same input ---------------------------------------------------------------------

CREATED = re.compile(rb'"created": "[^"]*"')


def without_created(data: bytes) -> bytes:
    """datapackage.json without its `created` value (tested on its own, in tests/test_package.py)."""
    assert len(CREATED.findall(data)) == 1
    return CREATED.sub(b'"created": ""', data)


def test_two_builds_of_the_same_reports_are_byte_identical(tmp_path):
    # Each build runs in its own process with its own hash seed and a cold cache of its own: a page
    # that depends on the order of a set, or on a clock, differs between the two.
    builds = []
    for seed in ("1", "2"):
        command = [
            sys.executable,
            "build.py",
            "--content",
            str(ROOT / "content"),
            "--out",
            str(tmp_path / seed),
            "--cache",
            str(tmp_path / f"cache-{seed}"),
            "--quiet",
        ]
        builds.append(
            subprocess.Popen(
                command,
                cwd=ROOT,
                env={**os.environ, "PYTHONHASHSEED": seed},
                stdout=subprocess.PIPE,
                stderr=subprocess.STDOUT,
                text=True,
            )
        )
    for process in builds:
        printed, _ = process.communicate(timeout=600)
        assert process.returncode == 0, printed
    first, second = tmp_path / "1", tmp_path / "2"
    files = sorted(p.relative_to(first) for p in first.rglob("*") if p.is_file())
    assert files == sorted(p.relative_to(second) for p in second.rglob("*") if p.is_file())
    differ = []
    for name in files:
        a, b = (first / name).read_bytes(), (second / name).read_bytes()
        if name == Path("data/datapackage.json"):
            # Every byte but the `created` value, which package.py derives (tested in test_package.py).
            a, b = without_created(a), without_created(b)
        elif name == Path(ZIP_NAME):
            continue  # compared entry by entry below: it holds datapackage.json and its `created`
        if a != b:
            differ.append(str(name))
    assert differ == []
    with zipfile.ZipFile(first / ZIP_NAME) as one, zipfile.ZipFile(second / ZIP_NAME) as two:
        entries = [(i.filename, i.date_time, i.external_attr, i.compress_type) for i in one.infolist()]
        assert entries == [(i.filename, i.date_time, i.external_attr, i.compress_type) for i in two.infolist()]
        names = [e[0] for e in entries]
        assert names == sorted(names) and {e[1] for e in entries} == {ZIP_DATE_TIME}
        # the whole data folder but the catalogue record, which describes the zip (its size) and so comes after it
        assert names == sorted(
            f"tiltaksdata/{p.relative_to(first / 'data').as_posix()}"
            for p in (first / "data").rglob("*")
            if p.is_file() and p.name != "katalog.ttl"
        )
        for name in names:
            a, b = one.read(name), two.read(name)
            if name == "tiltaksdata/datapackage.json":
                a, b = without_created(a), without_created(b)
            assert a == b, name
            assert one.read(name) == (first / "data" / name.removeprefix("tiltaksdata/")).read_bytes(), name


# --- labels of another period -------------------------------------------------------------------------


def test_a_county_printed_after_its_reform_is_named_with_its_validity_not_as_unknown():
    """A 19-county report re-dated 2018: Sør-Trøndelag is known, but merged into Trøndelag that January."""
    text = (REPORTS / f"{SEEDS['2014']}.txt").read_text(encoding="utf-8")
    assert "Februar 2014" in text
    raw = text_to_report(text.replace("Februar 2014", "Februar 2018").encode("utf-8"), f"{SEEDS['2014']}.txt")
    with pytest.raises(ReportError) as caught:
        report_to_observations(raw, SEEDS["2014"], default_vocabulary(), {})
    problem = caught.value.problem
    assert problem.type in ("unknown-label", "label-not-valid-then")
    assert problem.message == "'Sør-Trøndelag' is a county until 2017-12-31; this report is dated 2018-02"
    assert "closest known" not in problem.message
    lines = text.splitlines()
    assert problem.line is not None and lines[problem.line - 1].split("\t")[0].strip() == "Sør-Trøndelag"


# --- thin data ------------------------------------------------------------------------------------------


def truncated_package(tmp_path: Path, seed: str, lines: int) -> Path:
    """The data package of a seed report cut after `lines` lines (its provenance beside it)."""
    reports = tmp_path / "reports"
    reports.mkdir()
    text = (REPORTS / f"{SEEDS[seed]}.txt").read_text(encoding="utf-8")
    (reports / f"{SEEDS[seed]}.txt").write_text("".join(text.splitlines(keepends=True)[:lines]), encoding="utf-8")
    shutil.copy(REPORTS / f"{SEEDS[seed]}.toml", reports)
    found = find_reports(reports)
    parsed = [report_to_parsed(r) for r in found]
    return write_package(parsed, found, default_vocabulary(), tmp_path / "data").parent


@pytest.mark.parametrize(
    ("seed", "lines", "empty_page"),
    [
        ("2020", 36, None),  # one measure group only: a county's «by measure» is that one group
        ("2014", 165, "fylke/09-aust-agder.html"),  # county totals only: nothing by measure to draw
    ],
)
def test_a_render_with_little_to_draw_gives_empty_states_not_a_traceback(tmp_path, seed, lines, empty_page):
    data = truncated_package(tmp_path, seed, lines)
    out = tmp_path / "site"
    summary = package_to_site(data, ROOT / "content" / "pages", out, None)
    assert summary["pages"] > 400 and (out / "index.html").exists() and (out / ZIP_NAME).exists()
    if empty_page:
        html = (out / empty_page).read_text(encoding="utf-8")
        assert "Ingen tall i rapportene for Aust-Agder." in html


def test_a_package_of_one_measure_group_draws_that_group_on_every_county_page(tmp_path):
    data = truncated_package(tmp_path, "2020", 36)
    out = tmp_path / "site"
    package_to_site(data, ROOT / "content" / "pages", out, None)
    html = (out / "fylke" / "03-oslo.html").read_text(encoding="utf-8")
    assert re.search(r'Avklaringstiltak</a></th><td class="num">346</td>', html), html
    payload = json.loads(unescape(re.search(r"data-chart='([^']*)'", html)[1]))
    assert [(v["c"], v.get("y")) for v in payload["values"]] == [("Avklaringstiltak", 346)]


def test_map_classes_cover_an_exact_figure_under_4():
    """A zero NAV printed as a blank (2014) is an exact figure under 4: its class must exist, not crash."""
    values = [0, 5, 7, 12, 40, 643]
    bands = classes(values)
    assert bands[0][0] == 0 and all(any(low <= v < high for low, high, _ in bands) for v in values)
    assert classes([2]) == [(0, float("inf"), "0 og flere")]


def _redated_2026(month: int) -> dict[str, bytes]:
    """The 2026 seed re-dated to another month of 2026 (numbers unchanged), as the benchmark makes it."""
    sys.path.insert(0, str(ROOT / "benchmarks"))
    try:
        import archive
    finally:
        sys.path.remove(str(ROOT / "benchmarks"))
    name, text, toml = archive._family_2026(2026, month)
    return {f"{name}.txt": text.encode(), f"{name}.toml": toml.encode()}


def test_a_package_built_from_cached_parts_equals_one_built_cold(tmp_path):
    """Observation and series parts come from the cache where their reports are unchanged: adding a
    report re-makes only the years it gives, and the package is the one a cold build writes."""
    content = content_with(tmp_path / "warm", {}, seeds=("2020", "2026"))
    assert run(content, tmp_path / "warm" / "site")[0] == 0
    before = (tmp_path / "warm" / "site" / "data" / "series" / "2026-01.csv").read_bytes()
    for name, data in _redated_2026(2).items():
        (content / "reports" / name).write_bytes(data)
    assert run(content, tmp_path / "warm" / "site")[0] == 0
    entries = sorted((content / ".cache" / "parts").glob("series-*"))
    assert len(entries) == 2 + 1 + 1  # 2020-01 and 2020-02 (one report, two months), 2026-01, then 2026-02
    cold = tmp_path / "cold" / "content"
    shutil.copytree(content, cold, ignore=shutil.ignore_patterns(".cache"))
    assert run(cold, tmp_path / "cold" / "site", "--no-cache")[0] == 0
    warm_files = sorted(
        p.relative_to(tmp_path / "warm" / "site") for p in (tmp_path / "warm" / "site").rglob("*") if p.is_file()
    )
    cold_files = sorted(
        p.relative_to(tmp_path / "cold" / "site") for p in (tmp_path / "cold" / "site").rglob("*") if p.is_file()
    )
    assert warm_files == cold_files
    for path in warm_files:
        assert (tmp_path / "warm" / "site" / path).read_bytes() == (tmp_path / "cold" / "site" / path).read_bytes(), (
            path
        )
    # the new report gives only its own month: 2026-01 kept its part, 2026-02 is new
    assert (tmp_path / "warm" / "site" / "data" / "series" / "2026-01.csv").read_bytes() == before
    assert {p.name for p in (tmp_path / "warm" / "site" / "data" / "series").iterdir()} == {
        "2020-01.csv",
        "2020-02.csv",
        "2026-01.csv",
        "2026-02.csv",
    }


def test_a_cached_month_follows_a_changed_report_its_date_and_a_second_report_for_the_month(tmp_path):
    """An adversary's edits after a warm build: the cached month parts must never outlive what they
    were made from. Each warm rebuild equals a --no-cache build of the same reports, byte for byte."""
    content = content_with(tmp_path / "warm", {}, seeds=("2020",))
    out = tmp_path / "warm" / "site"
    reports = content / "reports"
    toml = reports / "2020-01_2020-02_tiltaksgruppe-og-fylke.toml"
    assert run(content, out)[0] == 0

    def same_as_cold(step: str) -> str:
        status, printed = run(content, out)
        assert status == 0, (step, printed[-800:])
        cold = tmp_path / step / "content"
        shutil.copytree(content, cold, ignore=shutil.ignore_patterns(".cache"))
        assert run(cold, tmp_path / step / "site", "--no-cache")[0] == 0, step
        for name in ("series/2020-01.csv", "series/2020-02.csv", "county_series/2020-02.csv", "revisions.csv"):
            assert (out / "data" / name).read_bytes() == (tmp_path / step / "site" / "data" / name).read_bytes(), (
                step,
                name,
            )
        # The Excel downloads too: the package workbook's cached year sheets and a county's workbook
        # say what the --no-cache build says (the publication date and report of every value).
        for name in (PACKAGE_WORKBOOK, "fylke/03-oslo.xlsx"):
            assert (out / name).read_bytes() == (tmp_path / step / "site" / name).read_bytes(), (step, name)
        return (out / "data" / "series" / "2020-02.csv").read_text(encoding="utf-8")

    # re-dated publication: the date every value of both months carries
    toml.write_text(
        toml.read_text(encoding="utf-8").replace('published = "2020-03-03"', 'published = "2020-03-10"'),
        encoding="utf-8",
    )
    assert ",2020-03-10\n" in same_as_cold("redated") and ",2020-03-03\n" not in same_as_cold("redated-again")
    # a second, later report for the same months with the same numbers (not byte-identical: that one is
    # refused as a duplicate): reprints, current values from the later one
    (reports / "2020-01_2020-02_tiltaksgruppe-og-fylke-ny.txt").write_bytes(
        (reports / "2020-01_2020-02_tiltaksgruppe-og-fylke.txt").read_bytes() + b"\n"
    )
    (reports / "2020-01_2020-02_tiltaksgruppe-og-fylke-ny.toml").write_text(
        toml.read_text(encoding="utf-8").replace('published = "2020-03-10"', 'published = "2020-04-01"'),
        encoding="utf-8",
    )
    later = same_as_cold("second-report")
    assert ",2020-04-01\n" in later and later.count("2020-01_2020-02_tiltaksgruppe-og-fylke-ny,") > 100
