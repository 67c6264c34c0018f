"""What every step of quote attribution shares: the Cue and Speaker records and the QuoteContext of one document.

Building the context reads the whole document once: its entities' genders, and the people it introduces by role,
as a group or by office (the referents a pronoun may stand for), so those lookups live here beside it.
"""

from __future__ import annotations

import bisect
from dataclasses import dataclass

from spacy.tokens import Doc, Span, Token

from transforms.clean import match_dateline
from transforms.entities_spans import is_separator
from transforms.quotes_lexicon import lexicon
from transforms.quotes_marks import QuoteSpan, paragraph_bounds

SUBJECT_DEPS = ("nsubj", "nsubjpass", "csubj")
# How far before a token a mention that covers it may start.
MAX_NAME_CHARS = 80


@dataclass(frozen=True)
class Cue:
    """What attributes a quote: the reporting words and the token naming the speaker."""

    verb: str
    verb_lemma: str
    subject: Token | None
    score: int
    token: Token | None = None  # the reporting verb, where one word of the parse is it


@dataclass(frozen=True)
class Speaker:
    text: str | None
    start: int | None
    end: int | None
    name: str | None
    entity_id: str | None
    attribution: str


NO_SPEAKER = Speaker(None, None, None, None, None, "none")


class QuoteContext:
    """Lookups over one document shared by every quote in it."""

    def __init__(self, doc: Doc, text: str, spans: list[QuoteSpan], mentions: list[dict], entities: list[dict]):
        self.doc = doc
        self.text = text  # doc.text, read once: spaCy joins every token anew on each access
        self.token_starts = [token.idx for token in doc]
        self.spans = spans
        self.paragraphs = paragraph_bounds(text)
        self.paragraph_starts = [start for start, _ in self.paragraphs]
        self.mentions = sorted(mentions, key=lambda m: m["start_char"])
        self.mention_starts = [m["start_char"] for m in self.mentions]
        self.entities = {e["entity_id"]: e for e in entities}
        self.mentions_of: dict[str, list[dict]] = {}
        for mention in self.mentions:
            self.mentions_of.setdefault(mention["entity_id"], []).append(mention)
        self.quoted = [False] * len(doc)
        for span in spans:
            for token in tokens_between(doc, *marked_bounds(span)):
                self.quoted[token.i] = True
        self.genders = {e["entity_id"]: entity_gender(doc, text, e, self.mentions_of.get(e["entity_id"], [])) for e in entities}
        self.sentences = list(doc.sents)
        self.sentence_starts = [sent.start_char for sent in self.sentences]
        self.speakers: set[str] = set()  # entity ids of the speakers found so far
        dateline = match_dateline(text)
        self.dateline_end = len(dateline.text) if dateline else 0  # a wire story's body may open with its dateline
        # (sentence index, order resolved, entity id, pronoun's gender, cost of its role) of the pronouns resolved so far, by sentence
        self.resolved_pronouns: list[tuple[int, int, str, str, float]] = []
        self.pronoun_referents: dict[int, str | None] = {}  # token index -> entity id, for every pronoun resolved
        self.pronouns_read_to = 0  # token index up to which the subject pronouns outside quotes are resolved
        # people the text introduces by role, not by name ("a spokesman"), as mentions of referents of their own,
        # and offices that name someone again ("the governor")
        self.nominals: dict[str, dict] = {}
        self.nominal_mentions = sorted(
            nominal_mentions(self) + group_mentions(self) + office_mentions(self) + set_off_mentions(self),
            key=lambda m: m["start_char"],
        )
        self.nominal_starts = [m["start_char"] for m in self.nominal_mentions]

    def token_at_or_after(self, char: int) -> int:
        """Index of the first token starting at or after char (len(doc) when none)."""
        return bisect.bisect_left(self.token_starts, char)

    def referent(self, entity_id: str) -> dict:
        """The entity, or the person introduced by role, that an id stands for."""
        return self.entities.get(entity_id) or self.nominals[entity_id]

    def mention_span(self, mention: dict) -> Span | None:
        return self.doc.char_span(mention["start_char"], mention["end_char"], alignment_mode="expand")

    def mention_quoted(self, mention: dict) -> bool:
        span = self.mention_span(mention)
        return span is not None and self.quoted[span.root.i]

    def paragraph_of(self, char: int) -> int:
        return max(bisect.bisect_right(self.paragraph_starts, char) - 1, 0)

    def mentions_between(self, start: int, end: int) -> list[dict]:
        found = []
        for i in range(bisect.bisect_left(self.mention_starts, start), len(self.mentions)):
            mention = self.mentions[i]
            if mention["start_char"] >= end:
                break
            if mention["end_char"] <= end:
                found.append(mention)
        return found


