"""The PLOVER export (issue 19): the PLOVER manual's JSON fields, and every record valid against
the project's JSON Schema (``src/newsevents/io/plover.schema.json``)."""

from __future__ import annotations

import csv
import io
import json

import jsonschema_rs

from newsevents.io.exports import export
from newsevents.io.plover import SCHEMA_PATH, plover_schema
from newsevents.stages.events.cameo import DATA

N_ROWS = 8


def plover_objects(store, **filters) -> list[dict]:
    buf = io.StringIO()
    n = export(store, "plover", buf, **filters)
    objs = [json.loads(line) for line in buf.getvalue().split("\n") if line]
    assert len(objs) == n
    return objs


def validator():
    return jsonschema_rs.validator_for(plover_schema(), validate_formats=True)


def errors(obj) -> list[str]:
    return [f"{list(e.instance_path)}: {e.message}" for e in validator().iter_errors(obj)]


def test_the_schema_is_a_valid_draft_2020_12_schema():
    schema = json.loads(SCHEMA_PATH.read_text(encoding="utf-8"))
    assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    assert jsonschema_rs.meta.is_valid(schema)
    # the manual's required fields are required here too
    assert {"id", "date", "actor", "event"} <= set(schema["required"])


def test_every_plover_category_we_code_is_in_the_schema():
    with open(DATA / "cameo.tsv", encoding="utf-8", newline="") as fh:
        ours = {row["plover"] for row in csv.DictReader(fh, delimiter="\t") if row["plover"]}
    allowed = set(plover_schema()["properties"]["event"]["items"]["enum"])
    assert ours <= allowed, ours - allowed


def test_every_record_of_the_demo_corpus_validates(demo_store):
    objs = plover_objects(demo_store)
    assert len(objs) > 300  # the demo corpus codes several hundred dyads
    bad = {o["id"]: errors(o) for o in objs if errors(o)}
    assert not bad, list(bad.items())[:3]
    assert {o["date_precision"] for o in objs} == {"day", "month", "year"}
    assert all(o["event"] or o["cameo"][:2] in ("01", "02") for o in objs)  # PLOVER drops 01 and 02


def test_a_broken_record_does_not_validate(demo_store):
    good = plover_objects(demo_store, limit=1)[0]
    assert not errors(good)
    for broken in ({**good, "date": "2015"}, {**good, "actor": {"code": "RUS"}}, {**good, "event": "AGREE"},
                   {k: v for k, v in good.items() if k != "id"}, {**good, "quad_code": 5}):
        assert errors(broken)


def test_records_carry_the_manuals_fields(store):
    objs = plover_objects(store)
    assert len(objs) == N_ROWS and not any(errors(o) for o in objs)
    meet = next(o for o in objs if o["actor"] and o["actor"][0]["name"] == "China")
    assert meet["actor"] == [{"code": "CHN", "sector": "GOV", "actor_text": "Chinese", "identifier_text": "China",
                               "name": "China", "country": "CHN", "cameo_code": "CHNGOV"}]
    assert meet["recipient"][0]["country"] == "IRN" and meet["recipient"][0]["actor_text"] == "Iranian officials"
    assert (meet["event"], meet["mode"], meet["context"], meet["quad_code"]) == (["CONSULT"], ["third-party"], [], 1)
    assert meet["event_loc"] == {"geonameid": 2660646, "name": "Geneva", "latitude": 46.2022, "longitude": 6.1457,
                                 "feature class": "P", "feature code": None, "country code": "CH", "cc3": "CHE",
                                 "admin1 code": "GE", "place_text": "Geneva"}
    assert meet["text"] == "Russian and Chinese diplomats met Iranian officials in Geneva"
    assert meet["cite_info"]["url"] == "https://example.org/news/1" and meet["cite_info"]["publication"] == "Wire"
    assert meet["cite_info"]["publication_date"] == "2017-11-02"
    assert meet["coder"].startswith("newsevents ") and len(meet["coded_date"]) == 10
    # the two dyads of one event share its link
    assert len({o["link"] for o in objs if o["event"] == ["CONSULT"] and o["date"] == "2017-11-02"}) == 1


def test_a_date_known_to_its_year_is_written_as_its_first_and_last_day(store):
    un = next(o for o in plover_objects(store) if o["recipient"] and o["recipient"][0]["cameo_code"] == "IGOUNO")
    assert (un["date"], un["enddate"], un["date_precision"]) == ("2015-01-01", "2015-12-31", "year")
    assert un["recipient"][0]["code"] == "IGO" and un["recipient"][0]["country"] is None
