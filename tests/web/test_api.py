"""The explorer's JSON API against a real `newsevents serve` on a store coded by the real pipeline;
answers are checked with SQL on the same file."""

from __future__ import annotations

import pytest

from .conftest import HOSTILE_TITLE


def _one_country(con) -> str:
    return con.execute(
        "SELECT c FROM (SELECT source_country AS c FROM events UNION ALL SELECT target_country FROM events) "
        "WHERE c IS NOT NULL GROUP BY c ORDER BY count(*) DESC, c LIMIT 1").fetchone()[0]


def test_overview_counts_match_the_store(api, con):
    data = api.get("/api/overview").json()
    assert data["events"] == con.execute("SELECT count(*) FROM events").fetchone()[0]
    assert data["stored_articles"] == con.execute("SELECT count(*) FROM articles").fetchone()[0] == 9
    by_quad = dict(con.execute("SELECT quad_class, count(*) FROM events WHERE date_start IS NOT NULL GROUP BY ALL").fetchall())
    assert {r["quad"]: r["events"] for r in data["by_quad_class"]} == {q: by_quad.get(q, 0) for q in (1, 2, 3, 4)}
    assert sum(r["n"] for r in data["series"]) == sum(by_quad.values())
    assert data["top_actors"] and data["top_dyads"]
    assert data["top_actors"] == sorted(data["top_actors"], key=lambda r: -r["events"])


def test_events_filter_by_country(api, con):
    country = _one_country(con)
    data = api.get("/api/events", params={"country": country, "limit": 500}).json()
    expected = con.execute("SELECT count(*) FROM events WHERE source_country = ? OR target_country = ?",
                           [country, country]).fetchone()[0]
    assert data["total"] == len(data["events"]) == expected > 0
    assert all(country in (e["source_country"], e["target_country"]) for e in data["events"])
    assert all(e["article_title"] for e in data["events"])
    dates = [e["date_start"] for e in data["events"] if e["date_start"]]
    assert dates == sorted(dates, reverse=True)


def test_events_filters_combine_like_sql(api, con):
    q = {"cameo": "04201", "limit": 10}
    assert api.get("/api/events", params=q).status_code == 422  # a CAMEO code has at most 4 digits
    cases = [
        ({"cameo": "19"}, "starts_with(cameo, '19')"),
        ({"quad": 4}, "quad_class = 4"),
        ({"since": "2018-03", "until": "2018-03-31"}, "date_end >= DATE '2018-03-01' AND date_start <= DATE '2018-03-31'"),
        ({"q": "diplomats"}, "contains(lower(evidence_text), 'diplomats')"),
        ({"dyad": "GBR,RUS"}, "(source_country = 'GBR' OR starts_with(source_code, 'GBR')) AND "
                              "(target_country = 'RUS' OR starts_with(target_code, 'RUS'))"),
        ({"plover": "assault"}, "plover = 'ASSAULT'"),
    ]
    for params, where in cases:
        data = api.get("/api/events", params={**params, "limit": 500}).json()
        expected = con.execute(f"SELECT count(*) FROM events WHERE {where}").fetchone()[0]
        assert data["total"] == len(data["events"]) == expected, params


def test_dyad_both_ways_is_the_union_of_both_directions(api):
    one = api.get("/api/events", params={"dyad": "GBR,RUS", "limit": 500}).json()["total"]
    other = api.get("/api/events", params={"dyad": "RUS,GBR", "limit": 500}).json()["total"]
    both = api.get("/api/events", params={"dyad": "GBR,RUS", "both": "true", "limit": 500}).json()["total"]
    assert one > 0 and other > 0 and both == one + other


def test_cursor_paging_walks_every_event_once(api, con):
    total = con.execute("SELECT count(*) FROM events").fetchone()[0]
    seen: list[str] = []
    cursor = None
    for _ in range(100):
        params = {"limit": 37, **({"cursor": cursor} if cursor else {})}
        data = api.get("/api/events", params=params).json()
        seen += [e["event_id"] for e in data["events"]]
        cursor = data["next_cursor"]
        if not cursor:
            break
    assert len(seen) == len(set(seen)) == total
    # offset paging gives the same order
    page2 = api.get("/api/events", params={"limit": 37, "page": 2}).json()["events"]
    assert [e["event_id"] for e in page2] == seen[37:74]
    oldest = api.get("/api/events", params={"limit": 5, "order": "asc"}).json()["events"]
    assert oldest[0]["date_start"] == con.execute("SELECT min(date_start) FROM events").fetchone()[0].isoformat()