def marked_bounds(span: QuoteSpan) -> tuple[int, int]:
    """Character bounds of a quote including its marks, where it has them."""
    start = span.open_mark if span.open_mark >= 0 else span.start
    end = span.close_mark + 1 if span.close_mark >= 0 else span.end
    return start, end


def tokens_between(doc: Doc, start: int, end: int) -> list[Token]:
    span = doc.char_span(start, end, alignment_mode="expand")
    return list(span) if span is not None else []


def entity_gender(doc: Doc, text: str, entity: dict, mentions: list[dict]) -> str:
    """'m', 'f' or '-' for a PERSON entity: from a title before one of its mentions, else a first name in its
    names, else a noun of one gender in apposition with one of its mentions ("Jo Marsh, a spokeswoman for …")."""
    if entity["label"] != "PERSON":
        return "-"
    titles = lexicon().titles
    for mention in mentions:
        gender = titles.get(title_before(text, mention), "-")
        if gender != "-":
            return gender
    gender = first_name_gender(entity)
    return gender if gender != "-" else next((g for g in (appositive_gender(doc, m) for m in mentions) if g != "-"), "-")


def appositive_gender(doc: Doc, mention: dict) -> str:
    """The gender of a person noun in apposition with a mention: the one it stands beside ("his wife, Ann Lee")
    or one set off after it ("Jo Marsh, a spokeswoman for the mayor")."""
    span = doc.char_span(mention["start_char"], mention["end_char"], alignment_mode="expand")
    if span is None:
        return "-"
    person_nouns = lexicon().person_nouns
    root = span.root
    beside = ([root.head] if root.dep_ == "appos" else []) + [c for c in root.children if c.dep_ == "appos"]
    return next((person_nouns[t.lemma_.lower()] for t in beside if person_nouns.get(t.lemma_.lower(), "-") != "-"), "-")


def title_before(text: str, mention: dict) -> str:
    """The lower-cased word just before a mention, where a title ("Mrs", "Sen.") stands."""
    before = text[max(mention["start_char"] - 12, 0) : mention["start_char"]].split()
    return before[-1].lower() if before else ""


def first_name_gender(entity: dict) -> str:
    """'m', 'f' or '-' from a first name in the entity's names."""
    words = lexicon()
    for name in (entity["name"], *entity.get("aliases", ())):
        for word in name.lower().split()[:-1]:
            if word in words.first_names:
                return words.first_names[word]
    if len(entity["name"].split()) == 1:
        # a person the article only ever calls by one name is called by the first name ("Melanie")
        return words.first_names.get(entity["name"].lower(), "-")
    return "-"


def name_span(subject: Token) -> Span:
    """The words naming the speaker: the subject with its modifiers on the left (titles, first names, determiners)."""
    doc = subject.doc
    start = subject.left_edge.i
    # a demonstrative is no part of a name (`Despite this Sourrouille said`, where the parser joined them)
    while start < subject.i and (doc[start].is_punct or doc[start].is_space or doc[start].lower_ in ("this", "that")):
        start += 1
    # a place set off by commas before the name is no part of it (`in Manchester, N.H., Sen. Roy Whitaker`, which
    # the parser may hang on the name), nor a wire dateline's date before its dash (`CHICAGO, March 17 - Acme said`)
    breaks = [t.i for t in doc[start : subject.i] if t.text == "," or is_separator(doc, t.i)]
    start = breaks[-1] + 1 if breaks else start
    end = subject.i + 1
    while end < len(doc) and doc[end].head.i == subject.i and doc[end].dep_ in ("flat", "compound"):
        end += 1
    return doc[start:end]


