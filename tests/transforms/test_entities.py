"""Entity mentions and entities: the seed, one hand-written case per fix, and a scored slice of the NER gold."""

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from flows.evaluate.alignment import BodyAlignment
from transforms.clean import clean_record
from transforms.entities import entity_rows
from transforms.entities_spans import first_name_genders
from transforms.formats import read_records
from transforms.nlp import load_pipeline
from transforms.sentences import sentence_rows

REPO = Path(__file__).resolve().parents[2]
MENTION_KEYS = {"mention_id", "sentence_id", "start_char", "end_char", "text", "label", "entity_id"}
ENTITY_KEYS = {"entity_id", "name", "label", "n_mentions", "first_char", "aliases"}


@pytest.fixture(scope="module")
def nlp():
    return load_pipeline()


def rows_for(nlp, text: str):
    doc = nlp(text)
    return entity_rows(doc, sentence_rows(doc, ((0, len(text)),)))


def rows_with_model_entities(nlp, text: str, ents: list[tuple[str, str]]):
    """Rows for ``text`` parsed by the model but with the entities the model is given here:
    each fix is checked on the exact mistake it repairs, whatever the model of the day says."""
    doc = nlp(text)
    spans, searched_from = [], 0
    for written, label in ents:
        start = text.index(written, searched_from)
        searched_from = start + len(written)
        spans.append(doc.char_span(start, start + len(written), label=label))
    doc.ents = spans
    return entity_rows(doc, sentence_rows(doc, ((0, len(text)),)))


def entity_named(entities: list[dict], name: str) -> dict:
    found = [e for e in entities if e["name"] == name]
    assert found, f"no entity named {name!r} in {[e['name'] for e in entities]}"
    return found[0]


@pytest.fixture(scope="module")
def seed(nlp):
    path = REPO / "seeds" / "000_421bba50f5ab9343.txt"
    [record] = read_records(path.name, path.read_bytes())
    document = clean_record(record)
    doc = nlp(document.body)
    mentions, entities = entity_rows(doc, sentence_rows(doc, document.paragraphs))
    return document, mentions, entities


def test_seed_rows_keep_the_contract(seed):
    document, mentions, entities = seed
    assert mentions and entities
    ids = {e["entity_id"] for e in entities}
    for row in mentions:
        assert set(row) == MENTION_KEYS
        assert row["text"] == document.body[row["start_char"] : row["end_char"]]
        assert row["entity_id"] in ids
    for entity in entities:
        assert set(entity) == ENTITY_KEYS
        own = [m for m in mentions if m["entity_id"] == entity["entity_id"]]
        assert entity["n_mentions"] == len(own)
        assert entity["first_char"] == min(m["start_char"] for m in own)
        assert {m["label"] for m in own} == {entity["label"]}
        assert set(entity["aliases"]) == {m["text"] for m in own} - {entity["name"]}


def test_seed_khare_is_one_person(seed):
    _, mentions, entities = seed
    khare = entity_named(entities, "Atul Khare")
    assert khare["label"] == "PERSON"
    assert "Khare" in khare["aliases"]
    assert [m["text"] for m in mentions if m["entity_id"] == khare["entity_id"]] == ["Atul Khare", "Khare"]


def test_seed_nato_is_its_expansion(seed):
    _, _, entities = seed
    nato = entity_named(entities, "North Atlantic Treaty Organization")
    assert nato["label"] == "ORG"
    assert nato["aliases"] == ["NATO"]


def test_seed_dateline_place_is_a_place(seed):
    document, mentions, _ = seed
    first = mentions[0]
    assert document.body.startswith("UNITED NATIONS")
    assert (first["start_char"], first["text"], first["label"]) == (0, "UNITED NATIONS", "GPE")


def test_seed_has_no_leading_article_or_title(seed):
    _, mentions, entities = seed
    assert not [m["text"] for m in mentions if m["text"].lower().startswith(("the ", "a ", "an "))]
    assert entity_named(entities, "Antonio Guterres")["label"] == "PERSON"  # "Secretary-General Antonio Guterres"


