"""Entity mention and entity rows from a parsed document.

Mentions are spaCy's entities with clean edges (``transforms.entities_spans``), grouped into
the entities of the document: the same name in any case, a surname or the tail of a
person's full name ("Khare" -> "Atul Khare"), an acronym and its expansion ("NATO" ->
"North Atlantic Treaty Organization"), a company's first word ("Barrick" -> "Barrick Gold
Corp"). Every mention of an entity carries the entity's label, so a name counts once and
the same way throughout the document; later bare mentions of a known name that the model
missed are added.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field

from spacy.tokens import Doc

from transforms.entities_spans import (
    CONNECTORS,
    bare,
    Mention,
    clean_mentions,
    corporate_suffixes,
    first_name_genders,
    in_compound_word,
    is_title,
    name_particles,
    name_suffixes,
    places,
    title_genders,
)
from transforms.sentences import sentence_locator


@dataclass
class Cluster:
    """The mentions of one entity, and the words they are written with."""

    mentions: list[Mention] = field(default_factory=list)
    words: list[tuple[str, ...]] = field(default_factory=list)
    # mentions the model found (not added by name search): only these vote on the label
    voters: list[Mention] = field(default_factory=list)

    @property
    def first(self) -> int:
        return min(m.start for m in self.mentions)

    @property
    def name_words(self) -> tuple[str, ...]:
        return max(self.words, key=lambda w: (len(w), sum(len(x) for x in w), not all(x.isupper() for x in w)))


def words_of(doc: Doc, m: Mention) -> tuple[str, ...]:
    return tuple(t.text for t in doc[m.start : m.end])


def folded(words: tuple[str, ...]) -> tuple[str, ...]:
    return tuple(w.casefold() for w in words)


def initials(words: tuple[str, ...]) -> str:
    return "".join(w[0] for w in words if w[:1].isupper() and w.lower() not in CONNECTORS)


def acronym_letters(words: tuple[str, ...]) -> str | None:
    """The letters of an acronym ("NATO", "U.N." -> "UN"); None when the words are not one."""
    if len(words) != 1:
        return None
    letters = words[0].replace(".", "")
    return letters if len(letters) >= 2 and letters.isalpha() and letters.isupper() else None


PLACE_LABELS = frozenset({"GPE", "LOC", "FAC"})


def same_kind(a: str, b: str) -> bool:
    return a == b or (a in PLACE_LABELS and b in PLACE_LABELS)


def surname_of(name: tuple[str, ...]) -> tuple[str, ...]:
    """The words a person is called by alone: the last name with its particles ("van Boxmeer"),
    before a generational suffix ("John Mills Jr" -> "Mills")."""
    end = len(name)
    while end > 1 and name[end - 1].lower().rstrip(".") in name_suffixes():
        end -= 1
    start = end - 1
    while start > 2 and name[start - 1] in ("-", "'", "’"):
        start -= 2  # "Akufo-Addo" is three tokens
    while start > 1 and name[start - 1].lower() in name_particles():
        start -= 1
    return name[start:end]


def paternal_surname(name: tuple[str, ...]) -> tuple[str, ...] | None:
    """The first of two surnames after a given name, which Spanish and Portuguese names are called
    by alone ("Lechin" for "Juan Lechin Oquendo"); a middle given name ("Earl Ray Tomblin") is not one."""
    if len(name) != 3 or name[0].lower() not in first_name_genders() or name[1].lower() in first_name_genders():
        return None
    if not name[1][:1].isupper() or not name[1].isalpha() or name[2].lower().rstrip(".") in name_suffixes():
        return None
    return name[1:2]


# labels the model gives people's names it does not know ("Lester Holt" ORG, "Sundar Katwala" FAC)
MISTAKEN_PERSON_LABELS = frozenset({"ORG", "FAC", "GPE", "NORP", "PRODUCT"})


def reads_as_person(name: tuple[str, ...], label: str) -> bool:
    """A person's name: one the model labelled so, or a name it took for something else that opens with a given name
    and has a surname after it ("Lester Holt", "Kellyanne Conway"), which later mentions call by the surname too."""
    if label == "PERSON":
        return True
    if label not in MISTAKEN_PERSON_LABELS or len(name) not in (2, 3) or not all(w[:1].isupper() and w.replace(".", "").isalpha() for w in name):
        return False
    return name_gender(name) != "-" and name[-1].lower().rstrip(".") not in corporate_suffixes()


def names_same_entity(words: tuple[str, ...], name: tuple[str, ...], name_label: str) -> bool:
    """Can a mention written ``words`` refer to the entity whose fullest form is ``name``?"""
    if folded(words) == folded(name):
        return True
    if len(words) >= len(name):
        return False
    if reads_as_person(name, name_label) and words[0][:1].isupper() and words in (name[-len(words) :], surname_of(name)[-len(words) :]):
        return True
    if name_label == "PERSON" and len(words) == 1 and words == paternal_surname(name):
        return True
    letters = acronym_letters(words)
    if letters and len(name) > 1 and letters == initials(name):
        return True
    # "Barrick" or "Bre-X" for "Barrick Gold Corp", "Bre-X Minerals Ltd"
    return name_label == "ORG" and words == name[: len(words)] and name[-1].lower().rstrip(".") in corporate_suffixes()


def cluster_label(doc: Doc, cluster: Cluster) -> str:
    """The label the model gives the fullest form most often (a surname or an acronym follows
    its full name); all the mentions' labels when the fullest form has no vote."""
    fixed = [m.label for m in cluster.voters if m.fixed]
    if fixed:
        return fixed[0]
    name = folded(cluster.name_words)
    votes = Counter(m.label for m in cluster.voters if folded(words_of(doc, m)) == name)
    if not votes:
        votes = Counter(m.label for m in cluster.voters)
    best = max(votes.values())
    label = next(m.label for m in cluster.voters if votes[m.label] == best)
    if label != "PERSON" and reads_as_person(cluster.name_words, label) and any(m.label == "PERSON" for m in cluster.voters):
        # "Marcello Cuttitta" taken for an organisation but "Cuttitta" alone for a person: a given name and a
        # surname the model (or an honorific: "Mr Cable") also calls a person make a person
        return "PERSON"
    return label


