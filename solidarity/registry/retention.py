"""Forgetting how to reach the senders of solidarity messages once their messages are decided.

A sender's contact is for a moderator's question while the message waits; after it was approved, delivered or
rejected, and ``days`` have passed, it only endangers the sender. Their name and country stay: they are printed
with the message for the person it was written to.
"""

from __future__ import annotations

import datetime

from django.db import transaction

from solidarity.lib import audit
from solidarity.registry.models import Letter


@transaction.atomic
def purge_letter_contacts(*, days: int, now: datetime.datetime, actor: object = None, dry_run: bool = False) -> int:
    """Blank the sender's contact of messages decided more than ``days`` ago; returns how many."""
    letters = (
        Letter.objects.exclude(status=Letter.Status.RECEIVED)
        .filter(reviewed_at__lt=now - datetime.timedelta(days=days))
        .exclude(sender_contact="")
    )
    count = letters.count()
    if count and not dry_run:
        first = letters.order_by("id").first()
        letters.update(sender_contact="")
        # one entry for the batch, filed under the first message's person; it names no sender
        audit.record("registry.letter_contacts_purged", first.person, actor, letters=count, after_days=days)
    return count
