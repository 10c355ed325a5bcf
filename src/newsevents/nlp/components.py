"""Faster stand-ins for two of the English pipeline's rule components, with identical output.

The stock ``attribute_ruler`` runs spaCy's token Matcher over every token for 179 one-token
patterns (the tag map and the morph rules), and the stock ``lemmatizer`` calls a Python method per
token. Together they cost about as much as the dependency parser. Both are pure functions of a few
token attributes, so we compute each distinct case once and write the results back with
``Doc.from_array``:

* :class:`TableAttributeRuler` evaluates the ruler's own patterns (read from the loaded component,
  never copied) for each distinct (TAG, LOWER, DEP, IS_SPACE) combination, applies every matching
  pattern in the ruler's order (later patterns win, as in spaCy), and caches the merged result.
* :class:`CachedLemmatizer` keys the lemmatizer's own rule results by (ORTH, POS, MORPH), the
  key spaCy itself caches on, and calls the stock ``rule_lemmatize`` only for a new key.

The neural components keep their weights and their arithmetic, with one change in how a layer
runs at inference time:

* :func:`fast_maxout` runs thinc's Maxout layers (the tok2vec CNNs of the tagger/parser and of the
  NER, about 30% of all parsing time) with their weight rows reordered piece-major, so that the
  maximum over the pieces is taken over contiguous column blocks with numpy instead of thinc's
  per-element loop, which also builds the arg-max index array that only training needs. Each output
  value is the same dot product plus the same bias, so the result is bit-identical.

``tests/nlp/test_components.py`` checks token by token that the results equal the stock
components' on our articles, and that the fast Maxout gives bit-identical arrays.
"""

from __future__ import annotations

import logging
import re
from typing import Any, Callable

import numpy
from thinc.layers import maxout as _maxout
from spacy.attrs import DEP, IS_SPACE, LEMMA, LOWER, MORPH, ORTH, POS, TAG

log = logging.getLogger(__name__)

MAX_CACHE = 200_000  # distinct token keys remembered per component

_SET_ATTRS = (POS, MORPH, LEMMA, TAG, DEP)
_ATTR_NAMES = {"POS": POS, "MORPH": MORPH, "LEMMA": LEMMA, "TAG": TAG, "DEP": DEP}


def _predicate(attr: str, spec: Any) -> Callable[[dict[str, Any]], bool]:
    """One token-pattern condition as a function of the token's key values (strings and a bool)."""
    if isinstance(spec, dict):
        (op, arg), = spec.items()
        if op == "IN":
            values = frozenset(arg)
            return lambda tok: tok[attr] in values
        if op == "NOT_IN":
            values = frozenset(arg)
            return lambda tok: tok[attr] not in values
        if op == "REGEX":
            rx = re.compile(arg)
            return lambda tok: bool(rx.search(tok[attr]))
        raise ValueError(f"attribute ruler pattern operator {op!r} is not supported")
    return lambda tok: tok[attr] == spec


