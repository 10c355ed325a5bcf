"""How many people a violent event killed, when the text says so.

A death is told by a *death clause*: a killing verb ("killed five people", "at least 30 were
killed"), a dying verb ("12 people died"), "dead" on "leave"/"shoot" ("left 12 dead", "shot two
dead"), a death toll ("the death toll rose to 40") or a counted noun ("40 deaths"). The count is read
from the victims' noun phrase: a number ("30", "five", "two of the three"), else one for a singular
person ("a policeman was killed"). Plural victims without a number ("several people died") give no
count: we do not guess.

A violent event takes the count of a death clause it is tied to in the parse: the clause is the
event itself ("police killed two"), lies under it ("police fired, killing five"; "a bombing that
killed two"; "the firing that left one dead"), or the event lies under the clause ("one person was
killed when police fired"; "nine people were killed in police firing").
"""

from __future__ import annotations

import re

WORD_NUM = {
    "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9,
    "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15, "sixteen": 16,
    "seventeen": 17, "eighteen": 18, "nineteen": 19, "twenty": 20, "thirty": 30, "forty": 40,
    "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90, "hundred": 100,
    "dozen": 12, "dozens": 24, "hundreds": 200, "thousand": 1000, "thousands": 2000, "scores": 40,
}
SCALE = {"hundred": 100, "thousand": 1000, "million": 1_000_000}
KILL_VERBS = {"kill", "murder", "slay", "massacre", "lynch", "behead", "assassinate", "slaughter",
              "gun", "butcher", "claim"}  # "the blast claimed 12 lives"
DIE_VERBS = {"die", "perish", "succumb"}
DEAD_WORDS = {"dead", "killed"}
DEATH_NOUNS = {"death", "fatality", "killing", "life"}
TOLL = {"toll"}
PERSONISH = {"person", "people", "man", "woman", "child", "boy", "girl", "civilian", "soldier",
             "policeman", "constable", "officer", "militant", "terrorist", "protester", "villager",
             "worker", "student", "youth", "member", "activist", "devotee", "pilgrim", "resident",
             "passenger", "guard", "journalist", "leader", "one", "other", "victim", "body"}
_DIGITS = re.compile(r"^\d[\d,]*$")


def number_value(tok) -> int | None:
    """The integer a number token stands for ("30", "1,200", "five", "two hundred"), else None."""
    w = tok.lower_
    if _DIGITS.match(w):
        try:
            v = int(w.replace(",", ""))
        except ValueError:
            return None
    elif w in WORD_NUM:
        v = WORD_NUM[w]
    elif "-" in w and all(p in WORD_NUM for p in w.split("-")):  # "twenty-five"
        v = sum(WORD_NUM[p] for p in w.split("-"))
    else:
        return None
    doc = tok.doc
    if (tok.i + 2 < len(doc) and doc[tok.i + 1].text == "-" and v % 10 == 0 and 20 <= v <= 90
            and WORD_NUM.get(doc[tok.i + 2].lower_, 10) < 10):
        v += WORD_NUM[doc[tok.i + 2].lower_]  # "twenty - five" split by the tokenizer
        tok = doc[tok.i + 2]
    nxt = tok.nbor(1) if tok.i + 1 < len(doc) else None
    if nxt is not None and nxt.lower_ in ("per", "percent", "%", "pc"):
        return None  # a share, not a count
    # "two hundred": the scale word is the head or a compound of the number
    for c in tok.children:
        if c.dep_ in ("compound", "nummod") and c.lower_ in WORD_NUM and c.i < tok.i and tok.lower_ in SCALE:
            v = WORD_NUM[c.lower_] * SCALE[tok.lower_]
    nxt = tok.nbor(1) if tok.i + 1 < len(tok.doc) else None
    if nxt is not None and nxt.lower_ in SCALE and nxt.head == tok.head:
        v *= SCALE[nxt.lower_]
    return v


def victim_count(tok) -> int | None:
    """How many people a victims' noun phrase counts, or None when it does not say."""
    if tok is None:
        return None
    v = number_value(tok)  # "30 were killed", "two of the militants"
    if v is not None:
        return v
    for c in tok.children:
        if c.dep_ in ("nummod", "quantmod", "amod", "compound") and c.i < tok.i:
            v = number_value(c)
            if v is not None:
                return v
    lem = tok.lemma_.lower()
    if tok.pos_ == "PROPN" and tok.ent_type_ == "PERSON":
        return 1
    if tok.tag_ in ("NN", "NNP") and (lem in PERSONISH or tok.ent_type_ == "PERSON"):
        return 1  # "a policeman was killed", "one person died"
    if tok.lower_ in ("he", "she", "him", "her"):
        return 1
    return None


def _children(tok, *deps):
    return [c for c in tok.children if c.dep_ in deps]


