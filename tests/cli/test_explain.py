"""`newsevents explain FILE`: each sentence, its events, the rule, the evidence and whether the event
is the article's news or told in passing."""

from click.testing import CliRunner

from newsevents.cli import cli


def test_explain_shows_rule_evidence_and_main_or_background(tmp_path):
    f = tmp_path / "story.txt"
    f.write_text("date 2017-06-01 Police Arrest Protesters In Lima\n"
                 "Police arrested twelve protesters in Lima on Monday. "
                 "In 2015 Peru signed a trade agreement with Chile.\n", encoding="utf-8")
    res = CliRunner().invoke(cli, ["explain", str(f)])
    assert res.exit_code == 0, res.output
    out = res.output
    assert "Police arrested twelve protesters" in out
    assert "CAMEO 173" in out and "rule verb:dobj:arrest" in out
    assert "MAIN event of the article" in out
    assert "background of the article" in out  # the 2015 agreement is told in passing


def test_code_splits_main_and_background_events_unless_all_events(tmp_path):
    import json

    f = tmp_path / "story.txt"
    f.write_text("date 2017-06-01 Police Arrest Protesters In Lima\n"
                 "Police arrested twelve protesters in Lima on Monday. "
                 "In 2015 Peru signed a trade agreement with Chile.\n", encoding="utf-8")
    runner = CliRunner()
    (obj,) = [json.loads(x) for x in runner.invoke(cli, ["code", str(f), "--no-stories"]).output.splitlines()
              if x.startswith("{")]
    assert obj["events"] and obj["background_events"]
    assert all(e["main"] for e in obj["events"]) and not any(e["main"] for e in obj["background_events"])
    (every,) = [json.loads(x) for x in runner.invoke(cli, ["code", str(f), "--no-stories", "--all-events"]).output.splitlines()
                if x.startswith("{")]
    assert len(every["events"]) == len(obj["events"]) + len(obj["background_events"])
    assert every["background_events"] == []


def test_events_and_export_can_keep_main_events_only(tmp_path):
    import json

    f = tmp_path / "story.txt"
    f.write_text("date 2017-06-01 Police Arrest Protesters In Lima\n"
                 "Police arrested twelve protesters in Lima on Monday. "
                 "In 2015 Peru signed a trade agreement with Chile.\n", encoding="utf-8")
    db = str(tmp_path / "t.duckdb")
    runner = CliRunner()
    assert runner.invoke(cli, ["ingest", str(f), "--db", db]).exit_code == 0
    rows = lambda *extra: [json.loads(x) for x in runner.invoke(
        cli, ["events", "--db", db, "--json", *extra]).output.splitlines() if x.startswith("{")]
    every, main = rows(), rows("--main-only")
    assert main and len(main) < len(every)
    assert all(r["main"] for r in main) and any(not r["main"] for r in every)
    from newsevents import open_db

    with open_db(db, read_only=True) as store:
        counts = store.summary()
    assert counts["main_events"] == len(main) and counts["events"] == len(every)
    res = runner.invoke(cli, ["export", "--db", db, "--format", "jsonl", "--main-only"])
    assert res.exit_code == 0
    assert len([x for x in res.output.splitlines() if x.startswith("{")]) == len(main)
