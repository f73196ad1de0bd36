"""Moderating e-mail in the admin: the guesses highlighted in the words they came from, editable, then a report.

Every change goes through :mod:`solidarity.intake.moderation` (and from there the reports services), so it is
audited and the tally follows. The sender and the raw message are shown here and nowhere else.
"""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.urls import reverse
from django.utils.html import escape, format_html, format_html_join
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext_lazy as _

from solidarity.intake import moderation
from solidarity.intake.models import Mailbox, Message
from solidarity.places.countries import country_name
from solidarity.places.geocode import City, resolve
from solidarity.reports import services as reports

LABELS = {
    "city": _("city"),
    "held_on": _("date held"),
    "action_type": _("action"),
    "participants": _("participants"),
}
RAW_SHOWN = 20_000


def highlighted(guesses: dict[str, Any]) -> SafeString:
    """The document with each guess's words marked; overlapping spans keep the first."""
    document = guesses.get("document", "")
    spans = sorted(
        (tuple(guesses[key]["span"]), key)
        for key in LABELS
        if isinstance(guesses.get(key), dict) and "span" in guesses[key]
    )
    parts, cursor = [], 0
    for (start, end), key in spans:
        if start < cursor or end > len(document):
            continue
        guess = guesses[key]
        title = f"{LABELS[key]}: {guess['value']} ({round(guess['confidence'] * 100)}%)"
        parts.append(escape(document[cursor:start]))
        parts.append(format_html('<mark class="guess-{}" title="{}">{}</mark>', key, title, document[start:end]))
        cursor = end
    parts.append(escape(document[cursor:]))
    return mark_safe("".join(str(p) for p in parts))  # noqa: S308 - every piece above is escaped


class MessageForm(forms.ModelForm):
    place = forms.CharField(
        label=_("City"),
        max_length=200,
        required=False,
        help_text=_("Type a city to correct the guess; it is looked up in the gazetteer."),
    )
    reason = forms.ChoiceField(label=_("Why not a report"), choices=Message.Reason.choices, required=False)
    answer = forms.CharField(label=_("Answer to the sender"), widget=forms.Textarea(attrs={"rows": 4}), required=False)

    class Meta:
        model = Message
        fields = list(moderation.EDITABLE)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.city: City | None = None
        if self.instance.pk and self.instance.city:
            self.fields["place"].initial = f"{self.instance.city}, {country_name(self.instance.country)}"
        self.fields["reason"].initial = self.instance.reason

    def clean_place(self) -> str:
        text = self.cleaned_data["place"]
        if "place" in self.changed_data and text:
            self.city = resolve(text)
            if self.city is None:
                raise ValidationError(_("No city of that name in the gazetteer."))
        return text


