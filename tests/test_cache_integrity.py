"""Nothing computed earlier is trusted blindly: a damaged cache entry is a miss, never data.

Every kind of entry the build keeps (a report's parse, its observations part, a month's series parts,
the rows read back for the pages, a workbook sheet, a file's compressed bytes in the zip, the last
build's record) is damaged the ways disks, copies and people damage files: truncated at a line, cut
inside a value, a digit flipped, a zip CRC changed, deleted. Each time the build must publish exactly
what a build without a cache publishes, byte for byte, name every damaged entry in its summary, and
leave the cache repaired.
"""

from __future__ import annotations

import re
import shutil
from collections.abc import Callable
from pathlib import Path

import pytest
from test_build import content_with, run

from tiltaksdata import cache

# Where each kind of entry lives in the cache folder.
KINDS = {
    "parse": "*.pickle",  # a report's parse (not last-build.entry: see below)
    "part": "parts/*.csv",  # a report's observations part
    "series": "parts/series-*.entry",  # a month's series and county series parts
    "rows": "rows/*.pickle",  # a package part's rows, as the pages read them
    "sheet": "xlsx/*.piece",  # a part's rows in a sheet of the package workbook, compressed
    "zip": "zip/*.deflate",  # a file of the package zip, compressed
    "charts": "charts/*.js",  # the chart kinds' Vega-Lite specs
    "build": "last-build.entry",  # the last build's stamp, site listing and summary
}


def _payload_start(data: bytes) -> int:
    """Where an entry's own bytes begin (after the line with their digest)."""
    return data.index(b"\n") + 1


