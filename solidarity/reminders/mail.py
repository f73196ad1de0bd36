"""The e-mails themselves: plain text in the language the supporter signed up in, no tracking of any kind (no
images, no per-reader links but the unsubscribe one, no HTML part), links on the site's public address.

Every reminder carries a one-click unsubscribe (RFC 8058): ``List-Unsubscribe`` with an https URL and
``List-Unsubscribe-Post``, so a mail client's "Unsubscribe" button removes the address without opening a page.
The confirmation is not a list mail and has no such header: until it is confirmed, nothing else is ever sent.
"""

from __future__ import annotations

from django.conf import settings
from django.core.mail import EmailMessage
from django.template.defaultfilters import date as format_date
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _

from solidarity.campaigns.selectors import localized
from solidarity.reminders import tokens
from solidarity.reminders.models import Kind, Subscription

ONE_CLICK = "List-Unsubscribe=One-Click"


def link(subscription: Subscription, path: str) -> str:
    """An absolute link: on the public address, else on the site the supporter signed up on."""
    base = settings.SOLIDARITY["PUBLIC_URL"] or subscription.site
    return f"{base.rstrip('/')}{path}"


def kind_labels(kinds: list[str]) -> list[str]:
    labels = dict(Kind.choices)
    return [str(labels[kind]) for kind in Kind.values if kind in kinds]


def _headers(language: str) -> dict[str, str]:
    # RFC 3834: an automatic message, so vacation responders stay quiet
    return {"Auto-Submitted": "auto-generated", "Content-Language": language}


def confirmation_message(subscription: Subscription, kinds: list[str], language: str) -> EmailMessage:
    """The one e-mail an unconfirmed address may get: a link to confirm, which expires."""
    with translation.override(language):
        campaign = subscription.campaign
        call = localized(campaign, language)
        token = tokens.confirm_token(subscription.key, kinds, language)
        context = {
            "site_name": settings.SOLIDARITY["SITE_NAME"],
            "title": call.title,
            "kinds": kind_labels(kinds),
            "confirm_url": link(subscription, reverse("reminders:confirm", args=[token])),
            "campaign_url": link(subscription, reverse("pages:campaign", args=[campaign.slug])),
            "days": settings.SOLIDARITY_REMINDERS["CONFIRM_DAYS"],
        }
        subject = _("Please confirm: reminders about “%(title)s”") % {"title": call.title}
        body = render_to_string("reminders/email/confirm.txt", context)
    return EmailMessage(subject=subject, body=body, to=[subscription.email], headers=_headers(language))


def reminder_message(subscription: Subscription, kind: str) -> EmailMessage:
    """The reminder itself, with the one-click unsubscribe headers."""
    language = subscription.language
    with translation.override(language):
        campaign = subscription.campaign
        call = localized(campaign, language)
        unsubscribe_url = link(
            subscription, reverse("reminders:unsubscribe", args=[tokens.unsubscribe_token(subscription.key)])
        )
        context = {
            "site_name": settings.SOLIDARITY["SITE_NAME"],
            "title": call.title,
            "summary": call.summary,
            "starts_on": format_date(campaign.starts_on, "DATE_FORMAT"),
            "ends_on": format_date(campaign.ends_on, "DATE_FORMAT"),
            "campaign_url": link(subscription, reverse("pages:campaign", args=[campaign.slug])),
            "report_url": link(subscription, reverse("reports:report", args=[campaign.slug])),
            "summary_url": link(subscription, reverse("reports:summary", args=[campaign.slug])),
            "unsubscribe_url": unsubscribe_url,
            "more": subscription.pending_after(kind),
        }
        if kind == Kind.START:
            subject = _("“%(title)s” begins on %(date)s") % {"title": call.title, "date": context["starts_on"]}
        else:
            subject = _("“%(title)s” is over: read the summary") % {"title": call.title}
        body = render_to_string(f"reminders/email/{kind}.txt", context)
    headers = _headers(language)
    headers["List-Unsubscribe"] = f"<{unsubscribe_url}>"
    if unsubscribe_url.startswith("https://"):  # RFC 8058 one-click needs https; plain http gets the link only
        headers["List-Unsubscribe-Post"] = ONE_CLICK
    return EmailMessage(subject=subject, body=body, to=[subscription.email], headers=headers)
