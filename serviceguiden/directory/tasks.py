"""Spreadsheet imports from the editor as background tasks (Django's tasks API with the
database backend; run by `serviceguiden worker`). See `spreadsheet.jobs`."""

from __future__ import annotations

from django_tasks import task

QUEUE = "imports"


@task(queue_name=QUEUE)
def run_import(job_id: int) -> str:
    from serviceguiden.directory.spreadsheet.jobs import run

    return run(job_id)
