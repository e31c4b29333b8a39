"""'Sökningar utan träff': what visitors searched for and did not find (or found only a weak
hit for), most searched first, for the editors to add the words as synonyms to the right
topic. Every editor and global admin sees it and hides what is handled
(publishing/missed_searches.py records the searches)."""

from __future__ import annotations

import datetime as dt

from django import forms
from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, pgettext_lazy
from django.views.decorators.http import require_POST, require_safe

from serviceguiden.directory import access
from serviceguiden.publishing import missed_searches
from serviceguiden.publishing.models import MissedSearch

SHOWN = 200  # rows on the page, most searched first


class MissedSearchFilter(forms.Form):
    """`?sprak=en&dagar=7` (not `lang`: that one switches the page's own language)."""

    sprak = forms.ChoiceField(
        label=gettext_lazy("Language"), required=False,
        choices=[("", gettext_lazy("Both")), ("sv", pgettext_lazy("language", "Swedish")),
                 ("en", pgettext_lazy("language", "English"))],
    )  # fmt: skip
    dagar = forms.TypedChoiceField(
        label=gettext_lazy("Last searched"), required=False, coerce=int, empty_value=None,
        choices=[("7", gettext_lazy("the last 7 days")), ("30", gettext_lazy("the last 30 days")),
                 ("90", gettext_lazy("the last 90 days")), ("", gettext_lazy("any time"))],
    )  # fmt: skip

    def filtered(self):
        rows = MissedSearch.objects.shown()
        if not self.is_valid():
            return rows
        if self.cleaned_data["sprak"]:
            rows = rows.filter(lang=self.cleaned_data["sprak"])
        if self.cleaned_data["dagar"]:
            since = timezone.now() - dt.timedelta(days=self.cleaned_data["dagar"])
            rows = rows.filter(last_seen__gte=since)
        return rows

    def query_string(self) -> str:
        """The valid filters, for the list to come back to after a row is hidden."""
        if not self.is_valid():
            return ""
        return "?" + urlencode({k: "" if v is None else v for k, v in self.cleaned_data.items()})


def _require_access(user) -> None:
    if not access.can_see_missed_searches(user):
        raise PermissionDenied


@login_required
@require_safe
def missed_search_list(request):
    _require_access(request.user)
    chosen = {k: v for k, v in request.GET.items() if k in MissedSearchFilter.base_fields}
    form = MissedSearchFilter(chosen or {"dagar": "30"})
    rows = form.filtered()
    context = {
        "form": form,
        "rows": rows[:SHOWN],
        "total": rows.count(),
        "shown": SHOWN,
        "query_string": form.query_string(),
        "keep_days": settings.SERVICEGUIDEN_MISSED_SEARCHES_KEEP_DAYS,
    }
    return render(request, "web/editor/missed_searches.html", context)


@login_required
@require_POST
def missed_search_hide(request, pk: int):
    _require_access(request.user)
    search = get_object_or_404(MissedSearch, pk=pk)
    missed_searches.hide(search)
    messages.success(request, _("“%(query)s” is hidden.") % {"query": search.query})
    form = MissedSearchFilter(request.GET)
    return redirect(reverse("web:missed-searches") + form.query_string())
