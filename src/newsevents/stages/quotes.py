"""Quote stage: direct quotations and who said them.

How it works, in three passes over one article:

1. **Find quoted spans** with one regex scan for quotation marks in the clean text (straight ``"``
   and curly, whichever the text has). Each mark is read as opening or closing from the ORIGINAL
   character when that was a curly mark, otherwise from its neighbours. A quote left open at the end
   of a paragraph continues when the next paragraph opens with a quotation mark (the newswire
   convention for quotes that run over several paragraphs); otherwise it ends with the paragraph.
   Single-quoted phrases (``tackle 'regional terrorism'``) are read as quotes only when a speech verb
   governs them.
2. **Keep statements, drop scare quotes and titles.** A quote of five or more words is a statement.
   A shorter one is kept only when a speech, naming or judging verb governs it (``called the move
   "reckless"``) or a cue stands next to it; a short title-case quote after a possessive or a media
   noun (``MSNBC's "Morning Joe"``) is a title. Skipped spans are listed (ORIGINAL offsets) in
   ``adoc.extras["quotes_skipped"]`` so an explanation can show them.
3. **Find the speaker** from a cue verb (said, told, added, warned, wrote, ... or ``according to``)
   next to the quote, between the neighbouring quotes, in the same sentence or the sentence that
   introduces it with a colon. The speaker is the cue's subject (also when inverted: ``said X``).
   A pronoun is resolved through the actor stage's mention when there is one, otherwise to the most
   recent person named before it. A quote with no cue of its own continues the previous quote
   (``"...," he said. "..."`` becomes one quote whose span covers both fragments) or, in a new
   paragraph, inherits the previous speaker when nobody else was named in between.

Spans are computed on the clean text and mapped to ORIGINAL offsets with ``AnnotatedDoc.orig``.
Only sentences that contain or touch a quote are walked.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from newsevents.nlp import AnnotatedDoc
from newsevents.records import Quote

if TYPE_CHECKING:  # pragma: no cover
    from spacy.tokens import Token

__all__ = ["QuoteStage", "find_quote_spans", "SPEECH_LEMMAS"]

# Verbs that introduce or report speech (lemmas). A quote next to one of these is attributed to
# its subject.
SPEECH_LEMMAS = frozenset(
    """
    say tell add insist warn state declare note explain ask argue claim write tweet post retweet
    announce reply respond continue conclude recall remark observe acknowledge admit assert caution
    complain concede confirm contend deny emphasize emphasise stress suggest urge vow promise predict
    quip joke shout yell scream testify maintain proclaim boast lament muse mutter answer counter
    retort describe dub label term read begin open interject exclaim repeat reiterate report
    chant sing comment opine speak tout thunder fume gush whisper plead beg demand pledge charge
    accuse blast slam criticize criticise praise mock brag sneer snap chide scoff rail reason
    recount recollect reveal disclose inform assure advise agree disagree point tell cry sigh
    hint allege propose offer threaten rant grumble concur estimate surmise wonder query question
    summarize summarise elaborate specify underscore underline highlight indicate signal quote
    characterize characterise call
    """.split()
)

# Verbs that name or characterise something with a quoted phrase: ``called the plan "reckless"``.
NAMING_LEMMAS = frozenset(
    "call describe dub label term brand refer characterize characterise deem name nickname "
    "denounce condemn hail praise slam blast decry dismiss bemoan applaud echo mouth ridicule "
    "lambaste lambast reject defend attack mock deride rebuke scold fault criticize criticise "
    "welcome thank congratulate blame vow pledge promise threaten cite invoke recite shrug".split()
)

# Nouns that mark a quote as a statement when they govern it: ``her pledge to "end the shortages"``.
SPEECH_NOUNS = frozenset(
    "statement remark remarks comment comments words word quote tweet message speech interview "
    "letter post testimony vow promise pledge warning claim claims argument answer reply response "
    "slogan chant motto line phrase question".split()
)

PRONOUNS = frozenset("he she they we i you it who this that".split())
PERSON_PRONOUNS = frozenset("he she i we they".split())
_GENDER = {"he": "m", "him": "m", "his": "m", "she": "f", "her": "f"}

DOUBLE_MARKS = '"\u201c\u201d\u201e\u00ab\u00bb'
_QUOTE_MARKS = DOUBLE_MARKS + "'\u2018"  # double and single (opening) quotation marks
_OPENERS = "\u201c\u201e\u00ab"
_CLOSERS = "\u201d\u00bb"
_MARK_RE = re.compile('["\u201c\u201d\u201e\u00ab\u00bb]')
_SINGLE_RE = re.compile(r"(?:(?<=^)|(?<=[\s(\[{\u2014\u2013-]))['\u2018]([A-Za-z][^'\u2018\u2019\n]{1,80}?[\w.,!?])['\u2019](?![A-Za-z])")
_SINGLE_MARK_RE = re.compile("['\u2018]")
_TAG_RE = re.compile(r"<[A-Za-z/!][^<>\n]*>")
_OPEN_CONTEXT = set(" \t\n([{\u2014\u2013-/:;,")
_CLOSE_AFTER = set(" \t\n)]}.,;:!?\u2014\u2013-/")
_WORD_RE = re.compile(r"[^\W_]+(?:['\u2019][^\W_]+)*")

MIN_STATEMENT_WORDS = 5
GOVERN_DEPTH = 6


@dataclass
class _Span:
    """A quoted region in clean-text offsets: ``start`` at the opening mark, ``end`` after the
    closing mark (or at the end of the paragraph for a quote that is never closed)."""

    start: int
    end: int
    fragments: list[tuple[int, int]] = field(default_factory=list)
    single: bool = False  # single quotation marks
    closed: bool = True


def _direction(text: str, i: int, orig_char: str | None) -> str:
    """'open', 'close' or '?' for the quotation mark at clean index ``i``."""
    ch = orig_char if orig_char and orig_char in DOUBLE_MARKS else text[i]
    if ch in _OPENERS:
        return "open"
    if ch in _CLOSERS:
        return "close"
    prev = text[i - 1] if i > 0 else "\n"
    nxt = text[i + 1] if i + 1 < len(text) else "\n"
    if (prev in _OPEN_CONTEXT or prev.isspace()) and not nxt.isspace():
        return "open"
    if not prev.isspace() and (nxt in _CLOSE_AFTER or nxt.isspace()):
        return "close"
    return "?"


def find_quote_spans(text: str, orig_char=None) -> list[_Span]:
    """Pair the double quotation marks of ``text`` into quoted spans (marks included).

    ``orig_char(i)`` may give the original character behind clean index ``i`` so that a curly mark
    turned straight by text repair still says which way it faces.
    """
    marks = [m.start() for m in _MARK_RE.finditer(text)]
    if not marks:
        return []
    if "<" in text:  # attribute values inside markup (<tweet author="...">) are not quotes
        tags = [(m.start(), m.end()) for m in _TAG_RE.finditer(text)]
        if tags:
            marks = [i for i in marks if not any(a < i < b for a, b in tags)]
    spans: list[_Span] = []
    open_at: int | None = None
    frag_start: int | None = None
    frags: list[tuple[int, int]] = []

    def para_end(i: int) -> int:
        j = text.find("\n", i)
        return len(text) if j < 0 else j

    def next_para_opens_with_mark(i: int) -> int | None:
        """Index of the opening mark that starts the paragraph after the one holding ``i``."""
        j = para_end(i)
        n = len(text)
        while j < n and text[j].isspace():
            j += 1
        if j < n and text[j] in DOUBLE_MARKS:
            return j
        return None

    k = 0
    while k < len(marks):
        i = marks[k]
        d = _direction(text, i, orig_char(i) if orig_char else None)
        if open_at is not None and text.find("\n", frag_start, i) >= 0:
            # the open quote ran to the end of its paragraph without closing
            pe = para_end(frag_start)
            cont = next_para_opens_with_mark(frag_start)
            frags.append((frag_start, pe))
            if cont is not None and cont == i:
                frag_start = i  # continues in the next paragraph: this mark re-opens it
                k += 1
                continue
            spans.append(_Span(open_at, pe, frags, closed=False))
            open_at, frags = None, []
        if open_at is None:
            if d == "close" and text[i] not in _CLOSERS and not (orig_char and orig_char(i) in _CLOSERS):
                d = "open"  # a straight mark that reads as closing, with nothing open: open anyway
            if d == "close":
                k += 1  # a stray closing mark
                continue
            open_at = frag_start = i
            frags = []
        else:
            if d == "open" and _direction(text, i, None) != "close":
                # an opening mark inside an open quote: the earlier one was never closed
                frags.append((frag_start, i))
                spans.append(_Span(open_at, i, frags, closed=False))
                open_at = frag_start = i
                frags = []
            else:
                frags.append((frag_start, i + 1))
                # a paragraph that ends right after an unclosed-looking quote is handled above;
                # a closed quote may still continue in the next paragraph (no closing mark at the
                # end of a paragraph is the convention, but some writers close and reopen).
                spans.append(_Span(open_at, i + 1, frags))
                open_at, frags = None, []
        k += 1
    if open_at is not None:
        pe = para_end(frag_start)
        frags.append((frag_start, pe))
        spans.append(_Span(open_at, pe, frags, closed=False))
    return [s for s in spans if s.end - s.start > 2]


def _single_matches(text: str):
    """``_SINGLE_RE.finditer(text)``, with the pattern tried only where a single quotation mark
    stands (a match starts at one) rather than at every character."""
    end = 0
    for mark in _SINGLE_MARK_RE.finditer(text):
        if mark.start() < end:
            continue  # inside the previous match
        m = _SINGLE_RE.match(text, mark.start())  # (its lookbehind still sees the text before)
        if m is not None:
            end = m.end()
            yield m


def _single_spans(text: str, doubles: list[_Span]) -> list[_Span]:
    out = []
    for m in _single_matches(text):
        s, e = m.start(), m.end()
        if any(d.start <= s < d.end for d in doubles):
            continue
        out.append(_Span(s, e, [(s, e)], single=True))
    return out


# ---------------------------------------------------------------------------------------------
# speaker finding


@dataclass
class _Speaker:
    start: int  # clean offsets
    end: int
    name: str | None
    code: str | None
    key: str  # what identifies the speaker across quotes (lowercased name or text)


class _DocView:
    """Per-article helpers over the spaCy doc: token lookup by char, quote membership, persons."""

    def __init__(self, adoc: AnnotatedDoc, spans: list[_Span]):
        import bisect

        from spacy.attrs import IDX

        self.adoc = adoc
        doc = adoc.doc
        self.doc = doc
        self.text = adoc.text
        n = len(doc)
        # token index of each quote's content, and which tokens lie inside any quote
        self.inside = bytearray(n)
        self.starts = doc.to_array(IDX).tolist()  # each token's first character
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
            words = _WORD_RE.findall(name)
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
            from spacy.attrs import SENT_START

            later = numpy.flatnonzero(doc.to_array(SENT_START)[1:] == 1) + 1
            self._sent_starts = [0] + later.tolist()
        k = self._bisect(self._sent_starts, tok_i) - 1
        first = self._sent_starts[k]
        last = (self._sent_starts[k + 1] if k + 1 < len(self._sent_starts) else len(doc)) - 1
        return self.starts[first], self.starts[last] + len(doc[last])

    def heads(self) -> list[int]:
        """Each token's head token index (read once per document)."""
        if self._heads is None:
            import numpy
            from spacy.attrs import HEAD

            offsets = self.doc.to_array(HEAD).astype(numpy.int64)  # relative, stored unsigned
            self._heads = (numpy.arange(len(offsets)) + offsets).tolist()
        return self._heads

    def tok_at(self, char: int) -> int:
        """Index of the token that contains or starts before ``char``."""
        i = self._bisect(self.starts, char) - 1
        return max(0, min(i, len(self.starts) - 1))

    def full_name(self, text: str) -> str:
        words = _WORD_RE.findall(text)
        if not words:
            return text
        return self.full.get(words[-1].lower(), text)

    def speaker_from_token(self, h: "Token", before_char: int) -> _Speaker | None:
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
            return _Speaker(h.idx, h.idx + len(h), name, code, self.key_of(name or low))
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
        return _Speaker(s, e, name, code, self.key_of(name or self.text[s:e]))

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
        words = _WORD_RE.findall(self.full_name(text).lower())
        return words[-1] if words else text.lower()


