"""The vCard 4.0 format of the renderer (RFC 6350): one card per contact shown, values
escaped (§3.4) and long lines folded (§3.2)."""

from __future__ import annotations

import uuid

from django.conf import settings

from serviceguiden.directory.models import ChannelKind
from serviceguiden.directory.resolve import EXTERNAL_ACTOR
from serviceguiden.publishing.cards import (
    ADDRESS_KINDS,
    BLOCK,
    LINK_KINDS,
    PHONE_KINDS,
    Card,
    ContactView,
)
from serviceguiden.publishing.models import FUNCTION, ORGANISATION
from serviceguiden.publishing.store import FOLDERS


def _vcard_escape(value: str) -> str:
    """RFC 6350 §3.4: backslash, comma, semicolon and newline are escaped in values."""
    value = value.replace("\\", "\\\\").replace(",", "\\,").replace(";", "\\;")
    return value.replace("\r\n", "\n").replace("\r", "\n").replace("\n", "\\n")


def _fold(line: str) -> str:
    """RFC 6350 §3.2: lines longer than 75 octets continue on lines starting with a space."""
    encoded = line.encode()
    if len(encoded) <= 75:
        return line
    parts, current = [], b""
    for char in line:
        piece = char.encode()
        if len(current) + len(piece) > (75 if not parts else 74):
            parts.append(current.decode())
            current = b""
        current += piece
    parts.append(current.decode())
    return "\r\n ".join(parts)


def _uid(contact: ContactView) -> str:
    """The contact's own identity (the same in every card that shows it): its function's or
    organisation's address, or a name-based URN for an external actor."""
    if contact.function_slug:
        return f"{settings.SITE_URL}/api/v1/{FOLDERS[FUNCTION]}/{contact.function_slug}"
    if contact.organisation_slug:
        return f"{settings.SITE_URL}/api/v1/{FOLDERS[ORGANISATION]}/{contact.organisation_slug}"
    return uuid.uuid5(uuid.NAMESPACE_URL, f"{settings.SITE_URL}#{contact.name}").urn


def _vcard(contact: ContactView, uid: str) -> list[str]:
    organisation = contact.organisation or contact.name
    lines = [
        "BEGIN:VCARD",
        "VERSION:4.0",
        "KIND:org",
        f"FN:{_vcard_escape(contact.name)}",
        f"ORG:{_vcard_escape(organisation)}"
        + (f";{_vcard_escape(contact.name)}" if contact.name != organisation else ""),
        f"UID:{uid}",
    ]
    notes = [contact.intro] if contact.intro else []
    for channel in contact.channels:
        value = _vcard_escape(channel.value)
        if channel.kind in PHONE_KINDS and channel.href:
            kind = {"phone": "voice", "sms": "text", "text_phone": "textphone"}[channel.kind]
            lines.append(f"TEL;VALUE=uri;TYPE={kind}:{channel.href}")
        elif channel.kind == ChannelKind.EMAIL:
            lines.append(f"EMAIL;TYPE=work:{value}")
        elif channel.kind in LINK_KINDS and channel.href:
            lines.append(f"URL:{_vcard_escape(channel.href)}")
        elif channel.kind in ADDRESS_KINDS:
            kind = "work" if channel.kind == ChannelKind.VISITING_ADDRESS else "postal"
            lines.append(f"ADR;TYPE={kind}:;;{value};;;;")
        else:
            notes.append(f"{channel.label}: {channel.value}")
        if channel.hours:
            notes.append(f"{channel.hours_label}: {'. '.join(channel.hours)}")
    if contact.website:
        lines.append(f"URL:{_vcard_escape(contact.website)}")
    if notes:
        lines.append(f"NOTE:{_vcard_escape(chr(10).join(notes))}")
    lines.append("END:VCARD")
    return [_fold(line) for line in lines]


def vcard_frame(card: Card) -> str:
    """One vCard per contact shown (the block); a card showing none is the card of its
    subject, named with its website."""
    if card.contacts:
        return BLOCK
    subject = ContactView(EXTERNAL_ACTOR, card.name, website=card.website)
    uid = f"{settings.SITE_URL}/api/v1/{FOLDERS[card.kind]}/{card.slug}"
    return "\r\n".join(_vcard(subject, uid)) + "\r\n" + BLOCK


def vcard_block(card: Card) -> str:
    """Each contact's vCard, identified by the contact itself (`_uid`): a contact's vCard is
    the same in every card that shows it."""
    seen: dict[str, int] = {}
    lines = []
    for contact in card.contacts:
        uid = _uid(contact)
        seen[uid] = seen.get(uid, 0) + 1
        if seen[uid] > 1:  # the same contact twice in one card (another role): its own UID
            uid = f"{uid}#{seen[uid]}"
        lines += _vcard(contact, uid)
    return "".join(line + "\r\n" for line in lines)
