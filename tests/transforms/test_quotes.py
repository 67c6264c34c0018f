"""Quotes and their speakers on real text: the seed article, one sentence per pattern, and PolNeAR dev articles."""

from __future__ import annotations

from pathlib import Path

import pytest

from transforms.clean import clean_record
from transforms.entities import entity_rows
from transforms.formats import read_records
from transforms.nlp import load_pipeline
from transforms.quotes import quote_rows
from transforms.quotes_marks import quote_spans
from transforms.sentences import sentence_rows

SEED = Path(__file__).resolve().parents[2] / "seeds" / "000_421bba50f5ab9343.txt"


@pytest.fixture(scope="module")
def nlp():
    return load_pipeline()


def extract(nlp, text: str) -> list[dict]:
    doc = nlp(text)
    sentences = sentence_rows(doc, ())
    mentions, entities = entity_rows(doc, sentences)
    return quote_rows(doc, sentences, mentions, entities)


def clean_article(path: Path):
    """The cleaned document of a one-article file, as the pipeline makes it."""
    (record,) = read_records(path.name, path.read_bytes())
    return clean_record(record)


# --- the seed -------------------------------------------------------------------------------------

SEED_QUOTES = [
    ("Our partnership has never been more important.", "Antonio Guterres", "explicit", "tell"),
    ("When we have greater gender balance", "Antonio Guterres", "pronoun", "highlight"),
    ("seriously injures the vulnerable", "Jane Holl Lute", "pronoun", "say"),
    ("Only through the continued personal leadership", "Jane Holl Lute", "pronoun", "say"),
    ("We are in this endeavour together", "Jane Holl Lute", "pronoun", "add"),
    ("Now, more than ever before", "Jean-Pierre Lacroix", "pronoun", "say"),
    ("The success of our missions", "Jean-Pierre Lacroix", "pronoun", "underscore"),
    ("But we need to do more together,", "Atul Khare", "pronoun", "add"),
    ("We simply cannot accept", "Atul Khare", "continuation", None),
]


@pytest.fixture(scope="module")
def seed_quotes(nlp):
    document = clean_article(SEED)
    doc = nlp(document.body)
    sentences = sentence_rows(doc, document.paragraphs)
    mentions, entities = entity_rows(doc, sentences)
    return quote_rows(doc, sentences, mentions, entities)


def test_seed_has_its_nine_quotes_and_nothing_else(seed_quotes):
    assert len(seed_quotes) == len(SEED_QUOTES)
    for row, (opening, *_rest) in zip(seed_quotes, SEED_QUOTES):
        assert row["text"].startswith(opening)


def test_seed_speakers_are_resolved_names(seed_quotes):
    got = [(row["speaker_name"], row["attribution"], row["verb_lemma"]) for row in seed_quotes]
    assert got == [(name, how, lemma) for _, name, how, lemma in SEED_QUOTES]


def test_seed_scare_quote_is_not_a_quote(seed_quotes):
    assert not any(row["text"] == "blue helmets" for row in seed_quotes)


def test_rows_point_into_the_text(nlp):
    text = '"I will not resign," the minister told reporters on Monday.'
    doc = nlp(text)
    sentences = sentence_rows(doc, ())
    mentions, entities = entity_rows(doc, sentences)
    (row,) = quote_rows(doc, sentences, mentions, entities)
    assert row["text"] == text[row["start_char"] : row["end_char"]] == "I will not resign,"
    assert text[row["speaker_start_char"] : row["speaker_end_char"]] == row["speaker"] == "the minister"
    assert row["speaker_name"] is None and row["attribution"] == "explicit"
    assert (row["quote_id"], row["sentence_id"]) == (0, 0)


# --- quote marks ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text, expected",
    [
        ('He said "we will win" today.', ["we will win"]),
        ("“One,” she said, “two.”", ["One,", "two."]),
        ("” Now we go,” he said.", ["Now we go,"]),  # wrong-direction opening mark
        ("He said: “it is over.", ["it is over."]),  # never closed: ends with its paragraph
        ("“First part.\n\n“Second part.”\n\nAfter.", ["First part.\n\n“Second part."]),  # multi-paragraph
        ("“He told me ‘no’ twice,” she said.", ["He told me ‘no’ twice,"]),  # nested quote stays inside
        ('"Outer “inner” outer," she said.', ["Outer “inner” outer,"]),
        ("The voters’ choice was ‘clear as day’, she said.", ["clear as day"]),
        ("It's the candidates' night.", []),
    ],
)
def test_quote_marks(text, expected):
    assert [text[s.start : s.end] for s in quote_spans(text)] == expected


def test_an_odd_mark_loses_only_its_own_paragraph():
    text = 'He measured 5" of rain.\n\n“We are fine,” she said.'
    assert [text[s.start : s.end] for s in quote_spans(text)][-1] == "We are fine,"