# Nouns for people and for the sources that speak for them ("the report said", "the ad claims").
SOURCE_NOUNS = frozenset(
    """
    official officials source sources aide aides adviser advisor spokesman spokeswoman spokesperson
    minister president senator governor mayor leader chairman chairwoman chair director secretary
    officer analyst expert campaign committee group report reports statement poll polls ad ads
    board editorial survey study people voters critics supporters residents protesters crowd
    audience candidate candidates host anchor reporter journalist author writer editor lawyer
    attorney judge prosecutor police spokesmen member members manager chief head party government
    administration agency ministry department office team staff friend friends father mother wife
    husband son daughter woman man women men official activist activists organizer organizers
    delegate delegates lawmaker lawmakers legislator republican republicans democrat democrats
    conservative conservatives liberal liberals economist economists scientist scientists
    researcher researchers professor teacher student students worker workers owner founder
    president-elect nominee challenger opponent rival rivals insider insiders strategist pollster
    article letter tweet post message memo document filing lawsuit complaint website network
    newspaper paper magazine outlet station
    """.split()
)
_HUMAN_SUFFIXES = ("er", "or", "ist", "ian", "man", "woman", "person", "ant", "ent", "ee")


def _is_source(t: "Token") -> bool:
    """Can this subject speak? A name, an organisation, a personal pronoun, or a noun for a
    person or a speaking source."""
    if t.ent_type_ in ("PERSON", "ORG", "NORP", "GPE"):
        return True
    low = t.lower_
    if t.pos_ == "PRON":
        return low in PERSON_PRONOUNS or low in ("who", "you", "someone", "somebody", "everyone")
    if t.pos_ == "PROPN":
        return True
    lemma = t.lemma_.lower()
    return lemma in SOURCE_NOUNS or low in SOURCE_NOUNS or lemma.endswith(_HUMAN_SUFFIXES)


