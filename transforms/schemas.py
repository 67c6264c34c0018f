"""The Arrow schema of every warehouse table, written once.

The writer, the data-quality suites and the generated table docs (``warehouse/README.md``)
all read these definitions. ``year`` and ``month`` are the hive partition columns: they live
in the folder names, not inside the Parquet files.
"""

from __future__ import annotations

from dataclasses import dataclass

import pyarrow as pa

PARTITION_COLUMNS = ("year", "month")


def _field(name: str, type_: pa.DataType, description: str, nullable: bool = False) -> pa.Field:
    return pa.field(name, type_, nullable=nullable, metadata={"description": description})


def _partition_fields() -> list[pa.Field]:
    return [
        _field("year", pa.int32(), "Publication year (hive partition); 0 when the document has no date."),
        _field("month", pa.int32(), "Publication month 1-12 (hive partition); 0 when the document has no date."),
    ]


def _doc_id() -> pa.Field:
    return _field("doc_id", pa.string(), "Id of the document (joins to documents.doc_id).")


def _span(what: str) -> list[pa.Field]:
    return [
        _field("start_char", pa.int32(), f"Offset in documents.body where the {what} starts (Python str index)."),
        _field("end_char", pa.int32(), f"Offset in documents.body where the {what} ends (exclusive)."),
        _field("text", pa.string(), f"The {what}: exactly body[start_char:end_char]."),
    ]


@dataclass(frozen=True)
class Table:
    name: str
    description: str
    schema: pa.Schema
    partitioned: bool = True
    # columns whose combination identifies a row
    key: tuple[str, ...] = ()

    @property
    def file_schema(self) -> pa.Schema:
        """The schema inside each Parquet file (partition columns are in the path)."""
        if not self.partitioned:
            return self.schema
        return pa.schema([f for f in self.schema if f.name not in PARTITION_COLUMNS])


DOCUMENTS = Table(
    "documents",
    "One row per distinct article.",
    pa.schema(
        [
            _field("doc_id", pa.string(), "First 16 hex digits of sha256(title + '\\n' + body): the same article from two files is one document."),
            _field("source_id", pa.string(), "Where it came from: path relative to the input root, plus '#<record id>' for multi-record files."),
            _field("source_sha256", pa.string(), "sha256 of the raw bytes the record was read from."),
            _field("title", pa.string(), "Headline.", nullable=True),
            _field("published_date", pa.date32(), "Publication date from the header, dateline or metadata.", nullable=True),
            _field("dateline", pa.string(), "Place of the wire dateline, e.g. 'UNITED NATIONS'.", nullable=True),
            _field("agency", pa.string(), "News agency named in the dateline or source, e.g. 'APP', 'Reuters'.", nullable=True),
            _field("body", pa.string(), "The cleaned text; every offset in every table points into it."),
            _field("n_words", pa.int32(), "Number of words in body (tokens that are not punctuation or space)."),
            _field("n_sentences", pa.int32(), "Number of rows in sentences for this document."),
            _field("n_paragraphs", pa.int32(), "Number of paragraphs in body."),
            _field("n_entities", pa.int32(), "Number of rows in entities for this document."),
            _field("n_quotes", pa.int32(), "Number of rows in quotes for this document."),
            _field("run_id", pa.string(), "The run that published this row (joins to _runs.run_id)."),
            _field("pipeline_version", pa.string(), "Version of the pipeline code that produced the row."),
            _field("model", pa.string(), "spaCy pipeline used, as name==version."),
            *_partition_fields(),
        ]
    ),
    key=("doc_id",),
)

SENTENCES = Table(
    "sentences",
    "One row per sentence of each document.",
    pa.schema(
        [
            _doc_id(),
            _field("sentence_id", pa.int32(), "0-based position of the sentence in the document."),
            _field("paragraph_id", pa.int32(), "0-based position of the paragraph holding the sentence."),
            *_span("sentence"),
            *_partition_fields(),
        ]
    ),
    key=("doc_id", "sentence_id"),
)

ENTITY_MENTIONS = Table(
    "entity_mentions",
    "One row per named-entity mention in a document.",
    pa.schema(
        [
            _doc_id(),
            _field("mention_id", pa.int32(), "0-based position of the mention in the document."),
            _field("sentence_id", pa.int32(), "Sentence holding the mention (joins to sentences)."),
            *_span("mention"),
            _field("label", pa.string(), "spaCy / OntoNotes label, e.g. PERSON, ORG, GPE."),
            _field("entity_id", pa.string(), "Groups the mentions that name the same thing in this document (joins to entities)."),
            *_partition_fields(),
        ]
    ),
    key=("doc_id", "mention_id"),
)

