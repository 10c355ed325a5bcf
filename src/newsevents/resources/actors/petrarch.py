"""User dictionaries: PETRARCH/TABARI/Phoenix ``.txt`` actor and agent files, and CSV files.

Nothing from any PETRARCH distribution ships with newsevents; users bring their own files and pass
them to :func:`newsevents.stages.actors.load_kb` (``extra_paths``) or list them in ``NEWSEVENTS_ACTORS``.

**Actor files** (``Phoenix.Countries.actors.txt`` and the like). One entry starts at the left
margin: ``NAME_WITH_UNDERSCORES [CODE]``. Synonyms follow on lines starting with ``+``. Codes may
sit on the entry line or on indented lines after it, several per entry, each optionally dated:
``[CODE >YYMMDD]`` (from that day), ``[CODE <YYMMDD]`` (before that day), ``[CODE YYMMDD-YYMMDD]``
(inclusive range; eight-digit ``YYYYMMDD`` dates work too). ``[---]`` means "known, do not code".
``#`` starts a comment, ``<!-- ... -->`` is a block comment. A trailing ``_`` marks a whole-word
name; a name without it is a stem that also matches longer words (``ARGENTIN`` matches Argentina,
Argentine) when its last word has at least :data:`MIN_STEM` letters.

How an actor code becomes knowledge-base entries:

* an undated three-letter code (``ISR``, ``ARN``) acts like a country name: alone it codes as itself, and
  it composes with sector words (``Israeli troops`` -> ``ISRMIL``);
* a longer code is a fixed actor (``IGOUNO``, ``PSEREBHMS``, ``USAGOV``): it codes as given, and a
  following sector word adds the sector as for organisations. Its country is the first three
  letters unless they are a sector or organisation prefix (``IGO``, ``NGO``, ``IMG``, ``MNC`` ...).
  An entry with dated codes keeps all its codes this way, and the one in force on the article date
  wins (when none is, the first).

**Agent files** (``Phoenix.agents.txt``). ``NOUN {PLURALS} [~AGT]``: the code after ``~`` is appended
to the country of the modifier (``American officials`` with ``OFFICIAL [~GOV]`` -> ``USAGOV``); a
code written ``[AGT~]`` is stored as the same sector (we do not prefix codes). Without braces a
regular plural is added (``FARMER`` -> ``FARMERS``); ``{}`` adds none; ``{A B}`` lists irregular
plurals. Substitution sets ``!PERSON! = MAN, MEN, WOMAN`` expand wherever ``!PERSON!`` appears.
An imported agent whose phrase is already a bundled sector word takes the imported code but keeps
the bundled role (so ``president`` still finds the office holder).

**CSV files** (comma-separated, one header line, UTF-8). A CSV named like a bundled table
(``people.csv``, ``igos.csv``, ``countries.csv``, ``sectors.csv``, ``titles.csv``) has that
table's columns. Any other CSV has the columns ``phrase`` (required; ``|`` separates synonyms),
``code`` (required; ``~GOV`` for an agent word, else a full actor code as above), and optionally
``from`` / ``until`` (ISO dates, ``until`` exclusive) and ``name`` (canonical name; default: the
first phrase).
"""

from __future__ import annotations

import csv
import datetime as _dt
import re
from dataclasses import dataclass, field
from pathlib import Path

from newsevents.resources.actors.kb import ADJ, CAPITAL, COUNTRY, IGO, SEAT, KB, SECTOR, ActorEntry, case_class, compact, plural_of

MIN_STEM = 5
# first three letters of a code that are not a country
NON_STATE = {"IGO", "NGO", "IMG", "MNC", "NGM", "UAF", "REB", "OPP", "GOV", "MIL", "COP", "BUS", "CVL",
             "ELI", "MED", "REL", "JUD", "LEG", "PTY", "SPY", "EDU", "HLH", "LAB", "AGR", "REF", "CRM",
             "INS", "SEP", "MOD", "RAD", "JEW", "MUS", "CHR", "HIN", "BUD"}
_CODE = re.compile(r"\[([^\]]*)\]")
# an entry line: an upper-case name (no lower-case letters), optional {plurals}, a [CODE ...]
_ENTRY = re.compile(r"^[^\s+\[<#a-z][^a-z\[{]*(\{[^}]*\})?\s*\[\s*(~?[A-Za-z]{2,}~?|---)(\s[^\]]*)?\]")
_DATE6 = re.compile(r"^\d{6}$")
_DATE8 = re.compile(r"^\d{8}$")


@dataclass
class _Raw:
    names: list[str] = field(default_factory=list)
    codes: list[str] = field(default_factory=list)  # raw bracket contents
    plurals: list[str] | None = None  # None: regular plural; []: none
    line: int = 0


def looks_like_petrarch(path: Path) -> bool:
    """True when a ``.txt`` file holds PETRARCH-style entries (``NAME [CODE]`` lines)."""
    try:
        with open(path, encoding="utf-8", errors="replace") as fh:
            for n, line in enumerate(fh):
                if n > 2000:
                    break
                s = line.split("#", 1)[0].rstrip()
                if _ENTRY.match(s):
                    return True
    except OSError:
        return False
    return False


