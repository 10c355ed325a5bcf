"""Near-duplicates and stories: which articles reprint the same text, which tell the same event.

Two steps over compact per-article :class:`Signature` s (never whole results, never texts again):

1. **Near-duplicates.** A MinHash (datasketch, 128 permutations) over 3-word shingles of the
   lower-cased text; MinHash LSH finds candidate pairs and a pair is a duplicate when its estimated
   Jaccard similarity is at least :data:`DUPLICATE_JACCARD` (0.75: three quarters of the shingles
   shared, i.e. the same wire story with small edits). Groups are closed transitively;
   ``duplicate_of`` is the earliest member (by date, then by content hash, so input order does not matter). Only one member of
   each group is clustered; the others follow it.

2. **Stories.** Each article is a TF-IDF vector (sublinear tf, smoothed idf over the articles
   being clustered) over content words (the lead counted twice) and named things (entity names,
   a person's surname, gazetteer ids of places, event dyads, years mentioned; a name counts as
   present or absent, with weight :data:`NAME_WEIGHT`), cosine-normalised. Similarities are
   *locally scaled*: each article's scale is its similarity to its :data:`NEIGHBOURS`-th nearest
   neighbour, floored at the batch threshold ``t`` = mean + ``Z`` (2) standard deviations of the
   cosine between random pairs (:data:`DEFAULT_THRESHOLD` for small batches); a pair counts only
   when its cosine is at least ``t / 2``. Average-link clustering joins groups while the mean
   scaled similarity ``s_ij / sqrt(m_i m_j)`` is at least :data:`RELATIVE` (0.6). A fixed cut on
   raw cosine depends on how much of the batch is related (the random-pair statistic grows with
   it); the local scale does not. Two dated articles more than ``window_days`` apart never join
   (only the article's own publication date counts).

Story ids are ``"s-"`` + 16 hex digits of sha1 over the content hash of a story's earliest
member, so the same input gives the same ids every run. With a store, signatures of stored
articles within the date window take part in clustering; a group that contains stored articles
keeps their story id and new articles join it (stored articles are never re-assigned).

API: :func:`signature` / :func:`text_signature` / :func:`stored_signature`, :class:`StoryIndex` (``add`` then ``finish``),
:func:`assign_stories`, :func:`cluster`.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import math
import re
from collections import Counter
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Iterable, Mapping, Sequence

import numpy as np

from newsevents.records import DocumentResult

if TYPE_CHECKING:  # pragma: no cover - scipy is imported where clustering needs it (it costs ~0.4 s)
    import scipy.sparse as sp

NUM_PERM = 128
SHINGLE = 3
DUPLICATE_JACCARD = 0.75
Z = 2.0
DEFAULT_THRESHOLD = 0.15
NAME_WEIGHT = 2.0  # a shared name (person, place, year) says more about the event than a shared word
NEIGHBOURS = 3  # local scale: an article's similarity to its 3rd nearest neighbour
RELATIVE = 0.6  # two articles join when their similarity is this share of their local scales
MIN_PAIRS_FOR_STATS = 1000
WINDOW_DAYS = 7
MAX_WORDS = 120  # compact signature: most frequent content words kept per article
MAX_NAMES = 80
LEAD_CHARS = 300
_SAMPLE_PAIRS = 200_000
_PAIR_CHUNK = 20_000  # sampled pairs multiplied at a time (the row products are sparse matrices)

_ENTITY_LABELS = {"PERSON", "ORG", "GPE", "LOC", "FAC", "NORP", "EVENT", "PRODUCT", "WORK_OF_ART", "LAW"}

# Function words and reporting verbs: common to every story, they say nothing about which one.
_STOP = frozenset("""
a about above after again against all also although among an and another any are around as at
be because been before being below between both but by can could did do does doing down during
each either even ever every few for from further had has have having he her here hers him his
how however i if in into is it its itself just last least less like many may me might more most
much must my near neither never new next no nor not now of off on once one only or other our ours
out over own per same she should since so some such than that the their theirs them then there
these they this those though three through thus to too two under until up upon us very was we
were what when where whether which while who whom whose why will with within without would yet
you your year years said says say saying told tells according week weeks day days time times
today yesterday tomorrow monday tuesday wednesday thursday friday saturday sunday mr mrs ms http
https www com html htm
""".split())

_WORD = re.compile(r"[A-Za-z][A-Za-z'\-]*[A-Za-z]|[A-Za-z]")
_SHINGLE_WORD = re.compile(r"\w+", re.UNICODE)
_YEAR = re.compile(r"\b(19[5-9]\d|20[0-4]\d)\b")
_CAPSEQ = re.compile(r"(?<![.!?]\s)(?<!^)\b([A-Z][a-z]+(?:\s+[A-Z][a-z]+)*)")
_ARTICLE_PREFIX = re.compile(r"^(the|a|an)\s+")


@dataclass(frozen=True, slots=True)
class StoryInfo:
    """Where one article belongs: its story and, for a reprint, the earliest copy's input id."""

    story_id: str
    duplicate_of: str | None = None
    article_id: str = ""  # content hash (the store's key)


