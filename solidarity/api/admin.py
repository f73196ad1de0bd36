"""API keys in the admin: organisers create and revoke them (the admin itself requires a second factor).

Both go through ``solidarity.api.services``, so each leaves an audit entry. The full key is shown once, on the
page that answers its creation (never stored, never put in a message cookie, marked not to be cached); later
pages show only its prefix. Only an organiser who may edit the registry sees the box that lets a key edit it.
"""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import admin, messages
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from django.views.decorators.cache import add_never_cache_headers

from solidarity.api import services
from solidarity.api.models import ApiKey

DETAIL_FIELDS = [
    "name",
    "campaign",
    "registry_write",
    "prefix",
    "state",
    "created_by",
    "created_at",
    "last_used_on",
    "revoked_at",
]


class ApiKeyForm(forms.ModelForm):
    class Meta:
        model = ApiKey
        fields = ["name", "campaign", "registry_write"]


@admin.register(ApiKey)
class ApiKeyAdmin(admin.ModelAdmin):
    form = ApiKeyForm
    list_display = ["name", "prefix", "campaign", "registry_write", "state", "created_by", "created_at", "last_used_on"]
    list_filter = ["campaign", "registry_write"]
    search_fields = ["name", "prefix"]
    list_select_related = ["campaign", "created_by"]
    actions = ["revoke"]
    change_form_template = "admin/api/apikey/change_form.html"

    def get_fields(self, request: HttpRequest, obj: ApiKey | None = None) -> list[str]:
        if obj:
            return DETAIL_FIELDS
        if services.may(request.user, services.REGISTRY_PERMISSION):
            return ["name", "campaign", "registry_write"]
        return ["name", "campaign"]  # the form then ignores a registry_write someone posts anyway

    def get_readonly_fields(self, request: HttpRequest, obj: ApiKey | None = None) -> list[str]:
        return DETAIL_FIELDS if obj else []  # a key is never edited, only revoked

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False  # revoke instead: the audit trail and the reports sent keep pointing at the key

    @admin.display(description=_("state"))
    def state(self, obj: ApiKey) -> str:
        return str(_("active") if obj.is_active else _("revoked"))

    def save_model(self, request: HttpRequest, obj: ApiKey, form: Any, change: bool) -> None:
        if change:
            return  # nothing on a key is editable
        key, raw_key = services.api_key_create(
            name=form.cleaned_data["name"],
            campaign=form.cleaned_data["campaign"],
            registry_write=bool(form.cleaned_data.get("registry_write")),
            actor=request.user,
        )
        for field in ApiKey._meta.concrete_fields:
            setattr(obj, field.attname, getattr(key, field.attname))
        obj._state.adding = False
        obj.raw_key = raw_key  # type: ignore[attr-defined]  # for response_add only; never saved

    def response_add(self, request: HttpRequest, obj: ApiKey, post_url_continue: str | None = None) -> HttpResponse:
        """The one page that shows the whole key."""
        context = {
            **self.admin_site.each_context(request),
            "opts": self.opts,
            "title": _("API key created"),
            "key": obj,
            "raw_key": getattr(obj, "raw_key", ""),
            "changelist": reverse("admin:api_apikey_changelist"),
        }
        response = TemplateResponse(request, "admin/api/apikey/created.html", context)
        add_never_cache_headers(response)
        return response

    def response_change(self, request: HttpRequest, obj: ApiKey) -> HttpResponse:
        if "_revoke" in request.POST:
            services.api_key_revoke(key=obj, actor=request.user)
            self.message_user(request, _("The key “%(key)s” is revoked.") % {"key": obj})
            return HttpResponseRedirect(reverse("admin:api_apikey_changelist"))
        return super().response_change(request, obj)

    @admin.action(description=_("Revoke selected keys"), permissions=["change"])
    def revoke(self, request: HttpRequest, queryset: QuerySet[ApiKey]) -> None:
        keys = list(queryset.filter(revoked_at__isnull=True))
        for key in keys:
            services.api_key_revoke(key=key, actor=request.user)
        message = ngettext("%(n)d key revoked.", "%(n)d keys revoked.", len(keys)) % {"n": len(keys)}
        self.message_user(request, message, messages.SUCCESS)
