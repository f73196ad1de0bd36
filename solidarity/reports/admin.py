"""Moderation in the admin: every change goes through the report services, so it is audited."""

from __future__ import annotations

import json
from typing import Any

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import ValidationError
from django.db.models import Count, QuerySet
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.urls import URLPattern, path, reverse
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from solidarity.campaigns.admin import CampaignAdmin
from solidarity.campaigns.models import Campaign
from solidarity.places.countries import country_name
from solidarity.places.geocode import City, resolve
from solidarity.reports import export_views, exports, services
from solidarity.reports.models import Photo, Report, ReviewQueue
from solidarity.reports.tally import tally

EDITABLE = ["held_on", "action_type", "participants", "public_text", "consent_name", "consent_photos", "moderator_note"]


class ReportAdminForm(forms.ModelForm):
    place = forms.CharField(
        label=_("City"),
        max_length=200,
        help_text=_("Type a city to move the report; it is looked up in the gazetteer."),
    )
    original = forms.IntegerField(
        label=_("Duplicate of report number"),
        required=False,
        min_value=1,
        help_text=_(
            "To fold this report into another one of the same action, give that report's number and "
            "press “Save as duplicate”."
        ),
    )

    class Meta:
        model = Report
        fields = EDITABLE

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.city: City | None = None
        if self.instance.pk:
            self.fields["place"].initial = f"{self.instance.city}, {country_name(self.instance.country)}"

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean()
        if "_duplicate" in self.data:
            number = cleaned.get("original")
            original = Report.objects.filter(pk=number, campaign_id=self.instance.campaign_id).first()
            if original is None:
                self.add_error("original", _("Give the number of a report of the same campaign."))
            self.original_report = original
        return cleaned

    def clean_place(self) -> str:
        text = self.cleaned_data["place"]
        if "place" in self.changed_data:
            self.city = resolve(text)
            if self.city is None:
                raise ValidationError(_("No city of that name in the gazetteer."))
        return text


class PhotoInline(admin.TabularInline):
    """The report's photos, to look at and describe for screen readers; the pictures themselves never change
    here, and the description is saved through the audited service (see ReportAdmin.save_formset)."""

    model = Photo
    fields = ["preview", "alt_text", "faces_blurred"]
    readonly_fields = ["preview", "faces_blurred"]
    extra = 0
    can_delete = False

    def has_add_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    @admin.display(description=_("photo"))
    def preview(self, obj: Photo) -> str:
        return format_html(
            '<a href="{}"><img src="{}" alt="" class="review-thumb"></a>',
            reverse("photo", args=[obj.key]),
            reverse("photo-thumb", args=[obj.key]),
        )


