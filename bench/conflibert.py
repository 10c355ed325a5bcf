"""Score our coder on real news sentences: pentacode accuracy and source / target span F1.

    PYTHONPATH=src .venv/bin/python bench/conflibert.py [--part tune|check|all|both] [--data FILE]
                                                       [--errors N] [--dump FILE]

Data: ``../shared/train/conflibert_cameo/train.jsonl`` (looked for beside the project and one
level further up; ``--data`` overrides). 1,349 real news sentences, each with a ``pentacode`` 0-4
and, for 926 of them, character spans of the ``source`` and ``target``. When the file is absent
the script says so and exits 0. Nothing from the file is copied into the project.

Parts: the fixed rule of ``../shared/eval/run_dev.py --part``: a record is *tune* when
``int(sha1(id).hexdigest(), 16) % 10 < 7``, else *check*. Read single errors (``--errors``) only
on the tune part; the script refuses to print errors of the check part.

Each sentence is coded as one article (no title, no date) by ``newsevents.Pipeline``.

**The chosen event.** The article's main event: among the events flagged ``main``, the one with
the highest ``salience``, then the highest mention weight
(:func:`newsevents.stages.events.salience.event_weight`: confidence x modality x negation), then
the earliest in the text. No event at all is "no event". The coder makes one event per (source,
target) pair, so the roles are read from the chosen event's *clause*: it and the other events of
the same sentence, trigger, rule and CAMEO code ("Kenya and Uganda agreed ..." is two events).

**Pentacode accuracy.** The chosen event's CAMEO root maps to a pentacode: 01-02 -> 0, 03-05 -> 1,
06-08 -> 2, 09-13 -> 3, 14-20 -> 4 (CAMEO's quad classes). A record with no event counts as wrong; the rate of records
with no event is reported beside the accuracy (``no_event``).

**Span F1 (token overlap), per role (source, target).**

* Records scored for a role: those with at least one gold span of that role (spans with a null
  role are ignored). The annotation is partial: 144 records mark a source and no target, many of
  them with a plain target in the sentence ("X met Y" with only X marked), so a missing gold span
  means "not annotated", not "no target". The ``strict`` figure also scores the records that have
  a gold span of the other role only, counting every predicted token of the unmarked role as a
  false positive.
* Tokens: the text is lower-cased, the words are ``[^\W_]+(?:[-'’][^\W_]+)*`` matches, a
  trailing possessive ``'s`` is dropped, and the articles *a*, *an*, *the* are removed (the usual
  reading-comprehension normalisation). Tokens are counted as a multiset.
* Gold tokens of a role: the tokens of all its gold spans together. Predicted tokens of a role:
  the tokens of the ``text`` of every distinct actor (by offsets) that the chosen event's clause
  has in that role, together.
* Per record: tp = size of the multiset intersection, fp = predicted - tp, fn = gold - tp. A
  record without a predicted event contributes fn = all its gold tokens (and no fp).
* Micro-average over the records scored: P = sum tp / sum (tp + fp), R = sum tp / sum (tp + fn),
  F1 = 2PR / (P + R).

Also printed: the same F1 restricted to records where we found an event (how good the roles are
when an event is there), and an oracle that picks, per record, the event of the sentence whose
source + target overlap the gold best (how much is lost by choosing the main event).
"""

from __future__ import annotations

import argparse
import hashlib
import json
import re
import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
REL = Path("train") / "conflibert_cameo" / "train.jsonl"
ROLES = ("source", "target")
TOKEN_RE = re.compile(r"[^\W_]+(?:[-'\u2019][^\W_]+)*", re.U)
ARTICLES = {"a", "an", "the"}


def part_of(rid: str) -> str:
    """'tune' or 'check' for a record id (the fixed 70/30 rule of ../shared/eval/run_dev.py)."""
    return "tune" if int(hashlib.sha1(str(rid).encode("utf-8")).hexdigest(), 16) % 10 < 7 else "check"


def default_data() -> Path | None:
    for base in (ROOT.parent, ROOT.parent.parent):
        path = base / "shared" / REL
        if path.exists():
            return path
    return None