def test_leading_the_is_dropped_but_the_hague_keeps_it(nlp):
    mentions, _ = rows_with_model_entities(
        nlp, "Envoys from the United Nations met in The Hague on Monday.", [("the United Nations", "ORG"), ("The Hague", "GPE")]
    )
    assert [m["text"] for m in mentions] == ["United Nations", "The Hague"]


def test_possessive_and_number_edges_are_trimmed(nlp):
    mentions, _ = rows_with_model_entities(
        nlp, "South Africa's rand fell as Austria 1996-12-07 results came in.", [("South Africa's", "GPE"), ("Austria 1996-12-07", "GPE")]
    )
    assert [m["text"] for m in mentions] == ["South Africa", "Austria"]


def test_job_title_before_a_name_is_not_the_name(nlp):
    mentions, entities = rows_with_model_entities(
        nlp, "Defender Hassan Abbas headed clear. Later General Antoine Lahd spoke.", [("Defender Hassan Abbas", "PERSON"), ("General Antoine Lahd", "ORG")]
    )
    assert [(m["text"], m["label"]) for m in mentions] == [("Hassan Abbas", "PERSON"), ("Antoine Lahd", "PERSON")]


def test_surname_after_full_name_is_the_same_person_with_one_label(nlp):
    mentions, entities = rows_with_model_entities(
        nlp, "Vaclav Havel arrived on Monday. Havel said he was tired. Reporters asked Havel again.", [("Vaclav Havel", "PERSON"), ("Havel", "ORG")]
    )
    # the third "Havel", which the model missed, is found as a mention of the same person
    assert [(m["text"], m["label"]) for m in mentions] == [("Vaclav Havel", "PERSON"), ("Havel", "PERSON"), ("Havel", "PERSON")]
    assert len(entities) == 1 and entities[0]["n_mentions"] == 3


def test_a_person_the_model_took_for_an_organisation_is_still_called_by_the_surname(nlp):
    text = "Nora Pratt anchored the debate. Critics said Pratt was too soft, and Pratt answered them."
    _, entities = rows_with_model_entities(nlp, text, [("Nora Pratt", "ORG"), ("Pratt", "ORG"), ("Pratt", "ORG")])
    assert entity_named(entities, "Nora Pratt")["n_mentions"] == 3
    # where the model calls the surname alone a person, the whole entity is one
    _, entities = rows_with_model_entities(nlp, text, [("Nora Pratt", "ORG"), ("Pratt", "PERSON"), ("Pratt", "ORG")])
    assert (entity_named(entities, "Nora Pratt")["n_mentions"], entity_named(entities, "Nora Pratt")["label"]) == (3, "PERSON")


def test_a_spanish_name_is_called_by_its_first_surname_but_not_by_a_middle_given_name(nlp):
    mentions, entities = rows_with_model_entities(
        nlp,
        "Juan Lechin Oquendo led the strike. Lechin said it would last. John Paul Jones spoke. Paul left.",
        [("Juan Lechin Oquendo", "PERSON"), ("Lechin", "PERSON"), ("John Paul Jones", "PERSON"), ("Paul", "PERSON")],
    )
    assert entity_named(entities, "Juan Lechin Oquendo")["n_mentions"] == 2
    assert entity_named(entities, "John Paul Jones")["n_mentions"] == 1


def test_a_title_alone_is_no_entity(nlp):
    mentions, _ = rows_with_model_entities(
        nlp, "A Green Party MEP spoke first, then Senator Ruth Agnew.", [("Green Party", "ORG"), ("MEP", "ORG"), ("Senator Ruth Agnew", "PERSON")]
    )
    assert [m["text"] for m in mentions] == ["Green Party", "Ruth Agnew"]


