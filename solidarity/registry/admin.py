"""Keeping the registry in the admin. Every save, inline row and deletion goes through registry/services.py, so
each leaves an audit entry; the History page of a person, case or organisation reads those entries back, with
the changes to its timeline and links and the source each change cited. People, cases and sources are hidden
or merged rather than deleted (only a superuser may delete), so nothing is lost by a slip of the mouse."""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Q, QuerySet
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.urls import URLPattern, path, reverse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from solidarity.lib.fields import LinesField
from solidarity.lib.images import ImageRejected
from solidarity.lib.models import AuditEntry
from solidarity.lib.translation_admin import TranslationFormSet, TranslationStateAdmin
from solidarity.registry import (
    bios,
    letter_admin,  # noqa: F401  (registers the Letter admin)
    selectors,
    services,
)
from solidarity.registry.models import (
    Affiliation,
    Case,
    Charge,
    Defendant,
    Organisation,
    Person,
    PersonTranslation,
    Source,
    StatusEvent,
)

# the linked rows whose audit entries carry a "person" or "case" key (services._owners)
LINKED_TYPES = [
    "registry.statusevent",
    "registry.affiliation",
    "registry.defendant",
    "registry.charge",
    "registry.letter",
]


def history_entries(obj: Any) -> QuerySet[AuditEntry]:
    """Every audit entry about ``obj`` and, for a person or case, about the rows that hang off it."""
    label = obj._meta.label_lower
    condition = Q(object_type=label, object_id=str(obj.pk))
    if isinstance(obj, Person):
        condition |= Q(object_type__in=LINKED_TYPES, data__person=obj.pk)
    elif isinstance(obj, Case):
        condition |= Q(object_type__in=LINKED_TYPES, data__case=obj.pk)
    elif isinstance(obj, Organisation):
        condition |= Q(object_type="registry.affiliation", data__after__organisation=obj.pk)
    return AuditEntry.objects.filter(condition).select_related("actor").order_by("-at", "-id")


class AuditedAdmin(admin.ModelAdmin):
    """History from the audit trail instead of Django's LogEntry (which our services do not write), and
    deletion for superusers alone."""

    object_history_template = "admin/registry/history.html"

    def history_view(self, request: HttpRequest, object_id: str, extra_context: Any = None) -> HttpResponse:
        obj = self.get_object(request, object_id)
        if obj is None or not self.has_view_or_change_permission(request, obj):
            raise PermissionDenied
        context = {
            **self.admin_site.each_context(request),
            "title": _("History: %(name)s") % {"name": obj},
            "subtitle": None,
            "object": obj,
            "opts": self.model._meta,
            "entries": history_entries(obj)[:500],
            **(extra_context or {}),
        }
        return TemplateResponse(request, self.object_history_template, context)

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return request.user.is_superuser


class EvidenceInline(admin.TabularInline):
    """A sourced row (event, link, charge) saved through its service by the parent admin's save_formset."""

    extra = 0
    autocomplete_fields = ["source"]
    readonly_fields = ["added_by"]


class StatusEventInline(EvidenceInline):
    model = StatusEvent
    fields = ["kind", "on", "precision", "detail", "case", "source", "quote", "certainty", "added_by"]
    autocomplete_fields = ["source", "case"]
    verbose_name_plural = _("timeline (the current status is derived from it)")


class BioTranslationInline(admin.StackedInline):
    model = PersonTranslation
    formset = TranslationFormSet
    fields = ["language", "bio"]
    extra = 0
    verbose_name_plural = _("the biography in other languages")


class AffiliationInline(EvidenceInline):
    model = Affiliation
    fields = ["organisation", "role", "source", "quote", "certainty", "added_by"]
    autocomplete_fields = ["source", "organisation"]


class PersonAffiliationInline(AffiliationInline):
    fields = ["person", "role", "source", "quote", "certainty", "added_by"]
    autocomplete_fields = ["source", "person"]


class DefendantInline(EvidenceInline):
    model = Defendant
    fields = ["case", "role", "source", "quote", "certainty", "added_by"]
    autocomplete_fields = ["source", "case"]
    verbose_name_plural = _("cases")


class CaseDefendantInline(DefendantInline):
    fields = ["person", "role", "source", "quote", "certainty", "added_by"]
    autocomplete_fields = ["source", "person"]
    verbose_name_plural = _("defendants")


class ChargeInline(EvidenceInline):
    model = Charge
    fk_name = "person"
    fields = ["article", "wording", "case", "source", "quote", "certainty", "added_by"]
    autocomplete_fields = ["source", "case"]


class CaseChargeInline(ChargeInline):
    fk_name = "case"
    fields = ["article", "wording", "person", "source", "quote", "certainty", "added_by"]
    autocomplete_fields = ["source", "person"]