@admin.register(Message)
class MessageAdmin(admin.ModelAdmin):
    form = MessageForm
    change_form_template = "admin/intake/message/change_form.html"
    list_display = ["number", "received_at", "campaign", "verdict", "reason", "language", "city", "country_display",
                    "held_on", "action_type", "participants", "photos", "report_link"]  # fmt: skip
    list_filter = ["campaign", "verdict", "reason", "language", "source"]
    search_fields = ["city", "text", "subject"]
    list_select_related = ["campaign", "report"]
    readonly_fields = ["guesses_panel", "verdict", "reason_shown", "report_link", "duplicate_of", "campaign",
                       "source", "received_at", "sent_at", "photos", "problems_list", "sender_name",
                       "sender_address", "answered_at", "raw_panel", "raw_purged_at"]  # fmt: skip
    fieldsets = [
        (_("What arrived and what was read from it"), {"fields": ["guesses_panel", "problems_list"]}),
        (_("Guesses (editable)"), {"fields": ["place", *moderation.EDITABLE]}),
        (_("Triage"), {"fields": ["verdict", "reason_shown", "report_link", "duplicate_of", "reason"]}),
        (_("Answer"), {"fields": ["answer", "answered_at"]}),
        (_("Private — never published"), {"fields": ["sender_name", "sender_address", "raw_panel", "raw_purged_at"]}),
        (_("State"), {"fields": ["campaign", "source", "received_at", "sent_at", "photos"]}),
    ]

    class Media:
        css = {"all": ["intake/admin.css"]}

    def get_queryset(self, request: HttpRequest) -> Any:
        return super().get_queryset(request).defer("raw")

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    @admin.display(description=_("no."), ordering="pk")
    def number(self, obj: Message) -> str:
        return f"#{obj.pk}"

    @admin.display(description=_("country"), ordering="country")
    def country_display(self, obj: Message) -> str:
        return country_name(obj.country) if obj.country else "—"

    @admin.display(description=_("why not a report"))
    def reason_shown(self, obj: Message) -> str:
        return obj.get_reason_display()

    @admin.display(description=_("draft report"))
    def report_link(self, obj: Message) -> str:
        if not obj.report_id:
            return "—"
        url = reverse("admin:reports_report_change", args=[obj.report_id])
        return format_html('<a href="{}">#{} ({})</a>', url, obj.report_id, obj.report.get_status_display())

    @admin.display(description=_("the message, with what was read from it"))
    def guesses_panel(self, obj: Message) -> str:
        guesses = obj.guesses or {}
        rows = format_html_join(
            "",
            '<li><mark class="guess-{}">{}</mark>: {} — {}%</li>',
            (
                (key, label, guesses[key]["value"], round(guesses[key]["confidence"] * 100))
                for key, label in LABELS.items()
                if isinstance(guesses.get(key), dict)
            ),
        )
        language = (guesses.get("language") or {}).get("value", "")
        return format_html(
            '<ul class="intake-legend">{}<li>{}: {}</li></ul><div class="intake-document">{}</div>',
            rows, _("language"), language, highlighted(guesses),
        )  # fmt: skip

    @admin.display(description=_("problems"))
    def problems_list(self, obj: Message) -> str:
        return format_html_join("", "<p>{}</p>", ((p,) for p in obj.problems)) or "—"

    @admin.display(description=_("raw message"))
    def raw_panel(self, obj: Message) -> str:
        raw = bytes(Message.objects.filter(pk=obj.pk).values_list("raw", flat=True).first() or b"")
        if not raw:
            return "—"
        return format_html('<pre class="intake-raw">{}</pre>', raw[:RAW_SHOWN].decode("utf-8", "replace"))

    def save_model(self, request: HttpRequest, obj: Message, form: MessageForm, change: bool) -> None:
        changes = {name: form.cleaned_data[name] for name in form.changed_data if name in moderation.EDITABLE}
        self._message = moderation.message_update(message=obj, changes=changes, actor=request.user, city=form.city)
        self._form = form

    def response_change(self, request: HttpRequest, obj: Message) -> HttpResponse:
        obj.refresh_from_db()
        form = getattr(self, "_form", None)
        try:
            if "_publish" in request.POST and obj.report_id:
                reports.report_publish(report=obj.report, actor=request.user)
                self.message_user(request, _("Report published."))
            elif "_make_report" in request.POST:
                report = moderation.message_make_report(message=obj, actor=request.user)
                self.message_user(request, _("Draft report #%(n)d made.") % {"n": report.pk})
            elif "_set_aside" in request.POST:
                reason = (form.cleaned_data.get("reason") if form else "") or Message.Reason.OTHER
                moderation.message_set_aside(message=obj, reason=reason, actor=request.user)
                self.message_user(request, _("Set aside as not a report."))
            elif "_answer" in request.POST:
                moderation.message_answer(message=obj, text=(form.cleaned_data.get("answer") if form else ""),
                                          actor=request.user)  # fmt: skip
                self.message_user(request, _("Answer sent."))
            else:
                return super().response_change(request, obj)
        except ValidationError as exc:
            self.message_user(request, " ".join(exc.messages), messages.ERROR)
        return HttpResponseRedirect(request.path)


@admin.register(Mailbox)
class MailboxAdmin(admin.ModelAdmin):
    list_display = ["campaign", "host", "port", "security", "enabled", "last_uid", "last_fetch_at", "last_error"]
    readonly_fields = ["uidvalidity", "last_uid", "last_fetch_at", "last_error"]
    fieldsets = [
        (None, {"fields": ["campaign", "enabled"]}),
        (_("Server"), {"fields": ["host", "port", "security", "username", "password_file", "password_env", "folder"]}),
        (_("Acknowledgements"), {"fields": ["auto_reply", "auto_reply_text", "reply_from"]}),
        (_("Position"), {"fields": ["uidvalidity", "last_uid", "last_fetch_at", "last_error"]}),
    ]
