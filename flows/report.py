"""The run's data-quality report under warehouse/_docs/: GX's validation page per table, and an index.

    _docs/index.html                   the latest run: every table and its outcome, links to earlier runs
    _docs/runs/<run_id>/index.html     the same for each run, kept
    _docs/runs/<run_id>/<table>.html   Great Expectations' own page for the table (expectations/data_docs.py)
    _docs/static/                      vendored CSS/JS/fonts: every page renders styled with no network
"""

from __future__ import annotations

import datetime as dt
import html
import os
from pathlib import Path

from expectations.data_docs import copy_static, merge_suite_results, write_table_pages


def table_summaries(outcomes) -> dict[str, dict]:
    """Per table over all batches: rows checked, expectations evaluated and met, failures, GX results."""
    summary: dict[str, dict] = {}
    for outcome in outcomes:
        for name, table in outcome.tables.items():
            entry = summary.setdefault(name, {"rows": 0, "evaluated": 0, "successful": 0, "failures": [], "results": []})
            entry["rows"] += table.rows
            entry["evaluated"] += table.evaluated
            entry["successful"] += table.successful
            entry["failures"] += [str(f) for f in table.failures]
            entry["results"].append(table.result)
    return summary


def render_index(run_id: str, summaries: dict[str, dict], counts, *, pages: str, static: str, earlier_runs: list[str]) -> str:
    """The index a person opens first. `pages` and `static` are URL prefixes relative to where it is written."""
    rows = []
    for name, entry in summaries.items():
        passed = not entry["failures"]
        badge = ("success", "check-circle", "passed") if passed else ("danger", "times-circle", "failed")
        details = "<br>".join(html.escape(f) for f in entry["failures"][:10]) or "all expectations met"
        rows.append(
            f"<tr class='table-outcome' data-table='{html.escape(name)}' data-outcome='{badge[2]}'>"
            f"<td><a href='{pages}{html.escape(name)}.html'>{html.escape(name)}</a></td>"
            f"<td><span class='badge badge-{badge[0]}'><i class='fas fa-{badge[1]}'></i> {badge[2]}</span></td>"
            f"<td>{entry['rows']}</td><td>{entry['successful']} of {entry['evaluated']}</td><td>{details}</td></tr>"
        )
    records = "".join(
        f"<tr><td>{key.replace('_', ' ')}</td><td>{getattr(counts, key)}</td></tr>"
        for key in ("records_seen", "published", "duplicate", "unchanged", "quarantined")
    )
    earlier = "".join(f"<li><a href='runs/{html.escape(r)}/index.html'>{html.escape(r)}</a></li>" for r in earlier_runs)
    return (
        "<!doctype html><html lang='en'><head><meta charset='utf-8'>"
        f"<title>Data quality: run {html.escape(run_id)}</title>"
        f"<link rel='stylesheet' href='{static}vendor/bootstrap/dist/css/bootstrap.min.css'>"
        f"<link rel='stylesheet' href='{static}vendor/@fortawesome/fontawesome-free/css/all.min.css'>"
        f"<link rel='icon' href='{static}gx/images/favicon.ico'></head>"
        "<body><main class='container py-4'>"
        f"<h1 class='h3'>Data quality of run <code>{html.escape(run_id)}</code></h1>"
        "<p class='text-muted'>Every batch of every table was checked against its Great Expectations suite before it was published. "
        "Each table links to Great Expectations' page for it, over all the run's batches.</p>"
        "<table class='table table-sm table-hover' id='outcomes'><thead class='thead-light'><tr><th>table</th><th>outcome</th>"
        "<th>rows checked</th><th>expectations met (over batches)</th><th>failures</th></tr></thead><tbody>"
        + "".join(rows)
        + "</tbody></table><h2 class='h5 mt-4'>Records</h2><table class='table table-sm w-auto'><tbody>"
        + records
        + "</tbody></table>"
        + (f"<h2 class='h5 mt-4'>Earlier runs</h2><ul>{earlier}</ul>" if earlier else "")
        + "</main></body></html>"
    )


def write_atomically(target: Path, text: str) -> None:
    temporary = target.with_name(f".{target.name}.tmp")
    temporary.write_text(text, encoding="utf-8")
    os.replace(temporary, target)


def write_report(root: Path, run_id: str, started: dt.datetime, outcomes, counts) -> tuple[Path, dict[str, dict]]:
    """Write the run's report; returns the run's index page and the per-table summaries."""
    docs = root / "_docs"
    docs.mkdir(parents=True, exist_ok=True)
    copy_static(docs)
    summaries = table_summaries(outcomes)
    run_folder = docs / "runs" / run_id
    merged = {name: merge_suite_results(name, entry["results"], entry["rows"], run_id, started) for name, entry in summaries.items()}
    write_table_pages(run_folder, "../../static/", merged)
    write_atomically(run_folder / "index.html", render_index(run_id, summaries, counts, pages="", static="../../static/", earlier_runs=[]))
    earlier = sorted((p.name for p in (docs / "runs").iterdir() if p.is_dir() and p.name != run_id), reverse=True)
    latest = render_index(run_id, summaries, counts, pages=f"runs/{run_id}/", static="static/", earlier_runs=earlier)
    write_atomically(docs / "index.html", latest)
    return run_folder / "index.html", summaries
