"""Title Case headlines are put into sentence case for the parser, keeping names and offsets."""

from newsevents.text.repair import headline_case, repair

BODY = ("The government of Portugal said on Monday it would lift the curfew it imposed after the riots "
        "in Lisbon. Officials in Lisbon said protesters had agreed to leave the square.")


def _case(title, body=BODY, common=frozenset(), names=frozenset({"portugal", "lisbon"})):
    return headline_case(repair(title), body, common, names)


def test_common_words_are_lowered_and_names_kept():
    out = _case("Portugal Lifts Curfew Imposed After Riots in Lisbon")
    assert out.text == "Portugal lifts curfew imposed after riots in Lisbon"


def test_offsets_are_unchanged():
    title = "Portugal Lifts Curfew Imposed After Riots in Lisbon"
    out = _case(title)
    assert len(out.text) == len(title)
    assert out.to_original(0, 8) == (0, 8)
    assert out.original == title


def test_sentence_case_headline_is_left_alone():
    title = "Portugal lifts the curfew in Lisbon"
    assert _case(title).text == title


def test_word_the_body_capitalises_is_kept():
    body = "Talks in the city were chaired by Governor Amaro Quintela, who praised the Harbour Authority."
    out = _case("Governor Praises Harbour Authority For Quick Response", body=body, names=frozenset())
    assert out.text.startswith("Governor praises Harbour Authority")
    assert "quick response" in out.text


def test_without_a_body_only_known_common_words_are_lowered():
    out = headline_case(repair("Rebels Reject Calls For Ceasefire In Valdoria"), None,
                        frozenset({"reject", "call", "ceasefire"}), frozenset())
    assert out.text == "Rebels reject calls for ceasefire in Valdoria"


def test_headline_events_after_case_repair(code):
    res = code("The rebels said on Sunday they would not accept the truce offered by Chad.",
               date="2017-06-01", title="Chad Government Rejects Rebel Demands For New Elections")
    titled = [e for e in res.events if e.evidence_in == "title"]
    assert any(e.root == "12" for e in titled), [(e.cameo, e.rule) for e in res.events]


def test_headline_past_keeps_offsets_into_the_original():
    from newsevents.text.repair import headline_past

    rep = repair("Tunisia thanks Peru; Mali bans rallies; Chad denounces moves")
    alt = headline_past(rep, {"thank", "ban", "denounce", "move"}, {"move"})
    assert alt.text == "Tunisia thanked Peru; Mali banned rallies; Chad denounced moves"
    for word, orig in (("thanked", "thanks"), ("banned", "bans"), ("Peru", "Peru"), ("moves", "moves")):
        i = alt.text.index(word)
        s, e = alt.to_original(i, i + len(word))
        assert rep.original[s:e] == orig
    assert headline_past(repair("Peace talks resume"), {"thank"}, set()) is None
