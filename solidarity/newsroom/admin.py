"""The review queue in the admin: each imported article with its proposals, and each proposal with its evidence
highlighted in the article's text, a form to correct it, the people it may already be, and Accept / Reject.

Decisions go through ``services.py`` (which writes the registry through its own services, with source and
quote); nothing here saves a registry record itself. A decided proposal is kept, read-only, as the record of
who accepted what from which article.
"""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import ValidationError
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.urls import reverse
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from solidarity.lib.fields import LinesField
from solidarity.newsroom import services
from solidarity.newsroom.models import Article, Proposal
from solidarity.registry.models import Organisation, Person, StatusKind

CONTEXT_CHARS = 700
PERSON_FIELDS = ["name", "status", "case", "charge", "sentence", "organisation", "since"]
CALL_FIELDS = [
    "title",
    "organiser",
    "start",
    "end",
    "slogans",
    "demands",
    "suggested_actions",
    "report_to",
    "languages",
]
LIST_FIELDS = {"slogans", "demands", "suggested_actions", "languages"}


def form_names(keys: list[str]) -> list[str]:
    """Form fields carry an ``f_`` prefix so that none shadows a field of the proposal itself (its status)."""
    return [f"f_{key}" for key in keys]


class ProposalForm(forms.ModelForm):
    """The proposed record as plain fields (never JSON), plus the choice of an existing person."""

    f_name = forms.CharField(label=_("name"), required=False)
    f_status = forms.ChoiceField(label=_("what happened"), choices=[("", "—"), *StatusKind.choices], required=False)
    f_case = forms.CharField(label=_("case"), required=False)
    f_charge = forms.CharField(label=_("charge (as worded)"), required=False)
    f_sentence = forms.CharField(label=_("sentence"), required=False)
    f_organisation = forms.CharField(label=_("organisation"), required=False)
    f_since = forms.CharField(label=_("date (YYYY, YYYY-MM or YYYY-MM-DD)"), required=False)
    f_kind_of = forms.ChoiceField(label=_("kind of organisation"), choices=Organisation.Kind.choices, required=False)
    f_title = forms.CharField(label=_("title"), required=False)
    f_organiser = forms.CharField(label=_("organiser"), required=False)
    f_start = forms.CharField(label=_("first day (YYYY-MM-DD)"), required=False)
    f_end = forms.CharField(label=_("last day (YYYY-MM-DD)"), required=False)
    f_slogans = LinesField(label=_("slogans"), required=False)
    f_demands = LinesField(label=_("demands"), required=False)
    f_suggested_actions = LinesField(label=_("suggested actions"), required=False)
    f_report_to = forms.CharField(label=_("address for reports"), required=False)
    f_languages = LinesField(label=_("languages (codes)"), required=False)
    merge_with = forms.ModelChoiceField(
        label=_("this is the registry's"), queryset=Person.objects.none(), required=False
    )
    new_person = forms.BooleanField(label=_("this is someone new, not any of those"), required=False)

    class Meta:
        model = Proposal
        fields: list[str] = []

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        proposal = self.instance
        if proposal.pk:
            for key, value in proposal.data.items():
                field = "f_kind_of" if key == "kind" else f"f_{key}"
                if field in self.fields:
                    self.initial[field] = value
            self.fields["merge_with"].queryset = proposal.candidates.all()

    def record(self) -> dict[str, Any]:
        """The corrected record in the shape the extractor proposed it."""
        kind = self.instance.kind
        keys = (
            PERSON_FIELDS if kind == Proposal.Kind.PERSON else CALL_FIELDS if kind == Proposal.Kind.CALL else ["name"]
        )
        record = {key: self.cleaned_data.get(f"f_{key}") or ([] if key in LIST_FIELDS else None) for key in keys}
        if kind == Proposal.Kind.ORGANISATION:
            record["kind"] = self.cleaned_data.get("f_kind_of") or "other"
        return record

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean()
        if self.data.get("_accept") is not None:
            try:
                services.check_accept(
                    self.instance, self.record(), cleaned.get("merge_with"), bool(cleaned.get("new_person"))
                )
            except ValidationError as exc:
                raise forms.ValidationError(exc.messages) from exc
        return cleaned


