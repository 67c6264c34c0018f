"""The Prefect flow: input files → clean documents → batches of rows → validated → published Parquet."""

from __future__ import annotations

import datetime as dt
import json
import uuid
from collections.abc import Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from dataclasses import dataclass, field
from functools import cache
from multiprocessing import get_context
from pathlib import Path

import pyarrow as pa
from prefect import flow, get_run_logger, task
from prefect.artifacts import create_table_artifact
from prefect.cache_policies import NO_CACHE

import transforms
from flows import report
from flows import warehouse as store
from flows.inputs import read_inputs
from transforms.batch import DOCUMENT_TABLE_NAMES, rows_for_batch
from transforms.clean import clean_record
from transforms.nlp import DEFAULT_MODEL, load_pipeline, model_label
from transforms.records import CleanDocument, CleaningError, Quarantined
from transforms.tables import to_arrow

PIPELINE_VERSION = transforms.__version__
DEFAULT_BATCH_SIZE = 200


@dataclass
class Batch:
    """Documents to process, and the fate of every record met since the previous batch."""

    number: int
    documents: list[CleanDocument] = field(default_factory=list)
    sources: list[dict] = field(default_factory=list)  # _sources rows of records that are not in documents


@dataclass
class RunCounts:
    records_seen: int = 0
    published: int = 0
    duplicate: int = 0
    unchanged: int = 0
    quarantined: int = 0
    rows: dict[str, int] = field(default_factory=lambda: {name: 0 for name in DOCUMENT_TABLE_NAMES})

    def count_sources(self, rows: list[dict]) -> None:
        self.records_seen += len(rows)
        for row in rows:
            setattr(self, row["status"], getattr(self, row["status"]) + 1)


def source_row(run_id: str, source_id: str, status: str, *, doc_id=None, stage=None, reason=None, sha256=None) -> dict:
    return {"source_id": source_id, "status": status, "doc_id": doc_id, "stage": stage, "reason": reason, "source_sha256": sha256, "run_id": run_id}


def quarantine_row(run_id: str, item: Quarantined) -> dict:
    return source_row(run_id, item.source_id, "quarantined", stage=item.stage, reason=item.reason, sha256=item.source_sha256)


def clean_or_quarantine(record) -> CleanDocument | Quarantined:
    if isinstance(record, Quarantined):
        return record
    try:
        return clean_record(record)
    except CleaningError as error:
        return Quarantined(record.source_id, "clean", str(error), record.source_sha256)
    except Exception as error:  # noqa: BLE001 - an unforeseen failure quarantines the record, not the run
        return Quarantined(record.source_id, "clean", f"cleaning failed: {type(error).__name__}: {error}", record.source_sha256)


def plan_batches(
    run_id: str, inputs: list[str], published: dict[str, str], full_refresh: bool, batch_size: int
) -> Iterator[Batch]:
    """Stream records into batches of new documents; decide duplicate / unchanged / quarantined on the way."""
    first_source: dict[str, str] = {}
    batch = Batch(0)
    for record in read_inputs(inputs):
        item = clean_or_quarantine(record)
        if isinstance(item, Quarantined):
            batch.sources.append(quarantine_row(run_id, item))
            continue
        doc_id = item.doc_id
        if doc_id in first_source:
            reason = f"same content as {first_source[doc_id]}"
            batch.sources.append(source_row(run_id, item.source_id, "duplicate", doc_id=doc_id, reason=reason, sha256=item.source_sha256))
            continue
        first_source[doc_id] = item.source_id
        if not full_refresh and published.get(doc_id) == PIPELINE_VERSION:
            batch.sources.append(source_row(run_id, item.source_id, "unchanged", doc_id=doc_id, sha256=item.source_sha256))
            continue
        batch.documents.append(item)
        if len(batch.documents) >= batch_size:
            yield batch
            batch = Batch(batch.number + 1)
    if batch.documents or batch.sources or batch.number == 0:
        yield batch


@cache
def worker_pipeline(model: str):
    """The spaCy pipeline of this process, loaded once and kept for every batch it works on."""
    return load_pipeline(model)


