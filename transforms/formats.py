"""Reading: the bytes of one input file become raw records, or quarantine records that say why not.

The format comes from the file name's extension (``.txt``, ``.jsonl``/``.ndjson``, ``.csv``,
``.sgm``, each optionally ``.gz``). Bad input never raises: it becomes a ``Quarantined``.

``source_sha256`` is the hash of the bytes the record came from: the whole (decompressed) file
for a ``.txt``; for a record inside a multi-record file, that record's own bytes in the file's
encoding (the JSONL line or CSV row without its line terminator, the Reuters ``<REUTERS>``
element), so a changed record is told apart from its unchanged neighbours.

Record ids are unique within a file: the first record with a given id is ``<name>#<id>``, a later
one with the same id is ``<name>#<id>@<record number>`` (numbered as for records without an id),
so an export that repeats an id loses nothing and every record keeps a name that finds it.
"""

from __future__ import annotations

import codecs
import csv
import gzip
import hashlib
import io
import sys
import json
import re
import unicodedata
import zlib
from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass, field

import charset_normalizer
import ftfy

from transforms.clean import match_dateline, split_wire_header
from transforms.records import Quarantined, RawRecord

ID_FIELDS = ("doc_id", "id")
TEXT_FIELDS = ("text", "body", "article", "content")
TITLE_FIELDS = ("title", "headline", "heading")
DATE_FIELDS = ("date", "published", "published_date")

# A compressed file may decompress to at most this many bytes (a gzip bomb is quarantined, not
# inflated into memory); the same bound the flow puts on a plain file's size.
MAX_DECOMPRESSED_BYTES = 256 * 1024 * 1024

# A BBC-style headline is a line, not a paragraph; BBC's longest is 9 words.
HEADLINE_MAX_WORDS = 25
# Western text in a legacy code page is mostly ASCII; Cyrillic, Greek or CJK text read as
# cp1252 is mostly "accented letters" instead, and is left to charset-normalizer.
WESTERN_MAX_NON_ASCII_SHARE = 0.3
_WESTERN_SYMBOLS = set("£€¥¢©®°±×÷§¶·•…–—‘’‚“”„«»‹›†‡™¡¿ªº¹²³¼½¾")

_BYTE_ORDER_MARKS = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)
_BINARY_CONTROL = re.compile(r"[\x00-\x08\x0e-\x1a\x1c-\x1f]")
_LONE_SURROGATE = re.compile("[\ud800-\udfff]")
_BINARY_CONTROL_BYTE = re.compile(rb"[\x00-\x08\x0e-\x1a\x1c-\x1f]")
# Repair mojibake only; whitespace, quotes and Unicode normal form are the cleaner's business.
_REPAIR_ENCODING_ONLY = ftfy.TextFixerConfig(
    unescape_html=False,
    remove_terminal_escapes=False,
    fix_latin_ligatures=False,
    fix_character_width=False,
    uncurl_quotes=False,
    fix_line_breaks=False,
    remove_control_chars=False,
    normalization=None,
    explain=False,
)

_REUTERS_START = re.compile(r"(?=<REUTERS\b)")
_REUTERS_END = "</REUTERS>"
_NEWID = re.compile(r'\bNEWID="(?P<id>[^"]*)"')
# Elements are found by an opening-tag pattern and str.find of the closing tag, never by "<X>(.*?)</X>":
# that pattern retries from every unclosed opening tag, quadratic in a file of them. Attributes stop at
# "<" for the same reason.
_TEXT_OPENING = re.compile(r"<TEXT\b(?P<attributes>[^<>]*)>")
_FIELD_OPENING = re.compile(r"<(TITLE|DATELINE|AUTHOR)>")
_TAG = re.compile(r"</?[A-Za-z][^<>]*>")
_SGML_ENTITY = re.compile(r"&(?:#(?P<number>\d+)|(?P<name>lt|gt|amp|quot|apos));")
_SGML_NAMED = {"lt": "<", "gt": ">", "amp": "&", "quot": '"', "apos": "'"}


class UndecodableError(ValueError):
    """The bytes are not text in any encoding we can recognise; the message says why."""


class DecompressedTooLarge(ValueError):
    """A compressed file inflates past the limit; the message says so."""


