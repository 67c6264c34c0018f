"""python -m flows.evaluate quotes GOLD.jsonl: run the real pipeline on gold articles and score its quotes table.

The gold JSONL (one article per line: doc_id, text, quotes) is fed to the pipeline as it is, or,
with --inputs, the raw files it was annotated from (.txt, .sgm, ...) are. The quotes table the run
publishes is mapped back onto the gold text (the cleaner may change whitespace and quote marks,
so body offsets are carried over by a character alignment) and scored by the shared scorer.
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import re
import sys
import tempfile
from pathlib import Path

import pandas as pd

from flows.evaluate.alignment import BodyAlignment

DEFAULT_SCORER = Path(__file__).resolve().parents[3] / "shared" / "eval-data" / "quotes" / "score.py"
PRONOUN_SPEAKERS = {"he", "she", "they", "it", "i", "we", "you", "him", "her", "them"}


def load_scorer(path: Path):
    """The shared scorer module, imported from its file (it is not a package of ours)."""
    if not path.is_file():
        raise SystemExit(f"scorer not found: {path} (pass --scorer)")
    spec = importlib.util.spec_from_file_location("quotes_score", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def speaker_for_scoring(row: dict) -> str | None:
    """The name the scorer compares: the resolved name, else the speaker as written unless it is a pronoun."""
    if row.get("speaker_name"):
        return row["speaker_name"]
    speaker = (row.get("speaker") or "").strip()
    return speaker if speaker and speaker.lower() not in PRONOUN_SPEAKERS else None


def words_of(text: str) -> list[str]:
    return re.findall(r"\w+", text.lower())


def match_documents(gold: dict[str, dict], documents: pd.DataFrame, sources: pd.DataFrame) -> dict[str, str]:
    """gold doc_id -> warehouse doc_id: by the record id in source_id, else by the best overlap of words."""
    by_record = {}
    # a quarantined input has no document: its gold article is scored as one with no quotes found
    for row in sources[sources["doc_id"].notna()].itertuples():
        if "#" in row.source_id:
            by_record[row.source_id.rsplit("#", 1)[1]] = row.doc_id
        else:
            by_record[Path(row.source_id).stem] = row.doc_id
    matched = {}
    bodies = {row.doc_id: set(words_of(row.body)) for row in documents.itertuples()}
    for gold_id, article in gold.items():
        if gold_id in by_record:
            matched[gold_id] = by_record[gold_id]
            continue
        words = set(words_of(article["text"]))
        best = max(bodies, key=lambda d: len(words & bodies[d]) / (len(words | bodies[d]) or 1), default=None)
        if best is not None and words & bodies[best]:
            matched[gold_id] = best
    return matched


def predictions(gold: dict[str, dict], warehouse: Path, sources: pd.DataFrame) -> tuple[list[dict], int]:
    """One prediction line per gold article, from the published documents and quotes tables and the run's
    _sources, and how many quotes could not be placed in the gold text."""
    documents = pd.read_parquet(warehouse / "documents")
    quotes = pd.read_parquet(warehouse / "quotes")
    matched = match_documents(gold, documents, sources)
    bodies = dict(zip(documents["doc_id"], documents["body"]))
    lines, unplaced = [], 0
    for gold_id, doc_id in matched.items():
        alignment = BodyAlignment(bodies[doc_id], gold[gold_id]["text"])
        selected = quotes[quotes["doc_id"] == doc_id].sort_values("quote_id")
        placed = []
        for row in selected.astype(object).where(selected.notna(), None).to_dict("records"):
            span = alignment.span(row["start_char"], row["end_char"])
            if span is None:
                unplaced += 1
            else:
                placed.append({"start": span[0], "end": span[1], "speaker": speaker_for_scoring(row), "attribution": row["attribution"]})
        lines.append({"doc_id": gold_id, "quotes": placed})
    return lines, unplaced


def report_quarantined(sources: pd.DataFrame) -> None:
    """Name the inputs the run quarantined: their articles count as having no quotes."""
    for row in sources[sources["status"] == "quarantined"].itertuples():
        print(f"quarantined, scored as no quotes: {row.source_id} ({row.stage}: {row.reason})", file=sys.stderr)


def gold_as_pipeline_input(gold_path: Path, folder: Path) -> Path:
    """The gold file under a .jsonl name the pipeline reads (gold files may be named anything)."""
    target = folder / (gold_path.stem + ".jsonl")
    target.write_bytes(gold_path.read_bytes())
    return target


def parse_args(argv: list[str]) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="python -m flows.evaluate quotes", description=__doc__.split("\n")[0])
    parser.add_argument("gold", type=Path, help="gold JSONL: doc_id, text, quotes")
    parser.add_argument("--inputs", nargs="+", help="raw files or folders to run instead of the gold JSONL's texts")
    parser.add_argument("--errors", type=int, default=0, metavar="N", help="list up to N errors of each kind")
    parser.add_argument("--scorer", type=Path, default=DEFAULT_SCORER, help=f"the shared scorer (default {DEFAULT_SCORER})")
    parser.add_argument("--pred", type=Path, help="also write the predictions JSONL here")
    parser.add_argument("--warehouse", type=Path, help="warehouse to run into (default: a temporary one)")
    parser.add_argument("--json", action="store_true", help="print the metrics as one JSON object")
    return parser.parse_args(argv)


def main(argv: list[str] | None = None) -> int:
    from flows.pipeline import run_pipeline

    args = parse_args(list(sys.argv[1:] if argv is None else argv))
    scorer = load_scorer(args.scorer)
    gold = scorer.load(str(args.gold))
    with tempfile.TemporaryDirectory(prefix="evaluate-quotes-") as scratch:
        scratch_path = Path(scratch)
        warehouse = args.warehouse or scratch_path / "warehouse"
        inputs = args.inputs or [str(gold_as_pipeline_input(args.gold, scratch_path))]
        result = run_pipeline(inputs, str(warehouse), full_refresh=True)
        if not result["success"]:
            print(f"the pipeline run failed its checks: {result['summary']}", file=sys.stderr)
            return 1
        sources = pd.read_parquet(Path(warehouse) / "_sources")
        report_quarantined(sources)
        lines, unplaced = predictions(gold, Path(warehouse), sources)
        pred_path = args.pred or scratch_path / "pred.jsonl"
        pred_path.write_text("".join(json.dumps(line) + "\n" for line in lines), encoding="utf-8")
        scorer_args = [str(args.gold), str(pred_path)] + (["--json"] if args.json else []) + (["--errors", str(args.errors)] if args.errors else [])
        status = scorer.main(scorer_args)
        errors: list = []
        scorer.score(gold, scorer.load(str(pred_path)), errors)
        counts = {kind: sum(1 for e in errors if e[0] == kind) for kind in ("missed", "spurious", "wrong_speaker")}
        print("errors: " + ", ".join(f"{kind} {n}" for kind, n in counts.items()) + f"; {unplaced} quotes not placed in the gold text")
    return status