def entity_label(doc: Doc, cluster: Cluster) -> str:
    """The cluster's label, except that a country, capital or continent named as such is a place."""
    label = cluster_label(doc, cluster)
    if label not in PLACE_LABELS and doc_text_of(doc, cluster).casefold() in places():
        return "GPE"
    return label


def nearest(clusters: list[Cluster], position: int) -> Cluster:
    """Of the entities mentioned before ``position``, the one mentioned most so far, then the latest; else the
    first one named after it. A surname two people share names the one the story is about: after "Ted Cruz"
    throughout and "his wife, Heidi Cruz" once, "Cruz said" is still Ted."""
    latest = {id(c): max((m.start for m in c.mentions if m.start <= position), default=-1) for c in clusters}
    count = {id(c): sum(1 for m in c.mentions if m.start <= position) for c in clusters}
    before = [c for c in clusters if latest[id(c)] >= 0]
    return max(before, key=lambda c: (count[id(c)], latest[id(c)])) if before else min(clusters, key=lambda c: c.first)


def name_gender(name: tuple[str, ...]) -> str:
    """'m', 'f' or '-' from the given name opening a person's full name."""
    return first_name_genders().get(name[0].lower(), "-") if len(name) > 1 else "-"


def agreeing(doc: Doc, start: int, clusters: list[Cluster]) -> list[Cluster]:
    """Of the entities a name at ``start`` can refer to, those the honorific before it allows: after "Melania Trump"
    and "Donald Trump", "Mrs. Trump" is Melania however often Donald is named."""
    gender = title_genders().get(bare(doc[start - 1]), "-") if start > 0 else "-"
    return clusters if gender == "-" else [c for c in clusters if name_gender(c.name_words) in (gender, "-")]