@dataclass(frozen=True)
class DecodedText:
    """A file's text and the codec that turns any slice of it back into the file's bytes."""

    text: str
    codec: str
    sha256: str  # of the whole file's bytes

    def sha256_of(self, piece: str) -> str:
        return hashlib.sha256(piece.encode(self.codec)).hexdigest()


Reader = Callable[[str, DecodedText], Iterator[RawRecord | Quarantined]]


# ---------------------------------------------------------------- entry point


def read_records(name: str, data: bytes, *, max_decompressed_bytes: int = MAX_DECOMPRESSED_BYTES) -> Iterator[RawRecord | Quarantined]:
    """The records of one input file; ``name`` is its path relative to the input root."""
    compressed = name.lower().endswith(".gz")
    format_name = name[: -len(".gz")] if compressed else name
    reader = _reader_for(format_name)
    if reader is None:
        yield Quarantined(name, "read", f"unknown file type: expected one of {', '.join(_READERS)} (optionally .gz)", _sha256(data))
        return
    if compressed:
        try:
            data = decompress_gzip(data, max_decompressed_bytes)
        except (OSError, EOFError, zlib.error) as error:
            yield Quarantined(name, "read", f"corrupt or truncated gzip file: {error or type(error).__name__}", _sha256(data))
            return
        except DecompressedTooLarge as error:
            yield Quarantined(name, "read", str(error), _sha256(data))
            return
    if not data:
        yield Quarantined(name, "read", "empty file (0 bytes)", _sha256(data))
        return
    try:
        decoded = decode_bytes(data)
    except UndecodableError as error:
        yield Quarantined(name, "decode", str(error), _sha256(data))
        return
    found = False
    for record in reader(name, decoded):
        found = True
        yield record
    if not found:  # a header-only CSV, a JSONL of blank lines: the file itself is the record to account for
        yield Quarantined(name, "parse", "no records in the file: it holds a header or blank lines but no article", decoded.sha256)


def decompress_gzip(data: bytes, limit: int) -> bytes:
    """The decompressed bytes (every gzip member), inflating no more than ``limit`` + 1 bytes."""
    with gzip.GzipFile(fileobj=io.BytesIO(data)) as stream:
        inflated = stream.read(limit + 1)
    if len(inflated) > limit:
        raise DecompressedTooLarge(
            f"decompresses to more than {limit:,} bytes from {len(data):,} (a gzip bomb, or an archive to split into smaller files)"
        )
    return inflated


def _reader_for(name: str) -> Reader | None:
    for extension, reader in _READERS.items():
        if name.lower().endswith(extension):
            return reader
    return None


def _sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


# ---------------------------------------------------------------- decoding


def decode_bytes(data: bytes) -> DecodedText:
    """Text from bytes: a byte-order mark decides; else UTF-8; else cp1252 when the text reads as
    Western text; else charset-normalizer's guess. UndecodableError for binary data."""
    text, codec = _decode_by_byte_order_mark(data) or _decode_guessing(data)
    control = _BINARY_CONTROL.search(text)
    if control is not None:
        raise UndecodableError(
            f"binary data, not text: it holds NUL or other control bytes (the first, U+{ord(control.group()):04X}, "
            f"at character {control.start():,} of {len(text):,} read as {codec})"
        )
    return DecodedText(text=text, codec=codec, sha256=_sha256(data))


def _decode_by_byte_order_mark(data: bytes) -> tuple[str, str] | None:
    for mark, codec in _BYTE_ORDER_MARKS:
        if data.startswith(mark):
            try:
                return data[len(mark) :].decode(codec), codec
            except UnicodeDecodeError as error:
                raise UndecodableError(f"starts with a {codec} byte-order mark but is not valid {codec}: {error.reason} at byte {error.start}") from error
    return None


def _decode_guessing(data: bytes) -> tuple[str, str]:
    # NUL bytes are valid UTF-8, but in text they mean UTF-16/32 without a byte-order mark.
    if b"\x00" not in data:
        try:
            return data.decode("utf-8"), "utf-8"
        except UnicodeDecodeError:
            pass
        western = _decode_western(data)
        if western is not None:
            return western
    guess = charset_normalizer.from_bytes(data).best()
    if guess is None:
        # where the text ends tells "an article followed by garbage" from a file that is all binary
        text_bytes = _utf8_text_prefix(data)
        where = f"; its first {text_bytes:,} of {len(data):,} bytes are UTF-8 text (text followed by binary data?)" if text_bytes else ""
        raise UndecodableError(f"not text in any encoding charset-normalizer recognises (binary data?){where}")
    return str(guess), guess.encoding


