"""Pipeline throughput against bare spaCy on the same texts, same model, same process.

    .venv/bin/python bench/throughput.py [--n 300] [--corpus ../shared/eval/corpus/inputs.jsonl]

Prints words/s for bare `nlp.pipe` (full parse) and for the whole pipeline, their ratio
(pipeline speed / spaCy speed; >= 1.0 means no slower than parsing alone), peak RSS, and a
per-stage profile.
"""

from __future__ import annotations

import argparse
import json
import resource
import time
from collections import defaultdict
from pathlib import Path

from newsevents import Article, Pipeline
from newsevents.nlp import AnnotatedDoc
from newsevents.textrepair import repair

DEFAULT_CORPUS = Path(__file__).resolve().parents[1].parent / "shared" / "eval" / "corpus" / "inputs.jsonl"


def load(path: Path, n: int) -> list[Article]:
    articles = []
    with open(path, encoding="utf-8") as fh:
        for line in fh:
            rec = json.loads(line)
            articles.append(Article(id=rec["id"], text=rec["text"], date=rec.get("date"), title=rec.get("title")))
            if len(articles) >= n:
                break
    return articles


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--n", type=int, default=300)
    ap.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
    ap.add_argument("--batch-size", type=int, default=32)
    args = ap.parse_args()
    if not args.corpus.exists():
        raise SystemExit(f"corpus not found: {args.corpus}")
    articles = load(args.corpus, args.n)
    pipe = Pipeline(batch_size=args.batch_size)
    nlp = pipe.nlp
    stages = pipe._stages()
    texts = [a.text for a in articles]

    list(nlp.pipe(texts[:20]))  # warm up the model
    list(pipe.run(articles[:5]))  # and the stages' lazily built tables (gazetteer, actor KB, lexicon)
    t0 = time.perf_counter()
    words = sum(sum(1 for t in doc if not (t.is_punct or t.is_space)) for doc in nlp.pipe(texts, batch_size=args.batch_size))
    bare = time.perf_counter() - t0

    t0 = time.perf_counter()
    results = list(pipe.run(articles))
    full = time.perf_counter() - t0

    # per-stage profile (separate pass, so the timings above are not disturbed)
    prof: dict[str, float] = defaultdict(float)
    t = time.perf_counter()
    repaired = [repair(a.text) for a in articles]
    prof["repair"] = time.perf_counter() - t
    t = time.perf_counter()
    docs = list(nlp.pipe([r.text for r in repaired], batch_size=args.batch_size))
    prof["spacy"] = time.perf_counter() - t
    for article, rep, doc in zip(articles, repaired, docs):
        adoc = AnnotatedDoc(article=article, repaired=rep, doc=doc)
        for stage in stages:
            t = time.perf_counter()
            stage.process(adoc)
            prof[stage.name] += time.perf_counter() - t

    n_events = sum(len(getattr(r, "events", ())) for r in results)
    rss_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"articles {len(articles)}, words {words:,}, events {n_events}")
    print(f"bare spaCy nlp.pipe : {bare:7.2f} s  {words / bare:9,.0f} words/s")
    print(f"whole pipeline      : {full:7.2f} s  {words / full:9,.0f} words/s")
    print(f"ratio (pipeline speed / spaCy speed): {bare / full:.3f}")
    print(f"peak RSS: {rss_mb:,.0f} MB")
    total = sum(prof.values())
    print("per-stage profile:")
    for name, secs in sorted(prof.items(), key=lambda kv: -kv[1]):
        print(f"  {name:<14} {secs:7.3f} s  {100 * secs / total:5.1f}%  {1000 * secs / len(articles):6.2f} ms/article")


if __name__ == "__main__":
    main()
