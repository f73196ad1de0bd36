"""The registry: persecuted people, their cases and charges, the organisations involved, what happened to them
(status events) and where each fact comes from (sources).

Every status event, affiliation, defendant link and charge carries the source and the quote that support it,
who added it and whether it is established or only alleged. A person's current status is never typed: it is
derived from the timeline (``services.refresh_current_status``) and stored on the person only so that lists
can filter by it.

Hidden people (``is_public=False``) exist for organisers alone: ``Person.objects.public()`` is the one rule
every public output starts from, and related rows (events, letters, defendant links) are reached through it.
"""

from __future__ import annotations

import uuid

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from solidarity.lib.translations import Translation, language_choices

# the longest name word the search index keeps; longer words (and queries) are cut to it, still a prefix
WORD_LENGTH = 100


class FormerSlugs:
    """Addresses of records merged into this one (" old-a old-b "), so links to them keep working."""

    def former_slug_list(self) -> list[str]:
        return self.former_slugs.split()  # type: ignore[attr-defined]


def joined_slugs(*slugs: str) -> str:
    return f" {' '.join(s for s in slugs if s)} " if any(slugs) else ""


class Certainty(models.TextChoices):
    """How sure we are of a fact: established (confirmed by the source) or alleged (claimed, unconfirmed)."""

    ESTABLISHED = "established", _("established")
    ALLEGED = "alleged", _("alleged")


class Precision(models.TextChoices):
    """How much of a date the source gives; the stored date is the first day of the period."""

    DAY = "day", _("exact day")
    MONTH = "month", _("month")
    YEAR = "year", _("year")
    APPROXIMATE = "approximate", _("approximate")


class Source(models.Model):
    """An article or document that facts are taken from, with the text as captured and its SHA-256."""

    url = models.URLField(_("address"), max_length=500, blank=True)
    title = models.CharField(_("title"), max_length=300)
    publisher = models.CharField(_("publisher"), max_length=200, blank=True)
    published_on = models.DateField(_("published on"), null=True, blank=True)
    language = models.CharField(_("language"), max_length=10, blank=True)
    text = models.TextField(_("captured text"), blank=True)
    text_hash = models.CharField(_("SHA-256 of the text"), max_length=64, blank=True, db_index=True, editable=False)
    captured_at = models.DateTimeField(_("captured at"), auto_now_add=True)

    class Meta:
        verbose_name = _("source")
        verbose_name_plural = _("sources")
        ordering = ["-published_on", "-id"]

    def __str__(self) -> str:
        parts = [self.title]
        if self.publisher:
            parts.append(self.publisher)
        if self.published_on:
            parts.append(self.published_on.isoformat())
        return " · ".join(parts)


class Organisation(FormerSlugs, models.Model):
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
    description = models.TextField(_("description"), blank=True)
    former_slugs = models.TextField(default="", blank=True, editable=False)
    search_text = models.TextField(default="", blank=True, editable=False)

    EDITABLE_FIELDS = ["slug", "name", "aliases", "kind", "country", "website", "description"]

    class Meta:
        verbose_name = _("organisation")
        verbose_name_plural = _("organisations")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class PersonQuerySet(models.QuerySet):
    def public(self) -> PersonQuerySet:
        """The one rule for who may appear in any public output: people marked public."""
        return self.filter(is_public=True)


def _person_photo_path(instance: Person, filename: str) -> str:
    return f"people/{instance.photo_key}.jpg"


