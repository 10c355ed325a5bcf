"""User dictionaries: PETRARCH-format .txt files, CSV files, NEWSEVENTS_ACTORS, and explain_lookup.

The fixture files in ``data/`` are invented (Ruritania, Graustark ...), written in the PETRARCH
format. The real Phoenix dictionaries are read from ``../shared`` only when present.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from newsevents.stages.actors import explain_lookup, load_kb, lookup
from newsevents.resources.actors.petrarch import is_agent_file, looks_like_petrarch, parse, parse_code
from newsevents.errors import ConfigError

DATA = Path(__file__).parent / "data"
ACTORS = DATA / "ruritania.actors.txt"
AGENTS = DATA / "ruritania.agents.txt"
CSV = DATA / "extra_actors.csv"
PEOPLE_CSV = DATA / "people.csv"
USER = (ACTORS, AGENTS, CSV)
SHARED = Path(__file__).resolve().parents[4] / "shared" / "eval" / "petrarch_dicts"


def _one(text, date, mention, paths=USER):
    got = lookup(text, date, extra_paths=paths)
    for a in got:
        if a.text == mention:
            return a
    raise AssertionError(f"{mention!r} not found in {[(a.text, a.code, a.how) for a in got]}")


@pytest.mark.parametrize("raw,want", [
    ("RUR", ("RUR", "", "")),
    ("AFGGOV >100201", ("AFGGOV", "2010-02-01", "")),
    ("HOB < 950601", ("HOB", "", "1995-06-01")),
    ("HOBREB > 990816", ("HOBREB", "1999-08-16", "")),
    ("AFGGOVBUS 050201-060531", ("AFGGOVBUS", "2005-02-01", "2006-06-01")),
    ("IGOUNO >20070101", ("IGOUNO", "2007-01-01", "")),
    ("pse", ("PSE", "", "")),
    ("---", None),
    ("KORGOV 2004017-20061201", None),  # a malformed date: the code is skipped, not guessed
])
def test_parse_code(raw, want):
    assert parse_code(raw) == want


def test_parse_entries_synonyms_comments_and_detection():
    raws, macros = parse(ACTORS)
    names = [r.names[0] for r in raws]
    assert "RURITANIA_" in names and "GRAUSTARK_" in names
    rur = raws[names.index("RURITANIA_")]
    assert rur.names == ["RURITANIA_", "RURITANIAN_", "STRELSAU_"] and rur.codes == ["RUR"]
    rupert = raws[names.index("COUNT_RUPERT_OF_HENTZAU_")]
    assert rupert.codes == ["RURMIL < 990101", "RURREB 990101-021231"]
    assert not any("hash" in n or "comment" in n.lower() for n in names)
    assert not is_agent_file(raws)
    araws, amacros = parse(AGENTS)
    assert is_agent_file(araws) and amacros["!PERSON!"] == ["MAN", "MEN", "WOMAN", "WOMEN"]
    assert looks_like_petrarch(ACTORS) and looks_like_petrarch(AGENTS)
    assert not looks_like_petrarch(Path(__file__))


def test_import_counts():
    kb = load_kb(USER)
    assert kb.imported[str(ACTORS)] == {"kind": "actors", "entries": 8, "skipped": 2}  # U.N._ and SAPT_
    assert kb.imported[str(AGENTS)]["kind"] == "agents"
    assert kb.imported[str(CSV)]["entries"] == 5


def test_imported_country_codes_and_composes_with_sectors():
    a = _one("Ruritania closed its border.", "2001-03-01", "Ruritania")
    assert (a.code, a.country, a.kind) == ("RUR", "RUR", "state")
    assert "user-dictionary ruritania.actors.txt" in a.how
    b = _one("Graustarkian soldiers crossed the river.", "2001-03-01", "Graustarkian soldiers")
    assert (b.code, b.sector) == ("GRKMIL", "MIL")


def test_imported_fixed_code_and_alias():
    a = _one("The ZLF attacked a convoy.", "2001-03-01", "ZLF")
    assert _one("Gunmen from the ZLF attacked.", "2001-03-01", "Gunmen from the ZLF").code == "RURREB"
    assert (a.code, a.country, a.sector) == ("RURREB", "RUR", "REB")
    b = _one("The Black Elephant Society sent doctors.", "2001-03-01", "Black Elephant Society")
    assert (b.code, b.country, b.sector) == ("NGOBES", None, "NGO")


def test_imported_dates_pick_the_code_for_the_article_date():
    assert _one("King Rudolf opened parliament.", "2002-05-05", "King Rudolf").code == "RURGOV"
    assert _one("King Rudolf opened parliament.", "2008-05-05", "King Rudolf").code == "RUR"
    assert _one("Rupert of Hentzau escaped.", "1997-01-01", "Rupert of Hentzau").code == "RURMIL"
    assert _one("Rupert of Hentzau escaped.", "2000-01-01", "Rupert of Hentzau").code == "RURREB"
    a = _one("Rupert of Hentzau escaped.", "2000-01-01", "Rupert of Hentzau")
    assert "1999-01-01..2003-01-01" in a.how  # the inclusive end 021231 becomes exclusive 2003-01-01


def test_stems_match_longer_words_whole_words_do_not():
    # ZENDA_LIBERATION_FRONT has no trailing "_": a stem ("Front" -> "Fronts")
    assert _one("The Zenda Liberation Fronts split.", "2001-01-01", "Zenda Liberation Fronts").code == "RURREB"
    # ELPHBERG has no trailing "_": "Elphbergs" matches; RURITANIA_ is whole-word: "Ruritanias" does not
    assert _one("The Elphbergs ruled.", "2001-01-01", "Elphbergs").code == "RURELI"
    got = lookup("Two Ruritanias exist in fiction.", "2001-01-01", extra_paths=USER)
    assert all(a.code != "RUR" for a in got)


def test_null_code_and_codeless_entries_are_not_coded():
    got = lookup("Sapt kept watch.", "2001-01-01", extra_paths=USER)
    assert all(a.code != "---" and a.code != "" or a.kind == "unresolved" for a in got)


def test_agents_combine_with_the_country_and_form_plurals():
    a = _one("Ruritanian tea pickers went on strike.", "2001-01-01", "Ruritanian tea pickers")
    assert (a.code, a.sector) == ("RURAGR", "AGR")
    b = _one("Graustarkian ferrywomen blocked the port.", "2001-01-01", "Graustarkian ferrywomen")
    assert b.code == "GRKBUS"  # !PERSON! expanded
    c = _one("The Ruritanian high councils met.", "2001-01-01", "Ruritanian high councils")
    assert c.code == "RURLEG"  # irregular plural from {...}
    d = _one("French geese herds crossed the road.", "2001-01-01", "French geese herds")
    assert d.code == "FRAAGR"
    e = _one("Italian lamplighters marched.", "2001-01-01", "Italian lamplighters")
    assert e.code == "ITACVL"  # no braces: a regular plural
    # {} means no plural: "bureaucracies" is not the agent word
    assert all(a.code != "RURGOV" or a.text != "Ruritanian bureaucracies"
               for a in lookup("Ruritanian bureaucracies grew.", "2001-01-01", extra_paths=USER))


def test_agent_override_keeps_the_bundled_role():
    # the fixture recodes OFFICIAL as ~GOVOFF; "officials" is still a weak head word
    a = _one("Russian officials denied it.", "2019-01-01", "Russian officials")
    assert a.code == "RUSGOVOFF"
    assert _one("Russian police officials denied it.", "2019-01-01", "Russian police officials").sector == "COP"


def test_user_files_do_not_change_the_default_kb():
    a = _one("Russian officials denied it.", "2019-01-01", "Russian officials", paths=())
    assert a.code == "RUSGOV"
    assert lookup("Ruritania closed its border.", "2001-03-01") == [] or all(
        x.code != "RUR" for x in lookup("Ruritania closed its border.", "2001-03-01"))


def test_csv_actors_agents_and_dates():
    a = _one("The Lake Wobegon Militia blocked the road.", "2020-01-01", "Lake Wobegon Militia")
    assert (a.code, a.country, a.sector) == ("USAREB", "USA", "REB")
    assert _one("The LWM blocked the road.", "2020-01-01", "LWM").code == "USAREB"
    assert not any(x.code == "USAREB" for x in lookup("lwm", "2020-01-01", extra_paths=USER))  # acronyms need capitals
    assert _one("The Ostrogoth Republic voted.", "2020-01-01", "Ostrogoth Republic").code == "OGR"
    assert _one("Marshal Ostrom resigned.", "2005-01-01", "Marshal Ostrom").code == "OGRMIL"
    assert _one("Marshal Ostrom resigned.", "2015-01-01", "Marshal Ostrom").code == "OGR"
    assert _one("Ostrogoth Republic kettle menders struck.", "2020-01-01",
                "Ostrogoth Republic kettle menders").code == "OGRLAB"


def test_csv_named_like_a_bundled_table_uses_its_columns():
    a = _one("British Foreign Secretary Ada Quillfeather arrived.", "2032-01-01",
             "British Foreign Secretary Ada Quillfeather", paths=(PEOPLE_CSV,))
    assert (a.code, a.name, a.kind) == ("GBRGOV", "Ada Quillfeather", "person")
    b = _one("The British foreign minister arrived.", "2032-01-01", "British foreign minister", paths=(PEOPLE_CSV,))
    assert b.name == "Ada Quillfeather"


def test_directory_of_user_files(tmp_path):
    for f in USER:
        (tmp_path / f.name).write_bytes(f.read_bytes())
    (tmp_path / "notes.txt").write_text("just some notes, no codes here\n")
    kb = load_kb([tmp_path])
    assert sorted(Path(p).name for p in kb.imported) == sorted(f.name for f in USER)


def test_lookup_accepts_petrarch_files():
    a = lookup("Ruritania closed its border.", "2001-03-01", extra_paths=[ACTORS, AGENTS])
    assert any(x.code == "RUR" for x in a)
    assert _one("Ruritanian tea pickers struck.", "2001-03-01", "Ruritanian tea pickers",
                paths=(ACTORS, AGENTS)).code == "RURAGR"
    assert not any(x.code == "RUR" for x in lookup("Ruritania closed its border.", "2001-03-01"))


def test_user_actor_files_reach_the_pipeline_through_its_config():
    from newsevents import Pipeline
    from newsevents.stages import user_files_config

    p = Pipeline(stages=("entities.v1", "actors.v1"), errors="raise",
                 config=user_files_config(actor_files=[ACTORS]))
    r = p.code("Graustarkian soldiers shelled Ruritania.", date="2001-03-01")
    assert {a.code for a in r.actors} >= {"GRKMIL", "RUR"}
    plain = Pipeline(stages=("entities.v1", "actors.v1"), errors="raise")
    assert "RUR" not in {a.code for a in plain.code("Graustarkian soldiers shelled Ruritania.", date="2001-03-01").actors}


@pytest.mark.parametrize("content,suffix,msg", [
    ("phrase,name\nfoo,bar\n", ".csv", "lacks column"),
    ("phrase,code,from\nFoo,FOO,last week\n", ".csv", "not an ISO date"),
    ("hello world\n", ".txt", "not a known table"),
])
def test_bad_user_files_are_config_errors(tmp_path, content, suffix, msg):
    f = tmp_path / ("bad" + suffix)
    f.write_text(content)
    with pytest.raises(ConfigError, match=msg):
        load_kb([f])


def test_explain_lookup_lists_every_field_and_the_rule():
    out = explain_lookup("the Kremlin said Mr Quux met the US president", "2017-11-02")
    assert "'Kremlin'" in out and "RUSGOV" in out and "seat-metonym" in out and "seat of power" in out
    assert "Donald Trump" in out and "office:USA president" in out
    assert "Quux" in out and "unresolved" in out
    for field in ("code", "country", "sector", "name", "kind", "rule"):
        assert f"    {field} " in out
    out2 = explain_lookup("Ruritania", "2001-01-01", extra_paths=USER)
    assert "RUR" in out2 and "ruritania.actors.txt" in out2
    assert "no actor found" in explain_lookup("the weather was fine", None)


@pytest.mark.skipif(not SHARED.is_dir(), reason="../shared/eval/petrarch_dicts not present")
def test_real_phoenix_dictionaries_load_and_resolve():
    files = [SHARED / f for f in ("Phoenix.International.actors.txt", "Phoenix.MilNonState.actors.txt",
                                  "Phoenix.agents.txt")]
    files = [f for f in files if f.is_file()]
    if len(files) < 3:
        pytest.skip("Phoenix files missing")
    kb = load_kb(files)
    assert all(v["entries"] > 500 for v in kb.imported.values())
    assert _one("The UN called for calm.", "2015-01-01", "UN", paths=files).code == "IGOUNO"
    # the bundled office lookup still works with Phoenix agents loaded
    assert _one("The US president spoke.", "2017-11-02", "US president", paths=files).name == "Donald Trump"


@pytest.mark.skipif(not (SHARED / "PETR.Validate.actors.txt").is_file(), reason="validation dictionaries absent")
def test_petrarch_validation_dictionaries_code_their_fictional_actors():
    files = [SHARED / "PETR.Validate.actors.txt", SHARED / "PETR.Validate.agents.txt"]
    a = lookup("Arnor is about to restore ties with Gondor.", "1995-01-01", extra_paths=files)
    codes = {x.text: x.code for x in a}
    assert codes.get("Arnor") == "ARN" and codes.get("Gondor") == "GON"