def _subject(v: "Token") -> "Token | None":
    """The subject of a cue verb, climbing through ``by saying``/``adding ...``/``went on to say``
    clauses to the clause that has one. A subject that cannot speak ("the areas suggested") makes
    the climb go on to the next clause up; if none can, the first subject found is returned."""
    first = None
    for _ in range(6):
        if v.lemma_ == "accord":
            for c in v.children:
                if c.lower_ == "to":
                    for g in c.children:
                        if g.dep_ == "pobj":
                            return g
            return first
        subj = None
        for c in v.children:
            if c.dep_ in ("nsubj", "nsubjpass"):
                subj = v.head if (c.lower_ in ("that", "which") and v.dep_ == "relcl") else c
                break
        if subj is None and v.dep_ == "acl" and v.head.pos_ in ("NOUN", "PROPN", "PRON"):
            subj = v.head
        if subj is not None:
            if _is_source(subj):
                return subj
            if first is None:
                first = subj
        head = v.head
        if head.i == v.i:
            break  # the root: climbing on would only look at it again
        v = head
    return first


def _inverted_subject(v: "Token") -> "Token | None":
    """``said the mayor``: a noun right of the verb when the parser gave it no subject."""
    for c in v.rights:
        if c.dep_ in ("dobj", "attr", "npadvmod", "dative", "oprd") and c.pos_ in ("PROPN", "NOUN"):
            return c
    return None


