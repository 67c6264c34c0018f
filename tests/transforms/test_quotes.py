"""Quotes and their speakers on real text: the seed article, one sentence per pattern, and PolNeAR dev articles."""

from __future__ import annotations

import time
from pathlib import Path

import pytest

from transforms.clean import clean_record
from transforms.entities import entity_rows
from transforms.formats import read_records
from transforms.nlp import load_pipeline
from transforms.quotes import quote_rows
from transforms.quotes_marks import quote_spans
from transforms.sentences import sentence_rows

SEED = Path(__file__).resolve().parents[2] / "seeds" / "000_421bba50f5ab9343.txt"


@pytest.fixture(scope="module")
def nlp():
    return load_pipeline()


def extract(nlp, text: str) -> list[dict]:
    doc = nlp(text)
    sentences = sentence_rows(doc, ())
    mentions, entities = entity_rows(doc, sentences)
    return quote_rows(doc, sentences, mentions, entities)


def clean_article(path: Path):
    """The cleaned document of a one-article file, as the pipeline makes it."""
    (record,) = read_records(path.name, path.read_bytes())
    return clean_record(record)


# --- the seed -------------------------------------------------------------------------------------

SEED_QUOTES = [
    ("Our partnership has never been more important.", "Antonio Guterres", "explicit", "tell"),
    ("When we have greater gender balance", "Antonio Guterres", "pronoun", "highlight"),
    ("seriously injures the vulnerable", "Jane Holl Lute", "pronoun", "say"),
    ("Only through the continued personal leadership", "Jane Holl Lute", "pronoun", "say"),
    ("We are in this endeavour together", "Jane Holl Lute", "pronoun", "add"),
    ("Now, more than ever before", "Jean-Pierre Lacroix", "pronoun", "say"),
    ("The success of our missions", "Jean-Pierre Lacroix", "pronoun", "underscore"),
    ("But we need to do more together,", "Atul Khare", "pronoun", "add"),
    ("We simply cannot accept", "Atul Khare", "continuation", None),
]


@pytest.fixture(scope="module")
def seed_quotes(nlp):
    document = clean_article(SEED)
    doc = nlp(document.body)
    sentences = sentence_rows(doc, document.paragraphs)
    mentions, entities = entity_rows(doc, sentences)
    return quote_rows(doc, sentences, mentions, entities)


def test_seed_has_its_nine_quotes_and_nothing_else(seed_quotes):
    assert len(seed_quotes) == len(SEED_QUOTES)
    for row, (opening, *_rest) in zip(seed_quotes, SEED_QUOTES):
        assert row["text"].startswith(opening)


def test_seed_speakers_are_resolved_names(seed_quotes):
    got = [(row["speaker_name"], row["attribution"], row["verb_lemma"]) for row in seed_quotes]
    assert got == [(name, how, lemma) for _, name, how, lemma in SEED_QUOTES]


def test_seed_scare_quote_is_not_a_quote(seed_quotes):
    assert not any(row["text"] == "blue helmets" for row in seed_quotes)


def test_rows_point_into_the_text(nlp):
    text = '"I will not resign," the minister told reporters on Monday.'
    doc = nlp(text)
    sentences = sentence_rows(doc, ())
    mentions, entities = entity_rows(doc, sentences)
    (row,) = quote_rows(doc, sentences, mentions, entities)
    assert row["text"] == text[row["start_char"] : row["end_char"]] == "I will not resign,"
    assert text[row["speaker_start_char"] : row["speaker_end_char"]] == row["speaker"] == "the minister"
    assert row["speaker_name"] is None and row["attribution"] == "explicit"
    assert (row["quote_id"], row["sentence_id"]) == (0, 0)


# --- quote marks ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text, expected",
    [
        ('He said "we will win" today.', ["we will win"]),
        ("“One,” she said, “two.”", ["One,", "two."]),
        ("” Now we go,” he said.", ["Now we go,"]),  # wrong-direction opening mark
        ("He said: “it is over.", ["it is over."]),  # never closed: ends with its paragraph
        ("“First part.\n\n“Second part.”\n\nAfter.", ["First part.\n\n“Second part."]),  # multi-paragraph
        ("“He told me ‘no’ twice,” she said.", ["He told me ‘no’ twice,"]),  # nested quote stays inside
        ('"Outer “inner” outer," she said.', ["Outer “inner” outer,"]),
        ('“Deals are not required," he said of the "candy" deals.', ["Deals are not required,", "candy"]),  # mixed styles
        ("The voters’ choice was ‘clear as day’, she said.", ["clear as day"]),
        ('"We moved from "bad" to "good" only now," he said.', ['We moved from "bad" to "good" only now,']),  # nested, same marks
        ('"It is fine. "We will wait," she said.', ["It is fine.", "We will wait,"]),  # first never closed
        ("It's the candidates' night.", []),
        ('"WALLACE: Why now?\n\n"PENCE: Well, look.', ["WALLACE: Why now?", "PENCE: Well, look."]),  # transcript turns
    ],
)
def test_quote_marks(text, expected):
    assert [text[s.start : s.end] for s in quote_spans(text)] == expected


def test_an_odd_mark_loses_only_its_own_paragraph():
    text = 'He measured 5" of rain.\n\n“We are fine,” she said.'
    assert [text[s.start : s.end] for s in quote_spans(text)][-1] == "We are fine,"


def test_each_mark_of_a_paragraph_is_judged_once(monkeypatch):
    # A paragraph of many quotes nested in the same marks used to re-judge every mark after each opening one.
    import transforms.quotes_marks as marks

    judged = []
    judge = marks.double_mark_role
    monkeypatch.setattr(marks, "double_mark_role", lambda text, i, *bounds: judged.append(i) or judge(text, i, *bounds))
    text = '"We moved ' + " ".join(f'from "bad {n}" to "good {n}"' for n in range(200)) + ' only now," he said.'
    (span,) = marks.quote_spans(text)
    assert text[span.start : span.end].endswith("only now,")
    assert sorted(judged) == [i for i, ch in enumerate(text) if ch == '"']


# --- attribution patterns, one sentence each ------------------------------------------------------


def only_quote(nlp, text: str) -> dict:
    (row,) = extract(nlp, text)
    return row


@pytest.mark.parametrize(
    "text, speaker, name, verb_lemma, attribution",
    [
        ('"Taxes will fall," said Maria Lopez, the finance minister.', "Maria Lopez", "Maria Lopez", "say", "explicit"),
        ("Maria Lopez highlighted that the plan would “cut waste across every ministry.”", "Maria Lopez", "Maria Lopez", "highlight", "explicit"),
        ("“We will not be moved on this,” a spokesman for the ministry said.", "a spokesman for the ministry", None, "say", "explicit"),
        ("The deal is “dead on arrival,” according to Senator John Smith.", "Senator John Smith", "John Smith", "according to", "explicit"),
        ("“Profits rose in every region we serve,” Acme Corp said in a statement.", "Acme Corp", "Acme Corp", "say", "explicit"),
        ("The new ad uses footage of Maria Lopez asking, “Why are we not further ahead in the polls?”", "Maria Lopez", "Maria Lopez", "ask", "explicit"),
    ],
)
def test_attribution_patterns(nlp, text, speaker, name, verb_lemma, attribution):
    row = only_quote(nlp, text)
    assert (row["speaker"], row["speaker_name"], row["verb_lemma"], row["attribution"]) == (speaker, name, verb_lemma, attribution)


@pytest.mark.parametrize(
    "text, name",
    [
        ('"The market is weak," said co-founder Laura Smith.', "Laura Smith"),
        ('"Sales fell in every region," said vice-chairman David Orr.', "David Orr"),
        ('"We expect a better year," said co-chairman Peter Wells.', "Peter Wells"),
    ],
)
def test_a_title_the_parser_split_from_the_name_does_not_speak(nlp, text, name):
    # the parser gives "said" two subjects, the hyphenated title's first half and the name
    row = only_quote(nlp, text)
    assert (row["speaker_name"], row["attribution"]) == (name, "explicit")


def test_an_abbreviated_title_ends_no_sentence_and_a_participle_before_it_makes_no_clause(nlp):
    texts = ['"It is over," said Sgt. Maj. Ann Hill.', '"I have never seen this," said retired Army Sgt. Maj. Robert Jenkins, 64.']
    assert [only_quote(nlp, text)["speaker_name"] for text in texts] == ["Ann Hill", "Robert Jenkins"]


@pytest.mark.parametrize(
    "text, speaker, verb_lemma",
    [
        ('The minister wants the talks to be "frank and open".', "The minister", "want"),
        ('The bank expects inflation to remain "well above target" next year.', "The bank", "expect"),
        ('Smith considers the deal to be "a bad bargain" for the town.', "Smith", "consider"),
    ],
)
def test_the_subject_of_an_infinitive_completing_a_verb_is_not_the_speaker(nlp, text, speaker, verb_lemma):
    row = only_quote(nlp, text)
    assert (row["speaker"], row["verb_lemma"]) == (speaker, verb_lemma)


@pytest.mark.parametrize(
    "text, speaker, verb_lemma",
    [
        ('The singer stood up and asked: "Is the car ready?" Her driver, Tom Hale, said that it was parked outside.', "The singer", "ask"),
        ('Jones turned to the crowd and shouted: "Who wants to go home?" His manager, Sue Park, said that nobody moved.', "Jones", "shout"),
    ],
)
def test_a_verb_with_a_that_clause_of_its_own_after_a_question_does_not_report_it(nlp, text, speaker, verb_lemma):
    row = only_quote(nlp, text)
    assert (row["speaker"], row["verb_lemma"]) == (speaker, verb_lemma)


@pytest.mark.parametrize(
    "text, speaker",
    [
        ('Mayor Ann Cole said the city faced the "hidden costs" of the stadium deal, which critics argued would ruin the budget.', "Mayor Ann Cole"),
        ('Tom Reed said the board ignored the "serious risks" of the merger, which analysts warned could cost jobs.', "Tom Reed"),
        ('The union said workers feared the "harsh terms" of the contract that managers insisted were fair.', "The union"),
    ],
)
def test_a_relative_clause_on_a_noun_after_the_quote_does_not_report_it(nlp, text, speaker):
    row = only_quote(nlp, text)
    assert (row["speaker"], row["verb_lemma"]) == (speaker, "say")


@pytest.mark.parametrize(
    "text, speaker",
    [
        ('The law was passed quickly, and it became, as the senator put it, "a model for the nation."', "the senator"),
        ('The mayor is seen, as the Herald put it last week, "the real winner."', "the Herald"),
    ],
)
def test_as_someone_put_it_attributes_the_quote(nlp, text, speaker):
    row = only_quote(nlp, text)
    assert (row["speaker"], row["verb_lemma"], row["attribution"]) == (speaker, "put", "explicit")


@pytest.mark.parametrize(
    "text, speaker",
    [
        ('The committee is confident its report will find a "broad consensus" in the house.', "The committee"),
        ('The club is sure the new coach can bring "real success" to the team.', "The club"),
    ],
)
def test_of_verbs_not_of_saying_the_outermost_clause_speaks(nlp, text, speaker):
    row = only_quote(nlp, text)
    assert row["speaker"] == speaker


def test_according_to_a_document_or_unnamed_people_leaves_the_quote_to_the_verbs_speaker(nlp):
    texts = [
        '"We will not close the plant," the mayor told workers, according to a recording obtained by a local paper.',
        '"I plan to step down in March," Ann Cole said, according to a transcript of the meeting.',
        'According to people who attended, Ann Cole said: "The vote is lost."',
    ]
    assert [only_quote(nlp, text)["speaker"] for text in texts] == ["the mayor", "Ann Cole", "Ann Cole"]
    # a source that names someone is the outer speaker, as with two verbs of saying
    assert only_quote(nlp, 'According to the Daily Ledger, Tom Reed said the vote was "already lost."')["speaker"] == "the Daily Ledger"


@pytest.mark.parametrize(
    "text, speaker",
    [
        ('Mayor Ann Cole says evidence from schools across the city suggests there are "hundreds" of such cases.', "Mayor Ann Cole"),
        ("Senator Tom Reed said the board's decision announced today that farm imports hurt local growers is \"simply wrong.\"", "Senator Tom Reed"),
        ('A council member suggested the town saw the plan as a "trap" and would vote against it, a new report has revealed.', "A council member"),
    ],
)
def test_of_two_verbs_of_saying_one_inside_the_other_the_inner_speaks_unless_it_names_no_one(nlp, text, speaker):
    row = only_quote(nlp, text)
    assert (row["speaker"], row["attribution"]) == (speaker, "explicit")


@pytest.mark.parametrize(
    "text, speaker",
    [
        ('Tom Reed said the talks had stalled and added that the offer was "not good enough".', "Tom Reed"),
        ('The minister said her officials had held useful talks with the unions, but conceded the gap was "still wide".', "The minister"),
    ],
)
def test_a_verb_of_saying_conjoined_inside_reported_speech_goes_with_the_reporting_verb(nlp, text, speaker):
    row = only_quote(nlp, text)
    assert (row["speaker"], row["attribution"]) == (speaker, "explicit")


