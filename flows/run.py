"""python -m flows.run [INPUT ...] [--warehouse DIR] [--full-refresh] [--workers N] [--dask-address ADDR] [--model NAME]"""

from __future__ import annotations

import argparse
import logging
import sys
from concurrent.futures.process import BrokenProcessPool

from flows.language import DEFAULT_BATCH_SIZE
from transforms.model import DEFAULT_MODEL


def parse_arguments(argv: list[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="python -m flows.run", description="Turn raw news files into validated Parquet tables under the warehouse.")
    parser.add_argument("inputs", nargs="*", default=["seeds"], metavar="INPUT", help="files or folders (recursive); default: seeds/")
    parser.add_argument("--warehouse", default="warehouse", metavar="DIR", help="warehouse root (default: warehouse/)")
    parser.add_argument("--full-refresh", action="store_true", help="reprocess every document and replace what is published")
    parser.add_argument("--workers", type=int, default=1, metavar="N", help="worker processes for the language work, each loading the model once (default: 1; 0: in this process)")
    parser.add_argument("--dask-address", metavar="ADDR", help="run the batches on an existing Dask cluster, e.g. tcp://HOST:8786")
    parser.add_argument("--model", default=DEFAULT_MODEL, metavar="NAME", help=f"installed spaCy pipeline (default: {DEFAULT_MODEL})")
    parser.add_argument("--batch-size", type=int, default=DEFAULT_BATCH_SIZE, metavar="N", help=f"documents per batch (default: {DEFAULT_BATCH_SIZE})")
    parser.add_argument("--no-progress", action="store_true", help="no progress bar (there is none anyway when stderr is not a terminal)")
    arguments = parser.parse_args(argv)
    if arguments.workers < 0:
        parser.error("--workers must be 0 or more")
    if arguments.batch_size < 1:
        parser.error("--batch-size must be at least 1")
    return arguments


def main(argv: list[str] | None = None) -> int:
    arguments = parse_arguments(argv)
    logging.basicConfig(level=logging.WARNING, format="%(asctime)s | %(levelname)-7s | %(name)s | %(message)s", datefmt="%H:%M:%S")
    logging.getLogger("flows").setLevel(logging.INFO)
    if arguments.dask_address:
        try:
            import prefect_dask  # noqa: F401 - only to say what is missing before anything starts
        except ImportError:
            print("error: --dask-address needs the dask extra: pip install 'newsroom-pipeline[dask]'", file=sys.stderr)
            return 2
    from flows.pipeline import run_pipeline
    from flows.warehouse import WarehouseLocked

    try:
        result = run_pipeline(
            arguments.inputs,
            warehouse=arguments.warehouse,
            full_refresh=arguments.full_refresh,
            model=arguments.model,
            workers=arguments.workers,
            batch_size=arguments.batch_size,
            dask_address=arguments.dask_address,
            progress_bar=sys.stderr.isatty() and not arguments.no_progress,
        )
    except WarehouseLocked as error:
        print(f"error: {error}", file=sys.stderr)
        return 3
    except ValueError as error:
        print(f"error: {error}", file=sys.stderr)
        return 2
    except BrokenProcessPool:
        print("error: a language worker process died (out of memory, or killed); the batches published before it stay, run again to go on", file=sys.stderr)
        return 4
    print(
        f"run {result['run_id']}: {result['records_seen']} records: {result['published']} published, {result['duplicate']} duplicate, "
        f"{result['unchanged']} unchanged, {result['quarantined']} quarantined; rows: "
        + ", ".join(f"{name} {n}" for name, n in result["rows"].items())
    )
    print(f"data-quality report: {result['report']}")
    print("seconds per stage (summed over workers): " + ", ".join(f"{name} {value:.1f}" for name, value in result["seconds"].items()))
    if not result["success"]:
        print(f"error: data-quality checks failed, those batches were not published: {result['summary']}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
