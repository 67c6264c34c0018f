import codecs
import csv
import gzip
import hashlib
import json
import re
import time
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from transforms.clean import clean_record
from transforms.formats import (
    decode_bytes,
    decode_sgml_entities,
    detect_text_layout,
    read_records,
    repair_text,
)
from transforms.records import CleaningError, Quarantined, RawRecord

SEEDS = Path(__file__).resolve().parents[2] / "seeds"
SEED_NAME = "000_421bba50f5ab9343.txt"


def sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def read(name: str, data: bytes, **limits) -> list[RawRecord | Quarantined]:
    return list(read_records(name, data, **limits))


def read_one(name: str, data: bytes, **limits) -> RawRecord | Quarantined:
    (record,) = read(name, data, **limits)
    return record


def jsonl(*records: dict) -> bytes:
    return "".join(json.dumps(record) + "\n" for record in records).encode()


def reuters_element(newid: str, text_element: str) -> str:
    return f'<REUTERS TOPICS="NO" NEWID="{newid}">\n<DATE>26-FEB-1987 15:01:01.79</DATE>\n{text_element}\n</REUTERS>\n'


# ---------------------------------------------------------------- the seeds


def test_seed_is_one_wire_record_hashed_over_its_bytes():
    data = (SEEDS / SEED_NAME).read_bytes()
    record = read_one(SEED_NAME, data)
    assert isinstance(record, RawRecord)
    assert (record.source_id, record.layout, record.source_sha256) == (SEED_NAME, "wire", sha256(data))
    assert record.text == data.decode("utf-8")


@pytest.mark.parametrize(
    "name, source_ids, layout",
    [
        ("bbc_layout_sample.txt", ["bbc_layout_sample.txt"], "headline_first"),
        ("wire_exports.jsonl", ["wire_exports.jsonl#wx-101", "wire_exports.jsonl#wx-102", "wire_exports.jsonl#3"], "jsonl"),
        ("wire_exports.csv", ["wire_exports.csv#wx-201", "wire_exports.csv#wx-202"], "csv"),
        ("reuters_sample.sgm", ["reuters_sample.sgm#90001", "reuters_sample.sgm#90002"], "reuters"),
        ("compressed_sample.jsonl.gz", ["compressed_sample.jsonl.gz#gz-1"], "jsonl"),
    ],
)
def test_every_seed_sample_reads(name, source_ids, layout):
    records = read(name, (SEEDS / name).read_bytes())
    assert all(isinstance(record, RawRecord) for record in records)
    assert [record.source_id for record in records] == source_ids
    assert {record.layout for record in records} == {layout}
    assert len({record.source_sha256 for record in records}) == len(records)


def test_jsonl_fields_by_any_accepted_name():
    records = read("wire_exports.jsonl", (SEEDS / "wire_exports.jsonl").read_bytes())
    last = records[-1]
    assert (last.title, last.date) == ("Library extends opening hours", "2021-03-16T09:30:00Z")
    assert last.text.startswith("The central library")
    assert records[1].title is None and records[1].date == "March 15, 2021"


def test_reuters_sample_fields():
    first = read("reuters_sample.sgm", (SEEDS / "reuters_sample.sgm").read_bytes())[0]
    assert first.title == "SAMPLE GRAIN CO <SGC> RAISES STORAGE CAPACITY"
    assert first.date == " 2-MAR-1987 10:15:22.41"
    assert first.dateline == "    OMAHA, March 2 - "
    assert first.text.startswith("Sample Grain Co <SGC> said it added\n")
    assert "&" not in first.text and "\x03" not in first.text


# ---------------------------------------------------------------- layouts of a .txt