class Person(FormerSlugs, models.Model):
    slug = models.SlugField(_("slug"), unique=True, max_length=100)
    name = models.CharField(_("name"), max_length=200, help_text=_("As usually written in Latin letters."))
    native_name = models.CharField(
        _("name in native script"), max_length=200, blank=True, help_text=_("For example in Cyrillic.")
    )
    aliases = models.JSONField(
        _("aliases and transliterations"), default=list, blank=True, help_text=_("Other names and spellings.")
    )
    bio = models.TextField(_("short biography"), blank=True)
    bio_language = models.CharField(
        _("language of the biography"), max_length=10, choices=language_choices, default=settings.LANGUAGE_CODE
    )
    country = models.CharField(
        _("country"), max_length=2, blank=True, help_text=_("ISO 3166 alpha-2 code of the country persecuting them.")
    )
    is_public = models.BooleanField(
        _("public"),
        default=True,
        help_text=_("Hidden people are seen by organisers only: never on a public page, in a count, feed or API."),
    )
    photo = models.ImageField(_("photo"), upload_to=_person_photo_path, blank=True, editable=False)
    photo_key = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    photo_consent = models.BooleanField(
        _("the person or their family agreed to the photo's publication"), default=False
    )
    postal_address = models.TextField(
        _("postal address for letters"), blank=True, help_text=_("Public. For example the detention centre.")
    )
    letter_guidance = models.TextField(
        _("letter-writing guidance"),
        blank=True,
        help_text=_("Which languages letters may be in, what the prison censor rejects, what to enclose."),
    )
    accepts_messages = models.BooleanField(_("accepts solidarity messages through this site"), default=True)

    # derived from the timeline by services.refresh_current_status; never edited by hand
    current_status = models.CharField(_("current status"), max_length=20, blank=True, editable=False, db_index=True)
    current_status_on = models.DateField(_("current status since"), null=True, blank=True, editable=False)
    former_slugs = models.TextField(default="", blank=True, editable=False)
    # folded spellings of every name (registry/names.py), searched by /people/
    search_text = models.TextField(default="", blank=True, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = PersonQuerySet.as_manager()

    EDITABLE_FIELDS = [
        "slug",
        "name",
        "native_name",
        "aliases",
        "bio",
        "bio_language",
        "country",
        "is_public",
        "photo_consent",
        "postal_address",
        "letter_guidance",
        "accepts_messages",
    ]

    class Meta:
        verbose_name = _("person")
        verbose_name_plural = _("people")
        ordering = ["name", "id"]
        indexes = [
            # the public list in its order, walked instead of sorting every public person for one page; partial
            # because Django writes ``is_public=True`` as a bare condition that a composite index does not serve
            models.Index(fields=["name", "id"], condition=models.Q(is_public=True), name="person_public_by_name"),
            models.Index(
                fields=["current_status", "name", "id"],
                condition=models.Q(is_public=True),
                name="person_public_by_status",
            ),
        ]
        permissions = [("merge_records", _("Can merge people or organisations found to be the same"))]

    def __str__(self) -> str:
        return self.name

    @property
    def public_photo(self) -> bool:
        return bool(self.photo) and self.photo_consent


class IndexWord(models.Model):
    """One skeleton word (registry/names.py) of a person's names or of the charges they face: the index the
    people list's name search and charge filter read.

    ``search_text LIKE '% oleinik%'`` reads every person (55 ms at 100k on SQLite), and a charge filter over
    charges and case charges joins them to every person; "a word starts with" on an indexed column is a range
    read from a B-tree instead. Names and charges have a table each, so that PostgreSQL's statistics of each
    estimate how many people a word matches (in one table with a kind column it guessed a third of them and
    chose the slower plan). Kept by ``registry/word_index.py``, never by hand.
    """

    word = models.CharField(max_length=WORD_LENGTH)

    class Meta:
        abstract = True

    def __str__(self) -> str:
        return self.word


def _word_index(name: str) -> models.Index:
    # varchar_pattern_ops lets PostgreSQL answer LIKE 'prefix%' from the index under any collation; other
    # databases ignore opclasses and use the index for the range the selector writes for them
    return models.Index(fields=["word", "person"], name=name, opclasses=["varchar_pattern_ops", "int8_ops"])


class NameWord(IndexWord):
    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="name_words")

    class Meta:
        indexes = [_word_index("name_word_prefix")]


class ChargeWord(IndexWord):
    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="charge_words")

    class Meta:
        indexes = [_word_index("charge_word_prefix")]


