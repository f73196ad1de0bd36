"""Property-based tests from the API's own description: schemathesis loads /api/v1/openapi.json from the app,
generates requests for every operation (valid and invalid ones), and checks that none gets a server error and
every answer matches what the description promises.

Bounded and repeatable: a fixed seed, deterministic generation, at most 25 generated cases per operation and
no example database written to disk. The campaign slug is fixed to the test campaign so that requests reach
the code behind the 404, and writes carry a valid API key.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

import hypothesis
import pytest
import schemathesis
from django.core.handlers.wsgi import WSGIHandler
from django.core.signals import request_finished, request_started
from django.db import close_old_connections
from schemathesis.checks import not_a_server_error

from solidarity.api.tests.conftest import BASE, publish


class TestApp:
    """Django's WSGI handler for requests made inside a test's database transaction.

    The real handler closes "old" database connections when a request starts and ends, which would end the
    test's transaction; Django's test client disconnects those signals for the same reason. The response is
    read and closed inside, so ``request_finished`` also fires while they are disconnected.
    """

    __test__ = False  # not a test class, whatever pytest thinks of its name

    def __init__(self) -> None:
        self.handler: WSGIHandler | None = None

    def __call__(self, environ: dict[str, Any], start_response: Any) -> Iterable[bytes]:
        self.handler = self.handler or WSGIHandler()
        request_started.disconnect(close_old_connections)
        request_finished.disconnect(close_old_connections)
        try:
            response = self.handler(environ, start_response)
            try:
                return [b"".join(response)]
            finally:
                response.close()
        finally:
            request_started.connect(close_old_connections)
            request_finished.connect(close_old_connections)


CONFIG = schemathesis.Config.from_dict(
    {
        "seed": 20140118,
        "generation": {"max-examples": 25, "deterministic": True, "database": "none"},
        "parameters": {"path.slug": "week-of-action"},
        # Schema-valid is not always acceptable: a gazetteer id that names no city, bytes that are no picture, a
        # cursor without our signature are refused with a 422 the schema cannot foresee. Every other check runs.
        "checks": {"positive_data_acceptance": {"enabled": False}},
    }
)
schema = schemathesis.openapi.from_wsgi(f"{BASE}/openapi.json", TestApp(), config=CONFIG)


@pytest.fixture
def published_reports(campaign, moderator, settings):
    """Reports to list and count; rate limits off, since every generated case is a request."""
    settings.SOLIDARITY = {**settings.SOLIDARITY, "API_READ_RATE_LIMIT": 0, "API_SUBMIT_RATE_LIMIT": 0}
    for city in ("Berlin", "Paris", "Buenos Aires"):
        publish(campaign, moderator, city)


@schema.parametrize()
# The fixtures are set up once per operation, not per generated case, on purpose: cases only add reports.
@hypothesis.settings(
    suppress_health_check=[hypothesis.HealthCheck.function_scoped_fixture, hypothesis.HealthCheck.too_slow]
)
def test_no_operation_fails_on_generated_input(case, published_reports, partner_key):
    _key, raw_key = partner_key
    headers = {"Authorization": f"Bearer {raw_key}"} if case.method == "POST" else {}
    case.call_and_validate(headers=headers, additional_checks=[not_a_server_error])
