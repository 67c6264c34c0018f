"""The Prefect flow: input files → clean documents → batches of rows → validated → published Parquet."""

from __future__ import annotations

import datetime as dt
import json
import logging
import uuid
from collections.abc import Callable, Iterator
from concurrent.futures import Future, ThreadPoolExecutor
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

import pyarrow as pa
from prefect import flow, get_run_logger, task
from prefect.cache_policies import NO_CACHE
from prefect.context import FlowRunContext
from prefect.exceptions import MissingContextError
from prefect.settings import get_current_settings
from prefect.task_runners import ThreadPoolTaskRunner

import transforms
from flows import report
from flows import warehouse as store
from flows.artifacts import RunHighlights, publish_run_artifacts, quality_table
from flows.inputs import read_inputs
from flows.progress import RunProgress
from flows.language import DEFAULT_BATCH_SIZE, IN_FLIGHT, LanguageWorkers, local_workers, process_documents, results_in_order
from transforms.clean import clean_record
from transforms.model import DEFAULT_MODEL, model_label
from transforms.records import CleanDocument, CleaningError, Quarantined
from transforms.schemas import DOCUMENT_TABLES
from transforms.tables import to_arrow
from transforms.timing import add_seconds, stage, timed

PIPELINE_VERSION = transforms.__version__
DOCUMENT_TABLE_NAMES = tuple(table.name for table in DOCUMENT_TABLES)


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


def clean_or_quarantine(record, today: dt.date) -> CleanDocument | Quarantined:
    """The record cleaned, or its quarantine; a date after ``today`` (the run's) is no date."""
    if isinstance(record, Quarantined):
        return record
    try:
        return clean_record(record, today=today)
    except CleaningError as error:
        return Quarantined(record.source_id, "clean", str(error), record.source_sha256)
    except Exception as error:  # noqa: BLE001 - an unforeseen failure quarantines the record, not the run
        return Quarantined(record.source_id, "clean", f"cleaning failed: {type(error).__name__}: {error}", record.source_sha256)


def plan_batches(
    run_id: str, inputs: list[str], published: dict[str, str], full_refresh: bool, batch_size: int, seconds: dict[str, float],
    today: dt.date | None = None,
) -> Iterator[Batch]:
    """Stream records into batches of new documents; decide duplicate / unchanged / quarantined on the way.
    Adds the time spent reading and cleaning to ``seconds``; ``today`` is the run's date (default: today)."""
    today = today or dt.date.today()
    first_source: dict[str, str] = {}
    batch = Batch(0)
    for record in timed(read_inputs(inputs), seconds, "read"):
        with stage(seconds, "clean"):
            item = clean_or_quarantine(record, today)
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


def batch_tables(run_id: str, batch: Batch, processed) -> dict[str, pa.Table]:
    """Arrow tables of a processed batch (its BatchTables, None when it had no documents), _sources included."""
    failed = processed.failed if processed else []
    failed_ids = {q.source_id for q in failed}
    sources = list(batch.sources) + [quarantine_row(run_id, q) for q in failed]
    sources += [
        source_row(run_id, d.source_id, "published", doc_id=d.doc_id, sha256=d.source_sha256) for d in batch.documents if d.source_id not in failed_ids
    ]
    tables = dict(processed.tables) if processed else {name: to_arrow(name, []) for name in DOCUMENT_TABLE_NAMES}
    tables["_sources"] = to_arrow("_sources", sources)
    return tables


def refused_sources(tables: dict[str, pa.Table], summary: str) -> pa.Table:
    """_sources of a batch that failed its checks: its documents are quarantined at the validate stage."""
    rows = tables["_sources"].to_pylist()
    for row in rows:
        if row["status"] == "published":
            row.update(status="quarantined", stage="validate", reason=f"its batch failed data-quality checks: {summary}")
    return to_arrow("_sources", rows)


def run_logger() -> logging.Logger | logging.LoggerAdapter:
    """Prefect's logger inside a flow or task run (its lines land in the run's record), a plain one otherwise."""
    try:
        return get_run_logger()
    except MissingContextError:
        return logging.getLogger("flows.pipeline")


