"""Speakers: who a cue's subject, or a quote's label or signature, names.

Pronouns resolve to the nearest earlier person, group or described referent of a consistent gender and number;
names resolve to the document's entities (speaker_of); transcripts, labelled turns and signatures name their own.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Callable

from spacy.tokens import Span, Token

from transforms.entities_spans import title_genders
from transforms.quotes_context import (
    SUBJECT_DEPS,
    QuoteContext,
    Speaker,
    first_name_gender,
    head_entity,
    marked_bounds,
    modifies_a_common_noun,
    name_span,
    nominal_span,
    phrase_head,
    title_before,
)
from transforms.quotes_cues import names_someone, subject_of
from transforms.quotes_lexicon import lexicon
from transforms.quotes_marks import SIGNATURE, TRANSCRIPT_LABEL, QuoteSpan

# Pronoun resolution: how many sentences back to look, and how much farther (in sentences) a mention
# that is not a subject, or not yet a speaker, counts as being.
MAX_PRONOUN_DISTANCE = 12
# a name (a title may open it) and a colon, all that stands before a quote in its paragraph: `Sen. Moore: “…”`
TURN_LABEL = re.compile(r"\s*([A-Z][\w.'’-]*(?: [A-Z][\w.'’-]*){0,3}):\s*")
NON_SUBJECT_COST = 1.5
NON_SPEAKER_COST = 0.5
SUBORDINATE_SUBJECT_COST = 1.0
# how many sentences back a bare "one" (`“…,” one said`) looks for the group it is one of
ONE_OF_GROUP_SENTENCES = 2
LABEL_DOUBT_COST = 0.5  # a speaker's name the tagger labelled other than a person's, as a "he" or "she"
ENTITY_LABEL_PREFERENCE = ("PERSON", "ORG", "NORP", "GPE", "FAC", "PRODUCT", "WORK_OF_ART")


def given_name_gender(words: list[str]) -> str:
    """'m' or 'f' when the words are a full name opening with a given name of that gender, else '-'."""
    gender = lexicon().first_names.get(words[0].lower(), "-") if len(words) > 1 else "-"
    return gender if gender in ("m", "f") else "-"


def mention_gender(ctx: QuoteContext, mention: dict) -> str:
    """A mention with a title of its own has the title's gender; under a title that implies none, only its first name
    tells ("President Reagan" is not made a "she" by the "Mrs Reagan" of the same article); a bare name has its entity's."""
    titles = lexicon().titles
    title = title_before(ctx.text, mention)
    if title not in titles:
        return ctx.genders.get(mention["entity_id"], "-")
    entity = ctx.entities.get(mention["entity_id"])
    return titles[title] if titles[title] != "-" or entity is None else first_name_gender(entity)


def entity_in(ctx: QuoteContext, start: int, end: int) -> dict | None:
    """The entity mentioned in [start, end), people first."""
    found = ctx.mentions_between(start, end)
    for label in ENTITY_LABEL_PREFERENCE:
        for mention in reversed(found):
            if mention["label"] == label:
                return ctx.entities.get(mention["entity_id"])
    return None


def entity_by_surname(ctx: QuoteContext, words: list[str]) -> dict | None:
    """A PERSON entity whose name ends with the last of these words (for names the tagger missed)."""
    if not words:
        return None
    for entity in ctx.entities.values():
        if entity["label"] == "PERSON" and entity["name"].split()[-1] == words[-1]:
            return entity
    return None


def is_subject(token: Token) -> bool:
    """The token is (part of) the subject of its clause."""
    return phrase_head(token).dep_ in ("nsubj", "nsubjpass")


def does_something(token: Token) -> bool:
    """The token is the subject of a clause, or the noun a relative clause's "who" stands for ("Clinton, who has called for …")."""
    relatives = [c for c in phrase_head(token).children if c.dep_ == "relcl"]
    return is_subject(token) or any(w.dep_ in SUBJECT_DEPS and w.tag_ == "WP" for clause in relatives for w in clause.children)


