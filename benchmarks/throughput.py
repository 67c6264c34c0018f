"""Throughput of the whole pipeline against the plain spaCy pass, both timed as whole processes.

    python -m benchmarks.throughput --corpus bbc --limit 600
    python -m benchmarks.throughput --corpus bbc --limit 300 --rerun     # incremental rerun
    python -m benchmarks.throughput --corpus reuters --limit 20000 --skip-plain

Prints docs/s, words/s, seconds per stage, and the peak RSS of each process tree (the process and all its
children, polled), then the ratio of the plain pass's time to the pipeline's (≥ 1.0: the pipeline is faster).
"""

from __future__ import annotations

import argparse
import re
import resource
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

import psutil
import pyarrow.dataset as ds

from benchmarks.corpora import REPO, unpack, write_clean_texts

POLL_SECONDS = 0.05


@dataclass
class Measured:
    seconds: float
    peak_rss: int  # bytes, summed over the process tree at its fullest
    cpu_seconds: float  # user + system time of the whole tree: robust where other work shares the machine
    output: str


def tree_rss(process: psutil.Process) -> int:
    total = 0
    for member in [process, *process.children(recursive=True)]:
        try:
            total += member.memory_info().rss
        except psutil.Error:  # a child that ended between listing and reading
            pass
    return total


def run_measured(command: list[str], scratch: Path) -> Measured:
    """Run a command to its end, timing it whole and polling the RSS of its process tree."""
    log = scratch / "output.log"
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    with log.open("w") as out:
        started = time.perf_counter()
        process = psutil.Popen(command, cwd=REPO, stdout=out, stderr=subprocess.STDOUT)
        peak = 0
        while process.poll() is None:
            try:
                peak = max(peak, tree_rss(process))
            except psutil.NoSuchProcess:
                break
            time.sleep(POLL_SECONDS)
        returncode = process.wait()
        seconds = time.perf_counter() - started
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu_seconds = after.ru_utime + after.ru_stime - before.ru_utime - before.ru_stime
    output = log.read_text()
    if returncode != 0:
        raise SystemExit(f"{' '.join(command)} failed ({returncode}):\n{output[-3000:]}")
    return Measured(seconds, peak, cpu_seconds, output)


def pipeline_command(inputs: Path, warehouse: Path, workers: int, batch_size: int | None) -> list[str]:
    command = [sys.executable, "-m", "flows.run", str(inputs), "--warehouse", str(warehouse), "--workers", str(workers), "--no-progress"]
    return command + (["--batch-size", str(batch_size)] if batch_size else [])


def stage_seconds(output: str) -> str:
    match = re.search(r"^seconds per stage.*$", output, re.MULTILINE)
    return match.group(0) if match else "seconds per stage: (not printed)"


def run_counts(output: str) -> str:
    match = re.search(r"^run \S+: \d+ records.*$", output, re.MULTILINE)
    return match.group(0) if match else "(no run line)"


def published_words(warehouse: Path) -> tuple[int, int]:
    """(documents, words) published in the warehouse."""
    data = ds.dataset(warehouse / "documents", format="parquet", partitioning="hive").to_table(columns=["n_words"])
    return data.num_rows, sum(data.column("n_words").to_pylist())


def rate_line(label: str, measured: Measured, documents: int, words: int) -> str:
    return (
        f"{label}: {measured.seconds:.1f} s, {documents / measured.seconds:.2f} docs/s, {words / measured.seconds:,.0f} words/s, "
        f"CPU {measured.cpu_seconds:.0f} s, peak RSS of the process tree {measured.peak_rss / 2**20:,.0f} MiB"
    )


def measure_pipeline(inputs: Path, scratch: Path, workers: int, batch_size: int | None, name: str = "warehouse") -> tuple[Measured, Path]:
    warehouse = scratch / name
    return run_measured(pipeline_command(inputs, warehouse, workers, batch_size), scratch), warehouse


def measure_plain(texts: Path, scratch: Path, n_process: int, batch_size: int | None) -> Measured:
    command = [sys.executable, "-m", "benchmarks.plain_spacy", str(texts), "--n-process", str(n_process)]
    return run_measured(command + (["--batch-size", str(batch_size)] if batch_size else []), scratch)


