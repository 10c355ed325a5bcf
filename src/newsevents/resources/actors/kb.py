"""The actor knowledge base: TSV files -> dictionaries keyed by a compact form of each phrase.

A phrase's *key* is its text with accents folded, lower-cased, and everything but letters and
digits removed: ``U.S.`` / ``US`` -> ``us``; ``al-Qaeda`` / ``al Qaeda`` -> ``alqaeda``. The resolver
builds the same key from consecutive spaCy tokens, so tokenisation differences do not matter. Case
is checked separately (:func:`case_ok`): acronyms must be upper case in the text, proper names must
start with a capital, common nouns (sector words) match in any case.

Files are read in order (bundled ``data/`` first, then the ``extra_paths`` the caller gives:
files, or directories holding files with the bundled names). A later entry with the same phrase
overrides an earlier one of the same category, so users can correct or extend the bundled data
without editing it. The index is built once per process per set of paths (:func:`load_kb`).
"""

from __future__ import annotations

import csv
import os
import functools
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterable

DATA_DIR = Path(__file__).resolve().parent / "data"
FILES = ("countries.tsv", "sectors.tsv", "titles.tsv", "igos.tsv", "people.tsv")

# categories of an entry
COUNTRY, ADJ, CAPITAL, SEAT, SECTOR, TITLE, IGO, PERSON = (
    "country", "adj", "capital", "seat", "sector", "title", "igo", "person")

_FOLD = {ord("ı"): "i", ord("ł"): "l", ord("ø"): "o", ord("đ"): "d", ord("ß"): "ss", ord("æ"): "ae"}
_ASCII_NON_ALNUM = {c: None for c in range(128) if not chr(c).isalnum()}  # for str.translate: deleted


@functools.lru_cache(maxsize=65536)
def compact(text: str) -> str:
    """The matching key of a phrase: accent-folded, lower-case, letters and digits only."""
    if text.isascii():
        low = text.lower()
        return low if low.isalnum() else low.translate(_ASCII_NON_ALNUM)
    t = unicodedata.normalize("NFKD", text.translate(_FOLD))
    return "".join(ch for ch in t.lower() if ch.isalnum() and ch.isascii())


def _case_class(alias: str, category: str) -> str:
    letters = [c for c in alias if c.isalpha()]
    if letters and all(c.isupper() for c in letters) and len(letters) <= 7:
        return "upper"  # acronym: must be upper case in the text (US vs us, WHO vs who)
    if category in (SECTOR,):
        return "any"
    if letters and letters[0].islower():
        return "any"  # "al-Qaeda", "bin Laden", "world body": case-insensitive
    return "title"  # proper name: first letter upper case in the text


def case_ok(case: str, text: str) -> bool:
    if case == "any":
        return True
    letters = [c for c in text if c.isalpha()]
    if not letters:
        return False
    if case == "upper":
        return all(c.isupper() for c in letters)
    return letters[0].isupper()


@dataclass(frozen=True, slots=True)
class Entry:
    """One phrase's meaning. Fields unused by a category stay empty."""

    category: str
    case: str = "any"
    iso: str = ""  # ISO-3 country
    sector: str = ""  # CAMEO-style sector / agent code
    name: str = ""  # canonical name
    code: str = ""  # full actor code when fixed (IGOs, groups, seats)
    role: str = ""  # office noun ("president"), for sector words and people
    weak: bool = False  # a generic head ("officials", "leader"): a modifier's sector wins
    start: str = ""  # ISO date, inclusive
    end: str = ""  # ISO date, exclusive; "" = open
    leader: bool = False  # the office holder the press calls "the <country> leader"
    org: str = ""  # an IGO/group code the person's office belongs to
    source: str = ""  # file it came from

    def active(self, date: str | None) -> bool:
        if not date:
            return True
        return (not self.start or self.start <= date) and (not self.end or date < self.end)


