"""Fuzz the whole pipeline: hostile and mutated articles in, every input must end coded, skipped or
failed with a reason, and nothing may raise out of the library.

    PYTHONPATH=src .venv/bin/python bench/fuzz.py --n 2000 --seed 1 [--corpus F] [--batch 100] [--json OUT]

A long run can be split over processes: ``--shard 1/2`` and ``--shard 2/2`` (same ``--n`` and
``--seed``) build the same inputs and each runs every second batch, in its own store; ``--merge
A.json B.json`` adds their summaries up (the inputs of all shards, once each).

Inputs are built from real articles (``../shared/eval/corpus/inputs.jsonl`` when present, else
``demo/articles``; their text is only mutated in memory and written to a temporary folder, never
into the project) and from generated ones: control characters, lone surrogates (in text and
title), huge tokens, one 100k-word article (runs of 2,000 inputs or more), deeply nested markup,
every date edge (``0001-01-01``, ``9999-12-31``, ``2017-13-45``, empty ...), odd apostrophes and
quotes, RTL and bidi marks, mojibake and other encodings, random bytes, byte-level mutations,
multi-record JSONL/CSV files with bad lines (NUL bytes, broken JSON, unterminated quotes, CR-only
line ends).

Most inputs are files (dated text, JSONL, CSV, HTML) coded by ``newsevents.coding.code`` (read,
code, stories), in batches written to one folder; some are ``Article`` objects given straight to
``Pipeline().run`` and then put into stories (``StoryIndex``), as a library user would. A batch
that raises is re-run input by input to find the inputs that raise.

It prints the inputs, the records coded/skipped/failed, the uncaught exceptions (must be 0) by
where they were raised, with an example input each, the inputs unaccounted for (no outcome; must
be 0) and the time. Exit status 1 when either count is not 0.
"""

from __future__ import annotations

import argparse
import datetime
import json
import random
import re
import shutil
import sys
import tempfile
import time
import traceback
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_CORPUS = ROOT.parent / "shared" / "eval" / "corpus" / "inputs.jsonl"
DEMO = ROOT / "demo" / "articles"

DATE_EDGES = ["0001-01-01", "9999-12-31", "2017-13-45", "", "2017-02-29", "2016-02-29", "1970-01-01",
              "0000-00-00", "99999-01-01", "2017-06-01T25:61:00Z", "-0001-01-01", "1/1/0001", "12/31/9999",
              "2017-06-01T00:00:00+14:00", "20170601", "Dec 17, 20", "31 Dec 9999", "  ", "null"]
VALID_DATE_EDGES = ["0001-01-01", "9999-12-31", "0001-01-02", "9999-12-30", "1970-01-01", "2016-02-29", None]
CONTROL = [chr(c) for c in range(0, 32) if c not in (9, 10, 13)] + ["\x7f"] + [chr(c) for c in range(0x80, 0xa0)]
SURROGATES = ["\udfff", "\ud800", "\udc00", "\ud83d"]
APOSTROPHES = ["\u2019", "\u2018", "`", "\u00b4", "\u02bc", "\u2032", "\uff07", "\u201b"]
QUOTES = ["\u201c", "\u201d", "\u00ab", "\u00bb", "\u201e", "\u300c", "\u300d", "\u2033"]
BIDI = ["\u200f", "\u200e", "\u202e", "\u202b", "\u202a", "\u202c", "\u2066", "\u2067", "\u2068", "\u2069",
        "\u061c", "\u0645\u0635\u0631", "\u05d9\u05e8\u05d5\u05e9\u05dc\u05d9\u05dd"]
ODD_SPACE = ["\u00a0", "\u2028", "\u2029", "\x85", "\x0b", "\x0c", "\u3000", "\u200b", "\ufeff", "\u00ad", "\t"]
TAGS = ["div", "p", "span", "b", "script", "style", "table", "td", "li", "ul", "article", "x-custom", "svg", "a"]


