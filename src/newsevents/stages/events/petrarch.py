"""Import of PETRARCH / TABARI verb dictionaries into the event lexicon.

Nothing from any PETRARCH distribution ships with newsevents: users bring their own verb files and
pass them to ``EventStage(extra_lexicon=[path])`` / ``load_lexicon([path])`` (the CLI: ``--verbs-file``
or the ``NEWSEVENTS_VERBS`` environment variable, ``os.pathsep`` separated). Both layouts are read:

* the original (PETRARCH 1 / TABARI) layout: ``<!-- ... -->`` comments, words of a phrase joined
  by ``_`` (``- * DIPLOMATIC_TIES [050]``, ``- IN_* [075]``);
* the 2.0 layout (``CAMEO.2.0.txt``): ``#`` comments, noun phrases in ``{...}``, prepositional
  phrases in ``(...)`` (``- * (TO {PEACE PLAN}) [037]``).

Syntax understood: ``&NAME`` starts a synonym set whose ``+MEMBER`` lines follow (members may name
other sets); ``--- NAME [CODE] ---`` starts a verb block with its default code; the lines after it
that do not start with ``-`` are the block's verbs (``WORD {IRREGULAR FORMS} [OWN CODE]``; in a
multiword verb ``+`` marks the verb word, ``+CLEAR_UP`` = verb *clear* with particle *up*); ``-``
lines are patterns with ``*`` for the verb, ``$``/``+`` for source/target, ``%`` for a compound
(both-ways) actor, ``^`` for a skipped word and ``[CODE]`` at the end; ``~`` lines are
transformations. A code ``A:B`` codes A from source to target and B back from target to source;
``[---]`` means "do not code".

How a pattern maps onto our dependency patterns (:class:`VerbEntry`): the verb's lemma, an optional
particle (``* (DOWN)``, ``* OUT (AT)``), an object noun after the verb (``* {DIPLOMATIC TIES}``,
``* (TO &CEASEFIRE)``; synonym sets expand to alternatives), and where the target is: ``(WITH)``
alone -> ``prep:with``, ``* +`` -> ``dobj``, otherwise the object or any of the usual prepositions
(``intransitive``). Patterns that need words before the verb, a source placed after it, skipped
words, a prepositional phrase hanging on the object noun or a target inside the phrase cannot be
expressed on a dependency parse this way: they are counted per reason and logged at INFO, and
:func:`read_report` lists them.
"""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass, field
from itertools import product
from pathlib import Path
from typing import Iterable

from newsevents.errors import ConfigError
from newsevents.stages.events.cameo import cameo_table
from newsevents.stages.events.entries import VerbEntry

log = logging.getLogger(__name__)

#: words that, right after the verb, are verb particles rather than object nouns
PARTICLE_WORDS = {"up", "down", "out", "off", "back", "away"}
#: prepositions a bare ``(P)`` phrase may name as the target slot
_CODE_RE = re.compile(r"\[([^\]]*)\]\s*$")
_TOKEN_RE = re.compile(r"\{|\}|\(|\)|[*$+^%]|&[A-Za-z0-9_]+|[^\s{}()*$^%+]+")


@dataclass
class ImportReport:
    """What one file gave: entries, and patterns that could not be expressed (with the reason)."""

    path: str
    verbs: int = 0  # verb words (block members) read
    patterns: int = 0  # pattern lines read
    entries: list[VerbEntry] = field(default_factory=list)
    unexpressible: list[tuple[str, str]] = field(default_factory=list)  # (reason, line)
    null_code: int = 0  # patterns or verbs coded [---] ("do not code")
    unknown_code: list[tuple[str, str]] = field(default_factory=list)  # (code, line): not CAMEO
    transformations: int = 0

    def reasons(self) -> dict[str, int]:
        out: dict[str, int] = {}
        for r, _ in self.unexpressible:
            out[r] = out.get(r, 0) + 1
        return out

    def summary(self) -> str:
        return (f"{Path(self.path).name}: {len(self.entries)} entries from {self.verbs} verbs and "
                f"{self.patterns} patterns; {len(self.unexpressible)} patterns not expressible "
                f"{self.reasons()}; {len(self.unknown_code)} with codes outside CAMEO; "
                f"{self.null_code} coded [---]; {self.transformations} transformations not used")


def _strip_comment(line: str) -> str:
    line = re.sub(r"<!--.*?-->", "", line)
    depth, out = 0, []
    for ch in line:  # '#' starts a comment except inside a [code] ("[###]")
        if ch == "[":
            depth += 1
        elif ch == "]":
            depth = max(0, depth - 1)
        elif ch == "#" and depth == 0:
            break
        out.append(ch)
    return "".join(out).rstrip()