def test_a_shared_surname_alone_is_the_person_the_story_is_about(nlp):
    _, entities = rows_with_model_entities(
        nlp,
        "Ted Cruz spoke in Houston. Ted Cruz thanked his wife, Heidi Cruz. Cruz said he would vote.",
        [("Ted Cruz", "PERSON"), ("Ted Cruz", "PERSON"), ("Heidi Cruz", "PERSON"), ("Cruz", "PERSON")],
    )
    assert entity_named(entities, "Ted Cruz")["n_mentions"] == 3
    assert entity_named(entities, "Heidi Cruz")["n_mentions"] == 1


def test_an_honorific_picks_the_person_of_its_gender_among_those_sharing_a_surname(nlp):
    text = "Ted Cruz spoke in Houston. Ted Cruz thanked his wife, Heidi Cruz, and Mrs. Cruz waved. Mr. Cruz said he would vote."
    _, entities = rows_with_model_entities(
        nlp, text, [("Ted Cruz", "PERSON"), ("Ted Cruz", "PERSON"), ("Heidi Cruz", "PERSON"), ("Cruz", "PERSON"), ("Cruz", "PERSON")]
    )
    assert entity_named(entities, "Heidi Cruz")["n_mentions"] == 2
    assert entity_named(entities, "Ted Cruz")["n_mentions"] == 3
    # a "Mrs." no full name of hers explains is someone else, not the only Cruz named in full
    _, entities = rows_with_model_entities(nlp, "Ted Cruz spoke. Mrs. Cruz waved.", [("Ted Cruz", "PERSON"), ("Cruz", "PERSON")])
    assert entity_named(entities, "Ted Cruz")["n_mentions"] == 1


@pytest.mark.parametrize("marks", ['""', "“”"])
def test_a_nickname_in_quote_marks_stays_inside_the_name(nlp, marks):
    text = f"Rep. Thomas J. {marks[0]}Tommy{marks[1]} Walsh spoke at length. Walsh, 61, left early."
    _, entities = rows_for(nlp, text)
    assert entity_named(entities, f"Thomas J. {marks[0]}Tommy{marks[1]} Walsh")["n_mentions"] == 2


def test_an_honorific_and_one_name_is_a_person_whatever_the_tagger_said(nlp):
    _, entities = rows_with_model_entities(
        nlp, "William Hague said he would not stand. Asked again, Mr Hague replied.", [("William Hague", "PERSON"), ("Mr Hague", "GPE")]
    )
    assert [(e["name"], e["label"], e["n_mentions"]) for e in entities] == [("William Hague", "PERSON", 2)]


@pytest.mark.parametrize("label", ["ORG", "FAC"])
def test_a_given_name_and_a_surname_written_after_mr_are_a_person(nlp, label):
    text = "Vince Cable says households struggle with debt. Mr Cable told the BBC that banks were to blame."
    _, entities = rows_with_model_entities(nlp, text, [("Vince Cable", label), ("Cable", "GPE"), ("BBC", "ORG")])
    assert entity_named(entities, "Vince Cable")["label"] == "PERSON"
    assert entity_named(entities, "Vince Cable")["n_mentions"] == 2


def test_a_given_name_alone_is_the_one_person_of_that_name(nlp):
    _, entities = rows_with_model_entities(
        nlp,
        "Hillary Webb met Tom Webb and Maria Soto. Hillary spoke first. Maria said she agreed, and so did Maria Lane.",
        [("Hillary Webb", "PERSON"), ("Tom Webb", "PERSON"), ("Maria Soto", "PERSON"), ("Hillary", "PERSON"), ("Maria", "PERSON"), ("Maria Lane", "PERSON")],
    )
    assert entity_named(entities, "Hillary Webb")["aliases"] == ["Hillary"]
    # two Marias: the given name alone is nobody's
    assert entity_named(entities, "Maria")["n_mentions"] == 1