def death_clauses(sent) -> list[tuple[object, int]]:
    """(anchor token, count) for every death clause with a count in the sentence."""
    out = []
    for t in sent:
        lem = t.lemma_.lower()
        n = None
        if t.pos_ in ("VERB", "AUX") or t.tag_.startswith("VB"):
            if lem in KILL_VERBS:
                if lem == "claim" and not any(c.lemma_.lower() == "life" for c in _children(t, "dobj")):
                    continue
                if lem == "gun" and not any(c.lower_ == "down" for c in _children(t, "prt")):
                    continue
                if t.dep_ == "amod":
                    n = victim_count(t.head)  # "the 12 killed people"
                else:
                    vict = (_children(t, "nsubjpass") or _children(t, "dobj")
                            or ([t.head] if t.dep_ in ("acl", "relcl") and t.tag_ == "VBN" else []))
                    if lem == "claim":
                        vict = _children(t, "dobj")
                        n = next((victim_count(v) for v in vict), None)
                        if n is None:  # "claimed 12 lives": the number sits on "lives"
                            n = next((number_value(c) for v in vict for c in v.children
                                      if number_value(c) is not None), None)
                    else:
                        n = next((x for x in (victim_count(v) for v in vict) if x), None)
            elif lem in DIE_VERBS:
                n = next((x for x in (victim_count(v) for v in _children(t, "nsubj")) if x), None)
        if n is None and t.lower_ in DEAD_WORDS and t.dep_ in ("oprd", "acomp", "advmod", "xcomp", "ccomp", "dobj",
                                                                 "conj", "amod"):
            h = t.head  # "left 12 dead", "shot two dead", "shot dead"
            if h.lemma_.lower() in ("leave", "shoot", "gun", "beat", "hack", "stab", "find", "burn",
                                    "lynch", "club", "lathicharge", "fire"):
                vict = _children(h, "dobj") or _children(h, "nsubjpass")
                n = next((x for x in (victim_count(v) for v in vict) if x), None)
                if n is None and h.lemma_.lower() != "leave" and not vict:
                    n = 1 if h.lemma_.lower() != "find" else None
            elif t.dep_ == "amod":
                n = victim_count(h)
        if n is None and lem in TOLL:
            # "the death toll rose to 40", "the toll was 13", "a toll of 40"
            nums = [c for c in t.subtree if number_value(c) is not None]
            h = t.head
            if not nums and t.dep_ in ("nsubj", "nsubjpass"):
                for c in h.children:
                    if c.dep_ in ("attr", "dobj", "npadvmod", "nummod") and number_value(c) is not None:
                        nums.append(c)
                    if c.dep_ == "prep" and c.lower_ in ("to", "at"):
                        nums += [p for p in c.subtree if number_value(p) is not None]
                    if c.dep_ in ("attr", "acomp"):
                        nums += [p for p in c.subtree if number_value(p) is not None]
            vals = [number_value(x) for x in nums]
            n = max(vals) if vals else None
        if n is None and lem in DEATH_NOUNS and lem != "life" and t.pos_ == "NOUN":
            n = next((number_value(c) for c in t.children if c.dep_ == "nummod"
                      and number_value(c) is not None), None)
            if n is None and t.tag_ == "NN" and lem in ("killing", "death") and any(
                    c.dep_ == "prep" and c.lower_ == "of" for c in t.children):
                vict = [p for c in t.children if c.dep_ == "prep" and c.lower_ == "of" for p in _children(c, "pobj")]
                n = next((x for x in (victim_count(v) for v in vict) if x), None)
        if n:
            out.append((t, n))
    return out


def _clause_head(tok):
    """The verb a noun or adjective hangs off (itself when a verb)."""
    t = tok
    for _ in range(4):
        if t.pos_ in ("VERB", "AUX") or t.tag_.startswith("VB") or t.head == t:
            return t
        t = t.head
    return t


def _under(a, b) -> bool:
    """True when token a lies in b's subtree."""
    return b.left_edge.i <= a.i <= b.right_edge.i and any(x == b for x in [a, *a.ancestors])


def fatalities_for(trigger, sent, clauses=None) -> int | None:
    """People the violent event triggered at `trigger` killed, when a tied death clause says."""
    clauses = death_clauses(sent) if clauses is None else clauses
    if not clauses:
        return None
    best = None
    for anchor, n in clauses:
        if anchor == trigger:
            return n
        ch = _clause_head(anchor)
        tied = (_under(anchor, trigger)                         # "fired, killing five"
                or _under(trigger, ch)                          # "killed in police firing"
                or (ch == _clause_head(trigger))                # same clause
                # a relative clause the parser hung on a noun above the event: "an inquiry into
                # the police firing that left one dead"
                or (ch.dep_ in ("relcl", "acl") and ch.head.pos_ in ("NOUN", "PROPN")
                    and _under(trigger, ch.head) and trigger.i < ch.i))
        if tied:
            d = abs(anchor.i - trigger.i)
            if best is None or d < best[0]:
                best = (d, n)
    return best[1] if best else None
