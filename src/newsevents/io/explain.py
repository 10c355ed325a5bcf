"""A terminal view of why each event was coded: sentence, actors, trigger, rule, code."""

from __future__ import annotations

from newsevents.records import DocumentResult, Rejection


def _actor(a) -> str:
    label = a.code or "?"
    return f"{a.text!r}->{label}" + (f" ({a.name})" if a.name and a.name != a.text else "")


CLASSIFIER_HEADS = {"plover": "the story's type, read from its headline and lede",
                    "pentacode": "the sentence's kind of event", "police": "a police action in the sentence"}


def event_path(rule: str) -> str:
    """Which path produced an event, from its rule: the lexicon (which rule), or the classifier
    (which head); and whether the classifier moved a lexicon event to or from the main events."""
    if rule.startswith("classifier:"):
        head = rule.split(":", 1)[1]
        return f"classifier ({CLASSIFIER_HEADS.get(head, head)}); no lexicon rule fired"
    if rule.endswith("+classifier"):
        return f"lexicon rule {rule[:-len('+classifier')]}, main/background changed by the classifier"
    return f"lexicon rule {rule}"


def explain_results(result: DocumentResult | Rejection) -> str:
    """Render one result: a header, then each evidence sentence with its actors and events."""
    if isinstance(result, Rejection):
        return f"== {result.record_id or result.path}: {result.status} in {result.stage}: {result.reason}\n"
    art = result.article
    lines = [f"== {art.id}  {art.date or 'no date'}  {art.title or ''}".rstrip()]
    if result.dateline:
        lines.append(f"   dateline: {result.dateline.text} ({result.dateline.country or '?'})")
    if result.repairs:
        lines.append("   repairs: " + "; ".join(result.repairs))
    by_sentence: dict[tuple[int, int, int], list] = {}
    for ev in result.events:  # headline events first, then the text's sentences in order
        in_title = int(ev.evidence_in != "title")
        by_sentence.setdefault((in_title, ev.evidence_start, ev.evidence_end), []).append(ev)
    if not by_sentence:
        lines.append("   (no events coded)")
    for (in_text, start, end), events in sorted(by_sentence.items()):
        if in_text:
            sentence = art.text[start:end].replace("\n", " ")
            actors = [a for a in result.actors if start <= a.start < end]
            lines.append(f"\n   [{start}:{end}] {sentence}")
        else:
            actors = sorted({a for ev in events for a in ev.source + ev.target}, key=lambda a: a.start)
            lines.append(f"\n   [headline] {art.title}")
        if actors:
            lines.append("     actors: " + ", ".join(_actor(a) for a in actors))
        for ev in events:
            src = "+".join(a.code or a.text for a in ev.source) or "-"
            tgt = "+".join(a.code or a.text for a in ev.target) or "-"
            flags = [f for f, on in (("NEGATED", ev.negated), (ev.modality.upper(), ev.modality != "asserted")) if on]
            lines.append(
                f"     EVENT {src} -> {tgt}  CAMEO {ev.cameo} (root {ev.root}, quad {ev.quad_class}, "
                f"Goldstein {ev.goldstein:+.1f})  PLOVER {ev.plover or '-'}"
                + (f"/{ev.plover_mode}" if ev.plover_mode else "")
                + (f"  [{' '.join(flags)}]" if flags else "")
            )
            lines.append(f"       trigger {ev.trigger!r}  rule {ev.rule}  confidence {ev.confidence:.2f}"
                         f"  date {ev.date or '?'} ({ev.date_source})")
            lines.append(f"       path: {event_path(ev.rule)}")
            lines.append(f"       {'MAIN event' if ev.main else 'background'} of the article"
                         f" (salience {ev.salience:.2f})")
    return "\n".join(lines) + "\n"