_SEP = "\x1f"  # between the terms of a compact signature (never inside a word or a normalised name)
_MAX32 = np.uint64((1 << 32) - 1)


class Signature:
    """The compact features of one article that clustering needs (and the store keeps).

    Held compactly, since a run keeps one per article until :meth:`StoryIndex.finish`: the terms
    as one string (joined by ``\\x1f``, in their original order) plus an array of their counts in
    the smallest type that holds every one exactly (uint8 for word and name counts; float64 at
    worst), and the MinHash as uint32 (affine32 hash values fit; uint64 otherwise). About 2 KB
    per article instead of 13 KB as a dict of strings and floats. ``terms`` and ``minhash`` give
    back exactly what was passed in (a new dict / uint64 array on each access); clustering reads
    :meth:`term_items` without building the dict."""

    __slots__ = ("id", "article_id", "date", "source", "_minhash", "_keys", "_weights", "order", "story_id",
                 "duplicate_of")

    def __init__(self, id: str, article_id: str, date: str | None, source: str | None, minhash: np.ndarray,
                 terms: Mapping[str, float], order: int = 0, story_id: str | None = None,
                 duplicate_of: str | None = None):
        self.id = id  # input id
        self.article_id = article_id  # content hash
        self.date = date  # ISO day of publication (the article's date)
        self.source = source
        self.minhash = minhash  # uint64[NUM_PERM]
        self.terms = terms  # word -> count; "e:name", "g:geonameid", "d:dyad", "y:year" -> count
        self.order = order
        self.story_id = story_id  # set for stored signatures
        self.duplicate_of = duplicate_of

    @property
    def minhash(self) -> np.ndarray:
        return self._minhash.astype(np.uint64)

    @minhash.setter
    def minhash(self, value: Any) -> None:
        hv = np.asarray(value, dtype=np.uint64)
        self._minhash = hv.astype(np.uint32) if not (hv > _MAX32).any() else hv.copy()

    @property
    def terms(self) -> dict[str, float]:
        return dict(self.term_items())

    @terms.setter
    def terms(self, value: Mapping[str, float]) -> None:
        keys = list(value)
        if any(_SEP in k for k in keys):  # never from our features; keep such keys apart
            self._keys: str | tuple[str, ...] = tuple(keys)
        else:
            self._keys = _SEP.join(keys)
        w64 = np.fromiter((float(v) for v in value.values()), dtype=np.float64, count=len(keys))
        self._weights = w64
        small = (np.uint8, np.uint16) if ((w64 >= 0) & (w64 <= 65535)).all() else ()
        for dtype in (*small, np.float32):  # the smallest type that gives every count back exactly
            w = w64.astype(dtype)
            if np.array_equal(w.astype(np.float64), w64):
                self._weights = w
                break

    def term_items(self) -> Iterable[tuple[str, float]]:
        """(term, count) in the original order, counts as Python floats."""
        keys = self._keys.split(_SEP) if isinstance(self._keys, str) else self._keys
        if not self._weights.size:
            return iter(())
        return zip(keys, self._weights.astype(np.float64).tolist())

    def __repr__(self) -> str:
        return (f"Signature(id={self.id!r}, article_id={self.article_id!r}, date={self.date!r}, "
                f"source={self.source!r}, terms={self._weights.size}, story_id={self.story_id!r})")

    def day(self) -> int | None:
        if not self.date:
            return None
        try:
            return dt.date.fromisoformat(self.date[:10]).toordinal()
        except ValueError:
            return None


# -- features ----------------------------------------------------------------------------------

