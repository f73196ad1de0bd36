"""E-mail intake: the mailbox a campaign reads, and every message that came in.

A :class:`Message` is private from top to bottom: only moderators see it, in the admin. It keeps the raw
message (until purged after the report is decided), the sender, what structuring guessed and from which words,
and the triage verdict. What the public may one day see is the draft :class:`~solidarity.reports.models.Report`
made from it through the reports services, and only once a moderator publishes that.
"""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

from solidarity.campaigns.models import ActionType, Campaign
from solidarity.reports.models import Report

LOOPBACK_HOSTS = {"127.0.0.1", "::1", "localhost"}


class Mailbox(models.Model):
    """Where a campaign's reports arrive, and how far we have read it.

    The password is never stored in the database: it comes from a file (readable by the service only) or from
    an environment variable, so a database dump or backup does not hand out the mailbox.
    """

    class Security(models.TextChoices):
        TLS = "tls", _("TLS from the start (port 993)")
        STARTTLS = "starttls", _("STARTTLS (port 143)")
        NONE = "none", _("none (loopback only, for tests)")

    campaign = models.OneToOneField(Campaign, on_delete=models.CASCADE, related_name="mailbox")
    enabled = models.BooleanField(_("fetch from this mailbox"), default=True)
    host = models.CharField(_("IMAP server"), max_length=255)
    port = models.PositiveIntegerField(_("port"), default=993)
    security = models.CharField(_("security"), max_length=10, choices=Security.choices, default=Security.TLS)
    username = models.CharField(_("user name"), max_length=255)
    password_file = models.CharField(
        _("password file"), max_length=500, blank=True, help_text=_("Path of a file holding the password.")
    )
    password_env = models.CharField(
        _("password variable"),
        max_length=100,
        blank=True,
        default="SOLIDARITY_IMAP_PASSWORD",
        help_text=_("Name of the environment variable holding the password, used when no file is given."),
    )
    folder = models.CharField(_("folder"), max_length=200, default="INBOX")
    # where we are: UIDs are only comparable within one UIDVALIDITY; a new one means the folder was rebuilt
    uidvalidity = models.BigIntegerField(_("UIDVALIDITY"), null=True, blank=True, editable=False)
    last_uid = models.BigIntegerField(_("last UID read"), default=0, editable=False)
    last_fetch_at = models.DateTimeField(_("last fetched"), null=True, blank=True, editable=False)
    last_error = models.CharField(_("last error"), max_length=500, blank=True, editable=False)
    auto_reply = models.BooleanField(
        _("send an acknowledgement"),
        default=False,
        help_text=_("Off unless the organiser turns it on: a reply tells the sender's provider we read it."),
    )
    auto_reply_text = models.TextField(_("acknowledgement text"), blank=True)
    reply_from = models.EmailField(_("acknowledgements come from"), blank=True)

    class Meta:
        verbose_name = _("mailbox")
        verbose_name_plural = _("mailboxes")

    def __str__(self) -> str:
        return f"{self.username}@{self.host}:{self.port} ({self.campaign.slug})"

    def clean(self) -> None:
        if self.security == self.Security.NONE and self.host not in LOOPBACK_HOSTS:
            raise ValidationError({"security": _("Without TLS the password would cross the network in clear.")})
        if not self.password_file and not self.password_env:
            raise ValidationError({"password_file": _("Give a password file or a password variable.")})


