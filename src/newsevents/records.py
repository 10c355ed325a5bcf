"""Plain records that flow between stages and into the store.

Every record is a frozen, slotted dataclass. Field names are the column names of the DuckDB
table of the same name (see ``store/schema.py``). Spans are character offsets ``start``/``end``
(end exclusive) into the ORIGINAL article text, so ``article.text[start:end] == record.text``.
"""

from __future__ import annotations

import copy
import hashlib
import re
from dataclasses import asdict, dataclass, field, fields, is_dataclass
from typing import Any


def content_hash(text: str, date: str | None = None, title: str | None = None) -> str:
    """Key an article by what it says: sha1 over date, title and text (hex, 40 chars)."""
    h = hashlib.sha1()
    for part in (date or "", title or "", text):
        h.update(part.encode("utf-8", "surrogatepass"))
        h.update(b"\x00")
    return h.hexdigest()


_PRECISION = re.compile(r"^\d{4}(?:-(\d{2})(?:-(\d{2}))?)?(?:[T ].*)?$")


def date_precision(value: str | None) -> str | None:
    """How precise an ISO date or period is: ``2017-11-02`` (or a datetime) -> ``"day"``,
    ``2017-11`` -> ``"month"``, ``2015`` -> ``"year"``; None for None or anything else."""
    m = _PRECISION.match(value.strip()) if value else None
    if not m:
        return None
    return "day" if m.group(2) else "month" if m.group(1) else "year"


@dataclass(frozen=True, slots=True)
class Article:
    """One input article as read, before any repair. ``text`` is the original text."""

    id: str
    text: str
    date: str | None = None  # ISO YYYY-MM-DD, publication date
    title: str | None = None
    url: str | None = None
    source: str | None = None  # outlet / agency
    path: str | None = None  # file it came from
    encoding: str | None = None  # encoding used to decode it
    encoding_guessed: bool = False  # True when the encoding had to be guessed

    @property
    def content_hash(self) -> str:
        return content_hash(self.text, self.date, self.title)


@dataclass(frozen=True, slots=True)
class Rejection:
    """An input record that was not coded: ``status`` is ``skipped`` or ``failed``."""

    record_id: str | None
    path: str | None
    status: str  # "skipped" | "failed"
    stage: str  # "ingest", "repair", "nlp", "events", ...
    reason: str


@dataclass(frozen=True, slots=True)
class Entity:
    """A named-entity span (spaCy/OntoNotes label)."""

    start: int
    end: int
    text: str
    label: str


@dataclass(frozen=True, slots=True)
class Actor:
    """An actor as mentioned in the text and resolved to a code.

    ``code`` is CAMEO-style: country ISO-3 then sector(s), e.g. ``RUSGOV``, ``SYRMIL``, ``IGOUNO``.
    An actor we could not resolve keeps its text with ``kind == "unresolved"`` and an empty code.
    """

    text: str
    start: int
    end: int
    code: str = ""
    country: str | None = None  # ISO-3
    sector: str | None = None  # GOV, MIL, REB, OPP, BUS, MED, IGO, COP, ...
    name: str | None = None  # canonical name: "Russia", "Vladimir Putin", "United Nations"
    kind: str = "unresolved"  # state | person | igo | group | sector | unresolved
    how: str = ""  # which rule resolved it, for explanations


@dataclass(frozen=True, slots=True)
class Place:
    """A toponym resolved to a gazetteer entry. ``role`` is ``mention`` or ``dateline``."""

    start: int
    end: int
    text: str
    name: str | None = None
    lat: float | None = None
    lon: float | None = None
    country: str | None = None  # ISO-3
    admin1: str | None = None
    geonameid: int | None = None
    feature: str | None = None  # country | city | admin1 | region
    role: str = "mention"


@dataclass(frozen=True, slots=True)
class TimeExpr:
    """A time expression normalised to a TIMEX3-style value (``2017-11-01``, ``P3D``, ``PAST_REF``)."""

    start: int
    end: int
    text: str
    value: str | None
    type: str = "DATE"  # DATE | TIME | DURATION | SET


@dataclass(frozen=True, slots=True)
class Quote:
    """A direct quotation and who said it."""

    start: int
    end: int
    text: str
    speaker_text: str | None = None
    speaker_start: int | None = None
    speaker_end: int | None = None
    speaker_name: str | None = None
    speaker_code: str | None = None


