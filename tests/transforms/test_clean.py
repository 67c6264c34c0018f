import datetime as dt
import re
import tarfile
import time
from collections import Counter
from pathlib import Path

import pytest

from transforms.clean import (
    MAX_BODY_CHARS,
    clean_record,
    drop_reuters_signoff,
    fix_wrong_direction_quotes,
    join_paragraphs,
    match_dateline,
    normalize_characters,
    parse_date,
    parse_dateline_field,
    split_paragraphs,
    split_trailing_headline,
    split_wire_header,
)
from transforms.formats import read_records
from transforms.records import CleaningError, Quarantined, RawRecord

SEEDS = Path(__file__).resolve().parents[2] / "seeds"
SEED_NAME = "000_421bba50f5ab9343.txt"
SEED_TITLE = "Chiefs of defence meet in New York, discuss strengthening of UN peacekeeping"


def words(text: str) -> Counter:
    return Counter(re.findall(r"\w+", text))


def raw(text: str, layout: str = "wire", **fields) -> RawRecord:
    return RawRecord(source_id="test", source_sha256="0" * 64, text=text, layout=layout, **fields)


@pytest.fixture(scope="module")
def seed_record() -> RawRecord:
    (record,) = read_records(SEED_NAME, (SEEDS / SEED_NAME).read_bytes())
    return record


@pytest.fixture(scope="module")
def seed(seed_record):
    return clean_record(seed_record)


# ---------------------------------------------------------------- the seed


def test_seed_metadata(seed):
    assert seed.title == SEED_TITLE
    assert seed.published_date == dt.date(2017, 7, 8)
    assert seed.dateline == "UNITED NATIONS"
    assert seed.agency == "APP"
    assert seed.source_id == SEED_NAME


def test_seed_body_starts_at_the_dateline_and_leaves_out_header_and_headline(seed):
    assert seed.body.startswith("UNITED NATIONS, July 8 (APP): The heads")
    assert "date 2017" not in seed.body
    assert SEED_TITLE not in seed.body
    assert seed.body.endswith("Democratic Republic of the Congo.")


def test_seed_paragraphs_are_unwrapped_lines(seed):
    paragraphs = [seed.body[start:end] for start, end in seed.paragraphs]
    assert seed.body == "\n\n".join(paragraphs)
    assert all("\n" not in p and "  " not in p and p == p.strip() for p in paragraphs)
    assert paragraphs[1].startswith("“Our partnership has never been more important.")
    assert paragraphs[2] == "Pakistan was represented at the conference by Lieutenant General Sher Afgun, who headed the country’s delegation."
    assert len(paragraphs) == 17


def test_seed_wrong_direction_quote_marks_open_their_quotations(seed):
    assert "”Now" not in seed.body and "” Now" not in seed.body
    assert "\n\n“Now, more than ever before, peacekeepers" in seed.body
    assert "\n\n“The success of our missions" in seed.body
    assert seed.body.count("“") == seed.body.count("”")


def test_seed_keeps_every_word(seed_record, seed):
    header_words = words(" date 2017-07-08")
    assert words(seed.title) + words(seed.body) == words(seed_record.text) - header_words


# ---------------------------------------------------------------- parts of a story


def test_split_wire_header_on_its_own_line_or_before_the_dateline():
    assert split_wire_header(" date 2017-07-08 UNITED NATIONS, July 8") == (dt.date(2017, 7, 8), "UNITED NATIONS, July 8", True)
    assert split_wire_header("date 2017-07-08\nBody") == (dt.date(2017, 7, 8), "Body", True)
    assert split_wire_header("Updated 2017-07-08") == (None, "Updated 2017-07-08", False)


@pytest.mark.parametrize(
    "text, place, month, day, agency",
    [
        ("UNITED NATIONS, July 8 (APP): The heads", "UNITED NATIONS", 7, 8, "APP"),
        ("ISLAMABAD (APP): Prime Minister", "ISLAMABAD", None, None, "APP"),
        ("PORTLAND, Ore., Feb 26 - Shares", "PORTLAND, Ore.", 2, 26, None),
        ("SÃO PAULO, Sept. 3 (AFP) — Brazil", "SÃO PAULO", 9, 3, "AFP"),
        ("KUWAIT CITY, Jan 5 (Gulf News Wire): Oil", "KUWAIT CITY", 1, 5, "Gulf News Wire"),
    ],
)
def test_match_dateline_in_text(text, place, month, day, agency):
    dateline = match_dateline(text)
    assert (dateline.place, dateline.month, dateline.day, dateline.agency) == (place, month, day, agency)
    assert text.startswith(dateline.text)