def test_a_surname_under_an_office_title_before_a_full_name_is_someone_else(nlp):
    text = "President Grant spoke on Monday. Grant thanked voters. First lady Julia Grant stayed home. Grant said he was tired."
    model = [("Grant", "PERSON"), ("Grant", "PERSON"), ("Julia Grant", "PERSON"), ("Grant", "PERSON")]
    _, entities = rows_with_model_entities(nlp, text, model)
    assert (entity_named(entities, "Grant")["n_mentions"], entity_named(entities, "Julia Grant")["n_mentions"]) == (3, 1)
    # after the full name, the title and surname are that person's again
    text = "Sen. Ruth Agnew spoke on Monday. Later, Sen. Agnew said she was tired."
    _, entities = rows_with_model_entities(nlp, text, [("Ruth Agnew", "PERSON"), ("Agnew", "PERSON")])
    assert entity_named(entities, "Ruth Agnew")["n_mentions"] == 2


def test_all_caps_headline_word_joins_the_name_it_spells(nlp):
    mentions, entities = rows_with_model_entities(nlp, "HAVEL WINS VOTE\n\nVaclav Havel won the vote.", [("Vaclav Havel", "PERSON")])
    assert [m["text"] for m in mentions] == ["HAVEL", "Vaclav Havel"]
    assert len(entities) == 1 and entities[0]["aliases"] == ["HAVEL"]


def test_acronym_joins_its_expansion(nlp):
    text = "The International Atomic Energy Agency (IAEA) said on Monday that IAEA inspectors were in Iran."
    mentions, entities = rows_with_model_entities(nlp, text, [("International Atomic Energy Agency", "ORG"), ("IAEA", "ORG"), ("IAEA", "PERSON"), ("Iran", "GPE")])
    agency = entity_named(entities, "International Atomic Energy Agency")
    assert agency["n_mentions"] == 3 and agency["aliases"] == ["IAEA"]
    assert {m["label"] for m in mentions if m["entity_id"] == agency["entity_id"]} == {"ORG"}


def test_company_short_form_joins_the_company(nlp):
    _, entities = rows_with_model_entities(
        nlp, "Barrick Gold Corp bid for the mine. Barrick said the bid was final.", [("Barrick Gold Corp", "ORG"), ("Barrick", "PERSON")]
    )
    assert [(e["name"], e["label"], e["aliases"]) for e in entities] == [("Barrick Gold Corp", "ORG", ["Barrick"])]


def test_names_split_at_line_breaks_and_spaced_dashes(nlp):
    mentions, _ = rows_with_model_entities(
        nlp, "He thanked Boris Johnson\n\nAngela Merkel replied. Tom Perez - A Democrat - spoke.", [("Boris Johnson\n\nAngela Merkel", "PERSON"), ("Tom Perez - A", "PERSON")]
    )
    assert [m["text"] for m in mentions] == ["Boris Johnson", "Angela Merkel", "Tom Perez"]


def test_name_runs_over_particles(nlp):
    mentions, entities = rows_with_model_entities(
        nlp, "Ursula von der Leyen spoke. Later von der Leyen left.", [("Ursula", "PERSON"), ("Leyen", "GPE")]
    )
    assert mentions[0]["text"] == "Ursula von der Leyen"
    person = entity_named(entities, "Ursula von der Leyen")
    assert person["label"] == "PERSON" and "von der Leyen" in person["aliases"]


def test_dateline_places_and_agency(nlp):
    mentions, _ = rows_for(nlp, "LONDON/BRUSSELS (Reuters) - Britain and the European Union resumed talks on Monday.")
    found = {(m["text"], m["label"]) for m in mentions}
    assert {("LONDON", "GPE"), ("BRUSSELS", "GPE"), ("Reuters", "ORG")} <= found


def test_dateline_after_a_byline_needs_a_full_date(nlp):
    mentions, _ = rows_for(nlp, "By Marcin Grajewski WARSAW 1996-12-06 Poland said on Friday. The NATO summit began.")
    assert ("WARSAW", "GPE") in {(m["text"], m["label"]) for m in mentions}
    assert "NATO" not in {m["text"] for m in mentions if m["label"] == "GPE"}


