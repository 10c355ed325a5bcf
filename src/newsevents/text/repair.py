"""Text repair that keeps offsets.

``repair(text)`` returns a :class:`RepairedText` whose ``text`` is what the NLP stage reads and whose
``to_original`` maps any clean span back to the ORIGINAL input text.

What it repairs, in this order (each step is one regex scan; nothing is done per character in
Python):

1. line endings: ``\\r\\n`` and lone ``\\r`` become ``\\n``;
2. stray markup: ``<script>``/``<style>`` blocks and ``<!-- comments -->`` are dropped; tags of known
   HTML elements are removed (block tags such as ``<br>``, ``</p>``, ``<div>``, ``<li>`` become a
   newline so words do not glue; inline tags such as ``<strong>`` or ``<a href=..>`` vanish);
   HTML entities (``&amp;``, ``&quot;``, ``&#39;``, ``&nbsp;`` ...) are decoded. ``a < b`` and
   ``AT&T`` are left alone;
3. mojibake: UTF-8 read as cp1252 (``â€™``, ``â€œ``, ``Ã©`` ...) becomes the intended character;
4. invisible characters (soft hyphen, zero-width chars, BOM, C0 control chars) are removed;
   odd apostrophes/quotes become ``'`` and ``"``; non-breaking and other odd spaces become a space;
5. whitespace: runs of spaces/tabs become one space, spaces around line breaks go, three or more
   line breaks become a paragraph break (two);
6. run-on sentences from lost line breaks (``reported.Sources said``) get a space after the period
   (only ``[a-z]{2,}.`` directly followed by ``[A-Z][a-z]``, and not inside a domain or e-mail);
7. a phrase of three or more words accidentally repeated back to back on one line is kept once
   (compared case-insensitively, punctuation included; not two-word repeats such as "very very",
   not a whole sentence said twice, not mostly capitalised table rows or headings);
8. a dateline at the start of the body (``TEHRAN:``, ``WASHINGTON (Reuters) -``,
   ``BEIRUT, Lebanon —``) is detected, recorded in ORIGINAL offsets as ``dateline=(start, end,
   place)`` with ``original[start:end] == place``, and removed from the clean text;
9. leading and trailing whitespace of the whole text is trimmed.

Offsets: ``offsets[i]`` is the original index of clean character ``i`` and ``ends[i]`` the end
(exclusive) of the original text it stands for, so a character that replaced several original
characters (``&amp;`` -> ``&``, ``â€™`` -> ``'``, ``<br/>`` -> newline) maps back to all of them.
Both arrays carry one final entry, ``len(original)``. A character that was inserted (the space of
a run-on fix) maps to the empty original span in front of the next character.
"""

from __future__ import annotations

import html
import re
from array import array
from dataclasses import dataclass
from typing import Callable

from newsevents.resources.gazetteer import gazetteer

__all__ = ["RepairedText", "identity", "repair", "headline_case", "headline_past"]


@dataclass(slots=True)
class RepairedText:
    original: str
    text: str
    offsets: array  # offsets[i] = index in original of clean char i; len(text) + 1 entries
    notes: tuple[str, ...] = ()
    dateline: tuple[int, int, str] | None = None  # (start, end, place text) in ORIGINAL offsets
    ends: array | None = None  # ends[i] = end in original of clean char i (len(text) + 1 entries)

    def to_original(self, start: int, end: int) -> tuple[int, int]:
        """Map a clean span [start, end) to the smallest original span covering it."""
        if end <= start:
            o = self.offsets[start]
            return o, o
        if self.ends is not None:
            return self.offsets[start], max(self.ends[end - 1], self.offsets[start])
        return self.offsets[start], self.offsets[end - 1] + 1


def identity(text: str) -> RepairedText:
    n = len(text)
    offs = array("l", range(n + 1))
    ends = offs[1:]
    ends.append(n)
    return RepairedText(text, text, offs, ends=ends)


# --------------------------------------------------------------------------------------------
# the offset-keeping substitution pass


