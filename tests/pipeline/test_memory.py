"""Long runs keep memory flat: the model is reloaded when spaCy's vocabulary has grown too much, and
the results do not change."""

from __future__ import annotations

import dataclasses
import uuid
from pathlib import Path

from newsevents import Pipeline
from newsevents.io.readers import iter_articles

DEMO = Path(__file__).resolve().parents[2] / "demo" / "articles"


def _events(results) -> list[tuple]:
    return [(r.article.id, e)
            for r in results for e in r.events]


def test_reloading_the_model_changes_no_result():
    articles = [a for a in iter_articles([str(DEMO)]) if hasattr(a, "text")][:16]
    # words no model in this process has seen yet (reference codes), so the vocabulary grows
    articles = [dataclasses.replace(a, text=a.text + "\n\nRef. " + " ".join(uuid.uuid4().hex for _ in range(30)))
                for a in articles]
    small = Pipeline(batch_size=4, max_new_words=50)  # reload after nearly every batch
    nlp_before = small.nlp
    second = list(small.run(articles))
    plain = Pipeline(batch_size=4)
    first = list(plain.run(articles))
    assert small.reloads >= 2 and plain.reloads == 0
    assert small.nlp is not nlp_before  # a fresh model (and vocabulary) after a reload
    assert _events(first) == _events(second) and len(_events(first)) > 10
    assert [r.tone for r in first] == [r.tone for r in second]