def phrase_head(token: Token) -> Token:
    """The head of the name or apposition a token is part of: "Kenneth" in "Kenneth Baer, a lawyer" stands for
    "Baer", but "Obama" in "an Obama administration official" modifies a common noun and stands for no one's head."""
    while token.head != token and (token.dep_ == "appos" or token.dep_ in ("compound", "flat") and token.head.pos_ == "PROPN"):
        token = token.head
    return token


def modifies_a_common_noun(token: Token) -> bool:
    """A name used as a modifier ("the Lightpointe laser bridges", "an Obama administration official") classifies
    a thing and introduces no one a later pronoun could stand for."""
    head = phrase_head(token)
    return head.dep_ == "compound" and head.head.pos_ == "NOUN"


DEFINITE_DETERMINERS = frozenset(("the", "this", "that", "these", "those"))
# how many sentences back a named source that spoke makes a definite text noun ("the paper") a second mention of it
SOURCE_ANAPHOR_SENTENCES = 3


def nominal_mentions(ctx: QuoteContext) -> list[dict]:
    """Mentions of the people the text introduces by role, not by name: an indefinite or bare noun phrase
    headed by a person noun ("a Drexel spokesman", "one trader", "Ministers") or a group noun ("a campaign",
    "Clinton's campaign", "the Marsh campaign") introduces one; a later definite
    one with the same head and number ("the spokesman") mentions the same person again. A plural subject of a verb
    of saying ("the two companies said") introduces a group whatever its head and determiner, and a text that says
    things ("the report said", document_nouns.txt) a thing a later "it" stands for. Each becomes a referent
    in ctx.nominals (written as first introduced, no name, no entity) that a pronoun can resolve to."""
    words = lexicon()
    person_nouns, group_nouns, document_nouns = words.person_nouns, words.group_nouns, words.document_nouns
    introduced: dict[tuple[str, bool], str] = {}  # (head lemma, plural) -> referent id
    found = []
    for token in ctx.doc:
        lemma = token.lemma_.lower()
        group = lemma in group_nouns
        # whatever its head, a plural that speaks ("the two companies said") is a group a later "they" stands for,
        # definite or not: it gathers those named before it; so is a text that speaks, or is the subject of its
        # clause, the "it" (`The memo cited numbers in Florida. “…,” it said.`)
        document = lemma in document_nouns and token.tag_ == "NN"
        speaking = (token.tag_ == "NNS" or document) and reports_speech(token) or document and token.dep_ in ("nsubj", "nsubjpass")
        if token.pos_ != "NOUN" or not (group or speaking or lemma in person_nouns) or token.dep_ in ("compound", "appos") or ctx.quoted[token.i]:
            continue
        if phrase_head(token) != token or head_entity(ctx, token) is not None:
            continue  # a role given to someone named ("Jack Ward, president of …", "the spokesman, John Smith")
        key = (lemma, token.tag_ == "NNS")
        # a possessive pronoun makes a role as definite as "the" does ("his candidate" is someone named elsewhere);
        # a named possessor introduces someone new ("Tony Blair's official spokesman"), and a name says which group
        named = group and is_named_group(token)
        definite = not named and any(c.dep_ == "det" and c.lower_ in DEFINITE_DETERMINERS or c.dep_ == "poss" and c.tag_ == "PRP$" for c in token.children)
        if definite and key not in introduced and not speaking:
            continue  # "the chancellor" is someone named elsewhere, or no one the text introduced
        span = nominal_span(ctx, token)
        source = source_that_spoke_before(ctx, token) if definite and document else None
        if source is not None:
            # `The People's Daily said … The paper added`: the paper is the one named, mentioned again
            found.append({"start_char": span.start_char, "end_char": span.end_char, "entity_id": source["entity_id"], "label": source["label"], "spoke": reports_speech(token)})
            continue
        if not definite or key not in introduced:
            referent_id = f"nominal-{token.i}"
            introduced[key] = referent_id
            ctx.nominals[referent_id] = {
                "entity_id": referent_id,
                "name": None,
                # a plural is a group of people, "they"; a body of people is "it" or "they", as an organisation is
                "label": "ORG" if group or document else "NORP" if key[1] else "PERSON",
                "text": span.text,
                "start_char": span.start_char,
                "end_char": span.end_char,
            }
            ctx.genders[referent_id] = person_nouns.get(lemma, "-")
        found.append({"start_char": span.start_char, "end_char": span.end_char, "entity_id": introduced[key], "label": ctx.nominals[introduced[key]]["label"], "spoke": reports_speech(token)})
    return found