@dataclass(frozen=True, slots=True)
class Event:
    """One coded event: who did what to whom, when and where, and the evidence."""

    source: tuple[Actor, ...]
    target: tuple[Actor, ...]
    cameo: str  # full CAMEO code, e.g. "036"
    root: str  # two-digit root, e.g. "03"
    quad_class: int  # 1 verbal coop, 2 material coop, 3 verbal conflict, 4 material conflict
    goldstein: float
    plover: str | None  # PLOVER event type, e.g. "AGREE"
    plover_mode: str | None  # PLOVER mode, e.g. "diplomatic"
    date: str | None  # the event's own date (ISO) when known
    date_source: str  # "article" | "time_expression" | "unknown"
    # How precise ``date`` is: "day", "month" or "year" (None without a date). Not an argument:
    # always read off ``date`` (so ``dataclasses.replace(ev, date=...)`` keeps the two in step).
    date_precision: str | None = field(init=False, default=None)
    negated: bool
    modality: str  # "asserted" | "intended" | "hypothetical" | "past"
    confidence: float
    evidence_start: int
    evidence_end: int
    evidence_text: str
    trigger: str  # the words that triggered it
    rule: str  # id of the rule that fired
    sentence_index: int = 0
    place: Place | None = None
    tone: float | None = None
    fatalities: int | None = None  # people reported killed in this event, when the text says
    evidence_in: str = "text"  # "text": offsets point into the article text; "title": into its title
    salience: float = 1.0  # how much this event's kind is the article's news (1.0 = the top kind)
    main: bool = True  # one of the article's main events (False: background, told in passing)

    def __post_init__(self) -> None:
        object.__setattr__(self, "date_precision", date_precision(self.date))


@dataclass(frozen=True, slots=True)
class DocumentResult:
    """Everything one article yielded."""

    article: Article
    entities: tuple[Entity, ...] = ()
    actors: tuple[Actor, ...] = ()
    events: tuple[Event, ...] = ()
    places: tuple[Place, ...] = ()
    times: tuple[TimeExpr, ...] = ()
    quotes: tuple[Quote, ...] = ()
    dateline: Place | None = None
    repairs: tuple[str, ...] = ()  # notes of what text repair changed
    tone: float | None = None
    story_id: str | None = None
    n_words: int = 0

    @property
    def id(self) -> str:
        return self.article.id

    def to_prediction(self, all_events: bool = False) -> dict[str, Any]:
        """The JSON object the evaluation scorer reads (plus our extra fields)."""
        return prediction_dict(self, all_events)


_FIELD_NAMES: dict[type, tuple[str, ...]] = {}


def record_dict(record: Any) -> dict[str, Any]:
    """``dataclasses.asdict(record)`` for our records, at a fraction of its cost: it walks the
    fields once per class instead of inspecting and deep-copying every value (records hold
    strings, numbers, None, tuples and other records)."""
    cls = type(record)
    names = _FIELD_NAMES.get(cls)
    if names is None:
        names = _FIELD_NAMES[cls] = tuple(f.name for f in fields(cls))
    return {name: _plain(getattr(record, name)) for name in names}


def _plain(value: Any) -> Any:
    if value is None or type(value) in (str, int, float, bool):
        return value
    if is_dataclass(value) and not isinstance(value, type):
        return record_dict(value)
    if isinstance(value, (list, tuple)) and not hasattr(value, "_fields"):
        return type(value)(_plain(v) for v in value)
    return copy.deepcopy(value)  # anything else, as asdict does


def _actor_json(actor: Actor) -> dict[str, Any]:
    return record_dict(actor)


def event_json(event: Event) -> dict[str, Any]:
    d = {f: getattr(event, f) for f in event.__dataclass_fields__ if f not in ("source", "target", "place")}
    d["source"] = [_actor_json(a) for a in event.source]
    d["target"] = [_actor_json(a) for a in event.target]
    d["place"] = record_dict(event.place) if event.place else None
    d["mode"] = event.plover_mode
    return d


def prediction_dict(result: DocumentResult, all_events: bool = False) -> dict[str, Any]:
    """The JSON object of one coded article. ``events`` holds the article's main events and
    ``background_events`` those told in passing (see :mod:`newsevents.stages.events.salience`);
    ``all_events=True`` puts every event in ``events``."""
    a = result.article
    return {
        "id": a.id,
        "date": a.date,
        "title": a.title,
        "content_hash": a.content_hash,
        "entities": [record_dict(e) for e in result.entities],
        "places": [record_dict(p) for p in result.places],
        "times": [record_dict(t) for t in result.times],
        "quotes": [
            {
                **record_dict(q),
                "speaker": (
                    {
                        "text": q.speaker_text,
                        "start": q.speaker_start,
                        "end": q.speaker_end,
                        "name": q.speaker_name,
                        "code": q.speaker_code,
                    }
                    if q.speaker_text or q.speaker_name
                    else None
                ),
            }
            for q in result.quotes
        ],
        "events": [event_json(e) for e in result.events if e.main or all_events],
        "background_events": [] if all_events else [event_json(e) for e in result.events if not e.main],
        "actors": [record_dict(x) for x in result.actors],
        "dateline": record_dict(result.dateline) if result.dateline else None,
        "tone": result.tone,
        "story_id": result.story_id,
        "repairs": list(result.repairs),
        "status": "coded",
    }


@dataclass(slots=True)
class RunSummary:
    """Counts a run reports: read = coded + skipped + failed (+ duplicates already stored)."""

    read: int = 0
    coded: int = 0
    skipped: int = 0
    failed: int = 0
    already_stored: int = 0
    events: int = 0
    words: int = 0
    seconds: float = 0.0
    encodings_guessed: dict[str, int] = field(default_factory=dict)
    rejections: list[Rejection] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return self.failed == 0
