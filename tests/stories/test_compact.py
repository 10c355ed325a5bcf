"""Compact signatures: what a run holds per article is small, and clustering is exactly what the
plain dict form gives. Over our own invented articles (eight made-up events, each told three ways,
plus a reprint of each); no NLP pipeline needed (text signatures)."""

from __future__ import annotations

import math
import sys

import numpy as np
import pytest
import scipy.sparse as sp

from newsevents.stories import (NAME_WEIGHT, Signature, StoryIndex, _matrix, cluster, text_signature,
                                threshold_for)

EVENTS = [
    # (key, person, place, country, what happened, date)
    ("flood", "Mirela Dostan", "Varnosk", "Keldor", "the river Ostra burst its banks", "2022-05-02"),
    ("strike", "Tomas Quellin", "Bray Harbour", "Anselia", "dock workers walked off the job", "2022-05-03"),
    ("vote", "Iris Kanwell", "Lutheby", "Norvania", "parliament rejected the budget", "2022-05-03"),
    ("arrest", "Paolo Ventrice", "Castel Mura", "Ostrevia", "police detained a blogger", "2022-05-04"),
    ("summit", "Hana Solberg", "Eskerud", "Vestmark", "two ministers signed a fishing accord", "2022-05-05"),
    ("fire", "Darius Okonkwe", "Mbeli", "Tarunda", "a fire destroyed the central market", "2022-05-05"),
    ("protest", "Leyla Arvani", "Qasrin", "Dalvara", "students marched against fuel prices", "2022-05-06"),
    ("quake", "Rin Takamatsu", "Horiguchi", "Sunmori", "an earthquake damaged the old bridge", "2022-05-07"),
]

TEMPLATES = [
    "{Thing} in {place} on Monday, officials in {country} said. {person} told reporters that the "
    "authorities in {place} were working through the night and that more help would reach {place} soon. "
    "Residents described long queues and closed roads around {place}.",
    "Officials in {country} said {thing} in the town of {place}. {person}, who visited {place} on "
    "Tuesday, promised support and said an inquiry would look at what happened. Local radio in {place} "
    "reported that shops stayed shut.",
    "A day after {thing} in {place}, {person} faced questions from opposition leaders in {country}. "
    "Critics said the response in {place} had been slow, while {person} said the government had acted "
    "quickly and would publish a report.",
]


def invented():
    out = []
    for key, person, place, country, thing, date in EVENTS:
        for k, tpl in enumerate(TEMPLATES):
            text = tpl.format(Thing=thing[0].upper() + thing[1:], thing=thing, place=place, country=country,
                              person=person)
            out.append((f"{key}{k}", text, date))
        out.append((f"{key}r", out[-3][1].replace("on Monday", "on Monday morning"), date))
    return out


@pytest.fixture(scope="module")
def sigs():
    return [text_signature(i, t, date=d) for i, t, d in invented()]


def _dict_matrix(sigs):
    """The TF-IDF matrix built from plain ``terms`` dicts, as before compact signatures."""
    vocab, indptr, indices, vals = {}, [0], [], []
    for s in sigs:
        for k, v in s.terms.items():
            indices.append(vocab.setdefault(k, len(vocab)))
            vals.append(NAME_WEIGHT if k[1:2] == ":" else (1.0 + math.log(v) if v >= 1 else v))
        indptr.append(len(indices))
    X = sp.csr_matrix((np.array(vals, dtype=np.float64), np.array(indices, dtype=np.int64), np.array(indptr)),
                      shape=(len(sigs), max(1, len(vocab))))
    df = np.bincount(X.indices, minlength=X.shape[1])
    X = X @ sp.diags(np.log((len(sigs) + 1.0) / (df + 1.0)) + 1.0)
    norms = np.sqrt(np.asarray(X.multiply(X).sum(axis=1)).ravel())
    norms[norms == 0] = 1.0
    return sp.csr_matrix(sp.diags(1.0 / norms) @ X)


def _deep(obj) -> int:
    if isinstance(obj, np.ndarray):
        return sys.getsizeof(obj) + (0 if obj.base is None else obj.nbytes)
    if isinstance(obj, dict):
        return sys.getsizeof(obj) + sum(_deep(k) + _deep(v) for k, v in obj.items())
    if isinstance(obj, (tuple, list)):
        return sys.getsizeof(obj) + sum(_deep(x) for x in obj)
    return sys.getsizeof(obj)


