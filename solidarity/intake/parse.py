"""Reading one raw e-mail into what intake needs: who, when, the supporter's words, and the pictures.

Real mail is messy: wrong or unknown charsets, HTML only, broken base64, attachments named ``.jpg`` that are
not pictures, forwarded messages nested inside. :func:`parse` never raises for any of that: what cannot be
read becomes a line in ``problems`` and the rest of the message is still used. The raw bytes are kept apart
(privately) by the caller, so nothing is lost when this module guesses wrong.
"""

from __future__ import annotations

import datetime
import hashlib
import re
from dataclasses import dataclass, field
from email import policy
from email.message import EmailMessage, Message
from email.parser import BytesParser
from email.utils import getaddresses, parseaddr, parsedate_to_datetime

from solidarity.intake.htmltext import html_to_text
from solidarity.intake.quotes import is_forward_subject, report_text

IMAGE_TYPES = {"image/jpeg", "image/jpg", "image/pjpeg", "image/png", "image/webp", "image/heic", "image/heif"}
IMAGE_SUFFIXES = (".jpg", ".jpeg", ".png", ".webp", ".heic", ".heif")
MAX_TEXT = 100_000  # characters of body kept for structuring; a report is a few lines
MAX_PARTS = 200


@dataclass
class ImagePart:
    name: str
    content_type: str
    data: bytes


@dataclass
class ParsedMessage:
    """What one e-mail says. ``sender_*`` are private; ``signals`` are the header facts triage reads."""

    message_id: str
    subject: str = ""
    sent_at: datetime.datetime | None = None
    sender_name: str = ""
    sender_address: str = ""
    body: str = ""  # the whole readable body, quotes included (for moderators)
    text: str = ""  # the supporter's own words
    forwarded: bool = False
    images: list[ImagePart] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)
    signals: dict[str, str] = field(default_factory=dict)


def raw_digest_id(raw: bytes) -> str:
    """A stable stand-in Message-ID for a message without one, so a re-import still finds it."""
    return f"<sha256-{hashlib.sha256(raw).hexdigest()[:40]}@no-message-id.invalid>"


def message_id_of(raw: bytes) -> str:
    """The Message-ID from the header block alone: the cheap "seen it already?" check before a full parse."""
    ends = [i for i in (raw.find(b"\n\n"), raw.find(b"\r\n\r\n")) if i >= 0]
    head = raw[: min(ends) + 2] if ends else raw[:65536]
    try:
        msg = BytesParser(policy=policy.default).parsebytes(head, headersonly=True)
    except Exception:
        return raw_digest_id(raw)
    return _message_id(msg, raw)


def parse(raw: bytes) -> ParsedMessage:
    """Parse ``raw`` (RFC 5322 bytes) without ever raising on malformed input."""
    try:
        msg = BytesParser(policy=policy.default).parsebytes(raw)
    except Exception:  # the parser is tolerant; this is the last line of defence
        return ParsedMessage(message_id=raw_digest_id(raw), problems=["the message could not be parsed"])
    parsed = ParsedMessage(message_id=_message_id(msg, raw))
    parsed.subject = _header(msg, "subject")[:500]
    parsed.sent_at = _date(msg)
    parsed.sender_name, parsed.sender_address = _sender(msg)
    parsed.signals = _signals(msg)
    bodies: list[str] = []
    _walk(msg, parsed, bodies, depth=0)
    parsed.body = "\n\n".join(b for b in bodies if b)[:MAX_TEXT]
    own, unwrapped = report_text(parsed.body)
    parsed.text = own
    parsed.forwarded = unwrapped or is_forward_subject(parsed.subject)
    return parsed


def _header(msg: Message, name: str) -> str:
    try:
        value = msg.get(name)
    except Exception:  # a header the policy cannot even fold into a string
        return ""
    if value is None:
        return ""
    try:
        text = str(value)
    except Exception:
        return ""
    return " ".join(text.split())


_MID = re.compile(r"<([^<>\s]{1,290})>")


def _message_id(msg: Message, raw: bytes) -> str:
    value = _header(msg, "message-id")
    match = _MID.search(value)
    if match:
        return f"<{match.group(1)}>"
    value = value.strip("<> ")
    if value and " " not in value and len(value) <= 290:
        return f"<{value}>"
    return raw_digest_id(raw)


def _date(msg: Message) -> datetime.datetime | None:
    value = _header(msg, "date")
    if not value:
        return None
    try:
        when = parsedate_to_datetime(value)
    except (TypeError, ValueError, IndexError, OverflowError):
        return None
    if when is None or not 1990 <= when.year <= 2100:
        return None
    if when.tzinfo is None:
        when = when.replace(tzinfo=datetime.UTC)
    return when


def _sender(msg: Message) -> tuple[str, str]:
    for name in ("reply-to", "from", "sender"):
        value = _header(msg, name)
        if not value:
            continue
        try:
            pairs = getaddresses([value])
        except Exception:
            pairs = [parseaddr(value)]
        for display, address in pairs:
            if "@" in address:
                return display[:200], address[:300]
    return "", ""