def tokens(text: str) -> Counter:
    out: Counter = Counter()
    for tok in TOKEN_RE.findall(text.lower()):
        tok = re.sub(r"['\u2019]s$", "", tok)
        if tok and tok not in ARTICLES:
            out[tok] += 1
    return out


def pentacode(root: str | None) -> int | None:
    from newsevents.stages.events.opinion import penta_of

    if not root or not root[:2].isdigit() or not 1 <= int(root[:2]) <= 20:
        return None
    return penta_of(root[:2])


def choose(events) -> object | None:
    """The article's main event (see the module docstring)."""
    from newsevents.stages.events.salience import event_weight

    main = [e for e in events if e.main] or list(events)
    if not main:
        return None
    return max(main, key=lambda e: (e.salience, event_weight(e), -e.evidence_start))


def gold_roles(rec: dict) -> dict[str, Counter] | None:
    spans = [r for r in rec.get("roles") or () if r.get("role") in ROLES]
    if not spans:
        return None
    gold = {role: Counter() for role in ROLES}
    for r in spans:
        gold[r["role"]] += tokens(r["text"])
    return gold


def clause_of(event, events) -> list:
    """The chosen event and the other dyads of its clause: the coder makes one event per
    (source, target) pair, so "Kenya and Uganda agreed" is two events of one trigger."""
    if event is None:
        return []
    key = (event.sentence_index, event.evidence_in, event.trigger, event.rule, event.cameo)
    return [e for e in events if (e.sentence_index, e.evidence_in, e.trigger, e.rule, e.cameo) == key]


def predicted_roles(event, events=None) -> dict[str, Counter]:
    """Tokens of the actors of ``event``'s clause, per role, each distinct actor span once."""
    pred = {role: Counter() for role in ROLES}
    group = clause_of(event, events) if events is not None else ([event] if event is not None else [])
    for role in ROLES:
        seen = set()
        for ev in group:
            for actor in getattr(ev, role):
                if (actor.start, actor.end, actor.text) not in seen:
                    seen.add((actor.start, actor.end, actor.text))
                    pred[role] += tokens(actor.text)
    return pred


def overlap(gold: Counter, pred: Counter) -> tuple[int, int, int]:
    tp = sum((gold & pred).values())
    return tp, sum(pred.values()) - tp, sum(gold.values()) - tp


def prf(tp: int, fp: int, fn: int) -> tuple[float, float, float]:
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def code_all(records: list[dict]) -> dict[str, tuple]:
    """id -> the sentence's events, coded by the library."""
    from newsevents import Article, Pipeline
    from newsevents.records import DocumentResult

    pipe = Pipeline()
    out = {}
    articles = [Article(id=r["id"], text=r["text"]) for r in records]
    for result in pipe.run(articles):
        if isinstance(result, DocumentResult):
            out[result.id] = result.events
        else:
            out[result.record_id] = ()
    return out


def add(total: list[int], c: tuple[int, int, int]) -> None:
    for k in range(3):
        total[k] += c[k]


def score(records: list[dict], events_of: dict[str, tuple]) -> dict:
    m: dict = {"records": len(records)}
    right = no_event = 0
    counts = {role: [0, 0, 0] for role in ROLES}
    found = {role: [0, 0, 0] for role in ROLES}
    oracle = {role: [0, 0, 0] for role in ROLES}
    strict = {role: [0, 0, 0] for role in ROLES}
    with_roles = 0
    for rec in records:
        events = events_of.get(rec["id"], ())
        ev = choose(events)
        if ev is None:
            no_event += 1
        elif pentacode(ev.root) == rec["pentacode"]:
            right += 1
        gold = gold_roles(rec)
        if gold is None:
            continue
        with_roles += 1
        pred = predicted_roles(ev, events)
        for role in ROLES:
            c = overlap(gold[role], pred[role])
            add(strict[role], c)
            if gold[role]:
                add(counts[role], c)
                if ev is not None:
                    add(found[role], c)
        best = None
        for cand in events or (None,):
            p = predicted_roles(cand, events)
            cs = [overlap(gold[role], p[role]) if gold[role] else (0, 0, 0) for role in ROLES]
            key = (sum(c[0] for c in cs), -sum(c[1] for c in cs))
            if best is None or key > best[0]:
                best = (key, cs)
        for role, c in zip(ROLES, best[1]):
            add(oracle[role], c)
    n = len(records)
    m["pentacode_accuracy"] = right / n if n else 0.0
    m["no_event"] = no_event / n if n else 0.0
    m["records_with_roles"] = with_roles
    for role in ROLES:
        p, r, f = prf(*counts[role])
        m[f"{role}_precision"], m[f"{role}_recall"], m[f"{role}_f1"] = p, r, f
        m[f"{role}_f1_when_event"] = prf(*found[role])[2]
        m[f"{role}_f1_oracle_event"] = prf(*oracle[role])[2]
        m[f"{role}_f1_strict"] = prf(*strict[role])[2]
        m[f"{role}_records"] = sum(1 for r in records if (gold_roles(r) or {}).get(role))
    return m


