"""The pipeline: articles in, :class:`DocumentResult` or :class:`Rejection` out, in input order.

Data flows one way: ``Article`` -> text repair -> spaCy (``nlp.pipe`` in batches) ->
``AnnotatedDoc`` -> stages (entities, actors, times, places, quotes, events, tone) -> records.

:func:`process_batch` is a plain function over a list of articles; it loads the model once per
process, holds no other global state, and so can run in worker processes.
"""

from __future__ import annotations

import gc
import logging
from dataclasses import dataclass, field, replace
from typing import Any, Iterable, Iterator, Mapping, Sequence

from newsevents.errors import ConfigError, StageError
from newsevents.nlp import DEFAULT_MODEL, AnnotatedDoc, drop_model, load_model
from newsevents.records import Article, DocumentResult, Rejection
from newsevents.stages import DEFAULT_STAGES, Stage, build_stages
from newsevents.stages.events.opinion import second_opinion
from newsevents.stages.events.salience import quote_spans, rank_events
from newsevents.stages.headlines import title_events, with_title_events
from newsevents.text.repair import repair

log = logging.getLogger(__name__)

MAX_CHARS_DEFAULT = 1_000_000
# new words spaCy's vocabulary may learn before the model is reloaded (about 1 KB each: ~100 MB);
# news adds about 10 new words per article, so this is a reload every ~10,000 articles (~1 s each)
MAX_NEW_WORDS_DEFAULT = 100_000


_FROZEN = False


def _freeze_tables() -> None:
    """Once per process, after the first batch: the model, gazetteer, actor KB and lexicons are loaded
    for good (about 800k Python objects). ``gc.freeze`` moves them out of the cyclic collector's way,
    so its full passes stop traversing them; on the corpus that is about a tenth of the run's CPU time.
    Nothing is freed differently: these tables live as long as the process anyway."""
    global _FROZEN
    if not _FROZEN:
        _FROZEN = True
        gc.collect()
        gc.freeze()


def _thaw_tables() -> None:
    """Undo :func:`_freeze_tables` before a model is dropped, so the collector can free it."""
    global _FROZEN
    if _FROZEN:
        _FROZEN = False
        gc.unfreeze()


def _result(adoc: AnnotatedDoc) -> DocumentResult:
    return DocumentResult(
        article=adoc.article,
        entities=tuple(adoc.entities),
        actors=tuple(adoc.actors),
        events=tuple(adoc.events),
        places=tuple(adoc.places),
        times=tuple(adoc.times),
        quotes=tuple(adoc.quotes),
        dateline=adoc.dateline,
        repairs=tuple(adoc.repaired.notes),
        tone=adoc.tone,
        story_id=None,
        n_words=_n_words(adoc),
    )


def _n_words(adoc: AnnotatedDoc) -> int:
    """Tokens that are neither punctuation nor space (read from the document's shared token view)."""
    tokens = adoc.tokens
    if not tokens.n:
        return 0
    return int(tokens.n - (tokens.column("IS_PUNCT") | tokens.column("IS_SPACE")).sum())


def _unencodable(article: Article) -> str | None:
    """Why the article's title, URL or source cannot be stored or written (a lone surrogate, from
    a JSON escape such as ``"\\udfff"``, is not UTF-8), or None. Its text needs no check: the
    parser rejects such a text and the article fails in ``nlp``."""
    for name in ("title", "url", "source"):
        value = getattr(article, name)
        if not value:
            continue
        try:
            value.encode("utf-8")
        except UnicodeEncodeError as exc:
            return (f"{name} is not valid Unicode: a lone surrogate U+{ord(value[exc.start]):04X} at character "
                    f"{exc.start} (fix the input's {name})")
    return None


def _ranked(result: DocumentResult | Rejection) -> DocumentResult | Rejection:
    if isinstance(result, DocumentResult) and result.events:
        return replace(result, events=rank_events(result.events, quotes=quote_spans(result)))
    return result


