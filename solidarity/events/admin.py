"""Events in the admin: every save, link and translation goes through events/services.py, so each is audited and
the campaign page that lists the event is refreshed. Organisers set an event back to draft rather than delete it;
only a superuser may delete."""

from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.db.models import QuerySet
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _

from solidarity.events import services
from solidarity.events.forms import EventForm, TranslationForm
from solidarity.events.models import Event, EventTranslation
from solidarity.lib.translation_admin import TranslationFormSet, TranslationStateAdmin


class TranslationInline(admin.StackedInline):
    model = EventTranslation
    form = TranslationForm
    formset = TranslationFormSet
    extra = 0


@admin.register(Event)
class EventAdmin(TranslationStateAdmin):
    form = EventForm
    translation_model = EventTranslation
    list_display = ["title", "kind", "local_start", "where", "recurrence", "status", "translation_state"]
    list_filter = ["status", "kind", "recurrence", "country"]
    search_fields = ["title", "slug", "city"]
    date_hierarchy = "starts_at"
    prepopulated_fields = {"slug": ["title"]}
    autocomplete_fields = ["organisers", "people", "cases", "campaign", "source"]
    readonly_fields = ["translation_state"]
    inlines = [TranslationInline]
    fieldsets = [
        (None, {"fields": ["title", "slug", "kind", "status", "language", "description"]}),
        (_("When"), {"fields": ["starts_at", "ends_at", "timezone", "all_day", "recurrence", "recurrence_until"]}),
        (_("Where"), {"fields": ["place", "address", "online_url"]}),
        (_("Who and what for"), {"fields": ["organisers", "campaign", "people", "cases", "source"]}),
        (_("Translations"), {"fields": ["translation_state"]}),
    ]

    def get_queryset(self, request: HttpRequest) -> QuerySet[Event]:
        return super().get_queryset(request).prefetch_related("translations")

    @admin.display(description=_("starts (local time)"), ordering="starts_at")
    def local_start(self, obj: Event) -> str:
        local = obj.starts_at.astimezone(obj.zone)
        return local.strftime("%Y-%m-%d") if obj.all_day else f"{local:%Y-%m-%d %H:%M} {obj.timezone}"

    @admin.display(description=_("where"))
    def where(self, obj: Event) -> str:
        return ", ".join(part for part in (obj.city, obj.country, obj.online_url and _("online")) if part)

    def save_model(self, request: HttpRequest, obj: Event, form: Any, change: bool) -> None:
        services.event_save(event=obj, actor=request.user, before=services.event_state(obj) if change else None)

    def save_related(self, request: HttpRequest, form: Any, formsets: Any, change: bool) -> None:
        # organisers, people and cases go through the service (audited) instead of form.save_m2m()
        services.event_set_links(
            event=form.instance,
            organisers=form.cleaned_data.get("organisers", []),
            people=form.cleaned_data.get("people", []),
            cases=form.cleaned_data.get("cases", []),
            actor=request.user,
        )
        for formset in formsets:
            self.save_formset(request, form, formset, change=change)

    def save_formset(self, request: HttpRequest, form: Any, formset: Any, change: bool) -> None:
        for translation in formset.save(commit=False):
            services.translation_save(translation=translation, actor=request.user)
        for gone in formset.deleted_objects:
            services.translation_delete(translation=gone, actor=request.user)

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return request.user.is_superuser

    def delete_model(self, request: HttpRequest, obj: Event) -> None:
        services.event_delete(event=obj, actor=request.user)

    def delete_queryset(self, request: HttpRequest, queryset: QuerySet[Event]) -> None:
        for event in queryset:
            services.event_delete(event=event, actor=request.user)
