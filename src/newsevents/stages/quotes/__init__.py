"""Quote stage: direct quotations and who said them.

How it works, in three passes over one article:

1. **Find quoted spans** with one regex scan for quotation marks in the clean text (straight ``"``
   and curly, whichever the text has). Each mark is read as opening or closing from the ORIGINAL
   character when that was a curly mark, otherwise from its neighbours. A quote left open at the end
   of a paragraph continues when the next paragraph opens with a quotation mark (the newswire
   convention for quotes that run over several paragraphs); otherwise it ends with the paragraph.
   Single-quoted phrases (``tackle 'regional terrorism'``) are read as quotes only when a speech verb
   governs them.
2. **Keep statements, drop scare quotes and titles.** A quote of five or more words is a statement.
   A shorter one is kept only when a speech, naming or judging verb governs it (``called the move
   "reckless"``) or a cue stands next to it; a short title-case quote after a possessive or a media
   noun (``MSNBC's "Morning Joe"``) is a title. Skipped spans are listed (ORIGINAL offsets) in
   ``adoc.extras["quotes_skipped"]`` so an explanation can show them.
3. **Find the speaker** from a cue verb (said, told, added, warned, wrote, ... or ``according to``)
   next to the quote, between the neighbouring quotes, in the same sentence or the sentence that
   introduces it with a colon. The speaker is the cue's subject (also when inverted: ``said X``).
   A pronoun is resolved through the actor stage's mention when there is one, otherwise to the most
   recent person named before it. A quote with no cue of its own continues the previous quote
   (``"...," he said. "..."`` becomes one quote whose span covers both fragments) or, in a new
   paragraph, inherits the previous speaker when nobody else was named in between.

Spans are computed on the clean text and mapped to ORIGINAL offsets with ``AnnotatedDoc.orig``.
Only sentences that contain or touch a quote are walked.
"""

from __future__ import annotations

from newsevents.stages.quotes.lexicon import SPEECH_LEMMAS
from newsevents.stages.quotes.marks import find_quote_spans
from newsevents.stages.quotes.stage import QuoteStage

__all__ = ["QuoteStage", "find_quote_spans", "SPEECH_LEMMAS"]
