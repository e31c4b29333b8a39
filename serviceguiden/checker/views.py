""" "Granskning" in the editor: what the site scans found, per organisation.

- `/redigera/granskning/` – the latest run for each organisation the user sees, a running
  scan's progress, and (global admins) starting or scheduling a scan;
- `/redigera/granskning/<org>/` – pages read, pages with errors, findings by principle, the
  trend over runs (SVG with a table), the worst pages, the findings with their context and
  fix, and CSV/XLSX exports (`hela-staden` and `ej-tilldelad` for global admins);
- `/redigera/granskning/sida/<id>/` – one page's findings with the embed code to paste, and
  (global admins) accepting a finding with a reason and an end date;
- `/redigera/granskning/korning/<id>/` – a run's progress (and `.json` for the page's script).
"""

from __future__ import annotations

import datetime as dt

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST, require_safe

from serviceguiden.checker import acceptance, report, runs
from serviceguiden.checker.chart import trend_svg
from serviceguiden.checker.forms import AcceptForm, FilterForm, StartScanForm
from serviceguiden.checker.models import AcceptedFinding, Finding, Page, ScanRun, ScanSchedule
from serviceguiden.checker.scopes import figures, latest_run, scope_for, trend, visible_scopes
from serviceguiden.checker.tasks import enqueue_run, scheduled_scan
from serviceguiden.directory import access
from serviceguiden.directory.errors import RegistryError
from serviceguiden.publishing.embeds import embed_codes
from serviceguiden.publishing.models import FUNCTION, TOPIC

PER_PAGE = 50


@login_required
@require_safe
def overview(request):
    scopes = visible_scopes(request.user)
    run = latest_run()
    rows = [(scope, figures(run, scope) if run else None) for scope in scopes]
    is_admin = access.is_global_admin(request.user)
    context = {
        "rows": rows, "run": run, "active": ScanRun.objects.filter(
            state__in=("queued", "running", "finishing")).first(),
        "is_admin": is_admin, "form": StartScanForm() if is_admin else None,
        "schedules": ScanSchedule.objects.filter(active=True) if is_admin else [],
        "recent": ScanRun.objects.all()[:10] if is_admin else [],
    }  # fmt: skip
    return render(request, "checker/overview.html", context)


@login_required
@require_safe
def scope_report(request, slug: str):
    scope = scope_for(request.user, slug)
    run = latest_run()
    context = {"scope": scope, "run": run}
    if run is not None:
        runs_, series = trend(scope)
        labels = [r.finished_at.strftime("%m-%d") if r.finished_at else "" for r in runs_]
        title = _("Findings over the last scans: %(name)s") % {"name": scope.name}
        desc = _("One line per principle; the same numbers are in the table after the chart.")
        filters = FilterForm(request.GET or None)
        findings = report.selected(run, owner=scope.findings)
        if filters.is_valid():
            for field in ("principle", "severity", "state"):
                if filters.cleaned_data[field]:
                    findings = findings.filter(**{field: filters.cleaned_data[field]})
        context.update(
            figures=figures(run, scope), chart=trend_svg(labels, series, title, desc),
            trend_rows=[(r, [series[p][i] for p in sorted(series)]) for i, r in enumerate(runs_)],
            principles=sorted(series), worst=runs.worst_pages(run, scope.pages),
            filters=filters,
            findings=Paginator(findings, PER_PAGE).get_page(request.GET.get("sida")),
            accepted=AcceptedFinding.objects.filter(revoked_at__isnull=True,
                                                    ends_on__gte=timezone.localdate())
            .filter(**({"tracked__owner": scope.organisation} if scope.organisation else {}))
            .select_related("tracked"),
        )  # fmt: skip
    return render(request, "checker/scope.html", context)


