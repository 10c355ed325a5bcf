"""Coding runs: inputs in; results out (:func:`code`) or into a store (:func:`ingest`, :func:`load`).

::

    from newsevents.coding import code, ingest

    summary = ingest(["articles/"], "events.duckdb")      # read, skip stored, code, write, stories
    run = code(["articles/"])                             # results in input order, nothing stored
    for result in run: ...
    run.summary, run.stories                              # counts; article id -> story (at the end)

The command line's ``code``, ``ingest`` and ``load`` are these functions plus printing. Nothing
here prints or exits: progress goes to a ``progress(n)`` callback (called with the number of input
records just handled), messages go to :mod:`logging`, and errors are raised as
:class:`~newsevents.errors.NewsEventsError`.

``workers=None`` (the default) picks the number of worker processes from the input's size, the
cores and the memory (:func:`newsevents.engines.choose_workers`); results are the same, article by
article, whatever the number.
"""

from __future__ import annotations

import contextlib
import json
import logging
import os
import stat
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, Callable, Iterable, Iterator, Mapping, Sequence

from newsevents.engines.common import Item, Result
from newsevents.errors import ConfigError, InputError
from newsevents.pipeline import MAX_CHARS_DEFAULT
from newsevents.records import DocumentResult, Rejection, RunSummary

if TYPE_CHECKING:
    from newsevents.store import Store
    from newsevents.stories import StoryInfo

log = logging.getLogger(__name__)

DEFAULT_GLOB = "**/*"
Progress = Callable[[int], None]
StageConfig = Mapping[str, Mapping[str, Any]] | None  # per-stage settings (Pipeline.config)


@dataclass
class IngestSummary(RunSummary):
    """A stored run's counts (:class:`RunSummary`) with its run id, the number of stories its new
    articles fall into, and the worker processes that coded it."""

    run_id: str = ""
    stories: int = 0
    workers: int = 1
    engine: str = "local"
    interrupted_runs: list[str] = field(default_factory=list)  # earlier runs found unfinished, now closed
    repaired: int = 0  # stored articles those runs left without a story, put into stories by this run


# -- inputs ---------------------------------------------------------------------------------------

def _input_files(path: Path, glob: str) -> list[Path]:
    return sorted(f for f in path.glob(glob) if f.is_file()) if path.is_dir() else [path]


def input_bytes(paths: Iterable[str], glob: str = DEFAULT_GLOB) -> int | None:
    """Bytes of input in ``paths`` (files, directories read with ``glob``; ``-`` for stdin), from
    the file system alone (nothing is read); None when no size is known (a pipe on stdin). A path
    that cannot be read counts 0: the reader reports it."""
    total, known = 0, False
    for p in paths:
        if p == "-":
            with contextlib.suppress(AttributeError, OSError, ValueError):
                st = os.fstat(sys.stdin.fileno())
                if stat.S_ISREG(st.st_mode):
                    total, known = total + st.st_size, True
            continue
        known = True
        with contextlib.suppress(OSError):
            total += sum(f.stat().st_size for f in _input_files(Path(p), glob))
    return total if known else None


def count_records(paths: Iterable[str], glob: str = DEFAULT_GLOB) -> int | None:
    """Records in ``paths``, counted cheaply (files, JSONL lines) for a progress bar's total; None
    when that cannot be known up front (stdin, CSV, an unreadable path)."""
    from newsevents.io.readers import detect_format

    total = 0
    for p in paths:
        if p == "-":
            return None
        try:
            for f in _input_files(Path(p), glob):
                fmt = detect_format(str(f))
                if fmt == "jsonl":
                    with open(f, "rb") as fh:
                        total += sum(1 for line in fh if line.strip())
                elif fmt == "csv":
                    return None
                else:
                    total += 1
        except OSError:
            return None
    return total


