"""The explorer in a real browser: Debian's chromium, headless, driven by Playwright, against
`newsevents serve` on a store coded by the real pipeline. Screenshots go to test-artifacts/."""

from __future__ import annotations

import re
from urllib.parse import parse_qs, urlparse

from .conftest import HOSTILE_TITLE, screenshot


def _only_local(page, server):
    outside = [u for u in page.requests if not (u.startswith(server) or u.startswith("data:"))]
    assert not outside, f"requests leave the machine: {outside}"


def test_overview_draws_the_quadclass_chart(page, server):
    page.goto(server + "/")
    page.wait_for_function("() => window.Chart && Chart.getChart(document.getElementById('quad-chart'))")
    assert int(page.text_content("#n-events").replace(",", "")) > 0
    assert page.locator("#top-actors tbody tr").count() > 0
    assert page.locator("#vendor-missing").count() == 0
    screenshot(page, "overview")
    page.click("text=week")
    assert "interval=week" in page.url
    page.wait_for_function("() => Chart.getChart(document.getElementById('quad-chart'))")
    assert page.errors == [] and page.dialogs == []
    _only_local(page, server)


def test_events_filter_then_open_an_article(page, server, con):
    page.goto(server + "/events")
    assert page.locator("#events-table tbody tr").count() > 1
    country = con.execute("SELECT source_country FROM events WHERE source_country IS NOT NULL "
                          "GROUP BY ALL ORDER BY count(*) DESC, 1 LIMIT 1").fetchone()[0]
    page.fill("input[name=country]", country)
    page.click("form.filters button[type=submit]")
    page.wait_for_url(re.compile(r"country=" + country))
    rows = page.locator("#events-table tbody tr")
    assert rows.count() > 0
    for i in range(rows.count()):
        assert country in rows.nth(i).inner_text()
    screenshot(page, "events-filtered")
    # the filter is in the URL: a fresh page on the same URL shows the same rows
    shared = page.url
    first_rows = rows.count()
    page.goto(shared)
    assert page.locator("#events-table tbody tr").count() == first_rows
    assert parse_qs(urlparse(shared).query)["country"] == [country]
    # open the article the first event came from: the event's row is the target
    link = page.locator("a.open-article").first
    href = link.get_attribute("href")
    link.click()
    page.wait_for_url(re.compile(r"/articles/[0-9a-f]{40}#ev-[0-9a-f]{16}$"))
    event_row = page.locator("#" + href.split("#")[1])
    assert event_row.is_visible()
    assert page.locator("#article-text a.hl-actor").count() > 0
    assert page.locator("#article-text .hl-event").count() > 0
    screenshot(page, "article")
    # each highlight links to its record
    actor = page.locator("#article-text a.hl-actor").first
    target = actor.get_attribute("href")
    actor.click()
    assert page.url.endswith(target) and page.locator(target).is_visible()
    assert page.errors == [] and page.dialogs == []
    _only_local(page, server)


def test_dyad_view_chart_and_interval_in_url(page, server):
    page.goto(server + "/dyad?dyad=GBR,RUS&both=true&interval=day")
    page.wait_for_function("() => window.Chart && Chart.getChart(document.getElementById('dyad-chart'))")
    assert page.locator("#dyad-table tbody tr").count() > 0
    screenshot(page, "dyad")
    page.click(".controls >> text=month")
    assert "interval=month" in page.url and "dyad=GBR%2CRUS" in page.url
    assert page.errors == []


def test_map_draws_countries_and_places_and_keeps_the_view_in_the_url(page, server):
    page.goto(server + "/map")
    page.wait_for_selector("#map[data-ready='1']")
    page.wait_for_function("() => document.querySelectorAll('#map path.leaflet-interactive').length > 0")
    page.wait_for_function("() => document.querySelectorAll('#map path').length > 100")  # country outlines
    screenshot(page, "map")
    page.locator("#map path.leaflet-interactive").first.click(force=True)
    page.wait_for_selector(".leaflet-popup-content a")
    page.click(".leaflet-control-zoom-in")
    page.wait_for_function("() => location.search.includes('z=3')")
    assert page.errors == []
    _only_local(page, server)


def test_network_draws_and_links_to_a_dyad(page, server):
    page.goto(server + "/network?limit=60")
    page.wait_for_selector("#network[data-ready='1'] canvas")
    assert page.locator("#edges-table tbody tr").count() > 0
    screenshot(page, "network")
    assert page.errors == []
    _only_local(page, server)


def test_api_docs_are_served_locally(page, server):
    page.goto(server + "/docs")
    page.wait_for_selector(".swagger-ui .opblock")
    assert page.locator(".opblock").count() >= 7
    screenshot(page, "api-docs")
    _only_local(page, server)


def test_script_in_an_article_shows_as_text(page, server, con):
    article_id = con.execute("SELECT article_id FROM articles WHERE title = ?", [HOSTILE_TITLE]).fetchone()[0]
    page.goto(f"{server}/articles/{article_id}")
    assert page.text_content("#article-title").strip().startswith("Russia condemns <script>alert('title')</script>")
    assert "<script>alert('body')</script>" in page.text_content("#article-text")
    assert "<img src=x onerror=alert('img')>" in page.text_content("#article-text")
    assert page.locator("#article-text script, #article-text img").count() == 0
    page.goto(f"{server}/events?article={article_id}")
    screenshot(page, "hostile-article")
    assert page.dialogs == [] and page.errors == []


def test_pages_degrade_without_vendor_libraries(page, server):
    page.route("**/static/vendor/**", lambda route: route.abort())
    for path in ("/", "/map", "/network", "/dyad?dyad=GBR,RUS"):
        page.errors.clear()
        page.goto(server + path)
        assert not [e for e in page.errors if "Uncaught" in e or "Error:" in e], (path, page.errors)
    page.goto(server + "/map")
    assert "needs its browser library" in page.text_content("#map")