class _State:
    __slots__ = ("text", "offs", "ends", "notes")

    def __init__(self, text: str):
        n = len(text)
        self.text = text
        self.offs = array("l", range(n + 1))
        self.ends = self.offs[1:]  # a copy (memcpy), cheaper than a second range
        self.ends.append(n)
        self.notes: list[str] = []

    def sub(self, pattern: re.Pattern, func: Callable[[re.Match], str | None], group: int = 0) -> int:
        """Replace every match for which ``func`` returns a string; return how many were replaced.

        Copied text keeps its offsets. A replacement as long as its match maps char to char; any
        other replacement maps each of its chars to the whole matched original span; an insertion
        (empty match) maps to the empty span before the next char. With ``group``, only that group's
        span of each match is replaced.
        """
        text, offs, ends = self.text, self.offs, self.ends
        pieces: list[str] = []
        no = array("l")
        ne = array("l")
        pos = 0
        count = 0
        for m in pattern.finditer(text):
            r = func(m)
            if r is None:
                continue
            a, b = m.span(group)
            if a > pos:
                pieces.append(text[pos:a])
                no.extend(offs[pos:a])
                ne.extend(ends[pos:a])
            if r:
                k = len(r)
                if k == b - a:
                    no.extend(offs[a:b])
                    ne.extend(ends[a:b])
                elif a == b:
                    o = offs[a]
                    no.extend([o] * k)
                    ne.extend([o] * k)
                else:
                    no.extend([offs[a]] * k)
                    ne.extend([ends[b - 1]] * k)
                pieces.append(r)
            pos = b
            count += 1
        if not count:
            return 0
        n = len(text)
        if pos < n:
            pieces.append(text[pos:])
            no.extend(offs[pos:n])
            ne.extend(ends[pos:n])
        no.append(offs[n])
        ne.append(ends[n])
        self.text = "".join(pieces)
        self.offs, self.ends = no, ne
        return count

    def replace(self, a: int, b: int, r: str) -> None:
        """Replace clean chars [a, b) (b > a) with ``r``; each char of ``r`` maps to the whole span."""
        o, e = self.offs[a], self.ends[b - 1]
        self.text = self.text[:a] + r + self.text[b:]
        self.offs[a:b] = array("l", [o] * len(r))
        self.ends[a:b] = array("l", [e] * len(r))

    def remove(self, a: int, b: int) -> None:
        """Remove clean chars [a, b)."""
        if b <= a:
            return
        self.text = self.text[:a] + self.text[b:]
        del self.offs[a:b]
        del self.ends[a:b]

    def strip(self) -> None:
        text = self.text
        left = len(text) - len(text.lstrip())
        right = len(text.rstrip())
        if left == 0 and right == len(text):
            return
        if right <= left:
            right = left
        final_o, final_e = self.offs[len(text)], self.ends[len(text)]
        self.text = text[left:right]
        self.offs = self.offs[left:right]
        self.offs.append(final_o)
        self.ends = self.ends[left:right]
        self.ends.append(final_e)


# --------------------------------------------------------------------------------------------
# tables

_CR = re.compile(r"\r\n?")

_SCRIPT = re.compile(r"<(script|style)\b[^>]*>.*?</\1\s*>|<!--.*?-->", re.I | re.S)

_BLOCK_TAGS = frozenset(
    "address article aside blockquote body br dd div dl dt figcaption figure footer form h1 h2 h3 h4 "
    "h5 h6 head header hr html li main nav ol p pre section table tbody td tfoot th thead title tr ul "
    "caption center".split()
)
_INLINE_TAGS = frozenset(
    "a abbr b bdi bdo big cite code del dfn em font i img input ins kbd label link mark meta q s samp "
    "small span strike strong sub sup time tt u var wbr iframe noscript picture source video audio "
    "svg path button select option textarea".split()
)
_TAG = re.compile(r"</?([A-Za-z][A-Za-z0-9]*)(?:\s+(?:[^<>\"']|\"[^\"]*\"|'[^']*')*)?/?>")

# a tag cut in half at the very start of the text ("strong>KARACHI: ...")
_LEAD_FRAGMENT = re.compile(r"\A[ \t\n]*/?([A-Za-z][A-Za-z0-9]*)(?:\s+[^<>\n]*)?/?>")

_ENTITY = re.compile(r"&(?:#[0-9]{1,7}|#[xX][0-9a-fA-F]{1,6}|[A-Za-z][A-Za-z0-9]{1,31});")


