"""Organisation admins manage their organisation's members and roles, and its details
(name, general mailbox, website)."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from serviceguiden.directory import access, editing
from serviceguiden.directory.models import Membership
from serviceguiden.web import summary
from serviceguiden.web.forms import MemberAddForm, MemberRoleForm, OrganisationEditForm
from serviceguiden.web.guards import conflict_context, viewable_organisation


def _managed(request, slug: str):
    organisation = viewable_organisation(request.user, slug)
    if not access.can_manage_members(request.user, organisation):
        raise PermissionDenied
    return organisation


@login_required
@require_http_methods(["GET", "POST"])
def member_list(request, slug: str):
    organisation = _managed(request, slug)
    form = MemberAddForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        user = form.cleaned_data["username"]
        editing.set_membership(organisation, user, form.cleaned_data["role"], request.user)
        messages.success(request, _("%(user)s is now a member.") % {"user": user.get_username()})
        return redirect("web:members", slug=organisation.slug)
    memberships = organisation.memberships.select_related("user").order_by("user__username")
    rows = [(m, MemberRoleForm(membership=m, prefix=f"m{m.pk}")) for m in memberships]
    return render(
        request, "web/editor/members.html",
        {"organisation": organisation, "form": form, "rows": rows},
    )  # fmt: skip


@login_required
@require_POST
def member_change(request, slug: str, pk: int):
    organisation = _managed(request, slug)
    membership = get_object_or_404(Membership, pk=pk, organisation=organisation)
    if request.POST.get("remove"):
        editing.remove_membership(membership, request.user)
        messages.success(request, _("The member was removed."))
        return redirect("web:members", slug=organisation.slug)
    form = MemberRoleForm(request.POST, membership=membership, prefix=f"m{membership.pk}")
    if form.is_valid():
        editing.set_membership(
            organisation, membership.user, form.cleaned_data["role"], request.user
        )
        messages.success(request, _("The role was changed."))
    else:
        messages.error(request, _("Choose one of the roles."))
    return redirect("web:members", slug=organisation.slug)


@login_required
@require_http_methods(["GET", "POST"])
def organisation_details(request, slug: str):
    organisation = viewable_organisation(request.user, slug)
    if not access.can_change_organisation(request.user, organisation):
        raise PermissionDenied
    form = OrganisationEditForm(request.POST or None, instance=organisation)
    if request.method == "POST" and form.is_valid() and form.try_commit(request.user):
        messages.success(request, _("Saved. Every channel shows the new details."))
        return redirect("web:organisation-dashboard", slug=organisation.slug)
    context = {"organisation": organisation, "form": form}
    if summary.has_conflict(form):
        context |= conflict_context(organisation, form, "", request.path)
    return render(request, "web/editor/organisation.html", context)