def titled_before_its_full_name(doc: Doc, m: Mention, cluster: Cluster) -> bool:
    """`President Obama spoke. … First lady Michelle Obama …`: a surname under an office title, written before any
    fuller name of the entity, is someone the story already knows by title and surname, not the one it names in full
    only later (honorifics, which tell a gender, are left to ``agreeing``)."""
    if m.end - m.start != 1 or m.start == 0:
        return False
    title = doc[m.start - 1]
    if title.text == "." and m.start > 1 and not doc[m.start - 2].whitespace_:
        title = doc[m.start - 2]  # the tokenizer split the abbreviation's full stop off ("Sen" ".")
    if title_genders().get(bare(title)) != "-":
        return False
    full = [x.start for x in cluster.mentions if x.end - x.start > 1]
    return bool(full) and min(full) > m.start


def joins(m: Mention, words: tuple[str, ...], cluster: Cluster, label: str) -> bool:
    """A rule-labelled entity (a dateline place) only takes the same name with a label of its kind:
    the dateline "UNITED NATIONS" is a place, the "United Nations" of the text an organisation."""
    if m.fixed or any(v.fixed for v in cluster.voters):
        return same_kind(m.label, label) and any(folded(words) == folded(w) for w in cluster.words)
    return names_same_entity(words, cluster.name_words, label)


def given_name_owner(m: Mention, words: tuple[str, ...], clusters: list[Cluster], labels: dict[int, str]) -> list[Cluster]:
    """The one person whose full name opens with a given name written alone ("Hillary" after "Hillary Clinton"):
    stories call people by their first names too. Two people of that given name leave it to itself."""
    if m.label != "PERSON" or len(words) != 1 or words[0].lower() not in first_name_genders():
        return []
    owners = [c for c in clusters if labels[id(c)] == "PERSON" and len(c.name_words) > 1 and c.name_words[0] == words[0]]
    return owners if len(owners) == 1 else []


def group_mentions(doc: Doc, mentions: list[Mention]) -> list[Cluster]:
    """Fullest forms first, so that a surname or an acronym finds its full name wherever it is."""
    clusters: list[Cluster] = []
    labels: dict[int, str] = {}
    for m in sorted(mentions, key=lambda m: (-(m.end - m.start), m.start)):
        words = words_of(doc, m)
        matching = [c for c in clusters if joins(m, words, c, labels[id(c)])] or given_name_owner(m, words, clusters, labels)
        matching = [c for c in agreeing(doc, m.start, matching) if not titled_before_its_full_name(doc, m, c)]
        cluster = nearest(matching, m.start) if matching else Cluster()
        if not matching:
            clusters.append(cluster)
        cluster.mentions.append(m)
        cluster.voters.append(m)
        if words not in cluster.words:
            cluster.words.append(words)
        labels[id(cluster)] = cluster_label(doc, cluster)
    return clusters


def searchable_forms(cluster: Cluster, label: str) -> set[tuple[str, ...]]:
    """The forms a later bare mention of the entity can take: its forms, and a person's surname."""
    forms = set(cluster.words)
    name = cluster.name_words
    if reads_as_person(name, label) and len(name) > 1:
        forms.add(surname_of(name))
    return {f for f in forms if not (len(f) == 1 and (f[0].lower() in CONNECTORS or f[0].lower().rstrip(".") in corporate_suffixes()))}


def free_standing(doc: Doc, start: int, end: int) -> bool:
    """Not a piece of a longer capitalised name (a title before it is fine: "Mr Havel"); in an
    all-caps line the capitals around a name say nothing ("HAVEL WINS VOTE")."""
    all_caps = all(t.is_upper for t in doc[start:end])

    def continues_name(token) -> bool:
        return token.is_alpha and (token.is_title or (token.is_upper and not all_caps))

    before = doc[start - 1] if start > 0 else None
    after = doc[end] if end < len(doc) else None
    if before is not None and continues_name(before) and not is_title(before) and not before.is_sent_start:
        return False
    return not (after is not None and continues_name(after))


