"""Loading the spaCy pipeline the tables need."""

from __future__ import annotations

import spacy
from spacy.language import Language
from spacy.tokens import Doc

from transforms.model import DEFAULT_MODEL


@Language.component("paragraph_boundaries")
def paragraph_boundaries(doc: Doc) -> Doc:
    """Start a sentence after every line break: the cleaner only keeps line breaks between paragraphs,
    and a sentence never spans two paragraphs."""
    for token in doc[1:]:
        if not token.is_space and "\n" in doc[token.i - 1].text_with_ws:
            token.is_sent_start = True
    return doc


def load_pipeline(name: str = DEFAULT_MODEL) -> Language:
    """Load an installed spaCy pipeline by package name; nothing is downloaded."""
    try:
        nlp = spacy.load(name)
    except OSError as error:
        raise ValueError(f"spaCy model {name!r} is not installed: pip install it, or pass --model with an installed one") from error
    if "parser" in nlp.pipe_names:
        nlp.add_pipe("paragraph_boundaries", before="parser")
    return nlp
