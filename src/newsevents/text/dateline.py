"""A dateline at the start of a text: an upper-case place before a dash or colon, with an optional
", Region" and "(Agency)" ("WASHINGTON (AP) --", "BEIRUT, Lebanon -", "KABUL:").

This is the plain detector the place stage falls back on when text repair recorded no dateline.
Text repair has its own, stricter one (bylines, Title Case datelines checked against the
gazetteer, headlines told apart: ``newsevents.text.repair``), which removes the dateline from the
text it gives the parser.
"""

from __future__ import annotations

import re

DATELINE_RE = re.compile(r"\s*([A-Z][A-Z.'\- ]{2,40}?)(?:,\s*[A-Z][A-Za-z. ]{1,30})?\s*(?:\([A-Za-z .&-]{1,20}\)\s*)?(?:[-\u2014\u2013:]|_)")

HEAD = 120  # a dateline starts within the text's first characters


def find_dateline(text: str) -> tuple[int, int] | None:
    """The offsets [start, end) in ``text`` of the place of a leading upper-case dateline
    ("WASHINGTON" of "WASHINGTON (AP) --"), or None."""
    m = DATELINE_RE.match(text[:HEAD])
    return m.span(1) if m else None
