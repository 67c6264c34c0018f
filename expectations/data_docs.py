"""Great Expectations' own HTML (Data Docs) for a run: one validation page per table, styled offline.

The pipeline validates every batch; a run's page for a table is GX's rendering of those batches'
results merged into one (counts summed, examples pooled), built once at the end of the run.
GX's templates link Bootstrap, Font Awesome and jQuery from CDNs: the pages are rewritten to use
the copies vendored under expectations/static/vendor/ (see static/assets.json), which are copied
next to the reports, so a page opened from disk with no network renders as GX intended.
"""

from __future__ import annotations

import datetime as dt
import json
import re
import shutil
from collections.abc import Iterable
from functools import cache
from itertools import chain
from pathlib import Path

STATIC = Path(__file__).with_name("static")
# GX shows at most this many example values per expectation (its SUMMARY result format)
EXAMPLES = 20
COUNT_KEYS = ("element_count", "missing_count", "unexpected_count")


class RemoteAssetError(ValueError):
    """A page needs a file from the network that is neither vendored nor known to be unneeded."""


@cache
def asset_manifest() -> dict:
    return json.loads((STATIC / "assets.json").read_text(encoding="utf-8"))


def merge_expectation_results(items: list):
    """One expectation's results over several batches, as if it had been checked once on all of them."""
    from great_expectations.core import ExpectationValidationResult

    failed = [item for item in items if not item.success]
    base = failed[0] if failed else items[-1]
    result = dict(base.result or {})
    for key in COUNT_KEYS:
        if key in result:
            result[key] = sum((item.result or {}).get(key) or 0 for item in items)
    if "element_count" in result and "unexpected_count" in result:
        result.update(map_percentages(result["element_count"], result.get("missing_count"), result["unexpected_count"]))
    if "partial_unexpected_list" in result:
        pooled = chain.from_iterable((item.result or {}).get("partial_unexpected_list") or [] for item in items)
        result["partial_unexpected_list"] = list(pooled)[:EXAMPLES]
    if "partial_unexpected_counts" in result:
        result["partial_unexpected_counts"] = pooled_value_counts(item.result.get("partial_unexpected_counts") or [] for item in items)
    # row positions inside one batch's frame mean nothing once batches are pooled
    result.pop("partial_unexpected_index_list", None)
    return ExpectationValidationResult(
        success=not failed, expectation_config=base.expectation_config, result=result, meta=base.meta, exception_info=base.exception_info
    )


def map_percentages(element_count: int, missing_count: int | None, unexpected_count: int) -> dict:
    """The percentages GX derives from a column map's counts (its _format_map_output)."""
    if element_count == 0:
        return {"unexpected_percent": None, "unexpected_percent_total": None, "unexpected_percent_nonmissing": None, "missing_percent": None}
    total = unexpected_count / element_count * 100
    if missing_count is None:
        return {"unexpected_percent": total, "unexpected_percent_total": total}
    nonmissing = element_count - missing_count
    of_nonmissing = unexpected_count / nonmissing * 100 if nonmissing else None
    return {
        "unexpected_percent": of_nonmissing,
        "unexpected_percent_total": total,
        "unexpected_percent_nonmissing": of_nonmissing,
        "missing_percent": missing_count / element_count * 100,
    }


def pooled_value_counts(batches: Iterable[list[dict]]) -> list[dict]:
    counts: dict[str, dict] = {}
    for batch in batches:
        for entry in batch:
            key = json.dumps(entry["value"], sort_keys=True, default=str)
            counts.setdefault(key, {"value": entry["value"], "count": 0})["count"] += entry["count"]
    return sorted(counts.values(), key=lambda entry: -entry["count"])[:EXAMPLES]


def merge_suite_results(table: str, results: list, rows: int, run_id: str, run_time: dt.datetime):
    """A table's results over the run's batches as one GX suite result, labelled with the run."""
    from great_expectations.core import ExpectationSuiteValidationResult
    from great_expectations.core.run_identifier import RunIdentifier

    by_expectation: dict[str, list] = {}
    for result in results:
        for item in result.results:
            by_expectation.setdefault(item.expectation_config.id, []).append(item)
    merged = [merge_expectation_results(items) for items in by_expectation.values()]
    successful = sum(item.success for item in merged)
    statistics = {
        "evaluated_expectations": len(merged),
        "successful_expectations": successful,
        "unsuccessful_expectations": len(merged) - successful,
        "success_percent": successful / len(merged) * 100 if merged else None,
    }
    meta = {
        **results[0].meta,
        # GX's page title feeds the run name to dateutil, and ids like "20261128T115346-2752ad" parse into an
        # impossible UTC offset that crashes the rendering; the prefix keeps the name from reading as a date.
        "run_id": RunIdentifier(run_name=f"run {run_id}", run_time=run_time),
        "batch_spec": {"data_asset_name": table, "batches_validated": len(results), "rows_validated": rows},
    }
    return ExpectationSuiteValidationResult(
        success=successful == len(merged), results=merged, suite_name=results[0].suite_name, statistics=statistics, meta=meta
    )


