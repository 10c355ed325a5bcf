"""The `newsevents` command line. It only parses options, calls the library (:mod:`newsevents.coding`
for `code`, `ingest` and `load`), prints, and maps errors to exit codes:

* 0 -- every record was coded or skipped with a reason (or already stored);
* 1 -- at least one record failed (each one is listed in the summary and in the store);
* 2 -- bad usage, configuration or store error: nothing (more) was processed;
* 130 -- interrupted (Ctrl-C, SIGINT); 143 -- terminated (SIGTERM). The batches coded so far are
  stored; the next ``ingest`` closes the run as interrupted and puts its articles into stories.
"""

from __future__ import annotations

import json
import logging
import signal
import sys
from collections import Counter
from pathlib import Path

import click

from newsevents.errors import NewsEventsError
from newsevents.records import RunSummary

EXIT_OK, EXIT_FAILED, EXIT_ERROR = 0, 1, 2
EXIT_INTERRUPTED, EXIT_TERMINATED = 130, 143  # 128 + SIGINT, 128 + SIGTERM
DEFAULT_DB = "newsevents.duckdb"


class CLIError(click.ClickException):
    """A usage, configuration or store error: exit code 2."""

    exit_code = EXIT_ERROR


def _setup_logging(verbose: int, quiet: bool) -> None:
    level = logging.ERROR if quiet else (logging.DEBUG if verbose > 1 else logging.INFO if verbose else logging.WARNING)
    logging.basicConfig(level=level, format="%(levelname)s %(name)s: %(message)s", stream=sys.stderr)


def _parse_columns(value: str | None) -> dict[str, str] | None:
    if not value:
        return None
    mapping = {}
    for part in value.split(","):
        if "=" not in part:
            raise click.BadParameter(f"expected FIELD=COLUMN pairs, got {part!r}", param_hint="--columns")
        key, col = part.split("=", 1)
        mapping[key.strip()] = col.strip()
    return mapping


def _progress_bar(paths, glob: str, progress: bool | None):
    """A tqdm bar on stderr (when ``--progress``, or by default when stderr is a TTY), else None;
    the library calls its ``update(n)``."""
    if not (progress if progress is not None else sys.stderr.isatty()):
        return None
    from tqdm import tqdm

    from newsevents.coding import count_records

    return tqdm(total=count_records(paths, glob), unit="article", file=sys.stderr, dynamic_ncols=True,
                smoothing=0.1)


def _print_run(summary: RunSummary, *, out=sys.stderr) -> None:
    rate = summary.words / summary.seconds if summary.seconds else 0.0
    click.echo(
        f"articles read {summary.read}: coded {summary.coded}, skipped {summary.skipped}, "
        f"failed {summary.failed}" + (f", already stored {summary.already_stored}" if summary.already_stored else ""),
        file=out,
    )
    click.echo(
        f"events {summary.events}; {summary.words:,} words in {summary.seconds:.1f} s ({rate:,.0f} words/s)", file=out
    )
    for enc, n in sorted(summary.encodings_guessed.items()):
        click.echo(f"encoding guessed: {n} article(s) decoded as {enc} (not valid UTF-8)", file=out)
    reasons = Counter((r.status, r.stage, r.reason.split(":")[0]) for r in summary.rejections)
    for (status, stage, reason), n in reasons.most_common(10):
        click.echo(f"  {status} x{n} [{stage}] {reason}", file=out)


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.option("-v", "--verbose", count=True, help="More log output (-vv for debug).")
@click.option("-q", "--quiet", is_flag=True, help="Only errors.")
@click.version_option(package_name="newsevents")
def cli(verbose: int, quiet: bool) -> None:
    """newsevents: code news articles into political events (CAMEO / PLOVER) in a DuckDB file.

    \b
    Exit codes: 0 every record coded or skipped with a reason; 1 at least one record failed
    (listed in the summary and the store's rejections table); 2 usage, configuration or store error;
    130 interrupted (Ctrl-C), 143 terminated (SIGTERM): what was coded so far is stored, and the
    next ingest finishes the interrupted run's articles (stories) and closes its run row.
    """
    _setup_logging(verbose, quiet)


