"""All rows of one document: the step from a parsed document to the tables."""

from __future__ import annotations

from spacy.tokens import Doc

from transforms.entities import entity_rows
from transforms.quotes import quote_rows
from transforms.records import CleanDocument
from transforms.sentences import sentence_rows


def partition_of(document: CleanDocument) -> dict[str, int]:
    """year/month partition values; undated documents go to year=0/month=0 (never a null partition)."""
    date = document.published_date
    return {"year": date.year, "month": date.month} if date else {"year": 0, "month": 0}


def count_words(doc: Doc) -> int:
    return sum(1 for token in doc if not (token.is_punct or token.is_space))


def document_rows(document: CleanDocument, doc: Doc, provenance: dict[str, str]) -> dict[str, list[dict]]:
    """Rows for every document table; ``provenance`` holds run_id, pipeline_version and model."""
    sentences = sentence_rows(doc, document.paragraphs)
    mentions, entities = entity_rows(doc, sentences)
    quotes = quote_rows(doc, sentences, mentions, entities)
    keys = {"doc_id": document.doc_id, **partition_of(document)}
    documents = [
        {
            "source_id": document.source_id,
            "source_sha256": document.source_sha256,
            "title": document.title,
            "published_date": document.published_date,
            "dateline": document.dateline,
            "agency": document.agency,
            "body": document.body,
            "n_words": count_words(doc),
            "n_sentences": len(sentences),
            "n_paragraphs": len(document.paragraphs),
            "n_entities": len(entities),
            "n_quotes": len(quotes),
            **provenance,
        }
    ]
    tables = {"documents": documents, "sentences": sentences, "entity_mentions": mentions, "entities": entities, "quotes": quotes}
    return {name: [{**keys, **row} for row in rows] for name, rows in tables.items()}
