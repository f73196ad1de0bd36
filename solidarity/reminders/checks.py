"""Deployment checks for the reminders: e-mails that leave the server need an address to link to and to come
from, and a one-click unsubscribe (RFC 8058) needs that address to be https."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.checks import Warning, register


@register(deploy=True)
def check_reminder_mail(app_configs: Any, **kwargs: Any) -> list[Warning]:
    problems = []
    public_url = settings.SOLIDARITY["PUBLIC_URL"]
    if not public_url.startswith("https://"):
        problems.append(
            Warning(
                "SOLIDARITY_PUBLIC_URL is not an https:// address: reminder e-mails will link to whatever host "
                "each supporter signed up on, and carry no one-click unsubscribe (RFC 8058 needs https).",
                hint="Set SOLIDARITY_PUBLIC_URL to the site's https address, e.g. https://solidarity.example.org.",
                id="solidarity.W020",
            )
        )
    if settings.DEFAULT_FROM_EMAIL.endswith("@localhost"):
        problems.append(
            Warning(
                "Reminder e-mails would come from webmaster@localhost, which most mail servers refuse.",
                hint="Set SOLIDARITY_MAIL_FROM to an address of your domain, and SOLIDARITY_SMTP_HOST to your relay.",
                id="solidarity.W021",
            )
        )
    return problems