class TableAttributeRuler:
    """Same annotations as the stock AttributeRuler, for patterns over TAG/LOWER/DEP/IS_SPACE without
    quantifiers (one token or a fixed sequence of tokens)."""

    KEYS = ("TAG", "LOWER", "DEP", "IS_SPACE")

    def __init__(self, ruler) -> None:
        self.vocab = ruler.vocab
        # each token slot of each pattern, indexed by the exact TAG or LOWER values it needs, so that a
        # new token key is checked against a few candidate slots rather than every pattern
        self._by_tag: dict[str, list] = {}
        self._by_lower: dict[str, list] = {}
        self._free: list = []
        # LOWER regexes of any pattern: with the exact LOWER values above, the only way a token's
        # lower-case form can matter; any other word is keyed as 0 (see _lower_key)
        self._lower_regexes: list[re.Pattern] = []
        self._lower_keys: dict[int, int] = {}
        # per rule: alternatives (each a list of per-token predicate lists), target index, values
        self.rules: list[tuple[list[list[list[Callable]]], int, dict[int, int]]] = []
        for entry in ruler.patterns:
            alternatives = []
            for pattern in entry["patterns"]:
                tokens = []
                for tok in pattern:
                    if not set(tok) <= set(self.KEYS):
                        raise ValueError(f"attribute ruler pattern keys {sorted(tok)} are not supported")
                    lower = tok.get("LOWER")
                    if isinstance(lower, dict):
                        if "REGEX" in lower:
                            self._lower_regexes.append(re.compile(lower["REGEX"]))
                        elif "IN" not in lower:  # e.g. NOT_IN: every word would matter
                            raise ValueError(f"attribute ruler LOWER condition {lower} is not supported")
                    tokens.append([_predicate(k, v) for k, v in tok.items()])
                    self._index_slot(len(self.rules), len(alternatives), len(tokens) - 1, tok, tokens[-1])
                alternatives.append(tokens)
            self.rules.append((alternatives, entry.get("index", 0), self._attr_values(entry["attrs"])))
        self._cache: dict[tuple[int, int, int, int], tuple] = {}

    def _index_slot(self, r: int, a: int, pos: int, tok: dict, preds: list[Callable]) -> None:
        slot = (r, a, pos, preds)

        def exact(spec: Any) -> list[str] | None:
            if isinstance(spec, str):
                return [spec]
            if isinstance(spec, dict) and "IN" in spec:
                return list(spec["IN"])
            return None

        lowers, tags = exact(tok.get("LOWER")), exact(tok.get("TAG"))
        if lowers is not None:
            for v in lowers:
                self._by_lower.setdefault(v, []).append(slot)
        elif tags is not None:
            for v in tags:
                self._by_tag.setdefault(v, []).append(slot)
        else:
            self._free.append(slot)

    def _attr_values(self, attrs: dict) -> dict[int, int]:
        from spacy.parts_of_speech import IDS as POS_IDS

        out = {}
        for name, value in attrs.items():
            attr = _ATTR_NAMES.get(name)
            if attr is None:
                raise ValueError(f"attribute ruler sets {name!r}, which is not supported")
            if attr == MORPH:
                value = self.vocab.morphology.add(value)
            elif attr == POS:
                value = POS_IDS[value]
            else:
                value = self.vocab.strings.add(value)
            out[attr] = value
        return out

    def _merge(self, rule_ids) -> dict[int, int]:
        merged: dict[int, int] = {}
        for r in sorted(rule_ids):  # in the ruler's order: later patterns win
            merged.update(self.rules[r][2])
        return merged

    def _lower_key(self, lower: int, strings) -> int:
        """``lower`` itself if some pattern can test it (an exact LOWER value, or a LOWER regex it
        matches), else 0: every such word meets and fails the same conditions, so one cache entry
        per (TAG, DEP, IS_SPACE) serves them all instead of one per word."""
        text = strings[lower]
        if text in self._by_lower or any(rx.search(text) for rx in self._lower_regexes):
            return lower
        return 0

    def _entry(self, key: tuple[int, int, int, int], strings) -> tuple:
        """(one-token rules matched, their merged values, the (rule, alternative, position) of the
        longer patterns this token can fill)."""
        tok = {"TAG": strings[key[0]] if key[0] else "", "LOWER": strings[key[1]],
               "DEP": strings[key[2]] if key[2] else "", "IS_SPACE": bool(key[3])}
        single, slots = [], []
        candidates = self._by_tag.get(tok["TAG"], []) + self._by_lower.get(tok["LOWER"], []) + self._free
        for r, a, pos, preds in sorted(candidates, key=lambda slot: slot[:3]):
            if all(p(tok) for p in preds):
                if len(self.rules[r][0][a]) == 1:
                    single.append(r)
                else:
                    slots.append((r, a, pos))
        return tuple(single), self._merge(single), frozenset(slots)

    def __call__(self, doc):
        n = len(doc)
        if not n:
            return doc
        keys = doc.to_array([TAG, LOWER, DEP, IS_SPACE])
        current = doc.to_array(list(_SET_ATTRS))
        cache = self._cache
        if len(cache) > MAX_CACHE:  # bounded: memory stays flat over a long run
            cache.clear()
        strings = doc.vocab.strings
        entries = []
        lower_keys = self._lower_keys
        if len(lower_keys) > MAX_CACHE:
            lower_keys.clear()
        for tag, lower, dep, space in keys.tolist():
            low = lower_keys.get(lower)
            if low is None:
                low = lower_keys[lower] = self._lower_key(lower, strings)
            key = (tag, low, dep, space)
            entry = cache.get(key)
            if entry is None:  # computed from this token's own values, which stand for all alike
                entry = cache[key] = self._entry((tag, lower, dep, space), strings)
            entries.append(entry)
        extra: dict[int, set[int]] = {}  # token -> longer rules that set it
        for i, (_single, _merged, slots) in enumerate(entries):
            for r, a, pos in slots:
                if pos:
                    continue
                tokens = self.rules[r][0][a]
                if i + len(tokens) <= n and all((r, a, p) in entries[i + p][2] for p in range(1, len(tokens))):
                    index = self.rules[r][1]
                    target = i + (index if index >= 0 else len(tokens) + index)
                    extra.setdefault(target, set()).add(r)
        effects = [entry[1] for entry in entries]
        for i, rules in extra.items():
            effects[i] = self._merge(set(entries[i][0]) | rules)
        cols = []
        for col, attr in enumerate(_SET_ATTRS):
            old = current[:, col].tolist()
            cols.append([eff.get(attr, value) for eff, value in zip(effects, old)])
        new = numpy.array(cols, dtype=numpy.uint64).T
        if (new != current).any():
            doc.from_array(list(_SET_ATTRS), new)
        return doc


