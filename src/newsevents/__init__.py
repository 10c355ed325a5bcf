"""newsevents: news articles in, coded political events out (CAMEO / PLOVER), offline.

Public API::

    import newsevents
    doc = newsevents.code("MOSCOW: Russia condemned ...", date="2017-11-02")
    doc.events, doc.entities, doc.places, doc.times, doc.quotes

    pipe = newsevents.Pipeline()
    for result in pipe.run(articles): ...
"""

from __future__ import annotations

import logging

from newsevents.errors import ConfigError, InputError, NewsEventsError, StageError, StoreError
from newsevents.pipeline import Pipeline, code
from newsevents.store import Store, open_db
from newsevents.records import (
    Actor,
    Article,
    DocumentResult,
    Entity,
    Event,
    Place,
    Quote,
    Rejection,
    RunSummary,
    TimeExpr,
)

__version__ = "0.1.0"

__all__ = [
    "Actor",
    "Article",
    "ConfigError",
    "DocumentResult",
    "Entity",
    "Event",
    "InputError",
    "NewsEventsError",
    "Pipeline",
    "Place",
    "Quote",
    "Rejection",
    "RunSummary",
    "StageError",
    "StoreError",
    "TimeExpr",
    "code",
    "open_db",
    "Store",
    "__version__",
]

logging.getLogger(__name__).addHandler(logging.NullHandler())
