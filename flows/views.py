"""python -m flows.views: the corpus-wide DuckDB views (sql/views.sql) over a warehouse.

Prints the top rows of a view (people by default). From Python, ``connect(warehouse)`` gives a
DuckDB connection with every view defined, to query further.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

import duckdb

VIEWS_SQL = Path(__file__).resolve().parent.parent / "sql" / "views.sql"
# how each view is best read: its most telling order
ORDER = {
    "people": "n_documents DESC, n_mentions DESC, name",
    "people_by_month": "year, month, n_documents DESC, name",
    "organisations": "n_documents DESC, n_mentions DESC, name",
    "places": "n_documents DESC, n_mentions DESC, name",
    "entity_counts": "n_documents DESC, n_mentions DESC, name",
    "speakers": "n_quotes DESC, name",
    "cooccurrence": "n_documents DESC, name_a, name_b",
}


def connect(warehouse: Path) -> duckdb.DuckDBPyConnection:
    """A DuckDB connection with the views defined over ``warehouse``."""
    if not (warehouse / "documents").is_dir():
        raise ValueError(f"{warehouse} is not a pipeline warehouse (no documents/ folder): run python -m flows.run first")
    connection = duckdb.connect()
    connection.execute("SET VARIABLE warehouse = ?", [str(warehouse.resolve())])
    connection.execute(VIEWS_SQL.read_text(encoding="utf-8"))
    return connection


def top_rows(connection: duckdb.DuckDBPyConnection, view: str, limit: int):
    if view not in ORDER:
        raise ValueError(f"unknown view {view!r}: one of {', '.join(ORDER)}")
    return connection.sql(f"SELECT * FROM {view} ORDER BY {ORDER[view]} LIMIT {int(limit)}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m flows.views", description=__doc__.split("\n")[0])
    parser.add_argument("--warehouse", type=Path, default=Path("warehouse"), help="warehouse folder (default: warehouse)")
    parser.add_argument("--view", default="people", choices=sorted(ORDER), help="view to print (default: people)")
    parser.add_argument("--limit", type=int, default=20, help="rows to print (default 20)")
    args = parser.parse_args(argv)
    try:
        connection = connect(args.warehouse)
        top_rows(connection, args.view, args.limit).show(max_width=160)
    except (ValueError, duckdb.Error) as error:
        print(f"error: {error}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
