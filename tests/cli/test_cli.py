"""The CLI end to end: real pipeline, real DuckDB file, bad inputs, exit codes, idempotence."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import duckdb
import pytest
from click.testing import CliRunner

from newsevents.cli import cli

ROOT = Path(__file__).resolve().parents[2]

ARTICLE_A = """date 2018-04-11 Ethiopia and Eritrea hold talks

ADDIS ABABA: Ethiopia’s foreign minister met Eritrean officials in Addis Ababa on Tuesday, and
both governments agreed to reopen the border crossing. Ethiopia condemned an attack on a
border village.
"""

ARTICLE_B = """date 2018-05-02 Police detain protesters in Caracas

CARACAS: Venezuelan police arrested dozens of protesters on Monday. The opposition accused
the government of repression, and Colombia urged Venezuela to release them.
"""


@pytest.fixture
def corpus(tmp_path):
    d = tmp_path / "articles"
    d.mkdir()
    (d / "a.txt").write_text(ARTICLE_A, encoding="utf-8")
    (d / "b.txt").write_text(ARTICLE_B, encoding="utf-8")
    (d / "empty.txt").write_text("", encoding="utf-8")
    (d / "blob.txt").write_bytes(b"\x00\x01\x02binary\x00" * 50)
    return d


def run(*args, input=None):
    return CliRunner().invoke(cli, list(args), input=input, catch_exceptions=False)


def test_help_on_every_command():
    for args in ([], ["ingest"], ["code"], ["events"], ["export"], ["explain"], ["summary"], ["actors"],
                 ["actors", "lookup"]):
        res = run(*args, "--help")
        assert res.exit_code == 0, args
        assert "Usage" in res.output


def test_ingest_counts_stores_and_is_idempotent(corpus, tmp_path):
    db = str(tmp_path / "t.duckdb")
    res = run("ingest", str(corpus), "--db", db)
    assert res.exit_code == 0, res.output
    assert "articles read 4: coded 2, skipped 2, failed 0" in res.output
    assert "next:" in res.output
    con = duckdb.connect(db, read_only=True)
    n_articles = con.execute("select count(*) from articles").fetchone()[0]
    n_events = con.execute("select count(*) from events").fetchone()[0]
    reasons = [r[0] for r in con.execute("select reason from rejections").fetchall()]
    con.close()
    assert n_articles == 2
    assert any("empty" in r for r in reasons) and any("binary" in r for r in reasons)
    again = run("ingest", str(corpus), "--db", db)
    assert "already stored 2" in again.output
    con = duckdb.connect(db, read_only=True)
    assert con.execute("select count(*) from articles").fetchone()[0] == n_articles
    assert con.execute("select count(*) from events").fetchone()[0] == n_events
    con.close()


def test_code_writes_one_json_object_per_record(corpus):
    res = CliRunner().invoke(cli, ["code", str(corpus), "--format", "jsonl"])
    lines = [json.loads(line) for line in res.stdout.splitlines() if line.strip()]
    assert len(lines) == 4
    statuses = sorted(obj["status"] for obj in lines)
    assert statuses == ["coded", "coded", "skipped", "skipped"]
    for obj in lines:
        assert {"id", "entities", "places", "times", "quotes", "events", "story_id"} <= set(obj)
    coded = [o for o in lines if o["status"] == "coded"]
    texts = {p.name: p.read_text(encoding="utf-8") for p in corpus.glob("*.txt") if p.stat().st_size < 5000}
    for obj in coded:
        assert obj["entities"], obj["id"]


def test_code_reads_jsonl_from_stdin_and_keeps_going_after_bad_line():
    good = {"id": "s1", "date": "2018-01-03", "title": "t", "text": "Germany and France signed a defence pact."}
    data = json.dumps(good) + "\n{not json\n" + json.dumps({**good, "id": "s2"}) + "\n"
    res = CliRunner().invoke(cli, ["code", "-"], input=data)
    objs = [json.loads(line) for line in res.stdout.splitlines() if line.strip()]
    assert [o["status"] for o in objs] == ["coded", "failed", "coded"]
    assert res.exit_code == 1  # a record failed


def test_missing_input_path_is_a_failure_not_a_crash(tmp_path):
    res = CliRunner().invoke(cli, ["code", str(tmp_path / "nope.txt")])
    assert res.exit_code == 1
    assert "failed 1" in res.stderr


def test_events_and_exports(corpus, tmp_path):
    db = str(tmp_path / "t.duckdb")
    assert run("ingest", str(corpus), "--db", db).exit_code == 0
    table = run("events", "--db", db, "--limit", "5")
    assert table.exit_code == 0 and "cameo" in table.output
    for fmt in ("gdelt", "plover", "csv", "jsonl"):
        out = tmp_path / f"e.{fmt}"
        res = run("export", "--db", db, "--format", fmt, "-o", str(out))
        assert res.exit_code == 0, (fmt, res.output)
        assert out.exists()
    res = run("export", "--db", db, "--format", "parquet", "-o", str(tmp_path / "e.parquet"))
    assert res.exit_code == 0
    n = duckdb.connect().execute("select count(*) from read_parquet(?)", [str(tmp_path / "e.parquet")]).fetchone()[0]
    con = duckdb.connect(db, read_only=True)
    assert n == con.execute("select count(*) from events").fetchone()[0]
    con.close()


def test_store_error_exit_code_2(tmp_path):
    res = CliRunner().invoke(cli, ["events", "--db", str(tmp_path)])  # a directory, not a DuckDB file
    assert res.exit_code == 2


def test_console_script_runs():
    exe = Path(sys.executable).with_name("newsevents")
    if not exe.exists():
        pytest.skip("console script not installed in this environment")
    out = subprocess.run([str(exe), "--help"], capture_output=True, text=True, timeout=60)
    assert out.returncode == 0 and "ingest" in out.stdout


def test_five_megabyte_article_is_skipped_with_reason_and_batch_goes_on(tmp_path):
    d = tmp_path / "in"
    d.mkdir()
    sentence = "Delegates from Chile and Peru met in Lima to discuss fishing rights. "
    (d / "big.txt").write_text("date 2018-02-01 A very long article\n\n" + sentence * (5_000_000 // len(sentence)),
                               encoding="utf-8")
    (d / "small.txt").write_text("date 2018-02-01 Short\n\n" + sentence, encoding="utf-8")
    res = CliRunner().invoke(cli, ["code", str(d)])
    objs = {Path(o["id"] or o["path"]).name: o for o in map(json.loads, res.stdout.splitlines())}
    assert objs["big.txt"]["status"] == "skipped" and "too long" in objs["big.txt"]["reason"]
    assert objs["small.txt"]["status"] == "coded"
    assert res.exit_code == 0


def test_actors_lookup_is_date_aware_and_explains():
    res = run("actors", "lookup", "the US president", "--date", "2009-06-01")
    assert res.exit_code == 0
    assert "USAGOV" in res.output and "Obama" in res.output and "rule" in res.output
    res = run("actors", "lookup", "the US president", "--date", "2017-11-02", "--json")
    (obj,) = [json.loads(line) for line in res.output.splitlines()]
    assert obj["name"] == "Donald Trump" and obj["country"] == "USA"
    res = run("actors", "lookup", "Moscow slammed Assad\u00b4s forces", "--date", "2017-11-02")
    assert "RUSGOV" in res.output and "SYRMIL" in res.output


def test_code_groups_reprints_into_one_story(tmp_path):
    d = tmp_path / "wire"
    d.mkdir()
    body = ("BRASILIA: Brazil and Argentina signed an agreement on Tuesday to share water from the "
            "Parana river, ending a dispute that had strained ties between the two governments for "
            "a decade. Officials from both countries said the deal would be reviewed every five years.")
    (d / "a.txt").write_text("date 2018-06-14 Brazil, Argentina sign river deal\n\n" + body, encoding="utf-8")
    (d / "b.txt").write_text("date 2018-06-14 Brazil and Argentina sign water deal\n\n"
                             + body.replace("a decade", "ten years"), encoding="utf-8")
    (d / "c.txt").write_text("date 2018-06-14 Floods in Bangladesh\n\nDHAKA: Floods displaced thousands "
                             "of villagers in northern Bangladesh after days of heavy monsoon rain, "
                             "relief officials said on Thursday.", encoding="utf-8")
    res = CliRunner().invoke(cli, ["code", str(d)])
    objs = {o["id"]: o for o in map(json.loads, res.stdout.splitlines())}
    assert objs["a.txt"]["story_id"] and objs["a.txt"]["story_id"] == objs["b.txt"]["story_id"]
    assert objs["c.txt"]["story_id"] != objs["a.txt"]["story_id"]
    # one of the pair is the original (duplicate_of None), the other points to it
    dups = sorted([objs["a.txt"]["duplicate_of"] or "", objs["b.txt"]["duplicate_of"] or ""])
    assert dups[0] == "" and dups[1] in ("a.txt", "b.txt")
    assert objs["c.txt"]["duplicate_of"] is None
    streamed = CliRunner().invoke(cli, ["code", str(d), "--no-stories"])
    assert all(json.loads(line)["story_id"] is None for line in streamed.stdout.splitlines())