def _mojibake_table() -> dict[str, str]:
    """UTF-8 bytes of common characters decoded as cp1252 -> the character meant."""
    chars = [chr(c) for c in range(0xA0, 0x100)]
    chars += list("\u2018\u2019\u201a\u201c\u201d\u201e\u2020\u2021\u2022\u2026\u2030\u2039\u203a"
                  "\u20ac\u2122\u2013\u2014\u0152\u0153\u0160\u0161\u017d\u017e\u0178\u0192")
    table: dict[str, str] = {}
    for ch in chars:
        raw = ch.encode("utf-8")
        # bytes cp1252 leaves undefined (0x81 0x8D 0x8F 0x90 0x9D) come through as latin-1
        seq = "".join(bytes([b]).decode("cp1252", errors="ignore") or chr(b) for b in raw)
        table[seq] = ch
    # the right double quote's last byte (0x9D) is often lost altogether
    table["\u00e2\u20ac"] = "\u201d"
    return table


_MOJIBAKE = _mojibake_table()
_MOJIBAKE_RE = re.compile("|".join(re.escape(k) for k in sorted(_MOJIBAKE, key=len, reverse=True)))

_INVISIBLE = re.compile("[\u00ad\u200b\u200c\u200d\u2060\ufeff\x00-\x08\x0e-\x1f\x7f]+")

_QUOTE_MAP = {ord(c): "'" for c in "\u00b4`\u2018\u2019\u201b\u2032"}
_QUOTE_MAP.update({ord(c): '"' for c in "\u201c\u201d\u201e\u2033\u00ab\u00bb"})
_SPACE_MAP = {ord(c): " " for c in "\u00a0\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008"
              "\u2009\u200a\u202f\u205f\u3000"}
_SPACE_MAP.update({ord(c): "\n" for c in "\x0b\x0c\u2028\u2029\x85"})
_QUOTES_RE = re.compile("[" + "".join(chr(c) for c in _QUOTE_MAP) + "]")
_SPACES_RE = re.compile("[" + "".join(chr(c) for c in _SPACE_MAP) + "]")
_ONE_TO_ONE = {**_QUOTE_MAP, **_SPACE_MAP}

_WS_NEEDED = re.compile(r"[ \t]\n|\n[ \t]|\n\n\n|[ \t][ \t]|\t")
_WS = re.compile(r"(?P<para>[ \t]*\n(?:[ \t]*\n)+[ \t]*)|(?P<line>[ \t]*\n[ \t]*)|(?P<run>[ \t]{2,}|\t)")

_RUNON = re.compile(r"(?<=[a-z]{2}\.)(?=[A-Z][a-z])")

_DOMAIN_TAIL = re.compile(r"[A-Za-z0-9-]+\.[a-z]{2,}\b")

_REPEAT = re.compile(r"(?<!\S)(\S++(?: \S++){2,11})( \1)(?!\w)", re.I)

