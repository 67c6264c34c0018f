"""The warehouse on disk: one writer at a time, batches staged outside the tables, published atomically.

A batch is published by a journal: the list of files to move into the tables and of files to
remove, written (atomically) before the first move. A crash during the moves leaves the journal
behind; the next writer replays it before doing anything else, so a batch is either entirely in
the tables or not at all once a writer holds the lock.
"""

from __future__ import annotations

import errno
import fcntl
import json
import os
import shutil
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.dataset as ds
import pyarrow.parquet as pq

from transforms.schemas import ALL_TABLES, DOCUMENT_TABLES, PARTITION_COLUMNS, TABLES, Table

STAGING = "_staging"
LOCK_FILE = ".lock"
JOURNAL = "journal.json"
EMPTY_FILE = "part-empty.parquet"


class WarehouseLocked(RuntimeError):
    """Another run holds the warehouse."""


@dataclass
class StagedBatch:
    """Files written to staging, waiting to be published, and table files the batch replaces."""

    directory: Path
    moves: list[tuple[str, str]] = field(default_factory=list)  # (staged path, table path), relative to the root
    removals: list[str] = field(default_factory=list)  # table files to delete, relative to the root


def partitioning() -> ds.Partitioning:
    return ds.partitioning(pa.schema([pa.field(c, pa.int32()) for c in PARTITION_COLUMNS]), flavor="hive")


def table_dir(root: Path, table: Table) -> Path:
    return root / table.name


def data_files(root: Path, table: Table) -> list[Path]:
    """The table's published Parquet files, its empty placeholder included."""
    return sorted(table_dir(root, table).rglob("*.parquet"))


@contextmanager
def exclusive_lock(root: Path) -> Iterator[None]:
    """Hold the warehouse for this process; a second writer stops at once with a clear message."""
    root.mkdir(parents=True, exist_ok=True)
    handle = open(root / LOCK_FILE, "a+")
    try:
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError as error:
            if error.errno not in (errno.EAGAIN, errno.EACCES):
                raise
            handle.seek(0)
            holder = handle.read().strip() or "another run"
            raise WarehouseLocked(f"warehouse {root} is being written by {holder}; wait for it to finish") from None
        handle.seek(0)
        handle.truncate()
        handle.write(f"pid {os.getpid()}")
        handle.flush()
        yield
    finally:
        handle.close()


def ensure_tables(root: Path) -> None:
    """Every table folder exists and is readable by pandas and DuckDB, even with no rows yet."""
    for table in ALL_TABLES:
        directory = table_dir(root, table)
        if data_files(root, table):
            continue
        placeholder = directory / ("year=0/month=0" if table.partitioned else "") / EMPTY_FILE
        placeholder.parent.mkdir(parents=True, exist_ok=True)
        # written beside the table and renamed into it: a kill mid-write must not leave a torn Parquet file
        temporary = root / f".{table.name}-{EMPTY_FILE}.tmp"
        pq.write_table(table.file_schema.empty_table(), temporary)
        os.replace(temporary, placeholder)


def recover_interrupted_publishes(root: Path) -> int:
    """Finish publishes a crash interrupted and drop staging a crash left before publishing.

    Returns the number of batches rolled forward.
    """
    staging = root / STAGING
    if not staging.exists():
        return 0
    finished = 0
    for directory in sorted(p for p in staging.iterdir() if p.is_dir()):
        journal = directory / JOURNAL
        if journal.exists():
            entries = json.loads(journal.read_text())
            _apply(root, StagedBatch(directory, [tuple(m) for m in entries["moves"]], entries["removals"]))
            finished += 1
        shutil.rmtree(directory, ignore_errors=True)
    return finished


def stage_batch(root: Path, batch_name: str, tables: dict[str, pa.Table]) -> StagedBatch:
    """Write a batch's tables under the staging area, in the layout they will have in the warehouse.

    ``batch_name`` (run id and batch number) names the files, so batches never overwrite each other.
    """
    directory = root / STAGING / batch_name
    shutil.rmtree(directory, ignore_errors=True)
    staged = StagedBatch(directory)
    for name, data in tables.items():
        table = TABLES[name]
        if data.num_rows == 0:
            continue
        target = directory / name
        if table.partitioned:
            ds.write_dataset(
                data,
                target,
                format="parquet",
                partitioning=partitioning(),
                basename_template=f"part-{batch_name}-{{i}}.parquet",
                existing_data_behavior="overwrite_or_ignore",
            )
        else:
            target.mkdir(parents=True, exist_ok=True)
            pq.write_table(data, target / f"part-{batch_name}-0.parquet")
        for path in sorted(target.rglob("*.parquet")):
            staged.moves.append((str(path.relative_to(root)), str(Path(name) / path.relative_to(target))))
    return staged


