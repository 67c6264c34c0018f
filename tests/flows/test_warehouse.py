import json
import os
import shutil
import subprocess
import sys

import duckdb
import pandas as pd
import pyarrow as pa
import pytest

from flows import warehouse as store
from transforms.schemas import ALL_TABLES
from transforms.tables import to_arrow


def sentence_rows(doc_id: str, year: int, month: int, n: int) -> list[dict]:
    return [
        {"doc_id": doc_id, "sentence_id": i, "paragraph_id": 0, "start_char": i * 10, "end_char": i * 10 + 5, "text": "hello", "year": year, "month": month}
        for i in range(n)
    ]


def read_both(root, table: str) -> tuple[pd.DataFrame, int]:
    frame = pd.read_parquet(root / table)
    count = duckdb.sql(f"select count(*) from read_parquet('{root / table}/**/*.parquet', hive_partitioning = true)").fetchall()[0][0]
    return frame, count


def test_empty_tables_are_readable_by_pandas_and_duckdb(tmp_path):
    store.ensure_tables(tmp_path)
    for table in ALL_TABLES:
        frame, count = read_both(tmp_path, table.name)
        assert len(frame) == count == 0
        assert set(table.file_schema.names) <= set(frame.columns)


def test_published_batch_lands_in_its_partitions_and_leaves_no_staging(tmp_path):
    store.ensure_tables(tmp_path)
    rows = sentence_rows("a" * 16, 2017, 7, 3) + sentence_rows("b" * 16, 0, 0, 2)
    staged = store.stage_batch(tmp_path, "run1-00000", {"sentences": to_arrow("sentences", rows)})
    store.publish(tmp_path, staged)
    assert (tmp_path / "sentences/year=2017/month=7/part-run1-00000-0.parquet").exists()
    assert (tmp_path / "sentences/year=0/month=0").is_dir()
    assert not any((tmp_path / store.STAGING).iterdir())
    frame, count = read_both(tmp_path, "sentences")
    assert len(frame) == count == 5
    assert sorted(frame["year"].astype(int).unique()) == [0, 2017]


def test_a_crash_between_moves_is_rolled_forward_by_the_next_writer(tmp_path):
    store.ensure_tables(tmp_path)
    tables = {"sentences": to_arrow("sentences", sentence_rows("a" * 16, 2020, 1, 2)), "documents": to_arrow("documents", [])}
    staged = store.stage_batch(tmp_path, "run2-00000", tables)
    # what publish() leaves behind when killed right after writing its journal
    (staged.directory / store.JOURNAL).write_text(json.dumps({"moves": staged.moves, "removals": []}))
    assert read_both(tmp_path, "sentences")[1] == 0
    assert store.recover_interrupted_publishes(tmp_path) == 1
    assert read_both(tmp_path, "sentences")[1] == 2
    assert not (tmp_path / store.STAGING / "run2-00000").exists()


def test_staging_without_journal_is_dropped_not_published(tmp_path):
    store.ensure_tables(tmp_path)
    store.stage_batch(tmp_path, "run3-00000", {"sentences": to_arrow("sentences", sentence_rows("c" * 16, 2020, 1, 2))})
    assert store.recover_interrupted_publishes(tmp_path) == 0
    assert read_both(tmp_path, "sentences")[1] == 0


def test_removing_documents_rewrites_only_their_rows_and_survives_replay(tmp_path):
    store.ensure_tables(tmp_path)
    rows = sentence_rows("a" * 16, 2020, 1, 2) + sentence_rows("b" * 16, 2020, 1, 3)
    store.publish(tmp_path, store.stage_batch(tmp_path, "old-00000", {"sentences": to_arrow("sentences", rows)}))
    staged = store.stage_batch(tmp_path, "new-00000", {"sentences": to_arrow("sentences", sentence_rows("a" * 16, 2020, 1, 1))})
    store.stage_removal_of_documents(tmp_path, staged, {"a" * 16})
    store.publish(tmp_path, staged)
    frame = read_both(tmp_path, "sentences")[0]
    assert sorted(frame.groupby("doc_id").size().to_dict().items()) == [("a" * 16, 1), ("b" * 16, 3)]
    store._apply(tmp_path, staged)  # replaying a finished journal changes nothing
    assert len(read_both(tmp_path, "sentences")[0]) == 4