def test_wire_furniture_is_no_name(nlp):
    mentions, _ = rows_with_model_entities(
        nlp, "Slideshow (5 images) Reporting by Sarah White Writing by Tom Perry", [("Slideshow", "PERSON"), ("Sarah White Writing", "PERSON")]
    )
    assert [m["text"] for m in mentions] == ["Sarah White"]


def test_news_agencies_in_capitals_are_organisations(nlp):
    mentions, _ = rows_with_model_entities(nlp, "Olivier Hoslet/Pool via REUTERS. The new App is out.", [("Olivier Hoslet", "PERSON")])
    assert ("REUTERS", "ORG") in {(m["text"], m["label"]) for m in mentions}
    assert "App" not in {m["text"] for m in mentions}


def test_names_inside_hyphenated_adjectives_are_not_mentions(nlp):
    mentions, _ = rows_with_model_entities(
        nlp, "The London-listed firm backed pro-Trump groups in London.", [("London", "GPE"), ("Trump", "PERSON"), ("London", "GPE")]
    )
    # nor does the search for bare mentions of a known name bring "London-listed" back
    assert [(m["text"], m["start_char"]) for m in mentions] == [("London", 50)]


def test_a_country_is_a_place_whatever_the_model_said(nlp):
    mentions, entities = rows_with_model_entities(nlp, "Bangui was calm. Mauritius said so.", [("Bangui", "ORG"), ("Mauritius", "PERSON")])
    assert [(e["name"], e["label"]) for e in entities] == [("Bangui", "GPE"), ("Mauritius", "GPE")]


def test_offsets_carry_over_whitespace_and_replaced_characters():
    text = 'He said " Boris Johnson \'s plan " failed .\nAngela Merkel agreed .'
    body = "He said “ Boris Johnson 's plan ” failed .\n\nAngela   Merkel agreed ."
    alignment = BodyAlignment(body, text)
    start = body.index("Angela")
    assert alignment.span(start, start + len("Angela   Merkel")) == (text.index("Angela"), text.index("Angela") + len("Angela Merkel"))
    start = body.index("Boris")
    assert alignment.span(start, start + len("Boris Johnson")) == (text.index("Boris"), text.index("Boris") + len("Boris Johnson"))
    # a span starting on a replaced mark goes over by its first character with a counterpart
    start = body.index("“")
    assert alignment.span(start, start + 3) == (text.index('"'), text.index("Boris") + 1)


def test_scored_slice_of_conll_sharp_through_the_pipeline(shared_dir, tmp_path):
    """`python -m flows.evaluate ner` on 25 CoNLL# running-text articles: the real pipeline, the shared scorer."""
    gold = shared_dir / "eval-data/ner/conll-sharp/conll_sharp.txt"
    listed = shared_dir / "eval-data/ner/conll-sharp/format_text_article.docs"
    if not gold.is_file() or not listed.is_file():
        pytest.skip(f"{gold} or {listed} is absent: the NER gold lives in ../shared/eval-data/ner")
    docs = [line for line in listed.read_text().splitlines() if line.strip() and not line.startswith("#")][:25]
    (tmp_path / "slice.docs").write_text("\n".join(docs) + "\n")
    env = {**os.environ, "PREFECT_HOME": str(tmp_path / ".prefect")}
    command = [sys.executable, "-m", "flows.evaluate", "ner", str(gold), "--docs", str(tmp_path / "slice.docs"), "--json", str(tmp_path / "metrics.json")]
    run = subprocess.run(command, cwd=REPO, env=env, capture_output=True, text=True, timeout=600)
    assert run.returncode == 0, run.stderr[-3000:]
    assert "25 documents, 25 published" in run.stdout
    metrics = json.loads((tmp_path / "metrics.json").read_text())
    assert metrics["notes"].get("units without prediction", 0) == 0
    # this slice scores 0.757 here; spaCy's entities as they come (the first version) score 0.608
    assert metrics["micro_PLO"]["f1"] >= 0.72, metrics["micro_PLO"]


