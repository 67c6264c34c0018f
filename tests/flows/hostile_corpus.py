"""A folder of hostile input files, generated at test time, and the fate each record must meet.

Every article is made up here; nothing comes from a real corpus.
"""

from __future__ import annotations

import codecs
import gzip
import json
import os
import random
from dataclasses import dataclass
from pathlib import Path

from flows.inputs import MAX_FILE_BYTES


@dataclass(frozen=True)
class Fate:
    status: str  # published / duplicate / unchanged / quarantined
    stage: str | None = None
    reason: str | None = None  # a substring of the reason a user reads


PUBLISHED = Fate("published")

PLACES = ["LAHORE", "KARACHI", "GENEVA", "NAIROBI", "LIMA", "OSLO", "HANOI", "QUITO", "ACCRA", "RIGA", "SUVA", "DOHA"]
SUBJECTS = ["The council", "Officials", "The ministry", "Local traders", "The mayor", "Health workers", "Farmers", "The court"]
VERBS = ["announced new measures", "reported heavy rain", "opened a new bridge", "delayed the vote", "raised prices", "closed the port"]


def article(seed: int, *, headline: bool = True) -> str:
    """A made-up news story, different for every seed: a headline, a blank line, two paragraphs."""
    rng = random.Random(seed)
    place = rng.choice(PLACES)
    sentences = [f"{rng.choice(SUBJECTS)} {rng.choice(VERBS)} on day {seed} of the month, a spokesman said." for _ in range(4)]
    body = f"{place}, March {1 + seed % 28} (APP): {sentences[0]} {sentences[1]}\n\n“We are ready,” said Amina Khan, the head of the office. {sentences[2]} {sentences[3]}\n"
    return f"{place.title()} story number {seed}\n\n{body}" if headline else body


def jsonl(*records: dict) -> bytes:
    return "".join(json.dumps(record) + "\n" for record in records).encode()


