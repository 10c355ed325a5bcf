"""Readers under hostile input (issue 15, "nothing lost, nothing crashes"): one bad line, byte or
quote spoils only its own record, and a charset that lies is caught.

All article texts here are invented for these tests.
"""

from __future__ import annotations

import json

from newsevents.io.readers import iter_articles
from newsevents.records import Article, Rejection


def read(*paths, **kw):
    return list(iter_articles([str(p) for p in paths], **kw))


def rec(i, text, **kw):
    return json.dumps({"id": i, "text": text, **kw}, ensure_ascii=False).encode("utf-8")


# --- JSONL: encoding per line ---------------------------------------------------------------------


def test_jsonl_one_latin1_line_does_not_turn_utf8_lines_into_mojibake(tmp_path):
    f = tmp_path / "mixed.jsonl"
    f.write_bytes(b"\n".join([
        rec("a", "Erdo\u011fan met Ma\u00e7on in \u0130stanbul.", title="Erdo\u011fan visits"),
        '{"id": "b", "text": "Caf\u00e9 owner said \u2019no\u2019."}'.encode("cp1252"),
        rec("c", "S\u00e3o Paulo voted."),
    ]) + b"\n")
    a, b, c = read(f)
    assert (a.text, a.title) == ("Erdo\u011fan met Ma\u00e7on in \u0130stanbul.", "Erdo\u011fan visits")
    assert (a.encoding, a.encoding_guessed) == ("utf-8", False)
    assert b.text == "Caf\u00e9 owner said \u2019no\u2019."
    assert (b.encoding, b.encoding_guessed) == ("cp1252", True)
    assert (c.text, c.encoding, c.encoding_guessed) == ("S\u00e3o Paulo voted.", "utf-8", False)


def test_jsonl_latin1_line_that_cp1252_cannot_decode(tmp_path):
    f = tmp_path / "odd.jsonl"
    f.write_bytes(rec("a", "Fine.") + b'\n{"id": "b", "text": "Na\xefve \x81 byte."}\n')
    a, b = read(f)
    assert a.encoding == "utf-8" and not a.encoding_guessed
    assert (b.text, b.encoding, b.encoding_guessed) == ("Na\u00efve \x81 byte.", "latin-1", True)


# --- JSONL: a NUL byte spoils only its line ---------------------------------------------------------


def test_jsonl_nul_byte_fails_only_its_own_line(tmp_path):
    f = tmp_path / "nul.jsonl"
    f.write_bytes(rec("a", "The port reopened.") + b"\n" + b'{"id": "b", "text": "bad\x00byte"}\n'
                  + rec("c", "The council met.") + b"\n")
    a, b, c = read(f)
    assert isinstance(a, Article) and a.id == "a"
    assert isinstance(b, Rejection) and b.status == "failed" and b.record_id == "nul.jsonl:2"
    assert "line 2" in b.reason and "NUL" in b.reason
    assert isinstance(c, Article) and c.id == "c"


def test_jsonl_real_binary_file_is_still_skipped_whole(tmp_path):
    (tmp_path / "zip.jsonl").write_bytes(b"PK\x03\x04" + bytes(range(256)) * 4)
    (tmp_path / "ctrl.jsonl").write_bytes(bytes([0, 1, 2, 3, 4, 5, 6, 7]) * 100)
    items = read(tmp_path)
    assert [(i.status, "binary file" in i.reason) for i in items] == [("skipped", True)] * 2


def test_jsonl_control_bytes_fail_only_their_line(tmp_path):
    f = tmp_path / "ctrl.jsonl"
    f.write_bytes(rec("a", "One.") + b'\n{"id": "b", "text": "two\x01\x02"}\n' + rec("c", "Three.") + b"\n")
    a, b, c = read(f)
    assert isinstance(a, Article) and isinstance(c, Article)
    assert isinstance(b, Rejection) and b.status == "failed" and "line 2" in b.reason


# --- JSONL: line endings and keys --------------------------------------------------------------------


def test_jsonl_cr_only_line_endings(tmp_path):
    f = tmp_path / "mac.jsonl"
    f.write_bytes(b"\r".join([rec("a", "One."), rec("b", "Two."), rec("c", "Three.")]) + b"\r")
    items = read(f)
    assert [(type(i).__name__, i.id) for i in items] == [("Article", "a"), ("Article", "b"), ("Article", "c")]


