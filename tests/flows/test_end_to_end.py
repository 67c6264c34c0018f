"""python -m flows.run as a user runs it: on seeds/, from a fresh folder, then again."""

import os
import shutil
import subprocess
import sys
from pathlib import Path

import duckdb
import pandas as pd
import pytest

from transforms.schemas import ALL_TABLES

REPO = Path(__file__).resolve().parents[2]
SEED_SOURCE = "000_421bba50f5ab9343.txt"
SPAN_TABLES = ("sentences", "entity_mentions", "quotes")


def run_cli(cwd: Path, *arguments: str) -> subprocess.CompletedProcess:
    env = {**os.environ, "PREFECT_HOME": str(cwd / ".prefect")}
    return subprocess.run([sys.executable, "-m", "flows.run", *arguments], cwd=cwd, env=env, capture_output=True, text=True, timeout=600)


@pytest.fixture(scope="module")
def project(tmp_path_factory) -> Path:
    """A folder holding a copy of seeds/, where `python -m flows.run` ran twice with no argument."""
    folder = tmp_path_factory.mktemp("project")
    shutil.copytree(REPO / "seeds", folder / "seeds")
    first = run_cli(folder)
    assert first.returncode == 0, first.stderr[-3000:]
    (folder / "first_run.txt").write_text(first.stdout)
    second = run_cli(folder)
    assert second.returncode == 0, second.stderr[-3000:]
    (folder / "second_run.txt").write_text(second.stdout)
    return folder


def read_pandas(project: Path, table: str) -> pd.DataFrame:
    return pd.read_parquet(project / "warehouse" / table)


def read_duckdb(project: Path, table: str) -> pd.DataFrame:
    return duckdb.sql(f"select * from read_parquet('{project / 'warehouse' / table}/**/*.parquet', hive_partitioning = true)").df()


def test_every_table_reads_the_same_in_pandas_and_duckdb(project):
    for table in ALL_TABLES:
        via_pandas, via_duckdb = read_pandas(project, table.name), read_duckdb(project, table.name)
        assert len(via_pandas) == len(via_duckdb), table.name
        assert set(table.schema.names) == set(via_pandas.columns) == set(via_duckdb.columns), table.name
    assert len(read_pandas(project, "documents")) >= 1


def test_the_seed_article_metadata(project):
    documents = read_pandas(project, "documents").set_index("source_id")
    seed = documents.loc[SEED_SOURCE]
    assert seed["title"] == "Chiefs of defence meet in New York, discuss strengthening of UN peacekeeping"
    assert str(seed["published_date"]) == "2017-07-08"
    assert seed["dateline"] == "UNITED NATIONS"
    assert seed["agency"] == "APP"
    assert seed["body"].startswith("UNITED NATIONS, July 8 (APP): The heads of the armed forces")
    assert (int(seed["year"]), int(seed["month"])) == (2017, 7)


def test_every_offset_slices_its_text_out_of_the_body(project):
    bodies = read_pandas(project, "documents").set_index("doc_id")["body"]
    checked = 0
    for table in SPAN_TABLES:
        for row in read_pandas(project, table).itertuples():
            assert bodies[row.doc_id][row.start_char : row.end_char] == row.text, (table, row)
            checked += 1
    quotes = read_pandas(project, "quotes")
    for row in quotes[quotes["speaker"].notna()].itertuples():
        assert bodies[row.doc_id][int(row.speaker_start_char) : int(row.speaker_end_char)] == row.speaker
    assert checked > 50


def test_the_seed_quotes_come_with_their_speakers(project):
    documents = read_pandas(project, "documents").set_index("source_id")
    quotes = read_pandas(project, "quotes")
    seed_quotes = quotes[quotes["doc_id"] == documents.loc[SEED_SOURCE, "doc_id"]].sort_values("start_char")
    assert len(seed_quotes) == 9
    assert seed_quotes.iloc[0]["text"].startswith("Our partnership has never been more important")
    assert seed_quotes.iloc[0]["speaker_name"] == "Antonio Guterres"
    assert "Jane Holl Lute" in set(seed_quotes["speaker_name"])


def test_every_record_of_every_run_is_accounted_for_once(project):
    sources = read_pandas(project, "_sources")
    runs = read_pandas(project, "_runs").sort_values("started_at")
    assert len(runs) == 2
    assert not sources.duplicated(["run_id", "source_id"]).any()
    for run in runs.itertuples():
        of_run = sources[sources["run_id"] == run.run_id]
        assert len(of_run) == run.records_seen
        assert of_run["status"].value_counts().to_dict() == {
            status: n for status in ("published", "duplicate", "unchanged", "quarantined") if (n := getattr(run, status))
        }
        assert run.validation_success
    first, second = runs.iloc[0], runs.iloc[1]
    assert first.published >= 5, "seeds/ holds the seed and one sample per input format"
    assert second.published == 0 and second.unchanged == first.published
    assert second.rows_documents == 0


def test_the_rerun_added_nothing(project):
    documents = read_pandas(project, "documents")
    assert not documents["doc_id"].duplicated().any()
    assert (project / "warehouse/_docs/index.html").read_text().count("passed") >= 6
    assert "0 published" in (project / "second_run.txt").read_text()