def content_words(text: str) -> list[str]:
    """Lower-cased content words with a light plural strip (``arrests`` -> ``arrest``)."""
    out: list[str] = []
    append, stop = out.append, _STOP
    for w in _WORD.findall(text):
        w = w.lower()
        if w[-2:] == "'s":
            w = w[:-2]
        n = len(w)
        if n < 3 or w in stop:
            continue
        if n > 4 and w[-1] == "s" and w[-2] != "s":
            w = w[:-1]
        append(w)
    return out


def _norm_name(text: str) -> str:
    t = _ARTICLE_PREFIX.sub("", text.strip().lower())
    if t.endswith("'s") or t.endswith("\u2019s"):
        t = t[:-2]
    return " ".join(t.split())


_PERMUTATIONS: list = []  # the MinHash permutations for seed 1, drawn once per process


def _minhash(text: str) -> np.ndarray:
    from datasketch import MinHash

    toks = _SHINGLE_WORD.findall(text.lower())
    if len(toks) < SHINGLE:
        shingles = [" ".join(toks).encode("utf-8")] if toks else [b""]
    else:
        shingles = [" ".join(toks[i:i + SHINGLE]).encode("utf-8") for i in range(len(toks) - SHINGLE + 1)]
    if not _PERMUTATIONS:
        _PERMUTATIONS.append(MinHash(num_perm=NUM_PERM, seed=1, scheme="affine32").permutations)
    # the same permutations as MinHash(seed=1) draws, without drawing them again for every article
    m = MinHash(num_perm=NUM_PERM, seed=1, scheme="affine32", permutations=_PERMUTATIONS[0])
    m.update_batch(shingles)
    return m.hashvalues.astype(np.uint64)


def _top(c: Counter, n: int) -> dict[str, float]:
    # most frequent first; ties by key so the signature is the same every run
    return {k: float(v) for k, v in sorted(c.items(), key=lambda kv: (-kv[1], kv[0]))[:n]}


def _build(id_: str, article_id: str, text: str, title: str | None, date: str | None, source: str | None,
           names: Counter) -> Signature:
    words = Counter(content_words(text))
    words.update(content_words((title or "") + " " + text[:LEAD_CHARS]))  # the lead counts twice
    for y in _YEAR.findall(text):
        names["y:" + y] += 1
    terms = _top(words, MAX_WORDS)
    terms.update(_top(names, MAX_NAMES))
    return Signature(id=id_, article_id=article_id, date=date, source=source, minhash=_minhash(text),
                     terms=terms)


def signature(result: DocumentResult) -> Signature:
    """The compact features of a coded article (entities, places, actors, event dyads, words)."""
    a = result.article
    # the window is about publication dates: a date named in the lead of an undated article is
    # the event's (or a relative day resolved without a base), and splitting on it cost recall
    return stored_signature(
        a.id, a.content_hash, a.text, title=a.title, date=a.date, source=a.source,
        entities=((e.text, e.label) for e in result.entities), geonameids=(p.geonameid for p in result.places),
        dyads=(({x.code for x in ev.source if x.code}, {x.code for x in ev.target if x.code}, ev.root)
               for ev in result.events))


def stored_signature(id: str, article_id: str, text: str, *, title: str | None, date: str | None,
                     source: str | None, entities: Iterable[tuple[str, str]], geonameids: Iterable[int | None],
                     dyads: Iterable[tuple[Iterable[str], Iterable[str], str | None]]) -> Signature:
    """The same features as :func:`signature`, from what the store keeps of a coded article: its
    entities as (text, label), its places' gazetteer ids, and per event the codes of its sources,
    of its targets and its root (so a run that stopped before stories can be finished later)."""
    names: Counter = Counter()
    for text_, label in entities:
        if label in _ENTITY_LABELS:
            n = _norm_name(text_)
            if n:
                names["e:" + n] += 1
                if label == "PERSON" and " " in n:
                    names["e:" + n.split()[-1]] += 1
    for g in geonameids:
        if g:
            names[f"g:{g}"] += 1
    for sources, targets, root in dyads:
        src = ",".join(sorted({c for c in sources if c})) or "-"
        tgt = ",".join(sorted({c for c in targets if c})) or "-"
        if src != "-" or tgt != "-":
            names[f"d:{src}>{tgt}:{root}"] += 1
    return _build(id, article_id, text, title, date, source, names)


def text_signature(id: str, text: str, *, date: str | None = None, title: str | None = None,
                   source: str | None = None) -> Signature:
    """Features without the NLP pipeline: names are runs of capitalised words not at a sentence
    start. For benchmarks and callers that have only text."""
    from newsevents.records import content_hash

    names: Counter = Counter()
    for m in _CAPSEQ.finditer(text):
        n = _norm_name(m.group(1))
        if n and n not in _STOP:
            names["e:" + n] += 1
    return _build(id, content_hash(text, date, title), text, title, date, source, names)


