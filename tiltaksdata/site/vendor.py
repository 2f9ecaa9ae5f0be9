"""Vendored JavaScript from the npm registry: pinned versions → files under templates/assets/vendor/.

The site loads Vega, Vega-Lite and vega-embed from its own assets, never from a CDN; the files are
committed, so a build needs no network. `python -m tiltaksdata.vendor` fetches the pinned tarballs
again, checks their npm integrity hashes and rewrites the files and `VENDOR.json`.
"""

from __future__ import annotations

import base64
import hashlib
import io
import json
import tarfile
import urllib.request
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
SITE_VENDOR = ROOT / "templates" / "assets" / "vendor"
TEST_VENDOR = ROOT / "tests" / "vendor"


@dataclass(frozen=True)
class Pin:
    """One npm package at one version, with the files taken from it and where they go."""

    name: str
    version: str
    integrity: str
    files: dict[str, str]  # path inside the tarball → file name in the target folder
    target: Path

    @property
    def tarball(self) -> str:
        return f"https://registry.npmjs.org/{self.name}/-/{self.name}-{self.version}.tgz"


PINS = (
    Pin(
        "vega",
        "6.4.0",
        "sha512-rHXCq2LpEWCLMjXBEj7hocY9G0/i5TGYRayGGSj06VTF4+l2IG2Z7oeZKCjWbUh/7hTE/mVhbaOPB72wCElh6g==",
        {"package/build/vega.min.js": "vega.min.js", "package/LICENSE": "vega.LICENSE"},
        SITE_VENDOR,
    ),
    Pin(
        "vega-lite",
        "6.5.0",
        "sha512-fMXF6s0MrIg0UTWnLIfeFtgSLzVhyzSKobzGrh5rhS+mL6FOYFG3m7ouJ4U23gj65EK+gl9FIIT5w7wLNaAzkA==",
        {"package/build/vega-lite.min.js": "vega-lite.min.js", "package/LICENSE": "vega-lite.LICENSE"},
        SITE_VENDOR,
    ),
    Pin(
        "vega-embed",
        "7.3.0",
        "sha512-wQ8s5GaSzqoKgmRfbRolgBrjE2CP7ZKHXqH7NijxMqPjpdWxSs4Dn8tvp9g0giQvh2cK+3p56sxjWWM0wNngGw==",
        {"package/build/vega-embed.min.js": "vega-embed.min.js", "package/LICENSE": "vega-embed.LICENSE"},
        SITE_VENDOR,
    ),
    Pin(
        "vega-interpreter",
        "2.3.2",
        "sha512-JDAoi3taFcCDLujZG84TNNUXdkAZ5WsSHssx8lWVYaxb9Slsjk7v7PtRIYXpSlUwLaKGRBqoJ9KDs36Z0eMEIw==",
        {"package/build/vega-interpreter.js": "vega-interpreter.js", "package/LICENSE": "vega-interpreter.LICENSE"},
        SITE_VENDOR,
    ),
    Pin(
        "axe-core",
        "4.14.1",
        "sha512-FHfa+lmNjQZfJz1q8wKqIDwC6DExcHt/pkjNQb09a3NPjCKg2rhu5qb2S4r76ASyFNNtuFooJpZe37OgudVGtQ==",
        {"package/axe.min.js": "axe.min.js", "package/LICENSE": "axe-core.LICENSE"},
        TEST_VENDOR,
    ),
)

# vega-interpreter ships only as an ES module importing vega-util; ES modules do not load from
# file:// and an import map would need an inline script, which the site's CSP forbids. The three
# names it imports are exported by Vega's own bundle, so it becomes a plain script on `vega`.
ESM_IMPORT = "import { ascending, isString, DisallowedObjectProperties } from 'vega-util';"
ESM_EXPORT = "export { expression as expressionInterpreter };"


def interpreter_to_script(source: str) -> str:
    """The vega-interpreter ES module → a classic script that sets `vega.expressionInterpreter`."""
    if ESM_IMPORT not in source or ESM_EXPORT not in source:
        raise ValueError("vega-interpreter's module header or footer changed; update vendor.py")
    body = source.replace(ESM_IMPORT, "").replace(ESM_EXPORT, "")
    return (
        "/* vega-interpreter, wrapped as a classic script by tiltaksdata/vendor.py */\n"
        "(function (vega) {\n'use strict';\n"
        "const { ascending, isString, DisallowedObjectProperties } = vega;\n"
        f"{body}\nvega.expressionInterpreter = expression;\n}})(self.vega);  // self: a window or the chart worker\n"
    )


def integrity_of(data: bytes) -> str:
    """The npm `integrity` string (sha512, base64) of a tarball."""
    return "sha512-" + base64.b64encode(hashlib.sha512(data).digest()).decode()


def fetch(pin: Pin) -> dict[str, bytes]:
    """Download a pinned tarball, check its integrity, return the wanted files by target name."""
    with urllib.request.urlopen(pin.tarball, timeout=60) as response:
        data = response.read()
    if integrity_of(data) != pin.integrity:
        raise ValueError(f"{pin.tarball}: integrity mismatch")
    with tarfile.open(fileobj=io.BytesIO(data), mode="r:gz") as tar:
        out = {name: _member_bytes(tar, member) for member in tar.getmembers() if (name := pin.files.get(member.name))}
    if set(out) != set(pin.files.values()):
        raise ValueError(f"{pin.tarball}: missing {set(pin.files.values()) - set(out)}")
    if pin.name == "vega-interpreter":
        out["vega-interpreter.js"] = interpreter_to_script(out["vega-interpreter.js"].decode()).encode()
    return out


def _member_bytes(tar: tarfile.TarFile, member: tarfile.TarInfo) -> bytes:
    """A file's bytes from a tarball (tarfile gives None for a folder or a device: an error here)."""
    handle = tar.extractfile(member)
    if handle is None:
        raise ValueError(f"{member.name}: not a regular file in the tarball")
    return handle.read()


def update() -> None:
    """Fetch every pin and rewrite the vendored files and their manifests."""
    manifests: dict[Path, list[dict]] = {}
    for pin in PINS:
        pin.target.mkdir(parents=True, exist_ok=True)
        files = fetch(pin)
        for name, data in files.items():
            (pin.target / name).write_bytes(data)
        manifests.setdefault(pin.target, []).append(
            {
                "name": pin.name,
                "version": pin.version,
                "tarball": pin.tarball,
                "integrity": pin.integrity,
                "files": {name: hashlib.sha256(data).hexdigest() for name, data in sorted(files.items())},
            }
        )
    for folder, entries in manifests.items():
        (folder / "VENDOR.json").write_text(json.dumps(entries, indent=2) + "\n", encoding="utf-8")


if __name__ == "__main__":
    update()