def resolve_workers(workers: int | None, paths: Sequence[str], glob: str = DEFAULT_GLOB) -> int:
    """``workers`` when given (at least 1), else :func:`~newsevents.engines.choose_workers` for
    the size of ``paths``."""
    from newsevents.engines import choose_workers

    if workers is not None:
        if int(workers) < 1:
            raise ConfigError(f"workers must be at least 1, not {workers}")
        return int(workers)
    size = input_bytes(paths, glob)
    n = choose_workers(size)
    log.info("workers: %d for %s bytes of input", n, "unknown" if size is None else f"{size:,}")
    return n


def _inputs(inputs: str | os.PathLike | Iterable[str | os.PathLike]) -> list[str]:
    if isinstance(inputs, (str, os.PathLike)):
        return [os.fspath(inputs)]
    return [os.fspath(p) for p in inputs]


def _format(fmt: str | None) -> str | None:
    return None if fmt in (None, "auto") else fmt


# -- counting -------------------------------------------------------------------------------------

def _count(summary: RunSummary, result: Result) -> None:
    summary.read += 1
    if isinstance(result, Rejection):
        if result.status == "failed":
            summary.failed += 1
            log.warning("failed: %s (%s): %s", result.record_id or result.path, result.stage, result.reason)
        else:
            summary.skipped += 1
            log.info("skipped: %s: %s", result.record_id or result.path, result.reason)
        summary.rejections.append(result)
    else:
        summary.coded += 1
        summary.events += len(result.events)
        summary.words += result.n_words
        if result.article.encoding_guessed:
            enc = result.article.encoding or "?"
            summary.encodings_guessed[enc] = summary.encodings_guessed.get(enc, 0) + 1


def _uncount_copy(summary: RunSummary, *, events: int, words: int, n: int = 1) -> None:
    """Coded, but a copy was stored first (earlier in the run or meanwhile): already stored."""
    summary.coded -= n
    summary.events -= events
    summary.words -= words
    summary.already_stored += n


def stored_or_seen(store: Store) -> Callable[[Any], bool]:
    """``skip(article)``: True for an article the store has, or one already read in this run (a copy
    would be coded for nothing while the first is still in flight)."""
    seen: set[str] = set()

    def skip(article) -> bool:
        key = article.content_hash
        if key in seen or store.has_article(key):
            return True
        seen.add(key)
        return False

    return skip


def _read(paths: list[str], *, glob: str, fmt: str | None, columns: dict[str, str] | None,
          summary: RunSummary, skip: Callable[[Any], bool] | None) -> Iterator[Item]:
    """Articles and reader rejections in input order; those ``skip`` says are stored are counted
    as already stored and dropped before they are parsed."""
    from newsevents.io.readers import iter_articles

    for item in iter_articles(paths, glob=glob, fmt=_format(fmt), csv_columns=columns):
        if skip is not None and not isinstance(item, Rejection) and skip(item):
            summary.read += 1
            summary.already_stored += 1
            continue
        yield item


def _coded(paths: list[str], *, glob: str, fmt: str | None, columns: dict[str, str] | None,
           batch_size: int, max_chars: int, workers: int, summary: RunSummary, config: StageConfig = None,
           skip: Callable[[Any], bool] | None = None, progress: Progress | None = None) -> Iterator[Result]:
    """Read, code (in this process or on ``workers`` local processes) and count, in input order."""
    from newsevents.engines import Runner
    from newsevents.pipeline import Pipeline

    # the model is loaded (here, or once in each worker) outside the clock
    runner = Runner(Pipeline(batch_size=batch_size, max_chars=max_chars, config=dict(config or {})), workers)
    try:
        articles = _read(paths, glob=glob, fmt=fmt, columns=columns, summary=summary, skip=skip)
        t0 = time.perf_counter()
        for result in runner(articles):
            _count(summary, result)
            if progress is not None:
                progress(1)
            yield result
        summary.seconds = time.perf_counter() - t0 - runner.startup_seconds
    finally:
        runner.close()


# -- code: results out ----------------------------------------------------------------------------