_NOT_PLACES = frozenset(
    "update updated breaking news note editor editors correction corrections clarification photo "
    "photos video videos watch read exclusive analysis opinion comment comments live sources source "
    "summary editorial related advertisement transcript by q a listen warning alert urgent flash "
    "developing headline headlines also see more file updates important disclaimer credit caption "
    "reuters ap afp app ians pti upi xinhua tass bbc cnn poll polls report survey study interview "
    "review timeline factbox fact check explainer profile obituary letter letters quiz podcast gallery "
    "recap preview verdict result results scores weather traffic markets question answer look wow "
    "boom busted revealed confirmed leaked shock shocking feature balance byline rtrs".split()
)
_NOT_TITLE_STARTS = frozenset(
    "the a an this that these those mr mrs ms dr president prime minister king queen prince general "
    "gen sen senator rep governor chief officials official police sources spokesman spokeswoman "
    "meanwhile however today yesterday tomorrow earlier later monday tuesday wednesday thursday "
    "friday saturday sunday january february march april may june july august september october "
    "november december he she it we they i you".split()
)
_CAPS_NOT_IN_NAMES = frozenset("IS ARE WAS WERE HAS HAVE HAD WILL CAN MAY MUST I WE YOU IT THIS THAT NOT NO".split())
_CAPS_NAME = r"[A-Z][A-Z'\u2019.]*(?:[ \-/][A-Z][A-Z'\u2019.]*){0,3}"
_TITLE_WORD = r"[A-Z][a-z]+(?:['\u2019][A-Za-z]+)?\.?"
_TITLE_NAME = _TITLE_WORD + r"(?:[ \-](?:(?:de|da|do|del|la|el|al|es|of|upon|am|sur|on)[ \-])?" + _TITLE_WORD + r"){0,3}"
_QUALIFIER = (
    r",[ \t]*(?:"
    r"[A-Z][a-z]{2,8}\.?[ \t]+\d{1,2}(?:,?[ \t]+\d{4})?"  # , Nov 3 / , March 5, 2017
    r"|\d{1,2}[ \t]+[A-Z][a-z]{2,8}\.?(?:[ \t]+\d{4})?"  # , 3 November 2017
    r"|[A-Z][A-Za-z.]+(?:[ \t][A-Z][A-Za-z.]+){0,2}"  # , Lebanon / , New York
    r")"
)
_AGENCY = r"[ \t]*\([A-Z][A-Za-z&.' ]{0,30}\)"
_SEP = r"(?P<sep>[ \t]*:[ \t]*|[ \t]*(?:--|[\u2013\u2014])[ \t]*|[ \t]+-[ \t]+)"
_DATELINE_CAPS = re.compile(
    r"(?P<place>" + _CAPS_NAME + r")(?P<qual>(?:" + _QUALIFIER + r"){0,2})(?P<agency>" + _AGENCY + r")?" + _SEP
)
_DATELINE_TITLE = re.compile(
    r"(?P<place>" + _TITLE_NAME + r")(?P<qual>(?:" + _QUALIFIER + r"){0,2})(?P<agency>" + _AGENCY + r")?" + _SEP
)
_BYLINE = re.compile(r"(?:By|BY|From)[ \t]+[^\n.!?]{1,70}\n(?:[ \t]*\n)*[ \t]*")
# a byline glued to an all-caps dateline by a lost line break: "Jane DoeKARACHI: ..."
_GLUED_BYLINE = re.compile(r"(?:[A-Z][a-z'.\-]+[ \t]){1,3}[A-Z][a-z]+(?=[A-Z]{2})")


def _known_place(name: str) -> bool:
    """Is ``name`` a country, a US state or a city of 100,000 people or more (the gazetteer,
    :meth:`newsevents.resources.gazetteer.Gazetteer.is_big_place`)?

    Only Title Case datelines without an agency or a qualifier are checked this way: ALL-CAPS
    datelines are reliable as they are, and small or misspelt places are common among them."""
    try:
        gaz = gazetteer()
    except Exception:  # noqa: BLE001 - without the data, Title Case datelines are not trusted
        return False
    return gaz.is_big_place(name)


def _find_dateline(text: str) -> re.Match | None:
    """A dateline match at the start of ``text`` (or right after a short byline line)."""
    starts = [(0, True)]
    by = _BYLINE.match(text)
    if by:
        starts.append((by.end(), True))
    glued = _GLUED_BYLINE.match(text)
    if glued:
        starts.append((glued.end(), False))
    for pos, title_ok in starts:
        for pat, caps in ((_DATELINE_CAPS, True), (_DATELINE_TITLE, False)):
            if not caps and not title_ok:
                continue
            m = pat.match(text, pos)
            if not m:
                continue
            place = m.group("place").rstrip(" .-/")
            if len(re.sub(r"[^A-Za-z]", "", place)) < 2 or place.lower() in _NOT_PLACES:
                continue
            if any(w.lower().strip(".'") in _NOT_PLACES for w in place.split()[:1]) and len(place.split()) > 1:
                continue
            rest = text[m.end():m.end() + 1]
            if not rest or not (rest.isalnum() or rest in "\"'("):
                continue
            head = text[m.end():m.end() + 60].split("\n", 1)[0]
            if any(c.isalpha() for c in head) and not any(c.islower() for c in head):
                continue  # followed by more capitals: an all-caps headline ("SPORT - TEAM WINS"), not prose
            sep = m.group("sep").strip()
            if not caps and sep == ":" and not rest.isupper():
                continue
            if caps and any(w in _CAPS_NOT_IN_NAMES for w in place.split()):
                continue  # "FIX IS IN: ..." is a headline
            if not caps:
                words = place.split()
                if words[0].lower().strip(".") in _NOT_TITLE_STARTS:
                    continue
                if not (m.group("agency") or m.group("qual")) and not _known_place(place):
                    continue  # "Okafor: ..." is a headline, "Singapore: ..." a dateline
            return m
    return None


