"""Carrying character offsets in a cleaned body over to the text it was cleaned from.

The cleaner changes whitespace (unwrapping, paragraph breaks), replaces a few characters one for
one (quote marks turned the right way, mojibake) and may drop a headline or header that the
original text still has. So the two texts are aligned on their non-space characters alone, and a
body span goes over by its first and last characters that have a counterpart.
"""

from __future__ import annotations

import bisect
import difflib


def non_space_positions(text: str) -> list[int]:
    return [i for i, ch in enumerate(text) if not ch.isspace()]


class BodyAlignment:
    """Maps spans of a cleaned body onto the original text."""

    def __init__(self, body: str, original: str):
        body_at, original_at = non_space_positions(body), non_space_positions(original)
        a = "".join(body[i] for i in body_at)
        b = "".join(original[i] for i in original_at)
        if a == b:
            self.mapping = dict(zip(body_at, original_at))
        else:
            self.mapping = {}
            for tag, a0, a1, b0, b1 in difflib.SequenceMatcher(None, a, b, autojunk=False).get_opcodes():
                if tag == "equal" or (tag == "replace" and a1 - a0 == b1 - b0):
                    self.mapping.update(zip(body_at[a0:a1], original_at[b0:b1]))
        self.mapped = sorted(self.mapping)

    def span(self, start: int, end: int) -> tuple[int, int] | None:
        """The original offsets of body[start:end], or None when none of its characters has a counterpart."""
        first = bisect.bisect_left(self.mapped, start)
        last = bisect.bisect_left(self.mapped, end) - 1
        if first > last:
            return None
        return self.mapping[self.mapped[first]], self.mapping[self.mapped[last]] + 1
