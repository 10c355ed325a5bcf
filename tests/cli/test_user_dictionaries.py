"""A user's own dictionaries reach the coder from the command line: --actors-file / --verbs-file,
or the NEWSEVENTS_ACTORS / NEWSEVENTS_VERBS environment variables (read by the CLI only)."""

from __future__ import annotations

import json
import os
from pathlib import Path

from click.testing import CliRunner

from newsevents.cli import cli

TESTS = Path(__file__).resolve().parents[1]
ACTORS = TESTS / "stages" / "actors" / "data" / "ruritania.actors.txt"
AGENTS = TESTS / "stages" / "actors" / "data" / "ruritania.agents.txt"
VERBS = TESTS / "stages" / "events" / "fixtures" / "verbs_v2.txt"


def _lookup(args, env=None):
    result = CliRunner().invoke(cli, ["actors", "lookup", "Ruritania closed its border.", "--date",
                                      "2001-03-01", "--json", *args], env=env)
    assert result.exit_code == 0, result.output
    return {json.loads(line)["code"] for line in result.output.splitlines() if line.strip()}


def test_actor_files_from_the_option_or_the_environment():
    assert "RUR" not in _lookup([], env={"NEWSEVENTS_ACTORS": ""})
    assert "RUR" in _lookup(["--actors-file", str(ACTORS)])
    assert "RUR" in _lookup([], env={"NEWSEVENTS_ACTORS": f"{ACTORS}{os.pathsep}{AGENTS}"})


def _events(tmp_path, args, env=None):
    src = tmp_path / "a.jsonl"
    src.write_text(json.dumps({"id": "a", "date": "2020-03-02",
                               "text": "France parleyed with Germany on Monday."}) + "\n", encoding="utf-8")
    result = CliRunner().invoke(cli, ["code", str(src), "--no-stories", "--all-events", *args], env=env)
    assert result.exit_code == 0, result.output
    (line,) = [line for line in result.output.splitlines() if line.startswith("{")]
    obj = json.loads(line)
    return {e["cameo"] for e in obj["events"] + obj.get("background_events", [])}


def test_verb_files_from_the_option_or_the_environment(tmp_path):
    assert "042" not in _events(tmp_path, [], env={"NEWSEVENTS_VERBS": ""})
    assert "042" in _events(tmp_path, ["--verbs-file", str(VERBS)])
    assert "042" in _events(tmp_path, [], env={"NEWSEVENTS_VERBS": str(VERBS)})
