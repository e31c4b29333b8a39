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
from collections.abc import Iterable
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


def _stale(function: Function, on: dt.date) -> bool:
    grace = dt.timedelta(days=settings.SERVICEGUIDEN_REVIEW_GRACE_DAYS)
    return function.review_by + grace < on


def _shown(channel: Channel) -> ShownChannel:
    return ShownChannel(channel.kind, channel.value, channel.label, channel.hours)


def _shown_channels(function: Function, on: dt.date) -> tuple[ShownChannel, ...]:
    channels = Channel.objects.live(on).filter(function=function).order_by("position", "id")
    return tuple(_shown(c) for c in channels)


def function_contact(function: Function, on: dt.date | None = None) -> tuple[Contact | None, str]:
    """The function's own contact, or None with the reason it cannot be shown."""
    return Resolver(on).function_contact(function)


def general_mailbox_contact(organisation: Organisation) -> Contact | None:
    if not organisation.general_email:
        return None
    channels = (ShownChannel(ChannelKind.EMAIL, organisation.general_email),)
    return Contact(
        GENERAL_MAILBOX, organisation.name, channels, website=organisation.website,
        organisation=organisation,
    )  # fmt: skip


def contact_center_contact(on: dt.date | None = None) -> Contact:
    """The city's contact center: the function the registry names as it (`is_contact_center`)
    while it can be shown, else the city profile's contact center. Never guessed from an
    organisation's other functions."""
    on = on or today()
    function = Function.objects.contact_center().published().select_related("organisation").first()
    if function is not None:
        contact, _ = Resolver(on).function_contact(function)
        if contact is not None:
            return Contact(
                CONTACT_CENTER, contact.name, contact.channels,
                website=function.organisation.website, function=function,
                organisation=function.organisation,
            )  # fmt: skip
    profile = city_profile().contact_center
    channels = [ShownChannel(ChannelKind.PHONE, profile.display_phone)]
    channels += [ShownChannel(ChannelKind.EMAIL, email) for email in profile.emails]
    return Contact(CONTACT_CENTER, profile.name, tuple(channels), website=profile.website)


def external_actor_contact(actor: ExternalActor) -> Contact:
    """P4: a link to the actor's website — and its national service number, the one kind of
    number of theirs that may be shown (fixed by law, listed in the city profile)."""
    channels = ()
    if actor.national_number:
        channels = (ShownChannel(ChannelKind.PHONE, actor.national_number),)
    return Contact(
        EXTERNAL_ACTOR, actor.name, channels, website=actor.website, external_actor=actor
    )


def resolve_function(function: Function, on: dt.date | None = None) -> Resolution:
    """What to show for an embed of one function: the function (or its replacement), else
    its organisation's general mailbox, else the contact center."""
    return Resolver(on).function(function)


def resolve_topic(topic: Topic, on: dt.date | None = None) -> Resolution:
    return Resolver(on).topic(topic)


class Resolver:
    """The P1 rules for one date. Alone it queries as it goes (the functions above use it
    that way); `prefetch()` loads what many topics and functions need first, so a publish
    resolves any number of them with a fixed number of queries:

        resolver = Resolver().prefetch(topics=topics, functions=functions)
        resolutions = [resolver.topic(topic) for topic in topics]

    The contact center is resolved once per resolver. Pass topics with `function`,
    `function__organisation` and `external_actor` selected (`select_related`), and
    functions with `organisation`, or each one costs a query for them.
    """

    def __init__(self, on: dt.date | None = None):
        self.on = on or today()
        self._center: Contact | None = None
        self._functions: dict[int, Function] = {}  # replacements loaded by `prefetch()`
        self._channels: dict[int, tuple[ShownChannel, ...]] = {}

    def prefetch(self, topics: Iterable[Topic] = (), functions: Iterable[Function] = ()):
        """Load the replacement chains (one query per step of the longest chain) and the
        channels that may be shown (one query) of the topics' and functions' functions."""
        found = [t.function for t in topics if t.function_id is not None]
        found += list(functions)
        self._functions.update((f.pk, f) for f in found)
        wanted = {f.replaced_by_id for f in found if self._replaced(f)} - self._functions.keys()
        while wanted:
            loaded = list(Function.objects.select_related("organisation").filter(pk__in=wanted))
            self._functions.update((f.pk, f) for f in loaded)
            wanted = {f.replaced_by_id for f in loaded if self._replaced(f)}
            wanted -= self._functions.keys()
        current = {self.follow_replacements(f).pk for f in found} - self._channels.keys()
        if current:
            shown: dict[int, list[ShownChannel]] = {pk: [] for pk in current}
            channels = (
                Channel.objects.live(self.on)
                .filter(function__in=current)
                .order_by("function_id", "position", "id")
            )
            for channel in channels:
                shown[channel.function_id].append(_shown(channel))
            self._channels.update((pk, tuple(values)) for pk, values in shown.items())
        return self

    @staticmethod
    def _replaced(function: Function) -> bool:
        return function.status == Status.ARCHIVED and function.replaced_by_id is not None

    def follow_replacements(self, function: Function) -> Function:
        """As `follow_replacements()`, from the functions `prefetch()` loaded."""
        seen = {function.pk}
        while self._replaced(function):
            loaded = self._functions.get(function.replaced_by_id)
            function = loaded if loaded is not None else function.replaced_by
            if function.pk in seen:
                break
            seen.add(function.pk)
        return function

    def channels(self, function: Function) -> tuple[ShownChannel, ...]:
        if function.pk not in self._channels:
            self._channels[function.pk] = _shown_channels(function, self.on)
        return self._channels[function.pk]

    def contact_center(self) -> Contact:
        if self._center is None:
            self._center = contact_center_contact(self.on)
        return self._center

    def function_contact(self, function: Function) -> tuple[Contact | None, str]:
        """The function's own contact, or None with the reason it cannot be shown."""
        if function.status != Status.PUBLISHED:
            return None, f"{function.name}: {function.get_status_display()}"
        if _stale(function, self.on):
            return None, f"{function.name}: review overdue since {function.review_by}"
        channels = self.channels(function)
        if not channels:
            return None, f"{function.name}: no channel that may be shown"
        contact = Contact(
            FUNCTION, function.name, channels, function=function,
            organisation=function.organisation,
        )  # fmt: skip
        return contact, ""

    def function(self, function: Function) -> Resolution:
        """What to show for an embed of one function (see `resolve_function()`)."""
        notes = []
        current = self.follow_replacements(function)
        if current.pk != function.pk:
            notes.append(f"{function.name} is archived; replaced by {current.name}")
        contact, why_not = self.function_contact(current)
        if contact is not None and current.is_contact_center:
            contact = self.contact_center()
        if contact is None:
            notes.append(why_not)
            contact = general_mailbox_contact(current.organisation)
            if contact is None:
                notes.append(f"{current.organisation.name}: no general mailbox")
                contact = self.contact_center()
        return Resolution([contact], notes=notes)

    def topic(self, topic: Topic) -> Resolution:
        """What to show for a topic (see the module's docstring)."""
        if topic.external_actor_id is not None:
            link = external_actor_contact(topic.external_actor)
            return Resolution([link, self.contact_center()], topic=topic)
        routed = self.function(topic.function)
        contacts = routed.contacts
        if topic.contact_center_first and contacts[0].source != CONTACT_CENTER:
            contacts = [self.contact_center(), *contacts]
        return Resolution(contacts, topic=topic, notes=routed.notes)
