"""Reading a campaign's mailbox over IMAP (TLS or STARTTLS), from where we stopped.

The folder is opened read-only (``EXAMINE``), so nothing changes for people who also read the mailbox in a mail
client: no flags set, nothing moved or deleted. Messages are fetched one at a time in UID order and each is
imported in its own transaction together with the new position (:func:`~solidarity.intake.services.import_message`,
through :func:`~solidarity.intake.pipeline.import_many`, which stores them in UID order), so a crash loses at most
the messages in flight, which the next run reads again. When the server reports a new
UIDVALIDITY (the folder was rebuilt), UIDs start over from 1 and the Message-IDs keep the reread idempotent.
"""

from __future__ import annotations

import contextlib
import imaplib
import re
import ssl
from collections.abc import Iterator
from pathlib import Path

from django.conf import settings
from django.utils import timezone

from solidarity.intake.models import Mailbox, Message
from solidarity.intake.pipeline import import_many
from solidarity.lib.env import env_str

POOL_FROM = 20  # new messages from which reading them in worker processes is worth starting the processes


class MailboxError(RuntimeError):
    """The mailbox could not be read; the message names the cause, never the password."""


def password(mailbox: Mailbox) -> str:
    if mailbox.password_file:
        try:
            return Path(mailbox.password_file).read_text(encoding="utf-8").strip()
        except OSError as exc:
            raise MailboxError(f"cannot read the password file: {exc.strerror}") from exc
    value = env_str(mailbox.password_env) if mailbox.password_env else ""
    if not value:
        raise MailboxError(f"no password: set {mailbox.password_env or 'a password file'}")
    return value


def _tls() -> ssl.SSLContext:
    ca_file = settings.SOLIDARITY_INTAKE["IMAP_CA_FILE"] or None
    return ssl.create_default_context(cafile=ca_file)


def connect(mailbox: Mailbox) -> imaplib.IMAP4:
    timeout = settings.SOLIDARITY_INTAKE["IMAP_TIMEOUT"]
    try:
        if mailbox.security == Mailbox.Security.TLS:
            conn: imaplib.IMAP4 = imaplib.IMAP4_SSL(mailbox.host, mailbox.port, ssl_context=_tls(), timeout=timeout)
        else:
            conn = imaplib.IMAP4(mailbox.host, mailbox.port, timeout=timeout)
            if mailbox.security == Mailbox.Security.STARTTLS:
                conn.starttls(ssl_context=_tls())
        conn.login(mailbox.username, password(mailbox))
    except (OSError, imaplib.IMAP4.error) as exc:
        raise MailboxError(f"cannot sign in to {mailbox.host}:{mailbox.port}: {exc}") from exc
    return conn


def fetch(mailbox: Mailbox) -> Iterator[Message]:
    """Import every message after the recorded position; yields each message as it is stored."""
    conn = connect(mailbox)
    try:
        status, _ = conn.select(_quoted(mailbox.folder), readonly=True)
        if status != "OK":
            raise MailboxError(f"no folder {mailbox.folder!r}")
        validity = _uidvalidity(conn)
        if validity != mailbox.uidvalidity:
            mailbox.uidvalidity, mailbox.last_uid = validity, 0
            mailbox.save(update_fields=["uidvalidity", "last_uid"])
        uids = _new_uids(conn, mailbox.last_uid)
        fetched = ((raw, uid) for uid in uids if (raw := _message(conn, uid)) is not None)  # None: expunged
        # a pool of readers pays off for a backlog; a poll that finds a few new messages reads them here
        workers = None if len(uids) >= POOL_FROM else 0
        for imported in import_many(
            mailbox.campaign, fetched, source=Message.Source.IMAP, mailbox=mailbox, workers=workers
        ):
            yield imported.message
        mailbox.refresh_from_db(fields=["last_uid"])
        Mailbox.objects.filter(pk=mailbox.pk).update(last_fetch_at=timezone.now(), last_error="")
    except (OSError, imaplib.IMAP4.error) as exc:
        raise MailboxError(f"{mailbox.host}: {exc}") from exc
    finally:
        with contextlib.suppress(OSError, imaplib.IMAP4.error):
            conn.logout()


def _quoted(folder: str) -> str:
    return '"' + folder.replace("\\", "\\\\").replace('"', '\\"') + '"'


def _uidvalidity(conn: imaplib.IMAP4) -> int:
    _, data = conn.response("UIDVALIDITY")
    if not data or data[0] is None:
        raise MailboxError("the server gave no UIDVALIDITY")
    return int(data[0])


def _new_uids(conn: imaplib.IMAP4, last_uid: int) -> list[int]:
    # "UID n:*" always matches the highest UID even when it is below n, hence the filter
    status, data = conn.uid("SEARCH", None, f"UID {last_uid + 1}:*")
    if status != "OK":
        raise MailboxError("the server refused the search")
    return sorted(uid for uid in (int(x) for x in (data[0] or b"").split()) if uid > last_uid)


_LITERAL = re.compile(rb"BODY\[\] \{\d+\}")


def _message(conn: imaplib.IMAP4, uid: int) -> bytes | None:
    status, data = conn.uid("FETCH", str(uid), "(BODY.PEEK[])")
    if status != "OK":
        raise MailboxError(f"the server refused to send message {uid}")
    for part in data:
        if isinstance(part, tuple) and len(part) == 2 and _LITERAL.search(part[0]):
            return part[1]
    return None
