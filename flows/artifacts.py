"""What a run shows in the Prefect UI: its counts, its top speakers and entities, its data quality."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pyarrow as pa
from prefect import get_run_logger
from prefect.artifacts import create_link_artifact, create_table_artifact

TOP = 15


class RunHighlights:
    """Speakers and entities over the batches a run published."""

    def __init__(self) -> None:
        self.speakers: Counter[str] = Counter()
        self.entity_documents: Counter[tuple[str, str]] = Counter()
        self.entity_mentions: Counter[tuple[str, str]] = Counter()

    def add(self, tables: dict[str, pa.Table]) -> None:
        self.speakers.update(name for name in tables["quotes"].column("speaker_name").to_pylist() if name)
        entities = tables["entities"].select(["name", "label", "n_mentions"]).to_pylist()
        for row in entities:
            self.entity_documents[(row["name"], row["label"])] += 1
            self.entity_mentions[(row["name"], row["label"])] += row["n_mentions"]

    def top_speakers(self) -> list[dict]:
        return [{"speaker": name, "quotes": n} for name, n in self.speakers.most_common(TOP)]

    def top_entities(self) -> list[dict]:
        return [
            {"entity": name, "label": label, "documents": n, "mentions": self.entity_mentions[(name, label)]}
            for (name, label), n in self.entity_documents.most_common(TOP)
        ]


def counts_table(result: dict) -> list[dict]:
    records = [{"what": f"records {key}", "count": result[key]} for key in ("records_seen", "published", "duplicate", "unchanged", "quarantined")]
    return records + [{"what": f"rows {table}", "count": n} for table, n in result["rows"].items()]


def quality_table(summaries: dict[str, dict]) -> list[dict]:
    return [
        {
            "table": table,
            "outcome": "failed" if entry["failures"] else "passed",
            "rows checked": entry["rows"],
            "expectations met": f"{entry['successful']} of {entry['evaluated']}",
            "failures": "; ".join(entry["failures"][:3]) or "none",
        }
        for table, entry in summaries.items()
    ]


def publish_run_artifacts(result: dict) -> None:
    """The run's artifacts, from the flow's result; keys stay the same from run to run, so the UI keeps each one's history."""
    run_id = result["run_id"]
    report_url = Path(result["report"]).as_uri()
    logger = get_run_logger()
    logger.info("stage artifacts: counts, top speakers and entities, data quality of run %s", run_id)
    create_table_artifact(key="run-counts", table=counts_table(result), description=f"Run {run_id}: records and rows. {result['summary']}")
    create_table_artifact(key="run-top-speakers", table=result["highlights"]["top_speakers"] or [{"speaker": "(no attributed quotes)", "quotes": 0}],
                          description=f"Run {run_id}: the {TOP} speakers quoted most often in what it published")
    create_table_artifact(key="run-top-entities", table=result["highlights"]["top_entities"] or [{"entity": "(no entities)", "label": "", "documents": 0, "mentions": 0}],
                          description=f"Run {run_id}: the {TOP} entities named in most documents it published")
    create_table_artifact(key="run-data-quality", table=result["highlights"]["quality"],
                          description=f"Run {run_id}: Great Expectations outcome per table. Report: {report_url}")
    create_link_artifact(key="run-data-quality-report", link=report_url, link_text=f"Data-quality report of run {run_id}",
                         description=f"Great Expectations' Data Docs of run {run_id}, on the machine that ran it")
