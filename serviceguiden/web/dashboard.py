"""The editor's start: "Min organisation" – its functions and topics, overdue reviews,
exceptions ending soon, and recent changes with who made them."""

from __future__ import annotations

import datetime as dt
from itertools import chain

from django.contrib.auth.decorators import login_required
from django.db.models import Q
from django.shortcuts import redirect, render
from django.views.decorators.http import require_safe

from serviceguiden.directory import access
from serviceguiden.directory.errors import current_lang
from serviceguiden.directory.models import (
    Channel,
    Function,
    Organisation,
    PolicyException,
    Topic,
    today,
)
from serviceguiden.publishing.models import BlockedPublish
from serviceguiden.web import labels
from serviceguiden.web.collation import swedish_key
from serviceguiden.web.guards import viewable_organisation

SOON_DAYS = 30
RECENT = 15


def _organisations(user):
    if access.is_global_admin(user):
        return Organisation.objects.order_by("name")
    return Organisation.objects.filter(memberships__user=user).order_by("name")


@login_required
@require_safe
def editor_home(request):
    organisations = list(_organisations(request.user))
    if len(organisations) == 1:
        return redirect("web:organisation-dashboard", slug=organisations[0].slug)
    context = {
        "organisations": organisations,
        "can_see_missed_searches": access.can_see_missed_searches(request.user),
    }
    return render(request, "web/editor/home.html", context)


def _recent_changes(organisation: Organisation) -> list[dict]:
    functions = Function.history.filter(organisation_id=organisation.pk)
    topics = Topic.history.filter(organisation_id=organisation.pk)
    records = sorted(
        chain(
            functions.select_related("history_user").order_by("-history_date")[:RECENT],
            topics.select_related("history_user").order_by("-history_date")[:RECENT],
        ),
        key=lambda r: r.history_date,
        reverse=True,
    )[:RECENT]
    return [
        {
            "when": r.history_date,
            "who": r.history_user.get_username() if r.history_user else "system",
            "name": r.name,
            "slug": r.slug,
            "kind": "function" if isinstance(r, Function.history.model) else "topic",
            "what": labels.CHANGE_KINDS[
                {"+": "created", "~": "changed", "-": "deleted"}[r.history_type]
            ],
            "reason": r.history_change_reason or "",
            "deleted": r.history_type == "-",
        }
        for r in records
    ]


def _blocked(organisation: Organisation) -> list[dict]:
    """The organisation's subjects the publish gate refused (the old version is still shown)."""
    rows = BlockedPublish.objects.open().filter(organisation=organisation)
    lang = current_lang()
    return [
        {
            "block": block,
            "findings": [
                {**f, "message": f.get(f"message_{lang}", ""), "fix": f.get(f"fix_{lang}", "")}
                for f in block.findings
            ],
        }  # fmt: skip
        for block in rows
    ]


def in_dashboard_order(functions) -> list[Function]:
    """Drafts, then published functions, then archived ones last; by name (Swedish order)."""
    rank = {"draft": 0, "published": 1, "archived": 2}
    return sorted(functions, key=lambda f: (rank.get(f.status, 1), swedish_key(f.name)))


@login_required
@require_safe
def organisation_dashboard(request, slug: str):
    organisation = viewable_organisation(request.user, slug)
    on = today()
    soon = on + dt.timedelta(days=SOON_DAYS)
    functions = Function.objects.for_organisation(organisation)
    published = functions.filter(status="published")
    context = {
        "organisation": organisation,
        "functions": in_dashboard_order(functions),
        "topics": Topic.objects.filter(
            Q(organisation=organisation) | Q(function__organisation=organisation)
        )
        .select_related("function", "external_actor", "organisation")
        .distinct()
        .order_by("name"),
        "overdue": published.filter(review_by__lt=on),
        "due_soon": published.filter(review_by__gte=on, review_by__lte=soon),
        "exceptions_ending": PolicyException.objects.active(on).filter(
            organisation=organisation, ends_on__lte=soon
        ),
        "channels_lapsed": Channel.objects.exception_lapsed(on)
        .filter(function__organisation=organisation)
        .exclude(function__status="archived")
        .select_related("function"),
        "recent": _recent_changes(organisation),
        "blocked": _blocked(organisation),
        "can_edit": access.can_edit_entries(request.user, organisation),
        "can_manage_members": access.can_manage_members(request.user, organisation),
        "can_change_organisation": access.can_change_organisation(request.user, organisation),
        "can_see_missed_searches": access.can_see_missed_searches(request.user),
        "statuses": labels.STATUSES,
    }
    return render(request, "web/editor/dashboard.html", context)
