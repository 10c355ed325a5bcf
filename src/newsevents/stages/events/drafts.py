"""Draft events and their assembly: the coder makes one :class:`Draft` per coded clause or
nominal trigger; :func:`finish` turns the drafts into one :class:`~newsevents.records.Event` per
(source, target) dyad, with its confidence and fatality count.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Iterable

from newsevents.records import Actor, Event, Place
from newsevents.stages.events.fatalities import death_clauses, fatalities_for


@dataclass
class Draft:
    code: str
    sources: list[tuple[Actor, float]]
    targets: list[Actor]
    trigger: str
    rule: str
    sent_i: int
    sent: object
    negated: bool
    modality: str
    base: float
    date: str | None = None
    date_source: str = "article"
    consumed: tuple[int, ...] = ()
    reciprocal: bool = False  # conjoined subjects act on each other
    reverse_code: str = ""  # also coded back from each target to each source (PETRARCH "[040:040]")
    agentless: bool = False  # no source in the text ("were arrested", "a bombing killed"): source left empty
    plover: str | None = None  # PLOVER type overriding the CAMEO correspondence (intended yields: CONCEDE)
    place: Place | None = None  # where the clause says it happened ("clashed in Aleppo")
    head_i: int | None = None  # document index of the trigger token (verb or noun)
    fatalities: int | None = None  # people the text says this (violent) event killed


def finish(adoc, drafts: Iterable[Draft], cameo: dict[str, dict]) -> list[Event]:
    """Drafts -> one Event per (source, target) dyad, duplicates merged (highest confidence first)."""
    events: dict[tuple, Event] = {}
    order: list[tuple] = []
    deaths: dict[int, list] = {}  # sentence start -> death clauses
    for d in drafts:
        info = cameo.get(d.code)
        if info is None:
            continue
        if d.head_i is not None and _violent(d.code) and not d.negated and d.modality in ("asserted", "past"):
            if d.sent.start not in deaths:
                deaths[d.sent.start] = death_clauses(d.sent)
            d.fatalities = fatalities_for(adoc.doc[d.head_i], d.sent, deaths[d.sent.start])
        es, ee, et = adoc.orig_span(d.sent)
        seen_src: set = set()
        sources = d.sources if (d.sources or not d.agentless) else [(None, 0.1)]
        for src, penalty in sources:
            targets = d.targets or [None]
            if src is None:  # agentless: who acted is not said
                for tgt in targets:
                    conf = d.base + (0.15 if tgt is not None else 0.0) - 0.2
                    conf = round(max(0.05, min(1.0, conf)), 3)
                    _add(events, order, _event(adoc, d, info, None, tgt, conf, es, ee, et))
                continue
            if d.reciprocal:
                targets = [a for a, _ in d.sources if actor_key(a) != actor_key(src)] or [None]
            if actor_key(src) in seen_src:
                continue
            seen_src.add(actor_key(src))
            for tgt in targets:
                if tgt is not None and actor_key(tgt) == actor_key(src):
                    continue
                conf = d.base + (0.15 if tgt is not None else 0.0)
                conf += 0.1 if (len(d.code) >= 3 and not d.code.endswith("0")) else 0.0
                conf -= penalty
                conf -= 0.15 if src.kind == "unresolved" else 0.0
                conf -= 0.05 if (tgt is not None and tgt.kind == "unresolved") else 0.0
                conf = round(max(0.05, min(1.0, conf)), 3)
                _add(events, order, _event(adoc, d, info, src, tgt, conf, es, ee, et))
                rinfo = cameo.get(d.reverse_code) if d.reverse_code else None
                if rinfo is not None and tgt is not None:
                    _add(events, order, _event(adoc, d, rinfo, tgt, src, conf, es, ee, et))
    return [events[k] for k in order]


def _event(adoc, d: Draft, info: dict, src: Actor | None, tgt: Actor | None, conf: float,
           es: int, ee: int, et: str) -> Event:
    plover, mode = info["plover"], info["plover_mode"]
    if d.plover and d.plover != plover:
        plover, mode = d.plover, None
    elif info["root"] == "08" and d.modality == "intended" and plover != "CONCEDE":
        plover, mode = "CONCEDE", None  # a yield announced or promised, not yet carried out
    return Event(
        source=(src,) if src is not None else (), target=(tgt,) if tgt is not None else (),
        cameo=info["code"], root=info["root"], quad_class=info["quad_class"], goldstein=info["goldstein"],
        plover=plover, plover_mode=mode,
        date=d.date or adoc.article.date,
        date_source=d.date_source if d.date else ("article" if adoc.article.date else "unknown"),
        negated=d.negated, modality=d.modality, confidence=conf,
        evidence_start=es, evidence_end=ee, evidence_text=et, trigger=d.trigger,
        rule=d.rule, sentence_index=d.sent_i, place=d.place, fatalities=d.fatalities,
    )


def _violent(code: str) -> bool:
    """CAMEO codes of force: assault, fight, mass violence, violent repression."""
    return code[:2] in ("18", "19", "20") or code.startswith("175")


def _add(events: dict, order: list, ev: Event) -> None:
    """Keep one event per (source, target, code); the more confident one wins."""
    key = (actor_key(ev.source[0]) if ev.source else None, actor_key(ev.target[0]) if ev.target else None,
           ev.cameo)
    old = events.get(key)
    if old is None:
        events[key] = ev
        order.append(key)
    elif ev.confidence > old.confidence:
        events[key] = ev


def actor_key(a: Actor) -> str:
    return a.code or (a.name or a.text).lower()