def is_agent_file(raws: list[_Raw]) -> bool:
    coded = [c for r in raws for c in r.codes if c.strip() and c.strip() != "---"]
    return bool(coded) and sum("~" in c for c in coded) > len(coded) / 2


def _date(tok: str) -> str:
    """``YYMMDD`` / ``YYYYMMDD`` -> ISO date; ValueError when it is not a date."""
    if _DATE8.match(tok):
        d = _dt.date(int(tok[:4]), int(tok[4:6]), int(tok[6:]))
    elif _DATE6.match(tok):
        yy = int(tok[:2])
        d = _dt.date(2000 + yy if yy < 50 else 1900 + yy, int(tok[2:4]), int(tok[4:]))
    else:
        raise ValueError(tok)
    return d.isoformat()


def _next_day(iso: str) -> str:
    return (_dt.date.fromisoformat(iso) + _dt.timedelta(days=1)).isoformat()


def parse_code(raw: str) -> tuple[str, str, str] | None:
    """``"AFGGOV 030101-041231"`` -> (code, start, end-exclusive); None for ``---`` or a bad date."""
    parts = raw.split()
    if not parts:
        return None
    code = parts[0].upper()
    if code.strip("-#") == "":
        return None
    rest = "".join(parts[1:])
    start = end = ""
    try:
        if rest.startswith(">"):
            start = _date(rest[1:])
        elif rest.startswith("<"):
            end = _date(rest[1:])
        elif "-" in rest:
            a, b = rest.split("-", 1)
            start, end = _date(a), _next_day(_date(b))
        elif rest:
            return None
    except ValueError:
        return None
    return code, start, end


def _strip_comments(lines):
    block = False
    for n, line in enumerate(lines, 1):
        out = ""
        while line:
            if block:
                k = line.find("-->")
                if k < 0:
                    line = ""
                    break
                block = False
                line = line[k + 3:]
            else:
                k = line.find("<!--")
                if k < 0:
                    out += line
                    break
                out += line[:k]
                block = True
                line = line[k + 4:]
        yield n, out.split("#", 1)[0].rstrip()


def parse(path: Path) -> tuple[list[_Raw], dict[str, list[str]]]:
    """The entries and substitution sets of one PETRARCH file."""
    raws: list[_Raw] = []
    macros: dict[str, list[str]] = {}
    cur: _Raw | None = None
    with open(path, encoding="utf-8", errors="replace") as fh:
        for n, line in _strip_comments(fh):
            if not line.strip():
                continue
            s = line.strip()
            m = re.match(r"^(![A-Z0-9_]+!)\s*=\s*(.+)$", s)
            if m:
                macros[m.group(1)] = [w.strip() for w in m.group(2).split(",") if w.strip()]
                continue
            if s.startswith("+"):
                if cur is not None:
                    name = s[1:]
                    codes = _CODE.findall(name)
                    name = _CODE.sub("", name).strip()
                    if name:
                        cur.names.append(name)
                    cur.codes.extend(codes)
                continue
            if s.startswith("[") and (line[:1].isspace() or cur is not None and not cur.codes):
                if cur is not None:
                    cur.codes.extend(_CODE.findall(s))
                continue
            cur = _Raw(line=n)
            raws.append(cur)
            head = _CODE.split(s)[0] if "[" in s else s
            cur.codes.extend(_CODE.findall(s))
            pm = re.search(r"\{([^}]*)\}", head)
            if pm:
                cur.plurals = pm.group(1).split()
                head = head[:pm.start()] + head[pm.end():]
            if head.strip():
                cur.names.append(head.strip())
    return raws, macros


def _expand_macros(name: str, macros: dict[str, list[str]]) -> list[str]:
    out = [name]
    for key, words in macros.items():
        nxt = []
        for o in out:
            if key in o:
                nxt.extend(o.replace(key, w) for w in words)
            else:
                nxt.append(o)
        out = nxt
    return out


def _words(name: str) -> str:
    """``PRESIDENT_GEORGE_W._BUSH_`` -> ``PRESIDENT GEORGE W. BUSH``."""
    return " ".join(name.replace("_", " ").split())


def _title(name: str) -> str:
    return " ".join(w.capitalize() if w.isupper() else w for w in _words(name).split())


def _plural_phrase(phrase: str) -> str | None:
    words = phrase.split()
    if not words:
        return None
    p = plural_of(words[-1].lower())
    return " ".join(words[:-1] + [p]) if p else None


def _fixed_parts(code: str, countries: dict[str, str]) -> tuple[str, str]:
    """(country, sector) of a full actor code."""
    head = code[:3]
    if head in NON_STATE and head not in countries:
        return "", head
    return head, code[3:6]


