"""The explorer's pages and API under hostile parameters (issue 15, "nothing crashes"): never a
5xx, never a traceback, errors in the API's one JSON shape or the HTML error page; and
`newsevents serve` refuses a store it cannot read instead of answering 500 to everything."""

from __future__ import annotations

import os
import socket
import subprocess
import sys

import pytest

EID = "0123456789abcdef"
IMPOSSIBLE_CURSORS = [f"2017-13-45~{EID}", f"2017-02-30~{EID}", f"2017-00-10~{EID}", f"0000-01-01~{EID}",
                      f"\u0662\u0660\u0661\u0667-\u0660\u0661-\u0660\u0661~{EID}"]  # Arabic-Indic digits
EDGE_CURSORS = [f"0001-01-01~{EID}", f"9999-12-31~{EID}", f"~{EID}"]

# values no parameter should choke on: markup, SQL, regex and LIKE metacharacters, control and
# non-ASCII characters, path tricks, numbers out of range or not numbers, impossible dates
HOSTILE_VALUES = [
    "", " ", "<script>alert(1)</script>", "' OR 1=1 --", '"; DROP TABLE events; --', "%", "_", "\\", "(?i", "[",
    "*", "\x00", "\x1b[31m", "\u202e", "💥", "Ü", "../../etc/passwd", "null", "-1", "0", "1e309", "NaN",
    "99999999999999999999999", "0x10", "true", "2017-13-45", "2017-02-30", "0000", "0001-01-01", "9999-12-31",
    "\u0662\u0660\u0661\u0667", ",", "RUS,UKR,IRN", "x" * 300,
]
FILTER_PARAMS = ["actor", "country", "dyad", "both", "cameo", "plover", "quad", "since", "until", "place", "q",
                 "article", "main"]
PAGES = {  # path: the parameters it reads besides the filter
    "/": ["interval"],
    "/events": ["limit", "page", "cursor", "order"],
    "/dyad": ["interval"],
    "/map": [],
    "/network": ["limit", "min_events"],
    "/api/overview": ["interval"],
    "/api/events": ["limit", "page", "cursor", "order"],
    "/api/dyad": ["interval"],
    "/api/map": [],
    "/api/network": ["limit", "min_events"],
}
ID_PATHS = ["/articles/{}", "/events/{}", "/api/articles/{}", "/api/events/{}"]
HOSTILE_IDS = ["x", "0" * 39, "0" * 41, "A" * 40, "ABCDEF0123456789", "..%2F..%2Fetc%2Fpasswd", "%00", "%E2%80%AE",
               "%F0%9F%92%A5", "0" * 40 + "%0a", "-1", "%2e%2e", "0" * 5000]


def check_answer(res, path: str, what: str) -> None:
    assert res.status_code < 500, (path, what, res.status_code, res.text[:500])
    assert "Traceback" not in res.text, (path, what)
    if res.status_code >= 400:
        if path.startswith("/api"):
            body = res.json()
            assert set(body) == {"error"} and body["error"]["status"] == res.status_code, (path, what, body)
            assert body["error"]["message"], (path, what)
        else:
            assert res.headers["content-type"].startswith("text/html"), (path, what)
    if not path.startswith("/api"):
        assert "<script>alert(1)" not in res.text, (path, what)  # echoed values are escaped


@pytest.mark.parametrize("path", list(PAGES))
def test_hostile_parameter_values_never_crash(api, path):
    for name in FILTER_PARAMS + PAGES[path]:
        for value in HOSTILE_VALUES:
            check_answer(api.get(path, params={name: value}), path, f"{name}={value!r}")
    # a parameter given twice, unknown parameters, a dyad view with everything set at once
    check_answer(api.get(path, params=[("since", "2017"), ("since", "2018-13")]), path, "since twice")
    check_answer(api.get(path, params={"nothing": "<script>alert(1)</script>", "limit ": "1"}), path, "unknown")
    check_answer(api.get(path, params={"dyad": "RUS,", "both": "1", "main": "1", "since": "0001-01-01",
                                       "until": "9999-12-31", "q": "(?i)[", "actor": "%_"}), path, "all filters")


@pytest.mark.parametrize("template", ID_PATHS)
def test_hostile_ids_never_crash(api, template):
    for value in HOSTILE_IDS:
        path = template.format(value)
        res = api.get(path)
        check_answer(res, path, value)
        assert res.status_code in (404, 414, 422), (path, res.status_code)


@pytest.mark.parametrize("cursor", IMPOSSIBLE_CURSORS)
def test_impossible_cursor_is_a_client_error(api, cursor):
    res = api.get("/api/events", params={"cursor": cursor})
    assert res.status_code in (400, 422), res.text
    assert res.json()["error"]["status"] == res.status_code and "cursor" in res.json()["error"]["message"]
    res = api.get("/events", params={"cursor": cursor})
    assert res.status_code in (400, 422) and res.headers["content-type"].startswith("text/html")
    assert "cursor" in res.text and "Traceback" not in res.text


def _ids(con, where: str, order: str) -> list[str]:
    return [r[0] for r in con.execute(
        f"SELECT event_id FROM events WHERE {where} ORDER BY date_start {order} NULLS LAST, event_id {order}").fetchall()]


@pytest.mark.parametrize("cursor", EDGE_CURSORS)
@pytest.mark.parametrize("order", ["desc", "asc"])
def test_edge_cursor_dates_page_on(api, con, cursor, order):
    """A cursor at the first or last day a date can have pages on from there: every dated event is
    after 0001-01-01 and before 9999-12-31, and undated events come last either way."""
    day = cursor.split("~")[0]
    op = "<" if order == "desc" else ">"
    if day:
        where = f"date_start {op} DATE '{day}' OR date_start IS NULL"
    else:
        where = f"date_start IS NULL AND event_id {op} '{EID}'"
    expected = _ids(con, where, order)
    data = api.get("/api/events", params={"cursor": cursor, "order": order, "limit": 500}).json()
    assert [e["event_id"] for e in data["events"]] == expected
    assert api.get("/events", params={"cursor": cursor, "order": order}).status_code == 200


# -- serve on a store it cannot read -------------------------------------------------------------

def _serve(db) -> subprocess.CompletedProcess:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    cmd = [sys.executable, "-m", "newsevents.cli", "serve", "--db", str(db), "--port", str(port)]
    return subprocess.run(cmd, capture_output=True, text=True, timeout=60, env={**os.environ, "PYTHONUNBUFFERED": "1"})


def _damage(src, dst, how: str) -> None:
    data = src.read_bytes()
    if how == "truncated":
        data = data[: len(data) // 2]
    elif how == "random":
        data = os.urandom(len(data))
    elif how == "empty":
        data = b""
    elif how == "zeroed":  # the header intact, every block after it zeroed (size unchanged)
        data = data[:12288] + b"\0" * (len(data) - 12288)
    dst.write_bytes(data)


@pytest.mark.parametrize("how", ["truncated", "random", "empty", "zeroed"])
def test_serve_refuses_a_damaged_store(web_db, tmp_path, how):
    bad = tmp_path / f"{how}.duckdb"
    _damage(web_db, bad, how)
    proc = _serve(bad)
    assert proc.returncode == 2, (proc.returncode, proc.stdout, proc.stderr)
    assert "Error: store" in proc.stderr and str(bad.name) in proc.stderr, proc.stderr
    assert "Traceback" not in proc.stderr + proc.stdout