class QuoteStage:
    name = "quotes.v1"
    requires = ("doc", "actors")
    produces = ("quotes",)

    def process(self, adoc: AnnotatedDoc) -> None:
        text = adoc.text
        if not any(ch in text for ch in _QUOTE_MARKS):
            return
        original = adoc.original
        offs = adoc.repaired.offsets

        def orig_char(i: int) -> str | None:
            o = offs[i]
            return original[o] if 0 <= o < len(original) else None

        doubles = find_quote_spans(text, orig_char)
        singles = _single_spans(text, doubles)
        if not doubles and not singles:
            return
        view = _DocView(adoc, doubles)
        skipped: list[tuple[int, int]] = []
        found = _attribute(view, doubles, singles, skipped)
        if skipped:  # kept for explanations: quoted words read as scare quotes or titles
            adoc.extras["quotes_skipped"] = [adoc.orig(s, e)[:2] for s, e in skipped]
        for sp, spk in found:
            s, e, qtext = adoc.orig(sp.start, sp.end)
            if e <= s:
                continue
            if spk is not None:
                ss, se, stext = adoc.orig(spk.start, spk.end)
                adoc.quotes.append(Quote(s, e, qtext, stext, ss, se, spk.name, spk.code))
            else:
                adoc.quotes.append(Quote(s, e, qtext))


# ---------------------------------------------------------------------------------------------