def add_actor(kb: KB, names: list[str], codes: list[tuple[str, str, str]], src: str,
              canonical: str = "", case: str = "") -> int:
    """Add one actor entry (all its names, each code) to ``kb``. Returns the number of phrases.

    PETRARCH names are written in capitals, so their case in the text is unknown: a one-word name
    must be capitalised in the text, a longer one matches in any case. ``case`` forces a class.
    """
    added = 0
    name = canonical or _title(names[0])
    dated = any(start or end for _, start, end in codes)  # dated codes are all chosen by date (as IGO rows)
    for raw_name in names:
        stem = not raw_name.rstrip().endswith("_")
        phrase = _words(raw_name)
        if not compact(phrase):
            continue
        if phrase.split()[0].lower() == "the" and len(phrase.split()) > 1:
            phrase = phrase.split(" ", 1)[1]  # a mention never includes the article
        cc = case or ("title" if len(phrase.split()) == 1 else "any")
        known = kb.lookup_key(compact(phrase))
        for code, start, end in codes:
            if len(code) <= 3 and not (start or end) and any(
                    k.iso == code and k.category in (COUNTRY, ADJ, CAPITAL, SEAT) for k in known):
                continue  # the bundled reading of this country's name, demonym or capital is finer
            if len(code) <= 3 and not dated:
                e = ActorEntry(COUNTRY, cc, iso=code, name=name, start=start, end=end, source=src)
            else:
                iso, sector = _fixed_parts(code, kb.countries)
                kb.igo_names.setdefault(code, name)
                e = ActorEntry(IGO, cc, iso=iso, sector=sector, name=name, code=code, start=start, end=end,
                          source=src)
            kb.add(phrase, e)
            last = compact(phrase.split()[-1]) if phrase.split() else ""
            if stem and len(last) >= MIN_STEM:
                kb.add_stem(phrase, e)
            added += 1
    return added


def add_agent(kb: KB, phrase: str, code: str, src: str, plurals: list[str] | None = None) -> int:
    sector = code.replace("~", "").upper()
    if not sector:
        return 0
    phrase = _words(phrase).lower()
    forms = [phrase]
    if plurals is None:
        p = _plural_phrase(phrase)
        if p:
            forms.append(p)
    else:
        forms.extend(_words(p).lower() for p in plurals)
    n = 0
    for form in forms:
        if not compact(form):
            continue
        old = [e for e in kb.lookup_key(compact(form)) if e.category == SECTOR]
        role = old[0].role if old else ""
        weak = old[0].weak if old else False
        kb.add(form, ActorEntry(SECTOR, "any", sector=sector, role=role, weak=weak, name=form, source=src))
        n += 1
    return n


def load_petrarch(kb: KB, path: Path, src: str) -> None:
    """Load a PETRARCH actor or agent file into ``kb``."""
    raws, macros = parse(path)
    agents = is_agent_file(raws)
    n_entries = n_skipped = 0
    for r in raws:
        codes = [c for c in (parse_code(x) for x in r.codes) if c is not None]
        if not r.names or not codes:
            n_skipped += 1
            continue
        n_entries += 1
        if agents:
            for name in r.names:
                for form in _expand_macros(name, macros):
                    for code, _, _ in codes:
                        add_agent(kb, form, code, src, r.plurals)
        else:
            names = [f for nm in r.names for f in _expand_macros(nm, macros)]
            add_actor(kb, names, codes, src)
    kb.imported[src] = {"kind": "agents" if agents else "actors", "entries": n_entries, "skipped": n_skipped}


def load_csv(kb: KB, path: Path, src: str) -> None:
    """Load a user CSV with columns ``phrase``, ``code`` and optionally ``from``, ``until``, ``name``."""
    from newsevents.errors import ConfigError

    with open(path, encoding="utf-8-sig", newline="") as fh:
        reader = csv.DictReader(fh)
        cols = {c.strip().lower() for c in (reader.fieldnames or [])}
        missing = {"phrase", "code"} - cols
        if missing:
            raise ConfigError(f"actor CSV {path} lacks column(s) {', '.join(sorted(missing))}")
        n = 0
        for lineno, row in enumerate(reader, 2):
            row = {(k or "").strip().lower(): (v or "").strip() for k, v in row.items()}
            phrases = [p.strip() for p in row["phrase"].split("|") if p.strip()]
            code = row["code"].upper()
            if not phrases or not code:
                continue
            if "~" in code:
                for p in phrases:
                    add_agent(kb, p, code, src)
            else:
                start, end = row.get("from", ""), row.get("until", "")
                for d in (start, end):
                    if d:
                        try:
                            _dt.date.fromisoformat(d)
                        except ValueError:
                            raise ConfigError(f"{path}:{lineno}: {d!r} is not an ISO date (YYYY-MM-DD)") from None
                for p in phrases:  # CSV phrases are whole words (never stems), cased as written
                    add_actor(kb, [p + "_"], [(code, start, end)], src, canonical=row.get("name") or phrases[0],
                              case=case_class(p, IGO))
            n += 1
    kb.imported[src] = {"kind": "csv", "entries": n, "skipped": 0}
