"""Where a clause happened: the place a verb's locative phrase names (:func:`place_for_clause`)."""

from __future__ import annotations

from newsevents.nlp import AnnotatedDoc, span_roots
from newsevents.records import Place

_LOC_PREPS = frozenset({"in", "at", "near", "outside", "inside", "across", "throughout", "around",
                        "within", "off", "along", "on"})
_ACTOR_DEPS = frozenset({"nsubj", "nsubjpass", "dobj", "iobj", "agent", "poss", "dative"})


def place_for_clause(adoc: AnnotatedDoc, token_i: int) -> Place | None:
    """The place where the clause of verb token ``token_i`` happened: a toponym that is the
    object of a locative preposition under the verb ("clashed in Aleppo", "met near the border
    in Kherson"), or under that preposition's noun ("at a market in Kabul"). A place that is the
    verb's subject or object ("Russia attacked Ukraine") is an actor, not a location, and is not
    returned. Needs :class:`PlaceStage` to have run (``adoc.extras["place_tokens"]``)."""
    spans = adoc.extras.get("place_tokens") or []
    if not spans:
        return None
    best: tuple[int, Place] | None = None
    for root_i, actor_of, verbs, place in _clause_paths(adoc):
        if actor_of == token_i or token_i not in verbs:
            continue
        dist = abs(root_i - token_i)
        if best is None or dist < best[0]:
            best = (dist, place)
    return best[1] if best else None


def _clause_paths(adoc: AnnotatedDoc) -> list[tuple[int, int | None, tuple[int, ...], Place]]:
    """Per recorded place span, what :func:`place_for_clause` asks of the parse whatever the verb:
    (root token, the head it is an actor of or None, the tokens its locative phrase attaches to,
    place). Computed once per document (the parse does not change between events)."""
    roots = span_roots(adoc, "place_tokens")
    return adoc.memo(("places.clause_paths", len(roots)), lambda: _build_clause_paths(adoc, roots))


def _build_clause_paths(adoc: AnnotatedDoc, roots: list) -> list:
    paths = []
    for start, end, place, root in roots:
        actor_of = root.head.i if root.dep_ in _ACTOR_DEPS else None
        # climb through compounds / appositions / "X, Country" conjunctions to the phrase head
        node = root
        for _ in range(3):
            if node.dep_ in ("compound", "appos", "conj", "npadvmod") and node.head is not node:
                node = node.head
            else:
                break
        verbs: tuple[int, ...] = ()
        if node.dep_ == "pobj" and node.head.lower_ in _LOC_PREPS:
            # the preposition's head and up to three hops above it, through nouns and modifiers,
            # stopping at a verb: the clause verb must be one of them
            h = node.head.head
            chain = [h.i]
            hops = 0
            while hops < 3 and h.head is not h and h.pos_ not in ("VERB", "AUX"):
                if h.dep_ in ("pobj", "prep", "dobj", "nsubj", "nsubjpass", "npadvmod", "advmod"):
                    h = h.head
                    hops += 1
                    chain.append(h.i)
                else:
                    break
            verbs = tuple(chain)
        paths.append((root.i, actor_of, verbs, place))
    return paths
