"""Sentences and the assembled rows of one document, on the seed and on BBC text."""

import tarfile

import pytest

from transforms.batch import tables_for_batch
from transforms.clean import clean_record
from transforms.document import document_rows, partition_of
from transforms.formats import read_records
from transforms.nlp import load_pipeline
from transforms.records import CleanDocument
from transforms.sentences import sentence_rows

PROVENANCE = {"run_id": "test", "pipeline_version": "0", "model": "m"}


@pytest.fixture(scope="module")
def nlp():
    return load_pipeline()


@pytest.fixture(scope="module")
def seed(shared_dir) -> CleanDocument:
    path = next((shared_dir / "seeds").glob("*.txt"))
    [record] = read_records(path.name, path.read_bytes())
    return clean_record(record)


@pytest.fixture(scope="module")
def bbc_documents(shared_dir) -> list[CleanDocument]:
    documents = []
    with tarfile.open(shared_dir / "corpora/bbc-news-2225/bbc-fulltext.tar.gz") as archive:
        for member in archive.getmembers():
            if member.name.endswith(".txt") and "/politics/" in member.name and len(documents) < 20:
                documents += [clean_record(r) for r in read_records(member.name, archive.extractfile(member).read())]
    return documents


def test_sentences_never_cross_a_paragraph_and_slice_the_body(nlp, bbc_documents):
    for document in bbc_documents:
        rows = sentence_rows(nlp(document.body), document.paragraphs)
        assert [r["sentence_id"] for r in rows] == list(range(len(rows)))
        for row in rows:
            assert document.body[row["start_char"] : row["end_char"]] == row["text"]
            assert "\n" not in row["text"]
            start, end = document.paragraphs[row["paragraph_id"]]
            assert start <= row["start_char"] and row["end_char"] <= end
        assert {r["paragraph_id"] for r in rows} == set(range(len(document.paragraphs)))


def test_seed_rows_carry_doc_id_and_partition_and_counts_agree(nlp, seed):
    rows = document_rows(seed, nlp(seed.body), PROVENANCE)
    [document] = rows["documents"]
    assert document["doc_id"] == seed.doc_id and (document["year"], document["month"]) == (2017, 7)
    assert document["n_sentences"] == len(rows["sentences"]) > 15
    assert document["n_entities"] == len(rows["entities"]) and document["n_quotes"] == len(rows["quotes"]) == 9
    assert 500 < document["n_words"] < 800
    for table in ("sentences", "entity_mentions", "entities", "quotes"):
        assert all(r["doc_id"] == seed.doc_id and r["year"] == 2017 for r in rows[table])
    mention_entities = {m["entity_id"] for m in rows["entity_mentions"]}
    assert mention_entities == {e["entity_id"] for e in rows["entities"]}


def test_undated_documents_go_to_partition_zero(bbc_documents):
    assert partition_of(bbc_documents[0]) == {"year": 0, "month": 0}


def test_a_document_that_breaks_row_building_is_quarantined_alone(nlp, seed):
    # a date that is not a date: building its partition fails, for that document only
    broken = CleanDocument("broken.txt", "0" * 64, "t", "2017-07-08", None, None, seed.body, seed.paragraphs)
    result = tables_for_batch(nlp, [seed, broken], PROVENANCE)
    assert result.tables["documents"].column("source_id").to_pylist() == [seed.source_id]
    assert [q.source_id for q in result.failed] == ["broken.txt"]
    assert result.failed[0].stage == "nlp" and "AttributeError" in result.failed[0].reason
