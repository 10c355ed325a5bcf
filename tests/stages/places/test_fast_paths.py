"""The place stage's shortcuts give the answers of the plain per-token code they replace: name-like
tokens read from lexeme flags, token spans found by bisection through a repaired text's offset map,
and the cheap word tests that skip a regex scan. Our own invented sentences."""

from __future__ import annotations

from newsevents.stages.places import (
    clean_span,
    name_like,
    names_not_places,
    token_table,
    gazetteer,
)
from newsevents.nlp import load_model


# repairs that move offsets: entities, mojibake, tags, a run-on fix, a dropped dateline
REPAIRED = ("NAIROBI (Reuters) - Ministers from Kenya &amp; Uganda met in Kampala.Officials "
            "said talks in Dar es Salaam<br/>would follow. The U.S. envoy flew to\u00a0Ad\u00e9 "
            "and then to Mombasa, Kenya, on \u00e2\u20ac\u0153Tuesday\u00e2\u20ac\u009d.")


def _linear_clean_span(adoc, start, end):
    """The token-by-token search the bisection replaced."""
    doc = adoc.doc
    for tok in doc:
        if adoc.orig(tok.idx, tok.idx + len(tok.text))[1] > start:
            j = tok.i
            while j + 1 < len(doc) and adoc.orig(doc[j + 1].idx, doc[j + 1].idx + 1)[0] < end:
                j += 1
            return doc[tok.i:j + 1]
    return None


def test_name_like_flags_match_the_token_test(annotate):
    adoc = annotate("The U.S. and the U.K. told NATO and the U.N. that ISIS fighters left "
                    "\u00dcr\u00fcmqi for 3M plants near O'Hare, \u4e2dA and \u00c9vian-les-Bains.")
    doc = adoc.doc
    blocked = [i % 3 == 0 for i in range(len(doc))]
    starts, ends, ok = token_table(doc, doc.text, blocked)
    assert starts == [t.idx for t in doc]
    assert ends == [t.idx + len(t.text) for t in doc]
    assert ok == [not blocked[t.i] and name_like(t) for t in doc]
    assert any(ok)


def test_empty_doc_has_an_empty_token_table():
    doc = load_model()("")
    assert token_table(doc, "", []) == ([], [], [])


def test_token_spans_through_a_repaired_offset_map(annotate):
    adoc = annotate(REPAIRED)
    assert adoc.repaired.text != REPAIRED  # the map is not the identity
    doc = adoc.doc
    # every place's token span, and spans starting and ending at every token edge
    probes = [(p.start, p.end) for p in adoc.places]
    for tok in doc:
        s, e, _ = adoc.orig_span(tok)
        probes += [(s, e), (s, e + 3), (max(0, s - 1), e), (e, e + 1)]
    probes.append((len(REPAIRED) + 5, len(REPAIRED) + 9))  # past the end: no span
    for start, end in probes:
        fast, slow = clean_span(adoc, start, end), _linear_clean_span(adoc, start, end)
        assert (fast is None) == (slow is None)
        if fast is not None:
            assert (fast.start, fast.end) == (slow.start, slow.end)
    mapped = {adoc.doc[s:e].text: p.text for s, e, p in adoc.extras["place_tokens"]}
    assert mapped.get("Kampala") == "Kampala"


def test_disease_names_found_in_non_ascii_text(annotate):
    doc = annotate("Caf\u00e9 owners said the Marburg virus had reached the town.").doc
    assert "marburg" in names_not_places(doc)
    doc = annotate("Caf\u00e9 owners said the festival in Marburg drew crowds.").doc
    assert "marburg" not in names_not_places(doc)


def test_facilities_still_found_after_the_word_test(annotate):
    adoc = annotate("Protesters gathered in Nairobi on Moi Avenue before marching to Uhuru Park.")
    facilities = [p.text for p in adoc.places if p.feature == "facility"]
    assert "Moi Avenue" in facilities


def test_loose_lookup_answers_are_stable():
    gaz = gazetteer()
    first = gaz.lookup_loose("Benue State")
    assert first and all(c.feature in ("admin1", "subdiv", "admin2") for c in first)
    assert gaz.lookup_loose("Benue State") == first
    assert gaz.lookup_loose("the Gulf") == gaz.lookup_loose("the Gulf")
    assert gaz.lookup_loose("Nowhereville Xq") == []
