"""Import of PETRARCH verb dictionaries: invented fixture files in both layouts, end to end through
the real pipeline, and (when ../shared is present) the real validation dictionaries."""

from __future__ import annotations

import logging
from pathlib import Path

import pytest

from newsevents.errors import ConfigError
from newsevents.stages.events import IMPORTERS, load_lexicon
from newsevents.stages.events.petrarch import read_petrarch_verbs, read_report

FIX = Path(__file__).resolve().parent / "fixtures"
V2 = FIX / "verbs_v2.txt"
V1 = FIX / "verbs_v1.txt"


def _by(entries, lemma):
    return [e for e in entries if e.lemma == lemma]


def test_v2_blocks_synonyms_and_codes():
    rep = read_report(V2)
    parley = _by(rep.entries, "parley")
    confer = _by(rep.entries, "confer")
    assert len(parley) == len(confer) == 4  # 3 patterns + the bare verb, for each block member
    # "% *" has the bare verb's shape with another code: counted (once), not kept
    assert rep.reasons().get("same shape as an earlier pattern with another code") == 1
    with_ = [e for e in parley if e.pattern == "prep:with"]
    assert with_ and with_[0].code == "042" and with_[0].objects == ()
    bare = [e for e in parley if not e.objects and e.pattern == "any"]
    assert {(e.code, e.reverse_code) for e in bare} == {("040", "040")}
    treaty = [e for e in parley if ("border", "treaty") in e.objects]
    assert treaty and treaty[0].code == "0311"
    assert any(("treaty",) in e.objects and e.code == "057" for e in parley)


def test_v2_particles_synsets_and_targets():
    rep = read_report(V2)
    pelt = _by(rep.entries, "pelt")
    down = [e for e in pelt if e.particle == "down"]
    assert down and down[0].code == "180"
    gifts = [e for e in pelt if e.code == "070"][0]
    # nested set: WIDGETS includes GIFTS; multiword members and singular forms become alternatives
    assert {("widget",), ("present",), ("token", "of", "esteem")} <= set(gifts.objects)
    assert [e.code for e in pelt if e.pattern == "dobj"] == ["111"]
    ceasefire = [e for e in pelt if ("cease", "fire") in e.objects]
    assert ceasefire and ceasefire[0].code == "0871"
    hold = _by(rep.entries, "hold")
    assert hold and all(e.particle == "up" for e in hold)
    assert not any(e.code == "---" for e in rep.entries)  # block [---] codes nothing by itself


def test_v2_unexpressible_patterns_are_counted_not_dropped(caplog):
    rep = read_report(V2)
    reasons = rep.reasons()
    assert reasons.get("words before the verb") == 1  # SLOWLY *
    assert reasons.get("source after the verb") == 1  # * $
    assert reasons.get("prepositional phrase on the object noun") == 1  # * TIME (FOR TALKS)
    assert reasons.get("multiword verb") == 1  # WIRE_+TAP
    assert [c for c, _ in rep.unknown_code] == ["9Z9"]
    assert rep.null_code >= 2  # * FEAST [---] and the block's own [---]
    assert rep.transformations == 1
    with caplog.at_level(logging.INFO, logger="newsevents.stages.events.petrarch"):
        list(read_petrarch_verbs(V2))
    assert any("not expressible" in r.getMessage() for r in caplog.records)


def test_original_layout():
    rep = read_report(V1)
    bestow = _by(rep.entries, "bestow")
    assert any(("trinket",) in e.objects and e.code == "073" for e in bestow)
    assert any(("fresh", "blooms") in e.objects and e.code == "071" for e in bestow)
    assert any(not e.objects and e.code == "070" for e in bestow)
    assert rep.reasons().get("words before the verb") == 1  # SOMETIMES_*
    assert [e.code for e in _by(rep.entries, "scold")] == ["111"]


def test_registered_importer_and_load_lexicon(tmp_path):
    assert ".txt" in IMPORTERS
    lex = load_lexicon([V2])
    assert lex.verbs["parley"][0].origin == "verbs_v2.txt"
    base = load_lexicon()
    assert "parley" not in base.verbs
    assert "bestow" in load_lexicon([V1]).verbs
    other = tmp_path / "notes.txt"
    other.write_text("just some notes\n", encoding="utf-8")
    with pytest.raises(ConfigError):
        load_lexicon([other])


def test_imported_entries_come_before_bundled(tmp_path):
    d = tmp_path / "mine.txt"
    d.write_text("--- CONDEMN [112] ---\nCONDEMN\n", encoding="utf-8")
    lex = load_lexicon([d])
    assert lex.verbs["condemn"][0].code == "112" and lex.verbs["condemn"][0].origin == "mine.txt"


@pytest.fixture()
def code_with():
    def run(path, text):
        from newsevents import Pipeline
        from newsevents.records import Article
        from newsevents.stages import user_files_config

        pipe = Pipeline(errors="raise", config=user_files_config(verb_files=[path]))
        (res,) = pipe.process_batch([Article(id="t", text=text, date="2020-03-02")])
        return res

    return run


def test_end_to_end_reciprocal_and_object(code_with):
    res = code_with(V2, "France parleyed with Germany on Monday.")
    got = {(e.source[0].country, e.target[0].country, e.cameo) for e in res.events if e.source and e.target}
    assert ("FRA", "DEU", "042") in got
    res = code_with(V2, "Brazil will confer with Argentina next week.")
    got = {(e.source[0].country, e.target[0].country, e.cameo) for e in res.events if e.source and e.target}
    assert ("BRA", "ARG", "042") in got
    res = code_with(V2, "Japan parleyed a border treaty with China.")
    got = {(e.source[0].country, e.target[0].country, e.cameo) for e in res.events if e.source and e.target}
    assert ("JPN", "CHN", "0311") in got


SHARED_FILES = Path(__file__).resolve().parents[4] / "shared" / "eval" / "petrarch_unit" / "files"


@pytest.mark.skipif(not SHARED_FILES.is_dir(), reason="../shared/eval not present")
@pytest.mark.parametrize("name,min_entries,max_unexpressible", [
    ("PETR.Validate.verbs.2.0.txt", 3000, 150),
    ("PETR.Validate.verbs.txt", 300, 250),
])
def test_real_validation_dictionaries(name, min_entries, max_unexpressible):
    rep = read_report(SHARED_FILES / name)
    assert rep.verbs > 100 and rep.patterns > 400
    assert len(rep.entries) >= min_entries
    assert 0 < len(rep.unexpressible) <= max_unexpressible
    lex = load_lexicon([SHARED_FILES / name])  # every imported code is in our CAMEO table
    assert lex.n_verbs > load_lexicon().n_verbs
