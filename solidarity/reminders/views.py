"""Pages of the reminders: the sign-up form of a campaign, the pages our e-mails link to, and the one-click
unsubscribe a mail client posts to.

The form has a page of its own, linked from the campaign page, because the campaign page is served from a
snapshot shared by every reader and so cannot carry a reader's CSRF token. Confirming and unsubscribing are
buttons (POST) on the page a link opens: mail scanners that open every link in a message must neither confirm
an address on its owner's behalf nor remove it.
"""

from __future__ import annotations

from django.conf import settings
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods, require_safe

from solidarity.campaigns.models import Campaign
from solidarity.campaigns.selectors import localized, public_campaigns
from solidarity.lib import ratelimit
from solidarity.reminders import services
from solidarity.reminders.forms import ReminderForm


def _campaign(slug: str) -> Campaign:
    try:
        return public_campaigns().prefetch_related("translations").get(slug=slug)
    except Campaign.DoesNotExist as exc:
        raise Http404 from exc


@never_cache
@require_http_methods(["GET", "HEAD", "POST"])
def sign_up(request: HttpRequest, slug: str) -> HttpResponse:
    campaign = _campaign(slug)
    kinds = services.offered_kinds(campaign)
    context: dict[str, object] = {"campaign": campaign, "call": localized(campaign, request.LANGUAGE_CODE)}
    if not kinds:
        return render(request, "reminders/none.html", context, status=410)
    if request.method != "POST":
        context["form"] = ReminderForm(campaign=campaign, kinds=kinds)
        return render(request, "reminders/sign_up.html", context)
    form = ReminderForm(request.POST, campaign=campaign, kinds=kinds)
    if form.is_spam:
        return redirect("reminders:sent", slug=campaign.slug)
    context["form"] = form
    if not form.is_valid():
        return render(request, "reminders/sign_up.html", context, status=400)
    limits = settings.SOLIDARITY_REMINDERS
    if not ratelimit.hit(request, "reminder", limit=limits["RATE_LIMIT"], window=limits["RATE_WINDOW"]):
        form.add_error(None, _limited())
        return render(request, "reminders/sign_up.html", context, status=429)
    services.subscribe(
        campaign=campaign,
        email=form.cleaned_data["email"],
        kinds=form.cleaned_data["kinds"],
        language=request.LANGUAGE_CODE,
        site=request.build_absolute_uri("/").rstrip("/"),
    )
    return redirect("reminders:sent", slug=campaign.slug)


def _limited() -> str:
    return _("Too many requests came from your connection in a short time. Please wait a few minutes and try again.")


@require_safe
def sent(request: HttpRequest, slug: str) -> HttpResponse:
    """The same page whatever the address was: new, waiting for confirmation, or confirmed long ago."""
    campaign = _campaign(slug)
    context = {
        "campaign": campaign,
        "call": localized(campaign, request.LANGUAGE_CODE),
        "days": settings.SOLIDARITY_REMINDERS["CONFIRM_DAYS"],
    }
    return render(request, "reminders/sent.html", context)


_CONFIRM_STATUS = {
    services.Confirmed.DONE: 200,
    services.Confirmed.EXPIRED: 410,
    services.Confirmed.GONE: 410,
    services.Confirmed.INVALID: 400,
}


@never_cache
@require_http_methods(["GET", "HEAD", "POST"])
def confirm(request: HttpRequest, token: str) -> HttpResponse:
    if request.method != "POST":
        return render(request, "reminders/confirm.html", {"asking": True})
    outcome = services.confirm(token=token)
    return render(request, "reminders/confirm.html", {"outcome": outcome.value}, status=_CONFIRM_STATUS[outcome])


@csrf_exempt  # RFC 8058: the mail client posts with no cookie, token or session; the signed link is the proof
@never_cache
@require_http_methods(["GET", "HEAD", "POST"])
def unsubscribe(request: HttpRequest, token: str) -> HttpResponse:
    """GET shows a button; POST (the button, or a mail client's one-click request) deletes the address."""
    if request.method != "POST":
        return render(request, "reminders/unsubscribe.html", {"asking": True})
    if not services.unsubscribe(token=token):
        return render(request, "reminders/unsubscribe.html", {"invalid": True}, status=400)
    return render(request, "reminders/unsubscribe.html", {"done": True})