_input_options = [
    click.argument("paths", nargs=-1, required=True),
    click.option("--glob", default="**/*", show_default=True, help="Files to read inside a directory."),
    click.option("--input-format", "fmt", type=click.Choice(["auto", "text", "jsonl", "csv", "html"]),
                 default="auto", show_default=True, help="Input format (auto: by extension and content)."),
    click.option("--columns", help="CSV column mapping, e.g. text=Article,title=Heading,date=Date,id=ID."),
    click.option("--batch-size", default=64, show_default=True, help="Articles per spaCy batch."),
    click.option("--max-chars", default=1_000_000, show_default=True,
                 help="Skip (with a reason) articles longer than this."),
    click.option("--progress/--no-progress", default=None, help="Progress bar on stderr (default: when a TTY)."),
]


def input_options(fn):
    for option in reversed(_input_options):
        fn = option(fn)
    return fn


_dictionary_options = [
    click.option("--actors-file", "actor_files", multiple=True, envvar="NEWSEVENTS_ACTORS",
                 type=click.Path(exists=True, dir_okay=True),
                 help="Your own actor files or folders (our TSV/CSV tables or PETRARCH actor and agent "
                      "dictionaries); repeat it, or list them in NEWSEVENTS_ACTORS (separated by ':')."),
    click.option("--verbs-file", "verb_files", multiple=True, envvar="NEWSEVENTS_VERBS",
                 type=click.Path(exists=True, dir_okay=False),
                 help="Your own verb dictionaries (our TSV or PETRARCH verb files); repeat it, or list "
                      "them in NEWSEVENTS_VERBS (separated by ':')."),
    click.option("--no-classifier", "no_classifier", is_flag=True,
                 help="Code events with the lexicon alone: the event classifier neither adds, promotes nor "
                      "demotes events (see docs/models/event_classifier.md)."),
]


def dictionary_options(fn):
    for option in reversed(_dictionary_options):
        fn = option(fn)
    return fn


def _workers_option(extra: str = ""):
    return click.option(
        "--workers", default=None, type=click.IntRange(1, None),
        help="Worker processes, each loading the model once (results stay in input order; only this "
             "process writes). Default: one for small inputs, more for large ones, up to the cores and "
             "memory free." + extra)


@cli.command()
@input_options
@dictionary_options
@click.option("--db", default=DEFAULT_DB, show_default=True, help="DuckDB file to write.")
@_workers_option(" With --engine dask and no --scheduler: the LocalCluster's worker processes.")
@click.option("--engine", type=click.Choice(["local", "dask"]), default="local", show_default=True,
              help="local: this machine (--workers processes); dask: partitions coded on a Dask cluster, "
                   "written as Parquet partitioned by day, then loaded into --db.")
@click.option("--scheduler", metavar="ADDRESS",
              help="Dask scheduler to use (e.g. tcp://10.0.0.5:8786); without it a LocalCluster of "
                   "--workers processes is started.")
@click.option("--partition-size", default=500, show_default=True, type=click.IntRange(1, None),
              help="Articles per Dask partition (partitions follow input order).")
@click.option("--parquet-dir", type=click.Path(file_okay=False),
              help="Where --engine dask writes Parquet (default: DB.parquet/ next to the DB file).")
def ingest(paths, glob, fmt, columns, batch_size, max_chars, progress, actor_files, verb_files, no_classifier, db,
           workers, engine, scheduler, partition_size, parquet_dir):
    """Code articles from PATHS (files, directories, '-' for stdin) and store them in the DuckDB file.

    Re-running on the same input adds nothing twice (articles are keyed by a content hash).
    """
    from newsevents import coding
    from newsevents.store import open_db

    if engine == "local" and (scheduler or parquet_dir):
        raise click.UsageError("--scheduler and --parquet-dir need --engine dask")
    columns = _parse_columns(columns)
    bar = _progress_bar(paths, glob, progress)
    try:
        with open_db(db, write_batch=batch_size) as store:
            summary = coding.ingest(paths, store, glob=glob, fmt=fmt, columns=columns,
                                    batch_size=batch_size, max_chars=max_chars, workers=workers,
                                    engine=engine, scheduler=scheduler, partition_size=partition_size,
                                    parquet_dir=parquet_dir, progress=bar.update if bar else None,
                                    config=coding.user_files_config(actor_files=actor_files,
                                                                    verb_files=verb_files,
                                                                    classifier=not no_classifier))
            overview = _overview(store, summary)
    except NewsEventsError as exc:
        raise CLIError(str(exc)) from exc
    finally:
        if bar is not None:
            bar.close()
    _print_run(summary, out=sys.stdout)
    _print_repaired(summary)
    _print_overview(overview, db)
    sys.exit(EXIT_FAILED if summary.failed else EXIT_OK)


