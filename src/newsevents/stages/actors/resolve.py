"""Actor resolution over a spaCy ``Doc``: knowledge-base hits -> composed actor mentions.

Three passes, all linear in the number of tokens:

1. **Scan** (:mod:`.scan`): greedy longest match of knowledge-base phrases over consecutive tokens.
2. **Compose** the hits into mentions, left to right (:mod:`.compose`).
3. **Entities and coreference** (here): spaCy PERSON entities not yet covered become people (a
   surname seen earlier in the article refers back to that person; others are kept as
   ``unresolved``); ORG/NORP entities not covered are kept as ``unresolved``; ``he``/``she`` as a
   subject refers to the last person mentioned in an earlier sentence; ``counterpart`` takes the
   role of the last person with a known office.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from newsevents.nlp import TokenView
from newsevents.resources.actors.kb import ADJ, CAPITAL, COUNTRY, IGO, KB, PERSON, SEAT, SECTOR, TITLE, compact
from newsevents.stages.actors.compose import DATELINE_PUNCT, MentionComposer
from newsevents.stages.actors.hits import Found, Hit
from newsevents.stages.actors.scan import PhraseScanner
from newsevents.stages.actors.tokens import TokenTable

if TYPE_CHECKING:  # pragma: no cover
    from spacy.tokens import Doc, Span

PRONOUNS = {"he", "she"}
UNRESOLVED_LABELS = {"ORG", "NORP"}


class ActorResolver:
    """Resolves one document at a time; holds only the (shared, read-only) knowledge base."""

    def __init__(self, kb: KB):
        self.kb = kb
        self.scanner = PhraseScanner(kb)
        self.composer = MentionComposer(kb)

    def _entity_maps(self, n: int, ents: list[tuple[int, int, str]]):
        label = [""] * n
        start = [-1] * n
        end = [-1] * n
        for s, e, ent_label in ents:
            label[s:e] = [ent_label] * (e - s)
            start[s:e] = [s] * (e - s)
            end[s:e] = [e] * (e - s)
        return label, start, end

    def resolve(self, doc: "Doc", date: str | None = None, ents: "tuple[Span, ...] | None" = None,
                tokens: TokenTable | None = None) -> list[Found]:
        """The actor mentions of ``doc``. ``ents`` (``doc.ents``) and ``tokens`` (the document's
        :class:`TokenTable`) may be passed when the caller already has them."""
        tk = TokenTable(TokenView(doc)) if tokens is None else tokens
        hits = self.scanner.scan(tk)
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
            f, next_k = self.composer.compose(tk, hits, k, start_of, label, ent_start, ent_end, date, doc_country,
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

    def _is_title_token(self, tk: TokenTable, hits: list[Hit], t: int) -> bool:
        for h in hits:
            if h.i <= t < h.j:
                return h.has(TITLE, SECTOR)
        return tk.is_punct(t)

    def _doc_country(self, tk: TokenTable, hits: list[Hit]) -> str | None:
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

    # ---------------------------------------------------------------- entities and pronouns
    def _person_entity(self, tk: TokenTable, s: int, e: int, memory) -> Found:
        text = tk.span_text(s, e)
        ref = memory.get(compact(text)) or (memory.get(compact(tk.text(e - 1))) if e - s == 1 else None)
        if ref is not None:
            return Found(s, e, ref.code, ref.country, ref.sector, ref.name, ref.kind, "coref:surname", ref.role, True)
        return Found(s, e, "", None, None, text, "unresolved", "entity:PERSON", "", True)

    def _pronouns(self, tk: TokenTable, found: list[Found]) -> list[Found]:
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
