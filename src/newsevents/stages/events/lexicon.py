"""The event lexicon (verb patterns and nominal triggers), indexed for the coder.

The data files live in ``stages/events/data/`` (see its README.md). They are read once per process and
indexed by lemma; :func:`load_lexicon` returns the cached default lexicon, or a fresh one when
``extra_paths`` add entries. The entries are defined in :mod:`newsevents.stages.events.entries`, the
CAMEO table in :mod:`newsevents.stages.events.cameo`.

Importing other dictionaries
----------------------------
``extra_paths`` accepts our own TSV format (``verbs.tsv``/``nouns.tsv`` headers) out of the box.
Other formats plug in through :data:`IMPORTERS`: a mapping from a file suffix (e.g. ``".verbs"``
for a PETRARCH verb dictionary) to a function ``path -> iterable of VerbEntry | NounEntry``.
PETRARCH verb dictionaries (``.txt``, both the original and the 2.0 layout) are read by
:mod:`newsevents.stages.events.petrarch`. The pipeline passes a user's files as the events stage's
setting (``Pipeline(config={"events": {"extra_lexicon": [...]}})``); the CLI takes them from
``--verbs-file`` or the ``NEWSEVENTS_VERBS`` environment variable.
Imported entries for a verb are tried before the bundled entries for the same verb (a user's own
dictionary decides); bundled entries still serve as the fallback.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Iterable

from newsevents.errors import ConfigError
from newsevents.stages.events.cameo import DATA, cameo_table, tsv_rows
from newsevents.stages.events.entries import PATTERN_KINDS, NounEntry, VerbEntry
from newsevents.stages.events.petrarch import read_petrarch_verbs  # PETRARCH / TABARI verb dictionaries


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


def read_verbs(path: Path) -> Iterable[VerbEntry]:
    for r in tsv_rows(path):
        pattern = r["pattern"]
        if not (pattern in PATTERN_KINDS or pattern.startswith("prep:")):
            raise ConfigError(f"{path.name}: unknown pattern {pattern!r} for {r['lemma']!r}")
        objects = tuple(tuple(o.lower().split()) for o in r.get("object", "").split("|") if o.strip())
        yield VerbEntry(
            lemma=r["lemma"].lower(), particle=r.get("particle", "").lower(), objects=objects,
            pattern=pattern, code=r["code"], comment=r.get("comment", ""), origin=path.name,
        )


def read_nouns(path: Path) -> Iterable[NounEntry]:
    for r in tsv_rows(path):
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


#: file suffix -> reader returning lexicon entries (the hook for PETRARCH dictionaries, etc.)
IMPORTERS: dict[str, Callable[[Path], Iterable[VerbEntry | NounEntry]]] = {".tsv": _read_tsv, ".txt": read_petrarch_verbs}
_BUNDLED = {"verbs.tsv", "nouns.tsv", "statements.tsv"}

_DEFAULT: Lexicon | None = None
_EXTRA_CACHE: dict[tuple[str, ...], Lexicon] = {}


def load_lexicon(extra_paths: Iterable[str | Path] = ()) -> Lexicon:
    """The event lexicon (cached per process); ``extra_paths`` add entries to a fresh copy."""
    global _DEFAULT
    extra = [Path(p) for p in extra_paths]
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
