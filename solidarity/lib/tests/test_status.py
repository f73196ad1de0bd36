"""What an operator's checks see: ``/readyz`` for the proxy or orchestrator, ``solidarity status`` for a person or
a monitoring script. Counts and sizes only: a planted reporter's address never appears."""

from __future__ import annotations

import io
import json

import pytest
from django.core.management import call_command
from django.db import OperationalError, connections
from django.db.migrations.executor import MigrationExecutor

from solidarity.lib.status import note_backup
from solidarity.registry import services as registry_services
from solidarity.registry.tests import factories as registry_factories
from solidarity.reports.tasks import prerender_summaries
from solidarity.reports.tests.factories import submit

pytestmark = pytest.mark.django_db
CANARY = "canary-7f3a@example.org"


def status_json() -> dict:
    out = io.StringIO()
    call_command("status", "--json", stdout=out)
    return json.loads(out.getvalue())


def test_status_counts_the_work_waiting_and_shows_the_last_backup(campaign, settings, tmp_path):
    settings.DATA_DIR = tmp_path
    submit(campaign, reporter_contact=CANARY)
    submit(campaign)
    person = registry_factories.person("Nikita Oleinik")
    registry_services.letter_submit(person=person, text="Hold on.", sender_contact=CANARY)
    prerender_summaries.enqueue(campaign.pk, campaign.data_version)  # a background job waiting for a worker
    assert status_json()["last_backup"] is None

    note_backup({"path": "/srv/backups/x.tar", "records": 12, "files": 3, "bytes": 4096, "encrypted": True})
    status = status_json()
    assert status["database"] == {"ok": True, "vendor": status["database"]["vendor"], "unapplied_migrations": 0}
    expected = {
        "reports_to_review": 2,
        "messages_to_review": 1,
        "jobs_waiting": 1,
        "jobs_running": 0,
        "jobs_failed_last_day": 0,
    }
    assert {name: status["waiting"].get(name) for name in expected} == expected  # other apps add their own
    assert status["last_backup"]["records"] == 12 and status["last_backup"]["encrypted"] is True
    assert 0 < status["disk"]["free_bytes"] <= status["disk"]["total_bytes"]

    out = io.StringIO()
    call_command("status", stdout=out)
    text = out.getvalue()
    assert "jobs waiting: 1" in text and "reports to review: 2" in text
    assert "messages to review: 1" in text and "encrypted" in text
    assert CANARY not in text and CANARY not in json.dumps(status)


def test_readyz_answers_ready_when_the_database_is_migrated(client):
    response = client.get("/readyz")
    assert response.status_code == 200 and response.json() == {"database": "ok"}
    assert response["Cache-Control"] == "no-store"
    assert client.get("/healthz").status_code == 200


def test_readyz_and_status_say_not_ready_when_migrations_are_missing(client, monkeypatch):
    monkeypatch.setattr(MigrationExecutor, "migration_plan", lambda self, targets: [("registry", "0099_new")])
    response = client.get("/readyz")
    assert response.status_code == 503 and response.json() == {"database": "not ready"}
    with pytest.raises(SystemExit) as stopped:
        call_command("status", stdout=io.StringIO())
    assert stopped.value.code == 1


def test_readyz_says_not_ready_when_the_database_does_not_answer(client, monkeypatch):
    def refuse() -> None:
        raise OperationalError("connection refused")

    monkeypatch.setattr(connections["default"], "ensure_connection", refuse)
    response = client.get("/readyz")
    assert response.status_code == 503 and response.json() == {"database": "not ready"}
    assert client.get("/healthz").status_code == 200  # alive: a proxy must not kill it for the database's sake