class Coding:
    """One coding run (see :func:`code`), iterated once. Yields a :class:`DocumentResult` or a
    :class:`Rejection` per input record, in input order. ``summary`` counts as it goes; once the
    iteration is over, ``stories`` maps each coded article's id to its
    :class:`~newsevents.stories.StoryInfo` (story id, ``duplicate_of``) when stories were asked for."""

    def __init__(self, paths: list[str], *, workers: int, stories: bool, petrarch_style: bool,
                 progress: Progress | None, **read: Any):
        self.paths = paths
        self.workers = workers
        self.summary = RunSummary()
        self.stories: dict[str, StoryInfo] | None = None
        self._with_stories = stories
        self._petrarch_style = petrarch_style
        self._progress = progress
        self._read = read
        self._started = False

    def __iter__(self) -> Iterator[Result]:
        if self._started:
            raise RuntimeError("a Coding run is iterated once")
        self._started = True
        from newsevents.stories import StoryIndex

        view = None
        if self._petrarch_style:
            from newsevents.io.petrarch_style import petrarch_style as view
        index = StoryIndex(write=False) if self._with_stories else None
        for result in _coded(self.paths, workers=self.workers, summary=self.summary,
                             progress=self._progress, **self._read):
            if isinstance(result, DocumentResult):
                if view is not None:
                    result = view(result)
                if index is not None:
                    index.add(result)
            yield result
        if index is not None:
            self.stories = index.finish()


def code(inputs: str | os.PathLike | Iterable[str | os.PathLike], *, glob: str = DEFAULT_GLOB,
         fmt: str | None = None, columns: dict[str, str] | None = None, batch_size: int = 64,
         max_chars: int = MAX_CHARS_DEFAULT, workers: int | None = None, stories: bool = True,
         petrarch_style: bool = False, progress: Progress | None = None, config: StageConfig = None) -> Coding:
    """Code ``inputs`` (files, directories read with ``glob``, ``-`` for stdin) without storing
    anything; iterate the returned :class:`Coding` for the results. ``fmt``: text, jsonl, csv or
    html (None: by extension and content); ``columns``: CSV field -> column; ``workers``: local
    processes (None: chosen from the input size and the machine); ``stories``: group the coded
    articles into stories (``Coding.stories`` at the end); ``petrarch_style``: results in
    PETRARCH's conventions (:func:`newsevents.io.petrarch_style.petrarch_style`); ``config``: the
    stages' settings (see :class:`~newsevents.pipeline.Pipeline`, e.g.
    :func:`newsevents.stages.user_files_config` for a user's actor and verb dictionaries)."""
    paths = _inputs(inputs)
    return Coding(paths, workers=resolve_workers(workers, paths, glob), stories=stories,
                  petrarch_style=petrarch_style, progress=progress, glob=glob, fmt=fmt, columns=columns,
                  batch_size=batch_size, max_chars=max_chars, config=config)


def prediction(result: Result, *, all_events: bool = False) -> dict[str, Any]:
    """The JSON object ``newsevents code`` writes for a result (a rejection: its status and reason,
    no records)."""
    if isinstance(result, Rejection):
        return {"id": result.record_id, "path": result.path, "status": result.status, "stage": result.stage,
                "reason": result.reason, "entities": [], "places": [], "times": [], "quotes": [], "events": [],
                "story_id": None}
    return result.to_prediction(all_events=all_events)


_STORY_KEY = '"story_id": null, '
_DECODER = json.JSONDecoder()


def with_story(line: str, stories: dict[str, StoryInfo] | None) -> str:
    """A JSON line of :func:`prediction` with its article's story id and ``duplicate_of`` filled in
    (the line as it is for a rejection or an article without a story): the same bytes as loading
    the object, setting both keys and dumping it again, without decoding the whole line. An
    unescaped ``"story_id": null`` or ``"status": "coded"`` can only be a top-level key and value
    (quotes inside JSON strings are escaped); anything unexpected takes the slow way."""
    if not stories or '"status": "coded"' not in line:
        return line
    if not line.startswith('{"id": ') or line.count(_STORY_KEY) != 1:
        return _with_story_slow(line, stories)
    obj_id, _ = _DECODER.raw_decode(line, len('{"id": '))
    info = stories.get(obj_id)
    if info is None:
        return line
    head, tail = line.split(_STORY_KEY)
    tail = tail.rstrip("\n")
    return (f'{head}"story_id": {json.dumps(info.story_id, ensure_ascii=False)}, {tail[:-1]}, '
            f'"duplicate_of": {json.dumps(info.duplicate_of, ensure_ascii=False)}}}\n')


