"""What moderators do with an e-mail: correct the guesses, turn it into a report or set it aside, answer it,
and, once decided, forget the raw message.

Draft reports change only through the reports services (audited, tally kept in step); the intake record follows.
"""

from __future__ import annotations

import datetime
from typing import Any

from django.core.exceptions import ValidationError
from django.core.mail import send_mail
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from solidarity.intake.models import Message
from solidarity.intake.parse import parse
from solidarity.intake.services import report_input, stage_photos
from solidarity.lib import audit
from solidarity.places.geocode import City
from solidarity.reports import services as reports
from solidarity.reports import uploads
from solidarity.reports.models import Report

EDITABLE = ("held_on", "action_type", "participants", "note")


def message_update(*, message: Message, changes: dict[str, Any], actor: Any, city: City | None = None) -> Message:
    """Correct the guesses; the draft report, if there is one, takes the same values."""
    changes = {k: v for k, v in changes.items() if k in EDITABLE}
    if city is not None:
        changes.update(city=city.name, country=city.country_code, geonameid=city.geonameid)
    if not changes:
        return message
    with transaction.atomic():
        locked = Message.objects.select_for_update().get(pk=message.pk)
        before = {k: _plain(getattr(locked, k)) for k in changes}
        for key, value in changes.items():
            setattr(locked, key, value)
        locked.save()
        if locked.report_id:
            public = {k: v for k, v in changes.items() if k in ("held_on", "action_type", "participants")}
            reports.report_update(report=locked.report, changes=public, actor=actor, city=city)
        audit.record(
            "intake.message.changed", locked, actor, **audit.diff(before, {k: _plain(v) for k, v in changes.items()})
        )
    return locked


def message_make_report(*, message: Message, actor: Any) -> Report:
    """A draft report from a message set aside (a not-report, a duplicate) or one that needed a place."""
    if message.report_id:
        return message.report
    if not message.geonameid or not message.held_on or not message.action_type:
        raise ValidationError(_("Give the city, the date and the action first, then save."))
    tokens: list[str] = []
    if message.raw:
        tokens, _problems = stage_photos(parse(bytes(message.raw)))
    try:
        with transaction.atomic():
            locked = Message.objects.select_for_update().get(pk=message.pk)
            data = report_input(locked, locked.text or locked.guesses.get("document", ""), locked.held_on)
            report = reports.report_submit(campaign=locked.campaign, data=data, photo_tokens=tokens, origin="email")
            locked.report, locked.verdict, locked.reason = report, Message.Verdict.REPORT, ""
            locked.save(update_fields=["report", "verdict", "reason"])
            audit.record("intake.message.made_report", locked, actor, report=report.pk)
    finally:
        for token in tokens:
            uploads.discard(token)
    return report


def message_set_aside(*, message: Message, reason: str, actor: Any) -> Message:
    """Not a report after all: its draft (still awaiting review) is rejected, so it leaves the tally."""
    if reason not in Message.Reason.values or not reason:
        raise ValidationError(_("Choose why this is not a report."))
    with transaction.atomic():
        locked = Message.objects.select_for_update().get(pk=message.pk)
        if locked.report_id and locked.report.status in Report.REVIEW_STATUSES:
            reports.report_reject(report=locked.report, actor=actor, note=_("Not a report (e-mail intake)."))
        locked.verdict, locked.reason = Message.Verdict.NOT_REPORT, reason
        locked.save(update_fields=["verdict", "reason"])
        audit.record("intake.message.set_aside", locked, actor, reason=reason)
    return locked


def message_answer(*, message: Message, text: str, actor: Any, from_email: str | None = None) -> Message:
    """Answer the sender (a question, a report that needs a detail) from the admin; audited without the text."""
    if not message.sender_address:
        raise ValidationError(_("The sender's address is no longer kept."))
    if not text.strip():
        raise ValidationError(_("Write an answer first."))
    send_mail(f"Re: {message.subject}"[:200], text, from_email, [message.sender_address])
    with transaction.atomic():
        Message.objects.filter(pk=message.pk).update(answered_at=timezone.now())
        audit.record("intake.message.answered", message, actor)
    message.refresh_from_db(fields=["answered_at"])
    return message


def purgeable(now: datetime.datetime, days: int) -> Any:
    """Messages still holding the raw message or the sender, decided more than ``days`` ago."""
    cutoff = now - datetime.timedelta(days=days)
    decided_report = (
        Q(report__isnull=False) & ~Q(report__status__in=Report.REVIEW_STATUSES) & Q(report__updated_at__lt=cutoff)
    )
    set_aside = Q(verdict__in=[Message.Verdict.NOT_REPORT, Message.Verdict.DUPLICATE, Message.Verdict.ERROR]) & Q(
        received_at__lt=cutoff
    )
    return Message.objects.filter(raw_purged_at__isnull=True).filter(decided_report | set_aside)


def purge_raw(*, days: int, now: datetime.datetime, actor: Any = None, dry_run: bool = False) -> int:
    """Forget the raw messages and senders no moderator needs any more; one audit entry per campaign."""
    done = 0
    rows = purgeable(now, days).values_list("campaign_id", "pk").distinct()
    by_campaign: dict[int, set[int]] = {}
    for campaign_id, pk in rows:
        by_campaign.setdefault(campaign_id, set()).add(pk)
    for pks in by_campaign.values():
        with transaction.atomic():
            messages = Message.objects.filter(pk__in=pks, raw_purged_at__isnull=True)
            count = messages.count()
            if count and not dry_run:
                campaign = messages.select_related("campaign").first().campaign
                messages.update(raw=b"", sender_name="", sender_address="", raw_purged_at=now)
                audit.record("intake.raw_purged", campaign, actor, messages=count, after_days=days)
        done += count
    return done


def _plain(value: Any) -> Any:
    return value.isoformat() if isinstance(value, datetime.date) else value
