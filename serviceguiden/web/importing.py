"""Moving in from a spreadsheet, in the editor (global admins): upload an XLSX or CSV file,
see which field each column fills (detected, or as this user mapped the same export last time)
and a dry run of every row; change the mapping and look again; then apply.

The file travels with the form between the steps (a hidden field), so nothing is kept on the
server until it is applied, and any of several app servers can answer each step. Every row is
written by `directory.spreadsheet.importer`, through the registry's domain functions.
"""

from __future__ import annotations

import base64
import binascii

from django import forms
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import render
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_http_methods

from serviceguiden.directory import access
from serviceguiden.directory.models import Organisation
from serviceguiden.directory.spreadsheet import columns, mappings
from serviceguiden.directory.spreadsheet.importer import MappingError, import_spreadsheet
from serviceguiden.directory.spreadsheet.read import SUFFIXES, SpreadsheetError, read_table

MAX_BYTES = 1_500_000  # the file goes back and forth in the form; larger ones: the CLI


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
    """The file (carried along) and one field choice per column."""

    data = forms.CharField(widget=forms.HiddenInput)
    filename = forms.CharField(widget=forms.HiddenInput)
    organisation = forms.ModelChoiceField(
        Organisation.objects.order_by("name"), required=False,
        label=_("Organisation of every row"),
    )  # fmt: skip
    publish = forms.BooleanField(label=_("Publish new functions at once"), required=False)

    def __init__(self, *args, headers=(), **kwargs):
        super().__init__(*args, **kwargs)
        lang = "en" if (get_language() or "sv").startswith("en") else "sv"
        choices = [(f.key, f.label(lang)) for f in columns.FIELDS]
        for column, header in enumerate(headers):
            if header:
                self.fields[f"column_{column}"] = forms.ChoiceField(label=header, choices=choices)

    def clean_data(self) -> bytes:
        try:
            data = base64.b64decode(self.cleaned_data["data"], validate=True)
        except (binascii.Error, ValueError):
            raise forms.ValidationError(
                _("The file did not come back whole; upload it again.")
            ) from None
        if len(data) > MAX_BYTES:
            raise forms.ValidationError(_("The file is larger than 1.5 MB."))
        return data

    def mapping(self) -> dict[int, str]:
        return {
            int(name.removeprefix("column_")): value
            for name, value in self.cleaned_data.items()
            if name.startswith("column_")
        }


@login_required
@require_http_methods(["GET", "POST"])
def spreadsheet_import(request):
    if not access.can_import(request.user):
        raise PermissionDenied
    if request.method == "POST" and "data" in request.POST:
        return _next_step(request)
    form = UploadForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data["file"].read()
        name = form.cleaned_data["file"].name
        options = {k: form.cleaned_data[k] for k in ("organisation", "publish")}
        return _dry_run(request, data, name, options, mapping=None, error_form=form)
    return render(request, "web/editor/import.html", {"upload": form})


def _next_step(request):
    """A dry run with the (changed) mapping, or applying it."""
    headers = request.POST.getlist("header")
    form = MappingForm(request.POST, headers=headers)
    if not form.is_valid():
        return render(request, "web/editor/import.html", {"upload": UploadForm(), "errors": [
            e for errors in form.errors.values() for e in errors
        ]})  # fmt: skip
    options = {k: form.cleaned_data[k] for k in ("organisation", "publish")}
    return _dry_run(
        request, form.cleaned_data["data"], form.cleaned_data["filename"], options,
        mapping=form.mapping(), apply=request.POST.get("action") == "apply",
    )  # fmt: skip


def _dry_run(request, data: bytes, name: str, options, *, mapping, apply=False, error_form=None):
    lang = "en" if (get_language() or "sv").startswith("en") else "sv"
    try:
        table = read_table(data, name, columns.recognised)
    except SpreadsheetError as exc:
        return render(
            request,
            "web/editor/import.html",
            {"upload": error_form or UploadForm(), "errors": [exc.message(lang)]},
        )
    remembered = False
    if mapping is None:
        mapping, remembered = mappings.mapping_for(request.user, table)
    report, problems = None, []
    try:
        report = import_spreadsheet(
            table, mapping, request.user, apply=apply, publish=options["publish"],
            default_organisation=options["organisation"],
        )  # fmt: skip
    except MappingError as exc:
        problems = [p.text(lang) for p in exc.problems]
    if report is not None and report.applied:
        mappings.remember(request.user, table, mapping)
    form = MappingForm(
        headers=table.headers,
        initial={
            "data": base64.b64encode(data).decode(), "filename": name, **options,
            **{f"column_{c}": mapping.get(c, columns.IGNORE) for c in range(len(table.headers))},
        },
    )  # fmt: skip
    return render(request, "web/editor/import.html", {
        "table": table, "form": form, "report": report, "errors": problems,
        "remembered": remembered, "lang": lang,
        "headers": list(table.headers),
    })  # fmt: skip
