from typing import Any

from django.contrib import admin
from django.db.models import QuerySet
from django.http import HttpRequest

from solidarity.campaigns.forms import CampaignForm, TranslationForm
from solidarity.campaigns.models import Campaign, CampaignTranslation
from solidarity.campaigns.services import (
    campaign_save,
    campaign_set_subjects,
    campaign_state,
    translation_delete,
    translation_save,
)
from solidarity.lib.translation_admin import TranslationFormSet, TranslationStateAdmin


class TranslationInline(admin.StackedInline):
    model = CampaignTranslation
    form = TranslationForm
    formset = TranslationFormSet
    extra = 0


@admin.register(Campaign)
class CampaignAdmin(TranslationStateAdmin):
    form = CampaignForm
    translation_model = CampaignTranslation
    list_display = ["title", "organiser", "starts_on", "ends_on", "status", "translation_state"]
    readonly_fields = ["translation_state"]
    list_filter = ["status"]
    search_fields = ["title", "slug"]
    prepopulated_fields = {"slug": ["title"]}
    inlines = [TranslationInline]
    autocomplete_fields = ["people", "cases"]

    def get_queryset(self, request: HttpRequest) -> QuerySet[Campaign]:
        return super().get_queryset(request).select_related("organiser").prefetch_related("translations")

    def save_model(self, request: HttpRequest, obj: Campaign, form: Any, change: bool) -> None:
        campaign_save(campaign=obj, actor=request.user, before=campaign_state(obj) if change else None)

    def save_related(self, request: HttpRequest, form: Any, formsets: Any, change: bool) -> None:
        # the people and cases go through the service (audited, pages refreshed) instead of form.save_m2m()
        campaign_set_subjects(
            campaign=form.instance,
            people=form.cleaned_data.get("people", []),
            cases=form.cleaned_data.get("cases", []),
            actor=request.user,
        )
        for formset in formsets:
            self.save_formset(request, form, formset, change=change)

    def save_formset(self, request: HttpRequest, form: Any, formset: Any, change: bool) -> None:
        for translation in formset.save(commit=False):
            translation_save(translation=translation, actor=request.user)
        for gone in formset.deleted_objects:
            translation_delete(translation=gone, actor=request.user)