# --------------------------------------------------------------------------------------------


def repair(text: str) -> RepairedText:
    """Repair ``text`` for the parser and keep a map from every clean character to the original."""
    st = _State(text)
    notes = st.notes

    if "\r" in text:
        if st.sub(_CR, lambda m: "\n"):
            notes.append("line endings normalised")

    if "<" in st.text or ">" in st.text[:40]:
        n = st.sub(_SCRIPT, lambda m: "\n")
        if n:
            notes.append(f"script/style/comment blocks removed: {n}")

        def tag(m: re.Match) -> str | None:
            name = m.group(1).lower()
            if name in _BLOCK_TAGS or name in ("script", "style"):
                return "\n"
            if name in _INLINE_TAGS:
                return ""
            return None

        n = st.sub(_TAG, tag)
        n += st.sub(_LEAD_FRAGMENT, tag)
        if n:
            notes.append(f"markup removed: {n} tags")

    if "&" in st.text:

        def entity(m: re.Match) -> str | None:
            s = m.group()
            u = html.unescape(s)
            return None if u == s else u

        n = st.sub(_ENTITY, entity)
        if n:
            notes.append(f"entities decoded: {n}")

    if "\u00c3" in st.text or "\u00c2" in st.text or "\u00e2" in st.text or "\u00c5" in st.text:
        n = st.sub(_MOJIBAKE_RE, lambda m: _MOJIBAKE[m.group()])
        if n:
            notes.append(f"mojibake fixed: {n}")

    n = st.sub(_INVISIBLE, lambda m: "")
    if n:
        notes.append(f"invisible characters removed: {n}")

    nq = len(_QUOTES_RE.findall(st.text))
    ns = len(_SPACES_RE.findall(st.text))
    if nq or ns:
        st.text = st.text.translate(_ONE_TO_ONE)  # one char for one char: offsets unchanged
        if nq:
            notes.append(f"quotes normalised: {nq}")
        if ns:
            notes.append(f"odd spaces normalised: {ns}")

    def ws(m: re.Match) -> str | None:
        if m.lastgroup == "para":
            return None if m.group() == "\n\n" else "\n\n"
        if m.lastgroup == "line":
            return None if m.group() == "\n" else "\n"
        return " "

    n = st.sub(_WS, ws) if _WS_NEEDED.search(st.text) else 0
    if n:
        notes.append(f"whitespace collapsed: {n}")

    def runon(m: re.Match) -> str | None:
        s = m.string
        i = m.start() - 1  # the period
        j = i
        while j > 0 and (s[j - 1].isalnum() or s[j - 1] in "-_"):
            j -= 1
        if j > 0 and s[j - 1] in "./@:\\":
            return None  # inside a domain, path or e-mail address
        if any(c.isdigit() for c in s[j:i]) or _DOMAIN_TAIL.match(s, m.end()):
            return None
        return " "

    n = st.sub(_RUNON, runon)
    if n:
        notes.append(f"run-on sentences split: {n}")

    removed: list[str] = []

    def repeat(m: re.Match) -> str | None:
        phrase = m.group(1)
        words = phrase.lower().split()
        if len(set(words)) < 2 or not any(sum(c.isalpha() for c in w) >= 2 for w in words):
            return None
        if phrase.rstrip("\"')\u201d\u2019").endswith((".", "!", "?")):
            return None  # a whole sentence said twice is usually meant ("I said no. I said no.")
        toks = phrase.split()
        if 2 * sum(t[0].islower() for t in toks) < len(toks):
            return None  # mostly capitalised: a table row or heading ("Open High Low Open High Low")
        removed.append(phrase)
        return ""  # group 2 (the space and the second copy) goes; the first copy keeps its offsets

    for _ in range(3):
        if not st.sub(_REPEAT, repeat, group=2):
            break
    for phrase in removed[:3]:
        notes.append(f"repeated phrase removed: {phrase!r}")
    if len(removed) > 3:
        notes.append(f"repeated phrases removed: {len(removed)} in all")

    st.strip()

    dateline = None
    m = _find_dateline(st.text)
    if m:
        ps = m.start("place")
        pe = ps + len(m.group("place").rstrip(" -/"))
        o_start, o_end = st.offs[ps], st.ends[pe - 1]
        place = text[o_start:o_end]
        dateline = (o_start, o_end, place)
        if m.start() > 0 and not st.text[m.start() - 1].isspace():
            st.replace(m.start(), m.end(), "\n")  # keep the glued byline apart from the body
        else:
            st.remove(m.start(), m.end())
        notes.append(f"dateline: {place}")
        st.strip()

    return RepairedText(text, st.text, st.offs, tuple(notes), dateline, st.ends)