@pytest.mark.parametrize(
    "text, layout",
    [
        (" date 2017-07-08 UNITED NATIONS, July 8 (APP): The heads", "wire"),
        ("LAHORE, May 2 (APP): Rain fell.\nRain in Lahore", "wire"),
        ("Rain in Lahore\n\nRain fell on Lahore.\n", "headline_first"),
        ("Rain fell on Lahore.\nIt was heavy.\n", "plain"),
        ("Rain in Lahore\n\n", "plain"),
        (("word " * 40) + "\n\nMore.", "plain"),
    ],
)
def test_detect_text_layout(text, layout):
    assert detect_text_layout(text) == layout


# ---------------------------------------------------------------- decoding


@pytest.mark.parametrize("bom, codec", [(codecs.BOM_UTF16_LE, "utf-16-le"), (codecs.BOM_UTF16_BE, "utf-16-be"), (codecs.BOM_UTF8, "utf-8")])
def test_byte_order_marks_decide_the_encoding(bom, codec):
    text = "Headline\n\n“Quoted,” she said. Café £5.\n"
    record = read_one("a.txt", bom + text.encode(codec))
    assert record.text == text and record.layout == "headline_first"


def test_utf16_without_byte_order_mark_is_detected():
    text = "Prices rose sharply on Monday as traders returned to the market after the holiday.\n" * 3
    assert decode_bytes(text.encode("utf-16-le")).text == text


def test_cp1252_and_latin1_fall_back_to_cp1252():
    assert read_one("a.txt", "Headline\n\nIt cost £5 – “cheap”, said José.".encode("cp1252")).text.endswith("“cheap”, said José.")
    # one Latin-1 byte in ASCII text, like BBC sport/199.txt
    assert decode_bytes(b"Caf\xe9 costs \xa39").text == "Café costs £9"


def test_non_western_legacy_encoding_is_left_to_charset_normalizer():
    text = "Правительство объявило о новых мерах поддержки сельского хозяйства в этом году."
    assert decode_bytes(text.encode("cp1251")).text == text


def test_mojibake_is_repaired_but_quotes_and_spacing_are_kept():
    assert repair_text("The cafÃ© said â€œyesâ€\x9d\r\n") == "The café said “yes”\r\n"
    assert read_one("a.txt", "Headline\n\nThe cafÃ© said â€œyesâ€\x9d.".encode()).text.endswith("The café said “yes”.")


