"""The JSON-LD format of the renderer: schema.org GovernmentService (topics),
GovernmentOrganization (functions, organisations) with ContactPoint and hoursAvailable
(OpeningHoursSpecification); Organization for city-owned companies and external actors."""

from __future__ import annotations

import json

from serviceguiden.directory import hours as hours_module
from serviceguiden.directory import resolve
from serviceguiden.directory.models import ChannelKind, OrganisationKind
from serviceguiden.publishing.cards import BLOCK, LINK_KINDS, Card, ContactView
from serviceguiden.publishing.models import EXTERNAL_ACTOR, FUNCTION, ORGANISATION, TOPIC

SCHEMA_DAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")


def _clock(value) -> str:
    return value.strftime("%H:%M")  # 24:00 is stored as time.max and shown as 23:59


def _opening_hours(schedule: hours_module.Hours) -> list[dict]:
    specs = []
    for day, intervals in enumerate(schedule.weekly):
        for interval in intervals:
            specs.append(
                {
                    "@type": "OpeningHoursSpecification",
                    "dayOfWeek": f"https://schema.org/{SCHEMA_DAYS[day]}",
                    "opens": _clock(interval.opens),
                    "closes": _clock(interval.closes),
                }
            )
    for special in schedule.exceptions:
        if special.date is None:
            continue  # recurring holidays have no fixed date to state
        day = special.date.isoformat()
        for opens, closes in [(i.opens, i.closes) for i in special.intervals] or [(None, None)]:
            specs.append(
                {
                    "@type": "OpeningHoursSpecification",
                    "validFrom": day,
                    "validThrough": day,
                    "opens": _clock(opens) if opens else "00:00",
                    "closes": _clock(closes) if closes else "00:00",
                }
            )
    return specs


def _contact_point(contact: ContactView, lang: str) -> dict:
    point: dict = {"@type": "ContactPoint", "name": contact.name, "availableLanguage": "sv"}
    hours: list[dict] = []
    for channel in contact.channels:
        if channel.kind == ChannelKind.PHONE and "telephone" not in point and channel.href:
            point["telephone"] = channel.href.removeprefix("tel:")
            hours = _opening_hours(channel.schedule) if channel.schedule else hours
        elif channel.kind == ChannelKind.EMAIL and "email" not in point:
            point["email"] = channel.value
        elif channel.kind in LINK_KINDS and "url" not in point and channel.href:
            point["url"] = channel.href
    if contact.website and "url" not in point:
        point["url"] = contact.website
    if hours:
        point["hoursAvailable"] = hours
    return point


def _organisation_ld(name: str, kind: str, **more) -> dict:
    is_government = kind not in (OrganisationKind.COMPANY, EXTERNAL_ACTOR)
    data = {"@type": "GovernmentOrganization" if is_government else "Organization", "name": name}
    data.update({key: value for key, value in more.items() if value})
    return data


def _points(card: Card) -> list[dict]:
    return [_contact_point(c, card.lang) for c in card.contacts if c.channels]


def _head(card: Card) -> dict:
    """Everything but the contacts, which come last (see `jsonld_block`)."""
    if card.kind == TOPIC:
        data: dict = {
            "@type": "GovernmentService",
            "name": card.name,
            "identifier": card.slug,
            "alternateName": list(card.synonyms),
            "provider": _organisation_ld(card.owner, card.owner_kind),
        }
    elif card.kind == FUNCTION:
        data = _organisation_ld(
            card.name, card.owner_kind, identifier=card.slug,
            parentOrganization=_organisation_ld(card.owner, card.owner_kind),
        )  # fmt: skip
    elif card.kind == ORGANISATION:
        data = _organisation_ld(
            card.name, card.owner_kind, identifier=card.slug, url=card.website,
            subOrganization=[_organisation_ld(n, card.owner_kind) for _, n in card.functions],
        )  # fmt: skip
    else:
        data = _organisation_ld(card.name, EXTERNAL_ACTOR, url=card.website)
    if card.description:
        data["description"] = card.description
    data = {key: value for key, value in data.items() if value not in (None, "", [])}
    return {"@context": "https://schema.org", "inLanguage": card.lang, **data}


def _contacts_ld(card: Card) -> tuple[str, list]:
    """The property holding the contacts, and its value: a topic's channels (ContactPoints
    and external actors' websites), an organisation's or function's contact points."""
    points = _points(card)
    if card.kind == TOPIC:
        links = [c for c in card.contacts if c.role == resolve.EXTERNAL_ACTOR]
        channels = [
            {"@type": "ServiceChannel", "name": p["name"], "servicePhone": p}
            if "telephone" in p
            else {"@type": "ServiceChannel", "name": p["name"], "serviceUrl": p.get("url")}
            for p in points
        ] + [{"@type": "ServiceChannel", "name": c.name, "serviceUrl": c.website} for c in links]
        return "availableChannel", channels
    if card.kind in (FUNCTION, ORGANISATION):
        return "contactPoint", points
    return "", []


def jsonld_frame(card: Card) -> str:
    head = json.dumps(_head(card), ensure_ascii=False, separators=(",", ":"))
    return f"{head[:-1]}{BLOCK}}}"


def jsonld_block(card: Card) -> str:
    """`,"availableChannel":[…]` (or `contactPoint`), nothing when there are none."""
    name, value = _contacts_ld(card)
    if not value:
        return ""
    return "," + json.dumps({name: value}, ensure_ascii=False, separators=(",", ":"))[1:-1]


def as_jsonld(card: Card) -> dict:
    """The JSON-LD of `card` as a dict."""
    data = _head(card)
    name, value = _contacts_ld(card)
    if value:
        data[name] = value
    return data

