"""Fixture e-mails built the way real clients build them: odd charsets and transfer encodings, HTML only,
replies with quotes, forwards, phone photos carrying GPS positions, spam, questions, auto-replies, bounces.

Everything is generated, so every test states exactly what it sends. The sender address and name carry a
canary, so privacy tests can search any output for it.
"""

from __future__ import annotations

import base64
import datetime
import io
import itertools
from email.message import EmailMessage
from email.utils import format_datetime

from PIL import Image

CANARY = "canary7b1e"
SENDER = f"Dana Canary <dana.{CANARY}@example.net>"
_ids = itertools.count(1)

SENT = datetime.datetime(2018, 3, 19, 9, 30, tzinfo=datetime.UTC)


def next_id() -> str:
    return f"<fixture-{next(_ids)}-{CANARY}@example.net>"


def headers(msg: EmailMessage, subject: str, *, message_id: str | None = None, sent=SENT, sender=SENDER) -> None:
    msg["From"] = sender
    msg["To"] = "reports@example.org"
    msg["Subject"] = subject
    msg["Date"] = format_datetime(sent)
    if message_id != "":
        msg["Message-ID"] = message_id or next_id()


def plain(subject: str, body: str, *, charset: str = "utf-8", cte: str | None = None, **kw) -> bytes:
    """A text/plain message in ``charset`` with transfer encoding ``cte`` (base64, quoted-printable, 8bit)."""
    msg = EmailMessage()
    headers(msg, subject, **kw)
    msg.set_content(body, charset=charset, cte=cte)
    return msg.as_bytes()


def raw_8bit(subject_header: str, body: str, charset: str, **kw) -> bytes:
    """A message written byte by byte, as old clients do: an encoded-word subject and an 8-bit body."""
    head = (
        f"From: {kw.get('sender', SENDER)}\r\nTo: reports@example.org\r\nSubject: {subject_header}\r\n"
        f"Date: {format_datetime(SENT)}\r\nMessage-ID: {kw.get('message_id') or next_id()}\r\nMIME-Version: 1.0\r\n"
        f"Content-Type: text/plain; charset={charset}\r\nContent-Transfer-Encoding: 8bit\r\n\r\n"
    )
    return head.encode("ascii") + body.encode(charset)


def encoded_word(text: str, charset: str) -> str:
    return f"=?{charset}?b?{base64.b64encode(text.encode(charset)).decode()}?="


def html_only(subject: str, html: str, **kw) -> bytes:
    msg = EmailMessage()
    headers(msg, subject, **kw)
    msg.set_content(html, subtype="html")
    return msg.as_bytes()


def alternative(subject: str, text: str, html: str, **kw) -> bytes:
    msg = EmailMessage()
    headers(msg, subject, **kw)
    msg.set_content(text)
    msg.add_alternative(html, subtype="html")
    return msg.as_bytes()


def photo_bytes(fmt: str = "JPEG", size: tuple[int, int] = (800, 600)) -> bytes:
    """A picture with a camera make, a serial number and a GPS position in its EXIF, like a phone's."""
    from pillow_heif import register_heif_opener

    register_heif_opener()
    image = Image.new("RGB", size, (180, 40, 40))
    exif = image.getexif()
    exif[0x010F] = f"Cam{CANARY}"
    exif[0xA431] = f"SN{CANARY}"  # body serial number
    gps = exif.get_ifd(0x8825)
    gps.update({1: "N", 2: (52.0, 31.0, 12.5), 3: "E", 4: (13.0, 24.0, 1.0)})
    out = io.BytesIO()
    image.save(out, format=fmt, exif=exif.tobytes())
    return out.getvalue()


def with_photos(subject: str, body: str, photos: list[tuple[str, bytes, str]], *, inline: bool = False, **kw) -> bytes:
    """A message with pictures attached (or inline in an HTML body): ``(filename, bytes, mime subtype)``."""
    msg = EmailMessage()
    headers(msg, subject, **kw)
    msg.set_content(body)
    if inline:
        msg.add_alternative(f"<p>{body}</p>" + "".join(f'<img src="cid:p{i}">' for i in range(len(photos))), "html")
        html = msg.get_payload()[1]
        for i, (name, data, subtype) in enumerate(photos):
            html.add_related(data, "image", subtype, cid=f"<p{i}>", filename=name)
    else:
        for name, data, subtype in photos:
            msg.add_attachment(data, maintype="image", subtype=subtype, filename=name)
    return msg.as_bytes()


def forwarded_as_attachment(inner: bytes, note: str = "Forwarding a report we got.") -> bytes:
    from email import message_from_bytes, policy

    msg = EmailMessage()
    headers(msg, "Fwd: report", sender="Organiser <org@example.org>")
    msg.set_content(note)
    msg.add_attachment(message_from_bytes(inner, policy=policy.default))
    return msg.as_bytes()


def auto_reply(**kw) -> bytes:
    msg = EmailMessage()
    headers(msg, "Automatic reply: your call for action", **kw)
    msg["Auto-Submitted"] = "auto-replied"
    msg.set_content("I am out of the office until 2 April and will read your message when I am back.")
    return msg.as_bytes()


def bounce(**kw) -> bytes:
    """An RFC 3464 delivery report, as Postfix writes it."""
    return (
        "From: MAILER-DAEMON@mail.example.net (Mail Delivery System)\r\nTo: reports@example.org\r\n"
        f"Subject: Undelivered Mail Returned to Sender\r\nDate: {format_datetime(SENT)}\r\n"
        f"Message-ID: {kw.get('message_id') or next_id()}\r\nMIME-Version: 1.0\r\n"
        'Content-Type: multipart/report; report-type=delivery-status; boundary="b1"\r\n\r\n'
        "--b1\r\nContent-Type: text/plain\r\n\r\nYour message could not be delivered.\r\n"
        "--b1\r\nContent-Type: message/delivery-status\r\n\r\nReporting-MTA: dns; mail.example.net\r\n\r\n"
        "Final-Recipient: rfc822; gone@example.net\r\nAction: failed\r\nStatus: 5.1.1\r\n--b1--\r\n"
    ).encode()


def spam(**kw) -> bytes:
    return plain(
        "You have won!!!",
        "Congratulations, you are the winner of our lottery. Click here to claim your prize: "
        "https://win.example.com/a https://win.example.com/b https://win.example.com/c https://win.example.com/d",
        **kw,
    )


def question(**kw) -> bytes:
    return plain("Posters?", "Hello, where can I download the posters for the day of action? Thanks!", **kw)


def mbox(messages: list[bytes]) -> bytes:
    """An mbox file as mail servers write it (mboxrd quoting of body lines starting with "From ")."""
    out = io.BytesIO()
    for raw in messages:
        out.write(b"From reports@example.org Mon Mar 19 09:30:00 2018\n")
        for line in raw.replace(b"\r\n", b"\n").split(b"\n"):
            out.write((b">" + line if line.lstrip(b">").startswith(b"From ") else line) + b"\n")
        out.write(b"\n")
    return out.getvalue()
