"""Readers: every format and every bad input, on real files under tmp_path.

All article texts here are invented for these tests.
"""

from __future__ import annotations

import io
import json

import pytest

from newsevents.io.readers import detect_format, iter_articles, parse_date
from newsevents.records import Article, Rejection

STORY_A = "date 2019-06-03 Harbour reopens after storm\n\nWorkers cleared the harbour at Port Aldin on Sunday.\n"
STORY_B = "date 2019-06-04 Council votes on budget\nThe town council approved the budget by six votes to three.\n"


def read(*paths, **kw):
    return list(iter_articles([str(p) for p in paths], **kw))


def only(items):
    assert len(items) == 1, items
    return items[0]


# --- dated text and directories -------------------------------------------------------------


def test_dated_text_file(tmp_path):
    f = tmp_path / "a.txt"
    f.write_text(STORY_A, encoding="utf-8")
    a = only(read(f))
    assert isinstance(a, Article)
    assert a.id == "a.txt" and a.path == str(f)
    assert a.date == "2019-06-03"
    assert a.title == "Harbour reopens after storm"
    assert a.text == "Workers cleared the harbour at Port Aldin on Sunday.\n"
    assert a.encoding == "utf-8" and a.encoding_guessed is False


def test_directory_is_recursive_sorted_filtered_and_skips_hidden(tmp_path):
    (tmp_path / "sub").mkdir()
    (tmp_path / ".git").mkdir()
    (tmp_path / "b.txt").write_text(STORY_B, encoding="utf-8")
    (tmp_path / "sub" / "a.txt").write_text(STORY_A, encoding="utf-8")
    (tmp_path / ".hidden.txt").write_text(STORY_A, encoding="utf-8")
    (tmp_path / ".git" / "c.txt").write_text(STORY_A, encoding="utf-8")
    (tmp_path / "notes.md").write_text(STORY_B, encoding="utf-8")
    items = read(tmp_path)
    assert [i.id for i in items] == ["b.txt", "notes.md", "sub/a.txt"]
    assert all(isinstance(i, Article) for i in items)
    items = read(tmp_path, glob="**/*.txt")
    assert [i.id for i in items] == ["b.txt", "sub/a.txt"]


def test_missing_date_line_reads_whole_file_without_date(tmp_path):
    f = tmp_path / "nodate.txt"
    body = "Fishermen in the bay protested against new quotas.\nThey blocked the pier.\n"
    f.write_text(body, encoding="utf-8")
    a = only(read(f))
    assert isinstance(a, Article)
    assert a.date is None and a.title is None and a.text == body


def test_body_starting_with_the_word_date_is_not_a_date_line(tmp_path):
    f = tmp_path / "palms.txt"
    f.write_text("Date palms were planted along the new road.\n", encoding="utf-8")
    a = only(read(f))
    assert isinstance(a, Article) and a.date is None


def test_impossible_date_is_skipped_with_reason(tmp_path):
    f = tmp_path / "bad.txt"
    f.write_text("date 2017-02-30 A day that never was\nSomething happened.\n", encoding="utf-8")
    r = only(read(f))
    assert isinstance(r, Rejection)
    assert r.status == "skipped" and r.stage == "ingest" and r.record_id == "bad.txt"
    assert "impossible date 2017-02-30 in line 1 of" in r.reason and str(f) in r.reason


def test_unreadable_date_line_is_skipped(tmp_path):
    f = tmp_path / "typo.txt"
    f.write_text("date 2017-13 Month thirteen\nText.\n", encoding="utf-8")
    r = only(read(f))
    assert isinstance(r, Rejection) and r.status == "skipped" and "unrecognised date '2017-13'" in r.reason


def test_date_line_without_body_is_skipped(tmp_path):
    f = tmp_path / "head.txt"
    f.write_text("date 2019-01-01 Only a headline\n\n", encoding="utf-8")
    r = only(read(f))
    assert isinstance(r, Rejection) and r.status == "skipped" and "no text after the date line" in r.reason


def test_crlf_and_bom(tmp_path):
    f = tmp_path / "win.txt"
    f.write_bytes(b"\xef\xbb\xbfdate 2020-12-01 Snow closes schools\r\n\r\nSchools shut in the valley.\r\n")
    a = only(read(f))
    assert a.date == "2020-12-01" and a.title == "Snow closes schools"
    assert a.text.startswith("Schools shut") and a.encoding == "utf-8" and not a.encoding_guessed


def test_empty_file_skipped(tmp_path):
    (tmp_path / "empty.txt").write_bytes(b"")
    (tmp_path / "blank.txt").write_bytes(b"  \n\n ")
    items = read(tmp_path)
    assert [(i.status, i.record_id) for i in items] == [("skipped", "blank.txt"), ("skipped", "empty.txt")]
    assert all("empty file" in i.reason for i in items)


