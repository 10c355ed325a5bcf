"""Duplicates and stories over our own invented articles, with the real pipeline and DuckDB."""

from __future__ import annotations

import pytest

from newsevents.records import Article
from newsevents.stories import StoryIndex, assign_stories, signature, text_signature
from newsevents.store import open_db

QUAKE = ("A strong earthquake of magnitude 6.8 struck near the coastal town of Tolpeca in southern Chile "
         "on Wednesday, killing at least 14 people and leaving hundreds homeless, the national emergency "
         "office Onemar said. Rescue teams from Valdivia searched collapsed houses through the night while "
         "President Elena Marquart flew to the region and promised shelters for families whose homes were "
         "destroyed. Aftershocks shook Tolpeca for hours and the port was closed to ships.")
QUAKE_REPRINT = QUAKE.replace("at least 14 people", "at least 15 people").replace(
    "flew to the region", "travelled to the region")
QUAKE_FOLLOWUP = ("Rescuers in Tolpeca pulled two survivors from a collapsed school on Thursday as the death "
                  "toll from the Chile earthquake rose to 21, Onemar said. President Elena Marquart visited "
                  "shelters in Valdivia and said the government would rebuild every destroyed home in the "
                  "coastal town. Aftershocks continued and the port of Tolpeca stayed closed.")
OTHER_QUAKE = ("An earthquake of magnitude 6.1 hit the northern Japanese prefecture of Akita early on Saturday, "
               "injuring nine people in the city of Noshiro and cutting power to 30,000 homes, Japan's "
               "meteorological agency said. Prime Minister Kenji Harada told reporters no tsunami was "
               "expected. Bullet trains between Akita and Morioka were halted for inspection.")
ARREST = ("Police in Lyon arrested the investigative journalist Marc Delorme on Monday after he published "
          "documents about a public contract, his lawyer Anne Fabre said. Delorme was held at a police "
          "station in Lyon and questioned for six hours. Press freedom groups condemned the arrest of "
          "Delorme and demanded his release.")
ARREST_FOLLOWUP = ("French press groups protested outside a Lyon court on Tuesday as journalist Marc Delorme, "
                   "arrested on Monday over leaked contract documents, appeared before a judge. His lawyer "
                   "Anne Fabre called the detention of Delorme an attack on reporting and said he would appeal.")
OTHER_ARREST = ("Police in Manila arrested the labour activist Rosa Villanueva on Monday during a protest by "
                "dock workers, the union Kilos Pantalan said. Villanueva was taken to a Quezon City police "
                "camp. Union leaders called the arrest of Villanueva an attempt to break the dock strike.")


def _articles(specs):
    return [Article(id=i, text=t, date=d, source=s) for i, t, d, s in specs]


BATCH1 = [
    ("q1", QUAKE, "2021-03-10", "Wire A"),
    ("q1r", QUAKE_REPRINT, "2021-03-10", "Daily B"),
    ("j1", OTHER_QUAKE, "2021-03-13", "Wire A"),
    ("a1", ARREST, "2021-03-08", "Wire A"),
    ("m1", OTHER_ARREST, "2021-03-08", "Daily B"),
]
BATCH2 = [
    ("q2", QUAKE_FOLLOWUP, "2021-03-11", "Daily C"),
    ("a2", ARREST_FOLLOWUP, "2021-03-09", "Daily C"),
]


@pytest.fixture(scope="module")
def results(pipeline):
    out = {}
    for r in pipeline.run(_articles(BATCH1 + BATCH2)):
        out[r.id] = r
    return out


def test_reprint_with_small_edits_is_a_duplicate_of_the_first(results):
    got = assign_stories([results[k] for k in ("q1", "q1r", "j1", "a1", "m1")])
    assert got["q1r"].duplicate_of == "q1"
    assert got["q1"].duplicate_of is None
    assert got["q1r"].story_id == got["q1"].story_id
    assert all(got[k].duplicate_of is None for k in ("j1", "a1", "m1"))


def test_same_topic_different_events_stay_apart(results):
    got = assign_stories(list(results.values()))
    assert got["q1"].story_id == got["q2"].story_id  # same earthquake, rewritten
    assert got["a1"].story_id == got["a2"].story_id  # same arrest, rewritten
    assert got["q1"].story_id != got["j1"].story_id  # another earthquake elsewhere
    assert got["a1"].story_id != got["m1"].story_id  # another arrest elsewhere
    assert got["q1"].story_id != got["a1"].story_id


def test_story_ids_are_deterministic_and_independent_of_order(results):
    rs = list(results.values())
    first = assign_stories(rs)
    again = assign_stories(list(reversed(rs)))
    assert {k: v.story_id for k, v in first.items()} == {k: v.story_id for k, v in again.items()}
    assert all(v.story_id.startswith("s-") and len(v.story_id) == 18 for v in first.values())