# --------------------------------------------------------------------------------------------
# headlines in Title Case

_WORD = re.compile(r"[A-Za-z][a-z]*(?:'[a-z]+)?")
_CAP_WORD = re.compile(r"\b[A-Z][a-z]+\b")
_SENT_START = re.compile(r"(?:^|[.!?][\"')\]]?\s+|\n\s*)$")


def stem(word: str) -> str:
    """A crude stem so that 'Imposes', 'imposed' and 'imposing' meet ('impos')."""
    w = word.lower()
    for suf, rep in (("ies", "y"), ("ied", "y"), ("ing", ""), ("es", ""), ("ed", ""), ("s", ""), ("e", "")):
        if len(w) > len(suf) + 2 and w.endswith(suf):
            return w[: len(w) - len(suf)] + rep
    return w


def _name_words(text: str, names) -> set[int]:
    """Start offsets of the capitalised words that form a known name ("New Caledonia", "Haiti"):
    runs of up to four capitalised words are matched whole against ``names`` (lower case, with or
    without spaces) and the places :func:`_known_place` knows."""
    words = list(_CAP_WORD.finditer(text))
    out: set[int] = set()
    i = 0
    while i < len(words):
        j = i
        while j + 1 < len(words) and text[words[j].end():words[j + 1].start()] == " " and j - i < 3:
            j += 1  # a run of capitalised words
        run = words[i:j + 1]
        for a in range(len(run)):
            for b in range(len(run), a, -1):
                span = text[run[a].start():run[b - 1].end()].lower()
                if span in names or span.replace(" ", "") in names or _known_place(span):
                    out.update(w.start() for w in run[a:b])
                    break
        i = j + 1
    return out


def _is_title_case(text: str) -> bool:
    words = [w for w in _WORD.findall(text)[1:] if len(w) >= 4]
    if len(words) < 2:
        return False
    return sum(w[0].isupper() for w in words) / len(words) >= 0.6


def headline_case(rep: RepairedText, body: str | None = None,
                  common: frozenset[str] | set[str] = frozenset(),
                  names: frozenset[str] | set[str] = frozenset()) -> RepairedText:
    """Put a Title Case headline ("Rebels Reject Calls for Ceasefire") into sentence case for the
    parser, which reads every capitalised word as a name. A capitalised word is lowered when the
    article body uses it in lower case more often than capitalised mid-sentence; without such
    evidence, when it is a function word or one of ``common`` (e.g. the event lexicon's words), or,
    when there is a body that never uses the word, when it is not part of a known name (``names``:
    lower-case country, people and organisation names, matched whole; or a country or city of
    100,000 people or more). The first word, ALL-CAPS words and
    words the body capitalises stay as they are. Only letters
    change case, so every offset still holds; other headlines are returned unchanged."""
    from spacy.lang.en.stop_words import STOP_WORDS

    text = rep.text
    if not _is_title_case(text):
        return rep
    lower: dict[str, int] = {}
    capital: dict[str, int] = {}
    if body:
        for m in _WORD.finditer(body):
            w = m.group()
            st = stem(w)
            if w[0].islower():
                lower[st] = lower.get(st, 0) + 1
            elif not _SENT_START.search(body[max(0, m.start() - 4):m.start()]) and m.start() > 0:
                capital[st] = capital.get(st, 0) + 1
    protected = _name_words(text, names)
    chars = list(text)
    changed = 0
    for m in _CAP_WORD.finditer(text):
        if m.start() == 0 or _SENT_START.search(text[max(0, m.start() - 4):m.start()]):
            continue  # a sentence's first word keeps its capital
        w = m.group()
        lw, st = w.lower(), stem(w)
        lo, ca = lower.get(st, 0), capital.get(st, 0)
        if lo or ca:
            lowered = lo > ca
        elif lw in STOP_WORDS or lw in common or st in common:
            lowered = True
        else:
            lowered = bool(body) and m.start() not in protected
        if lowered:
            chars[m.start()] = chars[m.start()].lower()
            changed += 1
    if not changed:
        return rep
    return RepairedText(rep.original, "".join(chars), rep.offsets, rep.notes + (f"headline case: {changed} words lowered",),
                        rep.dateline, rep.ends)


