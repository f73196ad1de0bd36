"""E-mail reminders about a campaign, which a supporter asks for on its page.

An address is the most dangerous thing this app holds: it ties a person to a campaign for a persecuted activist.
So a row holds only what sending needs (the address, the campaign, which reminders, the language, when each was
sent), it is deleted outright on unsubscribing, after its last reminder, when it was never confirmed, and with
the campaign's other private details (``retention.py``); it appears in no public output and in the admin only
masked, unless an organiser was given ``reminders.view_address``.
"""

from __future__ import annotations

import secrets

from django.db import models
from django.utils.translation import gettext_lazy as _

from solidarity.campaigns.models import Campaign


class Kind(models.TextChoices):
    START = "start", _("a few days before the campaign starts")
    RESULTS = "results", _("when the campaign is over and its summary is out")


def new_key() -> str:
    """The secret that the links in our e-mails carry (signed) to find the row; never shown anywhere else."""
    return secrets.token_urlsafe(24)


class Subscription(models.Model):
    campaign = models.ForeignKey(Campaign, verbose_name=_("campaign"), on_delete=models.CASCADE, related_name="+")
    email = models.EmailField(_("e-mail address"), max_length=254)
    language = models.CharField(_("language"), max_length=10)
    wants_start = models.BooleanField(_("reminder before the start"), default=False)
    wants_results = models.BooleanField(_("reminder when the summary is out"), default=False)
    key = models.CharField(max_length=40, unique=True, default=new_key, editable=False)
    # where the links in our e-mails point when SOLIDARITY_PUBLIC_URL is not set: the site the supporter used
    site = models.CharField(max_length=200, blank=True, editable=False)
    created_at = models.DateTimeField(_("asked at"), auto_now_add=True)
    confirmation_sent_at = models.DateTimeField(_("confirmation sent at"), null=True, blank=True)
    confirmed_at = models.DateTimeField(_("confirmed at"), null=True, blank=True)
    start_sent_at = models.DateTimeField(_("start reminder sent at"), null=True, blank=True)
    results_sent_at = models.DateTimeField(_("summary reminder sent at"), null=True, blank=True)

    class Meta:
        verbose_name = _("reminder subscription")
        verbose_name_plural = _("reminder subscriptions")
        ordering = ["-created_at", "-id"]
        # staff never add or edit a supporter's request; they may look (masked) and delete
        default_permissions = ("view", "delete")
        permissions = [("view_address", _("Can see the e-mail addresses of reminder subscribers"))]
        constraints = [models.UniqueConstraint(fields=["campaign", "email"], name="one_subscription_per_address")]
        indexes = [models.Index(fields=["confirmed_at", "campaign"], name="reminder_pending")]

    def __str__(self) -> str:
        # shown in the admin's delete pages and history: never the address
        return str(_("Reminder subscription %(number)s") % {"number": self.pk})

    def wants(self, kind: str) -> bool:
        return self.wants_start if kind == Kind.START else self.wants_results

    @property
    def kinds(self) -> list[str]:
        return [kind for kind in Kind.values if self.wants(kind)]

    def pending_after(self, kind: str) -> bool:
        """Whether a reminder is still to come once ``kind`` has gone (the summary always comes last)."""
        return kind == Kind.START and self.wants_results and self.results_sent_at is None
