"""Hand-built records for the store and export tests (plain dataclasses, written by us)."""

from __future__ import annotations

from newsevents.records import Actor, Article, DocumentResult, Entity, Event, Place, Quote, TimeExpr


def span(text: str, needle: str, after: int = 0) -> tuple[int, int]:
    start = text.index(needle, after)
    return start, start + len(needle)


def actor(text: str, body: str, code: str, country: str | None, sector: str | None, name: str,
          kind: str = "state") -> Actor:
    s, e = span(body, text)
    return Actor(text=text, start=s, end=e, code=code, country=country, sector=sector, name=name,
                 kind=kind, how="test")


def event(body: str, evidence: str, sources: list[Actor], targets: list[Actor], *, cameo: str,
          quad: int, goldstein: float, plover: str | None, mode: str | None = None,
          date: str | None = "2017-11-02", sentence: int = 0, place: Place | None = None,
          tone: float | None = -5.0, trigger: str = "verb") -> Event:
    s, e = span(body, evidence)
    return Event(source=tuple(sources), target=tuple(targets), cameo=cameo, root=cameo[:2],
                 quad_class=quad, goldstein=goldstein, plover=plover, plover_mode=mode, date=date,
                 date_source="article" if date else "unknown", negated=False, modality="asserted",
                 confidence=0.8, evidence_start=s, evidence_end=e, evidence_text=evidence,
                 trigger=trigger, rule="test.rule", sentence_index=sentence, place=place, tone=tone)


BODY = ("MOSCOW (Wire) - Russia condemned Iran on Thursday over the missile test. "
        "Later, Russian and Chinese diplomats met Iranian officials in Geneva. "
        "\"We will not accept this,\" said Sergei Lavrov. "
        "In 2015, Iran signed an agreement with the United Nations.")


def demo_result(*, text: str = BODY, date: str = "2017-11-02", id: str = "demo-1",
                url: str | None = "https://example.org/news/1", title: str = "Russia condemns Iran") -> DocumentResult:
    """A small article with three events: one plain dyad, one 2 sources x 1 target, one dated 2015."""
    rus = actor("Russia", text, "RUS", "RUS", None, "Russia")
    irn = actor("Iran", text, "IRN", "IRN", None, "Iran")
    rus_dip = actor("Russian", text, "RUSGOV", "RUS", "GOV", "Russia")
    chn_dip = actor("Chinese", text, "CHNGOV", "CHN", "GOV", "China")
    irn_gov = actor("Iranian officials", text, "IRNGOV", "IRN", "GOV", "Iran")
    s_iran = text.index("Iran signed")
    irn2 = Actor(text="Iran", start=s_iran, end=s_iran + 4, code="IRN", country="IRN", name="Iran", kind="state")
    un = actor("United Nations", text, "IGOUNO", None, "IGO", "United Nations", kind="igo")
    gs, ge = span(text, "Geneva")
    geneva = Place(start=gs, end=ge, text="Geneva", name="Geneva", lat=46.2022, lon=6.1457, country="CHE",
                   admin1="GE", geonameid=2660646, feature="city")
    ms, me = span(text, "MOSCOW")
    moscow = Place(start=ms, end=me, text="MOSCOW", name="Moscow", lat=55.7522, lon=37.6156, country="RUS",
                   admin1="48", geonameid=524901, feature="city", role="dateline")
    events = (
        event(text, "Russia condemned Iran", [rus], [irn], cameo="111", quad=3, goldstein=-2.0,
              plover="ACCUSE", mode="disapprove", date=date, sentence=0),
        event(text, "Russian and Chinese diplomats met Iranian officials in Geneva", [rus_dip, chn_dip], [irn_gov],
              cameo="040", quad=1, goldstein=1.0, plover="CONSULT", mode="third-party", date=date, sentence=1,
              place=geneva, tone=0.0),
        event(text, "Iran signed an agreement with the United Nations", [irn2], [un], cameo="057", quad=1,
              goldstein=8.0, plover="AGREE", mode=None, date="2015", sentence=3, tone=12.5),
    )
    qs, qe = span(text, "We will not accept this,")
    ss, se = span(text, "Sergei Lavrov")
    ts, te = span(text, "Thursday")
    ys, ye = span(text, "2015")
    article = Article(id=id, text=text, date=date, title=title, url=url, source="Wire", path=f"/in/{id}.txt",
                      encoding="utf-8")
    return DocumentResult(
        article=article,
        entities=(Entity(*span(text, "Russia"), "Russia", "GPE"), Entity(ss, se, "Sergei Lavrov", "PERSON"),
                  Entity(gs, ge, "Geneva", "GPE")),
        actors=(rus, irn, rus_dip, chn_dip, irn_gov, irn2, un),
        events=events,
        places=(moscow, geneva),
        times=(TimeExpr(ts, te, "Thursday", date, "DATE"), TimeExpr(ys, ye, "2015", "2015", "DATE")),
        quotes=(Quote(qs, qe, "We will not accept this,", speaker_text="Sergei Lavrov", speaker_start=ss,
                      speaker_end=se, speaker_name="Sergei Lavrov", speaker_code="RUSGOV"),),
        dateline=moscow,
        repairs=("joined hyphenated line break",),
        tone=-3.25,
        story_id="story-1",
        n_words=len(text.split()),
    )


def bulk_results(n: int, *, events_per_article: int = 6, words: int = 600) -> list[DocumentResult]:
    """``n`` distinct articles of about ``words`` words, each with ``events_per_article`` events,
    ~25 entities, ~15 actors, 6 places, 4 times and 2 quotes (a busy wire story)."""
    out = []
    filler = " ".join(["the minister said talks would continue next week"] * (words // 8))
    for i in range(n):
        text = f"Story {i}. " + BODY + " " + filler
        base = demo_result(text=text, id=f"bulk-{i}", date=f"2017-{1 + i % 12:02d}-{1 + i % 28:02d}")
        evs = (base.events * (events_per_article // 3 + 1))[:events_per_article]
        ents = (base.entities * 9)[:25]
        acts = (base.actors * 3)[:15]
        places = (base.places * 3)[:6]
        times = (base.times * 2)[:4]
        quotes = base.quotes * 2
        out.append(DocumentResult(article=base.article, entities=ents, actors=acts, events=evs, places=places,
                                  times=times, quotes=quotes, dateline=base.dateline, repairs=base.repairs,
                                  tone=base.tone, story_id=None, n_words=len(text.split())))
    return out