def test_jsonl_mixed_line_endings_keep_line_numbers(tmp_path):
    f = tmp_path / "mixed.jsonl"
    f.write_bytes(json.dumps({"text": "One."}).encode() + b"\r\n" + json.dumps({"text": "Two."}).encode()
                  + b"\r" + json.dumps({"text": "Three."}).encode() + b"\n")
    assert [i.id for i in read(f)] == ["mixed.jsonl:1", "mixed.jsonl:2", "mixed.jsonl:3"]


def test_exact_key_beats_a_key_with_stray_spaces(tmp_path):
    f = tmp_path / "keys.jsonl"
    f.write_text('{"id": "a", "text": "The real text.", "text ": "junk"}\n'
                 '{"id": "b", "text ": "junk", "text": "The real text."}\n'
                 '{"id": "c", "Text": "junk", "text": "The real text."}\n'
                 '{"id": "d", "text ": "Only a fuzzy key."}\n', encoding="utf-8")
    items = read(f)
    assert [i.text for i in items] == ["The real text."] * 3 + ["Only a fuzzy key."]


def test_dated_text_with_cr_only_line_endings(tmp_path):
    f = tmp_path / "mac.txt"
    f.write_bytes(b"date 2019-06-03 Harbour reopens\r\rWorkers cleared the harbour.\rShips returned.\r")
    a = read(f)[0]
    assert isinstance(a, Article)
    assert (a.date, a.title) == ("2019-06-03", "Harbour reopens")
    assert a.text.startswith("Workers cleared the harbour.")


# --- CSV ------------------------------------------------------------------------------------------------


def test_csv_unterminated_quote_does_not_swallow_the_next_rows(tmp_path):
    f = tmp_path / "news.csv"
    f.write_text('id,title,text\n'
                 'r1,Port opens,The port opened.\n'
                 'r2,"Broken title,The quote is never closed.\n'
                 'r3,Council meets,"The council met, at last."\n'
                 'r4,Bridge shut,The bridge shut.\n', encoding="utf-8")
    items = read(f)
    assert len(items) == 4  # one item per input row: nothing lost
    r1, bad, r3, r4 = items
    assert isinstance(r1, Article) and r1.id == "r1"
    assert isinstance(bad, Rejection) and bad.status == "failed" and bad.record_id == "news.csv:3"
    assert "line 3" in bad.reason and "quote" in bad.reason
    assert isinstance(r3, Article) and (r3.id, r3.title, r3.text) == ("r3", "Council meets", "The council met, at last.")
    assert isinstance(r4, Article) and r4.id == "r4"


def test_csv_unterminated_quote_in_the_text_column(tmp_path):
    f = tmp_path / "news.csv"
    f.write_text('id,title,text\n'
                 'r1,One,"The quote opens here\n'
                 'r2,Two,Plain text two.\n'
                 'r3,Three,"Quoted text three."\n'
                 'r4,Four,Plain text four.\n', encoding="utf-8")
    items = read(f)
    assert [(type(i).__name__, getattr(i, "id", None) or i.record_id) for i in items] == [
        ("Rejection", "news.csv:2"), ("Article", "r2"), ("Article", "r3"), ("Article", "r4")]
    assert items[2].text == "Quoted text three."


def test_csv_unterminated_quote_in_the_last_row(tmp_path):
    f = tmp_path / "news.csv"
    f.write_text('id,text\nr1,One.\nr2,"Never closed\nand more\n', encoding="utf-8")
    items = read(f)
    assert isinstance(items[0], Article)
    assert isinstance(items[1], Rejection) and items[1].record_id == "news.csv:3"
    assert len(items) == 3  # "and more" is read on its own (a row with text and no id)


def test_csv_multiline_quoted_text_is_still_one_row(tmp_path):
    f = tmp_path / "news.csv"
    f.write_text('id,title,text\n'
                 'r1,One,"First paragraph, with commas, here.\n\nSecond, paragraph, too."\n'
                 'r2,Two,"He said ""no"".\nThen left."\n', encoding="utf-8")
    a, b = read(f)
    assert a.text == "First paragraph, with commas, here.\n\nSecond, paragraph, too."
    assert b.text == 'He said "no".\nThen left.'