# -- near-duplicates -----------------------------------------------------------------------------

class _DSU:
    def __init__(self, n: int):
        self.p = list(range(n))

    def find(self, x: int) -> int:
        while self.p[x] != x:
            self.p[x] = self.p[self.p[x]]
            x = self.p[x]
        return x

    def union(self, a: int, b: int) -> None:
        ra, rb = self.find(a), self.find(b)
        if ra != rb:
            self.p[max(ra, rb)] = min(ra, rb)


def _sort_key(sig: Signature) -> tuple:
    return (sig.date is None, sig.date or "", sig.article_id)


def duplicate_groups(sigs: Sequence[Signature], window_days: int = WINDOW_DAYS) -> list[int]:
    """For each signature, the index of the earliest member of its near-duplicate group."""
    from datasketch import MinHashLSH

    n = len(sigs)
    dsu = _DSU(n)
    lsh = MinHashLSH(threshold=DUPLICATE_JACCARD, num_perm=NUM_PERM)
    days = [s.day() for s in sigs]
    # exact copies first (same minhash) without LSH
    seen: dict[bytes, int] = {}
    reps = []
    for i, s in enumerate(sigs):
        key = s.minhash.tobytes()
        if key in seen and _in_window(days[i], days[seen[key]], window_days):
            dsu.union(i, seen[key])
            continue
        seen.setdefault(key, i)
        reps.append(i)
    with lsh.insertion_session(buffer_size=10_000) as session:
        for i in reps:
            session.insert(str(i), _lean(sigs[i].minhash), check_duplication=False)
    for i in reps:
        for key in lsh.query(_lean(sigs[i].minhash)):
            j = int(key)
            if j <= i:
                continue
            jac = float(np.mean(sigs[i].minhash == sigs[j].minhash))
            if jac >= DUPLICATE_JACCARD and _in_window(days[i], days[j], window_days):
                dsu.union(i, j)
    # earliest member per group
    roots: dict[int, int] = {}
    for i in sorted(range(n), key=lambda k: _sort_key(sigs[k])):
        roots.setdefault(dsu.find(i), i)
    return [roots[dsu.find(i)] for i in range(n)]


def _lean(hv: np.ndarray):
    from datasketch import LeanMinHash

    return LeanMinHash(seed=1, hashvalues=hv, scheme="affine32")


def day_iso(ordinal: int) -> str:
    """The ISO day of a proleptic Gregorian ordinal, clamped to the calendar (0001-01-01 to
    9999-12-31): a window around an article dated at either edge stops there instead of raising."""
    return dt.date.fromordinal(min(max(ordinal, dt.date.min.toordinal()), dt.date.max.toordinal())).isoformat()


def _in_window(a: int | None, b: int | None, window_days: int) -> bool:
    return a is None or b is None or abs(a - b) <= window_days


# -- stories ---------------------------------------------------------------------------------

def _matrix(sigs: Sequence[Signature]) -> "sp.csr_matrix":
    import scipy.sparse as sp

    vocab: dict[str, int] = {}
    indptr = [0]
    indices: list[int] = []
    vals: list[float] = []
    for s in sigs:
        for k, v in s.term_items():
            indices.append(vocab.setdefault(k, len(vocab)))
            if k[1:2] == ":":  # a name: present or not, weighted
                vals.append(NAME_WEIGHT)
            else:
                vals.append(1.0 + math.log(v) if v >= 1 else v)
        indptr.append(len(indices))
    X = sp.csr_matrix((np.array(vals, dtype=np.float64), np.array(indices, dtype=np.int64), np.array(indptr)),
                      shape=(len(sigs), max(1, len(vocab))))
    df = np.bincount(X.indices, minlength=X.shape[1])
    idf = np.log((len(sigs) + 1.0) / (df + 1.0)) + 1.0
    X = X @ sp.diags(idf)
    norms = np.sqrt(np.asarray(X.multiply(X).sum(axis=1)).ravel())
    norms[norms == 0] = 1.0
    return sp.csr_matrix(sp.diags(1.0 / norms) @ X)


