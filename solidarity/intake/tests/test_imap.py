"""fetch-mail against a real Dovecot on loopback: STARTTLS and TLS, position kept, nothing touched on the server."""

from __future__ import annotations

import io
import itertools
import json

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from solidarity.intake.models import Mailbox, Message
from solidarity.intake.tests import dovecot, mail
from solidarity.intake.tests.bag import mail_bag
from solidarity.reports.models import Report

pytestmark = pytest.mark.skipif(not dovecot.available(), reason="Dovecot is not installed (scripts/system-deps.sh)")
_folders = itertools.count(1)


@pytest.fixture(scope="module")
def server():
    running = dovecot.start()
    yield running
    running.stop()


@pytest.fixture
def folder(server):
    """A fresh folder per test, so tests share one server but not their mail."""
    name = f"Reports{next(_folders)}"
    conn = server.client()
    conn.create(name)
    conn.logout()
    return name


@pytest.fixture
def mailbox(spring_campaign, server, folder, tmp_path, settings):
    settings.SOLIDARITY_INTAKE = {**settings.SOLIDARITY_INTAKE, "IMAP_CA_FILE": str(server.ca_file)}
    secret = tmp_path / "imap-password"
    secret.write_text(dovecot.PASSWORD + "\n")
    return Mailbox.objects.create(
        campaign=spring_campaign,
        host="127.0.0.1",
        port=server.starttls_port,
        security=Mailbox.Security.STARTTLS,
        username=dovecot.USER,
        password_file=str(secret),
        folder=folder,
    )


def fetch_mail(*args) -> dict:
    out = io.StringIO()
    call_command("fetch_mail", "--json", *args, stdout=out)
    return json.loads(out.getvalue())


def counts(result):
    return {k: v for k, v in result.items() if k != "items"}


def test_fetch_over_starttls_imports_the_bag_and_records_the_position(server, mailbox):
    server.append([raw for raw, _ in mail_bag()], mailbox.folder)
    result = fetch_mail()
    assert counts(result) == {"messages": 10, "reports": 5, "duplicates": 1, "not_reports": 4, "errors": 0}
    mailbox.refresh_from_db()
    assert mailbox.last_uid == 11 and mailbox.uidvalidity and mailbox.last_fetch_at and not mailbox.last_error
    assert set(Message.objects.values_list("source", flat=True)) == {"imap"}
    assert Report.objects.count() == 5


def test_next_poll_reads_only_new_mail(server, mailbox):
    server.append([mail.plain("Picket in Oslo", "Picket in Oslo today, 8 people.")], mailbox.folder)
    assert fetch_mail()["messages"] == 1
    assert fetch_mail()["messages"] == 0
    server.append([mail.plain("Rally in Bergen", "Rally in Bergen yesterday, 30 people.")], mailbox.folder)
    result = fetch_mail("--campaign", "spring-2018")
    assert [i["city"] for i in result["items"]] == ["Bergen"]


def test_tls_port_works_too(server, mailbox):
    Mailbox.objects.filter(pk=mailbox.pk).update(security=Mailbox.Security.TLS, port=server.tls_port)
    server.append([mail.plain("Picket in Oslo", "Picket in Oslo today, 8 people.")], mailbox.folder)
    assert fetch_mail()["reports"] == 1


def test_server_flags_are_left_alone(server, mailbox):
    server.append([mail.plain("Picket in Oslo", "Picket in Oslo today.")], mailbox.folder)
    fetch_mail()
    conn = server.client()
    conn.select(mailbox.folder, readonly=True)
    _, data = conn.fetch("1", "(FLAGS)")
    conn.logout()
    assert b"\\Seen" not in data[0]


def test_new_uidvalidity_rereads_without_duplicating(server, mailbox):
    server.append([raw for raw, _ in mail_bag()], mailbox.folder)
    first = fetch_mail()
    Mailbox.objects.filter(pk=mailbox.pk).update(uidvalidity=1)  # as if the folder had been rebuilt
    assert counts(fetch_mail()) == counts(first)
    assert Message.objects.count() == 10 and Report.objects.count() == 5


def test_wrong_password_is_a_clear_error_without_the_password(server, mailbox, tmp_path):
    (tmp_path / "imap-password").write_text("wrong-secret-value")
    with pytest.raises(CommandError) as caught:
        fetch_mail()
    mailbox.refresh_from_db()
    assert "wrong-secret-value" not in str(caught.value) and "wrong-secret-value" not in mailbox.last_error
    assert mailbox.last_error


def test_untrusted_certificate_is_refused(server, mailbox, settings):
    settings.SOLIDARITY_INTAKE = {**settings.SOLIDARITY_INTAKE, "IMAP_CA_FILE": ""}
    with pytest.raises(CommandError, match="certificate"):
        fetch_mail()