def source_that_spoke_before(ctx: QuoteContext, noun: Token) -> dict | None:
    """The latest mention of a named source other than a person (a paper, an agency, a bank) that was the subject of
    a verb of saying in the noun's sentence or the few before: "the paper", "the newsletter" after it names it again."""
    here = bisect.bisect_right(ctx.sentence_starts, noun.idx) - 1
    start = ctx.sentence_starts[max(here - SOURCE_ANAPHOR_SENTENCES, 0)]
    spoke = [
        mention
        for mention in ctx.mentions_between(start, noun.idx)
        if mention["label"] != "PERSON" and (span := ctx.mention_span(mention)) is not None and reports_speech(span.root)
    ]
    return spoke[-1] if spoke else None


def is_named_group(noun: Token) -> bool:
    """A name before or after a group noun says which group it is ("the Marsh campaign", "the family of Darius Cole")."""
    return any(
        c.dep_ == "compound" and c.pos_ == "PROPN" or c.dep_ == "prep" and c.lower_ == "of" and any(o.pos_ == "PROPN" for o in c.children)
        for c in noun.children
    )


def reports_speech(token: Token) -> bool:
    """The token is the subject of a verb of saying ("a spokesman said …")."""
    return token.dep_ in SUBJECT_DEPS and token.head.lemma_.lower() in lexicon().speech_verbs


def group_mentions(ctx: QuoteContext) -> list[dict]:
    """People named together ("Mark Ellis and Sarah Ellis", "Holt and Marsh") make a group a later "they" can stand
    for: each such coordination of names becomes a referent of its own in ctx.nominals, written as named."""
    found = []
    for token in ctx.doc:
        names = [token, *(c for c in token.conjuncts if c.i > token.i)]
        if token.dep_ == "conj" or len(names) < 2 or ctx.quoted[token.i] or modifies_a_common_noun(token):
            continue
        if not all(t.pos_ == "PROPN" and t.ent_type_ in ("PERSON", "") for t in names) or not any(t.ent_type_ == "PERSON" for t in names):
            continue
        first, last = name_span(token), name_span(names[-1])
        referent_id = f"group-{token.i}"
        text = ctx.text[first.start_char : last.end_char]
        ctx.nominals[referent_id] = {"entity_id": referent_id, "name": None, "label": "NORP", "text": text, "start_char": first.start_char, "end_char": last.end_char}
        ctx.genders[referent_id] = "-"
        found.append({"start_char": first.start_char, "end_char": last.end_char, "entity_id": referent_id, "label": "NORP", "spoke": reports_speech(token)})
    return found


def set_off_mentions(ctx: QuoteContext) -> list[dict]:
    """`Heck, a physician and Army reserve general, withdrew …`: where the parser made the description set off after
    a name the subject, the description mentions that person as the subject, for a later pronoun to stand for."""
    found = []
    for token in ctx.doc:
        if token.dep_ not in ("nsubj", "nsubjpass") or ctx.quoted[token.i]:
            continue
        entity = person_set_off_before(ctx, token)
        if entity is not None:
            span = nominal_span(ctx, token)
            found.append({"start_char": span.start_char, "end_char": span.end_char, "entity_id": entity["entity_id"], "label": "PERSON", "spoke": reports_speech(token)})
    return found


