"""Validate a batch of tables against their suites before anything is published."""

from __future__ import annotations

import logging
from dataclasses import dataclass, field

import pandas as pd
import pyarrow as pa

from expectations.suites import SLICE_CHECKS, build_suite, validation_columns
from transforms.schemas import TABLES


@dataclass(frozen=True)
class Failure:
    table: str
    expectation: str
    column: str | None
    unexpected_count: int | None
    examples: tuple = ()

    def __str__(self) -> str:
        where = f"{self.table}.{self.column}" if self.column else self.table
        count = f" ({self.unexpected_count} rows, e.g. {list(self.examples)[:3]})" if self.unexpected_count else ""
        return f"{self.expectation} failed on {where}{count}"


@dataclass
class TableOutcome:
    table: str
    rows: int
    evaluated: int
    successful: int
    failures: list[Failure] = field(default_factory=list)
    # GX's own result, kept for the run's Data Docs (expectations/data_docs.py)
    result: object = field(default=None, repr=False, compare=False)

    @property
    def success(self) -> bool:
        return not self.failures


@dataclass
class BatchOutcome:
    tables: dict[str, TableOutcome]

    @property
    def success(self) -> bool:
        return all(t.success for t in self.tables.values())

    @property
    def failures(self) -> list[Failure]:
        return [f for t in self.tables.values() for f in t.failures]

    def summary(self) -> str:
        if self.success:
            return "all checks passed"
        return "; ".join(str(f) for f in self.failures)


def validation_frame(table_name: str, data: pa.Table, bodies: dict[str, str]) -> pd.DataFrame:
    """The table as pandas, plus the computed columns the suite checks (offsets slicing the body)."""
    frame = data.to_pandas(types_mapper=None)
    checks = SLICE_CHECKS.get(table_name, ())
    if "text_matches_body" in checks:
        frame["text_matches_body"] = [
            bodies.get(d, "")[s:e] == t for d, s, e, t in zip(frame["doc_id"], frame["start_char"], frame["end_char"], frame["text"])
        ]
    if "speaker_matches_body" in checks:
        frame["speaker_matches_body"] = [
            speaker is None or pd.isna(speaker) or bodies.get(d, "")[int(s) : int(e)] == speaker
            for d, s, e, speaker in zip(frame["doc_id"], frame["speaker_start_char"], frame["speaker_end_char"], frame["speaker"])
        ]
    return frame[validation_columns(table_name)]


class BatchValidator:
    """Holds one ephemeral GX context and the suites for a run; validates batch after batch."""

    def __init__(self) -> None:
        import great_expectations as gx

        logging.getLogger("great_expectations").setLevel(logging.WARNING)
        self._context = gx.get_context(mode="ephemeral")
        self._context.variables.progress_bars = {"globally": False}
        source = self._context.data_sources.add_pandas("batches")
        self._definitions = {}
        self._suites = {}
        for name in TABLES:
            asset = source.add_dataframe_asset(name)
            self._definitions[name] = asset.add_batch_definition_whole_dataframe(f"{name}_batch")
            self._suites[name] = self._context.suites.add(build_suite(name))

    def validate(self, tables: dict[str, pa.Table]) -> BatchOutcome:
        bodies = {}
        if "documents" in tables:
            documents = tables["documents"]
            bodies = dict(zip(documents.column("doc_id").to_pylist(), documents.column("body").to_pylist()))
        outcomes = {}
        for name, data in tables.items():
            frame = validation_frame(name, data, bodies)
            result = self._definitions[name].get_batch(batch_parameters={"dataframe": frame}).validate(self._suites[name])
            outcomes[name] = table_outcome(name, len(frame), result)
        return BatchOutcome(outcomes)


def table_outcome(name: str, rows: int, result) -> TableOutcome:
    failures = []
    for item in result.results:
        if item.success:
            continue
        config = item.expectation_config
        details = item.result or {}
        failures.append(
            Failure(
                table=name,
                expectation=config.type,
                column=config.kwargs.get("column") or config.kwargs.get("column_A"),
                unexpected_count=details.get("unexpected_count"),
                examples=tuple(str(v) for v in (details.get("partial_unexpected_list") or [])[:3]),
            )
        )
    statistics = result.statistics
    return TableOutcome(name, rows, statistics["evaluated_expectations"], statistics["successful_expectations"], failures, result)
