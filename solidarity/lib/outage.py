"""What a visitor sees when the database is briefly away (a restart, a failover, a full disk).

Django turns any uncaught exception into its 500 page. A lost database connection is not a bug, though: the
request did nothing (every write runs in one transaction, so it was rolled back whole) and the same request
will work in a moment. So the error handler answers such failures with 503, ``Retry-After`` and a page that
says exactly that, instead of "something went wrong".
"""

from __future__ import annotations

import sys

from django import db
from django.http import HttpRequest, HttpResponse
from django.template import loader

RETRY_AFTER_SECONDS = 30


def is_database_outage(exc: BaseException | None) -> bool:
    """True for a failure to reach or use the database, as opposed to a bug in a query."""
    while exc is not None:
        if isinstance(exc, db.OperationalError | db.InterfaceError):
            return True
        exc = exc.__cause__ or exc.__context__
    return False


def unavailable(request: HttpRequest) -> HttpResponse:
    response = HttpResponse(loader.render_to_string("503.html", request=None), status=503)
    response["Retry-After"] = str(RETRY_AFTER_SECONDS)
    response["Cache-Control"] = "no-store"
    return response


def server_error(request: HttpRequest) -> HttpResponse:
    """``handler500``: 503 "try again" for a database outage, the plain 500 page for anything else."""
    if is_database_outage(sys.exc_info()[1]):
        return unavailable(request)
    return HttpResponse(loader.render_to_string("500.html", request=None), status=500)