@admin.register(Proposal)
class ProposalAdmin(admin.ModelAdmin):
    form = ProposalForm
    list_display = ["__str__", "kind", "status", "match", "article"]
    list_filter = ["status", "kind", "match"]
    list_select_related = ["article__source"]
    search_fields = ["evidence", "data"]
    readonly_fields = ["article_link", "kind", "status", "match_note", "evidence_in_text", "as_read"]

    def get_fields(self, request: HttpRequest, obj: Proposal | None = None) -> list[str]:
        head = ["article_link", "kind", "status", "evidence_in_text"]
        if obj is None or obj.status != Proposal.Status.PENDING:
            return [*head, "as_read"]
        if obj.kind == Proposal.Kind.PERSON:
            return [*head, *form_names(PERSON_FIELDS), "match_note", "merge_with", "new_person", "as_read"]
        if obj.kind == Proposal.Kind.CALL:
            return [*head, *form_names(CALL_FIELDS), "as_read"]
        extra = ["f_kind_of"] if obj.kind == Proposal.Kind.ORGANISATION else []
        return [*head, "f_name", *extra, "as_read"]

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False  # a decision is a record of who accepted what

    @admin.display(description=pgettext_lazy("newspaper", "article"))
    def article_link(self, obj: Proposal) -> str:
        url = reverse("admin:newsroom_article_change", args=[obj.article_id])
        return format_html('<a href="{}">{}</a>', url, obj.article)

    @admin.display(description=_("evidence in the article"))
    def evidence_in_text(self, obj: Proposal) -> str:
        return highlighted(obj.article.source.text, obj.evidence_start, obj.evidence_end, obj.evidence)

    @admin.display(description=_("in the registry"))
    def match_note(self, obj: Proposal) -> str:
        if obj.match == Proposal.Match.NONE:
            return _("No one of this name yet: accepting adds a new person.")
        people = format_html_join(
            ", ",
            '<a href="{}">{}</a>',
            ((reverse("admin:registry_person_change", args=[p.pk]), p) for p in obj.candidates.all()),  # fmt: skip
        )
        if obj.match == Proposal.Match.SURE:
            return format_html("{} {}", _("The same name as"), people)
        return format_html("{} {}. {}", _("Similar names:"), people, _("Choose one below, or confirm someone new."))

    @admin.display(description=_("as read from the article"))
    def as_read(self, obj: Proposal) -> str:
        rows = ((key, ", ".join(v) if isinstance(v, list) else v) for key, v in obj.proposed.items() if v)
        return format_html("<dl>{}</dl>", format_html_join("", "<dt>{}</dt><dd>{}</dd>", rows))

    def save_model(self, request: HttpRequest, obj: Proposal, form: Any, change: bool) -> None:
        """Accept (as corrected in the form) or reject through the service; nothing else is saved."""
        try:
            if "_reject" in request.POST:
                services.proposal_reject(proposal=obj, actor=request.user)
            elif "_accept" in request.POST:
                services.proposal_accept(
                    proposal=obj,
                    actor=request.user,
                    data=form.record(),
                    person=form.cleaned_data.get("merge_with"),
                    new_person=bool(form.cleaned_data.get("new_person")),
                )
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))

    def response_change(self, request: HttpRequest, obj: Proposal) -> HttpResponse:
        if "_accept" in request.POST or "_reject" in request.POST:
            obj.refresh_from_db()
            self.message_user(
                request, _("%(proposal)s: %(status)s.") % {"proposal": obj, "status": obj.get_status_display()}
            )
            return HttpResponseRedirect(reverse("admin:newsroom_article_change", args=[obj.article_id]))
        return super().response_change(request, obj)


def highlighted(text: str, start: int | None, end: int | None, evidence: str) -> str:
    """The article's text around the evidence, the evidence marked; the whole text is one click away."""
    if start is None or end is None:
        return format_html("<blockquote>{}</blockquote>", evidence or "—")
    before_from = max(0, start - CONTEXT_CHARS)
    after_to = min(len(text), end + CONTEXT_CHARS)
    return format_html(
        '<div class="newsroom-text" style="white-space: pre-wrap; max-width: 60em">{}{}<mark>{}</mark>{}{}</div>',
        "… " if before_from else "",
        text[before_from:start],
        text[start:end],
        text[end:after_to],
        " …" if after_to < len(text) else "",
    )


class ProposalInline(admin.TabularInline):
    model = Proposal
    fields = ["link", "kind", "status", "match", "evidence"]
    readonly_fields = fields
    extra = 0
    can_delete = False
    show_change_link = False

    def has_add_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    @admin.display(description=_("proposal"))
    def link(self, obj: Proposal) -> str:
        return format_html('<a href="{}">{}</a>', reverse("admin:newsroom_proposal_change", args=[obj.pk]), obj)


@admin.register(Article)
class ArticleAdmin(admin.ModelAdmin):
    list_display = ["__str__", "language", "imported_at", "waiting"]
    readonly_fields = ["source", "language", "imported_at"]
    fields = readonly_fields
    inlines = [ProposalInline]

    def get_queryset(self, request: HttpRequest) -> QuerySet[Article]:
        return super().get_queryset(request).select_related("source")

    @admin.display(description=_("waiting for review"))
    def waiting(self, obj: Article) -> int:
        return obj.pending

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False  # articles come in through ``solidarity import-article``

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False