def truncate_at_a_line(data: bytes) -> bytes:
    """Cut after the last line break before the end: what a full disk or a killed copy leaves."""
    start = _payload_start(data)
    cut = data.rfind(b"\n", start, len(data) - 1)
    return data[: cut + 1] if cut > start else data[: start + (len(data) - start) // 2]


def cut_mid_value(data: bytes) -> bytes:
    """Cut inside the last value: «58225» becomes «5»."""
    return data[:-4]


def flip_a_digit(data: bytes) -> bytes:
    """Change one digit in the middle of the entry's own bytes; if it has none, one byte."""
    start = _payload_start(data)
    middle = start + (len(data) - start) // 2
    found = re.compile(rb"[0-8]").search(data, middle) or re.compile(rb"[0-8]").search(data, start)
    at = found.start() if found else middle
    return data[:at] + bytes([data[at] + 1 if found else data[at] ^ 0x01]) + data[at + 1 :]


def bad_zip_crc(data: bytes) -> bytes:
    """A compressed entry whose CRC-32 no longer matches (sheets and zip entries keep it up front);
    for other kinds, the first byte of the entry's own bytes changed."""
    start = _payload_start(data)
    return data[:start] + bytes([data[start] ^ 0xFF]) + data[start + 1 :]


DAMAGES: dict[str, Callable[[bytes], bytes]] = {
    "truncated at a line": truncate_at_a_line,
    "cut mid-value": cut_mid_value,
    "a digit flipped": flip_a_digit,
    "bad zip CRC": bad_zip_crc,
}


def site_files(out: Path) -> dict[str, bytes]:
    return {p.relative_to(out).as_posix(): p.read_bytes() for p in sorted(out.rglob("*")) if p.is_file()}


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    """Two seeds built with a cache (kept aside, whole) and without one."""
    root = tmp_path_factory.mktemp("cache")
    content = content_with(root, {}, seeds=("2019", "2026"))
    status, printed = run(content, root / "warm")
    assert status == 0, printed
    status, printed = run(content, root / "cold", "--no-cache")
    assert status == 0, printed
    whole = root / "whole-cache"
    shutil.copytree(content / ".cache", whole)
    for kind, pattern in KINDS.items():
        assert [p for p in whole.glob(pattern) if p.name != "last-build.entry" or kind == "build"], kind
    return content, whole, site_files(root / "cold")


def entries(folder: Path) -> dict[str, Path]:
    """One entry of each kind: the largest, so the damage lands in real data."""
    chosen = {}
    for kind, pattern in KINDS.items():
        found = [p for p in folder.glob(pattern) if kind == "build" or p.name != "last-build.entry"]
        chosen[kind] = max(found, key=lambda p: (p.stat().st_size, p.name))
    return chosen


@pytest.mark.parametrize("damage", DAMAGES)
def test_a_damaged_entry_of_every_kind_is_made_again_and_the_site_is_the_uncached_one(built, tmp_path, damage):
    content, whole, cold = built
    shutil.rmtree(content / ".cache")
    shutil.copytree(whole, content / ".cache")
    damaged = entries(content / ".cache")
    for path in damaged.values():
        before = path.read_bytes()
        after = DAMAGES[damage](before)
        assert after != before
        path.write_bytes(after)

    status, printed = run(content, tmp_path / "site")
    assert status == 0, printed
    assert site_files(tmp_path / "site") == cold
    assert f"Cache: {len(damaged)} damaged entries ignored and made again" in printed, printed
    # and every damaged entry was replaced by a whole one: the next build finds none
    assert all(cache.load_bytes(path) is not None for path in damaged.values())
    status, printed = run(content, tmp_path / "again")
    assert status == 0 and "Cache:" not in printed, printed
    assert site_files(tmp_path / "again") == cold


def test_another_keys_whole_entry_copied_over_an_entry_is_damaged_too(built, tmp_path):
    """A whole, undamaged entry under another key's name (a sync gone wrong, a copied cache): its
    bytes and length hold, but they are not this key's — the report's parse, part or rows of another."""
    content, whole, cold = built
    shutil.rmtree(content / ".cache")
    shutil.copytree(whole, content / ".cache")
    swapped = []
    for kind, pattern in KINDS.items():
        found = sorted(p for p in (content / ".cache").glob(pattern) if p.name != "last-build.entry")
        if len(found) >= 2:
            found[-1].write_bytes(found[0].read_bytes())
            swapped.append(kind)
    assert {"parse", "part", "series", "rows", "sheet", "zip"} <= set(swapped)
    status, printed = run(content, tmp_path / "site")
    assert status == 0, printed
    assert site_files(tmp_path / "site") == cold
    assert f"Cache: {len(swapped)} damaged entries ignored and made again" in printed, printed


def test_an_entry_of_another_version_of_the_code_is_a_miss_not_damage(tmp_path):
    path = tmp_path / "e.pickle"
    path.write_bytes(b"tiltaksdata-cache-1 " + b"0" * 64 + b" 3\nabc")
    cache.forget_damage()
    assert cache.load_bytes(path) is None and cache.damaged_entries() == []


def test_a_deleted_entry_of_every_kind_is_a_plain_miss(built, tmp_path):
    content, whole, cold = built
    shutil.rmtree(content / ".cache")
    shutil.copytree(whole, content / ".cache")
    for path in entries(content / ".cache").values():
        path.unlink()
    status, printed = run(content, tmp_path / "site")
    assert status == 0, printed
    assert "Cache:" not in printed  # missing is not damaged
    assert site_files(tmp_path / "site") == cold


def test_a_stale_entry_from_older_code_is_a_miss_not_an_error(tmp_path):
    """An entry whole by its digest but of classes this code does not have is not data either."""
    path = tmp_path / "x.pickle"
    cache.store_bytes(path, b"\x80\x05\x95\x10\x00\x00\x00\x00\x00\x00\x00\x8c\x03nope\x94\x8c\x01x\x94\x93\x94.")
    assert cache.load_pickle(path) is None
    cache.forget_damage()
    assert cache.load(tmp_path, "x") is None and cache.damaged_entries() == []


def test_an_entry_is_its_bytes_with_their_digest_and_length(tmp_path):
    path = tmp_path / "e"
    cache.forget_damage()
    cache.store_bytes(path, b"report,period,value\nx,2019-07,58225\n")
    assert cache.load_bytes(path) == b"report,period,value\nx,2019-07,58225\n"
    # the same bytes with the length or digest of others are damaged, whatever the rest says
    raw = path.read_bytes()
    path.write_bytes(raw.replace(b"58225", b"58235"))
    assert cache.load_bytes(path) is None
    path.write_bytes(raw + b"x,2019-08,1\n")
    assert cache.load_bytes(path) is None
    path.write_bytes(raw.split(b"\n", 1)[1])  # a bare file from before entries carried digests
    assert cache.load_bytes(path) is None
    other = tmp_path / "f"  # the same entry under another name: another key's
    other.write_bytes(raw)
    assert cache.load_bytes(other) is None
    assert cache.damaged_entries() == [str(path)] * 3 + [str(other)]
    cache.forget_damage()


def test_a_site_changed_after_its_build_is_built_again_though_nothing_else_changed(built, tmp_path):
    """The kept site stands in for a build only while every byte of it is as that build left it."""
    content, whole, cold = built
    shutil.rmtree(content / ".cache")
    shutil.copytree(whole, content / ".cache")
    out = tmp_path / "site"
    assert run(content, out)[0] == 0
    status, printed = run(content, out)
    assert status == 0 and "Nothing changed" in printed
    part = max((out / "data" / "series").glob("*.csv"), key=lambda p: p.stat().st_size)
    text = part.read_bytes()
    at = re.search(rb",(\d)(\d+),\d{4}-\d\d-\d\d\n", text)  # a value, then the date it was published
    assert at
    part.write_bytes(text[: at.start(1)] + bytes([(at.group(1)[0] - 48 + 1) % 10 + 48]) + text[at.end(1) :])
    assert part.stat().st_size == len(text)  # same size, one digit other
    status, printed = run(content, out)
    assert status == 0 and "Nothing changed" not in printed, printed
    assert site_files(out) == cold


def test_a_build_keeps_what_the_next_build_needs_and_no_more(built, tmp_path):
    """Entries of reports and code that are gone are removed after a build; every entry a build used
    stays, so the next build of the same reports makes nothing again."""
    content, whole, cold = built
    shutil.rmtree(content / ".cache")
    shutil.copytree(whole, content / ".cache")
    stale = [content / ".cache" / "parts" / "0123.csv", content / ".cache" / "xlsx" / "0123.piece"]
    for path in stale:
        cache.store_bytes(path, b"of a report no longer here\n")
    (content / ".cache" / "rows" / "x.pickle.abc.tmp").write_bytes(b"")  # another build still writing it
    status, printed = run(content, tmp_path / "one")
    assert status == 0, printed
    assert not any(path.exists() for path in stale)
    assert (content / ".cache" / "rows" / "x.pickle.abc.tmp").exists()
    kept = sorted(p.relative_to(content / ".cache") for p in (content / ".cache").rglob("*") if p.is_file())
    assert kept == sorted(
        [*(p.relative_to(whole) for p in whole.rglob("*") if p.is_file()), Path("rows/x.pickle.abc.tmp")]
    )
    # a full build of the same reports (into another site) finds every entry it needs
    status, printed = run(content, tmp_path / "two", "-q")
    assert status == 0 and "2 reports (2 from cache)" in printed, printed
    after = sorted(p.relative_to(content / ".cache") for p in (content / ".cache").rglob("*") if p.is_file())
    assert after == kept
    assert site_files(tmp_path / "two") == cold
