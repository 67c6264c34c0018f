"""Clean entity spans from spaCy's raw ``doc.ents``.

The small English model's entities carry edges analysts do not count ("the United Nations",
"South Africa 's", "Austria 1996-12-07", "Defender Hassan Abbas"), run across paragraph
breaks, miss all-caps dateline places, and give one name different labels within a
document. Each function here fixes one of those on token-indexed ``Mention`` values;
``clean_mentions`` applies them in order.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from functools import lru_cache

from spacy.tokens import Doc, Token

from transforms.data_files import data_lines

# Labels analysts count as named entities; numbers and dates are not entities of the tables.
NAMED_LABELS = frozenset({"PERSON", "ORG", "GPE", "LOC", "FAC", "NORP", "EVENT", "PRODUCT", "WORK_OF_ART", "LAW", "LANGUAGE"})
POSSESSIVES = frozenset({"'s", "’s", "'", "’", "'S", "’S"})
CONNECTORS = frozenset({"of", "the", "and", "for", "de", "du", "des", "la", "le", "di", "del", "da", "von", "van", "der", "den", "&", "-", "'s", "’s", "'", "’"})


@dataclass(frozen=True, order=True)
class Mention:
    """An entity mention as token indices into the doc (``end`` exclusive); ``fixed`` when a
    rule, not the model, gave the label (a dateline place), so that no vote overrides it."""

    start: int
    end: int
    label: str
    fixed: bool = False


@lru_cache(maxsize=None)
def word_list(name: str) -> frozenset[str]:
    """A lowercase word list from transforms/data (comments and blank lines skipped)."""
    return frozenset(line.lower() for line in data_lines(name))


def titles() -> frozenset[str]:
    return word_list("entity_titles.txt")


def determiners() -> frozenset[str]:
    return word_list("entity_determiners.txt")


def corporate_suffixes() -> frozenset[str]:
    return word_list("corporate_suffixes.txt")


def name_particles() -> frozenset[str]:
    return word_list("name_particles.txt")


def boilerplate() -> frozenset[str]:
    return word_list("entity_boilerplate.txt")


def news_agencies() -> frozenset[str]:
    return word_list("news_agencies.txt")


def places() -> frozenset[str]:
    return word_list("places.txt")


def name_suffixes() -> frozenset[str]:
    return word_list("name_suffixes.txt")


@lru_cache(maxsize=None)
def first_name_genders() -> dict[str, str]:
    """Lowercase first name -> the gender it usually implies: 'm', 'f' or '-' (transforms/data/first_names.tsv)."""
    return dict(line.split("\t")[:2] for line in word_list("first_names.tsv"))


@lru_cache(maxsize=None)
def title_genders() -> dict[str, str]:
    """Lowercase title or honorific without its dot -> the gender it implies: 'm', 'f' or '-' (titles.tsv)."""
    return {title.rstrip("."): gender for title, gender in (line.split("\t")[:2] for line in word_list("titles.tsv"))}


def bare(token: Token) -> str:
    """Lowercase token text without a trailing dot ("Mr." -> "mr")."""
    return token.lower_.rstrip(".")


def is_title(token: Token) -> bool:
    return bare(token) in titles()


def has_upper(tokens) -> bool:
    return any(any(ch.isupper() for ch in t.text) for t in tokens)


def model_mentions(doc: Doc) -> list[Mention]:
    return [Mention(ent.start, ent.end, ent.label_) for ent in doc.ents if ent.label_ in NAMED_LABELS]


SEPARATORS = frozenset({"-", "–", "—", "/", "|", "•"})


def is_separator(doc: Doc, i: int) -> bool:
    """A dash or slash standing between spaces ends a name ("Tom Perez - A ...", "REUTERS / Jason Lee")."""
    return doc[i].text in SEPARATORS and bool(doc[i].whitespace_) and i > 0 and bool(doc[i - 1].whitespace_)


def split_at_breaks(doc: Doc, mentions: list[Mention]) -> list[Mention]:
    """A name never runs across a line break or a spaced separator: cut the span there."""
    out = []
    for m in mentions:
        start = m.start
        for i in range(m.start, m.end):
            if doc[i].is_space or is_separator(doc, i) or "\n" in doc[i].whitespace_:
                cut = i + 1 if "\n" in doc[i].whitespace_ and not doc[i].is_space else i
                if cut > start:
                    out.append(Mention(start, cut, m.label))
                start = i + 1
        if m.end > start:
            out.append(Mention(start, m.end, m.label))
    return out


def is_particle(token: Token) -> bool:
    return token.is_lower and token.lower_ in name_particles() and bool(token.whitespace_)


def extend_over_particles(doc: Doc, mentions: list[Mention]) -> list[Mention]:
    """A person's name goes on over lowercase particles: "Ursula" + "von der" + "Leyen"; and a
    surname keeps the particles before it ("von der Leyen", whatever the model labelled "Leyen")."""
    out: list[Mention] = []
    for m in mentions:
        if out and out[-1].end > m.start:
            continue  # swallowed by the name before it
        start, end = m.start, m.end
        while start > 0 and is_particle(doc[start - 1]) and (not out or out[-1].end < start):
            start -= 1
        # one particle before a place or a group is often its article ("al Qaeda"); two are a surname's
        if start < m.start and (m.label == "PERSON" or m.start - start >= 2):
            m = Mention(start, m.end, "PERSON")
        while m.label == "PERSON" and end < len(doc) and is_particle(doc[end]):
            end += 1
        if end > m.end and end < len(doc) and doc[end].is_title and doc[end].is_alpha:
            while end < len(doc) and doc[end].is_title and doc[end].is_alpha:
                end += 1
            m = Mention(m.start, end, m.label)
        out.append(m)
    return out


def glued_by_hyphen(doc: Doc, i: int) -> bool:
    """Token ``i`` follows a hyphen written with no space on either side of it ("Ki-moon", "London-listed")."""
    return i >= 2 and doc[i - 1].text == "-" and not doc[i - 2].whitespace_ and not doc[i - 1].whitespace_


def capitalised_word(token: Token) -> bool:
    return token.is_alpha and token.text[0].isupper()


def name_syllable(token: Token) -> bool:
    """A lowercase word glued by a hyphen to a capitalised one is the end of a name ("Ban Ki-moon",
    "Kim Jong-un", "Chen Shui-bian") when the tagger reads it as a proper noun, or as a noun that
    modifies no word after it. Otherwise the compound reads as an adjective ("Trump-backed",
    "Putin-friendly", "Bush-era tax cuts") or a phrase ("London-to-Boston route")."""
    doc = token.doc
    if not (token.is_lower and token.is_alpha and glued_by_hyphen(doc, token.i) and capitalised_word(doc[token.i - 2])):
        return False
    modifies_next = token.head.i > token.i and token.dep_ in ("amod", "compound", "nmod")
    return token.tag_ in ("NNP", "NNPS") or (token.tag_ in ("NN", "FW") and not modifies_next)


def glued_particle(doc: Doc, i: int) -> bool:
    """A lowercase name particle glued by a hyphen to the capitalised word after it ("al-Assad", "el-Sisi")."""
    return (
        doc[i].is_lower
        and doc[i].lower_ in name_particles()
        and i + 2 < len(doc)
        and glued_by_hyphen(doc, i + 2)
        and capitalised_word(doc[i + 2])
    )


def _drop_leading(doc: Doc, m: Mention, i: int) -> bool:
    token = doc[i]
    if token.is_space or (token.is_punct and token.text not in ("(",)) or any(ch.isdigit() for ch in token.text):
        return True
    if bare(token) in boilerplate():
        return True
    if bare(token) in determiners():
        # a capitalised "The" inside a sentence belongs to the name ("in The Hague")
        return not (token.text[0].isupper() and not token.is_sent_start and i > 0 and not doc[i - 1].is_punct)
    if token.is_lower and token.is_alpha:
        # "van Boxmeer": a particle opening a person's surname stays, and so does one glued to a name ("al-Qaeda")
        particle_of_surname = m.label == "PERSON" and token.lower_ in name_particles() and i + 1 < m.end and doc[i + 1].is_title
        return not (particle_of_surname or (i + 2 < m.end and glued_particle(doc, i)))
    return m.label == "PERSON" and is_title(token) and i + 1 < m.end


def _drop_trailing(doc: Doc, i: int, start: int) -> bool:
    token = doc[i]
    if token.text in POSSESSIVES or token.is_space or any(ch.isdigit() for ch in token.text) or bare(token) in boilerplate():
        return True
    if token.is_punct:
        # keep a closing bracket whose opening one is in the name: "Olympus (Europe)"
        return not (token.text == ")" and any(t.text == "(" for t in doc[start:i]))
    return token.is_lower and token.is_alpha and not (i - 2 >= start and name_syllable(token))


def trim_edges(doc: Doc, mentions: list[Mention]) -> list[Mention]:
    """Drop determiners, punctuation, numbers, possessives, lowercase words and (for people)
    job titles from the edges of each span; spans left without a capital letter, or left a
    lone pronoun ("He"), go."""
    out = []
    for m in mentions:
        start, end = m.start, m.end
        changed = True
        while changed and start < end:
            changed = False
            while start < end and _drop_leading(doc, Mention(start, end, m.label), start):
                start += 1
                changed = True
            while end > start and _drop_trailing(doc, end - 1, start):
                end -= 1
                changed = True
        if start < end and has_upper(doc[start:end]) and not (end - start == 1 and doc[start].pos_ == "PRON"):
            out.append(Mention(start, end, m.label))
    return out


MONTH = r"(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)[a-z]*\.?"
PLACE = r"[A-Z][A-Z'.]*(?:[ -][A-Z][A-Z'.]*)*\b"
AGENCY = r"\(\s*(?P<{}>[A-Z][A-Za-z]*(?: [A-Z][A-Za-z]*)*)\s*\)"
DATELINE = re.compile(
    rf"(?<![\w'.-])(?P<places>{PLACE}(?:\s*/\s*{PLACE})*)"
    r"(?:\s*,\s*[A-Z][\w.'-]*(?:\s+[A-Z.][\w.'-]*){0,3})?"
    r"(?:\s*,)?\s*"
    rf"(?:(?P<date>{MONTH}\s+\d{{1,2}}\b|(?P<iso>\d{{4}}-\d\d-\d\d)\b)\s*(?:{AGENCY.format('agency1')})?|{AGENCY.format('agency2')})"
)
AFTER_DATELINE = re.compile(r"\s*[-–—:]")


def line_starts(text: str, sentences: list[dict]) -> set[int]:
    """Character offsets where a paragraph or sentence begins."""
    starts = {row["start_char"] for row in sentences}
    starts.update(m.end() for m in re.finditer(r"\n\s*", text))
    starts.add(len(text) - len(text.lstrip()))
    return starts


def dateline_mentions(doc: Doc, sentences: list[dict]) -> list[Mention]:
    """The all-caps places of a wire dateline ("UNITED NATIONS, July 8 (APP):", "LONDON/BRUSSELS
    (Reuters) -", "LONDON 1996-12-06") are places, its agency an organisation. A dateline opens
    a line or a sentence; elsewhere (run on from a byline or a photo caption) it must read
    "PLACE (Agency) -" or carry a full date ("WARSAW 1996-12-06")."""
    text = doc.text  # built anew on each access
    starts = line_starts(text, sentences)
    found = []
    for match in DATELINE.finditer(text):
        agency = "agency1" if match.group("agency1") else "agency2"
        after_caption = match.group("iso") or (match.group(agency) and AFTER_DATELINE.match(text, match.end()))
        if match.start() not in starts and not after_caption:
            continue
        spans = [(p.start(), p.end(), "GPE") for p in re.finditer(PLACE, match.group("places"))]
        spans = [(match.start("places") + a, match.start("places") + b, label) for a, b, label in spans]
        if match.group(agency):
            spans.append((match.start(agency), match.end(agency), "ORG"))
        for start, end, label in spans:
            span = doc.char_span(start, end, alignment_mode="contract")
            if span is not None and len(span) and len(span.text.replace(".", "")) > 1:
                found.append(Mention(span.start, span.end, label, fixed=True))
    return found


def overlaps(a: Mention, b: Mention) -> bool:
    return a.start < b.end and b.start < a.end


def merge_preferring(preferred: list[Mention], others: list[Mention]) -> list[Mention]:
    """All of ``preferred`` plus the ``others`` that overlap none of them, in document order."""
    kept = [m for m in others if not any(overlaps(m, p) for p in preferred)]
    return sorted(set(preferred) | set(kept))


def titled_person(doc: Doc, m: Mention) -> bool:
    """A name right after a personal title ("Mr Havel", "President Clinton") is a person's."""
    return m.start > 0 and is_title(doc[m.start - 1]) and doc[m.start - 1].text[0].isupper()


def in_compound_word(doc: Doc, m: Mention) -> bool:
    """A name glued by a hyphen to a lowercase word is part of an adjective or prefix word
    ("London-listed", "Ferrari-powered", "pro-Trump", "post-Brexit"), not a mention of it; a name's own
    hyphenated parts ("al-Assad", "Moon Jae-in") are no such word."""
    glued_before = glued_by_hyphen(doc, m.start) and doc[m.start - 2].is_lower and not glued_particle(doc, m.start - 2)
    glued_after = m.end + 1 < len(doc) and glued_by_hyphen(doc, m.end + 1) and doc[m.end + 1].is_lower and not name_syllable(doc[m.end + 1])
    return glued_before or glued_after


def extend_over_hyphenated_parts(doc: Doc, mentions: list[Mention]) -> list[Mention]:
    """A name takes in the parts the model left outside it across a hyphen: the particle before
    it ("al-" of "al-Assad"), and the lowercase syllable after it ("-in" of "Moon Jae-in") with the
    rest of that hyphenated word ("Chick-fil-A")."""
    taken = {i for m in mentions for i in range(m.start, m.end)}
    out = []
    for m in mentions:
        start, end = m.start, m.end
        if start >= 2 and glued_particle(doc, start - 2) and not taken & {start - 2, start - 1}:
            start -= 2
        if end + 1 < len(doc) and name_syllable(doc[end + 1]) and not taken & {end, end + 1}:
            end += 2
            while end + 1 < len(doc) and glued_by_hyphen(doc, end + 1) and doc[end + 1].is_alpha and not taken & {end, end + 1}:
                end += 2
        out.append(replace(m, start=start, end=end))
    return out


def agency_mentions(doc: Doc) -> list[Mention]:
    """News agencies named anywhere, capitalised ("via REUTERS", "Xinhua said", not "the App")."""
    return [
        Mention(t.i, t.i + 1, "ORG") for t in doc if t.lower_ in news_agencies() and (t.is_upper or (t.is_title and len(t) > 3))
    ]


def title_led_person(doc: Doc, m: Mention) -> bool:
    """ "General Antoine Lahd", "Mr Hague": capitalised titles, then a name of two words or more (one after an
    honorific), none of them an organisation's ("General Motors Corp" stays a company)."""
    i = m.start
    while i < m.end and is_title(doc[i]) and doc[i].text[0].isupper():
        i += 1
    rest = doc[i : m.end]
    # an honorific that says who ("Mr", "Mrs") needs no given name after it: "Mr Hague"
    honorific = title_genders().get(bare(doc[m.start]), "-") != "-"
    enough = len(rest) >= (1 if honorific else 2)
    return i > m.start and enough and all(t.is_title and t.is_alpha and bare(t) not in corporate_suffixes() for t in rest)


def corporate(doc: Doc, m: Mention) -> bool:
    return m.end - m.start > 1 and bare(doc[m.end - 1]) in corporate_suffixes()


def absorbed_word(doc: Doc, m: Mention, forms: set[str]) -> bool:
    """The first word of a person's name is a neighbour the model took in ("Crooked Hillary Clinton",
    "Rip Donald Trump", "Miss Universe Alicia Machado"): a word that is no first name itself, before
    a first name, or before a name of two words or more the document writes without it. After an
    abbreviated title ("Gov. Earl Ray Tomblin") the name starts right there: the word is its first name."""
    if m.label != "PERSON" or word_count(doc, m) < 3 or bare(doc[m.start]) in first_name_genders() or not doc[m.start].whitespace_:
        return False  # a first word written on into the next ("Jean-Claude") is not cut in two
    if m.start > 0 and is_title(doc[m.start - 1]) and doc[m.start - 1].text.endswith("."):
        return False
    rest = doc[m.start + 1 : m.end]
    return bare(rest[0]) in first_name_genders() or rest.text in forms


def word_count(doc: Doc, m: Mention) -> int:
    """Words as written, a hyphenated one ("Ki-moon") counting once."""
    return len(doc[m.start : m.end].text.split())


def drop_absorbed_words(doc: Doc, mentions: list[Mention]) -> list[Mention]:
    forms = {doc[m.start : m.end].text for m in mentions if m.label == "PERSON" and word_count(doc, m) >= 2}
    return [replace(m, start=m.start + 1) if absorbed_word(doc, m, forms) else m for m in mentions]


def name_word(token: Token) -> bool:
    """A capitalised word or an initial ("C.") that can stand in a person's name, no title."""
    initial = len(token.text) == 2 and token.text[0].isupper() and token.text[1] == "."
    return (capitalised_word(token) or initial) and not is_title(token) and "\n" not in token.whitespace_


def nicknamed_people(doc: Doc, mentions: list[Mention]) -> list[Mention]:
    """A name with a nickname in quote marks inside it (`Robert C. "Bobby" Scott`) is one person's, however the
    marks cut the tagger's span."""
    people = []
    for i in range(1, len(doc) - 3):
        opens, nickname, closes, after = doc[i], doc[i + 1], doc[i + 2], doc[i + 3]
        if not (opens.is_quote and closes.is_quote and capitalised_word(nickname)):
            continue
        if not (name_word(doc[i - 1]) and capitalised_word(after) and not is_title(after)):
            continue
        start, end = i - 1, i + 4
        while start > 0 and name_word(doc[start - 1]):
            start -= 1
        while end < len(doc) and capitalised_word(doc[end]) and "\n" not in doc[end - 1].whitespace_:
            end += 1
        person = Mention(start, end, "PERSON")
        tagged = any(m.label == "PERSON" and overlaps(m, person) for m in mentions)
        if tagged or doc[start].lower_ in first_name_genders():
            people.append(person)
    return people


def clean_mentions(doc: Doc, sentences: list[dict]) -> list[Mention]:
    """spaCy's entities with clean edges, dateline places added, in document order."""
    mentions = split_at_breaks(doc, model_mentions(doc))
    mentions = [replace(m, label="PERSON") if m.label != "PERSON" and title_led_person(doc, m) else m for m in mentions]
    mentions = drop_absorbed_words(doc, extend_over_particles(doc, extend_over_hyphenated_parts(doc, trim_edges(doc, mentions))))
    # a title alone names no one ("A UK Independence Party MEP": the tagger's "MEP")
    mentions = [m for m in mentions if not in_compound_word(doc, m) and not all(is_title(t) for t in doc[m.start : m.end])]
    mentions = [replace(m, label="ORG") if corporate(doc, m) else m for m in mentions]
    mentions = [replace(m, label="PERSON") if titled_person(doc, m) and m.label in ("ORG", "GPE", "NORP", "LOC") else m for m in mentions]
    agencies = agency_mentions(doc)
    # the model's own span wins ("Michael Bloomberg"), but an agency it names alone is an organisation
    mentions = [replace(m, label="ORG") if Mention(m.start, m.end, "ORG") in agencies else m for m in mentions]
    mentions = merge_preferring(mentions, agencies)
    mentions = merge_preferring(nicknamed_people(doc, mentions), mentions)
    return merge_preferring(dateline_mentions(doc, sentences), mentions)
