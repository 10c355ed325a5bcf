"""Shared fixtures: the real spaCy model, a real pipeline, and paths to ../shared when present."""

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


@pytest.fixture
def eval_dir():
    """../shared/eval when present; tests that need it skip cleanly otherwise."""
    if not EVAL.is_dir():
        pytest.skip("../shared/eval is not present")
    return EVAL