def _print_repaired(summary) -> None:
    for run_id in summary.interrupted_runs:
        click.echo(f"run {run_id} had been interrupted: closed (status 'interrupted')")
    if summary.repaired:
        click.echo(f"{summary.repaired} article(s) it stored had no story: put into stories by this run")


@cli.command()
@click.argument("parquet_dir", type=click.Path(exists=True, file_okay=False))
@click.option("--db", default=DEFAULT_DB, show_default=True, help="DuckDB file to write.")
def load(parquet_dir, db):
    """Load a Parquet directory written by `ingest --engine dask` into the DuckDB file.

    Articles already stored (same content hash) are skipped with all their records, and a rejection
    already stored is not added again, so loading twice adds nothing. New articles join stories.
    """
    from newsevents import coding
    from newsevents.store import open_db

    try:
        with open_db(db) as store:
            summary = coding.load(parquet_dir, store)
            overview = _overview(store, summary)
    except NewsEventsError as exc:
        raise CLIError(str(exc)) from exc
    _print_run(summary, out=sys.stdout)
    _print_repaired(summary)
    _print_overview(overview, db)
    sys.exit(EXIT_FAILED if summary.failed else EXIT_OK)


def _overview(store, summary) -> dict:
    """The store's overview after a run, with the number of stories the run's articles fall into."""
    overview = store.summary()
    overview["stories_assigned"] = summary.stories
    return overview


def _print_overview(overview: dict, db: str) -> None:
    click.echo(f"\nstore {db}: {overview.get('articles', 0)} articles, {overview.get('events', 0)} events "
               f"({overview.get('main_events', 0)} main, the rest told in passing)")
    if overview.get("stories_assigned"):
        click.echo(f"this run's new articles fall into {overview['stories_assigned']} stories")
    by_quad = overview.get("by_quad_class") or {}
    if by_quad:
        click.echo("events by QuadClass:")
        for name, n in by_quad.items():
            click.echo(f"  {name:<22} {n}")
    dyads = overview.get("top_dyads") or []
    if dyads:
        click.echo("top dyads (source -> target):")
        for d in dyads[:10]:
            click.echo(f"  {d['source']:>6} -> {d['target']:<6} {d['events']}")
    prog = sys.argv[0] if "/" in sys.argv[0] and sys.argv[0].endswith("newsevents") else "newsevents"
    click.echo(
        "\nnext:\n"
        f"  {prog} events --db {db} --limit 20          # browse events\n"
        f"  {prog} events --db {db} --dyad RUS,IRN      # one dyad\n"
        f"  {prog} export --db {db} --format gdelt -o events.tsv\n"
        f"  {prog} explain demo/articles/<file>.txt     # why each event was coded\n"
        f"  {prog} actors lookup \"the Kremlin strongman\" --date 2017-11-02"
    )


@cli.command("code")
@input_options
@dictionary_options
@click.option("--format", "out_format", type=click.Choice(["jsonl"]), default="jsonl", show_default=True,
              help="Output format (one JSON object per input record on stdout).")
@click.option("--stories/--no-stories", default=True, show_default=True,
              help="Group articles into stories (story_id, duplicate_of); needs the whole batch, so "
                   "lines are written at the end. --no-stories streams each line as it is coded.")
@click.option("--all-events", is_flag=True,
              help="Put every coded event in 'events' (by default 'events' holds the article's main events "
                   "and 'background_events' those told in passing).")
@click.option("--petrarch-style", is_flag=True,
              help="PETRARCH conventions: events from the dictionaries alone (no classifier), only events "
                   "with a coded source and a coded target (uncoded actors dropped), none negated, none told "
                   "as past.")
