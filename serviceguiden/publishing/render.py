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
    BLOCK,
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

# -- formats ---------------------------------------------------------------------------

_FRAMES = {
    "html": lambda card: _html_frame(card),
    "json": lambda card: _json_frame(card),
    "jsonld": schemaorg.jsonld_frame,
    "vcard": vcard.vcard_frame,
    "text": lambda card: _text_frame(card),
}
_BLOCKS = {
    "html": lambda card: _html_block(card),
    "json": lambda card: _json_block(card),
    "jsonld": schemaorg.jsonld_block,
    "vcard": vcard.vcard_block,
    "text": lambda card: _text_block(card),
}


def _check(fmt: str) -> None:
    if fmt not in FORMATS:
        raise ValueError(f"unknown format {fmt!r}; use one of {', '.join(FORMATS)}")


def render_frame(card: Card, fmt: str) -> str:
    """The card in format `fmt` with `BLOCK` (once) where its contacts go."""
    _check(fmt)
    return _FRAMES[fmt](card)


def render_block(card: Card, fmt: str) -> str:
    """The card's contacts in format `fmt`: the same for every card of its kind showing the
    same contacts in the same language (computed once per contacts tuple, see `shared_part`)."""
    _check(fmt)
    return shared_part(card.contacts, fmt, card.lang, card.kind, lambda: _BLOCKS[fmt](card))


def render(card: Card, fmt: str) -> bytes:
    """The bytes of one format of one card."""
    return render_frame(card, fmt).replace(BLOCK, render_block(card, fmt), 1).encode()


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


def _html_block(card: Card) -> str:
    return "".join("\n" + line for c in card.contacts for line in _html_contact(c, card.lang))


def _html_frame(card: Card) -> str:
    """A `<section>` with an `<h2>` (a fragment never takes the page's `<h1>`), one block per
    contact with its channels as a description list. Every value is escaped."""
    heading = escape(card.heading)
    lines = [
        f'<section class="sg-kontakt" lang="{card.lang}" aria-label="{heading}" '
        f'data-sg-kind="{card.kind}" data-sg-slug="{escape(card.slug)}">',
        f'<h2 class="sg-kontakt__rubrik">{heading}</h2>{BLOCK}',
    ]
    if card.functions:
        names = escape(", ".join(name for _, name in card.functions))
        label = LABELS[card.lang]["functions"]
        lines.append(f'<p class="sg-kontakt__funktioner">{label}: {names}</p>')
    lines.append("</section>")
    return "\n".join(lines) + "\n"


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


def _json_frame(card: Card) -> str:
    """`as_json` as text, with `BLOCK` for the contacts."""
    head = json.dumps(_json_head(card), ensure_ascii=False, separators=(",", ":"))
    links = json.dumps(_json_links(card), ensure_ascii=False, separators=(",", ":"))
    return f'{head[:-1]},"contacts":{BLOCK},"links":{links}}}'


def _json_block(card: Card) -> str:
    return json.dumps(_json_contacts(card), ensure_ascii=False, separators=(",", ":"))


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


def _text_frame(card: Card) -> str:
    lines = [card.heading + BLOCK]
    if card.functions:
        lines += [
            "",
            f"{LABELS[card.lang]['functions']}: " + ", ".join(n for _, n in card.functions),
        ]
    return "\n".join(lines) + "\n"


def render_text(card: Card) -> bytes:
    return render(card, "text")


def _text_block(card: Card) -> str:
    return "".join("\n" + line for line in _text_contacts(card))


def contact_text(contact: ContactView, lang: str) -> str:
    """One contact as plain text, as the text format shows it (what the publish gate reads)."""
    return "\n".join(_text_contacts(Card("", "", "", lang, contacts=(contact,))))


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