@pytest.mark.parametrize(
    "text, speaker",
    [
        ('The documentary showed Mr Hale, apparently talking about the budget, telling the crowd: "We will cut taxes for everyone who works."', "Mr Hale"),
        ('The new film shows Ann Cole, sitting in her office, warning her staff: "Nobody here will keep a job if this leaks."', "Ann Cole"),
        ('The police arrested the man, saying: "He had no right to be on the site."', "The police"),  # not a verb of showing
    ],
)
def test_the_one_shown_saying_it_speaks_not_the_one_showing(nlp, text, speaker):
    row = only_quote(nlp, text)
    assert (row["speaker"], row["attribution"]) == (speaker, "explicit")


@pytest.mark.parametrize(
    "text, speaker",
    [
        ('A union spokesman said there were 300 workers on the site. They were from many trades, but with a shared "distrust of the new managers".', "A union spokesman"),
        ('The minister said the two firms had made offers. They were both far below the "real value of the land".', "The minister"),
    ],
)
def test_a_pronoun_sentence_after_reported_speech_goes_on_with_the_report(nlp, text, speaker):
    (row,) = extract(nlp, text)
    assert (row["speaker"], row["verb_lemma"]) == (speaker, "say")


def test_the_object_of_a_verb_whose_subject_holds_the_quote_is_not_an_inverted_speaker(nlp):
    text = 'But she rejected the call for a cap on new homes, saying no "fixed number" could reflect the town\'s needs.'
    row = only_quote(nlp, text)
    assert (row["speaker"], row["verb_lemma"]) == ("she", "say")


def test_an_unclosed_quote_ends_before_the_narrative_reports_speech_again(nlp):
    text = (
        'Tom Reed added: "We lost the match. "Of course he will learn from it. I have made that mistake too. '
        'The club will play again on Sunday. Coach Ann Cole said: "We need a new striker before then."'
    )
    rows = extract(nlp, text)
    assert rows[1]["text"] == "Of course he will learn from it. I have made that mistake too."  # the last words in the first person
    assert (rows[2]["speaker_name"], rows[2]["attribution"]) == ("Ann Cole", "explicit")


def test_an_unclosed_quote_with_no_first_person_ends_just_before_the_report(nlp):
    text = 'He added: "We have survived many changes. "Each one has cost some jobs. All the firms said they were buying new tools.'
    assert [row["text"] for row in extract(nlp, text)] == ["We have survived many changes.", "Each one has cost some jobs."]


def test_a_participle_set_off_after_a_noun_is_done_by_that_noun(nlp):
    text = 'The local newspaper, quoting "senior people at the ministry," reported that the plan had been dropped.'
    row = only_quote(nlp, text)
    assert (row["speaker"], row["attribution"]) == ("The local newspaper", "explicit")


def test_a_noun_of_saying_the_tagger_took_for_a_verb_reports_nothing(nlp):
    # "remarks" after "her" is tagged as the verb "remark", with "her" as its subject
    row = only_quote(nlp, 'Campaign spokesman Brian Fallon wrote on Twitter that Sanders was "misrepresenting" her remarks.')
    assert (row["speaker_name"], row["verb_lemma"]) == ("Brian Fallon", "write")


def test_a_name_set_off_at_the_end_of_a_fronted_phrase_with_its_relative_clause_speaks(nlp):
    # the parser hangs the name on "Tampa" and leaves "said" without a subject
    row = only_quote(nlp, 'At a rally in Tampa, Sen. Marco Rubio, who is seeking reelection, said Clinton was "unfit."')
    assert (row["speaker_name"], row["verb_lemma"]) == ("Marco Rubio", "say")


@pytest.mark.parametrize(
    "text, speaker",
    [
        ('Despite this Gutierrez said, "What we are facing is a refusal by the lenders to talk."', "Gutierrez"),
        ('Despite that Kowalczyk said, "What we want is a fair hearing from the banks."', "Kowalczyk"),
    ],
)
def test_a_name_run_into_a_fronted_phrase_without_its_comma_speaks(nlp, text, speaker):
    row = only_quote(nlp, text)
    assert (row["speaker"], row["speaker_name"], row["attribution"]) == (speaker, speaker, "explicit")


def test_a_name_set_off_before_a_reporting_verb_joined_without_and_speaks(nlp):
    text = 'The bank had not "really noticed any big shift" in lending, head of retail banking, Maria Lopez, told Reuters in an interview.'
    row = only_quote(nlp, text)
    assert (row["speaker_name"], row["verb_lemma"], row["attribution"]) == ("Maria Lopez", "tell", "explicit")


def test_a_place_closing_a_participle_set_off_after_the_subject_does_not_speak(nlp):
    # the parser joins "said" to "asked" without "and"; "the Capitol" before the comma is where, not who
    text = "President Obama met voters on Friday.\n\nMr. Obama, asked about the reversal during a visit to the Capitol, said he was “shocked.”"
    assert only_quote(nlp, text)["speaker_name"] == "Obama"


def test_an_unclosed_quote_runs_on_over_a_speakers_own_time_will_tell(nlp):
    text = 'Jan Berg said: "It hurts a lot. "We will see. Time will tell if I can play. "I was not ready for this at all."'
    rows = extract(nlp, text)
    assert rows[1]["text"] == "We will see. Time will tell if I can play."
    assert {row["speaker_name"] for row in rows} == {"Jan Berg"}


def test_an_infinitive_after_the_quote_is_not_its_attribution(nlp):
    text = 'Ann Cole believes the club has shown that it has a "rare talent" to find young players and train them well.'
    row = only_quote(nlp, text)
    assert (row["speaker_name"], row["verb_lemma"]) == ("Ann Cole", "believe")


def test_a_subordinate_clause_after_the_quote_is_not_its_attribution(nlp):
    text = "Most council members agreed that the plan was “far too expensive to pass this year,” while a few residents said the opposite."
    row = only_quote(nlp, text)
    assert (row["speaker"], row["verb_lemma"]) == ("Most council members", "agree")


@pytest.mark.parametrize(
    "text, name",
    [
        ("Mayor Ann Cole said in a letter that the leaflet “plainly and wrongly” suggests that the police back her rival.", "Ann Cole"),
        ("Senator Tom Reed said that ending “the politics of fear” is the first goal of his campaign.", "Tom Reed"),
    ],
)
def test_a_quote_inside_the_subject_is_not_that_verbs_content(nlp, text, name):
    row = only_quote(nlp, text)
    assert (row["speaker_name"], row["verb_lemma"]) == (name, "say")


def test_a_name_running_on_past_its_head_is_named_whole(nlp):
    text = "In a statement on Monday, the National Association of Bus Drivers called the new rules “a danger to every passenger.”"
    row = only_quote(nlp, text)
    assert row["speaker_name"] == "National Association of Bus Drivers"


def test_an_inverted_verb_before_the_name_attributes_the_quote(nlp):
    # the parser makes "Said" a modifier of the name after it
    text = "Not everyone agrees. Said Collins: “I do not think the plan will survive the summer.”"
    row = only_quote(nlp, text)
    assert row["attribution"] == "explicit" and row["speaker_name"].endswith("Collins")


@pytest.mark.parametrize(
    "text, name",
    [
        ("Last spring, Senator Tom Reed made the following remark:\n\n“Nobody in this town has read the whole bill, and nobody will.”", "Tom Reed"),
        ("Mayor Ann Cole said the rally sends a message that “this city will not be bullied by anyone.”", "Ann Cole"),
    ],
)
def test_a_light_verb_with_a_noun_of_saying_reports_but_a_verb_of_saying_outranks_it(nlp, text, name):
    row = only_quote(nlp, text)
    assert (row["speaker_name"], row["attribution"]) == (name, "explicit")


def test_a_quote_after_reported_speech_keeps_its_speaker(nlp):
    text = (
        "The city may delay the vote until spring, Mayor Ann Cole said on Monday. "
        "“We have waited this long, and a few more months will not hurt anyone in this town.”"
    )
    row = only_quote(nlp, text)
    assert (row["speaker_name"], row["verb_lemma"], row["attribution"]) == ("Ann Cole", "say", "explicit")


def test_a_quote_after_a_sentence_that_reports_nothing_has_no_speaker(nlp):
    text = "Mayor Ann Cole may delay the vote until spring. “We have waited this long, and a few more months will not hurt.”"
    row = only_quote(nlp, text)
    assert row["attribution"] == "none"


def test_a_verb_in_the_subject_of_the_quoted_clause_is_not_its_attribution(nlp):
    text = "Senator Tom Reed mocked the idea, saying anyone who complains about the new rules “is not paying attention to the harvest.”"
    row = only_quote(nlp, text)
    assert (row["speaker_name"], row["verb_lemma"]) == ("Tom Reed", "say")


def test_a_demonstrative_subject_is_not_a_speaker(nlp):
    text = "The mayor’s lawyer said that was never the plan and dismissed the reports as “rumours spread by people who lost the vote.”"
    row = only_quote(nlp, text)
    # "dismissed", hung on the reported "was", goes with the lawyer's "said"
    assert (row["speaker"], row["verb_lemma"]) == ("The mayor’s lawyer", "dismiss")


def test_a_relative_clause_on_an_appositive_is_said_by_the_name(nlp):
    text = "The mayor often clashed with Tom Reed, the council president, who said the plan was “a waste of good money and time.”"
    row = only_quote(nlp, text)
    assert (row["speaker"], row["speaker_name"]) == ("Tom Reed", "Tom Reed")


def test_a_when_clause_after_the_quote_is_not_its_attribution(nlp):
    text = "At the debate Tom Reed answered, “That just makes me careful with money,” when Ann Cole criticized him for it."
    row = only_quote(nlp, text)
    assert row["speaker_name"] == "Tom Reed"


def test_pronoun_resolves_across_paragraphs_by_gender(nlp):
    text = (
        "Angela Merkel met Barack Obama in Berlin on Monday.\n\n"
        "The talks lasted three hours and covered trade.\n\n"
        "“We made real progress on the hardest questions,” she said."
    )
    row = only_quote(nlp, text)
    assert (row["speaker"], row["speaker_name"], row["attribution"]) == ("she", "Angela Merkel", "pronoun")


def test_first_names_beyond_english_tell_the_gender(nlp):
    text = "Heidi Larsen joined Olaf Larsen at the rally on Monday.\n\n“We will keep the farm,” he said."
    row = only_quote(nlp, text)
    assert (row["speaker"], row["speaker_name"]) == ("he", "Olaf Larsen")


@pytest.mark.parametrize(
    "text, name",
    [
        ("Gov. Trent Ashby met Sen. Gail Morrow in Topeka on Monday.\n\n“We found common ground on roads,” she said.", "Gail Morrow"),
        ("Sen. Maribel Vega toured the plant with Mayor Rusty Quinn on Friday.\n\n“Those jobs are staying here,” he said.", "Rusty Quinn"),
    ],
)
def test_common_american_given_names_tell_the_gender(nlp, text, name):
    row = only_quote(nlp, text)
    assert row["speaker_name"] == name


@pytest.mark.parametrize(
    "text",
    [
        "Host Dan Whitaker interviewed Senator Luis Varga on Sunday.\n\nWhitaker asked him whether he regretted the vote.\n\n“Every single day,” he replied.",
        "Senator Luis Varga sat down with Dan Whitaker on Sunday.\n\n“Was the vote a mistake?” Whitaker asked.\n\n“It was,” he answered.",
    ],
)
def test_whoever_replies_is_not_whoever_just_asked(nlp, text):
    row = extract(nlp, text)[-1]
    assert (row["speaker"], row["speaker_name"]) == ("he", "Luis Varga")


def test_a_reply_to_a_question_put_to_the_speaker_keeps_the_speaker(nlp):
    text = (
        "Finance Minister Paul Mbeki spoke to reporters in Abuja on Tuesday.\n\n“Can any of us pay?” Mbeki asked.\n\n"
        "He said the summit would decide.\n\n“Let us wait and see,” he replied when asked about a default."
    )
    row = extract(nlp, text)[-1]
    assert (row["speaker"], row["speaker_name"]) == ("he", "Paul Mbeki")


def test_a_noun_set_off_after_a_name_the_parser_stumbled_on_describes_that_person(nlp):
    # the parser takes "Kiely" for an adverb and "director" for the subject of "said"
    text = (
        '"She wants to raise your taxes," Trump said. Clinton\'s plan would raise taxes mainly on households earning '
        'more than $5 million a year.\n\n'
        'Eugene Kiely, director of FactCheck.org, said both candidates had stretched the truth. '
        '"We\'ve seen more false claims from Trump, but Clinton isn\'t immune," he said.'
    )
    row = extract(nlp, text)[-1]
    assert (row["speaker"], row["speaker_name"]) == ("he", "Eugene Kiely")


