"""Recording changes in the audit trail."""

from __future__ import annotations

from typing import Any

from django.db import models

from solidarity.lib.models import AuditEntry


def record(action: str, obj: models.Model, actor: Any = None, **data: Any) -> AuditEntry:
    """Write one audit entry; call it inside the service's transaction so it commits with the change.

    ``actor`` is a user or ``None`` for the system and anonymous supporters (whose identity is never
    recorded here). ``data`` usually holds ``before``/``after`` dicts of the fields that changed.
    """
    user = actor if getattr(actor, "is_authenticated", False) else None
    label = user.get_username() if user else ("system" if actor is None else str(actor))
    return AuditEntry.objects.create(
        actor=user,
        actor_label=label[:150],
        action=action,
        object_type=obj._meta.label_lower,
        object_id=str(obj.pk),
        object_repr=str(obj)[:200],
        data=data,
    )


def diff(before: dict[str, Any], after: dict[str, Any]) -> dict[str, dict[str, Any]]:
    """The fields whose values differ, as ``{"before": {...}, "after": {...}}`` for an audit entry."""
    changed = [key for key in after if before.get(key) != after.get(key)]
    return {
        "before": {key: before.get(key) for key in changed},
        "after": {key: after.get(key) for key in changed},
    }
