"""python -m flows.serve: serve deployment news-pipeline/local to a Prefect server, for the UI's Run button.

Start a server first (`prefect server start`) and point this process at it with PREFECT_API_URL.
The deployment's default inputs and warehouse are made absolute here, against the folder serve was
started in, so a run started from the UI reads that folder's seeds/ and writes its warehouse/
whatever folder the run itself executes in.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

DEPLOYMENT_NAME = "local"


def parse_arguments(argv: list[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="python -m flows.serve", description="Serve the news pipeline as deployment news-pipeline/local for the Prefect UI.")
    parser.add_argument("--inputs", nargs="+", default=["seeds"], metavar="INPUT", help="default inputs of a run (default: seeds/)")
    parser.add_argument("--warehouse", default="warehouse", metavar="DIR", help="default warehouse of a run (default: warehouse/)")
    return parser.parse_args(argv)


def default_parameters(inputs: list[str], warehouse: str, base: Path) -> dict:
    """The parameters the UI offers, as absolute paths: relative ones are taken from `base`."""
    return {
        "inputs": [str((base / given).resolve()) for given in inputs],
        "warehouse": str((base / warehouse).resolve()),
        "full_refresh": False,
    }


def main(argv: list[str] | None = None) -> int:
    arguments = parse_arguments(argv)
    from flows.pipeline import news_pipeline, prefect_api_configured

    if not prefect_api_configured():
        print(
            "error: no Prefect server to serve to: start one with `prefect server start`, then set "
            "PREFECT_API_URL=http://127.0.0.1:4200/api (or `prefect config set PREFECT_API_URL=...`)",
            file=sys.stderr,
        )
        return 2
    news_pipeline.serve(
        name=DEPLOYMENT_NAME,
        parameters=default_parameters(arguments.inputs, arguments.warehouse, Path.cwd()),
        description="Raw news files in, validated Parquet tables out; each run shows its counts, top speakers and entities, and data quality.",
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
