"""CAMEO/PLOVER tables and the event lexicon (verb patterns and nominal triggers).

The data files live in ``stages/events/data/`` (see its README.md). They are read once per process and
indexed by lemma; :func:`load_lexicon` returns the cached default lexicon, or a fresh one when
``extra_paths`` add entries.

Importing other dictionaries
----------------------------
``extra_paths`` accepts our own TSV format (``verbs.tsv``/``nouns.tsv`` headers) out of the box.
Other formats plug in through :data:`IMPORTERS`: a mapping from a file suffix (e.g. ``".verbs"``
for a PETRARCH verb dictionary) to a function ``path -> iterable of VerbEntry | NounEntry``.
PETRARCH verb dictionaries (``.txt``, both the original and the 2.0 layout) are read by
:mod:`newsevents.stages.events.petrarch`. Files listed in the ``NEWSEVENTS_VERBS`` environment variable
(``os.pathsep`` separated) are loaded after the bundled tables and before ``extra_paths``.
Imported entries for a verb are tried before the bundled entries for the same verb (a user's own
dictionary decides); bundled entries still serve as the fallback.
"""

from __future__ import annotations

import csv
import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Iterable

from newsevents.errors import ConfigError

DATA = Path(__file__).resolve().parent / "data"

PATTERN_KINDS = ("dobj", "dobj:actor", "intransitive", "any", "xcomp", "modal", "ccomp", "passive")  # plus prep:P[,P...]


@dataclass(frozen=True, slots=True)
class VerbEntry:
    """One verb pattern: ``lemma [particle] [object noun]`` + how the target is found -> CAMEO code."""

    lemma: str
    particle: str  # "" or a verb particle ("down" in "crack down")
    objects: tuple[tuple[str, ...], ...]  # light-verb object nouns, each as words ("air", "strike")
    pattern: str  # dobj | intransitive | xcomp | modal | ccomp | passive | prep:on,against
    code: str
    comment: str = ""
    origin: str = "verbs.tsv"
    reverse_code: str = ""  # also code this back from target to source (PETRARCH "[040:040]")

    @property
    def preps(self) -> tuple[str, ...]:
        if self.pattern.startswith("prep:"):
            return tuple(p.strip() for p in self.pattern[5:].split(",") if p.strip())
        return ()

    @property
    def kind(self) -> str:
        if self.pattern == "dobj:actor":
            return "dobj"
        return "prep" if self.pattern.startswith("prep:") else self.pattern

    @property
    def needs_target(self) -> bool:
        """``dobj:actor``: the entry fires only when the object is an actor ("received the envoy")."""
        return self.pattern == "dobj:actor"


@dataclass(frozen=True, slots=True)
class NounEntry:
    """A nominal trigger: ``words`` (head last) -> code; target from ``preps``; possessor role."""

    words: tuple[str, ...]
    preps: tuple[str, ...]
    possessor: str  # "source" | "target"
    code: str
    comment: str = ""
    origin: str = "nouns.tsv"


@dataclass
class Lexicon:
    cameo: dict[str, dict]
    verbs: dict[str, list[VerbEntry]] = field(default_factory=dict)
    nouns: dict[str, list[NounEntry]] = field(default_factory=dict)  # keyed by head word (last word)

    def add(self, entry: VerbEntry | NounEntry, *, first: bool = False) -> None:
        """Add an entry; ``first`` puts a verb entry before the bundled ones for its lemma (but after
        entries added ``first`` earlier, so a file keeps its own order)."""
        for code in (entry.code, getattr(entry, "reverse_code", "")):
            if code and code not in self.cameo:
                raise ConfigError(f"{entry.origin}: unknown CAMEO code {code!r}")
        if isinstance(entry, VerbEntry):
            lst = self.verbs.setdefault(entry.lemma, [])
            if first:
                n = sum(1 for e in lst if e.origin not in _BUNDLED)
                lst.insert(n, entry)
            else:
                lst.append(entry)
        else:
            head = entry.words[entry.words.index("of") - 1] if "of" in entry.words else entry.words[-1]
            lst = self.nouns.setdefault(head, [])
            lst.append(entry)
            lst.sort(key=lambda e: -len(e.words))  # longest (most specific) first

    def words(self) -> frozenset[str]:
        """Every ordinary (lower-case) word the lexicon triggers on: verb lemmas, light-verb objects and
        noun words. Used to tell a headline's Title Case common words from its names."""
        out: set[str] = set()
        for lemma, entries in self.verbs.items():
            out.add(lemma)
            for e in entries:
                for obj in e.objects:
                    out.update(obj)
        for entries in self.nouns.values():
            for e in entries:
                out.update(e.words)
        return frozenset(w for w in out if w.isalpha() and w.islower())

    @property
    def n_verbs(self) -> int:
        return sum(len(v) for v in self.verbs.values())

    @property
    def n_nouns(self) -> int:
        return sum(len(v) for v in self.nouns.values())


