import datetime as dt

import pytest

from expectations.runner import BatchValidator
from transforms.tables import to_arrow

BODY = "UNITED NATIONS, July 8 (APP): The heads met. They talked."


@pytest.fixture(scope="module")
def validator():
    return BatchValidator()


def document(doc_id="0123456789abcdef", body=BODY) -> dict:
    return {
        "doc_id": doc_id, "source_id": "seed.txt", "source_sha256": "0" * 64, "title": "Heads meet", "published_date": dt.date(2017, 7, 8),
        "dateline": "UNITED NATIONS", "agency": "APP", "body": body, "n_words": 9, "n_sentences": 2, "n_paragraphs": 1, "n_entities": 0,
        "n_quotes": 0, "run_id": "r", "pipeline_version": "0", "model": "m", "year": 2017, "month": 7,
    }


def sentence(sentence_id, start, end, text=None, doc_id="0123456789abcdef") -> dict:
    return {"doc_id": doc_id, "sentence_id": sentence_id, "paragraph_id": 0, "start_char": start, "end_char": end,
            "text": BODY[start:end] if text is None else text, "year": 2017, "month": 7}


def test_a_consistent_batch_passes(validator):
    outcome = validator.validate({"documents": to_arrow("documents", [document()]), "sentences": to_arrow("sentences", [sentence(0, 30, 45), sentence(1, 46, 57)])})
    assert outcome.success, outcome.summary()
    assert outcome.tables["sentences"].evaluated > 5


def test_text_that_does_not_slice_the_body_fails_and_names_table_and_expectation(validator):
    outcome = validator.validate({"documents": to_arrow("documents", [document()]), "sentences": to_arrow("sentences", [sentence(0, 30, 45, text="The heads met!")])})
    assert not outcome.success
    assert [(f.table, f.expectation, f.column) for f in outcome.failures] == [("sentences", "expect_column_values_to_be_in_set", "text_matches_body")]
    assert "sentences.text_matches_body" in outcome.summary()


def test_duplicate_keys_and_reversed_offsets_fail(validator):
    outcome = validator.validate({"documents": to_arrow("documents", [document()]), "sentences": to_arrow("sentences", [sentence(0, 30, 45), sentence(0, 45, 45)])})
    failed = {f.expectation for f in outcome.failures}
    assert {"expect_compound_columns_to_be_unique", "expect_column_pair_values_a_to_be_greater_than_b"} <= failed


def test_quarantined_source_without_reason_fails(validator):
    row = {"source_id": "a.txt", "status": "quarantined", "doc_id": None, "stage": "read", "reason": None, "source_sha256": None, "run_id": "r"}
    outcome = validator.validate({"_sources": to_arrow("_sources", [row])})
    assert [f.column for f in outcome.failures] == ["reason"]
