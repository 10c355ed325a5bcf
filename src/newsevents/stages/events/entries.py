"""The entries of the event lexicon: verb patterns (:class:`VerbEntry`) and nominal triggers
(:class:`NounEntry`). Read from our TSV tables by :mod:`newsevents.stages.events.lexicon` and from
PETRARCH verb dictionaries by :mod:`newsevents.stages.events.petrarch`.
"""

from __future__ import annotations

from dataclasses import dataclass

PATTERN_KINDS = ("dobj", "dobj:actor", "intransitive", "any", "xcomp", "modal", "ccomp", "passive")  # plus prep:P[,P...]


@dataclass(frozen=True, slots=True)
class VerbEntry:
    """One verb pattern: ``lemma [particle] [object noun]`` + how the target is found -> CAMEO code."""

    lemma: str
    particle: str  # "" or a verb particle ("down" in "crack down")
    objects: tuple[tuple[str, ...], ...]  # light-verb object nouns, each as words ("air", "strike")
    pattern: str  # dobj | intransitive | xcomp | modal | ccomp | passive | prep:on,against
    code: str
    comment: str = ""
    origin: str = "verbs.tsv"
    reverse_code: str = ""  # also code this back from target to source (PETRARCH "[040:040]")

    @property
    def preps(self) -> tuple[str, ...]:
        if self.pattern.startswith("prep:"):
            return tuple(p.strip() for p in self.pattern[5:].split(",") if p.strip())
        return ()

    @property
    def kind(self) -> str:
        if self.pattern == "dobj:actor":
            return "dobj"
        return "prep" if self.pattern.startswith("prep:") else self.pattern

    @property
    def needs_target(self) -> bool:
        """``dobj:actor``: the entry fires only when the object is an actor ("received the envoy")."""
        return self.pattern == "dobj:actor"


@dataclass(frozen=True, slots=True)
class NounEntry:
    """A nominal trigger: ``words`` (head last) -> code; target from ``preps``; possessor role."""

    words: tuple[str, ...]
    preps: tuple[str, ...]
    possessor: str  # "source" | "target"
    code: str
    comment: str = ""
    origin: str = "nouns.tsv"