ROW_SERVICES = {
    StatusEvent: lambda row, actor: services.status_event_save(event=row, actor=actor),
    Affiliation: lambda row, actor: services.affiliation_save(affiliation=row, actor=actor),
    Defendant: lambda row, actor: services.defendant_save(defendant=row, actor=actor),
    Charge: lambda row, actor: services.charge_save(charge=row, actor=actor),
    PersonTranslation: lambda row, actor: bios.bio_translation_save(translation=row, actor=actor),
}


class RegistryAdmin(AuditedAdmin):
    """Saves the record and its inline rows through the services (audited, status re-derived)."""

    save_as_continue = False

    def save_formset(self, request: HttpRequest, form: Any, formset: Any, change: bool) -> None:
        rows = formset.save(commit=False)
        for gone in formset.deleted_objects:
            if isinstance(gone, StatusEvent):
                services.status_event_delete(event=gone, actor=request.user)
            elif isinstance(gone, PersonTranslation):
                bios.bio_translation_delete(translation=gone, actor=request.user)
            else:
                services.link_delete(link=gone, actor=request.user)
        for row in rows:
            ROW_SERVICES[type(row)](row, request.user)


class MergeForm(forms.Form):
    keep = forms.ModelChoiceField(queryset=Person.objects.none(), label=_("Keep"), widget=forms.RadioSelect)


class MergeMixin:
    """An action that folds two selected records into one, after a confirmation page choosing which stays."""

    merge_service: Any = None

    @admin.action(description=_("Merge the two selected records"), permissions=["merge"])
    def merge(self, request: HttpRequest, queryset: QuerySet) -> HttpResponse | None:
        records = list(queryset[:3])
        if len(records) != 2:
            self.message_user(request, _("Select exactly two records to merge."), messages.ERROR)  # type: ignore[attr-defined]
            return None
        form = MergeForm(request.POST if "confirm" in request.POST else None)
        form.fields["keep"].queryset = queryset
        if form.is_valid():
            keep = form.cleaned_data["keep"]
            other = next(r for r in records if r.pk != keep.pk)
            try:
                type(self).merge_service(keep=keep, merge=other, actor=request.user)
            except ValidationError as exc:
                self.message_user(request, " ".join(exc.messages), messages.ERROR)  # type: ignore[attr-defined]
                return None
            self.message_user(  # type: ignore[attr-defined]
                request, _("“%(other)s” was merged into “%(keep)s”.") % {"other": other, "keep": keep}
            )
            return None
        context = {
            **self.admin_site.each_context(request),  # type: ignore[attr-defined]
            "title": _("Merge two records"),
            "records": records,
            "form": form,
            "opts": self.model._meta,  # type: ignore[attr-defined]
            "action_checkbox_name": admin.helpers.ACTION_CHECKBOX_NAME,
        }
        return TemplateResponse(request, "admin/registry/merge.html", context)

    def has_merge_permission(self, request: HttpRequest) -> bool:
        return request.user.has_perm("registry.merge_records")


class PersonForm(forms.ModelForm):
    aliases = LinesField(
        label=_("aliases and transliterations"), required=False, help_text=_("One per line, in any script.")
    )
    photo_upload = forms.FileField(
        label=_("new photo"),
        required=False,
        help_text=_("JPEG, PNG, WebP or HEIC; re-encoded without any metadata. Shown only with consent."),
    )
    remove_photo = forms.BooleanField(label=_("remove the photo"), required=False)

    class Meta:
        model = Person
        fields = Person.EDITABLE_FIELDS