def threshold_for(X: "sp.csr_matrix", *, z: float = Z, seed: int = 0, chunk: int = _PAIR_CHUNK) -> float:
    """Mean + ``z`` standard deviations of the cosine between random pairs of articles (the pairs'
    cosines computed ``chunk`` pairs at a time: each pair's value does not depend on the chunk)."""
    n = X.shape[0]
    if n * (n - 1) // 2 < MIN_PAIRS_FOR_STATS:
        return DEFAULT_THRESHOLD
    rng = np.random.default_rng(seed)
    if n * (n - 1) // 2 <= _SAMPLE_PAIRS:
        i, j = np.triu_indices(n, 1)
    else:
        i = rng.integers(0, n, _SAMPLE_PAIRS)
        j = rng.integers(0, n, _SAMPLE_PAIRS)
        keep = i != j
        i, j = i[keep], j[keep]
    sims = np.empty(len(i), dtype=np.float64)
    for lo in range(0, len(i), chunk):
        a, b = i[lo:lo + chunk], j[lo:lo + chunk]
        sims[lo:lo + chunk] = np.asarray(X[a].multiply(X[b]).sum(axis=1)).ravel()
    return float(sims.mean() + z * sims.std())


def _story_labels(X: "sp.csr_matrix", days: list[int | None], t: float, window_days: int,
                  k: int = NEIGHBOURS, relative: float = RELATIVE) -> np.ndarray:
    """Average-link clusters over *locally scaled* similarities.

    Each article's scale ``m_i`` is its similarity to its ``k``-th nearest neighbour, floored at
    the batch threshold ``t``. The scaled similarity of a pair is ``s_ij / sqrt(m_i m_j)``, kept
    only when ``s_ij >= t / 2`` (the pair is related at all). Average link joins groups while the
    mean scaled similarity is at least ``relative``. A tight story (similar articles) then needs
    its members to be as close as they are to each other, and a loose one (short or differently
    worded articles) is judged on its own scale, whatever share of the batch is related. Clusters
    are found inside connected components of the pairs at or above ``relative`` (no average can
    reach it across two components)."""
    import scipy.sparse as sp
    from scipy.cluster.hierarchy import fcluster, linkage
    from scipy.sparse.csgraph import connected_components
    from scipy.spatial.distance import squareform

    n = X.shape[0]
    day = np.array([d if d is not None else -10**9 for d in days], dtype=np.int64)
    dated = np.array([d is not None for d in days])
    gate = t / 2.0
    rows, cols, vals = [], [], []
    scale = np.full(n, t, dtype=np.float64)
    step = 2000
    for lo in range(0, n, step):
        block = (X[lo:lo + step] @ X.T).tocoo()
        r, c, v = block.row + lo, block.col, block.data
        keep = (v >= gate) & (r != c)
        r, c, v = r[keep], c[keep], v[keep]
        ok = ~(dated[r] & dated[c] & (np.abs(day[r] - day[c]) > window_days))
        r, c, v = r[ok], c[ok], v[ok]
        # k-th largest similarity per row (rows with fewer than k related keep the floor t)
        order = np.lexsort((-v, r))
        rs = r[order]
        first = np.searchsorted(rs, np.arange(lo, min(lo + step, n)))
        counts = np.bincount(rs - lo, minlength=min(step, n - lo))
        has = counts >= k
        idx = first[has] + k - 1
        scale[lo:lo + step][has] = np.maximum(v[order][idx], t)
        rows.append(r)
        cols.append(c)
        vals.append(v)
    r = np.concatenate(rows) if rows else np.zeros(0, int)
    c = np.concatenate(cols) if cols else np.zeros(0, int)
    v = np.concatenate(vals) if vals else np.zeros(0)
    rel = v / np.sqrt(scale[r] * scale[c])
    strong = rel >= relative
    g = sp.csr_matrix((np.ones(int(strong.sum())), (r[strong], c[strong])), shape=(n, n))
    R = sp.csr_matrix((np.minimum(rel, 1.0), (r, c)), shape=(n, n))
    ncomp, comp = connected_components(g, directed=False)
    labels = np.zeros(n, dtype=np.int64)
    next_label = 0
    order = np.argsort(comp, kind="stable")
    bounds = np.flatnonzero(np.diff(comp[order])) + 1
    for members in np.split(order, bounds):
        if len(members) == 1:
            labels[members] = next_label
            next_label += 1
            continue
        Rm = R[members][:, members].toarray()
        D = 1.0 - (Rm + Rm.T) / 2
        np.fill_diagonal(D, 0.0)
        lab = fcluster(linkage(squareform(D, checks=False), "average"), 1.0 - relative, "distance")
        labels[members] = lab + next_label
        next_label += int(lab.max()) + 1
    return labels


