"""Fixtures for the scale-out engines: a small corpus we wrote, and helpers to read a store."""

from __future__ import annotations

from pathlib import Path

import duckdb
import pytest

ROOT = Path(__file__).resolve().parents[2]
DEMO = ROOT / "demo" / "articles"

# Short articles in the dated text format, written for these tests. Two tell the same story so
# story assignment has something to group; one is a reprint of another.
ARTICLES = {
    "a-talks.txt": """date 2019-03-04 Armenia and Azerbaijan resume border talks

YEREVAN: Armenia's foreign minister met his Azerbaijani counterpart in Vienna on Monday, and both
governments agreed to reopen a hotline between their armies. Armenia accused Azerbaijani troops of
shelling a village near the border last week.
""",
    "b-talks.txt": """date 2019-03-05 Vienna meeting ends with hotline pledge

VIENNA: Azerbaijan and Armenia pledged on Tuesday to restore a military hotline after their foreign
ministers met in Vienna. Azerbaijan rejected the charge that its soldiers had shelled an Armenian village.
""",
    "c-arrests.txt": """date 2019-03-06 Police detain students in Khartoum

KHARTOUM: Sudanese police arrested forty students on Wednesday after a march against bread prices.
The opposition condemned the arrests and urged the government to free them.
""",
    "d-aid.txt": """date 2019-03-07 Japan pledges aid to Mozambique

MAPUTO: Japan promised Mozambique emergency aid on Thursday after floods destroyed thousands of homes.
The United Nations praised the pledge and appealed for more help.
""",
    "e-sanctions.txt": """date 2019-03-07 EU extends sanctions on Belarus officials

BRUSSELS: The European Union extended sanctions on a dozen Belarusian officials on Thursday. Belarus
criticised the decision and threatened to expel two EU diplomats.
""",
    "f-undated.txt": """Ecuador recalls ambassador

QUITO: Ecuador recalled its ambassador to Venezuela after a dispute over migrants, the foreign ministry
said. Venezuela denounced the decision.
""",
    "g-reprint.txt": """date 2019-03-06 Police detain students in Khartoum

KHARTOUM: Sudanese police arrested forty students on Wednesday after a march against bread prices.
The opposition condemned the arrests and urged the government to free them. (Reprinted.)
""",
    "h-summit.txt": """date 2019-03-08 Chile hosts Pacific trade summit

SANTIAGO: Chile's president welcomed leaders from Peru and Colombia to a trade summit on Friday. Peru
and Colombia signed an agreement to cut tariffs on farm goods.
""",
}


@pytest.fixture(scope="module")
def corpus(tmp_path_factory):
    """Our small corpus, two exact copies, an empty file and a binary file (skipped with a reason)."""
    d = tmp_path_factory.mktemp("engines") / "articles"
    d.mkdir()
    for name, text in ARTICLES.items():
        (d / name).write_text(text, encoding="utf-8")
    # exact copies (same content hash): one next to its original, one in a later Dask partition
    (d / "a-talks-copy.txt").write_text(ARTICLES["a-talks.txt"], encoding="utf-8")
    (d / "h2-copy.txt").write_text(ARTICLES["c-arrests.txt"], encoding="utf-8")
    (d / "z-empty.txt").write_text("", encoding="utf-8")
    (d / "z-blob.txt").write_bytes(b"\x00\x01\x02binary\x00" * 50)
    return d


def rows(db: str, sql: str) -> list[tuple]:
    con = duckdb.connect(db, read_only=True)
    try:
        return con.execute(sql).fetchall()
    finally:
        con.close()


def stored(db: str) -> dict[str, list[tuple]]:
    """What a store holds, without the columns that differ between runs (run ids, timestamps)."""
    return {
        "events": rows(db, "SELECT * FROM events ORDER BY event_id"),
        "articles": rows(db, "SELECT * EXCLUDE (run_id, added_at) FROM articles ORDER BY article_id"),
        "entities": rows(db, "SELECT * FROM entities ORDER BY article_id, mention"),
        "actors": rows(db, "SELECT * FROM actors ORDER BY article_id, mention"),
        "places": rows(db, "SELECT * FROM places ORDER BY article_id, mention"),
        "times": rows(db, "SELECT * FROM times ORDER BY article_id, mention"),
        "quotes": rows(db, "SELECT * FROM quotes ORDER BY article_id, mention"),
        "story_signatures": rows(db, "SELECT * FROM story_signatures ORDER BY article_id"),
        "rejections": rows(db, "SELECT record_id, path, status, stage, reason FROM rejections "
                               "ORDER BY path, record_id"),
    }
