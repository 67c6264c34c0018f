"""Quote rows: direct quotations with their speakers, from a parsed document.

Quotes are found from quote marks (transforms.quotes_marks), then attributed from the
dependency parse: the reporting verb is a verb next to the quote that either is a verb of
saying (seed list in transforms/data/speech_verbs.txt) or takes the quote as its complement,
and the speaker is that verb's subject. Pronoun speakers are resolved to the nearest earlier
person of a consistent gender; a quote with no attribution of its own continues the speaker
of the quote just before it.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Callable
from dataclasses import dataclass, replace

from spacy.tokens import Doc, Span, Token

from transforms.clean import match_dateline
from transforms.quotes_lexicon import lexicon
from transforms.quotes_marks import SIGNATURE, TRANSCRIPT_LABEL, QuoteSpan, paragraph_bounds, quote_spans
from transforms.sentences import sentence_locator

SUBJECT_DEPS = ("nsubj", "nsubjpass", "csubj")
# A verb without a subject of its own ("…, adding: …", "saying …") borrows its head's.
BORROWING_DEPS = ("advcl", "xcomp", "conj", "pcomp", "acl", "prep")
COMPLEMENT_DEPS = ("ccomp", "parataxis", "dobj", "xcomp", "advcl", "conj", "dep", "oprd", "attr")
SENTENCE_END = (".", "!", "?")
# Quotes this short with no attribution are scare quotes, titles or nicknames, not speech.
MIN_UNATTRIBUTED_WORDS = 5
# What verb_cues gives a verb not of saying that both governs a quote and follows it directly (`“…,” he scoffed`).
ADJACENT_NON_SPEECH_SCORE = 4
MAX_TITLE_WORDS = 6
MAX_HEADLINE_WORDS = 25
# Where a quote stands as what is said of someone (`called him “reckless”`), not as a name.
PREDICATE_DEPS = ("oprd", "acomp", "attr")
FUNCTION_WORDS = frozenset("a an the of in on at by for to from with and or but as is it its vs".split())
# Pronoun resolution: how many sentences back to look, and how much farther (in sentences) a mention
# that is not a subject, or not yet a speaker, counts as being.
MAX_PRONOUN_DISTANCE = 12
# a name (a title may open it) and a colon, all that stands before a quote in its paragraph: `Sen. Moore: “…”`
TURN_LABEL = re.compile(r"\s*([A-Z][\w.'’-]*(?: [A-Z][\w.'’-]*){0,3}):\s*")
NON_SUBJECT_COST = 1.5
NON_SPEAKER_COST = 0.5
SUBORDINATE_SUBJECT_COST = 1.0
LABEL_DOUBT_COST = 0.5  # a speaker's name the tagger labelled other than a person's, as a "he" or "she"
# How far before a token a mention that covers it may start.
MAX_NAME_CHARS = 80
ENTITY_LABEL_PREFERENCE = ("PERSON", "ORG", "NORP", "GPE", "FAC", "PRODUCT", "WORK_OF_ART")


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
        self.nominal_mentions = sorted(nominal_mentions(self) + group_mentions(self) + office_mentions(self), key=lambda m: m["start_char"])
        self.nominal_starts = [m["start_char"] for m in self.nominal_mentions]

    def token_at_or_after(self, char: int) -> int:
        """Index of the first token starting at or after char (len(doc) when none)."""
        return bisect.bisect_left(self.token_starts, char)

    def referent(self, entity_id: str) -> dict:
        """The entity, or the person introduced by role, that an id stands for."""
        return self.entities.get(entity_id) or self.nominals[entity_id]

    def mention_quoted(self, mention: dict) -> bool:
        span = self.doc.char_span(mention["start_char"], mention["end_char"], alignment_mode="expand")
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


# --- the attribution window around a quote -------------------------------------------------------


def window_after(ctx: QuoteContext, k: int) -> list[Token]:
    """Unquoted tokens after quote k, up to the end of its sentence (which may end inside a later quote) or of its paragraph."""
    doc, span = ctx.doc, ctx.spans[k]
    _, end = marked_bounds(span)
    # a quote running over paragraphs is attributed after its close, in its last paragraph
    paragraph_end = ctx.paragraphs[ctx.paragraph_of(span.end)][1]
    following = doc[ctx.token_at_or_after(end):]
    tokens = []
    for token in following:
        if token.idx >= paragraph_end or (ctx.quoted[token.i] and token.text in SENTENCE_END):
            break
        if ctx.quoted[token.i]:
            continue
        if token.text == ";":
            break  # the clause after a semicolon is a sentence of its own, no attribution of the quote before it
        tokens.append(token)
        if ends_a_sentence(token):
            break
    if ends_sentence(ctx.text[span.start : span.end]) and len(following) and not following[0].is_lower:
        # `“… fraud.” Members of …`: a full stop inside the marks ended the sentence, and the next one is the
        # quote's attribution only when it says nothing else (`“… accommodation.” Rockwell told bankers.`) and the
        # quote is a sentence of its own: one ending a sentence of the reporter's (`Fenn said the unrest “is a
        # problem.” Roe called for calm.`) has its attribution there
        opens_sentence = all(t.is_punct for t in window_before(ctx, k))
        return tokens if opens_sentence and only_attributes(tokens, ctx.quoted) else []
    if ctx.text[span.start : span.end].rstrip().rstrip("’'\"”)").endswith(("?", "!")) and len(following) and following[0].is_title:
        # `“… votes?” Trump said, looking out …` but `“… this thing!” The crowd chanted his name`: after a question
        # or an exclamation the next sentence attributes the quote only when it opens with a verb of saying
        # reporting nothing of its own
        return tokens if opens_with_attribution(tokens) else []
    return tokens


def opens_with_attribution(sentence: list[Token]) -> bool:
    """The sentence's main verb, its first verb outside its subject, is a verb of saying with a subject before it and
    no clause or thing said of its own (`Trump said, looking out …`, `Vitter demanded.`)."""
    verb = next((t for t in sentence if t.pos_ in ("VERB", "AUX") and t.dep_ not in ("relcl", "acl", "amod", "aux", "auxpass")), None)
    if verb is None or verb.lemma_.lower() not in lexicon().speech_verbs:
        return False
    if not any(c.dep_ in SUBJECT_DEPS and c.i < verb.i for c in verb.children):
        return False
    words = lexicon()
    addresses = verb.lemma_.lower() in words.addressing_verbs
    return not any(
        c.dep_ in ("ccomp", "xcomp", "parataxis")
        or c.dep_ == "dobj" and not addresses and c.pos_ not in ("PRON", "PROPN") and c.lemma_.lower() not in words.person_nouns
        for c in verb.children
    )


def only_attributes(sentence: list[Token], quoted: list[bool]) -> bool:
    """The words are a whole sentence that only names a speaker and a verb of saying: a short subject, the
    verb, and nothing it reports of its own (no clause, no quote, no object but a listener: "told bankers",
    not "estimate a value") before the sentence ends."""
    if not sentence or not ends_a_sentence(sentence[-1]) or any(quoted[t.i] for t in sentence[0].doc[sentence[0].i : sentence[-1].i]):
        return False
    speech_verbs = lexicon().speech_verbs
    verbs = [t for t in sentence if t.pos_ in ("VERB", "AUX")]
    if len(verbs) != 1 or verbs[0].lemma_.lower() not in speech_verbs:
        return False
    verb = verbs[0]
    leading = [t for t in sentence if t.i < verb.i and not t.is_punct]
    listeners = lexicon().person_nouns
    reports = any(
        c.dep_ in ("ccomp", "xcomp", "parataxis", "advcl") or c.dep_ == "dobj" and c.pos_ not in ("PRON", "PROPN") and c.lemma_.lower() not in listeners
        for c in verb.children
    )
    return 0 < len(leading) <= 6 and not reports


def ends_sentence(text: str) -> bool:
    """The quoted words end with a full stop (not "!" or "?", which attributions often follow: `“Why?” he asked`)."""
    return text.rstrip().rstrip("’'\"”)").endswith(".") and not text.rstrip().endswith("...")


def ends_a_sentence(token: Token) -> bool:
    """A full stop, question or exclamation mark, but not the full stop of an abbreviation the tokenizer split off:
    of a title (`“…,” Lt. Gen. Marcus Delaney told …`), or any the sentence goes on after (`Harper, I-Vt., said`,
    `Harper (I-Vt.) told`)."""
    if token.text not in SENTENCE_END:
        return False
    doc = token.doc
    before = doc[token.i - 1] if token.i > 0 else None
    after = doc[token.i + 1] if token.i + 1 < len(doc) else None
    if token.text == "." and before is not None and not before.whitespace_ and f"{before.lower_}." in lexicon().titles:
        return False
    return not (token.text == "." and after is not None and (after.text in (",", ";", ")") or after.is_lower))


def window_before(ctx: QuoteContext, k: int) -> list[Token]:
    """Unquoted tokens before quote k, back to the start of its sentence (which may end inside an earlier quote) or of its paragraph."""
    doc, span = ctx.doc, ctx.spans[k]
    start, _ = marked_bounds(span)
    paragraph_start = ctx.paragraphs[ctx.paragraph_of(span.start)][0]
    tokens = []
    for i in range(ctx.token_at_or_after(start) - 1, -1, -1):
        token = doc[i]
        if token.idx < paragraph_start or ends_a_sentence(token):
            break
        if not ctx.quoted[token.i]:
            tokens.append(token)
    return tokens[::-1]


def window_introducing(ctx: QuoteContext, k: int) -> list[Token]:
    """The sentence ending in a colon just before a quote that opens its paragraph ("Caddell continued:")."""
    doc, span = ctx.doc, ctx.spans[k]
    start, _ = marked_bounds(span)
    paragraph = ctx.paragraph_of(span.start)
    if paragraph == 0 or ctx.text[ctx.paragraphs[paragraph][0]:start].strip():
        return []
    previous_start, previous_end = ctx.paragraphs[paragraph - 1]
    if not ctx.text[previous_start:previous_end].rstrip().endswith(":"):
        return []
    tokens = []
    for i in range(ctx.token_at_or_after(previous_end) - 1, -1, -1):
        token = doc[i]
        if token.idx < previous_start or ctx.quoted[token.i] or ends_a_sentence(token):
            break
        tokens.append(token)
    return tokens[::-1]


# --- reporting verbs -----------------------------------------------------------------------------


def subject_of(verb: Token, quoted: list[bool], depth: int = 0) -> Token | None:
    """The token naming who does the verb: its subject, the agent of a passive, or its head's subject
    (never a word inside a quote)."""
    for child in subjects_of(verb, quoted):
        if child.dep_ == "nsubjpass":
            agent = next((c for c in verb.children if c.dep_ == "agent"), None)
            objects = [c for c in agent.children if c.dep_ == "pobj"] if agent is not None else []
            # a participle or coordinated verb borrowing the subject of a passive with no agent is done by that
            # subject (`Mr Dunmore was quoted in the Courier saying: …`); only the passive it hangs from directly
            return objects[0] if objects else child if depth == 1 else None
        if child.pos_ == "PRON" and child.tag_ == "DT":
            return None  # "that was not her view": a demonstrative stands for a thing said, not a speaker
        if child.tag_ in ("WP", "WDT"):
            # "…, who said": the relative clause's noun; a "which" hanging elsewhere names no one
            return named_by_apposition(verb.head) if verb.dep_ == "relcl" and not quoted[verb.head.i] else None
        return child
    owner = noun_set_off_before(verb, quoted)
    if owner is not None:
        return owner
    if verb.dep_ == "acl" and verb.head.pos_ == "PROPN" and not quoted[verb.head.i]:
        # "footage of Hillary Clinton asking, “…”": the named person asks (after a common noun,
        # "a statement calling …", the participle describes words, not a speaker)
        return verb.head
    if verb.dep_ == "compound" and verb.head.pos_ in ("PROPN", "NOUN") and verb.head.i > verb.i and not quoted[verb.head.i]:
        # `Said Ellis: “…”`: the parser took the inverted verb for a modifier of the name after it
        return verb.head
    if verb.dep_ == "xcomp" and depth == 0:
        controller = controlling_object(verb.head, quoted) or raised_subject(verb.head, quoted)
        if controller is not None:
            return controller
    inverted = name_before_unlinked_conjunct(verb, quoted) or name_doing(verb, quoted)
    if inverted is not None:
        return inverted
    shown = object_shown_doing(verb, quoted)
    if shown is not None:
        return shown
    if verb.dep_ in BORROWING_DEPS and verb.head != verb and depth < 3:
        return subject_of(coordinated_reporter(verb) or clause_taking(verb), quoted, depth + 1)
    return name_closing_fronted_phrase(verb, quoted)


def clause_taking(verb: Token) -> Token:
    """The clause a borrowing verb hangs from; a verb after a preposition that opens the clause (`After saying …,
    she was taken`) belongs to it as closely as a participle hung on it directly. A preposition after the clause
    may have been hung on the wrong one (`X said the system was “rigged,” before adding`)."""
    head = verb.head
    if verb.dep_ == "pcomp" and head.dep_ == "prep" and head.i < head.head.i:
        return head.head
    return head


def noun_set_off_before(verb: Token, quoted: list[bool]) -> Token | None:
    """`The trade paper, citing “sources …,” said`: a participle set off by a comma right after a noun, and hanging
    from it (through the comma, as the parser may have it), tells what the noun does, so the noun is its subject."""
    if verb.tag_ != "VBG" or verb.i < 2 or not verb.nbor(-1).is_punct or verb.nbor(-1).text != ",":
        return None
    token = verb
    while token.dep_ in ("acl", "prep", "punct") and token.head != token:
        token = token.head
        if token.pos_ in ("NOUN", "PROPN"):
            return token if token.i < verb.i and not quoted[token.i] else None
    return None


def name_before_unlinked_conjunct(verb: Token, quoted: list[bool]) -> Token | None:
    """`The company had not seen “…” in demand, vice president J. David Lyons, told Reuters`: a verb of saying the
    parser joined to the clause before it with no "and" or "but" is a reporting clause of its own, and the name set
    off by a comma just before it is its subject, not the subject of the clause it reports."""
    if verb.dep_ != "conj" or verb.lemma_.lower() not in lexicon().speech_verbs or verb.i < 2:
        return None
    if any(c.dep_ == "cc" and verb.head.i < c.i < verb.i for c in verb.head.children):
        return None
    comma, name = verb.nbor(-1), verb.nbor(-2)
    if comma.text != "," or name.pos_ != "PROPN" or quoted[name.i] or verb in name.ancestors:
        return None
    return name


def name_doing(verb: Token, quoted: list[bool]) -> Token | None:
    """`footage of Ann Vale saying …`, `a clip of Tom Baker telling voters …`, `with Smith adding …`: the person
    named just before a participle left without a subject, after "of" or "with", is the one doing it, wherever the
    parser hung the participle."""
    if verb.tag_ != "VBG" or verb.i == 0:
        return None
    name = verb.doc[verb.i - 1]
    if name.pos_ != "PROPN" or name.ent_type_ != "PERSON" or name.dep_ != "pobj" or name.head.lower_ not in ("of", "with") or quoted[name.i]:
        return None
    return name


def object_shown_doing(verb: Token, quoted: list[bool]) -> Token | None:
    """`The film showed Smith, smiling, telling the crowd: “…”`: a participle (or a chain of them) after the object of a
    verb of showing or perceiving says what that object does, so the object speaks, not the one showing."""
    token = verb
    while token.tag_ == "VBG" and token.dep_ in ("advcl", "xcomp", "ccomp", "dep") and token.head != token:
        token = token.head
        if token.lemma_.lower() in lexicon().showing_verbs:
            shown = [c for c in token.children if c.dep_ == "dobj" and c.i < verb.i and not quoted[c.i] and c.lower_ != "it"]
            return shown[0] if shown else None
    return None


def coordinated_reporter(verb: Token) -> Token | None:
    """`Ann said the team had reached a view, but admitted it was “hard”`: a verb of saying with no subject, conjoined
    to a verb not of saying inside what another verb of saying reports, goes with that reporting verb (the parser
    hung it one clause too low): what is said is not said by what it reports."""
    speech_verbs = lexicon().speech_verbs
    head = verb.head
    if verb.dep_ != "conj" or verb.lemma_.lower() not in speech_verbs or head.lemma_.lower() in speech_verbs:
        return None
    if head.dep_ == "ccomp" and head.head.pos_ == "VERB" and head.head.lemma_.lower() in speech_verbs:
        return head.head
    return None


def name_closing_fronted_phrase(verb: Token, quoted: list[bool]) -> Token | None:
    """`In an article for the Times, Ms Dunwoody, who chairs the committee, says:` with no subject parsed: the
    parser hung the name on the fronted phrase's last noun as an apposition; a name in apposition to a common
    noun, ending that phrase just before the verb, is the verb's subject. So is a person's name it coordinated
    with the last noun of a fronted clause (`When terrorists strike at the front, Obama and Clinton call them
    “…”`), and a name a fronted participle's phrase swallowed (`Speaking at a town hall in Manchester, N.H., Sen.
    Roy Whitaker said`)."""
    for phrase in verb.lefts:
        if phrase.dep_ not in ("prep", "advcl") or any(not t.is_punct for t in verb.doc[phrase.right_edge.i + 1 : verb.i]):
            continue
        names = [
            t
            for t in phrase.subtree
            if t.pos_ == "PROPN" and t.head.pos_ == "NOUN" and not quoted[t.i]
            and (t.dep_ == "appos" or t.dep_ == "conj" and t.ent_type_ == "PERSON" and t.right_edge.i == phrase.right_edge.i)
        ]
        if names:
            return names[-1]
        last = phrase.right_edge
        while last.dep_ == "conj" and last.head.pos_ == "PROPN" and last.head.i < last.i:
            last = last.head  # of names joined by "and" the first, as for a parsed subject
        if last.right_edge.i == verb.i - 1 and last.pos_ == "PROPN" and last.ent_type_ in ("PERSON", "ORG", "NORP", "") and not quoted[last.i]:
            # `Despite this Sourrouille said`: the comma after the fronted phrase left out, the parser took the
            # name for the end of it
            return last
    return None


def subjects_of(verb: Token, quoted: list[bool]) -> list[Token]:
    """The verb's subjects outside quotes; two of one kind are one noun phrase the parser split, reduced to its head."""
    subjects = [c for c in verb.children if c.dep_ in SUBJECT_DEPS and not quoted[c.i]]
    return [head_of_split_phrase(subjects)] if is_split_phrase(subjects) else subjects


def is_split_phrase(parts: list[Token]) -> bool:
    """Nouns of one kind side by side, with nothing but punctuation between them and no clause in any but the
    last, are one noun phrase the parser cut in parts ("labour office chief | Frank-Juergen Weise said")."""
    if len(parts) < 2 or len({t.dep_ for t in parts}) > 1:
        return False
    doc = parts[0].doc
    for part, following in zip(parts, parts[1:]):
        if any(t.pos_ in ("VERB", "AUX") for t in part.subtree):
            return False
        if any(not t.is_punct for t in doc[part.right_edge.i + 1 : following.left_edge.i]):
            return False
    return True


def head_of_split_phrase(parts: list[Token]) -> Token:
    """The head of a noun phrase the parser cut in parts ("labour office chief | Frank-Juergen Weise said",
    "said co-ordinator | Peter Facey", "Flynn, | a top Trump surrogate, said"): the name, not the title or
    description beside it; of several names the last, as an English noun phrase ends in its head."""
    names = [t for t in parts if t.pos_ == "PROPN"]
    return (names or parts)[-1]


def raised_subject(verb: Token, quoted: list[bool]) -> Token | None:
    """`Brown is alleged to have told him`, `she is expected to say`: the passive subject of a raising verb
    with no agent is the subject of its complement."""
    if any(c.dep_ == "agent" for c in verb.children):
        return None
    return next((c for c in verb.children if c.dep_ == "nsubjpass" and not quoted[c.i]), None)


def named_by_apposition(noun: Token) -> Token:
    """The name an appositive describes ("McConnell, now the majority leader, who said"): the name speaks."""
    while noun.dep_ == "appos" and noun.head.i != noun.i:
        noun = noun.head
    return noun


def controlling_object(verb: Token, quoted: list[bool]) -> Token | None:
    """The object that does what an object-control complement says ("footage of Clinton asking",
    "heard him say"): a name in an "of" phrase on the object stands for it."""
    for child in verb.children:
        if child.dep_ == "dobj" and not quoted[child.i]:
            for prep in child.children:
                if prep.dep_ == "prep" and prep.lower_ == "of":
                    named = [c for c in prep.children if c.dep_ == "pobj" and c.pos_ == "PROPN" and not quoted[c.i]]
                    if named:
                        return named[0]
            return child if child.pos_ in ("PROPN", "PRON") else None
    return None


def quote_ancestors(quote_tokens: set[int], doc: Doc) -> list[Token]:
    """Tokens outside the quote that the quote hangs from, nearest first."""
    chain: list[Token] = []
    for i in sorted(quote_tokens):
        for ancestor in doc[i].ancestors:
            if ancestor.i not in quote_tokens and ancestor not in chain:
                chain.append(ancestor)
    return sorted(chain, key=lambda token: len(list(token.ancestors)), reverse=True)


def hangs_from_quote(verb: Token, quote_tokens: set[int]) -> bool:
    """The verb hangs from a word of the quote (spaCy often attaches “…,” he said as a parataxis), and not
    as part of the quoted clause's own subject (`anybody who complains about it “is not having a good night”`)."""
    below = verb
    for ancestor in verb.ancestors:
        if ancestor.i in quote_tokens:
            return below.dep_ not in SUBJECT_DEPS
        if below.dep_ == "relcl":
            # `the “looming problems” of the tax bands, which he argued would …`: a relative clause describes its
            # noun and reports only its own content
            return False
        below = ancestor
    return False


def follows_quote_directly(verb: Token, window: list[Token], after: bool) -> bool:
    """`“…,” Vitter demanded.` / `“…,” said Caddell`: the verb comes right after the quote, with at most its subject before it."""
    if not after or not window:
        return False
    if is_subordinate(verb) or reports_a_clause_of_its_own(verb, window) or is_infinitive(verb):
        return False
    leading = [t for t in window if t.i < verb.i and not t.is_punct]
    return all(t in verb.children or verb in t.ancestors for t in leading) and len(leading) <= 6


def is_infinitive(verb: Token) -> bool:
    """A to-infinitive right after a quote goes on with the quoted phrase (`a “unique ability” to buy a business`);
    an attribution after a quote has a finite verb or a participle."""
    return any(c.dep_ == "aux" and c.tag_ == "TO" for c in verb.children)


def reports_a_clause_of_its_own(verb: Token, window: list[Token]) -> bool:
    """The verb already has unquoted words as its content (`“How do I look?” His assistant said that he looked …`):
    the quote before it is not what it reports, and the sentence it opens is a new one."""
    unquoted = {t.i for t in window}
    return any(c.dep_ == "ccomp" and c.i in unquoted and c.i > verb.i for c in verb.children)


def is_subordinate(verb: Token) -> bool:
    """The verb opens a subordinate clause (`“…,” while 73 percent said …`; `“…,” when Clinton blasted him`): a clause
    of its own, not an attribution of the quote beside it ("as he said" is one)."""
    return any(
        c.i < verb.i and ((c.dep_ == "mark" and c.lower_ != "as") or (c.dep_ == "advmod" and c.tag_ == "WRB")) for c in verb.children
    )


def phrase_cue(window: list[Token], quoted: list[bool]) -> Cue | None:
    """A multi-word cue such as "according to X": the speaker is the object of its last word (but in `Sadeq was
    quoted by state television as saying` the one quoted speaks)."""
    words = [t.lower_ for t in window]
    for phrase in lexicon().speech_phrases:
        for i in range(len(words) - len(phrase) + 1):
            if tuple(words[i : i + len(phrase)]) == phrase:
                last = window[i + len(phrase) - 1]
                if object_quoted_as_saying(last.head, quoted) is not None:
                    continue
                objects = [c for c in last.children if c.dep_ == "pobj"]
                subject = objects[0] if objects else (window[i + len(phrase)] if i + len(phrase) < len(window) else None)
                text = " ".join(t.text for t in window[i : i + len(phrase)])
                return Cue(text, text.lower(), subject, 9)
    return None


def noun_cue(window: list[Token], chain: list[Token]) -> Cue | None:
    """A noun of saying with a possessor ("Trump’s claim that “…”"): the possessor is the speaker; but not where
    the noun only sets the scene for a verb of saying (`In his closing remarks, Hale said:`), whose subject speaks."""
    nouns = lexicon().speech_nouns
    for token in window:
        if token.pos_ == "NOUN" and token.lower_ in nouns and not frames_a_verb_of_saying(token):
            owners = [c for c in token.children if c.dep_ == "poss"]
            if owners and (token in chain or not chain):
                return Cue(token.text, token.lemma_.lower(), owners[0], 5)
    return None


def frames_a_verb_of_saying(noun: Token) -> bool:
    """The noun is the object of a preposition on a verb of saying (`in his remarks … said`)."""
    prep = noun.head
    return noun.dep_ == "pobj" and prep.dep_ == "prep" and prep.head.pos_ == "VERB" and prep.head.lemma_.lower() in lexicon().speech_verbs


def verb_cues(window: list[Token], quote_tokens: set[int], chain: list[Token], after: bool, quoted: list[bool]) -> list[Cue]:
    """The reporting verbs in a window from the parse, best first: a verb of saying the quote hangs from scores
    highest; any verb the quote is the complement of, or that directly follows it, also qualifies."""
    speech_verbs = lexicon().speech_verbs
    ranked: list[tuple[tuple, Cue]] = []
    quote_start = min(quote_tokens, default=0)
    for token in window:
        if token.pos_ not in ("VERB", "AUX"):
            continue
        # a light verb with a noun of saying ranks below a verb of saying: in "Cole said the rally sends
        # a message that “…”" the words are Cole's
        speech = 3 if token.lemma_.lower() in speech_verbs or words_it_as(token) else 2 if says_by_noun(token) else 0
        governs = token in chain and not in_clause_joined_to(token, quote_tokens)
        if (is_subordinate(token) and not governs) or (not speech and completes_with_own_subject(token)):
            continue
        parenthetical = hangs_from_quote(token, quote_tokens)
        adjacent = follows_quote_directly(token, window, after)
        introduces = introduces_with_colon(token, window, after) or (speech == 3 and introduces_with_comma(token, window, after))
        if not (speech or adjacent or governs or introduces):
            continue
        subject = object_quoted_as_saying(token, quoted) or (leading_subject(token, window) if adjacent else None)
        subject = subject or subject_of(token, quoted) or (inverted_subject(token, quoted) if adjacent and not has_quoted_subject(token, quote_tokens) else None)
        if subject is None or names_with_the_quote(subject, token, quote_tokens) or says_how(token, subject, quote_tokens):
            continue
        if reports_a_thing_said(token, subject, window):
            continue
        if not (speech or adjacent or governs) and not names_someone(subject):
            continue  # `The rules are simple: “…”`: a clause about a thing introduces words nobody is said to speak
        if not (speech or adjacent or introduces) and token.lemma_ == "be" and chain[:1] == [token] and is_thing(subject):
            # `The proposals are “closely modelled” on …`: words standing as what a thing is say what it is, not who
            # says so; they are words all the same, whose speaker is the one speaking before
            subject = None
        score = speech + 2 * (governs or parenthetical) + 2 * (adjacent or introduces)
        # of verbs not of saying that hold the quote, the outermost clause's subject is the one asserting it
        # (`the group is confident its plan would win a “large majority”`), not what an inner clause is about
        rank = (score, 0 if speech else -len(list(token.ancestors)), -abs(token.i - quote_start))
        ranked.append((rank, Cue(token.text, token.lemma_.lower(), subject, score, token)))
    return [cue for _, cue in sorted(ranked, key=lambda pair: pair[0], reverse=True)]


def in_clause_joined_to(verb: Token, quote_tokens: set[int]) -> bool:
    """The quote hangs from the verb only through a clause joined to it with a subject of its own (`he was speaking
    about adults and his comments were “…”`): that clause says its own thing, which the verb does not report."""
    for i in quote_tokens:
        below = verb.doc[i]
        if below.is_punct:
            continue
        for ancestor in below.ancestors:
            if ancestor.i == verb.i:
                break
            if ancestor.dep_ == "conj" and ancestor.head.i == verb.i and any(c.dep_ in SUBJECT_DEPS for c in ancestor.children):
                return True
    return False


def has_quoted_subject(verb: Token, quote_tokens: set[int]) -> bool:
    """The quote is part of a noun phrase that is the verb's subject (`saying no “arbitrary figure” could reflect the
    town's needs`): the verb says what the quoted thing does, and the noun after it is its object, not an inverted
    speaker (a subject all inside the quote is often the parser's slip for `“My view, …,” she said`)."""
    first = min(quote_tokens, default=-1)
    return any(
        c.dep_ in ("nsubj", "nsubjpass") and c.pos_ in ("NOUN", "PROPN") and c.left_edge.i < first <= c.i for c in verb.children
    )


def introduces_with_comma(verb: Token, window: list[Token], after: bool) -> bool:
    """`The ad ends with footage of Trump saying during the debate, “…”`: the last verb before the quote, when it is
    one of saying whose own words run up to the comma or colon before the quote, introduces it, wherever the
    parser hung the quote (here on "ends")."""
    if after or not window or window[-1].text not in (",", ":"):
        return False
    own = {t.i for t in verb.subtree}
    later = [t for t in window if t.i > verb.i]
    return all((t.i in own and t.pos_ not in ("VERB", "AUX")) or t.is_punct for t in later)


def introduces_with_colon(verb: Token, window: list[Token], after: bool) -> bool:
    """`Marchetti was blunt: “…”`, `She put it this way:`: the verb of a main clause ending in a colon just before
    the quote introduces it, whatever the verb, when no other verb comes between (in `Smith watched as the crowd
    chanted:` the words before the colon are the crowd's, in `she said, adding:` the adding introduces)."""
    if after or not window or window[-1].text != ":" or is_subordinate(verb):
        return False
    inside = {t.i for t in window}
    later_verbs = [t for t in window if t.i > verb.i and t.pos_ in ("VERB", "AUX") and t.dep_ not in ("aux", "auxpass")]
    return (verb.head.i not in inside or verb.head.i == verb.i) and not later_verbs


def names_someone(subject: Token) -> bool:
    """A name (or a noun with a name in apposition: "the minister, Sofia Marchetti") or a personal pronoun other
    than "it": words that stand for someone, not a common noun that names no one."""
    if subject.pos_ == "PRON":
        return subject.lower_ in lexicon().pronouns and subject.lower_ not in ("it", "its")
    named = subject.pos_ == "PROPN" or subject.ent_type_ in ("PERSON", "ORG", "NORP", "GPE")
    return named or any(c.dep_ == "appos" and c.pos_ == "PROPN" for c in subject.children)


def is_thing(noun: Token) -> bool:
    """A common noun that names no person or group and no words (`proposals`, `an amount`; not `the statement`)."""
    words = lexicon()
    return noun.pos_ == "NOUN" and not names_someone(noun) and noun.lemma_.lower() not in words.person_nouns and noun.lower_ not in words.speech_nouns


def completes_with_own_subject(verb: Token) -> bool:
    """A to-infinitive with its own subject completing another verb (`It expected 2005 to be a “transitional year”`,
    `wants taxes to be “fair”`): that subject is what the clause is about, not a speaker; the verb it completes
    reports whose words they are."""
    return (
        verb.dep_ in ("ccomp", "xcomp")
        and verb.head.pos_ in ("VERB", "AUX")
        and is_infinitive(verb)
        and any(c.dep_ in SUBJECT_DEPS for c in verb.children)
    )


def object_quoted_as_saying(verb: Token, quoted: list[bool]) -> Token | None:
    """`the paper quoted Mr Chernin as saying`, `cited officials as saying`, `Mr Chernin was quoted (by the paper) as
    saying`: the one quoted is the speaker, not the one quoting; the cue is either the verb of quoting or the
    "saying" after its "as"."""
    if verb.dep_ == "pcomp" and verb.head.lower_ == "as" and verb.head.dep_ == "prep":
        verb = verb.head.head
    says = any(
        child.dep_ == "prep" and child.lower_ == "as" and any(c.dep_ == "pcomp" and c.lemma_.lower() in lexicon().speech_verbs for c in child.children)
        for child in verb.children
    )
    objects = [c for c in verb.children if c.dep_ in ("dobj", "nsubjpass") and not quoted[c.i]]
    return objects[0] if says and objects else None


def reports_a_thing_said(verb: Token, subject: Token, window: list[Token]) -> bool:
    """`She says it underscores that Trump is “…”`: a verb whose subject is "it" inside what a verb of saying
    reports tells what the thing means; the words are the outer speaker's."""
    if subject.lower_ != "it":
        return False
    speech_verbs = lexicon().speech_verbs
    return any(a in window and a.pos_ in ("VERB", "AUX") and a.lemma_.lower() in speech_verbs for a in verb.ancestors)


def words_it_as(verb: Token) -> bool:
    """`as The New Yorker put it`, `as one critic described it`: an "as" clause whose object "it" is the thing
    said attributes the words beside it, whatever its verb."""
    return any(c.dep_ == "mark" and c.lower_ == "as" for c in verb.children) and any(
        c.dep_ == "dobj" and c.lower_ == "it" for c in verb.children
    )


def says_by_noun(verb: Token) -> bool:
    """A light verb whose object is a noun of saying reports as a verb of saying does ("made the following
    comment", "issued a statement"); with a possessor the words are the possessor's ("read his statement")."""
    nouns = lexicon().speech_nouns
    return any(c.dep_ == "dobj" and c.lower_ in nouns and not any(g.dep_ == "poss" for g in c.children) for c in verb.children)


def names_with_the_quote(subject: Token, verb: Token, quote_tokens: set[int]) -> bool:
    """The quote is a word of the subject's own phrase, not the verb's content: a term in the speaker's name
    (`the “fact-checking” website says`), words hanging from the subject (`the ad “unmistakably” suggests`),
    or the object of a clausal subject (`Eliminating “the scourge of war” is`)."""
    # a verb hanging from its speaker ("Clinton, who said …"; `Said Ellis: “…”`) has the quote under the speaker too
    verb_in_subject = any(ancestor.i == subject.i for ancestor in verb.ancestors)
    doc = subject.doc
    # the comma closing the quoted words (`“…,” her spokesman, Leo Marsh, said`) is often hung on the name after
    # it: punctuation is no word of the subject's phrase
    words = [i for i in quote_tokens if not doc[i].is_punct]
    # after the verb, a quote the parser hung on the subject ("Hale is alleged to have told them: “Nothing …”") is its content
    return any(
        subject.left_edge.i <= i <= subject.i or (not verb_in_subject and i < verb.i and heads_up_to(doc[i], subject, verb))
        for i in words
    )


def says_how(verb: Token, subject: Token, quote_tokens: set[int]) -> bool:
    """The quote is an adverb between the verb and its subject (`the leaflet “plainly and wrongly” suggests`):
    it says how the subject does it, in someone else's words, and is not what the verb reports."""
    between = subject.i < min(quote_tokens) and max(quote_tokens) < verb.i
    return between and any(verb.doc[i].head.i == verb.i and verb.doc[i].dep_ == "advmod" for i in quote_tokens)


def heads_up_to(token: Token, subject: Token, verb: Token) -> bool:
    """Following heads up from the token reaches the subject before the verb."""
    while token.i not in (subject.i, verb.i) and token.head.i != token.i:
        token = token.head
    return token.i == subject.i


def leading_subject(verb: Token, window: list[Token]) -> Token | None:
    """In `“…,” Flynn, a top Trump surrogate, said`, the phrase between the quote and the verb names the speaker,
    however the parser attached it: take its head-most noun."""
    leading = [t for t in window if t.i < verb.i]
    if any(t.tag_ in ("WDT", "WP") for t in leading):
        return None  # `“…”, which would allow`: a relative clause about the quoted words, not an attribution
    ids = {t.i for t in leading}
    heads = [t for t in leading if t.pos_ in ("PROPN", "NOUN", "PRON") and t.head.i not in ids]
    return head_of_split_phrase(heads) if is_split_phrase(heads) else heads[0] if heads else None


def inverted_subject(verb: Token, quoted: list[bool]) -> Token | None:
    """The name after an inverted verb ("…,” added Rep. Jim Clyburn") when the parser did not call it a subject:
    a noun or name, or an adjective made a noun by its determiner ("…,” added the 30-year-old), but no time
    ("said Tuesday", "said the next day")."""
    for child in verb.rights:
        if quoted[child.i]:
            continue
        noun = child.pos_ in ("PROPN", "NOUN") and child.ent_type_ not in ("DATE", "TIME")
        # "the 30-year-old": a determiner and a measure make a noun phrase of the adjective ("said the same" has none)
        made_noun = child.pos_ == "ADJ" and any(c.dep_ == "det" for c in child.children) and any(c.pos_ in ("NOUN", "NUM") for c in child.lefts)
        if (noun or made_noun) and child.dep_ in ("dobj", "attr", "npadvmod", "dep", "appos", "oprd"):
            return child
    return None


def find_cue(ctx: QuoteContext, k: int, quote_tokens: set[int]) -> Cue | None:
    """The cue of quote k from its own sentence, or from the sentence that introduces it with a colon."""
    chain = quote_ancestors(quote_tokens, ctx.doc)
    candidates = []
    for window, after in ((window_after(ctx, k), True), (window_before(ctx, k), False), (window_introducing(ctx, k), False)):
        verbs = verb_cues(window, quote_tokens, chain, after, ctx.quoted)
        for cue in (phrase_cue(window, ctx.quoted), *verbs, noun_cue(window, chain)):
            if cue is not None:
                candidates.append(cue)
    if not candidates:
        return reported_before(ctx, k) or quoted_predicate(ctx, quote_tokens)
    best = max(candidates, key=lambda cue: cue.score)
    for cue in candidates:
        if cue.score == best.score and reports_rather_than(cue, best, quote_tokens):
            best = cue
    best = next((cue for cue in candidates if holds_in_subordinate_clause(cue, best, chain, quote_tokens)), best)
    if is_incidental(best) and best.token is not None and best.subject is not None and best.subject.pos_ == "PRON":
        # `A spokesman said there were 40 members. They shared a belief in the “…”`: a sentence whose subject only
        # points back, with no verb of saying, goes on with the report before it, in the reporter's words
        return reported_in_sentence_before(ctx, best.token.sent) or best
    return best


def quoted_predicate(ctx: QuoteContext, quote_tokens: set[int]) -> Cue | None:
    """`A Tory spokesman “totally refuted” any wrongdoing`: the quoted words are the verb of a clause whose subject,
    outside the marks, names someone; the words are that one's account of what they did."""
    for i in sorted(quote_tokens):
        verb = ctx.doc[i]
        # the finite verb of a main clause: its subject outside the marks is its own (not a heading over an imperative),
        # and no one else reports it (in `a story claiming Downing Street “sexed up” a dossier` the words are the story's)
        if verb.pos_ != "VERB" or verb.tag_ not in ("VBD", "VBZ", "VBP") or verb.dep_ != "ROOT":
            continue
        subjects = [c for c in verb.children if c.dep_ == "nsubj" and c.i < min(quote_tokens) and not ctx.quoted[c.i]]
        if subjects and (names_someone(subjects[0]) or subjects[0].lemma_.lower() in lexicon().person_nouns):
            return Cue(verb.text, verb.lemma_.lower(), subjects[0], 1, verb)
    return None


def holds_in_subordinate_clause(cue: Cue, main: Cue, chain: list[Token], quote_tokens: set[int]) -> bool:
    """The quote belongs to the clause of the verb it hangs from, not to an adverbial clause beside it, however
    close that stands to the marks: `While Moore called the tape “…,” Harlow said …` (the quote ends a clause
    subordinate to the main verb) and `Supporters chanted “…” as Moore spoke` (a clause subordinate to the verb of
    saying holding the quote follows it). A subordinate clause is no part of what the other verb reports."""
    if cue.token is None or main.token is None or cue.subject is None or cue.token not in chain:
        return False
    # not a reported `that` clause; an "as" clause counts here, as it holds the quote (`as Trump went on about “…”`);
    # a to-infinitive (`calling for him to apologise for his “…”`) tells of an act not done, by one who has said nothing
    as_clause = any(c.dep_ == "mark" and c.i < cue.token.i for c in cue.token.children)
    if cue.token.dep_ == "advcl" and (is_subordinate(cue.token) or as_clause):
        return cue.token.head.i == main.token.i and names_someone(cue.subject) and not is_infinitive(cue.token)
    if cue.token.dep_ == "relcl" and cue.token.i != main.token.i and cue.score >= main.score:
        # `Unlike Fenn, who called it “reckless,” Roe said the bill was …`: a relative clause of saying holding the
        # quote, when the other verb reports words of its own; one reporting nothing else attributes the quote (`The
        # “giveaways” she cited are “…,” the Ledger reported.`)
        owns_a_clause = any(c.dep_ == "ccomp" and c.i > main.token.i and c not in chain for c in main.token.children)
        return owns_a_clause and cue.verb_lemma in lexicon().speech_verbs and names_someone(cue.subject)
    # "as" too opens a clause of its own here: the verb before it already reports the quote; a quote inside that
    # clause (`Fenn called it “reckless,” while Roe said it was “long overdue.”`) is the clause's own
    opens_clause = main.token.dep_ == "advcl" and main.token not in chain and any(c.dep_ == "mark" for c in main.token.children)
    # on the verb itself, or on the quoted words (`chanted “Lock her up” as Moore spoke`); one on a clause within
    # what the verb reports attributes that clause's words (`echo … the requirement is “…,” as a memo put it`)
    on_cue = main.token.head.i == cue.token.i or main.token.head.i in quote_tokens
    return opens_clause and on_cue and cue.verb_lemma in lexicon().speech_verbs


def reports_rather_than(cue: Cue, other: Cue, quote_tokens: set[int]) -> bool:
    """Of two verbs of saying, one reporting what the other says, the outer one's subject is the quote's source
    when it names someone: in `Ann said Tom once called the deal “…”` the words reach the story through Ann, who
    vouches for them. Where it names no one ("the ruling announced Tom said"), the inner one's subject speaks, and
    an inner subject that names no one ("He says evidence suggests", "the film reveals") only shows the words.
    A verb in a relative clause within the other's, whose own content holds the quote, gives the source (`a bill
    which critics claim would allow it “through the back door” is no ploy, the minister said`): the outer speaker
    reports the claim, but the words are the claimants'."""
    if cue.token is None or other.token is None or cue.subject is None or other.subject is None:
        return False
    speech_verbs = lexicon().speech_verbs
    if cue.verb_lemma not in speech_verbs or other.verb_lemma not in speech_verbs:
        return False
    if reports_within(cue.token, other.token):
        return not names_someone(other.subject)
    if reports_within(other.token, cue.token):
        return names_someone(cue.subject)
    if in_relative_clause_within(cue.token, other.token) and content_holds(cue.token, quote_tokens):
        return names_someone(cue.subject) or cue.subject.lemma_.lower() in lexicon().person_nouns
    return False


def in_relative_clause_within(inner: Token, outer: Token) -> bool:
    """The inner verb is in a relative clause somewhere below the outer one."""
    relative = inner.dep_ == "relcl"
    for ancestor in inner.ancestors:
        if ancestor.i == outer.i:
            return relative
        relative = relative or ancestor.dep_ == "relcl"
    return False


# how what a verb of saying reports hangs from it
CONTENT_DEPS = ("ccomp", "xcomp", "parataxis", "dobj", "oprd")


def content_holds(verb: Token, quote_tokens: set[int]) -> bool:
    """The quoted words are (in) what the verb reports: they hang from it through its complement."""
    for i in quote_tokens:
        below = verb.doc[i]
        if below.is_punct:
            continue
        for ancestor in below.ancestors:
            if ancestor.i == verb.i:
                return below.dep_ in CONTENT_DEPS
            below = ancestor
    return False


def reports_within(inner: Token, outer: Token) -> bool:
    """The inner verb is part of a clause the outer one reports (`Mook told CBS that the campaign expects Holt to
    insert himself by calling out …`): the outer verb's complement clause holds it, through clauses and phrases
    within it but not through a relative clause (`X said the man who shouted “…” left`: the shouter's words). A
    clause conjoined to the reported one (`She said X, and the mother replied`) is the writer's own."""
    if inner.dep_ == "conj" and any(c.dep_ in SUBJECT_DEPS for c in inner.children):
        return False  # `Fenn said it was “reckless,” and Roe called it “overdue”`: a clause with a speaker of its own
    below = inner
    for ancestor in inner.ancestors:
        if ancestor.i == outer.i:
            # a clause after a semicolon is a sentence of its own, whatever the parser hung it on (`Fenn said it was
            # “reckless”; Roe called it “overdue.”`)
            semicolon = any(t.text == ";" for t in inner.doc[outer.i + 1 : below.left_edge.i])
            return below.dep_ in ("ccomp", "parataxis") and not semicolon
        if below.dep_ not in ("ccomp", "parataxis", "xcomp", "advcl", "prep", "pcomp", "pobj", "conj"):
            return False
        below = ancestor
    return False


def reported_in_sentence_before(ctx: QuoteContext, sentence: Span) -> Cue | None:
    """The speaker of the sentence of reported speech just before this one in its paragraph, if that is one."""
    doc = ctx.doc
    i = sentence.start - 1
    while i >= 0 and doc[i].is_space:
        i -= 1
    paragraph_start = ctx.paragraphs[ctx.paragraph_of(sentence.start_char)][0]
    if i < 0 or doc[i].idx < paragraph_start:
        return None
    return speech_report(ctx, doc[i].sent, paragraph_start)


def speech_report(ctx: QuoteContext, sentence: Span, paragraph_start: int) -> Cue | None:
    """The cue of a sentence of reported speech from ``paragraph_start`` on: no quote in it, a verb of saying at its
    root, or else one reporting a clause in a clause joined to the root (`A spokesman played down the row and said
    the cuts were needed`, `Ross thanked them and the mayor said …`), and a subject."""
    if sentence.start_char < paragraph_start or any(ctx.quoted[t.i] for t in sentence):
        return None
    speech_verbs = lexicon().speech_verbs
    root = sentence.root
    joined = [c for c in root.children if c.dep_ == "conj" and any(g.dep_ == "ccomp" for g in c.children)]
    verb = next((v for v in (root, *joined) if v.pos_ == "VERB" and v.lemma_.lower() in speech_verbs), None)
    if verb is None:
        return None
    subject = subject_of(verb, ctx.quoted)
    return Cue(verb.text, verb.lemma_.lower(), subject, 1, verb) if subject is not None else None


def reported_before(ctx: QuoteContext, k: int) -> Cue | None:
    """A quote opening a sentence with no cue of its own, right after a sentence of reported speech in its
    paragraph ("The administration may wait, Schiff said. “…”"), or ending the paragraph before when the quote opens
    its own: that sentence's speaker goes on in direct speech."""
    doc, span = ctx.doc, ctx.spans[k]
    paragraph = ctx.paragraph_of(span.start)
    paragraph_start = ctx.paragraphs[paragraph][0]
    opens_paragraph = not ctx.text[paragraph_start : marked_bounds(span)[0]].strip()
    if opens_paragraph and paragraph > 0:
        # `…, Brancho told Reuters.¶“We fear …”`: the sentence just before may end the paragraph before
        paragraph_start = ctx.paragraphs[paragraph - 1][0]
    i = ctx.token_at_or_after(marked_bounds(span)[0]) - 1
    while i >= 0 and doc[i].is_space:
        i -= 1
    if i < 0 or doc[i].idx < paragraph_start or doc[i].text not in SENTENCE_END or ctx.quoted[i]:
        return None
    return speech_report(ctx, doc[i].sent, paragraph_start)


# --- speakers ------------------------------------------------------------------------------------


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


def name_span(subject: Token) -> Span:
    """The words naming the speaker: the subject with its modifiers on the left (titles, first names, determiners)."""
    doc = subject.doc
    start = subject.left_edge.i
    # a demonstrative is no part of a name (`Despite this Sourrouille said`, where the parser joined them)
    while start < subject.i and (doc[start].is_punct or doc[start].is_space or doc[start].lower_ in ("this", "that")):
        start += 1
    # a place set off by commas before the name is no part of it (`in Manchester, N.H., Sen. Roy Whitaker`, which
    # the parser may hang on the name)
    commas = [t.i for t in doc[start : subject.i] if t.text == ","]
    start = commas[-1] + 1 if commas else start
    end = subject.i + 1
    while end < len(doc) and doc[end].head.i == subject.i and doc[end].dep_ in ("flat", "compound"):
        end += 1
    return doc[start:end]


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


def is_subject(token: Token) -> bool:
    """The token is (part of) the subject of its clause."""
    return phrase_head(token).dep_ in ("nsubj", "nsubjpass")


def does_something(token: Token) -> bool:
    """The token is the subject of a clause, or the noun a relative clause's "who" stands for ("Clinton, who has called for …")."""
    relatives = [c for c in phrase_head(token).children if c.dep_ == "relcl"]
    return is_subject(token) or any(w.dep_ in SUBJECT_DEPS and w.tag_ == "WP" for clause in relatives for w in clause.children)


DEFINITE_DETERMINERS = frozenset(("the", "this", "that", "these", "those"))


def nominal_mentions(ctx: QuoteContext) -> list[dict]:
    """Mentions of the people the text introduces by role, not by name: an indefinite or bare noun phrase
    headed by a person noun ("a Drexel spokesman", "one trader", "Ministers") or a group noun ("a campaign",
    "Clinton's campaign", "the Marsh campaign") introduces one; a later definite
    one with the same head and number ("the spokesman") mentions the same person again. Each becomes a referent
    in ctx.nominals (written as first introduced, no name, no entity) that a pronoun can resolve to."""
    words = lexicon()
    person_nouns, group_nouns = words.person_nouns, words.group_nouns
    introduced: dict[tuple[str, bool], str] = {}  # (head lemma, plural) -> referent id
    found = []
    for token in ctx.doc:
        lemma = token.lemma_.lower()
        group = lemma in group_nouns
        if token.pos_ != "NOUN" or not (group or lemma in person_nouns) or token.dep_ in ("compound", "appos") or ctx.quoted[token.i]:
            continue
        if phrase_head(token) != token or head_entity(ctx, token) is not None:
            continue  # a role given to someone named ("Jack Ward, president of …", "the spokesman, John Smith")
        key = (lemma, token.tag_ == "NNS")
        # a possessive pronoun makes a role as definite as "the" does ("his candidate" is someone named elsewhere);
        # a named possessor introduces someone new ("Tony Blair's official spokesman"), and a name says which group
        named = group and is_named_group(token)
        definite = not named and any(c.dep_ == "det" and c.lower_ in DEFINITE_DETERMINERS or c.dep_ == "poss" and c.tag_ == "PRP$" for c in token.children)
        if definite and key not in introduced:
            continue  # "the chancellor" is someone named elsewhere, or no one the text introduced
        span = nominal_span(ctx, token)
        if not definite:
            referent_id = f"nominal-{token.i}"
            introduced[key] = referent_id
            ctx.nominals[referent_id] = {
                "entity_id": referent_id,
                "name": None,
                # a plural is a group of people, "they"; a body of people is "it" or "they", as an organisation is
                "label": "ORG" if group else "NORP" if key[1] else "PERSON",
                "text": span.text,
                "start_char": span.start_char,
                "end_char": span.end_char,
            }
            ctx.genders[referent_id] = person_nouns.get(lemma, "-")
        found.append({"start_char": span.start_char, "end_char": span.end_char, "entity_id": introduced[key], "label": ctx.nominals[introduced[key]]["label"], "spoke": reports_speech(token)})
    return found


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


def referent_of(ctx: QuoteContext, pronoun: Token) -> str | None:
    """The entity id a pronoun refers to: of the earlier mentions outside quotes that agree in gender
    and number, the one in the nearest sentence, subjects and earlier speakers first."""
    if pronoun.i in ctx.pronoun_referents:
        return ctx.pronoun_referents[pronoun.i]
    gender, number = lexicon().pronouns[pronoun.lower_]
    # nationalities and parties (NORP: "Republicans", "Americans") are groups of people: "they", never "it"
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

    def apart(admits: Callable[[dict], bool]) -> Callable[[dict], bool]:
        return lambda mention: mention["entity_id"] not in others and admits(mention)

    best, best_cost = nearest_antecedent(ctx, pronoun, gender, apart(lambda mention: agrees_in_kind(mention["label"], mention["entity_id"])))
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
    span = ctx.doc.char_span(mention["start_char"], mention["end_char"], alignment_mode="expand")
    return span.root.i if span is not None else None


def untagged_subject(ctx: QuoteContext, pronoun: Token, gender: str) -> tuple[Span, float, bool] | None:
    """The proper noun the tagger saw as no name at all that is the subject of the nearest main clause before the
    pronoun ("Hendricks, the team's coach, was fired … he said"), less one whose given name is of the other gender:
    its name, its cost in sentences, and whether its given name is of the pronoun's gender."""
    here = bisect.bisect_right(ctx.sentence_starts, pronoun.idx) - 1
    for back, sentence in enumerate(reversed(ctx.sentences[max(here - MAX_PRONOUN_DISTANCE, 0) : here + 1])):
        for token in sentence:
            if token.i >= pronoun.i or ctx.quoted[token.i] or token.pos_ != "PROPN" or phrase_head(token) != token or not is_main_subject(token):
                continue
            span = name_span(token)
            words = proper_words(span)
            if not words or any(t.ent_type_ for t in span):
                continue
            given = given_name_gender(words)
            if given not in ("-", gender):
                continue
            return span, back + NON_SPEAKER_COST, given == gender
    return None


def proper_words(span: Span) -> list[str]:
    """The proper nouns of a name, less titles ("Sen.", "Mr")."""
    return [t.text for t in span if t.pos_ == "PROPN" and not is_title_word(t)]


def is_title_word(token: Token) -> bool:
    """A title or honorific, with or without its full stop ("Sen.", "Sen", "Mr")."""
    titles = lexicon().titles
    return token.lower_ in titles or token.lower_.rstrip(".") in titles


def name_referent(ctx: QuoteContext, span: Span) -> str:
    """A person named by words the tagger saw as no name, made a referent of its own in ctx.nominals."""
    name = " ".join(proper_words(span))
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
        span = ctx.doc.char_span(mention["start_char"], mention["end_char"], alignment_mode="expand")
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
    appositives = [t for t in subject.subtree if t.idx >= ctx.dateline_end and t.dep_ == "appos"]
    return next((t for t in appositives if head_entity(ctx, t) is not None), appositives[0] if appositives else subject)


def speaker_of(ctx: QuoteContext, subject: Token) -> Speaker:
    """The speaker row fields for a cue's subject token."""
    words = lexicon()
    subject = past_the_dateline(ctx, subject)
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


def head_entity(ctx: QuoteContext, subject: Token) -> dict | None:
    """The entity the subject itself names, at its head or in an appositive ("Flynn, a top Trump surrogate";
    "the senator, Tim Kaine"), never one only named by a modifier."""
    for token in (subject, *(c for c in subject.children if c.dep_ == "appos")):
        # a name may run on past its head ("the Association of Flight Attendants")
        for mention in ctx.mentions_between(token.idx - MAX_NAME_CHARS, token.idx + MAX_NAME_CHARS):
            if mention["start_char"] <= token.idx < mention["end_char"]:
                return ctx.entities.get(mention["entity_id"])
    return None


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
    for token in doc[subject.i : end]:
        # a participle set off after the noun (`The paper, citing …`) tells what it does, not who it is, and a time
        # the parser hung on the noun (`The prime minister on Sunday said`) tells when
        if ctx.quoted[token.i] or (token.tag_ == "VBG" and token.i > subject.i + 1 and doc[token.i - 1].text == ",") or tells_when(token, subject):
            end = token.i
            break
    while end - 1 > subject.i and (doc[end - 1].is_punct or doc[end - 1].is_space):
        end -= 1
    while start < subject.i and (doc[start].is_punct or doc[start].is_space):
        start += 1
    return doc[start:end]


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


# --- which quoted spans are quotes ---------------------------------------------------------------


def word_count(text: str) -> int:
    return sum(1 for word in text.split() if any(ch.isalnum() for ch in word))


def is_coined_term(ctx: QuoteContext, quote_tokens: set[int]) -> bool:
    """A short quoted noun phrase hanging off a name just before it (UN “blue helmets”): a term, not speech.
    A quote in a predicate's place says something of the name (`called Miss Universe “disgusting”`): words."""
    tokens = [ctx.doc[i] for i in sorted(quote_tokens) if not ctx.doc[i].is_punct]
    if not tokens or len(tokens) > 3 or any(t.pos_ in ("VERB", "AUX") for t in tokens):
        return False
    if any(t.dep_ in PREDICATE_DEPS and t.head.i not in quote_tokens for t in tokens):
        return False
    first = min(quote_tokens)
    while first > 0 and ctx.doc[first - 1].is_quote:
        first -= 1
    before = ctx.doc[first - 1] if first > 0 else None
    return before is not None and before.pos_ == "PROPN" and before.head.i in quote_tokens


def modifies_the_next_noun(ctx: QuoteContext, quote_tokens: set[int]) -> bool:
    """The quoted words are a modifier of the noun after them (the 'chip' technology, the 'card-only' fraud)."""
    words = [ctx.doc[i] for i in sorted(quote_tokens) if not ctx.doc[i].is_punct]
    roots = [t for t in words if t.head.i not in quote_tokens]
    if len(roots) != 1:
        return False
    root = roots[0]
    return root.dep_ in ("amod", "nmod", "compound", "poss") and root.head.i > max(quote_tokens) and root.head.pos_ in ("NOUN", "PROPN")


def is_title_case(text: str) -> bool:
    """Every word capitalised except short function words: a name, a title or a headline."""
    # a word may start with a digit ("13th", "1994"): numbers are neither capitalised nor lower case
    words = re.findall(r"[^\W_][\w’'-]*", text)
    return bool(words) and all(not w[0].islower() or w.lower() in FUNCTION_WORDS for w in words) and not words[0][0].islower()


def is_headline(ctx: QuoteContext, span: QuoteSpan) -> bool:
    """The quote sits in a short title-case paragraph: a headline or subhead, where quote marks cite, not report;
    or in single marks in a short first paragraph and the story quotes the same words again (`Flynn says Trump
    'absolutely right'`): a headline in sentence case, citing a quote the story reports (headlines set quotes in
    single marks; a lede quoting in double marks what the story quotes again reports it)."""
    paragraph_index = ctx.paragraph_of(span.start)
    start, end = ctx.paragraphs[paragraph_index]
    paragraph = ctx.text[start:end]
    if len(paragraph.split()) > MAX_HEADLINE_WORDS:
        return False
    if is_title_case(paragraph):
        return True
    words = ctx.text[span.start : span.end].rstrip(",.;:!?")
    return paragraph_index == 0 and span.single and bool(words) and words in ctx.text[end:]


def token_before(ctx: QuoteContext, span: QuoteSpan) -> Token | None:
    i = ctx.token_at_or_after(marked_bounds(span)[0]) - 1
    while i >= 0 and (ctx.doc[i].is_quote or ctx.doc[i].is_space):
        i -= 1
    return ctx.doc[i] if i >= 0 else None


def token_after(ctx: QuoteContext, span: QuoteSpan) -> Token | None:
    i = ctx.token_at_or_after(marked_bounds(span)[1])
    while i < len(ctx.doc) and ctx.doc[i].is_space:
        i += 1
    return ctx.doc[i] if i < len(ctx.doc) else None


def is_named_work(ctx: QuoteContext, span: QuoteSpan, text: str) -> bool:
    """A short title-case quote after a possessive or a word like "show" or "titled" (`MSNBC’s “Morning Joe”`,
    `an episode of “Face the Nation”`, `his memoir, “Against the Current,”`), or itself named as one
    (“Commander-in-Chief Forum”), or the programme one speaks on or to (`said on “Capitol Report” that`,
    `told “Sunday Focus” that`): the name of a work."""
    if word_count(text) > MAX_TITLE_WORDS or not is_title_case(text):
        return False
    words = lexicon()
    if re.findall(r"\w+", text)[-1].lower() in words.work_cues:
        return True
    before = token_before(ctx, span)
    if before is None:
        return False
    if before.lower_ == "on" and before.dep_ == "prep" and before.head.lemma_.lower() in words.speech_verbs | words.appearing_verbs:
        return True
    if before.lower_ in ("of", ",") and before.i > 0:
        before = ctx.doc[before.i - 1]
    return before.tag_ == "POS" or before.lower_ in words.work_cues or is_addressee(ctx, span)


def is_addressee(ctx: QuoteContext, span: QuoteSpan) -> bool:
    """`told “Sunday Focus” that …`: the object of a verb of saying that goes on to report a clause of its own is
    whom the words are said to."""
    quoted_heads = {ctx.doc[i].head for i in range(ctx.token_at_or_after(span.start), ctx.token_at_or_after(span.end))}
    verbs = [t for t in quoted_heads if t.pos_ == "VERB" and t.lemma_.lower() in lexicon().speech_verbs and not ctx.quoted[t.i]]
    return any(
        any(c.dep_ in ("dobj", "dative") and span.start <= c.idx < span.end for c in verb.children)
        and any(c.dep_ == "ccomp" and c.idx >= span.end for c in verb.children)
        for verb in verbs
    )


def is_nickname(ctx: QuoteContext, span: QuoteSpan, text: str) -> bool:
    """Robert C. “Bobby” Scott: one or two capitalised words between the parts of a name."""
    before, after = token_before(ctx, span), token_after(ctx, span)
    return (
        word_count(text) <= 2
        and is_title_case(text)
        and before is not None
        and after is not None
        and before.pos_ == "PROPN"
        and after.pos_ == "PROPN"
    )


def is_flagged_term(ctx: QuoteContext, span: QuoteSpan) -> bool:
    """`the so-called “cultural industries”`: the writer holds the words up as a term, nobody is quoted."""
    mark = marked_bounds(span)[0]
    before = ctx.text[max(0, mark - 20) : mark].rstrip().lower()
    return any(before.endswith(cue) and (len(before) == len(cue) or not before[-len(cue) - 1].isalnum()) for cue in lexicon().term_cues)


def is_markup(ctx: QuoteContext, span: QuoteSpan) -> bool:
    """An attribute value in markup left in the text (tweet_id="…")."""
    mark = marked_bounds(span)[0]
    return mark > 0 and ctx.text[mark - 1] == "="


def is_sentence_after_attributed_quote(ctx: QuoteContext, span: QuoteSpan, previous: tuple[QuoteSpan, Speaker] | None) -> bool:
    """`“Here he comes,” she said. “Big Daddy.”`: a whole sentence in marks after an attributed quote of its
    paragraph, or making up the next paragraph by itself, goes on with that speaker's words, however short (a scare
    quote or a title is not a sentence)."""
    if previous is None or previous[1].attribution == "none" or span.open_mark < 0 or span.close_mark < 0:
        return False
    previous_span = previous[0]
    paragraph = ctx.paragraph_of(span.start)
    paragraphs_apart = paragraph - ctx.paragraph_of(previous_span.start)
    if paragraphs_apart > 1 or paragraphs_apart == 1 and ctx.paragraphs[paragraph] != (span.open_mark, span.close_mark + 1):
        return False
    text = ctx.text[span.start : span.end]
    gap = ctx.text[marked_bounds(previous_span)[1] : span.open_mark].strip()
    sentence_ended = gap.endswith(SENTENCE_END) if gap else ctx.text[previous_span.start : previous_span.end].endswith(SENTENCE_END)
    return sentence_ended and text[0].isupper() and text.endswith(SENTENCE_END)


def is_speech(
    ctx: QuoteContext, span: QuoteSpan, quote_tokens: set[int], cue: Cue | None, previous: tuple[QuoteSpan, Speaker] | None = None
) -> bool:
    """Whether a quoted span reports words, rather than naming, titling or holding words at arm's length."""
    text = ctx.text[span.start : span.end]
    if is_markup(ctx, span) or is_headline(ctx, span) or is_coined_term(ctx, quote_tokens) or is_flagged_term(ctx, span):
        return False
    if is_named_work(ctx, span, text) or is_nickname(ctx, span, text):
        return False
    if span.single:
        # single marks around a modifier are the British scare quote; in double marks it is often a partial quote
        if modifies_the_next_noun(ctx, quote_tokens):
            return False
        return cue is not None and cue.subject is not None and cue.verb_lemma in lexicon().speech_verbs
    if cue is not None and is_incidental(cue) and modifies_the_next_noun(ctx, quote_tokens):
        # `to include a “largely democratic” chamber`: a quoted modifier no word of saying reports is a term
        return False
    if is_title_case(capitalised_by_choice(ctx, span, text)) and modifies_the_next_noun(ctx, quote_tokens):
        # `the “Star Wars” defence plan`: a capitalised name set before a noun names it, even in reported speech
        return False
    return cue is not None or word_count(text) >= MIN_UNATTRIBUTED_WORDS or is_sentence_after_attributed_quote(ctx, span, previous)


def capitalised_by_choice(ctx: QuoteContext, span: QuoteSpan, text: str) -> str:
    """The quoted words whose capitals say something: less the first word where the quote opens its sentence
    (`“Dubious” assumptions could drive …`), whose capital only the sentence gives it."""
    before = token_before(ctx, span)
    if before is not None and not ends_a_sentence(before) and ctx.paragraph_of(before.idx) == ctx.paragraph_of(span.start):
        return text
    rest = text.split(None, 1)
    return rest[1] if len(rest) > 1 else ""


def is_incidental(cue: Cue) -> bool:
    """The cue is only a verb not of saying that the quote hangs from, neither a word of saying nor right after the quote."""
    return cue.score < ADJACENT_NON_SPEECH_SCORE and cue.verb_lemma not in lexicon().speech_verbs


# --- rows ----------------------------------------------------------------------------------------


def continues_previous(ctx: QuoteContext, span: QuoteSpan, previous: tuple[QuoteSpan, Speaker] | None) -> bool:
    """A quote without attribution continues the speaker of the quote just before it, in its paragraph, the one
    before, or the one before that when the paragraph between tells of the speaker (`“…,” said Ray Dobbs.¶Dobbs,
    52, lost his job in 2009.¶“…”`), unless another person is named in between as the subject of a main clause: one named
    in passing (`“…,” said Caddell, speaking of Clinton. “…”`, `“…,” Walsh said after Judge Ortiz ruled.`)
    does not take the floor."""
    if previous is None or previous[1].attribution == "none":
        return False
    previous_span, speaker = previous
    paragraphs_apart = ctx.paragraph_of(span.start) - ctx.paragraph_of(previous_span.start)
    if paragraphs_apart > 2:
        return False
    between = [m for m in ctx.mentions_between(previous_span.end, span.start) if not ctx.mention_quoted(m)]
    if paragraphs_apart == 2:
        # a paragraph between keeps the speaker on only when it tells of the speaker
        told = ctx.paragraphs[ctx.paragraph_of(previous_span.start) + 1]
        if not any(m["entity_id"] == speaker.entity_id and m["start_char"] >= told[0] and names_main_subject(ctx, m) for m in between):
            return False
    others = [m for m in between if m["label"] == "PERSON" and m["entity_id"] != speaker.entity_id and not inside(m, speaker)]
    return not any(names_main_subject(ctx, m) for m in others)


def names_main_subject(ctx: QuoteContext, mention: dict) -> bool:
    span = ctx.doc.char_span(mention["start_char"], mention["end_char"], alignment_mode="expand")
    return span is not None and is_main_subject(span.root)


def is_main_subject(token: Token) -> bool:
    return is_subject(token) and phrase_head(token).head.dep_ == "ROOT"


def role_cost(token: Token) -> float:
    """How much farther, in sentences, a mention counts as being for its role: none for the subject of a main clause."""
    return 0 if is_main_subject(token) else SUBORDINATE_SUBJECT_COST if does_something(token) else NON_SUBJECT_COST


def inside(mention: dict, speaker: Speaker) -> bool:
    return speaker.start is not None and speaker.start <= mention["start_char"] and mention["end_char"] <= speaker.end


def end_unclosed_quote(doc: Doc, text: str, span: QuoteSpan) -> QuoteSpan:
    """A quote whose closing mark was never set runs on to the next mark or the paragraph end, over the story's own
    sentences. Where a later sentence of it reports speech in the third person (`Wenger said:`, `All firms said
    they …`), the narrative has resumed: the quote ends before it, at its last sentence in the first or second person
    (the speaker's own voice), or just before that report when none is."""
    if span.close_mark >= 0:
        return span
    pieces = [s for s in doc.char_span(span.start, span.end, alignment_mode="expand").sents] if span.end > span.start else []
    report = next((i for i, sentence in enumerate(pieces) if i > 0 and reports_in_third_person(sentence)), None)
    if report is None:
        return span
    kept = pieces[:report]
    voiced = [s for s in kept if any(t.lower_ in lexicon().speaker_pronouns for t in s)]
    last = (voiced or kept)[-1]
    end = min(last.end_char, span.end)
    while end > span.start and text[end - 1].isspace():
        end -= 1
    return replace(span, end=end)


def reports_in_third_person(sentence: Span) -> bool:
    """The sentence's main verb is a verb of saying in the past tense, the narrative's, whose subject is not "I", "we"
    or "you" (a speaker's own "Time will tell" is no report)."""
    root = sentence.root
    subjects = [c for c in root.children if c.dep_ in ("nsubj", "nsubjpass")]
    narrated = root.tag_ == "VBD" and root.lemma_.lower() in lexicon().speech_verbs
    return narrated and any(s.lower_ not in lexicon().speaker_pronouns for s in subjects)


def quote_rows(doc: Doc, sentences: list[dict], mentions: list[dict], entities: list[dict]) -> list[dict]:
    """One row per direct quotation (without doc_id and partition columns)."""
    text = doc.text
    spans = [end_unclosed_quote(doc, text, span) for span in quote_spans(text)]
    ctx = QuoteContext(doc, text, spans, mentions, entities)
    sentence_id_at = sentence_locator(sentences)
    rows: list[dict] = []
    previous: tuple[QuoteSpan, Speaker] | None = None
    for k, span in enumerate(spans):
        quote_tokens = {t.i for t in tokens_between(doc, span.start, span.end)}
        cue = find_cue(ctx, k, quote_tokens)
        if not is_speech(ctx, span, quote_tokens, cue, previous):
            continue
        labelled = transcript_speaker(ctx, span) or labelled_turn_speaker(ctx, span) or signed_speaker(ctx, span)
        if labelled is not None:
            speaker = labelled
        elif cue is not None and cue.subject is not None:
            speaker = speaker_of(ctx, cue.subject)
        elif continues_previous(ctx, span, previous):
            speaker = replace(previous[1], attribution="continuation")
        else:
            speaker = NO_SPEAKER
        previous = (span, speaker)
        if speaker.entity_id:
            ctx.speakers.add(speaker.entity_id)
        rows.append(
            {
                "quote_id": len(rows),
                "sentence_id": sentence_id_at(span.start),
                "start_char": span.start,
                "end_char": span.end,
                "text": text[span.start : span.end],
                "speaker": speaker.text,
                "speaker_start_char": speaker.start,
                "speaker_end_char": speaker.end,
                "speaker_name": speaker.name,
                "speaker_entity_id": speaker.entity_id,
                "verb": cue.verb if cue else None,
                "verb_lemma": cue.verb_lemma if cue else None,
                "attribution": speaker.attribution,
            }
        )
    return rows