def _words(text: str) -> list[str]:
    return [w for w in re.split(r"[\s_]+", text.strip().lower()) if w]


def _singular(word: str) -> str:
    if len(word) > 3 and word.endswith("ies"):
        return word[:-3] + ("ie" if len(word) == 4 else "y")
    if word.endswith(("sses", "ches", "shes", "xes")):
        return word[:-2]
    if len(word) > 3 and word.endswith("s") and not word.endswith(("ss", "us", "is")):
        return word[:-1]
    return word


class _Synsets:
    def __init__(self) -> None:
        self.members: dict[str, list[str]] = {}

    def expand(self, name: str, seen: frozenset = frozenset()) -> list[list[str]]:
        """All word sequences a ``&NAME`` stands for (members naming other sets are expanded)."""
        out: list[list[str]] = []
        for m in self.members.get(name.upper(), []):
            if "(" in m:  # a prepositional member: not a noun phrase
                continue
            seqs: list[list[str]] = [[]]
            for w in m.replace("_", " ").split():
                if w.startswith("&"):
                    if w.upper() in seen:
                        continue
                    alts = self.expand(w, seen | {name.upper()}) or [[]]
                    seqs = [s + a for s in seqs for a in alts]
                else:
                    seqs = [s + [w.lower()] for s in seqs]
            out.extend(s for s in seqs if s)
        return out


def _phrase_alternatives(tokens: list[str], syn: _Synsets) -> list[tuple[str, ...]] | None:
    """Noun-phrase alternatives for a run of words and ``&SETS``; None when a set is unknown."""
    parts: list[list[list[str]]] = []
    for t in tokens:
        if t.startswith("&"):
            alts = syn.expand(t)
            if not alts:
                return None
            parts.append(alts)
        else:
            parts.append([_words(t)])
    out: list[tuple[str, ...]] = []
    for combo in product(*parts):
        words = [w for seq in combo for w in seq]
        if not words:
            continue
        out.append(tuple(words))
        sing = tuple(words[:-1]) + (_singular(words[-1]),)
        if sing != tuple(words):
            out.append(sing)
    return list(dict.fromkeys(out))


def _parse_code(text: str) -> tuple[str, str]:
    main, _, rev = text.strip().partition(":")
    return main.strip(), rev.strip()


def _verb_word(line: str) -> tuple[str, str, str] | None:
    """A block member line -> (lemma, particle, own code); None when it cannot be expressed."""
    m = _CODE_RE.search(line)
    code = m.group(1).strip() if m else ""
    body = _CODE_RE.sub("", line)
    body = re.sub(r"\{[^}]*\}", " ", body).strip()
    if not body:
        return None
    words = [w for w in re.split(r"[\s_]+", body) if w]
    head = next((i for i, w in enumerate(words) if w.startswith("+")), 0)
    words = [w.lstrip("+").lower() for w in words]
    if head > 0:
        return None  # words before the verb ("WIRE_+TAP")
    rest = words[1:]
    if len(rest) > 1 or (rest and rest[0] not in PARTICLE_WORDS | {"in", "on", "over"}):
        return None
    return words[0], (rest[0] if rest else ""), code


def _tokens(text: str) -> list[str]:
    return _TOKEN_RE.findall(text)


def _groups(tokens: list[str]) -> list[tuple[str, list[str]]] | None:
    """Tokens after the verb -> [(kind, words)]: ('np', ...) bare words or {..}, ('pp', ...) (..),
    ('target', []) '+', ('other', [tok]) for '$', '^', '%'. None when brackets do not balance."""
    out: list[tuple[str, list[str]]] = []
    i = 0
    while i < len(tokens):
        t = tokens[i]
        if t in ("{", "("):
            close = "}" if t == "{" else ")"
            j = i + 1
            inner: list[str] = []
            depth = 0
            while j < len(tokens) and not (tokens[j] == close and depth == 0):
                if tokens[j] in ("{", "("):
                    depth += 1
                elif tokens[j] in ("}", ")"):
                    depth -= 1
                inner.append(tokens[j])
                j += 1
            if j >= len(tokens):
                return None
            if t == "{":
                if out and out[-1][0] == "np":
                    out[-1] = ("np", out[-1][1] + inner)
                else:
                    out.append(("np", inner))
            else:
                out.append(("pp", inner))
            i = j + 1
            continue
        if t == "+":
            out.append(("target", []))
        elif t in ("$", "^", "%", "*"):
            out.append(("other", [t]))
        elif out and out[-1][0] == "np":
            out[-1] = ("np", out[-1][1] + [t])
        else:
            out.append(("np", [t]))
        i += 1
    return out


