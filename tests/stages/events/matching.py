"""How the event tests match a coded event against a wanted code and dyad, and describe misses."""

from __future__ import annotations

DATE = "2017-06-01"  # the article date the invented sentences are coded with


def matches(actor, want: str) -> bool:
    """``want`` is an actor code, a country, or a code prefix ("USAGOV", "USA", "USA" of "USAMIL")."""
    return want in (actor.code, actor.country) or (actor.code or "").startswith(want)


def code_ok(ev, want: str) -> bool:
    """A two-digit ``want`` is a root; longer ones are the full CAMEO code."""
    return ev.root == want if len(want) == 2 else ev.cameo == want


def hits(events, source, target, want) -> list:
    """Events with code ``want`` from ``source`` to ``target`` (None: any; "": any or none)."""
    out = [e for e in events if code_ok(e, want)]
    if source is not None:
        out = [e for e in out if any(matches(a, source) for a in e.source)]
    if target not in (None, ""):
        out = [e for e in out if any(matches(a, target) for a in e.target)]
    return out


def describe(events) -> str:
    return "; ".join(
        f"{e.cameo} {[a.code or a.text for a in e.source]}->{[a.code or a.text for a in e.target]} "
        f"({e.rule}{', negated' if e.negated else ''}, {e.modality}, {e.date})"
        for e in events
    ) or "no events"
