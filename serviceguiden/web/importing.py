"""Moving in from a spreadsheet, in the editor (global admins): upload an XLSX or CSV file,
see which field each column fills (detected, or as this user mapped the same export last time)
and a dry run of every row; change the mapping and look again; then apply.

The file is read when it is uploaded (a file that is no spreadsheet is refused at once) and
kept on the server as an `ImportJob`; the dry runs and the import run in the background worker
(`directory.spreadsheet.jobs`), since 1,000 rows take 15–60 s. The job's page says how far it
is — a small script follows it and reloads when it is done, an "Uppdatera" link does the same
without JavaScript — then shows the report and the mapping. Only the uploader sees a job.
"""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_http_methods, require_safe

from serviceguiden.core.models import ImportJob
from serviceguiden.directory import access
from serviceguiden.directory.models import Organisation
from serviceguiden.directory.spreadsheet import columns, jobs
from serviceguiden.directory.spreadsheet.read import SUFFIXES, SpreadsheetError, read_table

MAX_BYTES = 1_500_000  # kept in the database until imported; larger files: the CLI


class UploadForm(forms.Form):
    file = forms.FileField(
        label=_("Spreadsheet (XLSX or CSV)"),
        help_text=_("One row per function: its organisation, name, phone, e-mail, hours …"),
    )
    organisation = forms.ModelChoiceField(
        Organisation.objects.order_by("name"), required=False,
        label=_("Organisation of every row"),
        help_text=_("Only when no column names the administration or company."),
    )  # fmt: skip
    publish = forms.BooleanField(
        label=_("Publish new functions at once"), required=False, initial=True,
        help_text=_("A status column in the file decides per row."),
    )  # fmt: skip

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if not upload.name.lower().endswith(SUFFIXES):
            raise forms.ValidationError(_("Upload an .xlsx or .csv file."))
        if upload.size > MAX_BYTES:
            raise forms.ValidationError(
                _("The file is larger than 1.5 MB: split it, or import it on the command line.")
            )
        return upload


class MappingForm(forms.Form):
    """One field choice per column of the job's file, and the options."""

    organisation = forms.ModelChoiceField(
        Organisation.objects.order_by("name"), required=False,
        label=_("Organisation of every row"),
    )  # fmt: skip
    publish = forms.BooleanField(label=_("Publish new functions at once"), required=False)

    def __init__(self, *args, headers=(), **kwargs):
        super().__init__(*args, **kwargs)
        choices = [(f.key, f.label(_lang())) for f in columns.FIELDS]
        for column, header in enumerate(headers):
            if header:
                self.fields[f"column_{column}"] = forms.ChoiceField(label=header, choices=choices)

    @classmethod
    def of(cls, job: ImportJob) -> MappingForm:
        mapping = {int(column): key for column, key in job.mapping.items()}
        return cls(
            headers=job.headers,
            initial={
                "organisation": job.organisation, "publish": job.publish,
                **{f"column_{c}": mapping.get(c, columns.IGNORE) for c in range(len(job.headers))},
            },
        )  # fmt: skip

    def mapping(self) -> dict[int, str]:
        return {
            int(name.removeprefix("column_")): value
            for name, value in self.cleaned_data.items()
            if name.startswith("column_")
        }


def _lang() -> str:
    return "en" if (get_language() or "sv").startswith("en") else "sv"


@login_required
@require_http_methods(["GET", "POST"])
def spreadsheet_import(request):
    if not access.can_import(request.user):
        raise PermissionDenied
    form = UploadForm(request.POST or None, request.FILES or None)
    errors = []
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        data = upload.read()
        try:
            table = read_table(data, upload.name, columns.recognised)
        except SpreadsheetError as exc:
            errors = [exc.message(_lang())]
        else:
            job = jobs.start(
                request.user, data, table, organisation=form.cleaned_data["organisation"],
                publish=form.cleaned_data["publish"],
            )  # fmt: skip
            return redirect("web:import-job", pk=job.pk)
    return render(request, "web/editor/import.html", {
        "upload": form, "errors": errors, "jobs": jobs.recent(request.user),
    })  # fmt: skip


def _own_job(request, pk: int) -> ImportJob:
    """The job, when it is the signed-in global admin's own upload: 403 for anyone who may not
    import, 404 for another user's job (whether it exists is none of their business)."""
    if not access.can_import(request.user):
        raise PermissionDenied
    job = get_object_or_404(ImportJob.objects.select_related("organisation"), pk=pk)
    if not access.can_see_import(request.user, job):
        raise Http404
    return job


@login_required
@require_http_methods(["GET", "POST"])
def import_job(request, pk: int):
    job = _own_job(request, pk)
    form = MappingForm.of(job)
    if request.method == "POST":
        form = MappingForm(request.POST, headers=job.headers)
        if form.is_valid():
            try:
                jobs.next_step(
                    job, request.user, form.mapping(),
                    organisation=form.cleaned_data["organisation"],
                    publish=form.cleaned_data["publish"],
                    apply=request.POST.get("action") == "apply",
                )  # fmt: skip
            except jobs.StepRefused as exc:
                messages.error(request, exc.message(_lang()))
            return redirect("web:import-job", pk=job.pk)
    return render(request, "web/editor/import_job.html", {
        "job": job, "report": jobs.report_of(job), "form": form,
        "errors": [p.text(_lang()) for p in jobs.mapping_problems(job)],
        "failure": job.error.get(_lang(), "") if job.state == ImportJob.FAILED else "",
        "headers": job.headers,
    })  # fmt: skip


@login_required
@require_safe
def import_job_state(request, pk: int):
    """How far the job is, for the page's script."""
    job = _own_job(request, pk)
    return JsonResponse({"state": job.state, "step": job.step})