def office_of_title(ctx: QuoteContext, mention: dict) -> tuple[str, ...]:
    """The office a PERSON mention's title names, its words in order ("Lt. Gov. Ann Lee" -> lieutenant, governor):
    the title words written just before the name; none when there are none."""
    offices = lexicon().offices
    doc = ctx.doc
    words: list[str] = []
    i = ctx.token_at_or_after(mention["start_char"]) - 1
    while i >= 0 and not ctx.quoted[i]:
        # the tokenizer may split an abbreviation's full stop off ("Lt" "." "Gov.")
        split = doc[i].text == "." and i > 0 and not doc[i - 1].whitespace_
        word = doc[i - 1].lower_ + "." if split else doc[i].lower_
        if word not in offices:
            break
        words.insert(0, offices[word])
        i -= 2 if split else 1
    return tuple(words)


def office_described(token: Token) -> tuple[str, ...]:
    """The office a definite description names ("the governor", "the vice president", "the former Ohio senator"):
    its head with the words before it that name offices, in order; none when the head names no office."""
    offices = lexicon().offices
    if token.lemma_.lower() not in offices or not any(c.dep_ == "det" and c.lower_ == "the" for c in token.children):
        return ()
    before = [offices[c.lower_] for c in token.lefts if c.dep_ in ("compound", "amod") and c.lower_ in offices]
    return (*before, offices[token.lemma_.lower()])


def office_mentions(ctx: QuoteContext) -> list[dict]:
    """A definite description of an office ("the governor") after a name with that office's title ("Gov. Elliot
    Strand") mentions that person again, when no one else named before holds it: a mention a later pronoun can stand for."""
    found = []
    for token in ctx.doc:
        if token.pos_ != "NOUN" or token.dep_ in ("compound", "appos") or ctx.quoted[token.i] or phrase_head(token) != token:
            continue
        office = office_described(token)
        if not office or head_entity(ctx, token) is not None:
            continue
        earlier = ctx.mentions[: bisect.bisect_left(ctx.mention_starts, token.idx)]
        holders = {m["entity_id"] for m in earlier if m["label"] == "PERSON" and office_of_title(ctx, m) == office}
        if len(holders) != 1:
            continue  # no one, or two senators: "the senator" says which only to a reader who knows them
        span = nominal_span(ctx, token)
        found.append({"start_char": span.start_char, "end_char": span.end_char, "entity_id": holders.pop(), "label": "PERSON", "spoke": reports_speech(token)})
    return found


def head_entity(ctx: QuoteContext, subject: Token) -> dict | None:
    """The entity the subject itself names, at its head or in an appositive ("Flynn, a top Trump surrogate";
    "the senator, Tim Kaine"), never one only named by a modifier."""
    appositives = [c for c in subject.children if c.dep_ == "appos"]
    # the parser may head an appositive name with what follows it (`Marcia "Cia" Price (D-Newport News)`)
    name_parts = [c for a in appositives for c in a.children if c.dep_ in ("compound", "nmod") and c.pos_ == "PROPN"]
    for token in (subject, *appositives, *name_parts):
        # a name may run on past its head ("the Association of Flight Attendants")
        for mention in ctx.mentions_between(token.idx - MAX_NAME_CHARS, token.idx + MAX_NAME_CHARS):
            if mention["start_char"] <= token.idx < mention["end_char"] and not covers_own_verb(mention, token) and not bracketed(ctx.text, mention):
                if token in name_parts and mention["label"] != "PERSON":
                    continue  # a title or a place before the name ("state Del. Karen Doyle")
                return ctx.entities.get(mention["entity_id"])
    return person_set_off_before(ctx, subject)


