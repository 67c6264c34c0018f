"""One Great Expectations suite per table, derived from the table's schema plus the rules of its data.

Great Expectations is imported here only, and this module is imported lazily: importing GX
costs seconds that runs which validate nothing should not pay.
"""

from __future__ import annotations

import great_expectations as gx
import great_expectations.expectations as gxe
from great_expectations.expectations.row_conditions import Column

from transforms.schemas import ATTRIBUTIONS, SOURCE_STATUSES, TABLES, Table

# Columns computed for validation only: whether each row's offsets slice its text out of the body.
SLICE_CHECKS = {
    "sentences": ("text_matches_body",),
    "entity_mentions": ("text_matches_body",),
    "quotes": ("text_matches_body", "speaker_matches_body"),
}

HEX_ID = r"^[0-9a-f]{16}$"


def schema_expectations(table: Table) -> list:
    """What the schema promises: the columns in order, no nulls where none are allowed, unique keys."""
    expectations = [gxe.ExpectTableColumnsToMatchOrderedList(column_list=validation_columns(table.name))]
    expectations += [gxe.ExpectColumnValuesToNotBeNull(column=f.name) for f in table.schema if not f.nullable]
    if len(table.key) == 1:
        expectations.append(gxe.ExpectColumnValuesToBeUnique(column=table.key[0]))
    elif table.key:
        expectations.append(gxe.ExpectCompoundColumnsToBeUnique(column_list=list(table.key)))
    if table.partitioned:
        expectations += [
            gxe.ExpectColumnValuesToBeBetween(column="year", min_value=0, max_value=2200),
            gxe.ExpectColumnValuesToBeBetween(column="month", min_value=0, max_value=12),
            gxe.ExpectColumnValuesToMatchRegex(column="doc_id", regex=HEX_ID),
        ]
    return expectations


def span_expectations(table_name: str) -> list:
    expectations = [
        gxe.ExpectColumnValuesToBeBetween(column="start_char", min_value=0),
        gxe.ExpectColumnPairValuesAToBeGreaterThanB(column_A="end_char", column_B="start_char"),
    ]
    expectations += [gxe.ExpectColumnValuesToBeInSet(column=check, value_set=[True]) for check in SLICE_CHECKS.get(table_name, ())]
    return expectations


def data_expectations(table_name: str) -> list:
    """Rules of each table's data beyond its schema."""
    if table_name == "documents":
        return [
            gxe.ExpectColumnValueLengthsToBeBetween(column="body", min_value=1),
            *(gxe.ExpectColumnValuesToBeBetween(column=c, min_value=0) for c in ("n_words", "n_sentences", "n_entities", "n_quotes")),
            gxe.ExpectColumnValuesToBeBetween(column="n_sentences", min_value=1),
            gxe.ExpectColumnValuesToBeBetween(column="n_paragraphs", min_value=1),
        ]
    if table_name in ("sentences", "entity_mentions"):
        return [*span_expectations(table_name), gxe.ExpectColumnValuesToBeBetween(column="sentence_id", min_value=0)]
    if table_name == "entities":
        return [
            gxe.ExpectColumnValuesToBeBetween(column="n_mentions", min_value=1),
            gxe.ExpectColumnValuesToBeBetween(column="first_char", min_value=0),
            gxe.ExpectColumnValueLengthsToBeBetween(column="name", min_value=1),
        ]
    if table_name == "quotes":
        return [
            *span_expectations(table_name),
            gxe.ExpectColumnValuesToBeInSet(column="attribution", value_set=list(ATTRIBUTIONS)),
            # a resolved speaker name is a name, never a bare pronoun
            gxe.ExpectColumnValuesToNotBeInSet(column="speaker_name", value_set=["he", "she", "they", "He", "She", "They", "I", "we", "We"]),
        ]
    if table_name == "_sources":
        return [
            gxe.ExpectColumnValuesToBeInSet(column="status", value_set=list(SOURCE_STATUSES)),
            gxe.ExpectColumnValuesToNotBeNull(column="reason", row_condition=Column("status") == "quarantined"),
            gxe.ExpectColumnValuesToNotBeNull(column="doc_id", row_condition=Column("status") != "quarantined"),
        ]
    if table_name == "_runs":
        return [gxe.ExpectColumnValuesToBeBetween(column=c, min_value=0) for c in ("records_seen", "published", "quarantined")]
    return []


def build_suite(table_name: str) -> gx.ExpectationSuite:
    table = TABLES[table_name]
    suite = gx.ExpectationSuite(name=table_name)
    for expectation in schema_expectations(table) + data_expectations(table_name):
        suite.add_expectation(expectation)
    return suite


def validation_columns(table_name: str) -> list[str]:
    """The columns a validation frame has: the table's own, then the slice checks."""
    return TABLES[table_name].schema.names + list(SLICE_CHECKS.get(table_name, ()))