def _pattern(body: str, syn: _Synsets) -> tuple[dict | None, str]:
    """A pattern body (without code) -> ({particle, objects, pattern, reciprocal}, '') or (None, reason)."""
    body = body.strip()
    if body.startswith("-"):
        body = body[1:]
    toks = _tokens(body.replace("_", " ").replace("*", " * "))
    if toks.count("*") != 1:
        return None, "no single verb mark"
    k = toks.index("*")
    pre, post = toks[:k], toks[k + 1:]
    reciprocal = False
    if pre == ["%"]:
        reciprocal = True
    elif pre:
        return None, "words before the verb"
    groups = _groups(post)
    if groups is None:
        return None, "unbalanced brackets"
    particle, objects, pattern = "", (), "any"
    gi = 0
    if gi < len(groups) and groups[gi][0] == "np" and groups[gi][1][0].lower() in PARTICLE_WORDS:
        particle = groups[gi][1][0].lower()
        rest = groups[gi][1][1:]
        groups = groups[:gi] + ([("np", rest)] if rest else []) + groups[gi + 1:]
    if gi < len(groups) and groups[gi][0] == "pp" and len(groups[gi][1]) >= 1 \
            and groups[gi][1][0].lower() in PARTICLE_WORDS and not particle:
        particle = groups[gi][1][0].lower()
        rest = groups[gi][1][1:]
        groups = groups[:gi] + ([("np", rest)] if rest else []) + groups[gi + 1:]
    if any(kind == "other" for kind, _ in groups):
        marks = {w[0] for kind, w in groups if kind == "other"}
        if "$" in marks:
            return None, "source after the verb"
        if "^" in marks:
            return None, "skipped words"
        return None, "compound or verb mark after the verb"
    if not groups:
        return {"particle": particle, "objects": (), "pattern": "any", "reciprocal": reciprocal}, ""
    kind, words = groups[0]
    if kind == "target":
        if len(groups) > 1:
            return None, "words after the target"
        return {"particle": particle, "objects": (), "pattern": "dobj", "reciprocal": reciprocal}, ""
    if kind == "pp" and len(words) == 1 and not words[0].startswith("&"):
        if len(groups) > 1:
            return None, "words after a target preposition"
        return {"particle": particle, "objects": (), "pattern": f"prep:{words[0].lower()}",
                "reciprocal": reciprocal}, ""
    if kind == "pp":
        if any(w in ("+", "$", "^", "(") for w in words) or len(groups) > 1:
            return None, "target or phrase inside a prepositional phrase"
        noun = [w for w in words[1:] if w not in ("{", "}")]
    else:
        noun = words
    if any(w in ("(", ")", "{", "}") for w in noun):
        return None, "nested phrase"
    alts = _phrase_alternatives(noun, syn)
    if alts is None:
        return None, "unknown synonym set"
    if not alts:
        return None, "empty object"
    if len(groups) == 2 and groups[1][0] == "pp" and len(groups[1][1]) == 1 and kind == "np":
        pattern = f"prep:{groups[1][1][0].lower()}"  # "* SUMMIT (WITH)": object noun, target in 'with'
    elif len(groups) == 2 and groups[1][0] == "target" and kind == "np":
        pattern = "dobj"  # not expressible precisely: treat the target as any object
        return None, "object noun followed by a target"
    elif len(groups) > 1:
        return None, "prepositional phrase on the object noun"
    return {"particle": particle, "objects": tuple(alts), "pattern": pattern, "reciprocal": reciprocal}, ""


