"""The vCard 4.0 format of the renderer (RFC 6350): one card per contact shown, values
escaped (§3.4) and long lines folded (§3.2)."""

from __future__ import annotations

from django.conf import settings

from serviceguiden.directory.models import ChannelKind
from serviceguiden.directory.resolve import EXTERNAL_ACTOR
from serviceguiden.publishing.cards import (
    ADDRESS_KINDS,
    LINK_KINDS,
    PHONE_KINDS,
    Card,
    ContactView,
    shared_part,
)
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


def _vcard(card: Card, contact: ContactView, index: int, uid: str = "") -> list[str]:
    organisation = contact.organisation or card.owner or contact.name
    lines = [
        "BEGIN:VCARD",
        "VERSION:4.0",
        "KIND:org",
        f"FN:{_vcard_escape(contact.name)}",
        f"ORG:{_vcard_escape(organisation)}"
        + (f";{_vcard_escape(contact.name)}" if contact.name != organisation else ""),
        uid or f"UID:{settings.SITE_URL}/api/v1/{FOLDERS[card.kind]}/{card.slug}#{index}",
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
    return [line if line == uid else _fold(line) for line in lines]


def render_vcard(card: Card) -> bytes:
    if not card.contacts:
        lines = _vcard(card, ContactView(EXTERNAL_ACTOR, card.name, website=card.website), 0)
        return ("\r\n".join(lines) + "\r\n").encode()
    # Only the UID line names the card: the rest is shared by every card showing these
    # contacts with the same owner (`shared_part`).
    uid = _UID_MARK
    parts = shared_part(
        card.contacts, "vcard", f"{card.kind}:{card.owner}",
        lambda: "\r\n".join(
            line for i, c in enumerate(card.contacts) for line in _vcard(card, c, i, uid)
        ).split(uid),
    )  # fmt: skip
    base = f"{settings.SITE_URL}/api/v1/{FOLDERS[card.kind]}/{card.slug}"
    pieces = [parts[0]]
    for index, rest in enumerate(parts[1:]):
        pieces.append(_fold(f"UID:{base}#{index}") + rest)
    return ("".join(pieces) + "\r\n").encode()


_UID_MARK = "\x00uid\x00"