def _with_story_slow(line: str, stories: dict[str, StoryInfo]) -> str:
    obj = json.loads(line)
    info = stories.get(obj.get("id")) if obj.get("status") == "coded" else None
    if info is not None:
        obj["story_id"], obj["duplicate_of"] = info.story_id, info.duplicate_of
    return json.dumps(obj, ensure_ascii=False) + "\n"


# -- ingest: into a store -------------------------------------------------------------------------

def _story_count(assigned: dict) -> int:
    return len({a.story_id for a in assigned.values()})


def ingest(inputs: str | os.PathLike | Iterable[str | os.PathLike], store: Store | str | os.PathLike, *,
           glob: str = DEFAULT_GLOB, fmt: str | None = None, columns: dict[str, str] | None = None,
           batch_size: int = 64, max_chars: int = MAX_CHARS_DEFAULT, workers: int | None = None,
           engine: str = "local", scheduler: str | None = None, partition_size: int = 500,
           parquet_dir: str | os.PathLike | None = None, command: str | None = None,
           progress: Progress | None = None, config: StageConfig = None) -> IngestSummary:
    """Code ``inputs`` into ``store`` (a :class:`~newsevents.store.Store`, or a DuckDB file path
    opened and closed here) as one run: read, skip what the store already has (same content hash),
    code the rest, write, put the new articles into stories, record the run. Re-running adds
    nothing twice.

    ``engine="local"`` codes on this machine (``workers`` processes; None: chosen from the input
    size and the machine). ``engine="dask"`` codes partitions of ``partition_size`` articles on a
    Dask cluster -- ``scheduler``'s, else a ``LocalCluster`` of ``workers`` processes -- writes
    them as Parquet under ``parquet_dir`` (default: the store's path + ``.parquet``) and loads
    them here. ``command`` labels the run in the runs table (default ``ingest INPUTS``). Returns
    the run's counts; failed records are counted and stored, never raised."""
    paths = _inputs(inputs)
    if engine not in ("local", "dask"):
        raise ConfigError(f"unknown engine {engine!r}: use 'local' or 'dask'")
    if engine == "local" and (scheduler or parquet_dir):
        raise ConfigError("a scheduler and a Parquet directory need engine='dask'")
    if isinstance(store, (str, os.PathLike)):
        from newsevents.store import open_db

        with open_db(store) as opened:
            return ingest(paths, opened, glob=glob, fmt=fmt, columns=columns, batch_size=batch_size,
                          max_chars=max_chars, workers=workers, engine=engine, scheduler=scheduler,
                          partition_size=partition_size, parquet_dir=parquet_dir, command=command,
                          progress=progress, config=config)
    n_workers = resolve_workers(workers, paths, glob) if not (engine == "dask" and scheduler) else 0
    summary = IngestSummary(engine=engine, workers=n_workers)
    unfinished = finish_interrupted(store, summary)
    summary.run_id = store.begin_run(command or "ingest " + " ".join(paths))
    read = dict(glob=glob, fmt=fmt, columns=columns)
    if engine == "dask":
        assigned = _ingest_dask(store, paths, summary, scheduler=scheduler, partition_size=partition_size,
                                parquet_dir=os.fspath(parquet_dir or f"{store.path}.parquet"),
                                pipeline_kwargs={"batch_size": batch_size, "max_chars": max_chars,
                                                 "config": dict(config or {})},
                                progress=progress, unfinished=unfinished, **read)
    else:
        assigned = _ingest_local(store, paths, summary, batch_size=batch_size, max_chars=max_chars,
                                 progress=progress, config=config, unfinished=unfinished, **read)
    summary.stories = _story_count(assigned)
    store.finish_run(summary.run_id, summary)
    return summary


