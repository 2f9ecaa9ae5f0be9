"""Zip files — the package's zip, and the zip an Excel workbook is.

Both are made with fixed dates and modes, so the same data gives the same bytes.
"""

from __future__ import annotations

import hashlib
import struct
import zlib
from collections.abc import Iterable
from pathlib import Path
from typing import NamedTuple

from tiltaksdata.cache import load_bytes, store_bytes


def zip_package(data_folder: Path, target: Path, cache_dir: Path | None = None) -> None:
    """The whole data package as one zip, for people who want a single download.

    With `cache_dir`, each file's compressed bytes are kept there by the file's digest: a new month
    compresses the parts it changed, not the archive.
    """
    files = sorted(
        (path.relative_to(data_folder).as_posix(), path) for path in data_folder.rglob("*") if path.is_file()
    )
    entries = []
    for name, path in files:
        data = path.read_bytes()
        kept = cache_dir / "zip" / f"{hashlib.sha256(data).hexdigest()}.deflate" if cache_dir else None
        entry = bytes_to_deflated(load_bytes(kept))
        if entry is None:
            entry = deflate_bytes(data)
            if kept:
                store_bytes(kept, deflated_to_bytes(entry))
        entries.append((f"tiltaksdata/{name}", entry))
    write_zip(target, entries)


class Deflated(NamedTuple):
    """A zip entry's content, compressed (raw deflate), with the CRC-32 and size of what it holds."""

    data: bytes
    crc: int
    size: int


def deflate_chunks(chunks: Iterable[str], end: int = zlib.Z_FINISH) -> Deflated:
    """Compress text given in pieces (raw deflate, level 6, as zip files usually are); `end` is how the
    stream ends (a finished stream, or a sync flush for `deflate_piece`)."""
    compressor, crc, size, out = zlib.compressobj(6, zlib.DEFLATED, -15), 0, 0, []
    for chunk in chunks:
        data = chunk.encode("utf-8")
        crc, size = zlib.crc32(data, crc), size + len(data)
        out.append(compressor.compress(data))
    out.append(compressor.flush(end))
    return Deflated(b"".join(out), crc, size)


def deflate_piece(chunks: Iterable[str]) -> Deflated:
    """Compress text as a piece of a longer entry: ended on a byte boundary and not final, so that
    pieces compressed apart (and kept apart) join into one entry with `join_pieces`."""
    return deflate_chunks(chunks, zlib.Z_SYNC_FLUSH)


_FINAL_BLOCK = b"\x03\x00"  # an empty final block (fixed Huffman codes): what ends a deflate stream


def join_pieces(pieces: Iterable[Deflated]) -> Deflated:
    """One compressed entry of pieces made by `deflate_piece`: their data in order, then a final block.

    Each piece ends with a sync flush (an empty stored block, byte-aligned, not final) and refers to
    nothing before it, so the concatenation is one valid deflate stream (RFC 1951 §3.2.3); the CRC-32
    of the whole is combined from the pieces' own.
    """
    data, crc, size = [], 0, 0
    for piece in pieces:
        data.append(piece.data)
        crc, size = crc32_combine(crc, piece.crc, piece.size), size + piece.size
    return Deflated(b"".join(data) + _FINAL_BLOCK, crc, size)


def _gf2_times(matrix: list[int], vector: int) -> int:
    total, row = 0, 0
    while vector:
        if vector & 1:
            total ^= matrix[row]
        vector >>= 1
        row += 1
    return total


def _zero_operators() -> list[list[int]]:
    """The operators that feed 2**k zero bytes through CRC-32, k = 0 … 63 (zlib's crc32_combine)."""
    one_bit = [0xEDB88320] + [1 << n for n in range(31)]
    operator = one_bit
    for _ in range(3):  # 1 bit → 8 bits: one zero byte
        operator = [_gf2_times(operator, operator[n]) for n in range(32)]
    operators = [operator]
    for _ in range(63):
        operator = [_gf2_times(operator, operator[n]) for n in range(32)]
        operators.append(operator)
    return operators


_ZERO_OPERATORS: list[list[int]] = []


def crc32_combine(crc1: int, crc2: int, length2: int) -> int:
    """The CRC-32 of A + B from CRC-32(A), CRC-32(B) and len(B) (zlib's crc32_combine)."""
    if not _ZERO_OPERATORS:
        _ZERO_OPERATORS.extend(_zero_operators())
    k = 0
    while length2:
        if length2 & 1:
            crc1 = _gf2_times(_ZERO_OPERATORS[k], crc1)
        length2 >>= 1
        k += 1
    return crc1 ^ crc2


def deflate_bytes(data: bytes) -> Deflated:
    """Compress bytes (raw deflate, level 6)."""
    compressor = zlib.compressobj(6, zlib.DEFLATED, -15)
    return Deflated(compressor.compress(data) + compressor.flush(), zlib.crc32(data), len(data))


def deflated_to_bytes(entry: Deflated) -> bytes:
    """A compressed entry as a cache keeps it: CRC-32 and size, then the data."""
    return entry.crc.to_bytes(4, "little") + entry.size.to_bytes(8, "little") + entry.data


def bytes_to_deflated(data: bytes | None) -> Deflated | None:
    """`deflated_to_bytes` read back; None for None or too short."""
    if data is None or len(data) < 12:
        return None
    return Deflated(data[12:], int.from_bytes(data[:4], "little"), int.from_bytes(data[4:12], "little"))


def deflate_text(text: str) -> Deflated:
    return deflate_chunks([text])


ZIP_LIMIT = 0xFFFFFFFF  # sizes and offsets above this need zip64: no workbook comes near it
_DOS_DATE, _DOS_TIME = (1 << 5) | 1, 0  # 1980-01-01 00:00: a fixed time, so the bytes depend only on the data
ZIP_DATE_TIME = (1980, 1, 1, 0, 0, 0)  # the same, as zipfile reads it


def write_zip(path: Path, entries: list[tuple[str, Deflated]]) -> None:
    """A zip file of already compressed entries (PKWARE APPNOTE 4.3: local headers, data, central directory)."""
    central, offset = [], 0
    with open(path, "wb") as handle:
        for name, entry in entries:
            encoded = name.encode("ascii")
            if max(offset, entry.size, len(entry.data)) > ZIP_LIMIT:
                raise ValueError(f"{path.name}: {name} is too large for a zip without zip64")
            fields = (20, 0, 8, _DOS_TIME, _DOS_DATE, entry.crc, len(entry.data), entry.size, len(encoded))
            handle.write(struct.pack("<I5H3I2H", 0x04034B50, *fields, 0) + encoded)
            handle.write(entry.data)
            central.append(
                struct.pack("<I6H3I5HII", 0x02014B50, (3 << 8) | 20, *fields, 0, 0, 0, 0, 0o100644 << 16, offset)
                + encoded
            )
            offset += 30 + len(encoded) + len(entry.data)
        directory = b"".join(central)
        handle.write(directory)
        handle.write(struct.pack("<I4H2IH", 0x06054B50, 0, 0, len(entries), len(entries), len(directory), offset, 0))
