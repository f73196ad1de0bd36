"""Reminder fixtures: a real SMTP server on loopback (aiosmtpd) that the app's own SMTP backend talks to, and a
campaign starting in two days, so its "starts soon" reminder is due now."""

from __future__ import annotations

import datetime
import email
import email.policy
import logging
import socket
import threading
from email.message import EmailMessage

import pytest
from aiosmtpd.controller import Controller
from django.utils import timezone

PUBLIC_URL = "https://solidarity.example.org"
CANARY_ADDRESS = "Dana.Canary-Reminder@Example.net"


class Sink:
    """Keeps every message the server accepts; refuses recipients it was told to (code per address)."""

    def __init__(self) -> None:
        self.messages: list[EmailMessage] = []
        self.envelopes: list[tuple[str, list[str]]] = []
        self.refuse: dict[str, str] = {}
        self.lock = threading.Lock()

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):  # noqa: N802 (aiosmtpd's name)
        if address.lower() in self.refuse:
            return self.refuse[address.lower()]
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):  # noqa: N802
        message = email.message_from_bytes(envelope.content, policy=email.policy.default)
        with self.lock:
            self.messages.append(message)
            self.envelopes.append((envelope.mail_from, list(envelope.rcpt_tos)))
        return "250 Message accepted"

    def take(self) -> list[EmailMessage]:
        """The messages received since the last call."""
        with self.lock:
            taken, self.messages = self.messages, []
        return taken


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture
def smtp(settings):
    """The app sends through its SMTP backend to a real server on loopback (not Django's in-memory outbox)."""
    logging.getLogger("mail.log").setLevel(logging.WARNING)  # aiosmtpd logs every peer's address at INFO
    sink = Sink()
    controller = Controller(sink, hostname="127.0.0.1", port=free_port(), ready_timeout=10)
    controller.start()
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT = "127.0.0.1", controller.port
    settings.EMAIL_USE_TLS = settings.EMAIL_USE_SSL = False
    settings.EMAIL_TIMEOUT = 10
    settings.DEFAULT_FROM_EMAIL = "reminders@solidarity.example.org"
    yield sink
    controller.stop()


@pytest.fixture(autouse=True)
def _reminder_settings(settings):
    settings.SOLIDARITY = {**settings.SOLIDARITY, "PUBLIC_URL": PUBLIC_URL}
    settings.SOLIDARITY_REMINDERS = {"DAYS_BEFORE": 3, "CONFIRM_DAYS": 3, "RATE_LIMIT": 5, "RATE_WINDOW": 600}


@pytest.fixture
def upcoming(organisation):
    """A published call whose first day is in two days (Berlin time): its "starts soon" reminder is due."""
    from solidarity.campaigns.models import Campaign

    today = timezone.localdate()
    return Campaign.objects.create(
        slug="days-of-solidarity",
        title="Days of solidarity",
        organiser=organisation,
        language="en",
        starts_on=today + datetime.timedelta(days=2),
        ends_on=today + datetime.timedelta(days=9),
        timezone="Europe/Berlin",
        summary="Pickets at the consulates.",
        status=Campaign.Status.PUBLISHED,
    )


def sign_up(client, campaign, address=CANARY_ADDRESS, kinds=("start", "results"), language="en", **extra):
    """Post the sign-up form as a browser does (the signed start time taken from the form)."""
    form = client.get(f"/{language}/c/{campaign.slug}/remind/")
    assert form.status_code == 200
    started = form.context["form"]["started"].value()
    data = {"email": address, "kinds": list(kinds), "started": started, "website": "", **extra}
    return client.post(f"/{language}/c/{campaign.slug}/remind/", data)


def link_path(body: str, marker: str) -> str:
    """The path of the first link in ``body`` on the public address that contains ``marker``."""
    for word in body.split():
        if word.startswith(PUBLIC_URL) and marker in word:
            return word[len(PUBLIC_URL) :]
    raise AssertionError(f"no {marker} link in {body!r}")


def run_worker() -> None:
    """What `solidarity worker --batch` does: run every job that is due, then stop."""
    from django.core.management import call_command

    call_command("worker", "--batch", "--worker-id", "test-worker", "--interval", "0", verbosity=0)
