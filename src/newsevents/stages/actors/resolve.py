"""Actor resolution over a spaCy ``Doc``: knowledge-base hits -> composed actor mentions.

Three passes, all linear in the number of tokens:

1. **Scan**: greedy longest match of knowledge-base phrases over consecutive tokens (keys are
   :func:`kb.compact` forms; a prefix set stops each attempt early). Case and part-of-speech checks
   drop impossible readings (``us`` is not the US; the verb ``press`` is not the media).
2. **Compose** the hits into mentions, left to right:
   * modifier (country, demonym, capital, seat, group, person) + optional ``'s`` + up to two
     free modifiers + sector words (+ optional titles + a person): ``Russian troops`` ->
     ``RUSMIL``; ``Iran's foreign minister`` -> the office holder on the article date;
     ``Assad's forces`` -> ``SYRMIL``; ``Iranian Foreign Minister Abbas Araghchi`` -> the person;
   * title or sector word + person: ``President Vladimir Putin``;
   * sector word + ``of`` + country/organisation: ``the president of Iran``;
   * demonyms joined by ``and``/``or``/commas share the sector word: ``Russian and Iranian troops``;
   * single hits: country names (``RUS``), capitals and seats of power as metonyms (``RUSGOV``;
     not after a locative preposition, not in a dateline), organisations and groups, known people
     (date-aware), bare sector words (country inferred only from a single-country article).
3. **Entities and coreference**: spaCy PERSON entities not yet covered become people (a surname
   seen earlier in the article refers back to that person; others are kept as ``unresolved``);
   ORG/NORP entities not covered are kept as ``unresolved``; ``he``/``she`` as a subject refers to
   the last person mentioned in an earlier sentence; ``counterpart`` takes the role of the last
   person with a known office.
"""

from __future__ import annotations

import functools
import os
from itertools import compress
from dataclasses import dataclass
from typing import TYPE_CHECKING

from newsevents.records import Actor
from newsevents.resources.actors.kb import DATA_DIR, ADJ, CAPITAL, COUNTRY, IGO, KB, PERSON, SEAT, SECTOR, TITLE, Entry, case_ok, compact

if TYPE_CHECKING:  # pragma: no cover
    from spacy.tokens import Doc, Span

MAX_TOKENS = 12
POSSESSIVE = {"'s", "’s", "'", "’", "´s", "`s"}
LOCATIVE = {"in", "at", "near", "outside", "inside", "across", "around", "throughout", "within", "into", "via",
            "across", "beyond", "around"}
JOINERS = {",", "and", "or", "&", "as well as"}
GAP_POS = {"ADJ", "NOUN", "PROPN", "ADV", "NUM"}
MODIFIERS = (PERSON, IGO, SEAT, COUNTRY, CAPITAL, ADJ)
PRONOUNS = {"he", "she"}
UNRESOLVED_LABELS = {"ORG", "NORP"}
DATELINE_PUNCT = {":", "—", "–", "-", "--", "(", ","}


# hash -> string for the spaCy attributes read as arrays (ORTH, LOWER, DEP); a hash always stands for
# the same string, whatever the model. Cleared when it grows large (as Resolver._words).
_STRINGS: dict[int, str] = {}
_CACHE_MAX = 300_000
_ATTRS: list[int] = []
_POS_NAMES: dict[int, str] = {}
# columns of the array _Tokens reads
_ORTH, _LOWER, _DEP, _POS, _HEAD, _SENT_START, _IS_SPACE, _IS_PUNCT, _IDX, _SPACY = range(10)


def _attrs() -> list[int]:
    if not _ATTRS:
        from spacy.attrs import DEP, HEAD, IDX, IS_PUNCT, IS_SPACE, LOWER, ORTH, POS, SENT_START, SPACY
        from spacy.parts_of_speech import NAMES

        _ATTRS.extend([ORTH, LOWER, DEP, POS, HEAD, SENT_START, IS_SPACE, IS_PUNCT, IDX, SPACY])
        _POS_NAMES.update(NAMES)
    return _ATTRS


def _string(h: int, store) -> str:
    s = _STRINGS.get(h)
    if s is None:
        s = _STRINGS[h] = store[h]
    return s