def _content_tokens(view: _DocView, sp: _Span) -> tuple[int, int]:
    a = view.tok_at(sp.start)
    tok = view.doc[a]
    if view.starts[a] + len(tok) <= sp.start + 1 and a + 1 < len(view.starts):
        a += 1 if tok.text in _QUOTE_MARKS else 0
    b = view.tok_at(max(sp.start, sp.end - 1))
    return a, b + 1


def _is_statement(view: _DocView, sp: _Span) -> bool:
    content = view.text[sp.start + 1 : sp.end - (1 if sp.closed else 0)]
    words = _WORD_RE.findall(content)
    if len(words) >= MIN_STATEMENT_WORDS:
        return True
    if not words:
        return False
    return False


def _governing_cue(view: _DocView, sp: _Span, lo: int = 0, hi: int | None = None) -> "Token | None":
    """A speech/naming verb or speech noun that governs the quoted words (within 3 heads), found
    between ``lo`` and ``hi`` (chars: the neighbouring quotes or the paragraph)."""
    if hi is None:
        hi = len(view.text)
    a, b = _content_tokens(view, sp)
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


def _window_tokens(view: _DocView, lo: int, hi: int) -> range:
    """Tokens whose start lies in [lo, hi) chars."""
    if hi <= lo:
        return range(0)
    a = view._bisect(view.starts, lo - 1)
    b = view._bisect(view.starts, hi - 1)
    return range(a, b)


def _is_cue_word(t: "Token") -> bool:
    """A speech verb, also when the tagger took it for a noun ("Bozell answers", "he notes")."""
    if t.lemma_ in SPEECH_LEMMAS and t.pos_ in ("VERB", "AUX"):
        return True
    low = t.lower_
    return t.pos_ in ("NOUN", "PROPN") and low.endswith("s") and low[:-1] in SPEECH_LEMMAS and low[:-1] not in SPEECH_NOUNS


def _cue_in(view: _DocView, toks, right: bool) -> "Token | None":
    """The speech cue nearest the quote among ``toks`` (outside quotes)."""
    doc = view.doc
    order = list(toks) if right else list(reversed(toks))
    for i in order:
        if view.inside[i]:
            continue
        t = doc[i]
        if t.lemma_ == "accord" and i + 1 < len(doc) and doc[i + 1].lower_ == "to":
            return t
        if _is_cue_word(t) and t.lemma_ not in NAMING_LEMMAS:
            return t
    return None


_BAD_SUBJECT_ENTS = frozenset("DATE TIME CARDINAL ORDINAL PERCENT MONEY QUANTITY".split())
_NOT_SPEAKERS = frozenset("it this that which there what these those".split())


def _valid_subject(view: _DocView, t: "Token | None") -> bool:
    if t is None or view.inside[t.i] or t.is_punct or t.is_space:
        return False
    if t.lower_ in _NOT_SPEAKERS:
        return False
    ent = view.ent_of.get(t.i)
    if ent is not None and ent.label_ in _BAD_SUBJECT_ENTS:
        return False
    return t.pos_ in ("PROPN", "NOUN", "PRON") or ent is not None


def _speaker_of_cue(view: _DocView, cue: "Token", window: range | None = None) -> "Token | None":
    """The subject of a cue: parsed subject, else the noun phrase next to it inside ``window``."""
    subj = _subject(cue)
    if _valid_subject(view, subj):
        return subj
    if cue.lemma_ == "accord":
        return None
    inv = _inverted_subject(cue)
    if _valid_subject(view, inv):
        return inv
    if window is not None:
        doc = view.doc
        # '"...," Bozell answers' with the verb tagged as a noun: the name right before it
        k = cue.i - 1
        if k in window and _valid_subject(view, doc[k]) and doc[k].pos_ in ("PROPN", "PRON"):
            return doc[k]
        # '"...," said the 43-year-old': the first noun after it
        for k in range(cue.i + 1, min(cue.i + 6, window.stop)):
            if doc[k].is_punct:
                break
            if _valid_subject(view, doc[k]) and doc[k].pos_ in ("PROPN", "NOUN", "PRON"):
                # the head of its phrase
                h = doc[k]
                while h.head.i in window and h.head.i > h.i and h.dep_ in ("compound", "amod", "det", "nummod"):
                    h = h.head
                return h
    return None


def _after_quote_cue(view: _DocView, toks: range) -> "Token | None":
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
        if _is_cue_word(t) or (t.pos_ == "VERB" and t.dep_ in ("ROOT", "parataxis", "ccomp")):
            return t
    return None


