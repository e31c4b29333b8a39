"""One renderer for every channel. A registry subject (topic, function, organisation,
external actor) is resolved once by the registry's P1 rules (`directory.resolve`) into a
`Card` per language; every format is then written from that card:

- `html`   an accessible fragment for pages (`tel:` links in E.164, numbers the Swedish way)
- `json`   the read API's item
- `jsonld` schema.org GovernmentService / GovernmentOrganization / ContactPoint
           (`schemaorg.py`)
- `vcard`  vCard 4.0 (RFC 6350), one card per contact shown (`vcard.py`)
- `text`   plain text for chat bots, SMS and letters

Every value from the registry is escaped for its format (HTML through Django's
autoescaping, vCard by RFC 6350's rules, JSON by the encoder). Output holds no timestamps,
so unchanged data renders to unchanged bytes and keeps its ETag.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from functools import lru_cache

from django.conf import settings
from django.utils.html import escape

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
from serviceguiden.publishing.store import FOLDERS, FORMATS, LANGS

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
        )  # fmt: skip
        for lang in LANGS
    }


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


# -- formats ----------------------------------------------------------------------------


def render(card: Card, fmt: str) -> bytes:
    """The bytes of one format of one card."""
    from serviceguiden.publishing import schemaorg, vcard

    if fmt not in FORMATS:
        raise ValueError(f"unknown format {fmt!r}; use one of {', '.join(FORMATS)}")
    return {
        "html": render_html,
        "json": lambda c: _json_bytes(as_json(c)),
        "jsonld": lambda c: _json_bytes(schemaorg.as_jsonld(c)),
        "vcard": vcard.render_vcard,
        "text": render_text,
    }[fmt](card)


def _json_bytes(data: dict) -> bytes:
    return json.dumps(data, ensure_ascii=False, separators=(",", ":")).encode()


def _html_channel(channel: ChannelView) -> str:
    value = escape(channel.value)
    if channel.href:
        shown = f'<a href="{escape(channel.href)}">{value}</a>'
    else:
        shown = value.replace("\n", "<br>")
    if channel.hours:
        hours = escape(hours_module.sentences(channel.hours))
        label = escape(channel.hours_label)
        shown += f'<br><span class="sg-kontakt__tider">{label}: {hours}</span>'
    return f"<dt>{escape(channel.label)}</dt>\n<dd>{shown}</dd>"


def _html_contact(contact: ContactView, lang: str) -> list[str]:
    name = escape(contact.name)
    external = contact.role == resolve.EXTERNAL_ACTOR
    if external and contact.website:
        name = f'<a href="{escape(contact.website)}">{name}</a>'
    lines = [
        f'<div class="sg-kontakt__kontakt" data-sg-roll="{escape(contact.role)}">',
        f'<h3 class="sg-kontakt__namn">{name}</h3>',
    ]
    if contact.organisation and contact.organisation != contact.name:
        lines.append(f'<p class="sg-kontakt__organisation">{escape(contact.organisation)}</p>')
    if contact.intro:
        lines.append(f'<p class="sg-kontakt__intro">{escape(contact.intro)}</p>')
    if contact.channels:
        lines.append('<dl class="sg-kontakt__kanaler">')
        lines += [_html_channel(channel) for channel in contact.channels]
        lines.append("</dl>")
    if contact.website and not external:
        link, label = escape(contact.website), escape(LABELS[lang]["website_of"])
        shown = escape(contact.website.split("://", 1)[-1].rstrip("/"))
        lines.append(f'<p class="sg-kontakt__webb">{label}: <a href="{link}">{shown}</a></p>')
    lines.append("</div>")
    return lines


def render_html(card: Card) -> bytes:
    """A `<section>` with an `<h2>` (a fragment never takes the page's `<h1>`), one block per
    contact with its channels as a description list. Every value is escaped."""
    heading = escape(card.heading)
    lines = [
        f'<section class="sg-kontakt" lang="{card.lang}" aria-label="{heading}" '
        f'data-sg-kind="{card.kind}" data-sg-slug="{escape(card.slug)}">',
        f'<h2 class="sg-kontakt__rubrik">{heading}</h2>',
    ]
    for contact in card.contacts:
        lines += _html_contact(contact, card.lang)
    if card.functions:
        names = escape(", ".join(name for _, name in card.functions))
        label = LABELS[card.lang]["functions"]
        lines.append(f'<p class="sg-kontakt__funktioner">{label}: {names}</p>')
    lines.append("</section>")
    return ("\n".join(lines) + "\n").encode()


def _channel_json(channel: ChannelView) -> dict:
    data = {"kind": channel.kind, "label": channel.label, "value": channel.value}
    if channel.href:
        data["href"] = channel.href
    if channel.hours:
        data["hours"] = {"label": channel.hours_label, "lines": list(channel.hours)}
    return data


def as_json(card: Card) -> dict:
    """The API item. Field names are the API's contract (see `api.py` schemas)."""
    data: dict = {
        "type": card.kind,
        "slug": card.slug,
        "name": card.name,
        "lang": card.lang,
        "description": card.description,
    }
    if card.kind == TOPIC:
        data["synonyms"] = list(card.synonyms)
    if card.kind in (TOPIC, FUNCTION):
        data["organisation"] = {"slug": card.owner_slug, "name": card.owner}
    if card.kind == ORGANISATION:
        data["kind"] = card.owner_kind
        data["parent"] = {"slug": card.owner_slug, "name": card.owner} if card.owner else None
        data["functions"] = [{"slug": s, "name": n} for s, n in card.functions]
    if card.website:
        data["website"] = card.website
    data["contacts"] = [
        {
            "role": c.role,
            "name": c.name,
            "intro": c.intro,
            "organisation": c.organisation,
            "function": c.function_slug or None,
            "website": c.website,
            "channels": [_channel_json(ch) for ch in c.channels],
        }
        for c in card.contacts
    ]
    data["links"] = {fmt: card.url(fmt) for fmt in FORMATS}
    return data


# -- plain text -------------------------------------------------------------------------


def render_text(card: Card) -> bytes:
    lines = [card.heading]
    for contact in card.contacts:
        lines.append("")
        name = contact.name
        if contact.organisation and contact.organisation != contact.name:
            name = f"{name} ({contact.organisation})"
        lines.append(name)
        if contact.intro:
            lines.append(contact.intro)
        for channel in contact.channels:
            value = " ".join(channel.value.split())
            line = f"{channel.label}: {value}"
            if channel.hours:
                line += f" ({channel.hours_label.lower()}: {'. '.join(channel.hours)})"
            lines.append(line)
        if contact.website:
            lines.append(f"{LABELS[card.lang]['website_of']}: {contact.website}")
    if card.functions:
        lines += [
            "",
            f"{LABELS[card.lang]['functions']}: " + ", ".join(n for _, n in card.functions),
        ]
    return ("\n".join(lines) + "\n").encode()