def _signals(msg: Message) -> dict[str, str]:
    """Header facts that tell an automatic message from a person: read by triage."""
    names = (
        "auto-submitted", "x-autoreply", "x-autorespond", "precedence", "x-spam-flag", "x-spam-status",
        "list-id", "list-unsubscribe", "return-path", "from", "x-failed-recipients",
    )  # fmt: skip
    # raw values: triage looks for words and addresses, which need no decoding, and building the policy's
    # header objects for eleven headers was a third of the time spent parsing a message
    raw: dict[str, str] = {}
    try:
        for key, value in msg.raw_items():
            raw.setdefault(key.lower(), value if isinstance(value, str) else str(value))
    except Exception:
        raw = {}
    signals = {}
    for name in names:
        value = " ".join(raw.get(name, "").split())[:300].lower()
        if value:
            signals[name] = value
    try:
        signals["content-type"] = msg.get_content_type()
        report_type = msg.get_param("report-type")
        if isinstance(report_type, str):
            signals["report-type"] = report_type.lower()
    except Exception:
        signals["content-type"] = "text/plain"
    return signals


def _walk(part: Message, parsed: ParsedMessage, bodies: list[str], depth: int, text: bool = True) -> None:
    """Depth-first over the MIME tree, taking one body per alternative and every picture."""
    if depth > 20 or len(parsed.problems) > 50:
        return
    try:
        ctype = part.get_content_type()
    except Exception:
        ctype = "application/octet-stream"
    if part.is_multipart():
        children = _children(part, parsed)
        chosen = _best_alternative(children) if ctype == "multipart/alternative" else None
        for child in children:
            # the other alternatives are the same words again; only their pictures are wanted
            _walk(child, parsed, bodies, depth + 1, text and (chosen is None or child is chosen))
        return
    if ctype == "message/rfc822":
        for inner in _children(part, parsed):  # a forwarded message as an attachment
            parsed.forwarded = True
            _walk(inner, parsed, bodies, depth + 1, text)
        return
    disposition = _disposition(part)
    name = _filename(part)
    if ctype in IMAGE_TYPES or (ctype == "application/octet-stream" and name.lower().endswith(IMAGE_SUFFIXES)):
        _take_image(part, parsed, ctype, name)
    elif ctype in ("text/plain", "text/html") and disposition != "attachment" and text:
        words = _text(part, parsed)
        bodies.append(html_to_text(words) if ctype == "text/html" else words)
    elif ctype.startswith("image/"):
        parsed.problems.append(f"attachment {name or ctype!s} is not a photo type we accept ({ctype})")


def _children(part: Message, parsed: ParsedMessage) -> list[Message]:
    try:
        payload = part.get_payload()
    except Exception:
        payload = None
    if isinstance(payload, Message):
        return [payload]
    if not isinstance(payload, list):
        return []
    if len(payload) > MAX_PARTS:
        parsed.problems.append(f"only the first {MAX_PARTS} of {len(payload)} parts were read")
    return [p for p in payload[:MAX_PARTS] if isinstance(p, Message)]


def _best_alternative(children: list[Message]) -> Message | None:
    """Plain text if it has words, else HTML: some clients send an empty text/plain beside the real HTML."""
    plain = [c for c in children if c.get_content_type() == "text/plain"]
    html = [c for c in children if c.get_content_type() == "text/html"]
    nested = [c for c in children if c.is_multipart()]
    if plain and _payload_bytes(plain[0]).strip():
        return plain[0]
    return (html or nested or plain or [None])[0]


def _disposition(part: Message) -> str:
    try:
        return (part.get_content_disposition() or "").lower()
    except Exception:
        return ""


def _filename(part: Message) -> str:
    try:
        name = part.get_filename() or ""
    except Exception:
        name = ""
    return name.replace("/", "_").replace("\\", "_")[:100]


def _payload_bytes(part: Message) -> bytes:
    try:
        data = part.get_payload(decode=True)
    except Exception:
        return b""
    return data if isinstance(data, bytes) else b""


def _text(part: Message, parsed: ParsedMessage) -> str:
    """The part's text in its declared charset, falling back rather than failing on lies and unknown names."""
    if isinstance(part, EmailMessage):
        try:
            content = part.get_content()
            if isinstance(content, str):
                return content[:MAX_TEXT]
        except (LookupError, UnicodeError, ValueError, AssertionError, AttributeError, TypeError):
            pass
    data = _payload_bytes(part)[: MAX_TEXT * 4]
    try:
        declared = part.get_content_charset() or ""
    except Exception:
        declared = ""
    for charset in (declared, "utf-8"):
        if not charset:
            continue
        try:
            return data.decode(charset)
        except (LookupError, UnicodeError):
            continue
    if declared:
        parsed.problems.append(f"text in an unknown or wrong charset ({declared[:40]}) was read as Windows-1252")
    return data.decode("cp1252", errors="replace")


def _take_image(part: Message, parsed: ParsedMessage, ctype: str, name: str) -> None:
    data = _payload_bytes(part)
    label = name or ctype
    if not data:
        parsed.problems.append(f"attachment {label} is empty or its encoding is broken")
        return
    parsed.images.append(ImagePart(name=name or "photo", content_type=ctype, data=data))
