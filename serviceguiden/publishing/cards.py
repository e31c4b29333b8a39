"""The card: what every channel shows of one registry subject, built once per language from
the registry's P1 resolution (`directory.resolve`). Cards hold no rendering: every format
(`render.py`, `schemaorg.py`, `vcard.py`) is written from them.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache

from django.conf import settings

from serviceguiden.directory import hours as hours_module
from serviceguiden.directory import resolve
from serviceguiden.directory.models import (
    ChannelKind,
    ExternalActor,
    Function,
    Organisation,
    OrganisationKind,
    Status,
    Topic,
    today,
)
from serviceguiden.policy import format_phone, phone_e164
from serviceguiden.publishing.models import EXTERNAL_ACTOR, FUNCTION, ORGANISATION, TOPIC
from serviceguiden.publishing.store import FOLDERS, LANGS

LABELS = {
    "sv": {
        ChannelKind.EMAIL: "E-post",
        ChannelKind.PHONE: "Telefon",
        ChannelKind.ESERVICE: "E-tjänst",
        ChannelKind.WEBSITE: "Webbplats",
        ChannelKind.CHAT: "Chatt",
        ChannelKind.SMS: "sms",
        ChannelKind.TEXT_PHONE: "Texttelefon",
        ChannelKind.VISITING_ADDRESS: "Besöksadress",
        ChannelKind.POSTAL_ADDRESS: "Postadress",
        ChannelKind.ACCESSIBILITY: "Tolk och teckenspråk",
        "contact": "Kontakt",
        "phone_hours": "Telefontider",
        "opening_hours": "Öppettider",
        "website_of": "Webbplats",
        "external": "{name} ansvarar för detta. Kontakta dem via deras webbplats.",
        "external_number": "{name} ansvarar för detta. Ring numret nedan eller gå till deras "
        "webbplats.",
        "center_first": "Kontaktcenter svarar först på frågor om detta.",
        "general_mailbox": "Allmän e-post till {organisation}.",
        "functions": "Funktioner",
    },
    "en": {
        ChannelKind.EMAIL: "Email",
        ChannelKind.PHONE: "Phone",
        ChannelKind.ESERVICE: "E-service",
        ChannelKind.WEBSITE: "Website",
        ChannelKind.CHAT: "Chat",
        ChannelKind.SMS: "Text message",
        ChannelKind.TEXT_PHONE: "Text telephone",
        ChannelKind.VISITING_ADDRESS: "Visiting address",
        ChannelKind.POSTAL_ADDRESS: "Postal address",
        ChannelKind.ACCESSIBILITY: "Interpreter and sign language",
        "contact": "Contact",
        "phone_hours": "Phone hours",
        "opening_hours": "Opening hours",
        "website_of": "Website",
        "external": "{name} handles this. Contact them through their website.",
        "external_number": "{name} handles this. Call the number below or go to their website.",
        "center_first": "The contact center answers questions about this first.",
        "general_mailbox": "General email to {organisation}.",
        "functions": "Functions",
    },
}
PHONE_KINDS = {ChannelKind.PHONE, ChannelKind.SMS, ChannelKind.TEXT_PHONE}
LINK_KINDS = {ChannelKind.ESERVICE, ChannelKind.WEBSITE, ChannelKind.CHAT}
ADDRESS_KINDS = {ChannelKind.VISITING_ADDRESS, ChannelKind.POSTAL_ADDRESS}


# -- the card: what every format shows --------------------------------------------------


@dataclass(frozen=True)
class ChannelView:
    kind: str
    label: str
    value: str  # as shown: '031-365 00 00'
    href: str = ""  # 'tel:+46313650000', 'mailto:…', 'https://…' or ''
    hours: tuple[str, ...] = ()  # 'Mån–fre 08.00–16.30'
    hours_label: str = ""
    schedule: hours_module.Hours | None = None


@dataclass(frozen=True)
class ContactView:
    role: str  # resolve.FUNCTION | GENERAL_MAILBOX | CONTACT_CENTER | EXTERNAL_ACTOR
    name: str
    intro: str = ""
    organisation: str = ""
    organisation_slug: str = ""
    function_slug: str = ""
    website: str = ""
    channels: tuple[ChannelView, ...] = ()


@dataclass(frozen=True)
class Card:
    kind: str  # TOPIC | FUNCTION | ORGANISATION | EXTERNAL_ACTOR
    slug: str
    name: str
    lang: str
    description: str = ""
    synonyms: tuple[str, ...] = ()
    owner: str = ""  # the organisation that owns a topic or function
    owner_slug: str = ""
    owner_kind: str = ""
    website: str = ""
    contacts: tuple[ContactView, ...] = ()
    functions: tuple[tuple[str, str], ...] = ()  # an organisation's (slug, name)
    # A topic's contacts depend only on how it is routed: the name of that routing ('f-bygglov',
    # 'a-polisen-cc' …), under which the store keeps them once for all topics routed alike.
    block: str = ""
    extra: dict = field(default_factory=dict, compare=False)

    @property
    def heading(self) -> str:
        return f"{LABELS[self.lang]['contact']}: {self.name}"

    def url(self, fmt: str = "json") -> str:
        base = settings.SITE_URL
        folder = FOLDERS[self.kind]
        lang = "" if self.lang == "sv" else "?lang=en"
        if fmt == "html" and self.kind in (TOPIC, FUNCTION):
            return f"{base}/embed/{folder}/{self.slug}{lang}"
        suffix = "" if fmt == "json" else f"?format={fmt}"
        if lang:
            suffix = f"{suffix}&lang=en" if suffix else lang
        return f"{base}/api/v1/{folder}/{self.slug}{suffix}"


def _safe_link(url: str) -> str:
    """Only web links become links; anything else (javascript:, data:) stays text."""
    return url if url.lower().startswith(("https://", "http://")) else ""


@lru_cache(maxsize=4096)
def _phone(value: str) -> tuple[str, str]:
    try:
        return format_phone(value), "tel:" + phone_e164(value)
    except ValueError:
        digits = "".join(ch for ch in value if ch.isdigit())
        if 3 <= len(digits) <= 6 and value.replace(" ", "").isdigit():  # 112, 1177, 114 14
            return value, "tel:" + digits
        return value, ""


def _channel(shown: resolve.ShownChannel, lang: str) -> ChannelView:
    labels = LABELS[lang]
    kind = shown.kind
    value, href = shown.value.strip(), ""
    if kind in PHONE_KINDS:
        value, href = _phone(value)
    elif kind == ChannelKind.EMAIL:
        value = value.lower()
        href = "mailto:" + value
    elif kind in LINK_KINDS:
        href = _safe_link(value)
    schedule, lines = None, ()
    if shown.hours:
        try:
            schedule = hours_module.parse_hours(shown.hours)
            lines = tuple(hours_module.render_hours(schedule, lang, show_closed=False))
        except hours_module.HoursError:
            schedule = None
    hours_label = labels["phone_hours"] if kind in PHONE_KINDS else labels["opening_hours"]
    # A label that only names the kind ("E-tjänst") is shown in the card's language.
    named = shown.label and shown.label not in (LABELS["sv"].get(kind), LABELS["en"].get(kind))
    label = shown.label if named else labels.get(kind, kind)
    return ChannelView(kind, label, value, href, lines, hours_label, schedule)


def _contact(contact: resolve.Contact, lang: str, *, intro: str = "") -> ContactView:
    labels = LABELS[lang]
    org = contact.organisation
    if not intro and contact.source == resolve.EXTERNAL_ACTOR:
        key = "external_number" if contact.channels else "external"
        intro = labels[key].format(name=contact.name)
    elif not intro and contact.source == resolve.GENERAL_MAILBOX and org is not None:
        intro = labels["general_mailbox"].format(organisation=org.name)
    return ContactView(
        role=contact.source,
        name=contact.name,
        intro=intro,
        organisation=org.name if org is not None else "",
        organisation_slug=org.slug if org is not None else "",
        function_slug=contact.function.slug if contact.function is not None else "",
        website=_safe_link(contact.website),
        channels=tuple(_channel(c, lang) for c in contact.channels),
    )


def _contacts(resolution: resolve.Resolution, lang: str, topic: Topic | None = None):
    views = []
    for index, contact in enumerate(resolution.contacts):
        intro = ""
        if (
            topic is not None
            and topic.contact_center_first
            and index == 0
            and contact.source == resolve.CONTACT_CENTER
        ):
            intro = LABELS[lang]["center_first"]
        views.append(_contact(contact, lang, intro=intro))
    return tuple(views)


def topic_cards(
    topic: Topic, memo: dict | None = None, resolver: resolve.Resolver | None = None
) -> dict[str, Card]:
    """`resolver` (one per publish, see `resolve.Resolver`) resolves many topics with a
    fixed number of queries. `memo` (one per publish) shares the contacts as shown between
    topics that resolve alike: same routed function or actor, same contact-center-first
    flag."""
    key = (topic.function_id, topic.external_actor_id, topic.contact_center_first)
    views = memo.get(key) if memo is not None else None
    if views is None:
        resolution = (resolver or resolve.Resolver()).topic(topic)
        views = {lang: _contacts(resolution, lang, topic) for lang in LANGS}
        if memo is not None:
            memo[key] = views
    owner = topic.organisation
    block = routing_key(topic)
    return {
        lang: Card(
            TOPIC,
            topic.slug,
            topic.name,
            lang,
            topic.description,
            tuple(s for s in topic.synonyms if isinstance(s, str)),
            owner.name,
            owner.slug,
            owner.kind,
            contacts=views[lang],
            block=block,
        )  # fmt: skip
        for lang in LANGS
    }


def routing_key(topic: Topic) -> str:
    """What a topic's contacts depend on, as a name: its function or external actor and
    whether the contact center answers first ('f-bygglov', 'a-polisen', 'none-cc')."""
    if topic.function_id is not None:
        key = f"f-{topic.function.slug}"
    elif topic.external_actor_id is not None:
        key = f"a-{topic.external_actor.slug}"
    else:
        key = "none"
    return key + ("-cc" if topic.contact_center_first else "")


def function_cards(function: Function, resolver: resolve.Resolver | None = None) -> dict[str, Card]:
    resolution = (resolver or resolve.Resolver()).function(function)
    owner = function.organisation
    return {
        lang: Card(
            FUNCTION,
            function.slug,
            function.name,
            lang,
            function.description,
            owner=owner.name,
            owner_slug=owner.slug,
            owner_kind=owner.kind,
            contacts=_contacts(resolution, lang),
        )  # fmt: skip
        for lang in LANGS
    }


def organisation_cards(
    organisation: Organisation, resolver: resolve.Resolver | None = None
) -> dict[str, Card]:
    if organisation.kind == OrganisationKind.CONTACT_CENTER:
        contact = (resolver or resolve.Resolver(today())).contact_center()
    else:
        contact = resolve.general_mailbox_contact(organisation)
    functions = tuple(
        (f.slug, f.name)
        for f in Function.objects.filter(organisation=organisation, status=Status.PUBLISHED)
    )
    parent = organisation.parent
    return {
        lang: Card(
            ORGANISATION,
            organisation.slug,
            organisation.name,
            lang,
            owner=parent.name if parent else "",
            owner_slug=parent.slug if parent else "",
            owner_kind=organisation.kind,
            website=_safe_link(organisation.website),
            contacts=(_contact(contact, lang),) if contact else (),
            functions=functions,
        )  # fmt: skip
        for lang in LANGS
    }


def actor_cards(actor: ExternalActor, resolver: resolve.Resolver | None = None) -> dict[str, Card]:
    link = resolve.external_actor_contact(actor)
    return {
        lang: Card(
            EXTERNAL_ACTOR,
            actor.slug,
            actor.name,
            lang,
            actor.purpose,
            website=_safe_link(actor.website),
            contacts=(_contact(link, lang),),
        )  # fmt: skip
        for lang in LANGS
    }


def cards_for(
    kind: str, obj, memo: dict | None = None, resolver: resolve.Resolver | None = None
) -> dict[str, Card]:
    """The cards (one per language) of one subject. A publish passes one `memo` and one
    `resolver` for all its subjects (see `topic_cards()`)."""
    if kind == TOPIC:
        return topic_cards(obj, memo, resolver)
    return {
        FUNCTION: function_cards,
        ORGANISATION: organisation_cards,
        EXTERNAL_ACTOR: actor_cards,
    }[kind](obj, resolver)


# Every format is written as a *frame* (what the card shows of itself) with `BLOCK` where its
# contacts go, and the *block* (the contacts as shown in that format and language). A topic's
# block depends on nothing but how the topic is routed (`Card.block`), so the published store
# keeps it once for all topics routed alike (see `publish` and `store.read`).
BLOCK = "\x00sg-block\x00"


# The contacts of many cards are one and the same tuple (topics routed alike share it, see
# `cards.topic_cards`): each format's rendering of them is kept by the tuple's identity, so
# a change shown in 1,600 topics renders its contacts once per format and language. An entry
# holds its tuple, so no other object can take that identity while it is kept.
_PARTS: dict[tuple[int, str, str, str], tuple[tuple, object]] = {}
_PARTS_LIMIT = 4096


def shared_part(contacts: tuple, fmt: str, lang: str, kind: str, build):
    """`build()` for these contacts in this format and language, shown by a card of this
    kind (JSON-LD names a topic's contacts otherwise than a function's), computed once."""
    key = (id(contacts), fmt, lang, kind)
    found = _PARTS.get(key)
    if found is not None and found[0] is contacts:
        return found[1]
    value = build()
    if len(_PARTS) >= _PARTS_LIMIT:
        _PARTS.clear()
    _PARTS[key] = (contacts, value)
    return value
