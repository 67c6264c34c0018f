"""The benchmark inputs: the first N articles of a shared corpus, unpacked into a scratch folder.

The corpora stay outside the repository (../shared/corpora); nothing here is kept after a run.
"""

from __future__ import annotations

import json
import tarfile
from pathlib import Path

from flows.inputs import read_inputs
from transforms.clean import clean_record
from transforms.records import CleaningError, Quarantined

REPO = Path(__file__).resolve().parent.parent
CORPORA = REPO.parent / "shared" / "corpora"
ARCHIVES = {"bbc": "bbc-news-2225/bbc-fulltext.tar.gz", "reuters": "reuters-21578/reuters21578.tar.gz"}
REUTERS_END = b"</REUTERS>"


def archive(corpus: str, corpora: Path = CORPORA) -> Path:
    path = corpora / ARCHIVES[corpus]
    if not path.is_file():
        raise SystemExit(f"{path} is absent: the benchmarks read the shared corpora from ../shared/corpora")
    return path


def unpack_bbc(source: Path, limit: int, target: Path) -> int:
    """The first ``limit`` articles (category/NNN.txt, sorted) as .txt files; returns how many."""
    with tarfile.open(source) as tar:
        members = sorted((m for m in tar.getmembers() if m.isfile() and m.name.endswith(".txt") and "README" not in m.name), key=lambda m: m.name)
        chosen = members[:limit]
        for member in chosen:
            path = target / Path(member.name).relative_to("bbc")
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_bytes(tar.extractfile(member).read())
    return len(chosen)


def unpack_reuters(source: Path, limit: int, target: Path) -> int:
    """The first ``limit`` stories, in reut2-NNN.sgm files as the corpus has them (the last one cut short)."""
    target.mkdir(parents=True, exist_ok=True)
    taken = 0
    with tarfile.open(source) as tar:
        for member in sorted((m for m in tar.getmembers() if m.name.endswith(".sgm")), key=lambda m: m.name):
            if taken >= limit:
                break
            stories = tar.extractfile(member).read().split(REUTERS_END)[:-1]
            kept = stories[: limit - taken]
            (target / Path(member.name).name).write_bytes(REUTERS_END.join(kept) + REUTERS_END + b"\n")
            taken += len(kept)
    return taken


def unpack(corpus: str, limit: int, target: Path, corpora: Path = CORPORA) -> int:
    """Unpack the first ``limit`` records of the corpus under ``target``; returns the number of records."""
    unpacker = {"bbc": unpack_bbc, "reuters": unpack_reuters}[corpus]
    return unpacker(archive(corpus, corpora), limit, target)


def write_clean_texts(folder: Path, target: Path) -> int:
    """The cleaned bodies the pipeline parses, one JSON string a line, for the plain spaCy pass; returns how many."""
    count = 0
    with target.open("w", encoding="utf-8") as out:
        for record in read_inputs([str(folder)]):
            if isinstance(record, Quarantined):
                continue
            try:
                document = clean_record(record)
            except CleaningError:
                continue
            out.write(json.dumps(document.body) + "\n")
            count += 1
    return count
