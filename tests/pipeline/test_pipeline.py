"""The pipeline as a whole: order, rejections, error policy, offsets, pickling."""

from __future__ import annotations

import pickle

import pytest

import newsevents
from newsevents import Article, ConfigError, DocumentResult, Pipeline, Rejection, StageError
from newsevents.stages import build_stages

TEXT = (
    "Officials in Nairobi said on Monday that Kenya would send 300 police officers to help the "
    "United Nations mission. The Kenyan foreign minister met her Ugandan counterpart in Kampala."
)


def test_results_come_back_in_input_order_with_rejections_kept(pipeline):
    items = [
        Article(id="a", text=TEXT, date="2018-03-07"),
        Rejection("bad", "x.jsonl", "failed", "ingest", "line 2: invalid JSON"),
        Article(id="empty", text="   \n "),
        Article(id="b", text="Protesters marched in Lima on Sunday.", date="2018-03-05"),
    ]
    out = list(pipeline.run(items))
    assert [getattr(r, "id", None) or r.record_id for r in out] == ["a", "bad", "empty", "b"]
    assert isinstance(out[0], DocumentResult) and isinstance(out[3], DocumentResult)
    assert out[1].status == "failed" and out[1].reason.startswith("line 2")
    assert out[2].status == "skipped" and "empty" in out[2].reason


def test_too_long_article_is_skipped_with_reason():
    pipe = Pipeline(max_chars=1000)
    (res,) = pipe.process_batch([Article(id="big", text="word " * 1000)])
    assert isinstance(res, Rejection)
    assert res.status == "skipped" and "too long" in res.reason and "--max-chars" in res.reason


def test_entity_offsets_point_into_original_text(code):
    original = "BAGHDAD:  Iraq\u00b4s  prime minister met  Jordanian officials in Amman."
    result = code(original, date="2018-01-10")
    assert result.entities
    for ent in result.entities:
        assert original[ent.start:ent.end] == ent.text


def test_public_code_function_returns_document(code):
    doc = newsevents.code(TEXT, date="2018-03-07", title="Kenya to send police")
    assert doc.article.date == "2018-03-07"
    for name in ("events", "entities", "places", "times", "quotes"):
        assert isinstance(getattr(doc, name), tuple)
    pred = doc.to_prediction()
    assert {"id", "entities", "places", "times", "quotes", "events", "story_id"} <= set(pred)


def test_unknown_stage_and_bad_order_are_config_errors():
    with pytest.raises(ConfigError, match="unknown stage"):
        build_stages(["nope.v1"])
    with pytest.raises(ConfigError, match="needs"):
        build_stages(["events.v1"])  # needs actor mentions first


def test_error_policy_raise_wraps_stage_failures():
    class Boom:
        name = "boom.v1"
        requires = ()
        produces = ()

        def process(self, adoc):
            raise ValueError("kaput")

    pipe = Pipeline(stages=(Boom(),), errors="raise")
    with pytest.raises(StageError) as info:
        pipe.process_batch([Article(id="x", text="Hello there.")])
    assert info.value.stage == "boom.v1" and info.value.article_id == "x"
    skip = Pipeline(stages=(Boom(),))
    (res,) = skip.process_batch([Article(id="x", text="Hello there.")])
    assert isinstance(res, Rejection) and res.status == "failed" and "kaput" in res.reason


def test_pipeline_pickles_for_worker_processes(pipeline):
    clone = pickle.loads(pickle.dumps(pipeline))
    (res,) = clone.process_batch([Article(id="p", text="Chile and Peru signed a trade deal.", date="2018-02-01")])
    assert isinstance(res, DocumentResult)


def test_errors_argument_is_checked():
    with pytest.raises(ConfigError):
        Pipeline(errors="ignore")