class ReportAdmin(admin.ModelAdmin):
    form = ReportAdminForm
    inlines = [PhotoInline]
    change_form_template = "admin/reports/report/change_form.html"
    list_display = [
        "number",
        "held_on",
        "city",
        "country_display",
        "action_type",
        "participants",
        "status",
        "origin",
        "photo_count",
        "is_sample",
        "created_at",
    ]
    list_filter = ["status", "campaign", "action_type", "origin", "is_sample"]
    search_fields = ["city", "public_text"]
    date_hierarchy = "held_on"
    list_select_related = ["campaign"]
    actions = ["publish", "reject", "mark_duplicates", "reopen"]
    readonly_fields = [
        "review_panel",
        "status",
        "origin",
        "campaign",
        "duplicate_of",
        "reporter_name",
        "reporter_contact",
        "place_input",
        "created_at",
        "published_at",
    ]
    fieldsets = [
        (_("Review"), {"fields": ["review_panel"]}),
        (_("Public (editable)"), {"fields": ["place", *EDITABLE[:4]], "classes": ["public-fields"]}),
        (_("Consent and notes"), {"fields": [*EDITABLE[4:], "original"]}),
        (_("Private — never published"), {"fields": ["reporter_name", "reporter_contact", "place_input"]}),
        (_("State"), {"fields": ["status", "origin", "campaign", "duplicate_of", "created_at", "published_at"]}),
    ]

    class Media:
        css = {"all": ["solidarity/admin.css"]}

    def get_queryset(self, request: HttpRequest) -> QuerySet[Report]:
        return super().get_queryset(request).annotate(n_photos=Count("photos"))

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False  # reports arrive from supporters, never typed in by staff

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False  # nothing is lost: reject instead

    def get_urls(self) -> list[URLPattern]:
        """Adds the private export (linked from the campaign's page), inside the admin's login and second factor."""
        if self.model is not Report:  # one way in, not one per proxy model
            return super().get_urls()
        view = self.admin_site.admin_view(export_views.private_export)
        return [path("export/<slug:slug>.<slug:fmt>", view, name="reports_report_export"), *super().get_urls()]

    @admin.display(description=_("no."), ordering="pk")
    def number(self, obj: Report) -> str:
        return f"#{obj.pk}"

    @admin.display(description=_("country"), ordering="country")
    def country_display(self, obj: Report) -> str:
        return country_name(obj.country)

    @admin.display(description=_("photos"), ordering="n_photos")
    def photo_count(self, obj: Report) -> int:
        return getattr(obj, "n_photos", 0)

    @admin.display(description=_("what arrived, and where it resolved"))
    def review_panel(self, obj: Report) -> str:
        photos = format_html_join(
            "",
            '<a href="{}" target="_blank" rel="noopener"><img src="{}" alt="" class="review-thumb"></a>',
            ((reverse("photo", args=[p.key]), reverse("photo-thumb", args=[p.key])) for p in obj.photos.all()),
        )
        raw = json.dumps(obj.raw_input, ensure_ascii=False, indent=2)
        return format_html(
            '<div class="review-panel"><div><h4>{}</h4><p><strong>{}, {}</strong> ({}, {})<br>{}: «{}»</p>'
            '<p>{}</p><div class="review-photos">{}</div></div><div><h4>{}</h4><pre>{}</pre></div></div>',
            _("Resolved place and photos"),
            obj.city,
            country_name(obj.country),
            obj.latitude,
            obj.longitude,
            _("typed"),
            obj.place_input,
            obj.public_text,
            photos or _("no photos"),
            _("Raw input"),
            raw,
        )

    def save_formset(self, request: HttpRequest, form: Any, formset: Any, change: bool) -> None:
        """Photo descriptions go through the service (audited, pages refreshed), never a bare save."""
        for photo_form in formset.forms:
            if photo_form.instance.pk and "alt_text" in photo_form.changed_data:
                services.photo_describe(
                    photo=photo_form.instance, alt_text=photo_form.cleaned_data["alt_text"], actor=request.user
                )
        # what the admin's change message reads (formset.save() would set them; nothing is added or deleted here)
        formset.new_objects, formset.changed_objects, formset.deleted_objects = [], [], []

    def save_model(self, request: HttpRequest, obj: Report, form: ReportAdminForm, change: bool) -> None:
        changes = {name: form.cleaned_data[name] for name in form.changed_data if name in EDITABLE}
        services.report_update(report=obj, changes=changes, actor=request.user, city=form.city)

    def response_change(self, request: HttpRequest, obj: Report) -> HttpResponse:
        if "_publish" in request.POST:
            services.report_publish(report=obj, actor=request.user)
            self.message_user(request, _("Report “%(report)s” published.") % {"report": obj})
        elif "_reject" in request.POST:
            services.report_reject(report=obj, actor=request.user)
            self.message_user(request, _("Report “%(report)s” rejected.") % {"report": obj})
        elif "_duplicate" in request.POST:
            original = Report.objects.get(pk=request.POST["original"])
            try:
                services.report_mark_duplicate(report=obj, original=original, actor=request.user)
            except ValidationError as exc:
                self.message_user(request, " ".join(exc.messages), messages.ERROR)
                return HttpResponseRedirect(request.path)
            self.message_user(
                request,
                _("Report “%(report)s” marked as a duplicate of #%(original)d.")
                % {"report": obj, "original": original.pk},
            )
        else:
            return super().response_change(request, obj)
        return HttpResponseRedirect(reverse("admin:reports_reviewqueue_changelist"))

    def _each(self, request: HttpRequest, queryset: QuerySet[Report], action: Any) -> int:
        """Apply a service to each report on its own, so one refusal does not undo the others."""
        done = 0
        for report in queryset:
            try:
                action(report=report, actor=request.user)
                done += 1
            except ValidationError as exc:
                self.message_user(request, f"{report}: {' '.join(exc.messages)}", messages.ERROR)
        return done

    @admin.action(description=_("Publish selected reports"))
    def publish(self, request: HttpRequest, queryset: QuerySet[Report]) -> None:
        n = self._each(request, queryset, services.report_publish)
        self.message_user(request, ngettext("%(n)d report published.", "%(n)d reports published.", n) % {"n": n})

    @admin.action(description=_("Reject selected reports"))
    def reject(self, request: HttpRequest, queryset: QuerySet[Report]) -> None:
        n = self._each(request, queryset, services.report_reject)
        self.message_user(request, ngettext("%(n)d report rejected.", "%(n)d reports rejected.", n) % {"n": n})

    @admin.action(description=_("Send back to the review queue"))
    def reopen(self, request: HttpRequest, queryset: QuerySet[Report]) -> None:
        n = self._each(request, queryset, services.report_reopen)
        message = ngettext("%(n)d report sent back for review.", "%(n)d reports sent back for review.", n)
        self.message_user(request, message % {"n": n})

    @admin.action(description=_("Mark as duplicates of the earliest selected report"))
    def mark_duplicates(self, request: HttpRequest, queryset: QuerySet[Report]) -> None:
        reports = list(queryset.order_by("created_at", "pk"))
        if len(reports) < 2:
            self.message_user(request, _("Select the original and at least one duplicate."), messages.WARNING)
            return
        original = reports[0]
        n = self._each(
            request,
            Report.objects.filter(pk__in=[r.pk for r in reports[1:]]),
            lambda report, actor: services.report_mark_duplicate(report=report, original=original, actor=actor),
        )
        message = ngettext("%(n)d report marked as a duplicate.", "%(n)d reports marked as duplicates.", n)
        self.message_user(request, message % {"n": n})


