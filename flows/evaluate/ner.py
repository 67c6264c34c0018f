"""python -m flows.evaluate ner GOLD: run the real pipeline on CoNLL-style gold and score its entity_mentions.

The shared scorer exports the gold documents (one unit per document, canonical text: tokens
joined by a space, sentences by a line break); they go to the pipeline as one JSONL record each.
The cleaner may change the text's whitespace, so each published mention's body offsets are
carried over to the canonical text by aligning the two texts' non-space characters, and the
predictions are scored by the shared scorer, whose figures are printed as it prints them.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
from pathlib import Path

import pandas as pd

from flows.evaluate.alignment import BodyAlignment
from transforms.nlp import DEFAULT_MODEL

SCORER_NAME = "score.py"


def find_scorer(gold: Path) -> Path:
    """The scorer next to the gold data: the first score.py in the gold file's folder or above it."""
    for folder in gold.resolve().parents:
        if (folder / SCORER_NAME).is_file():
            return folder / SCORER_NAME
    raise SystemExit(f"no {SCORER_NAME} in the folders above {gold}: pass --scorer")


def pipeline_input(units: list[dict], folder: Path) -> Path:
    """The gold documents as the JSONL the pipeline reads: one record per document, id and text."""
    path = folder / "units.jsonl"
    path.write_text("".join(json.dumps({"id": u["id"], "text": u["text"]}) + "\n" for u in units), encoding="utf-8")
    return path


def published_documents(warehouse: Path, run_id: str) -> dict[str, str]:
    """Record id (the unit id) -> doc_id, for every record of the run that became a document."""
    sources = pd.read_parquet(warehouse / "_sources")
    rows = sources[(sources["run_id"] == run_id) & sources["doc_id"].notna()]
    return {source_id.rsplit("#", 1)[1]: doc_id for source_id, doc_id in zip(rows["source_id"], rows["doc_id"])}


def predictions(units: list[dict], warehouse: Path, run_id: str) -> tuple[list[dict], int]:
    """Scorer predictions (canonical-text offsets) per unit, and how many mentions could not be placed."""
    documents = pd.read_parquet(warehouse / "documents", columns=["doc_id", "body"])
    bodies = dict(zip(documents["doc_id"], documents["body"]))
    mentions = pd.read_parquet(warehouse / "entity_mentions", columns=["doc_id", "start_char", "end_char", "label"])
    by_doc = {doc_id: group for doc_id, group in mentions.groupby("doc_id")}
    doc_of = published_documents(warehouse, run_id)
    lines, unplaced = [], 0
    for unit in units:
        doc_id = doc_of.get(unit["id"])
        ents = []
        if doc_id in by_doc:
            alignment = BodyAlignment(bodies[doc_id], unit["text"])
            for start, end, label in by_doc[doc_id][["start_char", "end_char", "label"]].itertuples(index=False):
                span = alignment.span(int(start), int(end))
                if span is None:
                    unplaced += 1
                else:
                    ents.append([*span, label])
        lines.append({"id": unit["id"], "ents": ents})
    return lines, unplaced


def run_scorer(scorer: Path, command: str, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, str(scorer), command, *args], check=False, text=True, capture_output=command == "export")


def parse_args(argv: list[str]) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="python -m flows.evaluate ner", description=__doc__.split("\n")[0])
    parser.add_argument("gold", type=Path, help="CoNLL-style gold file, e.g. ../shared/eval-data/ner/conllpp-2020/conllpp.txt")
    parser.add_argument("--docs", type=Path, help="score only the documents listed in this file (0-based indices)")
    parser.add_argument("--model", default=DEFAULT_MODEL, help=f"spaCy pipeline to run (default {DEFAULT_MODEL})")
    parser.add_argument("--scorer", type=Path, help="the shared scorer (default: score.py above the gold file)")
    parser.add_argument("--warehouse", type=Path, help="warehouse to run into (default: a temporary one)")
    parser.add_argument("--workers", type=int, default=1, help="pipeline worker processes")
    parser.add_argument("--errors", type=Path, help="write every FN / FP / wrong-type span here (TSV)")
    parser.add_argument("--json", type=Path, help="write the scorer's metrics here (JSON)")
    parser.add_argument("--pred", type=Path, help="also keep the predictions JSONL here")
    return parser.parse_args(argv)


def main(argv: list[str] | None = None) -> int:
    from flows.pipeline import run_pipeline

    args = parse_args(list(sys.argv[1:] if argv is None else argv))
    scorer = args.scorer or find_scorer(args.gold)
    selection = ["--docs", str(args.docs)] if args.docs else []
    with tempfile.TemporaryDirectory(prefix="evaluate-ner-") as scratch:
        folder = Path(scratch)
        export = run_scorer(scorer, "export", str(args.gold), "--unit", "document", "-o", str(folder / "gold-units.jsonl"), *selection)
        if export.returncode:
            print(f"the scorer could not export {args.gold}: {export.stderr.strip()}", file=sys.stderr)
            return export.returncode
        units = [json.loads(line) for line in (folder / "gold-units.jsonl").read_text(encoding="utf-8").splitlines() if line.strip()]
        warehouse = args.warehouse or folder / "warehouse"
        result = run_pipeline([str(pipeline_input(units, folder))], str(warehouse), full_refresh=True, model=args.model, workers=args.workers)
        if not result["success"]:
            print(f"the pipeline run failed its checks: {result['summary']}", file=sys.stderr)
            return 1
        lines, unplaced = predictions(units, Path(warehouse), result["run_id"])
        pred_path = args.pred or folder / "pred.jsonl"
        pred_path.write_text("".join(json.dumps(line) + "\n" for line in lines), encoding="utf-8")
        print(f"{args.gold}: {len(units)} documents, {result['published']} published, {result['duplicate']} duplicate, "
              f"{result['quarantined']} quarantined; model {args.model}; {unplaced} mentions not placed in the gold text")
        options = [*selection, *(["--errors", str(args.errors)] if args.errors else []), *(["--json", str(args.json)] if args.json else [])]
        return run_scorer(scorer, "score", str(args.gold), str(pred_path), *options).returncode


if __name__ == "__main__":
    sys.exit(main())