def _utf8_text_prefix(data: bytes) -> int:
    """How many leading bytes are UTF-8 text without control characters."""
    try:
        data.decode("utf-8")
        end = len(data)
    except UnicodeDecodeError as error:
        end = error.start
    control = _BINARY_CONTROL_BYTE.search(data, 0, end)
    return control.start() if control else end


def _decode_western(data: bytes) -> tuple[str, str] | None:
    """cp1252 (which prints every Latin-1 letter and symbol) when the result reads as Western text.

    Bytes cp1252 leaves undefined would be C1 control characters in Latin-1, not text."""
    try:
        text = data.decode("cp1252")
    except UnicodeDecodeError:
        return None
    return (text, "cp1252") if _reads_as_western(text) else None


def _reads_as_western(text: str) -> bool:
    non_ascii = [char for char in text if ord(char) > 0x7F]
    if len(non_ascii) > WESTERN_MAX_NON_ASCII_SHARE * len(text):
        return False
    return all(char.isalpha() or char in _WESTERN_SYMBOLS or char == "\xa0" for char in non_ascii)


def repair_text(text: str) -> str:
    """Undo mojibake (UTF-8 read as cp1252 and the like) without touching anything else."""
    if text.isascii():  # mojibake needs non-ASCII characters; this skips ftfy's cost for most text
        return text
    return ftfy.fix_text(text, _REPAIR_ENCODING_ONLY)


# ---------------------------------------------------------------- .txt


def detect_text_layout(text: str) -> str:
    """``wire`` (the seed's: a date header or a dateline opens it), ``headline_first`` (BBC: a
    headline line, a blank line, the story) or ``plain``."""
    _, after_header, has_header = split_wire_header(text)
    if has_header or match_dateline(after_header.lstrip()) is not None:
        return "wire"
    first, newline, rest = text.lstrip().partition("\n")
    second, _, after = rest.partition("\n")
    if newline and not second.strip() and after.strip() and len(first.split()) <= HEADLINE_MAX_WORDS:
        return "headline_first"
    return "plain"


def read_text_article(name: str, decoded: DecodedText) -> Iterator[RawRecord | Quarantined]:
    text = repair_text(decoded.text)
    if not text.strip():
        yield Quarantined(name, "parse", "the file holds no text, only whitespace", decoded.sha256)
        return
    yield RawRecord(source_id=name, source_sha256=decoded.sha256, text=text, layout=detect_text_layout(text))


# ---------------------------------------------------------------- record ids


@dataclass
class SourceIds:
    """The source ids of one file's records, unique within it (see the module docstring)."""

    name: str
    taken: set[str] = field(default_factory=set)

    def of(self, number: int, record_id: object = None) -> str:
        # a JSON "\\ud800" is a lone surrogate, which no Parquet string can hold
        record = _LONE_SURROGATE.sub("\ufffd", str(record_id)) if _is_scalar(record_id) else number
        source_id = f"{self.name}#{record}"
        while source_id in self.taken:  # an id "7@3" could meet the "7" of record 3; each round lengthens it
            source_id += f"@{number}"
        self.taken.add(source_id)
        return source_id


# ---------------------------------------------------------------- fields (JSONL, CSV)


def record_from_fields(ids: SourceIds, number: int, fields: Mapping[str, object], sha256: str, layout: str) -> RawRecord | Quarantined:
    """A record from named fields (DESIGN §2); field names match case-insensitively."""
    by_name = {key.strip().lower(): value for key, value in fields.items() if isinstance(key, str)}
    source_id = ids.of(number, _first_value(by_name, ID_FIELDS))
    text = _first_value(by_name, TEXT_FIELDS)
    if text is None:
        return Quarantined(source_id, "parse", f"no article text: none of the fields {', '.join(TEXT_FIELDS)} holds any", sha256)
    if not isinstance(text, str):
        return Quarantined(source_id, "parse", f"the article text is a {type(text).__name__}, not a string", sha256)
    title = _first_value(by_name, TITLE_FIELDS)
    date = _first_value(by_name, DATE_FIELDS)
    return RawRecord(
        source_id=source_id,
        source_sha256=sha256,
        text=repair_text(text),
        layout=layout,
        title=repair_text(str(title)) if _is_scalar(title) else None,
        date=str(date) if _is_scalar(date) else None,
    )