class Case(FormerSlugs, models.Model):
    slug = models.SlugField(_("slug"), unique=True, max_length=100)
    name = models.CharField(_("name"), max_length=200)
    aliases = models.JSONField(_("aliases"), default=list, blank=True, help_text=_("Other names and spellings."))
    country = models.CharField(_("country"), max_length=2, blank=True, help_text=_("ISO 3166 alpha-2 code."))
    jurisdiction = models.CharField(
        _("jurisdiction"), max_length=200, blank=True, help_text=_("The court or authority, e.g. a regional court.")
    )
    description = models.TextField(_("description"), blank=True)
    started_on = models.DateField(_("began on"), null=True, blank=True)
    defendants = models.ManyToManyField(
        "Person", through="Defendant", related_name="cases", verbose_name=_("defendants")
    )
    former_slugs = models.TextField(default="", blank=True, editable=False)
    search_text = models.TextField(default="", blank=True, editable=False)

    EDITABLE_FIELDS = ["slug", "name", "aliases", "country", "jurisdiction", "description", "started_on"]

    class Meta:
        verbose_name = _("case")
        verbose_name_plural = _("cases")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class Evidence(models.Model):
    """What every sourced fact carries: the source, the quote from it, who added it and how sure we are."""

    source = models.ForeignKey(
        Source, verbose_name=_("source"), null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    quote = models.TextField(_("quote from the source"), blank=True)
    certainty = models.CharField(
        _("certainty"), max_length=12, choices=Certainty.choices, default=Certainty.ESTABLISHED
    )
    added_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("added by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        editable=False,
    )
    added_at = models.DateTimeField(_("added at"), auto_now_add=True)

    class Meta:
        abstract = True

    def clean(self) -> None:
        if self.quote and not self.source_id:
            raise ValidationError({"source": _("A quote needs the source it comes from.")})


class Defendant(Evidence):
    """A person named as a defendant (or suspect) in a case."""

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="defendant_links")
    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="defendant_links")
    role = models.CharField(_("role"), max_length=100, blank=True, help_text=_("e.g. defendant, suspect, witness"))

    class Meta:
        verbose_name = _("defendant")
        verbose_name_plural = _("defendants")
        constraints = [models.UniqueConstraint(fields=["case", "person"], name="one_link_per_defendant")]

    def __str__(self) -> str:
        return f"{self.person} · {self.case}"


ARTICLE_HELP = _("e.g. Art. 280 part 2 of the Criminal Code")


class Charge(Evidence):
    """An accusation: the article of the code and its wording, against a person, in a case, or both."""

    case = models.ForeignKey(Case, null=True, blank=True, on_delete=models.CASCADE, related_name="charges")
    person = models.ForeignKey(Person, null=True, blank=True, on_delete=models.CASCADE, related_name="charges")
    article = models.CharField(pgettext_lazy("law", "article"), max_length=100, blank=True, help_text=ARTICLE_HELP)
    wording = models.CharField(_("wording"), max_length=300, help_text=_("As the accusation puts it."))

    class Meta:
        verbose_name = _("charge")
        verbose_name_plural = _("charges")
        ordering = ["id"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(case__isnull=False) | models.Q(person__isnull=False), name="charge_has_subject"
            )
        ]

    def __str__(self) -> str:
        return f"{self.wording} ({self.article})" if self.article else self.wording

    def clean(self) -> None:
        super().clean()
        if not self.case_id and not self.person_id:
            raise ValidationError(_("A charge is brought against a person, in a case, or both."))


class Affiliation(Evidence):
    """A person's membership of or role in an organisation."""

    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="affiliations")
    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="affiliations")
    role = models.CharField(_("role"), max_length=100, blank=True, help_text=_("e.g. member, co-chair, editor"))

    class Meta:
        verbose_name = _("affiliation")
        verbose_name_plural = _("affiliations")
        constraints = [
            models.UniqueConstraint(fields=["person", "organisation", "role"], name="one_affiliation_per_role")
        ]

    def __str__(self) -> str:
        return f"{self.person} · {self.organisation}"


class StatusKind(models.TextChoices):
    DETAINED = "detained", pgettext_lazy("status", "detained")
    SEARCHED = "searched", pgettext_lazy("status", "searched")
    INTERROGATED = "interrogated", pgettext_lazy("status", "interrogated")
    CHARGED = "charged", pgettext_lazy("status", "charged")
    CUSTODY = "custody", pgettext_lazy("status", "in custody")
    HOUSE_ARREST = "house_arrest", pgettext_lazy("status", "under house arrest")
    SENTENCED = "sentenced", pgettext_lazy("status", "sentenced")
    FINED = "fined", pgettext_lazy("status", "fined")
    RELEASED = "released", pgettext_lazy("status", "released")
    ATTACKED = "attacked", pgettext_lazy("status", "attacked")
    KILLED = "killed", pgettext_lazy("status", "killed")
    EXILED = "exiled", pgettext_lazy("status", "in exile")
    WANTED = "wanted", pgettext_lazy("status", "wanted")
    OTHER = "other", pgettext_lazy("status", "other")


