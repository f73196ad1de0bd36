"""One error shape for every failure of the API.

``{"error": {"code": "validation_error", "message": "...", "fields": {"held_on": ["..."]}}}``: a stable code a
program can branch on, a sentence a person can read (in the request's language), and for invalid input the
messages per field. Handlers are registered on the NinjaAPI, so ninja's own errors (a malformed body, a missing
key) come out the same as ours. An unexpected error says nothing about its cause: its message might hold what
a reporter sent, so even the log line carries only the exception's type and where it was raised.
"""

from __future__ import annotations

import errno
import logging
import traceback
from typing import Any

from django.core.exceptions import (
    NON_FIELD_ERRORS,
    ObjectDoesNotExist,
    PermissionDenied,
    RequestDataTooBig,
    SuspiciousOperation,
)
from django.core.exceptions import ValidationError as DjangoValidationError
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.utils.translation import gettext as _
from ninja import NinjaAPI
from ninja.errors import AuthenticationError, AuthorizationError, HttpError, Throttled
from ninja.errors import ValidationError as NinjaValidationError

from solidarity.lib.outage import RETRY_AFTER_SECONDS, is_database_outage

logger = logging.getLogger("solidarity.api")

# ninja's error locations start with where the value came from and, for a body, the parameter's name.
_SOURCES = {"body", "query", "path", "header", "cookie", "form", "file"}
_BODY_PARAMETERS = {"payload"}


class ApiError(Exception):
    """An error with its own status and code, raised by the routers (e.g. a key scoped to another campaign)."""

    def __init__(self, status: int, code: str, message: str) -> None:
        super().__init__(message)
        self.status, self.code, self.message = status, code, message


def error_response(status: int, code: str, message: str, fields: dict[str, list[str]] | None = None) -> JsonResponse:
    body: dict[str, Any] = {"code": code, "message": message}
    if fields:
        body["fields"] = fields
    response = JsonResponse({"error": body}, status=status, json_dumps_params={"ensure_ascii": False})
    response["Cache-Control"] = "no-store"
    return response


