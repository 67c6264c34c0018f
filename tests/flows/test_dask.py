"""--dask-address: the language work on an existing Dask cluster through prefect-dask, recorded by a Prefect
server, giving the tables of a local run."""

from __future__ import annotations

import shutil
import subprocess
import sys

import pandas as pd
import pytest

from tests.flows.conftest import REPO, prefect_client, prefect_environment
from transforms.schemas import DOCUMENT_TABLES

distributed = pytest.importorskip("distributed", reason="the dask extra is not installed: pip install -e '.[dask]'")
pytest.importorskip("prefect_dask", reason="the dask extra is not installed: pip install -e '.[dask]'")

KEYS = {"documents": [], "sentences": ["sentence_id"], "entity_mentions": ["mention_id"], "entities": ["entity_id"], "quotes": ["quote_id"]}


def run_cli(cwd, env, *arguments: str) -> str:
    done = subprocess.run([sys.executable, "-m", "flows.run", "seeds", "--batch-size", "3", *arguments], cwd=cwd, env=env, capture_output=True, text=True, timeout=600)
    assert done.returncode == 0, done.stdout[-2000:] + done.stderr[-3000:]
    return done.stdout


def comparable(warehouse, table: str) -> pd.DataFrame:
    """The table without the columns that name the run, in a stable order."""
    frame = pd.read_parquet(warehouse / table).drop(columns=["run_id"], errors="ignore")
    frame = frame.map(lambda value: tuple(value) if hasattr(value, "tolist") and not isinstance(value, str) else value)
    return frame.sort_values(["doc_id", *KEYS[table]]).reset_index(drop=True)[sorted(frame.columns)]


def worker_batches() -> dict:
    """Per Dask worker: how often it loaded the model, how many pieces of batches it parsed."""
    from flows.language import worker_pipeline

    info = worker_pipeline.cache_info()
    return {"loads": info.misses, "batches": info.hits + info.misses}


@pytest.fixture(scope="module")
def runs(prefect_server, tmp_path_factory):
    """The seeds run once on a local Dask cluster of two worker processes (reporting to a Prefect server),
    and once locally without orchestration."""
    project = tmp_path_factory.mktemp("dask")
    shutil.copytree(REPO / "seeds", project / "seeds")
    env = prefect_environment(prefect_server.home, prefect_server.api_url)
    env["PYTHONPATH"] = str(REPO)
    with distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None) as cluster, distributed.Client(cluster) as client:
        output = run_cli(project, env, "--warehouse", "on-dask", "--dask-address", cluster.scheduler_address)
        per_worker = client.run(worker_batches)
    run_cli(project, prefect_environment(project / ".prefect", None), "--warehouse", "local")
    return project, output, per_worker


def test_dask_run_gives_the_tables_of_a_local_run(runs):
    project, output, _ = runs
    assert f"{len(pd.read_parquet(project / 'local' / 'documents'))} published" in output
    for table in DOCUMENT_TABLES:
        pd.testing.assert_frame_equal(comparable(project / "on-dask", table.name), comparable(project / "local", table.name), check_dtype=False)
    assert len(pd.read_parquet(project / "on-dask" / "quotes")) > 0


def test_each_dask_worker_loads_the_model_once_and_parses_batches(runs):
    project, _, per_worker = runs
    documents = len(pd.read_parquet(project / "local" / "documents"))
    assert len(per_worker) == 2
    batches = [min(3, documents - start) for start in range(0, documents, 3)]
    assert sum(worker["batches"] for worker in per_worker.values()) == sum(min(size, 2) for size in batches)  # each batch cut in two
    assert all(worker["loads"] <= 1 for worker in per_worker.values())
    assert all(worker["batches"] >= 1 for worker in per_worker.values())


def test_the_dask_run_is_recorded_by_the_prefect_server_with_its_task_runs(runs, prefect_server):
    from prefect.client.schemas.filters import TaskRunFilter, TaskRunFilterName

    with prefect_client(prefect_server) as client:
        language = client.read_task_runs(task_run_filter=TaskRunFilter(name=TaskRunFilterName(like_="language-work")))
    assert len([run for run in language if run.state and run.state.is_completed()]) >= 4
