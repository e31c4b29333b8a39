"""The topic routing editor (P1): choose the best-service function or an external actor,
mark "the contact center answers first", and see the contact box exactly as visitors will
before saving. History with restore."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from serviceguiden.directory import access, history
from serviceguiden.directory.models import Organisation, Topic
from serviceguiden.publishing import embeds, usage
from serviceguiden.publishing.models import TOPIC
from serviceguiden.web import changes as describe
from serviceguiden.web import summary
from serviceguiden.web.boxes import contact_box, preview_box
from serviceguiden.web.forms import TopicEditForm
from serviceguiden.web.guards import (
    conflict_context,
    editable_topic,
    restore_version,
    since_version,
    viewable_topic,
)
from serviceguiden.web.i18n import page_lang


def _edit(request, topic: Topic, template_context: dict):
    """Bind, preview or save a topic form; returns a response."""
    lang = page_lang()
    form = TopicEditForm(request.POST or None, instance=topic)
    context = {"form": form, "topic": topic, **template_context}
    if request.method == "POST" and form.is_valid():
        if request.POST.get("step") == "save":
            with transaction.atomic():
                saved = form.try_commit(request.user)
            if saved:
                messages.success(request, _("Saved. Every channel shows the new routing."))
                return redirect("web:topic-edit", slug=form.instance.slug)
        else:
            context["preview"] = preview_box(TOPIC, form.instance, lang)
            context["preview_changes"] = describe.form_changes(form, lang)
    if topic.pk is not None and summary.has_conflict(form):
        context |= conflict_context(
            topic, form, "web:topic-history", reverse("web:topic-edit", args=[topic.slug])
        )
    return render(request, "web/editor/topic.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def topic_create(request, organisation: str):
    org = get_object_or_404(Organisation, slug=organisation)
    if not access.can_edit_entries(request.user, org):
        raise PermissionDenied
    return _edit(request, Topic(organisation=org), {"organisation": org, "can_edit": True})


@login_required
@require_http_methods(["GET", "POST"])
def topic_edit(request, slug: str):
    topic = viewable_topic(request.user, slug)
    can_edit = access.can_edit_topic(request.user, topic)
    if request.method == "POST" and not can_edit:
        raise PermissionDenied
    lang = page_lang()
    context = {
        "organisation": topic.organisation,
        "can_edit": can_edit,
        "current_box": contact_box(TOPIC, topic, lang),
        "codes": embeds.embed_codes(TOPIC, topic.slug, topic.name, lang),
        "places": usage.where_used(TOPIC, topic.slug),
        "impact": usage.impact([topic]).message(lang),
    }
    if not can_edit:
        return render(request, "web/editor/topic.html", {"topic": topic, **context})
    return _edit(request, topic, context)


@login_required
@require_http_methods(["GET"])
def topic_history(request, slug: str):
    topic = viewable_topic(request.user, slug)
    since = since_version(request)
    entries = describe.history_entries(history.versions(topic), page_lang(), since)
    return render(
        request, "web/editor/history.html",
        {
            "subject": topic, "kind": "topic", "entries": entries, "since": since,
            "can_restore": access.can_edit_topic(request.user, topic),
        },
    )  # fmt: skip


@login_required
@require_POST
def topic_restore(request, slug: str, history_id: int):
    topic = editable_topic(request.user, slug)
    if not restore_version(request, topic, history_id):
        return redirect("web:topic-history", slug=slug)
    return redirect("web:topic-edit", slug=topic.slug)