def matches_form(texts: list[str], start: int, form: tuple[str, ...]) -> bool:
    written = tuple(texts[start : start + len(form)])
    if written == form:
        return True
    # all-caps headlines and datelines write known names in capitals: "HAVEL" for "Havel"
    return len(written) == len(form) and all(w.isupper() and w.isalpha() for w in written) and folded(written) == folded(form)


def add_unlabelled_mentions(doc: Doc, clusters: list[Cluster], labels: list[str]) -> None:
    """Occurrences of a known name that the model left out become mentions of its entity."""
    taken = [False] * len(doc)
    for cluster in clusters:
        for m in cluster.mentions:
            taken[m.start : m.end] = [True] * (m.end - m.start)
    by_form: dict[tuple[str, ...], list[Cluster]] = {}
    for cluster, label in zip(clusters, labels):
        for form in searchable_forms(cluster, label):
            by_form.setdefault(folded(form), []).append(cluster)
    lengths = sorted({len(f) for f in by_form}, reverse=True)
    texts = [t.text for t in doc]
    keys = [w.casefold() for w in texts]
    i = 0
    while i < len(doc):
        for n in lengths:
            key = tuple(keys[i : i + n])
            if key not in by_form or any(taken[i : i + n]) or not free_standing(doc, i, i + n) or in_compound_word(doc, Mention(i, i + n, "")):
                continue
            candidates = [c for c in by_form[key] if any(matches_form(texts, i, f) for f in c.words + [surname_of(c.name_words)])]
            candidates = agreeing(doc, i, candidates)
            if not candidates:
                continue
            nearest(candidates, i).mentions.append(Mention(i, i + n, ""))
            taken[i : i + n] = [True] * n
            i += n - 1
            break
        i += 1


def entity_rows(doc: Doc, sentences: list[dict]) -> tuple[list[dict], list[dict]]:
    """Rows of entity_mentions and entities (without doc_id and partition columns)."""
    clusters = group_mentions(doc, clean_mentions(doc, sentences))
    labels = [entity_label(doc, c) for c in clusters]
    add_unlabelled_mentions(doc, clusters, labels)
    order = sorted(range(len(clusters)), key=lambda k: clusters[k].first)
    sentence_id_at = sentence_locator(sentences)
    placed = sorted((m.start, m.end, k) for k in order for m in clusters[k].mentions)
    entity_ids = {k: f"e{n}" for n, k in enumerate(order)}
    mentions = []
    for start, end, k in placed:
        span = doc[start:end]
        mentions.append(
            {
                "mention_id": len(mentions),
                "sentence_id": sentence_id_at(span.start_char),
                "start_char": span.start_char,
                "end_char": span.end_char,
                "text": span.text,
                "label": labels[k],
                "entity_id": entity_ids[k],
            }
        )
    entities = []
    for k in order:
        texts = [m["text"] for m in mentions if m["entity_id"] == entity_ids[k]]
        name = doc_text_of(doc, clusters[k])
        entities.append(
            {
                "entity_id": entity_ids[k],
                "name": name,
                "label": labels[k],
                "n_mentions": len(texts),
                "first_char": doc[clusters[k].first].idx,
                "aliases": sorted(set(texts) - {name}, key=texts.index),
            }
        )
    return mentions, entities


def doc_text_of(doc: Doc, cluster: Cluster) -> str:
    """The fullest form as the document writes it (the first mention written that way)."""
    name = cluster.name_words
    m = min((m for m in cluster.mentions if words_of(doc, m) == name), key=lambda m: m.start)
    return re.sub(r"\s+", " ", doc[m.start : m.end].text)