def process_documents(model: str, documents: list[CleanDocument], provenance: dict[str, str]):
    return rows_for_batch(worker_pipeline(model), documents, provenance)


def batch_tables(run_id: str, batch: Batch, rows: dict[str, list[dict]], failed: list[Quarantined]) -> dict[str, pa.Table]:
    """Arrow tables of a processed batch, its _sources rows included."""
    failed_ids = {q.source_id for q in failed}
    sources = list(batch.sources) + [quarantine_row(run_id, q) for q in failed]
    sources += [
        source_row(run_id, d.source_id, "published", doc_id=d.doc_id, sha256=d.source_sha256) for d in batch.documents if d.source_id not in failed_ids
    ]
    tables = {name: to_arrow(name, rows.get(name, [])) for name in DOCUMENT_TABLE_NAMES}
    tables["_sources"] = to_arrow("_sources", sources)
    return tables


def refused_sources(tables: dict[str, pa.Table], summary: str) -> pa.Table:
    """_sources of a batch that failed its checks: its documents are quarantined at the validate stage."""
    rows = tables["_sources"].to_pylist()
    for row in rows:
        if row["status"] == "published":
            row.update(status="quarantined", stage="validate", reason=f"its batch failed data-quality checks: {summary}")
    return to_arrow("_sources", rows)


@task(name="validate-and-publish", cache_policy=NO_CACHE)
def validate_and_publish(root: Path, run_id: str, batch_no: int, tables: dict[str, pa.Table], validator, removals: set[str] | None, replace_all: bool):
    """Stage, validate, publish one batch; a batch that fails publishes only its _sources rows."""
    logger = get_run_logger()
    outcome = validator.validate(tables)
    if not outcome.success:
        logger.error("batch %d failed its checks, nothing of it is published: %s", batch_no, outcome.summary())
        tables = {"_sources": refused_sources(tables, outcome.summary())}
        sources_outcome = validator.validate(tables)
        if not sources_outcome.success:
            raise RuntimeError(f"the _sources rows of batch {batch_no} fail their checks: {sources_outcome.summary()}")
    staged = store.stage_batch(root, f"{run_id}-{batch_no:05d}", tables)
    if outcome.success:
        if replace_all:
            store.stage_removal_of_all_documents(root, staged)
        else:
            store.stage_removal_of_documents(root, staged, removals or set())
    store.publish(root, staged)
    logger.info("batch %d: %s", batch_no, ", ".join(f"{name} {t.num_rows}" for name, t in tables.items()))
    return outcome, tables["_sources"].to_pylist()


def run_row(run_id: str, started: dt.datetime, parameters: dict, counts: RunCounts, success: bool, summary: str, model: str) -> dict:
    return {
        "run_id": run_id,
        "started_at": started,
        "finished_at": dt.datetime.now(dt.timezone.utc),
        "parameters": json.dumps(parameters, sort_keys=True),
        "records_seen": counts.records_seen,
        "published": counts.published,
        "duplicate": counts.duplicate,
        "unchanged": counts.unchanged,
        "quarantined": counts.quarantined,
        **{f"rows_{name}": n for name, n in counts.rows.items()},
        "validation_success": success,
        "validation_summary": summary,
        "pipeline_version": PIPELINE_VERSION,
        "model": model,
    }


def processed_batches(batches: Iterator[Batch], model: str, provenance: dict[str, str], workers: int):
    """(batch, rows, failed) in input order; with several workers, a few batches are in flight at once
    so memory stays flat however long the input."""
    if workers <= 1:
        for batch in batches:
            yield (batch, *process_documents(model, batch.documents, provenance))
        return
    with ProcessPoolExecutor(workers, mp_context=get_context("spawn")) as pool:
        pending: list[tuple[Batch, Future]] = []
        for batch in batches:
            pending.append((batch, pool.submit(process_documents, model, batch.documents, provenance)))
            if len(pending) > workers:
                done, future = pending.pop(0)
                yield (done, *future.result())
        for done, future in pending:
            yield (done, *future.result())


