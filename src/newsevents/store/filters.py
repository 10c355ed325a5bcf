"""The one event filter: what ``newsevents events``, ``newsevents export`` and every view and API
route of the explorer select events by. Each builds an :class:`EventFilter` and asks it for the
SQL ``WHERE`` clause, so the terminal and the browser always return the same rows for the same
filter (``tests/store/test_one_filter.py`` checks it).
"""

from __future__ import annotations

import dataclasses
import re
import string
from typing import Any, Callable

from newsevents.errors import ConfigError
from newsevents.store.rows import period
from newsevents.store.schema import QUAD_CLASS_NAMES

CAMEO_PREFIX = re.compile(r"\d{1,4}")
DYAD_SEPARATOR = re.compile(r"\s*(?:->|>|,)\s*")

#: The keywords :meth:`EventFilter.from_options` takes (``type`` besides the fields).
OPTION_NAMES = ("actor", "country", "dyad", "both", "type", "cameo", "plover", "quad", "since", "until",
                "place", "q", "article", "main")

#: ``countries(side, value)``: the ``{side}_country`` values of the rows a dyad side matches.
SideCountries = Callable[[str, str], "set[str | None]"]


def clean(value: Any) -> Any:
    """A string stripped, ``None`` when that leaves nothing (HTML forms send empty fields)."""
    if not isinstance(value, str):
        return value
    value = value.strip()
    return value or None


def literal_regex(text: str) -> str:
    """``text`` as an RE2 pattern that matches exactly it (ASCII punctuation escaped)."""
    return "".join("\\" + ch if ch in string.punctuation else ch for ch in text)


def and_where(where: str, cond: str) -> str:
    """``where`` (``""`` or ``" WHERE ..."``) with ``cond`` added."""
    return f"{where} AND {cond}" if where else f" WHERE {cond}"