def finish_interrupted(store: Store, summary: IngestSummary) -> list:
    """What a run that was stopped (killed, Ctrl-C, a crash) after storing some articles left
    undone, found before a new run begins: its run row is closed as ``interrupted`` (with the
    counts of what it stored), and the stored articles without a story id or signature get their
    signatures back from the stored records (:func:`newsevents.stories.stored_signature`), in the
    order they were stored. The new run puts them into stories together with its own new
    articles, so the store ends as if the first run had not been stopped."""
    from newsevents.records import content_hash
    from newsevents.stories import stored_signature

    summary.interrupted_runs = store.close_interrupted_runs()
    for run_id in summary.interrupted_runs:
        log.warning("run %s was interrupted: closed; its stored articles are finished by this run", run_id)
    sigs = []
    for row in store.articles_without_story():
        day = row["date"]
        # the article's date as it was read (its content hash says which), else the stored day
        date = next((d for d in (day, day and day[:7], day and day[:4])
                     if content_hash(row["text"], d, row["title"]) == row["article_id"]), day)
        sigs.append(stored_signature(row["input_id"], row["article_id"], row["text"], title=row["title"],
                                     date=date, source=row["source"], entities=row["entities"],
                                     geonameids=row["geonameids"], dyads=row["dyads"]))
    summary.repaired = len(sigs)
    if sigs:
        log.warning("%d stored article(s) had no story (an interrupted run): put into stories now", len(sigs))
    return sigs


def _ingest_local(store: Store, paths: list[str], summary: IngestSummary, *, progress: Progress | None,
                  unfinished: Sequence = (), **coding: Any) -> dict:
    from newsevents.stories import StoryIndex

    stories = StoryIndex(store=store)
    for sig in unfinished:  # stored before this run, in their input order: as if never interrupted
        stories.add_signature(sig)
    run_id = summary.run_id
    for result in _coded(paths, workers=summary.workers, summary=summary, skip=stored_or_seen(store),
                         progress=progress, **coding):
        if isinstance(result, Rejection):
            store.write_rejection(result, run_id=run_id)
        elif store.write(result, run_id=run_id):
            stories.add(result)  # a compact signature only
        else:  # a copy of an article coded a moment ago: not coded, already stored
            _uncount_copy(summary, events=len(result.events), words=result.n_words)
    store.flush()
    return stories.finish()  # new articles join stored stories; ids written back


def _add_partition(summary: RunSummary, info: dict) -> None:
    summary.read += info["n_items"]
    summary.coded += info["coded"]
    summary.skipped += info["skipped"]
    summary.failed += info["failed"]
    summary.events += info["events"]
    summary.words += info["words"]
    summary.already_stored += info.get("duplicates", 0)
    for enc, n in info["encodings_guessed"].items():
        summary.encodings_guessed[enc] = summary.encodings_guessed.get(enc, 0) + n
    summary.rejections.extend(info["rejections"])
    for rej in info["rejections"]:
        if rej.status == "failed":
            log.warning("failed: %s (%s): %s", rej.record_id or rej.path, rej.stage, rej.reason)


