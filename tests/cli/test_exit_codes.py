"""Exit codes of every command: 0 nothing failed, 1 a record failed, 2 usage, configuration or store
error, 130 interrupted (Ctrl-C), 143 terminated (SIGTERM)."""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
from click.testing import CliRunner

from newsevents.cli import cli

ROOT = Path(__file__).resolve().parents[2]
ARTICLE = """date 2018-04-11 Ethiopia and Eritrea hold talks

ADDIS ABABA: Ethiopia's foreign minister met Eritrean officials in Addis Ababa on Tuesday, and
Ethiopia condemned an attack on a border village.
"""


@pytest.fixture(scope="module")
def files(tmp_path_factory):
    d = tmp_path_factory.mktemp("exit")
    (d / "in").mkdir()
    (d / "in" / "a.txt").write_text(ARTICLE, encoding="utf-8")
    (d / "bad.jsonl").write_text('{"id": "ok", "text": "Ethiopia condemned Eritrea."}\n{not json\n', encoding="utf-8")
    (d / "empty_parquet").mkdir()
    db = d / "s.duckdb"
    res = CliRunner().invoke(cli, ["ingest", str(d / "in"), "--db", str(db), "--workers", "1"])
    assert res.exit_code == 0, res.output
    return d


def cases(d: Path) -> list[tuple[list[str], int]]:
    db, missing = str(d / "s.duckdb"), str(d / "missing.duckdb")
    return [
        (["ingest", str(d / "in"), "--db", db, "--workers", "1"], 0),
        (["ingest", str(d / "bad.jsonl"), "--db", str(d / "bad.duckdb"), "--workers", "1"], 1),
        (["ingest", str(d / "in"), "--db", str(d), "--workers", "1"], 2),
        (["code", str(d / "in"), "--workers", "1"], 0),
        (["code", str(d / "bad.jsonl"), "--workers", "1"], 1),
        (["code", str(d / "in"), "--workers", "0"], 2),
        (["load", str(d / "empty_parquet"), "--db", str(d / "load.duckdb")], 0),
        (["load", str(d / "no_such_dir"), "--db", db], 2),
        (["events", "--db", db], 0),
        (["events", "--db", missing], 2),
        (["export", "--db", db, "--format", "csv"], 0),
        (["export", "--db", missing, "--format", "csv"], 2),
        (["summary", "--db", db], 0),
        (["summary", "--db", missing], 2),
        (["optimize", "--db", db], 0),
        (["optimize", "--db", missing], 2),
        (["explain", str(d / "in" / "a.txt")], 0),
        (["explain", str(d / "in"), "--verbs-file", str(d / "no_such_file")], 2),
        (["actors", "lookup", "the Kremlin"], 0),
        (["actors", "lookup"], 2),
        (["serve", "--db", missing], 2),
        (["no-such-command"], 2),
    ]


def test_exit_codes_of_every_command(files):
    got = []
    for args, want in cases(files):
        res = CliRunner().invoke(cli, args)
        got.append((args[0], want, res.exit_code))
    assert [g for g in got if g[1] != g[2]] == []
    assert {a for a, _, _ in got} >= {"ingest", "code", "load", "events", "export", "summary", "optimize",
                                      "explain", "actors", "serve"}


_STOPPED = textwrap.dedent("""
    import os, signal, sys, time, click
    from newsevents import cli as c
    signum = int(sys.argv.pop(1))
    invoke = click.Command.invoke
    def stop(self, ctx):  # the signal arrives while the command runs
        if not isinstance(self, click.Group):
            os.kill(os.getpid(), signum)
            time.sleep(10)
        return invoke(self, ctx)
    click.Command.invoke = stop
    c.main()
""")


@pytest.mark.parametrize("signame,want", [("SIGINT", 130), ("SIGTERM", 143)])
@pytest.mark.parametrize("command", [["ingest", "x"], ["code", "x"], ["load", "."], ["events"], ["export", "--format", "csv"],
                                     ["summary"], ["optimize"], ["explain", "x"], ["actors", "lookup", "x"]],
                         ids=lambda c: c[0] if isinstance(c, list) else c)
def test_an_interrupted_command_exits_130_or_143(tmp_path, command, signame, want):
    import signal

    env = dict(os.environ, PYTHONPATH=str(ROOT / "src") + os.pathsep + os.environ.get("PYTHONPATH", ""))
    res = subprocess.run([sys.executable, "-c", _STOPPED, str(int(getattr(signal, signame))), *command],
                         env=env, cwd=tmp_path, capture_output=True, text=True, timeout=120)
    assert res.returncode == want, res.stderr
    assert ("terminated" if want == 143 else "interrupted") in res.stderr and "Traceback" not in res.stderr