def read_report(path: str | Path) -> ImportReport:
    """Parse a PETRARCH verb dictionary into lexicon entries plus an account of what was left out."""
    path = Path(path)
    rep = ImportReport(path=str(path))
    cameo = cameo_table()
    syn = _Synsets()
    lines = path.read_text(encoding="utf-8", errors="replace").splitlines()
    in_comment = False
    cur_set: str | None = None
    block_code: str | None = None
    block_verbs: list[tuple[str, str, str]] = []  # (lemma, particle, default code) of the block
    block_patterns: list[tuple[dict, str, str, str]] = []  # (parsed, code, rev, line)
    seen: dict = {}
    out: list[VerbEntry] = []

    def add(lemma, particle, objects, pattern, code, rev, line):
        if code == "---" or not code:
            rep.null_code += 1
            return
        if code not in cameo or (rev and rev not in cameo):
            item = (code if code not in cameo else rev, line)
            if item not in rep.unknown_code:
                rep.unknown_code.append(item)
            return
        e = VerbEntry(lemma=lemma, particle=particle, objects=objects, pattern=pattern, code=code,
                      comment=line.strip()[:120], origin=path.name, reverse_code=rev)
        key = (e.lemma, e.particle, e.objects, e.pattern)
        if key in seen:  # the first of two patterns of the same shape wins
            item = ("same shape as an earlier pattern with another code", line)
            if seen[key] != (code, rev) and item not in rep.unexpressible:  # once per pattern line
                rep.unexpressible.append(item)
            return
        seen[key] = (code, rev)
        out.append(e)

    def close_block():
        for lemma, particle, vcode in block_verbs:
            out.clear()
            # plain patterns, then the verb alone, then compound-subject ("% *") variants
            for parsed, code, rev, line in [b for b in block_patterns if not b[0]["reciprocal"]]:
                prt = parsed["particle"] or particle
                if parsed["particle"] and particle and parsed["particle"] != particle:
                    continue
                add(lemma, prt, parsed["objects"], parsed["pattern"], code, rev, line)
            main, rev = _parse_code(vcode)
            add(lemma, particle, (), "any", main, rev, f"{lemma} [{vcode}]")
            for parsed, code, rev, line in [b for b in block_patterns if b[0]["reciprocal"]]:
                add(lemma, parsed["particle"] or particle, parsed["objects"], parsed["pattern"], code, rev, line)
            # longest object phrase first ("border treaty" before "treaty"), file order otherwise
            out.sort(key=lambda e: -max((len(o) for o in e.objects), default=0))
            rep.entries.extend(out)

    for raw in lines:
        line = raw
        if in_comment:
            if "-->" not in line:
                continue
            line = line.split("-->", 1)[1]
            in_comment = False
        if "<!--" in line and "-->" not in line.split("<!--", 1)[1]:
            line = line.split("<!--", 1)[0]
            in_comment = True
        line = _strip_comment(line)
        s = line.strip()
        if not s:
            cur_set = None
            continue
        if s.startswith("~"):
            rep.transformations += 1
            continue
        if s.startswith("---"):
            close_block()
            cur_set = None
            m = re.search(r"\[([^\]]*)\]", s)
            block_code = m.group(1).strip() if m else "---"
            block_verbs, block_patterns = [], []
            continue
        if s.startswith("&"):
            cur_set = s.split()[0].upper()
            syn.members.setdefault(cur_set, [])
            continue
        if cur_set is not None and s.startswith("+"):
            syn.members[cur_set].append(s[1:].strip())
            continue
        if block_code is None:
            continue
        if s.startswith("-") or s.startswith("*"):
            rep.patterns += 1
            m = _CODE_RE.search(s)
            if not m:
                rep.unexpressible.append(("no code", s))
                continue
            main, rev = _parse_code(m.group(1))
            if not main and rev:
                rep.unexpressible.append(("reverse-only code", s))
                continue
            parsed, reason = _pattern(_CODE_RE.sub("", s), syn)
            if parsed is None:
                rep.unexpressible.append((reason, s))
                continue
            if parsed["reciprocal"] and not rev:
                rev = main  # "% *": the conjoined actors act on each other
            block_patterns.append((parsed, main, rev, s))
            continue
        v = _verb_word(s)
        rep.verbs += 1
        if v is None:
            rep.unexpressible.append(("multiword verb", s))
            continue
        lemma, particle, own = v
        block_verbs.append((lemma, particle, own or block_code))
    close_block()
    return rep


def looks_like_petrarch_verbs(path: str | Path) -> bool:
    with open(path, encoding="utf-8", errors="replace") as fh:
        head = fh.read(200_000)
    return re.search(r"^\s*---+\s*\S.*\[[^\]]*\]\s*---", head, re.M) is not None


def read_petrarch_verbs(path: str | Path) -> Iterable[VerbEntry]:
    """The :data:`~newsevents.stages.events.lexicon.IMPORTERS` reader for PETRARCH verb files."""
    if not looks_like_petrarch_verbs(path):
        raise ConfigError(f"{path}: not a PETRARCH verb dictionary (no '--- VERB [code] ---' blocks)")
    rep = read_report(path)
    log.info("PETRARCH verbs %s", rep.summary())
    return rep.entries