def publish(root: Path, staged: StagedBatch) -> None:
    """Move a staged batch into the tables; the journal makes the whole batch survive a crash."""
    journal = staged.directory / JOURNAL
    staged.directory.mkdir(parents=True, exist_ok=True)
    temporary = journal.with_suffix(".tmp")
    temporary.write_text(json.dumps({"moves": staged.moves, "removals": staged.removals}))
    os.replace(temporary, journal)
    _apply(root, staged)
    shutil.rmtree(staged.directory, ignore_errors=True)


def discard(staged: StagedBatch) -> None:
    shutil.rmtree(staged.directory, ignore_errors=True)


def _apply(root: Path, staged: StagedBatch) -> None:
    """Idempotent: replaying it after a crash in the middle gives the same tables.

    Each step is one atomic rename or unlink, in the order of publish_order, so that readers between
    a crash and the next writer's replay never see a row in documents without all its other rows.
    """
    for relative in [*staged.removals, *(path for move in staged.moves for path in move)]:
        inside_root(root, relative)
    removed = set(staged.removals)
    replaced = {destination for _, destination in staged.moves}
    steps = [(publish_order(relative, replaces=True), relative, None) for relative in staged.removals if relative not in replaced]
    steps += [(publish_order(destination, replaces=destination in removed), destination, source) for source, destination in staged.moves]
    for _, destination, source in sorted(steps, key=lambda step: step[0]):
        if source is None:
            (root / destination).unlink(missing_ok=True)
            continue
        source_path, destination_path = root / source, root / destination
        if source_path.exists():
            destination_path.parent.mkdir(parents=True, exist_ok=True)
            os.replace(source_path, destination_path)


def inside_root(root: Path, relative: str) -> Path:
    """The path under the root; ValueError for one that would lead out of it (a damaged journal)."""
    path = root / relative
    if not path.resolve().is_relative_to(root.resolve()):
        raise ValueError(f"{relative!r} is outside the warehouse {root}: refusing to touch it")
    return path


def publish_order(relative: str, replaces: bool) -> int:
    """When a step on this table file comes in a publish.

    0: documents rows leave (a removed or rewritten documents file), before any of their other rows;
    1: other tables' rows leave; 2: other tables' new rows arrive; 3: then their documents rows;
    4: last, the _sources and _runs rows that say a record was published.
    """
    table = Path(relative).parts[0]
    if table not in {t.name for t in DOCUMENT_TABLES}:
        return 4
    if replaces:
        return 0 if table == "documents" else 1
    return 3 if table == "documents" else 2


def published_versions(root: Path) -> dict[str, str]:
    """doc_id → pipeline_version of every published document."""
    files = [str(p) for p in data_files(root, TABLES["documents"])]
    if not files:
        return {}
    data = ds.dataset(files, format="parquet").to_table(columns=["doc_id", "pipeline_version"])
    return dict(zip(data.column("doc_id").to_pylist(), data.column("pipeline_version").to_pylist()))


def stage_removal_of_documents(root: Path, staged: StagedBatch, doc_ids: set[str]) -> None:
    """Stage the removal of these documents' rows from every document table.

    A file holding them is replaced by a staged copy without them, in the same publish.
    """
    if not doc_ids:
        return
    wanted = pa.array(sorted(doc_ids))
    for table in DOCUMENT_TABLES:
        for path in data_files(root, table):
            if path.name == EMPTY_FILE:
                continue
            # the doc_id column alone tells whether a file is touched; most are not, and stay unread
            if not pc.any(pc.is_in(pq.read_table(path, columns=["doc_id"]).column("doc_id"), value_set=wanted)).as_py():
                continue
            data = pq.read_table(path)
            relative = str(path.relative_to(root))
            staged.removals.append(relative)
            kept = data.filter(pc.invert(pc.is_in(data.column("doc_id"), value_set=wanted)))
            if kept.num_rows:
                copy = staged.directory / "rewrites" / relative
                copy.parent.mkdir(parents=True, exist_ok=True)
                pq.write_table(kept, copy)
                staged.moves.append((str(copy.relative_to(root)), relative))


def stage_removal_of_all_documents(root: Path, staged: StagedBatch) -> None:
    """For a full refresh: every published document row goes when the first new batch arrives."""
    for table in DOCUMENT_TABLES:
        staged.removals.extend(str(p.relative_to(root)) for p in data_files(root, table) if p.name != EMPTY_FILE)