@pytest.mark.parametrize(
    "text, written, name",
    [
        ("Trump tweeted that Crooked Hillary Clinton should drop out.", "Crooked Hillary Clinton", "Hillary Clinton"),
        ("Black Lawmakers Rip Donald Trump Over Birther Claims. Donald Trump did not reply.", "Rip Donald Trump", "Donald Trump"),
        ("Maria Lopez Garcia spoke first.", "Maria Lopez Garcia", "Maria Lopez Garcia"),
        ("In May, Gov. Orval Ray Bennett signed the bill.", "Orval Ray Bennett", "Orval Ray Bennett"),


        # the first names come from many languages; names given to both genders count as first names too
        ("Voters Back Heidi Larsen In Runoff.", "Back Heidi Larsen", "Heidi Larsen"),
        ("Ingrid Maria Lund spoke first.", "Ingrid Maria Lund", "Ingrid Maria Lund"),
        ("Andrea Giulia Rossi spoke first.", "Andrea Giulia Rossi", "Andrea Giulia Rossi"),
        # words written capitalised before a name are no first names
        ("Will Donald Trump win the vote?", "Will Donald Trump", "Donald Trump"),
        ("Judges Grant Ingrid Lund Bail.", "Grant Ingrid Lund", "Ingrid Lund"),
        # a hyphenated word is one word: "Ban" is no word the model took in
        ("Ban Ki-moon arrived. Ki-moon spoke first.", "Ban Ki-moon", "Ban Ki-moon"),
    ],
)
def test_a_word_the_model_glued_before_a_name_is_dropped(nlp, text, written, name):
    mentions, entities = rows_with_model_entities(nlp, text, [(written, "PERSON")])
    assert entities[0]["name"] == name


def test_capitalised_words_are_no_first_names_but_common_names_are():
    names = first_name_genders().keys()
    assert not names & {"will", "grant", "rose", "faith", "hope", "victory", "may", "said"}
    assert {"mark", "bill", "heidi", "jean-claude", "olusegun", "shinzo", "jean"} <= names


@pytest.mark.parametrize(
    "text, written, name",
    [
        ("UN Secretary-General Ban Ki-moon said the talks would resume.", "Ban Ki-moon", "Ban Ki-moon"),
        ("Ban Ki-moon's spokesman spoke.", "Ban Ki-moon's", "Ban Ki-moon"),
        ("President Moon Jae-in met them.", "Moon Jae", "Moon Jae-in"),
        ("Officials loyal to al-Assad fled.", "Assad", "al-Assad"),
        ("President el-Sisi spoke.", "el-Sisi", "el-Sisi"),
        ("Nana Akufo-Addo and Jean-Claude Juncker met.", "Jean-Claude Juncker", "Jean-Claude Juncker"),
    ],
)
def test_hyphenated_name_parts_stay_in_the_name(nlp, text, written, name):
    _, entities = rows_with_model_entities(nlp, text, [(written, "PERSON")])
    assert [e["name"] for e in entities] == [name]


@pytest.mark.parametrize(
    "text, written",
    [
        ("The Donald Trump-backed bill failed.", "Donald Trump-backed"),
        ("A Bush-era law was repealed.", "Bush-era"),
        ("A Merkel-led coalition formed.", "Merkel-led"),
        ("Flights on the Paris-to-Rome line stopped.", "Paris"),
    ],
)
def test_a_name_heading_a_hyphenated_adjective_is_no_mention_even_when_the_model_took_the_adjective_in(nlp, text, written):
    mentions, _ = rows_with_model_entities(nlp, text, [(written, "PERSON")])
    assert mentions == []