@dataclass
class KB:
    """Indices over the knowledge base. ``phrases[key]`` lists the entries a phrase can mean."""

    phrases: dict[str, list[Entry]] = field(default_factory=dict)
    prefixes: set[str] = field(default_factory=set)
    countries: dict[str, str] = field(default_factory=dict)  # ISO-3 -> common name
    offices: dict[tuple[str, str], list[Entry]] = field(default_factory=dict)  # (ISO|org, role)
    people: dict[str, list[Entry]] = field(default_factory=dict)  # canonical name -> rows
    igo_names: dict[str, str] = field(default_factory=dict)  # code -> canonical name
    sources: list[str] = field(default_factory=list)
    # stems from user dictionaries (PETRARCH names without a trailing "_"): key -> entries, and the
    # keys of the words before each stem's last word ("" for one-word stems)
    stems: dict[str, list[Entry]] = field(default_factory=dict)
    stem_heads: set[str] = field(default_factory=set)
    imported: dict[str, dict] = field(default_factory=dict)  # user dictionary file -> counts

    def name_words(self) -> set[str]:
        """Names of countries, capitals, people, organisations and seats (canonical and one-word aliases)."""
        keep = ("country", "person", "igo", "capital", "adj", "seat")
        out = {e.name for entries in self.phrases.values() for e in entries if e.category in keep and e.name}
        # one-word aliases (capitals, short names) are their own keys
        out.update(k for k, entries in self.phrases.items()
                   if k.isalpha() and any(e.category in keep for e in entries))
        return out

    def add_stem(self, phrase: str, entry: Entry) -> None:
        words = phrase.split()
        key = compact(phrase)
        if not key or not words:
            return
        bucket = self.stems.setdefault(key, [])
        if entry not in bucket:
            bucket.append(entry)
        self.stem_heads.add(compact(" ".join(words[:-1])))
        head = compact(" ".join(words[:-1]))
        for i in range(1, len(head) + 1):
            self.prefixes.add(head[:i])

    def add(self, alias: str, entry: Entry) -> None:
        key = compact(alias)
        if not key:
            return
        if entry.case == "any" and entry.category != SECTOR:
            pass
        bucket = self.phrases.setdefault(key, [])
        # a later file overrides an earlier entry of the same category and case, except for
        # dated rows (people, dated groups), which accumulate
        if not (entry.start or entry.end or entry.category == PERSON):
            bucket[:] = [e for e in bucket
                         if not (e.category == entry.category and e.case == entry.case
                                 and e.source != entry.source)]
        if entry not in bucket:
            bucket.append(entry)
        for i in range(1, len(key) + 1):
            self.prefixes.add(key[:i])

    def lookup_key(self, key: str) -> list[Entry]:
        return self.phrases.get(key, [])

    def office_holders(self, who: str, role: str, date: str | None) -> list[Entry]:
        """People holding ``role`` for ``who`` (ISO-3 or org code) on ``date``.

        ``role == "leader"`` means the rows flagged as leader. Without a date: nothing.
        """
        if not date:
            return []
        rows = self.offices.get((who, role), [])
        return [r for r in rows if r.active(date)]

    def stats(self) -> dict[str, int]:
        return {
            "countries": len(self.countries),
            "people": len(self.people),
            "offices": sum(len(v) for v in self.offices.values()),
            "igos": len({e.name for v in self.phrases.values() for e in v if e.category == IGO}),
            "phrases": len(self.phrases),
        }


def _split(value: str | None) -> list[str]:
    return [v.strip() for v in (value or "").split("|") if v.strip()]


def _rows(path: Path) -> Iterable[dict[str, str]]:
    if path.suffix.lower() == ".csv":  # the same tables as comma-separated files (quoting allowed)
        fh = open(path, encoding="utf-8-sig", newline="")
        reader = csv.DictReader(fh)
    else:
        fh = open(path, encoding="utf-8", newline="")
        reader = csv.DictReader(fh, delimiter="\t", quoting=csv.QUOTE_NONE)
    with fh:
        for row in reader:
            yield {k: (v or "").strip() for k, v in row.items() if k}


def _plural(word: str) -> str | None:
    if " " in word or not word.isalpha() or word.endswith("s") or word.isupper():
        return None
    if word.endswith("y") and word[-2:-1] not in "aeiou":
        return word[:-1] + "ies"
    if word.endswith(("ch", "sh", "x")):
        return word + "es"
    if word.endswith("man"):
        return word[:-3] + "men"
    return word + "s"


def _load_countries(kb: KB, path: Path, src: str) -> None:
    for row in _rows(path):
        iso = row["iso3"]
        name = row["name"]
        if not iso or not name:
            continue
        kb.countries[iso] = name
        for alias in [name] + _split(row.get("other_names")):
            kb.add(alias, Entry(COUNTRY, _case_class(alias, COUNTRY), iso=iso, name=name, source=src))
        for alias in _split(row.get("adjectives")):
            kb.add(alias, Entry(ADJ, _case_class(alias, ADJ), iso=iso, name=name, source=src))
        for alias in _split(row.get("capitals")):
            alias, _, sector = alias.partition("=")
            kb.add(alias, Entry(CAPITAL, _case_class(alias, CAPITAL), iso=iso, name=name,
                                sector=sector or "GOV", source=src))
        for alias in _split(row.get("seats")):
            alias, _, sector = alias.partition("=")
            kb.add(alias, Entry(SEAT, _case_class(alias, SEAT), iso=iso, name=name,
                                sector=sector or "GOV", source=src))


def _load_sectors(kb: KB, path: Path, src: str) -> None:
    for row in _rows(path):
        phrase, sector = row["phrase"], row["sector"]
        if not phrase or not sector:
            continue
        e = Entry(SECTOR, _case_class(phrase, SECTOR), sector=sector, role=row.get("role", ""),
                  weak=row.get("weak", "").lower() in ("y", "yes", "1", "true"), name=phrase, source=src)
        kb.add(phrase, e)
        plural = _plural(phrase)
        if plural and compact(plural) not in kb.phrases:
            kb.add(plural, e)


def _load_titles(kb: KB, path: Path, src: str) -> None:
    for row in _rows(path):
        title = row["title"]
        if title:
            kb.add(title, Entry(TITLE, "title" if not title.isupper() else "upper",
                                sector=row.get("sector", ""), name=title, source=src))


