"""Mark up an article's text with its records, escaping everything.

The store keeps character offsets into the original text for actors, places, times, quotes and
event evidence. :func:`highlight` cuts the text at every offset and wraps each piece in the
records that cover it: events and quotes as outer ``<span>`` s (with a small link to the record
where they end), actors, places and times as an inner link to their record. Overlapping and
crossing spans are fine, because each piece is wrapped on its own. Text is escaped with
MarkupSafe; no input reaches the page unescaped.
"""

from __future__ import annotations

import dataclasses
from typing import Iterable

from markupsafe import Markup, escape

#: Outer (sentence-like) kinds first, then inner kinds by priority.
OUTER = ("event", "quote")
INNER = ("actor", "place", "time")
MARK = {"event": "E", "quote": "Q"}


@dataclasses.dataclass(frozen=True, slots=True)
class Span:
    start: int
    end: int
    kind: str  # one of OUTER + INNER
    ref: str  # anchor id of the record, e.g. "actor-3"
    label: str  # tooltip text
    mark: str = ""  # short label shown after an outer span, e.g. "E2"


def _valid(spans: Iterable[Span], text: str) -> list[Span]:
    """Spans clipped to the text, without white space at either edge (so a sentence's mark sits
    after its full stop, not at the start of the next paragraph); empty ones dropped."""
    out = []
    n = len(text)
    for s in spans:
        if s.start is None or s.end is None:
            continue
        start, end = max(0, int(s.start)), min(n, int(s.end))
        while start < end and text[start].isspace():
            start += 1
        while end > start and text[end - 1].isspace():
            end -= 1
        if start < end:
            out.append(dataclasses.replace(s, start=start, end=end))
    return out


def highlight(text: str, spans: Iterable[Span]) -> Markup:
    """``text`` as HTML with ``spans`` marked; ids ``t-<ref>`` sit on each record's first piece."""
    text = text or ""
    spans = _valid(spans, text)
    cuts = sorted({0, len(text), *(s.start for s in spans), *(s.end for s in spans)})
    seen: set[str] = set()
    out: list[str] = []
    # Mostly short articles; a linear scan per piece is fine (spans are sorted once).
    spans.sort(key=lambda s: (s.start, -s.end))
    for a, b in zip(cuts, cuts[1:]):
        active = [s for s in spans if s.start <= a and s.end >= b]
        outer = [s for k in OUTER for s in active if s.kind == k]
        inner = sorted((s for s in active if s.kind in INNER),
                       key=lambda s: (INNER.index(s.kind), s.end - s.start))
        opened: list[str] = []
        for s in outer:
            attrs = f' class="hl hl-{s.kind}" data-ref="{escape(s.ref)}" title="{escape(s.label)}"'
            if s.ref not in seen:
                seen.add(s.ref)
                attrs += f' id="t-{escape(s.ref)}"'
            out.append(f"<span{attrs}>")
            opened.append("</span>")
        if inner:
            first = inner[0]
            classes = " ".join(["hl"] + [f"hl-{k}" for k in dict.fromkeys(s.kind for s in inner)])
            label = "; ".join(s.label for s in inner)
            attrs = f' class="{classes}" href="#{escape(first.ref)}" title="{escape(label)}"'
            if first.ref not in seen:
                seen.add(first.ref)
                attrs += f' id="t-{escape(first.ref)}"'
            out.append(f"<a{attrs}>")
            opened.append("</a>")
        out.append(str(escape(text[a:b])))
        out.extend(reversed(opened))
        for s in outer:
            if s.end == b and s.mark:
                out.append(f'<a class="mark mark-{s.kind}" href="#{escape(s.ref)}" '
                           f'title="{escape(s.label)}">{escape(s.mark)}</a>')
    return Markup("".join(out))


def article_spans(article: dict, *, where: str = "text") -> list[Span]:
    """The spans of an article (as returned by ``Explorer.article``) that point into its text
    (``where="text"``) or, for events coded from the headline, into its title."""
    spans: list[Span] = []
    done: set[int] = set()
    for ev in article.get("events", []):
        if (ev.get("evidence_in") or "text") != where or ev["event_index"] in done:
            continue
        done.add(ev["event_index"])
        label = f"event {ev['event_index']}: CAMEO {ev.get('cameo') or '?'} {ev.get('cameo_name') or ''}".strip()
        spans.append(Span(ev.get("evidence_start"), ev.get("evidence_end"), "event",
                          f"event-{ev['event_index']}", label, f"E{ev['event_index']}"))
    if where != "text":
        return spans
    for q in article.get("quotes", []):
        who = q.get("speaker_name") or q.get("speaker_text") or "unknown speaker"
        spans.append(Span(q.get("start"), q.get("end"), "quote", f"quote-{q['mention']}",
                          f"quote {q['mention']}: {who}", f"Q{q['mention']}"))
    for a in article.get("actors", []):
        spans.append(Span(a.get("start"), a.get("end"), "actor", f"actor-{a['mention']}",
                          f"actor {a.get('code') or '(unresolved)'} {a.get('name') or ''}".strip()))
    for p in article.get("places", []):
        spans.append(Span(p.get("start"), p.get("end"), "place", f"place-{p['mention']}",
                          f"place {p.get('name') or p.get('text')} {p.get('country') or ''}".strip()))
    for t in article.get("times", []):
        spans.append(Span(t.get("start"), t.get("end"), "time", f"time-{t['mention']}",
                          f"time {t.get('value') or ''}".strip()))
    return spans
