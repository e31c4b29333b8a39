"""Editing one function on one screen: its own fields, its typed channels with their hours,
a preview of the change and its impact, then save. Also publish, review, archive (with a
replacement), delete drafts, history with restore.
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from serviceguiden.directory import access, editing, history, lifecycle
from serviceguiden.directory.errors import RegistryError
from serviceguiden.directory.models import Function, Organisation
from serviceguiden.publishing import embeds, usage
from serviceguiden.publishing.models import FUNCTION, TOPIC
from serviceguiden.web import changes as describe
from serviceguiden.web import summary
from serviceguiden.web.forms import (
    ArchiveEditForm,
    ChannelFormSet,
    FunctionCreateForm,
    FunctionEditForm,
    move_channel,
)
from serviceguiden.web.guards import (
    conflict_context,
    editable_function,
    restore_version,
    since_version,
    viewable_function,
)
from serviceguiden.web.i18n import page_lang


def places_shown(function: Function, topics) -> list:
    """Pages that showed the function in the last 30 days: its own embeds and those of the
    topics routed to it, busiest first (a page counted once, with its hits added up)."""
    found = usage.where_used(FUNCTION, function.slug)
    for topic in topics:
        found += usage.where_used(TOPIC, topic.slug)
    merged: dict[tuple[str, str], usage.Place] = {}
    for place in found:
        key = (place.page, place.channel)
        if key in merged:
            before = merged[key]
            place = usage.Place(
                place.page, place.channel, before.hits + place.hits,
                max(before.last_seen, place.last_seen),
            )  # fmt: skip
        merged[key] = place
    return sorted(merged.values(), key=lambda p: (-p.hits, p.page))


def _sidebar(function: Function, lang: str) -> dict:
    """Where the function is shown, what a change would reach, and its embed codes."""
    shown = function.status != "draft"
    topics = list(function.topics.order_by("name"))
    return {
        "impact": usage.impact([function]).message(lang),
        "places": places_shown(function, topics),
        "routed_topics": topics,
        "codes": embeds.embed_codes(FUNCTION, function.slug, function.name, lang)
        if shown
        else None,
    }


@login_required
@require_http_methods(["GET", "POST"])
def function_create(request, organisation: str):
    org = get_object_or_404(Organisation, slug=organisation)
    if not access.can_edit_entries(request.user, org):
        raise PermissionDenied
    form = FunctionCreateForm(request.POST or None, instance=Function(organisation=org))
    if request.method == "POST" and form.is_valid():
        try:
            with transaction.atomic():
                form.commit(request.user)
        except RegistryError as error:
            form.add_registry_error(error)
        else:
            messages.success(request, _("The function was created as a draft. Add its channels."))
            return redirect("web:function", slug=form.instance.slug)
    return render(request, "web/editor/function_create.html", {"form": form, "organisation": org})


def _save(function: Function, form, formset, user) -> None:
    """Everything on the screen in one transaction: all of it is saved, or nothing."""
    with transaction.atomic():
        if form.has_changed():
            form.commit(user)
        for channel_form in formset.forms:
            if channel_form in formset.deleted_forms:
                if channel_form.instance.pk is not None:
                    editing.delete_channel(
                        channel_form.instance, user, expected_version=channel_form.version
                    )
            elif channel_form.has_changed():
                channel_form.commit(user)


def _moved(request, function: Function):
    """The form as submitted with one channel moved (the Move up / Move down buttons):
    `move=<row>:up|down`. Returns the data to show and the row moved, or (POST, None)."""
    row, _sep, direction = request.POST.get("move", "").partition(":")
    if not row.isdigit() or direction not in ("up", "down"):
        return request.POST, None
    submitted = ChannelFormSet(request.POST, instance=function, prefix="channels")
    step = -1 if direction == "up" else 1
    return move_channel(request.POST, submitted, int(row), step), f"{row}:{direction}"


def _edit(request, function: Function, context: dict):
    """A submitted function screen: move a channel, preview the change, or save it.
    Returns (form, formset, response); a response when the view is done."""
    data, moved = _moved(request, function)
    form = FunctionEditForm(data, instance=function, prefix="f")
    formset = ChannelFormSet(data, instance=function, prefix="channels")
    formset.moved = moved
    valid = form.is_valid()
    valid = formset.is_valid() and valid
    if valid and moved is None:
        changes = describe.function_changes(form, formset, context["lang"])
        if not changes:
            messages.info(request, _("Nothing was changed."))
            return form, formset, redirect("web:function", slug=function.slug)
        if request.POST.get("step") != "save":
            context["preview"] = changes
        else:
            try:
                _save(function, form, formset, request.user)
            except RegistryError as error:
                form.add_registry_error(error)
            else:
                messages.success(
                    request, _("Saved. The change is shown in every channel within seconds.")
                )
                return form, formset, redirect("web:function", slug=function.slug)
    if summary.has_conflict(form, formset):
        context |= conflict_context(
            function, form, "web:function-history", reverse("web:function", args=[function.slug])
        )
    return form, formset, None


@login_required
@require_http_methods(["GET", "POST"])
def function_edit(request, slug: str):
    function = viewable_function(request.user, slug)
    can_edit = access.can_edit_function(request.user, function) and not function.is_archived
    lang = page_lang()
    context = {"function": function, "can_edit": can_edit, "lang": lang}
    if request.method == "POST":
        if not can_edit:
            raise PermissionDenied
        form, formset, response = _edit(request, function, context)
        if response is not None:
            return response
    elif can_edit:
        form = FunctionEditForm(instance=function, prefix="f")
        formset = ChannelFormSet(instance=function, prefix="channels")
    else:
        form = formset = None
    context |= {"form": form, "formset": formset, **_sidebar(function, lang)}
    context["channels"] = function.channels.order_by("position", "id")
    context["can_archive"] = access.can_archive_function(request.user, function)
    return render(request, "web/editor/function.html", context)


def _lifecycle_action(request, slug: str, action, done: str):
    function = editable_function(request.user, slug)
    try:
        action(function)
    except RegistryError as error:
        for problem in error.problems:
            messages.error(request, problem.text())
    else:
        messages.success(request, done)
    return redirect("web:function", slug=function.slug)


def _expected(request) -> int | None:
    raw = request.POST.get("expected_version", "")
    return int(raw) if raw.isdigit() else None


@login_required
@require_POST
def function_publish(request, slug: str):
    return _lifecycle_action(
        request, slug,
        lambda f: lifecycle.publish_function(f, request.user, expected_version=_expected(request)),
        _("Published. Visitors and every channel now see it."),
    )  # fmt: skip


@login_required
@require_POST
def function_review(request, slug: str):
    return _lifecycle_action(
        request, slug,
        lambda f: lifecycle.mark_reviewed(f, request.user, expected_version=_expected(request)),
        _("Marked as reviewed. The next review is due in a year."),
    )  # fmt: skip


@login_required
@require_POST
def function_delete(request, slug: str):
    function = editable_function(request.user, slug)
    organisation = function.organisation
    try:
        lifecycle.delete_function(function, request.user)
    except RegistryError as error:
        for problem in error.problems:
            messages.error(request, problem.text())
        return redirect("web:function", slug=slug)
    messages.success(request, _("The draft was deleted."))
    return redirect("web:organisation-dashboard", slug=organisation.slug)


@login_required
@require_http_methods(["GET", "POST"])
def function_archive(request, slug: str):
    function = viewable_function(request.user, slug)
    if not access.can_archive_function(request.user, function) or function.is_archived:
        raise PermissionDenied
    form = ArchiveEditForm(request.POST or None, function=function)
    if request.method == "POST" and form.is_valid():
        replacement = form.cleaned_data["replacement"]
        try:
            moved = lifecycle.archive_function(
                function, request.user, replacement=replacement,
                expected_version=form.cleaned_data["expected_version"],
            )  # fmt: skip
        except RegistryError as error:
            for problem in error.problems:
                form.add_error(
                    "replacement" if problem.field == "replaced_by" else None, problem.text()
                )
        else:
            messages.success(
                request,
                _("Archived. %(count)s topics now route to the replacement.") % {"count": moved},
            )
            return redirect("web:function", slug=function.slug)
    topics = function.topics.order_by("name")
    return render(
        request, "web/editor/function_archive.html",
        {"function": function, "form": form, "topics": topics},
    )  # fmt: skip


@login_required
@require_POST
def function_unarchive(request, slug: str):
    function = viewable_function(request.user, slug)
    if not access.can_archive_function(request.user, function):
        raise PermissionDenied
    try:
        status = lifecycle.unarchive_function(
            function, request.user, expected_version=_expected(request)
        )
    except RegistryError as error:
        for problem in error.problems:
            messages.error(request, problem.text())
    else:
        if status == "published":
            messages.success(request, _("Taken back from the archive and published again."))
        else:
            messages.success(
                request, _("Taken back from the archive as a draft. Check it, then publish it.")
            )
    return redirect("web:function", slug=function.slug)


@login_required
@require_http_methods(["GET"])
def function_history(request, slug: str):
    function = viewable_function(request.user, slug)
    since = since_version(request)
    entries = describe.history_entries(history.versions(function), page_lang(), since)
    can_restore = access.can_edit_function(request.user, function) and not function.is_archived
    return render(
        request, "web/editor/history.html",
        {
            "subject": function, "kind": "function", "entries": entries, "since": since,
            "can_restore": can_restore,
        },
    )  # fmt: skip


@login_required
@require_POST
def function_restore(request, slug: str, history_id: int):
    function = editable_function(request.user, slug)
    if not restore_version(request, function, history_id):
        return redirect("web:function-history", slug=slug)
    return redirect("web:function", slug=function.slug)
