"""Composing knowledge-base hits into actor mentions, left to right.

* modifier (country, demonym, capital, seat, group, person) + optional ``'s`` + up to two free
  modifiers + sector words (+ optional titles + a person): ``Russian troops`` -> ``RUSMIL``;
  ``Iran's foreign minister`` -> the office holder on the article date; ``Assad's forces`` ->
  ``SYRMIL``; ``Iranian Foreign Minister Abbas Araghchi`` -> the person;
* title or sector word + person: ``President Vladimir Putin``;
* sector word + ``of`` + country/organisation: ``the president of Iran``;
* demonyms joined by ``and``/``or``/commas share the sector word: ``Russian and Iranian troops``;
* single hits: country names (``RUS``), capitals and seats of power as metonyms (``RUSGOV``; not
  after a locative preposition, not in a dateline), organisations and groups, known people
  (date-aware), bare sector words (country inferred only from a single-country article).
"""

from __future__ import annotations

from newsevents.resources.actors.kb import ADJ, CAPITAL, COUNTRY, IGO, KB, PERSON, SEAT, SECTOR, TITLE, ActorEntry, compact
from newsevents.stages.actors.hits import Found, Hit, actor_code, office_period, person_found, user_rule
from newsevents.stages.actors.scan import POSSESSIVE
from newsevents.stages.actors.tokens import TokenTable

LOCATIVE = {"in", "at", "near", "outside", "inside", "across", "around", "throughout", "within", "into", "via",
            "across", "beyond", "around"}
JOINERS = {",", "and", "or", "&", "as well as"}
GAP_POS = {"ADJ", "NOUN", "PROPN", "ADV", "NUM"}
MODIFIERS = (PERSON, IGO, SEAT, COUNTRY, CAPITAL, ADJ)
DATELINE_PUNCT = {":", "—", "–", "-", "--", "(", ","}