def write_hostile_corpus(folder: Path) -> dict[str, Fate]:
    """Write the files under ``folder``; return source_id → the fate its record must meet."""
    folder.mkdir(parents=True, exist_ok=True)
    fates: dict[str, Fate] = {}

    def add(name: str, data: bytes, *records: tuple[str, Fate]) -> None:
        path = folder / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)
        for suffix, fate in records or [("", PUBLISHED)]:
            fates[name + suffix] = fate

    add("empty.txt", b"", ("", Fate("quarantined", "read", "empty file (0 bytes)")))
    add("picture.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)) * 8, ("", Fate("quarantined", "decode", "binary data")))
    add("utf16 with bom.txt", codecs.BOM_UTF16_LE + article(1).encode("utf-16-le"))
    add("windows-1252.txt", article(2).replace("ready", "ready for the café’s £5 menu").encode("cp1252"))
    plain_quotes = article(3).replace("“", '"').replace("”", '"')  # cp1252 has no character for a byte of ”
    add("mojibake.txt", plain_quotes.replace("ready", "ready for the café").encode("utf-8").decode("cp1252").encode("utf-8"))
    add("nul bytes.txt", article(4).encode()[:40] + b"\x00\x00" + article(4).encode()[40:], ("", Fate("quarantined", "decode", "U+0000, at character 40")))
    add("one long line.txt", (article(5, headline=False).replace("\n", " ") * 12_000).encode(), ("", Fate("quarantined", "clean", "-character limit for one article")))
    add("header only.csv", b"id,title,text\r\n", ("", Fate("quarantined", "parse", "no records in the file")))
    add("header only.txt", b" date 2017-07-08\n", ("", Fate("quarantined", "clean", "no article text")))
    add("far future.txt", (" date 2999-01-01\n" + article(6, headline=False)).encode())
    add("impossible date.txt", (" date 2017-02-30\n" + article(7, headline=False)).encode())
    add("crlf.txt", article(8).replace("\n", "\r\n").encode())
    add("copies/1 original.txt", article(9).encode())
    add("copies/2 copy of original.txt", article(9).encode(), ("", Fate("duplicate", None, "same content as copies/1 original.txt")))
    add(
        "malformed.jsonl",
        jsonl({"id": "m1", "text": article(10)}) + b'{"id": "m2", "text": "cut off\n' + b'["a", "list"]\n' + jsonl({"id": "m1", "text": article(11), "date": "2999-12-31"}),
        ("#m1", PUBLISHED),
        ("#2", Fate("quarantined", "parse", "line 2 is not valid JSON")),
        ("#3", Fate("quarantined", "parse", "is a JSON list, not an object")),
        ("#m1@4", PUBLISHED),  # the same id again: renamed with its record number, kept
    )
    add("summaries.csv", b"id,title,summary\n1,A,B\n", ("", Fate("quarantined", "parse", "no text column")))
    # a cell over the csv module's 128 KiB default limit (in a column we do not use: spaCy on a long text takes long)
    add("long cell.csv", f'id,text,notes\n1,"{article(12)}","{"note " * 40_000}"\n2,"{article(13)}",\n'.encode(), ("#1", PUBLISHED), ("#2", PUBLISHED))
    add("truncated.txt.gz", gzip.compress(article(14).encode() * 20)[:-40], ("", Fate("quarantined", "read", "corrupt or truncated gzip")))
    garbage = random.Random(15).randbytes(600)
    add("article then garbage.txt", article(15).encode() + garbage, ("", Fate("quarantined", "decode", "bytes are UTF-8 text")))
    add("ünïcödé dir/name with spaces & ünïcödé.txt", article(16).encode())
    add("gzip bomb.txt.gz", gzip.compress(b" " * (1 << 20)) * (MAX_FILE_BYTES // (1 << 20) + 1), ("", Fate("quarantined", "read", "gzip bomb")))
    add("notes.docx", b"PK\x03\x04 not ours", ("", Fate("quarantined", "read", "unknown file type")))
    add("deep.jsonl", b"[" * 50_000 + b"\n" + jsonl({"text": article(17)}), ("#1", Fate("quarantined", "parse", "too deeply")), ("#2", PUBLISHED))
    add("not reuters.sgm", b"<html><body>hello</body></html>", ("", Fate("quarantined", "parse", "no <REUTERS> stories")))
    add(
        "hostile ids.jsonl",
        jsonl(
            {"id": "../../../../outside", "text": article(18), "date": "../../etc/passwd"},
            {"id": "/tmp/absolute", "text": article(19), "title": "../../title"},
            {"id": "year=1999/month=1", "text": article(20), "date": "0001-01-01"},
            {"id": "lone \ud800 surrogate", "text": article(21)},
        ),
        ("#../../../../outside", PUBLISHED),
        ("#/tmp/absolute", PUBLISHED),
        ("#year=1999/month=1", PUBLISHED),
        ("#lone \ufffd surrogate", PUBLISHED),  # no Parquet string holds a lone surrogate
    )
    # a name that is not UTF-8 (Latin-1 é): shown with U+FFFD
    (folder / os.fsdecode(b"latin-1 caf\xe9.txt")).write_bytes(article(22).encode())
    fates["latin-1 caf\ufffd.txt"] = PUBLISHED
    add("utf-8 bom.jsonl", codecs.BOM_UTF8 + jsonl({"id": "b1", "text": article(23)}), ("#b1", PUBLISHED))
    story = f'<REUTERS NEWID="7">\n<DATE>26-FEB-1987 15:01:01.79</DATE>\n<TEXT><TITLE>GRAIN</TITLE><BODY>{article(24, headline=False)}</BODY></TEXT>\n</REUTERS>\n'
    add("cut off.sgm", (story + story.replace('"7"', '"8"')[:90]).encode(), ("#7", PUBLISHED), ("#8", Fate("quarantined", "parse", "cut off")))
    add("title only.jsonl", jsonl({"id": 1, "title": "Just a headline"}), ("#1", Fate("quarantined", "parse", "no article text")))
    return fates
