"""External actors (P4): a name, a website and what it is for – there is nowhere to type an
e-mail, phone or address. Everyone in the editor sees the list; global admins change it."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from serviceguiden.directory import access
from serviceguiden.directory.models import ExternalActor
from serviceguiden.web import summary
from serviceguiden.web.forms import ExternalActorEditForm
from serviceguiden.web.guards import conflict_context


@login_required
@require_http_methods(["GET"])
def actor_list(request):
    actors = ExternalActor.objects.order_by("name")
    return render(
        request, "web/editor/actors.html",
        {"actors": actors, "can_edit": access.can_edit_external_actors(request.user)},
    )  # fmt: skip


@login_required
@require_http_methods(["GET", "POST"])
def actor_edit(request, slug: str | None = None):
    if not access.can_edit_external_actors(request.user):
        raise PermissionDenied
    actor = get_object_or_404(ExternalActor, slug=slug) if slug else ExternalActor()
    form = ExternalActorEditForm(request.POST or None, instance=actor)
    if request.method == "POST" and form.is_valid() and form.try_commit(request.user):
        messages.success(request, _("Saved."))
        return redirect("web:actors")
    context = {"form": form, "actor": actor}
    if actor.pk is not None and summary.has_conflict(form):
        context |= conflict_context(actor, form, "", request.path)
    return render(request, "web/editor/actor.html", context)