def _first_value(fields: Mapping[str, object], names: tuple[str, ...]) -> object | None:
    """The first of ``names`` with a value that is not null or blank."""
    for name in names:
        value = fields.get(name)
        if value is not None and not (isinstance(value, str) and not value.strip()):
            return value
    return None


def _is_scalar(value: object) -> bool:
    return isinstance(value, (str, int, float)) and not isinstance(value, bool)


def read_json_lines(name: str, decoded: DecodedText) -> Iterator[RawRecord | Quarantined]:
    """One record per non-blank line; records are numbered without counting blank lines."""
    number = 0
    ids = SourceIds(name)
    for line_number, line in enumerate(decoded.text.split("\n"), start=1):
        if not line.strip():
            continue
        number += 1
        sha256 = decoded.sha256_of(line)
        try:
            value = json.loads(line)
        except json.JSONDecodeError as error:
            yield Quarantined(ids.of(number), "parse", f"line {line_number} is not valid JSON: {error.msg} (column {error.colno})", sha256)
            continue
        except RecursionError:
            yield Quarantined(ids.of(number), "parse", f"line {line_number} nests JSON arrays or objects too deeply to read", sha256)
            continue
        if not isinstance(value, dict):
            yield Quarantined(ids.of(number), "parse", f"line {line_number} is a JSON {type(value).__name__}, not an object with a text field", sha256)
            continue
        yield record_from_fields(ids, number, value, sha256, layout="jsonl")


class _LineRecorder:
    """Iterates lines for csv.reader and keeps those it consumed, so each row's raw text is known."""

    def __init__(self, text: str):
        self._lines = io.StringIO(text, newline="")
        self._taken: list[str] = []

    def __iter__(self) -> _LineRecorder:
        return self

    def __next__(self) -> str:
        line = next(self._lines)
        self._taken.append(line)
        return line

    def take(self) -> str:
        taken = "".join(self._taken)
        self._taken.clear()
        return taken.rstrip("\r\n")


@contextmanager
def _csv_field_limit(limit: int) -> Iterator[None]:
    previous = csv.field_size_limit(limit)
    try:
        yield
    finally:
        csv.field_size_limit(previous)


def _csv_rows(text: str, lines: _LineRecorder) -> Iterator[list[str]]:
    """The csv module's rows with no field limit short of the text's own length.

    Its default limit (128 KiB a field) would end a file at its first long article; the limit is
    process-wide, so it is raised only while a row is parsed, never while the caller holds it.
    """
    rows = csv.reader(lines)
    limit = min(max(len(text), csv.field_size_limit()), sys.maxsize >> 1)
    while True:
        with _csv_field_limit(limit):
            row = next(rows, None)
        if row is None:
            return
        yield row


def read_csv_rows(name: str, decoded: DecodedText) -> Iterator[RawRecord | Quarantined]:
    """One record per row under a header row; rows are numbered without the header and blank lines."""
    lines = _LineRecorder(decoded.text)
    rows = _csv_rows(decoded.text, lines)
    ids = SourceIds(name)
    number = 0
    try:
        header = next(rows, None)
        if header is None:
            yield Quarantined(name, "parse", "the CSV file has no header row", decoded.sha256)
            return
        columns = [column.strip().lower() for column in header]
        if not set(columns) & set(TEXT_FIELDS):
            found = ", ".join(repr(column) for column in header) or "none"
            yield Quarantined(name, "parse", f"no text column: found columns {found}; a text column is one of {', '.join(TEXT_FIELDS)}", decoded.sha256)
            return
        lines.take()
        for row in rows:
            raw = lines.take()
            if len(row) <= 1 and not "".join(row).strip():
                continue
            number += 1
            if len(row) > len(columns):
                reason = f"row {number} has {len(row)} cells but the header names {len(columns)} columns (an unquoted comma?)"
                yield Quarantined(ids.of(number), "parse", reason, decoded.sha256_of(raw))
                continue
            yield record_from_fields(ids, number, dict(zip(columns, row)), decoded.sha256_of(raw), layout="csv")
    except csv.Error as error:
        yield Quarantined(ids.of(number + 1), "parse", f"the CSV cannot be parsed from row {number + 1} on: {error}", decoded.sha256)


# ---------------------------------------------------------------- Reuters-21578 SGML


