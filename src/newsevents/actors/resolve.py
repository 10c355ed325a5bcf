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

import os
from dataclasses import dataclass
from typing import TYPE_CHECKING

from ..records import Actor
from .kb import DATA_DIR, ADJ, CAPITAL, COUNTRY, IGO, KB, PERSON, SEAT, SECTOR, TITLE, Entry, case_ok, compact

if TYPE_CHECKING:  # pragma: no cover
    from spacy.tokens import Doc

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

    # ---------------------------------------------------------------- scan
    def scan(self, doc: "Doc") -> list[Hit]:
        kb = self.kb
        prefixes = kb.prefixes
        phrases = kb.phrases
        stems, stem_heads = kb.stems, kb.stem_heads
        one_word_stems = "" in stem_heads
        toks = list(doc)
        texts = [t.text for t in toks]
        keys = [compact(x) for x in texts]
        n = len(doc)
        hits: list[Hit] = []
        i = 0
        while i < n:
            k0 = keys[i]
            if not k0 or (k0 not in prefixes and not one_word_stems) or texts[i] in POSSESSIVE:
                i += 1
                continue
            best: Hit | None = None
            key = ""
            for j in range(i, min(n, i + MAX_TOKENS)):
                t = toks[j]
                if j > i and (t.is_space or t.is_sent_start or texts[j] in POSSESSIVE or "\n" in texts[j]):
                    break
                kj = keys[j]
                if not kj:
                    continue
                if stems and key in stem_heads:  # a user-dictionary stem ending inside this word
                    for m in range(len(kj) - 1, 0, -1):
                        entries = stems.get(key + kj[:m])
                        if entries:
                            by = self._filter(doc, i, j + 1, entries)
                            if by:
                                best = Hit(i, j + 1, by)
                                break
                key += kj
                if key not in prefixes:
                    break
                entries = phrases.get(key)
                if entries:
                    by = self._filter(doc, i, j + 1, entries)
                    if by:
                        best = Hit(i, j + 1, by)
            if best is not None:
                hits.append(best)
                i = best.j
            else:
                i += 1
        return hits

    def _filter(self, doc: "Doc", i: int, j: int, entries: list[Entry]) -> dict[str, list[Entry]]:
        text = doc[i:j].text
        last = doc[j - 1]
        by: dict[str, list[Entry]] = {}
        for e in entries:
            if not case_ok(e.case, text):
                continue
            if e.category == SECTOR and last.pos_ not in ("NOUN", "PROPN"):
                continue
            if e.category == SECTOR and e.case == "any" and text.isupper() and len(text) > 3:
                continue  # ALL-CAPS headline words are names more often than not
            by.setdefault(e.category, []).append(e)
        return by

    # ---------------------------------------------------------------- helpers
    def _entity_maps(self, doc: "Doc", ents=None):
        n = len(doc)
        label = [""] * n
        start = [-1] * n
        end = [-1] * n
        for ent in (doc.ents if ents is None else ents):
            for t in range(ent.start, ent.end):
                label[t] = ent.label_
                start[t] = ent.start
                end[t] = ent.end
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
    def resolve(self, doc: "Doc", date: str | None = None) -> list[Found]:
        hits = self.scan(doc)
        n = len(doc)
        ents = doc.ents  # built from the token annotations on each access: read once
        label, ent_start, ent_end = self._entity_maps(doc, ents)

        # drop readings that sit inside a longer name spaCy found ("Ed Harris", "Jordan Peterson")
        kept: list[Hit] = []
        for h in hits:
            if h.i < n and label[h.i] in ("PERSON", "ORG", "FAC", "WORK_OF_ART", "EVENT", "PRODUCT", "LAW"):
                es, ee = ent_start[h.i], ent_end[h.i]
                while es < h.i and doc[es].lower_ in ("the", "a", "an"):
                    es += 1  # spaCy often includes the article ("The White House")
                # spaCy often merges coordinated names into one entity ("Chile and Peru"):
                # such a span is a list of names, not one organisation's name
                coordinated = any(doc[t].lower_ in ("and", "or", ",") for t in range(es, ee)) \
                    and label[h.i] != "PERSON"
                if ee >= h.j and (es < h.i or ee > h.j) and not coordinated:
                    if label[h.i] == "PERSON" and h.has(COUNTRY, CAPITAL, ADJ, SEAT, IGO, PERSON):
                        # titles before the person are fine ("President Putin" as one entity)
                        extra = [t for t in range(es, ee) if not (h.i <= t < h.j)]
                        if any(not self._is_title_token(doc, hits, t) for t in extra):
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
        doc_country = self._doc_country(doc, hits)

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
            f, next_k = self._compose(doc, hits, k, start_of, label, ent_start, ent_end, date, doc_country,
                                      memory, last_role)
            if f is not None:
                for one in (f if isinstance(f, list) else [f]):
                    add(one)
                consumed = max(x.j for x in (f if isinstance(f, list) else [f]))
            k = max(next_k, k + 1)

        # entities not yet covered
        covered = [False] * (n + 1)
        for f in found:
            for t in range(f.i, f.j):
                covered[t] = True
        extra: list[Found] = []
        for ent in ents:
            if any(covered[t] for t in range(ent.start, ent.end)):
                continue
            if ent.label_ == "PERSON":
                f = self._person_entity(doc, ent.start, ent.end, memory)
                extra.append(f)
                remember(f)
            elif ent.label_ in UNRESOLVED_LABELS:
                s, e = ent.start, ent.end
                if s <= 1 and e < n and doc[e].text in DATELINE_PUNCT and doc[s].text.isupper():
                    continue  # a dateline ("KARACHI:")
                if doc[s].lower_ == "the":
                    s += 1
                if s < e:
                    extra.append(Found(s, e, "", None, None, doc[s:e].text, "unresolved", f"entity:{ent.label_}"))
        if extra:
            found.extend(extra)
            found.sort(key=lambda f: f.i)
        # pronouns: he / she as a subject -> the last person in an earlier sentence
        found = self._pronouns(doc, found)
        return found

    def _is_title_token(self, doc: "Doc", hits: list[Hit], t: int) -> bool:
        for h in hits:
            if h.i <= t < h.j:
                return h.has(TITLE, SECTOR)
        return doc[t].is_punct

    def _doc_country(self, doc: "Doc", hits: list[Hit]) -> str | None:
        for h in hits[:1]:
            if h.i <= 1 and h.has(CAPITAL, COUNTRY) and h.j < len(doc) and doc[h.j].text in DATELINE_PUNCT:
                e = h.first(CAPITAL, COUNTRY)
                if e is not None and h.j < len(doc) and doc[h.j].text != ",":
                    return e.iso
        isos = set()
        for h in hits:
            e = h.first(COUNTRY, ADJ, CAPITAL, SEAT)
            if e is not None:
                isos.add(e.iso)
        return isos.pop() if len(isos) == 1 else None

    def _is_dateline(self, doc: "Doc", h: Hit) -> bool:
        if h.i > 1 or h.j >= len(doc):
            return False
        nxt = doc[h.j].text
        return nxt in DATELINE_PUNCT and nxt != "," or doc[h.i].text.isupper() and len(doc[h.i].text) > 2 and nxt == ","

    # ---------------------------------------------------------------- chains
    def _chain(self, doc: "Doc", hits: list[Hit], k: int, pos: int, start_of: dict[int, int]):
        """Sector/title words starting at token ``pos`` (after up to two free modifiers each).

        Returns (chain hits, index of the next hit, end token)."""
        chain: list[Hit] = []
        n = len(doc)
        idx = k
        end = pos
        while True:
            p = end
            gaps = 0
            while p < n and p not in start_of and gaps < 2 and doc[p].pos_ in GAP_POS and not doc[p].is_punct \
                    and doc[p].lower_ not in JOINERS and not doc[p].is_sent_start:
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

    def _person_at(self, doc: "Doc", hits: list[Hit], pos: int, start_of, label, ent_start, ent_end):
        """A person starting at ``pos`` (after optional honorific titles): (hit|None, end) or None."""
        n = len(doc)
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
        if doc[p].pos_ == "PROPN" and doc[p].text[:1].isupper() and p not in start_of and not label[p]:
            q = p
            while q < n and q - p < 3 and doc[q].pos_ == "PROPN" and doc[q].text[:1].isupper() and q not in start_of \
                    and not label[q]:
                q += 1
            if q - p >= 2:
                return None, q
        return None

    # ---------------------------------------------------------------- compose
    def _compose(self, doc, hits, k, start_of, label, ent_start, ent_end, date, doc_country, memory, last_role):
        h = hits[k]
        n = len(doc)
        mod = h.first(*MODIFIERS)
        if mod is not None:
            pos = h.j
            possessive = pos < n and doc[pos].text in POSSESSIVE
            if possessive:
                pos += 1
            chain, next_k, end = self._chain(doc, hits, k + 1, pos, start_of)
            if chain:
                return self._modifier_chain(doc, hits, k, h, mod, chain, next_k, end, start_of, label, ent_start,
                                            ent_end, date, possessive, last_role)
            if "_in_org" in h.by:
                return None, k + 1
            # joint demonyms: "Russian and Iranian troops"
            if mod.category == ADJ:
                shared = self._shared_chain(doc, hits, k, start_of)
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
            return self._single(doc, hits, k, h, mod, date, memory), k + 1
        # a sector or title word first
        sec = h.first(SECTOR, TITLE)
        if sec is None:
            return None, k + 1
        chain, next_k, end = self._chain(doc, hits, k, h.i, start_of)
        if not chain:
            chain, next_k, end = [h], k + 1, h.j
        sector, role = self._chain_meaning(chain, None)
        person = self._person_at(doc, hits, end, start_of, label, ent_start, ent_end)
        if person is not None:
            ph, pend = person
            if ph is not None:
                f = self._person_from_rows(h.i, pend, ph.by[PERSON], date, "title+person")
                f = self._titled(f, f.country, sector)
                return f, start_of.get(ph.i, k) + 1
            name_i = end
            while name_i in start_of and hits[start_of[name_i]].has(TITLE):
                name_i = hits[start_of[name_i]].j
            ref = memory.get(compact(doc[name_i:pend].text)) or memory.get(compact(doc[pend - 1].text))
            if ref is not None:
                return Found(h.i, pend, ref.code, ref.country, ref.sector, ref.name, ref.kind,
                             "title+coref:surname", ref.role, True), next_k
            iso = doc_country
            kind = "person" if sector else "unresolved"
            return Found(h.i, pend, _code(iso, sector), iso, sector, doc[name_i:pend].text, kind,
                         "title+person:unknown" + (":doc-country" if iso else ""), role, True), next_k
        # "the president of Iran", "the government of Pakistan", "soldiers from Chad"
        if end + 1 < n and (doc[end].lower_ == "of" or doc[end].lower_ == "from" and not role):
            p = end + 1
            if doc[p].lower_ == "the":
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
        last = doc[end - 1]
        if last.dep_ in ("compound", "amod") and last.head.i >= end and last.head.i not in start_of:
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

    def _shared_chain(self, doc, hits, k, start_of):
        """For a demonym followed by joiners and another demonym that has sector words."""
        h = hits[k]
        idx = k
        while idx + 1 < len(hits):
            nxt = hits[idx + 1]
            between = doc[hits[idx].j:nxt.i]
            if not len(between) or any(t.lower_ not in JOINERS for t in between) or not nxt.has(ADJ):
                return None
            chain, _, _ = self._chain(doc, hits, idx + 2, nxt.j, start_of)
            if chain:
                return self._chain_meaning(chain, None)
            idx += 1
        return None

    def _modifier_chain(self, doc, hits, k, h, mod: Entry, chain, next_k, end, start_of, label, ent_start, ent_end,
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
        person = self._person_at(doc, hits, end, start_of, label, ent_start, ent_end)
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
            return Found(h.i, pend, code, iso, sec, doc[name_i:pend].text, "person",
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

    def _single(self, doc, hits, k, h: Hit, mod: Entry, date, memory) -> Found | None:
        cat = mod.category
        if cat == PERSON:
            text_key = compact(doc[h.i:h.j].text)
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
        last = doc[h.j - 1]
        prev = doc[h.i - 1].lower_ if h.i > 0 else ""
        prev2 = doc[h.i - 2].lower_ if h.i > 1 else ""
        locative = prev in LOCATIVE or (prev == "the" and prev2 in LOCATIVE)
        if cat in (CAPITAL, SEAT):
            if locative or self._is_dateline(doc, h):
                return None
            if last.dep_ in ("compound", "amod") and last.head.i >= h.j and last.head.i < len(doc) \
                    and doc[last.head.i].pos_ in ("NOUN", "PROPN") and h.j < len(doc) and doc[h.j].text not in POSSESSIVE:
                return None
            how = "capital-metonym" if cat == CAPITAL else "seat-metonym"
            return Found(h.i, h.j, _code(mod.iso, mod.sector), mod.iso, mod.sector, mod.name, "state", how)
        if cat == ADJ:
            if last.dep_ in ("amod", "compound") and h.j < len(doc) and doc[h.j].text not in POSSESSIVE:
                return None
            if last.pos_ == "ADJ" and last.dep_ not in ("nsubj", "nsubjpass", "dobj", "pobj", "conj", "appos", "ROOT"):
                return None
            return Found(h.i, h.j, mod.iso, mod.iso, None, mod.name, "state", "demonym")
        return None

    # ---------------------------------------------------------------- entities and pronouns
    def _person_entity(self, doc, s: int, e: int, memory) -> Found:
        text = doc[s:e].text
        ref = memory.get(compact(text)) or (memory.get(compact(doc[e - 1].text)) if e - s == 1 else None)
        if ref is not None:
            return Found(s, e, ref.code, ref.country, ref.sector, ref.name, ref.kind, "coref:surname", ref.role, True)
        return Found(s, e, "", None, None, text, "unresolved", "entity:PERSON", "", True)

    def _pronouns(self, doc, found: list[Found]) -> list[Found]:
        if not found:
            return found
        persons = [f for f in found if f.person]
        if not persons:
            return found
        covered = set()
        for f in found:
            covered.update(range(f.i, f.j))
        out = list(found)
        for t in doc:
            if t.lower_ not in PRONOUNS or t.dep_ not in ("nsubj", "nsubjpass") or t.i in covered:
                continue
            sent_start = t.sent.start
            ref = None
            for f in persons:
                if f.j <= sent_start:
                    ref = f
                else:
                    break
            if ref is None:
                continue
            out.append(Found(t.i, t.i + 1, ref.code, ref.country, ref.sector, ref.name, ref.kind, "coref:pronoun",
                             ref.role, True))
        out.sort(key=lambda f: f.i)
        return out


def to_actor(f: Found, start: int, end: int, text: str) -> Actor:
    return Actor(text=text, start=start, end=end, code=f.code, country=f.country, sector=f.sector,
                 name=f.name, kind=f.kind, how=f.how)
