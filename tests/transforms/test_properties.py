"""Properties of cleaning and segmentation over generated text (hypothesis):
cleaning never loses a word, and every offset in every table slices its row's text out of the body."""

from __future__ import annotations

import re
from collections import Counter
from functools import cache

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from transforms.clean import clean_record, normalize_characters, split_wire_header
from transforms.document import document_rows
from transforms.records import CleaningError, RawRecord
from transforms.schemas import ATTRIBUTIONS

PRONOUNS = {"he", "she", "they", "He", "She", "They", "I", "we", "We"}  # expectations/suites.py: never a speaker_name

WORDS = ["rain", "Lahore", "UN", "Guterres", "said", "café", "naïve", "Müller", "don't", "U.S.", "2017", "3.5%", "e-mail", "Khan", "o’clock"]
MARKS = [".", ",", ";", ":", "!", "?", " - ", " — ", "(", ")", "“", "”", '"', "'", "‘", "’", "«", "»"]
SPACES = [" ", "  ", "\t", "\u00a0", "\n", "\n\n", "\r\n", "\n    ", "\u2028", "\u200b", "\u00ad", "\x0c"]
OPENINGS = ["", " date 2017-07-08\n", "LAHORE, May 2 (APP): ", "UNITED NATIONS, July 8 (APP) - ", "Headline here\n\n"]
LAYOUTS = ["wire", "plain", "headline_first", "jsonl", "csv"]

pieces = st.one_of(st.sampled_from(WORDS), st.sampled_from(MARKS), st.sampled_from(SPACES), st.text(min_size=1, max_size=6))
texts = st.builds(lambda opening, rest: opening + "".join(rest), st.sampled_from(OPENINGS), st.lists(pieces, max_size=80))
records = st.builds(
    lambda text, layout, title: RawRecord("gen", "0" * 64, text, layout, title=title),
    texts,
    st.sampled_from(LAYOUTS),
    st.one_of(st.none(), st.sampled_from(["Rain in Lahore", "“Quoted” headline", "  "])),
)


def words(text: str) -> Counter:
    return Counter(re.findall(r"\w+", text))


def words_given(record: RawRecord) -> tuple[Counter, str]:
    """The words the record brings (after the character-level normalisation, which may join a word
    split by an invisible character), less a `date YYYY-MM-DD` header; and the text after it."""
    _, after_header, _ = split_wire_header(normalize_characters(record.text))
    return words(after_header) + words(normalize_characters(record.title or "")), after_header


@settings(max_examples=300, deadline=None)
@given(record=records)
def test_cleaning_never_loses_a_word(record):
    given_words, after_header = words_given(record)
    try:
        doc = clean_record(record)
    except CleaningError as error:
        # only a text whose every word went to the headline has nothing left for a body
        assert "no article text" in str(error)
        lines = [line for line in after_header.strip().split("\n") if line.strip()]
        assert len(lines) <= 1 or record.layout == "headline_first" and len(words(after_header.strip().partition("\n")[2])) == 0
        return
    kept = words(doc.title or "") + words(doc.body)
    assert set(given_words) <= set(kept), "a word vanished"
    if record.title is None and record.layout == "plain":
        assert kept == given_words, "plain text keeps every word, as often as it came"
    assert doc.body == doc.body.strip() and "\r" not in doc.body
    assert "\n\n".join(doc.body[start:end] for start, end in doc.paragraphs) == doc.body


@cache
def pipeline():
    from transforms.nlp import load_pipeline

    return load_pipeline()


SPAN_TABLES = {"sentences": ("start_char", "end_char", "text"), "entity_mentions": ("start_char", "end_char", "text"), "quotes": ("start_char", "end_char", "text")}
story_words = st.sampled_from(WORDS + ["Antonio Guterres", "the company", "he", "told reporters", "Jane Holl Lute", "Reuters", "Pakistan"])
stories = st.lists(st.one_of(story_words, st.sampled_from(MARKS), st.sampled_from([" ", "\n", "\n\n", " said ", " “", "” "])), min_size=1, max_size=60)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(opening=st.sampled_from(OPENINGS), story=stories, layout=st.sampled_from(LAYOUTS))
def test_every_offset_slices_its_rows_text_out_of_the_body(opening, story, layout):
    try:
        document = clean_record(RawRecord("gen", "0" * 64, opening + "".join(story), layout))
    except CleaningError:
        return
    rows = document_rows(document, pipeline()(document.body), {"run_id": "r", "pipeline_version": "0", "model": "m"})
    body = document.body
    for table, (start, end, text) in SPAN_TABLES.items():
        for row in rows[table]:
            assert 0 <= row[start] < row[end] <= len(body), (table, row)
            assert body[row[start] : row[end]] == row[text], (table, row)
    for row in rows["quotes"]:
        if row["speaker"] is not None:
            assert body[row["speaker_start_char"] : row["speaker_end_char"]] == row["speaker"], row
    sentences = rows["sentences"]
    assert [row["sentence_id"] for row in sentences] == list(range(len(sentences)))
    for previous, row in zip(sentences, sentences[1:]):
        assert previous["end_char"] <= row["start_char"], "sentences overlap"
    for row in sentences:
        paragraph_start, paragraph_end = document.paragraphs[row["paragraph_id"]]
        assert paragraph_start <= row["start_char"] and row["end_char"] <= paragraph_end, "a sentence crosses a paragraph break"
    # what the data-quality suites demand of every row: a row that fails them costs its whole batch
    (document_row,) = rows["documents"]
    assert document_row["n_sentences"] == len(sentences) >= 1 and document_row["n_paragraphs"] >= 1
    assert all(row["name"] and row["n_mentions"] >= 1 and row["first_char"] >= 0 for row in rows["entities"])
    assert all(row["attribution"] in ATTRIBUTIONS for row in rows["quotes"])
    assert not {row["speaker_name"] for row in rows["quotes"]} & PRONOUNS