def test_one_event_and_its_article(api, con):
    event_id, article_id, start, end, evidence = con.execute(
        "SELECT event_id, article_id, evidence_start, evidence_end, evidence_text FROM events "
        "WHERE evidence_in = 'text' AND evidence_start IS NOT NULL ORDER BY event_id LIMIT 1").fetchone()
    ev = api.get(f"/api/events/{event_id}").json()
    assert ev["article_id"] == article_id and ev["cameo_name"]
    art = api.get(f"/api/articles/{article_id}").json()
    assert art["text"][start:end].strip() == evidence.strip()
    for table in ("actors", "places", "times", "quotes"):
        for rec in art[table]:
            assert art["text"][rec["start"]:rec["end"]] == rec["text"], (table, rec)
    assert any(e["event_id"] == event_id for e in art["events"])


def test_dyad_series_sums_goldstein(api, con):
    data = api.get("/api/dyad", params={"dyad": "GBR,RUS", "both": "true", "interval": "day"}).json()
    coop, confl, n = con.execute(
        "SELECT coalesce(sum(goldstein) FILTER (WHERE goldstein > 0), 0), coalesce(sum(goldstein) FILTER (WHERE goldstein < 0), 0), "
        "count(*) FROM events WHERE date_start IS NOT NULL AND ((source_country = 'GBR' AND target_country = 'RUS') "
        "OR (source_country = 'RUS' AND target_country = 'GBR'))").fetchone()
    assert data["totals"]["events"] == n > 0
    assert data["totals"]["cooperation"] == pytest.approx(coop, abs=0.05)
    assert data["totals"]["conflict"] == pytest.approx(confl, abs=0.05)
    assert all(r["q1"] + r["q2"] + r["q3"] + r["q4"] == r["events"] for r in data["series"])
    assert api.get("/api/dyad").status_code == 400  # needs a dyad
    assert api.get("/api/dyad", params={"dyad": "GBR,RUS", "interval": "decade"}).status_code == 422


def test_map_and_network(api, con):
    located = con.execute("SELECT count(*) FROM events WHERE place_lat IS NOT NULL AND place_lon IS NOT NULL").fetchone()[0]
    data = api.get("/api/map").json()
    assert data["located_events"] == sum(p["events"] for p in data["points"]) == located > 0
    assert all(-90 <= p["lat"] <= 90 and -180 <= p["lon"] <= 180 for p in data["points"])
    net = api.get("/api/network", params={"limit": 20}).json()
    assert 0 < len(net["edges"]) <= 20
    ids = {n["id"] for n in net["nodes"]}
    assert all(e["source"] in ids and e["target"] in ids and e["quad"] in (1, 2, 3, 4) for e in net["edges"])
    assert net["edges"] == sorted(net["edges"], key=lambda e: -e["events"])


def test_error_shape_and_bounds(api):
    for path, status in [("/api/events?limit=501", 422), ("/api/events?page=100000", 422),
                         ("/api/events?cursor=x", 422), ("/api/events/NOTHEX", 422),
                         ("/api/events/0123456789abcdef", 404), ("/api/articles/" + "0" * 40, 404),
                         ("/api/articles/..%2F..%2Fetc%2Fpasswd", 404), ("/api/events?since=2017-02-31", 400),
                         ("/api/events?actor=" + "x" * 101, 422), ("/api/events?q=" + "x" * 3000, 414),
                         ("/api/nothing", 404)]:
        res = api.get(path)
        assert res.status_code == status, (path, res.text)
        body = res.json()
        assert set(body) == {"error"} and body["error"]["status"] == status and body["error"]["message"], path
    assert api.post("/api/events").status_code == 405


def test_no_path_reaches_outside_the_app(api):
    for path in ("/static/../app.py", "/static/%2e%2e/app.py", "/static/..%2fapp.py", "/static/%2e%2e/%2e%2e/cli.py",
                 "/static/vendor/../../queries.py"):
        res = api.get(path)
        assert res.status_code == 404, path
        assert "def " not in res.text
    assert api.get("/static/explorer.js").status_code == 200


def test_user_values_are_parameters_not_sql(api, con):
    total = con.execute("SELECT count(*) FROM events").fetchone()[0]
    for value in ("' OR 1=1 --", "x'); DROP TABLE events; --", "%", "_"):
        res = api.get("/api/events", params={"actor": value, "q": value})
        assert res.status_code == 200 and res.json()["total"] == 0, value
    assert con.execute("SELECT count(*) FROM events").fetchone()[0] == total


