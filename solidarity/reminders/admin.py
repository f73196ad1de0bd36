"""Reminder subscriptions in the admin: how many, for what, confirmed or not, with the addresses masked.

Organisers see the list to know how many people wait for a reminder and may delete a row (a supporter who asks
by other means to be removed). The address itself is shown, and searchable, only to those given
``reminders.view_address`` (no role has it by default): the site sends the reminders, so nobody needs to read
the addresses to run a campaign. Nobody adds or edits a row; every deletion is audited with a count only.
"""

from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.db.models import QuerySet
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _

from solidarity.reminders import services
from solidarity.reminders.mail import kind_labels
from solidarity.reminders.models import Subscription

ADDRESS_PERMISSION = "reminders.view_address"


def masked(email: str) -> str:
    """ "a…@e….org": enough to tell two rows apart, not enough to name anyone."""
    local, _at, domain = email.partition("@")
    host, _dot, tld = domain.rpartition(".")
    return f"{local[:1]}…@{host[:1]}….{tld}" if host else f"{local[:1]}…@…"


class ConfirmedFilter(admin.SimpleListFilter):
    title = _("confirmed")
    parameter_name = "confirmed"

    def lookups(self, request: HttpRequest, model_admin: Any) -> list[tuple[str, Any]]:
        return [("yes", _("confirmed")), ("no", _("waiting for confirmation"))]

    def queryset(self, request: HttpRequest, queryset: QuerySet) -> QuerySet:
        if self.value() in ("yes", "no"):
            return queryset.filter(confirmed_at__isnull=self.value() == "no")
        return queryset


@admin.register(Subscription)
class SubscriptionAdmin(admin.ModelAdmin):
    list_display = ["number", "campaign", "masked_address", "reminders", "language", "confirmed", "created_at"]
    list_filter = [("campaign", admin.RelatedOnlyFieldListFilter), ConfirmedFilter, "language"]
    list_select_related = ["campaign"]
    date_hierarchy = "created_at"
    actions = ["delete_selected"]

    def get_list_display(self, request: HttpRequest) -> list[str]:
        shown = list(super().get_list_display(request))
        if request.user.has_perm(ADDRESS_PERMISSION):
            shown[shown.index("masked_address")] = "email"
        return shown

    def lookup_allowed(self, lookup: str, value: str, request: HttpRequest | None = None) -> bool:
        # a filter in the URL (?email__startswith=dan) would answer "is this person subscribed?" by its row count
        private = lookup.split("__")[0] in ("email", "key", "site")
        if private and not (request is not None and request.user.has_perm(ADDRESS_PERMISSION)):
            return False
        return super().lookup_allowed(lookup, value, request)

    def get_search_fields(self, request: HttpRequest) -> list[str]:
        # searching by address answers "is this person subscribed?": only for those who may see addresses
        return ["=email"] if request.user.has_perm(ADDRESS_PERMISSION) else []

    def get_fields(self, request: HttpRequest, obj: Subscription | None = None) -> list[str]:
        address = "email" if request.user.has_perm(ADDRESS_PERMISSION) else "masked_address"
        return [
            "campaign",
            address,
            "reminders",
            "language",
            "created_at",
            "confirmation_sent_at",
            "confirmed_at",
            "start_sent_at",
            "results_sent_at",
        ]

    def get_readonly_fields(self, request: HttpRequest, obj: Subscription | None = None) -> list[str]:
        return self.get_fields(request, obj)

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Subscription | None = None) -> bool:
        return False

    @admin.display(description=_("number"), ordering="pk")
    def number(self, obj: Subscription) -> int:
        return obj.pk

    @admin.display(description=_("e-mail address"))
    def masked_address(self, obj: Subscription) -> str:
        return masked(obj.email)

    @admin.display(description=_("reminders"))
    def reminders(self, obj: Subscription) -> str:
        return "; ".join(kind_labels(obj.kinds))

    @admin.display(description=_("confirmed"), boolean=True, ordering="confirmed_at")
    def confirmed(self, obj: Subscription) -> bool:
        return obj.confirmed_at is not None

    def delete_model(self, request: HttpRequest, obj: Subscription) -> None:
        services.subscriptions_delete(subscriptions=[obj], actor=request.user)

    def delete_queryset(self, request: HttpRequest, queryset: QuerySet[Subscription]) -> None:
        services.subscriptions_delete(subscriptions=list(queryset), actor=request.user)
