"""The real news corpus the benchmarks read (../shared/eval/corpus), shared by the bench scripts."""

from __future__ import annotations

import json
from pathlib import Path

from newsevents import Article

DEFAULT_CORPUS = Path(__file__).resolve().parents[1].parent / "shared" / "eval" / "corpus" / "inputs.jsonl"


def load(path: Path, n: int | None = None) -> list[Article]:
    """The first ``n`` articles (all when ``n`` is None) of a corpus JSONL file."""
    articles = []
    with open(path, encoding="utf-8") as fh:
        for line in fh:
            if n is not None and len(articles) >= n:
                break
            if not line.strip():
                continue
            rec = json.loads(line)
            articles.append(Article(id=rec["id"], text=rec["text"], date=rec.get("date"), title=rec.get("title")))
    return articles
