"""Importing many messages at once: reading in worker processes, storing in order in this one.

Most of the time intake spends on a message goes to reading it (MIME parsing, structuring) and, when it carries
photos, to re-encoding them; none of that needs the database or the media store. :func:`import_many` hands that
part (:func:`~solidarity.intake.services.prepare`) to a pool of worker processes and stores the results here, one
transaction per message and strictly in the order the messages came. So the guarantees of
:func:`~solidarity.intake.services.import_message` hold unchanged: the first of two equal messages is the
original, and a mailbox position never passes a message that is not stored. Only a few messages are in flight at
once, so memory stays that of a handful of messages however big the mailbox.

Workers are forked from this process after the gazetteer is loaded, so they share it instead of loading their
own. They open no connection of any kind (database, media store, cache): they only compute. A worker that dies
(a crash in an image decoder, say) takes the messages in flight with it; each of those is then read again alone
in a fresh process, so the one that kills its reader is found and kept as unreadable for a moderator, and the
import goes on. If reading the source fails (the mail server hangs up), the messages already read are stored
before the error is raised.
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
CRASHED = "reading this message stopped the process reading it (a crash in a decoder, or out of memory)"


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
    message_id: str
    future: Future[Prepared] | None  # None: nothing to read (already stored, or met earlier in this run)


_Store = Callable[[_Pending, Prepared | None], Imported]


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
    if workers <= 0:
        for raw, uid in messages:
            yield import_message(campaign=campaign, raw=raw, source=source, mailbox=mailbox, uid=uid, today=today)
        return
    known = set(Message.objects.filter(campaign=campaign).values_list("message_id", flat=True))

    def store(item: _Pending, prepared: Prepared | None) -> Imported:
        return import_message(
            campaign=campaign, raw=item.raw, source=source, mailbox=mailbox, uid=item.uid, known=known,
            prepared=prepared, today=today,
        )  # fmt: skip

    preload()  # before the fork, so every worker shares the one gazetteer
    if not any(connection.in_atomic_block for connection in connections.all()):
        # a forked child must not share this process's connections (it never uses them; closing makes sure).
        # Inside a caller's transaction (a test's, say) they stay open: the children still never touch them.
        connections.close_all()
    readers = _Readers(workers, CampaignDays.of(campaign), today or timezone.localdate())
    pending: deque[_Pending] = deque()
    submitted: set[str] = set()
    source_iterator = iter(messages)
    try:
        while True:
            try:
                raw, uid = next(source_iterator)
            except StopIteration:
                break
            except Exception:  # the source failed: store what was read before it, then say so
                while pending:
                    yield readers.finish(pending.popleft(), store)
                raise
            message_id = message_id_of(raw)
            fresh = message_id not in known and message_id not in submitted
            submitted.add(message_id)
            pending.append(_Pending(raw, uid, message_id, readers.submit(raw, message_id) if fresh else None))
            while len(pending) >= workers * IN_FLIGHT_PER_WORKER:
                yield readers.finish(pending.popleft(), store)
        while pending:
            yield readers.finish(pending.popleft(), store)
    finally:
        readers.close(wait=not pending)


class _Readers:
    """The pool of reading processes, replaced when one of them dies."""

    def __init__(self, workers: int, days: CampaignDays, today: datetime.date) -> None:
        self.workers, self.days, self.today = workers, days, today
        self.pool = self._new_pool(workers)

    def _new_pool(self, workers: int) -> ProcessPoolExecutor:
        context = multiprocessing.get_context("fork")
        return ProcessPoolExecutor(workers, mp_context=context, initializer=_die_with, initargs=(os.getpid(),))

    def submit(self, raw: bytes, message_id: str) -> Future[Prepared]:
        try:
            return self.pool.submit(prepare, raw, message_id, self.days, self.today)
        except BrokenProcessPool:  # a reader died since the last message: carry on with new ones
            self.pool.shutdown(wait=False, cancel_futures=True)
            self.pool = self._new_pool(self.workers)
            return self.pool.submit(prepare, raw, message_id, self.days, self.today)

    def finish(self, item: _Pending, store: _Store) -> Imported:
        """Store ``item`` once read; a message whose reader died is read again alone (see the module)."""
        if item.future is None:
            return store(item, None)  # already stored: import_message finds it
        try:
            prepared = item.future.result()
        except BrokenProcessPool:
            prepared = self._alone(item)
        return store(item, prepared)

    def _alone(self, item: _Pending) -> Prepared:
        """Read one message in a process of its own: if that dies too, this message is the one that kills."""
        log.warning("intake: a reading process died; reading its messages again one at a time")
        single = self._new_pool(1)
        try:
            return single.submit(prepare, item.raw, item.message_id, self.days, self.today).result()
        except BrokenProcessPool:
            log.error("intake: a message stops any process reading it; kept unread for a moderator")
            return Prepared(item.message_id, None, problems=[CRASHED])
        finally:
            single.shutdown(wait=False, cancel_futures=True)

    def close(self, *, wait: bool) -> None:
        """Wait for the readers after a whole run; on the way out of an error, let them end with their queue."""
        self.pool.shutdown(wait=wait, cancel_futures=not wait)


def _die_with(parent: int) -> None:
    """A reader ends when the importer does, even when it is killed with SIGKILL: otherwise readers would wait on
    their queue forever. Linux's parent-death signal does it; elsewhere they end when their queue is closed."""
    with contextlib.suppress(OSError, AttributeError):
        ctypes.CDLL(None, use_errno=True).prctl(PR_SET_PDEATHSIG, signal.SIGKILL)
    if os.getppid() != parent:  # the importer died before the signal was set up
        os._exit(1)
