"""Loading the spaCy pipeline the tables need."""

from __future__ import annotations

from functools import cache

import spacy
from spacy.language import Language
from spacy.tokens import Doc

from transforms.model import DEFAULT_MODEL
from transforms.quotes_lexicon import lexicon


@Language.component("paragraph_boundaries")
def paragraph_boundaries(doc: Doc) -> Doc:
    """Start a sentence after every line break: the cleaner only keeps line breaks between paragraphs,
    and a sentence never spans two paragraphs."""
    for token in doc[1:]:
        if not token.is_space and "\n" in doc[token.i - 1].text_with_ws:
            token.is_sent_start = True
    return doc


@cache
def abbreviated_titles() -> frozenset[str]:
    """The titles written with a full stop ("sgt.", "gov."), lower-cased (transforms/data/titles.tsv)."""
    return frozenset(title for title in lexicon().titles if title.endswith("."))


@Language.component("title_abbreviations")
def title_abbreviations(doc: Doc) -> Doc:
    """No sentence starts at the name after an abbreviated title: the full stop of "Sgt." in "said retired Army Sgt. Maj.
    Robert Jenkins" is the abbreviation's, though the tokenizer split it off and the parser would end the sentence there."""
    titles = abbreviated_titles()
    for token in doc[1:-1]:
        split = token.text == "." and not doc[token.i - 1].whitespace_
        written = doc[token.i - 1].lower_ + "." if split else token.lower_
        following = doc[token.i + 1]
        if written in titles and token.whitespace_ == " " and following.is_title:
            following.is_sent_start = False
    return doc


def load_pipeline(name: str = DEFAULT_MODEL) -> Language:
    """Load an installed spaCy pipeline by package name; nothing is downloaded."""
    try:
        nlp = spacy.load(name)
    except OSError as error:
        raise ValueError(f"spaCy model {name!r} is not installed: pip install it, or pass --model with an installed one") from error
    if "parser" in nlp.pipe_names:
        nlp.add_pipe("paragraph_boundaries", before="parser")
        nlp.add_pipe("title_abbreviations", before="parser")
    return nlp