def test_a_description_the_parser_made_the_subject_after_a_name_mentions_that_person_for_a_pronoun(nlp):
    # the parser takes "Heck" for an interjection and "physician" for the subject of "withdrew"
    text = (
        "Former Attorney General Catherine Cortez Masto faces Republican Rep. Joe Heck next month.\n\n"
        "Heck, a physician and Army reserve brigadier general, withdrew his support for Donald Trump after the release "
        'of a 2005 recording. "I can no longer look past this pattern of behavior," he said at the time.'
    )
    assert extract(nlp, text)[-1]["speaker_name"] == "Joe Heck"


def test_it_stands_for_a_text_that_is_the_subject_before_not_a_place_it_mentions(nlp):
    texts = [
        'The board released its audit on Friday. The audit looked at spending in Ohio and Texas. "Costs were not tracked," it said.',
        'The party sent a memo to donors. The memo cited polls in Nevada and Arizona. "We are gaining ground," it said.',
    ]
    assert [only_quote(nlp, text)["speaker"] for text in texts] == ["The audit", "The memo"]
    # an organisation that is the subject before is still the one "it" stands for
    row = only_quote(nlp, 'Acme Corp released a statement on Tuesday. Its shares fell in Texas. "We are confident," it said.')
    assert row["speaker_name"] == "Acme Corp"


def test_a_given_name_the_tagger_took_for_a_place_is_a_person_beside_a_kinship_noun(nlp):
    opening = "Ann Pruitt spoke at a school in Ames on Tuesday.\n\n"
    rows = extract(nlp, opening + 'Their daughter Charlotte, a filmmaker, has also been traveling with her mother. She said the trip was "a team effort."')
    assert [(row["speaker"], row["speaker_name"]) for row in rows] == [("She", "Charlotte")]


def test_a_noun_of_one_gender_in_apposition_tells_a_persons_gender(nlp):
    text = (
        "Jordan Blake, the council's budget chief, questioned the plan on Monday.\n\n"
        "Robin Marsh, a spokeswoman for the mayor, defended it.\n\n“Those numbers are wrong,” he said."
    )
    row = only_quote(nlp, text)
    assert (row["speaker"], row["speaker_name"]) == ("he", "Jordan Blake")


def test_a_kinship_noun_in_apposition_tells_a_persons_gender(nlp):
    text = "Kim Lee, a spokeswoman for the union, met Robin Marsh on Monday. Marsh's wife, Jordan Marsh, was there too.\n\n“We made progress,” he said."
    row = only_quote(nlp, text)
    assert (row["speaker"], row["speaker_name"]) == ("he", "Robin Marsh")


def test_a_person_with_a_hyphenated_given_name_can_be_he(nlp):
    text = "Maria Lopez, the envoy, met UN Secretary-General Ban Ki-moon in Geneva on Monday.\n\n“The fighting must stop now,” he said."
    row = only_quote(nlp, text)
    assert (row["speaker"], row["speaker_name"]) == ("he", "Ban Ki-moon")


def test_a_shared_surname_names_the_person_just_mentioned(nlp):
    text = (
        "Hillary Clinton spoke in Ohio on Monday.\n\n"
        "Don Fowler, who led the party during Bill Clinton’s presidency, has backed Hillary Clinton since 2008.\n\n"
        "“It is something you would be a fool not to prepare for,” he said. He added a note of caution, should Clinton return too soon.\n\n"
        "“She had better get well before she gets back out there,” he said."
    )
    rows = extract(nlp, text)
    assert [r["speaker_name"] for r in rows] == ["Don Fowler", "Don Fowler"]


def test_a_he_does_not_stand_for_the_next_she(nlp):
    # "Oz" has no gender of its own: only the pronoun that named him says he is not "she"
    text = (
        "Sen. Claire McCaskill questioned Dr. Oz at a Senate hearing in 2014.\n\n"
        "“These products work for every body type,” he said.\n\n"
        "“The scientific community is almost monolithic against you,” she said."
    )
    rows = extract(nlp, text)
    assert [(r["speaker"], r["speaker_name"]) for r in rows] == [("he", "Oz"), ("she", "Claire McCaskill")]


def test_a_pronoun_speaker_follows_the_earlier_pronoun_speakers(nlp):
    text = (
        "Hillary Clinton is describing a tweet as “unhinged.” She says his temperament is “dangerous for a president.”\n\n"
        "She says the tweets accusing Alicia Machado of lying are “lies and conspiracy theories.”\n\n"
        "The Democratic candidate’s response came in her own series of messages on Friday.\n\n"
        "She tweeted: “When something gets under his thin skin, he lashes out and cannot let go.”"
    )
    rows = extract(nlp, text)
    assert rows[-1]["attribution"] == "pronoun"
    assert rows[-1]["speaker_name"] == "Hillary Clinton"


def test_a_titled_mention_has_the_gender_of_its_own_title(nlp):
    # one surname, two people: "Mrs Carter" says nothing of the gender of "President Carter"
    text = (
        "President Carter met union leaders in Detroit on Tuesday. Mrs Carter visited a school in Atlanta the same day.\n\n"
        "“We will not walk away from these workers,” he said."
    )
    row = only_quote(nlp, text)
    assert (row["speaker"], row["speaker_name"]) == ("he", "Carter")


def test_a_name_modifying_a_common_noun_is_no_one_a_pronoun_stands_for(nlp):
    text = (
        "Raj Patel runs the network team at the company. The firm has grown fast since 2010. "
        "Its offices now fill two floors of a tower. The Hoffman laser units now carry its data across the city.\n\n"
        "“They work even in heavy rain,” he said."
    )
    row = only_quote(nlp, text)
    assert (row["speaker"], row["speaker_name"]) == ("he", "Raj Patel")


def test_a_chain_of_he_said_keeps_its_referent_in_view(nlp):
    # Hale, named last, is only in a subordinate clause; the "He said" sentences carry Walsh along
    text = (
        "Gov. Tom Walsh spoke in Albany on Monday. He said the budget would pass by June. "
        "He said the plan he drafted last year was still alive, although Senator Peter Hale has opposed it.\n\n"
        "“I remain committed to this budget,” he said."
    )
    row = only_quote(nlp, text)
    assert (row["speaker"], row["speaker_name"]) == ("he", "Tom Walsh")


def test_it_stands_for_an_organisation_not_a_nationality(nlp):
    text = (
        "Acme Corp announced the closure of its plant in Leeds on Monday.\n\n"
        "Germans bought most of the plant's output last year.\n\n"
        "“The decision was not taken lightly,” it said."
    )
    row = only_quote(nlp, text)
    assert (row["speaker"], row["speaker_name"]) == ("it", "Acme Corp")


def test_what_a_thing_means_is_said_by_the_outer_speaker(nlp):
    text = "Maria Lopez met the board on Monday. She says it underscores that the plan is “simply not ready for a vote.”"
    row = only_quote(nlp, text)
    assert (row["speaker"], row["speaker_name"], row["attribution"]) == ("She", "Maria Lopez", "pronoun")


def test_the_person_a_relative_who_stands_for_acts_in_its_clause(nlp):
    text = (
        "The rise in rents would swamp the tax cut, said Mary Jones, an economist at the university.\n\n"
        "The plan drew fire from Susan Clark, who has called for rent caps for years.\n\n"
        "“This plan does nothing for people who rent,” she said."
    )
    row = only_quote(nlp, text)
    assert (row["speaker"], row["speaker_name"]) == ("she", "Susan Clark")


@pytest.mark.parametrize(
    "text, speaker",
    [
        (
            "Harold Finch, the fund's founder, bought the shares in 2019. Prices have since doubled, a company "
            "spokeswoman said on Tuesday.\n\n“We see no reason to sell now,” she added.",
            "a company spokeswoman",
        ),
        (
            "Shipping rates rose again after Anna Berg, a broker in Oslo, raised her forecast. The rise should last "
            "the month, one dealer said.\n\n“Nobody expected it to go this far,” he said.",
            "one dealer",
        ),
        (
            "Mayor Carl Stone closed the bridge last week. Officials defend the decision. Instead, they say the bridge "
            "is “simply unsafe” for lorries.",
            "Officials",
        ),
        ("Police arrested three men in Leeds on Saturday.\n\n“The investigation is ongoing,” they said.", "Police"),
        ("Two soldiers were wounded near the border on Sunday.\n\n“We were ambushed at dawn,” they said.", "Two soldiers"),
        (
            "Sara Holt opened the new ward on Friday. Sara Holt's spokesman defended the cost of the building.\n\n"
            "He said: “Every penny was approved by the board.”",
            "Sara Holt's spokesman",
        ),
    ],
)
def test_a_pronoun_stands_for_someone_introduced_by_role(nlp, text, speaker):
    row = extract(nlp, text)[-1]
    assert (row["speaker"], row["speaker_name"], row["attribution"]) == (speaker, None, "pronoun")


@pytest.mark.parametrize(
    "text, speaker",
    [
        ("The Marsh campaign released a new ad on Tuesday.\n\n“This ad speaks for itself,” they said in a statement.", "The Marsh campaign"),
        ("Ann Cole’s campaign wants to set her record against what they call her rival’s “empty promises.”", "Ann Cole’s campaign"),
        ("The family of Dan Reyes met the police chief on Monday.\n\n“We want the truth about that night,” they said.", "The family of Dan Reyes"),
    ],
)
def test_a_pronoun_stands_for_a_body_of_people_its_name_introduces(nlp, text, speaker):
    row = extract(nlp, text)[-1]
    assert (row["speaker"], row["speaker_name"], row["attribution"]) == (speaker, None, "pronoun")


def test_they_stands_for_people_named_together(nlp):
    text = (
        "Mark Ellis and Sarah Ellis sued Greenfield Energy in March over the leak.\n\n"
        "“We just want the company to clean up its mess,” they said."
    )
    row = only_quote(nlp, text)
    assert (row["speaker"], row["speaker_name"], row["attribution"]) == ("Mark Ellis and Sarah Ellis", None, "pronoun")


def test_a_definite_role_mentions_the_person_introduced_by_it_again(nlp):
    text = (
        "A ministry official said exports would recover by June, after Paul Grant cut his estimate. "
        "The official spoke to reporters in Rome.\n\n“Demand is strong,” he said."
    )
    row = only_quote(nlp, text)
    assert (row["speaker"], row["speaker_name"]) == ("A ministry official", None)


@pytest.mark.parametrize(
    "text, name",
    [
        (
            "Gov. Paul Brandt of Iowa vetoed the tax bill on Friday.\n\nState Senator Mark Olsen had urged him to sign it.\n\n"
            "The governor said the bill would raise property taxes.\n\n“I made a promise to farmers,” he said.",
            "Paul Brandt",
        ),
        (
            "Gov. Paul Brandt of Iowa was abroad on Friday.\n\nLt. Gov. Mark Olsen vetoed the tax bill instead.\n\n"
            "State Senator Tom Hale had urged him to sign it. The lieutenant governor said the bill cost too much.\n\n"
            "“It is a matter of arithmetic,” he said.",
            "Mark Olsen",
        ),
    ],
)
def test_a_description_of_an_office_mentions_its_titled_holder_again(nlp, text, name):
    row = only_quote(nlp, text)
    assert row["speaker_name"] == name


@pytest.mark.parametrize(
    "text",
    [
        "Ian Reid presented the budget on Monday. The chancellor defended the cuts.\n\n“They are fair,” he said.",
        "Ian Reid presented the budget on Monday. His aide defended the cuts.\n\n“They are fair,” he said.",
    ],
)
def test_a_definite_role_alone_introduces_no_one_a_pronoun_stands_for(nlp, text):
    # "the chancellor", "his aide": someone named elsewhere or no one, not a new person
    row = only_quote(nlp, text)
    assert (row["speaker"], row["speaker_name"]) == ("he", "Ian Reid")


def test_a_pronoun_with_no_person_in_reach_stands_for_a_speaker_the_tagger_labelled_otherwise(nlp):
    text = (
        "“The archive has a gap in every decade,” Okonkwo explained in an interview.\n\n"
        "The new film opens in cinemas on Friday.\n\n"
        "“Nobody had looked at those boxes for years,” she said."
    )
    rows = extract(nlp, text)
    assert [(r["speaker"], r["speaker_name"]) for r in rows] == [("Okonkwo", "Okonkwo"), ("she", "Okonkwo")]


