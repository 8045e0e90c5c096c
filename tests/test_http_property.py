"""Property-based tests of the HTTP API from its own OpenAPI document (schemathesis):
requests generated from the document's schemas — scenarios, claims, query parameters,
valid and not — get no 5xx and no answer that breaks the document (status, media type,
body schema). A request the document's schemas allow may still be refused (422): a
scenario's States, places and dates are checked against the world, which no JSON
Schema can say — so schemathesis's "schema-valid data is accepted" check is left
out, and every other one runs. Bounded: a few examples per operation, about a minute in all.

Each operation's strategy is drawn by hypothesis directly (not schemathesis's pytest
plugin, which does not run under the pytest this project tests with)."""
from __future__ import annotations

import json

import pytest
import schemathesis
from hypothesis import HealthCheck, given, settings
from schemathesis.specs.openapi.checks import positive_data_acceptance

from tests.servers import running

EXAMPLES_PER_OPERATION = 60


@schemathesis.serializer("application/x-ndjson")
def _json_lines(ctx, value) -> bytes:
    """The batch's body is text (JSON Lines): sent as generated, a string as UTF-8."""
    return value.encode("utf-8", "surrogatepass") if isinstance(value, str) else json.dumps(value).encode()


@pytest.fixture(scope="module")
def api():
    with running() as server:
        yield schemathesis.openapi.from_url(server.base + "/openapi.json")


def operations():
    """(label, operation) of every operation the document lists — read from the app, not a server."""
    from foedus.serve.app import create_app
    doc = create_app(1).openapi()
    return [f"{method.upper()} {path}" for path, item in sorted(doc["paths"].items()) for method in sorted(item)]


@pytest.mark.parametrize("label", operations())
def test_no_server_error_and_no_answer_outside_the_document(api, label):
    operation = api.find_operation_by_label(label)

    @given(case=operation.as_strategy())
    @settings(max_examples=EXAMPLES_PER_OPERATION, deadline=None, derandomize=True, database=None,
              suppress_health_check=list(HealthCheck))
    def check(case):
        case.call_and_validate(timeout=120, excluded_checks=[positive_data_acceptance])
    check()