def resolve_pronoun(ctx: QuoteContext, pronoun: Token) -> dict | None:
    """The entity a pronoun speaker refers to, after the "he" and "she" subjects before it: a chain of pronouns
    ("Reagan said …. He said …. He said …. “…,” he said") keeps its referent the one in view."""
    for token in ctx.doc[ctx.pronouns_read_to : pronoun.i]:
        if token.lower_ in ("he", "she") and token.pos_ == "PRON" and token.dep_ in ("nsubj", "nsubjpass") and not ctx.quoted[token.i]:
            ctx.pronouns_read_to = token.i + 1
            referent_of(ctx, token)
    ctx.pronouns_read_to = max(ctx.pronouns_read_to, pronoun.i + 1)
    entity_id = referent_of(ctx, pronoun)
    return ctx.referent(entity_id) if entity_id else None


def asker_answered(ctx: QuoteContext, pronoun: Token) -> str | None:
    """Who put the question a pronoun's reply answers ("Bannock asked him whether Congress would act. “…,” he
    replied"): the referent of the subject of a verb of asking in the reply's sentence or the last one before it
    outside quotes; no one when the question was put to the one replying ("he replied when asked")."""
    verbs = lexicon().dialogue_verbs
    if pronoun.dep_ not in SUBJECT_DEPS or verbs.get(pronoun.head.lemma_.lower()) != "reply":
        return None
    here = bisect.bisect_right(ctx.sentence_starts, pronoun.idx) - 1
    told = [s for s in ctx.sentences[max(here - MAX_PRONOUN_DISTANCE, 0) : here] if any(not ctx.quoted[t.i] and not t.is_space for t in s)]
    for sentence in [ctx.sentences[here], *told[-1:]]:
        for token in reversed(sentence):
            if ctx.quoted[token.i] or token.pos_ != "VERB" or verbs.get(token.lemma_.lower()) != "ask":
                continue
            subject = subject_of(token, ctx.quoted)
            if subject is None or subject.i == pronoun.i:
                return None
            if token.i > pronoun.i:
                continue
            if subject.pos_ == "PRON":
                return ctx.pronoun_referents.get(subject.i)
            entity = head_entity(ctx, subject)
            return entity["entity_id"] if entity is not None else None
    return None


def topic_of_question_put(pronoun: Token) -> set[int]:
    """The words of the question a fronted "Asked …" puts to the pronoun subject (`Asked whether Mr Hart would return,
    he replied`): whoever is named there is what the question is about, not the one answering it, who would be "he"
    in the question too."""
    if pronoun.dep_ not in SUBJECT_DEPS:
        return set()
    verbs = lexicon().dialogue_verbs
    return {
        t.i
        for clause in pronoun.head.children
        if clause.dep_ == "advcl" and clause.tag_ == "VBN" and clause.i < pronoun.i and verbs.get(clause.lemma_.lower()) == "ask"
        for t in clause.subtree
        if t.i != clause.i
    }


