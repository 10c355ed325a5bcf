"""Pipeline throughput against bare spaCy on the same texts, same model, same process.

    .venv/bin/python bench/throughput.py [--n 300] [--corpus ../shared/eval/corpus/inputs.jsonl]

Prints words/s for bare `nlp.pipe` (full parse: spaCy's stock pipeline, loaded on its own) and for
the whole pipeline, their ratio (pipeline speed / spaCy speed; >= 1.0 means no slower than parsing
alone), peak RSS, and a per-stage profile. Bare and pipeline runs alternate ``--repeat`` times and
the medians are compared, in wall-clock and in CPU time (CPU time is steadier on a shared machine).

Both sides first run over the ``--warm-up`` articles after the timed ones (40 by default: the model
and tables load; 1000 is closer to the steady state of a long run, whose caches have seen common
words, names and date phrases). The first timed run is then a first sight of the timed texts for
both sides (spaCy's vocabulary and tokenizer cache, our stages' per-word and per-phrase caches);
later repeats see the same texts again, and the script prints the first-pass ratio too.
"""

from __future__ import annotations

import argparse
import resource
import statistics
import time
from collections import defaultdict
from pathlib import Path

from _corpus import DEFAULT_CORPUS, load
from newsevents import Pipeline
from newsevents.nlp import AnnotatedDoc, load_model
from newsevents.records import DocumentResult
from newsevents.stages.events.opinion import second_opinion
from newsevents.stages.headlines import title_events
from newsevents.text.repair import repair



def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--n", type=int, default=300)
    ap.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
    ap.add_argument("--batch-size", type=int, default=64)
    ap.add_argument("--no-second-opinion", action="store_true", help="leave the event classifier out")
    ap.add_argument("--warm-up", type=int, default=40, help="other articles run before timing")
    ap.add_argument("--repeat", type=int, default=3,
                    help="alternating bare/pipeline runs (medians); 1 = first pass only")
    args = ap.parse_args()
    if not args.corpus.exists():
        raise SystemExit(f"corpus not found: {args.corpus}")
    loaded = load(args.corpus, args.n + args.warm_up)
    articles, warm_up = loaded[: args.n], loaded[args.n:]  # warm up on other articles than those timed
    pipe = Pipeline(batch_size=args.batch_size, second_opinion=not args.no_second_opinion)
    nlp = pipe.nlp
    bare_nlp = load_model(pipe.model, fast=False)  # spaCy's own pipeline, same model and stack
    stages = pipe._stages()
    texts = [a.text for a in articles]

    for _ in bare_nlp.pipe([a.text for a in warm_up], batch_size=args.batch_size):  # load the model
        pass
    for _ in pipe.run(warm_up):  # and the stages' lazily built tables (gazetteer, actor KB, lexicon)
        pass
    walls: dict[str, list[float]] = {"bare": [], "pipeline": []}
    cpus: dict[str, list[float]] = {"bare": [], "pipeline": []}
    words = 0
    results: list = []
    for _ in range(args.repeat):
        w, c = time.perf_counter(), time.process_time()
        words = sum(sum(1 for t in doc if not (t.is_punct or t.is_space))
                    for doc in bare_nlp.pipe(texts, batch_size=args.batch_size))
        walls["bare"].append(time.perf_counter() - w)
        cpus["bare"].append(time.process_time() - c)
        w, c = time.perf_counter(), time.process_time()
        results = list(pipe.run(articles))
        walls["pipeline"].append(time.perf_counter() - w)
        cpus["pipeline"].append(time.process_time() - c)
    bare, full = statistics.median(walls["bare"]), statistics.median(walls["pipeline"])
    bare_cpu, full_cpu = statistics.median(cpus["bare"]), statistics.median(cpus["pipeline"])

    # per-stage profile (separate pass, so the timings above are not disturbed)
    prof: dict[str, float] = defaultdict(float)
    t = time.perf_counter()
    repaired = [repair(a.text) for a in articles]
    prof["repair"] = time.perf_counter() - t
    docs = [nlp.make_doc(r.text) for r in repaired]
    for name, proc in nlp.pipeline:
        t = time.perf_counter()
        docs = list(proc.pipe(docs, batch_size=args.batch_size)) if hasattr(proc, "pipe") else [proc(d) for d in docs]
        prof["spacy:" + name] += time.perf_counter() - t
    for article, rep, doc in zip(articles, repaired, docs):
        adoc = AnnotatedDoc(article=article, repaired=rep, doc=doc)
        for stage in stages:
            t = time.perf_counter()
            stage.process(adoc)
            prof[stage.name] += time.perf_counter() - t
    t = time.perf_counter()
    title_events(articles, stages, nlp=nlp, batch_size=args.batch_size)
    prof["headlines"] = time.perf_counter() - t
    if pipe.second_opinion:
        t = time.perf_counter()
        for r in results:
            if isinstance(r, DocumentResult):
                second_opinion(r)
        prof["events.opinion"] = time.perf_counter() - t

    n_events = sum(len(getattr(r, "events", ())) for r in results)
    rss_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"articles {len(articles)}, words {words:,}, events {n_events}")
    print(f"bare spaCy nlp.pipe : {bare:7.2f} s  {words / bare:9,.0f} words/s   (CPU {bare_cpu:6.2f} s)")
    print(f"whole pipeline      : {full:7.2f} s  {words / full:9,.0f} words/s   (CPU {full_cpu:6.2f} s)")
    print(f"ratio (pipeline speed / spaCy speed): {bare / full:.3f} wall-clock, {bare_cpu / full_cpu:.3f} CPU "
          f"(medians of {args.repeat})")
    print(f"first pass alone (both sides new to the texts): {walls['bare'][0] / walls['pipeline'][0]:.3f} wall-clock, "
          f"{cpus['bare'][0] / cpus['pipeline'][0]:.3f} CPU")
    print(f"peak RSS: {rss_mb:,.0f} MB")
    total = sum(prof.values())
    print("per-stage profile:")
    for name, secs in sorted(prof.items(), key=lambda kv: -kv[1]):
        print(f"  {name:<14} {secs:7.3f} s  {100 * secs / total:5.1f}%  {1000 * secs / len(articles):6.2f} ms/article")


if __name__ == "__main__":
    main()
