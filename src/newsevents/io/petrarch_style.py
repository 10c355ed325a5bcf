"""Views of a DocumentResult for tools that follow other coding conventions.

:func:`petrarch_style` keeps what PETRARCH/Phoenix would output for an article: events with a
coded source AND a coded target (actors without a code are dropped from each side first, as with
PETRARCH's ``new_actor_length = 0`` and ``require_dyad = True``), not negated, and not an event
told in passing as past ("signed the deal in 2015").
"""

from __future__ import annotations

from dataclasses import replace

from newsevents.records import DocumentResult, Event


def _petrarch_event(event: Event) -> Event | None:
    if event.negated or event.modality == "past":
        return None
    source = tuple(a for a in event.source if a.code)
    target = tuple(a for a in event.target if a.code)
    if not (source and target):
        return None
    return replace(event, source=source, target=target)


def petrarch_style(result: DocumentResult) -> DocumentResult:
    """The result with only PETRARCH-style dyadic events (see the module docstring)."""
    events = tuple(e for e in map(_petrarch_event, result.events) if e is not None)
    return replace(result, events=events)
