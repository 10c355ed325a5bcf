"""Exception hierarchy.

Every error the public API raises derives from :class:`NewsEventsError`:

* :class:`ConfigError` -- a setting, model or data file is missing or wrong;
* :class:`InputError` -- one input record cannot be read or is invalid (the batch goes on);
* :class:`StageError` -- a pipeline stage failed on one article (carries ``stage`` and ``article_id``);
* :class:`StoreError` -- the DuckDB store could not be opened, migrated or written.

Library code never calls ``sys.exit``; only ``cli.py`` maps these to exit codes.
"""

from __future__ import annotations


class NewsEventsError(Exception):
    """Root of every error raised by newsevents."""


class ConfigError(NewsEventsError):
    """A setting, model or bundled data file is missing or invalid."""


class InputError(NewsEventsError):
    """One input record could not be read or is not a valid article."""

    def __init__(self, message: str, *, record_id: str | None = None, path: str | None = None):
        super().__init__(message)
        self.record_id = record_id
        self.path = path


class StageError(NewsEventsError):
    """A pipeline stage failed on one article."""

    def __init__(self, message: str, *, stage: str, article_id: str | None = None):
        super().__init__(f"stage {stage!r} failed on article {article_id!r}: {message}")
        self.stage = stage
        self.article_id = article_id


class StoreError(NewsEventsError):
    """The DuckDB store could not be opened, migrated, read or written."""
