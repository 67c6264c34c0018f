"""What any reader may rely on in a warehouse the pipeline wrote, even right after a crash."""

from __future__ import annotations

from pathlib import Path

import duckdb
import pandas as pd

from transforms.schemas import ALL_TABLES

# documents' count column for each table that has one row per counted thing
COUNTED_TABLES = {"sentences": "n_sentences", "quotes": "n_quotes", "entities": "n_entities"}
DOCUMENT_ROW_TABLES = ("sentences", "entities", "entity_mentions", "quotes")


def read_every_table(root: Path) -> dict[str, pd.DataFrame]:
    """Every table by pandas, each checked against DuckDB's reading of it."""
    tables = {}
    for table in ALL_TABLES:
        frame = pd.read_parquet(root / table.name)
        count = duckdb.sql(f"select count(*) from read_parquet('{root / table.name}/**/*.parquet', hive_partitioning = true)").fetchall()[0][0]
        assert len(frame) == count, f"{table.name}: pandas reads {len(frame)} rows, DuckDB {count}"
        tables[table.name] = frame
    return tables


def assert_no_document_is_half_published(tables: dict[str, pd.DataFrame], *, orphans_allowed: bool = False) -> None:
    """Every row in documents comes with all its rows (the counts in documents match), once.

    ``orphans_allowed``: rows of a document not (yet, or no longer) in documents may exist, as
    between a crash and the next writer's replay of the publish it interrupted.
    """
    documents = tables["documents"]
    assert not documents["doc_id"].duplicated().any(), "a document is published twice"
    published = set(documents["doc_id"])
    for name, column in COUNTED_TABLES.items():
        rows = tables[name].groupby("doc_id").size()
        expected = documents.set_index("doc_id")[column]
        found = rows.reindex(expected.index, fill_value=0)
        half = expected[found != expected]
        assert half.empty, f"{name}: documents {list(half.index[:5])} have {list(found[half.index[:5]])} rows, documents says {list(half[:5])}"
    mentions = tables["entity_mentions"].groupby("doc_id").size().reindex(documents["doc_id"], fill_value=0)
    assert (mentions.to_numpy() >= documents["n_entities"].to_numpy()).all(), "a document's entities lack their mentions"
    for name in DOCUMENT_ROW_TABLES:
        stray = set(tables[name]["doc_id"]) - published
        assert orphans_allowed or not stray, f"{name} has rows of documents not in documents: {sorted(stray)[:5]}"
    sources = tables["_sources"]
    said_published = set(sources.loc[sources["status"] == "published", "doc_id"])
    # a later run may replace a document (pipeline_version, --full-refresh) but never remove it
    assert orphans_allowed or said_published <= published, f"_sources says published, documents lacks: {sorted(said_published - published)[:5]}"
