"""Entity mention and entity rows from a parsed document.

A first version: spaCy's entities, grouped within the document when a later mention is a
surname or the same name as an earlier, fuller one.
"""

from __future__ import annotations

from spacy.tokens import Doc, Span

from transforms.sentences import sentence_locator

# Labels analysts count as named entities; numbers and dates are not entities of the tables.
NAMED_LABELS = frozenset({"PERSON", "ORG", "GPE", "LOC", "FAC", "NORP", "EVENT", "PRODUCT", "WORK_OF_ART", "LAW", "LANGUAGE"})


def named_spans(doc: Doc) -> list[Span]:
    return [ent for ent in doc.ents if ent.label_ in NAMED_LABELS and ent.text.strip()]


def _matches_entity(span_text: str, label: str, entity: dict) -> bool:
    if label != entity["label"]:
        return False
    name_words = entity["name"].split()
    words = span_text.split()
    return span_text == entity["name"] or (label == "PERSON" and len(words) == 1 and words[0] == name_words[-1])


def entity_rows(doc: Doc, sentences: list[dict]) -> tuple[list[dict], list[dict]]:
    """Rows of entity_mentions and entities (without doc_id and partition columns)."""
    sentence_id_at = sentence_locator(sentences)
    mentions: list[dict] = []
    entities: list[dict] = []
    for span in named_spans(doc):
        text = span.text
        entity = next((e for e in entities if _matches_entity(text, span.label_, e)), None)
        if entity is None:
            entity = {
                "entity_id": f"e{len(entities)}",
                "name": text,
                "label": span.label_,
                "n_mentions": 0,
                "first_char": span.start_char,
                "aliases": [],
            }
            entities.append(entity)
        elif text != entity["name"] and text not in entity["aliases"]:
            entity["aliases"].append(text)
        entity["n_mentions"] += 1
        mentions.append(
            {
                "mention_id": len(mentions),
                "sentence_id": sentence_id_at(span.start_char),
                "start_char": span.start_char,
                "end_char": span.end_char,
                "text": text,
                "label": span.label_,
                "entity_id": entity["entity_id"],
            }
        )
    return mentions, entities