@_workers_option()
def code_cmd(paths, glob, fmt, columns, batch_size, max_chars, progress, actor_files, verb_files, no_classifier,
             out_format, stories, all_events, petrarch_style, workers):
    """Code articles and write one JSON object per input record to stdout (nothing is stored).

    Each object carries id, entities, places, times, quotes, events (the article's main events),
    background_events (events told in passing), story_id and status ("coded", "skipped" or "failed"
    with a reason). The run summary goes to stderr.
    """
    import tempfile

    from newsevents import coding

    out = sys.stdout
    # With stories, lines are spooled to a temporary file (not memory) and story ids are filled
    # in once every article has been seen; --no-stories streams each line as soon as it is coded.
    spool = tempfile.TemporaryFile("w+", encoding="utf-8") if stories else None
    columns = _parse_columns(columns)
    bar = _progress_bar(paths, glob, progress)
    try:
        run = coding.code(paths, glob=glob, fmt=fmt, columns=columns, batch_size=batch_size,
                          max_chars=max_chars, workers=workers, stories=stories,
                          petrarch_style=petrarch_style, progress=bar.update if bar else None,
                          config=coding.user_files_config(actor_files=actor_files, verb_files=verb_files,
                                                          classifier=not (no_classifier or petrarch_style)))
        for result in run:
            obj = coding.prediction(result, all_events=all_events)
            (spool or out).write(json.dumps(obj, ensure_ascii=False) + "\n")
        if spool is not None:
            spool.seek(0)
            for line in spool:
                out.write(coding.with_story(line, run.stories))
    except NewsEventsError as exc:
        raise CLIError(str(exc)) from exc
    finally:
        if bar is not None:
            bar.close()
        if spool is not None:
            spool.close()
    _print_run(run.summary, out=sys.stderr)
    sys.exit(EXIT_FAILED if run.summary.failed else EXIT_OK)


def event_filter_options(fn):
    """The event filter options ``events`` and ``export`` share (the store's ``EventFilter``; the
    explorer's API takes the same filters, with ``cameo``/``plover`` for ``--type``)."""
    options = [
        click.option("--actor", help="Actor name, code or text (substring, any case, either side)."),
        click.option("--country", help="ISO-3 country on either side."),
        click.option("--dyad", help="SOURCE,TARGET country or actor codes, e.g. RUS,IRN (directed; one side may be empty)."),
        click.option("--type", "type_", help="CAMEO code prefix (e.g. 04, 042) or PLOVER type (e.g. CONSULT, any case)."),
        click.option("--since", help="Earliest event date: YYYY-MM-DD, YYYY-MM or YYYY."),
        click.option("--until", help="Latest event date: YYYY-MM-DD, YYYY-MM or YYYY."),
        click.option("--main-only", is_flag=True,
                     help="Only the articles' main events (not those told in passing); default: all events."),
    ]
    for option in reversed(options):
        fn = option(fn)
    return fn


def _event_filter(actor, country, dyad, type_, since, until, main_only):
    from newsevents.store import EventFilter

    return EventFilter.from_options(actor=actor, country=country, dyad=dyad, type=type_, since=since,
                                    until=until, main=main_only)


@cli.command()
@click.option("--db", default=DEFAULT_DB, show_default=True, help="DuckDB file to read.")
@event_filter_options
@click.option("--limit", default=50, show_default=True, help="Rows to show.")
@click.option("--json", "as_json", is_flag=True, help="Print JSON lines instead of a table.")
def events(db, actor, country, dyad, type_, since, until, main_only, limit, as_json):
    """Print stored events as a table, filtered."""
    from newsevents.store import open_db

    try:
        flt = _event_filter(actor, country, dyad, type_, since, until, main_only)
        with open_db(db, read_only=True) as store:
            rows = store.events(flt, limit=limit)
    except NewsEventsError as exc:
        raise CLIError(str(exc)) from exc
    if as_json:
        for row in rows:
            click.echo(json.dumps(row, default=str, ensure_ascii=False))
        return
    cols = [("date", 10), ("source_code", 10), ("cameo", 5), ("target_code", 10), ("plover", 10),
            ("goldstein", 5), ("evidence_text", 70)]
    click.echo("  ".join(name.replace("_code", "")[:w].ljust(w) for name, w in cols))
    for row in rows:
        cells = []
        for name, w in cols:
            value = row.get(name)
            text = "" if value is None else str(value).replace("\n", " ")
            cells.append(text[: w - 1] + "…" if len(text) > w else text.ljust(w))
        click.echo("  ".join(cells))
    click.echo(f"({len(rows)} rows)", err=True)


