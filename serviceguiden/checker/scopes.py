"""Whose findings a page of "Granskning" shows, and who may see them: an organisation's own
pages (its members, any role, and global admins), the pages no organisation owns ("not
assigned") and the whole city (global admins only). Rights come from the registry's access
module; an outsider gets 403."""

from __future__ import annotations

from dataclasses import dataclass

from django.core.exceptions import PermissionDenied
from django.db.models import Count, Q
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext_lazy as _

from serviceguiden.checker.models import Page, PageKind, RunState, ScanRun
from serviceguiden.checker.runs import accepted_ids, open_findings
from serviceguiden.directory import access
from serviceguiden.directory.models import Organisation

CITY = "hela-staden"
UNASSIGNED = "ej-tilldelad"
TREND_RUNS = 12


@dataclass
class Scope:
    slug: str
    name: str
    organisation: Organisation | None = None

    @property
    def pages(self) -> Q:
        if self.organisation is not None:
            return Q(owner=self.organisation)
        return Q(owner__isnull=True) if self.slug == UNASSIGNED else Q()

    @property
    def findings(self) -> Q:
        if self.organisation is not None:
            return Q(page__owner=self.organisation)
        return Q(page__owner__isnull=True) if self.slug == UNASSIGNED else Q()


def scope_for(user, slug: str) -> Scope:
    if slug in (CITY, UNASSIGNED):
        if not access.is_global_admin(user):
            raise PermissionDenied
        return Scope(slug, str(_("The whole city") if slug == CITY else _("Not assigned")))
    organisation = get_object_or_404(Organisation, slug=slug)
    if not access.can_view_organisation(user, organisation):
        raise PermissionDenied
    return Scope(slug, organisation.name, organisation)


def visible_scopes(user) -> list[Scope]:
    """The scopes the overview lists; PermissionDenied for a user with none."""
    if access.is_global_admin(user):
        scopes = [Scope(CITY, str(_("The whole city"))), Scope(UNASSIGNED, str(_("Not assigned")))]
        organisations = Organisation.objects.order_by("name")
    else:
        scopes = []
        organisations = Organisation.objects.filter(memberships__user=user).order_by("name")
    scopes += [Scope(o.slug, o.name, o) for o in organisations]
    if not scopes:
        raise PermissionDenied
    return scopes


def latest_run() -> ScanRun | None:
    return ScanRun.objects.filter(state=RunState.DONE).order_by("-finished_at", "-id").first()


def figures(run: ScanRun, scope: Scope) -> dict:
    """Pages read, pages with errors and findings by principle and severity, for one scope."""
    findings = open_findings(run).filter(scope.findings)
    pages = Page.objects.filter(run=run).filter(scope.pages).exclude(kind=PageKind.TEMPLATE)
    return {
        "pages": pages.count(),
        "pages_with_errors": findings.filter(severity="error").values("page").distinct().count(),
        "findings": findings.count(),
        "by_principle": dict(findings.values_list("principle").annotate(n=Count("id"))),
        "by_severity": dict(findings.values_list("severity").annotate(n=Count("id"))),
        "new": findings.filter(state="new").count(),
    }


def trend(scope: Scope) -> tuple[list[ScanRun], dict[str, list[int]]]:
    """The last runs (oldest first) and, per principle, the findings counted in each."""
    runs = list(
        ScanRun.objects.filter(state=RunState.DONE).order_by("-finished_at", "-id")[:TREND_RUNS]
    )[::-1]
    counts: dict[tuple[int, str], int] = {}
    from serviceguiden.checker.models import Finding

    rows = (
        Finding.objects.filter(run__in=runs)
        .filter(scope.findings)
        .exclude(tracked_id__in=accepted_ids())
        .values_list("run_id", "principle")
        .annotate(n=Count("id"))
    )
    for run_id, principle, n in rows:
        counts[(run_id, principle)] = n
    principles = sorted({p for _, p in counts} | {"P2", "P3", "P4"})
    return runs, {p: [counts.get((r.pk, p), 0) for r in runs] for p in principles}
