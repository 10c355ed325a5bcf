"""Marking up an article's text: every piece escaped, crossing spans allowed, the text unchanged."""

from __future__ import annotations

from html.parser import HTMLParser

from newsevents.web.highlight import Span, article_spans, highlight


class _Text(HTMLParser):
    """Collects the visible text (leaving out the E1/Q0 marks) and checks tags nest."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.text, self.stack, self.in_mark, self.ids = [], [], 0, []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        self.stack.append((tag, "mark" in (attrs.get("class") or "").split()))
        if attrs.get("id"):
            self.ids.append(attrs["id"])
        if self.stack[-1][1]:
            self.in_mark += 1

    def handle_endtag(self, tag):
        open_tag, is_mark = self.stack.pop()
        assert open_tag == tag, f"</{tag}> closes <{open_tag}>"
        if is_mark:
            self.in_mark -= 1

    def handle_data(self, data):
        if not self.in_mark:
            self.text.append(data)


def _parse(html: str) -> _Text:
    p = _Text()
    p.feed(html)
    p.close()
    assert not p.stack
    return p


def test_text_survives_overlapping_and_crossing_spans():
    text = 'Russia said "we <b>will</b> respond" in Moscow & Kiev on Monday.'
    spans = [
        Span(0, len(text), "event", "event-0", "event 0", "E0"),
        Span(12, 36, "quote", "quote-0", "quote 0", "Q0"),
        Span(0, 6, "actor", "actor-0", "actor RUS"),
        Span(40, 46, "place", "place-0", "place Moscow"),
        Span(40, 46, "actor", "actor-1", "actor RUS"),  # the same words as actor and place
        Span(30, 44, "time", "time-9", "crossing the quote end"),
        Span(57, 63, "time", "time-0", "time 2018-01-01"),
        Span(5, 3, "actor", "actor-bad", "empty"), Span(60, 999, "place", "place-9", "clipped"),
    ]
    html = str(highlight(text, spans))
    parsed = _parse(html)
    assert "".join(parsed.text) == text
    assert "<b>" not in html and "&lt;b&gt;" in html and "&amp; Kiev" in html
    for ref in ("event-0", "quote-0", "actor-0", "actor-1", "time-0"):
        assert f"t-{ref}" in parsed.ids, ref
    assert len(parsed.ids) == len(set(parsed.ids))  # one anchor per record
    assert 'href="#actor-1"' in html and "hl-actor hl-place" in html
    assert 'href="#event-0"' in html and ">E0</a>" in html


def test_markup_in_labels_is_escaped():
    html = str(highlight("Putin met Erdogan.", [Span(0, 5, "actor", "actor-0", '"><script>x</script>')]))
    assert "<script>" not in html and "&lt;script&gt;" in html


def test_article_spans_split_title_and_text():
    article = {
        "events": [
            {"event_index": 0, "evidence_in": "text", "evidence_start": 0, "evidence_end": 10, "cameo": "042", "cameo_name": "x"},
            {"event_index": 0, "evidence_in": "text", "evidence_start": 0, "evidence_end": 10, "cameo": "042", "cameo_name": "x"},
            {"event_index": 1, "evidence_in": "title", "evidence_start": 0, "evidence_end": 5, "cameo": "190", "cameo_name": "y"},
        ],
        "actors": [{"mention": 0, "start": 0, "end": 3, "code": "RUS", "name": "Russia"}],
        "places": [], "times": [], "quotes": [],
    }
    text_spans = article_spans(article)
    assert [s.ref for s in text_spans] == ["event-0", "actor-0"]  # one span per event, not per dyad row
    assert [s.ref for s in article_spans(article, where="title")] == ["event-1"]


def test_marks_sit_after_the_sentence_not_before_the_next_paragraph():
    text = "Russia condemned the strike.\n\nIran agreed."
    html = str(highlight(text, [Span(0, 30, "event", "event-0", "event 0", "E0")]))
    assert html.index(">E0</a>") < html.index("\n\n")
    assert "".join(_parse(html).text) == text
