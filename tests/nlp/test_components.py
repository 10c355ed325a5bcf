"""The table-driven attribute ruler and lemmatizer give exactly the stock spaCy components' output."""

from __future__ import annotations

from pathlib import Path

import numpy
import pytest
from spacy.attrs import DEP, ENT_IOB, ENT_TYPE, HEAD, LEMMA, MORPH, POS, TAG

from newsevents.io.readers import iter_articles
from newsevents.nlp import load_model
from newsevents.nlp.components import CachedLemmatizer, TableAttributeRuler

DEMO = Path(__file__).resolve().parents[2] / "demo" / "articles"
ATTRS = [POS, MORPH, LEMMA, TAG, DEP, HEAD, ENT_IOB, ENT_TYPE]

# our own sentences for the rarer rules: multi-token patterns, contractions, expletives, pronoun objects
SENTENCES = [
    "There are three reasons, and there is one more: y'all know it ain't over.",
    "We're gonna hold talks and we've gotta keep going, let's be clear.",
    "Nothing was agreed; nobody said anything to them, and they didn't call it off.",
    "Did the minister have the papers? He did, and he has them still.",
    "The rebels, who'd said they would not attack, shelled the town anyway.",
    "C'mon, that is what those people said: these talks will not fail.",
]


def texts() -> list[str]:
    out = [a.text for a in iter_articles([str(DEMO)]) if hasattr(a, "text")]
    return out + SENTENCES


@pytest.fixture(scope="module")
def pipelines():
    return load_model(fast=False), load_model(fast=True)


def test_the_fast_pipeline_swaps_both_components(pipelines):
    stock, fast = pipelines
    assert stock.pipe_names == fast.pipe_names
    assert isinstance(fast.get_pipe("attribute_ruler"), TableAttributeRuler)
    assert isinstance(fast.get_pipe("lemmatizer"), CachedLemmatizer)
    assert not isinstance(stock.get_pipe("attribute_ruler"), TableAttributeRuler)


def test_same_annotations_token_by_token(pipelines):
    stock, fast = pipelines
    docs = texts()
    assert len(docs) > 10
    n_tokens = 0
    for a, b in zip(stock.pipe(docs), fast.pipe(docs)):
        assert [t.text for t in a] == [t.text for t in b]
        diff = numpy.argwhere(a.to_array(ATTRS) != b.to_array(ATTRS))
        assert not len(diff), [(a[i].text, a[i].pos_, b[i].pos_, str(a[i].morph), str(b[i].morph),
                                a[i].lemma_, b[i].lemma_) for i, _ in diff[:5]]
        n_tokens += len(a)
    assert n_tokens > 1000


def test_rare_rules_do_fire(pipelines):
    """The sentences above reach the multi-token and dependency rules, not only the tag map."""
    _, fast = pipelines
    doc = fast("We're gonna hold talks, y'all.")
    lemmas = {t.text.lower(): t.lemma_ for t in doc}
    assert lemmas["gon"] == "go" and lemmas["na"] == "to"
    doc = fast("There are three reasons.")
    assert doc[1].pos_ == "VERB"  # "are" after an expletive subject
    assert fast("Nobody came.")[0].pos_ == "PRON"


def test_a_second_pass_uses_the_caches_and_agrees(pipelines):
    stock, fast = pipelines
    text = SENTENCES[0] + " " + SENTENCES[3]
    first, second = fast(text), fast(text)
    assert (first.to_array(ATTRS) == second.to_array(ATTRS)).all()
    assert (second.to_array(ATTRS) == stock(text).to_array(ATTRS)).all()


def test_fast_maxout_layers_are_bit_identical(pipelines):
    """Every Maxout layer of the trained components runs the reordered forward, and the tok2vec
    outputs (doc.tensor, which the tagger and parser read) are the same floats, bit for bit."""
    from thinc.layers import maxout as stock_maxout

    stock, fast = pipelines
    n_fast = sum(1 for _, p in fast.pipeline if hasattr(getattr(p, "model", None), "walk")
                 for node in p.model.walk() if node.name == "maxout" and node._func is not stock_maxout.forward)
    n_stock = sum(1 for _, p in stock.pipeline if hasattr(getattr(p, "model", None), "walk")
                  for node in p.model.walk() if node.name == "maxout" and node._func is not stock_maxout.forward)
    assert n_fast >= 8 and n_stock == 0  # 4 CNN layers in each of the two tok2vecs, plus the embeddings'
    docs = texts()
    for a, b in zip(stock.pipe(docs), fast.pipe(docs)):
        assert a.tensor.shape == b.tensor.shape
        assert numpy.array_equal(a.tensor, b.tensor)


def test_fast_maxout_equals_thinc_on_random_inputs():
    from thinc.api import Maxout

    from newsevents.nlp.components import fast_maxout

    rng = numpy.random.default_rng(7)
    for n_o, n_p, n_i in [(96, 3, 288), (5, 2, 7), (64, 4, 33)]:
        layer = Maxout(nO=n_o, nP=n_p, nI=n_i)
        layer.initialize(X=rng.standard_normal((4, n_i), dtype="float32"))
        layer.set_param("b", rng.standard_normal((n_o, n_p), dtype="float32"))
        X = rng.standard_normal((257, n_i), dtype="float32") * 3
        forward = fast_maxout(layer)
        want, _ = layer(X, is_train=False)
        got, _ = forward(layer, X, False)
        assert got.shape == want.shape and numpy.array_equal(got, want)
        # new parameter arrays (e.g. after loading other weights) are picked up
        layer.set_param("W", rng.standard_normal((n_o, n_p, n_i), dtype="float32"))
        want, _ = layer(X, is_train=False)
        got, _ = forward(layer, X, False)
        assert numpy.array_equal(got, want)
