"""Which quoted spans are quotes: is_speech turns away titles, nicknames, headlines, coined terms and markup,
and continues_previous says when a quote with no attribution of its own carries on the speaker before it.
"""

from __future__ import annotations

import re

from spacy.tokens import Token

from transforms.quotes_context import Cue, QuoteContext, Speaker, marked_bounds
from transforms.quotes_cues import SENTENCE_END, ends_a_sentence, is_incidental
from transforms.quotes_lexicon import lexicon
from transforms.quotes_marks import QuoteSpan
from transforms.quotes_speakers import is_main_subject

# Quotes this short with no attribution are scare quotes, titles or nicknames, not speech.
MIN_UNATTRIBUTED_WORDS = 5
MAX_TITLE_WORDS = 6
MAX_HEADLINE_WORDS = 25
# Where a quote stands as what is said of someone (`called him “reckless”`), not as a name.
PREDICATE_DEPS = ("oprd", "acomp", "attr")
FUNCTION_WORDS = frozenset("a an the of in on at by for to from with and or but as is it its vs".split())


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


def quote_roots(ctx: QuoteContext, quote_tokens: set[int]) -> list[Token]:
    """The quoted words, but punctuation, that hang from a word outside the quote."""
    return [ctx.doc[i] for i in sorted(quote_tokens) if not ctx.doc[i].is_punct and ctx.doc[i].head.i not in quote_tokens]


def names_a_thing(ctx: QuoteContext, quote_tokens: set[int]) -> bool:
    """The quoted words are the name a participle after a noun gives it (`a coin called the “Britannia”`, `the bill,
    known as the “…”`): what a thing is called, not what anyone said (`a plan called “a disaster” by critics` says
    who called it so)."""
    roots = quote_roots(ctx, quote_tokens)
    if len(roots) != 1:
        return False
    head = roots[0].head
    if roots[0].dep_ == "pobj" and head.lower_ == "as":
        head = head.head
    # the tagger may take the participle for a past tense ("called" VBD) where it hangs on the noun all the same
    participle = head.tag_ in ("VBN", "VBD") and head.dep_ == "acl" and head.lemma_.lower() in lexicon().naming_verbs
    return roots[0].dep_ in ("oprd", "attr", "dobj", "pobj") and participle and not any(c.dep_ == "agent" for c in head.children)


def modifies_the_next_noun(ctx: QuoteContext, quote_tokens: set[int]) -> bool:
    """The quoted words are a modifier of the noun after them (the 'chip' technology, the 'card-only' fraud)."""
    roots = quote_roots(ctx, quote_tokens)
    if len(roots) != 1:
        return False
    root = roots[0]
    return root.dep_ in ("amod", "nmod", "compound", "poss") and root.head.i > max(quote_tokens) and root.head.pos_ in ("NOUN", "PROPN")


def is_title_case(text: str) -> bool:
    """Every word capitalised except short function words: a name, a title or a headline."""
    # a word may start with a digit ("13th", "1994"): numbers are neither capitalised nor lower case
    words = re.findall(r"[^\W_][\w’'-]*", text)
    return bool(words) and all(not w[0].islower() or w.lower() in FUNCTION_WORDS for w in words) and not words[0][0].islower()


def reported_by_saying(cue: Cue | None) -> bool:
    """The cue is a word or phrase of saying, not some other verb the quote stands next to or hangs from."""
    return cue is not None and (cue.token is None or cue.verb_lemma in lexicon().speech_verbs)


def is_proper_name(ctx: QuoteContext, text: str, quote_tokens: set[int]) -> bool:
    """Two to six words, all capitalised but short function words, with no verb among them and no sentence ending
    inside: a name, not a sentence (`“The Donald. Big Daddy.”` are two)."""
    if not 2 <= word_count(text) <= MAX_TITLE_WORDS or not is_title_case(text) or any(mark in text.rstrip(".!?,;: ") for mark in SENTENCE_END):
        return False
    return not any(ctx.doc[i].pos_ in ("VERB", "AUX") for i in quote_tokens)


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
    if is_named_work(ctx, span, text) or is_nickname(ctx, span, text) or names_a_thing(ctx, quote_tokens):
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
    if not reported_by_saying(cue) and is_proper_name(ctx, text, quote_tokens):
        # `introduced the “War On Drugs,” which …`, `On “Face the Nation,” Sanders …`: a name in marks that no word
        # of saying reports names a programme, a law or an event; it quotes no one
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
    span = ctx.mention_span(mention)
    return span is not None and is_main_subject(span.root)


def inside(mention: dict, speaker: Speaker) -> bool:
    return speaker.start is not None and speaker.start <= mention["start_char"] and mention["end_char"] <= speaker.end
