"""python -m flows.serve on a real Prefect server: the deployment, a run from it, and what the run shows."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path
from urllib.parse import urlparse
from urllib.request import url2pathname

import pandas as pd

from flows.serve import default_parameters
from tests.flows.conftest import REPO, prefect_client, prefect_environment
from transforms.schemas import ALL_TABLES

RUN_ARTIFACTS = {"run-counts", "run-top-speakers", "run-top-entities", "run-data-quality", "run-data-quality-report", "run-progress"}


def run_artifacts(served_run) -> dict[str, object]:
    from prefect.client.schemas.filters import FlowRunFilter, FlowRunFilterId

    with prefect_client(served_run.server) as client:
        artifacts = client.read_artifacts(flow_run_filter=FlowRunFilter(id=FlowRunFilterId(any_=[served_run.flow_run.id])))
    return {artifact.key: artifact for artifact in artifacts}


def table_rows(artifact) -> list[dict]:
    return json.loads(artifact.data) if isinstance(artifact.data, str) else artifact.data


def test_the_deployment_defaults_are_absolute_paths_under_the_serving_folder(tmp_path):
    parameters = default_parameters(["seeds", "/data/more.jsonl"], "warehouse", tmp_path)
    assert parameters == {"inputs": [str(tmp_path / "seeds"), "/data/more.jsonl"], "warehouse": str(tmp_path / "warehouse"), "full_refresh": False}


def test_serve_without_a_server_says_how_to_start_one(tmp_path):
    env = prefect_environment(tmp_path, None)
    env["PYTHONPATH"] = str(REPO)
    done = subprocess.run([sys.executable, "-m", "flows.serve"], cwd=tmp_path, env=env, capture_output=True, text=True, timeout=120)
    assert done.returncode == 2
    assert "prefect server start" in done.stderr and "PREFECT_API_URL" in done.stderr


def test_a_run_from_the_deployment_completes_and_writes_the_serving_folders_warehouse(served_run):
    flow_run = served_run.flow_run
    assert flow_run.state.is_completed(), flow_run.state
    assert flow_run.parameters["inputs"] == [str(served_run.project / "seeds")]
    warehouse = served_run.project / "warehouse"
    sources = pd.read_parquet(warehouse / "_sources")
    assert {source_id.split("#")[0] for source_id in sources["source_id"]} == {p.name for p in (served_run.project / "seeds").iterdir()}
    assert len(pd.read_parquet(warehouse / "documents")) == (sources["status"] == "published").sum() > 0
    assert (warehouse / "_docs" / "index.html").is_file()
    with prefect_client(served_run.server) as client:
        deployment = client.read_deployment(served_run.deployment_id)
    assert deployment.parameters["warehouse"] == str(warehouse)
    assert set(deployment.parameter_openapi_schema["properties"]) >= {"inputs", "warehouse", "full_refresh"}


def test_the_run_shows_its_counts_speakers_entities_quality_and_progress(served_run):
    artifacts = run_artifacts(served_run)
    assert set(artifacts) >= RUN_ARTIFACTS
    warehouse = served_run.project / "warehouse"
    sources = pd.read_parquet(warehouse / "_sources")

    counts = {row["what"]: row["count"] for row in table_rows(artifacts["run-counts"])}
    assert counts["records published"] == (sources["status"] == "published").sum() > 0
    assert counts["rows quotes"] == len(pd.read_parquet(warehouse / "quotes"))

    quotes = pd.read_parquet(warehouse / "quotes")
    most_quoted = quotes["speaker_name"].value_counts()
    speakers = table_rows(artifacts["run-top-speakers"])
    assert speakers[0]["quotes"] == most_quoted.iloc[0]
    assert {s["speaker"] for s in speakers} <= set(most_quoted.index)
    entities = table_rows(artifacts["run-top-entities"])
    assert {e["entity"] for e in entities} <= set(pd.read_parquet(warehouse / "entities")["name"])

    quality = {row["table"]: row["outcome"] for row in table_rows(artifacts["run-data-quality"])}
    assert quality == {table.name: "passed" for table in ALL_TABLES}
    link = re.search(r"\((file://[^)]+)\)", artifacts["run-data-quality-report"].data)
    report = Path(url2pathname(urlparse(link[1]).path))
    assert report.is_file() and report.is_relative_to(warehouse / "_docs")
    assert float(artifacts["run-progress"].data) == 100.0
