"""The review queue: an imported article (kept as a registry ``Source``) and the records proposed from it.

A proposal is never a registry record: it is what the extractor read, with the sentence that supports it,
waiting for an organiser to accept it (as read), correct it (accept after editing), merge it with a person
already in the registry, or reject it. Only ``services.py`` turns a proposal into registry records, through the
registry's own services, so every fact written carries the source and the quote and leaves an audit entry.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from solidarity.registry.models import Case, Organisation, Person, Source


class Article(models.Model):
    """One imported article: its source (text and hash) and what extraction proposed from it."""

    source = models.OneToOneField(Source, verbose_name=_("source"), on_delete=models.PROTECT, related_name="+")
    language = models.CharField(_("language"), max_length=10)
    extracted = models.JSONField(_("extraction as read"), default=dict, editable=False)
    imported_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+", editable=False
    )
    imported_at = models.DateTimeField(_("imported at"), auto_now_add=True)

    class Meta:
        verbose_name = _("imported article")
        verbose_name_plural = _("imported articles")
        ordering = ["-imported_at", "-id"]

    def __str__(self) -> str:
        return self.source.title

    @property
    def pending(self) -> int:
        return self.proposals.filter(status=Proposal.Status.PENDING).count()


class Proposal(models.Model):
    class Kind(models.TextChoices):
        PERSON = "person", _("person")
        ORGANISATION = "organisation", _("organisation")
        CASE = "case", _("case")
        CALL = "call", _("call to action")

    class Status(models.TextChoices):
        PENDING = "pending", pgettext_lazy("proposal", "waiting for review")
        ACCEPTED = "accepted", pgettext_lazy("proposal", "accepted")
        CORRECTED = "corrected", pgettext_lazy("proposal", "accepted with corrections")
        MERGED = "merged", pgettext_lazy("proposal", "merged with an existing record")
        REJECTED = "rejected", pgettext_lazy("proposal", "rejected")

    class Match(models.TextChoices):
        NONE = "none", pgettext_lazy("match", "no such record yet")
        SURE = "sure", pgettext_lazy("match", "the same name")
        UNSURE = "unsure", pgettext_lazy("match", "a similar name: please choose")

    article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="proposals")
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    data = models.JSONField(_("proposed record"), default=dict)
    proposed = models.JSONField(_("as read"), default=dict, editable=False)
    evidence = models.TextField(_("evidence"), blank=True)
    evidence_start = models.PositiveIntegerField(null=True, blank=True, editable=False)
    evidence_end = models.PositiveIntegerField(null=True, blank=True, editable=False)
    status = models.CharField(_("status"), max_length=12, choices=Status.choices, default=Status.PENDING)
    match = models.CharField(_("match in the registry"), max_length=8, choices=Match.choices, default=Match.NONE)
    candidates = models.ManyToManyField(Person, blank=True, related_name="+", verbose_name=_("possible matches"))
    person = models.ForeignKey(Person, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    organisation = models.ForeignKey(Organisation, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    case = models.ForeignKey(Case, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    campaign = models.ForeignKey(
        "campaigns.Campaign", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+", editable=False
    )
    decided_at = models.DateTimeField(_("decided at"), null=True, blank=True, editable=False)

    class Meta:
        verbose_name = _("proposal")
        verbose_name_plural = _("proposals")
        ordering = ["article", "id"]

    def __str__(self) -> str:
        label = self.data.get("name") or self.data.get("title") or ""
        return f"{self.get_kind_display()}: {label}"
