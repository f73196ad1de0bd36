"""Importing many messages at once: reading in worker processes, storing in order in this one.

Most of the time intake spends on a message goes to reading it (MIME parsing, structuring) and, when it carries
photos, to re-encoding them; none of that needs the database. :func:`import_many` hands that part
(:func:`~solidarity.intake.services.prepare`) to a pool of worker processes and stores the results here, one
transaction per message and strictly in the order the messages came. So the guarantees of
:func:`~solidarity.intake.services.import_message` hold unchanged: the first of two equal messages is the
original, and a mailbox position never passes a message that is not stored. Only a few messages are in flight at
once, so memory stays that of a handful of messages however big the mailbox.

Workers are forked from this process after the gazetteer is loaded, so they share it instead of loading their
own, and they never open a database connection. If a worker dies (a crash in an image decoder, say), the rest
of the run reads messages in this process; nothing is lost either way.
"""

from __future__ import annotations

import contextlib
import ctypes
import datetime
import logging
import multiprocessing
import os
import signal
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass

from django.db import connections
from django.utils import timezone

from solidarity.campaigns.models import Campaign
from solidarity.intake.models import Mailbox, Message
from solidarity.intake.parse import message_id_of
from solidarity.intake.services import CampaignDays, Imported, Prepared, import_message, prepare
from solidarity.places.geocode import preload

log = logging.getLogger(__name__)
PR_SET_PDEATHSIG = 1  # from <sys/prctl.h>
IN_FLIGHT_PER_WORKER = 4  # enough to keep every worker busy while the writer stores; few enough to stay small


def default_workers() -> int:
    """One worker per core this process may use; on one core, reading in-process is cheaper than a pool."""
    try:
        cores = len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        cores = os.cpu_count() or 1
    return cores if cores > 1 else 0


@dataclass
class _Pending:
    raw: bytes
    uid: int | None
    future: Future[Prepared] | None  # None: read in this process (already stored, or no pool)


def import_many(
    campaign: Campaign,
    messages: Iterable[tuple[bytes, int | None]],
    *,
    source: str,
    mailbox: Mailbox | None = None,
    workers: int | None = None,
    today: datetime.date | None = None,
) -> Iterator[Imported]:
    """Import ``(raw, uid)`` pairs in order, yielding each result as it is stored.

    ``workers`` is the number of reading processes (``None``: one per core; ``0``: read in this process).
    """
    workers = default_workers() if workers is None else workers
    known = set(Message.objects.filter(campaign=campaign).values_list("message_id", flat=True))
    store = lambda item, prepared: import_message(  # noqa: E731
        campaign=campaign, raw=item.raw, source=source, mailbox=mailbox, uid=item.uid, known=known,
        prepared=prepared, today=today,
    )  # fmt: skip
    if workers <= 0:
        for raw, uid in messages:
            yield store(_Pending(raw, uid, None), None)
        return
    preload()  # before the fork, so every worker shares the one gazetteer
    if not any(connection.in_atomic_block for connection in connections.all()):
        # a forked child must not share this process's connections (it never uses them; closing makes sure).
        # Inside a caller's transaction (a test's, say) they stay open: the children still never touch them.
        connections.close_all()
    days = CampaignDays.of(campaign)
    day = today or timezone.localdate()
    pool: ProcessPoolExecutor | None = ProcessPoolExecutor(
        workers, mp_context=multiprocessing.get_context("fork"), initializer=_die_with, initargs=(os.getpid(),)
    )
    pending: deque[_Pending] = deque()
    submitted: set[str] = set()
    try:
        for raw, uid in messages:
            message_id = message_id_of(raw)
            future = None
            if pool is not None and message_id not in known and message_id not in submitted:
                try:
                    future = pool.submit(prepare, raw, message_id, days, day)
                    submitted.add(message_id)
                except BrokenProcessPool:
                    pool = _give_up(pool)
            pending.append(_Pending(raw, uid, future))
            while len(pending) >= workers * IN_FLIGHT_PER_WORKER:
                yield _finish(pending.popleft(), store)
        while pending:
            yield _finish(pending.popleft(), store)
    except BaseException:
        if pool is not None:  # do not wait for readers on the way out of an error; they end with their queue
            pool.shutdown(wait=False, cancel_futures=True)
            pool = None
        raise
    finally:
        if pool is not None:
            pool.shutdown(wait=True)


def _die_with(parent: int) -> None:
    """A reader ends when the importer does, even when it is killed with SIGKILL: otherwise readers would wait on
    their queue forever. Linux's parent-death signal does it; elsewhere they end when their queue is closed."""
    with contextlib.suppress(OSError, AttributeError):
        ctypes.CDLL(None, use_errno=True).prctl(PR_SET_PDEATHSIG, signal.SIGKILL)
    if os.getppid() != parent:  # the importer died before the signal was set up
        os._exit(1)


def _finish(item: _Pending, store: Callable[[_Pending, Prepared | None], Imported]) -> Imported:
    prepared = None
    if item.future is not None:
        try:
            prepared = item.future.result()
        except BrokenProcessPool:
            log.warning("intake: a reading process died; this message is read again in the importer")
    return store(item, prepared)


def _give_up(pool: ProcessPoolExecutor) -> None:
    log.warning("intake: the reading processes are gone; the rest of the run reads in the importer")
    pool.shutdown(wait=False, cancel_futures=True)