def _ingest_dask(store: Store, paths: list[str], summary: IngestSummary, *, scheduler: str | None,
                 partition_size: int, parquet_dir: str, pipeline_kwargs: dict, progress: Progress | None,
                 unfinished: Sequence = (), **read: Any) -> dict:
    """Code on Dask: partitions -> Parquet under ``parquet_dir`` -> loaded here (the only writer)."""
    from newsevents.engines import DaskRun, dask_client, run_dask
    from newsevents.store.parquet import assign_loaded_stories, load_parquet

    run_id = summary.run_id
    articles = _read(paths, summary=summary, skip=stored_or_seen(store), **read)
    state = DaskRun()
    signatures = list(unfinished)
    with dask_client(scheduler, summary.workers) as client:
        t0 = time.perf_counter()
        for info in run_dask(articles, parquet_dir, client=client, run_id=run_id, partition_size=partition_size,
                             state=state, pipeline_kwargs=pipeline_kwargs):
            if info.get("pid") is not None:  # None: the partition failed on the cluster as a whole
                loaded = load_parquet(store, parquet_dir, names=[info["name"]], run_id=run_id,
                                      dedupe_rejections=False)
                signatures.extend(loaded.signatures)
                # coded on the cluster, but another partition (or a run meanwhile) stored it first
                _uncount_copy(summary, n=loaded.already_stored, events=loaded.already_stored_events,
                              words=loaded.already_stored_words)
            else:  # no files: keep the reasons in the store
                for rej in info["rejections"]:
                    store.write_rejection(rej, run_id=run_id)
            _add_partition(summary, info)
            if progress is not None:
                progress(info["n_items"])
        summary.seconds = time.perf_counter() - t0
    summary.workers = state.n_workers
    store.flush()
    log.info("dask: %d worker(s) at %s; Parquet in %s", state.n_workers, state.address, parquet_dir)
    return assign_loaded_stories(store, signatures)


# -- load: Parquet into a store -------------------------------------------------------------------

def load(parquet_dir: str | os.PathLike, store: Store | str | os.PathLike, *,
         command: str | None = None) -> IngestSummary:
    """Load a Parquet directory written by ``ingest(..., engine="dask")`` into ``store`` as one run.
    Articles already stored are skipped with all their records and a rejection already stored is
    not added again, so loading twice adds nothing; new articles join stories."""
    from newsevents.store.parquet import assign_loaded_stories, load_parquet

    if isinstance(store, (str, os.PathLike)):
        from newsevents.store import open_db

        with open_db(store) as opened:
            return load(parquet_dir, opened, command=command)
    if not Path(parquet_dir).is_dir():
        raise InputError(f"no Parquet directory at {parquet_dir}")
    t0 = time.perf_counter()
    summary = IngestSummary(engine="load", workers=0)
    unfinished = finish_interrupted(store, summary)
    summary.run_id = store.begin_run(command or f"load {parquet_dir}")
    loaded = load_parquet(store, parquet_dir, run_id=summary.run_id)
    assigned = assign_loaded_stories(store, [*unfinished, *loaded.signatures])
    summary.coded, summary.already_stored = loaded.articles, loaded.already_stored
    summary.events, summary.words = loaded.events, loaded.words
    summary.rejections = loaded.rejections
    summary.failed = sum(1 for r in loaded.rejections if r.status == "failed")
    summary.skipped = len(loaded.rejections) - summary.failed
    summary.read = summary.coded + summary.skipped + summary.failed + summary.already_stored
    summary.seconds = time.perf_counter() - t0
    summary.stories = _story_count(assigned)
    store.finish_run(summary.run_id, summary)
    return summary


# -- user dictionaries and actor look-up ----------------------------------------------------------

def user_files_config(*, actor_files: Iterable[str | os.PathLike] = (),
                      verb_files: Iterable[str | os.PathLike] = (), classifier: bool = True) -> dict[str, dict]:
    """The ``config`` for :func:`code` / :func:`ingest` that adds a user's own dictionaries: actor
    files (our TSV/CSV tables or PETRARCH actor/agent dictionaries) and verb files (our TSV or
    PETRARCH verb dictionaries); ``classifier=False`` codes events with the lexicon alone. See
    :func:`newsevents.stages.user_files_config`."""
    from newsevents.stages import user_files_config as stage_config

    return stage_config(actor_files=actor_files, verb_files=verb_files, classifier=classifier)


def lookup_actors(text: str, date: str | None = None, *,
                  actor_files: Iterable[str | os.PathLike] = ()) -> tuple[str, list]:
    """How a phrase or sentence resolves to actors on ``date``, outside any article: the text after
    the same repair articles get (odd apostrophes, quotes, markup) and its actors (offsets into it)."""
    from newsevents.stages.actors import lookup
    from newsevents.text.repair import repair

    repaired = repair(text).text
    return repaired, lookup(repaired, date, extra_paths=tuple(actor_files))