@login_required
@require_safe
def export(request, slug: str, fmt: str):
    scope = scope_for(request.user, slug)
    run = latest_run()
    if run is None:
        raise PermissionDenied
    findings = report.selected(run, owner=scope.findings)
    name = f"granskning-{scope.slug}-{run.pk}"
    if fmt == "xlsx":
        response = HttpResponse(
            report.as_xlsx(run, findings),
            content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        )
    else:
        response = HttpResponse(report.as_csv(findings), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{name}.{fmt}"'
    return response


def _viewable_page(user, pk: int) -> Page:
    page = get_object_or_404(Page.objects.select_related("owner", "run"), pk=pk)
    if page.owner is None:
        if not access.is_global_admin(user):
            raise PermissionDenied
    elif not access.can_view_organisation(user, page.owner):
        raise PermissionDenied
    return page


@login_required
@require_safe
def page_report(request, pk: int):
    page = _viewable_page(request.user, pk)
    findings = list(page.findings.select_related("tracked").order_by("start", "id"))
    accepted = {a.tracked_id: a for a in AcceptedFinding.objects.filter(
        tracked__in=[f.tracked_id for f in findings], revoked_at__isnull=True,
        ends_on__gte=timezone.localdate())}  # fmt: skip
    items = [
        {"finding": f, "codes": _codes(f), "accepted": accepted.get(f.tracked_id)} for f in findings
    ]
    can_accept = access.can_grant_exceptions(request.user)
    context = {
        "page": page, "items": items, "can_accept": can_accept,
        "accept_form": AcceptForm(initial={"ends_on": timezone.localdate()
                                           + dt.timedelta(days=90)}) if can_accept else None,
        "scope_slug": page.owner.slug if page.owner else "ej-tilldelad",
    }  # fmt: skip
    return render(request, "checker/page.html", context)


def _codes(finding: Finding):
    if finding.registry_kind != "function" or not finding.registry_key:
        return None
    from serviceguiden.directory.models import Function, Topic

    topic = Topic.objects.filter(function__slug=finding.registry_key).order_by("name").first()
    if topic is not None:
        return embed_codes(TOPIC, topic.slug, f"Kontakt: {topic.name}")
    function = Function.objects.filter(slug=finding.registry_key).first()
    if function is None:
        return None
    return embed_codes(FUNCTION, function.slug, f"Kontakt: {function.name}")


@login_required
@require_POST
def accept_finding(request, pk: int):
    finding = get_object_or_404(Finding.objects.select_related("tracked", "page"), pk=pk)
    if not access.can_grant_exceptions(request.user) or finding.tracked is None:
        raise PermissionDenied
    form = AcceptForm(request.POST)
    if not form.is_valid():
        for errors in form.errors.values():
            for error in errors:
                messages.error(request, error)
        return redirect("checker:page", pk=finding.page_id)
    try:
        acceptance.accept(finding.tracked, request.user, **form.cleaned_data)
    except RegistryError as error:
        for problem in error.problems:
            messages.error(request, problem.text())
    else:
        messages.success(request, _("The finding is accepted until %(date)s.")
                         % {"date": form.cleaned_data["ends_on"].isoformat()})  # fmt: skip
    return redirect("checker:page", pk=finding.page_id)


@login_required
@require_POST
def revoke_acceptance(request, pk: int):
    accepted = get_object_or_404(AcceptedFinding, pk=pk)
    if not access.can_grant_exceptions(request.user):
        raise PermissionDenied
    acceptance.revoke(accepted, request.user)
    messages.success(request, _("The acceptance is revoked; the finding counts again."))
    return redirect(request.POST.get("next") or "checker:overview")


@login_required
@require_POST
def start_scan(request):
    if not access.is_global_admin(request.user):
        raise PermissionDenied
    form = StartScanForm(request.POST)
    if not form.is_valid():
        for field, errors in form.errors.items():
            label = form.fields[field].label if field in form.fields else ""
            for error in errors:
                messages.error(request, f"{label}: {error}" if label else error)
        return redirect("checker:overview")
    from django.conf import settings

    data = form.cleaned_data
    options = {"allow_private": settings.SERVICEGUIDEN_SCAN_ALLOW_PRIVATE, "concurrency": 4}
    if data["max_pages"]:
        options["max_pages"] = data["max_pages"]
    if data["every_days"]:
        schedule = ScanSchedule.objects.create(
            sources=[data["url"]], options=options, every_days=data["every_days"],
            next_run_at=timezone.now(), created_by=request.user,
        )  # fmt: skip
        scheduled_scan.enqueue(schedule.pk)
        messages.success(request, _("The scan is scheduled every %(n)s days; the first starts "
                                    "now.") % {"n": data["every_days"]})  # fmt: skip
        return redirect("checker:overview")
    from serviceguiden.checker.sources import SourceError

    try:
        run = runs.create([data["url"]], options, request.user)
    except SourceError as error:
        messages.error(request, str(error))
        return redirect("checker:overview")
    enqueue_run(run)
    messages.success(request, _("The scan is queued for the background worker."))
    return redirect("checker:run", pk=run.pk)


@login_required
@require_POST
def stop_schedule(request, pk: int):
    if not access.is_global_admin(request.user):
        raise PermissionDenied
    ScanSchedule.objects.filter(pk=pk).update(active=False)
    messages.success(request, _("The schedule is stopped."))
    return redirect("checker:overview")


@login_required
@require_safe
def run_progress(request, pk: int, as_json: bool = False):
    visible_scopes(request.user)  # any member may follow a run; outsiders may not
    run = get_object_or_404(ScanRun, pk=pk)
    counts = runs.progress(run)
    if as_json:
        return JsonResponse({"state": run.state, **counts})
    return render(
        request,
        "checker/run.html",
        {"run": run, "counts": counts, "is_admin": access.is_global_admin(request.user)},
    )
