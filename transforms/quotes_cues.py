"""Cues: the words attributing a quote, found from the dependency parse.

The attribution window around a quote, the reporting verbs (and nouns and phrases) in it and their subjects,
find_cue, and the rules choosing between two cues (reports_rather_than, holds_in_subordinate_clause, reported_before).
"""

from __future__ import annotations

from spacy.tokens import Doc, Span, Token

from transforms.quotes_context import SUBJECT_DEPS, Cue, QuoteContext, marked_bounds
from transforms.quotes_lexicon import lexicon

# A verb without a subject of its own ("…, adding: …", "saying …") borrows its head's.
BORROWING_DEPS = ("advcl", "xcomp", "conj", "pcomp", "acl", "prep")
SENTENCE_END = (".", "!", "?")
# What verb_cues gives a verb not of saying that both governs a quote and follows it directly (`“…,” he scoffed`).
ADJACENT_NON_SPEECH_SCORE = 4


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
    addresses = verb.lemma_.lower() in lexicon().addressing_verbs
    return not reports_of_its_own(verb, ("ccomp", "xcomp", "parataxis"), addresses)


def reports_of_its_own(verb: Token, clause_deps: tuple[str, ...], addresses: bool = False) -> bool:
    """The verb of saying reports something of its own: a clause (of the kinds given) or a thing said as its object.
    A pronoun, a name or a listener ("told bankers") as the object is whom the words are said to, and so is any
    object of a verb of addressing ("asked the crowd")."""
    listeners = lexicon().person_nouns
    return any(
        c.dep_ in clause_deps
        or c.dep_ == "dobj" and not addresses and c.pos_ not in ("PRON", "PROPN") and c.lemma_.lower() not in listeners
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
    return 0 < len(leading) <= 6 and not reports_of_its_own(verb, ("ccomp", "xcomp", "parataxis", "advcl"))


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
            if verb.dep_ != "relcl":
                return None
            if quoted[verb.head.i]:
                return noun_before_relative(child, quoted)
            return maker_of_words(verb.head, quoted) or named_by_apposition(verb.head)
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
    if verb.dep_ == "advcl" and verb.tag_ == "VBG" and follows_comma_or_dash(verb) and opened_by_wh_word(head):
        # `… defend not paying an architect who said he was stiffed, saying, “…”`, `circling the stadium - where the
        # team played - while chanting, “…”`: a participle set off after a relative clause tells what the sentence's
        # subject did; the parser hung it on the nearer verb
        return next((t for t in head.ancestors if any(c.dep_ in SUBJECT_DEPS for c in t.children)), head)
    if verb.dep_ == "advcl" and follows_comma_or_dash(verb) and verb.lemma_.lower() in lexicon().speech_verbs and head.dep_ == "ccomp":
        # `Hodgson believes a winter break carries many advantages, explaining: “…”`: a thing explains nothing; the
        # participle goes with the one whose belief the clause is
        subjects = [c for c in head.children if c.dep_ in SUBJECT_DEPS]
        if subjects and all(is_thing(s) for s in subjects):
            return head.head
    return head


def follows_comma_or_dash(verb: Token) -> bool:
    """A comma or a dash stands just before the verb or the word opening its clause (`, saying`, `- while chanting`)."""
    first = min([verb.i, *(c.i for c in verb.children if c.dep_ == "mark")])
    return first > 0 and verb.doc[first - 1].text in (",", "-", "–", "—")


def opened_by_wh_word(clause: Token) -> bool:
    """A relative clause, or one the parser took for another kind that a "where", "who" or "which" opens; or an
    adverbial clause a conjunction opens (`… discreetly so investors were not scared away, saying …`)."""
    before = [c for c in clause.children if c.i < clause.i]
    wh_word = any(c.tag_ in ("WRB", "WDT", "WP") and c.lower_ != "when" for c in before)
    conjunction = clause.dep_ == "advcl" and any(c.dep_ == "mark" for c in before)
    return clause.dep_ == "relcl" or (clause.dep_ in ("advcl", "ccomp") and wh_word) or conjunction


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
    if name.dep_ == "pobj":
        return None  # `Mr. Obama, asked about it during a visit to the Capitol, said`: a preposition's object says where

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
    # through clauses of thinking too: `Miller said he believes the deficit can be reduced but added, “…”`
    clause = head
    while clause.dep_ == "ccomp" and clause.head.pos_ == "VERB":
        clause = clause.head
        if clause.lemma_.lower() in speech_verbs:
            return clause
    return None


def name_closing_fronted_phrase(verb: Token, quoted: list[bool]) -> Token | None:
    """`In an article for the Times, Ms Dunwoody, who chairs the committee, says:` with no subject parsed: the
    parser hung the name on the fronted phrase's last noun as an apposition; a name in apposition to a common
    noun, ending that phrase just before the verb, is the verb's subject. So is a person's name it coordinated
    with the last noun of a fronted clause (`When terrorists strike at the front, Obama and Clinton call them
    “…”`), or hung on the name of a body ending it (`In a filing with the SEC, Ann Lowe, a Boston investor,
    said`), and a name a fronted participle's phrase swallowed (`Speaking at a town hall in Manchester, N.H., Sen.
    Roy Whitaker said`)."""
    for phrase in verb.lefts:
        if phrase.dep_ not in ("prep", "advcl") or any(not t.is_punct for t in verb.doc[phrase.right_edge.i + 1 : verb.i]):
            continue
        names = [t for t in phrase.subtree if t.pos_ == "PROPN" and not quoted[t.i] and stands_apart_from_phrase(t, phrase)]
        if names:
            return names[-1]
        last = name_ending_phrase(phrase, verb, quoted)
        if last is not None:
            return last
    return None


def stands_apart_from_phrase(name: Token, phrase: Token) -> bool:
    """A name the parser hung inside a fronted phrase that is no part of it: one in apposition to a common noun, or a
    person whose own words end the phrase, coordinated with its last noun, set off by a comma (`At a rally in Tampa,
    Sen. Marco Rubio, who is seeking reelection, said`) or hung on the name of a body (`In a filing with the SEC, Ann
    Lowe, a Boston investor, said`)."""
    person_ending = name.dep_ in ("appos", "conj") and name.ent_type_ == "PERSON" and ends_phrase(name, phrase)
    if name.head.pos_ == "NOUN" and (name.dep_ == "appos" or name.dep_ == "conj" and person_ending):
        return True
    return person_ending and (set_off_before(name) or name.head.ent_type_ not in ("PERSON", ""))


def name_ending_phrase(phrase: Token, verb: Token, quoted: list[bool]) -> Token | None:
    """The name the fronted phrase ends on, right before the verb, when it is the verb's subject: with the comma after
    the phrase left out (`Despite this Sourrouille said`), or a person set off by a comma that the parser took into
    the phrase (`Responding to the figures, shadow chief secretary to the Treasury, Tom Reed, said`)."""
    last = phrase.right_edge
    while last.dep_ == "conj" and last.head.pos_ == "PROPN" and last.head.i < last.i:
        last = last.head  # of names joined by "and" the first, as for a parsed subject
    if last.pos_ != "PROPN" or quoted[last.i]:
        return None
    if last.right_edge.i == verb.i - 1 and last.ent_type_ in ("PERSON", "ORG", "NORP", ""):
        return last
    if last.ent_type_ == "PERSON" and verb.doc[last.right_edge.i + 1 : verb.i].text == ",":
        return last
    return None


def ends_phrase(token: Token, phrase: Token) -> bool:
    """The token's own words end the phrase, but for punctuation (`In a filing with the SEC, Ann Lowe, a Boston
    investor, said`: the comma after the appositive is the phrase's last token)."""
    return all(t.is_punct for t in token.doc[token.right_edge.i + 1 : phrase.right_edge.i + 1])


def set_off_before(token: Token) -> bool:
    """A comma stands just before the token's own words."""
    start = token.left_edge.i
    return start > 0 and token.doc[start - 1].text == ","


def subjects_of(verb: Token, quoted: list[bool]) -> list[Token]:
    """The verb's subjects outside quotes; two of one kind are one noun phrase the parser split, reduced to its head."""
    subjects = [c for c in verb.children if c.dep_ in SUBJECT_DEPS and not quoted[c.i]]
    # `But this financial year, because of “…”, he said`: a time the parser made a second subject says when, not who
    untimed = [c for c in subjects if c.ent_type_ not in ("DATE", "TIME")]
    subjects = untimed or subjects
    return [head_of_split_phrase(subjects)] if is_split_phrase(subjects) else subjects


def is_split_phrase(parts: list[Token]) -> bool:
    """Nouns of one kind side by side, with nothing but punctuation between them and no clause in any but the
    last, are one noun phrase the parser cut in parts ("labour office chief | Frank-Juergen Weise said")."""
    if len(parts) < 2 or len({t.dep_ for t in parts}) > 1:
        return False
    doc = parts[0].doc
    for part, following in zip(parts, parts[1:]):
        # a participle modifying a noun ("retired Army Sgt.") makes no clause
        if any(t.pos_ in ("VERB", "AUX") and t.dep_ != "amod" for t in part.subtree):
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


def maker_of_words(noun: Token, quoted: list[bool]) -> Token | None:
    """`Clinton made a comment that described them as “…”`: words that say something (a comment, a statement) are
    said by whoever made, issued or gave them; none when they are no object of a verb with a subject of its own."""
    if noun.lemma_.lower() not in lexicon().speech_nouns or noun.dep_ != "dobj":
        return None
    return next((s for s in subjects_of(noun.head, quoted) if s.dep_ == "nsubj" and s.tag_ not in ("WP", "WDT")), None)


def noun_before_relative(pronoun: Token, quoted: list[bool]) -> Token | None:
    """`labelled a “huge mistake” by the Greens who said`: the parser hung the relative clause on a quoted
    word, which no one is; the relative pronoun stands for the noun right before it."""
    before = pronoun.doc[pronoun.i - 1] if pronoun.i > 0 else None
    return before if before is not None and before.pos_ in ("PROPN", "NOUN") and not quoted[before.i] else None


def named_by_apposition(noun: Token) -> Token:
    """The name an appositive describes ("McConnell, now the majority leader, who said"): the name speaks."""
    # up to a noun only: the parser may hang a name on a relative pronoun (`tributes that poured in … was one from
    # the producer Quincy Jones, who described him as`)
    while noun.dep_ == "appos" and noun.head.i != noun.i and noun.head.pos_ in ("NOUN", "PROPN"):
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
    if verb.dep_ == "relcl" and any(t.tag_ in ("WDT", "WP") and t.i < verb.i for t in window):
        return False  # `a plan for “stabilisers” under which there would be cuts`: a relative clause on the quoted words
    if is_subordinate(verb) or reports_a_clause_of_its_own(verb, window) or is_infinitive(verb):
        return False
    leading = [t for t in window if t.i < verb.i and not t.is_punct]
    return all(t in verb.children or verb in t.ancestors for t in leading) and len(leading) <= 6


def opens_sentence_inverted(verb: Token, window: list[Token], after: bool) -> bool:
    """`Said one analyst of the plan, “…”`: a finite verb of saying that opens the sentence and introduces the quote
    with a comma or colon has its subject after it, as an inverted verb after a quote does (in a headline-like
    `Calls men names like “pigs”` the noun after the verb is its object)."""
    if after or not window or window[0].i != verb.i or window[-1].text not in (",", ":") or verb.tag_ not in ("VBD", "VBZ", "VBP"):
        return False
    return verb.lemma_.lower() in lexicon().speech_verbs


def is_infinitive(verb: Token) -> bool:
    """A to-infinitive right after a quote goes on with the quoted phrase (`a “unique ability” to buy a business`);
    an attribution after a quote has a finite verb or a participle."""
    return any(c.dep_ == "aux" and c.tag_ == "TO" for c in verb.children)


def reports_a_clause_of_its_own(verb: Token, window: list[Token]) -> bool:
    """The verb already has unquoted words as its content (`“How do I look?” His assistant said that he looked …`):
    the quote before it is not what it reports, and the sentence it opens is a new one."""
    unquoted = {t.i for t in window}
    # a "verb" inside a name the tagger found is no clause (`said Jurgen den Hartog`, "den" read as a verb)
    return any(
        c.dep_ == "ccomp" and c.i in unquoted and c.i > verb.i and not title_read_as_verb(verb, c) and c.ent_type_ not in ("PERSON", "ORG")
        for c in verb.children
    )


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
                if subject is not None and not names_someone(subject) and reports_with_a_speaker(window[i], quoted):
                    continue
                text = " ".join(t.text for t in window[i : i + len(phrase)])
                return Cue(text, text.lower(), subject, 9)
    return None


def reports_with_a_speaker(first: Token, quoted: list[bool]) -> bool:
    """The phrase hangs on a verb of saying with a subject of its own. Where the phrase names no one (`“…,” the
    former president said, according to a transcript`) it only tells where the reporter got the words, and the
    verb's subject said them; one naming someone (`According to Yahoo News, Lehrich said`) is the outer source."""
    verb = first.head
    if verb.i == first.i or verb.pos_ != "VERB" or verb.lemma_.lower() not in lexicon().speech_verbs:
        return False
    return bool(subjects_of(verb, quoted))


def noun_cue(window: list[Token], chain: list[Token]) -> Cue | None:
    """A noun of saying with a possessor ("Trump’s claim that “…”"): the possessor is the speaker; but not where
    the noun only sets the scene for a verb of saying (`In his closing remarks, Hale said:`), whose subject speaks."""
    nouns = lexicon().speech_nouns
    for token in window:
        if token.pos_ == "NOUN" and token.lower_ in nouns and not frames_a_verb_of_saying(token):
            owners = [c for c in token.children if c.dep_ == "poss"]
            if owners and (token in chain or not chain):
                return Cue(token.text, token.lemma_.lower(), owners[0], 5)
            author = author_before_colon(token, window)
            if author is not None:
                return Cue(token.text, token.lemma_.lower(), author, 5)
    return None


def author_before_colon(noun: Token, window: list[Token]) -> Token | None:
    """`the site rated this statement by Trump on June 11:`, `Here is the statement from the Roe campaign:`: words
    credited "by" or "from" someone, in the clause that introduces the quote with a colon, are that one's."""
    if not window or window[-1].text != ":" or any(t.i > noun.i and t.pos_ in ("VERB", "AUX") for t in window):
        return None
    words = lexicon()
    # the parser may hang the "by" on the verb, as a passive's agent (`Consider this statement by Roe:`)
    after = noun.doc[noun.i + 1] if noun.i + 1 < len(noun.doc) else None
    for prep in {*(c for c in noun.children if c.dep_ == "prep"), *([after] if after is not None else [])}:
        if prep.lower_ in ("by", "from"):
            for author in prep.children:
                if author.dep_ == "pobj" and (names_someone(author) or author.lemma_.lower() in words.group_nouns or author.lemma_.lower() in words.person_nouns):
                    return author
    return None


def frames_a_verb_of_saying(noun: Token) -> bool:
    """The noun is the object of a preposition on a verb of saying (`in his remarks … said`)."""
    prep = noun.head
    return noun.dep_ == "pobj" and prep.dep_ == "prep" and prep.head.pos_ == "VERB" and prep.head.lemma_.lower() in lexicon().speech_verbs


def verb_cues(window: list[Token], quote_tokens: set[int], chain: list[Token], after: bool, quoted: list[bool]) -> list[Cue]:
    """The reporting verbs in a window from the parse, best first: a verb of saying the quote hangs from scores
    highest; any verb the quote is the complement of, or that directly follows it, also qualifies."""
    ranked: list[tuple[tuple, Cue]] = []
    quote_start = min(quote_tokens, default=0)
    for token in window:
        if token.pos_ not in ("VERB", "AUX") or heads_a_noun_phrase(token):
            continue
        # a light verb with a noun of saying ranks below a verb of saying: in "Cole said the rally sends
        # a message that “…”" the words are Cole's
        speech = 3 if is_verb_of_saying(token) or words_it_as(token) else 2 if says_by_noun(token) else 0
        governs = token in chain and not in_clause_joined_to(token, quote_tokens)
        if (is_subordinate(token) and not governs) or (not speech and completes_with_own_subject(token)):
            continue
        parenthetical = hangs_from_quote(token, quote_tokens)
        adjacent = follows_quote_directly(token, window, after)
        introduces = introduces_with_colon(token, window, after) or (speech == 3 and introduces_with_comma(token, window, after))
        if not (speech or adjacent or governs or introduces):
            continue
        if speech and addressed_passively(token) and not any(a.lemma_.lower() in lexicon().speech_verbs for a in token.ancestors):
            # `a landlord had been told he could “…”`: the subject of a passive verb of addressing is the
            # listener; with no agent the teller goes unnamed, and no verb around says the words instead (but in `Reed
            # said the jury was told …` Reed reports them)
            ranked.append(ranked_cue(token, None, speech, governs or parenthetical, adjacent or introduces, quote_start))
            continue
        subject = object_quoted_as_saying(token, quoted) or (leading_subject(token, window) if adjacent else None)
        inverted = (adjacent and not has_quoted_subject(token, quote_tokens)) or opens_sentence_inverted(token, window, after)
        subject = subject or subject_of(token, quoted) or (inverted_subject(token, quoted) if inverted else None)
        if subject is None or names_with_the_quote(subject, token, quote_tokens) or says_how(token, subject, quote_tokens):
            continue
        if speech or token.lemma_ == "be":
            # words whose noun says or is the quote ("Mr Reed's verdict was", "his statement said"), not words that
            # merely do something ("His comments come in a documentary called 'X'")
            subject = owner_of_words(subject)
        if reports_a_thing_said(token, subject, window):
            continue
        if not (speech or adjacent or governs) and not names_someone(subject):
            continue  # `The rules are simple: “…”`: a clause about a thing introduces words nobody is said to speak
        if not (speech or adjacent or introduces) and token.lemma_ == "be" and chain[:1] == [token] and is_thing(subject):
            # `The proposals are “closely modelled” on …`: words standing as what a thing is say what it is, not who
            # says so; they are words all the same, whose speaker is the one speaking before
            subject = None
        if speech and subject.lower_ == "it" and subject.dep_ == "nsubjpass" and not any(c.dep_ == "agent" for c in token.children):
            # `their rides are “safe for every age”, it has been reported`: the "it" of a passive of saying names no one
            subject = None
        if not speech and subject is not None and subject.dep_ == "csubj" and not any(names_someone(t) for t in subject.subtree):
            # `what the sector wanted was clear guidance rather than the “endless rewriting” …`: a clause about no one is no
            # speaker; the words are the one's speaking before
            subject = None
        ranked.append(ranked_cue(token, subject, speech, governs or parenthetical, adjacent or introduces, quote_start))
    return [cue for _, cue in sorted(ranked, key=lambda pair: pair[0], reverse=True)]


def ranked_cue(token: Token, subject: Token | None, speech: int, holds: bool, beside: bool, quote_start: int) -> tuple[tuple, Cue]:
    """A verb's cue with the rank verb_cues orders cues by."""
    score = speech + 2 * holds + 2 * beside
    # of verbs not of saying that hold the quote, the outermost clause's subject is the one asserting it
    # (`the group is confident its plan would win a “large majority”`), not what an inner clause is about
    rank = (score, 0 if speech else -len(list(token.ancestors)), -abs(token.i - quote_start))
    return rank, Cue(token.text, token.lemma_.lower(), subject, score, token)


def addressed_passively(verb: Token) -> bool:
    """A passive verb of addressing with no agent ("had been told", "was urged"): its subject is the one spoken to."""
    children = list(verb.children)
    return (
        verb.lemma_.lower() in lexicon().addressing_verbs
        and any(c.dep_ == "auxpass" for c in children)
        and not any(c.dep_ == "agent" for c in children)
    )


def owner_of_words(subject: Token) -> Token:
    """`“…,” was Mr Reed's verdict`, `His response was: “…”`: a noun of saying with a possessor stands for the
    possessor's words, so the possessor speaks."""
    if subject.pos_ != "NOUN" or subject.lemma_.lower() not in lexicon().speech_nouns:
        return subject
    return next((c for c in subject.children if c.dep_ == "poss"), subject)


def is_verb_of_saying(verb: Token) -> bool:
    """A verb of saying, unless a particle makes it one of doing (`they could call in their loans “at any moment”`)."""
    words = lexicon()
    particles = {c.lower_ for c in verb.children if c.dep_ == "prt"}
    lemma = verb.lemma_.lower()
    return lemma in words.speech_verbs and not any((lemma, particle) in words.phrasal_not_of_saying for particle in particles)


def heads_a_noun_phrase(token: Token) -> bool:
    """A word the tagger took for a verb that has a possessor or a determiner is a noun (`misrepresenting" her
    remarks`, "remarks" tagged as the verb): it reports nothing."""
    return any(c.dep_ in ("poss", "det") and c.i < token.i for c in token.children)


def in_clause_joined_to(verb: Token, quote_tokens: set[int]) -> bool:
    """The quote hangs from the verb only through a clause joined to it with a subject of its own (`he was speaking
    about adults and his comments were “…”`): that clause says its own thing, which the verb does not report."""
    for i in quote_tokens:
        token = verb.doc[i]
        branch = None if token.is_punct else branch_below(verb, token)
        if branch is not None and branch.i != token.i and branch.dep_ == "conj" and any(c.dep_ in SUBJECT_DEPS for c in branch.children):
            return True
    return False


def branch_below(verb: Token, token: Token) -> Token | None:
    """The child of the verb through which the token hangs from it, if it does."""
    below = token
    for ancestor in token.ancestors:
        if ancestor.i == verb.i:
            return below
        below = ancestor
    return None


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


def says_nothing(noun: Token) -> bool:
    """A thing that is no text either (`Such targets`, not `A GAO report`, which finds and says things)."""
    return is_thing(noun) and noun.lemma_.lower() not in lexicon().document_nouns


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
    return name_ending_title_read_as_verb(verb, quoted) or name_right_after(verb, quoted)


def name_right_after(verb: Token, quoted: list[bool]) -> Token | None:
    """`“…,” said Jurgen den Hartog, one of the researchers`: a name the tagger found right after the inverted verb,
    however the parser took its words ("den" for a verb)."""
    doc = verb.doc
    after = doc[verb.i + 1] if verb.i + 1 < len(doc) else None
    if after is None or quoted[after.i] or after.pos_ != "PROPN" or after.ent_type_ not in ("PERSON", "ORG"):
        return None
    end = after.i
    while end + 1 < len(doc) and doc[end + 1].ent_iob_ == "I":
        end += 1
    return doc[end]  # a name's last word stands for it, as the head of a name does


def name_ending_title_read_as_verb(verb: Token, quoted: list[bool]) -> Token | None:
    """`“…,” said Tory shadow local government secretary Ann Lowe`: the name ending a speaker's title that the parser
    read as a clause (see title_read_as_verb) is the speaker."""
    for child in verb.rights:
        if title_read_as_verb(verb, child) and not quoted[child.right_edge.i]:
            return child.right_edge
    return None


def title_read_as_verb(verb: Token, child: Token) -> bool:
    """A bare verb right after an inverted verb of saying cannot open a clause it reports: it is a word of the
    speaker's title the parser took for a verb ("shadow"), when the phrase it heads runs on, with no punctuation,
    to a name."""
    if child.dep_ not in ("ccomp", "xcomp") or child.tag_ != "VB" or any(c.dep_ in ("aux", "mark") for c in child.children):
        return False
    words = list(child.subtree)
    return words[0].i == verb.i + 1 and not any(t.is_punct for t in words) and words[-1].pos_ == "PROPN"


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
    if is_incidental(best) and best.token is not None and best.subject is not None and (best.subject.pos_ == "PRON" or says_nothing(best.subject)):
        # `A spokesman said there were 40 members. They shared a belief in the “…”`: a sentence whose subject only
        # points back, or is a thing that says nothing (`Such targets threatened to cause conflicts “…”`), with no
        # verb of saying, goes on with the report before it, in the reporter's words
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
        token = verb.doc[i]
        branch = None if token.is_punct else branch_below(verb, token)
        if branch is not None:
            return branch.dep_ in CONTENT_DEPS
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
    the cuts were needed`, `Ross thanked them and the mayor said …`) or in a participle on it (`Snow put a brave face
    on the news, saying it was a sign of growth`), and a subject. One who "was asked" something answers in the quote
    (`Dr Fox was asked if he would back the plan. “…”`)."""
    if sentence.start_char < paragraph_start or any(ctx.quoted[t.i] for t in sentence):
        return None
    words = lexicon()
    root = sentence.root
    joined = [c for c in root.children if c.dep_ == "conj" and any(g.dep_ == "ccomp" for g in c.children)]
    participles = [c for c in root.children if c.dep_ == "advcl" and c.tag_ == "VBG"]
    verb = next((v for v in (root, *joined, *participles) if v.pos_ == "VERB" and v.lemma_.lower() in words.speech_verbs), None)
    if verb is None:
        return None
    asked = [c for c in verb.children if c.dep_ == "nsubjpass"] if words.dialogue_verbs.get(verb.lemma_.lower()) == "ask" else []
    subject = asked[0] if asked and not any(c.dep_ == "agent" for c in verb.children) else subject_of(verb, ctx.quoted)
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


def is_incidental(cue: Cue) -> bool:
    """The cue is only a verb not of saying that the quote hangs from, neither a word of saying nor right after the quote."""
    return cue.score < ADJACENT_NON_SPEECH_SCORE and cue.verb_lemma not in lexicon().speech_verbs
