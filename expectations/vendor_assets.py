"""python -m expectations.vendor_assets: refresh the Data Docs' CSS/JS/fonts under expectations/static/vendor/.

A maintainer's tool, run when Great Expectations changes the CDN links of its Data Docs: it fetches
the npm packages named in expectations/static/assets.json with `npm pack` and keeps only the listed
files (licences included). The pipeline itself never touches the network.
"""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
import tarfile
import tempfile
from pathlib import Path

STATIC = Path(__file__).with_name("static")
VENDOR = STATIC / "vendor"


def load_manifest() -> dict:
    return json.loads((STATIC / "assets.json").read_text(encoding="utf-8"))


def pack(name: str, version: str, destination: Path) -> Path:
    output = subprocess.run(
        ["npm", "pack", "--silent", f"{name}@{version}", "--pack-destination", str(destination)],
        check=True, capture_output=True, text=True,
    )
    return destination / output.stdout.strip().splitlines()[-1]


def extract_files(tarball: Path, files: list[str], target: Path) -> None:
    with tarfile.open(tarball) as archive:
        for file in files:
            member = archive.getmember(f"package/{file}")
            destination = target / file
            destination.parent.mkdir(parents=True, exist_ok=True)
            with archive.extractfile(member) as source, destination.open("wb") as sink:
                shutil.copyfileobj(source, sink)


def vendor_all(manifest: dict) -> None:
    if VENDOR.exists():
        shutil.rmtree(VENDOR)
    with tempfile.TemporaryDirectory() as scratch:
        for package in manifest["packages"]:
            tarball = pack(package["name"], package["version"], Path(scratch))
            extract_files(tarball, package["files"], VENDOR / package["name"])
            print(f"{package['name']}@{package['version']}: {len(package['files'])} files")
    missing = [path for path in manifest["links"].values() if not (VENDOR / path).is_file()]
    if missing:
        raise SystemExit(f"links point at files no package provides: {missing}")


if __name__ == "__main__":
    vendor_all(load_manifest())
    sys.exit(0)