def validate_and_publish(root: Path, run_id: str, batch_no: int, tables: dict[str, pa.Table], validator, removals: set[str] | None, replace_all: bool):
    """Stage, validate, publish one batch; a batch that fails publishes only its _sources rows.
    Returns the outcome, the batch's _sources rows and the seconds spent validating and writing."""
    logger = run_logger()
    seconds: dict[str, float] = {}
    with stage(seconds, "validate"):
        outcome = validator.validate(tables)
        if not outcome.success:
            logger.error("batch %d failed its checks, nothing of it is published: %s", batch_no, outcome.summary())
            tables = {"_sources": refused_sources(tables, outcome.summary())}
            sources_outcome = validator.validate(tables)
            if not sources_outcome.success:
                raise RuntimeError(f"the _sources rows of batch {batch_no} fail their checks: {sources_outcome.summary()}")
    with stage(seconds, "write"):
        staged = store.stage_batch(root, f"{run_id}-{batch_no:05d}", tables)
        if outcome.success:
            if replace_all:
                store.stage_removal_of_all_documents(root, staged)
            else:
                store.stage_removal_of_documents(root, staged, removals or set())
        store.publish(root, staged)
    logger.info("batch %d: %s", batch_no, ", ".join(f"{name} {t.num_rows}" for name, t in tables.items()))
    return outcome, tables["_sources"].to_pylist(), seconds


validate_and_publish_task = task(name="validate-and-publish", cache_policy=NO_CACHE)(validate_and_publish)


@task(name="language-work", cache_policy=NO_CACHE)
def language_work(model: str, documents: list[CleanDocument], provenance: dict[str, str]):
    """One batch's spaCy pass and rows, on whichever worker the flow's task runner picks (Dask: the model
    stays loaded in each worker process)."""
    return process_documents(model, documents, provenance)


def new_validator():
    from expectations.runner import BatchValidator

    return BatchValidator()


def start_validator() -> Future:
    """The run's BatchValidator, built in a thread: importing Great Expectations takes seconds, which then
    overlap with reading, cleaning and the workers' parsing of the first batches."""
    builder = ThreadPoolExecutor(1, thread_name_prefix="validator")
    try:
        return builder.submit(new_validator)
    finally:
        builder.shutdown(wait=False)


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


def run_batches(
    inputs: list[str],
    warehouse: str,
    full_refresh: bool,
    model: str,
    workers: int,
    batch_size: int,
    language: LanguageWorkers,
    publish_batch: Callable = validate_and_publish,
    progress_bar: bool = False,
) -> dict:
    """The run itself, orchestrated or not: read, clean, batch, parse on ``language``, validate, publish, record.
    ``publish_batch`` is validate_and_publish or its Prefect task."""
    logger = run_logger()
    started = dt.datetime.now(dt.timezone.utc)
    run_id = started.strftime("%Y%m%dT%H%M%S") + "-" + uuid.uuid4().hex[:6]
    root = Path(warehouse)
    parameters = {"inputs": inputs, "warehouse": warehouse, "full_refresh": full_refresh, "model": model, "workers": workers}
    seconds: dict[str, float] = {}
    with store.exclusive_lock(root), RunProgress(run_id, progress_bar, logger) as progress:
        validator = start_validator()
        recovered = store.recover_interrupted_publishes(root)
        if recovered:
            logger.warning("finished %d batch publish(es) an earlier run left half-done", recovered)
        store.ensure_tables(root)
        published = store.published_versions(root)
        label = model_label(model)
        provenance = {"run_id": run_id, "pipeline_version": PIPELINE_VERSION, "model": label}
        counts, failures, outcomes, highlights = RunCounts(), [], [], RunHighlights()
        logger.info("run %s: reading %s into %s", run_id, ", ".join(inputs), root)
        progress.start(inputs)
        batches = plan_batches(run_id, inputs, published, full_refresh, batch_size, seconds, started.date())
        replace_all = full_refresh
        for batch, processed in results_in_order(batches, language, provenance):
            if processed:
                add_seconds(seconds, processed.seconds)
            tables = batch_tables(run_id, batch, processed)
            removals = {d.doc_id for d in batch.documents if d.doc_id in published}
            with stage(seconds, "validate"):
                batch_validator = validator.result()  # time waited for GX to import counts as validation
            outcome, sources, batch_seconds = publish_batch(root, run_id, batch.number, tables, batch_validator, removals, replace_all and bool(batch.documents))
            add_seconds(seconds, batch_seconds)
            replace_all = replace_all and not (outcome.success and batch.documents)
            outcomes.append(outcome)
            counts.count_sources(sources)
            progress.advance(counts.records_seen)
            if outcome.success:
                highlights.add(tables)
                for name in DOCUMENT_TABLE_NAMES:
                    counts.rows[name] += tables[name].num_rows
            else:
                failures.append(f"batch {batch.number}: {outcome.summary()}")
        success = not failures
        summary = "; ".join(failures) if failures else f"all checks passed on {len(outcomes)} batch(es)"
        runs = {"_runs": to_arrow("_runs", [run_row(run_id, started, parameters, counts, success, summary, label)])}
        run_outcome = validator.result().validate(runs)
        if not run_outcome.success:
            raise RuntimeError(f"the run record fails its checks: {run_outcome.summary()}")
        store.publish(root, store.stage_batch(root, f"{run_id}-run", runs))
        logger.info("stage report: Great Expectations' Data Docs under %s", root / "_docs")
        with stage(seconds, "report"):
            report_page, quality = report.write_report(root, run_id, started, [*outcomes, run_outcome], counts)
    result = {"run_id": run_id, "success": success, "summary": summary, "records_seen": counts.records_seen, "published": counts.published,
              "duplicate": counts.duplicate, "unchanged": counts.unchanged, "quarantined": counts.quarantined, "rows": dict(counts.rows),
              "seconds": {name: round(value, 3) for name, value in seconds.items()}, "report": str(report_page.resolve()),
              "highlights": {"quality": quality_table(quality), "top_speakers": highlights.top_speakers(), "top_entities": highlights.top_entities()}}
    logger.info("run %s done: %s", run_id, json.dumps({key: value for key, value in result.items() if key != "highlights"}))
    return result


