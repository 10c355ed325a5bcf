"""The event tables: internal consistency, and agreement with the reference facts when present."""

from __future__ import annotations

import collections
import re

import pytest

from newsevents.stages.events import cameo_info, cameo_table, load_lexicon
from newsevents.stages.events.lexicon import DATA, read_verbs


def test_cameo_table_is_complete_and_consistent():
    table = cameo_table()
    assert len(table) >= 300
    roots = {f"{i:02d}" for i in range(1, 21)}
    assert roots <= set(table)
    for code, info in table.items():
        assert info["root"] == code[:2] and code[:2] in roots
        r = int(code[:2])
        assert info["quad_class"] == (1 if r <= 5 else 2 if r <= 8 else 3 if r <= 13 else 4)
        assert -10.0 <= info["goldstein"] <= 10.0
        if len(code) == 4:
            assert code[:3] in table, f"{code} has no parent"
    assert cameo_info("0234")["plover"] == "REQUEST"
    assert cameo_info("1823")["goldstein"] == -10.0
    with pytest.raises(KeyError):
        cameo_info("999")


def test_every_lexicon_code_exists():
    lex = load_lexicon()
    table = cameo_table()
    for entries in list(lex.verbs.values()) + list(lex.nouns.values()):
        for e in entries:
            assert e.code in table, e


def test_each_root_has_at_least_five_verb_entries():
    per_root = collections.Counter(e.code[:2] for e in read_verbs(DATA / "verbs.tsv") if e.kind != "modal")
    for root in (f"{i:02d}" for i in range(1, 21)):
        assert per_root[root] >= 5, f"root {root} has only {per_root[root]} verb entries"


def test_lexicon_sizes_and_cache():
    lex = load_lexicon()
    assert lex.n_verbs >= 250 and lex.n_nouns >= 100
    assert load_lexicon() is lex  # built once per process


def test_extra_lexicon_file(tmp_path):
    extra = tmp_path / "mine.tsv"
    extra.write_text("lemma\tparticle\tobject\tpattern\tcode\tcomment\nbefriend\t\t\tdobj\t051\t\n")
    lex = load_lexicon([extra])
    assert lex.verbs["befriend"][0].code == "051"
    assert "befriend" not in load_lexicon().verbs
    bad = tmp_path / "bad.tsv"
    bad.write_text("lemma\tparticle\tobject\tpattern\tcode\tcomment\nfoo\t\t\tdobj\t999\t\n")
    from newsevents.errors import ConfigError

    with pytest.raises(ConfigError):
        load_lexicon([bad])


def test_goldstein_and_plover_agree_with_reference(eval_dir):
    ref = eval_dir / "reference"
    gold_file, plover_file = ref / "CAMEO.goldsteinscale.txt", ref / "CAMEO2PLOVER-2021.txt"
    if not (gold_file.is_file() and plover_file.is_file()):
        pytest.skip("reference tables are not present")
    table = cameo_table()
    problems = []
    for line in gold_file.read_text().splitlines()[1:]:
        parts = line.split()
        if len(parts) < 2:
            continue
        code, value = parts[0], float(parts[1])
        if code not in table:
            problems.append(f"{code}: missing from cameo.tsv")
        elif table[code]["goldstein"] != value:
            problems.append(f"{code}: goldstein {table[code]['goldstein']} != reference {value}")
    types = collections.defaultdict(set)  # a root may be listed under two types ("08")
    for line in plover_file.read_text().splitlines():
        m = re.match(r"^(\d+):\s*([A-Z]+)", line)
        if m:
            types[m.group(1)].add(m.group(2))
    for code, want in types.items():
        if code not in table:
            problems.append(f"{code}: missing from cameo.tsv")
        elif table[code]["plover"] not in want:
            problems.append(f"{code}: plover {table[code]['plover']} not in reference {sorted(want)}")
    assert not problems, "\n".join(problems)
