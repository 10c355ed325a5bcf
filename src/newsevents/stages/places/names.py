"""Names that are not places here: demonyms, words like "world" or "downtown", names the article
uses for people or diseases, and how far a name the gazetteer holds is trusted as a place on its own
(a country or a large city) or only where the words around it make it one ("in Bellmore")."""

from __future__ import annotations

import re
from functools import lru_cache

from newsevents.resources.countries import adjectives_iso2
from newsevents.resources.gazetteer import PlaceEntry, Gazetteer, name_key, strip_name
from newsevents.stages.places.tokens import Tokens

# Demonyms and adjectives (lower case) -> ISO-2: used for "the Kazakh capital", never as places.
# They come from the actor knowledge base's country table (one list for the whole project), plus
# the few forms that table leaves out on purpose (ambiguous as actors, unambiguous here).
_DEMONYM_EXTRA = {"congolese": "CD", "new zealand": "NZ"}
DEMONYMS: dict[str, str] = {**adjectives_iso2(), **_DEMONYM_EXTRA}

NOT_TOPONYM = re.compile(r"(?i)^(?:the )?(?:earth|world|globe|universe|heaven|hell|moon|sun|mars|"
                         r"north|south|east|west|the west|the east|downtown|midwest|overseas|"
                         r"abroad|home|city|state|nation|country|capital|region|area)$")


def _trusted(cands: list[PlaceEntry], text: str) -> bool:
    c0 = cands[0]
    if c0.feature in ("country", "region") or (c0.feature == "admin1" and c0.geonameid is None):
        return len(text) > 2 or text.isupper()
    if c0.feature == "admin1" and not text.endswith("."):
        return True
    if c0.feature == "admin2" or (c0.feature == "subdiv" and " " in text.strip()):
        return True
    key = name_key(text)
    return any(c.feature == "city" and c.population >= 100_000 and c.name.lower() == key for c in cands)


_LOCATIVE = frozenset({"in", "at", "near", "outside", "from", "into", "across", "around", "to", "of"})


_CALENDAR_WORDS = frozenset(
    "january february march april may june july august september october november december monday "
    "tuesday wednesday thursday friday saturday sunday christmas easter spring summer autumn winter".split())


def whole_name(toks: Tokens, start: int, end: int) -> bool:
    """Tokens [start, end) are a whole capitalised run: not "Aberystwyth" of "Aberystwyth
    University", not "Upper" of "Upper Nile State", not a possessive ("Pandora's Box")."""
    if end < toks.n:
        if toks.name_like[end] or toks.lower(end) in ("'s", "\u2019s", "of"):
            return False
    if start > 0 and toks.name_like[start - 1] and not toks.doc[start - 1].is_sent_start:
        return False
    return True


def after_locative(toks: Tokens, start: int, end: int, text: str) -> bool:
    """A capitalised name (tokens [start, end), whose text is ``text``) right after a locative
    preposition ("in Bellmore") that names a town, province or county: place-like even when the
    model tagged nothing."""
    if start == 0:
        return False
    prev = toks.lower(start - 1)
    if prev not in _LOCATIVE or prev in ("of", "to"):
        return False
    low = text.lower()
    if low in DEMONYMS or low in _CALENDAR_WORDS or len(text) < 4:
        return False
    return whole_name(toks, start, end)


def _strong(cands: list["PlaceEntry"], text: str) -> bool:
    """Trusted on its own wherever it stands: a country, region, US state or a city of 100,000+."""
    return cands[0].feature not in ("admin2", "subdiv") and _trusted(cands, text)


@lru_cache(maxsize=65536)
def name_trust(gaz: "Gazetteer", text: str) -> tuple[bool, bool] | None:
    """For a name the scan finds: None when the gazetteer does not hold it, else whether it is
    :func:`_strong` and whether it is :func:`_trusted`. A pure function of the text, kept per text."""
    cands = gaz.lookup(text)
    if not cands:
        return None
    trusted = _trusted(cands, text)
    return cands[0].feature not in ("admin2", "subdiv") and trusted, trusted