@cli.command()
@click.option("--db", default=DEFAULT_DB, show_default=True, help="DuckDB file to read.")
@click.option("--format", "fmt", type=click.Choice(["gdelt", "plover", "icews", "polecat", "parquet", "csv", "jsonl"]),
              required=True, help="gdelt: GDELT 2.0 event columns (TSV); plover: PLOVER JSON lines (the "
                                  "manual's fields); icews / polecat: their event-file columns (TSV with a "
                                  "header). See docs/exports.md.")
@click.option("-o", "--out", default="-", show_default=True, help="Output file ('-' for stdout; parquet needs a file).")
@event_filter_options
def export(db, fmt, out, actor, country, dyad, type_, since, until, main_only):
    """Export stored events in a format other event-data tools read (all of them, or those the
    filter options select)."""
    from newsevents.io.exports import export as do_export
    from newsevents.store import open_db

    if fmt == "parquet" and out == "-":
        raise click.UsageError("parquet needs a file: use -o events.parquet")
    try:
        flt = _event_filter(actor, country, dyad, type_, since, until, main_only)
        with open_db(db, read_only=True) as store:
            n = do_export(store, fmt, sys.stdout if out == "-" else out, flt)
    except NewsEventsError as exc:
        raise CLIError(str(exc)) from exc
    click.echo(f"exported {n} events as {fmt}" + ("" if out == "-" else f" to {out}"), err=True)


@cli.command()
@click.option("--db", default=DEFAULT_DB, show_default=True, help="DuckDB file to rewrite.")
@click.option("--memory-limit", default=None, metavar="SIZE",
              help="Cap DuckDB's memory for the rewrite, e.g. 4GB (it then sorts on disk).")
def optimize(db, memory_limit):
    """Lay the stored events out for fast queries (by year and dyad; the newest eighth by date).

    Run it after big imports, from a few million events up: dyad series and the explorer's
    filters then read a fraction of the table. Answers do not change, only the physical order.
    Needs free disk space about the size of the events table while it runs.
    """
    from newsevents.store import open_db

    if not Path(db).is_file():
        raise CLIError(f"no store at {db} (create one with `newsevents ingest PATH --db {db}`)")
    try:
        with open_db(db) as store:
            info = store.optimize(memory_limit=memory_limit)
    except NewsEventsError as exc:
        raise CLIError(str(exc)) from exc
    recent = info.get("recent_from")
    click.echo(f"optimized {info['events']:,} events in {info['seconds']:.1f} s"
               + (f"; events from {recent} on stay in date order" if recent else ""))


@cli.command()
@click.option("--db", default=DEFAULT_DB, show_default=True, help="DuckDB file to read.")
def summary(db):
    """Counts in the store: articles, events by QuadClass, top dyads."""
    from newsevents.store import open_db

    try:
        with open_db(db, read_only=True) as store:
            overview = store.summary()
    except NewsEventsError as exc:
        raise CLIError(str(exc)) from exc
    _print_overview(overview, db)


@cli.command()
@click.argument("paths", nargs=-1, required=True)
@click.option("--glob", default="**/*", show_default=True, help="Files to read inside a directory.")
@dictionary_options
def explain(paths, glob, actor_files, verb_files, no_classifier):
    """Show each sentence of the articles with its actors, the events coded, the rule that fired
    and the evidence, so you can see why."""
    from newsevents.coding import user_files_config
    from newsevents.io.explain import explain_results
    from newsevents.io.readers import iter_articles
    from newsevents.pipeline import Pipeline

    try:
        pipeline = Pipeline(config=user_files_config(actor_files=actor_files, verb_files=verb_files,
                                                     classifier=not no_classifier))
        for result in pipeline.run(iter_articles(list(paths), glob=glob)):
            click.echo(explain_results(result))
    except NewsEventsError as exc:
        raise CLIError(str(exc)) from exc


@cli.group()
def actors():
    """Inspect actor resolution (the bundled knowledge base plus your own files)."""


@actors.command("lookup")
@click.argument("text")
@click.option("--date", help="Date the mention is read on (YYYY-MM-DD): offices are date-aware.")
@click.option("--actors-file", "extra", multiple=True, type=click.Path(exists=True, dir_okay=True),
              envvar="NEWSEVENTS_ACTORS",
              help="Extra actor files or folders (our TSV/CSV format or PETRARCH dictionaries); or list "
                   "them in NEWSEVENTS_ACTORS (separated by ':').")