def story_id_for(article_id: str) -> str:
    return "s-" + hashlib.sha1(article_id.encode("utf-8")).hexdigest()[:16]


def cluster(sigs: Sequence[Signature], *, stored: Sequence[Signature] = (), window_days: int = WINDOW_DAYS,
            z: float = Z, threshold: float | None = None) -> dict[str, StoryInfo]:
    """Assign story ids to ``sigs`` (new articles). ``stored`` are signatures already carrying a
    ``story_id`` (from the store); they shape the clusters and lend their ids but are not
    re-assigned. Returns input id -> :class:`StoryInfo` for the new articles only."""
    allsigs = list(stored) + list(sigs)
    n_old = len(stored)
    for k, s in enumerate(allsigs):  # stored first, then the batch in input order
        s.order = k
    if not allsigs:
        return {}
    dup_root = duplicate_groups(allsigs, window_days)
    reps = sorted(set(dup_root))
    rep_pos = {r: k for k, r in enumerate(reps)}
    X = _matrix([allsigs[r] for r in reps])
    t = threshold if threshold is not None else threshold_for(X, z=z)
    labels = _story_labels(X, [allsigs[r].day() for r in reps], t, window_days)
    members: dict[int, list[int]] = {}
    for i in range(len(allsigs)):
        members.setdefault(int(labels[rep_pos[dup_root[i]]]), []).append(i)
    out: dict[str, StoryInfo] = {}
    for idx in members.values():
        old_ids = Counter(allsigs[i].story_id for i in idx if i < n_old and allsigs[i].story_id)
        if old_ids:
            sid = sorted(old_ids.items(), key=lambda kv: (-kv[1], kv[0]))[0][0]
        else:
            first = min(idx, key=lambda i: _sort_key(allsigs[i]))
            sid = story_id_for(allsigs[first].article_id)
        for i in idx:
            if i < n_old:
                continue
            s = allsigs[i]
            root = allsigs[dup_root[i]]
            dup = None
            if dup_root[i] != i:
                dup = root.duplicate_of or root.id
            out[s.id] = StoryInfo(story_id=sid, duplicate_of=dup, article_id=s.article_id)
            s.story_id, s.duplicate_of = sid, dup
    return out


class StoryIndex:
    """Collects compact signatures while a run streams results; :meth:`finish` clusters them.

    ``index = StoryIndex(store=store)``; ``index.add(result)`` per coded article;
    ``assignments = index.finish()`` (and, with a store, the assignments and signatures are
    written to it)."""

    def __init__(self, *, store: Any = None, window_days: int = WINDOW_DAYS, write: bool = True):
        self.store = store
        self.window_days = window_days
        self.write = write
        self._sigs: list[Signature] = []
        self._seen: set[str] = set()

    def __len__(self) -> int:
        return len(self._sigs)

    def add(self, result: DocumentResult) -> None:
        self.add_signature(signature(result))

    def add_signature(self, sig: Signature) -> None:
        if sig.id in self._seen:
            return
        self._seen.add(sig.id)
        sig.order = len(self._sigs)
        self._sigs.append(sig)

    @property
    def signatures(self) -> list[Signature]:
        return self._sigs

    def finish(self) -> dict[str, StoryInfo]:
        stored: list[Signature] = []
        if self.store is not None and self._sigs:
            new_keys = {s.article_id for s in self._sigs}
            days = [s.day() for s in self._sigs]
            lo = hi = None
            if all(d is not None for d in days):
                lo = day_iso(min(days) - self.window_days)
                hi = day_iso(max(days) + self.window_days)
            stored = [s for s in self.store.story_signatures(date_from=lo, date_to=hi)
                      if s.article_id not in new_keys]
        out = cluster(self._sigs, stored=stored, window_days=self.window_days)
        if self.store is not None and self.write and out:
            self.store.update_stories(out, signatures=self._sigs)
        return out


def assign_stories(results: Iterable[DocumentResult], *, store: Any = None,
                   window_days: int = WINDOW_DAYS) -> dict[str, StoryInfo]:
    """Input id -> :class:`StoryInfo` (story id, duplicate_of) for coded articles. With a
    ``store`` (articles already written), stored signatures in the date window take part and the
    new story ids and signatures are written back."""
    index = StoryIndex(store=store, window_days=window_days)
    for r in results:
        index.add(r)
    return index.finish()

