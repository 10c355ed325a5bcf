"""The knowledge-base files, user overrides, lookup(), and the stage's invariants on real text."""

from __future__ import annotations

import csv
import json
import re
import time

import pytest

from newsevents.stages.actors import ActorStage, lookup, load_kb
from newsevents.resources.actors.kb import DATA_DIR, FILES, compact
from newsevents.errors import ConfigError

DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
HEADERS = {
    "countries.tsv": ["iso3", "name", "other_names", "adjectives", "capitals", "seats"],
    "sectors.tsv": ["phrase", "sector", "role", "weak"],
    "titles.tsv": ["title", "sector"],
    "igos.tsv": ["code", "country", "sector", "name", "aliases", "from", "until"],
    "people.tsv": ["name", "aliases", "country", "org", "sector", "role", "start", "end", "leader"],
}


def _rows(name):
    with open(DATA_DIR / name, encoding="utf-8", newline="") as fh:
        return list(csv.reader(fh, delimiter="\t", quoting=csv.QUOTE_NONE))


@pytest.mark.parametrize("name", FILES)
def test_files_are_rectangular_tsv_with_the_documented_header(name):
    rows = _rows(name)
    assert rows[0] == HEADERS[name]
    for i, row in enumerate(rows[1:], 2):
        assert len(row) == len(rows[0]), f"{name}:{i} has {len(row)} fields"
        assert all(v == v.strip() for v in row), f"{name}:{i} has stray spaces"
    assert name in (DATA_DIR / "README.md").read_text()


def test_every_iso_country_is_listed_once():
    import pycountry

    isos = [r[0] for r in _rows("countries.tsv")[1:]]
    assert len(isos) == len(set(isos))
    assert {c.alpha_3 for c in pycountry.countries} <= set(isos)
    for iso in ("RUS", "IRN", "KAZ", "ARE", "SAU", "ISR", "PSE", "GBR", "USA", "CHN"):
        row = next(r for r in _rows("countries.tsv") if r[0] == iso)
        assert row[3], f"{iso} has no adjectives"
        assert row[4], f"{iso} has no capital"


def test_people_dates_are_valid_and_ordered():
    kb = load_kb()
    for row in _rows("people.tsv")[1:]:
        name, _, country, org, sector, role, start, end, leader = row
        assert DATE.match(start), row
        assert not end or (DATE.match(end) and start < end), row
        assert (country in kb.countries) or org, row
        assert role and sector, row
    # no two leaders of one country at once
    for (who, role), rows in kb.offices.items():
        if role != "leader":
            continue
        rows = sorted((r for r in rows if r.leader), key=lambda r: r.start)
        for a, b in zip(rows, rows[1:]):
            if a.name != b.name:
                assert a.end and a.end <= b.start, (who, a.name, b.name)


def test_stats():
    s = load_kb().stats()
    assert s["countries"] >= 249 and s["people"] >= 300 and s["igos"] >= 60


def test_compact_keys():
    assert compact("U.S.") == compact("US") == "us"
    assert compact("al-Qaeda") == compact("al Qaeda")
    assert compact("Élysée") == compact("Elysee")
    assert compact("Türkiye") == "turkiye"


def test_user_files_override_and_extend(tmp_path):
    (tmp_path / "igos.tsv").write_text(
        "code\tcountry\tsector\tname\taliases\tfrom\tuntil\n"
        "XYZREB\tXYZ\tREB\tNorthern Front\tNF Militia\t\t\n"
        "IGOFOO\t\tIGO\tUnited Nations\tUN\t\t\n", encoding="utf-8")
    (tmp_path / "people.tsv").write_text(
        "name\taliases\tcountry\torg\tsector\trole\tstart\tend\tleader\n"
        "Ana Ruiz\tRuiz\tCHL\t\tGOV\tpresident\t2030-03-11\t\ty\n", encoding="utf-8")
    kb = load_kb([tmp_path])
    assert [e.code for e in kb.phrases[compact("Northern Front")]] == ["XYZREB"]
    assert [e.code for e in kb.phrases[compact("UN")]] == ["IGOFOO"]  # later file wins
    assert load_kb().phrases[compact("UN")][0].code == "IGOUNO"  # the bundled KB is untouched
    actors = lookup("The Chilean president met the Northern Front.", "2031-01-01", extra_paths=[tmp_path])
    by_text = {a.text: a for a in actors}
    assert by_text["Chilean president"].name == "Ana Ruiz"
    assert by_text["Northern Front"].code == "XYZREB"


def test_bad_user_file_is_a_config_error(tmp_path):
    bad = tmp_path / "people.tsv"
    bad.write_text("who\twhen\nX\t2020\n", encoding="utf-8")
    with pytest.raises(ConfigError):
        load_kb([bad])
    with pytest.raises(ConfigError):
        load_kb([tmp_path / "nicknames.tsv"])


def test_lookup_phrase_offsets():
    actors = lookup("the Iranian president", "2015-09-28")
    assert len(actors) == 1
    a = actors[0]
    assert (a.name, a.code, a.kind) == ("Hassan Rouhani", "IRNGOV", "person")
    assert "the Iranian president"[a.start:a.end] == a.text == "Iranian president"


def test_lookup_common_words_are_not_actors():
    assert lookup("Tell us who said it.", "2020-01-01") == []
    assert lookup("We had turkey for dinner.", "2020-01-01") == []


def test_mentions_are_sorted_non_overlapping_and_map_to_the_original(actor_pipeline):
    from newsevents.nlp import AnnotatedDoc
    from newsevents.records import Article
    from newsevents.text.repair import repair

    text = ("BEIRUT \u2014 Israeli  jets struck Hezbollah positions, the army said.\r\n\r\n"
            "Prime Minister Benjamin Netanyahu said Israel would respond. He   warned Iran\u2019s leaders.")
    art = Article(id="x", text=text, date="2019-08-25")
    rep = repair(text)
    adoc = AnnotatedDoc(article=art, repaired=rep, doc=actor_pipeline.nlp(rep.text))
    ActorStage().process(adoc)
    assert len(adoc.mentions) == len(adoc.actors) >= 5
    prev_end = 0
    for m, a in zip(adoc.mentions, adoc.actors):
        assert m.actor is a
        assert prev_end <= m.token_start < m.token_end <= len(adoc.doc)
        prev_end = m.token_end
        assert text[a.start:a.end] == a.text
    codes = {a.text: a.code for a in adoc.actors}
    assert codes["Israeli  jets"] == "ISRMIL"
    assert codes["Hezbollah"] == "LBNREB"
    assert codes["Prime Minister Benjamin Netanyahu"] == "ISRGOV"
    assert codes["He"] == "ISRGOV"
    assert adoc.mention_at(adoc.mentions[0].token_start) is adoc.mentions[0]


def test_corpus_articles_resolve_quickly_and_consistently(actor_pipeline, eval_dir):
    """Reads a few dev-corpus articles (never copied): every actor maps back to the original text."""
    from newsevents.records import Article

    arts = []
    with open(eval_dir / "corpus" / "inputs.jsonl", encoding="utf-8") as fh:
        for line in fh:
            d = json.loads(line)
            arts.append(Article(id=d["id"], text=d["text"], date=d.get("date"), title=d.get("title")))
            if len(arts) == 40:
                break
    results = actor_pipeline.process_batch(arts)
    n = 0
    for art, res in zip(arts, results):
        for a in res.actors:
            assert art.text[a.start:a.end] == a.text
            assert a.kind in ("state", "person", "igo", "group", "sector", "unresolved")
            assert a.how
            n += 1
    assert n > 100
