"""Quote rows: direct quotations with their speakers, from a parsed document.

Quotes are found from quote marks (transforms.quotes_marks), then attributed from the
dependency parse: the reporting verb is a verb next to the quote that either is a verb of
saying (seed list in transforms/data/speech_verbs.txt) or takes the quote as its complement,
and the speaker is that verb's subject. Pronoun speakers are resolved to the nearest earlier
person of a consistent gender; a quote with no attribution of its own continues the speaker
of the quote just before it.

This module runs those steps over a document; each lives in its own module: quotes_cues (the reporting
words), quotes_speakers (who they name), quotes_filters (which quoted spans are speech) and
quotes_context (what they share about the document).
"""

from __future__ import annotations

import itertools

from dataclasses import replace

from spacy.tokens import Doc, Span

from transforms.quotes_context import NO_SPEAKER, QuoteContext, Speaker, tokens_between
from transforms.quotes_cues import find_cue
from transforms.quotes_filters import continues_previous, is_speech
from transforms.quotes_lexicon import lexicon
from transforms.quotes_marks import QuoteSpan, quote_spans
from transforms.quotes_speakers import labelled_turn_speaker, signed_speaker, speaker_of, transcript_speaker
from transforms.sentences import sentence_locator


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
    or "you" (a speaker's own "Time will tell" is no report), and no first- or second-person word is in it: `Last
    week Tom Reed even called me a liar` is the speaker telling of what was said to him."""
    root = sentence.root
    subjects = [c for c in root.children if c.dep_ in ("nsubj", "nsubjpass")]
    narrated = root.tag_ == "VBD" and root.lemma_.lower() in lexicon().speech_verbs
    # up to the next quote mark: the report may introduce words of its own (`Ann Cole said: "We …"`)
    unquoted = itertools.takewhile(lambda t: not t.is_quote, sentence)
    own_voice = any(t.lower_ in lexicon().speaker_pronouns for t in unquoted)
    return narrated and not own_voice and any(s.lower_ not in lexicon().speaker_pronouns for s in subjects)


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
