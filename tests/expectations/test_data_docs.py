"""GX's validation pages for a run: results merged over batches, every CDN file swapped for a vendored copy."""

from __future__ import annotations

import datetime as dt

import pytest

from expectations.data_docs import (
    REMOTE_RESOURCE,
    STATIC,
    RemoteAssetError,
    asset_manifest,
    localize_page,
    merge_suite_results,
    render_validation_page,
)
from expectations.runner import BatchValidator
from transforms.tables import to_arrow


def sources(n: int, quarantined_without_reason: int) -> dict:
    rows = [{"source_id": f"a{i}", "status": "published", "doc_id": f"{i:016x}", "stage": None, "reason": None, "source_sha256": "x", "run_id": "r"} for i in range(n)]
    rows += [{"source_id": f"q{i}", "status": "quarantined", "doc_id": None, "stage": "clean", "reason": None, "source_sha256": "x", "run_id": "r"}
             for i in range(quarantined_without_reason)]
    return {"_sources": to_arrow("_sources", rows)}


@pytest.fixture(scope="module")
def two_batches():
    validator = BatchValidator()
    return [validator.validate(sources(3, 0)).tables["_sources"], validator.validate(sources(2, 2)).tables["_sources"]]


def test_every_link_has_its_vendored_file_and_every_package_its_licence():
    manifest = asset_manifest()
    for path in manifest["links"].values():
        assert (STATIC / "vendor" / path).is_file(), path
    for package in manifest["packages"]:
        assert any((STATIC / "vendor" / package["name"] / f).is_file() for f in package["files"] if f.startswith(("LICENSE", "package.json")))


def test_batches_merge_into_one_result_that_fails_where_any_batch_failed(two_batches):
    merged = merge_suite_results("_sources", [t.result for t in two_batches], sum(t.rows for t in two_batches), "run-1", dt.datetime.now(dt.timezone.utc))
    assert not merged.success
    assert merged.statistics["unsuccessful_expectations"] == 1
    failed = [r for r in merged.results if not r.success]
    assert failed[0].expectation_config.kwargs["column"] == "reason"
    assert failed[0].result["unexpected_count"] == 2
    not_null_source_ids = next(r for r in merged.results if r.expectation_config.kwargs.get("column") == "source_id" and r.expectation_config.type == "expect_column_values_to_not_be_null")
    assert not_null_source_ids.result["element_count"] == 7


def test_the_page_loads_nothing_from_the_network(two_batches):
    result = merge_suite_results("_sources", [t.result for t in two_batches], 7, "run-1", dt.datetime.now(dt.timezone.utc))
    original = render_validation_page(result)
    assert REMOTE_RESOURCE.search(original), "GX's page links CDNs; if it no longer does, this rewrite can go"
    page = localize_page(original, "../../static/")
    assert REMOTE_RESOURCE.search(page) is None
    assert '<link rel="stylesheet" href="../../static/vendor/bootstrap/dist/css/bootstrap.min.css">' in page
    assert "run-1" in page and "Failed" in page


def test_an_unknown_cdn_file_is_an_error_not_a_silently_broken_page():
    with pytest.raises(RemoteAssetError):
        localize_page('<html><head><script src="https://cdn.example.org/new-lib.js"></script></head></html>', "static/")


def test_a_run_id_that_reads_like_a_date_with_a_bad_offset_still_renders(two_batches):
    run_id = "20261128T115346-2752ad"  # dateutil reads "-2752" as a UTC offset of -27:52
    result = merge_suite_results("_sources", [t.result for t in two_batches], 7, run_id, dt.datetime.now(dt.timezone.utc))
    assert run_id in render_validation_page(result)
