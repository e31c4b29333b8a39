"""P1 resolution: which contact a visitor is shown for a topic or a function.

It always yields a contact. For a topic routed to a function:

1. the contact center first, when the topic says it answers first;
2. the routed function (following replacements of archived functions), when it is
   published, has channels that may be shown, and its review is not long overdue;
3. otherwise its organisation's general mailbox;
4. otherwise the contact center (from the registry, or from the city profile).

A topic routed to an external actor yields a link to the actor's website, then the contact
center for questions to the city. The publishing layer renders `Resolution.contacts` in
order; `Resolution.notes` say why a step was skipped.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from django.conf import settings

from serviceguiden.directory.models import (
    Channel,
    ChannelKind,
    ExternalActor,
    Function,
    Organisation,
    Status,
    Topic,
    today,
)
from serviceguiden.directory.validation import city_profile

FUNCTION = "function"
GENERAL_MAILBOX = "general_mailbox"
CONTACT_CENTER = "contact_center"
EXTERNAL_ACTOR = "external_actor"


@dataclass(frozen=True)
class ShownChannel:
    kind: str
    value: str
    label: str = ""
    hours: dict = field(default_factory=dict)


@dataclass(frozen=True)
class Contact:
    source: str  # FUNCTION | GENERAL_MAILBOX | CONTACT_CENTER | EXTERNAL_ACTOR
    name: str
    channels: tuple[ShownChannel, ...] = ()
    website: str = ""
    function: Function | None = None
    organisation: Organisation | None = None
    external_actor: ExternalActor | None = None


@dataclass
class Resolution:
    contacts: list[Contact]
    topic: Topic | None = None
    notes: list[str] = field(default_factory=list)

    @property
    def primary(self) -> Contact:
        return self.contacts[0]


def follow_replacements(function: Function) -> Function:
    """The function now doing the work of `function` (itself unless archived and replaced)."""
    seen = {function.pk}
    while function.status == Status.ARCHIVED and function.replaced_by_id is not None:
        function = function.replaced_by
        if function.pk in seen:
            break
        seen.add(function.pk)
    return function


def _shown_channels(function: Function, on: dt.date) -> tuple[ShownChannel, ...]:
    channels = Channel.objects.live(on).filter(function=function).order_by("position", "id")
    return tuple(ShownChannel(c.kind, c.value, c.label, c.hours) for c in channels)


def _stale(function: Function, on: dt.date) -> bool:
    grace = dt.timedelta(days=settings.SERVICEGUIDEN_REVIEW_GRACE_DAYS)
    return function.review_by + grace < on


def function_contact(function: Function, on: dt.date | None = None) -> tuple[Contact | None, str]:
    """The function's own contact, or None with the reason it cannot be shown."""
    on = on or today()
    if function.status != Status.PUBLISHED:
        return None, f"{function.name}: {function.get_status_display()}"
    if _stale(function, on):
        return None, f"{function.name}: review overdue since {function.review_by}"
    channels = _shown_channels(function, on)
    if not channels:
        return None, f"{function.name}: no channel that may be shown"
    contact = Contact(
        FUNCTION, function.name, channels, function=function, organisation=function.organisation
    )
    return contact, ""


def general_mailbox_contact(organisation: Organisation) -> Contact | None:
    if not organisation.general_email:
        return None
    channels = (ShownChannel(ChannelKind.EMAIL, organisation.general_email),)
    return Contact(
        GENERAL_MAILBOX, organisation.name, channels, website=organisation.website,
        organisation=organisation,
    )  # fmt: skip


def contact_center_contact(on: dt.date | None = None) -> Contact:
    """The city's contact center: its published function in the registry, else the profile."""
    on = on or today()
    center = Organisation.objects.contact_center().first()
    if center is not None:
        for function in Function.objects.published().for_organisation(center):
            contact, _ = function_contact(function, on)
            if contact is not None:
                return Contact(
                    CONTACT_CENTER, contact.name, contact.channels, website=center.website,
                    function=function, organisation=center,
                )  # fmt: skip
    profile = city_profile().contact_center
    channels = [ShownChannel(ChannelKind.PHONE, profile.display_phone)]
    channels += [ShownChannel(ChannelKind.EMAIL, email) for email in profile.emails]
    return Contact(CONTACT_CENTER, profile.name, tuple(channels), website=profile.website)


def resolve_function(function: Function, on: dt.date | None = None) -> Resolution:
    """What to show for an embed of one function: the function (or its replacement), else
    its organisation's general mailbox, else the contact center."""
    on = on or today()
    notes = []
    current = follow_replacements(function)
    if current.pk != function.pk:
        notes.append(f"{function.name} is archived; replaced by {current.name}")
    contact, why_not = function_contact(current, on)
    if contact is not None and contact.organisation.kind == "contact_center":
        contact = contact_center_contact(on)
    if contact is None:
        notes.append(why_not)
        contact = general_mailbox_contact(current.organisation)
        if contact is None:
            notes.append(f"{current.organisation.name}: no general mailbox")
            contact = contact_center_contact(on)
    return Resolution([contact], notes=notes)


def resolve_topic(topic: Topic, on: dt.date | None = None) -> Resolution:
    on = on or today()
    if topic.external_actor_id is not None:
        actor = topic.external_actor
        link = Contact(EXTERNAL_ACTOR, actor.name, website=actor.website, external_actor=actor)
        return Resolution([link, contact_center_contact(on)], topic=topic)
    routed = resolve_function(topic.function, on)
    contacts = routed.contacts
    if topic.contact_center_first and contacts[0].source != CONTACT_CENTER:
        contacts = [contact_center_contact(on), *contacts]
    return Resolution(contacts, topic=topic, notes=routed.notes)