ENTITIES = Table(
    "entities",
    "One row per distinct entity per document.",
    pa.schema(
        [
            _doc_id(),
            _field("entity_id", pa.string(), "Id of the entity within the document."),
            _field("name", pa.string(), "The fullest form the document gives, e.g. 'Atul Khare' for 'Khare'."),
            _field("label", pa.string(), "spaCy / OntoNotes label of the entity."),
            _field("n_mentions", pa.int32(), "Number of mentions of the entity in the document."),
            _field("first_char", pa.int32(), "Offset in body of the first mention."),
            _field("aliases", pa.list_(pa.string()), "Every other distinct form the document uses for the entity."),
            *_partition_fields(),
        ]
    ),
    key=("doc_id", "entity_id"),
)

QUOTES = Table(
    "quotes",
    "One row per direct quotation, with its speaker where the text gives one.",
    pa.schema(
        [
            _doc_id(),
            _field("quote_id", pa.int32(), "0-based position of the quote in the document."),
            _field("sentence_id", pa.int32(), "Sentence where the quote starts."),
            *_span("quoted words, without the quote marks"),
            _field(
                "speaker",
                pa.string(),
                "The words at the attribution as written ('he', 'the company'); for a pronoun standing for someone the text only"
                " describes ('a spokesman ... he said'), that description as first written.",
                nullable=True,
            ),
            _field("speaker_start_char", pa.int32(), "Offset in body where speaker starts.", nullable=True),
            _field("speaker_end_char", pa.int32(), "Offset in body where speaker ends (exclusive).", nullable=True),
            _field("speaker_name", pa.string(), "The resolved name, never a pronoun; null when the text names nobody.", nullable=True),
            _field("speaker_entity_id", pa.string(), "The speaker's entity (joins to entities).", nullable=True),
            _field("verb", pa.string(), "Reporting verb or phrase as written, e.g. 'highlighted'.", nullable=True),
            _field("verb_lemma", pa.string(), "Lemma of the reporting verb, e.g. 'highlight'.", nullable=True),
            _field("attribution", pa.string(), "How the speaker was found: explicit, pronoun, continuation or none."),
            *_partition_fields(),
        ]
    ),
    key=("doc_id", "quote_id"),
)

SOURCES = Table(
    "_sources",
    "One row per input record per run: what became of it.",
    pa.schema(
        [
            _field("source_id", pa.string(), "The input record: file path relative to the input root, plus '#<record id>' inside multi-record files."),
            _field("status", pa.string(), "published, duplicate, unchanged or quarantined."),
            _field("doc_id", pa.string(), "The document the record became, when it became one.", nullable=True),
            _field("stage", pa.string(), "For quarantined records: the step that refused it (read, decode, parse, clean, nlp, validate).", nullable=True),
            _field("reason", pa.string(), "For quarantined and duplicate records: why, in words a user can act on.", nullable=True),
            _field("source_sha256", pa.string(), "sha256 of the raw bytes read, when they could be read.", nullable=True),
            _field("run_id", pa.string(), "The run that saw the record (joins to _runs.run_id)."),
        ]
    ),
    partitioned=False,
    key=("run_id", "source_id"),
)

RUNS = Table(
    "_runs",
    "One row per run: its parameters, counts and data-quality outcome.",
    pa.schema(
        [
            _field("run_id", pa.string(), "Id of the run."),
            _field("started_at", pa.timestamp("us", tz="UTC"), "When the run started."),
            _field("finished_at", pa.timestamp("us", tz="UTC"), "When the run finished."),
            _field("parameters", pa.string(), "The run's parameters as JSON."),
            _field("records_seen", pa.int64(), "Input records read."),
            _field("published", pa.int64(), "Records whose document was published."),
            _field("duplicate", pa.int64(), "Records with the same content as another record of the run."),
            _field("unchanged", pa.int64(), "Records whose document an earlier run already published."),
            _field("quarantined", pa.int64(), "Records not published, with a reason in _sources."),
            _field("rows_documents", pa.int64(), "Rows the run added to documents."),
            _field("rows_sentences", pa.int64(), "Rows the run added to sentences."),
            _field("rows_entity_mentions", pa.int64(), "Rows the run added to entity_mentions."),
            _field("rows_entities", pa.int64(), "Rows the run added to entities."),
            _field("rows_quotes", pa.int64(), "Rows the run added to quotes."),
            _field("validation_success", pa.bool_(), "True when every batch passed every data-quality check."),
            _field("validation_summary", pa.string(), "Which expectations failed on which table, or a one-line summary of success."),
            _field("pipeline_version", pa.string(), "Version of the pipeline code."),
            _field("model", pa.string(), "spaCy pipeline used, as name==version."),
        ]
    ),
    partitioned=False,
    key=("run_id",),
)

DOCUMENT_TABLES: tuple[Table, ...] = (DOCUMENTS, SENTENCES, ENTITY_MENTIONS, ENTITIES, QUOTES)
ALL_TABLES: tuple[Table, ...] = (*DOCUMENT_TABLES, SOURCES, RUNS)
TABLES: dict[str, Table] = {t.name: t for t in ALL_TABLES}

SOURCE_STATUSES = ("published", "duplicate", "unchanged", "quarantined")
ATTRIBUTIONS = ("explicit", "pronoun", "continuation", "none")