admin.site.register(Report, ReportAdmin)


@admin.register(ReviewQueue)
class ReviewQueueAdmin(ReportAdmin):
    """The moderator's starting point: oldest first, only what still needs a decision."""

    # the same columns, with when it arrived up front (the queue is read oldest first); sample flags matter less
    list_display = [
        "number",
        "created_at",
        *[c for c in ReportAdmin.list_display if c not in ("number", "created_at", "is_sample")],
    ]
    list_filter = ["campaign", "status", "origin", "action_type"]

    def get_queryset(self, request: HttpRequest) -> QuerySet[Report]:
        return super().get_queryset(request).filter(status__in=Report.REVIEW_STATUSES).order_by("created_at")


class CampaignWithTallyAdmin(CampaignAdmin):
    """The campaign admin with its tally. Registered from here because the tally belongs to reports, and
    campaigns must not depend on reports."""

    readonly_fields = [*CampaignAdmin.readonly_fields, "tally_table"]

    def get_readonly_fields(self, request: HttpRequest, obj: Any = None) -> list[str]:
        fields = list(super().get_readonly_fields(request, obj))
        if obj is not None and obj.pk and request.user.has_perm(exports.PERMISSION):
            fields.append("private_export")
        return fields

    @admin.display(description=_("export with private fields"))
    def private_export(self, obj: Campaign) -> str:
        links = format_html_join(
            " · ",
            '<a href="{}">{}</a>',
            (
                (reverse("admin:reports_report_export", args=[obj.slug, fmt]), label)
                for fmt, label in exports.LABELS.items()
            ),
        )
        note = _("Every report in every status, with reporters' names and contacts. Each download is audited.")
        return format_html("<p>{}</p><p>{}</p>", links, note)

    @admin.display(description=_("tally: actions / cities / countries"))
    def tally_table(self, obj: Campaign) -> str:
        if not obj.pk:
            return "—"
        rows = [
            (_("published"), tally(obj)),
            (_("including reports awaiting review"), tally(obj, include_unreviewed=True)),
        ]
        return format_html_join(
            "",
            "<p>{}: <strong>{}</strong> / {} / {}</p>",
            ((label, t["actions"], t["cities"], t["countries"]) for label, t in rows),
        )


admin.site.unregister(Campaign)
admin.site.register(Campaign, CampaignWithTallyAdmin)
