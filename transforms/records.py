"""The plain values that flow between the steps: raw record → clean document → rows.

Nothing here knows about Prefect, files or Parquet.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from dataclasses import dataclass, field


@dataclass(frozen=True)
class RawRecord:
    """One article as read from its source, decoded to text but otherwise untouched."""

    source_id: str
    source_sha256: str
    text: str
    layout: str  # "wire" (the seed's), "headline_first" (BBC), "plain" (other .txt), "jsonl", "csv", "reuters"
    title: str | None = None
    date: str | None = None  # as the source wrote it; parsed by the cleaner
    dateline: str | None = None  # Reuters carries its dateline in a field of its own


@dataclass(frozen=True)
class Quarantined:
    """An input record that cannot be published, with the stage and a reason a user can act on."""

    source_id: str
    stage: str  # "read", "decode", "parse", "clean", "nlp", "validate"
    reason: str
    source_sha256: str | None = None


class CleaningError(ValueError):
    """The record cannot become a document; the message is the reason shown to the user."""


@dataclass(frozen=True)
class CleanDocument:
    """An article ready for language work; every offset downstream points into ``body``."""

    source_id: str
    source_sha256: str
    title: str | None
    published_date: dt.date | None
    dateline: str | None
    agency: str | None
    body: str
    # (start, end) of each paragraph in body, in order, covering every word of it
    paragraphs: tuple[tuple[int, int], ...] = field(default=())

    @property
    def doc_id(self) -> str:
        return content_id(self.title, self.body)


def content_id(title: str | None, body: str) -> str:
    """First 16 hex digits of sha256 over ``title + "\\n" + body`` (DESIGN.md)."""
    return hashlib.sha256(f"{title or ''}\n{body}".encode("utf-8")).hexdigest()[:16]
