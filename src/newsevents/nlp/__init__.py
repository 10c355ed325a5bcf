"""NLP: the spaCy model, the annotated document the stages share, and its token view.

* :mod:`newsevents.nlp.model` loads the pinned spaCy pipeline once per process;
* :mod:`newsevents.nlp.components` swaps two of its rule components for faster ones (same output);
* :mod:`newsevents.nlp.doc` holds :class:`AnnotatedDoc`, what every stage reads and adds to;
* :mod:`newsevents.nlp.tokens` holds :class:`TokenView`, one read of every token attribute per document.
"""

from __future__ import annotations

from newsevents.nlp.doc import AnnotatedDoc, Mention, span_roots
from newsevents.nlp.model import DEFAULT_MODEL, drop_model, load_model
from newsevents.nlp.tokens import TokenView

__all__ = ["DEFAULT_MODEL", "AnnotatedDoc", "Mention", "TokenView", "drop_model", "load_model", "span_roots"]
