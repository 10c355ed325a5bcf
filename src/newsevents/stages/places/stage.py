"""The place stage: toponyms in an article -> :class:`Place` records, its dateline, and the token
spans of the places for :func:`newsevents.stages.places.clauses.place_for_clause`."""

from __future__ import annotations

import re

from newsevents.nlp import AnnotatedDoc
from newsevents.records import Place
from newsevents.resources.gazetteer import STATE_ABBREVIATIONS, PlaceEntry, Gazetteer, gazetteer, name_key, strip_name
from newsevents.stages.places.names import (
    DEMONYMS,
    DISEASE_AFTER,
    NOT_TOPONYM,
    after_locative,
    misread_place,
    name_trust,
    names_not_places,
    placed_by_context,
    whole_name,
)
from newsevents.stages.places.resolve import choose
from newsevents.stages.places.tokens import Tokens, clean_token_range
from newsevents.text.dateline import find_dateline

_CAPITAL_RE = re.compile(r"\b(?:the\s+)?([A-Z][a-z]+(?:\s[A-Z][a-z]+)?)\s+capital(?:\s+city)?\b(?!\s+(?:of|markets?|flows?|gains?|spending|punishment|expenditure))")
_PLACE_LABELS = ("GPE", "LOC", "FAC")
_MISLABEL = ("PERSON", "NORP", "ORG", "PRODUCT", "DATE", "WORK_OF_ART", "EVENT", "LAW")
_BLOCKING_LABELS = ("PERSON", "DATE", "TIME", "NORP")  # besides places: no name scan inside
_COMMA = re.compile(r",\s*")
_STATE_AFTER = re.compile(r",\s*((?:[A-Z]\.){1,2}(?:[A-Z][a-z]?\.)?|[A-Z][a-z]{1,4}\.)")

_FAC_HEADS = ("Street|Avenue|Ave\\.|Road|Rd\\.|Lane|Drive|Boulevard|Square|Bridge|Airport|Stadium|Cathedral|"
              "Museum|Valley|Island|Islands|Canal|Racecourse|Beach|Bay|Peninsula|Mountains|River|Palace|"
              "Highway|Fields")
_FACILITY_RE = re.compile(
    r"(?=[A-Zdlo])"  # a match starts with a capital, "of", "de" or "la": skip other places at once
    r"\b((?:(?:[A-Z][\w'\u2019.-]*|of|de|la)\s){0,3}[A-Z][\w'\u2019.-]*\s(?:" + _FAC_HEADS + r")(?:\s(?:West|East|North|South))?"
    r"|(?:Lake|Mount|Mt\.|Fort|Cape|Gulf of|Sea of|Bay of|Isle of)\s[A-Z][\w'\u2019-]+(?:\s[A-Z][\w'\u2019-]+)?)\b")

# literal words one of which every _FACILITY_RE match contains (a cheap test before the scan)
_FAC_WORDS = tuple(_FAC_HEADS.replace("\\.", ".").split("|")) + (
    "Lake", "Mount", "Mt.", "Fort", "Cape", "Gulf of", "Sea of", "Bay of", "Isle of")
_FAC_WORD_RE = re.compile("|".join(map(re.escape, _FAC_WORDS)))  # one search for any of them
_FAC_NAME_GOES_ON = re.compile(r"\s?(?:[A-Z]\w|'s|\u2019s)")  # "Moi Avenue Hotel", "Bay's"
_FAC_LEAD = re.compile(r"(?:The|the|A|An|In|At|On|From|To|Near|And|But)\s+")


def _iso3(gaz: Gazetteer, iso2: str | None) -> str | None:
    if not iso2:
        return None
    v = gaz.iso3.get(iso2)
    if v:
        return v
    try:
        import pycountry

        c = pycountry.countries.get(alpha_2=iso2)
        return c.alpha_3 if c else None
    except (ImportError, LookupError):  # pragma: no cover
        return None


def _overlaps(span: tuple[int, int], start: int, end: int) -> bool:
    return span[0] < end and start < span[1]


def _find_dateline(adoc: AnnotatedDoc) -> tuple[int, int, str] | None:
    """A leading upper-case place ("WASHINGTON (AP) --") when text repair found none."""
    found = find_dateline(adoc.text)
    if found is None:
        return None
    s2, e2, t = adoc.orig(*found)
    return s2, e2, t


