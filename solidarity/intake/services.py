"""Writes of e-mail intake: one message in, and what moderators do with it afterwards.

:func:`import_message` is the single way a message enters, whatever brought it (IMAP, mbox, maildir, .eml). It
is idempotent on the Message-ID and crash-safe: everything about one message (the message row, its draft report
through the reports services, the mailbox position) commits in one transaction, so a process killed at any
instant leaves either all of it or none, and running the import again picks up exactly where it stopped.
Photos are re-encoded before the transaction, exactly as the web form does; a crash in between leaves only
staged files, which the reports app purges after a day.
"""

from __future__ import annotations

import datetime
import hashlib
import logging
from dataclasses import dataclass, field
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.mail import send_mail
from django.db import IntegrityError, transaction
from django.utils import timezone

from solidarity.campaigns.models import Campaign
from solidarity.intake.dates import Window
from solidarity.intake.models import Mailbox, Message
from solidarity.intake.parse import ParsedMessage, message_id_of, parse
from solidarity.intake.structure import Structured, sent_day, structure
from solidarity.lib.images import EncodedImage, ImageRejected
from solidarity.places.geocode import city_by_id
from solidarity.reports import uploads
from solidarity.reports.services import ReportInput, remove_files, report_submit

log = logging.getLogger(__name__)
PUBLIC_TEXT_LIMIT = 4000


@dataclass(frozen=True)
class Imported:
    message: Message
    new: bool


@dataclass(frozen=True)
class CampaignDays:
    """What reading a message needs to know of its campaign: plain values, so a worker process can take them."""

    slug: str
    timezone: str
    starts_on: datetime.date | None
    ends_on: datetime.date | None

    @classmethod
    def of(cls, campaign: Campaign) -> CampaignDays:
        return cls(campaign.slug, campaign.timezone, campaign.starts_on, campaign.ends_on)


@dataclass
class Prepared:
    """One message read and structured, its photos re-encoded: everything but storage and the database.
    ``parsed`` is ``None`` when the message could not be read at all (kept for a moderator, flagged)."""

    message_id: str
    parsed: ParsedMessage | None
    shaped: Structured | None = None
    digest: str = ""
    photos: list[tuple[str, EncodedImage]] = field(default_factory=list)  # (file name, re-encoded picture)
    problems: list[str] = field(default_factory=list)


def prepare(raw: bytes, message_id: str, days: CampaignDays, today: datetime.date) -> Prepared:
    """Parse, structure and re-encode the photos of one message, touching neither database nor media store.

    This is the CPU-heavy part of intake (photo re-encoding above all), kept pure so that
    :mod:`solidarity.intake.pipeline` can run it in worker processes while the importer stores messages in order.
    """
    try:
        parsed = parse(raw)
        parsed.message_id = message_id
        window = Window(sent_day(parsed, days.timezone, today), days.starts_on, days.ends_on)
        shaped = structure(parsed, window)
    except Exception:  # a bug, not the sender's fault: keep the message for a moderator, flagged
        log.exception("intake: message could not be read", extra={"campaign": days.slug})
        return Prepared(message_id, None)
    digest = _content_hash(shaped, parsed)  # before encoding, which lets go of the original bytes
    photos, problems = encode_photos(parsed)
    return Prepared(message_id, parsed, shaped, digest, photos, problems)