def test_binary_file_skipped(tmp_path):
    (tmp_path / "blob.txt").write_bytes(b"\x00\x01\x02binary\x00" * 50)
    (tmp_path / "doc.pdf").write_bytes(b"%PDF-1.4\n" + bytes(range(256)) * 4)
    (tmp_path / "ctrl.txt").write_bytes(bytes([1, 2, 3, 4, 5, 6, 7, 8, 14, 15]) * 30 + b"some words")
    items = read(tmp_path)
    assert all(isinstance(i, Rejection) and i.status == "skipped" for i in items)
    assert all("binary file" in i.reason for i in items)


def test_cp1252_bytes_decoded_with_guessed_encoding(tmp_path):
    f = tmp_path / "old.txt"
    f.write_bytes("date 2016-05-05 Caf\u00e9 reopens\nThe caf\u00e9\u2019s owner said \u201cwelcome back\u201d.\n"
                  .encode("cp1252"))
    a = only(read(f))
    assert isinstance(a, Article)
    assert a.encoding == "cp1252" and a.encoding_guessed is True
    assert a.title == "Caf\u00e9 reopens"
    assert "caf\u00e9\u2019s owner said \u201cwelcome back\u201d" in a.text


def test_latin1_fallback_when_cp1252_cannot_decode(tmp_path):
    f = tmp_path / "odd.txt"
    f.write_bytes(b"Na\xefve text with byte \x81 inside.\n")
    a = only(read(f))
    assert a.encoding == "latin-1" and a.encoding_guessed and a.text.startswith("Na\u00efve")


def test_utf16_with_bom(tmp_path):
    f = tmp_path / "u16.txt"
    f.write_bytes("date 2021-03-03 Bridge opens\nThe bridge opened.\n".encode("utf-16"))
    a = only(read(f))
    assert isinstance(a, Article) and a.date == "2021-03-03" and a.encoding == "utf-16"


def test_five_megabyte_article_is_read(tmp_path):
    f = tmp_path / "big.txt"
    body = "The river rose again and the town council met to discuss the levee. " * 75_000
    f.write_text("date 2018-08-08 A very long report\n" + body, encoding="utf-8")
    a = only(read(f))
    assert isinstance(a, Article) and len(a.text) == len(body) >= 5_000_000


def test_file_that_disappears_mid_run_fails_and_batch_goes_on(tmp_path):
    for name, story in (("a.txt", STORY_A), ("b.txt", STORY_B), ("c.txt", STORY_A)):
        (tmp_path / name).write_text(story, encoding="utf-8")
    it = iter_articles([str(tmp_path)])
    first = next(it)
    assert isinstance(first, Article) and first.id == "a.txt"
    (tmp_path / "b.txt").unlink()  # listed already, gone before it is read
    rest = list(it)
    assert isinstance(rest[0], Rejection) and rest[0].status == "failed" and rest[0].record_id == "b.txt"
    assert "disappeared" in rest[0].reason
    assert isinstance(rest[1], Article) and rest[1].id == "c.txt"


def test_missing_path_fails_with_reason(tmp_path):
    r = only(read(tmp_path / "nope.txt"))
    assert isinstance(r, Rejection) and r.status == "failed" and "no such file" in r.reason


# --- JSONL --------------------------------------------------------------------------------------


def test_jsonl_records_bad_lines_and_the_batch_goes_on(tmp_path):
    f = tmp_path / "feed.jsonl"
    lines = [
        json.dumps({"id": "n1", "date": "2019-07-01", "title": "Dam opens", "text": "A dam opened.",
                    "url": "https://example.org/n1", "source": "Valley Post", "extra": [1, 2]}),
        '{"id": "n2", "text": "broken',
        "",
        json.dumps({"date": "2019-07-02T08:30:00Z", "text": "No id here."}),
        json.dumps({"id": "n4", "title": "no text"}),
        json.dumps({"id": "n5", "text": "   "}),
        json.dumps({"id": "n6", "date": "2019-02-31", "text": "Bad day."}),
        json.dumps(["not", "an", "object"]),
        json.dumps({"id": 7, "date": None, "body": "Text under another common name."}),
        json.dumps({"id": "n9", "date": "10:05 AM ET", "text": "Scraped time, no day."}),
    ]
    f.write_text("\n".join(lines) + "\n", encoding="utf-8")
    items = read(f)
    assert len(items) == 9
    a = items[0]
    assert isinstance(a, Article) and (a.id, a.date, a.title, a.url, a.source) == (
        "n1", "2019-07-01", "Dam opens", "https://example.org/n1", "Valley Post")
    assert not hasattr(a, "extra")
    bad = items[1]
    assert isinstance(bad, Rejection) and bad.status == "failed" and bad.record_id == "feed.jsonl:2"
    assert "line 2: invalid JSON (" in bad.reason
    noid = items[2]
    assert isinstance(noid, Article) and noid.id == "feed.jsonl:4" and noid.date == "2019-07-02"
    assert isinstance(items[3], Rejection) and items[3].status == "failed" and "no text field" in items[3].reason
    assert isinstance(items[4], Rejection) and items[4].status == "skipped" and "empty text" in items[4].reason
    assert isinstance(items[5], Rejection) and items[5].status == "skipped"
    assert "impossible date 2019-02-31" in items[5].reason and "line 7" in items[5].reason
    assert isinstance(items[6], Rejection) and "expected a JSON object" in items[6].reason
    assert isinstance(items[7], Article) and items[7].id == "7" and items[7].text.startswith("Text under")
    assert isinstance(items[8], Article) and items[8].date is None  # not a date at all: coded without one