class PlaceStage:
    name = "places.v1"
    requires = ("doc",)
    produces = ("places", "dateline")

    def __init__(self) -> None:
        self._gaz: Gazetteer | None = None

    @property
    def gaz(self) -> Gazetteer:
        if self._gaz is None:
            self._gaz = gazetteer()
        return self._gaz

    def process(self, adoc: AnnotatedDoc) -> None:
        gaz = self.gaz
        doc = adoc.doc
        text = adoc.text
        spans: list[tuple[int, int, str, str]] = []  # clean start, end, text, label
        # token offsets and flags come from one array read, not one Token object per look; entity
        # texts are slices of the text (a span's text is doc.text between its offsets)
        toks = Tokens(adoc.tokens, text)
        tok_starts, tok_ends = toks.starts, toks.ends
        n = toks.n
        ok = toks.name_like.copy()  # name-like tokens, less those in place entities, people and dates
        ents = adoc.ents
        for ent in ents:
            label = ent.label_
            start, end = ent.start, ent.end
            s_char, e_char = ent.start_char, ent.end_char
            ent_text = text[s_char:e_char]
            if label in _PLACE_LABELS:
                if not gaz.lookup_loose(ent_text) and end - start > 1:
                    continue  # "Mississippi State", "Limpopo Valley Road": let the scan look inside
                spans.append((s_char, e_char, ent_text, label))
            elif label in _MISLABEL and misread_place(gaz, label, ent_text, toks, start, end):
                # a place the small model called a person, group, product or date
                spans.append((s_char, e_char, ent_text, "GAZ"))
            if label in _PLACE_LABELS or label in _BLOCKING_LABELS:
                ok[start:end] = [False] * (end - start)
        # names the model missed or buried in another entity ("the US State Department",
        # "Heart Foundation of Kenya"): countries, US states, regions, cities of 100,000+.
        # Only name-like, unblocked tokens can start one, so the scan visits just those.
        resume = 0  # the scan goes on after the last name found
        for i in toks.named:
            if i < resume or not ok[i]:
                continue
            run = 1  # name-like, unblocked tokens from i (at most 3)
            while run < 3 and i + run < n and ok[i + run]:
                run += 1
            for j in range(i + run, i, -1):  # the longest name first
                span_text = text[tok_starts[i]:tok_ends[j - 1]]
                trust = name_trust(gaz, span_text)
                if trust is None:
                    continue
                strong, trusted = trust
                if (strong or after_locative(toks, i, j, span_text)
                        or (trusted and whole_name(toks, i, j))):
                    spans.append((tok_starts[i], tok_ends[j - 1], span_text, "GAZ"))
                    resume = j
                    break

        # article context: countries named outright, and the dateline's country
        context: dict[str, float] = {}
        dateline_entry: PlaceEntry | None = None
        dl = getattr(adoc.repaired, "dateline", None) or _find_dateline(adoc)
        if dl:
            ds, de, dtext = dl
            cands = gaz.lookup(strip_name(dtext.split(",")[0]))
            dateline_entry = choose(cands)
            if dateline_entry is not None:
                if dateline_entry.country2:
                    context[dateline_entry.country2] = context.get(dateline_entry.country2, 0) + 2.0
                adoc.dateline = self._place(dateline_entry, ds, de, adoc.article.text[ds:de], "dateline")
                # the dateline is a toponym of the text too; keep it once, as the dateline
                spans = [sp for sp in spans if not _overlaps(adoc.repaired.to_original(sp[0], sp[1]), ds, de)]
        for s, e, t, label in spans:
            vote = gaz.context_vote(t)
            if vote is not None:
                iso2, weight = vote
                context[iso2] = min(2.0, context.get(iso2, 0) + weight)

        spans.sort()
        out: list[Place] = []
        last_end = -1
        not_places: set[str] | None = None  # read when a name is first checked
        for idx, (s, e, t, label) in enumerate(spans):
            if s < last_end:
                continue
            name = strip_name(t)
            if not name or NOT_TOPONYM.match(name):
                continue
            if not_places is None:
                not_places = names_not_places(doc, ents, text, toks)
            if name.lower() in not_places and (DISEASE_AFTER.match(text, e) or not placed_by_context(text, s, e)):
                continue
            cands = gaz.lookup_loose(t)
            # "The Kazakh capital" style descriptions; "Springfield, Illinois" style pairs
            hint_country = hint_admin1 = None
            nxt = spans[idx + 1] if idx + 1 < len(spans) else None
            if nxt and _COMMA.fullmatch(text, e, nxt[0]):
                h = gaz.lookup(strip_name(nxt[2]))
                if h and h[0].feature == "country":
                    hint_country = h[0].country2
                elif h and h[0].feature == "admin1" and h[0].country2 == "US":
                    hint_admin1 = h[0].admin1
            if hint_admin1 is None and hint_country is None:
                m = _STATE_AFTER.match(text[e:e + 12])
                if m and m.group(1).lower() in STATE_ABBREVIATIONS:
                    hint_admin1 = STATE_ABBREVIATIONS[m.group(1).lower()]
            if not cands:
                continue
            if label == "FAC":
                cands = [c for c in cands if c.name.lower() == name_key(name) or c.feature != "city"]
            entry = choose(cands, hint_country=hint_country, hint_admin1=hint_admin1, context=context,
                           name=name, capitals=gaz.capitals)
            if entry is None:
                continue
            os_, oe, otext = adoc.orig(s, e)
            out.append(self._place(entry, os_, oe, otext, "mention"))
            last_end = e
        self._facilities(adoc, out, dateline_entry)
        covered = [(p.start, p.end) for p in out]
        # the pattern needs the literal word: skip the scan when the text lacks it
        for m in (_CAPITAL_RE.finditer(text) if "capital" in text else ()):
            iso2 = DEMONYMS.get(m.group(1).lower())
            if iso2 is None:
                cands = gaz.lookup(m.group(1))
                iso2 = cands[0].country2 if cands and cands[0].feature == "country" else None
            entry = gaz.capital_entry.get(iso2 or "")
            if entry is None:
                continue
            os_, oe, otext = adoc.orig(m.start(), m.end())
            if any(os_ < b and a < oe for a, b in covered):
                continue
            out.append(self._place(entry, os_, oe, otext, "mention"))
        if adoc.dateline is not None and not any(
                p.start < adoc.dateline.end and adoc.dateline.start < p.end for p in out):
            out.append(adoc.dateline)
        out.sort(key=lambda p: p.start)
        adoc.places.extend(out)
        # token spans of the places in the text (not the dateline), for place_for_clause
        token_map = adoc.extras.setdefault("place_tokens", [])
        for p in out:
            if p.role == "dateline":
                continue
            span = clean_token_range(adoc, p.start, p.end, tok_starts, tok_ends)
            if span is not None:
                token_map.append((span[0], span[1], p))

    def _facilities(self, adoc: AnnotatedDoc, out: list[Place], dateline: PlaceEntry | None) -> None:
        """Streets, squares, airports, rivers, lakes, bays and the like ("Royal Street", "Lake
        Manassas", "Fort Hood"). No gazetteer holds them, so each one is placed at the nearest
        settlement named before it in the article (or the dateline): a street lies in its town."""
        text = adoc.text
        if not _FAC_WORD_RE.search(text):
            return  # every facility name holds one of these words: no need to scan
        found = [(m.start(1), m.end(1)) for m in _FACILITY_RE.finditer(text)
                 if not _FAC_NAME_GOES_ON.match(text[m.end(1):m.end(1) + 3])]
        if not found:
            return
        anchors = sorted((p.start, p) for p in out if p.feature in ("city", "admin2", "subdiv", "admin1"))
        anchor_dl = self._place(dateline, 0, 0, "", "dateline") if dateline is not None else None
        taken = [(p.start, p.end) for p in out]
        for s, e in sorted(set(found)):
            t = text[s:e]
            lead = _FAC_LEAD.match(t)
            if lead:
                s += lead.end()
            os_, oe, otext = adoc.orig(s, e)
            if oe - os_ < 4 or any(os_ < b and a < oe for a, b in taken):
                continue
            before = [p for st, p in anchors if st < os_]
            ref = before[-1] if before else (anchor_dl or (anchors[0][1] if anchors else None))
            if ref is None:
                continue
            out.append(Place(start=os_, end=oe, text=otext, name=otext, lat=ref.lat, lon=ref.lon,
                             country=ref.country, admin1=ref.admin1, geonameid=None, feature="facility",
                             role="mention"))
            taken.append((os_, oe))
        out.sort(key=lambda p: p.start)

    def _place(self, e: PlaceEntry, start: int, end: int, text: str, role: str) -> Place:
        return Place(start=start, end=end, text=text, name=e.name, lat=e.lat, lon=e.lon,
                     country=_iso3(self.gaz, e.country2), admin1=e.admin1, geonameid=e.geonameid,
                     feature=e.feature, role=role)