# When two events fall on the same date, the later stage of a prosecution is the current one (searched, then
# detained, then charged, then held, then sentenced, then released); entry order decides the rest.
STAGE = {
    kind: position
    for position, kind in enumerate(
        [
            StatusKind.OTHER,
            StatusKind.ATTACKED,
            StatusKind.WANTED,
            StatusKind.SEARCHED,
            StatusKind.INTERROGATED,
            StatusKind.DETAINED,
            StatusKind.CHARGED,
            StatusKind.HOUSE_ARREST,
            StatusKind.CUSTODY,
            StatusKind.FINED,
            StatusKind.SENTENCED,
            StatusKind.RELEASED,
            StatusKind.EXILED,
            StatusKind.KILLED,
        ]
    )
}


class StatusEvent(Evidence):
    """One thing that happened to a person, on a date known to some precision."""

    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="status_events")
    case = models.ForeignKey(
        Case, verbose_name=_("case"), null=True, blank=True, on_delete=models.SET_NULL, related_name="status_events"
    )
    kind = models.CharField(_("what happened"), max_length=20, choices=StatusKind.choices)
    on = models.DateField(_("date"), null=True, blank=True, help_text=_("For a month or a year, the first day of it."))
    precision = models.CharField(_("date precision"), max_length=12, choices=Precision.choices, default=Precision.DAY)
    detail = models.CharField(
        _("detail"), max_length=300, blank=True, help_text=_("The sentence, the place of detention, the fine…")
    )
    # the date the timeline sorts by: the event's own, else its source's publication date (set by the service)
    sort_on = models.DateField(null=True, blank=True, editable=False)

    EDITABLE_FIELDS = ["person", "case", "kind", "on", "precision", "detail", "source", "quote", "certainty"]

    class Meta:
        verbose_name = _("status event")
        verbose_name_plural = _("status events")
        ordering = ["sort_on", "id"]
        indexes = [models.Index(fields=["person", "sort_on"], name="status_timeline")]

    def __str__(self) -> str:
        return f"{self.person} · {self.get_kind_display()} · {self.on or '?'}"

    def clean(self) -> None:
        super().clean()
        if self.on and self.precision == Precision.MONTH and self.on.day != 1:
            raise ValidationError({"on": _("For a date known to the month, give the first day of the month.")})
        if self.on and self.precision == Precision.YEAR and (self.on.month, self.on.day) != (1, 1):
            raise ValidationError({"on": _("For a date known to the year, give 1 January of that year.")})


class Letter(models.Model):
    """A solidarity message from a supporter to a person; moderated like a report.

    Nothing about the sender is public: their name and contact are for moderators, and the name and country
    are printed with the message for the person it is addressed to. The public sees only how many were approved.
    """

    class Status(models.TextChoices):
        RECEIVED = "received", pgettext_lazy("letter status", "received")
        APPROVED = "approved", pgettext_lazy("letter status", "approved")
        REJECTED = "rejected", pgettext_lazy("letter status", "rejected")
        DELIVERED = "delivered", pgettext_lazy("letter status", "delivered")

    PUBLIC_STATUSES = (Status.APPROVED, Status.DELIVERED)

    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="letters")
    status = models.CharField(_("status"), max_length=12, choices=Status.choices, default=Status.RECEIVED)
    text = models.TextField(_("message"))
    language = models.CharField(_("language"), max_length=10, blank=True)
    sender_name = models.CharField(_("sender's name"), max_length=200, blank=True)
    sender_country = models.CharField(_("sender's country"), max_length=2, blank=True)
    sender_contact = models.CharField(_("sender's contact"), max_length=300, blank=True)
    moderator_note = models.TextField(_("moderator's note"), blank=True)
    created_at = models.DateTimeField(_("received at"), auto_now_add=True)
    reviewed_at = models.DateTimeField(_("reviewed at"), null=True, blank=True)

    class Meta:
        verbose_name = _("solidarity message")
        verbose_name_plural = _("solidarity messages")
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["person", "status"], name="letter_count")]
        permissions = [("print_letters", _("Can print approved solidarity messages"))]

    def __str__(self) -> str:
        return f"{self.person} · {self.created_at:%Y-%m-%d}" if self.created_at else str(self.person)


class PersonTranslation(Translation):
    """A person's biography in another language; the page shows the original, with a note, where there is none."""

    original_field = "person"
    original_language_field = "bio_language"
    TRANSLATED_FIELDS = ("bio",)

    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="translations")
    bio = models.TextField(_("short biography"))

    class Meta:
        verbose_name = _("translation of the biography")
        verbose_name_plural = _("translations of the biography")
        constraints = [models.UniqueConstraint(fields=["person", "language"], name="one_bio_per_language")]

    def __str__(self) -> str:
        return f"{self.person} [{self.language}]"
