"""Fixtures for the explorer: a store coded by the real pipeline from a few of our demo articles
(plus one article that carries markup), a real `newsevents serve` subprocess on a free port, and
a headless Debian chromium driven by Playwright."""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import time
from pathlib import Path

import httpx
import pytest

ROOT = Path(__file__).resolve().parents[2]
DEMO = ROOT / "demo" / "articles"
ARTIFACTS = ROOT / "test-artifacts"

DEMO_FILES = [
    "2017-07-08-hamburg-putin-erdogan.txt",
    "2017-07-14-tal-afar-air-strike.txt",
    "2017-08-09-pyongyang-threatens-guam.txt",
    "2017-11-02-tehran-talks.txt",
    "2018-03-14-london-expels-russian-diplomats.txt",
    "2018-03-17-moscow-expels-british-diplomats.txt",
    "2018-04-14-western-strikes-syria.txt",
    "2018-05-29-bamako-minusma-attack.txt",
]

# Our own hostile article: markup in the title, the body and an actor-like name must show as text.
HOSTILE_TITLE = "Russia condemns <script>alert('title')</script> strike"
HOSTILE = f"""date 2018-01-05 {HOSTILE_TITLE}

MOSCOW: Russia condemned the <script>alert('body')</script> air strike on Syria on Friday, and the
foreign ministry said <img src=x onerror=alert('img')> Moscow would protest to Washington.
"""


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="session")
def web_db(tmp_path_factory, pipeline) -> Path:
    """A store coded by the real pipeline (session-wide: the articles are coded once)."""
    from newsevents.io.readers import iter_articles
    from newsevents.store import open_db

    src = tmp_path_factory.mktemp("web_articles")
    for name in DEMO_FILES:
        shutil.copyfile(DEMO / name, src / name)
    (src / "2018-01-05-hostile-markup.txt").write_text(HOSTILE, encoding="utf-8")
    db = tmp_path_factory.mktemp("web_store") / "explorer.duckdb"
    with open_db(db) as store:
        store.write_many(pipeline.run(iter_articles([str(src)])))
    return db


def wait_for(url: str, proc: subprocess.Popen, timeout: float = 60.0) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            out = proc.stdout.read() if proc.stdout else ""
            raise RuntimeError(f"newsevents serve exited with {proc.returncode}: {out}")
        try:
            if httpx.get(url, timeout=2).status_code == 200:
                return
        except httpx.HTTPError:
            pass
        time.sleep(0.1)
    raise RuntimeError(f"newsevents serve did not answer {url} within {timeout} s")


@pytest.fixture(scope="session")
def server(web_db):
    """Base URL of `newsevents serve --db web_db` running as a subprocess on a free port."""
    port = _free_port()
    cmd = [sys.executable, "-m", "newsevents.cli", "serve", "--db", str(web_db), "--port", str(port)]
    proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
                            env={**os.environ, "PYTHONUNBUFFERED": "1"})
    base = f"http://127.0.0.1:{port}"
    try:
        wait_for(base + "/api/overview", proc)
        yield base
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()


@pytest.fixture(scope="session")
def api(server):
    with httpx.Client(base_url=server, timeout=30) as client:
        yield client


@pytest.fixture(scope="session")
def con(web_db, server):
    """A read-only DuckDB connection to the same store, to check the API against SQL."""
    import duckdb

    c = duckdb.connect(str(web_db), read_only=True)
    yield c
    c.close()


def chromium_path() -> str | None:
    found = shutil.which("chromium") or shutil.which("chromium-browser")
    if found:
        return found
    return "/usr/bin/chromium" if Path("/usr/bin/chromium").is_file() else None


@pytest.fixture(scope="session")
def browser():
    """Headless Debian chromium (never a downloaded browser); skips only when it is absent."""
    exe = chromium_path()
    if exe is None:
        pytest.skip("chromium is not installed (apt-get install -y chromium); .ci/run installs it in CI")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=exe, headless=True, args=["--no-sandbox", "--disable-gpu"])
        yield b
        b.close()


@pytest.fixture
def page(browser, server):
    """A fresh browser page that records console errors, page errors, dialogs and every request."""
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    pg = context.new_page()
    pg.set_default_timeout(15_000)
    pg.errors = []
    pg.dialogs = []
    pg.requests = []
    pg.on("console", lambda m: pg.errors.append(m.text) if m.type == "error" else None)
    pg.on("pageerror", lambda e: pg.errors.append(str(e)))
    pg.on("dialog", lambda d: (pg.dialogs.append(d.message), d.dismiss()))
    pg.on("request", lambda r: pg.requests.append(r.url))
    yield pg
    context.close()


def screenshot(pg, name: str) -> Path:
    ARTIFACTS.mkdir(exist_ok=True)
    path = ARTIFACTS / f"web-{name}.png"
    pg.screenshot(path=str(path), full_page=False)
    return path
