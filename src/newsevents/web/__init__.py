"""The explorer: a local web app and JSON API over a newsevents store (``newsevents serve``).

* :mod:`.app` -- the FastAPI app (pages, ``/api``, one error handler);
* :mod:`.highlight` -- an article's text with its records marked up (escaped);
* :mod:`.vendor` -- the browser libraries copied from npm into ``static/vendor/`` at setup.

The queries behind every view and API route are the store's (:mod:`newsevents.store.explorer`,
over the one :class:`newsevents.store.EventFilter` the CLI uses too); this package only turns
HTTP requests into those calls and their answers into JSON or HTML.

Importing this package needs FastAPI; the rest of newsevents does not.
"""

from __future__ import annotations

from typing import Any

__all__ = ["create_app"]


def __getattr__(name: str) -> Any:  # lazy: `python -m newsevents.web.vendor` runs without the app
    if name == "create_app":
        from newsevents.web.app import create_app

        return create_app
    raise AttributeError(f"module 'newsevents.web' has no attribute {name!r}")
