"""`python -m flows.evaluate quotes`: the real pipeline on a raw file, scored by the shared scorer."""

from __future__ import annotations

import json
import subprocess
import sys

from tests.conftest import REPO_ROOT

SEED = REPO_ROOT / "seeds" / "000_421bba50f5ab9343.txt"
# Hand-annotated for this project: the seed's 9 quotes over the raw file's text, speakers resolved.
SEED_GOLD = REPO_ROOT / "tests" / "data" / "seed_quotes_gold.jsonl"


def test_seed_quotes_score_perfectly_through_the_command_line(shared_dir, tmp_path):
    scorer = shared_dir / "eval-data" / "quotes" / "score.py"
    pred = tmp_path / "pred.jsonl"
    command = [sys.executable, "-m", "flows.evaluate", "quotes", str(SEED_GOLD), "--inputs", str(SEED), "--scorer", str(scorer), "--json", "--pred", str(pred)]
    result = subprocess.run(command, cwd=REPO_ROOT, capture_output=True, text=True, timeout=300, check=True)
    metrics_line, errors_line = result.stdout.strip().splitlines()[-2:]
    metrics = json.loads(metrics_line)
    assert metrics["n_gold"] == 9 and metrics["n_pred"] == 9
    assert metrics["exact"]["f1"] == 1.0
    assert metrics["end_to_end"]["f1"] == 1.0
    assert errors_line == "errors: missed 0, spurious 0, wrong_speaker 0; 0 quotes not placed in the gold text"
    # offsets are the raw file's, across the hard line wraps the cleaner removed
    raw = json.loads(SEED_GOLD.read_text())["text"]
    (predicted,) = [json.loads(line) for line in pred.read_text().splitlines()]
    assert any("\n" in raw[q["start"]:q["end"]] for q in predicted["quotes"])


def test_a_quarantined_input_is_named_and_its_article_matches_no_document(tmp_path, capsys):
    import pandas as pd

    from flows.evaluate.quotes import match_documents, report_quarantined

    documents = pd.DataFrame({"doc_id": ["d1"], "body": ["Mr Smith said it was fine."]})
    sources = pd.DataFrame(
        {
            "source_id": ["a.sgm#101", "b.sgm#102"],
            "doc_id": ["d1", None],
            "status": ["published", "quarantined"],
            "stage": [None, "nlp"],
            "reason": [None, "the language work failed: ValueError: boom"],
        }
    )
    (tmp_path / "_sources").mkdir()
    sources.to_parquet(tmp_path / "_sources" / "part-0.parquet")
    gold = {"101": {"text": "Mr Smith said it was fine."}, "102": {"text": "An article the run lost."}}
    # read back as the warehouse gives it: the missing doc_id is a null, not None
    assert match_documents(gold, documents, pd.read_parquet(tmp_path / "_sources")) == {"101": "d1"}
    report_quarantined(pd.read_parquet(tmp_path / "_sources"))
    assert "quarantined, scored as no quotes: b.sgm#102 (nlp: the language work failed: ValueError: boom)" in capsys.readouterr().err
