"""Fixtures for the actor tests: a real pipeline with only the stages the actor stage needs
(so these tests do not depend on later stages), built once per session with the real model."""

from __future__ import annotations

import pytest


@pytest.fixture(scope="session")
def actor_pipeline():
    from newsevents import Pipeline

    return Pipeline(stages=("entities.v1", "actors.v1"), errors="raise")


@pytest.fixture(scope="session")
def resolve(actor_pipeline):
    """resolve(text, date) -> DocumentResult with .actors, via the real pipeline."""

    def run(text, date=None, title=None):
        return actor_pipeline.code(text, date=date, title=title)

    return run