@dataclass
class Pipeline:
    """Codes articles in batches. ``errors='skip'`` turns a failing article into a Rejection;
    ``errors='raise'`` re-raises it as a StageError."""

    model: str = DEFAULT_MODEL
    stages: Sequence["str | Stage"] = DEFAULT_STAGES  # registered names, or stage objects of your own
    batch_size: int = 64  # chosen by measurement (bench/throughput.py --batch-size): 64 beat 16 and 32
    max_chars: int = MAX_CHARS_DEFAULT
    errors: str = "skip"
    code_titles: bool = True  # also code the headline; its events carry evidence_in="title"
    second_opinion: bool = True  # the event classifier may add, promote and demote events (events.opinion);
    # config={"events": {"second_opinion": False}} (CLI --no-classifier) turns it off too
    max_new_words: int = MAX_NEW_WORDS_DEFAULT  # reload the model when its vocabulary grew this much
    # per-stage settings, by stage name: {"actors": {"extra_paths": [...]}} (see stages.build_stages)
    config: Mapping[str, Mapping[str, Any]] = field(default_factory=dict)
    _built: list[Stage] | None = field(default=None, init=False, repr=False)
    _warm: bool = field(default=False, init=False, repr=False)  # a batch has run: tables are loaded
    _vocab_base: int | None = field(default=None, init=False, repr=False)
    reloads: int = field(default=0, init=False)  # times the model was reloaded to keep memory flat

    def __post_init__(self) -> None:
        if self.errors not in ("skip", "raise"):
            raise ConfigError("errors must be 'skip' or 'raise'")

    @property
    def nlp(self):
        return load_model(self.model)

    def _stages(self) -> list[Stage]:
        if self._built is None:
            self._built = build_stages(self.stages, self.config)
        return self._built

    def __getstate__(self):  # stages are rebuilt in each worker process
        state = dict(self.__dict__)
        state["_built"] = None
        state["_warm"] = False
        state["_vocab_base"] = None
        return state

    def __setstate__(self, state):
        self.__dict__.update(state)

    def process_batch(self, batch: Sequence[Article | Rejection]) -> list[DocumentResult | Rejection]:
        """Code one batch; the output has one item per input, in order."""
        out: list[DocumentResult | Rejection | None] = [None] * len(batch)
        todo: list[tuple[int, Article, object]] = []
        for i, item in enumerate(batch):
            if isinstance(item, Rejection):
                out[i] = item
                continue
            if not item.text or not item.text.strip():
                out[i] = Rejection(item.id, item.path, "skipped", "ingest", "empty text")
                continue
            if len(item.text) > self.max_chars:
                out[i] = Rejection(
                    item.id, item.path, "skipped", "ingest",
                    f"article too long: {len(item.text):,} characters > limit {self.max_chars:,} "
                    f"(raise it with --max-chars)",
                )
                continue
            bad = _unencodable(item)
            if bad is not None:
                out[i] = Rejection(item.id, item.path, "failed", "ingest", bad)
                continue
            try:
                repaired = repair(item.text)
            except Exception as exc:  # noqa: BLE001 - one bad article never stops a batch
                out[i] = self._fail(item, "repair", exc)
                continue
            todo.append((i, item, repaired))
        if todo:
            if self._warm:
                _freeze_tables()
            stages = self._stages()
            nlp = self.nlp
            texts = [r.text for _, _, r in todo]
            try:
                docs = list(nlp.pipe(texts, batch_size=self.batch_size))
            except Exception:  # noqa: BLE001 - find the article that breaks the batch
                docs = []
                for text in texts:
                    try:
                        docs.append(nlp(text))
                    except Exception as exc:  # noqa: BLE001
                        docs.append(exc)
            has_events = any(s.name.startswith("events.") and getattr(s, "second_opinion", True) for s in stages)
            titled = (title_events([a for _, a, _ in todo], stages, nlp=nlp, batch_size=self.batch_size)
                      if self.code_titles else {})
            for (i, article, repaired), doc in zip(todo, docs):
                if isinstance(doc, Exception):
                    out[i] = self._fail(article, "nlp", doc)
                    continue
                adoc = AnnotatedDoc(article=article, repaired=repaired, doc=doc)
                result = self._run_stages(adoc, stages)
                if isinstance(result, DocumentResult) and titled.get(article.id):
                    result = with_title_events(result, titled[article.id])
                else:
                    result = _ranked(result)
                if self.second_opinion and isinstance(result, DocumentResult) and has_events:
                    result = self._second_opinion(article, result)
                out[i] = result
            self._warm = True
            self._check_vocab(nlp)
        return out  # type: ignore[return-value]

    def _second_opinion(self, article: Article, result: DocumentResult) -> DocumentResult | Rejection:
        try:
            return second_opinion(result)
        except Exception as exc:  # noqa: BLE001 - one bad article never stops a batch
            return self._fail(article, "events.opinion", exc)

    def _check_vocab(self, nlp) -> None:
        size = len(nlp.vocab)
        if self._vocab_base is None:
            self._vocab_base = size
        elif size - self._vocab_base > self.max_new_words:
            log.info("spaCy vocabulary grew by %d words: reloading %s", size - self._vocab_base, self.model)
            _thaw_tables()  # let the collector free the old model (re-frozen after the next batch)
            drop_model(self.model)
            self._vocab_base = None
            self.reloads += 1

    def _run_stages(self, adoc: AnnotatedDoc, stages: list[Stage]) -> DocumentResult | Rejection:
        for stage in stages:
            try:
                stage.process(adoc)
            except Exception as exc:  # noqa: BLE001
                return self._fail(adoc.article, stage.name, exc)
        return _result(adoc)

    def _fail(self, article: Article, stage: str, exc: Exception) -> Rejection:
        if self.errors == "raise":
            raise StageError(str(exc), stage=stage, article_id=article.id) from exc
        log.warning("article %s failed in stage %s: %s", article.id, stage, exc)
        reason = f"{type(exc).__name__}: {exc}"
        if isinstance(exc, OverflowError) and "date" in str(exc):  # past 0001-01-01 or 9999-12-31
            reason = (f"a date out of the calendar's range (years 1 to 9999) from the article's date "
                      f"{article.date}: {reason}")
        return Rejection(article.id, article.path, "failed", stage, reason)

    def run(self, articles: Iterable[Article | Rejection]) -> Iterator[DocumentResult | Rejection]:
        """Code an iterable of articles lazily, yielding one result per input in input order."""
        batch: list[Article | Rejection] = []
        for item in articles:
            batch.append(item)
            if len(batch) >= self.batch_size:
                yield from self.process_batch(batch)
                batch = []
        if batch:
            yield from self.process_batch(batch)

    def code(self, text: str, *, date: str | None = None, title: str | None = None,
             id: str = "doc") -> DocumentResult:
        """Code one text and return its DocumentResult (raises on failure)."""
        from newsevents.errors import InputError

        article = Article(id=id, text=text, date=date, title=title)
        (result,) = self.process_batch([article])
        if isinstance(result, Rejection):
            raise InputError(f"article {id!r} was {result.status} in {result.stage}: {result.reason}",
                             record_id=id)
        return result


_DEFAULT: Pipeline | None = None


def code(text: str, *, date: str | None = None, title: str | None = None) -> DocumentResult:
    """Code one article text with the default pipeline: ``newsevents.code(text, date="2017-11-02")``."""
    global _DEFAULT
    if _DEFAULT is None:
        _DEFAULT = Pipeline()
    return _DEFAULT.code(text, date=date, title=title)
