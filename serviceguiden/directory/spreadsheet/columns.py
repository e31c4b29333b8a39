"""Which registry field each column of a spreadsheet fills.

Swedish (and English) column names are recognised: "Förvaltning", "Funktion", "Telefon",
"Telefontider", "E-post", "Besöksadress" …; a column under a group header is read with it
("Telefon" over "Nummer" and "Tider"). A column naming a person ("Kontaktperson",
"Handläggare") is recognised so that its values are refused, never stored (P3). Anything else
is left out unless the person importing maps it.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from dataclasses import dataclass

from serviceguiden.directory.models import ChannelKind


@dataclass(frozen=True)
class Field:
    key: str
    label_sv: str
    label_en: str
    aliases: tuple[str, ...]  # normalised column names, most specific first

    def label(self, lang: str) -> str:
        return self.label_en if lang == "en" else self.label_sv


IGNORE = "ignore"
PERSON = "person"
ORGANISATION = "organisation"
NAME = "name"
DESCRIPTION = "description"
STATUS = "status"
REVIEW_BY = "review_by"
PHONE_HOURS = "phone_hours"
OPENING_HOURS = "opening_hours"

FIELDS: tuple[Field, ...] = (
    Field(ORGANISATION, "Organisation (förvaltning eller bolag)",
          "Organisation (administration or company)",
          ("forvaltning", "organisation", "forvaltning bolag", "forvaltning/bolag", "bolag",
           "namnd", "forvaltningens namn", "administration", "organization")),
    Field(NAME, "Funktionens namn", "Function name",
          ("funktion", "funktionens namn", "funktionsnamn", "enhet", "verksamhet",
           "kontaktfunktion", "namn", "function", "name", "unit")),
    Field(DESCRIPTION, "Beskrivning", "Description",
          ("beskrivning", "om funktionen", "information", "description")),
    Field(ChannelKind.PHONE, "Funktionstelefon", "Function phone",
          ("telefon", "telefonnummer", "tel", "tel nr", "telnr", "telefon nummer",
           "funktionstelefon", "vaxel", "phone", "telephone")),
    Field(PHONE_HOURS, "Telefontider", "Phone hours",
          ("telefontider", "telefontid", "telefon tider", "telefon tid", "phone hours")),
    Field(ChannelKind.EMAIL, "Funktionsbrevlåda", "Function mailbox",
          ("e-post", "epost", "e-postadress", "e post", "mejl", "mail", "funktionsbrevlada",
           "funktionsadress", "email", "e-mail")),
    Field(ChannelKind.ESERVICE, "E-tjänst", "E-service",
          ("e-tjanst", "etjanst", "e tjanst", "webbformular", "e-service")),
    Field(ChannelKind.WEBSITE, "Webbsida", "Web page",
          ("webbplats", "webbsida", "hemsida", "webb", "lank", "url", "website", "web page")),
    Field(ChannelKind.CHAT, "Chatt", "Chat", ("chatt", "chat")),
    Field(ChannelKind.SMS, "SMS", "SMS", ("sms", "sms-nummer")),
    Field(ChannelKind.TEXT_PHONE, "Texttelefon", "Text telephone",
          ("texttelefon", "text telephone")),
    Field(ChannelKind.VISITING_ADDRESS, "Besöksadress", "Visiting address",
          ("besoksadress", "besok adress", "besoksadress adress", "adress",
           "visiting address")),
    Field(OPENING_HOURS, "Öppettider", "Opening hours",
          ("oppettider", "besokstider", "oppet", "besok tider", "besok oppettider",
           "opening hours")),
    Field(ChannelKind.POSTAL_ADDRESS, "Postadress", "Postal address",
          ("postadress", "post adress", "utdelningsadress", "postal address")),
    Field(STATUS, "Status (publicerad eller utkast)", "Status (published or draft)",
          ("status", "publicerad", "published")),
    Field(REVIEW_BY, "Granskas senast", "Review by",
          ("granskas senast", "nasta granskning", "granskningsdatum", "granska senast",
           "review by")),
    Field(PERSON, "Person (importeras aldrig, P3)", "Person (never imported, P3)",
          ("kontaktperson", "handlaggare", "ansvarig", "chef", "namn pa kontaktperson",
           "kontakt person", "contact person", "ansvarig handlaggare")),
    Field(IGNORE, "Importeras inte", "Not imported", ()),
)  # fmt: skip
BY_KEY = {field.key: field for field in FIELDS}
CHANNEL_FIELDS = tuple(f.key for f in FIELDS if f.key in ChannelKind.values)
# Each hours column and the channel it belongs to.
HOURS_OF = {PHONE_HOURS: ChannelKind.PHONE, OPENING_HOURS: ChannelKind.VISITING_ADDRESS}
SINGLE = {f.key for f in FIELDS} - {IGNORE, PERSON}  # at most one column each


def normalise(header: str) -> str:
    """'E-post:' → 'e-post', 'Besöksadress *' → 'besoksadress', 'Tel. nr' → 'tel nr'."""
    decomposed = unicodedata.normalize("NFKD", header.casefold())
    text = "".join(c for c in decomposed if not unicodedata.combining(c))
    text = re.sub(r"[^\w/ -]+", " ", text)
    return " ".join(text.split())


def field_for(header: str, own: str = "") -> str:
    """The field a column is for, from its own name first, then with its group header;
    IGNORE when neither is known."""
    for name in (own, header):
        found = _exact(normalise(name))
        if found:
            return found
    for name in (own, header):
        found = _contained(normalise(name))
        if found:
            return found
    return IGNORE


def recognised(header: str) -> bool:
    return field_for(header) != IGNORE


def _exact(name: str) -> str:
    for field in FIELDS:
        if name in field.aliases:
            return field.key
    return ""


def _contained(name: str) -> str:
    """An alias standing as whole words in a longer name ("Telefonnummer till funktionen",
    "Kontaktvägar E-post"); the longest alias wins."""
    best, length = "", 0
    words = f" {name} "
    for field in FIELDS:
        for alias in field.aliases:
            if len(alias) >= 3 and f" {alias} " in words and len(alias) > length:
                best, length = field.key, len(alias)
    return best


def detect(headers: tuple[str, ...], own: tuple[str, ...]) -> dict[int, str]:
    """Column index → field, each field used by one column at most (the first)."""
    mapping: dict[int, str] = {}
    taken: set[str] = set()
    for column, header in enumerate(headers):
        if not header:
            continue
        key = field_for(header, own[column] if column < len(own) else "")
        if key in SINGLE and key in taken:
            key = IGNORE
        taken.add(key)
        mapping[column] = key
    return mapping


def signature(headers: tuple[str, ...]) -> str:
    """The same export (the same column names in the same order) gives the same key."""
    joined = "\x1f".join(normalise(h) for h in headers)
    return hashlib.sha256(joined.encode()).hexdigest()[:40]
