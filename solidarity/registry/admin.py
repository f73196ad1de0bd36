from typing import Any

from django.contrib import admin
from django.http import HttpRequest

from solidarity.registry.models import Organisation
from solidarity.registry.services import organisation_save


@admin.register(Organisation)
class OrganisationAdmin(admin.ModelAdmin):
    list_display = ["name", "kind", "country"]
    list_filter = ["kind"]
    search_fields = ["name", "aliases"]
    prepopulated_fields = {"slug": ["name"]}

    def save_model(self, request: HttpRequest, obj: Organisation, form: Any, change: bool) -> None:
        organisation_save(organisation=obj, actor=request.user)