def _attribute(view: _DocView, doubles: list[_Span], singles: list[_Span], skipped: list):
    text = view.text
    doc = view.doc
    out: list[tuple[_Span, _Speaker | None]] = []
    prev: tuple[_Span, _Speaker | None] | None = None
    prev_cue = None
    all_spans = sorted(doubles, key=lambda s: s.start)
    for idx, sp in enumerate(all_spans):
        prev_end = all_spans[idx - 1].end if idx else 0
        next_start = all_spans[idx + 1].start if idx + 1 < len(all_spans) else len(text)
        para_start = text.rfind("\n", 0, sp.start) + 1
        pe = text.find("\n", sp.end)
        para_end = len(text) if pe < 0 else pe
        a, b = _content_tokens(view, sp)
        # right window: after the quote to the end of the sentence that follows, the next quote or
        # the paragraph end; left window: from the sentence start (or previous quote) to the quote
        r_hi = min(next_start, para_end)
        if sp.end < len(text):
            t_after = view.tok_at(sp.end)
            if view.starts[t_after] < sp.end and t_after + 1 < len(doc):
                t_after += 1
            if t_after < len(doc):
                r_hi = min(r_hi, max(view.sent_chars(t_after)[1], sp.end + 1))
        l_lo = max(prev_end, para_start, view.sent_chars(a)[0])
        right_toks = _window_tokens(view, sp.end, r_hi)
        left_toks = _window_tokens(view, l_lo, sp.start)
        statement = _is_statement(view, sp)
        gov = _governing_cue(view, sp, max(prev_end, para_start), min(next_start, para_end))
        cue = speaker = None
        tries = []
        if gov is not None and gov.pos_ in ("VERB", "AUX"):
            tries.append((gov, None))
        closing = text[max(sp.start, sp.end - 3) : sp.end]
        if sp.closed and any(c in closing for c in ",?!") or text[sp.end : sp.end + 2].lstrip()[:1] == ",":
            c = _after_quote_cue(view, right_toks)
            if c is not None:
                tries.append((c, right_toks))
        c = _cue_in(view, right_toks, right=True)
        if c is not None:
            tries.append((c, right_toks))
        c = _cue_in(view, left_toks, right=False)
        if c is not None:
            tries.append((c, left_toks))
        for c, win in tries:
            if prev_cue is not None and c.i == prev_cue.i:
                continue  # the previous quote's cue: this is its second fragment
            subj = _speaker_of_cue(view, c, win)
            if subj is not None:
                cue = c
                speaker = view.speaker_from_token(subj, sp.start)
                if speaker is not None:
                    break
        if speaker is None:
            # introduced by a colon: "Okafor continued:" / "More from Lindqvist:"
            j = sp.start - 1
            while j >= 0 and text[j] in " \t\n":
                j -= 1
            if j >= 0 and text[j] == ":":
                subj, intro = _colon_speaker(view, view.tok_at(j))
                if subj is not None:
                    speaker = view.speaker_from_token(subj, sp.start)
                    cue = cue or intro
        if cue is None and tries and not (prev_cue is not None and tries[0][0].i == prev_cue.i):
            cue = tries[0][0]
        if not statement and _looks_like_title(view, sp, a):
            skipped.append((sp.start, sp.end))  # "MSNBC's "Morning Joe"", the podcast "So, That Happened"
            continue
        if not statement and cue is None and gov is None:
            skipped.append((sp.start, sp.end))  # a scare quote or a title
            continue
        if speaker is None and prev is not None and prev[1] is not None:
            pspan, pspk = prev
            between = text[pspan.end : sp.start]
            if "\n" not in between and cue is None:
                # a second fragment of the same quote: "...," he said. "..."
                pspan.end = sp.end
                pspan.fragments.extend(sp.fragments)
                continue
            # a new paragraph: inherit when nobody else was named in between
            named = any(
                not view.inside[e.start] and pspan.end <= e.start_char < sp.start
                and not (pspk.start <= e.start_char < pspk.end) and view.key_of(e.text) != pspk.key
                for e in view.persons
            )
            if not named and between.count("\n\n") <= 2 and _paragraph_is_quote(text, sp, para_start):
                if cue is None and "\n" not in between.strip():
                    # the next paragraph of the same quotation: one attribution, two fragments
                    pspan.end = sp.end
                    pspan.fragments.extend(sp.fragments)
                    continue
                speaker = pspk
        if speaker is None:
            speaker = _guess_speaker(view, sp, para_start, para_end, prev)
        out.append((sp, speaker))
        prev = (sp, speaker)
        prev_cue = cue
    # single-quoted partial quotes: only when a speech verb governs them
    for sp in singles:
        ps = view.text.rfind("\n", 0, sp.start) + 1
        pe = view.text.find("\n", sp.end)
        gov = _governing_cue(view, sp, ps, len(view.text) if pe < 0 else pe)
        if gov is None:
            continue
        subj = _speaker_of_cue(view, gov) if gov.pos_ in ("VERB", "AUX") else None
        spk = view.speaker_from_token(subj, sp.start) if subj is not None else None
        out.append((sp, spk))
    out.sort(key=lambda x: x[0].start)
    return out


