"""The app object itself: read-only store, errors on bad files, pages without vendor libraries,
and the `serve` command's checks. Requests go in-process through httpx's ASGI transport."""

from __future__ import annotations

import asyncio

import httpx
import pytest
from click.testing import CliRunner

from newsevents.cli import cli
from newsevents.errors import StoreError
from newsevents.web import create_app


def _get(app, *paths):
    async def go():
        transport = httpx.ASGITransport(app=app)
        async with httpx.AsyncClient(transport=transport, base_url="http://127.0.0.1") as client:
            return [await client.get(p) for p in paths]
    return asyncio.run(go())


@pytest.fixture(scope="module")
def bare_app(web_db, tmp_path_factory):
    """The explorer with an empty vendor folder: as after a setup without npm."""
    app = create_app(web_db, vendor_dir=tmp_path_factory.mktemp("no_vendor"))
    yield app
    app.state.store.close()


def test_store_is_opened_read_only(bare_app):
    assert bare_app.state.store.read_only is True


def test_pages_work_without_vendor_libraries_and_say_so(bare_app):
    pages = ["/", "/dyad?dyad=GBR,RUS", "/map", "/network", "/docs"]
    for path, res in zip(pages, _get(bare_app, *pages)):
        assert res.status_code == 200, path
        assert 'id="vendor-missing"' in res.text and "make web-assets" in res.text, path
        assert "/static/vendor/" not in res.text.split("</main>")[1], path  # no script tags for missing files
    events = _get(bare_app, "/events")[0]
    assert events.status_code == 200 and 'id="vendor-missing"' not in events.text  # needs no library
    assert 'id="places-table"' in _get(bare_app, "/map")[0].text  # the data as a table instead
    assert _get(bare_app, "/static/vendor/leaflet.js")[0].status_code == 404


def test_not_a_store_is_a_store_error(tmp_path):
    bad = tmp_path / "notes.duckdb"
    bad.write_text("not a database", encoding="utf-8")
    with pytest.raises(StoreError):
        create_app(bad)


def test_serve_refuses_a_missing_store(tmp_path):
    res = CliRunner().invoke(cli, ["serve", "--db", str(tmp_path / "none.duckdb")])
    assert res.exit_code == 2 and "does not exist" in res.output
    assert CliRunner().invoke(cli, ["serve", "--help"]).output.count("127.0.0.1") == 1


def test_only_loopback_host_names_are_answered(bare_app):
    async def go():
        transport = httpx.ASGITransport(app=bare_app)
        async with httpx.AsyncClient(transport=transport, base_url="http://127.0.0.1") as client:
            return (await client.get("/api/overview", headers={"host": "evil.example:8000"}),
                    await client.get("/api/overview", headers={"host": "localhost:8000"}))
    evil, local = asyncio.run(go())
    assert evil.status_code == 400 and local.status_code == 200
    assert evil.json()["error"]["message"].startswith("this explorer does not answer to host 'evil.example'")
