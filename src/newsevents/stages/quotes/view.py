"""A per-article view over the spaCy doc for the quote stage, and the speakers it builds."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from newsevents.nlp import AnnotatedDoc
from newsevents.stages.quotes.lexicon import PERSON_PRONOUNS, PRONOUNS, WORD_RE
from newsevents.stages.quotes.marks import QuoteSpan

if TYPE_CHECKING:  # pragma: no cover
    from spacy.tokens import Token


@dataclass
class Speaker:
    start: int  # clean offsets
    end: int
    name: str | None
    code: str | None
    key: str  # what identifies the speaker across quotes (lowercased name or text)


class QuoteView:
    """Per-article helpers over the spaCy doc: token lookup by char, quote membership, persons."""

    def __init__(self, adoc: AnnotatedDoc, spans: list[QuoteSpan]):
        import bisect

        self.adoc = adoc
        doc = adoc.doc
        self.doc = doc
        self.text = adoc.text
        n = len(doc)
        # token index of each quote's content, and which tokens lie inside any quote
        self.inside = bytearray(n)
        self.starts = adoc.tokens.values("IDX")  # each token's first character (shared: not to be changed)
        self._sent_starts: list[int] | None = None  # first token of each sentence, when needed
        self._heads: list[int] | None = None
        self._bisect = bisect.bisect_right
        for sp in spans:
            if sp.single:
                continue
            a = self.tok_at(sp.start)
            b = self.tok_at(max(sp.start, sp.end - 1))
            if b >= a:
                self.inside[a : b + 1] = b"\1" * (b + 1 - a)
        # person entities in order, and the fullest form of each surname
        self.persons = [e for e in adoc.ents if e.label_ == "PERSON"]
        self.person_starts = [e.start for e in self.persons]
        self.full: dict[str, str] = {}
        for e in self.persons:
            name = self.text[e.start_char : e.end_char]  # e.text
            words = WORD_RE.findall(name)
            if not words:
                continue
            last = words[-1].lower()
            cur = self.full.get(last)
            if cur is None or len(name) > len(cur):
                self.full[last] = name
        self.ent_of = {}
        for e in adoc.ents:
            for t in range(e.start, e.end):
                self.ent_of[t] = e

    def sent_chars(self, tok_i: int) -> tuple[int, int]:
        """The (start, end) characters of the sentence that holds token ``tok_i``, as
        ``doc[tok_i].sent`` gives them, from the sentence starts read once per document."""
        doc = self.doc
        if self._sent_starts is None:
            if doc.user_hooks or doc.user_span_hooks or doc.user_token_hooks or not doc.has_annotation("SENT_START"):
                sent = doc[tok_i].sent
                return sent.start_char, sent.end_char
            import numpy

            later = numpy.flatnonzero(self.adoc.tokens.signed_column("SENT_START")[1:] == 1) + 1
            self._sent_starts = [0] + later.tolist()
        k = self._bisect(self._sent_starts, tok_i) - 1
        first = self._sent_starts[k]
        last = (self._sent_starts[k + 1] if k + 1 < len(self._sent_starts) else len(doc)) - 1
        return self.starts[first], self.starts[last] + len(doc[last])

    def heads(self) -> list[int]:
        """Each token's head token index (read once per document)."""
        if self._heads is None:
            self._heads = self.adoc.tokens.heads().tolist()
        return self._heads

    def tok_at(self, char: int) -> int:
        """Index of the token that contains or starts before ``char``."""
        i = self._bisect(self.starts, char) - 1
        return max(0, min(i, len(self.starts) - 1))

    def window_tokens(self, lo: int, hi: int) -> range:
        """Tokens whose start lies in [lo, hi) chars."""
        if hi <= lo:
            return range(0)
        a = self._bisect(self.starts, lo - 1)
        b = self._bisect(self.starts, hi - 1)
        return range(a, b)

    def full_name(self, text: str) -> str:
        words = WORD_RE.findall(text)
        if not words:
            return text
        return self.full.get(words[-1].lower(), text)

    def speaker_from_token(self, h: "Token", before_char: int) -> Speaker | None:
        """Build a speaker from the head token of the subject noun phrase."""
        adoc = self.adoc
        low = h.lower_
        m = adoc.mention_at(h.i) if adoc.mentions else None
        if h.pos_ == "PRON" or low in PRONOUNS:
            if low not in PERSON_PRONOUNS and low not in ("who",):
                return None
            name = code = None
            if m is not None and m.actor is not None:
                name, code = m.actor.name or m.actor.text, m.actor.code or None
            elif low in ("he", "she"):
                name = self.recent_person(h.i)
            if low == "who" and h.head.dep_ == "relcl" and h.head.head is not h:
                # "Obama, who called it ...": the span is "who", the name its antecedent's
                ante = self.speaker_from_token(h.head.head, before_char)
                if ante is not None:
                    name, code = ante.name or self.text[ante.start : ante.end], ante.code
            return Speaker(h.idx, h.idx + len(h), name, code, self.key_of(name or low))
        ent = self.ent_of.get(h.i)
        if ent is not None and ent.label_ in ("PERSON", "ORG", "NORP", "GPE", "FAC"):
            s, e = ent.start_char, ent.end_char
            name = self.full_name(ent.text) if ent.label_ == "PERSON" else ent.text
        else:
            # the noun with its left modifiers: "the mayor", "the party's regional chairman"
            left = h
            for c in h.lefts:
                if c.dep_ in ("det", "compound", "amod", "poss", "nmod", "nummod") and not self.inside[c.i]:
                    left = c
                    break
            s, e = left.idx, h.idx + len(h)
            name = None
            if h.pos_ == "PROPN":
                # a name the entity recogniser missed: the run of proper nouns ending at the head
                k = h.i
                while k > 0 and self.doc[k - 1].pos_ == "PROPN" and not self.inside[k - 1]:
                    k -= 1
                name = self.full_name(self.doc[k : h.i + 1].text)
            # "chairman Reince Priebus": a person name right of the head inside the phrase
            for c in h.rights:
                ce = self.ent_of.get(c.i)
                if c.dep_ in ("appos", "compound", "flat") and ce is not None and ce.label_ == "PERSON":
                    name = self.full_name(ce.text)
                    e = max(e, ce.end_char)
                    break
        code = None
        if m is not None and m.actor is not None:
            name = m.actor.name or name
            code = m.actor.code or None
        return Speaker(s, e, name, code, self.key_of(name or self.text[s:e]))

    def recent_person(self, tok_i: int) -> str | None:
        """The fullest name of the person a pronoun at ``tok_i`` most likely stands for: the most
        recent PERSON named as a subject within the last few paragraphs, else the most recent one."""
        j = self._bisect(self.person_starts, tok_i - 1) - 1
        if j < 0:
            return None
        limit = self.doc[tok_i].idx
        for _ in range(3):  # look back over about three paragraphs
            k = self.text.rfind("\n\n", 0, max(0, limit - 1))
            if k < 0:
                limit = 0
                break
            limit = k
        latest = None
        while j >= 0:
            e = self.persons[j]
            j -= 1
            if self.inside[e.start]:
                continue
            if latest is None:
                latest = e
            if e.start_char < limit:
                break
            if e.root.dep_ in ("nsubj", "nsubjpass"):
                return self.full_name(e.text)
        return self.full_name(latest.text) if latest is not None else None

    def key_of(self, text: str) -> str:
        words = WORD_RE.findall(self.full_name(text).lower())
        return words[-1] if words else text.lower()
