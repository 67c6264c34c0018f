"""The language work for a batch of clean documents: one spaCy pass, then rows per table."""

from __future__ import annotations

from collections.abc import Iterable

from spacy.language import Language

from transforms.document import document_rows
from transforms.records import CleanDocument, Quarantined

DOCUMENT_TABLE_NAMES = ("documents", "sentences", "entity_mentions", "entities", "quotes")


def rows_for_batch(
    nlp: Language, documents: list[CleanDocument], provenance: dict[str, str], batch_size: int = 32
) -> tuple[dict[str, list[dict]], list[Quarantined]]:
    """Rows of every document table for the batch; a document whose rows cannot be built is quarantined
    on its own, so one odd article never loses the batch."""
    rows: dict[str, list[dict]] = {name: [] for name in DOCUMENT_TABLE_NAMES}
    failed: list[Quarantined] = []
    parsed: Iterable = nlp.pipe((d.body for d in documents), batch_size=batch_size)
    for document, doc in zip(documents, parsed):
        try:
            for name, table_rows in document_rows(document, doc, provenance).items():
                rows[name].extend(table_rows)
        except Exception as error:  # noqa: BLE001 - any failure of one document is that document's quarantine reason
            failed.append(
                Quarantined(document.source_id, "nlp", f"building rows failed: {type(error).__name__}: {error}", document.source_sha256)
            )
    return rows, failed
