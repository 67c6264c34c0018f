"""The run's data-quality report under warehouse/_docs/, self-contained so it renders offline."""

from __future__ import annotations

import html
import os
from pathlib import Path

STYLE = """
body { font-family: system-ui, sans-serif; margin: 2rem; color: #222; }
table { border-collapse: collapse; margin: 1rem 0; }
th, td { border: 1px solid #ccc; padding: .3rem .6rem; text-align: left; }
.passed { color: #11702b; font-weight: bold; } .failed { color: #b00020; font-weight: bold; }
"""


def table_summaries(outcomes) -> dict[str, dict]:
    """Per table over all batches: rows checked, expectations evaluated, failures."""
    summary: dict[str, dict] = {}
    for outcome in outcomes:
        for name, table in outcome.tables.items():
            entry = summary.setdefault(name, {"rows": 0, "evaluated": 0, "failures": []})
            entry["rows"] += table.rows
            entry["evaluated"] += table.evaluated
            entry["failures"] += [str(f) for f in table.failures]
    return summary


def render_report(run_id: str, outcomes, counts) -> str:
    rows = []
    for name, entry in table_summaries(outcomes).items():
        status = "failed" if entry["failures"] else "passed"
        details = "<br>".join(html.escape(f) for f in entry["failures"]) or "all expectations met"
        rows.append(f"<tr><td>{html.escape(name)}</td><td class='{status}'>{status}</td><td>{entry['rows']}</td><td>{entry['evaluated']}</td><td>{details}</td></tr>")
    counts_rows = "".join(
        f"<tr><td>{k}</td><td>{getattr(counts, k)}</td></tr>" for k in ("records_seen", "published", "duplicate", "unchanged", "quarantined")
    )
    return (
        f"<!doctype html><html><head><meta charset='utf-8'><title>Data quality: run {html.escape(run_id)}</title><style>{STYLE}</style></head>"
        f"<body><h1>Data quality of run {html.escape(run_id)}</h1><table><tr><th>records</th><th>count</th></tr>{counts_rows}</table>"
        "<table><tr><th>table</th><th>outcome</th><th>rows checked</th><th>expectations evaluated</th><th>details</th></tr>"
        + "".join(rows)
        + "</table></body></html>"
    )


def write_report(root: Path, run_id: str, outcomes, counts) -> Path:
    directory = root / "_docs"
    directory.mkdir(parents=True, exist_ok=True)
    target = directory / "index.html"
    temporary = directory / ".index.html.tmp"
    temporary.write_text(render_report(run_id, outcomes, counts), encoding="utf-8")
    os.replace(temporary, target)
    return target
