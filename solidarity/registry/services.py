"""Writes to the registry, each audited."""

from __future__ import annotations

from typing import Any

from django.db import transaction
from django.forms.models import model_to_dict

from solidarity.lib import audit
from solidarity.registry.models import Organisation


@transaction.atomic
def organisation_save(*, organisation: Organisation, actor: Any) -> Organisation:
    organisation.full_clean()
    before = model_to_dict(Organisation.objects.get(pk=organisation.pk)) if organisation.pk else {}
    organisation.save()
    after = model_to_dict(organisation)
    action = "registry.organisation.changed" if before else "registry.organisation.created"
    audit.record(action, organisation, actor, **audit.diff(before, after))
    return organisation
