"""Shared fixtures: the real spaCy model, a real pipeline, a store coded from the demo corpus, and
paths to ../shared when present."""

from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
EVAL = SHARED / "eval"


def pytest_report_header(config):
    import duckdb
    import spacy

    from newsevents.nlp import DEFAULT_MODEL

    return f"newsevents: duckdb {duckdb.__version__}, spacy {spacy.__version__}, model {DEFAULT_MODEL}"


@pytest.fixture(scope="session")
def pipeline():
    """The default pipeline with the real model (loaded once per test session)."""
    from newsevents import Pipeline

    return Pipeline()


@pytest.fixture(scope="session")
def code(pipeline):
    """code(text, date=..., title=...) -> DocumentResult, with the real pipeline."""
    return pipeline.code


@pytest.fixture(scope="session")
def demo_db(tmp_path_factory, pipeline) -> Path:
    """Path of a store coded by the real pipeline from every demo article (coded once per session)."""
    from newsevents.io.readers import iter_articles
    from newsevents.store import open_db

    path = tmp_path_factory.mktemp("demo_store") / "demo.duckdb"
    with open_db(path) as s:
        s.write_many(pipeline.run(iter_articles([str(ROOT / "demo" / "articles")])))
    return path


@pytest.fixture
def eval_dir():
    """../shared/eval when present; tests that need it skip cleanly otherwise."""
    if not EVAL.is_dir():
        pytest.skip("../shared/eval is not present")
    return EVAL


def pytest_terminal_summary(terminalreporter, exitstatus, config):
    """Say plainly how many browser tests were skipped, why, and how to run them."""
    skipped = terminalreporter.stats.get("skipped", [])
    browser = [r for r in skipped if "test_browser" in r.nodeid or "chromium" in str(r.longrepr)]
    if not browser:
        return
    reasons = sorted({r.longrepr[2].removeprefix("Skipped: ") if isinstance(r.longrepr, tuple) else str(r.longrepr)
                      for r in browser})
    terminalreporter.write_sep("-", "browser tests skipped", yellow=True)
    terminalreporter.write_line(f"{len(browser)} browser tests of the explorer were SKIPPED: {'; '.join(reasons)}")
    terminalreporter.write_line("To run them: install Debian's chromium (`sudo apt-get install -y chromium`), "
                                "then `make test` again. CI installs it and runs them.")
