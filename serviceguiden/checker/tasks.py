"""Scans as background tasks (Django's tasks API with the database backend; run by
`serviceguiden worker`, on one machine or many sharing PostgreSQL).

A run is split into `crawl_slice` tasks; each claims frontier rows a few at a time
(`runs.claim`), so two workers never read the same URL, and keeps going until no row is left
and no other worker holds one; the last one finishes the run. A scheduled scan starts a run
and queues its own next start.
"""

from __future__ import annotations

import datetime as dt

from django.utils import timezone
from django_tasks import task

from serviceguiden.checker import runs
from serviceguiden.checker.models import ScanRun, ScanSchedule

QUEUE = "scans"


@task(queue_name=QUEUE)
def crawl_slice(run_id: int) -> bool:
    from serviceguiden.checker.crawl import run_slice

    return run_slice(run_id)


def enqueue_run(run: ScanRun, tasks: int = 2) -> None:
    for _ in range(max(1, tasks)):
        crawl_slice.enqueue(run.pk)


@task(queue_name=QUEUE)
def scheduled_scan(schedule_id: int) -> int | None:
    """Start the schedule's scan now (unless one of it is still running) and queue the next."""
    schedule = ScanSchedule.objects.filter(pk=schedule_id, active=True).first()
    if schedule is None:
        return None
    now = timezone.now()
    if schedule.next_run_at > now + dt.timedelta(minutes=1):
        return None  # rescheduled since this task was queued; a newer task will come
    run_id = None
    if not schedule.runs.filter(state__in=["queued", "running", "finishing"]).exists():
        run = runs.create(schedule.sources, schedule.options, schedule.created_by, schedule)
        enqueue_run(run, int(schedule.options.get("tasks", 2)))
        run_id = run.pk
    schedule.next_run_at = now + dt.timedelta(days=schedule.every_days)
    schedule.save(update_fields=["next_run_at"])
    scheduled_scan.using(run_after=schedule.next_run_at).enqueue(schedule.pk)
    return run_id