def referent_of(ctx: QuoteContext, pronoun: Token) -> str | None:
    """The entity id a pronoun refers to: of the earlier mentions outside quotes that agree in gender
    and number, the one in the nearest sentence, subjects and earlier speakers first."""
    if pronoun.i in ctx.pronoun_referents:
        return ctx.pronoun_referents[pronoun.i]
    gender, number = lexicon().pronouns[pronoun.lower_]
    # nationalities and parties (NORP: "Republicans", "Americans") are groups of people: "they", never "it"
    # "it" may also stand for a text that says things ("The memo cited …. “…,” it said")
    labels = ("PERSON",) if gender != "-" else ("ORG", "GPE") if number == "sg" else ("ORG", "NORP")

    asker = asker_answered(ctx, pronoun)

    def agrees_in_kind(label: str, entity_id: str) -> bool:
        # the tagger may take a person for an organisation or a group ("Vince Cable", "Natalya Greer"): a full
        # name opening with a given name of the pronoun's gender is a person's (places are left out: "Abu Dhabi",
        # "Alice Springs")
        if label in labels:
            return True
        entity = ctx.entities.get(entity_id)
        return gender != "-" and entity is not None and entity["label"] in ("ORG", "NORP") and given_name_gender(entity["name"].split()) == gender

    here = bisect.bisect_right(ctx.sentence_starts, pronoun.idx)
    commanded = commanded_tokens(pronoun, ctx.quoted)
    # whoever is named in what the pronoun's own verb reports is someone else
    others = {m["entity_id"] for m in (*ctx.mentions, *ctx.nominal_mentions) if commanded and mention_root(ctx, m) in commanded}
    if asker is not None:
        others.add(asker)  # whoever replies is not whoever just asked
    asked_about = topic_of_question_put(pronoun)
    others |= {m["entity_id"] for m in (*ctx.mentions, *ctx.nominal_mentions) if mention_root(ctx, m) in asked_about}

    def apart(admits: Callable[[dict], bool]) -> Callable[[dict], bool]:
        return lambda mention: mention["entity_id"] not in others and admits(mention)

    best, best_cost = nearest_antecedent(
        ctx, pronoun, gender, apart(lambda mention: agrees_in_kind(mention["label"], mention["entity_id"]) or described_as_person(ctx, mention, gender))
    )
    nominal, nominal_cost = nearest_antecedent(ctx, pronoun, gender, apart(lambda mention: mention["label"] in labels), nominals=True)
    if nominal_cost is not None and (best_cost is None or nominal_cost < best_cost):
        best, best_cost = nominal, nominal_cost
    untagged = untagged_subject(ctx, pronoun, gender) if gender != "-" else None
    if untagged is not None and untagged[0].root.i in commanded:
        untagged = None
    if untagged is not None and untagged[2] and (best_cost is None or untagged[1] < best_cost):
        # "Vincent Cable, for the Liberal Democrats, accused Mr Brown …. He said": a full name the tagger missed
        # that opens with a given name of the pronoun's gender is a person's, and competes as any other
        best, best_cost = name_referent(ctx, untagged[0]), untagged[1]
    if gender != "-":
        # a one-word name that spoke, though tagged a place or a group (`“…,” Okwuosa said`), is likely a person
        # the tagger did not know: a candidate, at the cost of that doubt
        speaker, speaker_cost = nearest_antecedent(ctx, pronoun, gender, apart(lambda mention: is_mislabelled_speaker(ctx, mention)))
        if speaker_cost is not None and (best_cost is None or speaker_cost + LABEL_DOUBT_COST < best_cost):
            best, best_cost = speaker, speaker_cost + LABEL_DOUBT_COST
    # an earlier pronoun speaker stands for the person it was resolved to ("She says …" … "She tweeted …")
    low = bisect.bisect_left(ctx.resolved_pronouns, (here - MAX_PRONOUN_DISTANCE,))
    high = bisect.bisect_left(ctx.resolved_pronouns, (here + 1,))
    for sentence, _, entity_id, earlier_gender, role in sorted(ctx.resolved_pronouns[low:high], key=lambda resolved: resolved[1]):
        distance = here - sentence + role + (0 if entity_id in ctx.speakers else NON_SPEAKER_COST)
        # someone called "he" is not the "she" of the next quote, whatever the names say
        agrees = earlier_gender == gender and ctx.genders.get(entity_id, "-") in ("-", gender) and entity_id not in others
        if agrees and agrees_in_kind(ctx.referent(entity_id)["label"], entity_id):
            if best_cost is None or distance < best_cost:
                best, best_cost = entity_id, distance
    if best is None and gender != "-":
        # no person in reach: the tagger may have labelled one otherwise ("DuVernay" as a place), and a name
        # that has spoken for itself is the likeliest
        best, _ = nearest_antecedent(ctx, pronoun, gender, apart(lambda mention: mention["entity_id"] in ctx.speakers))
    if best is None and untagged is not None:
        best = name_referent(ctx, untagged[0])
    if best is not None:
        bisect.insort(ctx.resolved_pronouns, (here, len(ctx.resolved_pronouns), best, gender, role_cost(pronoun)))
    ctx.pronoun_referents[pronoun.i] = best
    return best


