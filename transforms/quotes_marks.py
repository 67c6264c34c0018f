"""Finding quoted passages from quote marks, robust to how news text really uses them.

Marks are read by their context, not only by their shape: the wire often sends a closing
mark where an opening one belongs (`” Now, more than ever…`), straight marks have no direction
at all, and a paragraph may end with a quote still open because the quote goes on in the next
paragraph. A mark that cannot be paired is left alone: it never swallows the rest of the document,
because no quote runs past the end of its paragraph unless the next paragraph re-opens it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

DOUBLE_MARKS = {"“": "curly", "”": "curly", "„": "curly", "‟": "curly", '"': "straight", "«": "guillemet", "»": "guillemet"}
_DOUBLE_MARK = re.compile("[" + re.escape("".join(DOUBLE_MARKS)) + "]")
OPENING_SHAPES = "“„‟«"
CLOSING_SHAPES = "”»"
SINGLE_OPENING = "‘‛'"
SINGLE_CLOSING = "’'"
# Characters after which a mark followed by a word opens a quote.
OPENING_CONTEXT = "([{—–-/:"
CLOSING_FOLLOWERS = ",.;:!?)]}—–-…"


# A speaker label opening a turn of a quoted transcript: "PENCE: Well, …"
TRANSCRIPT_LABEL = re.compile(r"([A-Z][A-Z.'’-]+(?: [A-Z][A-Z.'’-]+){0,3}):\s")

# A signature after a quote, alone to the end of its line or to the next quote (lines the source
# broke may have been joined): `“…” ― Pamela Padilla`
SIGNATURE = re.compile(r"[ \t]*[―—–][ \t]*([A-Z][\w'’-]*\.?(?:[ \t]+[A-Z][\w'’-]*\.?){0,4})[ \t.]*(?=\n|$|[“\"])")


@dataclass(frozen=True)
class QuoteSpan:
    """A quoted passage: ``start``/``end`` bound the words between the marks (whitespace trimmed)."""

    start: int
    end: int
    open_mark: int  # offset of the opening mark, or -1 when the quote had none
    close_mark: int  # offset of the closing mark, or -1 when the paragraph ended first
    single: bool = False  # delimited by single quote marks


def paragraph_bounds(text: str) -> list[tuple[int, int]]:
    """(start, end) of each non-blank line of text; the cleaner keeps line breaks only between paragraphs."""
    bounds, pos = [], 0
    for line in text.split("\n"):
        if line.strip():
            bounds.append((pos, pos + len(line)))
        pos += len(line) + 1
    return bounds


def _is_mark(ch: str) -> bool:
    return ch in DOUBLE_MARKS or ch in SINGLE_OPENING or ch in SINGLE_CLOSING


def _opens_here(text: str, i: int, line_start: int, line_end: int) -> bool:
    """The mark at i is followed by a word and preceded by a space, a bracket, a dash or the line start."""
    after = text[i + 1] if i + 1 < line_end else " "
    if after.isspace() and text[line_start:i].strip():
        return False
    if i == line_start or not text[line_start:i].strip():
        return True
    before = text[i - 1]
    return before.isspace() or before in OPENING_CONTEXT or _is_mark(before)


def _closes_here(text: str, i: int, line_end: int) -> bool:
    """The mark at i follows a word and is followed by a space, punctuation or the line end."""
    before = text[i - 1] if i > 0 else " "
    after = text[i + 1] if i + 1 < line_end else " "
    return not before.isspace() and (after.isspace() or after in CLOSING_FOLLOWERS or _is_mark(after))


def double_mark_role(text: str, i: int, line_start: int, line_end: int) -> str:
    """'open', 'close' or 'either' for the double quote mark at i, judged by shape and context."""
    opens = _opens_here(text, i, line_start, line_end)
    closes = _closes_here(text, i, line_end)
    ch = text[i]
    if ch in OPENING_SHAPES:
        return "close" if closes and not opens else "open"
    if ch in CLOSING_SHAPES:
        return "open" if opens and not closes else "close"
    if opens and not closes:
        return "open"
    if closes and not opens:
        return "close"
    return "either"


def _trimmed(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


def _reopens(text: str, line_start: int, line_end: int, family: str) -> int | None:
    """Offset of the mark that re-opens a quote left open by the previous paragraph (same family of marks)."""
    stripped = text[line_start:line_end].lstrip()
    if not stripped or DOUBLE_MARKS.get(stripped[0]) != family:
        return None
    return line_end - len(stripped)


def _paragraph_mark_roles(text: str, line_start: int, line_end: int) -> dict[int, str]:
    """The role of every double quote mark of a paragraph, by offset."""
    return {m.start(): double_mark_role(text, m.start(), line_start, line_end) for m in _DOUBLE_MARK.finditer(text, line_start, line_end)}


def _closers_outnumber_openers(text: str, roles: dict[int, str]) -> set[int]:
    """Offsets of the marks from which to the paragraph's end more marks of their family close a quote
    than open one; counted in one pass from the end so that a paragraph full of marks stays linear."""
    surplus = dict.fromkeys(DOUBLE_MARKS.values(), 0)
    outnumbered = set()
    for j in sorted(roles, reverse=True):
        family = DOUBLE_MARKS[text[j]]
        surplus[family] += {"close": 1, "open": -1}.get(roles[j], 0)
        if surplus[family] > 0:
            outnumbered.add(j)
    return outnumbered


def double_quote_spans(text: str) -> list[QuoteSpan]:
    """Spans delimited by double quote marks, across paragraphs when the next one re-opens the quote."""
    spans: list[QuoteSpan] = []
    open_at: int | None = None  # offset of the opening mark of the quote being read
    family = ""
    depth = 0  # marks of another family nested inside the open quote
    same_depth = 0  # quotes in the same marks nested inside the open quote
    previous_end = 0
    for line_start, line_end in paragraph_bounds(text):
        i = line_start
        roles = _paragraph_mark_roles(text, line_start, line_end)
        closers_win = _closers_outnumber_openers(text, roles)
        if open_at is not None:
            reopen = _reopens(text, line_start, line_end, family)
            if reopen is None or TRANSCRIPT_LABEL.match(text, reopen + 1):
                # a new speaker's turn in a transcript starts a new quote
                spans.append(QuoteSpan(*_trimmed(text, open_at + 1, previous_end), open_at, -1))
                open_at, depth, same_depth = None, 0, 0
            else:
                i = reopen + 1
        while i < line_end:
            ch = text[i]
            if ch in DOUBLE_MARKS:
                role = roles[i]
                if open_at is None:
                    if role != "close":
                        open_at, family, depth, same_depth = i, DOUBLE_MARKS[ch], 0, 0
                elif DOUBLE_MARKS[ch] != family and (role != "close" or depth > 0):
                    # another family inside an open quote is a quote within the quote; a closing mark of
                    # another family with nothing nested open closes the quote (`“…," he said`: styles mixed)
                    depth = depth + 1 if role == "open" else max(depth - 1, 0)
                elif role == "open" and depth == 0 and i not in closers_win:
                    # a fresh opening mark: the previous quote was never closed
                    spans.append(QuoteSpan(*_trimmed(text, open_at + 1, i), open_at, -1))
                    open_at = i
                elif role == "open" and depth == 0:
                    # `"We went from "no" to "yes" yet," he said`: the paragraph closes more quotes than it
                    # opens from here, so the wire nested a quote in the same marks
                    same_depth += 1
                elif same_depth > 0:
                    same_depth -= 1
                else:
                    spans.append(QuoteSpan(*_trimmed(text, open_at + 1, i), open_at, i))
                    open_at = None
            i += 1
        previous_end = line_end
    if open_at is not None:
        spans.append(QuoteSpan(*_trimmed(text, open_at + 1, previous_end), open_at, -1))
    return [span for span in spans if span.end > span.start]


# An opening single mark before a word, a closing one after a word; apostrophes inside words stay words.
_SINGLE_QUOTE = re.compile(r"(?<![\w’'])[‘‛'](?=\w)((?:[^\n‘’'\"“”]|[’'](?=\w))*?[\w.,!?])[’'](?!\w)")


def single_quote_spans(text: str, taken: list[QuoteSpan]) -> list[QuoteSpan]:
    """Spans in single quote marks outside every double-quoted span (inside one they are nested quotes)."""
    spans = []
    for match in _SINGLE_QUOTE.finditer(text):
        start, end = match.span(1)
        if any(span.open_mark <= start and end <= span.end + 1 for span in taken):
            continue
        spans.append(QuoteSpan(start, end, match.start(), match.end() - 1, single=True))
    return spans


def quote_spans(text: str) -> list[QuoteSpan]:
    """Every candidate quoted span of the text, in order of position."""
    doubles = double_quote_spans(text)
    return sorted(doubles + single_quote_spans(text, doubles), key=lambda span: span.start)