@admin.register(Person)
class PersonAdmin(MergeMixin, RegistryAdmin, TranslationStateAdmin):
    form = PersonForm
    merge_service = staticmethod(services.person_merge)
    translation_model = PersonTranslation
    original_language_field = "bio_language"
    list_display = [
        "name",
        "native_name",
        "current_status",
        "current_status_on",
        "country",
        "is_public",
        "translation_state",
    ]
    list_filter = ["is_public", "current_status", "country"]
    search_fields = ["name"]  # widened to every spelling in get_search_results
    prepopulated_fields = {"slug": ["name"]}
    readonly_fields = ["current_status", "current_status_on", "photo_preview", "translation_state"]
    inlines = [StatusEventInline, DefendantInline, ChargeInline, AffiliationInline, BioTranslationInline]
    actions = ["merge"]
    fieldsets = [
        (None, {"fields": ["name", "native_name", "aliases", "slug", "country", "is_public"]}),
        (_("Current status (from the timeline)"), {"fields": ["current_status", "current_status_on"]}),
        (
            _("About"),
            {
                "fields": [
                    "bio",
                    "bio_language",
                    "translation_state",
                    "photo_preview",
                    "photo_upload",
                    "remove_photo",
                    "photo_consent",
                ]
            },
        ),
        (_("Letters"), {"fields": ["postal_address", "letter_guidance", "accepts_messages"]}),
    ]

    def get_queryset(self, request: HttpRequest) -> QuerySet[Person]:
        return super().get_queryset(request).prefetch_related("translations")

    def get_search_results(self, request: HttpRequest, queryset: QuerySet, search_term: str) -> tuple[QuerySet, bool]:
        """Any spelling or script finds the person (Oleynik, Олейник), as on the public site."""
        if not search_term.strip():
            return queryset, False
        return selectors.matching(queryset, search_term), False

    @admin.display(description=_("photo"))
    def photo_preview(self, obj: Person) -> str:
        if not obj.photo:
            return "—"
        return format_html('<img src="{}" alt="" class="review-thumb">', reverse("person-photo", args=[obj.photo_key]))

    def save_model(self, request: HttpRequest, obj: Person, form: Any, change: bool) -> None:
        services.person_save(person=obj, actor=request.user)

    def save_related(self, request: HttpRequest, form: Any, formsets: Any, change: bool) -> None:
        super().save_related(request, form, formsets, change)
        person = form.instance
        upload = form.cleaned_data.get("photo_upload")
        if upload:
            try:
                services.person_set_photo(
                    person=person,
                    image=upload,
                    consent=form.cleaned_data.get("photo_consent", False),
                    actor=request.user,
                )
            except ImageRejected as exc:
                self.message_user(request, _("The photo was not saved: %(reason)s") % {"reason": exc}, messages.ERROR)
        elif form.cleaned_data.get("remove_photo"):
            services.person_remove_photo(person=person, actor=request.user)


class NamedForm(forms.ModelForm):
    aliases = LinesField(label=_("aliases"), required=False, help_text=_("One per line, in any script."))


@admin.register(Case)
class CaseAdmin(RegistryAdmin):
    form = NamedForm
    list_display = ["name", "country", "jurisdiction", "started_on"]
    list_filter = ["country"]
    search_fields = ["name"]
    prepopulated_fields = {"slug": ["name"]}
    fields = Case.EDITABLE_FIELDS
    inlines = [CaseDefendantInline, CaseChargeInline]

    def get_search_results(self, request: HttpRequest, queryset: QuerySet, search_term: str) -> tuple[QuerySet, bool]:
        if not search_term.strip():
            return queryset, False
        return selectors.matching(queryset, search_term), False

    def save_model(self, request: HttpRequest, obj: Case, form: Any, change: bool) -> None:
        services.case_save(case=obj, actor=request.user)


@admin.register(Organisation)
class OrganisationAdmin(MergeMixin, RegistryAdmin):
    form = NamedForm
    merge_service = staticmethod(services.organisation_merge)
    list_display = ["name", "kind", "country"]
    list_filter = ["kind", "country"]
    search_fields = ["name"]
    prepopulated_fields = {"slug": ["name"]}
    fields = Organisation.EDITABLE_FIELDS
    inlines = [PersonAffiliationInline]
    actions = ["merge"]

    def get_search_results(self, request: HttpRequest, queryset: QuerySet, search_term: str) -> tuple[QuerySet, bool]:
        if not search_term.strip():
            return queryset, False
        return selectors.matching(queryset, search_term), False

    def save_model(self, request: HttpRequest, obj: Organisation, form: Any, change: bool) -> None:
        services.organisation_save(organisation=obj, actor=request.user)


@admin.register(Source)
class SourceAdmin(AuditedAdmin):
    list_display = ["title", "publisher", "published_on", "language", "url"]
    list_filter = ["language"]
    search_fields = ["title", "publisher", "url"]
    fields = ["title", "url", "publisher", "published_on", "language", "text", "text_hash", "captured_at"]
    readonly_fields = ["text_hash", "captured_at"]

    def save_model(self, request: HttpRequest, obj: Source, form: Any, change: bool) -> None:
        services.source_save(source=obj, actor=request.user)

    def get_urls(self) -> list[URLPattern]:
        return [
            path(
                "<int:pk>/text/",
                self.admin_site.admin_view(self.text_view),
                name="registry_source_text",
            ),
            *super().get_urls(),
        ]

    def text_view(self, request: HttpRequest, pk: int) -> HttpResponse:
        """The captured text alone, as plain text, to read a quote in its context."""
        if not self.has_view_permission(request):
            raise PermissionDenied
        source = get_object_or_404(Source, pk=pk)
        return HttpResponse(source.text, content_type="text/plain; charset=utf-8")
