"""What the product remembers for a user between visits (not registry data)."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class ColumnMapping(models.Model):
    """How a user mapped the columns of a spreadsheet to registry fields, remembered by the
    spreadsheet's column names (`spreadsheet.columns.signature`): the next import of the same
    export maps itself, on the command line (`import --as USER`) and in the editor alike."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("user"),
        on_delete=models.CASCADE,
        related_name="column_mappings",
    )
    signature = models.CharField(_("column names"), max_length=40)
    fields = models.JSONField(_("fields by column"), default=list)  # one field key per column
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["user", "signature"], name="one_mapping_per_export")
        ]
        verbose_name = _("column mapping")
        verbose_name_plural = _("column mappings")

    def __str__(self) -> str:
        return f"{self.user} · {self.signature[:8]}"


class ImportJob(models.Model):
    """A spreadsheet a global admin uploaded in the editor, and its latest step — a dry run or
    the import — as the background worker ran it. The file is kept here until it is imported,
    so that the worker and any app server can read it; the report so that its uploader can
    read it, change the mapping and apply. Only its uploader sees it (`access`)."""

    DRY_RUN, APPLY = "dry_run", "apply"
    QUEUED, RUNNING, DONE, FAILED = "queued", "running", "done", "failed"
    STEPS = [(DRY_RUN, _("dry run")), (APPLY, _("import"))]
    STATES = [
        (QUEUED, _("waiting for the background worker")),
        (RUNNING, _("running")),
        (DONE, _("done")),
        (FAILED, _("failed")),
    ]

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("uploaded by"),
        on_delete=models.CASCADE,
        related_name="import_jobs",
    )
    filename = models.CharField(_("file name"), max_length=255)
    data = models.BinaryField(_("file"), editable=False)  # emptied once imported
    header_row = models.PositiveIntegerField(_("header row"), default=0)
    headers = models.JSONField(_("column names"), default=list)
    mapping = models.JSONField(_("fields by column"), default=dict)  # {"0": field key, …}
    remembered = models.BooleanField(_("mapping remembered"), default=False)
    organisation = models.ForeignKey(
        "directory.Organisation",
        verbose_name=_("organisation of every row"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    publish = models.BooleanField(_("publish new functions at once"), default=True)
    step = models.CharField(_("step"), max_length=10, choices=STEPS, default=DRY_RUN)
    state = models.CharField(_("state"), max_length=10, choices=STATES, default=QUEUED)
    report = models.JSONField(_("report"), null=True, blank=True)  # SpreadsheetReport.as_dict
    problems = models.JSONField(_("mapping problems"), default=list)  # Problem.as_dict each
    error = models.JSONField(_("error"), default=dict)  # {"sv": …, "en": …} when failed
    created_at = models.DateTimeField(_("uploaded"), auto_now_add=True)
    queued_at = models.DateTimeField(_("queued"), null=True, blank=True)
    started_at = models.DateTimeField(_("started"), null=True, blank=True)
    finished_at = models.DateTimeField(_("finished"), null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("spreadsheet import")
        verbose_name_plural = _("spreadsheet imports")

    def __str__(self) -> str:
        return f"{self.filename} · {self.user}"

    @property
    def is_active(self) -> bool:
        return self.state in (self.QUEUED, self.RUNNING)

    @property
    def applied(self) -> bool:
        return self.step == self.APPLY and self.state == self.DONE and bool(self.report)