@pytest.mark.parametrize(
    "text, name",
    [
        (
            "Tom Harris spoke at the rally in Leeds on Monday.\n\n"
            "Mr Patel had been “asleep at the wheel” on housing for a year, he added.",
            "Tom Harris",
        ),
        (
            "David Moss met the health minister, Mark Bell, on Friday.\n\n"
            "Mr Bell has failed every patient in the county, he claimed, saying the reforms were “a step backwards”.",
            "David Moss",
        ),
        (
            "When Mark Bell arrived at the hospital on Friday, he told staff: “We will rebuild this ward.”",
            "Mark Bell",
        ),
    ],
)
def test_a_pronoun_speaker_is_no_one_named_in_what_its_verb_reports(nlp, text, name):
    # "Mr Patel's plans were …, he added": the "he" is not Mr Patel; a name in a fronted adverbial clause may be the "he"
    row = extract(nlp, text)[-1]
    assert (row["attribution"], row["speaker_name"]) == ("pronoun", name)


def test_a_full_name_the_tagger_missed_competes_for_a_pronoun_of_its_given_names_gender(nlp):
    text = (
        "Gordon Brown froze fuel duty on Wednesday. Oliver Letwin told MPs: \"The tide is going out on the chancellor's credibility.\"\n\n"
        "Vincent Cable, for the Liberal Democrats, accused Mr Brown of ducking tough choices.\n\n"
        "He said: \"This week the chancellor has offered the economics of complacency.\""
    )
    row = extract(nlp, text)[-1]
    assert (row["speaker"], row["speaker_name"], row["speaker_entity_id"], row["attribution"]) == ("He", "Vincent Cable", None, "pronoun")


@pytest.mark.parametrize(
    "text, speaker",
    [
        ("Carol Mead hugged her lawyer, Mark Stein, outside court. “Justice was done today,” she said.", "Carol Mead"),
        ("Walsh met with Brandt on Monday. He said the president was “open to compromise.”", "Walsh"),
    ],
)
def test_a_pronoun_with_no_person_in_reach_stands_for_a_main_subject_the_tagger_saw_as_no_name(nlp, text, speaker):
    row = only_quote(nlp, text)
    assert (row["speaker_name"], row["attribution"]) == (speaker, "pronoun")


@pytest.mark.parametrize(
    "text, speaker",
    [
        (
            "Senator Gregory Walsh met the rebels' envoy for an hour on Monday. “He does not want a deal,” Walsh said afterwards.\n\n"
            "“That is nonsense,” Okwuosa said. “I have offered three compromises,” he said.",
            "Okwuosa",
        ),
        (
            "Russia rejected the plan on Monday. “It is a provocation,” Russia said. Senator Gregory Walsh was in Moscow.\n\n"
            "“I have offered three compromises,” he said.",
            "Gregory Walsh",
        ),
    ],
)
def test_a_one_word_speaker_the_tagger_took_for_a_place_or_group_can_be_he_or_she(nlp, text, speaker):
    row = extract(nlp, text)[-1]
    assert (row["speaker_name"], row["attribution"]) == (speaker, "pronoun")


def test_a_full_name_the_tagger_took_for_an_organisation_is_still_he_or_she(nlp):
    text = (
        "Oliver Letwin predicted higher taxes next year. Vince Cable said the council had ignored the "
        "“looming problems” of the bands, which he argued would bring “massive increases” for some."
    )
    doc = nlp(text)
    labelled = {"Oliver Letwin": "PERSON", "Vince Cable": "ORG"}  # the model's mistake this guards against
    doc.ents = [doc.char_span(text.index(name), text.index(name) + len(name), label=label) for name, label in labelled.items()]
    sentences = sentence_rows(doc, ())
    mentions, entities = entity_rows(doc, sentences)
    rows = quote_rows(doc, sentences, mentions, entities)
    assert [(r["text"], r["speaker"], r["speaker_name"]) for r in rows] == [
        ("looming problems", "Vince Cable", "Vince Cable"),
        ("massive increases", "he", "Vince Cable"),
    ]


def test_a_full_name_the_tagger_took_for_a_group_is_still_he_or_she(nlp):
    text = "Tom Brandt's wife, Natalya Brandt, spoke at the rally in Erie on Friday.\n\n“He will fight for you,” she said."
    doc = nlp(text)
    labelled = {"Tom Brandt": "PERSON", "Natalya Brandt": "NORP"}  # the model's mistake this guards against
    doc.ents = [doc.char_span(text.index(name), text.index(name) + len(name), label=label) for name, label in labelled.items()]
    sentences = sentence_rows(doc, ())
    mentions, entities = entity_rows(doc, sentences)
    rows = quote_rows(doc, sentences, mentions, entities)
    assert [(r["speaker"], r["speaker_name"]) for r in rows] == [("she", "Natalya Brandt")]


@pytest.mark.parametrize(
    "text, speaker",
    [
        ('The prime minister on Sunday said the rules would be "toughened up" this year.', "The prime minister"),
        ('A Scottish National Party MSP said the budget was "a disgrace" to the chamber.', "A Scottish National Party MSP"),
    ],
)
def test_a_described_speaker_is_the_noun_phrase_without_its_time_and_with_its_title_head(nlp, text, speaker):
    # "on Sunday" says when, not who; a title the tagger took for a name ("MSP") is a description, no name
    row = only_quote(nlp, text)
    assert (row["speaker"], row["speaker_name"]) == (speaker, None)


def test_split_quote_and_continuation_keep_the_speaker(nlp):
    text = "“This is a good day,” Jane Doe said, “and a long one.” “We will keep working tomorrow.”"
    rows = extract(nlp, text)
    assert [r["text"] for r in rows] == ["This is a good day,", "and a long one.", "We will keep working tomorrow."]
    assert [r["speaker_name"] for r in rows] == ["Jane Doe"] * 3
    assert rows[-1]["attribution"] == "continuation"


def test_a_short_sentence_after_an_attributed_quote_continues_it(nlp):
    # short and unattributed, but a whole sentence of its own right after the speaker's quote: not a scare quote
    rows = extract(nlp, "“The train is late again,” Maria Lopez said on Monday. “Every day.”")
    assert [(r["text"], r["speaker_name"], r["attribution"]) for r in rows] == [
        ("The train is late again,", "Maria Lopez", "explicit"),
        ("Every day.", "Maria Lopez", "continuation"),
    ]


def test_a_short_sentence_making_up_the_next_paragraph_continues_the_quote_before(nlp):
    text = "“I reported every concern to my superiors,” Robert Finch said.\n\n“Nobody listened.”"
    rows = extract(nlp, text)
    assert [(r["text"], r["speaker_name"], r["attribution"]) for r in rows] == [
        ("I reported every concern to my superiors,", "Robert Finch", "explicit"),
        ("Nobody listened.", "Robert Finch", "continuation"),
    ]


def test_a_quote_running_over_paragraphs_is_attributed_after_its_close(nlp):
    # the first paragraph's quote is never closed, so its words and the next paragraph's make one quote
    text = (
        '"It is a disgrace," Rep. Ann Lowe said Friday. "If the mayor cannot lead, nobody can trust the council.\n\n'
        '"I have been thinking about what we can expect," added Rep. Tom Baker, the caucus leader. "Noise is nothing new in this town."'
    )
    rows = extract(nlp, text)
    assert [(row["speaker_name"], row["attribution"]) for row in rows] == [
        ("Ann Lowe", "explicit"),
        ("Tom Baker", "explicit"),
        ("Tom Baker", "continuation"),
    ]


def test_colon_introduces_next_paragraph_quote(nlp):
    text = "Senator Tom Reed said on Friday:\n\n“The vote is set and the bill will pass this month.”"
    row = only_quote(nlp, text)
    assert (row["speaker_name"], row["attribution"]) == ("Tom Reed", "explicit")


def test_quote_ending_its_sentence_takes_no_attribution_from_the_next(nlp):
    text = (
        "“This is a disgusting day,” said Rep. Jane Doe. “The claim is a fraud and everybody knows it.” "
        "Members of the caucus held a press conference after Trump said he believes it."
    )
    rows = extract(nlp, text)
    assert [r["speaker_name"] for r in rows] == ["Jane Doe", "Jane Doe"]
    assert rows[1]["attribution"] == "continuation"


@pytest.mark.parametrize(
    "between, speaker",
    [
        ("Dobbs, 52, lost his job in 2009 and now drives a truck.", "Ray Dobbs"),
        ("The mill closed in 2009, and the town has lost a third of its people.", None),
    ],
)
def test_a_paragraph_telling_of_the_speaker_keeps_the_next_unattributed_quote_his(nlp, between, speaker):
    text = f"“The mill paid for my house,” said Ray Dobbs, a welder in Gary.\n\n{between}\n\n“I make half what I used to now.”"
    row = extract(nlp, text)[-1]
    assert row["text"].startswith("I make half") and row["speaker_name"] == speaker


def test_names_inside_the_attribution_do_not_stop_a_continuation(nlp):
    text = "“This is in their heads,” said Pat Caddell, speaking of Hillary Clinton’s health. “It is one of the things worrying them.”"
    rows = extract(nlp, text)
    assert [(r["speaker_name"], r["attribution"]) for r in rows] == [("Pat Caddell", "explicit"), ("Pat Caddell", "continuation")]


def test_a_quote_after_reported_speech_goes_on_with_its_speaker(nlp):
    text = (
        "“The rules were written for another era,” said Maria Lopez.\n\n"
        "Officials in the capital declined to comment on the proposal.\n\n"
        "The ministry may wait until after the summit, Tom Reed said. “Nobody wants a fight over this before the vote.”"
    )
    rows = extract(nlp, text)
    assert [(r["speaker_name"], r["attribution"], r["verb"]) for r in rows] == [("Maria Lopez", "explicit", "said"), ("Tom Reed", "explicit", "said")]


def test_a_person_named_as_an_object_in_the_paragraph_before_does_not_stop_a_continuation(nlp):
    text = (
        "“The deal is dead,” Senator Greg Walsh said after meeting Governor Alan Marsh.\n\n"
        "“There is nothing left to negotiate with anyone.”\n\n"
        "“We are done,” said Walsh. Marsh left the talks early on Monday.\n\n"
        "“Nobody should give up on this deal just yet.”"
    )
    rows = extract(nlp, text)
    assert [(r["speaker_name"], r["attribution"]) for r in rows] == [
        ("Greg Walsh", "explicit"),
        ("Greg Walsh", "continuation"),
        ("Greg Walsh", "explicit"),
        (None, "none"),
    ]


def test_the_subject_of_a_clause_inside_the_attribution_does_not_stop_a_continuation(nlp):
    text = (
        "“We will appeal this ruling,” said Karen Whitley, the families’ lawyer, after Judge Susan Ortiz dismissed the case.\n\n"
        "“The families deserve their day in court, and they will get it.”"
    )
    rows = extract(nlp, text)
    assert [(r["speaker_name"], r["attribution"]) for r in rows] == [("Karen Whitley", "explicit"), ("Karen Whitley", "continuation")]


def test_a_name_modifying_the_speakers_title_does_not_stop_a_continuation(nlp):
    text = (
        "“The budget was never the problem,” said Tom Baker, a former Clinton administration adviser who runs a consultancy. "
        "“The problem was always the timetable.”"
    )
    rows = extract(nlp, text)
    assert [(r["speaker_name"], r["attribution"]) for r in rows] == [("Tom Baker", "explicit"), ("Tom Baker", "continuation")]


@pytest.mark.parametrize(
    "text, speaker",
    [
        ("The New York businessman says of Clinton, “If she gets the chance, she will sell the office.”", "The New York businessman"),
        ("Libertarian candidate Gary Johnson’s doctor is calling the candidate “extremely physically fit and healthy.”", "Libertarian candidate Gary Johnson’s doctor"),
    ],
)
def test_a_name_in_a_modifier_is_not_the_speaker(nlp, text, speaker):
    row = only_quote(nlp, text)
    assert (row["speaker"], row["speaker_name"]) == (speaker, None)


def test_a_word_said_of_a_name_is_a_quote(nlp):
    # the name before the quote is who the word is said of, not a term the quote belongs to (UN “blue helmets”)
    row = only_quote(nlp, "The mayor called a former Miss Texas “dishonest” in a speech.")
    assert (row["text"], row["speaker"]) == ("dishonest", "The mayor")


def test_signed_quotes_take_the_name_after_the_dash(nlp):
    text = (
        "“Mr. Trump embodies the lasting legacy of racism in this country.” ― Sonya Herridge "
        "“He is ignorant of our culture and our lives.” ― Edwin G. Monroy."
    )
    rows = extract(nlp, text)
    assert [(r["speaker"], r["attribution"]) for r in rows] == [("Sonya Herridge", "explicit"), ("Edwin G. Monroy", "explicit")]


def test_a_signature_the_tagger_named_only_in_part_is_named_as_written(nlp):
    text = "“He is not fit to run a lemonade stand.” ― Ada Lynn Moss"
    doc = nlp(text)
    sentences = sentence_rows(doc, ())
    start = text.index("Ada")
    mentions = [{"start_char": start, "end_char": start + 3, "label": "ORG", "entity_id": "e0"}]
    entities = [{"entity_id": "e0", "name": "Ada", "label": "ORG", "aliases": []}]
    (row,) = quote_rows(doc, sentences, mentions, entities)
    assert (row["speaker"], row["speaker_name"], row["speaker_entity_id"]) == ("Ada Lynn Moss", "Ada Lynn Moss", None)