def import_message(
    *,
    campaign: Campaign,
    raw: bytes,
    source: str,
    mailbox: Mailbox | None = None,
    uid: int | None = None,
    today: datetime.date | None = None,
    known: set[str] | None = None,
    prepared: Prepared | None = None,
) -> Imported:
    """Store one raw e-mail for ``campaign`` with its guesses and, for a report, a draft report.

    ``known`` is the set of Message-IDs the caller knows are stored for the campaign (a batch import reads them
    once instead of asking the database for every message); it is kept up to date here. ``prepared`` is the
    result of :func:`prepare` when a worker process already did that part.
    """
    message_id = prepared.message_id if prepared else message_id_of(raw)
    if known is None or message_id in known:
        seen = Message.objects.filter(campaign=campaign, message_id=message_id).defer("raw", "guesses").first()
        if seen:
            _advance(mailbox, uid)
            return Imported(seen, False)
    if prepared is None:
        prepared = prepare(raw, message_id, CampaignDays.of(campaign), today or timezone.localdate())
    parsed, shaped = prepared.parsed, prepared.shaped
    if parsed is None or shaped is None:
        problems = prepared.problems or ["the message could not be read"]
        imported = _store_unreadable(campaign, raw, source, mailbox, uid, message_id, problems)
        if known is not None:
            known.add(message_id)
        return imported
    tokens = [uploads.keep(encoded, name).token for name, encoded in prepared.photos]
    prepared.photos = []
    placed: list[str] = []
    try:
        with transaction.atomic():
            message = _message(campaign, raw, source, mailbox, parsed, shaped, prepared.digest, prepared.problems)
            message.photos = len(tokens)
            if message.verdict == Message.Verdict.REPORT and message.geonameid:
                placed = _draft(message, parsed, shaped, tokens)  # the report first: the message row goes in once
            message.save(force_insert=True)
            _advance(mailbox, uid)
    except BaseException as exc:
        # nothing was committed: no row points at the report's placed photos, and the staged copies go too
        remove_files(placed)
        _discard(tokens)
        if isinstance(exc, IntegrityError):  # another importer stored the same message a moment ago
            seen = Message.objects.filter(campaign=campaign, message_id=message_id).first()
            if seen is not None:
                return Imported(seen, False)
        raise
    if message.report_id is None:  # photos of messages without a draft are not kept: the raw message has them
        _discard(tokens)  # (a draft's staged copies are discarded by the reports service once committed)
    if known is not None:
        known.add(message_id)
    if message.report_id and mailbox and mailbox.auto_reply and parsed.sender_address:
        transaction.on_commit(lambda: _acknowledge(mailbox, parsed))
    return Imported(message, True)


def _discard(tokens: list[str]) -> None:
    """Remove staged photos (the originals stay inside the raw message)."""
    for token in tokens:
        uploads.discard(token)


def _store_unreadable(
    campaign: Campaign,
    raw: bytes,
    source: str,
    mailbox: Mailbox | None,
    uid: int | None,
    message_id: str,
    problems: list[str],
) -> Imported:
    """Keep a message nothing could be read from, flagged for a moderator (the raw message has it all)."""
    try:
        with transaction.atomic():
            message = Message.objects.create(
                campaign=campaign, mailbox=mailbox, source=source, message_id=message_id, raw=raw,
                raw_size=len(raw), verdict=Message.Verdict.ERROR, problems=problems,
            )  # fmt: skip
            _advance(mailbox, uid)
    except IntegrityError:
        return Imported(Message.objects.get(campaign=campaign, message_id=message_id), False)
    return Imported(message, True)


def _message(
    campaign: Campaign,
    raw: bytes,
    source: str,
    mailbox: Mailbox | None,
    parsed: ParsedMessage,
    shaped: Structured,
    digest: str,
    problems: list[str],
) -> Message:
    """The message row, not yet saved: the same content already stored as a report makes it a duplicate."""
    verdict, reason = shaped.verdict.verdict, shaped.verdict.reason
    original = None
    if verdict == Message.Verdict.REPORT and digest:
        original = (
            Message.objects.filter(campaign=campaign, content_hash=digest)
            .exclude(verdict__in=[Message.Verdict.NOT_REPORT, Message.Verdict.ERROR])
            .order_by("id")
            .values_list("id", flat=True)
            .first()
        )
        if original:
            verdict = Message.Verdict.DUPLICATE
    city = shaped.city.value if shaped.city else {}
    return Message(
        campaign=campaign,
        mailbox=mailbox,
        source=source,
        message_id=parsed.message_id,
        content_hash=digest,
        sent_at=parsed.sent_at,
        sender_name=parsed.sender_name,
        sender_address=parsed.sender_address,
        subject=parsed.subject,
        text=parsed.text,
        raw=raw,
        raw_size=len(raw),
        verdict=verdict,
        reason=reason,
        language=shaped.language.value,
        guesses=shaped.guesses_json(),
        problems=[*parsed.problems, *problems],
        city=city.get("name", ""),
        country=city.get("country", ""),
        geonameid=city.get("geonameid"),
        held_on=shaped.held_on.value,
        action_type=shaped.action_type.value,
        participants=shaped.participants.value if shaped.participants else None,
        duplicate_of_id=original,
    )


