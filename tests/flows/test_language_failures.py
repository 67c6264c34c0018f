"""A document that breaks spaCy is quarantined at the nlp stage; the rest of its batch is published."""

from __future__ import annotations

import pytest

from flows import language
from transforms.clean import clean_record
from transforms.records import RawRecord


class BreaksOn:
    """The real pipeline, except that pipe() fails on any text holding ``word``, as spaCy would on a bug."""

    def __init__(self, nlp, word: str):
        self.nlp, self.word = nlp, word

    def pipe(self, texts, batch_size: int = 32):
        for text in texts:
            if self.word in text:
                raise ValueError(f"[E999] cannot parse {self.word}")
            yield self.nlp(text)


@pytest.fixture(scope="module")
def nlp():
    from transforms.nlp import load_pipeline

    return load_pipeline()


def document(n: int, text: str):
    return clean_record(RawRecord(f"d{n}.txt", "0" * 64, f"Headline {n}\n\n{text}", "headline_first"))


def test_one_document_that_breaks_spacy_is_quarantined_and_the_others_kept(nlp, monkeypatch):
    monkeypatch.setattr(language, "worker_pipeline", lambda model: BreaksOn(nlp, "Zyxxy"))
    documents = [document(1, "Rain fell on Lahore."), document(2, "Zyxxy said hello."), document(3, "Officials in Geneva met.")]
    result = language.process_documents("any", documents, {"run_id": "r", "pipeline_version": "0", "model": "m"})
    assert [(q.source_id, q.stage) for q in result.failed] == [("d2.txt", "nlp")]
    assert "the language work failed: ValueError: [E999] cannot parse Zyxxy" == result.failed[0].reason
    assert sorted(result.tables["documents"].column("source_id").to_pylist()) == ["d1.txt", "d3.txt"]
    assert set(result.tables["sentences"].column("doc_id").to_pylist()) == {documents[0].doc_id, documents[2].doc_id}


def test_a_batch_whose_every_document_fails_gives_empty_tables(nlp, monkeypatch):
    monkeypatch.setattr(language, "worker_pipeline", lambda model: BreaksOn(nlp, "Zyxxy"))
    result = language.process_documents("any", [document(1, "Zyxxy.")], {"run_id": "r", "pipeline_version": "0", "model": "m"})
    assert len(result.failed) == 1 and result.tables["documents"].num_rows == 0 and "sentences" in result.tables