@pytest.mark.parametrize(
    "text",
    [
        "She appeared on MSNBC’s “Morning Joe” on Friday.",  # title of a work
        "Rep. Robert C. “Bobby” Scott hosted the picnic.",  # nickname
        "The so-called “experts” were wrong again.",  # scare quote
        "The “fact-checking” website said the rate was far lower.",  # a word of the speaker's own name
        "Trump ‘The Dealmaker’ Could Fix Energy, Graham Says\n\nThe senator spoke on Monday.",  # headline
        "On Sunday’s broadcast of “Meet the Voters,” the senator said the bill would pass.",  # a show, after "broadcast of"
        "Her new documentary “2nd Chance” opens in theaters on Friday.",  # a title that starts with a number
        "The governor stressed her record during a “Small Business Forum” held by the chamber.",  # names itself a forum
        "He mocked his rival with the nickname “Sleepy Sam.”",  # nickname
        "The goalkeeper, nicknamed “The Wall,” retired on Monday.",  # nickname
    ],
)
def test_not_quotes(nlp, text):
    assert extract(nlp, text) == []


def test_a_headline_citing_the_story_quote_is_not_a_second_quote(nlp):
    text = "Mayor says depot fire was 'no accident' in late-night briefing.\n\nThe fire that destroyed the bus depot was “no accident,” the mayor said on Tuesday."
    assert [r["text"] for r in extract(nlp, text)] == ["no accident,"]


def test_a_lede_quoting_what_the_story_quotes_again_is_a_quote(nlp):
    # wire stories open with a sentence, not a headline: its double-quoted words are reported speech
    text = (
        "Mayor Ann Vale dismissed reports of a budget gap as \"pure invention.\"\n\n"
        "\"There is no gap, and this story is pure invention,\" Vale told the council."
    )
    assert [r["text"] for r in extract(nlp, text)] == ["pure invention.", "There is no gap, and this story is pure invention,"]


# --- patterns of British and wire copy ------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        'Ticket sales are "the best in a decade", the magazine quoted Anna Berg as saying.',
        'The weekly newsletter quoted Anna Berg as saying prices would stay "where they are for now."',
    ],
)
def test_the_one_quoted_as_saying_is_the_speaker(nlp, text):
    assert only_quote(nlp, text)["speaker_name"] == "Anna Berg"


@pytest.mark.parametrize(
    "text",
    [
        'In a new memoir Tom Hale is alleged to have told the board: "Nothing you say will change my mind."',
        'Tom Hale is expected to tell the conference: "We will open four new plants next year."',
    ],
)
def test_the_passive_subject_of_a_raising_verb_is_the_speaker(nlp, text):
    assert only_quote(nlp, text)["speaker_name"] == "Tom Hale"


@pytest.mark.parametrize(
    "text",
    [
        "Harbour Bank says 'tap-and-go' payments have doubled since May.",
        "Most buyers said they had cards with the new 'smart' chip from their banks.",
    ],
)
def test_a_single_quoted_modifier_is_a_term(nlp, text):
    assert extract(nlp, text) == []


def test_chairman_says_nothing_of_gender(nlp):
    text = (
        '"The rules will not change this year," board chairman Laura Kent told the committee.\n\n'
        '"We would rather work with the other agencies," she said.'
    )
    assert [r["speaker_name"] for r in extract(nlp, text)] == ["Laura Kent", "Laura Kent"]


def test_a_slogan_after_theme_is_not_a_quote(nlp):
    assert extract(nlp, 'The bank said its spring campaign, with the theme "Closer To Home," starts in May.') == []


def test_a_title_after_headed_is_not_a_quote(nlp):
    assert extract(nlp, 'The minister waved a newspaper story headed "Pension Plans Torn Up" at reporters.') == []


@pytest.mark.parametrize(
    "text",
    [
        'The union wants every member to back a "fully funded" pension scheme before the summer.',
        'Phones with an "always ready" data link will make up most sales next year.',
    ],
)
def test_a_quoted_modifier_under_a_verb_not_of_saying_is_a_term(nlp, text):
    assert extract(nlp, text) == []


def test_a_quoted_modifier_in_reported_speech_is_a_quote(nlp):
    row = only_quote(nlp, 'Tom Reed said the "fully funded" pension scheme was a fantasy.')
    assert (row["text"], row["speaker_name"]) == ("fully funded", "Tom Reed")


@pytest.mark.parametrize(
    "text",
    [
        'There has been talk that the government would change course to allow work on the "Sky Shield" missile defence plan, but Smith said no decision had been made.',
        'Critics said the "Big Bang" reforms had gone too far, Jones said.',
    ],
)
def test_a_capitalised_name_before_a_noun_is_not_a_quote_even_in_reported_speech(nlp, text):
    assert extract(nlp, text) == []


def test_denouncing_reports_words(nlp):
    row = only_quote(nlp, 'Senator Ann Vale denounced claims that her aide, Mark Dunn, is running the office as "complete nonsense."')
    assert row["speaker_name"] == "Ann Vale"


@pytest.mark.parametrize(
    "text",
    [
        'Mark Tully said the plan was a "major mistake". In an article for the Times newspaper, Ms Dunmore, who chairs the Transport Committee, says: "Slower traffic saves lives."',
        'In a letter to the council, Tom Baker, the mayor, wrote: "Slower traffic saves lives."',
    ],
)
def test_a_name_hung_on_a_fronted_phrase_is_the_subject(nlp, text):
    row = extract(nlp, text)[-1]
    assert row["text"] == "Slower traffic saves lives."
    assert row["speaker_name"] in ("Dunmore", "Tom Baker")


def test_a_name_coordinated_with_the_last_noun_of_a_fronted_clause_is_the_subject(nlp):
    text = 'When protesters are arrested as part of the second phase, Tom Baker and Ann Vale call them "paid agitators" and describe the rallies as riots.'
    assert only_quote(nlp, text)["speaker_name"] == "Tom Baker"


@pytest.mark.parametrize(
    "text",
    [
        'The council said the main concerns were curbs on the so-called "creative industries" - publishing and film - and fishing rights.',
        'Officials fear the so-called "silent majority" will stay at home on polling day.',
    ],
)
def test_a_quote_after_so_called_is_a_term(nlp, text):
    assert extract(nlp, text) == []


@pytest.mark.parametrize(
    "text, name",
    [
        ('PARIS, May 2 - The head of the French central bank, Jean Morel, attacked speculators, calling them "a menace to savers."', "Jean Morel"),
        ('LONDON, March 16 - The Governor of the Bank of England, Anna Kessler, repeated her criticism of City speculators, describing them as "deeply reckless."', "Anna Kessler"),
    ],
)
def test_a_dateline_place_the_parser_took_for_the_subject_does_not_speak(nlp, text, name):
    assert only_quote(nlp, text)["speaker_name"] == name


# --- long articles --------------------------------------------------------------------------------

LONG_ARTICLE_SPEAKERS = ["Maria Lopez", "John Carter", "Angela Brooks", "David Chen", "Sarah Miller"]


def long_article(paragraphs: int) -> str:
    """An article of many short paragraphs, each with an attributed quote and a pronoun-attributed one."""
    return "\n\n".join(
        f"“We will keep working on the budget for district {i} until it is done,” {name} said on Tuesday. "
        f"{name.split()[-1]} added that the council would meet again next week. “It matters to every family here,” she said."
        for i, name in ((i, LONG_ARTICLE_SPEAKERS[i % len(LONG_ARTICLE_SPEAKERS)]) for i in range(paragraphs))
    )


def test_quotes_of_a_long_article_take_less_time_than_its_parse(nlp):
    # Relative to the parse of the same text, so the bound holds on any machine: the quote step used to
    # re-read the whole document per quote and took several times the parse on a 30,000-character article.
    text = long_article(150)
    started = time.perf_counter()
    doc = nlp(text)
    parse_seconds = time.perf_counter() - started
    sentences = sentence_rows(doc, ())
    mentions, entities = entity_rows(doc, sentences)
    started = time.perf_counter()
    rows = quote_rows(doc, sentences, mentions, entities)
    quote_seconds = time.perf_counter() - started
    assert len(rows) == 300
    assert [r["speaker_name"] for r in rows[:2]] == ["Maria Lopez", "Maria Lopez"]
    assert quote_seconds < parse_seconds


# --- explicit attributions the parser bends ------------------------------------------------------


@pytest.mark.parametrize(
    "text, name",
    [
        ('Workers gathered outside the plant on Friday.\n\n"We have nowhere else to go," Daniel Price, 45, told reporters.', "Daniel Price"),
        ('The senator was in hospital on Monday.\n\n"The senator is recovering well," her spokesman, Leo Marsh, said.', "Leo Marsh"),
    ],
)
def test_the_comma_closing_a_quote_hung_on_the_speaker_does_not_make_it_part_of_the_name(nlp, text, name):
    (row,) = extract(nlp, text)
    assert (row["speaker_name"], row["attribution"]) == (name, "explicit")


@pytest.mark.parametrize(
    "text",
    [
        'The army denied the report.\n\n"There were no civilian casualties," Lt. Gen. Marcus Delaney told a news conference.',
        'The army denied the report.\n\nLt. Gen. Marcus Delaney told a news conference: "There were no civilian casualties."',
    ],
)
def test_the_full_stop_of_an_abbreviated_title_does_not_end_the_attribution(nlp, text):
    (row,) = extract(nlp, text)
    assert (row["speaker_name"], row["attribution"]) == ("Marcus Delaney", "explicit")


@pytest.mark.parametrize(
    "text",
    [
        'Colonel Amir Sadeq was quoted as saying: "The border is secure."',
        'Colonel Amir Sadeq was quoted by state television as saying the border was "completely secure."',
    ],
)
def test_the_subject_of_a_passive_quoted_as_saying_is_the_speaker(nlp, text):
    (row,) = extract(nlp, text)
    assert (row["speaker_name"], row["attribution"]) == ("Amir Sadeq", "explicit")


def test_a_noun_of_saying_framing_a_verb_of_saying_leaves_the_speaker_to_the_verb(nlp):
    text = 'The debate went on for hours.\n\nIn his closing remarks, Gregory Hale said:\n\n"We owe it to our children to get this right."'
    (row,) = extract(nlp, text)
    assert (row["speaker_name"], row["verb_lemma"], row["attribution"]) == ("Gregory Hale", "say", "explicit")


@pytest.mark.parametrize(
    "text, name",
    [
        ('The minister did not hold back.\n\nThe minister, Sofia Marchetti, was blunt: "This plan has failed and everyone knows it."', "Sofia Marchetti"),
        ('Sofia Marchetti spoke to reporters after the meeting.\n\nShe put it this way:\n\n"Pay your taxes like everybody else does."', "Sofia Marchetti"),
    ],
)
def test_a_clause_about_someone_ending_in_a_colon_introduces_the_quote(nlp, text, name):
    (row,) = extract(nlp, text)
    assert row["speaker_name"] == name


def test_only_the_clause_just_before_the_colon_introduces_the_quote(nlp):
    row = only_quote(nlp, 'Smith watched as the crowd chanted: "Lock them up, lock them up."')
    assert (row["speaker"], row["verb_lemma"]) == ("the crowd", "chant")


def test_a_given_name_the_tagger_missed_keeps_a_relative_apart_from_the_named_person(nlp):
    text = 'Ivy Moore and her father Kellan Moore appeared together.\n\n"He is the best father in the world," Ivy Moore said.'
    (row,) = extract(nlp, text)
    assert (row["speaker"], row["speaker_name"]) == ("Ivy Moore", "Ivy Moore")


def test_a_title_before_a_name_in_apposition_is_no_given_name(nlp):
    text = 'Ministers announced extra funding.\n\nScottish Health Minister, Andrew Kerr MSP, said: "This money will cut waiting times across the country."'
    (row,) = extract(nlp, text)
    assert row["speaker_name"].startswith("Andrew Kerr")


@pytest.mark.parametrize(
    "text, name",
    [
        ('Mr Dunmore was quoted in the Evening Courier saying: "I feel the party has over-reacted to a private remark."', "Dunmore"),
        ('Tom Avery was released on bail on Friday and told reporters: "I have done nothing wrong at all."', "Tom Avery"),
    ],
)
def test_a_verb_borrowing_the_subject_of_a_passive_without_agent_is_done_by_that_subject(nlp, text, name):
    row = only_quote(nlp, text)
    assert (row["speaker_name"], row["attribution"]) == (name, "explicit")