def show(part: str, m: dict) -> None:
    print(f"part {part}: {m['records']} records, {m['records_with_roles']} with roles")
    print(f"  pentacode_accuracy={m['pentacode_accuracy']:.3f}  no_event={m['no_event']:.3f}")
    for role in ROLES:
        print(f"  {role:<6} span P={m[role + '_precision']:.3f} R={m[role + '_recall']:.3f} "
              f"F1={m[role + '_f1']:.3f} on {m[role + '_records']} records   (strict {m[role + '_f1_strict']:.3f}; "
              f"when an event is found {m[role + '_f1_when_event']:.3f}; "
              f"best event of the sentence {m[role + '_f1_oracle_event']:.3f})")


def actors_text(actors) -> str:
    return " + ".join(a.text for a in actors) or "-"


def print_errors(records: list[dict], events_of: dict, n: int) -> None:
    shown = 0
    for rec in records:
        gold = gold_roles(rec)
        events = events_of.get(rec["id"], ())
        ev = choose(events)
        pred = predicted_roles(ev, events)
        bad_code = ev is None or pentacode(ev.root) != rec["pentacode"]
        bad_roles = gold is not None and any(pred[r] != gold[r] for r in ROLES)
        if not (bad_code or bad_roles):
            continue
        golds = {r: " + ".join(s["text"] for s in rec.get("roles") or () if s.get("role") == r) or "-"
                 for r in ROLES}
        print(f"{rec['id']}  gold pentacode {rec['pentacode']}  {rec['text']}")
        print(f"    gold   source: {golds['source']}  | target: {golds['target']}")
        if ev is None:
            print("    ours   no event")
        else:
            group = clause_of(ev, events)
            print(f"    ours   {ev.cameo} ({pentacode(ev.root)}) '{ev.trigger}'  "
                  f"source: {actors_text(dict.fromkeys(a for e in group for a in e.source))}"
                  f"  | target: {actors_text(dict.fromkeys(a for e in group for a in e.target))}")
        shown += 1
        if shown >= n:
            break


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0],
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--part", choices=("tune", "check", "all", "both"), default="both",
                    help="which records to score (both = tune and check, printed apart)")
    ap.add_argument("--data", type=Path, default=None)
    ap.add_argument("--errors", type=int, default=0, help="print up to N wrong records (tune part only)")
    ap.add_argument("--json", action="store_true", help="also print the metrics as one JSON line per part")
    args = ap.parse_args()
    path = args.data or default_data()
    if path is None or not path.exists():
        print(f"skipped: {path or '../shared/' + str(REL)} not found")
        return 0
    with open(path, encoding="utf-8") as fh:
        records = [json.loads(line) for line in fh if line.strip()]
    parts = ("tune", "check") if args.part == "both" else (args.part,)
    if args.errors and parts != ("tune",):
        ap.error("--errors reads single records: only with --part tune")
    chosen = [r for r in records if args.part in ("all", "both") or part_of(r["id"]) == args.part]
    events_of = code_all(chosen)
    for part in parts:
        recs = chosen if part == "all" else [r for r in chosen if part_of(r["id"]) == part]
        m = score(recs, events_of)
        show(part, m)
        if args.json:
            print(json.dumps({"part": part, **m}))
    if args.errors:
        print_errors(chosen, events_of, args.errors)
    return 0


if __name__ == "__main__":
    sys.exit(main())