def _load_igos(kb: KB, path: Path, src: str) -> None:
    for row in _rows(path):
        code, name = row["code"], row["name"]
        if not code or not name:
            continue
        kb.igo_names.setdefault(code, name)
        for alias in [name] + _split(row.get("aliases")):
            kb.add(alias, Entry(IGO, _case_class(alias, IGO), iso=row.get("country", ""),
                                sector=row.get("sector", ""), name=name, code=code,
                                start=row.get("from", ""), end=row.get("until", ""), source=src))


def _load_people(kb: KB, path: Path, src: str) -> None:
    for row in _rows(path):
        name = row["name"]
        if not name:
            continue
        e = Entry(PERSON, "title", iso=row.get("country", ""), sector=row.get("sector", "") or "GOV",
                  name=name, role=row.get("role", ""), start=row.get("start", ""), end=row.get("end", ""),
                  leader=row.get("leader", "").lower() in ("y", "yes", "1", "true"),
                  org=row.get("org", ""), source=src)
        rows = kb.people.setdefault(name, [])
        rows.append(e)
        who = e.org or e.iso
        if e.role:
            kb.offices.setdefault((who, e.role), []).append(e)
        if e.leader:
            kb.offices.setdefault((who, "leader"), []).append(e)
        for alias in [name] + _split(row.get("aliases")):
            kb.add(alias, Entry(PERSON, _case_class(alias, PERSON), iso=e.iso, sector=e.sector, name=name,
                                role=e.role, start=e.start, end=e.end, leader=e.leader, org=e.org,
                                source=src))


_LOADERS = {
    "countries.tsv": _load_countries,
    "sectors.tsv": _load_sectors,
    "titles.tsv": _load_titles,
    "igos.tsv": _load_igos,
    "people.tsv": _load_people,
}

_CACHE: dict[tuple[str, ...], KB] = {}


def _expand(paths: Iterable[str | os.PathLike]) -> list[Path]:
    """Files to read: files as given; from a directory, the bundled names first (``.tsv`` or
    ``.csv``), then any other ``.csv`` and any PETRARCH-style ``.txt`` file, in name order."""
    from newsevents.resources.actors.petrarch import looks_like_petrarch

    out: list[Path] = []
    for p in paths:
        p = Path(p)
        if p.is_dir():
            named = []
            for f in FILES:
                for cand in (p / f, p / (f[:-4] + ".csv")):
                    if cand.is_file():
                        named.append(cand)
            out.extend(named)
            for f in sorted(p.iterdir()):
                if f in named or not f.is_file():
                    continue
                if f.suffix.lower() == ".csv" or (f.suffix.lower() == ".txt" and looks_like_petrarch(f)):
                    out.append(f)
        else:
            out.append(p)
    return out


def _loader_for(f: Path):
    """The loader of one file: bundled table names (``.tsv`` or ``.csv``), other ``.csv`` files
    (phrase/code columns) and PETRARCH ``.txt`` dictionaries (detected by content)."""
    from newsevents.errors import ConfigError
    from newsevents.resources.actors.petrarch import load_csv, load_petrarch, looks_like_petrarch

    loader = _LOADERS.get(f.name) or (_LOADERS.get(f.stem + ".tsv") if f.suffix.lower() == ".csv" else None)
    if loader is not None:
        return loader
    if f.suffix.lower() == ".csv":
        return load_csv
    if f.is_file() and looks_like_petrarch(f):
        return load_petrarch
    raise ConfigError(f"actor data file {f} is not a known table ({', '.join(FILES)}, or .csv), a CSV with "
                      f"phrase/code columns, or a PETRARCH dictionary (NAME [CODE] lines)")


def load_kb(extra_paths: Iterable[str | os.PathLike] = ()) -> KB:
    """The knowledge base: the bundled files, then ``extra_paths`` (files named like the bundled
    ones, e.g. ``my/people.tsv``, or directories holding such files). Cached per set of paths.

    User dictionaries: CSV files and PETRARCH/Phoenix ``.txt`` actor and agent files (see
    :mod:`newsevents.resources.actors.petrarch`).

    Also read: files or directories listed in the ``NEWSEVENTS_ACTORS`` environment variable (``os.pathsep``
    separated), after the bundled data and before ``extra_paths``.
    """
    from newsevents.errors import ConfigError

    env = [p for p in os.environ.get("NEWSEVENTS_ACTORS", "").split(os.pathsep) if p]
    files = _expand([DATA_DIR]) + _expand(env) + _expand(extra_paths)
    key = tuple(str(f) for f in files)
    kb = _CACHE.get(key)
    if kb is not None:
        return kb
    kb = KB()
    for f in files:
        if not f.is_file():
            raise ConfigError(f"actor data file {f} does not exist")
        loader = _loader_for(f)
        try:
            loader(kb, f, str(f))
        except KeyError as exc:
            raise ConfigError(f"actor data file {f} lacks column {exc}") from exc
        kb.sources.append(str(f))
    for rows in kb.offices.values():
        rows.sort(key=lambda e: e.start)
    _CACHE[key] = kb
    return kb
