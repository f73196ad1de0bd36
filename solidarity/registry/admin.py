from typing import Any

from django.contrib import admin
from django.http import HttpRequest

from solidarity.registry.models import Case, Organisation, Person
from solidarity.registry.services import case_save, organisation_save, person_save


@admin.register(Organisation)
class OrganisationAdmin(admin.ModelAdmin):
    list_display = ["name", "kind", "country"]
    list_filter = ["kind"]
    search_fields = ["name", "aliases"]
    prepopulated_fields = {"slug": ["name"]}

    def save_model(self, request: HttpRequest, obj: Organisation, form: Any, change: bool) -> None:
        organisation_save(organisation=obj, actor=request.user)


@admin.register(Person)
class PersonAdmin(admin.ModelAdmin):
    list_display = ["name", "current_status", "is_public"]
    search_fields = ["name", "native_name", "search_text"]
    prepopulated_fields = {"slug": ["name"]}

    def save_model(self, request: HttpRequest, obj: Person, form: Any, change: bool) -> None:
        person_save(person=obj, actor=request.user)


@admin.register(Case)
class CaseAdmin(admin.ModelAdmin):
    list_display = ["name", "country"]
    search_fields = ["name", "search_text"]
    prepopulated_fields = {"slug": ["name"]}

    def save_model(self, request: HttpRequest, obj: Case, form: Any, change: bool) -> None:
        case_save(case=obj, actor=request.user)