def misread_place(gaz: "Gazetteer", label: str, text: str, toks: Tokens, start: int, end: int) -> bool:
    """An entity (tokens [start, end), text ``text``) with a non-place label whose whole text is a
    country, region, state or a large city ("Azerbaijan" as PERSON, "Aleppo" as NORP), or any
    gazetteer town after "in"/"near"."""
    misread = _misread_by_name(gaz, label, text)
    return misread if misread is not None else after_locative(toks, start, end, text)


@lru_cache(maxsize=65536)
def _misread_by_name(gaz: "Gazetteer", label: str, text: str) -> bool | None:
    """What the label and text alone say for :func:`misread_place`: a place (True), not one
    (False), or a place only right after a locative preposition (None)."""
    low = text.lower()
    if low in DEMONYMS or low.rstrip("s") in DEMONYMS or not text[:1].isupper():
        return False
    cands = gaz.lookup(strip_name(text))
    if not cands:
        return False
    if label == "ORG" and cands[0].feature not in ("country", "admin1", "region"):
        return None  # "Venice Commission" is caught inside by the scan, not here
    if label == "PERSON" and cands[0].feature == "city":
        return None  # "Jackson", "Franklin": people first, unless "in Franklin"
    if label == "DATE" and cands[0].feature not in ("country", "admin1", "region"):
        return False  # "in March" is a month
    return True if _strong(cands, text) else None


_DISEASE_WORDS = r"(?:virus|viruses|disease|fever|haemorrhagic|hemorrhagic|encephalitis|syndrome)\b"
DISEASE_AFTER = re.compile(r"\s+" + _DISEASE_WORDS, re.I)
_DISEASE_NAME = re.compile(r"\b([A-Z][a-z]+)(?=\s+(?i:" + _DISEASE_WORDS + "))")


_DISEASE_STEMS = ("virus", "disease", "fever", "haemorrhagic", "hemorrhagic", "encephalitis", "syndrome")


def names_not_places(doc, ents=None, text: str | None = None, toks: Tokens | None = None) -> set[str]:
    """Single words the article itself uses as something other than a place: the given and family
    names of people it names in full ("Virginia Hale" ... "said Virginia"; "Peter Lansing" ...
    "Lansing said"), and diseases named after a place ("Marburg virus" ... "Marburg spreads").
    With the document's :class:`Tokens`, token texts are read from it (``is_alpha`` and
    ``is_title`` are ``str.isalpha`` and ``str.istitle`` of the text)."""
    out: set[str] = set()
    for ent in (doc.ents if ents is None else ents):
        if ent.label_ == "PERSON" and len(ent) >= 2:
            if toks is None:
                for tok in (ent[0], ent[-1]):
                    if tok.is_alpha and tok.is_title:
                        out.add(tok.text.lower())
                continue
            for i in (ent.start, ent.end - 1):
                t = toks.text[toks.starts[i]:toks.ends[i]]
                if t.isalpha() and t.istitle():
                    out.add(t.lower())
    if text is None:
        text = doc.text
    # one scan of the text, not one per token; none at all when no disease word is there (the
    # substring test is exact for ASCII text; other text is always scanned)
    low = text.lower()
    if not text.isascii() or any(w in low for w in _DISEASE_STEMS):
        for m in _DISEASE_NAME.finditer(text):
            out.add(m.group(1).lower())
    return out


_COMMA_NAME = re.compile(r",\s*[A-Z]")
_LOCATIVE_BEFORE = re.compile(r"(?i)\b(?:in|at|near|outside|from|into|across|around|to|of|downtown|and)\s+(?:the\s+)?$")


def placed_by_context(text: str, start: int, end: int) -> bool:
    """The words around a mention make it a place whatever else the name is used for: a locative
    preposition before it ("in Buffalo") or a region after it ("Reston, Virginia")."""
    return bool(_LOCATIVE_BEFORE.search(text[max(0, start - 20):start])
                or _COMMA_NAME.match(text[end:end + 3]))