def _draft(message: Message, parsed: ParsedMessage, shaped: Structured, tokens: list[str]) -> list[str]:
    """The draft report, through the reports services, set on the unsaved ``message``; returns the names of the
    photo files it placed, for the caller to remove should the message itself fail to save. A refusal (say, a
    date before the campaign) leaves the message for a moderator instead of failing the import;
    ``report_submit`` writes inside its own savepoint, so a refusal leaves nothing behind."""
    text = parsed.text or shaped.document
    try:
        data = report_input(message, text, message.held_on)
        message.report = report_submit(
            campaign=message.campaign, data=data, photo_tokens=tokens, origin="email", new_message=True
        )
    except ValidationError as exc:
        sent = parsed.sent_at.date() if parsed.sent_at else None
        if "held_on" in getattr(exc, "error_dict", {}) and sent and sent != message.held_on:
            try:  # the date read was implausible; the day it was sent is the next best guess
                data = report_input(message, text, sent)
                message.report = report_submit(
                    campaign=message.campaign, data=data, photo_tokens=tokens, origin="email", new_message=True
                )
                message.held_on = sent
            except ValidationError as again:
                exc = again
        if message.report is None:
            message.problems = [*message.problems, *[f"no draft report: {m}" for m in exc.messages]]
            return []
    if not tokens:
        return []
    return [name for photo in message.report.photos.all() for name in (photo.image.name, photo.thumbnail.name)]


def report_input(message: Message, text: str, held_on: datetime.date | None) -> ReportInput:
    city = city_by_id(message.geonameid) if message.geonameid else None
    if city is None or held_on is None:
        raise ValidationError("a report needs a place and a day")
    span = (message.guesses.get("city") or {}).get("text", "")
    return ReportInput(
        held_on=held_on,
        city=city,
        action_type=message.action_type or "other",
        participants=message.participants or None,
        public_text=text[:PUBLIC_TEXT_LIMIT],
        place_input=span[:300],
        reporter_name=message.sender_name,
        reporter_contact=message.sender_address,
        raw={"email": message.message_id, "subject": message.subject, "text": message.text[:PUBLIC_TEXT_LIMIT]},
        message_id=message.message_id,
    )


def encode_photos(parsed: ParsedMessage) -> tuple[list[tuple[str, EncodedImage]], list[str]]:
    """Re-encode each picture exactly as the web form does; a broken or oversize one becomes a problem line."""
    limit = settings.SOLIDARITY["MAX_PHOTOS"]
    photos: list[tuple[str, EncodedImage]] = []
    problems: list[str] = []
    for index, image in enumerate(parsed.images):
        if len(photos) >= limit:
            problems.append(f"only the first {limit} photos were kept ({len(parsed.images)} attached)")
            break
        name = image.name or f"photo-{index}"
        upload = SimpleUploadedFile(name, image.data, content_type=image.content_type)
        try:
            photos.append((name, uploads.encode(upload)))
        except ImageRejected as exc:
            problems.append(f"attachment {image.name}: {exc}")
        finally:
            image.data = b""  # let the original bytes go now; the raw message keeps them
    return photos, problems


def stage_photos(parsed: ParsedMessage) -> tuple[list[str], list[str]]:
    """Re-encode the pictures and keep them staged (tokens for ``report_submit``), with the problem lines."""
    photos, problems = encode_photos(parsed)
    return [uploads.keep(encoded, name).token for name, encoded in photos], problems


def _content_hash(shaped: Structured, parsed: ParsedMessage) -> str:
    """Same words (case and spacing aside) and same pictures: the same report sent again."""
    words = " ".join(shaped.document.casefold().split())
    if not words and not parsed.images:
        return ""
    digest = hashlib.sha256(words.encode())
    for image in sorted(hashlib.sha256(i.data).hexdigest() for i in parsed.images):
        digest.update(image.encode())
    return digest.hexdigest()


def _advance(mailbox: Mailbox | None, uid: int | None) -> None:
    if mailbox is not None and uid is not None:
        Mailbox.objects.filter(pk=mailbox.pk, last_uid__lt=uid).update(last_uid=uid)


def _acknowledge(mailbox: Mailbox, parsed: ParsedMessage) -> None:
    """The organiser's acknowledgement, only when they turned it on; failures are logged without the address."""
    try:
        send_mail(
            subject=f"Re: {parsed.subject}"[:200],
            message=mailbox.auto_reply_text,
            from_email=mailbox.reply_from or None,
            recipient_list=[parsed.sender_address],
        )
    except Exception:
        log.warning("intake: acknowledgement could not be sent", extra={"campaign": mailbox.campaign.slug})


def summary(items: list[dict[str, Any]]) -> dict[str, Any]:
    """DESIGN §5 counts plus one item per message (see ``Message.item``); a message met twice counts once."""
    items = list({item["message_id"]: item for item in reversed(items)}.values())[::-1]
    count = lambda status: sum(1 for i in items if i["status"] == status)  # noqa: E731
    return {
        "messages": len(items),
        "reports": count("report"),
        "duplicates": count("duplicate"),
        "not_reports": count("not_report"),
        "errors": count("error"),
        "items": items,
    }
