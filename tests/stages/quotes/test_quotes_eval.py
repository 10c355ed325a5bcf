"""A small regression check against the shared PolNeAR quote set (skips when ../shared is absent)."""

from __future__ import annotations

import importlib.util
import json

import pytest

N_DOCS = 40


def test_quote_f1_and_speakers_on_shared_sample(eval_dir, tmp_path):
    qdir = eval_dir / "quotes"
    score_py = eval_dir / "score.py"
    if not (qdir / "inputs.jsonl").is_file() or not score_py.is_file():
        pytest.skip("quotes evaluation set is not present")
    from newsevents import Pipeline
    from newsevents.records import Article, Rejection

    with open(qdir / "inputs.jsonl", encoding="utf-8") as f:
        inputs = [json.loads(line) for _, line in zip(range(N_DOCS), f)]
    ids = {r["id"] for r in inputs}
    sample = tmp_path / "gold"
    sample.mkdir()
    (sample / "inputs.jsonl").write_text("".join(json.dumps(r) + "\n" for r in inputs), encoding="utf-8")
    with open(qdir / "gold.jsonl", encoding="utf-8") as f:
        gold = [line for line in f if json.loads(line)["id"] in ids]
    (sample / "gold.jsonl").write_text("".join(gold), encoding="utf-8")

    pipe = Pipeline(stages=("entities.v1", "actors.v1", "quotes.v1"))
    arts = [Article(id=r["id"], text=r["text"], date=r.get("date")) for r in inputs]
    pred = tmp_path / "pred.jsonl"
    with open(pred, "w", encoding="utf-8") as out:
        for res in pipe.run(arts):
            assert not isinstance(res, Rejection), res
            qs = [
                {"start": q.start, "end": q.end, "text": q.text,
                 "speaker": {"text": q.speaker_text, "start": q.speaker_start, "end": q.speaker_end,
                             "name": q.speaker_name}}
                for q in res.quotes
            ]
            out.write(json.dumps({"id": res.id, "quotes": qs}) + "\n")

    spec = importlib.util.spec_from_file_location("shared_score", score_py)
    score = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(score)
    m = score.score_quotes(score.Data("quotes", str(sample), str(pred)))
    assert m["quote_f1"] >= 0.85, m
    assert m["speaker_accuracy"] >= 0.75, m
