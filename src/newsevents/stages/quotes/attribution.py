"""Attribution: each quote kept as a statement, with its speaker; the others listed as skipped.

A quote with no cue of its own continues the previous quote (``"...," he said. "..."`` becomes one
quote whose span covers both fragments) or, in a new paragraph, inherits the previous speaker
when nobody else was named in between.
"""

from __future__ import annotations

from newsevents.stages.quotes.cues import (
    after_quote_cue, content_tokens, cue_in, governing_cue, is_statement, looks_like_title,
)
from newsevents.stages.quotes.marks import QuoteSpan
from newsevents.stages.quotes.speakers import colon_speaker, guess_speaker, speaker_of_cue
from newsevents.stages.quotes.view import QuoteView, Speaker


def attribute(view: QuoteView, doubles: list[QuoteSpan], singles: list[QuoteSpan], skipped: list):
    text = view.text
    doc = view.doc
    out: list[tuple[QuoteSpan, Speaker | None]] = []
    prev: tuple[QuoteSpan, Speaker | None] | None = None
    prev_cue = None
    all_spans = sorted(doubles, key=lambda s: s.start)
    for idx, sp in enumerate(all_spans):
        prev_end = all_spans[idx - 1].end if idx else 0
        next_start = all_spans[idx + 1].start if idx + 1 < len(all_spans) else len(text)
        para_start = text.rfind("\n", 0, sp.start) + 1
        pe = text.find("\n", sp.end)
        para_end = len(text) if pe < 0 else pe
        a, b = content_tokens(view, sp)
        # right window: after the quote to the end of the sentence that follows, the next quote or
        # the paragraph end; left window: from the sentence start (or previous quote) to the quote
        r_hi = min(next_start, para_end)
        if sp.end < len(text):
            t_after = view.tok_at(sp.end)
            if view.starts[t_after] < sp.end and t_after + 1 < len(doc):
                t_after += 1
            if t_after < len(doc):
                r_hi = min(r_hi, max(view.sent_chars(t_after)[1], sp.end + 1))
        l_lo = max(prev_end, para_start, view.sent_chars(a)[0])
        right_toks = view.window_tokens(sp.end, r_hi)
        left_toks = view.window_tokens(l_lo, sp.start)
        statement = is_statement(view, sp)
        gov = governing_cue(view, sp, max(prev_end, para_start), min(next_start, para_end))
        cue = speaker = None
        tries = []
        if gov is not None and gov.pos_ in ("VERB", "AUX"):
            tries.append((gov, None))
        closing = text[max(sp.start, sp.end - 3) : sp.end]
        if sp.closed and any(c in closing for c in ",?!") or text[sp.end : sp.end + 2].lstrip()[:1] == ",":
            c = after_quote_cue(view, right_toks)
            if c is not None:
                tries.append((c, right_toks))
        c = cue_in(view, right_toks, right=True)
        if c is not None:
            tries.append((c, right_toks))
        c = cue_in(view, left_toks, right=False)
        if c is not None:
            tries.append((c, left_toks))
        for c, win in tries:
            if prev_cue is not None and c.i == prev_cue.i:
                continue  # the previous quote's cue: this is its second fragment
            subj = speaker_of_cue(view, c, win)
            if subj is not None:
                cue = c
                speaker = view.speaker_from_token(subj, sp.start)
                if speaker is not None:
                    break
        if speaker is None:
            # introduced by a colon: "Okafor continued:" / "More from Lindqvist:"
            j = sp.start - 1
            while j >= 0 and text[j] in " \t\n":
                j -= 1
            if j >= 0 and text[j] == ":":
                subj, intro = colon_speaker(view, view.tok_at(j))
                if subj is not None:
                    speaker = view.speaker_from_token(subj, sp.start)
                    cue = cue or intro
        if cue is None and tries and not (prev_cue is not None and tries[0][0].i == prev_cue.i):
            cue = tries[0][0]
        if not statement and looks_like_title(view, sp, a):
            skipped.append((sp.start, sp.end))  # "MSNBC's "Morning Joe"", the podcast "So, That Happened"
            continue
        if not statement and cue is None and gov is None:
            skipped.append((sp.start, sp.end))  # a scare quote or a title
            continue
        if speaker is None and prev is not None and prev[1] is not None:
            pspan, pspk = prev
            between = text[pspan.end : sp.start]
            if "\n" not in between and cue is None:
                # a second fragment of the same quote: "...," he said. "..."
                pspan.end = sp.end
                pspan.fragments.extend(sp.fragments)
                continue
            # a new paragraph: inherit when nobody else was named in between
            named = any(
                not view.inside[e.start] and pspan.end <= e.start_char < sp.start
                and not (pspk.start <= e.start_char < pspk.end) and view.key_of(e.text) != pspk.key
                for e in view.persons
            )
            if not named and between.count("\n\n") <= 2 and _paragraph_is_quote(text, sp, para_start):
                if cue is None and "\n" not in between.strip():
                    # the next paragraph of the same quotation: one attribution, two fragments
                    pspan.end = sp.end
                    pspan.fragments.extend(sp.fragments)
                    continue
                speaker = pspk
        if speaker is None:
            speaker = guess_speaker(view, sp, para_start, para_end, prev)
        out.append((sp, speaker))
        prev = (sp, speaker)
        prev_cue = cue
    # single-quoted partial quotes: only when a speech verb governs them
    for sp in singles:
        ps = view.text.rfind("\n", 0, sp.start) + 1
        pe = view.text.find("\n", sp.end)
        gov = governing_cue(view, sp, ps, len(view.text) if pe < 0 else pe)
        if gov is None:
            continue
        subj = speaker_of_cue(view, gov) if gov.pos_ in ("VERB", "AUX") else None
        spk = view.speaker_from_token(subj, sp.start) if subj is not None else None
        out.append((sp, spk))
    out.sort(key=lambda x: x[0].start)
    return out


def _paragraph_is_quote(text: str, sp: QuoteSpan, para_start: int) -> bool:
    """True when the quote opens its paragraph."""
    return text[para_start:sp.start].strip() == ""
