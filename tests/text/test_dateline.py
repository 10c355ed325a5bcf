"""The plain leading-dateline detector the place stage falls back on. Our own sentences."""

from __future__ import annotations

import pytest

from newsevents.text.dateline import find_dateline


@pytest.mark.parametrize("text, place", [
    ("WASHINGTON (AP) -- The Senate voted on Tuesday.", "WASHINGTON"),
    ("BEIRUT, Lebanon - Protesters gathered.", "BEIRUT"),
    ("  KABUL: Officials said.", "KABUL"),
    ("NEW YORK \u2014 Markets fell.", "NEW YORK"),
])
def test_leading_upper_case_place(text, place):
    span = find_dateline(text)
    assert span is not None and text[span[0]:span[1]] == place


@pytest.mark.parametrize("text", [
    "The Senate voted on Tuesday - a close vote.",
    "Officials in KABUL: talks resume.",
    "",
])
def test_no_dateline(text):
    assert find_dateline(text) is None


def test_only_the_head_of_the_text_is_read():
    assert find_dateline(" " * 100 + "KABUL: Officials said.") == (100, 105)
    assert find_dateline(" " * 130 + "KABUL: Officials said.") is None
