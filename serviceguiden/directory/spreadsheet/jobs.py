"""Spreadsheet imports started in the editor, run by the background worker (`serviceguiden
worker`; `serve` starts one): a dry run or an import of 1,000 rows takes 15–60 s, too long for
a request. The uploaded file is kept in an `ImportJob` with its mapping and options; each step
(`start`, then `next_step` with a changed mapping or to apply) queues `tasks.run_import`, and
`run` does the step as the uploader, through `importer.import_spreadsheet` — the same rows,
rights and validation as on the command line, where `serviceguiden import` stays synchronous.
The report is kept on the job for its uploader to read, and to apply.
"""

from __future__ import annotations

import datetime as dt
import logging

from django.core.exceptions import PermissionDenied
from django.utils import timezone

from serviceguiden.core.models import ImportJob
from serviceguiden.directory import access
from serviceguiden.directory.errors import Problem
from serviceguiden.directory.spreadsheet import columns, mappings
from serviceguiden.directory.spreadsheet.importer import (
    MappingError,
    SpreadsheetReport,
    import_spreadsheet,
    problem_from_dict,
)
from serviceguiden.directory.spreadsheet.read import SpreadsheetError, Table, read_table

logger = logging.getLogger(__name__)

KEEP = dt.timedelta(days=7)  # a user's uploads older than this go at their next upload


class StepRefused(Exception):
    """A step the job cannot take now; Swedish and English messages."""

    def __init__(self, message_sv: str, message_en: str):
        super().__init__(message_en)
        self.message_sv = message_sv
        self.message_en = message_en

    def message(self, lang: str) -> str:
        return self.message_en if lang == "en" else self.message_sv


def start(user, data: bytes, table: Table, *, organisation, publish: bool) -> ImportJob:
    """Keep the uploaded file (already read into `table`) and queue its first dry run, with
    the mapping `user` chose for this export last time, else the one the column names give."""
    access.require_global_admin(user, "importera / import")
    ImportJob.objects.filter(user=user, created_at__lt=timezone.now() - KEEP).delete()
    mapping, remembered = mappings.mapping_for(user, table)
    job = ImportJob.objects.create(
        user=user, filename=table.filename, data=data, header_row=table.header_row,
        headers=list(table.headers), mapping=_stored(mapping), remembered=remembered,
        organisation=organisation, publish=publish,
    )  # fmt: skip
    _queue(job, ImportJob.DRY_RUN)
    return job


def next_step(job: ImportJob, user, mapping: dict[int, str], *, organisation, publish: bool,
              apply: bool) -> ImportJob:  # fmt: skip
    """Queue a dry run with this mapping and these options, or the import. The import takes
    the mapping and options of the dry run its uploader has read: when they were changed, a
    new dry run comes first."""
    if not access.can_see_import(user, job):
        raise PermissionDenied
    if job.is_active:
        raise StepRefused(
            "Förra steget pågår fortfarande: vänta tills det är klart.",
            "The last step is still running: wait until it is done.",
        )
    if job.applied:
        raise StepRefused("Filen är redan importerad.", "The file is already imported.")
    same = (
        _stored(mapping) == job.mapping
        and organisation == job.organisation
        and publish == job.publish
    )
    if apply and not same:
        apply = False  # the user changed the mapping: they see what it does first
    if apply and not (job.step == ImportJob.DRY_RUN and job.state == ImportJob.DONE and job.report):
        raise StepRefused(
            "Provkör filen först: importen gör det som provkörningen visade.",
            "Try the file first: the import does what the dry run showed.",
        )
    job.mapping, job.organisation, job.publish = _stored(mapping), organisation, publish
    job.remembered = job.remembered and same
    _queue(job, ImportJob.APPLY if apply else ImportJob.DRY_RUN)
    return job


def _queue(job: ImportJob, step: str) -> None:
    from serviceguiden.directory.tasks import run_import

    job.step, job.state = step, ImportJob.QUEUED
    job.report, job.problems, job.error = None, [], {}
    job.queued_at, job.started_at, job.finished_at = timezone.now(), None, None
    job.save()
    run_import.enqueue(job.pk)  # a row in the same transaction as the job


def run(job_id: int) -> str:
    """Do the job's queued step as its uploader (in the worker); its state afterwards."""
    job = ImportJob.objects.select_related("user", "organisation").filter(pk=job_id).first()
    if job is None or not job.is_active:
        return "gone" if job is None else job.state  # deleted, or done by an earlier run
    job.state, job.started_at = ImportJob.RUNNING, timezone.now()
    job.save(update_fields=["state", "started_at"])
    try:
        _run_step(job)
    except Exception as exc:  # the job says so: nothing was saved (one transaction)
        logger.exception("Spreadsheet import %s failed", job.pk)
        job.state = ImportJob.FAILED
        job.error = _failure(exc)
    job.finished_at = timezone.now()
    job.save()
    return job.state


def _run_step(job: ImportJob) -> None:
    table = read_table(bytes(job.data), job.filename, columns.recognised)
    mapping = {int(column): key for column, key in job.mapping.items()}
    try:
        report = import_spreadsheet(
            table, mapping, job.user, apply=job.step == ImportJob.APPLY, publish=job.publish,
            default_organisation=job.organisation,
        )  # fmt: skip
    except MappingError as exc:
        job.problems = [p.as_dict() for p in exc.problems]
    else:
        job.report = report.as_dict()
        if report.applied:
            mappings.remember(job.user, table, mapping)
            job.data = b""  # imported: the file is no longer needed
    job.state = ImportJob.DONE


def _failure(exc: Exception) -> dict[str, str]:
    if isinstance(exc, SpreadsheetError):
        return {
            "sv": f"{exc.message('sv')} Inget har sparats.",
            "en": f"{exc.message('en')} Nothing was saved.",
        }
    if isinstance(exc, PermissionDenied):
        return {
            "sv": "Du får inte längre importera (inte global administratör). Inget har sparats.",
            "en": "You may no longer import (not a global admin). Nothing was saved.",
        }
    what = f"{type(exc).__name__}: {exc}"[:300]
    return {
        "sv": f"Importen avbröts av ett oväntat fel ({what}). Inget har sparats. Försök igen; "
        "händer det igen, importera filen på kommandoraden (serviceguiden import FIL) och "
        "visa felet för den som driftar Serviceguiden.",
        "en": f"The import stopped on an unexpected error ({what}). Nothing was saved. Try "
        "again; if it happens again, import the file on the command line (serviceguiden "
        "import FILE) and show the error to whoever runs Serviceguiden.",
    }


def report_of(job: ImportJob) -> SpreadsheetReport | None:
    return SpreadsheetReport.from_dict(job.report) if job.report else None


def mapping_problems(job: ImportJob) -> list[Problem]:
    """Why the last dry run could not start with its mapping (no name column …)."""
    return [problem_from_dict(p) for p in job.problems]


def recent(user, count: int = 5):
    return ImportJob.objects.filter(user=user).defer("data", "report")[:count]


def _stored(mapping: dict[int, str]) -> dict[str, str]:
    return {str(column): key for column, key in sorted(mapping.items())}