class _Tokens:
    """The token attributes the resolver reads, taken from a ``Doc`` with one ``doc.to_array``.

    ``doc[i]`` builds a new Token object on every call and each attribute is a lookup. The ORTH
    hashes of all tokens are a list (the scan reads them all); the other attributes are read for a
    few tokens only: ``tokens.text(i)`` is ``doc[i].text``, ``tokens.pos(i)`` is ``doc[i].pos_``,
    ``tokens.lower(i)`` is ``doc[i].lower_`` and so on (the values are the same)."""

    def __init__(self, doc: "Doc"):
        self.doc = doc
        self.n = len(doc)
        self._array = doc.to_array(_attrs())  # uint64, one row per token
        self._signed = self._array.view("int64")  # HEAD (an offset) and SENT_START (-1) are signed
        self._strings = doc.vocab.strings
        if len(_STRINGS) > _CACHE_MAX:
            _STRINGS.clear()
        self.orth: list[int] = self._array[:, _ORTH].tolist()

    def _string(self, i: int, column: int) -> str:
        return _string(int(self._array[i, column]), self._strings)

    def text(self, i: int) -> str:
        return _string(self.orth[i], self._strings)

    def lower(self, i: int) -> str:
        return self._string(i, _LOWER)

    def dep(self, i: int) -> str:
        return self._string(i, _DEP)

    def pos(self, i: int) -> str:
        return _POS_NAMES[int(self._array[i, _POS])]

    def head(self, i: int) -> int:
        """``doc[i].head.i``."""
        return i + int(self._signed[i, _HEAD])

    def is_sent_start(self, i: int) -> bool:
        """``bool(doc[i].is_sent_start)``: True only where ``sent_start`` is 1 (0 is unknown, -1 is not)."""
        return self._signed[i, _SENT_START] == 1

    def is_space(self, i: int) -> bool:
        return bool(self._array[i, _IS_SPACE])

    def is_punct(self, i: int) -> bool:
        return bool(self._array[i, _IS_PUNCT])

    def start(self, i: int) -> int:
        """``doc[i].idx``: the token's character offset."""
        return int(self._array[i, _IDX])

    def end(self, i: int) -> int:
        """``doc[i].idx + len(doc[i])``."""
        return int(self._array[i, _IDX]) + len(self.text(i))

    def with_lower(self, words: "set[str]") -> list[int]:
        """The tokens whose ``lower_`` is one of ``words``, in order."""
        column = self._array[:, _LOWER]
        found = None
        for w in words:
            is_w = column == self._strings[w]  # a string's hash, as the vocabulary stores it
            found = is_w if found is None else found | is_w
        return [] if found is None else found.nonzero()[0].tolist()

    def span_text(self, i: int, j: int) -> str:
        """``doc[i:j].text``."""
        if i >= j:
            return ""
        text, spacy = self.text, self._array[:, _SPACY]
        return "".join([text(t) + " " if spacy[t] else text(t) for t in range(i, j - 1)]) + text(j - 1)

    @functools.cached_property
    def _has_sents(self) -> bool:
        doc = self.doc
        return not ("sent" in doc.user_token_hooks or "sent" in doc.user_span_hooks or "sents" in doc.user_hooks) \
            and doc.has_annotation("SENT_START")

    def sent_start_of(self, t: int) -> int:
        """``doc[t].sent.start``."""
        if not self._has_sents:
            return self.doc[t].sent.start  # user hooks, or no sentence boundaries (an error)
        sent_start = self._signed[:, _SENT_START]
        s = t
        while sent_start[s] != 1 and s > 0:
            s -= 1
        return s


_PHRASE, _PREFIX = 2, 1  # kinds of words for the scan (0: neither)


class _Words(dict):
    """What the scan knows of each word seen, by ORTH hash, for one knowledge base: its kind
    (``_PHRASE``: its key is a phrase's; ``_PREFIX``: it only starts one; 0: neither) and, in
    ``key``, its key. A word is looked up when first seen; a document's words are looked up in one
    ``map`` (a C loop: the scan reads every token)."""

    def __init__(self, kb: KB):
        super().__init__()
        self.kb = kb
        self.key: dict[int, str] = {}
        self._store = None
        self._for_size = (len(kb.phrases), len(kb.prefixes))

    def kinds(self, orth: list[int], store) -> list[int]:
        kb = self.kb
        if len(self) > _CACHE_MAX or self._for_size != (len(kb.phrases), len(kb.prefixes)):
            self.clear()  # too many, or the knowledge base changed
            self.key.clear()
            self._for_size = (len(kb.phrases), len(kb.prefixes))
        self._store = store
        return list(map(self.__getitem__, orth))

    def __missing__(self, h: int) -> int:
        key = self.key[h] = compact(_string(h, self._store))
        kind = self[h] = _PHRASE if key in self.kb.phrases else _PREFIX if key in self.kb.prefixes else 0
        return kind


@dataclass(slots=True)
class Hit:
    i: int
    j: int
    by: dict[str, list[Entry]]

    def has(self, *cats: str) -> bool:
        return any(c in self.by for c in cats)

    def first(self, *cats: str) -> Entry | None:
        for c in cats:
            if c in self.by:
                return self.by[c][0]
        return None