def described_as_person(ctx: QuoteContext, mention: dict, gender: str) -> bool:
    """`Their daughter Charlotte`, `his wife, Georgia,`: a name the tagger took for a place or a group, in apposition
    with a noun for a person of the pronoun's gender (or of none), is that person's given name."""
    span = ctx.mention_span(mention)
    if gender == "-" or span is None or mention["label"] == "PERSON":
        return False
    root = span.root
    nouns = [root.head] if root.dep_ == "appos" else [c for c in root.children if c.dep_ in ("appos", "compound")]
    person_nouns = lexicon().person_nouns
    return any(n.pos_ == "NOUN" and person_nouns.get(n.lemma_.lower()) in (gender, "-") for n in nouns)


# what a verb reports or acts on, which its subject c-commands
COMMANDED_DEPS = ("ccomp", "xcomp", "parataxis", "dobj", "dative", "attr", "oprd")
# the words that name a clause's own participants: its subject and object, and their possessors and names
ARGUMENT_DEPS = ("nsubj", "nsubjpass", "dobj", "dative", "attr", "poss", "compound", "flat", "appos")


def commanded_tokens(pronoun: Token, quoted: list[bool]) -> set[int]:
    """The unquoted words naming the participants of what a pronoun subject's verb reports or acts on. Someone named
    there is not the pronoun (binding Principle C: `Mr Blair's plans were "bossy," he added`, `Mr Blair has failed,
    he claimed`, `he told Mr Blair`), however near. A name in a fronted adverbial clause may be (`When Mr Blair
    arrived, he said`), and so may one deep in an embedded clause, where writers repeat a name for clarity; a name in
    the quoted words is the speaker's own choice of words; a reported clause that is a report of its own (`Mr Ward
    told them: "…," he said`, as the parser may join two attributions) is left alone."""
    if pronoun.dep_ not in ("nsubj", "nsubjpass"):
        return set()
    speech_verbs = lexicon().speech_verbs
    found: set[int] = set()
    for clause in pronoun.head.children:
        if clause.dep_ not in COMMANDED_DEPS or clause.lemma_.lower() in speech_verbs:
            continue
        found.update(t.i for t in participant_words(clause) if not quoted[t.i])
    return found


def participant_words(clause: Token) -> list[Token]:
    """The clause's head and the words hanging from it as arguments, their possessors and their names, down to any
    embedded clause."""
    words, todo = [], [clause]
    while todo:
        token = todo.pop()
        words.append(token)
        todo.extend(c for c in token.children if c.dep_ in ARGUMENT_DEPS)
    return words


def mention_root(ctx: QuoteContext, mention: dict) -> int | None:
    span = ctx.mention_span(mention)
    return span.root.i if span is not None else None


def untagged_subject(ctx: QuoteContext, pronoun: Token, gender: str) -> tuple[Span, float, bool] | None:
    """The proper noun the tagger saw as no name at all that is the subject of the nearest main clause before the
    pronoun ("Hendricks, the team's coach, was fired … he said"), less one whose given name is of the other gender:
    its name, its cost in sentences, and whether its given name, or else its title ("Ms Detakats"), is of the
    pronoun's gender."""
    here = bisect.bisect_right(ctx.sentence_starts, pronoun.idx) - 1
    for back, sentence in enumerate(reversed(ctx.sentences[max(here - MAX_PRONOUN_DISTANCE, 0) : here + 1])):
        for token in sentence:
            if token.i >= pronoun.i or ctx.quoted[token.i] or token.pos_ != "PROPN" or phrase_head(token) != token or not is_main_subject(token):
                continue
            span = name_span(token)
            words = proper_words(span)
            if not words or any(t.ent_type_ for t in span):
                continue
            implied = given_name_gender(words)
            if implied == "-":
                implied = title_gender(span)
            if implied not in ("-", gender):
                continue
            return span, back + NON_SPEAKER_COST, implied == gender
    return None


def title_gender(span: Span) -> str:
    """'m', 'f' or '-': the gender the first title in the span implies ("Ms Detakats" -> 'f')."""
    genders = title_genders()
    return next((genders[t.lower_.rstrip(".")] for t in span if t.lower_.rstrip(".") in genders), "-")


def proper_words(span: Span) -> list[str]:
    """The proper nouns ending the span, less titles ("Sen.", "Mr"): the name, not what comes before a common noun
    (`BP chief executive Lord Browne` -> Browne); a hyphen or apostrophe written inside a name keeps it one word
    ("Magnenat-Thalman")."""
    run: list[Token] = []
    for token in reversed(span):
        if token.pos_ == "PROPN" or run and joins_name_parts(token):
            run.insert(0, token)
        elif run:
            break
    return "".join(t.text_with_ws for t in run if not is_title_word(t)).split()