@dataclass
class Case:
    idx: int
    kind: str
    via: str  # "file" or "api"
    name: str = ""  # file name (file cases)
    data: bytes = b""
    article: object = None  # an Article (api cases)
    lines: int | None = None  # JSONL: the outcomes expected (one per non-blank line)
    outcomes: list = field(default_factory=list)
    raised: str | None = None


# -- base articles ---------------------------------------------------------------------------------


def load_bases(corpus: Path | None, limit: int = 400) -> list[dict]:
    """Up to ``limit`` real articles (dicts: id, date, title, text)."""
    bases = []
    if corpus is not None and corpus.is_file():
        with open(corpus, encoding="utf-8") as fh:
            for line in fh:
                if line.strip():
                    r = json.loads(line)
                    bases.append({k: r.get(k) for k in ("id", "date", "title", "text")})
                if len(bases) >= limit:
                    break
    if not bases:
        from newsevents.io.readers import iter_articles
        from newsevents.records import Article

        for a in iter_articles([str(DEMO)]):
            if isinstance(a, Article):
                bases.append({"id": a.id, "date": a.date, "title": a.title, "text": a.text})
    if not bases:
        bases = [{"id": "x", "date": "2017-06-01", "title": "Police arrest protesters",
                  "text": "CAIRO: Police arrested dozens of protesters on Monday, officials said."}]
    return bases


def shorten(rng: random.Random, text: str) -> str:
    """A few paragraphs or sentences of ``text`` (most inputs are short, so a run is quick)."""
    if rng.random() < 0.1:
        return text
    parts = re.split(r"(?<=[.!?])\s+|\n+", text)
    k = rng.randint(1, 4)
    i = rng.randrange(max(1, len(parts) - k + 1))
    return " ".join(parts[i:i + k]) or text[:400]


# -- mutations of one article (title, text, date) ---------------------------------------------------


def sprinkle(rng: random.Random, s: str, pool: list[str], n: int) -> str:
    if not s:
        return rng.choice(pool)
    pos = sorted(rng.randrange(len(s) + 1) for _ in range(n))
    out, last = [], 0
    for p in pos:
        out.append(s[last:p])
        out.append(rng.choice(pool))
        last = p
    out.append(s[last:])
    return "".join(out)


def m_control(rng, a):
    a["text"] = sprinkle(rng, a["text"], CONTROL, rng.randint(1, 8))
    if a["title"] and rng.random() < 0.5:
        a["title"] = sprinkle(rng, a["title"], CONTROL, rng.randint(1, 3))


def m_surrogate(rng, a):
    where = rng.choice(["text", "title", "both"])
    if where in ("text", "both"):
        a["text"] = sprinkle(rng, a["text"], SURROGATES, rng.randint(1, 3))
    if where in ("title", "both"):
        a["title"] = sprinkle(rng, a["title"] or "Headline", SURROGATES, 1)


