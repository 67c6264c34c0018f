"""python -m flows.run on a folder of hostile files: every record meets its fate, the run completes,
every table reads, and nothing is written outside the warehouse."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pandas as pd
import pytest

from tests.flows.hostile_corpus import write_hostile_corpus
from tests.flows.warehouse_checks import assert_no_document_is_half_published, read_every_table

REPO = Path(__file__).resolve().parents[2]


def run_cli(cwd: Path, prefect_home: Path, *arguments: str, **popen) -> subprocess.CompletedProcess | subprocess.Popen:
    """`python -m flows.run` as a user starts it, without a Prefect server (none is configured)."""
    env = {key: value for key, value in os.environ.items() if not key.startswith("PREFECT_")}
    env.update(PREFECT_HOME=str(prefect_home), PYTHONPATH=str(REPO))
    command = [sys.executable, "-m", "flows.run", *arguments]
    if popen:
        return subprocess.Popen(command, cwd=cwd, env=env, **popen)
    return subprocess.run(command, cwd=cwd, env=env, capture_output=True, text=True, timeout=600)


def files_under(folder: Path) -> dict[str, int]:
    return {str(path.relative_to(folder)): path.stat().st_size for path in folder.rglob("*") if path.is_file()}


@pytest.fixture(scope="module")
def hostile_run(tmp_path_factory):
    """The corpus in project/inputs, one run into project/warehouse; what the project folder held before."""
    project = tmp_path_factory.mktemp("hostile") / "project"
    fates = write_hostile_corpus(project / "inputs")
    before = files_under(project)
    outside_before = Path("/tmp/absolute").exists()
    result = run_cli(project, project.parent / "prefect-home", "inputs", "--warehouse", "warehouse", "--batch-size", "8")
    assert result.returncode == 0, result.stderr[-3000:]
    assert Path("/tmp/absolute").exists() == outside_before
    return project, fates, before, result


def test_the_run_completes_and_every_table_reads(hostile_run):
    project, fates, _, result = hostile_run
    tables = read_every_table(project / "warehouse")
    assert_no_document_is_half_published(tables)
    (run,) = tables["_runs"].itertuples()
    assert run.validation_success and run.records_seen == len(fates)
    assert f"{len(fates)} records" in result.stdout


def test_every_record_meets_its_fate_exactly_once(hostile_run):
    project, fates, _, _ = hostile_run
    sources = pd.read_parquet(project / "warehouse/_sources")
    assert sorted(sources["source_id"]) == sorted(fates), "each record once, no record missing, none extra"
    for row in sources.itertuples():
        fate = fates[row.source_id]
        assert row.status == fate.status, (row.source_id, row.status, row.reason)
        if fate.status == "quarantined":
            assert row.stage == fate.stage, (row.source_id, row.stage, row.reason)
        if fate.reason:
            assert fate.reason in row.reason, (row.source_id, row.reason)
        assert pd.isna(row.doc_id) == (fate.status == "quarantined"), row.source_id
    assert {"published", "duplicate", "quarantined"} <= set(sources["status"])


def test_what_was_repaired_reads_right(hostile_run):
    project, *_ = hostile_run
    documents = pd.read_parquet(project / "warehouse/documents").set_index("source_id")
    assert "ready for the café’s £5 menu" in documents.loc["windows-1252.txt", "body"]
    assert "ready for the café," in documents.loc["mojibake.txt", "body"]
    assert "\r" not in documents.loc["crlf.txt", "body"]
    assert documents.loc["utf16 with bom.txt", "title"].endswith(" story number 1")
    for undated in ("far future.txt", "impossible date.txt", "malformed.jsonl#m1@4"):
        assert pd.isna(documents.loc[undated, "published_date"]), undated
        assert (int(documents.loc[undated, "year"]), int(documents.loc[undated, "month"])) == (0, 0)
    assert str(documents.loc["hostile ids.jsonl#year=1999/month=1", "published_date"]) == "0001-01-01"


def test_nothing_is_written_outside_the_warehouse(hostile_run):
    project, _, before, _ = hostile_run
    after = files_under(project)
    outside = {name for name in after if not name.startswith("warehouse/")}
    assert outside == set(before), f"written outside the warehouse: {sorted(outside - set(before))}"
    assert all(after[name] == size for name, size in before.items()), "an input file changed"
    for path in (project / "warehouse").rglob("*"):
        assert path.resolve().is_relative_to((project / "warehouse").resolve())
        partitions = [part for part in path.relative_to(project / "warehouse").parts if "=" in part]
        assert all(part.split("=")[0] in ("year", "month") and part.split("=")[1].isdigit() for part in partitions), path