def test_csv_encoding_per_row(tmp_path):
    f = tmp_path / "mixed.csv"
    f.write_bytes("id,text\nr1,Erdo\u011fan spoke.\n".encode("utf-8") + "r2,Caf\u00e9 closed.\n".encode("cp1252")
                  + "r3,\"Ma\u00e7on\nreplied.\"\n".encode("utf-8"))
    a, b, c = read(f)
    assert (a.text, a.encoding, a.encoding_guessed) == ("Erdo\u011fan spoke.", "utf-8", False)
    assert (b.text, b.encoding, b.encoding_guessed) == ("Caf\u00e9 closed.", "cp1252", True)
    assert (c.text, c.encoding, c.encoding_guessed) == ("Ma\u00e7on\nreplied.", "utf-8", False)


def test_csv_nul_byte_fails_only_its_row(tmp_path):
    f = tmp_path / "nul.csv"
    f.write_bytes(b"id,text\nr1,One.\nr2,Two\x00bad.\nr3,Three.\n")
    a, b, c = read(f)
    assert isinstance(a, Article) and isinstance(c, Article)
    assert isinstance(b, Rejection) and b.status == "failed" and "NUL" in b.reason and b.record_id == "nul.csv:3"


def test_csv_row_of_empty_cells_is_skipped_with_a_reason(tmp_path):
    f = tmp_path / "e.csv"
    f.write_text("id,text\nr1,One.\n,\n\nr3,Three.\n", encoding="utf-8")
    items = read(f)
    assert [type(i).__name__ for i in items] == ["Article", "Rejection", "Article"]
    assert items[1].status == "skipped" and "empty text" in items[1].reason


# --- HTML: a charset that lies --------------------------------------------------------------------------


def test_html_declared_utf16_over_latin1_bytes_is_not_cjk_garbage(tmp_path):
    f = tmp_path / "liar.html"
    page = ('<html><head><meta charset="utf-16"><title>Caf\u00e9 reopens</title></head>'
            '<body><p>The caf\u00e9 in M\u00fcnster reopened on Monday!!</p></body></html>').encode("latin-1")
    assert len(page) % 2 == 0 and page.decode("utf-16")  # the bytes "decode" as UTF-16 (to CJK garbage)
    f.write_bytes(page)
    a = read(f)[0]
    assert isinstance(a, Article)
    assert a.text == "The caf\u00e9 in M\u00fcnster reopened on Monday!!"
    assert a.title == "Caf\u00e9 reopens"
    assert a.encoding in ("cp1252", "latin-1") and a.encoding_guessed is True


def test_html_declared_latin1_over_cp1252_quotes_is_guessed(tmp_path):
    f = tmp_path / "quotes.html"
    f.write_bytes('<html><head><meta charset="iso-8859-1"></head>'
                  '<body><p>He said \u201cno\u201d and left \u2013 again.</p></body></html>'.encode("cp1252"))
    a = read(f)[0]
    assert a.text == "He said \u201cno\u201d and left \u2013 again."
    assert a.encoding == "cp1252" and a.encoding_guessed


def test_html_true_declared_charset_is_used(tmp_path):
    f = tmp_path / "ru.html"
    f.write_bytes('<html><head><meta charset="windows-1251"></head>'
                  '<body><p>\u041c\u043e\u0441\u043a\u0432\u0430 \u0441\u0435\u0433\u043e\u0434\u043d\u044f.</p></body></html>'
                  .encode("cp1251"))
    a = read(f)[0]
    assert a.text == "\u041c\u043e\u0441\u043a\u0432\u0430 \u0441\u0435\u0433\u043e\u0434\u043d\u044f."
    assert a.encoding == "cp1251" and a.encoding_guessed is False


def test_jsonl_line_of_invisible_characters_is_a_failed_record_not_a_blank_line(tmp_path):
    f = tmp_path / "odd.jsonl"
    f.write_bytes(rec("a", "One.") + b"\n \t\n\xc2\xa0\n\x1c\n" + rec("b", "Two.") + b"\n")
    items = read(f)
    assert [type(i).__name__ for i in items] == ["Article", "Rejection", "Rejection", "Article"]
    assert [i.record_id for i in items[1:3]] == ["odd.jsonl:3", "odd.jsonl:4"]