def _rows(path: Path) -> Iterable[dict[str, str]]:
    with open(path, encoding="utf-8", newline="") as fh:
        for row in csv.DictReader(fh, delimiter="\t", quoting=csv.QUOTE_NONE):
            yield {k: (v or "").strip() for k, v in row.items() if k is not None}


def read_cameo(path: Path = DATA / "cameo.tsv") -> dict[str, dict]:
    """The CAMEO table: code -> {code, name, root, quad_class, goldstein, plover, plover_mode}."""
    table: dict[str, dict] = {}
    for r in _rows(path):
        table[r["code"]] = {
            "code": r["code"],
            "name": r["name"],
            "root": r["root"],
            "quad_class": int(r["quad_class"]),
            "goldstein": float(r["goldstein"]),
            "plover": r["plover"] or None,
            "plover_mode": r["plover_mode"] or None,
        }
    return table


def read_verbs(path: Path) -> Iterable[VerbEntry]:
    for r in _rows(path):
        pattern = r["pattern"]
        if not (pattern in PATTERN_KINDS or pattern.startswith("prep:")):
            raise ConfigError(f"{path.name}: unknown pattern {pattern!r} for {r['lemma']!r}")
        objects = tuple(tuple(o.lower().split()) for o in r.get("object", "").split("|") if o.strip())
        yield VerbEntry(
            lemma=r["lemma"].lower(), particle=r.get("particle", "").lower(), objects=objects,
            pattern=pattern, code=r["code"], comment=r.get("comment", ""), origin=path.name,
        )


def read_nouns(path: Path) -> Iterable[NounEntry]:
    for r in _rows(path):
        yield NounEntry(
            words=tuple(r["noun"].lower().split()),
            preps=tuple(p.strip() for p in r.get("target_prep", "").split(",") if p.strip()),
            possessor=r.get("possessor") or "source", code=r["code"], comment=r.get("comment", ""),
            origin=path.name,
        )


def _read_tsv(path: Path) -> Iterable[VerbEntry | NounEntry]:
    with open(path, encoding="utf-8") as fh:
        header = fh.readline().split("\t")
    if header and header[0].strip() == "lemma":
        return read_verbs(path)
    if header and header[0].strip() == "noun":
        return read_nouns(path)
    raise ConfigError(f"{path}: not a verbs (lemma...) or nouns (noun...) table")


def _read_txt(path: Path) -> Iterable[VerbEntry | NounEntry]:
    from newsevents.stages.events.petrarch import read_petrarch_verbs  # PETRARCH / TABARI verb dictionaries

    return read_petrarch_verbs(path)


#: file suffix -> reader returning lexicon entries (the hook for PETRARCH dictionaries, etc.)
IMPORTERS: dict[str, Callable[[Path], Iterable[VerbEntry | NounEntry]]] = {".tsv": _read_tsv, ".txt": _read_txt}
_BUNDLED = {"verbs.tsv", "nouns.tsv", "statements.tsv"}

_CAMEO: dict[str, dict] | None = None
_DEFAULT: Lexicon | None = None
_EXTRA_CACHE: dict[tuple[str, ...], Lexicon] = {}


def cameo_table() -> dict[str, dict]:
    global _CAMEO
    if _CAMEO is None:
        _CAMEO = read_cameo()
    return _CAMEO


def cameo_info(code: str) -> dict:
    """Facts about one CAMEO code: name, root, quad_class, goldstein, plover, plover_mode."""
    info = cameo_table().get(str(code))
    if info is None:
        raise KeyError(f"unknown CAMEO code {code!r}")
    return dict(info)


def load_lexicon(extra_paths: Iterable[str | Path] = ()) -> Lexicon:
    """The event lexicon (cached per process); ``extra_paths`` add entries to a fresh copy."""
    global _DEFAULT
    env = [Path(p) for p in os.environ.get("NEWSEVENTS_VERBS", "").split(os.pathsep) if p.strip()]
    extra = env + [Path(p) for p in extra_paths]
    if not extra and _DEFAULT is not None:
        return _DEFAULT
    key = tuple(f"{p}@{p.stat().st_mtime_ns if p.is_file() else 0}" for p in extra)
    if key in _EXTRA_CACHE:
        return _EXTRA_CACHE[key]
    lex = Lexicon(cameo=cameo_table())
    for e in read_verbs(DATA / "verbs.tsv"):
        lex.add(e)
    for e in read_nouns(DATA / "nouns.tsv"):
        lex.add(e)
    for p in extra:
        reader = IMPORTERS.get(p.suffix)
        if reader is None:
            raise ConfigError(f"no lexicon importer for {p.suffix!r} files ({p})")
        if not p.is_file():
            raise ConfigError(f"lexicon file not found: {p}")
        for e in reader(p):
            lex.add(e, first=p.name not in _BUNDLED)
    if not extra:
        _DEFAULT = lex
    else:
        _EXTRA_CACHE[key] = lex
    return lex