class Message(models.Model):
    """One e-mail as received, with what intake made of it. Moderators only."""

    class Verdict(models.TextChoices):
        REPORT = "report", _("report")
        DUPLICATE = "duplicate", _("duplicate")
        NOT_REPORT = "not_report", _("not a report")
        ERROR = "error", _("unreadable")

    class Reason(models.TextChoices):
        NONE = "", _("—")
        QUESTION = "question", _("question")
        SPAM = "spam", _("spam")
        AUTO_REPLY = "auto_reply", _("automatic reply")
        BOUNCE = "bounce", _("bounce")
        EMPTY = "empty", _("nothing to read")
        OTHER = "other", _("no report in it")

    class Source(models.TextChoices):
        IMAP = "imap", "IMAP"
        MBOX = "mbox", "mbox"
        MAILDIR = "maildir", "maildir"
        EML = "eml", ".eml"

    campaign = models.ForeignKey(Campaign, on_delete=models.CASCADE, related_name="messages")
    mailbox = models.ForeignKey(Mailbox, null=True, blank=True, on_delete=models.SET_NULL, related_name="messages")
    source = models.CharField(_("source"), max_length=10, choices=Source.choices)
    # the idempotency key: the Message-ID header, or a digest of the raw bytes when a message has none
    message_id = models.CharField(_("message id"), max_length=300)
    content_hash = models.CharField(_("content hash"), max_length=64, blank=True)
    received_at = models.DateTimeField(_("received"), auto_now_add=True)
    sent_at = models.DateTimeField(_("sent"), null=True, blank=True)

    # private: who wrote, and what exactly
    sender_name = models.CharField(_("sender's name"), max_length=200, blank=True)
    sender_address = models.CharField(_("sender's address"), max_length=300, blank=True)
    subject = models.CharField(_("subject"), max_length=500, blank=True)
    text = models.TextField(_("report text"), blank=True, help_text=_("Without quoted replies and signatures."))
    raw = models.BinaryField(_("raw message"), blank=True, default=b"")
    raw_size = models.PositiveIntegerField(_("size in bytes"), default=0)
    raw_purged_at = models.DateTimeField(_("raw message purged"), null=True, blank=True)

    verdict = models.CharField(_("verdict"), max_length=12, choices=Verdict.choices)
    reason = models.CharField(_("why not a report"), max_length=12, choices=Reason.choices, blank=True)
    language = models.CharField(_("language"), max_length=8, blank=True)
    # every guess with its confidence and the span of `subject + "\n\n" + text` it came from (structure.py)
    guesses = models.JSONField(_("guesses"), default=dict, blank=True)
    problems = models.JSONField(_("problems"), default=list, blank=True)
    photos = models.PositiveSmallIntegerField(_("photos"), default=0)

    # the best guesses, as columns for the list and the --json items
    city = models.CharField(_("city"), max_length=200, blank=True)
    country = models.CharField(_("country"), max_length=2, blank=True)
    geonameid = models.IntegerField(null=True, blank=True)
    held_on = models.DateField(_("date held"), null=True, blank=True)
    action_type = models.CharField(_("action"), max_length=20, choices=ActionType.choices, blank=True)
    participants = models.PositiveIntegerField(_("participants"), null=True, blank=True)

    duplicate_of = models.ForeignKey(
        "self", verbose_name=_("duplicate of"), null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    report = models.OneToOneField(
        Report, verbose_name=_("draft report"), null=True, blank=True, on_delete=models.SET_NULL, related_name="email"
    )
    answered_at = models.DateTimeField(_("answered"), null=True, blank=True)
    note = models.TextField(_("moderator's note"), blank=True)

    class Meta:
        verbose_name = _("e-mail")
        verbose_name_plural = _("e-mails")
        ordering = ["-received_at", "-id"]
        constraints = [models.UniqueConstraint(fields=["campaign", "message_id"], name="one_message_per_campaign")]
        indexes = [
            models.Index(fields=["campaign", "verdict"], name="intake_message_verdict"),
            # the duplicate check of every incoming message: without it the lookup scanned the whole campaign
            models.Index(fields=["campaign", "content_hash"], name="intake_message_content"),
        ]

    def __str__(self) -> str:
        return f"#{self.pk} {self.get_verdict_display()}"

    @property
    def status(self) -> str:
        """The --json status: the verdict."""
        return self.verdict

    def item(self) -> dict[str, Any]:
        """One entry of the --json ``items`` (DESIGN §5): nothing about the sender."""
        from solidarity.places.countries import country_name

        return {
            "message_id": self.message_id,
            "status": self.verdict,
            "city": self.city or None,
            "country": country_name(self.country) if self.country else None,
            "date": self.held_on.isoformat() if self.held_on else None,
            "action_type": self.action_type or None,
            "participants": self.participants,
            "language": self.language or None,
            "photos": self.photos,
        }
