"""The JSON API fuzzed from its own OpenAPI document with schemathesis, against a real
`newsevents serve` on the coded test store: every GET route and parameter, values that fit the
schema (positive) and values that do not (negative). No answer may be a 5xx, and every answer must
match the document: a documented status code and content type, and a body of the documented
schema (errors in the API's one shape).

Bounded for `make test`: a few dozen derandomized examples per operation and mode, no example
database. Cases are drawn from schemathesis' strategies inside a Hypothesis test (its pytest
loader for a schema behind a fixture does not run under pytest 9)."""

from __future__ import annotations

import pytest
import requests
import schemathesis
from hypothesis import HealthCheck, given, settings, strategies as st
from schemathesis import GenerationMode
from schemathesis.engine import Status, events, from_schema

MAX_EXAMPLES = 30

#: Every GET route of the API; test_every_api_route_is_fuzzed fails when one is added and not here.
API_PATHS = ("/api/overview", "/api/events", "/api/events/{event_id}", "/api/dyad", "/api/map",
             "/api/network", "/api/articles/{article_id}")


#: Beyond the defaults: a schema-valid request may also get the documented 400 (a value the schema
#: cannot rule out: 2017-02-30, the dyad view without a dyad); an invalid one may get 414 (too long).
CONFIG = {
    "checks": {
        "positive_data_acceptance": {"expected-statuses": ["2xx", "400", "404"]},
        "negative_data_rejection": {"expected-statuses": ["400", "404", "414", "422"]},
    },
}


@pytest.fixture(scope="module")
def api_schema(server):
    config = schemathesis.config.SchemathesisConfig.from_dict(CONFIG)
    return schemathesis.openapi.from_url(server + "/openapi.json", config=config)


@pytest.fixture(scope="module")
def session():
    with requests.Session() as s:
        yield s


def test_every_api_route_is_fuzzed(api_schema):
    routes = {op.ok().path for op in api_schema.get_all_operations() if op.ok().method.upper() == "GET"}
    assert routes == set(API_PATHS)


@pytest.mark.parametrize("mode", [GenerationMode.POSITIVE, GenerationMode.NEGATIVE], ids=lambda m: m.value)
@pytest.mark.parametrize("path", API_PATHS)
@settings(max_examples=MAX_EXAMPLES, deadline=None, derandomize=True, database=None,
          suppress_health_check=list(HealthCheck))
@given(data=st.data())
def test_api_answers_every_request_by_its_schema(api_schema, session, path, mode, data):
    case = data.draw(api_schema[path]["GET"].as_strategy(generation_mode=mode), label="case")
    response = case.call(session=session, timeout=30)
    case.validate_response(response)


def test_api_boundary_values_and_methods(server):
    """Schemathesis' own run (as `st run` does it): the schema's examples, its coverage phase
    (each parameter's boundary values: lengths, patterns, bounds, missing and repeated values,
    other HTTP methods) and a short fuzzing phase, over every operation, with every check."""
    config = schemathesis.config.SchemathesisConfig.from_dict({
        **CONFIG,
        "generation": {"mode": "all", "max-examples": 10, "deterministic": True, "database": "none"},
        "phases": {"stateful": {"enabled": False}},
    })
    schema = schemathesis.openapi.from_url(server + "/openapi.json", config=config)
    failures, errors, scenarios = [], [], 0
    for event in from_schema(schema).execute():
        if isinstance(event, events.ScenarioFinished):
            scenarios += 1
            for case_id, checks in event.recorder.checks.items():
                for check in checks:
                    if check.status in (Status.FAILURE, Status.ERROR):
                        case = event.recorder.cases[case_id].value
                        what = check.failure_info.failure.title if check.failure_info else "the check crashed"
                        failures.append(f"{event.phase.value} {event.recorder.label}: {check.name}: {what}\n"
                                        f"  {case.as_curl_command()}"[:2000])
        elif isinstance(event, (events.NonFatalError, events.FatalError)):
            errors.append(str(getattr(event, "info", None) or getattr(event, "exception", event))[:2000])
    assert not errors, "\n".join(errors)
    assert not failures, "\n".join(dict.fromkeys(failures))
    assert scenarios >= 2 * len(API_PATHS)