def test_terms_and_minhash_come_back_exactly_in_order():
    terms = {"ostra": 3.0, "e:mirela dostan": 1.0, "g:1234": 2.0, "y:2022": 1.0, "odd": 0.1, "big": 2.0 ** 30 + 1}
    hv = np.arange(128, dtype=np.uint64) * np.uint64(33_000_000)
    s = Signature(id="x", article_id="h", date="2022-05-02", source=None, minhash=hv, terms=terms)
    assert list(s.terms.items()) == list(terms.items())  # same order, same values (0.1 kept in float64)
    assert all(type(v) is float for v in s.terms.values())
    assert s._weights.dtype == np.float64
    small = Signature("s", "h", None, None, hv, {"a": 3.0, "b": 1.0})
    assert small._weights.dtype == np.uint8 and small.terms == {"a": 3.0, "b": 1.0}
    neg = {"a": -1.0, "b": 0.5}
    assert Signature("n", "h", None, None, hv, neg).terms == neg
    assert s.minhash.dtype == np.uint64 and np.array_equal(s.minhash, hv)
    wide = hv + np.uint64(1 << 40)  # not an affine32 value: kept as uint64
    assert np.array_equal(Signature("y", "h", None, None, wide, {}).minhash, wide)
    assert Signature("y", "h", None, None, wide, {}).terms == {}
    odd = {"a\x1fb": 1.0, "c": 2.0}  # a key with the separator in it still comes back
    assert Signature("z", "h", None, None, hv, odd).terms == odd


def _sizes(s):
    plain = _deep(s.terms) + _deep(s.minhash)  # a dict of terms and a uint64 MinHash
    held = sum(_deep(getattr(s, a)) for a in ("_keys", "_weights", "_minhash"))
    return held, plain


def test_held_signature_is_at_least_five_times_smaller_than_dicts(sigs):
    # a full-length article (all the invented texts at once: 120 words and every name kept)
    s = text_signature("long", " ".join(t for _, t, _ in invented()), date="2022-05-02")
    assert len(s.terms) > 120
    held, plain = _sizes(s)
    assert held * 5 <= plain, (held, plain)
    for s in sigs:  # short ones: the MinHash (512 bytes) is most of what is held
        held, plain = _sizes(s)
        assert held * 3 <= plain, (s.id, held, plain)


def test_matrix_is_exactly_the_dict_form(sigs):
    X, R = _matrix(sigs), _dict_matrix(sigs)
    assert X.shape == R.shape
    assert np.array_equal(X.indptr, R.indptr) and np.array_equal(X.indices, R.indices)
    assert np.array_equal(X.data, R.data)


def test_threshold_in_chunks_is_the_same_number(sigs):
    # two copies of the batch on later dates: 2016 pairs, enough for the random-pair statistic
    more = sigs + [text_signature(f"{i}-b", t, date=d.replace("-05-", "-06-")) for i, t, d in invented()]
    X = _matrix(more)
    i, j = np.triu_indices(X.shape[0], 1)
    sims = np.asarray(X[i].multiply(X[j]).sum(axis=1)).ravel()  # all pairs at once, as before
    expected = float(sims.mean() + 2.0 * sims.std())
    assert threshold_for(X) == expected
    assert threshold_for(X, chunk=7) == expected
    assert threshold_for(X, chunk=1000) == expected


def test_invented_stories_and_reprints(sigs):
    out = cluster(sigs)
    groups = {}
    for k, v in out.items():
        groups.setdefault(v.story_id, []).append(k)
    assert sorted(sorted(g) for g in groups.values()) == [
        sorted([f"{key}0", f"{key}1", f"{key}2", f"{key}r"]) for key in sorted(e[0] for e in EVENTS)]
    dups = {k: v.duplicate_of for k, v in out.items() if v.duplicate_of}
    # one duplicate per event: the reprint and its first telling (the earlier by content hash leads)
    assert sorted({k, root} == {f"{k[:-1]}0", f"{k[:-1]}r"} for k, root in dups.items()) == [True] * len(EVENTS)
    assert sorted(k[:-1] for k in dups) == sorted(e[0] for e in EVENTS)


def test_index_gives_what_dict_signatures_give(sigs):
    """The index (compact signatures) and signatures rebuilt from their plain dicts cluster alike."""
    index = StoryIndex()
    for s in sigs:
        index.add_signature(s)
    plain = [Signature(s.id, s.article_id, s.date, s.source, s.minhash, dict(s.terms)) for s in sigs]
    assert index.finish() == cluster(plain)
