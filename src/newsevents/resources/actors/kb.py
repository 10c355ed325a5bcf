"""The actor knowledge base: TSV files -> dictionaries keyed by a compact form of each phrase.

A phrase's *key* is its text with accents folded, lower-cased, and everything but letters and
digits removed: ``U.S.`` / ``US`` -> ``us``; ``al-Qaeda`` / ``al Qaeda`` -> ``alqaeda``. The resolver
builds the same key from consecutive spaCy tokens, so tokenisation differences do not matter. Case
is checked separately (:func:`case_ok`): acronyms must be upper case in the text, proper names must
start with a capital, common nouns (sector words) match in any case.

A later entry with the same phrase overrides an earlier one of the same category
(:meth:`KB.add`), so users can correct or extend the bundled data without editing it. Reading the
files into a :class:`KB` is :func:`newsevents.resources.actors.load.load_kb`.
"""

from __future__ import annotations

import functools
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path

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


def case_class(alias: str, category: str) -> str:
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
class ActorEntry:
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

    phrases: dict[str, list[ActorEntry]] = field(default_factory=dict)
    prefixes: set[str] = field(default_factory=set)
    countries: dict[str, str] = field(default_factory=dict)  # ISO-3 -> common name
    offices: dict[tuple[str, str], list[ActorEntry]] = field(default_factory=dict)  # (ISO|org, role)
    people: dict[str, list[ActorEntry]] = field(default_factory=dict)  # canonical name -> rows
    igo_names: dict[str, str] = field(default_factory=dict)  # code -> canonical name
    sources: list[str] = field(default_factory=list)
    # stems from user dictionaries (PETRARCH names without a trailing "_"): key -> entries, and the
    # keys of the words before each stem's last word ("" for one-word stems)
    stems: dict[str, list[ActorEntry]] = field(default_factory=dict)
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

    def add_stem(self, phrase: str, entry: ActorEntry) -> None:
        words = phrase.split()
        key = compact(phrase)
        if not key or not words:
            return
        bucket = self.stems.setdefault(key, [])
        if entry not in bucket:
            bucket.append(entry)
        head = compact(" ".join(words[:-1]))
        self.stem_heads.add(head)
        for i in range(1, len(head) + 1):
            self.prefixes.add(head[:i])

    def add(self, alias: str, entry: ActorEntry) -> None:
        key = compact(alias)
        if not key:
            return
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

    def lookup_key(self, key: str) -> list[ActorEntry]:
        return self.phrases.get(key, [])

    def office_holders(self, who: str, role: str, date: str | None) -> list[ActorEntry]:
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



def plural_of(word: str) -> str | None:
    if " " in word or not word.isalpha() or word.endswith("s") or word.isupper():
        return None
    if word.endswith("y") and word[-2:-1] not in "aeiou":
        return word[:-1] + "ies"
    if word.endswith(("ch", "sh", "x")):
        return word + "es"
    if word.endswith("man"):
        return word[:-3] + "men"
    return word + "s"