def throughput(arguments: argparse.Namespace, scratch: Path) -> None:
    inputs = scratch / "input"
    records = unpack(arguments.corpus, arguments.limit, inputs)
    print(f"{arguments.corpus}: {records} records under {inputs}; {psutil.cpu_count()} CPUs, load average {psutil.getloadavg()[0]:.1f}", flush=True)
    measured, warehouse = measure_pipeline(inputs, scratch, arguments.workers, arguments.batch_size)
    documents, words = published_words(warehouse)
    print(f"pipeline (python -m flows.run --workers {arguments.workers}): {run_counts(measured.output)}")
    print(rate_line("pipeline", measured, documents, words))
    print(f"  {stage_seconds(measured.output)}", flush=True)
    if arguments.skip_plain:
        return
    texts = scratch / "texts.jsonl"
    write_clean_texts(inputs, texts)
    passes = [(f"plain spaCy nlp.pipe(texts, n_process={arguments.workers})", None)]
    if arguments.plain_batch_size:
        passes.append((f"plain spaCy nlp.pipe(texts, n_process={arguments.workers}, batch_size={arguments.plain_batch_size})", arguments.plain_batch_size))
    for label, batch_size in passes:
        plain = measure_plain(texts, scratch, arguments.workers, batch_size)
        print(rate_line(label, plain, documents, words))
        print(f"  ratio plain time / pipeline time: {plain.seconds / measured.seconds:.2f} (CPU time: {plain.cpu_seconds / measured.cpu_seconds:.2f})", flush=True)


def rerun(arguments: argparse.Namespace, scratch: Path) -> None:
    """First run, rerun on the same input, then a run with a few more articles: only those are processed."""
    inputs = scratch / "input"
    records = unpack(arguments.corpus, arguments.limit, inputs)
    print(f"{arguments.corpus}: {records} records under {inputs}", flush=True)
    first, warehouse = measure_pipeline(inputs, scratch, arguments.workers, arguments.batch_size)
    print(f"first run: {first.seconds:.1f} s; {run_counts(first.output)}\n  {stage_seconds(first.output)}", flush=True)
    again = run_measured(pipeline_command(inputs, warehouse, arguments.workers, arguments.batch_size), scratch)
    print(f"rerun, same input: {again.seconds:.1f} s = {again.seconds / first.seconds:.0%} of the first run; {run_counts(again.output)}")
    print(f"  {stage_seconds(again.output)}", flush=True)
    added = unpack(arguments.corpus, arguments.limit + arguments.add, inputs) - records
    more = run_measured(pipeline_command(inputs, warehouse, arguments.workers, arguments.batch_size), scratch)
    print(f"run with {added} more records: {more.seconds:.1f} s; {run_counts(more.output)}\n  {stage_seconds(more.output)}")


def parse_arguments(argv: list[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.throughput", description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--corpus", choices=("bbc", "reuters"), default="bbc")
    parser.add_argument("--limit", type=int, default=600, help="records to take from the corpus (default: 600)")
    parser.add_argument("--workers", type=int, default=2, help="pipeline workers, and processes of the plain pass (default: 2)")
    parser.add_argument("--batch-size", type=int, help="pipeline --batch-size (default: the pipeline's)")
    parser.add_argument("--plain-batch-size", type=int, help="also time the plain pass with this nlp.pipe batch_size")
    parser.add_argument("--skip-plain", action="store_true", help="time the pipeline only")
    parser.add_argument("--rerun", action="store_true", help="measure an incremental rerun instead of the plain pass")
    parser.add_argument("--add", type=int, default=10, help="with --rerun: records added for the last run (default: 10)")
    parser.add_argument("--scratch", type=Path, help="keep inputs and warehouses here (default: a temporary folder)")
    return parser.parse_args(argv)


def main(argv: list[str] | None = None) -> None:
    arguments = parse_arguments(argv)
    with tempfile.TemporaryDirectory(prefix="newsroom-bench-") as temporary:
        scratch = arguments.scratch or Path(temporary)
        scratch.mkdir(parents=True, exist_ok=True)
        (rerun if arguments.rerun else throughput)(arguments, scratch)


if __name__ == "__main__":
    main()
