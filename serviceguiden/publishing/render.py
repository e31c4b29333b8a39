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

from django.utils.html import escape

from serviceguiden.directory import hours as hours_module
from serviceguiden.directory import resolve
from serviceguiden.publishing import schemaorg, vcard
from serviceguiden.publishing.cards import (  # noqa: F401  (the cards, re-exported for callers)
    ADDRESS_KINDS,
    LABELS,
    LINK_KINDS,
    PHONE_KINDS,
    Card,
    ChannelView,
    ContactView,
    actor_cards,
    cards_for,
    function_cards,
    organisation_cards,
    shared_part,
    topic_cards,
)
from serviceguiden.publishing.models import FUNCTION, ORGANISATION, TOPIC
from serviceguiden.publishing.store import FORMATS

# -- formats ----------------------------------------------------------------------------


def render(card: Card, fmt: str) -> bytes:
    """The bytes of one format of one card."""
    if fmt not in FORMATS:
        raise ValueError(f"unknown format {fmt!r}; use one of {', '.join(FORMATS)}")
    return {
        "html": render_html,
        "json": render_json,
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


def _html_contacts(card: Card) -> str:
    return "\n".join(line for c in card.contacts for line in _html_contact(c, card.lang))


def render_html(card: Card) -> bytes:
    """A `<section>` with an `<h2>` (a fragment never takes the page's `<h1>`), one block per
    contact with its channels as a description list. Every value is escaped."""
    heading = escape(card.heading)
    lines = [
        f'<section class="sg-kontakt" lang="{card.lang}" aria-label="{heading}" '
        f'data-sg-kind="{card.kind}" data-sg-slug="{escape(card.slug)}">',
        f'<h2 class="sg-kontakt__rubrik">{heading}</h2>',
    ]
    if card.contacts:
        lines.append(shared_part(card.contacts, "html", card.lang, lambda: _html_contacts(card)))
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
    return {**_json_head(card), "contacts": _json_contacts(card), "links": _json_links(card)}


def render_json(card: Card) -> bytes:
    """`as_json` as bytes, with the contacts' JSON shared between cards (`shared_part`)."""
    contacts = shared_part(
        card.contacts, "json", "",
        lambda: json.dumps(_json_contacts(card), ensure_ascii=False, separators=(",", ":")),
    )  # fmt: skip
    head = json.dumps(_json_head(card), ensure_ascii=False, separators=(",", ":"))
    links = json.dumps(_json_links(card), ensure_ascii=False, separators=(",", ":"))
    return f'{head[:-1]},"contacts":{contacts},"links":{links}}}'.encode()


def _json_head(card: Card) -> dict:
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
    return data


def _json_contacts(card: Card) -> list[dict]:
    return [
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


def _json_links(card: Card) -> dict:
    return {fmt: card.url(fmt) for fmt in FORMATS}


# -- plain text -------------------------------------------------------------------------


def render_text(card: Card) -> bytes:
    lines = [card.heading]
    lines += shared_part(card.contacts, "text", card.lang, lambda: _text_contacts(card))
    if card.functions:
        lines += [
            "",
            f"{LABELS[card.lang]['functions']}: " + ", ".join(n for _, n in card.functions),
        ]
    return ("\n".join(lines) + "\n").encode()


def _text_contacts(card: Card) -> list[str]:
    lines: list[str] = []
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
    return lines
