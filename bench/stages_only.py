"""Our own stages alone, on spaCy output recorded once: for profiling and checking stage changes fast.

    .venv/bin/python bench/stages_only.py record [--n N] [--cache F]   # parse once (real spaCy), save
    .venv/bin/python bench/stages_only.py run [--n N] [--dump OUT.jsonl] [--profile] [--repeat 3]

``record`` runs the real pipeline over the corpus and keeps every text spaCy parsed (bodies and
headlines, both readings) as serialized Docs. ``run`` runs the same pipeline with those Docs
served from the cache (a text that is not in it, e.g. because a stage change altered a headline's
rewritten text, is parsed by spaCy as usual and counted), so the time is our stages' time. It
prints CPU seconds per stage and in all, and ``--dump`` writes every result as sorted JSON, one line
per article, for a byte-for-byte comparison before and after a change.
"""

from __future__ import annotations

import argparse
import dataclasses
import json
import pickle
import statistics
import time
from collections import defaultdict
from pathlib import Path

from _corpus import DEFAULT_CORPUS, load
from newsevents import Pipeline
from spacy.tokens import Doc

DEFAULT_CACHE = Path("/tmp/newsevents-stage-cache.pkl")
EXCLUDE = ["tensor", "user_data"]


class _Recorder:
    """Wraps the real model: parses as usual and keeps the bytes of every Doc it made."""

    def __init__(self, nlp):
        self.nlp, self.seen = nlp, {}

    def pipe(self, texts, batch_size=32):
        for doc in self.nlp.pipe(texts, batch_size=batch_size):
            self.seen.setdefault(doc.text, doc.to_bytes(exclude=EXCLUDE))
            yield doc

    def __call__(self, text):
        return next(iter(self.pipe([text])))

    def __getattr__(self, name):
        return getattr(self.nlp, name)


class _Replayer(_Recorder):
    """Serves recorded Docs; parses only texts it has not seen."""

    def __init__(self, nlp, seen):
        super().__init__(nlp)
        self.seen, self.misses = seen, 0

    def pipe(self, texts, batch_size=32):
        texts = list(texts)
        missing = [t for t in texts if t not in self.seen]
        self.misses += len(missing)
        parsed = dict(zip(missing, self.nlp.pipe(missing, batch_size=batch_size)))
        for text in texts:
            yield parsed[text] if text in parsed else Doc(self.nlp.vocab).from_bytes(self.seen[text], exclude=EXCLUDE)


class _Cached(Pipeline):
    def __init__(self, wrapper, **kw):
        super().__init__(**kw)
        object.__setattr__(self, "_wrapper", wrapper)

    @property
    def nlp(self):
        return self._wrapper


def _dump(results, path: Path) -> None:
    with open(path, "w", encoding="utf-8") as fh:
        for r in results:
            d = dataclasses.asdict(r) if dataclasses.is_dataclass(r) else str(r)
            fh.write(json.dumps(d, default=str, sort_keys=True) + "\n")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("mode", choices=["record", "run"])
    ap.add_argument("--n", type=int, default=None, help="first N corpus articles (default: all)")
    ap.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
    ap.add_argument("--cache", type=Path, default=DEFAULT_CACHE)
    ap.add_argument("--dump", type=Path, default=None)
    ap.add_argument("--repeat", type=int, default=1)
    ap.add_argument("--profile", action="store_true", help="per-stage CPU time (one extra pass)")
    args = ap.parse_args()
    articles = load(args.corpus, args.n)
    real = Pipeline()
    if args.mode == "record":
        rec = _Recorder(real.nlp)
        results = list(_Cached(rec).run(articles))
        with open(args.cache, "wb") as fh:
            pickle.dump(rec.seen, fh, protocol=pickle.HIGHEST_PROTOCOL)
        print(f"recorded {len(rec.seen):,} parsed texts for {len(articles):,} articles -> {args.cache}")
        if args.dump:
            _dump(results, args.dump)
        return
    with open(args.cache, "rb") as fh:
        seen = pickle.load(fh)
    rep = _Replayer(real.nlp, seen)
    pipe = _Cached(rep)
    list(pipe.run(articles[:20]))  # load the stages' tables
    cpus = []
    results = []
    for _ in range(args.repeat):
        c = time.process_time()
        results = list(pipe.run(articles))
        cpus.append(time.process_time() - c)
    c = time.process_time()
    n_docs = 0
    for text in list(seen)[: len(articles) * 2]:
        Doc(real.nlp.vocab).from_bytes(seen[text], exclude=EXCLUDE)
        n_docs += 1
    load_cost = (time.process_time() - c) / max(n_docs, 1)
    print(f"articles {len(articles):,}; CPU {statistics.median(cpus):.2f} s (median of {args.repeat}; "
          f"reading a cached Doc costs ~{1000 * load_cost:.2f} ms, not subtracted); spaCy misses {rep.misses}")
    if args.profile:
        prof: dict[str, float] = defaultdict(float)
        stages = pipe._stages()
        orig = {s.name: s.process for s in stages}
        for s in stages:
            def timed(adoc, _f=orig[s.name], _n=s.name):
                c0 = time.process_time()
                try:
                    return _f(adoc)
                finally:
                    prof[_n] += time.process_time() - c0
            s.process = timed
        c = time.process_time()
        list(pipe.run(articles))
        total = time.process_time() - c
        for s in stages:
            s.process = orig[s.name]
        for name, secs in sorted(prof.items(), key=lambda kv: -kv[1]):
            print(f"  {name:<14} {secs:7.3f} s  {1000 * secs / len(articles):6.2f} ms/article")
        print(f"  {'(rest)':<14} {total - sum(prof.values()):7.3f} s  (Doc reading, repair, headline text, records)")
    if args.dump:
        _dump(results, args.dump)
        print(f"wrote {args.dump}")


if __name__ == "__main__":
    main()
