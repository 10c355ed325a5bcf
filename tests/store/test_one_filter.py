"""One event filter: the CLI (`newsevents events --json`, `newsevents export --format jsonl`) and
the explorer's API (`/api/events`) return the same events for the same filter.

The store holds hand-built articles whose PLOVER types come in several cases ("CONSULT",
"Consult", "consult") and whose events are main, background (``main`` False) or of unknown
salience (``main`` NULL, counted as main), so the cases where two copies of a filter could
disagree all have rows to disagree about."""

from __future__ import annotations

import dataclasses
import json

import pytest
from click.testing import CliRunner

from newsevents.cli import cli
from newsevents.store import open_db

from .records_factory import demo_result


def _article(id: str, date: str, *, plover: dict[int, str] | None = None,
             main: dict[int, bool | None] | None = None):
    res = demo_result(id=id, date=date, title=f"Article {id}", url=f"https://example.org/{id}")
    events = list(res.events)
    for i, value in (plover or {}).items():
        events[i] = dataclasses.replace(events[i], plover=value)
    for i, value in (main or {}).items():
        events[i] = dataclasses.replace(events[i], main=value)
    return dataclasses.replace(res, events=tuple(events))


@pytest.fixture(scope="module")
def db(tmp_path_factory):
    path = tmp_path_factory.mktemp("one_filter") / "events.duckdb"
    with open_db(path) as store:
        run = store.begin_run("test")
        store.write_many([
            _article("a1", "2017-11-02"),
            _article("a2", "2018-03-05", plover={1: "Consult"}, main={0: False, 2: None}),
            _article("a3", "2019-06-01", plover={1: "consult", 0: "Accuse"}, main={1: None, 2: False}),
            _article("a4", "2019-07-15", main={0: False, 1: False}),
        ], run_id=run)
    return path


# (CLI options, API query parameters): the same filter in each one's words
FILTERS = [
    ({}, {}),
    ({"actor": "russia"}, {"actor": "russia"}),
    ({"actor": "Iranian"}, {"actor": "Iranian"}),
    ({"country": "irn"}, {"country": "irn"}),
    ({"country": "CHN"}, {"country": "CHN"}),
    ({"dyad": "RUS,IRN"}, {"dyad": "RUS,IRN"}),
    ({"dyad": "rus,"}, {"dyad": "rus,"}),
    ({"dyad": ",IGOUNO"}, {"dyad": ",IGOUNO"}),
    ({"type": "04"}, {"cameo": "04"}),
    ({"type": "111"}, {"cameo": "111"}),
    ({"type": "CONSULT"}, {"plover": "CONSULT"}),
    ({"type": "consult"}, {"plover": "consult"}),
    ({"type": "Accuse"}, {"plover": "Accuse"}),
    ({"since": "2018"}, {"since": "2018"}),
    ({"until": "2017-12"}, {"until": "2017-12"}),
    ({"since": "2018-03-05", "until": "2019-06"}, {"since": "2018-03-05", "until": "2019-06"}),
    ({"country": "RUS", "type": "consult", "since": "2018"}, {"country": "RUS", "plover": "consult", "since": "2018"}),
]


@pytest.fixture(scope="module")
def client(db):
    from fastapi.testclient import TestClient

    from newsevents.web import create_app

    app = create_app(db, allowed_hosts=None)
    with TestClient(app, base_url="http://127.0.0.1") as c:
        yield c
    app.state.store.close()


def _cli_args(opts: dict[str, str], main: bool) -> list[str]:
    args = [a for k, v in opts.items() for a in (f"--{k}", v)]
    return args + (["--main-only"] if main else [])


def _cli_events(db, opts, main) -> list[str]:
    res = CliRunner().invoke(cli, ["events", "--db", str(db), "--json", "--limit", "100000",
                                   *_cli_args(opts, main)], catch_exceptions=False)
    assert res.exit_code == 0, res.output
    return [json.loads(line)["event_id"] for line in res.stdout.splitlines() if line.strip()]


def _cli_export(db, opts, main) -> list[str]:
    res = CliRunner().invoke(cli, ["export", "--db", str(db), "--format", "jsonl", *_cli_args(opts, main)],
                             catch_exceptions=False)
    assert res.exit_code == 0, res.output
    return [json.loads(line)["event_id"] for line in res.stdout.splitlines() if line.strip()]


def _api_events(client, params, main) -> list[str]:
    query = {**params, "limit": 500, **({"main": "true"} if main else {})}
    ids: list[str] = []
    while True:
        res = client.get("/api/events", params=query)
        assert res.status_code == 200, res.text
        body = res.json()
        ids += [e["event_id"] for e in body["events"]]
        if not body["next_cursor"]:
            return ids
        query["cursor"] = body["next_cursor"]


@pytest.mark.parametrize("main", [False, True], ids=["all", "main-only"])
@pytest.mark.parametrize("cli_opts,api_params", FILTERS, ids=[json.dumps(f[1]) for f in FILTERS])
def test_cli_export_and_api_give_the_same_events(db, client, cli_opts, api_params, main):
    cli_ids = _cli_events(db, cli_opts, main)
    export_ids = _cli_export(db, cli_opts, main)
    api_ids = _api_events(client, api_params, main)
    assert len(set(cli_ids)) == len(cli_ids)
    assert sorted(export_ids) == sorted(cli_ids)
    assert sorted(api_ids) == sorted(cli_ids)


def test_the_filters_select_what_their_docstring_says(db):
    """Spot checks that the shared answer is the documented one, not just a shared mistake."""
    with open_db(db, read_only=True) as store:
        rows = store.events(limit=None)
        consult = store.events(type="consult", limit=None)
        main_only = store.events(main=True, limit=None)
    assert {r["plover"] for r in consult} == {"CONSULT", "Consult", "consult"}  # any case
    assert {r["main"] for r in main_only} == {True, None}  # NULL salience counts as main
    assert len(main_only) == sum(1 for r in rows if r["main"] is not False)
    assert len(main_only) < len(rows)