def test_json_array_file(tmp_path):
    f = tmp_path / "batch.json"
    f.write_text(json.dumps([{"id": "x", "text": "First."}, {"text": "Second."}]), encoding="utf-8")
    items = read(f)
    assert [i.id for i in items] == ["x", "batch.json:2"]


# --- CSV ------------------------------------------------------------------------------------------


def test_csv_with_column_mapping_and_us_dates(tmp_path):
    f = tmp_path / "news.csv"
    f.write_text(
        'Heading,Date,Article,Ref\n'
        '"Ferry sinks","1/31/2017","A ferry sank off the coast, officials said.",r1\n'
        'Strike ends,2017-02-01,"Dock workers ended\ntheir strike.",r2\n'
        'Empty one,2017-02-02,,r3\n'
        'Bad date,2/30/2017,Some text.,r4\n',
        encoding="utf-8")
    cols = {"text": "Article", "title": "Heading", "date": "Date", "id": "Ref"}
    items = read(f, csv_columns=cols)
    assert len(items) == 4
    a, b, empty, bad = items
    assert (a.id, a.title, a.date) == ("r1", "Ferry sinks", "2017-01-31")
    assert a.text == "A ferry sank off the coast, officials said."
    assert (b.id, b.date, b.text) == ("r2", "2017-02-01", "Dock workers ended\ntheir strike.")
    assert isinstance(empty, Rejection) and empty.status == "skipped"
    assert isinstance(bad, Rejection) and bad.status == "skipped" and "impossible date 2/30/2017" in bad.reason


def test_csv_default_mapping_is_case_insensitive_and_ids_default_to_file_line(tmp_path):
    f = tmp_path / "feed.tsv"
    f.write_text("HEADLINE\tPublished\tBody\tURL\nRoad opens\t2018-03-03\tThe road opened.\thttp://x.test/1\n",
                 encoding="utf-8")
    a = only(read(f))
    assert isinstance(a, Article)
    assert (a.id, a.title, a.date, a.text, a.url) == ("feed.tsv:2", "Road opens", "2018-03-03",
                                                       "The road opened.", "http://x.test/1")


def test_csv_without_text_column_fails_once_with_the_columns(tmp_path):
    f = tmp_path / "odd.csv"
    f.write_text("a,b\n1,2\n3,4\n", encoding="utf-8")
    r = only(read(f))
    assert isinstance(r, Rejection) and r.status == "failed"
    assert "a, b" in r.reason and "--columns text=" in r.reason
    r = only(read(f, csv_columns={"text": "Missing"}))
    assert "'Missing'" in r.reason


def test_csv_long_cell(tmp_path):
    f = tmp_path / "long.csv"
    body = "word " * 60_000  # larger than the csv module's default field limit
    f.write_text(f"text\n\"{body}\"\n", encoding="utf-8")
    a = only(read(f))
    assert isinstance(a, Article) and a.text == body


# --- HTML -----------------------------------------------------------------------------------------

PAGE = """<!DOCTYPE html>
<html><head><title>Flood waters recede in Marlow</title>
<meta property="article:published_time" content="2020-02-11T09:15:00+00:00">
<meta property="og:site_name" content="Marlow Courier">
<link rel="canonical" href="https://courier.example/flood">
<style>body { font-family: serif }</style>
<script>window.tracker = "do not keep this";</script>
</head><body>
<header><nav><a href="/">Home</a> <a href="/news">News</a></nav></header>
<h1>Flood waters recede in Marlow</h1>
<p>MARLOW: Flood waters fell on Tuesday, the river&nbsp;authority said.</p>
<p>Residents began to return <b>home</b>.<br>Schools stay shut.</p>
<script>console.log("still not kept")</script>
<ul><li>Roads: open</li><li>Rail: closed</li></ul>
<aside>Related: other floods</aside>
<footer>Copyright the Courier</footer>
</body></html>
"""


