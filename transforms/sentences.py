"""Sentence rows, and the lookups other row builders need to place a span in its sentence."""

from __future__ import annotations

import bisect

from spacy.tokens import Doc, Span


def trimmed_bounds(span: Span) -> tuple[int, int] | None:
    """Character bounds of a span without its leading and trailing whitespace; None if it is all space."""
    words = [t for t in span if not t.is_space]
    if not words:
        return None
    return words[0].idx, words[-1].idx + len(words[-1].text)


def sentence_rows(doc: Doc, paragraphs: tuple[tuple[int, int], ...]) -> list[dict]:
    """One row per sentence; sentences made only of whitespace are not sentences."""
    paragraph_starts = [start for start, _ in paragraphs] or [0]
    text = doc.text  # spaCy joins every token anew on each access: once per sentence made long articles quadratic
    rows = []
    for sent in doc.sents:
        bounds = trimmed_bounds(sent)
        if bounds is None:
            continue
        start, end = bounds
        rows.append(
            {
                "sentence_id": len(rows),
                "paragraph_id": max(bisect.bisect_right(paragraph_starts, start) - 1, 0),
                "start_char": start,
                "end_char": end,
                "text": text[start:end],
            }
        )
    return rows


def sentence_locator(sentences: list[dict]):
    """A function from a character offset to the sentence_id holding it (or the nearest before it)."""
    starts = [row["start_char"] for row in sentences]

    def sentence_id_at(char: int) -> int:
        return max(bisect.bisect_right(starts, char) - 1, 0)

    return sentence_id_at