def not_found(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
    """Any address under the API that names nothing, answered in the API's shape rather than as a web page."""
    return error_response(404, "not_found", _("Nothing here: see the API description at openapi.json."))


def _field_name(location: list[Any] | tuple[Any, ...]) -> str:
    parts = list(location)
    if parts and parts[0] in _SOURCES:
        parts = parts[1:]
    if len(parts) > 1 and parts[0] in _BODY_PARAMETERS:
        parts = parts[1:]
    return ".".join(str(part) for part in parts) or NON_FIELD_ERRORS


def _message(error: dict[str, Any]) -> str:
    """Our own (translated) sentence for the common kinds of invalid value; pydantic's English otherwise."""
    kind = error.get("type", "")
    context = error.get("ctx") or {}
    if kind == "missing":
        return _("This field is required.")
    if kind.startswith("date") or kind.startswith("datetime"):
        return _("Give a date as YYYY-MM-DD.")
    if kind.startswith("int") or kind == "float_parsing":
        return _("Give a whole number.")
    if kind.startswith("bool"):
        return _("Give true or false.")
    if kind == "string_too_long":
        return _("Too long: at most %(n)s characters.") % {"n": context.get("max_length", "?")}
    if kind == "too_long":
        return _("Too many: at most %(n)s.") % {"n": context.get("max_length", "?")}
    if kind in ("string_too_short", "too_short"):
        return _("This may not be empty.")
    if kind == "literal_error" or kind == "enum":
        return _("Choose one of: %(choices)s.") % {"choices": context.get("expected", "")}
    if kind in ("greater_than", "greater_than_equal", "less_than", "less_than_equal"):
        return _("The number is out of range.")
    if kind == "string_pattern_mismatch":
        return _("This value does not have the expected form.")
    if kind == "unstorable_text":
        return _("Text may not hold NUL or unpaired surrogate characters.")
    if kind == "extra_forbidden":
        return _("Unknown field.")
    if kind in ("model_type", "model_attributes_type", "dict_type"):
        return _("Send a JSON object.")
    return str(error.get("msg", _("This value is not valid.")))


def _ninja_validation(request: HttpRequest, exc: NinjaValidationError) -> HttpResponse:
    fields: dict[str, list[str]] = {}
    for error in exc.errors:
        fields.setdefault(_field_name(error.get("loc", ())), []).append(_message(error))
    return error_response(422, "validation_error", _("Some values are missing or not valid."), fields)


def _django_validation(request: HttpRequest, exc: DjangoValidationError) -> HttpResponse:
    """Errors from the services, with their fields kept: the same checks, the same words as the web form."""
    if hasattr(exc, "error_dict"):
        fields = {
            name: [str(m) for m in DjangoValidationError(errors).messages] for name, errors in exc.error_dict.items()
        }
        general = fields.pop(NON_FIELD_ERRORS, [])
        message = " ".join(general) or _("Some values are missing or not valid.")
        return error_response(422, "validation_error", message, fields)
    return error_response(422, "validation_error", " ".join(str(m) for m in exc.messages))


def _api_error(request: HttpRequest, exc: ApiError) -> HttpResponse:
    return error_response(exc.status, exc.code, exc.message)


def _suspicious(request: HttpRequest, exc: SuspiciousOperation) -> HttpResponse:
    """Django's refusals of a request's size or form (as its own views would answer with a 400)."""
    if isinstance(exc, RequestDataTooBig):
        return error_response(413, "too_large", _("The request is too large."))
    return error_response(400, "bad_request", _("The request could not be read."))


def _unauthorized(request: HttpRequest, exc: Exception) -> HttpResponse:
    response = error_response(
        401, "unauthorized", _("A valid API key is needed: send it as “Authorization: Bearer <key>”.")
    )
    response["WWW-Authenticate"] = "Bearer"
    return response


def _forbidden(request: HttpRequest, exc: Exception) -> HttpResponse:
    return error_response(403, "forbidden", _("This API key may not do that."))


def _not_found(request: HttpRequest, exc: Exception) -> HttpResponse:
    return error_response(404, "not_found", _("Not found."))


def _throttled(request: HttpRequest, exc: Throttled) -> HttpResponse:
    # ninja adds Retry-After itself once this handler returns (from the throttle's wait())
    return error_response(429, "rate_limited", _("Too many requests in a short time; please wait and try again."))


def _http_error(request: HttpRequest, exc: HttpError) -> HttpResponse:
    """ninja's other errors; in practice a body that cannot be parsed."""
    if exc.status_code == 400:
        message = _(
            "The request body could not be read: send JSON (photos: multipart form data) with a matching Content-Type."
        )
        return error_response(400, "bad_request", message)
    return error_response(exc.status_code, "error", str(exc))


def _server_error(request: HttpRequest, exc: Exception) -> HttpResponse:
    if isinstance(exc, OSError) and exc.errno in (errno.ENOSPC, errno.EDQUOT):
        response = error_response(503, "unavailable", _("The server could not store the file just now; try again."))
        response["Retry-After"] = str(RETRY_AFTER_SECONDS)
        return response
    if is_database_outage(exc):  # nothing was written (one transaction per request): the client may simply retry
        message = _("The service cannot reach its database just now; nothing was saved. Try again shortly.")
        response = error_response(503, "unavailable", message)
        response["Retry-After"] = str(RETRY_AFTER_SECONDS)
        return response
    frames = "".join(traceback.format_tb(exc.__traceback__))
    logger.error("API error %s on %s %s\n%s", type(exc).__name__, request.method, request.path, frames)
    return error_response(500, "server_error", _("Something went wrong on our side. Please try again later."))


def register(api: NinjaAPI) -> None:
    """Answer every error of ``api`` in the one shape; the most specific class wins (ninja looks up the MRO)."""
    handlers: list[tuple[type[Exception], Any]] = [
        (Exception, _server_error),
        (NinjaValidationError, _ninja_validation),
        (DjangoValidationError, _django_validation),
        (ApiError, _api_error),
        (AuthenticationError, _unauthorized),
        (AuthorizationError, _forbidden),
        (PermissionDenied, _forbidden),
        (Http404, _not_found),
        (ObjectDoesNotExist, _not_found),
        (Throttled, _throttled),
        (SuspiciousOperation, _suspicious),
        (HttpError, _http_error),
    ]
    for exc_class, handler in handlers:
        api.add_exception_handler(exc_class, handler)
