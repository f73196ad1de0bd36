"""Moderation of solidarity messages in the admin, and printing the approved ones.

Every decision goes through ``services.letter_review``, so it is audited and the public count follows. Staff
never add or delete messages: they arrive from supporters, and a refused one is rejected, not lost. Printing
(for those with ``registry.print_letters``) only renders and records the download; marking the messages
delivered is a separate action, taken once they have actually gone out.
"""

from __future__ import annotations

from typing import Any

from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Count, Q, QuerySet
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.urls import URLPattern, path, reverse
from django.utils.text import Truncator
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from solidarity.places.countries import country_name
from solidarity.registry import letters_pdf, services
from solidarity.registry.models import Letter, Person

PRINT_PERMISSION = "registry.print_letters"
# the change form's buttons and the status each one gives
DECISIONS = {
    "_approve": Letter.Status.APPROVED,
    "_reject": Letter.Status.REJECTED,
    "_deliver": Letter.Status.DELIVERED,
    "_reopen": Letter.Status.RECEIVED,
}


def pdf_response(person: Person, content: bytes) -> HttpResponse:
    response = HttpResponse(content, content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="messages-{person.slug}.pdf"'
    response["Cache-Control"] = "private, no-store"
    return response


class LetterAdmin(admin.ModelAdmin):
    list_display = ["number", "created_at", "person", "status", "excerpt", "language", "country_display"]
    list_filter = ["status", ("person", admin.RelatedOnlyFieldListFilter), "language"]
    list_select_related = ["person"]
    search_fields = ["text", "person__name", "sender_name"]
    date_hierarchy = "created_at"
    actions = ["approve", "reject", "mark_delivered", "reopen", "print_selected"]
    fields = [
        "person",
        "status",
        "text",
        "language",
        "sender_name",
        "country_display",
        "sender_contact",
        "moderator_note",
        "created_at",
        "reviewed_at",
    ]
    readonly_fields = [f for f in fields if f != "moderator_note"]
    change_form_template = "admin/registry/letter/change_form.html"
    change_list_template = "admin/registry/letter/change_list.html"

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False  # messages come from supporters, never typed in by staff

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False  # reject instead: the trail of what arrived stays whole

    def has_print_permission(self, request: HttpRequest) -> bool:
        return request.user.has_perm(PRINT_PERMISSION)

    def get_queryset(self, request: HttpRequest) -> QuerySet[Letter]:
        return super().get_queryset(request).select_related("person")

    def get_urls(self) -> list[URLPattern]:
        """The per-person printout, inside the admin's login and second factor."""
        view = self.admin_site.admin_view(self.print_person_view)
        return [path("print/<int:person_id>/", view, name="registry_letter_print"), *super().get_urls()]

    # --- columns ---------------------------------------------------------------------------------------

    @admin.display(description=_("no."), ordering="pk")
    def number(self, obj: Letter) -> str:
        return f"#{obj.pk}"

    @admin.display(description=_("message"))
    def excerpt(self, obj: Letter) -> str:
        return Truncator(obj.text).chars(90)

    @admin.display(description=_("sender's country"), ordering="sender_country")
    def country_display(self, obj: Letter) -> str:
        return country_name(obj.sender_country) if obj.sender_country else "—"

    # --- one message -------------------------------------------------------------------------------------

    def save_model(self, request: HttpRequest, obj: Letter, form: Any, change: bool) -> None:
        """A decision button, or a changed note, goes through the service; nothing else here is editable."""
        status = next((DECISIONS[name] for name in DECISIONS if name in request.POST), None)
        if status is None and "moderator_note" not in form.changed_data:
            return
        previous = Letter.objects.only("status").get(pk=obj.pk).status
        services.letter_review(
            letter=obj, status=status or previous, actor=request.user, note=form.cleaned_data["moderator_note"]
        )

    def response_change(self, request: HttpRequest, obj: Letter) -> HttpResponse:
        status = next((DECISIONS[name] for name in DECISIONS if name in request.POST), None)
        if status is None:
            return super().response_change(request, obj)
        self.message_user(
            request, _("Message %(number)s: %(status)s.") % {"number": f"#{obj.pk}", "status": obj.get_status_display()}
        )
        queue = reverse("admin:registry_letter_changelist")
        return HttpResponseRedirect(f"{queue}?status__exact={Letter.Status.RECEIVED}")

    # --- bulk decisions ----------------------------------------------------------------------------------

    def _review(self, request: HttpRequest, queryset: QuerySet[Letter], status: str) -> int:
        """Apply one decision to each message on its own, so one refusal does not undo the others."""
        done = 0
        for letter in queryset:
            try:
                services.letter_review(letter=letter, status=status, actor=request.user)
                done += 1
            except ValidationError as exc:
                self.message_user(request, f"#{letter.pk}: {' '.join(exc.messages)}", messages.ERROR)
        return done

    @admin.action(description=_("Approve selected messages"), permissions=["change"])
    def approve(self, request: HttpRequest, queryset: QuerySet[Letter]) -> None:
        n = self._review(request, queryset, Letter.Status.APPROVED)
        self.message_user(request, ngettext("%(n)d message approved.", "%(n)d messages approved.", n) % {"n": n})

    @admin.action(description=_("Reject selected messages"), permissions=["change"])
    def reject(self, request: HttpRequest, queryset: QuerySet[Letter]) -> None:
        n = self._review(request, queryset, Letter.Status.REJECTED)
        self.message_user(request, ngettext("%(n)d message rejected.", "%(n)d messages rejected.", n) % {"n": n})

    @admin.action(description=_("Mark selected messages delivered"), permissions=["change"])
    def mark_delivered(self, request: HttpRequest, queryset: QuerySet[Letter]) -> None:
        skipped = queryset.exclude(status__in=Letter.PUBLIC_STATUSES).count()
        n = self._review(request, queryset.filter(status__in=Letter.PUBLIC_STATUSES), Letter.Status.DELIVERED)
        self.message_user(
            request, ngettext("%(n)d message marked delivered.", "%(n)d messages marked delivered.", n) % {"n": n}
        )
        if skipped:
            self.message_user(
                request,
                ngettext(
                    "%(n)d message was not approved and was left as it was.",
                    "%(n)d messages were not approved and were left as they were.",
                    skipped,
                )
                % {"n": skipped},
                messages.WARNING,
            )

    @admin.action(description=_("Send back to the review queue"), permissions=["change"])
    def reopen(self, request: HttpRequest, queryset: QuerySet[Letter]) -> None:
        n = self._review(request, queryset, Letter.Status.RECEIVED)
        message = ngettext("%(n)d message sent back for review.", "%(n)d messages sent back for review.", n)
        self.message_user(request, message % {"n": n})

    # --- printing ----------------------------------------------------------------------------------------

    @admin.action(description=_("Download selected approved messages as a PDF"), permissions=["print"])
    def print_selected(self, request: HttpRequest, queryset: QuerySet[Letter]) -> HttpResponse | None:
        """The approved messages among those selected, if they are all to one person (one PDF, one envelope)."""
        letters = list(queryset.filter(status=Letter.Status.APPROVED).order_by("created_at", "pk"))
        people = {letter.person_id for letter in letters}
        if not letters:
            self.message_user(request, _("None of the selected messages is approved."), messages.WARNING)
            return None
        if len(people) > 1:
            self.message_user(
                request, _("Select messages to one person at a time: each PDF goes in one envelope."), messages.WARNING
            )
            return None
        person = letters[0].person
        content, _printed = letters_pdf.printout(person, actor=request.user, letters=letters)
        return pdf_response(person, content)

    def print_person_view(self, request: HttpRequest, person_id: int) -> HttpResponse:
        """Every approved, undelivered message to one person as a PDF. A download, never a change."""
        if not self.has_print_permission(request):
            raise PermissionDenied
        person = get_object_or_404(Person, pk=person_id)
        if not letters_pdf.letters_to_print(person).exists():
            self.message_user(
                request,
                _("No approved messages to %(name)s are waiting to be printed.") % {"name": person.name},
                messages.WARNING,
            )
            return HttpResponseRedirect(reverse("admin:registry_letter_changelist"))
        content, _printed = letters_pdf.printout(person, actor=request.user)
        return pdf_response(person, content)

    def changelist_view(self, request: HttpRequest, extra_context: dict[str, Any] | None = None) -> TemplateResponse:
        """Above the list, for those who may print: who has approved messages waiting, with their PDF."""
        context = dict(extra_context or {})
        if self.has_print_permission(request):
            waiting = Count("letters", filter=Q(letters__status=Letter.Status.APPROVED))
            context["print_queue"] = [
                {
                    "person": person,
                    "count": person.waiting,
                    "pdf": reverse("admin:registry_letter_print", args=[person.pk]),
                    "list": f"{reverse('admin:registry_letter_changelist')}?person__id__exact={person.pk}"
                    f"&status__exact={Letter.Status.APPROVED}",
                }
                for person in Person.objects.annotate(waiting=waiting).filter(waiting__gt=0).order_by("name")
            ]
        return super().changelist_view(request, extra_context=context)


admin.site.register(Letter, LetterAdmin)
