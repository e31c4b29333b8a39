"""The city's general contact (its contact center or switchboard) recognised by how a page
presents it, for municipalities whose profile does not list its numbers and mailboxes:
'kontaktcenter@lund.se', 'kommun@kiruna.se', 'Kontaktcenter: 046-…', 'Kommunens växel …'.
"""

from __future__ import annotations

import re

from serviceguiden.policy.names import fold
from serviceguiden.policy.profile import CityProfile

GENERAL_LOCALS = frozenset(
    "kontaktcenter kundcenter servicecenter medborgarservice kommunservice kommun kommunen stad "
    "staden stadshuset kommunhuset info".split()
)  # 'info' only on the city's main domain ('info@nacka.se'), as every local part here
# Words right before a number that present it as the city's general contact.
GENERAL_CUE = re.compile(
    r"(?:kontakt-?cent(?:er|ret|ralen)|kundcent(?:er|ret)|servicecent(?:er|ret)|"
    r"medborgarservice|kommunservice|contact cent(?:re|er)|"
    r"customer (?:service )?cent(?:re|er)|switchboard|"
    r"(?:kommunens|stadens|regionens|^|\n)\s*växel(?:n)?|växel(?:n)?\s*$)"
    r"[^\n\d]{0,25}$",
    re.I,
)


def general_locals(profile: CityProfile) -> frozenset[str]:
    """Local parts of a city's general mailbox: 'kontaktcenter', 'kommun', 'lund',
    'orebro.kommun', 'sundsvalls.kommun'."""
    cached = profile.extra.get("general_locals")
    if cached is None:
        short = fold(profile.short_name).replace(" ", "").replace("-", "")
        genitive = short if short.endswith("s") else short + "s"
        words = {short, genitive}
        forms = {f"{w}{sep}{kind}" for w in words for sep in ".-" for kind in ("kommun", "stad")}
        forms |= {f"{w}{kind}" for w in words for kind in ("kommun", "stad")}
        cached = GENERAL_LOCALS | words | forms
        profile.extra["general_locals"] = cached
    return cached


def is_general_mailbox(address: str, profile: CityProfile) -> bool:
    """A mailbox of the city's main domain whose local part names the city or its contact
    center, for a profile that lists no contact-center mailbox."""
    if profile.contact_center.emails:
        return False
    local, _, domain = address.partition("@")
    return domain in profile.own_domains and local in general_locals(profile)


def mark_general_numbers(text: str, phone_items, email_items, profile: CityProfile) -> None:
    """Numbers the page presents as the city's contact center or switchboard, for a profile
    that knows no number series (its real switchboard may have changed or be unknown); every
    other occurrence of such a number on the page is the same contact."""
    if profile.number_series:
        _center_channels(text, phone_items)
        return
    general: set[str] = set()
    for item in phone_items:
        if item.label != "function" or item.person or item.mobile or item.org is not None:
            continue
        line_start = text.rfind("\n", 0, item.start) + 1
        before = text[max(0, line_start - 1, item.start - 60) : item.start]
        if not before.strip(" :–-|"):  # the label on the line above: 'Kontaktcenter' / '046-…'
            above = text.rfind("\n", 0, max(0, line_start - 1)) + 1
            before = text[above : item.start]
        if GENERAL_CUE.search(before):
            general.add(item.normalized)
    centers = [e for e in email_items if e.label == "contact_center"]
    if not general and not centers:
        return
    general |= _footer_numbers(text, phone_items, centers, profile)
    for item in phone_items:
        if item.normalized in general and item.label == "function" and not item.person:
            item.label = "contact_center"
            item.evidence.append("presented as the city's contact center or switchboard")


# The contact center named right before a number: 'Sms till kontaktcenter för andra frågor:'.
CENTER_CUE = re.compile(r"kontakt-?cent(?:er|ret|rets|ralen)\b[^\n\d@]{0,25}\Z", re.I)


def _center_channels(text: str, phone_items) -> None:
    """For a profile that lists its contact center: another channel the page states the
    contact center answers (an SMS number) is the contact center's too."""
    for item in phone_items:
        if item.label != "function" or item.person or item.org is not None:
            continue
        line_start = text.rfind("\n", 0, item.start) + 1
        if CENTER_CUE.search(text, max(line_start, item.start - 60), item.start):
            item.label = "contact_center"
            item.evidence.append("presented as a channel of the city's contact center")


# What may stand before the city's switchboard in its footer: a plain phone label, the
# municipality's name, separators ('Telefon: ', 'Växel ', 'Ystads kommun · 271 80 Ystad · ').
PLAIN_BEFORE = re.compile(
    r"(?:[\s·|,:*–-]|tel(?:efon)?\.?|tfn|phone|växel(?:n)?|direkt|\d{3} ?\d\d)*\Z", re.I
)


def _footer_numbers(text: str, phone_items, centers, profile: CityProfile) -> set[str]:
    """The city's footer ('Sundsvalls kommun' / '851 85 Sundsvall' / 'Telefon 060-19 10 00' /
    'sundsvalls.kommun@sundsvall.se'): a number a little under the city's name, with nothing
    but a plain label before it on its line, right beside the city's general mailbox, is its
    switchboard."""
    found: set[str] = set()
    city = re.compile(
        "|".join(re.escape(n) for n in sorted(profile.city_names, key=len, reverse=True) if n),
        re.I,
    )
    for item in phone_items:
        if item.label != "function" or item.person or item.mobile or item.org is not None:
            continue
        if not any(abs(c.start - item.start) < 150 for c in centers):
            continue
        line_start = text.rfind("\n", 0, item.start) + 1
        if city.search(text, max(0, item.start - 250), item.start) is None:
            continue
        if PLAIN_BEFORE.fullmatch(city.sub(" ", text[line_start : item.start])):
            found.add(item.normalized)
    return found