class CachedLemmatizer:
    """The stock rule lemmatizer's results, computed once per (ORTH, POS, MORPH) key."""

    def __init__(self, lemmatizer) -> None:
        if lemmatizer.mode != "rule" or lemmatizer.overwrite:
            raise ValueError("only the non-overwriting rule lemmatizer is supported")
        self.stock = lemmatizer
        self.vocab = lemmatizer.vocab
        self._cache: dict[tuple[int, int, int], int] = {}

    def __call__(self, doc):
        if not len(doc):
            return doc
        if not self.stock._validated:
            self.stock._validate_tables()
        rows = doc.to_array([ORTH, POS, MORPH, LEMMA]).tolist()
        if all(row[3] for row in rows):
            return doc
        cache = self._cache
        if len(cache) > MAX_CACHE:
            cache.clear()
        strings = doc.vocab.strings
        lemmas = []
        for i, (orth, pos, morph, lemma) in enumerate(rows):
            if not lemma:
                key = (orth, pos, morph)
                lemma = cache.get(key)
                if lemma is None:
                    lemma = cache[key] = strings.add(self.stock.rule_lemmatize(doc[i])[0])
            lemmas.append(lemma)
        lemmas = numpy.array(lemmas, dtype=numpy.uint64)
        doc.from_array([LEMMA], lemmas)
        return doc


def _inference_only(_dY):
    raise RuntimeError("this Maxout layer was set up for inference only (newsevents.nlp.components)")


def fast_maxout(layer) -> Callable:
    """A forward function for a thinc Maxout ``layer`` with the same output at inference time
    (training falls back to thinc's own forward).

    thinc stores W as (nO, nP, nI): the nP pieces of an output unit are adjacent rows, and its
    maxout then walks the (N, nO, nP) result element by element. With the rows reordered to
    (nP, nO, nI), piece p of every unit is the column block p*nO:(p+1)*nO of one gemm, and the
    maximum is nP-1 vectorised ``numpy.maximum`` calls. The reordered weights are rebuilt whenever
    the layer's parameter arrays are replaced."""
    nO, nP, nI = layer.get_dim("nO"), layer.get_dim("nP"), layer.get_dim("nI")
    cached: dict[str, Any] = {}

    def forward(model, X, is_train):
        if is_train:
            return _maxout.forward(model, X, is_train)
        W, b = model.get_param("W"), model.get_param("b")
        if cached.get("params") != (id(W), id(b)):
            cached["W"] = numpy.ascontiguousarray(
                model.ops.reshape3f(W, nO, nP, nI).transpose(1, 0, 2).reshape(nP * nO, nI))
            cached["b"] = numpy.ascontiguousarray(model.ops.reshape2f(b, nO, nP).T.reshape(nP * nO))
            cached["params"] = (id(W), id(b))
        Y = model.ops.gemm(X, cached["W"], trans2=True)
        Y += cached["b"]
        best = numpy.maximum(Y[:, :nO], Y[:, nO:2 * nO])
        for p in range(2, nP):
            numpy.maximum(best, Y[:, p * nO:(p + 1) * nO], out=best)
        return best, _inference_only

    return forward


def _speed_up_maxout(nlp) -> int:
    """Give every thinc Maxout layer of ``nlp``'s trained components the fast forward; returns how many."""
    count = 0
    for _name, proc in nlp.pipeline:
        model = getattr(proc, "model", None)
        if model is None or not hasattr(model, "walk"):
            continue
        for node in model.walk():
            if (node.name == "maxout" and node._func is _maxout.forward and node.ops.xp is numpy
                    and all(node.has_dim(d) for d in ("nO", "nP", "nI"))):
                node._func = fast_maxout(node)  # thinc's Model calls self._func(self, X, is_train)
                count += 1
    return count


def speed_up(nlp) -> list[str]:
    """Swap the stock attribute ruler and lemmatizer of ``nlp`` for the table-driven ones, in place
    (same names, same order), and give its Maxout layers the fast forward. Returns the names
    swapped (plus ``"maxout"`` when layers were changed); a component it cannot reproduce is kept."""
    swapped = []
    if _speed_up_maxout(nlp):
        swapped.append("maxout")
    for name, make in (("attribute_ruler", TableAttributeRuler), ("lemmatizer", CachedLemmatizer)):
        if name not in nlp.pipe_names:
            continue
        try:
            fast = make(nlp.get_pipe(name))
        except ValueError as exc:
            log.info("keeping spaCy's own %s: %s", name, exc)
            continue
        index = [n for n, _ in nlp._components].index(name)
        nlp._components[index] = (name, fast)  # spaCy keeps (name, component) pairs in this list
        swapped.append(name)
    return swapped
