"""The editor's words for the registry's values, translated in this app's catalogue
(Swedish first, English available)."""

from django.utils.translation import gettext_lazy as _

from serviceguiden.directory.models import ChannelKind, Role, Status

CHANNEL_KINDS = {
    ChannelKind.EMAIL: _("Function mailbox"),
    ChannelKind.PHONE: _("Function phone"),
    ChannelKind.ESERVICE: _("E-service / web form"),
    ChannelKind.WEBSITE: _("Web page"),
    ChannelKind.CHAT: _("Chat"),
    ChannelKind.SMS: _("SMS"),
    ChannelKind.TEXT_PHONE: _("Text telephone"),
    ChannelKind.VISITING_ADDRESS: _("Visiting address"),
    ChannelKind.POSTAL_ADDRESS: _("Postal address"),
    ChannelKind.ACCESSIBILITY: _("Interpreter / sign language information"),
}
ROLES = {
    Role.VIEWER: _("Viewer"),
    Role.EDITOR: _("Editor"),
    Role.ADMIN: _("Organisation admin"),
}
STATUSES = {
    Status.DRAFT: _("Draft"),
    Status.PUBLISHED: _("Published"),
    Status.ARCHIVED: _("Archived"),
}
CHANGE_KINDS = {"created": _("created"), "changed": _("changed"), "deleted": _("deleted")}
FIELDS = {
    "name": _("Name"),
    "slug": _("Key"),
    "description": _("Description"),
    "review_by": _("Review by"),
    "status": _("Status"),
    "replaced_by": _("Replaced by"),
    "organisation": _("Organisation"),
    "kind": _("Kind"),
    "value": _("Contact detail"),
    "label": _("Label"),
    "hours": _("Hours"),
    "position": _("Order"),
    "exception": _("Exception"),
    "synonyms": _("Synonyms"),
    "function": _("Best-service function"),
    "external_actor": _("External actor"),
    "contact_center_first": _("The contact center answers first"),
    "website": _("Website"),
    "purpose": _("What it is for"),
    "general_email": _("General mailbox"),
    "parent": _("Parent organisation"),
    "domains": _("Own domains"),
    "user": _("User"),
    "role": _("Role"),
    "reason": _("Reason"),
    "ends_on": _("Ends on"),
    "revoked_at": _("Revoked"),
    "granted_by_name": _("Granted by"),
}


def channel_kind_choices():
    return [(kind.value, label) for kind, label in CHANNEL_KINDS.items()]


def role_choices():
    return [(role.value, label) for role, label in ROLES.items()]
