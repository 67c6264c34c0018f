"""The word lists quote attribution relies on, read from the packaged data files."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

from transforms.data_files import data_lines
from transforms.entities_spans import first_name_genders


def _table(name: str) -> dict[str, tuple[str, ...]]:
    return {fields[0]: tuple(fields[1:]) for fields in (line.split("\t") for line in data_lines(name))}


@dataclass(frozen=True)
class Lexicon:
    speech_verbs: frozenset[str]
    speech_nouns: frozenset[str]
    speaker_pronouns: frozenset[str]  # lower-cased first- and second-person pronouns
    showing_verbs: frozenset[str]  # verbs whose object does what a participle after it says ("shows Smith telling")
    appearing_verbs: frozenset[str]  # verbs besides those of saying that one does "on" a programme ("appearing on")
    addressing_verbs: frozenset[str]  # verbs of saying whose object is the listener ("asked the crowd")
    work_cues: frozenset[str]
    term_cues: tuple[str, ...]  # lower-cased words that hold up the quote after them as a term
    speech_phrases: tuple[tuple[str, ...], ...]  # lower-cased words of each multi-word cue
    pronouns: dict[str, tuple[str, str]]  # pronoun -> (gender, number)
    titles: dict[str, str]  # lower-cased title -> gender it implies ('m', 'f' or '-')
    first_names: dict[str, str]  # lower-cased first name -> 'm', 'f' or '-' (either)
    person_nouns: dict[str, str]  # lemma of a noun naming a person by role -> gender it implies
    group_nouns: frozenset[str]  # lemmas of nouns naming a body of people that speaks as one
    document_nouns: frozenset[str]  # lemmas of nouns naming a text that says things of its own ("the memo")
    offices: dict[str, str]  # lower-cased word of a title or of a description -> the office it names
    dialogue_verbs: dict[str, str]  # lemma of a verb of asking or replying -> 'ask' or 'reply'


@cache
def lexicon() -> Lexicon:
    """The lexicon, read once per process (the files are part of the package and never change at run time)."""
    pronouns = _table("pronouns.tsv")
    return Lexicon(
        speech_verbs=frozenset(data_lines("speech_verbs.txt")),
        speech_nouns=frozenset(data_lines("speech_nouns.txt")),
        speaker_pronouns=frozenset(line.lower() for line in data_lines("speaker_pronouns.txt")),
        showing_verbs=frozenset(data_lines("showing_verbs.txt")),
        appearing_verbs=frozenset(data_lines("appearing_verbs.txt")),
        addressing_verbs=frozenset(data_lines("addressing_verbs.txt")),
        work_cues=frozenset(data_lines("work_cues.txt")),
        term_cues=tuple(line.lower() for line in data_lines("term_cues.txt")),
        speech_phrases=tuple(tuple(line.lower().split()) for line in data_lines("speech_phrases.txt")),
        pronouns={word: (fields[0], fields[1]) for word, fields in pronouns.items()},
        titles={word: fields[0] for word, fields in _table("titles.tsv").items()},
        first_names=first_name_genders(),
        person_nouns={word: fields[0] for word, fields in _table("person_nouns.tsv").items()},
        group_nouns=frozenset(data_lines("group_nouns.txt")),
        document_nouns=frozenset(data_lines("document_nouns.txt")),
        offices={word: fields[0] for word, fields in _table("offices.tsv").items()},
        dialogue_verbs={word: fields[0] for word, fields in _table("dialogue_verbs.tsv").items()},
    )