@click.option("--json", "as_json", is_flag=True, help="Print JSON lines instead of text.")
def actors_lookup(text, date, extra, as_json):
    """Show how TEXT (a phrase or a sentence) resolves to actors on DATE, and why."""
    from dataclasses import asdict

    from newsevents.coding import lookup_actors

    try:
        text, found = lookup_actors(text, date, actor_files=extra)
    except NewsEventsError as exc:
        raise CLIError(str(exc)) from exc
    if as_json:
        for actor in found:
            click.echo(json.dumps(asdict(actor), ensure_ascii=False))
        return
    if not found:
        click.echo(f"no actor found in {text!r}")
        return
    for a in found:
        click.echo(f"{a.text!r} [{a.start}:{a.end}] -> {a.code or '(unresolved)'}")
        for label, value in (("country", a.country), ("sector", a.sector), ("name", a.name),
                             ("kind", a.kind), ("rule", a.how)):
            if value:
                click.echo(f"    {label:<8} {value}")


@cli.command()
@click.option("--db", default=DEFAULT_DB, show_default=True, help="DuckDB file to explore (opened read-only).")
@click.option("--host", default="127.0.0.1", show_default=True,
              help="Address to listen on; anything but loopback shares the explorer with your network.")
@click.option("--port", default=8000, show_default=True, type=click.IntRange(0, 65535), help="Port to listen on.")
def serve(db, host, port):
    """Open the explorer: a local web app and JSON API over the store (Ctrl-C stops it)."""
    try:
        import uvicorn

        from newsevents.web import create_app
    except ImportError as exc:
        raise CLIError(f"the explorer needs FastAPI and uvicorn ({exc}): run `make setup`") from exc
    if not Path(db).is_file():
        raise CLIError(f"store {db} does not exist: create it with `newsevents ingest PATHS --db {db}`")
    loopback = ("127.0.0.1", "localhost")
    # answer only to the name we listen on (no DNS rebinding); a wildcard or IPv6 address: any name
    hosts = None if host in ("0.0.0.0", "") or ":" in host else tuple(dict.fromkeys((host, *loopback)))
    try:
        app = create_app(db, allowed_hosts=hosts)
    except NewsEventsError as exc:
        raise CLIError(str(exc)) from exc
    if host not in (*loopback, "::1"):
        click.echo(f"warning: listening on {host}: anyone who can reach this machine can read the store", err=True)
    shown = f"[{host}]" if ":" in host else host
    click.echo(f"newsevents explorer on http://{shown}:{port}/ (store {db}, read-only; Ctrl-C stops it)", err=True)
    uvicorn.run(app, host=host, port=port, log_level="warning")


class Stopped(BaseException):
    """Raised in the main thread by SIGINT or SIGTERM. A BaseException (so no ``except Exception``
    swallows it) that is not a KeyboardInterrupt (which click would turn into exit code 1): on the
    way out the store writes the articles already coded, whole, and rolls back a transaction in hand."""

    def __init__(self, signum: int):
        super().__init__(signum)
        self.signum = signum


_RECEIVED: list[int] = []  # the stop signals received, so the exit code says so whatever unwound


def _stop(signum, frame) -> None:
    _RECEIVED.append(signum)
    raise Stopped(signum)


def main() -> None:
    """The console script: :func:`cli` with Ctrl-C exiting 130 and SIGTERM 143."""
    signal.signal(signal.SIGINT, _stop)
    signal.signal(signal.SIGTERM, _stop)
    try:
        cli(standalone_mode=True)
    except (Stopped, KeyboardInterrupt, SystemExit, Exception) as exc:
        # a stop signal may surface as another exception (raised inside a DuckDB call, or turned into
        # an exit by click on the way out): once one was received, the exit code says so
        if not _RECEIVED and not isinstance(exc, (Stopped, KeyboardInterrupt)):
            raise
        term = (_RECEIVED[0] if _RECEIVED else None) == signal.SIGTERM
        signal.signal(signal.SIGINT, signal.SIG_IGN)  # a second Ctrl-C does not interrupt the exit
        click.echo(f"\n{'terminated' if term else 'interrupted'} (an ingest keeps what it coded; the next "
                   f"ingest finishes its run)", err=True)
        sys.exit(EXIT_TERMINATED if term else EXIT_INTERRUPTED)


if __name__ == "__main__":  # pragma: no cover
    main()