def test_dates_far_apart_never_join(results):
    late = results["q2"].article
    moved = text_signature("late", late.text, date="2021-06-01")
    idx = StoryIndex()
    idx.add(results["q1"])
    idx.add_signature(moved)
    got = idx.finish()
    assert got["late"].story_id != got["q1"].story_id


def test_streaming_index_matches_assign_stories(results):
    idx = StoryIndex()
    for r in results.values():
        idx.add(r)
    assert idx.finish() == assign_stories(list(results.values()))
    sig = signature(results["a1"])
    assert "e:marc delorme" in sig.terms and len(sig.minhash) == 128


def test_second_batch_joins_stored_stories_without_old_texts(results, tmp_path):
    db = tmp_path / "s" / "events.duckdb"
    with open_db(db) as store:
        for k, *_ in BATCH1:
            store.write(results[k])
        first = assign_stories([results[k] for k, *_ in BATCH1], store=store)
    with open_db(db) as store:
        # old texts are not read again: blank them in the store; only signatures remain
        store.con.execute("UPDATE articles SET text = ''")
        for k, *_ in BATCH2:
            store.write(results[k])
        second = assign_stories([results[k] for k, *_ in BATCH2], store=store)
        assert set(second) == {"q2", "a2"}
        assert second["q2"].story_id == first["q1"].story_id
        assert second["a2"].story_id == first["a1"].story_id
        rows = dict(store.con.execute("SELECT input_id, story_id FROM articles").fetchall())
        assert rows["q2"] == rows["q1"] == first["q1"].story_id
        assert store.con.execute("SELECT count(*) FROM story_signatures").fetchone()[0] == 7
        # re-running the second batch adds nothing and changes nothing
        again = assign_stories([results[k] for k, *_ in BATCH2], store=store)
        assert again == second


def test_event_counts_group_by_story_dyad_and_cameo(pipeline, tmp_path):
    text = ("Police in Lyon arrested the journalist Marc Delorme on Monday. Press groups condemned the "
            "arrest.")
    arts = _articles([("x1", text, "2021-03-08", "Wire A"),
                      ("x2", text + " His lawyer Anne Fabre said he would appeal.", "2021-03-08", "Daily B"),
                      ("x3", text + " Delorme was questioned for six hours.", "2021-03-08", "Daily B")])
    rs = list(pipeline.run(arts))
    assert all(r.events for r in rs)
    with open_db(tmp_path / "c.duckdb") as store:
        for r in rs:
            store.write(r)
        got = assign_stories(rs, store=store)
        sid = got["x1"].story_id
        assert {v.story_id for v in got.values()} == {sid}
        counts = store.event_counts(story_id=sid)
        assert counts
        top = counts[0]
        n_events = store.con.execute(
            "SELECT count(DISTINCT event_group) FROM events e JOIN articles a USING (article_id) "
            "WHERE a.story_id = ? AND e.cameo = ? AND e.source_code IS NOT DISTINCT FROM ? "
            "AND e.target_code IS NOT DISTINCT FROM ?",
            [sid, top["cameo"], top["source_code"], top["target_code"]]).fetchone()[0]
        assert top["num_mentions"] == n_events
        assert top["num_articles"] <= 3 and top["num_sources"] <= top["num_articles"]
        assert max(c["num_sources"] for c in counts) == 2


def _filler(n: int) -> list:
    """Unrelated invented articles: each its own mix of everyday words and a made-up place."""
    import random

    words = ("harvest bridge library concert museum festival orchard ferry budget school bakery tram "
             "garden river choir market tunnel stadium vineyard lighthouse orchestra bicycle canal "
             "exhibition recipe bakery council novel painter theatre harbour meadow glacier beekeeper "
             "violin marathon chess telescope pottery quilt lantern carnival regatta almanac").split()
    rng = random.Random(7)
    out = []
    for i in range(n):
        town = "Vel" + "".join(rng.choice("aeioulmnrst") for _ in range(5)).capitalize()
        body = " ".join(rng.choice(words) for _ in range(60))
        out.append(text_signature(f"f{i}", f"People in {town} talked about the {body}.", date="2021-03-10"))
    return out


def test_grouping_does_not_depend_on_how_much_of_the_batch_is_related(results):
    # Story decisions use each article's own neighbourhood, not a cut that moves with the share
    # of related pairs in the batch: the same articles group the same way alone or among many
    # unrelated ones.
    from newsevents.stories import cluster

    keys = sorted(results)

    def groups(extra):
        got = cluster([signature(results[k]) for k in keys] + extra)
        by: dict = {}
        for k in keys:
            by.setdefault(got[k].story_id, set()).add(k)
        return sorted(sorted(g) for g in by.values())

    alone = groups([])
    assert groups(_filler(80)) == alone
    assert ["a1", "a2"] in alone and ["m1"] in alone
