"""Headline coding: the events a headline states, added to its article's events.

Headlines are written in their own register ("Chile Thanks Japan For Aid"), so they are re-cased
(:func:`~newsevents.text.repair.headline_case`) and parsed as a batch of their own, then run through
the stages that find events (entities, actors, times, places, events). A headline without an event
gets a second reading with its present-tense verbs put in the past ("Chile thanked Japan"), which the
parser no longer takes for nouns. Headline events that the text does not already tell (same dyad and
code) are added with ``evidence_in="title"``; those it does tell still count for the article's main
event. A headline that cannot be coded only loses its own events.
"""

from __future__ import annotations

import functools
import logging
from dataclasses import replace
from typing import TYPE_CHECKING, NamedTuple, Sequence

from newsevents.nlp import AnnotatedDoc
from newsevents.records import Article, DocumentResult
from newsevents.stages.events.salience import quote_spans, rank_events
from newsevents.text.repair import headline_case, headline_past, repair, stem

if TYPE_CHECKING:  # pragma: no cover
    from newsevents.stages import Stage

log = logging.getLogger(__name__)

TITLE_STAGES = ("entities", "actors", "times", "places", "events")


def event_key(event) -> tuple:
    """What makes two events the same for headline merging: source, target and CAMEO code."""
    return (tuple(a.code or a.text for a in event.source), tuple(a.code or a.text for a in event.target),
            event.cameo)


class HeadlineVocab(NamedTuple):
    common: frozenset[str]  # ordinary words: the event lexicon's words and their stems
    names: frozenset[str]  # known names, lower case (countries, capitals, people, organisations)
    verbs: frozenset[str]  # the event lexicon's verb lemmas
    nouns: frozenset[str]  # and its noun heads (a word that is both is not re-read as a verb)


@functools.lru_cache(maxsize=4)
def headline_vocab(actor_paths: tuple[str, ...] = ()) -> HeadlineVocab:
    """What headline casing and the second reading of headlines need from the lexicon and the KB
    (with the user's actor files ``actor_paths``: their names are names in headlines too)."""
    from newsevents.stages.actors import load_kb
    from newsevents.stages.events import load_lexicon

    lex = load_lexicon()
    words = lex.words()
    return HeadlineVocab(frozenset(words | {stem(w) for w in words}),
                         frozenset(n.lower() for n in load_kb(actor_paths).name_words()),
                         frozenset(lex.verbs), frozenset(lex.nouns))


def with_title_events(result: DocumentResult, events: list) -> DocumentResult:
    """Add the headline's events that the text does not already have (same dyad and code)."""
    from newsevents.stages.tone import sentence_tone

    seen = {event_key(e) for e in result.events}
    extra = []
    echoes = []  # headline events the text also tells: they still say what the story is about
    for ev in events:
        ev = replace(ev, evidence_in="title", sentence_index=-1)
        if event_key(ev) in seen:
            echoes.append(ev)
            continue
        seen.add(event_key(ev))
        extra.append(replace(ev, tone=sentence_tone(result.article.title or "")))
    return replace(result, events=rank_events(result.events + tuple(extra), also=echoes, quotes=quote_spans(result)))


def title_events(articles: Sequence[Article], stages: Sequence["Stage"], *, nlp,
                 batch_size: int) -> dict[str, list]:
    """Events stated by the headlines (parsed as a batch of their own), by article id."""
    wanted = [s for s in stages if s.name.split(".")[0] in TITLE_STAGES]
    if not any(s.name.startswith("events.") for s in wanted):
        return {}
    titled = [a for a in articles if a.title and a.title.strip()]
    if not titled:
        return {}
    actor_paths = next((tuple(map(str, getattr(s, "extra_paths", ()))) for s in wanted
                        if s.name.startswith("actors.")), ())
    vocab = headline_vocab(actor_paths)
    cased = [(a, _contained(a, "re-cased", headline_case, _contained(a, "repaired", repair, a.title), a.text,
                            vocab.common, vocab.names)) for a in titled]
    titled = [a for a, rep in cased if rep is not None]
    repaired = [rep for _, rep in cased if rep is not None]
    found = _code_headlines(titled, repaired, wanted, nlp, batch_size)
    # a second reading for headlines without an event: present-tense verbs put in the past
    # ("Chile thanks Japan" -> "Chile thanked Japan"), which the parser no longer takes for nouns
    retry = [(a, alt) for a, rep in zip(titled, repaired) if a.id not in found
             for alt in [_contained(a, "re-read", headline_past, rep, vocab.verbs, vocab.nouns)]
             if alt is not None]
    if retry:
        found.update(_code_headlines([a for a, _ in retry], [r for _, r in retry], wanted, nlp, batch_size))
    return found


def _code_headlines(titled: list[Article], repaired: list, wanted: list["Stage"], nlp,
                    batch_size: int) -> dict[str, list]:
    found: dict[str, list] = {}
    for article, rep, doc in zip(titled, repaired, _parse(titled, [r.text for r in repaired], nlp, batch_size)):
        if doc is None:
            continue
        headline = Article(id=article.id, text=article.title, date=article.date)
        adoc = AnnotatedDoc(article=headline, repaired=rep, doc=doc, extras={"headline": True})
        try:
            for stage in wanted:
                stage.process(adoc)
        except Exception as exc:  # noqa: BLE001 - a headline that cannot be coded loses only its events
            log.info("headline of %s not coded: %s", article.id, exc)
            continue
        if adoc.events:
            found[article.id] = adoc.events
    return found


def _contained(article: Article, what: str, fn, first, *args):
    """``fn(first, *args)``, or None (logged) when ``first`` is None or ``fn`` raises: a headline
    that cannot be repaired or re-cased loses only its own events, never the batch."""
    if first is None:
        return None
    try:
        return fn(first, *args)
    except Exception as exc:  # noqa: BLE001 - one bad headline never stops a batch
        log.info("headline of %s not %s: %s: %s", article.id, what, type(exc).__name__, exc)
        return None


def _parse(titled: list[Article], texts: list[str], nlp, batch_size: int) -> list:
    """The headlines' docs, parsed as one batch; when the batch breaks (a headline spaCy cannot
    take, such as a lone surrogate), each headline on its own, None for those that fail."""
    try:
        return list(nlp.pipe(texts, batch_size=batch_size))
    except Exception:  # noqa: BLE001 - find the headline that breaks the batch
        docs = []
        for article, text in zip(titled, texts):
            try:
                docs.append(nlp(text))
            except Exception as exc:  # noqa: BLE001
                log.info("headline of %s not parsed: %s: %s", article.id, type(exc).__name__, exc)
                docs.append(None)
        return docs