class MentionComposer:
    """Turns the hits at one position into a mention (holds only the shared, read-only knowledge base)."""

    def __init__(self, kb: KB):
        self.kb = kb

    def _active(self, entries: list[ActorEntry], date: str | None) -> ActorEntry | None:
        for e in entries:
            if e.active(date):
                return e
        return None

    def _igo(self, hit: Hit, date: str | None) -> ActorEntry:
        rows = hit.by[IGO]
        return self._active(rows, date) or rows[0]

    def _person_entry(self, rows: list[ActorEntry], date: str | None) -> tuple[ActorEntry, bool]:
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

    def _person_from_rows(self, i: int, j: int, rows: list[ActorEntry], date: str | None, how: str) -> Found:
        # several people may share an alias ("Sharif", "Clinton"): prefer one in office on the date
        names: dict[str, list[ActorEntry]] = {}
        for r in rows:
            names.setdefault(r.name, []).append(r)
        best: tuple[ActorEntry, bool] | None = None
        for name in names:
            cand = self._person_entry(self.kb.people.get(name, names[name]), date)
            if best is None or (cand[1] and not best[1]) or (cand[1] == best[1] and cand[0].leader and not best[0].leader):
                best = cand
        assert best is not None
        e, in_office = best
        if in_office:
            return person_found(i, j, e, f"{how}:{e.role} {office_period(e)}")
        # out of office on this date: the person belongs to the country, not its government
        return Found(i, j, e.org or (e.iso or ""), e.iso or None, None if not e.org else e.sector,
                     e.name, "person", f"{how}:not in office on {date}", "", True)

    @staticmethod
    def _titled(f: Found, iso: str | None, sector: str | None) -> Found:
        """A known person out of office on the date but given a title in the text ("Finance Minister
        Ishaq Dar"): the title says what they are now."""
        if f.how.endswith(f"not in office on {f.how.rsplit(' ', 1)[-1]}") and sector and "not in office" in f.how:
            return Found(f.i, f.j, actor_code(iso, sector), iso, sector, f.name, "person", f.how + "+title", "", True)
        return f

    def _office(self, who: str, role: str, date: str | None) -> ActorEntry | None:
        rows = self.kb.office_holders(who, role, date)
        if not rows:
            return None
        # several rows in force (an open-ended row and a newer appointment): the latest start wins
        rows = sorted(rows, key=lambda r: (not r.leader, r.start), reverse=False)
        best = [r for r in rows if r.leader == rows[0].leader]
        return max(best, key=lambda r: r.start)

    def _is_dateline(self, tk: TokenTable, h: Hit) -> bool:
        if h.i > 1 or h.j >= tk.n:
            return False
        nxt = tk.text(h.j)
        first = tk.text(h.i)
        return nxt in DATELINE_PUNCT and nxt != "," or first.isupper() and len(first) > 2 and nxt == ","

    # ---------------------------------------------------------------- chains
    def _chain(self, tk: TokenTable, hits: list[Hit], k: int, pos: int, start_of: dict[int, int]):
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

    def _person_at(self, tk: TokenTable, hits: list[Hit], pos: int, start_of, label, ent_start, ent_end):
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
    def compose(self, tk: TokenTable, hits, k, start_of, label, ent_start, ent_end, date, doc_country, memory,
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
                        return Found(h.i, h.j, actor_code(iso, sector), iso, sector, self.kb.countries.get(iso),
                                     "sector", "demonym+sector:joint"), k + 1
                    holder = self._office(iso, role, date) if sector == "GOV" else None
                    if holder is not None:
                        return person_found(h.i, h.j, holder, f"office:{iso} {role} {office_period(holder)}"), k + 1
                    return Found(h.i, h.j, actor_code(iso, sector), iso, sector, self.kb.countries.get(iso),
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
            return Found(h.i, pend, actor_code(iso, sector), iso, sector, name, kind,
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

    def _of_chain(self, i, j, om: ActorEntry, oh: Hit, sector, role, date) -> Found | None:
        if om.category == IGO:
            e = self._igo(oh, date)
            if role:
                holder = self._office(e.code, role, date)
                if holder is not None:
                    return person_found(i, j, holder, f"office:{e.code} {role} {office_period(holder)}")
            return Found(i, j, e.code, e.iso or None, e.sector or None, e.name, "igo", "sector+of+igo")
        iso = om.iso
        if role and sector == "GOV":
            holder = self._office(iso, role, date)
            if holder is not None:
                return person_found(i, j, holder, f"office:{iso} {role} {office_period(holder)}")
        return Found(i, j, actor_code(iso, sector), iso, sector, self.kb.countries.get(iso), "sector",
                     "sector+of+country")

    def _bare_sector(self, i, j, sector, role, date, doc_country, last_role) -> Found:
        if role == "counterpart":
            role = last_role[-1] if last_role else ""
        if role and sector == "GOV" and doc_country:
            holder = self._office(doc_country, role, date)
            if holder is not None:
                return person_found(i, j, holder, f"office:{doc_country} {role} {office_period(holder)}:doc-country")
        if doc_country:
            return Found(i, j, actor_code(doc_country, sector), doc_country, sector, self.kb.countries.get(doc_country),
                         "sector", "sector:doc-country", role)
        return Found(i, j, sector or "", None, sector, None, "sector", "sector", role)

    def _shared_chain(self, tk: TokenTable, hits, k, start_of):
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

    def _modifier_chain(self, tk: TokenTable, hits, k, h, mod: ActorEntry, chain, next_k, end, start_of, label, ent_start, ent_end,
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
                code, sec = actor_code(iso, sector), sector
            return Found(h.i, pend, code, iso, sec, tk.span_text(name_i, pend), "person",
                         how0 + "+person:unknown", role, True), next_k
        if role == "counterpart":
            role = last_role[-1] if last_role else ""
            how0 = "coref:counterpart"
        if mod.category == IGO:
            if role:
                holder = self._office(org, role, date)
                if holder is not None:
                    return person_found(h.i, end, holder, f"office:{org} {role} {office_period(holder)}"), next_k
            e = self._igo(h, date)
            return Found(h.i, end, e.code, e.iso or None, e.sector or None, e.name,
                         "igo" if e.sector in ("IGO", "NGO") else "group", how0), next_k
        if role and sector == "GOV" and iso:
            holder = self._office(iso, role, date)
            if holder is not None:
                return person_found(h.i, end, holder, f"office:{iso} {role} {office_period(holder)}"), next_k
        name = self.kb.countries.get(iso or "", None)
        return Found(h.i, end, actor_code(iso, sector), iso, sector, name, "sector", how0, role), next_k

    def _single(self, tk: TokenTable, hits, k, h: Hit, mod: ActorEntry, date, memory) -> Found | None:
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
                         "igo" if e.sector in ("IGO", "NGO") else "group", user_rule("igo-alias", e))
        if cat == COUNTRY:
            return Found(h.i, h.j, mod.iso, mod.iso, None, mod.name, "state", user_rule("country-name", mod))
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
            return Found(h.i, h.j, actor_code(mod.iso, mod.sector), mod.iso, mod.sector, mod.name, "state", how)
        if cat == ADJ:
            if last_dep in ("amod", "compound") and h.j < n and tk.text(h.j) not in POSSESSIVE:
                return None
            if tk.pos(last) == "ADJ" and last_dep not in ("nsubj", "nsubjpass", "dobj", "pobj", "conj", "appos", "ROOT"):
                return None
            return Found(h.i, h.j, mod.iso, mod.iso, None, mod.name, "state", "demonym")
        return None
