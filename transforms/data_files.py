"""The packaged rule files under transforms/data: one word, name or row per line."""

from __future__ import annotations

from importlib import resources


def data_lines(name: str) -> list[str]:
    """The stripped, non-blank lines of a data file, comment lines (starting with '#') left out."""
    text = resources.files("transforms").joinpath("data", name).read_text(encoding="utf-8")
    return [line.strip() for line in text.splitlines() if line.strip() and not line.lstrip().startswith("#")]