def joins_name_parts(token: Token) -> bool:
    """A hyphen or apostrophe with no space on either side, after a proper noun."""
    before = token.doc[token.i - 1] if token.i > 0 else None
    return token.text in ("-", "'", "’") and not token.whitespace_ and before is not None and before.pos_ == "PROPN" and not before.whitespace_


def is_title_word(token: Token) -> bool:
    """A title or honorific, with or without its full stop ("Sen.", "Sen", "Mr")."""
    titles = lexicon().titles
    return token.lower_ in titles or token.lower_.rstrip(".") in titles


def name_referent(ctx: QuoteContext, span: Span) -> str:
    """A person named by words the tagger saw as no name: the person of that surname the story names elsewhere
    ("Mr Hague" for William Hague), else a referent of its own in ctx.nominals."""
    words = proper_words(span)
    entity = entity_by_surname(ctx, words)
    title = title_gender(span)
    if entity is not None and (title == "-" or first_name_gender(entity) in ("-", title)):
        return entity["entity_id"]
    name = " ".join(words)
    referent_id = f"name-{span.start}"
    ctx.nominals[referent_id] = {"entity_id": referent_id, "name": name, "label": "PERSON", "text": span.text, "start_char": span.start_char, "end_char": span.end_char}
    return referent_id


def is_mislabelled_speaker(ctx: QuoteContext, mention: dict) -> bool:
    entity = ctx.entities.get(mention["entity_id"])
    return entity is not None and entity["label"] != "PERSON" and mention["entity_id"] in ctx.speakers and len(entity["name"].split()) == 1


def nearest_antecedent(
    ctx: QuoteContext, pronoun: Token, gender: str, admits: Callable[[dict], bool], nominals: bool = False
) -> tuple[str | None, float | None]:
    """Of the earlier mentions outside quotes (of entities, or with nominals of the people introduced by role) that
    admits() accepts and that agree in gender, the id of the one in the nearest sentence, subjects and earlier
    speakers first, with its cost in sentences."""
    sentence_starts = ctx.sentence_starts
    mentions, starts = (ctx.nominal_mentions, ctx.nominal_starts) if nominals else (ctx.mentions, ctx.mention_starts)
    here = bisect.bisect_right(sentence_starts, pronoun.idx)
    best, best_cost = None, None
    for i in range(bisect.bisect_left(starts, pronoun.idx) - 1, -1, -1):
        mention = mentions[i]
        distance = here - bisect.bisect_right(sentence_starts, mention["start_char"])
        if distance > MAX_PRONOUN_DISTANCE:
            break
        if not admits(mention):
            continue
        span = ctx.mention_span(mention)
        if span is None or ctx.mention_quoted(mention) or modifies_a_common_noun(span.root):
            continue
        if gender != "-" and mention_gender(ctx, mention) not in ("-", gender):
            continue
        role = role_cost(span.root)
        spoken = mention["entity_id"] in ctx.speakers or mention.get("spoke", False)
        cost = distance + role + (0 if spoken else NON_SPEAKER_COST)
        if best_cost is None or cost < best_cost:
            best, best_cost = mention["entity_id"], cost
    return best, best_cost


def past_the_dateline(ctx: QuoteContext, subject: Token) -> Token:
    """`LONDON, March 16 - The Governor …, Robin Smith, repeated …`: the parser may take the dateline's place for
    the subject, with the real one hanging from it as an appositive (the one naming someone, if any): a place
    that opens the story says nothing."""
    if subject.idx >= ctx.dateline_end:
        return subject
    # `LONDON, March 11 - Britain said`: the parser gave the verb two subjects, the place and the real one
    later = [c for c in subject.head.children if c.dep_ in SUBJECT_DEPS and c.idx >= ctx.dateline_end and c.i < subject.head.i]
    if later:
        return later[0]
    appositives = [t for t in subject.subtree if t.idx >= ctx.dateline_end and t.dep_ == "appos"]
    return next((t for t in appositives if head_entity(ctx, t) is not None), appositives[0] if appositives else subject)


