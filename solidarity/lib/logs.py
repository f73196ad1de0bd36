"""Logs an operator can read and grep, that say nothing about the people using the site.

Every line is one JSON object (time, level, logger, message and a few named fields), so a log shipper or
``jq`` reads it without parsing prose. What never goes in: IP addresses, e-mail addresses, query strings,
request bodies, and the values a database puts in its error details ("Key (contact)=(...) already exists").
The formatter scrubs those patterns from every message and traceback as a last line of defence; the code
itself logs routes and counts, not content.
"""

from __future__ import annotations

import json
import logging
import re
import time
import traceback
from collections.abc import Callable
from typing import Any

from django.http import HttpRequest, HttpResponse

_EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
_IPV4 = re.compile(r"(?<![\w.])(?:\d{1,3}\.){3}\d{1,3}(?![\w.])")
_IPV6 = re.compile(r"(?<![\w:.])[0-9A-Fa-f:]{3,39}(?![\w:])")
_DB_DETAIL = re.compile(r"^DETAIL:.*$", re.MULTILINE)  # PostgreSQL quotes the offending values here

# Fields a log call may add with ``extra=``; anything else is dropped rather than trusted.
FIELDS = ("method", "route", "view", "status", "ms", "task", "count", "campaign")


def scrub(text: str) -> str:
    """The text with addresses and database value details replaced by placeholders."""
    text = _DB_DETAIL.sub("DETAIL: [removed]", text)
    text = _EMAIL.sub("[e-mail]", text)
    text = _IPV4.sub("[ip]", text)
    return _IPV6.sub(_ipv6, text)


def _ipv6(match: re.Match[str]) -> str:
    """An IPv6 address has "::" or seven colons; a time of day ("19:22:04") has neither."""
    found = match.group(0)
    return "[ip]" if "::" in found or found.count(":") == 7 else found


def _route(request: Any) -> str:
    match = getattr(request, "resolver_match", None)
    return "/" + match.route if match is not None and match.route else "[path]"


class RequestPathFilter(logging.Filter):
    """Put the URL pattern where Django's own lines put the path ("Not Found: /en/people/<slug>/").

    A path can name someone: a hidden person's address typed by a visitor, a search, a token. Django's
    request and security loggers pass the request with the record, so the path among the arguments is known.
    """

    def filter(self, record: logging.LogRecord) -> bool:
        request = getattr(record, "request", None)
        if request is not None and isinstance(record.args, tuple):
            paths = {getattr(request, "path", None), getattr(request, "path_info", None)}
            paths.discard(None)
            record.args = tuple(_route(request) if arg in paths else arg for arg in record.args)
        return True


def describe_exception(exc: BaseException) -> str:
    """Where an error happened (every frame, through the chain of causes) and its type, never its message.

    Messages carry values: a database error quotes the row it refused, a ``KeyError`` names the key, our own
    code may format a field into one. The frames and the type are what finding the bug takes.
    """
    parts: list[str] = []
    seen: set[int] = set()
    current: BaseException | None = exc
    while current is not None and id(current) not in seen:
        seen.add(id(current))
        frames = "".join(traceback.format_tb(current.__traceback__))
        kind = f"{type(current).__module__}.{type(current).__qualname__}"
        parts.append(f"Traceback (most recent call last):\n{frames}{kind}")
        current = current.__cause__ or current.__context__
    return "\n\nwhile handling the above, or caused by it:\n".join(reversed(parts))


class JsonFormatter(logging.Formatter):
    """One JSON object per line; tracebacks keep their frames (they are how bugs get fixed), not messages."""

    def format(self, record: logging.LogRecord) -> str:
        entry: dict[str, Any] = {
            "time": time.strftime("%Y-%m-%dT%H:%M:%S", time.gmtime(record.created)) + f".{int(record.msecs):03d}Z",
            "level": record.levelname,
            "logger": record.name,
            "message": scrub(record.getMessage()),
        }
        for name in FIELDS:
            value = getattr(record, name, None)
            if value is not None:
                entry[name] = value
        if record.exc_info and record.exc_info[1] is not None:
            entry["error"] = scrub(describe_exception(record.exc_info[1]))
        return json.dumps(entry, ensure_ascii=False, default=str)


class PlainFormatter(logging.Formatter):
    """The same rules for people who prefer prose on a terminal."""

    def formatException(self, ei: Any) -> str:  # noqa: N802 (logging's name)
        return describe_exception(ei[1]) if ei and ei[1] is not None else ""

    def format(self, record: logging.LogRecord) -> str:
        return scrub(super().format(record))


_requests = logging.getLogger("solidarity.request")


class RequestLogMiddleware:
    """One line per request: method, the URL pattern that answered (not the path typed), status, duration.

    The pattern, rather than the path, keeps search words, tokens and whatever else a client puts in a URL out
    of the log, and makes the lines easy to aggregate. Snapshot hits never reach Django and are not logged.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        started = time.perf_counter()
        response = self.get_response(request)
        match = getattr(request, "resolver_match", None)
        route = "/" + match.route if match is not None and match.route else "-"
        _requests.info(
            "%s %s %s",
            request.method,
            route,
            response.status_code,
            extra={
                "method": request.method,
                "route": route,
                "view": match.view_name if match is not None else None,
                "status": response.status_code,
                "ms": round((time.perf_counter() - started) * 1000, 1),
            },
        )
        return response
