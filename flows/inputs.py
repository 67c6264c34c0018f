"""Finding input files and reading their bytes; the formats themselves are parsed in transforms."""

from __future__ import annotations

import dataclasses
import hashlib
from collections.abc import Iterator
from pathlib import Path

from transforms.formats import read_records
from transforms.records import Quarantined, RawRecord

# A file larger than this is quarantined unread rather than risking the machine's memory.
MAX_FILE_BYTES = 256 * 1024 * 1024


def input_files(inputs: list[str]) -> Iterator[tuple[Path, str]]:
    """(path, source name) of every file under the inputs, in a stable order.

    The source name is the file name for a file given directly, the path relative to the folder
    for a file found inside a folder (DESIGN.md: source_id). Hidden files are skipped.
    """
    for given in inputs:
        path = Path(given)
        if path.is_dir():
            for file in sorted(p for p in path.rglob("*") if p.is_file()):
                relative = file.relative_to(path)
                if not any(part.startswith(".") for part in relative.parts):
                    yield file, readable_name(relative.as_posix())
        else:
            yield path, readable_name(path.name)


def readable_name(name: str) -> str:
    """The name with bytes that are not UTF-8 shown as U+FFFD: Python keeps them as lone surrogates,
    which no Parquet string can hold (two names that differ only there are told apart by read_inputs)."""
    return name.encode("utf-8", "surrogateescape").decode("utf-8", "replace")


def read_file(path: Path, name: str) -> Iterator[RawRecord | Quarantined]:
    try:
        if not path.is_file():  # /dev/zero, a pipe: reading would never end, or block
            yield Quarantined(name, "read", "not a regular file (a device, pipe or socket); only files are read")
            return
        size = path.stat().st_size
        if size <= MAX_FILE_BYTES:
            with path.open("rb") as handle:
                data = handle.read(MAX_FILE_BYTES + 1)  # the limit holds even for a file that grows while read
            size = max(size, len(data))
        if size > MAX_FILE_BYTES:
            yield Quarantined(name, "read", f"file is {size:,} bytes, over the {MAX_FILE_BYTES:,}-byte limit; split it into smaller files")
            return
    except OSError as error:
        yield Quarantined(name, "read", f"cannot read the file: {error.strerror or error}")
        return
    try:
        yield from read_records(name, data)
    except Exception as error:  # noqa: BLE001 - a parser bug on one file must not end the run
        yield Quarantined(name, "parse", f"reading failed: {type(error).__name__}: {error}", hashlib.sha256(data).hexdigest())


def read_inputs(inputs: list[str]) -> Iterator[RawRecord | Quarantined]:
    """Every record of every input file, each with a source_id of its own in this run; a missing
    input is a quarantined record, not a crash."""
    taken: set[str] = set()
    for given in inputs:
        if not Path(given).exists():
            yield with_unique_source_id(Quarantined(given, "read", "no such file or folder"), taken)
    for path, name in input_files([i for i in inputs if Path(i).exists()]):
        for record in read_file(path, name):
            yield with_unique_source_id(record, taken)


def with_unique_source_id(record: RawRecord | Quarantined, taken: set[str]) -> RawRecord | Quarantined:
    """The record, renamed ``<source_id>@<n>`` when an earlier record of the run has its source_id.

    Records of one file are already unique; this separates files of the same name in two input
    folders (the n-th of that name gets ``@n``), and a file whose name looks like another's record.
    """
    source_id, n = record.source_id, 1
    while source_id in taken:
        n += 1
        source_id = f"{record.source_id}@{n}"
    taken.add(source_id)
    return record if source_id == record.source_id else dataclasses.replace(record, source_id=source_id)
