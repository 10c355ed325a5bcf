"""Quote stage: direct quotes, their spans in the ORIGINAL text, and their speakers.

All sentences are invented for these tests; they run through the real pipeline and spaCy model.
"""

from __future__ import annotations

import pytest


def _check_offsets(result):
    text = result.article.text
    for q in result.quotes:
        assert text[q.start : q.end] == q.text
        if q.speaker_start is not None:
            assert text[q.speaker_start : q.speaker_end] == q.speaker_text
    return result.quotes


def _quote_with(result, words):
    found = [q for q in _check_offsets(result) if words in q.text]
    assert found, f"no quote containing {words!r} in {[q.text for q in result.quotes]}"
    return found[0]


def test_straight_quote_with_speaker(code):
    r = code('The harbour master Ines Vale said, "We will not open the port until the storm has passed."')
    q = _quote_with(r, "We will not open the port")
    assert q.text.startswith('"') and q.text.endswith('"')
    assert q.speaker_name == "Ines Vale"
    assert "Vale" in q.speaker_text


def test_curly_quote_keeps_original_offsets(code):
    text = "Farm leaders met on Friday.  \u201cThe drought has cost us half of the wheat harvest,\u201d Omar Haddad told reporters."
    r = code(text)
    q = _quote_with(r, "half of the wheat harvest")
    assert q.text[0] == "\u201c" and q.text[-1] == "\u201d"
    assert text[q.start] == "\u201c"
    assert q.speaker_name == "Omar Haddad"


def test_multi_sentence_quote_inverted_said(code):
    r = code('"We are ready. The talks can resume on Monday in Geneva," said Foreign Minister Anna Berg.')
    quotes = _check_offsets(r)
    assert len(quotes) == 1
    q = quotes[0]
    assert "We are ready." in q.text and "resume on Monday" in q.text
    assert q.speaker_name and q.speaker_name.endswith("Berg")


def test_quote_over_two_paragraphs(code):
    text = (
        'Mayor Tom Ellis spoke at the town hall on Wednesday. He said: "The old bridge will close for '
        "two weeks while engineers replace the deck.\n\n"
        '"Drivers should use the northern road during that time, and buses will follow it too."\n\n'
        "The council approved the repairs last month."
    )
    r = code(text)
    q = _quote_with(r, "The old bridge will close")
    assert "northern road" in q.text  # the quote runs on into the next paragraph
    assert "council approved" not in q.text
    assert q.speaker_name == "Tom Ellis"


def test_split_quote_is_one_attribution(code):
    text = (
        'Finance Minister Rosa Lind presented the budget. "The budget is balanced for the first time in '
        'a decade," Lind said. "Nobody should doubt that we kept our promise to the voters."'
    )
    r = code(text)
    q = _quote_with(r, "The budget is balanced")
    assert "kept our promise" in q.text  # one span covering both fragments
    assert q.speaker_name == "Rosa Lind"
    assert len([x for x in r.quotes if "kept our promise" in x.text]) == 1


def test_partial_quote_governed_by_speech_verb(code):
    r = code('Senator Maria Lopez called the tariff plan "reckless and short-sighted" on Tuesday.')
    q = _quote_with(r, "reckless")
    assert q.speaker_name == "Maria Lopez"


def test_single_quoted_partial_quote(code):
    r = code("The president vowed to tackle 'regional terrorism' when he met the governors in Lagos.")
    q = _quote_with(r, "regional terrorism")
    assert q.text == "'regional terrorism'"


def test_scare_quotes_and_titles_are_not_statements(code):
    r = code(
        'The so-called "peace plan" was printed on Tuesday. Viewers of the "Morning Desk" show '
        "saw the minister leave early."
    )
    assert _check_offsets(r) == ()


def test_according_to(code):
    r = code('"The border crossing will reopen next week," according to Colonel James Okafor.')
    q = _quote_with(r, "border crossing will reopen")
    assert q.speaker_name == "James Okafor"


def test_pronoun_speaker_is_resolved(code):
    text = (
        "Prime Minister Helen Carter visited the shipyard in Aberdeen on Monday. "
        '"Our ships will sail again before the winter," she said.'
    )
    r = code(text)
    q = _quote_with(r, "Our ships will sail")
    assert q.speaker_text == "she"
    assert q.speaker_name == "Helen Carter"


def test_statement_attribution(code):
    r = code(
        "In a statement on Sunday, the Ministry of Defence said: "
        '"Our forces responded to an attack on a border post near the river."'
    )
    q = _quote_with(r, "Our forces responded")
    assert "Ministry of Defence" in q.speaker_text


def test_said_in_a_statement(code):
    r = code('"We regret the delay and will refund every passenger," Peter Novak said in a statement.')
    q = _quote_with(r, "refund every passenger")
    assert q.speaker_name == "Peter Novak"


def test_cue_less_quote_paragraph_inherits_speaker(code):
    text = (
        'Union leader Sara Kim spoke outside the plant. "We asked for a fair contract and got nothing," '
        "Kim said.\n\n"
        "Managers did not respond.\n\n"
        '"We will strike on Monday if there is no offer by then, and every shift will join."'
    )
    r = code(text)
    q = _quote_with(r, "We will strike on Monday")
    assert q.speaker_name == "Sara Kim"


def test_offsets_survive_text_repair(code):
    text = (
        "<p>Trade &amp; industry news.</p>\n\n"
        "Exporters   were worried.  &ldquo;Our orders have fallen by a third since March,&rdquo; "
        "said Lena Fischer, who runs a toy factory."
    )
    r = code(text)
    q = _quote_with(r, "Our orders have fallen")
    assert q.text.startswith("&ldquo;") and q.text.endswith("&rdquo;")
    assert q.speaker_name == "Lena Fischer"


def test_no_quotes_in_markup_attributes(code):
    r = code('<tweet author="someone" id="12345">The weather was fine today in the capital.</tweet>')
    assert _check_offsets(r) == ()


@pytest.mark.parametrize("n", [1])
def test_text_without_quotes(code, n):
    r = code("The council met on Monday and approved the budget for the coming year.")
    assert r.quotes == ()
