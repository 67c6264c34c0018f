"""The plain spaCy pass a user would otherwise write, as its own process:
python -m benchmarks.plain_spacy TEXTS.jsonl [--n-process 2] [--batch-size N]"""

from __future__ import annotations

import argparse
import json

import spacy

from transforms.model import DEFAULT_MODEL


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("texts")
    parser.add_argument("--n-process", type=int, default=2)
    parser.add_argument("--batch-size", type=int, help="nlp.pipe batch_size (default: spaCy's own, 1000)")
    parser.add_argument("--model", default=DEFAULT_MODEL)
    arguments = parser.parse_args()
    with open(arguments.texts, encoding="utf-8") as lines:
        texts = [json.loads(line) for line in lines]
    nlp = spacy.load(arguments.model)
    options = {"batch_size": arguments.batch_size} if arguments.batch_size else {}
    tokens = sum(len(doc) for doc in nlp.pipe(texts, n_process=arguments.n_process, **options))
    print(json.dumps({"documents": len(texts), "tokens": tokens, "components": nlp.pipe_names}))


if __name__ == "__main__":
    main()