def test_openapi_documents_every_view_and_docs_are_local(api):
    spec = api.get("/openapi.json").json()
    assert {"/api/overview", "/api/events", "/api/events/{event_id}", "/api/dyad", "/api/map", "/api/network",
            "/api/articles/{article_id}"} <= set(spec["paths"])
    limit = next(p for p in spec["paths"]["/api/events"]["get"]["parameters"] if p["name"] == "limit")
    assert limit["schema"]["maximum"] == 500
    html = api.get("/docs").text
    assert "swagger" in html.lower() and "cdn" not in html.lower() and "https://" not in html


def test_markup_in_articles_is_text_everywhere(api, con):
    article_id = con.execute("SELECT article_id FROM articles WHERE title = ?", [HOSTILE_TITLE]).fetchone()[0]
    art = api.get(f"/api/articles/{article_id}").json()
    assert "<script>" in art["text"]  # JSON carries the text as it is
    html = api.get(f"/articles/{article_id}").text
    assert "<script>alert" not in html and "<img src=x" not in html
    assert "&lt;script&gt;alert(&#39;body&#39;)&lt;/script&gt;" in html
    assert "&lt;script&gt;alert(&#39;title&#39;)&lt;/script&gt;" in html
    events_html = api.get("/events", params={"article": article_id}).text
    assert "<script>alert" not in events_html
    assert api.get("/events", params={"q": "<script>"}).status_code == 200
    assert "<script>alert" not in api.get("/", params={"actor": "<script>alert(1)</script>"}).text


def test_pages_answer_and_send_security_headers(api):
    for path in ("/", "/events", "/dyad", "/dyad?dyad=GBR,RUS", "/map", "/network", "/docs"):
        res = api.get(path)
        assert res.status_code == 200, path
        assert "script-src 'self'" in res.headers["content-security-policy"]
        assert res.headers["x-content-type-options"] == "nosniff"
    res = api.get("/events?since=2017-02-31")
    assert res.status_code == 400 and "text/html" in res.headers["content-type"] and "2017-02-31" in res.text


def test_text_search_is_literal_and_case_blind(api, con):
    word = con.execute("SELECT evidence_text FROM events WHERE evidence_text LIKE '%diplomats%' LIMIT 1").fetchone()
    assert word is not None
    lower = api.get("/api/events", params={"q": "diplomats", "limit": 500}).json()["total"]
    upper = api.get("/api/events", params={"q": "DIPLOMATS", "limit": 500}).json()["total"]
    assert lower == upper > 0
    for odd in ("(", "[x", ".*", "a|b", "\\", "$^", "+?", "{2}", "it's", "100%"):
        res = api.get("/api/events", params={"q": odd})
        assert res.status_code == 200, odd
        expected = con.execute("SELECT count(*) FROM events WHERE contains(lower(evidence_text), ?)", [odd.lower()]).fetchone()[0]
        assert res.json()["total"] == expected, odd


def test_series_have_every_period_between_first_and_last(api):
    data = api.get("/api/dyad", params={"dyad": "GBR,RUS", "both": "true", "interval": "day"}).json()
    days = [r["period"] for r in data["series"]]
    import datetime as dt
    first, last = dt.date.fromisoformat(days[0]), dt.date.fromisoformat(days[-1])
    assert len(days) == (last - first).days + 1  # empty days are zeros, not skipped
    overview = api.get("/api/overview", params={"interval": "month"}).json()
    months = overview["periods"]
    assert months == sorted(months) and all(m.endswith("-01") for m in months)
    assert {r["period"] for r in overview["series"]} <= set(months)


def test_main_events_only(api, con):
    main = con.execute("SELECT count(*) FROM events WHERE main").fetchone()[0]
    every = con.execute("SELECT count(*) FROM events").fetchone()[0]
    data = api.get("/api/events", params={"main": "true", "limit": 500}).json()
    assert data["total"] == main and all(e["main"] for e in data["events"])
    assert api.get("/api/events", params={"limit": 1}).json()["total"] == every


def test_article_page_says_how_each_event_was_coded(api, con):
    article_id, rule, confidence = con.execute(
        "SELECT article_id, rule, confidence FROM events WHERE rule LIKE 'verb:%' LIMIT 1").fetchone()
    import html as html_lib

    page = html_lib.unescape(api.get(f"/articles/{article_id}").text)
    assert f'title="lexicon rule {rule}' in page
    assert f"{confidence:.2f}" in page