def m_huge_token(rng, a):
    n = rng.choice([5_000, 50_000, 200_000])
    # (a run of emoji is one token per emoji, all in one sentence: kept short, see SLOW below)
    tok = rng.choice(["a" * n, "http://x.test/" + "p/" * (n // 2), "\u00e9" * n, "-" * n, "A." * (n // 2),
                      "\U0001F600" * min(n // 10, 300)])
    a["text"] = sprinkle(rng, a["text"], [f" {tok} "], 1)


def m_deep_markup(rng, a):
    tag = rng.choice(TAGS)
    n = rng.choice([10, 500, 5_000])
    if rng.random() < 0.5:
        a["text"] = f"<{tag}>" * n + a["text"] + f"</{tag}>" * rng.randint(0, n)
    else:
        a["text"] = sprinkle(rng, a["text"], ["<", ">", "</", "<!--", "-->", "&amp;", "&#xD800;", "&#99999999;",
                                              f"<{tag} a='", "<br/>", "<script>"], rng.randint(2, 20))


def m_date(rng, a):
    a["date"] = rng.choice(DATE_EDGES)


def m_apostrophes(rng, a):
    a["text"] = re.sub("'", lambda m: rng.choice(APOSTROPHES), a["text"])
    a["text"] = re.sub('"', lambda m: rng.choice(QUOTES), a["text"])
    a["text"] = sprinkle(rng, a["text"], APOSTROPHES + QUOTES, rng.randint(1, 6))
    if a["title"]:
        a["title"] = sprinkle(rng, a["title"], APOSTROPHES, 1)


def m_rtl(rng, a):
    a["text"] = sprinkle(rng, a["text"], BIDI, rng.randint(1, 10))
    if a["title"]:
        a["title"] = sprinkle(rng, a["title"], BIDI, rng.randint(1, 2))


def m_mojibake(rng, a):
    a["text"] = a["text"].encode("utf-8", "replace").decode("cp1252", "replace")
    if a["title"] and rng.random() < 0.5:
        a["title"] = a["title"].encode("utf-8", "replace").decode("latin-1")


def m_whitespace(rng, a):
    a["text"] = sprinkle(rng, a["text"], ODD_SPACE + ["\n" * 50, " " * 200, "\r"], rng.randint(1, 12))


def m_empty(rng, a):
    a["text"] = rng.choice(["", " ", "\n\n", ".", "a", "<p></p>", "&nbsp;", "\u200b", "-- --", "\x00", "?" * 3])
    if rng.random() < 0.3:
        a["title"] = None


def m_random_text(rng, a):
    a["text"] = "".join(chr(rng.choice([rng.randrange(32, 127), rng.randrange(0x80, 0x3000),
                                        rng.randrange(0x10000, 0x10ffff)]))
                        for _ in range(rng.randint(1, 300)))


def m_none(rng, a):
    pass


MUTATIONS = {"plain": m_none, "control": m_control, "surrogate": m_surrogate, "huge_token": m_huge_token,
             "deep_markup": m_deep_markup, "date_edge": m_date, "apostrophes": m_apostrophes, "rtl": m_rtl,
             "mojibake": m_mojibake, "whitespace": m_whitespace, "empty": m_empty, "random_text": m_random_text}


# -- an article as file bytes -------------------------------------------------------------------------


def encode(rng: random.Random, text: str) -> bytes:
    enc = rng.choices(["utf-8", "utf-8-sig", "cp1252", "latin-1", "utf-16"], [10, 1, 2, 1, 1])[0]
    errors = "surrogatepass" if enc.startswith("utf") else "replace"
    return text.encode(enc, errors)


def as_file(rng: random.Random, a: dict, fmt: str) -> tuple[str, bytes]:
    title, text, date = a["title"] or "", a["text"], a["date"]
    if fmt == "text":
        head = f"date {date} {title}\n" if date is not None or title else ""
        return ".txt", encode(rng, head + rng.choice(["\n", "", "\r\n"]) + text)
    if fmt == "jsonl":
        rec = {"id": a["id"], "date": date, "title": title, "text": text}
        line = json.dumps(rec, ensure_ascii=rng.random() < 0.5)
        return ".jsonl", line.encode("utf-8", "surrogatepass") + b"\n"
    if fmt == "csv":
        def q(s):
            return '"' + (s or "").replace('"', '""') + '"'
        return ".csv", encode(rng, f"id,date,title,text\n{q(a['id'])},{q(date)},{q(title)},{q(text)}\n")
    meta = f'<meta property="article:published_time" content="{date}">' if date is not None else ""
    cs = rng.choice(["", '<meta charset="utf-8">', '<meta charset="utf-16">', '<meta charset="latin-1">',
                     '<meta charset="bogus">'])
    body = "".join(f"<p>{p}</p>" for p in text.split("\n"))
    page = f"<html><head>{cs}<title>{title}</title>{meta}</head><body><article>{body}</article></body></html>"
    return ".html", encode(rng, page)


def mutate_bytes(rng: random.Random, data: bytes) -> bytes:
    b = bytearray(data)
    for _ in range(rng.randint(1, 6)):
        op = rng.choice(["flip", "insert", "delete", "truncate", "nul", "cr"])
        i = rng.randrange(len(b) + 1)
        if op == "flip" and i < len(b):
            b[i] = rng.randrange(256)
        elif op == "insert":
            b[i:i] = bytes(rng.randrange(256) for _ in range(rng.randint(1, 8)))
        elif op == "delete":
            del b[i:i + rng.randint(1, 16)]
        elif op == "truncate" and rng.random() < 0.3:
            del b[i:]
        elif op == "nul":
            b[i:i] = b"\x00"
        elif op == "cr":
            b = bytearray(bytes(b).replace(b"\n", b"\r"))
    return bytes(b)


def multi_file(rng: random.Random, arts: list[dict]) -> tuple[str, bytes, int | None]:
    """A JSONL or CSV file of several records, some lines broken."""
    if rng.random() < 0.5:
        lines = []
        for a in arts:
            line = json.dumps({"id": a["id"], "date": a["date"], "title": a["title"], "text": a["text"]},
                              ensure_ascii=rng.random() < 0.5).encode("utf-8", "surrogatepass")
            r = rng.random()
            if r < 0.15:
                line = line[: rng.randrange(len(line))]  # broken JSON
            elif r < 0.25:
                line = sprinkle(rng, line.decode("latin-1"), ["\x00"], 1).encode("latin-1")
            elif r < 0.35:
                line = json.dumps({"text": a["text"]}, ensure_ascii=False).encode("cp1252", "replace")
            lines.append(line)
        eol = rng.choice([b"\n", b"\r\n", b"\r"])
        data = eol.join(lines) + eol
        n = sum(1 for x in re.split(rb"\r\n|\r|\n", data) if x.strip())
        return ".jsonl", data, n
    rows = ["id,date,title,text"]
    for a in arts:
        def q(s):
            return '"' + (s or "").replace('"', '""') + '"'
        row = f"{q(a['id'])},{q(a['date'])},{q(a['title'])},{q(a['text'])}"
        if rng.random() < 0.2:
            row = row[:-1]  # an unterminated quote
        rows.append(row)
    return ".csv", encode(rng, "\n".join(rows) + "\n"), None


# -- building the inputs -------------------------------------------------------------------------------


def build_cases(n: int, seed: int, bases: list[dict], huge: bool) -> list[Case]:
    from newsevents.records import Article

    rng = random.Random(seed)
    kinds = list(MUTATIONS) + ["bytes", "multi", "random_bytes"]
    weights = [4, 3, 3, 1, 2, 3, 2, 2, 2, 2, 2, 2, 4, 2, 1]
    cases = []
    for i in range(n):
        kind = rng.choices(kinds, weights)[0]
        a = dict(rng.choice(bases))
        a["text"] = shorten(rng, a["text"] or "")
        a["id"] = f"fz{i}"
        if huge and i == min(50, n - 1):  # early, so a run cut short by --max-seconds has it
            words = (a["text"] or "The talks went on.").split() or ["word"]
            a["text"] = " ".join(words[j % len(words)] for j in range(100_000))
            kind = "huge_article"
        elif kind in MUTATIONS:
            MUTATIONS[kind](rng, a)
        if kind in MUTATIONS and rng.random() < 0.2:  # a library user's Article, no reader in between
            day = rng.choice(VALID_DATE_EDGES) if rng.random() < 0.3 else api_date(rng, a["date"])
            cases.append(Case(i, kind, "api", article=Article(id=a["id"], text=a["text"], date=day, title=a["title"])))
            continue
        if kind == "multi":
            arts = [dict(rng.choice(bases)) for _ in range(rng.randint(2, 6))]
            for j, b in enumerate(arts):
                b["id"], b["text"] = f"fz{i}.{j}", shorten(rng, b["text"] or "")
                MUTATIONS[rng.choice(list(MUTATIONS))](rng, b)
            ext, data, lines = multi_file(rng, arts)
            cases.append(Case(i, kind, "file", f"{i:06d}{ext}", data, lines=lines))
            continue
        if kind == "random_bytes":
            ext = rng.choice([".txt", ".jsonl", ".csv", ".html", ".json", ".tsv", ".dat"])
            data = bytes(rng.randrange(256) for _ in range(rng.randint(0, 400)))
            cases.append(Case(i, kind, "file", f"{i:06d}{ext}", data))
            continue
        fmt = rng.choice(["text", "jsonl", "csv", "html"])
        ext, data = as_file(rng, a, fmt)
        if kind == "bytes":
            data = mutate_bytes(rng, data)
        lines = None
        if ext == ".jsonl" and not data.lstrip(b"\xef\xbb\xbf \t\r\n").startswith(b"[") \
                and not data.startswith((b"\xff\xfe", b"\xfe\xff")):
            lines = sum(1 for x in re.split(rb"\r\n|\r|\n", data.removeprefix(b"\xef\xbb\xbf")) if x.strip())
        cases.append(Case(i, kind, "file", f"{i:06d}{ext}", data, lines=lines))
    return cases


def api_date(rng: random.Random, d: str | None) -> str | None:
    """An Article's date must be a real day (YYYY-MM-DD): ``d`` when it is one, else an edge day."""
    if d and re.fullmatch(r"\d{4}-\d{2}-\d{2}", d):
        try:
            return datetime.date.fromisoformat(d).isoformat()
        except ValueError:
            pass
    return rng.choice(VALID_DATE_EDGES)


# -- running -----------------------------------------------------------------------------------------------


def where_raised(exc: BaseException) -> str:
    """``ExcType in file:line (function)``, the innermost frame in newsevents (else the innermost)."""
    frames = traceback.extract_tb(exc.__traceback__)
    ours = [f for f in frames if "/newsevents/" in f.filename.replace("\\", "/")]
    f = (ours or frames or [None])[-1]
    at = f"{Path(f.filename).parent.name}/{Path(f.filename).name}:{f.lineno} ({f.name})" if f else "?"
    return f"{type(exc).__name__} in {at}"


ROTATE_BATCHES = 20  # batches per store (see Runner.rotate)


class Runner:
    """Codes batches: files with ``coding.code`` (per-record outcomes), then written into one DuckDB
    store for the run as ``coding.ingest`` does (the store, and stories joined with stored ones); Articles with
    ``Pipeline.run`` and stories over the store (all of them, and the dated ones alone, as a batch
    whose articles all have dates takes another way)."""

    def __init__(self, batch: int, tmp: Path):
        from newsevents import Pipeline
        from newsevents.store import open_db

        self.batch = batch
        self.pipeline = Pipeline()
        self.tmp = tmp
        self.stores = 0
        self.store = open_db(tmp / "fuzz-0.duckdb")
        self.batch_errors: list[str] = []  # raised by a batch, by no single input of it

    def rotate(self) -> None:
        """Continue in a new store: stories are joined with every stored article, so one store for
        a whole long run makes each batch slower than the last."""
        from newsevents.store import open_db

        self.store.close()
        (self.tmp / f"fuzz-{self.stores}.duckdb").unlink(missing_ok=True)
        self.stores += 1
        self.store = open_db(self.tmp / f"fuzz-{self.stores}.duckdb")

    def close(self) -> None:
        self.store.close()

    def files(self, cases: list[Case], folder: Path) -> None:
        from newsevents.coding import code

        if not cases:
            return
        for c in cases:
            (folder / c.name).write_bytes(c.data)
        by_name = {c.name: c for c in cases}
        try:
            outcomes = list(code([str(folder)], workers=1, stories=True))
        except Exception as batch_exc:  # noqa: BLE001 - find the inputs that raise, one by one
            self.one_by_one(cases, lambda c: list(code([str(folder / c.name)], workers=1, stories=True)),
                            batch_exc, "files")
            return
        for o in outcomes:
            path = getattr(o, "path", None) or getattr(getattr(o, "article", None), "path", None)
            c = by_name.get(Path(path).name) if path else None
            if c is not None:
                c.outcomes.append(o)
        self.store_batch(cases, outcomes, "files")

    def one_by_one(self, cases: list[Case], run_one, batch_exc: BaseException, what: str) -> None:
        """A batch raised: code and store each input alone to find those that raise."""
        for c in cases:
            try:
                c.outcomes = run_one(c)
                self.stored(c.outcomes)
            except Exception as exc:  # noqa: BLE001
                c.raised, c.outcomes = where_raised(exc), []
        if not any(c.raised for c in cases):
            self.batch_errors.append(where_raised(batch_exc) + f" (a batch of {what})")

    def store_batch(self, cases: list[Case], outcomes: list, what: str) -> None:
        """Store a batch's outcomes; when that raises, find the inputs whose stories raise."""
        try:
            self.stored(outcomes)
        except Exception as batch_exc:  # noqa: BLE001
            for c in cases:
                try:
                    self.stories_only(c.outcomes)
                except Exception as exc:  # noqa: BLE001 - as in an ingest run, its outcome is lost
                    c.raised, c.outcomes = where_raised(exc), []
            if not any(c.raised for c in cases):
                self.batch_errors.append(where_raised(batch_exc) + f" (a batch of {what})")

    def stored(self, outcomes: list) -> None:
        """Write ``outcomes`` into the run's store and join them to its stories, as
        ``coding.ingest`` does (without coding them again)."""
        from newsevents.records import RunSummary
        from newsevents.stories import StoryIndex

        run_id = self.store.begin_run("fuzz")
        stories = StoryIndex(store=self.store)
        for r in outcomes:
            if not hasattr(r, "article"):
                self.store.write_rejection(r, run_id=run_id)
            elif self.store.write(r, run_id=run_id):
                stories.add(r)
        self.store.flush()
        stories.finish()
        self.store.finish_run(run_id, RunSummary())

    def stories_only(self, outcomes: list) -> None:
        """The stories step alone for ``outcomes`` against the store (nothing written)."""
        from newsevents.stories import StoryIndex

        index = StoryIndex(store=self.store, write=False)
        for r in outcomes:
            if hasattr(r, "article"):
                index.add(r)
        index.finish()

    def api(self, cases: list[Case]) -> None:
        if not cases:
            return
        try:
            results = list(self.pipeline.run([c.article for c in cases]))
        except Exception as batch_exc:  # noqa: BLE001 - find the inputs that raise, one by one
            self.one_by_one(cases, lambda c: list(self.pipeline.run([c.article])), batch_exc, "Articles")
            return
        for c, r in zip(cases, results):
            c.outcomes = [r]
        self.store_batch(cases, results, "Articles")
        # a batch whose articles all have dates takes another way in stories: the dated ones alone
        dated = [c for c in cases if c.outcomes and hasattr(c.outcomes[0], "article") and c.article.date]
        try:
            self.stories_only([c.outcomes[0] for c in dated])
        except Exception:  # noqa: BLE001
            for c in dated:
                try:
                    self.stories_only(c.outcomes)
                except Exception as exc:  # noqa: BLE001
                    c.raised, c.outcomes = where_raised(exc), []


def run(n: int, seed: int, *, corpus: Path | None = DEFAULT_CORPUS, batch: int = 100, huge: bool | None = None,
        progress: bool = False, max_seconds: float | None = None, shard: tuple[int, int] = (1, 1)) -> dict:
    """Fuzz ``n`` inputs with ``seed``; returns the counts (see the module docstring). With
    ``max_seconds``, no batch starts after that time and the inputs not run are left out. With
    ``shard=(i, k)``, only the batches whose number is ``i - 1`` modulo ``k`` are run (and counted)."""
    import logging

    logging.disable(logging.WARNING)  # the library logs every rejection; the counts say it all
    t0 = time.perf_counter()
    bases = load_bases(corpus)
    cases = build_cases(n, seed, bases, huge=n >= 2000 if huge is None else huge)
    i, k = shard
    if k > 1:
        cases = [c for b0 in range(0, len(cases), batch) if (b0 // batch) % k == i - 1
                 for c in cases[b0:b0 + batch]]
    with tempfile.TemporaryDirectory(prefix="newsevents-fuzz-") as tmp:
        runner = Runner(batch, Path(tmp))
        for b0 in range(0, len(cases), batch):
            if max_seconds is not None and time.perf_counter() - t0 > max_seconds:
                cases = cases[:b0]
                break
            chunk = cases[b0:b0 + batch]
            folder = Path(tmp) / f"b{b0}"
            folder.mkdir()
            runner.files([c for c in chunk if c.via == "file"], folder)
            runner.api([c for c in chunk if c.via == "api"])
            shutil.rmtree(folder, ignore_errors=True)
            if (b0 // batch + 1) % ROTATE_BATCHES == 0:
                runner.rotate()
            if progress:
                print(f"  {min(b0 + batch, len(cases))}/{len(cases)} inputs, {time.perf_counter() - t0:.0f}s",
                      file=sys.stderr, flush=True)
        runner.close()
    logging.disable(logging.NOTSET)
    return summarize(cases, runner.batch_errors, time.perf_counter() - t0, seed,
                     "corpus" if corpus and corpus.is_file() else "demo")


def summarize(cases: list[Case], batch_errors: list[str], seconds: float, seed: int, source: str) -> dict:
    records = Counter()
    raised = Counter(batch_errors)
    examples: dict[str, str] = {e: "(only the whole batch raised)" for e in batch_errors}
    unaccounted = []
    stage_failures = Counter()
    stage_examples: dict[str, str] = {}
    for c in cases:
        for o in c.outcomes:
            records["coded" if hasattr(o, "article") else o.status] += 1
            if not hasattr(o, "article") and o.stage != "ingest":
                key = f"{o.stage}: {o.reason.split(':')[0]}"
                stage_failures[key] += 1
                stage_examples.setdefault(key, f"{describe(c)} -> {o.reason[:120]}")
        if c.raised:
            raised[c.raised] += 1
            examples.setdefault(c.raised, describe(c))
        missing = not c.outcomes or (c.lines is not None and len(c.outcomes) != c.lines)
        if missing:
            unaccounted.append(c)
    return {
        "inputs": len(cases), "seed": seed, "bases": source,
        "files": sum(c.via == "file" for c in cases), "api": sum(c.via == "api" for c in cases),
        "kinds": dict(sorted(Counter(c.kind for c in cases).items())),
        "coded": records["coded"], "skipped": records["skipped"], "failed": records["failed"],
        "uncaught": sum(raised.values()),
        "uncaught_by_place": {k: {"count": v, "example": examples[k]} for k, v in raised.most_common()},
        "failed_in_stages": {k: {"count": v, "example": stage_examples[k]} for k, v in stage_failures.most_common()},
        "unaccounted": len(unaccounted),
        "lost": sum(1 for c in unaccounted if not c.raised),  # unaccounted, and not because it raised
        "unaccounted_examples": [describe(c) for c in unaccounted[:5]],
        "seconds": round(seconds, 1),
        "shards": 1,
    }


def merge(parts: list[dict]) -> dict:
    """The summary of a run split into shards (``--shard``): counts added up, time the longest."""
    out = {"inputs": 0, "seed": parts[0]["seed"], "bases": parts[0]["bases"], "files": 0, "api": 0,
           "kinds": Counter(), "coded": 0, "skipped": 0, "failed": 0, "uncaught": 0, "uncaught_by_place": {},
           "failed_in_stages": {}, "unaccounted": 0, "lost": 0, "unaccounted_examples": [],
           "seconds": max(p["seconds"] for p in parts), "shards": sum(p.get("shards", 1) for p in parts)}
    for p in parts:
        for key in ("inputs", "files", "api", "coded", "skipped", "failed", "uncaught", "unaccounted", "lost"):
            out[key] += p[key]
        out["kinds"].update(p["kinds"])
        for key in ("uncaught_by_place", "failed_in_stages"):
            for place, v in p[key].items():
                have = out[key].setdefault(place, {"count": 0, "example": v["example"]})
                have["count"] += v["count"]
        out["unaccounted_examples"] += p["unaccounted_examples"][:5 - len(out["unaccounted_examples"])]
    out["kinds"] = dict(sorted(out["kinds"].items()))
    return out


def describe(c: Case) -> str:
    if c.via == "api":
        a = c.article
        return f"#{c.idx} {c.kind} via api: date={a.date!r} title={(a.title or '')[:60]!r} text={a.text[:60]!r}"
    return f"#{c.idx} {c.kind} via file {c.name} ({len(c.data)} bytes): {c.data[:80]!r}"


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--n", type=int, default=1000, help="inputs (default 1000)")
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS,
                    help="JSONL of real articles to mutate (default ../shared/eval/corpus/inputs.jsonl; "
                         "demo/articles when missing)")
    ap.add_argument("--batch", type=int, default=100, help="inputs per batch (default 100)")
    ap.add_argument("--huge", choices=["auto", "yes", "no"], default="auto",
                    help="include one 100k-word article (auto: when --n >= 2000)")
    ap.add_argument("--max-seconds", type=float, help="start no batch after this many seconds (the inputs "
                    "not run are left out of the counts)")
    ap.add_argument("--json", type=Path, help="also write the summary as JSON here")
    ap.add_argument("--shard", default="1/1", help="I/K: run every K-th batch, starting with the I-th "
                    "(default 1/1, all); run K processes and --merge their --json summaries")
    ap.add_argument("--merge", type=Path, nargs="+", metavar="JSON",
                    help="print the summary of shards' --json files instead of running")
    args = ap.parse_args(argv)
    huge = None if args.huge == "auto" else args.huge == "yes"
    if args.merge:
        s = merge([json.loads(p.read_text(encoding="utf-8")) for p in args.merge])
    else:
        i, _, k = args.shard.partition("/")
        if not (i.isdigit() and k.isdigit() and 1 <= int(i) <= int(k)):
            ap.error(f"--shard must be I/K with 1 <= I <= K, not {args.shard!r}")
        s = run(args.n, args.seed, corpus=args.corpus, batch=args.batch, huge=huge, progress=True,
                max_seconds=args.max_seconds, shard=(int(i), int(k)))
    print(f"inputs      {s['inputs']} ({s['files']} files, {s['api']} Article objects; seed {s['seed']}, "
          f"bases from {s['bases']})")
    print(f"records     coded {s['coded']}, skipped {s['skipped']}, failed {s['failed']}")
    print("failed past the readers (a stage's error, caught by the pipeline):")
    for key, v in s["failed_in_stages"].items():
        print(f"  {v['count']:5d}  {key}\n         e.g. {v['example']}")
    print(f"uncaught    {s['uncaught']}")
    for place, v in s["uncaught_by_place"].items():
        print(f"  {v['count']:5d}  {place}\n         e.g. {v['example']}")
    print(f"unaccounted {s['unaccounted']}")
    for e in s["unaccounted_examples"]:
        print(f"         e.g. {e}")
    print(f"time        {s['seconds']}s" + (f" (the longest of {s['shards']} shards)" if s["shards"] > 1 else ""))
    if args.json:
        args.json.write_text(json.dumps(s, indent=1, ensure_ascii=False), encoding="utf-8")
    return 1 if s["uncaught"] or s["unaccounted"] else 0


if __name__ == "__main__":
    sys.exit(main())