@flow(name="news-pipeline", log_prints=True)
def news_pipeline(
    inputs: list[str] = ["seeds"],  # noqa: B006 - Prefect shows the default in the UI; it is never mutated
    warehouse: str = "warehouse",
    full_refresh: bool = False,
    model: str = DEFAULT_MODEL,
    workers: int = 1,
    batch_size: int = DEFAULT_BATCH_SIZE,
) -> dict:
    """Read raw news files, build every table, check each batch, publish it to the warehouse."""
    from expectations.runner import BatchValidator

    logger = get_run_logger()
    started = dt.datetime.now(dt.timezone.utc)
    run_id = started.strftime("%Y%m%dT%H%M%S") + "-" + uuid.uuid4().hex[:6]
    root = Path(warehouse)
    parameters = {"inputs": inputs, "warehouse": warehouse, "full_refresh": full_refresh, "model": model, "workers": workers}
    with store.exclusive_lock(root):
        recovered = store.recover_interrupted_publishes(root)
        if recovered:
            logger.warning("finished %d batch publish(es) an earlier run left half-done", recovered)
        store.ensure_tables(root)
        published = store.published_versions(root)
        label = model_label(worker_pipeline(model))
        provenance = {"run_id": run_id, "pipeline_version": PIPELINE_VERSION, "model": label}
        validator = BatchValidator()
        counts, failures, outcomes = RunCounts(), [], []
        logger.info("run %s: reading %s into %s", run_id, ", ".join(inputs), root)
        batches = plan_batches(run_id, inputs, published, full_refresh, batch_size)
        replace_all = full_refresh
        for batch, rows, failed in processed_batches(batches, model, provenance, workers):
            tables = batch_tables(run_id, batch, rows, failed)
            removals = {d.doc_id for d in batch.documents if d.doc_id in published}
            outcome, sources = validate_and_publish(root, run_id, batch.number, tables, validator, removals, replace_all and bool(batch.documents))
            replace_all = replace_all and not (outcome.success and batch.documents)
            outcomes.append(outcome)
            counts.count_sources(sources)
            if outcome.success:
                for name in DOCUMENT_TABLE_NAMES:
                    counts.rows[name] += tables[name].num_rows
            else:
                failures.append(f"batch {batch.number}: {outcome.summary()}")
        success = not failures
        summary = "; ".join(failures) if failures else f"all checks passed on {len(outcomes)} batch(es)"
        runs = {"_runs": to_arrow("_runs", [run_row(run_id, started, parameters, counts, success, summary, label)])}
        run_outcome = validator.validate(runs)
        if not run_outcome.success:
            raise RuntimeError(f"the run record fails its checks: {run_outcome.summary()}")
        store.publish(root, store.stage_batch(root, f"{run_id}-run", runs))
        report.write_report(root, run_id, outcomes, counts)
    result = {"run_id": run_id, "success": success, "summary": summary, "records_seen": counts.records_seen, "published": counts.published,
              "duplicate": counts.duplicate, "unchanged": counts.unchanged, "quarantined": counts.quarantined, "rows": dict(counts.rows)}
    create_table_artifact(
        key="run-counts",
        table=[{"what": k, "count": v} for k, v in {**{k: v for k, v in result.items() if isinstance(v, int)}, **{f"rows {k}": v for k, v in counts.rows.items()}}.items()],
        description=f"Run {run_id}: records and rows. {summary}",
    )
    logger.info("run %s done: %s", run_id, json.dumps(result))
    return result


def run_pipeline(inputs: list[str], warehouse: str = "warehouse", full_refresh: bool = False, model: str = DEFAULT_MODEL, workers: int = 1, batch_size: int = DEFAULT_BATCH_SIZE) -> dict:
    """Run the flow from Python (tests, evaluation) with the same semantics as the command line."""
    return news_pipeline(inputs=list(inputs), warehouse=str(warehouse), full_refresh=full_refresh, model=model, workers=workers, batch_size=batch_size)
