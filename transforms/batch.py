"""The language work for a batch of clean documents: one spaCy pass, then Arrow tables per table."""

from __future__ import annotations

from dataclasses import dataclass, field

import pyarrow as pa
from spacy.language import Language

from transforms.document import document_rows
from transforms.records import CleanDocument, Quarantined
from transforms.schemas import DOCUMENT_TABLES
from transforms.tables import concat, to_arrow
from transforms.timing import add_seconds, stage, timed

DOCUMENT_TABLE_NAMES = tuple(table.name for table in DOCUMENT_TABLES)


@dataclass
class BatchTables:
    """A batch's document tables, the documents whose rows could not be built, and where the time went."""

    tables: dict[str, pa.Table]
    failed: list[Quarantined] = field(default_factory=list)
    seconds: dict[str, float] = field(default_factory=dict)  # per stage: "nlp" (spaCy), "rows" (rows and Arrow)


def tables_for_batch(nlp: Language, documents: list[CleanDocument], provenance: dict[str, str], batch_size: int = 32) -> BatchTables:
    """Every document table for the batch; a document whose rows cannot be built is quarantined
    on its own, so one odd article never loses the batch."""
    rows: dict[str, list[dict]] = {name: [] for name in DOCUMENT_TABLE_NAMES}
    result = BatchTables({}, seconds={"nlp": 0.0, "rows": 0.0})
    parsed = timed(iter(nlp.pipe((d.body for d in documents), batch_size=batch_size)), result.seconds, "nlp")
    for document, doc in zip(documents, parsed):
        with stage(result.seconds, "rows"):
            try:
                for name, table_rows in document_rows(document, doc, provenance).items():
                    rows[name].extend(table_rows)
            except Exception as error:  # noqa: BLE001 - any failure of one document is that document's quarantine reason
                result.failed.append(
                    Quarantined(document.source_id, "nlp", f"building rows failed: {type(error).__name__}: {error}", document.source_sha256)
                )
    with stage(result.seconds, "rows"):
        result.tables = {name: to_arrow(name, table_rows) for name, table_rows in rows.items()}
    return result


def merge_batch_tables(parts: list[BatchTables]) -> BatchTables:
    """One batch's BatchTables from those of its pieces, in order: row ids are per document, so pieces concatenate."""
    merged = BatchTables({name: concat([part.tables[name] for part in parts]) for name in DOCUMENT_TABLE_NAMES})
    for part in parts:
        merged.failed.extend(part.failed)
        add_seconds(merged.seconds, part.seconds)
    return merged
