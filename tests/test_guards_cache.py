"""Guards on the build cache: a cached result must never outlive what it was made from.

Each test fails with one realistic one-line mistake that left the rest of the suite green (issue 21;
tests/PLANTED_BUGS.md lists the mistake each one catches).
"""

from __future__ import annotations

import csv
import shutil
from dataclasses import replace
from pathlib import Path

from conftest import REPORTS, ROOT, SEEDS

from tiltaksdata import cache
from tiltaksdata.package.write import write_package
from tiltaksdata.read.find import find_reports
from tiltaksdata.run.parse import default_vocabulary, report_to_parsed


def test_the_build_stamp_covers_the_templates_the_pages_and_the_reports(tmp_path, monkeypatch):
    """A changed template, page, site setting or report is a new stamp: the site is built again."""
    root = tmp_path / "project"
    shutil.copytree(ROOT / "templates", root / "templates")
    monkeypatch.setattr(cache, "ROOT", root)
    content = tmp_path / "content"
    (content / "pages").mkdir(parents=True)
    reports = [r for r in find_reports(REPORTS) if r.id == SEEDS["2020"]]
    out = tmp_path / "site"

    def stamp() -> str:
        return cache.build_stamp(reports, content, None, out)

    first = stamp()
    assert stamp() == first
    base = root / "templates" / "base.html"
    base.write_text(base.read_text(encoding="utf-8").replace("</body>", "<!-- x --></body>"), encoding="utf-8")
    changed_template = stamp()
    assert changed_template != first
    (root / "templates" / "ny.css").write_text("p { color: red }", encoding="utf-8")
    assert stamp() != changed_template
    settled = stamp()
    (content / "pages" / "om.md").write_text("---\ntitle: Om\n---\nTekst.\n", encoding="utf-8")
    assert stamp() != settled
    settled = stamp()
    reports = [replace(reports[0], sha256="0" * 64)]
    assert stamp() != settled
    assert cache.build_stamp(reports, content, None, tmp_path / "elsewhere") != stamp()


def _observations_part(folder: Path, report: str) -> list[dict[str, str]]:
    with open(folder / "observations" / f"{report}.csv", encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def test_a_cached_observations_part_follows_the_reports_bytes(tmp_path):
    """The same report (name and provenance) with other bytes and another value: the part is made again."""
    vocab = default_vocabulary()
    report = next(r for r in find_reports(REPORTS) if r.id == SEEDS["2020"])
    parsed = report_to_parsed(report)
    parts = tmp_path / "cache"
    write_package([parsed], [report], vocab, tmp_path / "first", cache_dir=parts)
    before = _observations_part(tmp_path / "first", report.id)
    first = parsed.observations[0]
    assert first.value is not None
    # the report as printed again with its first figure one higher (a file of other bytes)
    again = replace(parsed, observations=[first._replace(value=first.value + 1), *parsed.observations[1:]])
    write_package([again], [replace(report, sha256="0" * 64)], vocab, tmp_path / "second", cache_dir=parts)
    after = _observations_part(tmp_path / "second", report.id)
    changed = [(old, new) for old, new in zip(before, after) if old != new]
    assert len(after) == len(before) and len(changed) == 1
    ((old, new),) = changed
    assert (old["period"], old["region_code"], old["value"], new["value"]) == (
        first.period,
        first.region,
        str(first.value),
        str(first.value + 1),
    )
    # the same bytes once more: the part kept in the cache is the one copied
    write_package([parsed], [report], vocab, tmp_path / "third", cache_dir=parts)
    assert _observations_part(tmp_path / "third", report.id) == before
