"""A real local Prefect server, the deployment served to it, and one run started as the UI's Run button does.

Session-scoped: the server, the served deployment and the run are shared by the tests that look at
the run through the API (test_serve.py) and through a browser (test_report_browser.py).
"""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import time
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import httpx
import pytest

REPO = Path(__file__).resolve().parents[2]
SERVER_START_SECONDS = 120
RUN_SECONDS = 300


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def prefect_environment(home: Path, api_url: str | None) -> dict[str, str]:
    env = {key: value for key, value in os.environ.items() if not key.startswith("PREFECT_")}
    env.update(PREFECT_HOME=str(home), PREFECT_SERVER_ANALYTICS_ENABLED="false", DO_NOT_TRACK="1", PREFECT_RUNNER_POLL_FREQUENCY="1")
    if api_url:
        env["PREFECT_API_URL"] = api_url
    return env


def wait_until(check, seconds: float, what: str, process: subprocess.Popen, log: Path):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise AssertionError(f"{what}: the process ended with {process.returncode}:\n{log.read_text()[-3000:]}")
        try:
            value = check()
        except httpx.HTTPError:
            value = None
        if value:
            return value
        time.sleep(0.5)
    raise AssertionError(f"{what}: not within {seconds} s:\n{log.read_text()[-3000:]}")


@contextmanager
def background(command: list[str], cwd: Path, env: dict[str, str], log: Path):
    with log.open("w") as output:
        process = subprocess.Popen(command, cwd=cwd, env=env, stdout=output, stderr=subprocess.STDOUT)
        try:
            yield process
        finally:
            process.terminate()
            try:
                process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()


@dataclass
class PrefectServer:
    url: str  # the UI's address
    home: Path

    @property
    def api_url(self) -> str:
        return f"{self.url}/api"


@pytest.fixture(scope="session")
def prefect_server(tmp_path_factory):
    """`prefect server start` on 127.0.0.1 and a free port, with its own PREFECT_HOME (and so its own database)."""
    home = tmp_path_factory.mktemp("prefect-home")
    port = free_port()
    command = [sys.executable, "-m", "prefect", "server", "start", "--host", "127.0.0.1", "--port", str(port)]
    server = PrefectServer(f"http://127.0.0.1:{port}", home)
    env = prefect_environment(home, None)
    # the UI's pages call the API at this address, which otherwise assumes the default port
    env["PREFECT_SERVER_UI_API_URL"] = server.api_url
    with background(command, home, env, home / "server.log") as process:
        wait_until(lambda: httpx.get(f"{server.api_url}/health", timeout=2).status_code == 200, SERVER_START_SECONDS, "prefect server start", process, home / "server.log")
        yield server


@dataclass
class ServedRun:
    server: PrefectServer
    project: Path  # the folder `python -m flows.serve` was started in
    deployment_id: str
    flow_run: object


@pytest.fixture(scope="session")
def served_run(prefect_server, tmp_path_factory):
    """`python -m flows.serve` in a folder holding a copy of seeds/, and one run of its deployment
    started with run_deployment, the call behind the UI's Run button, with the deployment's defaults."""
    from prefect.deployments import run_deployment
    from prefect.settings import PREFECT_API_URL, temporary_settings

    project = tmp_path_factory.mktemp("served")
    shutil.copytree(REPO / "seeds", project / "seeds")
    env = prefect_environment(prefect_server.home, prefect_server.api_url)
    env["PYTHONPATH"] = str(REPO)
    with background([sys.executable, "-m", "flows.serve"], project, env, project / "serve.log") as process:

        def deployment_id():
            response = httpx.get(f"{prefect_server.api_url}/deployments/name/news-pipeline/local", timeout=2)
            return response.status_code == 200 and response.json()["id"]

        found = wait_until(deployment_id, SERVER_START_SECONDS, "python -m flows.serve", process, project / "serve.log")
        with temporary_settings(updates={PREFECT_API_URL: prefect_server.api_url}):
            flow_run = run_deployment("news-pipeline/local", timeout=RUN_SECONDS)
        yield ServedRun(prefect_server, project, found, flow_run)


@contextmanager
def prefect_client(server: PrefectServer):
    from prefect.client.orchestration import get_client
    from prefect.settings import PREFECT_API_URL, temporary_settings

    with temporary_settings(updates={PREFECT_API_URL: server.api_url}), get_client(sync_client=True) as client:
        yield client
