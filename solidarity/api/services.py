"""Writes for the API: creating, revoking and checking API keys.

A key reads ``sol_<prefix>_<secret>``. The prefix (public, shown in the admin) finds the row; the whole key is
compared by its SHA-256 hash, which is all the database keeps. The secret has 256 bits from the operating
system's generator, so a fast unsalted hash is enough: there is nothing to guess from, unlike a password. The
full key is returned once, at creation, and cannot be shown again.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from solidarity.api.models import ApiKey
from solidarity.campaigns.models import Campaign
from solidarity.lib import audit

KEY_START = "sol"
PREFIX_BYTES = 6  # 12 hex characters
SECRET_BYTES = 32
CREATE_PERMISSION = "api.add_apikey"
REVOKE_PERMISSION = "api.change_apikey"
# A key that may edit the registry acts in its maker's name, so only someone who may edit it can grant that.
REGISTRY_PERMISSION = "registry.change_person"


def _digest(raw_key: str) -> str:
    return hashlib.sha256(raw_key.encode()).hexdigest()


def may(actor: Any, permission: str) -> bool:
    """Whether ``actor`` holds ``permission``; ``None`` is the system itself (a command, a migration)."""
    return actor is None or (getattr(actor, "is_active", False) and actor.has_perm(permission))


def _require(actor: Any, permission: str) -> None:
    if not may(actor, permission):
        raise PermissionDenied(_("Only organisers may manage API keys."))


def api_key_create(
    *, name: str, actor: Any, campaign: Campaign | None = None, registry_write: bool = False
) -> tuple[ApiKey, str]:
    """Make a key for a partner; returns the stored key and the full key text, which is shown once only.

    ``registry_write`` lets the key edit the registry; only someone who may edit it can grant that.
    """
    _require(actor, CREATE_PERMISSION)
    if registry_write and not may(actor, REGISTRY_PERMISSION):
        raise PermissionDenied(_("Only organisers who may edit the registry may make a key that edits it."))
    name = " ".join(name.split())
    if not name:
        raise ValidationError({"name": _("Give the key a name, such as the partner site's.")})
    prefix = secrets.token_hex(PREFIX_BYTES)
    raw_key = f"{KEY_START}_{prefix}_{secrets.token_urlsafe(SECRET_BYTES)}"
    with transaction.atomic():
        key = ApiKey(
            name=name, campaign=campaign, prefix=prefix, hashed_key=_digest(raw_key), registry_write=registry_write
        )
        if getattr(actor, "is_authenticated", False):
            key.created_by = actor
        key.full_clean()
        key.save()
        after: dict[str, Any] = {
            "name": key.name,
            "prefix": key.prefix,
            "campaign": campaign.slug if campaign else None,
        }
        if registry_write:
            after["registry_write"] = True
        audit.record("api.apikey.created", key, actor, after=after)
    return key, raw_key


def api_key_revoke(*, key: ApiKey, actor: Any) -> ApiKey:
    """Stop a key from working, at once and for good; revoking a revoked key changes nothing."""
    _require(actor, REVOKE_PERMISSION)
    with transaction.atomic():
        locked = ApiKey.objects.select_for_update().get(pk=key.pk)
        if locked.revoked_at is not None:
            return locked
        locked.revoked_at = timezone.now()
        locked.save(update_fields=["revoked_at"])
        audit.record("api.apikey.revoked", locked, actor, before={"active": True}, after={"active": False})
    return locked


def api_key_check(raw_key: str | None) -> ApiKey | None:
    """The active key matching ``raw_key``, or ``None``; notes the day of use (one write per key per day)."""
    parts = (raw_key or "").strip().split("_", 2)
    if len(parts) != 3 or parts[0] != KEY_START or len(parts[1]) != 2 * PREFIX_BYTES:
        return None
    key = (
        ApiKey.objects.select_related("campaign", "created_by").filter(prefix=parts[1], revoked_at__isnull=True).first()
    )
    if key is None or not hmac.compare_digest(key.hashed_key, _digest(raw_key.strip())):
        return None
    today = timezone.localdate()
    if key.last_used_on != today:
        ApiKey.objects.filter(pk=key.pk).update(last_used_on=today)
        key.last_used_on = today
    return key
