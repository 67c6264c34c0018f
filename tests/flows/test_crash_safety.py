"""kill -9 at random moments of python -m flows.run on real articles: after every kill each table reads
and no document is half-published; a final run completes with every record accounted for once.
The second kill aims at a publish in progress (its journal seen on disk); test_warehouse.py kills a
publish after each of its steps in turn.

Also: a second run on a warehouse in use stops at once with exit status 3 and says why.
"""

from __future__ import annotations

import os
import random
import signal
import subprocess
import tarfile
import time
from pathlib import Path

import pandas as pd
import pytest

from tests.flows.test_hostile_inputs import run_cli
from tests.flows.warehouse_checks import DOCUMENT_ROW_TABLES, assert_no_document_is_half_published, read_every_table

N_ARTICLES = 150
BATCH_SIZE = 10
KILLS = 3
SEED = 20_170_708
ROW_KEYS = {"sentences": "sentence_id", "entities": "entity_id", "entity_mentions": "mention_id", "quotes": "quote_id"}


def extract_bbc_articles(archive: Path, folder: Path, count: int) -> list[str]:
    """Every n-th article of the BBC corpus, written under ``folder``; their source ids."""
    if not archive.is_file():
        pytest.skip(f"{archive} is absent: the crash test runs on real BBC articles")
    with tarfile.open(archive) as tar:
        members = [m for m in tar.getmembers() if m.isfile() and m.name.endswith(".txt") and not m.name.endswith("README.TXT")]
        chosen = members[:: len(members) // count][:count]
        for member in chosen:
            target = folder / member.name.split("/", 1)[1]
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(tar.extractfile(member).read())
    return sorted(str(p.relative_to(folder)) for p in folder.rglob("*.txt"))


def batches_published(warehouse: Path) -> int:
    """Batch publishes so far, in all runs: each writes one _sources file."""
    return sum(1 for path in (warehouse / "_sources").glob("part-*.parquet") if path.name != "part-empty.parquet")


def publish_pending(warehouse: Path) -> bool:
    """A publish was interrupted: its journal waits for the next writer to finish it."""
    return any((warehouse / "_staging").glob("*/journal.json"))


def start_run(project: Path, log: Path, *inputs: str, warehouse: Path | str = "warehouse") -> subprocess.Popen:
    """The CLI in a process group of its own (its language workers with it), its output in ``log``."""
    with log.open("w") as output:
        return run_cli(project, project / ".prefect", *(inputs or ["bbc"]), "--warehouse", str(warehouse), "--batch-size", str(BATCH_SIZE),
                       "--workers", "1", stdout=output, stderr=subprocess.STDOUT, start_new_session=True)


def kill_after_publishes(run: subprocess.Popen, warehouse: Path, publishes: int, extra_seconds: float, *, mid_publish: bool = False) -> bool:
    """SIGKILL the run's process group once ``publishes`` more batches are out, plus ``extra_seconds``;
    with ``mid_publish``, rather the moment a publish journal is seen before that. False when the run ended first."""
    target = batches_published(warehouse) + publishes
    deadline = time.monotonic() + 300
    while batches_published(warehouse) < target and run.poll() is None and time.monotonic() < deadline:
        if mid_publish and publish_pending(warehouse):
            break
        time.sleep(0.001 if mid_publish else 0.05)
    else:
        time.sleep(extra_seconds)
    if run.poll() is not None:
        return False
    os.killpg(run.pid, signal.SIGKILL)
    run.wait()
    return True


@pytest.fixture(scope="module")
def project(tmp_path_factory, shared_dir) -> tuple[Path, list[str]]:
    folder = tmp_path_factory.mktemp("crash")
    sources = extract_bbc_articles(shared_dir / "corpora/bbc-news-2225/bbc-fulltext.tar.gz", folder / "bbc", N_ARTICLES)
    return folder, sources


def test_kill_9_at_random_moments_never_leaves_a_half_published_document(project):
    folder, sources = project
    warehouse = folder / "warehouse"
    rng = random.Random(SEED)
    kills = []
    log = folder / "run.log"
    for kill in range(KILLS):
        run = start_run(folder, log)
        publishes, extra = rng.randint(1, 3), rng.uniform(0, 1.5)
        killed = kill_after_publishes(run, warehouse, publishes, extra, mid_publish=kill == 1)
        assert killed, f"the run ended before its kill (after {publishes} publishes + {extra:.2f} s):\n{log.read_text()[-2000:]}"
        kills.append((publishes, round(extra, 2), publish_pending(warehouse)))
        # between a crash and the next run: a document in documents has all its rows; rows without
        # their document only while an interrupted publish waits to be finished
        assert_no_document_is_half_published(read_every_table(warehouse), orphans_allowed=publish_pending(warehouse))
    final = start_run(folder, log)
    assert final.wait(timeout=600) == 0, log.read_text()[-3000:]
    assert not publish_pending(warehouse) and not any((warehouse / "_staging").iterdir())

    tables = read_every_table(warehouse)
    assert_no_document_is_half_published(tables)
    for name in DOCUMENT_ROW_TABLES:
        assert not tables[name].duplicated(["doc_id", ROW_KEYS[name]]).any(), f"{name} has duplicate rows after kills {kills}"
    sources_table = tables["_sources"]
    assert not sources_table.duplicated(["run_id", "source_id"]).any(), "a record twice in one run"
    (final_run,) = tables["_runs"].itertuples()  # the killed runs never got to record themselves
    of_final = sources_table[sources_table["run_id"] == final_run.run_id]
    assert sorted(of_final["source_id"]) == sources, "the final run accounts for every record exactly once"
    assert set(of_final["status"]) <= {"published", "unchanged", "duplicate"}
    assert (of_final["status"] == "unchanged").sum() > 0, f"the killed runs published nothing: {kills}"
    print(f"kills (publishes awaited, seconds after, a publish left to finish): {kills}")
    first_of_content = of_final[of_final["status"] != "duplicate"]
    assert sorted(first_of_content["doc_id"]) == sorted(tables["documents"]["doc_id"])


def test_a_second_run_on_a_warehouse_in_use_stops_with_exit_3(project, tmp_path):
    folder, sources = project
    warehouse = tmp_path / "warehouse"
    log = tmp_path / "first.log"
    first = start_run(folder, log, f"bbc/{sources[0]}", warehouse=warehouse)
    try:
        deadline = time.monotonic() + 120
        lock = warehouse / ".lock"
        while not (lock.exists() and lock.read_text() == f"pid {first.pid}"):
            assert first.poll() is None and time.monotonic() < deadline, "the first run never took the warehouse"
            time.sleep(0.05)
        os.killpg(first.pid, signal.SIGSTOP)  # hold it mid-run, however fast the machine
        second = run_cli(folder, folder / ".prefect", "bbc", "--warehouse", str(warehouse))
        os.killpg(first.pid, signal.SIGCONT)
        assert second.returncode == 3, second.stderr[-2000:]
        assert f"is being written by pid {first.pid}; wait for it to finish" in second.stderr
        assert first.wait(timeout=600) == 0, log.read_text()[-3000:]
    finally:
        if first.poll() is None:
            os.killpg(first.pid, signal.SIGKILL)
            first.wait()
    runs = pd.read_parquet(warehouse / "_runs")
    assert len(runs) == 1 and runs.iloc[0]["records_seen"] == 1


def worker_processes(pid: int) -> list[int]:
    """The language workers the run spawned (not multiprocessing's resource tracker)."""
    children = Path(f"/proc/{pid}/task/{pid}/children").read_text().split()
    return [int(child) for child in children if b"spawn_main" in Path(f"/proc/{child}/cmdline").read_bytes()]


def test_a_language_worker_killed_mid_run_ends_the_run_with_exit_4_and_whole_batches(project, tmp_path):
    folder, _ = project
    warehouse = tmp_path / "warehouse"
    log = tmp_path / "run.log"
    run = start_run(folder, log, warehouse=warehouse)
    try:
        deadline = time.monotonic() + 300
        while not (warehouse / "_sources").is_dir() or batches_published(warehouse) < 1:
            assert run.poll() is None and time.monotonic() < deadline, log.read_text()[-2000:]
            time.sleep(0.05)
        (worker,) = worker_processes(run.pid)
        os.kill(worker, signal.SIGKILL)
        assert run.wait(timeout=300) == 4, log.read_text()[-3000:]
    finally:
        if run.poll() is None:
            os.killpg(run.pid, signal.SIGKILL)
            run.wait()
    assert "error: a language worker process died" in log.read_text()
    assert not publish_pending(warehouse)
    tables = read_every_table(warehouse)
    assert_no_document_is_half_published(tables)
    assert 1 <= len(tables["documents"]) < N_ARTICLES