_MEDIA_NOUNS = frozenset(
    "show program programme podcast book film movie song album series episode column newspaper "
    "magazine headline title documentary play musical novel segment channel network blog "
    "newsletter poem slogan sign banner hashtag".split()
)
_SMALL_WORDS = frozenset("a an the of and or for to in on at by with from as is but nor vs".split())


def _looks_like_title(view: _DocView, sp: _Span, a: int) -> bool:
    """A short quote in title case after a possessive or a media noun: a show, a book, a slogan."""
    content = view.text[sp.start + 1 : sp.end - (1 if sp.closed else 0)]
    words = _WORD_RE.findall(content)
    if not words or len(words) > 8 or content.rstrip()[-1:] in "?!":
        return False
    if not all(w[0].isupper() or w.lower() in _SMALL_WORDS or w[0].isdigit() for w in words):
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
        if t.tag_ == "POS" or t.lower_ in ("'s", "\u2019s") or t.lemma_ in _MEDIA_NOUNS or t.lower_ in ("titled", "entitled"):
            return True
    return False


def _guess_speaker(view: _DocView, sp: _Span, para_start: int, para_end: int, prev,
                   same_para_only: bool = False) -> _Speaker | None:
    """No cue and nothing to inherit: the person this passage is about. The nearest person named
    as a subject before the quote in its paragraph or the one before, else the nearest person
    named before it, else the first one named after it in the paragraph."""
    lo = view.text.rfind("\n", 0, max(0, para_start - 2)) + 1 if para_start > 0 else 0
    if same_para_only:
        lo = para_start
    before = [e for e in view.persons if lo <= e.start_char < sp.start and not view.inside[e.start]]
    for e in reversed(before):
        if e.root.dep_ in ("nsubj", "nsubjpass"):
            return view.speaker_from_token(e.root, sp.start)
    if before:
        return view.speaker_from_token(before[-1].root, sp.start)
    for e in view.persons:
        if sp.end <= e.start_char < para_end and not view.inside[e.start]:
            return view.speaker_from_token(e.root, sp.start)
    if prev is not None and prev[1] is not None:
        return prev[1]
    return None


def _colon_speaker(view: _DocView, ti: int):
    """Who introduces a quote with the colon at token ``ti``: the subject of the verb the colon
    hangs on ("Okafor continued:"), or the name right before it ("More from Lindqvist:")."""
    doc = view.doc
    h = doc[ti].head
    if not view.inside[h.i] and h.i < ti:
        if h.pos_ in ("VERB", "AUX"):
            subj = _subject(h) or _inverted_subject(h)
            if subj is not None and subj.i < ti and not view.inside[subj.i]:
                return subj, h
        elif h.pos_ in ("PROPN", "NOUN"):
            return h, h
    for k in range(ti - 1, max(-1, ti - 9), -1):
        t = doc[k]
        if view.inside[k] or t.is_space or t.text == "\n":
            break
        ent = view.ent_of.get(k)
        if ent is not None and ent.label_ in _BAD_SUBJECT_ENTS:
            continue
        if t.pos_ == "PROPN":
            return t, t
        if t.pos_ == "VERB":
            subj = _subject(t)
            if subj is not None and subj.i < ti and not view.inside[subj.i]:
                return subj, t
            break
    return None, None


def _paragraph_is_quote(text: str, sp: _Span, para_start: int) -> bool:
    """True when the quote opens its paragraph."""
    return text[para_start:sp.start].strip() == ""