@dataclasses.dataclass(frozen=True, slots=True)
class EventFilter:
    """Which events to select; every field is optional and they combine with AND. Strings are
    stripped and empty ones mean "no filter" (HTML forms send them).

    * ``actor`` -- case-insensitive substring of either side's name, code or text;
    * ``country`` -- ISO-3 country of either side (any case);
    * ``dyad`` -- ``SOURCE,TARGET`` (also ``SOURCE>TARGET``, ``SOURCE->TARGET``), each side a
      country or an actor-code prefix in any case (``RUS``, ``rusgov``, ``IGOUNO``); one side may be
      empty (``RUS,``: anything Russia did). Directed (source then target) unless ``both``;
    * ``cameo`` -- CAMEO code prefix of 1-4 digits (``04``: the root, ``042``; ``1``: roots 10-19);
    * ``plover`` -- PLOVER event type, matched case-insensitively (``consult`` finds ``CONSULT``
      and a ``Consult`` loaded from elsewhere);
    * ``quad`` -- QuadClass 1..4;
    * ``since``/``until`` -- ISO date, month or year (``2017-11-02``, ``2017-11``, ``2017``); an
      event dated only to a month or year matches when its period overlaps the range;
    * ``place`` -- substring of the place name, or its ISO-3 country;
    * ``q`` -- case-insensitive substring of the evidence sentence;
    * ``article`` -- one article's events (its content hash);
    * ``main`` -- True: only each article's main events (its news), not those told in passing
      (``main`` False). An event whose salience is unknown (``main`` NULL, as in rows loaded from
      elsewhere) counts as main, as the column's default and ``Store.summary()``'s ``main_events``
      do. False (the default, in the CLI and the API alike): every event.

    Two copies of this filter once disagreed; both now follow the rules above. The explorer
    matched only stored upper-case PLOVER types (``plover=consult`` missed a ``Consult``) and left
    out events of unknown salience under ``main``; the CLI took CAMEO prefixes of any length and
    the explorer only 2-4 digits. :meth:`from_options` also takes the CLI's ``type`` (digits: a
    CAMEO prefix, else a PLOVER type).
    """

    actor: str | None = None
    country: str | None = None
    dyad: str | None = None
    both: bool = False
    cameo: str | None = None
    plover: str | None = None
    quad: int | None = None
    since: str | None = None
    until: str | None = None
    place: str | None = None
    q: str | None = None
    article: str | None = None
    main: bool = False

    def __post_init__(self) -> None:
        for f in dataclasses.fields(self):
            object.__setattr__(self, f.name, clean(getattr(self, f.name)))
        object.__setattr__(self, "both", bool(self.both))
        object.__setattr__(self, "main", bool(self.main))
        if self.quad is not None:
            object.__setattr__(self, "quad", int(self.quad))

    @classmethod
    def from_options(cls, **options: Any) -> EventFilter:
        """The filter from keyword options, as ``Store.events`` and ``export`` take them: the
        fields above, plus ``type`` -- digits: a CAMEO prefix (``cameo``), otherwise a PLOVER type
        (``plover``). Unknown keywords are a :class:`ConfigError`."""
        unknown = set(options) - set(OPTION_NAMES)
        if unknown:
            raise ConfigError(f"unknown event filter(s) {sorted(unknown)}; known: {', '.join(OPTION_NAMES)}, "
                              f"limit, offset")
        kind = clean(options.pop("type", None))
        if kind is not None:
            key = "cameo" if str(kind).isdigit() else "plover"
            if clean(options.get(key)) is not None:
                raise ConfigError(f"give the {key} either as type or as {key}, not both")
            options[key] = str(kind)
        return cls(**options)

    def params(self) -> dict[str, str]:
        """The filter as URL query parameters (only those set)."""
        out: dict[str, str] = {}
        for f in dataclasses.fields(self):
            value = getattr(self, f.name)
            if value in (None, False):
                continue
            out[f.name] = "1" if value is True else str(value)
        return out

    def dyad_sides(self) -> tuple[str, str] | None:
        """``(SOURCE, TARGET)`` in upper case ("" for an empty side), None without a dyad."""
        if not self.dyad:
            return None
        parts = [p.strip().upper() for p in DYAD_SEPARATOR.split(self.dyad)]
        if len(parts) != 2 or not any(parts):
            raise ConfigError(f"dyad {self.dyad!r}: give SOURCE,TARGET country or actor codes, e.g. RUS,IRN "
                              f"(one side may be empty: RUS, for anything Russia did)")
        return parts[0], parts[1]

    def where(self, countries: SideCountries | None = None) -> tuple[str, list[Any]]:
        """``(" WHERE ...", params)`` over ``events e`` (``""`` when no filter is set). Every value
        is a parameter; the SQL text holds only column names.

        ``countries(side, value)``, when given, is the set of ``{side}_country`` values (None for
        NULL) of the rows whose ``side`` matches the dyad value (``{side}_country = value`` or
        ``{side}_code`` starting with it). Each dyad side then also gets the condition
        ``{side}_country IN (those)``: it selects no other rows (every matching row has one of those
        countries), and DuckDB checks it against each row group's min/max country, so a store
        laid out by dyad (:meth:`newsevents.store.Store.optimize`) reads only that dyad's rows."""
        where: list[str] = []
        params: list[Any] = []
        if self.actor:
            cols = [f'e."{side}_{c}"' for side in ("source", "target") for c in ("name", "code", "text")]
            where.append("(" + " OR ".join(f"contains(lower({c}), ?)" for c in cols) + ")")
            params.extend([self.actor.lower()] * len(cols))
        if self.country:
            where.append('(e."source_country" = ? OR e."target_country" = ?)')
            params.extend([self.country.upper()] * 2)
        sides = self.dyad_sides()
        if sides:
            where.append(self._dyad_sql(sides, params, countries))
        if self.cameo:
            if not CAMEO_PREFIX.fullmatch(self.cameo):
                raise ConfigError(f"cameo {self.cameo!r}: give a CAMEO code prefix of 1-4 digits, e.g. 04 or 042")
            where.append('starts_with(e."cameo", ?)')
            params.append(self.cameo)
        if self.plover:
            where.append('upper(e."plover") = ?')
            params.append(self.plover.upper())
        if self.quad is not None:
            if self.quad not in QUAD_CLASS_NAMES:
                raise ConfigError(f"quad {self.quad}: give a QuadClass 1-4")
            where.append('e."quad_class" = ?')
            params.append(self.quad)
        for name, value in (("since", self.since), ("until", self.until)):
            if not value:
                continue
            span = period(value)
            if span is None:
                raise ConfigError(f"{name} {value!r}: give an ISO date (YYYY-MM-DD, YYYY-MM or YYYY)")
            if name == "since":
                where.append('e."date_end" >= ?')
                params.append(span[0])
            else:
                where.append('e."date_start" <= ?')
                params.append(span[1])
        if self.place:
            where.append('(contains(lower(e."place_name"), ?) OR e."place_country" = ?)')
            params.extend([self.place.lower(), self.place.upper()])
        if self.q:
            # a case-insensitive RE2 match of the literal text (faster than lower() on every row)
            where.append('regexp_matches(e."evidence_text", ?)')
            params.append("(?i)" + literal_regex(self.q))
        if self.article:
            where.append('e."article_id" = ?')
            params.append(self.article)
        if self.main:
            where.append('coalesce(e."main", TRUE)')
        return (" WHERE " + " AND ".join(where) if where else ""), params

    def _dyad_sql(self, sides: tuple[str, str], params: list[Any], countries: SideCountries | None) -> str:
        def side_match(side: str, value: str) -> str:
            cond = f'(e."{side}_country" = ? OR starts_with(e."{side}_code", ?))'
            if countries is None:
                params.extend([value, value])
                return cond
            found = countries(side, value)
            known = sorted(c for c in found if c is not None)
            alts = []
            if known:
                alts.append(f'e."{side}_country" IN ({", ".join("?" for _ in known)})')
                params.extend(known)
            if None in found:
                alts.append(f'e."{side}_country" IS NULL')
            params.extend([value, value])
            return f'(({" OR ".join(alts) or "FALSE"}) AND {cond})'

        def directed(src: str, tgt: str) -> str:
            conds = []
            if src:
                conds.append(side_match("source", src))
            if tgt:
                conds.append(side_match("target", tgt))
            return "(" + " AND ".join(conds) + ")"

        first = directed(*sides)
        if not self.both:
            return first
        return f"({first} OR {directed(sides[1], sides[0])})"