@pytest.mark.parametrize(
    "text",
    [
        "However, the minister said: nothing",
        "NOTE: this is not a dateline",
        "The heads of the armed forces",
        "UPDATE - more",
        "TOKYO RUBBER (YEN PER KILO) - APRIL 07",
        "LONDON COCOA OPEN POSITION (REVISED) - APR 6",
        "MAIZE HARVEST LOWER AFTER BUMPER CROPS HARARE, March 3 - Zimbabwe",
    ],
)
def test_match_dateline_rejects_ordinary_openings(text):
    assert match_dateline(text) is None


def test_parse_dateline_field_takes_reuters_forms():
    assert parse_dateline_field("    SALVADOR, Feb 26 - ").place == "SALVADOR"
    assert parse_dateline_field("    SALVADOR, Feb 26 - ").text == "SALVADOR, Feb 26 -"
    assert parse_dateline_field("    omaha, april 7 - ").month == 4
    assert parse_dateline_field("    WASHINGTON - ").place == "WASHINGTON"
    assert parse_dateline_field("   -  ") is None


@pytest.mark.parametrize(
    "value, expected",
    [
        ("2017-07-08", dt.date(2017, 7, 8)),
        ("2017-07-08T10:30:00Z", dt.date(2017, 7, 8)),
        ("26-FEB-1987 15:01:01.79", dt.date(1987, 2, 26)),
        ("Sat, 08 Jul 2017 10:00:00 +0000", dt.date(2017, 7, 8)),
        ("July 8, 2017", dt.date(2017, 7, 8)),
        ("8th Sept 2017", dt.date(2017, 9, 8)),
        ("2017-02-30", None),
        ("08/07/2017", None),
        ("yesterday", None),
        ("", None),
        (None, None),
    ],
)
def test_parse_date(value, expected):
    assert parse_date(value) == expected


def test_parse_date_refuses_dates_after_today_when_told_today():
    assert parse_date("2031-01-01", today=dt.date(2030, 12, 31)) == dt.date(2031, 1, 1)
    assert parse_date("2031-01-03", today=dt.date(2030, 12, 31)) is None
    assert parse_date("2031-01-03") == dt.date(2031, 1, 3)


@pytest.mark.parametrize("header", [" date 2999-01-01\n", " date 2017-02-30\n", " date 0000-00-00\n"])
def test_far_future_or_impossible_dates_leave_the_document_undated(header):
    doc = clean_record(raw(header + "LAHORE, May 2 (APP): Rain fell.\n"), today=dt.date(2026, 1, 1))
    assert doc.published_date is None and doc.body == "LAHORE, May 2 (APP): Rain fell."
    assert clean_record(raw("Rain fell.", layout="jsonl", date="3000-01-01T00:00:00Z"), today=dt.date(2026, 1, 1)).published_date is None


def test_drop_reuters_signoff_variants():
    for ending in ("Reuter\n", " REUTER", "\n reuter^M", "REUTER..."):
        assert drop_reuters_signoff("Prices rose.\n" + ending) == "Prices rose."
    for text in ("Reuter said prices rose.", "Prices rose, he told\nReuters.\n"):
        assert drop_reuters_signoff(text) == text


@pytest.mark.parametrize("layout", ["reuters", "wire", "plain", "headline_first", "jsonl"])
@pytest.mark.parametrize("text", ["a" + " " * 100_000 + "b", "” " * 50_000, "." * 100_000 + "x", "REUTER " * 15_000 + "x", "x" + " \n" * 50_000 + "y"])
def test_long_runs_of_one_character_clean_in_linear_time(text, layout):
    """A hostile record must not stall the run: spaces before a Reuters sign-off were searched in quadratic time
    (a 150,000-space story took 9 minutes)."""
    started = time.perf_counter()
    try:
        clean_record(raw(text, layout=layout, dateline="LAHORE, May 2" if layout == "reuters" else None))
    except CleaningError:
        pass
    assert time.perf_counter() - started < 3


def test_normalize_characters():
    text = "a\r\nb\rc\u2028d\u00a0e\tf\u200bg\u00adh\x07i\u2029j"
    assert normalize_characters(text) == "a\nb\nc\nd e fgh" + "i\n\nj"
    assert normalize_characters("e\u0301") == "é"


