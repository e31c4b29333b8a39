"""`serviceguiden worker`: run background tasks (webhook deliveries and their retries) from the
database queue, and sweep the outbox. `serve` starts one in the embedded set-up and restarts
it when it exits; in production run it as its own service. It is django-tasks-db's worker with
every queue by default, supervised:

- a database error (SQLite's lock held by a long import, a dropped PostgreSQL connection) is
  logged and retried with backoff instead of ending the worker;
- tasks left RUNNING by a worker that died are made ready again after `RECLAIM_AFTER`;
- every `SWEEP_SECONDS` the outbox is published (`publish_pending`): a change committed by a
  process that died before it published is announced within seconds, not at the next start;
- with a shared store (several servers on one PostgreSQL database, `replica.py`) it applies
  what other servers publish to this server's disk as soon as PostgreSQL announces it.
"""

from __future__ import annotations

import datetime as dt
import logging
import os
import socket
import threading
import time

from django.db import DatabaseError, close_old_connections
from django.utils import timezone
from django_tasks_db.management.commands.db_worker import Command as DatabaseWorkerCommand
from django_tasks_db.models import DBTaskResult

logger = logging.getLogger(__name__)

SWEEP_SECONDS = 2.0
RECLAIM_AFTER = dt.timedelta(minutes=5)  # longer than any delivery's timeout
MAX_BACKOFF = 30.0


def reclaim_abandoned_tasks(now: dt.datetime | None = None) -> int:
    """Tasks a dead worker left RUNNING go back to the queue (a delivery counts its attempt
    only when the outcome is known, so running it again is safe: at least once)."""
    cutoff = (now or timezone.now()) - RECLAIM_AFTER
    count = DBTaskResult.objects.filter(status="RUNNING", started_at__lt=cutoff).update(
        status="READY", started_at=None
    )
    if count:
        logger.warning("Reclaimed %d task(s) left running by a worker that stopped", count)
    return count


def sweep_once(worker: str = "") -> None:
    from serviceguiden.publishing.models import WorkerHeartbeat
    from serviceguiden.publishing.publish import publish_pending

    WorkerHeartbeat.objects.update_or_create(
        worker=worker or f"{socket.gethostname()}:{os.getpid()}",
        defaults={"seen_at": timezone.now()},
    )
    WorkerHeartbeat.objects.filter(seen_at__lt=timezone.now() - dt.timedelta(days=1)).delete()
    reclaim_abandoned_tasks()
    for result in publish_pending():
        logger.info("Outbox sweep published change %s", result.change.pk if result.change else "-")


class Sweeper(threading.Thread):
    """The outbox sweep and the reclaiming of abandoned tasks, on their own connection."""

    def __init__(self, interval: float = SWEEP_SECONDS):
        super().__init__(name="outbox-sweeper", daemon=True)
        self.interval = interval
        self.stopping = threading.Event()

    def run(self) -> None:
        delay = self.interval
        while not self.stopping.wait(delay):
            try:
                close_old_connections()
                sweep_once()
                delay = self.interval
            except Exception:  # logged and retried: the sweep must outlive any one error
                delay = min(delay * 2, MAX_BACKOFF)
                logger.exception("Outbox sweep failed; retrying in %.0f s", delay)


class Command(DatabaseWorkerCommand):
    summary = "Run background tasks (webhooks, imports), the outbox and the shared store"
    help = (
        "Run background tasks (signed webhook deliveries with retries and backoff) and publish "
        "committed changes that are not yet announced. Stops cleanly on SIGINT/SIGTERM."
    )

    def add_arguments(self, parser):
        super().add_arguments(parser)
        parser.set_defaults(queue_name="*")

    def handle(self, *args, **options):
        from serviceguiden.publishing import replica

        sweeper = replicator = None
        if not options.get("batch"):
            sweeper = Sweeper()
            sweeper.start()
            if replica.enabled():
                replicator = replica.Replicator()
                replicator.start()
        delay = 1.0
        try:
            while True:
                try:
                    return super().handle(*args, **options)
                except DatabaseError as exc:
                    logger.warning(
                        "Database error in the worker (%s); retrying in %.0f s", exc, delay
                    )
                    time.sleep(delay)
                    delay = min(delay * 2, MAX_BACKOFF)
                    close_old_connections()
        finally:
            if sweeper is not None:
                sweeper.stopping.set()
            if replicator is not None:
                replicator.stopping.set()