@contextmanager
def task_runner_workers(model: str, workers: int) -> Iterator[LanguageWorkers]:
    """The flow's task runner does the language work when it is a distributed one (Dask); the default thread
    pool would hold the CPU-bound parsing under one GIL, so then local worker processes do it."""
    context = FlowRunContext.get()
    if context is None or isinstance(context.task_runner, ThreadPoolTaskRunner):
        with local_workers(model, workers) as language:
            yield language
        return
    yield LanguageWorkers(lambda documents, provenance: language_work.submit(model, documents, provenance), IN_FLIGHT, runner_slots(context.task_runner, workers))


def runner_slots(runner, default: int) -> int:
    """How many pieces of a batch the task runner can parse at once: a Dask cluster's worker threads
    (DaskTaskRunner.client), else ``default``."""
    client = getattr(runner, "client", None)
    return max(sum(client.nthreads().values()), 1) if client is not None else max(default, 1)


@flow(name="news-pipeline", log_prints=True)
def news_pipeline(
    inputs: list[str] = ["seeds"],  # noqa: B006 - Prefect shows the default in the UI; it is never mutated
    warehouse: str = "warehouse",
    full_refresh: bool = False,
    model: str = DEFAULT_MODEL,
    workers: int = 1,
    batch_size: int = DEFAULT_BATCH_SIZE,
    progress_bar: bool = False,
) -> dict:
    """Read raw news files, build every table, check each batch, publish it to the warehouse.
    progress_bar draws a bar on the stderr of the process running the flow (the command line's terminal)."""
    with task_runner_workers(model, workers) as language:
        result = run_batches(inputs, warehouse, full_refresh, model, workers, batch_size, language, validate_and_publish_task, progress_bar)
    publish_run_artifacts(result)
    return result


def prefect_api_configured() -> bool:
    """True when runs report to a Prefect server (PREFECT_API_URL, from the environment or a profile)."""
    return bool(get_current_settings().api.url)


def run_pipeline(
    inputs: list[str],
    warehouse: str = "warehouse",
    full_refresh: bool = False,
    model: str = DEFAULT_MODEL,
    workers: int = 1,
    batch_size: int = DEFAULT_BATCH_SIZE,
    dask_address: str | None = None,
    progress_bar: bool = False,
) -> dict:
    """Run the pipeline from Python (command line, tests, evaluation).

    With a Prefect server configured (PREFECT_API_URL) the run is the Prefect flow, recorded with its task
    runs and artifact; with a Dask scheduler address it is that flow with prefect-dask's task runner. With
    neither, the same steps run without orchestration: Prefect would otherwise start a temporary server
    (~15 s) only to discard its records when the command ends.
    """
    arguments = {"inputs": list(inputs), "warehouse": str(warehouse), "full_refresh": full_refresh, "model": model, "workers": workers, "batch_size": batch_size,
                 "progress_bar": progress_bar}
    if dask_address:
        from prefect_dask import DaskTaskRunner

        return news_pipeline.with_options(task_runner=DaskTaskRunner(address=dask_address))(**arguments)
    if prefect_api_configured():
        return news_pipeline(**arguments)
    with local_workers(model, workers) as language:
        return run_batches(**arguments, language=language)