def test_a_second_writer_is_refused_with_a_clear_message(tmp_path):
    holder = subprocess.Popen(
        [sys.executable, "-c", f"from flows.warehouse import exclusive_lock; import pathlib, time\nwith exclusive_lock(pathlib.Path({str(tmp_path)!r})):\n    print('held', flush=True); time.sleep(30)"],
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert holder.stdout.readline().strip() == "held"
        with pytest.raises(store.WarehouseLocked, match=f"pid {holder.pid}"):
            with store.exclusive_lock(tmp_path):
                pass
    finally:
        holder.kill()
        holder.wait()
    with store.exclusive_lock(tmp_path):
        assert (tmp_path / store.LOCK_FILE).read_text() == f"pid {os.getpid()}"


def document_rows(doc_id: str, n_sentences: int, run_id: str) -> list[dict]:
    return [
        {"doc_id": doc_id, "source_id": f"{doc_id}.txt", "source_sha256": "0" * 64, "body": "hello " * 10, "n_words": 10, "n_sentences": n_sentences,
         "n_paragraphs": 1, "n_entities": 0, "n_quotes": 0, "run_id": run_id, "pipeline_version": "1", "model": "m", "year": 2020, "month": 1}
    ]


def published_batch(doc_sentences: dict[str, int], run_id: str) -> dict[str, pa.Table]:
    return {
        "documents": to_arrow("documents", [row for doc_id, n in doc_sentences.items() for row in document_rows(doc_id, n, run_id)]),
        "sentences": to_arrow("sentences", [row for doc_id, n in doc_sentences.items() for row in sentence_rows(doc_id, 2020, 1, n)]),
        "_sources": to_arrow("_sources", [{"source_id": f"{d}.txt", "status": "published", "doc_id": d, "run_id": run_id} for d in doc_sentences]),
    }


class Crash(BaseException):
    """Stands for SIGKILL: nothing after it runs."""


def test_a_crash_after_any_step_of_a_publish_never_shows_a_half_published_document(tmp_path, monkeypatch):
    """Old documents a and b; a batch replaces a (2 → 3 sentences) and adds c. Killed after each step in
    turn: every table reads and documents never has a row without all its rows; the replay completes it."""
    from tests.flows.warehouse_checks import assert_no_document_is_half_published, read_every_table

    original = tmp_path / "original"
    store.ensure_tables(original)
    store.publish(original, store.stage_batch(original, "old-00000", published_batch({"a" * 16: 2, "b" * 16: 4}, "old")))
    real_replace, real_unlink = os.replace, type(original).unlink
    steps = 0
    while True:
        root = tmp_path / f"crash-after-{steps}"
        shutil.copytree(original, root)
        staged = store.stage_batch(root, "new-00000", published_batch({"a" * 16: 3, "c" * 16: 1}, "new"))
        store.stage_removal_of_documents(root, staged, {"a" * 16})
        done = 0

        def step(real):
            def counted(*arguments):
                nonlocal done
                if done == steps:
                    raise Crash
                done += 1
                return real(*arguments)

            return counted

        monkeypatch.setattr(store.os, "replace", step(real_replace))
        monkeypatch.setattr(type(root), "unlink", step(real_unlink))
        try:
            store.publish(root, staged)
            finished = True
        except Crash:
            finished = False
        monkeypatch.undo()
        assert_no_document_is_half_published(read_every_table(root), orphans_allowed=True)
        store.recover_interrupted_publishes(root)
        tables = read_every_table(root)
        assert_no_document_is_half_published(tables)
        journal_written = steps > 0  # the first rename is the journal's: before it, the batch is not published at all
        expected = {"a" * 16: 3, "b" * 16: 4, "c" * 16: 1} if journal_written else {"a" * 16: 2, "b" * 16: 4}
        assert tables["sentences"].groupby("doc_id").size().to_dict() == expected
        if finished:
            break
        steps += 1
    assert steps >= 5  # the journal, then removals and moves one by one


def test_a_journal_naming_paths_outside_the_warehouse_is_refused(tmp_path):
    root = tmp_path / "warehouse"
    store.ensure_tables(root)
    victim = tmp_path / "victim.txt"
    victim.write_text("keep me")
    batch = root / store.STAGING / "bad-00000"
    batch.mkdir(parents=True)
    (batch / store.JOURNAL).write_text(json.dumps({"moves": [], "removals": ["../victim.txt"]}))
    with pytest.raises(ValueError, match="outside the warehouse"):
        store.recover_interrupted_publishes(root)
    assert victim.read_text() == "keep me"
