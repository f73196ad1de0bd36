"""The registry: organisations now; people, cases, status events and sources build on it."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class Organisation(models.Model):
    class Kind(models.TextChoices):
        PARTY = "party", _("party")
        UNION = "union", _("trade union")
        MOVEMENT = "movement", _("movement")
        NGO = "ngo", _("NGO")
        MEDIA = "media", _("media")
        COALITION = "coalition", _("coalition")
        OTHER = "other", _("other")

    slug = models.SlugField(_("slug"), unique=True, max_length=100)
    name = models.CharField(_("name"), max_length=200)
    aliases = models.JSONField(_("aliases"), default=list, blank=True, help_text=_("Other names and spellings."))
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices, default=Kind.OTHER)
    country = models.CharField(_("country"), max_length=2, blank=True, help_text=_("ISO 3166 alpha-2 code."))
    website = models.URLField(_("website"), blank=True)

    class Meta:
        verbose_name = _("organisation")
        verbose_name_plural = _("organisations")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name
