"""Speech cues around a quote: the verb or noun that governs it, a speech verb next to it, and
whether the quote is a statement, a scare quote or a title."""

from __future__ import annotations

from typing import TYPE_CHECKING

from newsevents.stages.quotes.lexicon import MEDIA_NOUNS, NAMING_LEMMAS, SMALL_WORDS, SPEECH_LEMMAS, SPEECH_NOUNS, WORD_RE
from newsevents.stages.quotes.marks import DOUBLE_MARKS, QUOTE_MARKS, QuoteSpan
from newsevents.stages.quotes.view import QuoteView

if TYPE_CHECKING:  # pragma: no cover
    from spacy.tokens import Token

MIN_STATEMENT_WORDS = 5
GOVERN_DEPTH = 6


def content_tokens(view: QuoteView, sp: QuoteSpan) -> tuple[int, int]:
    a = view.tok_at(sp.start)
    tok = view.doc[a]
    if view.starts[a] + len(tok) <= sp.start + 1 and a + 1 < len(view.starts):
        a += 1 if tok.text in QUOTE_MARKS else 0
    b = view.tok_at(max(sp.start, sp.end - 1))
    return a, b + 1


def is_statement(view: QuoteView, sp: QuoteSpan) -> bool:
    content = view.text[sp.start + 1 : sp.end - (1 if sp.closed else 0)]
    words = WORD_RE.findall(content)
    return len(words) >= MIN_STATEMENT_WORDS


def looks_like_title(view: QuoteView, sp: QuoteSpan, a: int) -> bool:
    """A short quote in title case after a possessive or a media noun: a show, a book, a slogan."""
    content = view.text[sp.start + 1 : sp.end - (1 if sp.closed else 0)]
    words = WORD_RE.findall(content)
    if not words or len(words) > 8 or content.rstrip()[-1:] in "?!":
        return False
    if not all(w[0].isupper() or w.lower() in SMALL_WORDS or w[0].isdigit() for w in words):
        return False
    if not words[0][0].isupper():
        return False
    doc = view.doc
    for k in range(a - 1, max(-1, a - 4), -1):
        t = doc[k]
        if t.is_space or (t.is_punct and t.text not in ",:"):
            if t.text in DOUBLE_MARKS:
                continue
            break
        if t.tag_ == "POS" or t.lower_ in ("'s", "\u2019s") or t.lemma_ in MEDIA_NOUNS or t.lower_ in ("titled", "entitled"):
            return True
    return False


def governing_cue(view: QuoteView, sp: QuoteSpan, lo: int = 0, hi: int | None = None) -> "Token | None":
    """A speech/naming verb or speech noun that governs the quoted words (within 3 heads), found
    between ``lo`` and ``hi`` (chars: the neighbouring quotes or the paragraph)."""
    if hi is None:
        hi = len(view.text)
    a, b = content_tokens(view, sp)
    doc, starts, heads = view.doc, view.starts, view.heads()
    seen = set()
    for h in range(a, b):
        for _ in range(GOVERN_DEPTH):
            if h in seen:
                break
            seen.add(h)
            if not (sp.start <= starts[h] < sp.end) and lo <= starts[h] < hi:
                tok = doc[h]
                lemma = tok.lemma_
                if lemma in SPEECH_LEMMAS or lemma in NAMING_LEMMAS:
                    if tok.pos_ in ("VERB", "AUX"):
                        return tok
                if lemma in SPEECH_NOUNS and tok.pos_ == "NOUN":
                    return tok
            h = heads[h]  # (the root is its own head: seen, so the walk stops)
    return None


def is_cue_word(t: "Token") -> bool:
    """A speech verb, also when the tagger took it for a noun ("Bozell answers", "he notes")."""
    if t.lemma_ in SPEECH_LEMMAS and t.pos_ in ("VERB", "AUX"):
        return True
    low = t.lower_
    return t.pos_ in ("NOUN", "PROPN") and low.endswith("s") and low[:-1] in SPEECH_LEMMAS and low[:-1] not in SPEECH_NOUNS


def cue_in(view: QuoteView, toks, right: bool) -> "Token | None":
    """The speech cue nearest the quote among ``toks`` (outside quotes)."""
    doc = view.doc
    order = list(toks) if right else list(reversed(toks))
    for i in order:
        if view.inside[i]:
            continue
        t = doc[i]
        if t.lemma_ == "accord" and i + 1 < len(doc) and doc[i + 1].lower_ == "to":
            return t
        if is_cue_word(t) and t.lemma_ not in NAMING_LEMMAS:
            return t
    return None


def after_quote_cue(view: QuoteView, toks: range) -> "Token | None":
    """'"...," X said' / '"...," said X' / '"...," Bennett shot back': the verb that follows a
    quote closed by a comma (or ?/!) is its attribution, whatever the verb."""
    doc = view.doc
    n = 0
    for i in toks:
        t = doc[i]
        if t.is_space:
            continue
        if t.is_punct:
            if t.text in ".;:!?" or view.inside[i]:
                return None
            continue
        n += 1
        if n > 7:
            return None
        if is_cue_word(t) or (t.pos_ == "VERB" and t.dep_ in ("ROOT", "parataxis", "ccomp")):
            return t
    return None
