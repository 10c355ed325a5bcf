"""Property tests for text repair: any text in -> no exception, and every offset of the repaired
text maps back into the original, in order.

Deterministic (``derandomize=True``) and small, so the suite stays fast.
"""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from newsevents.text.repair import headline_case, headline_past, identity, repair

SETTINGS = settings(max_examples=300, deadline=None, derandomize=True, database=None,
                    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])

# what news files carry: markup, entities, mojibake, odd spaces and quotes, datelines, repeats
PIECES = [
    "<p>", "</p>", "<br/>", "<br>", "<div class='x'>", "<script>", "</script>", "<style>", "</style>",
    "<!--", "-->", "<a href=\"http://x.test/a>b\">", "</a>", "<strong>", "strong>", "<b", "<", ">", "/>",
    "&amp;", "&#39;", "&#xD800;", "&#1114112;", "&#0;", "&nbsp;", "&bogus;", "&", "AT&T",
    "\u00e2\u20ac\u2122", "\u00e2\u20ac\u0153", "\u00e2\u20ac", "\u00c3\u00a9", "\u00c3", "\u00c2", "\u00c5\u00a1",
    "\r\n", "\r", "\n", "\n\n\n", " ", "  ", "\t", "\u00a0", "\u2028", "\x0b", "\x0c", "\x85",
    "\u00ad", "\u200b", "\ufeff", "\x00", "\x01", "\x1f", "\x7f", "\udfff", "\ud800", "\u200f", "\u202e",
    "\u2019", "\u2018", "`", "\u00b4", "\u201c", "\u201d", "\u00ab", "\u00bb",
    "TEHRAN: ", "WASHINGTON (Reuters) - ", "BEIRUT, Lebanon \u2014 ", "Singapore: ", "By Jane Doe\n",
    "Jane DoeKARACHI: ", "UPDATE: ", "reported.Sources said", "www.example.com.Then", "a.b@c.de",
    "the big red dog ", "the big red dog the big red dog ", "I said no. I said no. ",
    "Police", "arrested", "protesters", "in", "Cairo", ".", ",", "-", "\u2014", "\u0645\u0635\u0631", "\U0001F600",
    "x" * 300,
]
texts = st.one_of(
    st.lists(st.one_of(st.sampled_from(PIECES), st.text(max_size=6)), max_size=40).map("".join),
    st.text(max_size=200),
)


def check_offsets(rep, original: str) -> None:
    n, m = len(original), len(rep.text)
    assert rep.original == original
    assert len(rep.offsets) == m + 1 and rep.offsets[m] == n
    if rep.ends is not None:
        assert len(rep.ends) == m + 1
    prev = 0
    for i in range(m):
        a, b = rep.to_original(i, i + 1)
        assert 0 <= a <= b <= n, (i, a, b)
        assert a >= prev, (i, a, prev)  # in order
        prev = a
    for i in range(0, m + 1, max(1, m // 7)):
        for j in range(i, m + 1, max(1, m // 5)):
            a, b = rep.to_original(i, j)
            assert 0 <= a <= b <= n, (i, j, a, b)
    if rep.dateline is not None:
        s, e, place = rep.dateline
        assert 0 <= s <= e <= n and original[s:e] == place


@SETTINGS
@given(texts)
def test_repair_any_text_maps_back_into_the_original(text):
    rep = repair(text)
    assert isinstance(rep.text, str)
    check_offsets(rep, text)


@SETTINGS
@given(texts)
def test_repair_is_stable_on_its_own_output(text):
    once = repair(text).text
    check_offsets(repair(once), once)


@settings(max_examples=100, deadline=None, derandomize=True, database=None)
@given(texts)
def test_identity_maps_one_to_one(text):
    rep = identity(text)
    assert rep.text == text
    check_offsets(rep, text)


@settings(max_examples=150, deadline=None, derandomize=True, database=None,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(texts, texts)
def test_headline_helpers_any_text(title, body):
    common = frozenset({"police", "arrest", "arrests", "protesters", "thank", "thanks", "aid"})
    names = frozenset({"cairo", "chile", "japan"})
    rep = headline_case(repair(title), body, common, names)
    check_offsets(rep, title)
    past = headline_past(rep, frozenset({"arrest", "thank"}), frozenset({"aid"}))
    if past is not None:
        check_offsets(past, title)