@dataclass(slots=True)
class Found:
    """A resolved mention over tokens [i, j) before offsets are mapped."""

    i: int
    j: int
    code: str
    country: str | None
    sector: str | None
    name: str | None
    kind: str
    how: str
    role: str = ""
    person: bool = False  # refers to a single human (for pronoun / surname coreference)


def _code(country: str | None, sector: str | None) -> str:
    return (country or "") + (sector or "")


def _person_found(i: int, j: int, e: Entry, how: str) -> Found:
    code = e.org or _code(e.iso, e.sector)
    return Found(i, j, code, e.iso or None, e.sector or None, e.name, "person", how, e.role, True)


def _user(how: str, e: Entry, date: str | None) -> str:
    """Rule name for an entry; entries from a user dictionary also say which file and period."""
    if not e.source or e.source.startswith(str(DATA_DIR)):
        return how
    if how == "igo-alias":
        how = "actor"
    where = os.path.basename(e.source)
    if e.start or e.end:
        where += f" {e.start or '...'}..{e.end or '...'}"
    return f"{how}:user-dictionary {where}"


def _span(e: Entry) -> str:
    return f"{e.start}..{e.end}"


class Resolver:
    """Resolves one document at a time; holds only the (shared, read-only) knowledge base."""

    def __init__(self, kb: KB):
        self.kb = kb
        self._words = _Words(kb)

    def _starts(self, tk: _Tokens) -> list[int]:
        """The tokens where a phrase may start: a word whose key starts a phrase's key, and is a
        phrase or may go on with the next word's key (a word without a key, as "-", is skipped).
        A cheap test that drops most words."""
        kb, words, orth, n = self.kb, self._words, tk.orth, tk.n
        kinds = words.kinds(orth, tk.doc.vocab.strings)
        may_start = compress(range(n), kinds)
        if kb.stems:  # user-dictionary stems (rare): no test of the next word
            if "" in kb.stem_heads:  # one-word stems: any word with a key
                return [i for i in range(n) if words.key[orth[i]]]
            return list(may_start)
        key, prefixes = words.key, kb.prefixes
        starts = []
        for i in may_start:
            if kinds[i] == _PHRASE:
                starts.append(i)
            elif i + 1 < n:
                after = key[orth[i + 1]]
                if not after or key[orth[i]] + after in prefixes:
                    starts.append(i)
        return starts

    # ---------------------------------------------------------------- scan
    def scan(self, doc: "Doc | _Tokens") -> list[Hit]:
        tk = doc if isinstance(doc, _Tokens) else _Tokens(doc)
        kb = self.kb
        prefixes = kb.prefixes
        phrases = kb.phrases
        stems, stem_heads = kb.stems, kb.stem_heads
        text = tk.text
        n = tk.n
        hits: list[Hit] = []
        starts = self._starts(tk)
        key_of, orth = self._words.key, tk.orth  # ORTH hash -> key
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

    def _filter(self, tk: _Tokens, i: int, j: int, entries: list[Entry]) -> dict[str, list[Entry]]:
        text = tk.span_text(i, j)
        last_pos = tk.pos(j - 1)
        by: dict[str, list[Entry]] = {}
        for e in entries:
            if not case_ok(e.case, text):
                continue
            if e.category == SECTOR and last_pos not in ("NOUN", "PROPN"):
                continue
            if e.category == SECTOR and e.case == "any" and text.isupper() and len(text) > 3:
                continue  # ALL-CAPS headline words are names more often than not
            by.setdefault(e.category, []).append(e)
        return by

    # ---------------------------------------------------------------- helpers
    def _entity_maps(self, n: int, ents: list[tuple[int, int, str]]):
        label = [""] * n
        start = [-1] * n
        end = [-1] * n
        for s, e, ent_label in ents:
            label[s:e] = [ent_label] * (e - s)
            start[s:e] = [s] * (e - s)
            end[s:e] = [e] * (e - s)
        return label, start, end

    def _active(self, entries: list[Entry], date: str | None) -> Entry | None:
        for e in entries:
            if e.active(date):
                return e
        return None

    def _igo(self, hit: Hit, date: str | None) -> Entry:
        rows = hit.by[IGO]
        return self._active(rows, date) or rows[0]

    def _person_entry(self, rows: list[Entry], date: str | None) -> tuple[Entry, bool]:
        """Pick the row of a person for ``date``: in office (leader rows first), else the latest."""
        active = [r for r in rows if r.active(date)] if date else []
        if active:
            active.sort(key=lambda r: (not r.leader, r.start))
            return active[0], True
        if date:
            past = [r for r in rows if r.start and r.start <= date]
            if past:
                return max(past, key=lambda r: r.start), False
        return max(rows, key=lambda r: r.start), not date

    def _person_from_rows(self, i: int, j: int, rows: list[Entry], date: str | None, how: str) -> Found:
        # several people may share an alias ("Sharif", "Clinton"): prefer one in office on the date
        names: dict[str, list[Entry]] = {}
        for r in rows:
            names.setdefault(r.name, []).append(r)
        best: tuple[Entry, bool] | None = None
        for name in names:
            cand = self._person_entry(self.kb.people.get(name, names[name]), date)
            if best is None or (cand[1] and not best[1]) or (cand[1] == best[1] and cand[0].leader and not best[0].leader):
                best = cand
        assert best is not None
        e, in_office = best
        if in_office:
            return _person_found(i, j, e, f"{how}:{e.role} {_span(e)}")
        # out of office on this date: the person belongs to the country, not its government
        return Found(i, j, e.org or (e.iso or ""), e.iso or None, None if not e.org else e.sector,
                     e.name, "person", f"{how}:not in office on {date}", "", True)

    @staticmethod
    def _titled(f: Found, iso: str | None, sector: str | None) -> Found:
        """A known person out of office on the date but given a title in the text ("Finance Minister
        Ishaq Dar"): the title says what they are now."""
        if f.how.endswith(f"not in office on {f.how.rsplit(' ', 1)[-1]}") and sector and "not in office" in f.how:
            return Found(f.i, f.j, _code(iso, sector), iso, sector, f.name, "person", f.how + "+title", "", True)
        return f

    def _office(self, who: str, role: str, date: str | None) -> Entry | None:
        rows = self.kb.office_holders(who, role, date)
        if not rows:
            return None
        # several rows in force (an open-ended row and a newer appointment): the latest start wins
        rows = sorted(rows, key=lambda r: (not r.leader, r.start), reverse=False)
        best = [r for r in rows if r.leader == rows[0].leader]
        return max(best, key=lambda r: r.start)

    # ---------------------------------------------------------------- resolve
    def resolve(self, doc: "Doc", date: str | None = None, ents: "tuple[Span, ...] | None" = None,
                tokens: _Tokens | None = None) -> list[Found]:
        """The actor mentions of ``doc``. ``ents`` (``doc.ents``) and ``tokens`` (``_Tokens(doc)``)
        may be passed when the caller already has them."""
        tk = _Tokens(doc) if tokens is None else tokens
        hits = self.scan(tk)
        n = tk.n
        lower = tk.lower
        if ents is None:
            ents = doc.ents  # built from the token annotations on each access: read once
        spans = [(ent.start, ent.end, ent.label_) for ent in ents]
        label, ent_start, ent_end = self._entity_maps(n, spans)

        # drop readings that sit inside a longer name spaCy found ("Ed Harris", "Jordan Peterson")
        kept: list[Hit] = []
        for h in hits:
            if h.i < n and label[h.i] in ("PERSON", "ORG", "FAC", "WORK_OF_ART", "EVENT", "PRODUCT", "LAW"):
                es, ee = ent_start[h.i], ent_end[h.i]
                while es < h.i and lower(es) in ("the", "a", "an"):
                    es += 1  # spaCy often includes the article ("The White House")
                # spaCy often merges coordinated names into one entity ("Chile and Peru"):
                # such a span is a list of names, not one organisation's name
                coordinated = any(lower(t) in ("and", "or", ",") for t in range(es, ee)) \
                    and label[h.i] != "PERSON"
                if ee >= h.j and (es < h.i or ee > h.j) and not coordinated:
                    if label[h.i] == "PERSON" and h.has(COUNTRY, CAPITAL, ADJ, SEAT, IGO, PERSON):
                        # titles before the person are fine ("President Putin" as one entity)
                        extra = [t for t in range(es, ee) if not (h.i <= t < h.j)]
                        if any(not self._is_title_token(tk, hits, t) for t in extra):
                            for c in (COUNTRY, CAPITAL, ADJ, SEAT, IGO, PERSON):
                                h.by.pop(c, None)
                    elif label[h.i] != "PERSON" and h.has(PERSON):
                        h.by.pop(PERSON, None)
                    if h.has(COUNTRY, CAPITAL, ADJ, SEAT) and label[h.i] != "PERSON":
                        h.by["_in_org"] = []  # a country inside an organisation's name: modifier only
            if any(c for c in h.by if not c.startswith("_")):
                kept.append(h)
        hits = kept
        start_of = {h.i: idx for idx, h in enumerate(hits)}

        # the article's single country, if it has one
        doc_country = self._doc_country(tk, hits)

        found: list[Found] = []
        memory: dict[str, Found] = {}  # compact surname / full name -> person
        last_role: list[str] = []  # role of the last person with a known office

        def remember(f: Found) -> None:
            if f.person and f.name:
                parts = [p for p in f.name.replace("-", " ").split() if p]
                memory[compact(f.name)] = f
                if parts:
                    memory[compact(parts[-1])] = f
            if f.person and f.role and f.role != "counterpart":
                last_role.append(f.role)

        def add(f: Found) -> None:
            found.append(f)
            remember(f)

        k = 0
        consumed = 0
        while k < len(hits):
            h = hits[k]
            if h.i < consumed:
                k += 1
                continue
            f, next_k = self._compose(tk, hits, k, start_of, label, ent_start, ent_end, date, doc_country,
                                      memory, last_role)
            if f is not None:
                for one in (f if isinstance(f, list) else [f]):
                    add(one)
                consumed = max(x.j for x in (f if isinstance(f, list) else [f]))
            k = max(next_k, k + 1)

        # entities not yet covered
        text = tk.text
        covered = [False] * (n + 1)
        for f in found:
            covered[f.i:f.j] = [True] * (f.j - f.i)
        extra: list[Found] = []
        for s, e, ent_label in spans:
            if (ent_label != "PERSON" and ent_label not in UNRESOLVED_LABELS) or any(covered[s:e]):
                continue
            if ent_label == "PERSON":
                f = self._person_entity(tk, s, e, memory)
                extra.append(f)
                remember(f)
            elif ent_label in UNRESOLVED_LABELS:
                if s <= 1 and e < n and text(e) in DATELINE_PUNCT and text(s).isupper():
                    continue  # a dateline ("KARACHI:")
                if lower(s) == "the":
                    s += 1
                if s < e:
                    extra.append(Found(s, e, "", None, None, tk.span_text(s, e), "unresolved", f"entity:{ent_label}"))
        if extra:
            found.extend(extra)
            found.sort(key=lambda f: f.i)
        # pronouns: he / she as a subject -> the last person in an earlier sentence
        found = self._pronouns(tk, found)
        return found

    def _is_title_token(self, tk: _Tokens, hits: list[Hit], t: int) -> bool:
        for h in hits:
            if h.i <= t < h.j:
                return h.has(TITLE, SECTOR)
        return tk.is_punct(t)

    def _doc_country(self, tk: _Tokens, hits: list[Hit]) -> str | None:
        n, text = tk.n, tk.text
        for h in hits[:1]:
            if h.i <= 1 and h.has(CAPITAL, COUNTRY) and h.j < n and text(h.j) in DATELINE_PUNCT:
                e = h.first(CAPITAL, COUNTRY)
                if e is not None and h.j < n and text(h.j) != ",":
                    return e.iso
        isos = set()
        for h in hits:
            e = h.first(COUNTRY, ADJ, CAPITAL, SEAT)
            if e is not None:
                isos.add(e.iso)
        return isos.pop() if len(isos) == 1 else None

    def _is_dateline(self, tk: _Tokens, h: Hit) -> bool:
        if h.i > 1 or h.j >= tk.n:
            return False
        nxt = tk.text(h.j)
        first = tk.text(h.i)
        return nxt in DATELINE_PUNCT and nxt != "," or first.isupper() and len(first) > 2 and nxt == ","

    # ---------------------------------------------------------------- chains
    def _chain(self, tk: _Tokens, hits: list[Hit], k: int, pos: int, start_of: dict[int, int]):
        """Sector/title words starting at token ``pos`` (after up to two free modifiers each).

        Returns (chain hits, index of the next hit, end token)."""
        chain: list[Hit] = []
        n = tk.n
        pos_of, is_punct, lower, is_sent_start = tk.pos, tk.is_punct, tk.lower, tk.is_sent_start
        idx = k
        end = pos
        while True:
            p = end
            gaps = 0
            while p < n and p not in start_of and gaps < 2 and pos_of(p) in GAP_POS and not is_punct(p) \
                    and lower(p) not in JOINERS and not is_sent_start(p):
                p += 1
                gaps += 1
            if p in start_of:
                h = hits[start_of[p]]
                if h.has(SECTOR, TITLE) and not h.has(*MODIFIERS):
                    chain.append(h)
                    idx = start_of[p] + 1
                    end = h.j
                    continue
            break
        return chain, idx, end

    def _chain_meaning(self, chain: list[Hit], default_sector: str | None):
        """(sector, role) of a chain of sector words: the last strong word wins; a generic head
        ("leader", "spokesman", "chief") keeps the sector of the word before it."""
        sector = None
        role = ""
        weak_sector = None
        for h in chain:
            e = h.first(SECTOR)
            if e is None:
                t = h.first(TITLE)
                if t is not None and t.sector and sector is None:
                    weak_sector = weak_sector or t.sector
                continue
            if e.weak:
                weak_sector = weak_sector or e.sector
                if sector is None or sector == "GOV":
                    role = e.role or role
            else:
                sector = e.sector
                role = e.role
        if sector is None:
            sector = default_sector or weak_sector
        return sector, role

    def _person_at(self, tk: _Tokens, hits: list[Hit], pos: int, start_of, label, ent_start, ent_end):
        """A person starting at ``pos`` (after optional honorific titles): (hit|None, end) or None."""
        n = tk.n
        pos_of, text = tk.pos, tk.text
        p = pos
        while p in start_of and hits[start_of[p]].has(TITLE) and not hits[start_of[p]].has(PERSON):
            p = hits[start_of[p]].j
        if p >= n:
            return None
        if p in start_of and hits[start_of[p]].has(PERSON):
            h = hits[start_of[p]]
            return h, h.j
        if label[p] == "PERSON" and ent_start[p] >= pos - 3:
            return None, ent_end[p]
        # spaCy sometimes misses a name after a title: two capitalised proper nouns
        if pos_of(p) == "PROPN" and text(p)[:1].isupper() and p not in start_of and not label[p]:
            q = p
            while q < n and q - p < 3 and pos_of(q) == "PROPN" and text(q)[:1].isupper() and q not in start_of \
                    and not label[q]:
                q += 1
            if q - p >= 2:
                return None, q
        return None

    # ---------------------------------------------------------------- compose
    def _compose(self, tk: _Tokens, hits, k, start_of, label, ent_start, ent_end, date, doc_country, memory,
                 last_role):
        h = hits[k]
        n = tk.n
        mod = h.first(*MODIFIERS)
        if mod is not None:
            pos = h.j
            possessive = pos < n and tk.text(pos) in POSSESSIVE
            if possessive:
                pos += 1
            chain, next_k, end = self._chain(tk, hits, k + 1, pos, start_of)
            if chain:
                return self._modifier_chain(tk, hits, k, h, mod, chain, next_k, end, start_of, label, ent_start,
                                            ent_end, date, possessive, last_role)
            if "_in_org" in h.by:
                return None, k + 1
            # joint demonyms: "Russian and Iranian troops"
            if mod.category == ADJ:
                shared = self._shared_chain(tk, hits, k, start_of)
                if shared is not None:
                    sector, role = shared
                    iso = mod.iso
                    if role == "counterpart" or not role:
                        return Found(h.i, h.j, _code(iso, sector), iso, sector, self.kb.countries.get(iso),
                                     "sector", "demonym+sector:joint"), k + 1
                    holder = self._office(iso, role, date) if sector == "GOV" else None
                    if holder is not None:
                        return _person_found(h.i, h.j, holder, f"office:{iso} {role} {_span(holder)}"), k + 1
                    return Found(h.i, h.j, _code(iso, sector), iso, sector, self.kb.countries.get(iso),
                                 "sector", "demonym+sector:joint"), k + 1
            return self._single(tk, hits, k, h, mod, date, memory), k + 1
        # a sector or title word first
        sec = h.first(SECTOR, TITLE)
        if sec is None:
            return None, k + 1
        chain, next_k, end = self._chain(tk, hits, k, h.i, start_of)
        if not chain:
            chain, next_k, end = [h], k + 1, h.j
        sector, role = self._chain_meaning(chain, None)
        person = self._person_at(tk, hits, end, start_of, label, ent_start, ent_end)
        if person is not None:
            ph, pend = person
            if ph is not None:
                f = self._person_from_rows(h.i, pend, ph.by[PERSON], date, "title+person")
                f = self._titled(f, f.country, sector)
                return f, start_of.get(ph.i, k) + 1
            name_i = end
            while name_i in start_of and hits[start_of[name_i]].has(TITLE):
                name_i = hits[start_of[name_i]].j
            name = tk.span_text(name_i, pend)
            ref = memory.get(compact(name)) or memory.get(compact(tk.text(pend - 1)))
            if ref is not None:
                return Found(h.i, pend, ref.code, ref.country, ref.sector, ref.name, ref.kind,
                             "title+coref:surname", ref.role, True), next_k
            iso = doc_country
            kind = "person" if sector else "unresolved"
            return Found(h.i, pend, _code(iso, sector), iso, sector, name, kind,
                         "title+person:unknown" + (":doc-country" if iso else ""), role, True), next_k
        # "the president of Iran", "the government of Pakistan", "soldiers from Chad"
        lower = tk.lower
        if end + 1 < n and (lower(end) == "of" or lower(end) == "from" and not role):
            p = end + 1
            if lower(p) == "the":
                p += 1
            if p in start_of:
                oh = hits[start_of[p]]
                om = oh.first(IGO, COUNTRY, CAPITAL)
                if om is not None and h.has(SECTOR):
                    f = self._of_chain(h.i, oh.j, om, oh, sector, role, date)
                    if f is not None:
                        return f, start_of[p] + 1
        if not h.has(SECTOR):
            return None, k + 1
        last_head = tk.head(end - 1)
        if tk.dep(end - 1) in ("compound", "amod") and last_head >= end and last_head not in start_of:
            return None, next_k  # "police station": a modifier of something else
        return self._bare_sector(h.i, end, sector, role, date, doc_country, last_role), next_k

    def _of_chain(self, i, j, om: Entry, oh: Hit, sector, role, date) -> Found | None:
        if om.category == IGO:
            e = self._igo(oh, date)
            if role:
                holder = self._office(e.code, role, date)
                if holder is not None:
                    return _person_found(i, j, holder, f"office:{e.code} {role} {_span(holder)}")
            return Found(i, j, e.code, e.iso or None, e.sector or None, e.name, "igo", "sector+of+igo")
        iso = om.iso
        if role and sector == "GOV":
            holder = self._office(iso, role, date)
            if holder is not None:
                return _person_found(i, j, holder, f"office:{iso} {role} {_span(holder)}")
        return Found(i, j, _code(iso, sector), iso, sector, self.kb.countries.get(iso), "sector",
                     "sector+of+country")

    def _bare_sector(self, i, j, sector, role, date, doc_country, last_role) -> Found:
        if role == "counterpart":
            role = last_role[-1] if last_role else ""
        if role and sector == "GOV" and doc_country:
            holder = self._office(doc_country, role, date)
            if holder is not None:
                return _person_found(i, j, holder, f"office:{doc_country} {role} {_span(holder)}:doc-country")
        if doc_country:
            return Found(i, j, _code(doc_country, sector), doc_country, sector, self.kb.countries.get(doc_country),
                         "sector", "sector:doc-country", role)
        return Found(i, j, sector or "", None, sector, None, "sector", "sector", role)

    def _shared_chain(self, tk: _Tokens, hits, k, start_of):
        """For a demonym followed by joiners and another demonym that has sector words."""
        lower = tk.lower
        idx = k
        while idx + 1 < len(hits):
            nxt = hits[idx + 1]
            a, b = hits[idx].j, nxt.i
            if b <= a or any(lower(t) not in JOINERS for t in range(a, b)) or not nxt.has(ADJ):
                return None
            chain, _, _ = self._chain(tk, hits, idx + 2, nxt.j, start_of)
            if chain:
                return self._chain_meaning(chain, None)
            idx += 1
        return None

    def _modifier_chain(self, tk: _Tokens, hits, k, h, mod: Entry, chain, next_k, end, start_of, label, ent_start, ent_end,
                        date, possessive, last_role):
        # who the modifier stands for
        if mod.category == PERSON:
            pf = self._person_from_rows(h.i, h.j, h.by[PERSON], date, "person")
            iso, org, default_sector = pf.country, (pf.code if pf.code.startswith("IGO") else ""), None
            how0 = "possessive+sector" if possessive else "person+sector"
        elif mod.category == IGO:
            e = self._igo(h, date)
            iso, org, default_sector = e.iso or None, e.code, None
            how0 = "igo+sector"
        else:
            iso, org = mod.iso, ""
            default_sector = mod.sector if mod.category in (SEAT, CAPITAL) else None
            how0 = {COUNTRY: "country+sector", ADJ: "demonym+sector", CAPITAL: "capital+sector",
                    SEAT: "seat+sector"}[mod.category]
            if possessive:
                how0 = "possessive+" + how0
        sector, role = self._chain_meaning(chain, default_sector)
        # a person named right after: "Iranian Foreign Minister Abbas Araghchi"
        person = self._person_at(tk, hits, end, start_of, label, ent_start, ent_end)
        if person is not None:
            ph, pend = person
            if ph is not None:
                f = self._person_from_rows(h.i, pend, ph.by[PERSON], date, "title+person")
                f = self._titled(f, f.country or iso, sector)
                return f, start_of.get(ph.i, next_k) + 1
            name_i = end
            while name_i in start_of and hits[start_of[name_i]].has(TITLE):
                name_i = hits[start_of[name_i]].j
            if mod.category == IGO:
                code = org
                sec = mod.sector or None
            else:
                code, sec = _code(iso, sector), sector
            return Found(h.i, pend, code, iso, sec, tk.span_text(name_i, pend), "person",
                         how0 + "+person:unknown", role, True), next_k
        if role == "counterpart":
            role = last_role[-1] if last_role else ""
            how0 = "coref:counterpart"
        if mod.category == IGO:
            if role:
                holder = self._office(org, role, date)
                if holder is not None:
                    return _person_found(h.i, end, holder, f"office:{org} {role} {_span(holder)}"), next_k
            e = self._igo(h, date)
            return Found(h.i, end, e.code, e.iso or None, e.sector or None, e.name,
                         "igo" if e.sector in ("IGO", "NGO") else "group", how0), next_k
        if role and sector == "GOV" and iso:
            holder = self._office(iso, role, date)
            if holder is not None:
                return _person_found(h.i, end, holder, f"office:{iso} {role} {_span(holder)}"), next_k
        name = self.kb.countries.get(iso or "", None)
        return Found(h.i, end, _code(iso, sector), iso, sector, name, "sector", how0, role), next_k

    def _single(self, tk: _Tokens, hits, k, h: Hit, mod: Entry, date, memory) -> Found | None:
        cat = mod.category
        if cat == PERSON:
            text_key = compact(tk.span_text(h.i, h.j))
            ref = memory.get(text_key)
            if ref is not None and h.j - h.i == 1:
                return Found(h.i, h.j, ref.code, ref.country, ref.sector, ref.name, ref.kind, "coref:surname",
                             ref.role, True)
            return self._person_from_rows(h.i, h.j, h.by[PERSON], date, "person")
        if cat == IGO:
            e = self._igo(h, date)
            return Found(h.i, h.j, e.code, e.iso or None, e.sector or None, e.name,
                         "igo" if e.sector in ("IGO", "NGO") else "group", _user("igo-alias", e, date))
        if cat == COUNTRY:
            return Found(h.i, h.j, mod.iso, mod.iso, None, mod.name, "state", _user("country-name", mod, date))
        n, lower = tk.n, tk.lower
        last = h.j - 1
        last_dep, last_head = tk.dep(last), tk.head(last)
        prev = lower(h.i - 1) if h.i > 0 else ""
        prev2 = lower(h.i - 2) if h.i > 1 else ""
        locative = prev in LOCATIVE or (prev == "the" and prev2 in LOCATIVE)
        if cat in (CAPITAL, SEAT):
            if locative or self._is_dateline(tk, h):
                return None
            if last_dep in ("compound", "amod") and last_head >= h.j and last_head < n \
                    and tk.pos(last_head) in ("NOUN", "PROPN") and h.j < n and tk.text(h.j) not in POSSESSIVE:
                return None
            how = "capital-metonym" if cat == CAPITAL else "seat-metonym"
            return Found(h.i, h.j, _code(mod.iso, mod.sector), mod.iso, mod.sector, mod.name, "state", how)
        if cat == ADJ:
            if last_dep in ("amod", "compound") and h.j < n and tk.text(h.j) not in POSSESSIVE:
                return None
            if tk.pos(last) == "ADJ" and last_dep not in ("nsubj", "nsubjpass", "dobj", "pobj", "conj", "appos", "ROOT"):
                return None
            return Found(h.i, h.j, mod.iso, mod.iso, None, mod.name, "state", "demonym")
        return None

    # ---------------------------------------------------------------- entities and pronouns
    def _person_entity(self, tk: _Tokens, s: int, e: int, memory) -> Found:
        text = tk.span_text(s, e)
        ref = memory.get(compact(text)) or (memory.get(compact(tk.text(e - 1))) if e - s == 1 else None)
        if ref is not None:
            return Found(s, e, ref.code, ref.country, ref.sector, ref.name, ref.kind, "coref:surname", ref.role, True)
        return Found(s, e, "", None, None, text, "unresolved", "entity:PERSON", "", True)

    def _pronouns(self, tk: _Tokens, found: list[Found]) -> list[Found]:
        if not found:
            return found
        persons = [f for f in found if f.person]
        if not persons:
            return found
        covered = set()
        for f in found:
            covered.update(range(f.i, f.j))
        out = list(found)
        for t in tk.with_lower(PRONOUNS):
            if tk.dep(t) not in ("nsubj", "nsubjpass") or t in covered:
                continue
            sent_start = tk.sent_start_of(t)
            ref = None
            for f in persons:
                if f.j <= sent_start:
                    ref = f
                else:
                    break
            if ref is None:
                continue
            out.append(Found(t, t + 1, ref.code, ref.country, ref.sector, ref.name, ref.kind, "coref:pronoun",
                             ref.role, True))
        out.sort(key=lambda f: f.i)
        return out


def to_actor(f: Found, start: int, end: int, text: str) -> Actor:
    return Actor(text=text, start=start, end=end, code=f.code, country=f.country, sector=f.sector,
                 name=f.name, kind=f.kind, how=f.how)
