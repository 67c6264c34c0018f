"""How far a run is: a Prefect progress artifact for the UI (in a flow run) and, on request, a bar on stderr."""

from __future__ import annotations

import logging
import sys
from contextlib import ExitStack
from uuid import UUID

from prefect.artifacts import create_progress_artifact, update_progress_artifact
from prefect.context import FlowRunContext
from tqdm import tqdm
from tqdm.contrib.logging import logging_redirect_tqdm

from flows.inputs import read_inputs


def count_input_records(inputs: list[str]) -> int:
    """Records the run will meet. Reading and splitting the files is cheap next to the language work,
    and an exact total makes the progress honest for one large JSONL file as for many small files."""
    return sum(1 for _ in read_inputs(inputs))


class RunProgress:
    """Records accounted for (published, duplicate, unchanged or quarantined) out of the run's total."""

    def __init__(self, run_id: str, bar: bool, logger: logging.Logger | logging.LoggerAdapter) -> None:
        self.run_id = run_id
        self.logger = logger
        self.show_bar = bar
        self.total = 0
        self.artifact: UUID | None = None
        self.bar: tqdm | None = None
        self._stack = ExitStack()

    def __enter__(self) -> RunProgress:
        return self

    def __exit__(self, *exc_info) -> None:
        if exc_info[0] is None and self.artifact is not None:
            update_progress_artifact(self.artifact, 100.0)
        self._stack.close()

    def start(self, inputs: list[str]) -> None:
        self.total = count_input_records(inputs)
        self.logger.info("stage count: %d input records", self.total)
        if FlowRunContext.get() is not None:
            self.artifact = create_progress_artifact(0.0, key="run-progress", description=f"Run {self.run_id}: share of its {self.total} input records processed")
        if self.show_bar:
            self.bar = self._stack.enter_context(tqdm(total=self.total, unit="record", file=sys.stderr, dynamic_ncols=True))
            # log lines print above the bar instead of through it
            self._stack.enter_context(logging_redirect_tqdm([logging.getLogger(), logging.getLogger("prefect")]))

    def advance(self, records_done: int) -> None:
        percent = 100.0 * records_done / self.total if self.total else 100.0
        self.logger.info("progress: %d of %d records (%.0f%%)", records_done, self.total, percent)
        if self.artifact is not None:
            update_progress_artifact(self.artifact, percent)
        if self.bar is not None:
            self.bar.update(records_done - self.bar.n)