@pytest.mark.parametrize(
    "data, reason",
    [
        (b"\x00" * 64, "binary"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x01\x00" + bytes(range(256)) * 4, "binary|not text"),
        (b"Headline\x00\x01\x02 more", "binary"),
        (codecs.BOM_UTF16_LE + b"\x00\xd8", "utf-16-le"),
    ],
)
def test_binary_or_undecodable_data_is_quarantined_at_decode(data, reason):
    record = read_one("a.txt", data)
    assert isinstance(record, Quarantined)
    assert (record.source_id, record.stage) == ("a.txt", "decode")
    assert re.search(reason, record.reason)


def test_text_followed_by_binary_data_says_where_the_text_ends():
    article = b"Headline\n\nRain fell on Lahore on Monday.\n"
    record = read_one("a.txt", article + bytes(range(256)) * 2)
    assert isinstance(record, Quarantined) and record.stage == "decode"
    assert f"its first {len(article)} of {len(article) + 512} bytes are UTF-8 text" in record.reason
    nul = read_one("b.txt", article[:10] + b"\x00" + article[10:])
    assert "U+0000, at character 10 of" in nul.reason


@pytest.mark.parametrize("name, data", [("h.csv", b"id,title,text\r\n"), ("b.jsonl", b"\n \n\t\n"), ("h.csv.gz", gzip.compress(b"text\n\n"))])
def test_a_file_without_records_is_one_quarantined_record(name, data):
    record = read_one(name, data)
    assert isinstance(record, Quarantined) and (record.source_id, record.stage) == (name, "parse")
    assert "no records in the file" in record.reason


def test_empty_or_blank_files_are_quarantined():
    assert read_one("a.txt", b"") == Quarantined("a.txt", "read", "empty file (0 bytes)", sha256(b""))
    blank = read_one("b.txt", b" \n\t\n")
    assert isinstance(blank, Quarantined) and "only whitespace" in blank.reason
    assert read_one("c.jsonl.gz", gzip.compress(b"")).reason == "empty file (0 bytes)"


# ---------------------------------------------------------------- file names and gzip


def test_unknown_extension_is_one_quarantined_record():
    record = read_one("notes.docx", b"PK\x03\x04")
    assert isinstance(record, Quarantined) and record.stage == "read"
    assert "unknown file type" in record.reason and ".jsonl" in record.reason


def test_extensions_are_case_insensitive_and_ndjson_is_jsonl():
    assert read_one("A.TXT", b"Headline\n\nText.").layout == "headline_first"
    assert read_one("a.ndjson", jsonl({"text": "Hi."})).source_id == "a.ndjson#1"
    assert read_one("a.JSONL.GZ", gzip.compress(jsonl({"text": "Hi."}))).layout == "jsonl"


def test_gzip_of_each_format_reads_like_the_plain_file():
    for name in ("wire_exports.csv", "reuters_sample.sgm", SEED_NAME):
        data = (SEEDS / name).read_bytes()
        plain = read(name, data)
        compressed = read(name + ".gz", gzip.compress(data))
        assert [r.text for r in compressed] == [r.text for r in plain]
        assert [r.source_id for r in compressed] == [r.source_id.replace(name, name + ".gz") for r in plain]


@pytest.mark.parametrize("data", [gzip.compress(b"Headline\n\n" + b"text " * 1000)[:-30], b"not gzip at all", b"\x1f\x8b\x08\x00garbage"])
def test_truncated_or_corrupt_gzip_is_quarantined(data):
    record = read_one("a.txt.gz", data)
    assert isinstance(record, Quarantined)
    assert (record.source_id, record.stage) == ("a.txt.gz", "read")
    assert record.reason.startswith("corrupt or truncated gzip file")


def gzip_bomb(inflated_mib: int) -> bytes:
    """A small file that inflates to ``inflated_mib`` MiB: the same gzip member, repeated."""
    return gzip.compress(b" " * (1024 * 1024)) * inflated_mib


def test_gzip_bomb_is_quarantined_before_it_inflates_past_the_limit():
    bomb = gzip_bomb(8)
    limited = read_one("bomb.jsonl.gz", bomb, max_decompressed_bytes=4 * 1024 * 1024)
    assert isinstance(limited, Quarantined) and limited.stage == "read"
    assert f"more than {4 * 1024 * 1024:,} bytes from {len(bomb):,}" in limited.reason and "gzip bomb" in limited.reason


def test_multi_member_gzip_under_the_limit_reads_whole():
    data = gzip.compress(jsonl({"id": 1, "text": "One."})) + gzip.compress(jsonl({"id": 2, "text": "Two."}))
    assert [r.source_id for r in read("x.jsonl.gz", data, max_decompressed_bytes=1000)] == ["x.jsonl.gz#1", "x.jsonl.gz#2"]


# ---------------------------------------------------------------- JSON Lines


def test_jsonl_source_ids_count_records_not_blank_lines_and_hash_each_line():
    lines = [json.dumps({"text": "One."}), "", "   ", json.dumps({"id": 7, "text": "Two."}), json.dumps({"text": "Three."})]
    records = read("x.jsonl", "\n".join(lines).encode())
    assert [r.source_id for r in records] == ["x.jsonl#1", "x.jsonl#7", "x.jsonl#3"]
    assert records[0].source_sha256 == sha256(lines[0].encode())


def test_malformed_jsonl_line_is_quarantined_and_the_rest_read():
    data = b'{"text": "One."}\n\n{"text": "Two.",\n{"text": "Three."}\n'
    one, bad, three = read("x.jsonl", data)
    assert one.text == "One." and three.text == "Three."
    assert (bad.source_id, bad.stage) == ("x.jsonl#2", "parse")
    assert bad.reason.startswith("line 3 is not valid JSON: ") and "column" in bad.reason


@pytest.mark.parametrize(
    "line, reason",
    [
        ('["text", "One."]', "is a JSON list, not an object"),
        ('{"title": "Only a title"}', "no article text"),
        ('{"text": "   "}', "no article text"),
        ('{"text": null, "body": ""}', "no article text"),
        ('{"text": {"p": "One."}}', "is a dict, not a string"),
    ],
)
def test_jsonl_records_without_text_are_quarantined(line, reason):
    record = read_one("x.jsonl", line.encode())
    assert isinstance(record, Quarantined) and record.stage == "parse" and reason in record.reason


def test_repeated_ids_in_one_file_get_the_record_number():
    data = jsonl({"id": "a", "text": "One."}, {"id": "a", "text": "Two."}, {"text": "Three."}, {"id": 3, "text": "Four."}, {"id": "a", "text": "Five."})
    assert [r.source_id for r in read("x.jsonl", data)] == ["x.jsonl#a", "x.jsonl#a@2", "x.jsonl#3", "x.jsonl#3@4", "x.jsonl#a@5"]
    bad_then_same_number = b'{"text": \n{"id": 1, "text": "One."}\n'
    assert [r.source_id for r in read("y.jsonl", bad_then_same_number)] == ["y.jsonl#1", "y.jsonl#1@2"]


def test_a_lone_surrogate_in_an_id_becomes_a_replacement_character():
    (record,) = read("x.jsonl", b'{"id": "a\\ud800b", "text": "One."}\n')
    assert record.source_id == "x.jsonl#a\ufffdb"
    record.source_id.encode("utf-8")


def test_an_id_that_looks_like_a_renamed_one_still_gets_a_name_of_its_own():
    data = jsonl({"id": "a@2", "text": "One."}, {"id": "a", "text": "Two."}, {"id": "a", "text": "Three."})
    assert [r.source_id for r in read("x.jsonl", data)] == ["x.jsonl#a@2", "x.jsonl#a", "x.jsonl#a@3"]


def test_jsonl_nested_too_deeply_is_one_quarantined_line_and_the_rest_read():
    bad, good = read("x.jsonl", b"[" * 100_000 + b"\n" + jsonl({"text": "Fine."}))
    assert isinstance(bad, Quarantined) and "too deeply" in bad.reason and bad.source_id == "x.jsonl#1"
    assert good.text == "Fine."


def test_jsonl_first_non_blank_field_wins_and_ids_may_be_numbers():
    record = read_one("x.jsonl", jsonl({"doc_id": "", "id": 12, "text": "", "body": "Body.", "title": None, "headline": "Head", "published_date": "2020-01-02"}))
    assert (record.source_id, record.text, record.title, record.date) == ("x.jsonl#12", "Body.", "Head", "2020-01-02")


# ---------------------------------------------------------------- CSV


def test_csv_without_text_column_is_one_quarantined_record_naming_the_columns():
    data = b"id,title,summary\n1,A,B\n2,C,D\n"
    record = read_one("x.csv", data)
    assert (record.source_id, record.stage, record.source_sha256) == ("x.csv", "parse", sha256(data))
    assert "'id', 'title', 'summary'" in record.reason and "text, body, article, content" in record.reason


def test_csv_rows_are_numbered_without_header_or_blank_rows_and_hashed_alone():
    data = 'Title,Body\r\nA,"Line one\r\nline two"\r\n\r\nB,Two\r\n,\r\n'.encode()
    first, second, empty = read("x.csv", data)
    assert (first.source_id, first.title, first.text) == ("x.csv#1", "A", "Line one\r\nline two")
    assert first.source_sha256 == sha256(b'A,"Line one\r\nline two"')
    assert second.source_id == "x.csv#2"
    assert isinstance(empty, Quarantined) and empty.source_id == "x.csv#3"


def test_csv_row_with_more_cells_than_columns_is_quarantined():
    bad, good = read("x.csv", b"title,text\nA,one, two\nB,three\n")
    assert isinstance(bad, Quarantined) and "3 cells" in bad.reason
    assert good.text == "three"


def test_csv_with_fields_over_the_csv_module_limit_reads_every_row():
    long_text = "word " * 60_000  # 300,000 characters, over the csv module's 131,072
    data = f'id,text\n1,"{long_text}"\n2,Short.\n'.encode()
    limit_before = csv.field_size_limit()
    first, second = read("x.csv", data)
    assert first.text == long_text and second.text == "Short."
    assert csv.field_size_limit() == limit_before


def test_csv_repeated_ids_get_the_row_number():
    assert [r.source_id for r in read("x.csv", b"id,text\n7,A.\n7,B.\n")] == ["x.csv#7", "x.csv#7@2"]


def test_csv_in_cp1252_reads():
    record = read_one("x.csv", "text\n“Café” £5\n".encode("cp1252"))
    assert record.text == "“Café” £5"


# ---------------------------------------------------------------- Reuters SGML


def test_sgml_entities_decode_and_control_references_vanish():
    assert decode_sgml_entities("AT&amp;T &lt;T&gt; &#3;&#2;end &#233; &unknown;") == "AT&T <T> end é &unknown;"


def test_reuters_story_without_body_uses_its_text():
    element = reuters_element("5", '<TEXT TYPE="UNPROC">&#2;\nWEEKLY REPORT - FEB 26\n Net reserves.....644 vs.....1,337\n Reuter\n&#3;</TEXT>')
    record = read_one("r.sgm", element.encode())
    assert (record.source_id, record.title, record.dateline) == ("r.sgm#5", None, None)
    assert record.text.strip().startswith("WEEKLY REPORT - FEB 26\n Net reserves")


def test_reuters_briefs_and_empty_stories_are_quarantined_with_reasons():
    brief = reuters_element("6", '<TEXT TYPE="BRIEF">&#2;\n******<TITLE>FUNDS ROSE 720 MLN DLRS\n</TITLE>Blah blah blah.\n&#3;\n</TEXT>')
    empty = reuters_element("7", "<TEXT>&#2;\n<TITLE>NOTHING</TITLE><BODY> &#3;</BODY></TEXT>")
    missing = reuters_element("8", "")
    records = read("r.sgm", (brief + empty + missing).encode())
    assert [(r.source_id, r.stage) for r in records] == [("r.sgm#6", "parse"), ("r.sgm#7", "parse"), ("r.sgm#8", "parse")]
    assert "brief" in records[0].reason and "FUNDS ROSE 720 MLN DLRS" in records[0].reason
    assert "no text" in records[1].reason
    assert "no <TEXT>" in records[2].reason


def test_reuters_repeated_newid_gets_the_story_number():
    story = reuters_element("9", "<TEXT><BODY>Text.</BODY></TEXT>")
    assert [r.source_id for r in read("r.sgm", (story + story.replace("Text.", "Other.")).encode())] == ["r.sgm#9", "r.sgm#9@2"]


def test_reuters_truncated_story_and_non_reuters_file_are_quarantined():
    whole = reuters_element("1", "<TEXT><BODY>Text.</BODY></TEXT>")
    first, cut = read("r.sgm", (whole + whole.replace('"1"', '"2"')[:80]).encode())
    assert first.source_sha256 == sha256(whole.rstrip("\n").encode())
    assert (cut.source_id, cut.stage) == ("r.sgm#2", "parse") and "cut off" in cut.reason
    assert "no <REUTERS> stories" in read_one("r.sgm", b"<html>hi</html>").reason


@pytest.mark.parametrize(
    "story",
    [
        '<REUTERS NEWID="1">' + "<TEXT>" * 50_000 + "</REUTERS>",
        '<REUTERS NEWID="1"><TEXT>' + "<BODY>" * 50_000 + "</TEXT></REUTERS>",
        '<REUTERS NEWID="1"><TEXT TYPE="UNPROC">' + "<TITLE><AUTHOR>" * 25_000 + "words</TEXT></REUTERS>",
        '<REUTERS NEWID="1"><TEXT ' + "<a " * 50_000 + "</TEXT></REUTERS>",
    ],
)
def test_unclosed_sgml_tags_read_in_linear_time(story):
    """"<X>(.*?)</X>" retried from every unclosed <X>: 8,000 of them took 3 s, a megabyte of them hours."""
    started = time.perf_counter()
    (record,) = read("r.sgm", story.encode())
    assert time.perf_counter() - started < 3
    assert record.source_id == "r.sgm#1"


# ---------------------------------------------------------------- source ids


ids = st.one_of(st.none(), st.sampled_from(["a", "a@2", "a@2@3", "1", "2", "3", 1, 2, "", "x#y"]))


@settings(max_examples=150, deadline=None)
@given(record_ids=st.lists(ids, min_size=1, max_size=12), fmt=st.sampled_from(["jsonl", "csv"]), broken=st.sets(st.integers(0, 11)))
def test_every_record_of_a_file_gets_a_source_id_of_its_own(record_ids, fmt, broken):
    """Repeated, missing and look-alike ids, and lines that do not parse: one record each, no two alike."""
    if fmt == "jsonl":
        lines = ['{"id": ' if i in broken else json.dumps({"id": rid, "text": f"Story {i}."}) for i, rid in enumerate(record_ids)]
        data = "\n".join(lines).encode()
    else:
        rows = ["id,text"] + [f'"{rid if rid is not None else ""}",Story {i}.' for i, rid in enumerate(record_ids)]
        data = "\n".join(rows).encode()
    records = read(f"f.{fmt}", data)
    assert len(records) == len(record_ids)
    assert len({r.source_id for r in records}) == len(records)
    assert all(r.source_id.startswith(f"f.{fmt}#") for r in records)


# ---------------------------------------------------------------- any input at all


EXTENSIONS = [".txt", ".jsonl", ".csv", ".sgm", ".txt.gz", ".jsonl.gz", ".bin"]
PIECES = list("aB1 ,.:;-\"“”’\n\r\t\u00a0{}[]<>&#=/") + [
    "date 2017-07-08", "LONDON, May 1 (AP): ", '"text":', '<REUTERS NEWID="1">', "<TEXT>", "<BODY>",
    "</BODY>", "</TEXT>", "</REUTERS>", "&#3;", "Reuter", "\n\n", "\n    ",
]
TEXTY = st.lists(st.sampled_from(PIECES), max_size=60).map("".join)


def assert_reads_and_cleans_without_raising(name: str, data: bytes) -> None:
    for record in read_records(name, data):
        assert isinstance(record, (RawRecord, Quarantined))
        if isinstance(record, RawRecord):
            try:
                doc = clean_record(record)
            except CleaningError:
                continue
            assert doc.body and all(doc.body[start:end].strip() for start, end in doc.paragraphs)


@settings(max_examples=150, deadline=None)
@given(data=st.binary(max_size=300), extension=st.sampled_from(EXTENSIONS))
def test_any_bytes_become_records_or_quarantine(data, extension):
    if extension.endswith(".gz") and data[:1] == b"\x00":
        data = gzip.compress(data)
    assert_reads_and_cleans_without_raising("f" + extension, data)


@settings(max_examples=150, deadline=None)
@given(text=TEXTY, extension=st.sampled_from(EXTENSIONS[:4]))
def test_any_text_becomes_records_or_quarantine(text, extension):
    assert_reads_and_cleans_without_raising("f" + extension, text.encode("utf-8"))
