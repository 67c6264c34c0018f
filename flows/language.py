"""The language work on batches of documents, in processes that keep the spaCy model loaded.

The flow's own process never imports spaCy: it reads, cleans, validates and publishes while the
workers parse, and a rerun with nothing new to parse never loads a model.
"""

from __future__ import annotations

import time
from collections import deque
from collections.abc import Callable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from contextlib import contextmanager
from dataclasses import dataclass
from functools import cache
from multiprocessing import get_context
from typing import Any

from transforms.records import CleanDocument


@cache
def worker_pipeline(model: str):
    """The spaCy pipeline of this process, loaded once and kept for every batch it works on."""
    from transforms.nlp import load_pipeline

    return load_pipeline(model)


def process_documents(model: str, documents: list[CleanDocument], provenance: dict[str, str]):
    """BatchTables of the documents, with the seconds spent loading the model ("load") on top."""
    from transforms.batch import tables_for_batch

    started = time.perf_counter()
    nlp = worker_pipeline(model)
    loaded = time.perf_counter() - started
    try:
        result = tables_for_batch(nlp, documents, provenance)
    except Exception:  # noqa: BLE001 - a document that breaks spaCy must not lose its batch, nor the run
        result = tables_one_by_one(nlp, documents, provenance)
    result.seconds["load"] = loaded
    return result


def tables_one_by_one(nlp, documents: list[CleanDocument], provenance: dict[str, str]):
    """BatchTables built a document at a time; a document whose language work fails is quarantined."""
    from transforms.batch import merge_batch_tables, tables_for_batch
    from transforms.records import Quarantined

    parts, failed = [], []
    for document in documents:
        try:
            parts.append(tables_for_batch(nlp, [document], provenance))
        except Exception as error:  # noqa: BLE001 - the failure is this document's quarantine reason
            failed.append(Quarantined(document.source_id, "nlp", f"the language work failed: {type(error).__name__}: {error}", document.source_sha256))
    result = merge_batch_tables(parts) if parts else tables_for_batch(nlp, [], provenance)
    result.failed.extend(failed)
    return result


# Documents per batch, the unit of validation and publishing. Great Expectations costs about a second of CPU per
# batch whatever its size, as much as parsing 100 short wire stories: fewer, larger batches keep the checks cheap,
# and cutting each batch across the workers keeps them all busy however few batches there are.
DEFAULT_BATCH_SIZE = 500

# Batches submitted ahead of the one being published: the workers parse the next batch while this process
# validates and writes the last, and memory holds two batches however many workers there are.
IN_FLIGHT = 2


@dataclass(frozen=True)
class LanguageWorkers:
    """Where batches are parsed: submit(documents, provenance) gives a future (anything with .result())
    of their BatchTables. A batch is cut into ``pieces`` parts, one per worker, so every worker has
    a share of every batch, the last one included; in_flight batches may wait for their results at once."""

    submit: Callable[[list[CleanDocument], dict[str, str]], Any]
    in_flight: int
    pieces: int = 1

    def submit_batch(self, documents: list[CleanDocument], provenance: dict[str, str]) -> MergedFuture:
        size = -(-len(documents) // self.pieces)
        return MergedFuture([self.submit(documents[start : start + size], provenance) for start in range(0, len(documents), size)])


@dataclass(frozen=True)
class MergedFuture:
    """The future of a batch parsed in pieces: its BatchTables merged in input order."""

    pieces: list

    def result(self):
        from transforms.batch import merge_batch_tables

        return merge_batch_tables([piece.result() for piece in self.pieces])


def completed(value) -> Future:
    future: Future = Future()
    future.set_result(value)
    return future


@contextmanager
def local_workers(model: str, workers: int) -> Iterator[LanguageWorkers]:
    """``workers`` spawned processes (started at the first batch, so a run with nothing to parse starts
    none); 0 parses in this process."""
    if workers == 0:
        yield LanguageWorkers(lambda documents, provenance: completed(process_documents(model, documents, provenance)), 0)
        return
    with ProcessPoolExecutor(workers, mp_context=get_context("spawn")) as pool:
        yield LanguageWorkers(lambda documents, provenance: pool.submit(process_documents, model, documents, provenance), IN_FLIGHT, workers)


def results_in_order(batches: Iterator, workers: LanguageWorkers, provenance: dict[str, str]) -> Iterator[tuple[Any, Any]]:
    """(batch, BatchTables or None for a batch without documents) in input order, with at most
    ``in_flight`` batches waiting, so memory stays flat however long the input."""
    pending: deque = deque()
    for batch in batches:
        pending.append((batch, workers.submit_batch(batch.documents, provenance) if batch.documents else None))
        while len(pending) > workers.in_flight:
            yield resolved(*pending.popleft())
    while pending:
        yield resolved(*pending.popleft())


def resolved(batch, future) -> tuple[Any, Any]:
    return batch, future.result() if future is not None else None
