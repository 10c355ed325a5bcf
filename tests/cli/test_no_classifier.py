"""`--no-classifier`: events from the lexicon alone (our own sentence)."""

import json

from click.testing import CliRunner

from newsevents.cli import cli

# no lexicon row codes "pushed deeper into"; the classifier reads it as material conflict
TEXT = "Iraqi forces pushed deeper into western Mosul on Tuesday against Islamic State fighters."


def _events(tmp_path, *flags):
    f = tmp_path / "in.jsonl"
    f.write_text(json.dumps({"id": "s1", "text": TEXT}) + "\n", encoding="utf-8")
    res = CliRunner().invoke(cli, ["code", str(f), "--no-stories", "--all-events", *flags])
    assert res.exit_code == 0, res.output
    (obj,) = [json.loads(x) for x in res.output.splitlines() if x.startswith("{")]
    return obj["events"]


def test_the_classifier_proposes_and_the_flag_turns_it_off(tmp_path):
    with_it = _events(tmp_path)
    assert [e["rule"] for e in with_it] == ["classifier:pentacode"]
    assert with_it[0]["root"] in ("14", "15", "16", "17", "18", "19", "20") and with_it[0]["source"]
    assert _events(tmp_path, "--no-classifier") == []


def test_explain_says_classifier(tmp_path):
    f = tmp_path / "s.jsonl"
    f.write_text(json.dumps({"id": "s1", "text": TEXT}) + "\n", encoding="utf-8")
    out = CliRunner().invoke(cli, ["explain", str(f)]).output
    assert "path: classifier (the sentence's kind of event)" in out
    assert "path: classifier" not in CliRunner().invoke(cli, ["explain", "--no-classifier", str(f)]).output
