"""Loading entries for the editor's views, with the visible guard each page needs. The
answers come from the registry's one access module (`directory/access.py`); the domain
functions ask it again when they save."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.translation import gettext as _

from serviceguiden.directory import access, history
from serviceguiden.directory.errors import RegistryError
from serviceguiden.directory.models import Function, Organisation, Topic
from serviceguiden.web import summary
from serviceguiden.web.i18n import when_text


def viewable_function(user, slug: str) -> Function:
    function = get_object_or_404(
        Function.objects.select_related("organisation", "replaced_by"), slug=slug
    )
    if not access.can_view_organisation(user, function.organisation):
        raise PermissionDenied
    return function


def editable_function(user, slug: str) -> Function:
    function = viewable_function(user, slug)
    if not access.can_edit_function(user, function):
        raise PermissionDenied
    return function


def viewable_topic(user, slug: str) -> Topic:
    topic = get_object_or_404(
        Topic.objects.select_related("organisation", "function", "external_actor"), slug=slug
    )
    if not access.can_view_organisation(user, topic.organisation):
        raise PermissionDenied
    return topic


def editable_topic(user, slug: str) -> Topic:
    topic = viewable_topic(user, slug)
    if not access.can_edit_topic(user, topic):
        raise PermissionDenied
    return topic


def viewable_organisation(user, slug: str) -> Organisation:
    organisation = get_object_or_404(Organisation, slug=slug)
    if not access.can_view_organisation(user, organisation):
        raise PermissionDenied
    return organisation


def conflict_context(subject, form, history_view: str, reload_url: str) -> dict:
    """The error summary's conflict note: who-saved-when, a link to the history from the
    version the editor opened ("see what changed"), and a link to reload the entry."""
    changes_url = ""
    if history_view:
        changes_url = reverse(history_view, args=[subject.slug])
        opened = str(form.data.get(form.add_prefix("expected_version"), ""))
        if opened.isdigit():
            changes_url += f"?sedan={opened}"
    return {
        "conflict": summary.conflict_with(subject, changes_url),
        "conflict_reload_url": reload_url,
    }


def problem_texts(error: RegistryError) -> list[str]:
    return [p.text() for p in error.problems]


def restore_version(request, subject, history_id: int) -> bool:
    """Restore an earlier version of a function or a topic the view has already checked the
    user may edit; the outcome goes to the user as a message. True when it was restored."""
    record = get_object_or_404(subject.history, history_id=history_id)
    try:
        history.restore_version(subject, history_id, request.user)
    except RegistryError as error:
        for problem in error.problems:
            messages.error(request, problem.text())
        return False
    messages.success(
        request,
        _("The version of %(when)s was restored and published.")
        % {"when": when_text(record.history_date)},
    )
    return True


def since_version(request) -> int | None:
    """`?sedan=<version>`: the history after the version an editor opened."""
    raw = request.GET.get("sedan", "")
    return int(raw) if raw.isdigit() else None
