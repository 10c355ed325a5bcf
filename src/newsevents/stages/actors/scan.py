"""The scan: greedy longest match of knowledge-base phrases over consecutive tokens.

Keys are :func:`~newsevents.resources.actors.kb.compact` forms; a prefix set stops each attempt
early. Case and part-of-speech checks drop impossible readings (``us`` is not the US; the verb
``press`` is not the media).
"""

from __future__ import annotations

from itertools import compress
from typing import TYPE_CHECKING

from newsevents.nlp import TokenView
from newsevents.resources.actors.kb import KB, SECTOR, ActorEntry, case_ok
from newsevents.stages.actors.hits import Hit
from newsevents.stages.actors.tokens import PHRASE, TokenTable, WordKinds

if TYPE_CHECKING:  # pragma: no cover
    from spacy.tokens import Doc

MAX_TOKENS = 12
POSSESSIVE = {"'s", "’s", "'", "’", "´s", "`s"}


class PhraseScanner:
    """Finds the knowledge-base phrases of a document (shares the knowledge base, read-only)."""

    def __init__(self, kb: KB):
        self.kb = kb
        self.words = WordKinds(kb)

    def starts(self, tk: TokenTable) -> list[int]:
        """The tokens where a phrase may start: a word whose key starts a phrase's key, and is a
        phrase or may go on with the next word's key (a word without a key, as "-", is skipped).
        A cheap test that drops most words."""
        kb, words, orth, n = self.kb, self.words, tk.orth, tk.n
        kinds = words.kinds(orth, tk.doc.vocab.strings)
        may_start = compress(range(n), kinds)
        if kb.stems:  # user-dictionary stems (rare): no test of the next word
            if "" in kb.stem_heads:  # one-word stems: any word with a key
                return [i for i in range(n) if words.key[orth[i]]]
            return list(may_start)
        key, prefixes = words.key, kb.prefixes
        starts = []
        for i in may_start:
            if kinds[i] == PHRASE:
                starts.append(i)
            elif i + 1 < n:
                after = key[orth[i + 1]]
                if not after or key[orth[i]] + after in prefixes:
                    starts.append(i)
        return starts

    def scan(self, doc: "Doc | TokenTable") -> list[Hit]:
        tk = doc if isinstance(doc, TokenTable) else TokenTable(TokenView(doc))
        kb = self.kb
        prefixes = kb.prefixes
        phrases = kb.phrases
        stems, stem_heads = kb.stems, kb.stem_heads
        text = tk.text
        n = tk.n
        hits: list[Hit] = []
        starts = self.starts(tk)
        key_of, orth = self.words.key, tk.orth  # ORTH hash -> key
        free = 0  # the first token after the last hit
        for i in starts:
            if i < free or text(i) in POSSESSIVE:
                continue
            best: Hit | None = None
            key = ""
            for j in range(i, min(n, i + MAX_TOKENS)):
                kj = key_of[orth[j]]
                if j > i:
                    if kj and key + kj not in prefixes and not (stems and key in stem_heads):
                        break  # no phrase goes on with this word (checked first: it is cheap)
                    if tk.is_space(j) or tk.is_sent_start(j) or text(j) in POSSESSIVE or "\n" in text(j):
                        break
                if not kj:
                    continue
                if stems and key in stem_heads:  # a user-dictionary stem ending inside this word
                    for m in range(len(kj) - 1, 0, -1):
                        entries = stems.get(key + kj[:m])
                        if entries:
                            by = self._filter(tk, i, j + 1, entries)
                            if by:
                                best = Hit(i, j + 1, by)
                                break
                key += kj
                if key not in prefixes:
                    break
                entries = phrases.get(key)
                if entries:
                    by = self._filter(tk, i, j + 1, entries)
                    if by:
                        best = Hit(i, j + 1, by)
            if best is not None:
                hits.append(best)
                free = best.j
        return hits

    def _filter(self, tk: TokenTable, i: int, j: int, entries: list[ActorEntry]) -> dict[str, list[ActorEntry]]:
        text = tk.span_text(i, j)
        last_pos = tk.pos(j - 1)
        by: dict[str, list[ActorEntry]] = {}
        for e in entries:
            if not case_ok(e.case, text):
                continue
            if e.category == SECTOR and last_pos not in ("NOUN", "PROPN"):
                continue
            if e.category == SECTOR and e.case == "any" and text.isupper() and len(text) > 3:
                continue  # ALL-CAPS headline words are names more often than not
            by.setdefault(e.category, []).append(e)
        return by
