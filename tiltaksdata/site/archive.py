"""Zip files — the package's zip, and the zip an Excel workbook is.

Both are made with fixed dates and modes, so the same data gives the same bytes.
"""

from __future__ import annotations

import struct
import zipfile
import zlib
from collections.abc import Iterable
from pathlib import Path
from typing import NamedTuple

ZIP_DATE_TIME = (1980, 1, 1, 0, 0, 0)
ZIP_FILE_MODE = 0o100644 << 16


def zip_package(data_folder: Path, target: Path) -> None:
    """The whole data package as one zip, for people who want a single download."""
    files = sorted(
        (path.relative_to(data_folder).as_posix(), path) for path in data_folder.rglob("*") if path.is_file()
    )
    with zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, path in files:
            info = zipfile.ZipInfo(f"tiltaksdata/{name}", date_time=ZIP_DATE_TIME)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = ZIP_FILE_MODE
            info.create_system = 3  # Unix, whatever system builds it
            archive.writestr(info, path.read_bytes())


class Deflated(NamedTuple):
    """A zip entry's content, compressed (raw deflate), with the CRC-32 and size of what it holds."""

    data: bytes
    crc: int
    size: int


def deflate_chunks(chunks: Iterable[str]) -> Deflated:
    """Compress text given in pieces (raw deflate, level 6, as zip files usually are)."""
    compressor, crc, size, out = zlib.compressobj(6, zlib.DEFLATED, -15), 0, 0, []
    for chunk in chunks:
        data = chunk.encode("utf-8")
        crc, size = zlib.crc32(data, crc), size + len(data)
        out.append(compressor.compress(data))
    out.append(compressor.flush())
    return Deflated(b"".join(out), crc, size)


def deflate_text(text: str) -> Deflated:
    return deflate_chunks([text])


ZIP_LIMIT = 0xFFFFFFFF  # sizes and offsets above this need zip64: no workbook comes near it
_DOS_DATE, _DOS_TIME = (1 << 5) | 1, 0  # 1980-01-01 00:00: a fixed time, so the bytes depend only on the data


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