_IRREGULAR_PAST = {
    "beat": "beat", "begin": "began", "break": "broke", "bring": "brought", "buy": "bought",
    "cut": "cut", "fight": "fought", "flee": "fled", "forbid": "forbade", "freeze": "froze",
    "give": "gave", "hit": "hit", "hold": "held", "keep": "kept", "lead": "led", "leave": "left",
    "lose": "lost", "make": "made", "meet": "met", "put": "put", "quit": "quit", "say": "said",
    "seek": "sought", "sell": "sold", "send": "sent", "set": "set", "shoot": "shot", "slay": "slew",
    "spread": "spread", "steal": "stole", "strike": "struck", "take": "took", "tell": "told",
    "throw": "threw", "win": "won", "withdraw": "withdrew", "swear": "swore", "shut": "shut",
    "bid": "bid", "rise": "rose", "stand": "stood", "drive": "drove", "ride": "rode",
}
_SHORT_CVC = re.compile(r"^[^aeiou]*[aeiou][bdglmnprt]$")
_S_WORD = re.compile(r"\b[a-z]{3,}s\b")


def _past(lemma: str) -> str:
    if lemma in _IRREGULAR_PAST:
        return _IRREGULAR_PAST[lemma]
    if lemma.endswith("e"):
        return lemma + "d"
    if lemma.endswith("y") and len(lemma) > 2 and lemma[-2] not in "aeiou":
        return lemma[:-1] + "ied"
    if _SHORT_CVC.match(lemma):
        return lemma + lemma[-1] + "ed"
    return lemma + "ed"


def headline_past(rep: RepairedText, verbs: frozenset[str] | set[str],
                  nouns: frozenset[str] | set[str] = frozenset()) -> RepairedText | None:
    """Headlines tell past events in the present ("Chile thanks Japan for its help"), and after a
    name the parser often reads such a verb as a plural noun. This returns the headline with each
    ``-s`` form of a known event verb (``verbs``; not also a known event noun, ``nouns``) put in the
    past tense, for a second parse, or None when there is no such word. Offsets still point into
    the original headline: each new character maps into the word it replaces."""
    text = rep.text
    pieces: list[tuple[int, int, str]] = []
    for m in _S_WORD.finditer(text):
        w = m.group()
        cands = [w[:-1]] + ([w[:-2]] if w.endswith("es") else []) + ([w[:-3] + "y"] if w.endswith("ies") else [])
        lemma = next((c for c in cands if c in verbs), None)
        if lemma is None or lemma in nouns or any(c in nouns for c in cands):
            continue
        pieces.append((m.start(), m.end(), _past(lemma)))
    if not pieces:
        return None
    old_ends = rep.ends if rep.ends is not None else array("l", [o + 1 for o in rep.offsets])
    out, offs, ends = [], array("l"), array("l")
    pos = 0
    for a, b, new in pieces + [(len(text), len(text) + 1, "")]:  # the sentinel copies the tail
        out.append(text[pos:a])
        offs.extend(rep.offsets[pos:a])
        ends.extend(old_ends[pos:a])
        for k in range(len(new)):  # each new character stands for a character of the old word
            j = a + min(k, b - a - 1)
            offs.append(rep.offsets[j])
            ends.append(old_ends[j])
        out.append(new)
        pos = b
    offs.append(rep.offsets[len(text)])  # the final entry, len(original)
    ends.append(old_ends[len(text)])
    return RepairedText(rep.original, "".join(out), offs, rep.notes + ("headline verbs put in the past",),
                        rep.dateline, ends)
