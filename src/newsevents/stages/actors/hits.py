"""What the actor resolver finds: knowledge-base hits over tokens, and resolved mentions."""

from __future__ import annotations

import os
from dataclasses import dataclass

from newsevents.records import Actor
from newsevents.resources.actors.kb import DATA_DIR, ActorEntry


@dataclass(slots=True)
class Hit:
    i: int
    j: int
    by: dict[str, list[ActorEntry]]

    def has(self, *cats: str) -> bool:
        return any(c in self.by for c in cats)

    def first(self, *cats: str) -> ActorEntry | None:
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


def actor_code(country: str | None, sector: str | None) -> str:
    return (country or "") + (sector or "")


def person_found(i: int, j: int, e: ActorEntry, how: str) -> Found:
    code = e.org or actor_code(e.iso, e.sector)
    return Found(i, j, code, e.iso or None, e.sector or None, e.name, "person", how, e.role, True)


def user_rule(how: str, e: ActorEntry) -> str:
    """Rule name for an entry; entries from a user dictionary also say which file and period."""
    if not e.source or e.source.startswith(str(DATA_DIR)):
        return how
    if how == "igo-alias":
        how = "actor"
    where = os.path.basename(e.source)
    if e.start or e.end:
        where += f" {e.start or '...'}..{e.end or '...'}"
    return f"{how}:user-dictionary {where}"


def office_period(e: ActorEntry) -> str:
    return f"{e.start}..{e.end}"


def to_actor(f: Found, start: int, end: int, text: str) -> Actor:
    return Actor(text=text, start=start, end=end, code=f.code, country=f.country, sector=f.sector,
                 name=f.name, kind=f.kind, how=f.how)