@pytest.mark.parametrize(
    "text, name, verb",
    [
        ('Mary Lowe left the clinic early.\n\nAfter saying her knee was "so stiff I could hardly walk," she was taken to hospital for scans.', "Mary Lowe", "saying"),
        ('Before telling reporters the deal was "dead in the water," Senator Tom Pike was driven away in a black car.', "Tom Pike", "telling"),
        ('After calling the plan "a disgrace," Ann Reyes was escorted from the chamber.', "Ann Reyes", "calling"),
    ],
)
def test_a_verb_of_saying_after_a_preposition_is_done_by_the_subject_of_the_passive_it_hangs_from(nlp, text, name, verb):
    row = only_quote(nlp, text)
    assert (row["speaker_name"], row["verb"]) == (name, verb)


def test_a_ruling_reports_what_it_rules_over_a_verb_of_saying_in_a_later_clause(nlp):
    text = 'The panel then ruled that the claim was "false," but in its report it could not resist pointing out that the figures were old.'
    row = only_quote(nlp, text)
    assert (row["speaker"], row["verb"]) == ("The panel", "ruled")


@pytest.mark.parametrize(
    "text, speaker",
    [
        ('Kellan Moore said that Dana Harlow once described the pact as "the gold standard" of trade deals.', "Kellan Moore"),
        ('She said her lawyer had called the ruling "a travesty."', "She"),
        ('He says evidence suggests there are "many more victims."', "He"),
        ('Campaign manager Ann Vale told reporters the campaign expects Baker to open the debate by calling out Moore for his "lies."', "Campaign manager Ann Vale"),
        ('Ann Vale said Tom Baker, who shouted "Go home," had left the hall.', "Tom Baker"),
    ],
)
def test_of_two_verbs_of_saying_the_outer_one_gives_the_source_when_it_names_someone(nlp, text, speaker):
    assert only_quote(nlp, text)["speaker"] == speaker


@pytest.mark.parametrize(
    "text, name, verb",
    [
        ('The spot concludes with footage of Tom Baker saying during the debate last week, "That makes me smart," when Vale blasted him.', "Tom Baker", "saying"),
        ('The video closes with footage of Ann Vale saying at the rally last week, "That makes me proud," as the crowd cheered.', "Ann Vale", "saying"),
        ('The spot concludes with a clip of Tom Baker telling voters in Ohio, "I will fight for your jobs."', "Tom Baker", "telling"),
    ],
)
def test_the_verb_of_saying_just_before_the_quote_introduces_it_wherever_the_parser_hung_it(nlp, text, name, verb):
    row = only_quote(nlp, text)
    assert (row["speaker_name"], row["verb"]) == (name, verb)


def test_only_the_passive_a_verb_hangs_from_directly_lends_it_its_subject(nlp):
    # "swearing" reaches the passive "cancelled" only through "for" and a verb the parser coordinated with it
    text = 'Rapper Doxa, whose US concerts were cancelled after complaints about his "hateful" songs, has been arrested in Lagos for swearing at police.'
    assert [row["speaker"] for row in extract(nlp, text)] in ([], [None])


@pytest.mark.parametrize(
    "text, name",
    [
        ('Talks resumed on Monday.\n\n"I think the banks will be talking for weeks and I am hopeful that we will find an accommodation." Rockwell told bankers at a luncheon.', "Rockwell"),
        ('Shares fell sharply.\n\n"Fairmont simply does not have the technology they want." Mayhew said.', "Mayhew"),
    ],
)
def test_a_sentence_that_only_names_a_speaker_after_a_quote_closed_by_a_full_stop_attributes_it(nlp, text, name):
    (row,) = extract(nlp, text)
    assert (row["speaker_name"], row["attribution"]) == (name, "explicit")


@pytest.mark.parametrize(
    "text",
    [
        'The hearing opened.\n\n"We will win this case in the end." Members of the committee said they doubted it.',
        'The shares rose.\n\n"The plant alone is worth the price." Other dealers estimate a value well above it.',
    ],
)
def test_a_sentence_with_content_of_its_own_after_a_quote_closed_by_a_full_stop_does_not_attribute_it(nlp, text):
    (row,) = extract(nlp, text)
    assert row["speaker"] is None


def test_a_quote_opening_a_paragraph_goes_on_with_the_reported_speech_ending_the_paragraph_before(nlp):
    text = (
        "Floods swept away dozens of homes in the north, health minister Carlos Ibarra told reporters.\n\n"
        '"We fear that many more people are missing in the villages along the river."'
    )
    (row,) = extract(nlp, text)
    assert (row["speaker_name"], row["attribution"]) == ("Carlos Ibarra", "explicit")


def test_an_age_made_a_noun_after_an_inverted_verb_is_the_speaker(nlp):
    (row,) = extract(nlp, 'The team lost again.\n\n"It had a big impact on us, but we recovered," added the 30-year-old, referring to the penalty.')
    assert (row["speaker"], row["attribution"]) == ("the 30-year-old", "explicit")


@pytest.mark.parametrize(
    "text",
    [
        '"This is a disgrace," Harper, I-Vt., said on Tuesday.',
        '"This is a disgrace," Sen. Lou Harper (I-Vt.) told reporters.',
    ],
)
def test_the_full_stop_of_an_abbreviation_the_sentence_goes_on_after_does_not_end_the_attribution(nlp, text):
    row = only_quote(nlp, text)
    assert row["speaker_name"].endswith("Harper")


@pytest.mark.parametrize(
    "text",
    [
        'While Ned Corley called the ruling "a travesty of justice," Ann Pryce said it was "long overdue."',
        'Although Ned Corley said the plan was "doomed from the start," Ann Pryce told reporters it was "working."',
        'As Ned Corley went on about "a travesty of justice," Ann Pryce said the ruling was "long overdue."',
    ],
)
def test_a_quote_in_a_subordinate_clause_with_its_own_verb_is_that_clauses_subjects(nlp, text):
    rows = extract(nlp, text)
    assert [row["speaker_name"] for row in rows] == ["Ned Corley", "Ann Pryce"]


def test_a_paragraph_of_a_name_a_colon_and_a_quote_is_that_persons_turn(nlp):
    text = (
        "Gov. Lena Ardley and Sen. Victor Oyelaran clashed over taxes in Tuesday's debate.\n\n"
        'Ardley: "Your plan would double the deficit in four years."\n\n'
        'OYELARAN: "That is simply not true, and the numbers show it."'
    )
    rows = extract(nlp, text)
    assert [(row["speaker_name"], row["attribution"]) for row in rows] == [("Lena Ardley", "explicit"), ("Victor Oyelaran", "explicit")]


def test_a_label_naming_no_person_before_a_quote_names_no_speaker(nlp):
    (row,) = extract(nlp, 'The debate ran late.\n\nUpdate: "We will release the full transcript of the debate tomorrow morning."')
    assert row["speaker_name"] is None


@pytest.mark.parametrize("noun", ["answer", "reply", "retort"])
def test_an_answer_with_a_possessor_before_a_colon_is_the_possessors_words(nlp, noun):
    row = only_quote(nlp, f'Reporters asked Gov. Lena Ardley about the budget gap. Ardley\'s {noun}: "We will close it without raising taxes."')
    assert row["speaker_name"] == "Lena Ardley"


@pytest.mark.parametrize(
    "text, speaker",
    [
        ('Supporters chanted "Lock her up" as Moore spoke.', "Supporters"),
        ('Protesters shouted "Shame on you" while Rider spoke to reporters.', "Protesters"),
        ('Harlow is "temperamentally unfit," as Moore said on Monday.', "Moore"),
        ('Critics object because the main test for the permit is a "clean record of employment," as a state memo put it.', "a state memo"),
    ],
)
def test_an_adverbial_clause_after_a_quote_attributes_it_only_where_no_verb_of_saying_holds_it(nlp, text, speaker):
    row = only_quote(nlp, text)
    assert row["speaker"] == speaker


@pytest.mark.parametrize(
    "text, speaker",
    [
        ("A scheme which opponents say would raise rents “by the back door” is fair, the housing minister, Ann Lee, said.", "opponents"),
        (
            "The levy, which farmers claim will cost them “thousands of pounds a year”, will be reviewed in the spring, "
            "the agriculture minister told MPs.",
            "farmers",
        ),
    ],
)
def test_a_verb_of_saying_in_a_relative_clause_whose_content_holds_the_quote_gives_its_source(nlp, text, speaker):
    # the minister reports the claim, but the quoted words are the claimants'
    assert only_quote(nlp, text)["speaker"] == speaker


@pytest.mark.parametrize(
    "text, speaker",
    [
        ("The council insisted Ms Hart was speaking about budgets and her remarks were “a plea for patience”.", "The council"),
        ("The union argued that Mr Cole had spoken out of turn and his warning was “deeply unhelpful”.", "The union"),
    ],
)
def test_a_verb_of_saying_does_not_report_a_clause_joined_to_it_with_its_own_subject(nlp, text, speaker):
    # "was speaking … and her remarks were “…”": the second clause is the council's claim, not what she was saying
    assert only_quote(nlp, text)["speaker"] == speaker


@pytest.mark.parametrize(
    "text, speaker",
    [
        (
            "Peter Dunn praised the staff. A council spokeswoman defended the budget and said the cuts were needed. "
            "“We have no choice this year.”",
            "A council spokeswoman",
        ),
        (
            "Ann Lee opened the meeting. Mr Ross thanked the volunteers and said the hall would reopen in May.\n\n"
            "“It has been a long wait for everyone.”",
            "Mr Ross",
        ),
    ],
)
def test_a_quote_after_reported_speech_in_a_verb_joined_to_the_root_goes_on_with_its_speaker(nlp, text, speaker):
    # "defended the budget and said …": the verb of saying shares the subject of the verb it is joined to
    assert extract(nlp, text)[-1]["speaker"] == speaker


def test_a_verb_of_saying_joined_to_the_root_reports_speech_only_with_a_clause_of_its_own(nlp):
    # "co-write the drama" makes nothing said: the scare quote after it has no speaker to go on with
    text = "Ms Hale will direct and co-write the new drama for the BBC. It is a send-up of the \u201ccool\u201d fashion world."
    assert extract(nlp, text) == []


def test_the_subject_of_a_to_infinitive_clause_has_not_said_the_quote_it_holds(nlp):
    # "calling for him to apologise for his “…”": an act asked for, not done; the words are the one calling's
    text = "Ruth Kay wrote to the chairman, Mr Nolan, on Monday, calling for him to apologise for his “careless remarks” at once."
    row = only_quote(nlp, text)
    assert (row["speaker"], row["speaker_name"]) == ("Ruth Kay", "Ruth Kay")


@pytest.mark.parametrize(
    "text, speaker",
    [
        ("\u201cReckless\u201d spending cuts will hurt schools in the north, the teachers' union warned.", "the teachers' union"),
        ("Ann Lee met the board.\n\n\u201cWasteful\u201d contracts must end, she said.", "she"),
    ],
)
def test_a_quoted_modifier_opening_its_sentence_is_no_name_for_its_capital(nlp, text, speaker):
    # the capital is the sentence's, not a name's: the modifier is reported words
    assert only_quote(nlp, text)["speaker"] == speaker


def test_a_capitalised_name_opening_its_sentence_before_a_noun_is_still_a_name(nlp):
    text = "Mr Hay spoke on Monday. \u201cStar Wars\u201d defence plans will cost billions, he warned."
    assert extract(nlp, text) == []


@pytest.mark.parametrize(
    "text",
    [
        "Mark Hay outlined the scheme on Monday. \u201cIt will help thousands,\u201d he said. The cost of the scheme was \u201cmodest by any standard\u201d.",
        "Mark Hay outlined the scheme on Monday. \u201cIt will help thousands,\u201d he said. "
        "Rents would be set at a level that was \u201cfair to every tenant in the town\u201d.",
    ],
)
def test_a_thing_a_quote_is_said_of_is_not_its_speaker(nlp, text):
    # "The cost was “…”": the words say what a thing is; whoever spoke before goes on
    row = extract(nlp, text)[-1]
    assert (row["speaker_name"], row["attribution"]) == ("Mark Hay", "continuation")


def test_quoted_words_that_are_the_verb_of_a_named_subject_are_that_subjects(nlp):
    # the marks hold the verb phrase itself: the subject outside them gives the account in its own words
    row = only_quote(nlp, "A council spokesman \u201cstrongly denied\u201d the reports.")
    assert row["speaker"] == "A council spokesman"


def test_quoted_words_that_are_the_verb_of_a_reported_clause_are_not_its_subjects(nlp):
    text = "The paper ran a story claiming that Mr Dale \u201cquietly rewrote\u201d the club's accounts."
    assert only_quote(nlp, text)["speaker"] != "Mr Dale"


# --- PolNeAR dev: real articles, scored with the shared scorer -------------------------------------

EVAL_DATA = Path(__file__).resolve().parents[3] / "shared" / "eval-data" / "quotes"
DEV_ARTICLES = 20