def test_fix_wrong_direction_quotes():
    assert fix_wrong_direction_quotes("” Now, more") == "“Now, more"
    assert fix_wrong_direction_quotes("He said: ”Go home,” she said") == "He said: “Go home,” she said"
    # a ” that can close an open quotation stays, however it is spaced
    assert fix_wrong_direction_quotes("“Yes, ” he said") == "“Yes, ” he said"
    assert fix_wrong_direction_quotes("UN “blue helmets” braved danger") == "UN “blue helmets” braved danger"
    assert fix_wrong_direction_quotes("a ” b” c") == "a “b” c"
    assert fix_wrong_direction_quotes("ends ”") == "ends ”"


def test_split_paragraphs_by_blank_lines_indents_or_sentence_ends():
    assert split_paragraphs("One\ntwo.\n\nThree  four.\n", infer_from_sentences=True) == ["One two.", "Three four."]
    assert split_paragraphs("One\ntwo.\n    Three\nfour.\n - five", infer_from_sentences=False) == ["One two.", "Three four.", "- five"]
    assert split_paragraphs("One\ntwo.\nThree\nfour.", infer_from_sentences=True) == ["One two.", "Three four."]
    assert split_paragraphs("One\ntwo.\nThree\nfour.", infer_from_sentences=False) == ["One two. Three four."]
    assert split_paragraphs("He said.\n“Go.”\nthen left", infer_from_sentences=True) == ["He said.", "“Go.” then left"]
    assert split_paragraphs(" \n\n", infer_from_sentences=True) == []


def test_lines_that_each_end_a_sentence_are_paragraphs_in_text_with_blank_lines():
    web = "Headline here.\n\n“We won,” she said.\nThe vote was close.\n“It was hard,” he added.\n\nLast one."
    assert split_paragraphs(web, infer_from_sentences=True) == ["Headline here.", "“We won,” she said.", "The vote was close.", "“It was hard,” he added.", "Last one."]
    wrapped = "The council met on\nTuesday. It voted.\n\nMembers said the plan\nwould pass."
    assert split_paragraphs(wrapped, infer_from_sentences=True) == ["The council met on Tuesday. It voted.", "Members said the plan would pass."]
    assert split_paragraphs(web, infer_from_sentences=False)[1] == "“We won,” she said. The vote was close. “It was hard,” he added."


def test_join_paragraphs_offsets():
    body, spans = join_paragraphs(["One.", "Two three."])
    assert body == "One.\n\nTwo three."
    assert [body[start:end] for start, end in spans] == ["One.", "Two three."]


def test_split_trailing_headline():
    text = "LONDON, May 1 (AP): It rained.\nHeavy rain in London\n"
    assert split_trailing_headline(text, None) == ("Heavy rain in London", "LONDON, May 1 (AP): It rained.")
    assert split_trailing_headline(text, "Heavy rain in London") == ("Heavy rain in London", "LONDON, May 1 (AP): It rained.")
    assert split_trailing_headline(text, "Rain") == ("Rain", text)
    # a wrapped last line of the story is no headline
    assert split_trailing_headline("It rained in the\nCongo", None) == (None, "It rained in the\nCongo")
    assert split_trailing_headline("It rained.\nIt poured.", None) == (None, "It rained.\nIt poured.")


# ---------------------------------------------------------------- records of each layout


def test_headline_first_record():
    doc = clean_record(raw("Rain falls\n\nIt rained all day.\n\nThen it stopped.\n", layout="headline_first"))
    assert (doc.title, doc.body, doc.published_date, doc.dateline, doc.agency) == (
        "Rain falls", "It rained all day.\n\nThen it stopped.", None, None, None)
    assert doc.paragraphs == ((0, 18), (20, 36))


def test_reuters_record_starts_at_its_dateline_and_drops_the_signoff():
    record = raw(
        "Showers continued in\nthe Bahia zone.\n    The dry period means\nlate arrivals.\n Reuter\n",
        layout="reuters", title="BAHIA COCOA REVIEW", date="26-FEB-1987 15:01:01.79", dateline="    SALVADOR, Feb 26 - ",
    )
    doc = clean_record(record)
    assert doc.body == "SALVADOR, Feb 26 - Showers continued in the Bahia zone.\n\nThe dry period means late arrivals."
    assert (doc.title, doc.published_date, doc.dateline, doc.agency) == ("BAHIA COCOA REVIEW", dt.date(1987, 2, 26), "SALVADOR", "Reuters")


