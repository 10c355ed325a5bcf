"""Reading the actor knowledge base from files: the bundled TSV tables, then user files.

Files are read in order (bundled ``data/`` first, then the files or directories listed in
``NEWSEVENTS_ACTORS``, then the ``extra_paths`` the caller gives). Each file goes to its loader: a
bundled table name (``.tsv`` or ``.csv``), another ``.csv`` (phrase/code columns) or a
PETRARCH-style ``.txt`` dictionary (:mod:`newsevents.resources.actors.petrarch`). The index is
built once per process per set of paths (:func:`load_kb`).
"""

from __future__ import annotations

import csv
import os
from pathlib import Path
from typing import Iterable

from newsevents.resources.actors.kb import (
    ADJ, CAPITAL, COUNTRY, DATA_DIR, FILES, IGO, KB, PERSON, SEAT, SECTOR, TITLE, ActorEntry, case_class, compact, plural_of,
)
from newsevents.resources.actors.petrarch import load_csv, load_petrarch, looks_like_petrarch


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



def _load_countries(kb: KB, path: Path, src: str) -> None:
    for row in _rows(path):
        iso = row["iso3"]
        name = row["name"]
        if not iso or not name:
            continue
        kb.countries[iso] = name
        for alias in [name] + _split(row.get("other_names")):
            kb.add(alias, ActorEntry(COUNTRY, case_class(alias, COUNTRY), iso=iso, name=name, source=src))
        for alias in _split(row.get("adjectives")):
            kb.add(alias, ActorEntry(ADJ, case_class(alias, ADJ), iso=iso, name=name, source=src))
        for alias in _split(row.get("capitals")):
            alias, _, sector = alias.partition("=")
            kb.add(alias, ActorEntry(CAPITAL, case_class(alias, CAPITAL), iso=iso, name=name,
                                sector=sector or "GOV", source=src))
        for alias in _split(row.get("seats")):
            alias, _, sector = alias.partition("=")
            kb.add(alias, ActorEntry(SEAT, case_class(alias, SEAT), iso=iso, name=name,
                                sector=sector or "GOV", source=src))


def _load_sectors(kb: KB, path: Path, src: str) -> None:
    for row in _rows(path):
        phrase, sector = row["phrase"], row["sector"]
        if not phrase or not sector:
            continue
        e = ActorEntry(SECTOR, case_class(phrase, SECTOR), sector=sector, role=row.get("role", ""),
                  weak=row.get("weak", "").lower() in ("y", "yes", "1", "true"), name=phrase, source=src)
        kb.add(phrase, e)
        plural = plural_of(phrase)
        if plural and compact(plural) not in kb.phrases:
            kb.add(plural, e)


def _load_titles(kb: KB, path: Path, src: str) -> None:
    for row in _rows(path):
        title = row["title"]
        if title:
            kb.add(title, ActorEntry(TITLE, "title" if not title.isupper() else "upper",
                                sector=row.get("sector", ""), name=title, source=src))


def _load_igos(kb: KB, path: Path, src: str) -> None:
    for row in _rows(path):
        code, name = row["code"], row["name"]
        if not code or not name:
            continue
        kb.igo_names.setdefault(code, name)
        for alias in [name] + _split(row.get("aliases")):
            kb.add(alias, ActorEntry(IGO, case_class(alias, IGO), iso=row.get("country", ""),
                                sector=row.get("sector", ""), name=name, code=code,
                                start=row.get("from", ""), end=row.get("until", ""), source=src))


def _load_people(kb: KB, path: Path, src: str) -> None:
    for row in _rows(path):
        name = row["name"]
        if not name:
            continue
        e = ActorEntry(PERSON, "title", iso=row.get("country", ""), sector=row.get("sector", "") or "GOV",
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
            kb.add(alias, ActorEntry(PERSON, case_class(alias, PERSON), iso=e.iso, sector=e.sector, name=name,
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

    The pipeline passes the user's files as the actor stage's setting
    (``Pipeline(config={"actors": {"extra_paths": [...]}})``); the CLI takes them from
    ``--actors-file`` or the ``NEWSEVENTS_ACTORS`` environment variable.
    """
    from newsevents.errors import ConfigError

    files = _expand([DATA_DIR]) + _expand(extra_paths)
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