@pytest.mark.skipif(not (EVAL_DATA / "polnear" / "dev.jsonl").is_file(), reason="PolNeAR dev gold not found at ../shared/eval-data/quotes")
def test_polnear_dev_articles_score(nlp):
    from flows.evaluate.quotes import load_scorer, speaker_for_scoring

    scorer = load_scorer(EVAL_DATA / "score.py")
    gold = dict(list(scorer.load(str(EVAL_DATA / "polnear" / "dev.jsonl")).items())[:DEV_ARTICLES])
    predictions = {}
    for doc_id, article in gold.items():
        rows = extract(nlp, article["text"])
        predictions[doc_id] = {"quotes": [{"start": r["start_char"], "end": r["end_char"], "speaker": speaker_for_scoring(r)} for r in rows]}
    scores = scorer.score(gold, predictions)
    assert scores["lenient"]["f1"] >= 0.92
    assert scores["end_to_end"]["f1"] >= 0.68


@pytest.mark.parametrize(
    "text",
    [
        '"This is a win for veterans," Sens. Mark Ellery and Joan Pruitt said in a joint statement.',
        '"We have the votes," Reps. Mark Ellery and Joan Pruitt told reporters.',
    ],
)
def test_the_full_stop_of_a_plural_title_does_not_end_the_attribution(nlp, text):
    # a short quote needs its attribution: "Sens." must not close the sentence before the names
    (row,) = extract(nlp, text)
    assert (row["speaker_name"], row["attribution"]) == ("Mark Ellery", "explicit")


@pytest.mark.parametrize(
    "text, name, written",
    [
        (
            'Speaking at a town hall in Manchester, N.H., Sen. Roy Whitaker said the deficit was "a national security threat."',
            "Roy Whitaker",
            "Sen. Roy Whitaker",
        ),
        (
            'When voters ask about the strikes abroad, Harlan and Meeks call them "police actions" and change the subject.',
            "Harlan",
            "Harlan",
        ),
    ],
)
def test_a_name_closing_a_fronted_participle_or_clause_is_the_subject(nlp, text, name, written):
    # the parser hung the name on the fronted phrase; of names joined by "and" the first speaks, as for a subject
    (row,) = extract(nlp, text)
    assert (row["speaker_name"], row["speaker"], row["attribution"]) == (name, written, "explicit")


@pytest.mark.parametrize(
    "text, title",
    [
        ('Rep. Jill Ansel said on "Capitol Report" that the speaker had "lost the room."', "Capitol Report"),
        ('On "Morning Briefing," Sen. Luis Cardenas said the party had "no plan B."', "Morning Briefing"),
        ('Gov. Martin Kell told "Sunday Focus" that the tax plan was "a disaster for the middle class."', "Sunday Focus"),
        ('"We are not going to cave," Sen. Amy Roth said, appearing on "Inside Washington."', "Inside Washington"),
        ('His memoir, "Against the Current," says the tax plan was "a disaster for the middle class."', "Against the Current"),
    ],
)
def test_a_programme_spoken_on_or_to_or_a_work_set_off_after_its_noun_is_no_quote(nlp, text, title):
    # the title is no one's words; the quote reported beside it still is
    texts = [row["text"].rstrip(",.") for row in extract(nlp, text)]
    assert title not in texts and len(texts) == 1


@pytest.mark.parametrize(
    "text",
    [
        'Senate Leader Mark Fenn said the unrest "is a serious problem." Sen. Ann Roe called for calm.',
        'In an interview, Mark Fenn said the wave of shootings "is a serious problem." Later, Ann Roe said nothing.',
    ],
)
def test_a_partial_quote_ending_its_sentence_keeps_its_own_attribution(nlp, text):
    # the full stop inside the marks ends the reporter's sentence; the next sentence is no attribution of it
    (row,) = extract(nlp, text)
    assert (row["speaker_name"], row["verb"]) == ("Mark Fenn", "said")


@pytest.mark.parametrize(
    "text, speaker",
    [
        ('Sen. Mark Fenn took the stage. "We are going to win this thing!" The crowd chanted his name as Gov. Ben Roe looked on.', None),
        ('"Who got more votes than anyone?" Fenn said, looking out at the cheering crowd.', "Fenn"),
        ('"Why?" Fenn asked the crowd.', "Fenn"),
    ],
)
def test_the_sentence_after_a_question_or_exclamation_attributes_it_only_when_it_opens_with_saying(nlp, text, speaker):
    row = extract(nlp, text)[0]
    assert row["speaker"] == speaker  # as written: never "The crowd" of the narrative sentence after


@pytest.mark.parametrize(
    "text",
    [
        'Fenn called the bill "reckless," while Sen. Ann Roe said it was "long overdue."',
        'Fenn called the bill "reckless," while Sen. Ann Roe praised it as "long overdue."',
    ],
)
def test_a_quote_inside_a_subordinate_clause_of_saying_is_that_clauses_own(nlp, text):
    first, second = extract(nlp, text)
    assert (first["speaker_name"], second["speaker_name"]) == ("Fenn", "Ann Roe")


def test_a_quote_inside_a_relative_clause_of_saying_is_that_clauses_own(nlp):
    text = 'Unlike Sen. Mark Fenn, who called it "reckless," Sen. Ann Roe said the bill was "overdue."'
    first, second = extract(nlp, text)
    assert (first["speaker_name"], second["speaker_name"]) == ("Mark Fenn", "Ann Roe")


def test_an_attribution_right_after_the_quote_outweighs_a_relative_clause_of_saying(nlp):
    text = 'The three "giveaways" she cited are "the credit for yachts, the break for jets and the loophole for fund managers," the Ledger reported.'
    assert extract(nlp, text)[-1]["speaker"] == "the Ledger"


def test_a_clause_of_saying_conjoined_to_a_reported_clause_with_its_own_subject_is_the_writers(nlp):
    text = 'Sen. Mark Fenn said the bill was "reckless," and Sen. Ann Roe called it "overdue."'
    first, second = extract(nlp, text)
    assert (first["speaker_name"], second["speaker_name"]) == ("Mark Fenn", "Ann Roe")


def test_a_clause_after_a_semicolon_neither_attributes_nor_reports_the_quote_before_it(nlp):
    text = 'Sen. Mark Fenn said the bill was "reckless"; Sen. Ann Roe called it "overdue."'
    first, second = extract(nlp, text)
    assert (first["speaker_name"], second["speaker_name"]) == ("Mark Fenn", "Ann Roe")


@pytest.mark.parametrize(
    "text, speaker",
    [
        (
            "Jones was defensive when asked about not paying a contractor who said he was cheated after he built a fence "
            'at one of Jones\'s farms, saying, "Maybe he didn\'t do good work."',
            "Jones",
        ),
        (
            'Small groups of marchers kept circling the plaza around City Hall - where the city council met on Tuesday - '
            'while chanting, "Tell us the truth."',
            "Small groups of marchers",
        ),
        (
            "Dozens of fans kept asking about the fate of coach Ray Dobbs, walking the blocks around Lincoln Arena - where "
            'the league\'s Bay Hawks played the Capital Stars - while chanting, "Bring him back."',
            "Dozens of fans",
        ),
        (
            "The agency wanted to carry out the probe discreetly so investors were not scared away, saying the "
            'certificates did not necessarily indicate "anomalous transactions."',
            "The agency",
        ),
    ],
)
def test_a_participle_set_off_after_a_relative_clause_is_the_sentence_subjects(nlp, text, speaker):
    assert only_quote(nlp, text)["speaker"] == speaker


@pytest.mark.parametrize(
    "text, speaker, name",
    [
        ('Senator Jane Roe made remarks that described the plan as "reckless."', "Senator Jane Roe", "Jane Roe"),
        # no one makes it: the description stops before the clause that says it
        ('A comment that described the rally as "a circus" went round the room.', "A comment", None),
    ],
)
def test_words_that_say_something_are_said_by_whoever_made_them(nlp, text, speaker, name):
    row = only_quote(nlp, text)
    assert (row["speaker"], row["speaker_name"]) == (speaker, name)


@pytest.mark.parametrize(
    "text, name",
    [
        ('Decrying the "rigged economy," Walsh accused Doyle of lying, though records show otherwise.', "Walsh"),
        ('Mourning the "lost decade," Perez blamed Lane for the cuts.', "Perez"),
    ],
)
def test_a_tagged_name_running_over_the_speakers_own_verb_is_no_name_of_the_speaker(nlp, text, name):
    assert only_quote(nlp, text)["speaker_name"] == name


def test_a_name_in_brackets_after_an_appositive_is_where_the_speaker_belongs_not_who(nlp):
    row = only_quote(nlp, '"This is a big year!" the mayor\'s niece, state Del. Karen "Kay" Doyle (D-Fairfax), shouted to the crowd.')
    assert (row["speaker"], row["speaker_name"]) == ("the mayor's niece", 'Karen "Kay" Doyle')


@pytest.mark.parametrize(
    "text, speaker",
    [
        ('The bias shows in how the site rated this statement by Senator Jane Roe on May 3:\n\n"Half the schools are failing."', "Senator Jane Roe"),
        ('Consider this statement by Jane Roe:\n\n"We will never raise taxes on the middle class."', "Jane Roe"),
        ('Here is the full statement from the Roe campaign:\n\n"We will never raise taxes on the middle class."', "the Roe campaign"),
    ],
)
def test_words_credited_by_or_from_someone_before_a_colon_are_theirs(nlp, text, speaker):
    row = only_quote(nlp, text)
    assert (row["speaker"], row["attribution"]) == (speaker, "explicit")


@pytest.mark.parametrize(
    "text",
    [
        'In the 1980s two governors launched the "Clean Rivers Pledge," which soon came with new fines for factories.',
        'By noon, Rev. Tom Hale began taking calls from listeners to his "Straight Talk Tonight" radio program who said they had doubts.',
        'Ms. Lane and Mr. Ortiz are also taking part in "Jane Roe Voter Day," a day set aside on Nov. 1 for volunteers.',
    ],
)
def test_a_capitalised_name_in_marks_that_no_word_of_saying_reports_is_no_quote(nlp, text):
    assert extract(nlp, text) == []


def test_capitalised_sentences_in_marks_after_a_quote_are_still_speech(nlp):
    rows = extract(nlp, '"Here comes the boss," she said, waving. "The Chief. Big Boss."')
    assert [row["text"] for row in rows] == ["Here comes the boss,", "The Chief. Big Boss."]


@pytest.mark.parametrize(
    "text, names",
    [
        # introduced with who they are, in a sentence no one else acts in: about to be quoted
        (
            'John Hale, the mayor, spoke first. "We are ready," he said. Later the crowd heard from Ray Ortiz, a union '
            'leader. "We are not," he said.',
            ["John Hale", "Ray Ortiz"],
        ),
        (
            'Mr. Baker said the plan was sound. It was praised by Ray Ortiz, a former budget director. "It is the best '
            'plan in years," he said.',
            ["Ray Ortiz"],
        ),
        # beside someone who acts, the one acting stays the topic
        (
            'Tom Baker has spoken often about the budget. On Monday he met Ray Ortiz, the head of the teachers union. '
            '"We agreed on a lot," he said.',
            ["Tom Baker"],
        ),
    ],
)
def test_a_person_introduced_with_a_role_where_no_one_else_acts_is_the_next_he(nlp, text, names):
    assert [row["speaker_name"] for row in extract(nlp, text)] == names


def test_a_name_the_tagger_missed_is_a_she_by_its_title(nlp):
    text = (
        "Actress Gloria Vane was there too. Local resident Francesca Detakats came to the stall and left happy with her "
        'purchase of an old photograph. Ms Detakats said she was a collector. "If you like something, you don\'t count '
        'the cost," she said.'
    )
    assert only_quote(nlp, text)["speaker_name"] == "Detakats"


@pytest.mark.parametrize(
    "text, name",
    [
        ('BP chief executive Lord Browne said the results were strong "both operationally and financially".', "Browne"),
        ('"This technology can do much more," said Professor Nadia Magnenat-Thalman of the University of Geneva.', "Nadia Magnenat-Thalman"),
    ],
)
def test_a_name_the_tagger_missed_is_the_proper_nouns_ending_the_speakers_phrase(nlp, text, name):
    assert only_quote(nlp, text)["speaker_name"] == name


@pytest.mark.parametrize(
    "text, speaker",
    [
        ('Hodgson believes a winter break carries many advantages, explaining: "It is the perfect chance to rest."', "Hodgson"),
        ('Ms Lane said the plan works well, adding: "We tested it."', "Ms Lane"),
        ('The minister hoped last week\'s survey of household spending was wrong, saying such surveys "are often far off the mark."', "The minister"),
    ],
)
def test_a_participle_of_saying_on_a_clause_about_a_thing_is_the_believers(nlp, text, speaker):
    assert only_quote(nlp, text)["speaker"] == speaker


def test_a_verb_of_saying_joined_to_a_clause_of_thinking_goes_with_the_reporter(nlp):
    text = 'Miller said he believes the budget deficit can be reduced but added, "the surest way to ruin it is to raise taxes."'
    assert only_quote(nlp, text)["speaker"] == "Miller"


