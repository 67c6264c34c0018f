"""The corpus-wide DuckDB views (sql/views.sql) on a warehouse the pipeline wrote from seeds/."""

import datetime
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pandas as pd
import pytest

from flows.views import connect, main

REPO = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="module")
def warehouse(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("views")
    shutil.copytree(REPO / "seeds", folder / "seeds")
    env = {**os.environ, "PREFECT_HOME": str(folder / ".prefect")}
    run = subprocess.run([sys.executable, "-m", "flows.run", "seeds"], cwd=folder, env=env, capture_output=True, text=True, timeout=600)
    assert run.returncode == 0, run.stderr[-3000:]
    return folder / "warehouse"


@pytest.fixture(scope="module")
def views(warehouse):
    return connect(warehouse)


def test_people_count_documents_and_mentions_as_the_entities_table_does(warehouse, views):
    entities = pd.read_parquet(warehouse / "entities")
    people = entities[entities["label"] == "PERSON"]
    expected = people.groupby("name").agg(n_documents=("doc_id", "nunique"), n_mentions=("n_mentions", "sum"))
    got = views.sql("SELECT name, n_documents, n_mentions FROM people").df().set_index("name").sort_index()
    assert len(got) == len(expected) > 0
    assert (got["n_documents"] == expected["n_documents"].sort_index()).all()
    assert (got["n_mentions"] == expected["n_mentions"].sort_index()).all()
    khare = views.sql("SELECT * FROM people WHERE name = 'Atul Khare'").df()
    assert khare["n_mentions"].item() >= 2  # "Atul Khare" and "Khare"
    first_month = views.sql("SELECT first_month FROM people WHERE name = 'Atul Khare'").fetchall()[0][0]
    assert first_month == datetime.date(2017, 7, 1)


def test_people_by_month_puts_the_seed_in_july_2017(views):
    rows = views.sql("SELECT year, month FROM people_by_month WHERE name = 'Atul Khare'").fetchall()
    assert rows == [(2017, 7)]


def test_speakers_count_the_quotes_with_a_resolved_speaker(warehouse, views):
    quotes = pd.read_parquet(warehouse / "quotes")
    named = quotes[quotes["speaker_name"].notna()]
    got = views.sql("SELECT name, n_quotes FROM speakers").df().set_index("name")["n_quotes"]
    assert got.sum() == len(named)
    assert got.to_dict() == named.groupby("speaker_name").size().to_dict()


def test_cooccurrence_pairs_each_pair_once_per_document(views):
    pairs = views.sql("SELECT name_a, label_a, name_b, label_b, n_documents FROM cooccurrence").df()
    assert len(pairs) > 0
    assert ((pairs["name_a"] + pairs["label_a"]) != (pairs["name_b"] + pairs["label_b"])).all()
    seed_pair = pairs[(pairs["name_a"] == "Antonio Guterres") & (pairs["name_b"] == "Atul Khare")]
    assert seed_pair["n_documents"].tolist() == [1]


def test_the_command_prints_a_view_and_refuses_a_folder_that_is_no_warehouse(warehouse, tmp_path, capsys):
    assert main(["--warehouse", str(warehouse), "--view", "people", "--limit", "5"]) == 0
    assert "n_documents" in capsys.readouterr().out
    assert main(["--warehouse", str(tmp_path)]) == 1
    assert "not a pipeline warehouse" in capsys.readouterr().err