def speaker_of(ctx: QuoteContext, subject: Token) -> Speaker:
    """The speaker row fields for a cue's subject token."""
    words = lexicon()
    subject = past_the_dateline(ctx, subject)
    group = group_one_belongs_to(ctx, subject)
    if group is not None:
        # `Diplomats were more blunt. “…,” one said`: one of that group, written as the group was
        return Speaker(group.text, group.start_char, group.end_char, None, None, "pronoun")
    if subject.lower_ in words.pronouns and subject.pos_ == "PRON":
        entity = resolve_pronoun(ctx, subject)
        if entity is not None and entity["entity_id"] in ctx.nominals and entity["name"] is None:
            # someone only ever described ("a Drexel spokesman … He added"): the description as first written
            return Speaker(entity["text"], entity["start_char"], entity["end_char"], None, None, "pronoun")
        return Speaker(
            subject.text,
            subject.idx,
            subject.idx + len(subject.text),
            entity["name"] if entity else None,
            entity["entity_id"] if entity and entity["entity_id"] in ctx.entities else None,
            "pronoun",
        )
    entity = head_entity(ctx, subject)
    if entity is not None and not given_name_of_another(name_span(subject), subject, entity):
        span = name_span(subject)
        return Speaker(span.text, span.start_char, span.end_char, entity["name"], entity["entity_id"], "explicit")
    if subject.pos_ == "PROPN" and subject.lower_.rstrip(".") not in words.titles:
        # a name the tagger missed: its proper nouns, less titles, or the person with that surname
        span = name_span(subject)
        proper = proper_words(span)
        entity = entity_by_surname(ctx, proper)
        entity = None if entity is not None and given_name_of_another(span, subject, entity) else entity
        name = entity["name"] if entity else " ".join(proper) or None
        return Speaker(span.text, span.start_char, span.end_char, name, entity["entity_id"] if entity else None, "explicit")
    # "The New York businessman", "Gary Johnson’s doctor": nobody named, whatever the modifiers name
    span = nominal_span(ctx, subject)
    return Speaker(span.text, span.start_char, span.end_char, None, None, "explicit")


def group_one_belongs_to(ctx: QuoteContext, subject: Token) -> Span | None:
    """The group that a bare "one" as the subject is a member of: the plural subject nearest before it, in its own
    sentence or the two before (`Several pilots were angry. “…,” one said`); none for "one analyst", "no one" or
    "one of them", which say who."""
    if subject.lower_ != "one" or any(True for _ in subject.children):
        return None
    here = bisect.bisect_right(ctx.sentence_starts, subject.idx) - 1
    for sentence in reversed(ctx.sentences[max(here - ONE_OF_GROUP_SENTENCES, 0) : here + 1]):
        plurals = [
            t for t in sentence
            if t.i < subject.i and t.dep_ in ("nsubj", "nsubjpass") and t.tag_ in ("NNS", "NNPS") and not ctx.quoted[t.i]
        ]
        if plurals:
            return nominal_span(ctx, plurals[-1])
    return None


def given_names(span: Span, subject: Token) -> list[Token]:
    """The proper nouns written just before the name the tagger found, outside any entity and no titles or
    initials: given names it did not see (the "Ivy" of `Ivy Moore said` when it tagged only "Moore")."""
    doc = subject.doc
    if not subject.ent_type_:
        return []  # the subject is no name the tagger saw ("Scottish Health Minister, Andrew Kerr MSP")
    if doc[subject.i].ent_iob_ == "I":
        return []  # the tagger's name has words before the head already ("Colonel Amir Sadeq")
    start = subject.i
    given = []
    for t in reversed(doc[span.start : start]):
        if t.pos_ != "PROPN" or t.ent_type_ or len(t.text.rstrip(".")) < 2 or is_title_word(t):
            break
        given.append(t)
    return given


