"""Cleaning: a raw record becomes a document whose body every later offset points into.

Cleaning repairs what the wire does to text (hard line wraps, odd whitespace, wrong-direction
quote marks) and separates the header, date, dateline, agency and headline from the body,
without losing a word: every word of the record's text ends up in ``title`` or ``body``,
except a ``date YYYY-MM-DD`` header line and a Reuters "Reuter" sign-off.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from dataclasses import dataclass
from functools import cache

from transforms.data_files import data_lines
from transforms.records import CleanDocument, CleaningError, RawRecord

PARAGRAPH_SEPARATOR = "\n\n"

# The longest body one document may have. News articles run to tens of thousands of characters;
# a longer "article" is a concatenation or a dump, and the language work's memory and time grow
# with it (spaCy's own refusal, max_length, is at 1,000,000).
MAX_BODY_CHARS = 200_000

# Agencies that a layout implies even when its text does not name them.
LAYOUT_AGENCIES = {"reuters": "Reuters"}

_WIRE_HEADER = re.compile(r"\A\s*(?i:date):?[ \t]+(?P<date>\d{4}-\d{2}-\d{2})\b[ \t]*\n?")
_LINE_BREAKS = re.compile(r"\r\n|[\r\x0b\x0c\x85\u2028]")
_INVISIBLE = re.compile("[\u00ad\u200b\u200c\u200d\u2060\ufeff]")
_CONTROL = re.compile(r"[\x00-\x08\x0e-\x1b\x7f-\x84\x86-\x9f]")
_SPACE_NOT_NEWLINE = re.compile(r"[^\S\n]")
_ENDS_SENTENCE = re.compile(r"[.!?][\"'”’)\]]*\s*\Z")
# A headline never ends like a sentence or a clause does.
_ENDS_CLAUSE = re.compile(r"[.!?,;:\"'”’]\s*\Z")
_OPENING_QUOTES = "\"“‘”"
# "Reuter", "REUTER...", "reuter^M" (a carriage return written out as text); never "Reuters",
# which ends sentences like "... told Reuters."
_REUTERS_SIGNOFF = re.compile(r"\bREUTER\b(?:\^M|[\s\W])*\Z", re.IGNORECASE)
_QUOTE_MARK = re.compile("[“”]")
_WORD_AFTER_SPACES = re.compile(r" *(?=\w)")


@dataclass(frozen=True)
class Dateline:
    """A wire dateline as it opens a story: ``UNITED NATIONS, July 8 (APP): ``."""

    text: str  # the dateline as written, separator and trailing space included
    place: str
    month: int | None
    day: int | None
    agency: str | None


# ---------------------------------------------------------------- data files


@cache
def month_numbers() -> dict[str, int]:
    """Every spelling of a month name in data/month_names.txt (lower case) → month number."""
    months = {}
    for line in data_lines("month_names.txt"):
        number, *names = line.split()
        months.update((name, int(number)) for name in names)
    return months


@cache
def known_agencies() -> frozenset[str]:
    """The agencies in data/news_agencies.txt, case-folded."""
    lines = data_lines("news_agencies.txt")
    return frozenset(line.casefold() for line in lines)


def _month_alternation() -> str:
    return "|".join(sorted(map(re.escape, month_numbers()), key=len, reverse=True))


@cache
def _dateline_in_text() -> re.Pattern[str]:
    """A dateline opening free text: an upper-case place of up to four words, then a date and/or
    an agency, then ':' or a dash."""
    caps_word = r"[A-ZÀ-ÖØ-Þ][A-ZÀ-ÖØ-Þ.'’&-]*"
    region_word = r"[A-ZÀ-ÖØ-Þ][\w.'’-]*"
    return re.compile(
        rf"""\A[ \t]*(?P<place>{caps_word}(?:[ ]{caps_word}){{0,3}}(?:,[ ]{region_word}(?:[ ]{region_word})*)?)
        (?:,[ ](?P<month>(?i:{_month_alternation()}))\.?[ ](?P<day>\d{{1,2}}))?
        (?:[ ]?\((?P<agency>[A-Za-z][\w.&' -]{{0,40}})\))?
        [ \t]*[:\-–—][ \t]+""",
        re.VERBOSE,
    )


@cache
def _dateline_field() -> re.Pattern[str]:
    """A dateline given in a field of its own (Reuters ``<DATELINE>``): any place, optionally a date."""
    return re.compile(
        rf"""\A\s*(?P<place>.*?)
        (?:,\s*(?P<month>{_month_alternation()})\.?\s*(?P<day>\d{{1,2}}))?
        [\s:\-–—]*\Z""",
        re.VERBOSE | re.IGNORECASE | re.DOTALL,
    )


@cache
def _date_patterns() -> tuple[re.Pattern[str], ...]:
    months = _month_alternation()
    return (
        re.compile(r"\b(?P<year>\d{4})[-/](?P<month>\d{1,2})[-/](?P<day>\d{1,2})(?!\d)"),
        re.compile(rf"\b(?P<day>\d{{1,2}})(?:st|nd|rd|th)?[-\s.]+(?P<month>{months})\b\.?[-\s.,]+(?P<year>\d{{4}})(?!\d)", re.I),
        re.compile(rf"\b(?P<month>{months})\b\.?\s+(?P<day>\d{{1,2}})(?:st|nd|rd|th)?,?\s+(?P<year>\d{{4}})(?!\d)", re.I),
    )


# ---------------------------------------------------------------- the parts of a story


def split_wire_header(text: str) -> tuple[dt.date | None, str, bool]:
    """Remove a leading `` date YYYY-MM-DD`` header: (its date, the text after it, whether there was one)."""
    match = _WIRE_HEADER.match(text)
    if match is None:
        return None, text, False
    return parse_date(match["date"]), text[match.end() :], True


def match_dateline(text: str) -> Dateline | None:
    """The wire dateline opening ``text`` (upper-case place, then a date and/or an agency), if any.

    Without a date, the agency must be a known one: upper-case words in parentheses are common
    in wire tables and headlines too.
    """
    match = _dateline_in_text().match(text)
    if match is None:
        return None
    if not match["month"] and (match["agency"] or "").casefold() not in known_agencies():
        return None
    return _dateline_from(match, match.group().lstrip())


def parse_dateline_field(value: str) -> Dateline | None:
    """A dateline written as a field of its own, e.g. Reuters' ``    SALVADOR, Feb 26 - ``."""
    match = _dateline_field().match(value)
    if match is None or not match["place"].strip():
        return None
    return _dateline_from(match, value.strip())


def _dateline_from(match: re.Match[str], text: str) -> Dateline:
    month = month_numbers()[match["month"].lower()] if match["month"] else None
    return Dateline(
        text=text,
        place=" ".join(match["place"].split()),
        month=month,
        day=int(match["day"]) if match["day"] else None,
        agency=match.groupdict().get("agency"),
    )


def parse_date(value: str | None, *, today: dt.date | None = None) -> dt.date | None:
    """The calendar date a metadata value names (ISO, ``26-FEB-1987 15:01``, ``July 8, 2017``, RFC 2822 ...).

    Impossible dates, unrecognised formats and, when ``today`` is given, dates more than a day
    after it give None: a wrong date must not sink the document. Day/month order in purely
    numeric dates like 08/07/2017 is ambiguous, so those are not guessed.
    """
    if not value:
        return None
    for pattern in _date_patterns():
        match = pattern.search(value)
        if match is None:
            continue
        month = match["month"]
        month_number = int(month) if month.isdigit() else month_numbers()[month.lower()]
        try:
            date = dt.date(int(match["year"]), month_number, int(match["day"]))
        except ValueError:
            return None
        if today is not None and date > today + dt.timedelta(days=1):
            return None
        return date
    return None


def drop_reuters_signoff(text: str) -> str:
    """Reuters stories end in a "Reuter" sign-off that is not part of the story.

    Only the last "reuter" can be it (the sign-off is followed by no word); a search of the whole text
    for spaces-then-sign-off took time quadratic in a run of spaces.
    """
    start = text.lower().rfind("reuter")
    if start < 0 or _REUTERS_SIGNOFF.match(text, start) is None:
        return text
    return text[:start].rstrip()


# ---------------------------------------------------------------- characters and lines


def normalize_characters(text: str) -> str:
    """NFC; one kind of line break; no zero-width or control characters; every other space a plain space."""
    text = unicodedata.normalize("NFC", text)
    text = _LINE_BREAKS.sub("\n", text).replace("\u2029", "\n\n")
    text = _INVISIBLE.sub("", text)
    text = _CONTROL.sub("", text)
    return _SPACE_NOT_NEWLINE.sub(" ", text)


def collapse_spaces(text: str) -> str:
    return " ".join(text.split())


def fix_wrong_direction_quotes(paragraph: str) -> str:
    """A closing mark ” where no quotation is open and a word follows it opens one: make it “.

    The wire writes ``” Now, more than ever`` for ``“Now, more than ever``. A ” that can close an
    open quotation is left alone however it is spaced, so a correct text never changes.
    """
    pieces = []
    position = 0
    quote_open = False
    for mark in _QUOTE_MARK.finditer(paragraph):
        if mark.group() == "“":
            quote_open = True
        elif quote_open:
            quote_open = False
        elif _opens_a_word(paragraph, mark.start(), mark.end()):
            spaces = _WORD_AFTER_SPACES.match(paragraph, mark.end())
            pieces.append(paragraph[position : mark.start()] + "“")
            position = spaces.end()
            quote_open = True
    pieces.append(paragraph[position:])
    return "".join(pieces)


def _opens_a_word(text: str, start: int, end: int) -> bool:
    after_space = start == 0 or text[start - 1].isspace() or text[start - 1] in "([—–"
    return after_space and _WORD_AFTER_SPACES.match(text, end) is not None


# ---------------------------------------------------------------- paragraphs


def split_paragraphs(text: str, *, infer_from_sentences: bool) -> list[str]:
    """The paragraphs of hard-wrapped text, each on one line with single spaces.

    A blank line or an indented line starts a paragraph. Text with neither (the seed's layout)
    gets its paragraphs from line structure when ``infer_from_sentences``: a line ending a sentence
    followed by one opening a sentence. Text that does have blank lines may still put some paragraphs
    on lines of their own (web exports); a block whose every line ends a sentence and is followed by
    one opening a sentence is such a run of paragraphs, not one hard-wrapped paragraph.
    """
    blocks = _blocks_by_blank_lines_and_indents(text.split("\n"))
    if infer_from_sentences and len(blocks) == 1:
        blocks = _blocks_by_sentence_ends(blocks[0])
    elif infer_from_sentences:
        blocks = [piece for block in blocks for piece in _lines_if_each_a_paragraph(block)]
    paragraphs = (collapse_spaces(" ".join(block)) for block in blocks)
    return [paragraph for paragraph in paragraphs if paragraph]


def _blocks_by_blank_lines_and_indents(lines: list[str]) -> list[list[str]]:
    blocks: list[list[str]] = [[]]
    for line in lines:
        if not line.strip():
            if blocks[-1]:
                blocks.append([])
            continue
        if line[0].isspace() and blocks[-1]:
            blocks.append([])
        blocks[-1].append(line)
    return [block for block in blocks if block]


def _blocks_by_sentence_ends(lines: list[str]) -> list[list[str]]:
    blocks = [[lines[0]]]
    for previous, line in zip(lines, lines[1:]):
        if _ENDS_SENTENCE.search(previous) and _opens_sentence(line):
            blocks.append([])
        blocks[-1].append(line)
    return blocks


def _lines_if_each_a_paragraph(block: list[str]) -> list[list[str]]:
    if all(_ENDS_SENTENCE.search(line) and _opens_sentence(following) for line, following in zip(block, block[1:])):
        return [[line] for line in block]
    return [block]


def _opens_sentence(line: str) -> bool:
    stripped = line.lstrip()
    return stripped[:1] in _OPENING_QUOTES or stripped[:1].isupper()


def join_paragraphs(paragraphs: list[str]) -> tuple[str, tuple[tuple[int, int], ...]]:
    """The body (paragraphs joined by a blank line) and each paragraph's (start, end) in it."""
    spans = []
    start = 0
    for paragraph in paragraphs:
        spans.append((start, start + len(paragraph)))
        start += len(paragraph) + len(PARAGRAPH_SEPARATOR)
    return PARAGRAPH_SEPARATOR.join(paragraphs), tuple(spans)


# ---------------------------------------------------------------- headlines


def split_first_line(text: str) -> tuple[str | None, str]:
    """Headline-first layout (BBC): line 1 is the headline, the rest is the story."""
    first, _, rest = text.strip("\n").partition("\n")
    return collapse_spaces(first) or None, rest


def split_trailing_headline(text: str, title: str | None) -> tuple[str | None, str]:
    """Wire layout: the headline stands alone on the last line.

    With a known ``title``, the last line is removed only when it repeats it. Without one, the
    last line is taken as the headline when it reads like one (starts upper-case, does not end
    like a sentence or clause) and the line before it ends a sentence.
    """
    lines = text.rstrip().split("\n")
    if len(lines) < 2:
        return title, text
    last, previous = lines[-1].strip(), lines[-2].strip()
    if title is not None:
        return title, "\n".join(lines[:-1]) if repeats(last, title) else text
    reads_like_headline = last[:1].isupper() and not _ENDS_CLAUSE.search(last)
    follows_a_sentence = not previous or _ENDS_SENTENCE.search(previous) is not None
    if reads_like_headline and follows_a_sentence:
        return collapse_spaces(last), "\n".join(lines[:-1])
    return title, text


def repeats(line: str | None, title: str) -> bool:
    return collapse_spaces(line or "").casefold() == collapse_spaces(title).casefold()


# ---------------------------------------------------------------- the record


@dataclass(frozen=True)
class _Parts:
    title: str | None
    text: str
    date: dt.date | None = None
    dateline: Dateline | None = None


def clean_record(record: RawRecord, *, today: dt.date | None = None) -> CleanDocument:
    """The clean document of one raw record; CleaningError (with a reason for the user) if it has no text.

    ``today``, when given, is the latest plausible publication date (plus a day); without it,
    future dates are not judged, so cleaning stays a pure function of the record.
    """
    parts = _split_parts(record, normalize_characters(record.text))
    paragraphs = [fix_wrong_direction_quotes(p) for p in split_paragraphs(parts.text, infer_from_sentences=record.layout != "reuters")]
    if not paragraphs:
        raise CleaningError("the record has no article text (empty, or only a header or headline): nothing to publish")
    body, spans = join_paragraphs(paragraphs)
    if len(body) > MAX_BODY_CHARS:
        raise CleaningError(
            f"the article is {len(body):,} characters long, over the {MAX_BODY_CHARS:,}-character limit for one article; "
            "if it is several articles run together, split them into records of their own"
        )
    dateline = parts.dateline or match_dateline(body)
    title = fix_wrong_direction_quotes(collapse_spaces(normalize_characters(parts.title))) if parts.title else None
    return CleanDocument(
        source_id=record.source_id,
        source_sha256=record.source_sha256,
        title=title or None,
        published_date=parse_date(record.date, today=today) or _not_after(parts.date, today),
        dateline=dateline.place if dateline else None,
        agency=(dateline.agency if dateline else None) or LAYOUT_AGENCIES.get(record.layout),
        body=body,
        paragraphs=spans,
    )


def _not_after(date: dt.date | None, today: dt.date | None) -> dt.date | None:
    if date is None or today is None or date <= today + dt.timedelta(days=1):
        return date
    return None


def _split_parts(record: RawRecord, text: str) -> _Parts:
    if record.layout == "headline_first":
        title, rest = split_first_line(text)
        if record.title is None or repeats(title, record.title):
            return _Parts(title=record.title or title, text=rest)
        return _Parts(title=record.title, text=text)  # a first line that is not the title given is story
    if record.layout == "reuters":
        return _reuters_parts(record, text)
    return _wire_parts(record, text)


def _reuters_parts(record: RawRecord, text: str) -> _Parts:
    text = drop_reuters_signoff(text)
    dateline = parse_dateline_field(record.dateline) if record.dateline else None
    if dateline is not None:
        text = f"{dateline.text} {text.lstrip()}"
    return _Parts(title=record.title, text=text, dateline=dateline)


def _wire_parts(record: RawRecord, text: str) -> _Parts:
    """The seed's layout, and any text that may be in it (JSONL/CSV fields, plain text)."""
    date, text, has_header = split_wire_header(text)
    is_wire = record.layout == "wire" or has_header or match_dateline(text.lstrip()) is not None
    title = record.title
    if is_wire:
        title, text = split_trailing_headline(text, title)
    return _Parts(title=title, text=text, date=date)
