"""Rows → Arrow tables with the warehouse schemas."""

from __future__ import annotations

import pyarrow as pa

from transforms.schemas import TABLES


def to_arrow(table_name: str, rows: list[dict]) -> pa.Table:
    """An Arrow table of the table's full schema (partition columns included); fails on a missing column."""
    schema = TABLES[table_name].schema
    missing = {f.name for f in schema if not f.nullable} - set(rows[0]) if rows else set()
    if missing:
        raise ValueError(f"{table_name} rows lack columns {sorted(missing)}")
    return pa.Table.from_pylist(rows, schema=schema)


def concat(tables: list[pa.Table]) -> pa.Table:
    return pa.concat_tables(tables) if len(tables) > 1 else tables[0]
