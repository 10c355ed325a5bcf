"""A headline that cannot be coded never stops the run: a title that is not valid Unicode fails its
own article with a reason, and a headline the parser cannot take loses only its own events."""

from __future__ import annotations

import json

from newsevents import Article, Pipeline
from newsevents.records import DocumentResult, Rejection
from newsevents.stages.headlines import title_events

GOOD = Article(id="good", text="Chile thanked Japan for aid on Tuesday.", date="2017-11-03",
               title="Chile thanks Japan for aid")
BAD = Article(id="bad", text="Russia threatened Iran on Monday.", date="2017-11-02",
              title="\udfff Russia threatens Iran")


def test_a_lone_surrogate_in_a_title_fails_only_its_article(pipeline):
    bad, good = pipeline.process_batch([BAD, GOOD])
    assert isinstance(bad, Rejection) and bad.status == "failed" and bad.stage == "ingest"
    assert "title is not valid Unicode" in bad.reason and "U+DFFF" in bad.reason
    assert isinstance(good, DocumentResult) and good.events
    json.dumps(good.to_prediction(), ensure_ascii=False).encode("utf-8")  # writable


def test_a_headline_the_parser_cannot_take_loses_only_its_events(pipeline):
    from newsevents.stages import DEFAULT_STAGES, build_stages

    stages = build_stages(DEFAULT_STAGES, {})
    found = title_events([BAD, GOOD], stages, nlp=pipeline.nlp, batch_size=64)
    assert "bad" not in found
    assert found.get("good"), found


def test_a_batch_with_a_bad_title_codes_every_other_article_as_alone(pipeline):
    alone = Pipeline().process_batch([GOOD])[0]
    together = pipeline.process_batch([GOOD, BAD, GOOD])
    assert together[0] == alone and together[2] == alone