def person_set_off_before(ctx: QuoteContext, noun: Token) -> dict | None:
    """`Eugene Kiely, director of FactCheck.org, said`: a common noun phrase set off by commas right after a person's
    name that opens the sentence is an apposition describing that person, though the parser, stumbling on an
    unfamiliar name, made the noun the subject and the name something else."""
    doc = noun.doc
    start, end = noun.left_edge.i, noun.right_edge.i
    closing = end if doc[end].text == "," else end + 1  # the parser may hang the closing comma on the noun
    if noun.pos_ != "NOUN" or start < 2 or closing >= len(doc) or doc[start - 1].text != "," or doc[closing].text != ",":
        return None
    before = [m for m in ctx.mentions_between(doc[start - 1].idx - MAX_NAME_CHARS, doc[start - 1].idx) if m["end_char"] == doc[start - 2].idx + len(doc[start - 2])]
    if not before or before[-1]["label"] != "PERSON":
        return None
    first = ctx.token_at_or_after(before[-1]["start_char"])
    sentence_start = doc[first].sent.start
    # only a title may stand before the name in its sentence ("Sen. Ann Lee, chair of …")
    if any(t.pos_ != "PROPN" for t in doc[sentence_start:first] if not t.is_space):
        return None
    return ctx.entities.get(before[-1]["entity_id"])


def bracketed(text: str, mention: dict) -> bool:
    """The mention stands in brackets after a name, as a party and state or a company does ("Price (D-Newport News)"):
    it says where the speaker belongs, not who speaks."""
    return text[: mention["start_char"]].rstrip().endswith("(")


def covers_own_verb(mention: dict, token: Token) -> bool:
    """The mention runs over the verb the token is the subject of: a tagger's slip ("Trump accused Holt" taken for a
    title after a quoted phrase), no name of the speaker."""
    verb = token.head
    return verb.i != token.i and verb.pos_ in ("VERB", "AUX") and mention["start_char"] <= verb.idx < mention["end_char"]


def tells_when(token: Token, noun: Token) -> bool:
    """The token opens a phrase of time on the noun: "on Sunday", "last week"."""
    if token.head.i != noun.i or token.i <= noun.i:
        return False
    if token.dep_ == "prep":
        return any(c.dep_ == "pobj" and c.ent_type_ in ("DATE", "TIME") for c in token.children)
    return token.dep_ == "npadvmod" and token.ent_type_ in ("DATE", "TIME")


def nominal_span(ctx: QuoteContext, subject: Token) -> Span:
    """A speaker named by description: the whole noun phrase (“a narrator in the Clinton ad”), up to the quote."""
    doc = subject.doc
    start, end = subject.left_edge.i, subject.right_edge.i + 1
    # a clause or phrase on the noun running into the quote reports it or is it (`a comment that described them as
    # “…”`, quoted words the parser set in apposition): no part of who
    reporting = [c.left_edge.i for c in subject.children if c.i > subject.i and any(ctx.quoted[t.i] for t in c.subtree)]
    end = min([end, *reporting])
    own = {t.i for t in subject.subtree}
    for token in doc[subject.i : end]:
        # the phrase's own words only: where the parser hung part of the quote on the noun, the verb between is
        # no part of it (`Economists at Shearson were more succinct: “…”`)
        if token.i not in own:
            end = token.i
            break
        # a participle set off after the noun (`The paper, citing …`) tells what it does, not who it is, and a time
        # the parser hung on the noun (`The prime minister on Sunday said`) tells when
        if ctx.quoted[token.i] or (token.tag_ == "VBG" and token.i > subject.i + 1 and doc[token.i - 1].text == ",") or tells_when(token, subject):
            end = token.i
            break
    while end - 1 > subject.i and (doc[end - 1].is_punct or doc[end - 1].is_space):
        end -= 1
    # nor is a wire dateline the parser took into the phrase (`TOKYO, March 3 - Japan's finance minister`)
    while start < subject.i and (doc[start].is_punct or doc[start].is_space or doc[start].idx < ctx.dateline_end):
        start += 1
    return doc[start:end]