def test_html_main_text(tmp_path):
    f = tmp_path / "flood.html"
    f.write_text(PAGE, encoding="utf-8")
    a = only(read(f))
    assert isinstance(a, Article)
    assert a.title == "Flood waters recede in Marlow"
    assert a.date == "2020-02-11"
    assert a.url == "https://courier.example/flood" and a.source == "Marlow Courier"
    assert a.text == ("MARLOW: Flood waters fell on Tuesday, the river\u00a0authority said.\n\n"
                      "Residents began to return home.\nSchools stay shut.\n\nRoads: open\n\nRail: closed")
    for junk in ("tracker", "console", "Home", "Related", "Copyright", "font-family"):
        assert junk not in a.text


def test_html_time_element_and_no_paragraphs(tmp_path):
    f = tmp_path / "bare.htm"
    f.write_text("<html><body><div>Price of bread <i>doubled</i> this week.</div>"
                 "<time datetime=\"2015-09-09\">9 Sept</time></body></html>", encoding="utf-8")
    a = only(read(f))
    assert a.date == "2015-09-09"
    assert "Price of bread doubled this week." in a.text


def test_html_without_text_is_skipped(tmp_path):
    f = tmp_path / "blank.html"
    f.write_text("<html><head><script>var x=1;</script></head><body></body></html>", encoding="utf-8")
    r = only(read(f))
    assert isinstance(r, Rejection) and r.status == "skipped" and "no article text" in r.reason


# --- stdin ----------------------------------------------------------------------------------------


def test_stdin_dated_text_from_text_stream():
    a = only(list(iter_articles(["-"], stdin=io.StringIO(STORY_B))))
    assert isinstance(a, Article) and a.id == "stdin" and a.date == "2019-06-04"
    assert a.text.startswith("The town council")


def test_stdin_jsonl_from_bytes_stream():
    data = (json.dumps({"id": "s1", "text": "One."}) + "\n  \n" + "{oops\n"
            + json.dumps({"text": "Three."}) + "\n").encode("utf-8")
    items = list(iter_articles(["-"], stdin=io.BytesIO(data)))
    assert [type(i).__name__ for i in items] == ["Article", "Rejection", "Article"]
    assert items[0].id == "s1" and items[2].id == "stdin:4"
    assert "line 3: invalid JSON" in items[1].reason


def test_stdin_empty():
    r = only(list(iter_articles(["-"], stdin=io.StringIO("   \n"))))
    assert isinstance(r, Rejection) and r.status == "skipped"


# --- helpers --------------------------------------------------------------------------------------


def test_detect_format(tmp_path):
    assert detect_format("x/a.JSONL") == "jsonl"
    assert detect_format("a.ndjson") == "jsonl"
    assert detect_format("a.csv") == "csv" and detect_format("a.tsv") == "csv"
    assert detect_format("a.htm") == "html"
    assert detect_format("a.txt") == "text"
    f = tmp_path / "noext"
    f.write_text('{"text": "x"}\n', encoding="utf-8")
    assert detect_format(str(f)) == "jsonl"
    g = tmp_path / "page.php"
    g.write_text("<!doctype html><html><p>x</p></html>", encoding="utf-8")
    assert detect_format(str(g)) == "html"
    assert detect_format(str(tmp_path / "missing.dat")) == "text"


def test_explicit_format_overrides_extension(tmp_path):
    f = tmp_path / "feed.log"
    f.write_text(json.dumps({"id": "q", "text": "Quiet day."}) + "\n", encoding="utf-8")
    assert only(read(f, fmt="jsonl")).id == "q"
    r = only(read(f, fmt="pdf"))
    assert isinstance(r, Rejection) and "unknown input format" in r.reason


@pytest.mark.parametrize(
    "raw, want",
    [
        ("2017-11-02", "2017-11-02"), ("2017-11-02T14:00:00+01:00", "2017-11-02"), ("1/31/2017", "2017-01-31"),
        ("3 March 2016", "2016-03-03"), ("2016/03/03", "2016-03-03"), ("March 3, 2016", "2016-03-03"), ("20160303", "2016-03-03"),
        ("", None), (None, None),
    ],
)
def test_parse_date(raw, want):
    assert parse_date(raw) == want


@pytest.mark.parametrize("raw", ["2017-02-30", "13/01/2017", "yesterday", "2017-00-10"])
def test_parse_date_rejects(raw):
    with pytest.raises(ValueError):
        parse_date(raw)