def test_field_record_in_wire_layout_uses_its_title_field_and_date_field():
    record = raw("LAHORE, May 2 (APP): Rain fell.\nIt was heavy.\nRain in Lahore", layout="jsonl", title="Rain in Lahore", date="2019-05-02")
    doc = clean_record(record)
    assert (doc.title, doc.published_date, doc.dateline, doc.agency) == ("Rain in Lahore", dt.date(2019, 5, 2), "LAHORE", "APP")
    assert doc.body == "LAHORE, May 2 (APP): Rain fell.\n\nIt was heavy."


def test_field_record_with_a_bad_date_keeps_the_document():
    doc = clean_record(raw("Some text.", layout="csv", date="2019-13-45"))
    assert doc.published_date is None and doc.body == "Some text."


def test_plain_text_is_one_document():
    doc = clean_record(raw("just some words\nwrapped here", layout="plain"))
    assert (doc.title, doc.body) == (None, "just some words wrapped here")


def test_an_article_over_the_length_limit_is_a_cleaning_error_naming_its_size():
    text = "word " * (MAX_BODY_CHARS // 5 + 10)
    with pytest.raises(CleaningError, match=f"{len(text.strip()):,} characters long, over the {MAX_BODY_CHARS:,}-character limit"):
        clean_record(raw(text, layout="plain"))


@pytest.mark.parametrize("text, layout", [("", "plain"), (" \n\t\u200b ", "jsonl"), ("Headline only\n\n", "headline_first"), (" date 2017-07-08\n", "wire")])
def test_no_usable_text_is_a_cleaning_error(text, layout):
    with pytest.raises(CleaningError, match="no article text"):
        clean_record(raw(text, layout=layout))


# ---------------------------------------------------------------- the real corpora (../shared)


def archive_members(archive, wanted):
    """(name inside the corpus folder, bytes) of each wanted file in a corpus archive, read in place."""
    if not archive.is_file():
        pytest.skip(f"{archive} is absent: the corpus is needed for this test")
    with tarfile.open(archive) as tar:
        for member in tar:
            if member.isfile() and wanted(member.name):
                yield member.name.split("/", 1)[1], tar.extractfile(member).read()


def assert_paragraphs_tile_the_body(doc):
    paragraphs = [doc.body[start:end] for start, end in doc.paragraphs]
    assert doc.body == "\n\n".join(paragraphs)
    assert all(p and "\n" not in p and p == p.strip() for p in paragraphs)


def test_every_bbc_file_reads_and_cleans_keeping_every_word(shared_dir):
    archive = shared_dir / "corpora" / "bbc-news-2225" / "bbc-fulltext.tar.gz"
    is_article = lambda name: name.endswith(".txt") and not name.endswith("README.TXT")  # noqa: E731
    count = 0
    for name, data in archive_members(archive, is_article):
        (record,) = read_records(name, data)
        doc = clean_record(record)
        count += 1
        assert record.layout == "headline_first", name
        assert doc.title == " ".join(record.text.split("\n", 1)[0].split()), name
        assert words(doc.title) + words(doc.body) == words(record.text), name
        assert_paragraphs_tile_the_body(doc)
        if name == "bbc/sport/199.txt":
            assert "£" in doc.body  # its one Latin-1 byte
    assert count == 2225


def test_every_reuters_story_reads_and_cleans_keeping_every_word(shared_dir):
    archive = shared_dir / "corpora" / "reuters-21578" / "reuters21578.tar.gz"
    outcomes = Counter()
    for name, data in archive_members(archive, lambda name: name.endswith(".sgm")):
        for record in read_records(name, data):
            if isinstance(record, Quarantined):
                outcomes["brief" if 'TYPE="BRIEF"' in record.reason else record.reason] += 1
                continue
            doc = clean_record(record)
            outcomes["document"] += 1
            given = words(record.text) + words(record.title or "") + words(record.dateline or "")
            kept = words(doc.title or "") + words(doc.body)
            assert not kept - given, record.source_id
            # only the sign-off goes: "Reuter", "REUTER^M" ...
            assert set(given - kept) <= {"Reuter", "REUTER", "reuter", "M"}, record.source_id
            assert doc.agency == "Reuters" and doc.published_date.year == 1987
            if re.search(r"\w", record.dateline or ""):
                assert doc.body.startswith(" ".join(record.dateline.split())), record.source_id
            assert_paragraphs_tile_the_body(doc)
    assert outcomes == {"document": 19779, "brief": 1798, "the story has no text: empty <BODY> and <TEXT>": 1}
    assert sum(outcomes.values()) == 21578