def given_name_of_another(span: Span, subject: Token, entity: dict) -> bool:
    """`Ivy Moore said` in a story about Kellan Moore: a given name written before the family name that none of
    the entity's names use makes the speaker another member of the family, not the entity the family name found."""
    known = {word for name in (entity["name"], *entity.get("aliases", ())) for word in name.split()[:-1]}
    given = given_names(span, subject)
    return subject.pos_ == "PROPN" and entity["label"] == "PERSON" and bool(known) and bool(given) and not any(t.text in known for t in given)


def transcript_speaker(ctx: QuoteContext, span: QuoteSpan) -> Speaker | None:
    """A transcript quoted turn by turn names its speaker in capitals at the start ("PENCE: Well, …")."""
    match = TRANSCRIPT_LABEL.match(ctx.text, span.start, span.end)
    return label_speaker(ctx, *match.span(1)) if match is not None else None


def labelled_turn_speaker(ctx: QuoteContext, span: QuoteSpan) -> Speaker | None:
    """`Moore: “You would be in jail.”`: a paragraph that is only a name, a colon and the quote gives a turn of an
    exchange (a debate, an interview) to the person named."""
    paragraph_start = ctx.paragraphs[ctx.paragraph_of(span.start)][0]
    match = TURN_LABEL.fullmatch(ctx.text, paragraph_start, marked_bounds(span)[0])
    return label_speaker(ctx, *match.span(1)) if match is not None else None


def label_speaker(ctx: QuoteContext, start: int, end: int) -> Speaker | None:
    """The person a turn's label names: a person mentioned there or called by its last word; a label in capitals
    is a transcript's, a speaker's name whoever it is; any other label naming no person ("Update:") names no speaker."""
    label = ctx.text[start:end]
    last = label.split()[-1]
    entity = entity_by_surname(ctx, [last.title() if last.isupper() else last])
    if entity is None and not label.isupper():
        entity = entity_in(ctx, start, end)
    if entity is not None and entity["label"] == "PERSON":
        return Speaker(label, start, end, entity["name"], entity["entity_id"], "explicit")
    return Speaker(label, start, end, label.title(), None, "explicit") if label.isupper() else None


def signed_speaker(ctx: QuoteContext, span: QuoteSpan) -> Speaker | None:
    """A quote signed with a dash and a name on the rest of its line (`“…” ― Pamela Padilla`)."""
    match = SIGNATURE.match(ctx.text, marked_bounds(span)[1])
    if match is None:
        return None
    start, end = match.span(1)
    if ctx.text[end - 1] == "." and ctx.text[end - 3] != " ":
        end -= 1  # the full stop after a signature, not an initial's
    # a mention of only part of the signature ("Nell" of "Nell Carden Grey") is the tagger's slip: the signature is the name
    whole = any(m["start_char"] == start and m["end_char"] == end for m in ctx.mentions_between(start, end))
    entity = entity_in(ctx, start, end) if whole else None
    written = ctx.text[start:end]
    return Speaker(written, start, end, entity["name"] if entity else written, entity["entity_id"] if entity else None, "explicit")


def is_main_subject(token: Token) -> bool:
    return is_subject(token) and phrase_head(token).head.dep_ == "ROOT"


def role_cost(token: Token) -> float:
    """How much farther, in sentences, a mention counts as being for its role: none for the subject of a main clause."""
    if is_main_subject(token) or introduced_by_role(token):
        return 0
    return SUBORDINATE_SUBJECT_COST if does_something(token) else NON_SUBJECT_COST


def introduced_by_role(token: Token) -> bool:
    """A name set off with who the person is (`… concerns Henry Crespo, president of the caucus`), in a sentence whose
    subject is no one: the story introduces someone it is about to quote. Beside someone who acts (`he met Ray Ortiz,
    the union's head`), the one acting stays the topic."""
    head = phrase_head(token)
    if not any(c.dep_ == "appos" and c.pos_ == "NOUN" for c in head.children):
        return False
    root = token.sent.root
    # the main clause, and the clauses the parser may have hung a main one's subject on (`But Mr Howard denied Mr
    # Yeo, his spokesman, said …`, where "said" took the root)
    clauses = [root, *(c for c in root.children if c.dep_ in ("ccomp", "conj", "parataxis"))]
    return not any(c.dep_ in SUBJECT_DEPS and names_someone(c) for clause in clauses for c in clause.children)
