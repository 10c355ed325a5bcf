"""Actor stage: resolves who is mentioned to CAMEO-style actor codes.

``ActorStage`` fills ``adoc.mentions`` (token spans with their actor, sorted, non-overlapping) and
``adoc.actors`` (the same actors with offsets into the ORIGINAL text). The knowledge base is the
TSV files in ``data/`` (see ``data/README.md``) plus any the user adds; :func:`lookup` resolves a
phrase outside an article (for ``newsevents actors lookup``).
"""

from __future__ import annotations

import os
from typing import Iterable

from newsevents.nlp import AnnotatedDoc, Mention
from newsevents.records import Actor
from newsevents.resources.actors.kb import KB, compact
from newsevents.resources.actors.load import load_kb
from newsevents.stages.actors.hits import to_actor
from newsevents.stages.actors.resolve import ActorResolver
from newsevents.stages.actors.tokens import TokenTable

__all__ = ["ActorStage", "lookup", "explain_lookup", "load_kb", "KB", "ActorResolver", "demonym_country"]

_RESOLVERS: dict[tuple[str, ...], ActorResolver] = {}


def _resolver(extra_paths: Iterable[str | os.PathLike] = ()) -> ActorResolver:
    key = tuple(str(p) for p in extra_paths)
    r = _RESOLVERS.get(key)
    if r is None:
        r = _RESOLVERS[key] = ActorResolver(load_kb(key))
    return r


class ActorStage:
    name = "actors.v1"
    requires = ("doc", "entities")
    produces = ("actors", "mentions")

    def __init__(self, extra_paths: Iterable[str | os.PathLike] = ()):
        self.extra_paths = tuple(extra_paths)
        self._r: ActorResolver | None = None

    @property
    def resolver(self) -> ActorResolver:
        if self._r is None:
            self._r = _resolver(self.extra_paths)
        return self._r

    def process(self, adoc: AnnotatedDoc) -> None:
        doc = adoc.doc
        tokens = TokenTable(adoc.tokens)
        for f in self.resolver.resolve(doc, adoc.article.date, adoc.ents, tokens):
            if f.i < f.j:
                s, e, text = adoc.orig(tokens.start(f.i), tokens.end(f.j - 1))  # = adoc.orig_span(doc[f.i:f.j])
            else:
                s, e, text = adoc.orig_span(doc[f.i:f.j])
            actor = to_actor(f, s, e, text)
            adoc.mentions.append(Mention(f.i, f.j, actor))
            adoc.actors.append(actor)


def demonym_country(text: str, extra_paths: Iterable[str | os.PathLike] = ()) -> tuple[str, str] | None:
    """(ISO-3, country name) when ``text`` is a demonym of the knowledge base ("Russian", "Israeli"),
    with the user's actor files ``extra_paths`` if any."""
    for e in load_kb(extra_paths).phrases.get(compact(text), ()):
        if e.category == "adj" and e.iso:
            return e.iso, e.name
    return None


def lookup(text: str, date: str | None = None, *, extra_paths: Iterable[str | os.PathLike] = (),
           model: str | None = None) -> list[Actor]:
    """Resolve a phrase (or a sentence) outside any article: ``lookup("the US president", "2017-11-02")``.

    Offsets are into ``text``. Loads the spaCy model once per process.
    """
    from newsevents.nlp import DEFAULT_MODEL, load_model

    nlp = load_model(model or DEFAULT_MODEL)
    doc = nlp(text)
    out = []
    for f in _resolver(extra_paths).resolve(doc, date):
        span = doc[f.i:f.j]
        out.append(to_actor(f, span.start_char, span.end_char, span.text))
    return out


# what each rule name (the first part of ``Actor.how``) means, for explanations
RULES = {
    "country-name": "a country's name (or a name from a user dictionary coded as a country)",
    "demonym": "a demonym used as a noun: the country",
    "capital-metonym": "a capital city standing for the government",
    "seat-metonym": "a seat of power standing for the institution that sits there",
    "igo-alias": "an organisation or armed group by one of its names",
    "actor": "an actor from a user dictionary, coded as the dictionary says",
    "person": "a known person; date-aware: in office -> their government, else their country",
    "title+person": "a title followed by a known person",
    "title+coref": "a title followed by the surname of a person named earlier",
    "title+person:unknown": "a title followed by a name we do not know: the title's sector",
    "office": "an office (president, foreign minister ...) of a country or organisation: its holder on the date",
    "country+sector": "a country name + a sector word",
    "demonym+sector": "a demonym + a sector word",
    "capital+sector": "a capital + a sector word",
    "seat+sector": "a seat of power + a sector word",
    "possessive+sector": "a person's possessive + a sector word: that person's country",
    "person+sector": "a person + a sector word: that person's country",
    "igo+sector": "an organisation or group + a sector word: the organisation",
    "sector+of+country": "a sector word + of + a country",
    "sector+of+igo": "a sector word + of + an organisation",
    "sector": "a sector word alone; no country known",
    "coref": "refers back to an actor named earlier in the text",
    "entity": "a name spaCy found that we could not resolve; kept with its text",
}


def _rule_text(how: str) -> str:
    for key in sorted(RULES, key=len, reverse=True):
        if how == key or how.startswith(key + ":") or how.startswith(key + "+") or how.startswith(key + " "):
            return RULES[key]
    head = how.split(":", 1)[0]
    return RULES.get(head, "")


def explain_lookup(text: str, date: str | None = None, *, extra_paths: Iterable[str | os.PathLike] = (),
                   model: str | None = None) -> str:
    """A human-readable account of how ``text`` resolves on ``date`` (for ``newsevents actors lookup``):
    one block per mention with its code, country, sector, name, kind and the rule that decided."""
    actors = lookup(text, date, extra_paths=extra_paths, model=model)
    kb = load_kb(tuple(str(p) for p in extra_paths))
    lines = [f"{text!r} on {date or 'no date (offices are not resolved to people)'}:"]
    if not actors:
        lines.append("  no actor found (no name, demonym, capital, organisation or sector word we know)")
    for a in actors:
        country = f"{a.country} ({kb.countries.get(a.country, '?')})" if a.country else "-"
        lines.append(f"  {a.text!r} [{a.start}:{a.end}]")
        lines.append(f"    code     {a.code or '(none: unresolved)'}")
        lines.append(f"    country  {country}")
        lines.append(f"    sector   {a.sector or '-'}")
        lines.append(f"    name     {a.name or '-'}")
        lines.append(f"    kind     {a.kind}")
        why = _rule_text(a.how)
        lines.append(f"    rule     {a.how}" + (f" ({why})" if why else ""))
    if kb.imported:
        lines.append("  user dictionaries: " + ", ".join(
            f"{os.path.basename(k)} ({v['kind']}, {v['entries']} entries)" for k, v in kb.imported.items()))
    return "\n".join(lines)
