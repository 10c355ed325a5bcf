"""A learned second opinion on what a sentence or a lede reports: linear classifiers over hashed
word and word-pair features.

The lexicon codes what it has words for; text it has no row for gets no event, and a verb it knows
in an unusual use gets the wrong one. The classifier reads the whole passage instead ("the talks
broke down", "the security forces fired on the crowd") and says how likely each kind of event is.
It never codes actors: :mod:`~newsevents.stages.events.opinion` uses it to add an event the lexicon
missed (where the text has the actors for it) and to demote lexicon events it strongly disagrees
with.

Three heads share the features (see ``docs/models/event_classifier.md`` for data, counts and
scores; ``training/train_event_classifier.py`` writes the weights):

* ``plover``: the PLOVER type of a story's news, read from its headline and first sentences
  (softmax over the 16 types);
* ``pentacode``: the CAMEO pentaclass of one sentence's event (0 statement, 1 verbal cooperation,
  2 material cooperation, 3 verbal conflict, 4 material conflict; softmax);
* ``police``: whether a sentence reports the police killing, arresting or using force on someone
  (``KILL``, ``ARREST``, ``FORCE``; one sigmoid each).

Features: lower-cased word tokens (digits folded to ``0``) and adjacent pairs, hashed with CRC-32
into a 22-bit space; only hashes seen in at least two training passages have weights. A passage's
vector is binary and L2-normalised, as in training. Scoring a sentence costs a few microseconds
per word (NumPy only; scikit-learn is needed only to train).
"""

from __future__ import annotations

import functools
import json
import re
import zlib
from pathlib import Path
from typing import NamedTuple, Sequence

import numpy as np

__all__ = ["MODEL_PATH", "EventClassifier", "features", "load_classifier", "passage"]

MODEL_PATH = Path(__file__).parent / "data" / "classifier.npz"
HASH_BITS = 22
_WORD = re.compile(r"[^\W_]+(?:['\u2019][^\W_]+)?")
_DIGITS = re.compile(r"\d")
_SENTENCE_END = re.compile(r"(?<=[.!?])[\"'\u201d\u2019)]*\s+(?=[\"'\u201c\u2018(]*[A-Z0-9])")


def features(text: str) -> list[int]:
    """The hashed feature ids of ``text`` (unigrams and bigrams, unique, unsorted)."""
    words = [_DIGITS.sub("0", w) for w in _WORD.findall(text.lower())]
    grams = ["u " + w for w in words]
    grams += ["b " + a + " " + b for a, b in zip(words, words[1:])]
    mask = (1 << HASH_BITS) - 1
    return list({zlib.crc32(g.encode("utf-8", "surrogatepass")) & mask for g in grams})


def passage(title: str | None, text: str, sentences: int) -> str:
    """The headline and the first ``sentences`` sentences of ``text``: what the ``plover`` head
    reads (the same cut in training and in use)."""
    body = text.strip()
    if sentences > 0:
        parts = _SENTENCE_END.split(body, maxsplit=sentences)
        body = " ".join(parts[:sentences])
    return ((title or "").strip() + "\n" + body).strip()


class Head(NamedTuple):
    classes: tuple[str, ...]
    weights: np.ndarray  # (n_features, n_classes) float32
    bias: np.ndarray  # (n_classes,)
    sigmoid: bool  # independent labels (sigmoid) rather than one of several (softmax)


class EventClassifier:
    """The heads loaded from one ``.npz`` file (see :func:`load_classifier`)."""

    def __init__(self, ids: np.ndarray, heads: dict[str, Head], meta: dict) -> None:
        self.ids = ids  # sorted feature hashes that have weights
        self.heads = heads
        self.meta = meta  # training facts: data, counts, the passage cut, thresholds

    @classmethod
    def load(cls, path: str | Path = MODEL_PATH) -> "EventClassifier":
        with np.load(path, allow_pickle=False) as z:
            meta = json.loads(str(z["meta"]))
            heads = {}
            for name in meta["heads"]:
                heads[name] = Head(tuple(str(c) for c in z[f"{name}.classes"]),
                                   z[f"{name}.weights"].astype(np.float32), z[f"{name}.bias"].astype(np.float32),
                                   bool(meta["sigmoid"].get(name, False)))
            return cls(z["ids"].astype(np.uint32), heads, meta)

    def rows(self, text: str) -> np.ndarray:
        """Row numbers of ``text``'s features that have weights."""
        if not len(self.ids):
            return np.zeros(0, dtype=np.int64)
        q = np.fromiter(features(text), dtype=np.uint32)
        pos = np.searchsorted(self.ids, q)
        pos[pos >= len(self.ids)] = 0
        return pos[self.ids[pos] == q]

    def scores(self, head: str, texts: Sequence[str]) -> list[dict[str, float]]:
        """For each text, every class of ``head`` with its probability."""
        h = self.heads[head]
        out = []
        for text in texts:
            rows = self.rows(text)
            z = h.bias.copy()
            if len(rows):
                z += h.weights[rows].sum(axis=0) / np.sqrt(len(rows))
            if h.sigmoid:
                p = 1.0 / (1.0 + np.exp(-z))
            else:
                e = np.exp(z - z.max())
                p = e / e.sum()
            out.append({c: float(v) for c, v in zip(h.classes, p)})
        return out

    def best(self, head: str, text: str) -> tuple[str, float]:
        """The most likely class of ``head`` for ``text`` and its probability."""
        s = self.scores(head, [text])[0]
        c = max(s, key=s.get)
        return c, s[c]


@functools.lru_cache(maxsize=2)
def load_classifier(path: str | None = None) -> EventClassifier | None:
    """The shipped classifier (cached per process), or None when its weights file is missing."""
    p = Path(path) if path else MODEL_PATH
    return EventClassifier.load(p) if p.is_file() else None
