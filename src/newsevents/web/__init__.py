"""The explorer: a local web app and JSON API over a newsevents store (``newsevents serve``).

* :mod:`.app` -- the FastAPI app (pages, ``/api``, one error handler);
* :mod:`.queries` -- the read-only, parameterised, bounded queries behind every view;
* :mod:`._highlight` -- an article's text with its records marked up (escaped);
* :mod:`._vendor` -- the browser libraries copied from npm into ``static/vendor/`` at setup.

Importing this package needs FastAPI; the rest of newsevents does not.
"""

from __future__ import annotations

from newsevents.web.app import create_app

__all__ = ["create_app"]
