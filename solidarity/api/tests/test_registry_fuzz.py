"""Generated requests against the registry operations with a key that may write them, so the writes' input
checks are exercised too (the whole-API test sends only a report key, which the registry refuses before
reading a body). No generated request may get a server error or an answer its description does not promise."""

from __future__ import annotations

import hypothesis
import pytest
import schemathesis
from schemathesis.checks import not_a_server_error

from solidarity.api.services import api_key_create
from solidarity.api.tests.conftest import BASE
from solidarity.api.tests.test_schemathesis import TestApp
from solidarity.registry import services
from solidarity.registry.models import Case, Organisation
from solidarity.registry.tests import factories

SLUG = "fuzz"
CONFIG = schemathesis.Config.from_dict(
    {
        "seed": 20180119,
        "generation": {"max-examples": 15, "deterministic": True, "database": "none"},
        "parameters": {"path.slug": SLUG},
        # a schema-valid case or source id that names nothing is refused with a 422 the schema cannot foresee
        "checks": {"positive_data_acceptance": {"enabled": False}},
    }
)
schema = schemathesis.openapi.from_wsgi(f"{BASE}/openapi.json", TestApp(), config=CONFIG).include(tag="registry")


@pytest.fixture
def registry_records(db, settings):
    """A person, a case and an organisation all at the address the generated requests use."""
    settings.SOLIDARITY = {**settings.SOLIDARITY, "API_READ_RATE_LIMIT": 0, "API_SUBMIT_RATE_LIMIT": 0}
    services.organisation_save(organisation=Organisation(slug=SLUG, name="Fuzz org"), actor=None)
    services.case_save(case=Case(slug=SLUG, name="Fuzz case"), actor=None)
    factories.person("Fuzz Person", slug=SLUG, status="custody", case_name="Fuzz case", organisation_name="Fuzz org")


@schema.parametrize()
@hypothesis.settings(
    suppress_health_check=[hypothesis.HealthCheck.function_scoped_fixture, hypothesis.HealthCheck.too_slow]
)
def test_registry_operations_never_fail_on_generated_input(case, registry_records, organiser):
    _key, raw_key = api_key_create(name="Fuzz", actor=organiser, registry_write=True)
    headers = {"Authorization": f"Bearer {raw_key}"} if case.method in ("POST", "PATCH") else {}
    case.call_and_validate(headers=headers, additional_checks=[not_a_server_error])
