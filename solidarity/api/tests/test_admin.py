"""Organisers create and revoke API keys in the admin: the key is shown once, only its hash is kept, both steps
are audited, and nobody else may do either."""

from __future__ import annotations

import hashlib
import json
import re

import pytest
from django.contrib.admin.models import LogEntry
from django.core.exceptions import PermissionDenied
from django.test import Client

from conftest import verified_client
from solidarity.api.models import ApiKey
from solidarity.api.services import api_key_check, api_key_create, api_key_revoke
from solidarity.lib.models import AuditEntry

ADD = "/admin/api/apikey/add/"
LIST = "/admin/api/apikey/"


def create_in_admin(client, campaign=None, name="Partner site"):
    response = client.post(ADD, {"name": name, "campaign": campaign.pk if campaign else ""})
    assert response.status_code == 200, response.content.decode()[:2000]
    match = re.search(r'value="(sol_[0-9a-f]{12}_[A-Za-z0-9_\-]+)"', response.content.decode())
    assert match, "the new key is shown"
    return response, match.group(1)


def test_organiser_creates_a_key_shown_once_and_stored_only_as_a_hash(campaign, organiser):
    client = verified_client(organiser)
    response, raw_key = create_in_admin(client, campaign)
    assert "only time it is shown" in response.content.decode()
    assert "no-store" in response["Cache-Control"]
    key = ApiKey.objects.get()
    assert (key.name, key.campaign, key.created_by) == ("Partner site", campaign, organiser)
    assert key.hashed_key == hashlib.sha256(raw_key.encode()).hexdigest()
    assert raw_key.startswith(f"sol_{key.prefix}_")
    secret = raw_key.split("_", 2)[2]
    stored = json.dumps(list(ApiKey.objects.values()), default=str)
    stored += json.dumps(list(AuditEntry.objects.values()), default=str)
    stored += json.dumps(list(LogEntry.objects.values()), default=str)
    assert secret not in stored
    # never again: not on the list, not on the key's page
    for url in (LIST, f"{LIST}{key.pk}/change/"):
        page = client.get(url)
        assert page.status_code == 200 and secret not in page.content.decode() and key.prefix in page.content.decode()
    assert api_key_check(raw_key) == key
    entry = AuditEntry.objects.get(action="api.apikey.created")
    assert entry.actor == organiser and entry.object_id == str(key.pk)
    assert entry.data == {"after": {"name": "Partner site", "prefix": key.prefix, "campaign": campaign.slug}}


def test_organiser_revokes_with_the_button_and_the_action(campaign, organiser):
    client = verified_client(organiser)
    _response, first_raw = create_in_admin(client, name="First")
    _response, second_raw = create_in_admin(client, name="Second")
    first, second = ApiKey.objects.get(name="First"), ApiKey.objects.get(name="Second")
    response = client.post(f"{LIST}{first.pk}/change/", {"_revoke": "1"})
    assert response.status_code == 302
    response = client.post(LIST, {"action": "revoke", "_selected_action": [second.pk]})
    assert response.status_code == 302
    assert api_key_check(first_raw) is None and api_key_check(second_raw) is None
    assert AuditEntry.objects.filter(action="api.apikey.revoked", actor=organiser).count() == 2
    assert ApiKey.objects.filter(revoked_at__isnull=True).count() == 0
    # revoking again changes nothing and writes nothing
    client.post(LIST, {"action": "revoke", "_selected_action": [first.pk, second.pk]})
    assert AuditEntry.objects.filter(action="api.apikey.revoked").count() == 2


def test_keys_are_never_deleted_or_edited(campaign, organiser):
    client = verified_client(organiser)
    create_in_admin(client)
    key = ApiKey.objects.get()
    assert client.get(f"{LIST}{key.pk}/delete/").status_code == 403
    client.post(f"{LIST}{key.pk}/change/", {"name": "Renamed", "campaign": campaign.pk})
    key.refresh_from_db()
    assert key.name == "Partner site" and key.campaign is None


def test_moderator_bob_is_refused(campaign, moderator, organiser):
    key, _raw = api_key_create(name="Existing", actor=organiser)
    client = verified_client(moderator)
    assert client.get(ADD).status_code == 403
    assert client.post(ADD, {"name": "Bob's key"}).status_code == 403
    assert client.get(LIST).status_code == 403
    assert client.post(f"{LIST}{key.pk}/change/", {"_revoke": "1"}).status_code == 403
    assert ApiKey.objects.filter(revoked_at__isnull=True).count() == 1 and ApiKey.objects.count() == 1


def test_outsider_charlie_and_a_missing_second_factor_are_refused(campaign, outsider, organiser):
    charlie = Client()
    charlie.force_login(outsider)
    response = charlie.post(ADD, {"name": "Charlie's key"})
    assert response.status_code == 302 and "/admin/login/" in response["Location"]
    password_only = Client()
    password_only.force_login(organiser)  # no second factor in this session
    response = password_only.post(ADD, {"name": "Half-signed-in key"})
    assert response.status_code == 302 and "/admin/login/" in response["Location"]
    assert ApiKey.objects.count() == 0


def test_services_refuse_people_without_the_permission(campaign, moderator, outsider, organiser):
    for person in (moderator, outsider):
        with pytest.raises(PermissionDenied):
            api_key_create(name="Not allowed", actor=person)
    key, _raw = api_key_create(name="Allowed", actor=organiser)
    with pytest.raises(PermissionDenied):
        api_key_revoke(key=key, actor=moderator)
    assert ApiKey.objects.get().is_active
