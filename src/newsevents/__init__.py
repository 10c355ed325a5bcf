"""newsevents: news articles in, coded political events out (CAMEO / PLOVER), offline.

Public API::

    import newsevents
    doc = newsevents.code("MOSCOW: Russia condemned ...", date="2017-11-02")
    doc.events, doc.entities, doc.places, doc.times, doc.quotes

    pipe = newsevents.Pipeline()
    for result in pipe.run(articles): ...

Importing the package is cheap: the names below are looked up on first use (PEP 562), so
``import newsevents`` and ``newsevents --help`` do not import spaCy, DuckDB or the stage tables.
"""

from __future__ import annotations

import importlib
import logging
from typing import TYPE_CHECKING, Any

__version__ = "0.1.0"

# public name -> module that defines it
_LAZY = {
    "ConfigError": "newsevents.errors",
    "InputError": "newsevents.errors",
    "NewsEventsError": "newsevents.errors",
    "StageError": "newsevents.errors",
    "StoreError": "newsevents.errors",
    "Actor": "newsevents.records",
    "Article": "newsevents.records",
    "DocumentResult": "newsevents.records",
    "Entity": "newsevents.records",
    "Event": "newsevents.records",
    "Place": "newsevents.records",
    "Quote": "newsevents.records",
    "Rejection": "newsevents.records",
    "RunSummary": "newsevents.records",
    "TimeExpr": "newsevents.records",
    "Pipeline": "newsevents.pipeline",
    "code": "newsevents.pipeline",
    "Store": "newsevents.store",
    "open_db": "newsevents.store",
}

__all__ = sorted(_LAZY) + ["__version__"]

if TYPE_CHECKING:  # pragma: no cover - for type checkers and IDEs only
    from newsevents.errors import ConfigError, InputError, NewsEventsError, StageError, StoreError
    from newsevents.pipeline import Pipeline, code
    from newsevents.records import (Actor, Article, DocumentResult, Entity, Event, Place, Quote, Rejection,
                                    RunSummary, TimeExpr)
    from newsevents.store import Store, open_db


def __getattr__(name: str) -> Any:
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(f"module 'newsevents' has no attribute {name!r}")
    value = getattr(importlib.import_module(module), name)
    globals()[name] = value  # later look-ups skip this function
    return value


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(_LAZY))


logging.getLogger(__name__).addHandler(logging.NullHandler())