def decode_sgml_entities(text: str) -> str:
    """``&lt;`` → ``<`` etc.; character references to control characters (``&#3;``) are markup, removed."""
    return _SGML_ENTITY.sub(_entity_text, text)


def _entity_text(match: re.Match[str]) -> str:
    if match["name"]:
        return _SGML_NAMED[match["name"]]
    number = int(match["number"])
    if number > 0x10FFFF or (unicodedata.category(chr(number)) in ("Cc", "Cs") and chr(number) not in "\t\n"):
        return ""
    return chr(number)


def read_reuters_sgml(name: str, decoded: DecodedText) -> Iterator[RawRecord | Quarantined]:
    """One record per ``<REUTERS ... NEWID="n">`` element."""
    chunks = _REUTERS_START.split(decoded.text)[1:]
    if not chunks:
        yield Quarantined(name, "parse", "no <REUTERS> stories found: not a Reuters-21578 SGML file", decoded.sha256)
    ids = SourceIds(name)
    for number, chunk in enumerate(chunks, start=1):
        yield reuters_story(ids, number, chunk, decoded)


def reuters_story(ids: SourceIds, number: int, chunk: str, decoded: DecodedText) -> RawRecord | Quarantined:
    end = chunk.find(_REUTERS_END)
    element = chunk[: end + len(_REUTERS_END)] if end >= 0 else chunk
    newid = _NEWID.search(element[: element.find(">") + 1])
    source_id = ids.of(number, newid["id"] if newid else None)
    sha256 = decoded.sha256_of(element)
    if end < 0:
        return Quarantined(source_id, "parse", "the story is cut off: no closing </REUTERS> tag", sha256)
    text_element = _text_element(element)
    if text_element is None:
        return Quarantined(source_id, "parse", "the story has no <TEXT> element", sha256)
    attributes, content = text_element
    title = _sgml_field(content, "TITLE")
    if 'TYPE="BRIEF"' in attributes:
        return Quarantined(source_id, "parse", f'a brief (TEXT TYPE="BRIEF"): only a headline ({_one_line(title)!r}), no story text', sha256)
    text = _sgml_field(content, "BODY")
    if text is None:
        text = _text_outside_fields(content)
    if not text.strip():
        return Quarantined(source_id, "parse", "the story has no text: empty <BODY> and <TEXT>", sha256)
    return RawRecord(
        source_id=source_id,
        source_sha256=sha256,
        text=text,
        layout="reuters",
        title=title,
        date=_sgml_field(element, "DATE"),
        dateline=_sgml_field(content, "DATELINE"),
    )


def _text_element(element: str) -> tuple[str, str] | None:
    """(attributes, content) of the story's first closed <TEXT ...> element."""
    opening = _TEXT_OPENING.search(element)
    end = element.find("</TEXT>", opening.end()) if opening else -1
    return (opening["attributes"], element[opening.end() : end]) if end >= 0 else None


def _sgml_field(content: str, tag: str) -> str | None:
    start = content.find(f"<{tag}>")
    end = content.find(f"</{tag}>", start + len(tag) + 2) if start >= 0 else -1
    return repair_text(decode_sgml_entities(content[start + len(tag) + 2 : end])) if end >= 0 else None


def _one_line(text: str | None) -> str:
    return " ".join((text or "").split())


def _text_outside_fields(content: str) -> str:
    """Unstructured stories (TYPE="UNPROC") keep their words in <TEXT> itself."""
    return repair_text(decode_sgml_entities(_TAG.sub("", _without_fields(content))))


def _without_fields(content: str) -> str:
    """The content less its <TITLE>, <DATELINE> and <AUTHOR> elements, in one pass."""
    pieces, position, unclosed = [], 0, set()
    for opening in _FIELD_OPENING.finditer(content):
        tag = opening[1]
        if opening.start() < position or tag in unclosed:
            continue
        end = content.find(f"</{tag}>", opening.end())
        if end < 0:  # none after this one means none after any later one either
            unclosed.add(tag)
            continue
        pieces.append(content[position : opening.start()])
        position = end + len(tag) + 3
    pieces.append(content[position:])
    return "".join(pieces)


_READERS: dict[str, Reader] = {
    ".txt": read_text_article,
    ".jsonl": read_json_lines,
    ".ndjson": read_json_lines,
    ".csv": read_csv_rows,
    ".sgm": read_reuters_sgml,
}