@pytest.mark.parametrize(
    "text",
    [
        'LONDON, March 11 - Britain will from next autumn mint and market a new gold coin called the "Britannia" to compete abroad.',
        'Following an outcry, the bill, known as the "Justice for Families Act" was passed by Congress.',
    ],
)
def test_the_name_a_participle_gives_a_thing_is_no_quote(nlp, text):
    assert extract(nlp, text) == []


def test_a_thing_called_something_by_someone_is_still_quoted(nlp):
    assert [row["text"] for row in extract(nlp, 'Critics attacked the plan, called "a disaster" by the mayor.')] == ["a disaster"]


@pytest.mark.parametrize(
    "text, speaker",
    [
        ('LONDON, March 11 - Britain said it would "do whatever it takes" to defend the pound.', "Britain"),
        ('TOKYO, March 3 - Japan\'s finance minister said the yen was "too strong" now.', "Japan's finance minister"),
    ],
)
def test_a_wire_dateline_is_no_part_of_the_speaker(nlp, text, speaker):
    assert only_quote(nlp, text)["speaker"] == speaker


@pytest.mark.parametrize(
    "text, speaker, name",
    [
        (
            'Economists at Morton Lane Brothers Inc were more succinct in a monthly newsletter: "a small rise across the '
            'board, no alarm."',
            "Economists at Morton Lane Brothers Inc",
            None,
        ),
        ('The two were at a Boston museum to honour US historian Ray Dobbs "the scholar we thought we knew so well."', "The two", None),
        (
            "Among the tributes that poured in when the singer died was one from his friend, the producer Ray Dobbs, who "
            'described him as a "brother in every sense of the word".',
            "the producer",
            "Ray Dobbs",
        ),
    ],
)
def test_a_described_speaker_is_the_nouns_own_phrase_up_to_the_verb(nlp, text, speaker, name):
    row = only_quote(nlp, text)
    assert (row["speaker"], row["speaker_name"]) == (speaker, name)


def test_a_title_word_the_parser_reads_as_a_verb_after_an_inverted_verb_does_not_hide_the_speaker(nlp):
    # the parser makes "shadow" a bare verb, the clause "said" reports, and the name its object
    before = 'Labour said the plan was a tax rise. "This is a tax on every family," said Tory shadow local government secretary Anna Lowe.'
    assert [(r["speaker_name"], r["attribution"]) for r in extract(nlp, before)] == [("Anna Lowe", "explicit")]
    alone = only_quote(nlp, '"It is a scandal," said shadow local government secretary Anna Lowe.')
    assert alone["speaker_name"] == "Anna Lowe"


def test_reminding_is_saying_so_the_one_reminding_reports_the_words_of_another(nlp):
    text = 'Tory spokesman Tom Lewis spoke in the Commons. He reminded MPs that Labour chairman Ian Reed had once called the minister "a modern Fagin".'
    assert [(row["speaker"], row["speaker_name"]) for row in extract(nlp, text)] == [("He", "Tom Lewis")]


def test_a_relative_clause_of_saying_hung_on_a_quoted_word_is_said_by_the_noun_before_who(nlp):
    text = "The adverts were labelled a \"huge mistake\" by the Greens who said Labour's \"opening shot in the campaign has badly backfired\"."
    assert [row["speaker_name"] for row in extract(nlp, text)] == ["Greens", "Greens"]


def test_a_clausal_subject_about_no_one_is_no_speaker_so_the_speaker_before_goes_on(nlp):
    text = 'Ann Lee said the rules were "a muddle". Instead, what the sector wanted was clear guidance rather than the "endless rewriting" of the code.'
    rows = extract(nlp, text)
    assert [(row["speaker_name"], row["attribution"]) for row in rows] == [("Ann Lee", "explicit"), ("Ann Lee", "continuation")]


def test_a_name_set_off_before_the_verb_that_the_parser_took_into_a_fronted_participle_is_the_speaker(nlp):
    # the parser reads "shadow" as a verb and hangs the name on it, inside the phrase opened by "Responding"
    text = 'Responding to the figures, shadow chief secretary to the Treasury, Tom Reed, said: "These numbers do not add up at all."'
    (row,) = extract(nlp, text)
    assert (row["speaker_name"], row["attribution"]) == ("Tom Reed", "explicit")


def test_an_office_speaks_as_one_so_a_later_it_is_the_office(nlp):
    text = (
        "Portugal has dismissed 300 tax officials.\n\n"
        "The finance minister's office said the fraud came to light in an audit. "
        'It added that some staff "had been paid for years without doing any work".'
    )
    (row,) = extract(nlp, text)
    assert (row["speaker"], row["attribution"]) == ("The finance minister's office", "pronoun")


def test_a_noun_of_saying_or_judging_with_a_possessor_as_subject_gives_the_possessor_the_words(nlp):
    verdict = 'Tom Reed toured the site on Monday. "It was careless, but entirely deliberate," was Mr Reed\'s verdict.'
    response = 'Tom Reed was asked about the plan. His response was: "We will fight it all the way."'
    assert [extract(nlp, text)[0]["speaker_name"] for text in (verdict, response)] == ["Tom Reed", "Tom Reed"]


def test_whoever_a_fronted_asked_question_is_about_is_not_the_one_answering(nlp):
    text = 'Tom Reed met reporters on Monday. Asked whether Mr Hart would return to the cabinet, he replied: "My respect for Jim is well known."'
    assert [row["speaker_name"] for row in extract(nlp, text)] == ["Tom Reed"]


def test_the_it_of_a_passive_of_saying_is_no_speaker(nlp):
    (row,) = extract(nlp, 'Theme parks may have to prove that their rides are "safe for every age", it has been reported.')
    assert (row["speaker"], row["attribution"]) == (None, "none")


def test_a_sentence_in_an_unclosed_quote_telling_what_was_said_to_me_is_still_the_speakers(nlp):
    text = (
        'Ann Lane told the rally the plan would fail. "All year they have mocked me and my family. Last week Tom Reed even '
        'called me a liar. "I think someone out there is worried." Later the minister said the remarks were unfair.'
    )
    first, second = extract(nlp, text)
    assert first["text"].endswith("called me a liar.")
    assert (first["speaker_name"], second["speaker_name"]) == ("Ann Lane", "Ann Lane")


def test_a_passive_verb_of_addressing_with_no_agent_names_no_speaker_unless_reported(nlp):
    untold = 'The dispute started when it emerged a landlord had been told he could "evict tenants at a week\'s notice" without a court order.'
    reported = 'Tom Reed said the jury was told the men were "deeply involved" in the fraud.'
    assert [extract(nlp, text)[0]["speaker"] for text in (untold, reported)] == [None, "Tom Reed"]


def test_a_time_the_parser_makes_a_second_subject_is_not_the_speaker(nlp):
    # the parser makes "year" a subject of "said" beside "he"
    text = (
        "Tom Reed told the council that rents go up every year. "
        'But this financial year, because of "turmoil in the housing market", he said rents would be frozen.'
    )
    assert [(row["speaker"], row["speaker_name"]) for row in extract(nlp, text)] == [("he", "Tom Reed")]


def test_a_noun_of_saying_that_only_does_something_gives_its_possessor_no_words(nlp):
    # "come" neither says nor equates the comments with the quote: the title stays a title
    assert extract(nlp, "Ann Lee says the claim is wrong. Her comments come in a radio series called 'The Quiet Years'.") == []


@pytest.mark.parametrize(
    "text, speaker",
    [
        ('The board met on Friday to vote on the merger. Said one shareholder of the result, "Nobody in the room expected it to pass."', "one shareholder"),
        ('The council approved the budget late on Tuesday. Added the mayor after the vote, "We will not raise taxes next year."', "the mayor"),
    ],
)
def test_a_verb_of_saying_opening_the_sentence_before_the_quote_has_its_subject_after_it(nlp, text, speaker):
    row = only_quote(nlp, text)
    assert row["attribution"] == "explicit" and row["speaker"].startswith(speaker)


def test_a_relative_clause_on_the_quoted_words_does_not_attribute_them(nlp):
    text = 'The bank unveiled a plan for "growth bonds" under which there would be lower rates for small firms.'
    assert all(row["speaker"] is None or "rates" not in row["speaker"] for row in extract(nlp, text))


@pytest.mark.parametrize("reporting", ["They said its lenders could call in their loans", "The lenders, they said, could force Bolt into bankruptcy"])
def test_a_plural_that_spoke_is_the_they_of_a_later_quote(nlp, reporting):
    text = (
        "Acme Corp wants to buy Bolt Inc, a rival maker of tools. Acme said it would pay 40 mln dlrs for the firm.\n"
        '    The two firms said in a filing that Bolt "could run out of cash within days."\n'
        f'    {reporting} "at any moment."'
    )
    rows = extract(nlp, text)
    assert [(row["speaker"], row["attribution"]) for row in rows] == [("The two firms", "explicit"), ("The two firms", "pronoun")]


def test_a_bare_one_speaks_for_the_group_named_just_before(nlp):
    pilots = 'The airline cut 300 jobs on Monday. Several pilots were angry at the news. "Nobody told us a thing until this morning," one said.'
    managers = 'The fund lost money again. "This was a bad year for everyone," one of the managers said.'
    got = [(row["speaker"], row["attribution"]) for row in extract(nlp, f"{pilots}\n\n{managers}")]
    assert got == [("Several pilots", "pronoun"), ("one of the managers", "explicit")]


@pytest.mark.parametrize(
    "paragraphs, expected",
    [
        (
            [
                "Exports from Brazil fell in March.",
                "The report said imports from the U.S. had also fallen.",
                'It said the trade surplus was "far below what the government had hoped."',
            ],
            ("The report", None),
        ),
        (  # a definite text noun just after a named source spoke names that source again
            [
                "The Daily Courier said on Sunday that floods had cut the main road to the coast.",
                "The paper added that farmers in the valley had lost most of their crops.",
                '"Every district must send help to the valley at once," it said.',
            ],
            ("it", "Daily Courier"),
        ),
    ],
)
def test_a_text_that_spoke_is_the_it_of_a_later_quote(nlp, paragraphs, expected):
    (row,) = extract(nlp, "\n\n".join(paragraphs))
    assert (row["speaker"], row["speaker_name"], row["attribution"]) == (*expected, "pronoun")


def test_a_thing_as_the_subject_of_a_verb_not_of_saying_leaves_the_quote_to_the_report_before(nlp):
    limits = 'Ms Ortega said she doubted the new limits could ever be enforced. Such limits would create "endless disputes between the regions and the capital."'
    condition = 'Ms Ortega said the mill would be sold by the end of the year. A key condition will be that the buyer keeps "every one of the 300 jobs."'
    rows = extract(nlp, f"{limits}\n\n{condition}")
    assert len(rows) == 2 and {row["speaker_name"] for row in rows} == {"Ortega"}


def test_a_wire_datelines_date_is_no_part_of_the_name_after_it(nlp):
    text = 'BOSTON, May 4 - Harbor Freight Lines Inc said "several hundred" of its drivers had returned to work.'
    row = only_quote(nlp, text)
    assert text[row["speaker_start_char"] : row["speaker_end_char"]] == row["speaker_name"] == "Harbor Freight Lines Inc"


def test_a_person_the_parser_hung_on_a_body_ending_a_fronted_phrase_is_the_subject(nlp):
    filing = only_quote(nlp, 'In a filing with the Securities and Exchange Commission, Ann Lowe, a Boston investor, said the bids for her stake came "on several occasions last year."')
    assert filing["speaker_name"] == "Ann Lowe"


def test_a_verb_of_saying_made_one_of_doing_by_its_particle_gives_way_to_the_parenthetical_report(nlp):
    text = 'The union, its leaders said, would call off the strike "as soon as the talks resume."'
    row = only_quote(nlp, text)
    assert (row["speaker"], row["verb_lemma"]) == ("its leaders", "say")


@pytest.mark.parametrize(
    "text, speaker",
    [
        (
            'Treasury Secretary Ann Lowe put a brave face on the news, saying it was a sign of strong growth. "The economy '
            'is growing at such a rate that imports rise."',
            "Treasury Secretary Ann Lowe",
        ),
        ('Dr Hale was asked if he would back the plan if the council changed it. "I am sure we would look at it kindly."', "Dr Hale"),
    ],
)
def test_a_quote_after_a_report_in_a_participle_or_a_question_put_to_someone_is_theirs(nlp, text, speaker):
    assert only_quote(nlp, text)["speaker"] == speaker


def test_a_name_right_after_an_inverted_verb_speaks_however_the_parser_took_its_particle(nlp):
    # "den" read as a verb with "Jurgen" as its subject: no clause the verb reports, but the speaker's name
    text = '"With better tools, it would be possible to build a bigger model," said Jurgen den Ouden, one of the engineers.'
    assert only_quote(nlp, text)["speaker_name"] == "Jurgen den Ouden"
