from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from serviceguiden.checker.models import FindingState
from serviceguiden.checker.rules import SEVERITIES


class StartScanForm(forms.Form):
    url = forms.URLField(
        label=_("Start address"),
        max_length=500,
        assume_scheme="https",
        help_text=_("The site's front page; its links, sitemaps and linked documents are read."),
    )
    max_pages = forms.IntegerField(
        label=_("At most this many pages and documents"), min_value=1, max_value=1_000_000,
        required=False,
    )  # fmt: skip
    every_days = forms.IntegerField(
        label=_("Repeat every … days"), min_value=1, max_value=365, required=False,
        help_text=_("Leave empty to scan once."),
    )  # fmt: skip


class AcceptForm(forms.Form):
    reason = forms.CharField(label=_("Reason"), widget=forms.Textarea(attrs={"rows": 2}))
    ends_on = forms.DateField(
        label=_("Ends on"), widget=forms.DateInput(attrs={"type": "date"}),
        help_text=_("After this date the finding counts again."),
    )  # fmt: skip


class FilterForm(forms.Form):
    principle = forms.ChoiceField(
        label=_("Principle"), required=False,
        choices=[("", _("all"))] + [(p, p) for p in ("P1", "P2", "P3", "P4")],
    )  # fmt: skip
    severity = forms.ChoiceField(
        label=_("Severity"), required=False, choices=[("", _("all"))] + [(s, s) for s in SEVERITIES]
    )
    state = forms.ChoiceField(
        label=_("State"), required=False, choices=[("", _("all")), *FindingState.choices]
    )
