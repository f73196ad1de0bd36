"""API keys for partner sites that send reports on their supporters' behalf, and for organisers' own tools
that keep the registry (only keys with ``registry_write``, which only someone who may edit the registry can
grant).

Only a SHA-256 hash of each key is stored: a copy of the database (a backup, a leaked dump) cannot be used to
send reports. The short public prefix finds the row without comparing hashes across the table. How often a key
is used is recorded to the day and no finer, and never from where.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from solidarity.campaigns.models import Campaign


class ApiKey(models.Model):
    name = models.CharField(
        _("name"), max_length=100, help_text=_("Who uses this key, for example the partner site's name.")
    )
    campaign = models.ForeignKey(
        Campaign,
        verbose_name=_("campaign"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="api_keys",
        help_text=_("The only campaign this key may send reports to; leave empty for every campaign."),
    )
    registry_write = models.BooleanField(
        _("may edit the registry"),
        default=False,
        help_text=_(
            "Lets the key add and change people, cases, organisations and status events through the API, "
            "in the name of the organiser who made it."
        ),
    )
    prefix = models.CharField(_("prefix"), max_length=16, unique=True, editable=False)
    hashed_key = models.CharField(max_length=64, editable=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("created by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        editable=False,
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    revoked_at = models.DateTimeField(_("revoked at"), null=True, blank=True, editable=False)
    last_used_on = models.DateField(_("last used on"), null=True, blank=True, editable=False)

    class Meta:
        verbose_name = _("API key")
        verbose_name_plural = _("API keys")
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return f"{self.name} ({self.prefix})"

    @property
    def is_active(self) -> bool:
        return self.revoked_at is None