def render_validation_page(result) -> str:
    from great_expectations.render.renderer import ValidationResultsPageRenderer
    from great_expectations.render.view import DefaultJinjaPageView

    return DefaultJinjaPageView().render(ValidationResultsPageRenderer().render(result))


SCRIPT_TAG = re.compile(r'<script\b[^>]*\bsrc="(?P<url>[^"]+)"[^>]*>\s*</script>')
LINK_TAG = re.compile(r'<link\b[^>]*\bhref="(?P<url>[^"]+)"[^>]*>')
HOME_LINK = re.compile(r'href="(?:\.\./)+index\.html"')
REMOTE_RESOURCE = re.compile(r'<(?:script|link|img)\b[^>]*\b(?:src|href)="https?://|url\([\'"]?https?://')


def localize_page(page: str, static: str, home: str = "index.html") -> str:
    """GX's page with every CDN file replaced by its vendored copy under `static` (a relative URL)."""
    manifest = asset_manifest()
    links, dropped = manifest["links"], manifest["dropped"]

    def local_tag(match: re.Match, tag: str) -> str:
        url = match["url"]
        if url in links:
            return tag.format(f"{static}vendor/{links[url]}")
        if url in dropped:
            return ""
        if url.endswith("favicon.ico") and not url.startswith("http"):
            return tag.format(f"{static}gx/images/favicon.ico").replace("stylesheet", "icon")
        return match[0]

    if "vegaEmbed" in page:
        raise RemoteAssetError("the page draws a chart, and the chart libraries are not vendored (expectations/static/assets.json)")
    page = SCRIPT_TAG.sub(lambda m: local_tag(m, '<script src="{}"></script>'), page)
    page = LINK_TAG.sub(lambda m: local_tag(m, '<link rel="stylesheet" href="{}">'), page)
    images = manifest["gx_images"]
    image_url = re.compile(re.escape(images["host"]) + r'(?P<name>[\w.-]+)(?:\?[^"\')\s]*)?')
    page = image_url.sub(lambda m: f"{static}gx/images/{images['names'][m['name']]}", page)
    page = HOME_LINK.sub(f'href="{home}"', page)
    remote = REMOTE_RESOURCE.search(page)
    if remote:
        start = remote.start()
        raise RemoteAssetError(f"the page still loads a file from the network: {page[start:start + 200]!r}")
    return page


def copy_static(docs: Path) -> Path:
    """The vendored files and GX's images under docs/static/, refreshed when the installed copy changed."""
    import great_expectations

    target = docs / "static"
    stamp = target / ".source"
    source = json.dumps({"manifest": asset_manifest(), "great_expectations": great_expectations.__version__}, sort_keys=True)
    if stamp.is_file() and stamp.read_text(encoding="utf-8") == source:
        return target
    staging = docs / ".static.tmp"
    shutil.rmtree(staging, ignore_errors=True)
    shutil.copytree(STATIC / "vendor", staging / "vendor")
    (staging / "gx" / "images").mkdir(parents=True)
    gx_images = Path(great_expectations.__file__).parent / "render" / "view" / "static" / "images"
    for name in set(asset_manifest()["gx_images"]["names"].values()):
        shutil.copy2(gx_images / name, staging / "gx" / "images" / name)
    (staging / ".source").write_text(source, encoding="utf-8")
    shutil.rmtree(target, ignore_errors=True)
    staging.rename(target)
    return target


def write_table_pages(run_folder: Path, static: str, pages: dict[str, object]) -> dict[str, Path]:
    """One localized GX validation page per table, named <table>.html, in the run's folder."""
    run_folder.mkdir(parents=True, exist_ok=True)
    written = {}
    for table, result in pages.items():
        target = run_folder / f"{table}.html"
        target.write_text(localize_page(render_validation_page(result), static), encoding="utf-8")
        written[table] = target
    return written
