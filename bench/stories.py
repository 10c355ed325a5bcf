"""Story clustering speed: 10,000 articles built at run time from ../shared/eval/corpus/inputs.jsonl
(repeated with new ids and light edits, nothing copied into the project). Features come from the
text alone (no spaCy), so the timing is the clustering: signatures, duplicates, TF-IDF, graph,
average link. Prints articles/s, the bytes held per signature (a ``sys.getsizeof`` walk of its
compact parts) and the process's peak RSS (which includes the 10,000 texts the benchmark keeps).

    .venv/bin/python bench/stories.py [N]
"""

from __future__ import annotations

import json
import random
import resource
import sys
import time
from pathlib import Path

from newsevents.stories import Signature, cluster, text_signature

CORPUS = Path(__file__).resolve().parents[1].parent / "shared" / "eval" / "corpus" / "inputs.jsonl"


def articles(n: int):
    if not CORPUS.is_file():
        sys.exit(f"no corpus at {CORPUS}")
    base = [json.loads(line) for line in CORPUS.open(encoding="utf-8")]
    rng = random.Random(7)
    for k in range(n):
        d = base[k % len(base)]
        text = d["text"]
        if k >= len(base):  # a light edit per copy: drop one sentence, change one word
            parts = text.split(". ")
            if len(parts) > 3:
                del parts[rng.randrange(len(parts))]
            text = ". ".join(parts).replace(" the ", " a ", 1)
        yield f"{d['id']}-{k}", text, d.get("date"), d.get("title")


def held_bytes(sig: Signature) -> int:
    """What one held signature costs: the object, its compact terms, counts and MinHash, its strings."""
    parts = [sig._keys, sig._weights, sig._minhash, sig.id, sig.article_id, sig.date, sig.source]
    return sys.getsizeof(sig) + sum(sys.getsizeof(p) for p in parts if p is not None)


def main() -> None:
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 10_000
    data = list(articles(n))
    t0 = time.perf_counter()
    sigs = [text_signature(i, t, date=d, title=ti) for i, t, d, ti in data]
    t1 = time.perf_counter()
    out = cluster(sigs)
    t2 = time.perf_counter()
    stories = len({v.story_id for v in out.values()})
    dups = sum(v.duplicate_of is not None for v in out.values())
    print(f"{n} articles: signatures {t1 - t0:.1f}s, clustering {t2 - t1:.1f}s, total {t2 - t0:.1f}s "
          f"= {n / (t2 - t0):.0f} articles/s; {stories} stories, {dups} near-duplicates")
    held = sum(held_bytes(s) for s in sigs) / max(1, len(sigs))
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # KiB on Linux
    print(f"held per signature {held:.0f} bytes; peak RSS {peak:.0f} MiB")


if __name__ == "__main__":
    main()
