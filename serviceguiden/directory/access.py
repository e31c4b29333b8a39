"""Who may do what in the registry. Every write path — admin, forms, import, CLI, and the
API and editor built later — asks here, and nowhere else.

Roles live on `Membership(user, organisation, role)`:

| right                                   | viewer | editor | org admin | global admin |
|-----------------------------------------|--------|--------|-----------|--------------|
| see own organisation's drafts/history   | yes    | yes    | yes       | all          |
| edit functions, channels, topics        |        | own    | own       | all          |
| publish, review, restore, delete drafts |        | own    | own       | all          |
| archive a function                      |        |        | own       | all          |
| change the organisation's details       |        |        | own       | all          |
| manage members                          |        |        | own       | all          |
| organisations' kind, parent, domains    |        |        |           | yes          |
| external actors, exceptions, import     |        |        |           | yes          |
| searches without results (see, hide)    |        | any    | any       | yes          |

A global admin is an active superuser; only global admins use the Django admin.
`can_*` functions answer; `require_*` functions raise `AccessDenied` with a message that
names the missing right and who can grant it.
"""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.utils.translation import gettext as _

from serviceguiden.directory.models import Function, Membership, Organisation, Topic


class AccessDenied(PermissionDenied):
    """Raised by `require_*`: the user lacks the right for this action."""


def is_global_admin(user) -> bool:
    return bool(user and user.is_authenticated and user.is_active and user.is_superuser)


def membership(user, organisation: Organisation | None) -> Membership | None:
    if not (user and user.is_authenticated and user.is_active) or organisation is None:
        return None
    if organisation.pk is None:
        return None
    return Membership.objects.filter(user=user, organisation=organisation).first()


def _member_can(user, organisation, right: str) -> bool:
    if is_global_admin(user):
        return True
    member = membership(user, organisation)
    return bool(member and getattr(member, right))


# -- answers ----------------------------------------------------------------------------


def can_view_organisation(user, organisation: Organisation) -> bool:
    """Drafts, history and review lists of an organisation (published data is public)."""
    return _member_can(user, organisation, "can_view_entries")


def can_edit_entries(user, organisation: Organisation) -> bool:
    """Create/change functions, channels and topics owned by `organisation`."""
    return _member_can(user, organisation, "can_edit_entries")


def can_edit_function(user, function: Function) -> bool:
    return can_edit_entries(user, function.organisation)


def can_edit_topic(user, topic: Topic) -> bool:
    return can_edit_entries(user, topic.organisation)


def can_archive_function(user, function: Function) -> bool:
    return _member_can(user, function.organisation, "can_archive_functions")


def can_change_organisation(user, organisation: Organisation) -> bool:
    return _member_can(user, organisation, "can_change_organisation")


def can_manage_members(user, organisation: Organisation) -> bool:
    return _member_can(user, organisation, "can_manage_members")


def can_create_organisation(user) -> bool:
    return is_global_admin(user)


def can_edit_external_actors(user) -> bool:
    return is_global_admin(user)


def can_grant_exceptions(user) -> bool:
    return is_global_admin(user)


def can_import(user) -> bool:
    return is_global_admin(user)


def can_see_import(user, job) -> bool:
    """A spreadsheet import started in the editor: its uploader's alone (the file may hold
    what is not published), and only while they may import."""
    return can_import(user) and job.user_id == user.pk


def can_see_missed_searches(user) -> bool:
    """The public searches that found nothing: every editor may add the words as synonyms to
    their own topics, so every editor (of any organisation) sees the list and hides what is
    handled."""
    return is_global_admin(user) or editable_organisations(user).exists()


def editable_organisations(user):
    """Organisations whose entries `user` may edit."""
    if is_global_admin(user):
        return Organisation.objects.all()
    if not (user and user.is_authenticated and user.is_active):
        return Organisation.objects.none()
    return Organisation.objects.filter(
        memberships__user=user, memberships__role__in=["editor", "admin"]
    )


# -- demands ----------------------------------------------------------------------------


def _deny(action: str, organisation: Organisation | None = None) -> AccessDenied:
    if organisation is None:
        return AccessDenied(
            _("You may not %(action)s: only a global admin may. Ask a global admin.")
            % {"action": action}
        )
    return AccessDenied(
        _(
            "You may not %(action)s in %(organisation)s: you need that right in its "
            "organisation. Ask an organisation admin of %(organisation)s or a global admin."
        )
        % {"action": action, "organisation": organisation}
    )


def require_edit_entries(user, organisation: Organisation) -> None:
    if not can_edit_entries(user, organisation):
        raise _deny(_("change entries"), organisation)


def require_archive_function(user, function: Function) -> None:
    if not can_archive_function(user, function):
        raise _deny(_("archive functions"), function.organisation)


def require_change_organisation(user, organisation: Organisation) -> None:
    if not can_change_organisation(user, organisation):
        raise _deny(_("change the organisation's details"), organisation)


def require_manage_members(user, organisation: Organisation) -> None:
    if not can_manage_members(user, organisation):
        raise _deny(_("manage members"), organisation)


def require_global_admin(user, action: str) -> None:
    if not is_global_admin(user):
        raise _deny(action)
